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

/**
 * Decides who may know of a case and what the public sees: a case's access level, its
 * assignees, the publication of its profile and whether a solidarity action is public.
 * Caseworkers and viewers never do (issue 19): a caseworker who could declassify a restricted
 * case, or hide one from colleagues, would undo need-to-know for everyone.
 *
 * One exception, on purpose: a caseworker OPENING a case may open it as restricted (they are
 * assigned to it at once): hiding a new record to protect someone is their duty, and nobody
 * else knew of it yet. Once open, changing its access is a coordinator's or admin's call.
 */
export function decidesAccess(actor: Actor): boolean {
  return actor.role === 'coordinator' || actor.role === 'admin' || actor.role === 'system';
}

/** Fields only deciders set, and what a refusal says of each (the 403 names the field). */
export const DECISION_FIELDS = {
  access: 'is decided by coordinators and admins: ask one to change who may know of this case',
  isPublic:
    'is decided by coordinators and admins: ask one to publish this action or withdraw it from the public profiles',
  confidential:
    'can be cleared only by coordinators and admins: ask one to make this document visible to everyone who sees the case',
} as const;
export type DecisionField = keyof typeof DECISION_FIELDS;

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

/**
 * The SQL condition "the actor may see the record aliased `link.ownerAlias`, linked to cases
 * through `link.table` (`link.column` = the record's id)": every case it concerns is visible
 * to them; one hidden case hides the record (escalations, solidarity actions).
 */
export function linkedVisibleSql(
  actor: Actor,
  link: { table: string; column: string; ownerAlias: string },
): { where: string; params: Record<string, unknown> } {
  if (seesAllCases(actor)) return { where: 'TRUE', params: {} };
  const assigned =
    actor.role !== 'viewer' && actor.userId
      ? ` AND NOT EXISTS (SELECT 1 FROM defender_assignees da
                           WHERE da.defender_id = ld.id AND da.user_id = :linkUserId)`
      : '';
  return {
    where: `NOT EXISTS (SELECT 1 FROM ${link.table} lk JOIN defenders ld ON ld.id = lk.defender_id
                  WHERE lk.${link.column} = ${link.ownerAlias}.id AND ld.access = 'restricted'${assigned})`,
    params: { linkUserId: actor.userId },
  };
}

/**
 * The SQL condition "the user aliased `userAlias` (a users row) may see the case aliased
 * `caseAlias`" (a defenders row, NULL for a record of no case), as `caseVisibleSql` decides
 * for an actor: what a reminder checks about its recipient when it goes out.
 */
export function recipientSeesCaseSql(userAlias: string, caseAlias: string): string {
  return `(${caseAlias}.id IS NULL OR ${userAlias}.role IN ('coordinator', 'admin')
           OR ${caseAlias}.access = 'standard'
           OR (${userAlias}.role <> 'viewer' AND EXISTS (SELECT 1 FROM defender_assignees rda
                WHERE rda.defender_id = ${caseAlias}.id AND rda.user_id = ${userAlias}.id)))`;
}

/**
 * The cases a record of any kind hangs on, for `hiddenReferencesSql`: a case itself, a
 * document (or one of its versions), a timeline event, a consent, a milestone, the cases of
 * an escalation, of a solidarity action, of a dossier's escalation. `r.id` is the record's
 * id (a uuid); every branch is one index lookup.
 */
const CASES_OF_RECORD = `
  SELECT r.id AS defender_id
  UNION ALL SELECT defender_id FROM documents WHERE id = r.id
  UNION ALL SELECT doc.defender_id FROM document_versions v
              JOIN documents doc ON doc.id = v.document_id WHERE v.id = r.id
  UNION ALL SELECT defender_id FROM detention_events WHERE id = r.id
  UNION ALL SELECT defender_id FROM consents WHERE id = r.id
  UNION ALL SELECT defender_id FROM milestones WHERE id = r.id
  UNION ALL SELECT defender_id FROM escalation_defenders WHERE escalation_id = r.id
  UNION ALL SELECT defender_id FROM solidarity_action_defenders WHERE action_id = r.id
  UNION ALL SELECT ed.defender_id FROM dossiers ds
              JOIN escalation_defenders ed ON ed.escalation_id = ds.escalation_id
             WHERE ds.id = r.id`;

/**
 * Of the ids in `:refIds` (uuid[]: any mix of cases, documents, escalations, actions,
 * dossiers...), those that are, or hang on, a case the actor may not see. What a list that
 * shows records of several cases (the case history) must leave out: one hidden case hides
 * the record, as everywhere else (`restrictLinked`).
 */
export function hiddenReferencesSql(actor: Actor): {
  sql: string;
  params: Record<string, unknown>;
} {
  const visible = caseVisibleSql(actor, 'hd');
  return {
    sql: `SELECT DISTINCT r.id::text AS id FROM unnest(CAST(:refIds AS uuid[])) AS r(id)
            CROSS JOIN LATERAL (${CASES_OF_RECORD}) rc
            JOIN defenders hd ON hd.id = rc.defender_id
           WHERE NOT (${visible.where})`,
    params: visible.params,
  };
}
