import type { EntityManager } from 'typeorm';

/**
 * Our human reference of an escalation, WIT-YYYY-NNNN: the year it was opened and its number
 * in that year, from 1, with no gaps. The number is taken in the creating transaction from the
 * year's counter row, locked FOR UPDATE until that transaction ends (a sequence would leave
 * gaps when a creation rolls back; this does not, and two creations at once wait in turn).
 */

const REFERENCE = /^WIT-(\d{4})-(\d{4,})$/;

/** WIT-2026-0042 (five digits and more once a year passes 9,999). */
export function formatEscalationReference(year: number, n: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year ${year}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`number ${n}`);
  return `WIT-${year}-${String(n).padStart(4, '0')}`;
}

/** The year and number of a reference, or null when it is not one. */
export function parseEscalationReference(ref: string): { year: number; n: number } | null {
  const m = REFERENCE.exec(ref);
  return m ? { year: Number(m[1]), n: Number(m[2]) } : null;
}

/** Take the next reference of `year` inside the caller's transaction. */
export async function allocateEscalationReference(
  tx: EntityManager,
  year: number,
): Promise<string> {
  await tx.query(
    `INSERT INTO escalation_reference_counters (year, last_number) VALUES ($1, 0)
     ON CONFLICT (year) DO NOTHING`,
    [year],
  );
  const rows: { last_number: number }[] = await tx.query(
    `SELECT last_number FROM escalation_reference_counters WHERE year = $1 FOR UPDATE`,
    [year],
  );
  const next = rows[0].last_number + 1;
  await tx.query(`UPDATE escalation_reference_counters SET last_number = $2 WHERE year = $1`, [
    year,
    next,
  ]);
  return formatEscalationReference(year, next);
}
