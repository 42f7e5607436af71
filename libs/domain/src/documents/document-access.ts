import { assignedToCaseSql, seesAllCases } from '../access';
import type { Actor } from '../shared/actor';

/**
 * Who sees a document, on top of need-to-know for its case (a document of a case the actor
 * cannot see does not exist for them):
 *
 * - a confidential document: the caseworkers assigned to the case, coordinators and admins;
 *   for anyone else it is a 404 and absent from lists;
 * - any other document: everyone who can see the case, viewers included;
 * - the source identity: never viewers (as every sensitive field).
 */
export function seesConfidentialDocuments(actor: Actor, assignedToCase: boolean): boolean {
  if (seesAllCases(actor)) return true;
  return actor.role === 'caseworker' && assignedToCase;
}

/**
 * The SQL condition "the actor may see this document" (alias `doc`, its case already known to
 * be visible): not deleted, and not confidential unless the actor may see confidential ones.
 */
export function documentVisibleSql(
  actor: Actor,
  alias = 'doc',
): { where: string; params: Record<string, unknown> } {
  const live = `${alias}.deleted_at IS NULL`;
  if (seesAllCases(actor)) return { where: live, params: {} };
  if (actor.role !== 'caseworker' || !actor.userId)
    return { where: `${live} AND ${alias}.confidential = false`, params: {} };
  return {
    where: `${live} AND (${alias}.confidential = false OR ${assignedToCaseSql(`${alias}.defender_id`, ':docUserId')})`,
    params: { docUserId: actor.userId },
  };
}
