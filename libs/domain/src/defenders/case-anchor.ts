import type { EntityManager } from 'typeorm';

/**
 * The case a record shared by several cases (a group escalation, a joint action) hangs on:
 * a restricted one when there is one, so what hangs on it (a milestone and its reminders)
 * reaches only those who may see that case; else the first.
 */
export async function anchorCase(
  tx: EntityManager,
  defenderIds: readonly string[],
): Promise<string | null> {
  if (!defenderIds.length) return null;
  const rows: { id: string }[] = await tx.query(
    `SELECT id FROM defenders WHERE id = ANY($1)
      ORDER BY (access = 'restricted') DESC, array_position($1::uuid[], id) LIMIT 1`,
    [defenderIds],
  );
  return rows[0]?.id ?? null;
}
