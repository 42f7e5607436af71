import type { EntityManager } from 'typeorm';

/** The ids of the users assigned to a case, in the transaction given. */
export async function caseAssigneeIds(m: EntityManager, defenderId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await m.query(
    `SELECT user_id FROM defender_assignees WHERE defender_id = $1`,
    [defenderId],
  );
  return rows.map((r) => r.user_id);
}
