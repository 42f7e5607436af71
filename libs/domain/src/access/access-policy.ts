import type { Actor } from '../shared/actor';

/**
 * Who may do what (pure rules; the api's guard enforces route roles, services enforce
 * need-to-know per record).
 *
 * - viewer: reads standard cases, never sensitive fields.
 * - caseworker: creates and edits cases and timelines; sees restricted cases only when
 *   assigned to them.
 * - coordinator: all a caseworker does, sees every case, decides (assignments, later
 *   escalations and publication).
 * - admin: everything, including users and the audit trail.
 * - system: jobs and seeds.
 */
export type ActorRole = Actor['role'];

export const CASE_EDITORS: readonly ActorRole[] = ['caseworker', 'coordinator', 'admin'];
export const DECIDERS: readonly ActorRole[] = ['coordinator', 'admin'];
export const ALL_STAFF: readonly ActorRole[] = ['viewer', 'caseworker', 'coordinator', 'admin'];

/** Sees every case, restricted or not, without being assigned. */
export function seesAllCases(actor: Actor): boolean {
  return actor.role === 'coordinator' || actor.role === 'admin' || actor.role === 'system';
}

/** May read contacts, confidential notes and source identities of the cases they can see. */
export function seesSensitive(actor: Actor): boolean {
  return actor.role !== 'viewer';
}

/** May a caseworker with this role be assigned to a case? */
export function assignable(role: string): boolean {
  return role === 'caseworker' || role === 'coordinator';
}

/**
 * The SQL condition "the actor may see the case aliased `alias`" (need-to-know), with its
 * parameters. Every query that narrows cases, or records hanging on one case, uses it.
 */
export function caseVisibleSql(
  actor: Actor,
  alias = 'd',
): { where: string; params: Record<string, unknown> } {
  if (seesAllCases(actor)) return { where: 'TRUE', params: {} };
  if (actor.role === 'viewer' || !actor.userId)
    return { where: `${alias}.access = 'standard'`, params: {} };
  return {
    where: `(${alias}.access = 'standard' OR EXISTS (SELECT 1 FROM defender_assignees da
             WHERE da.defender_id = ${alias}.id AND da.user_id = :accessUserId))`,
    params: { accessUserId: actor.userId },
  };
}
