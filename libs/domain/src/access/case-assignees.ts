import type { EntityManager } from 'typeorm';

/** The ids of the users assigned to a case, in the transaction given. */
export async function caseAssigneeIds(m: EntityManager, defenderId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await m.query(
    `SELECT user_id FROM defender_assignees WHERE defender_id = $1`,
    [defenderId],
  );
  return rows.map((r) => r.user_id);
}

/**
 * An SQL condition, for another feature's query: the user the expression `userIdSql` names
 * is assigned to the case the expression `caseIdSql` names.
 */
export function assignedToCaseSql(caseIdSql: string, userIdSql: string): string {
  return `EXISTS (SELECT 1 FROM defender_assignees case_assignment
                   WHERE case_assignment.defender_id = ${caseIdSql} AND case_assignment.user_id = ${userIdSql})`;
}
