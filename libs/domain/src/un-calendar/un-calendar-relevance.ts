import { DEPRIVED_OF_LIBERTY } from '../shared/detention-status';
import { AWAITING_REPLY, TERMINAL } from '../escalations';
import { sqlIn } from '../shared/vocabulary';

const DEPRIVED_OF_LIBERTY_SQL = `(${sqlIn(DEPRIVED_OF_LIBERTY)})`;
import type { CalendarEntryKind } from './un-calendar.types';

/** Why a case fits a window for action; one rule per entry kind. */
export const OPPORTUNITY_REASONS = {
  upr_state_under_review: 'Detained in a state under review at this UPR session',
  wgad_decidable:
    'A WGAD communication whose government reply period has ended by the cut-off: it can be decided at this session',
  hrc_flagged: 'An escalation flagged for this Human Rights Council session',
  regional_open_communication: 'An open communication before this regional body',
} as const;
export type OpportunityReason = keyof typeof OPPORTUNITY_REASONS;

/** A WGAD regular communication the government has been asked about: decidable once its period ends. */
const WGAD_PENDING = [
  ...AWAITING_REPLY,
  'government_replied',
  'no_reply',
  'pending_further_information',
  'source_comments_sent',
].filter((s, i, all) => all.indexOf(s) === i);

export interface RelevanceEntry {
  kind: CalendarEntryKind;
  number: number | null;
  body: string | null;
  countries: string[];
  startsOn: string;
  /** For a WGAD session: the case cut-off (or the first day when none is set). */
  cutoffOn: string;
}

/**
 * SQL (named parameters, for a TypeORM query builder) yielding one row per defender the entry
 * is relevant to: `defender_id`, `escalation_ids` and `owner_ids` (the owners of the
 * escalations concerned, who get the milestones). Not narrowed by access: callers add the
 * actor's visibility of the cases where people read it, and `escalations` (a condition on the
 * escalation aliased `e`, e.g. `linkedVisibleSql`) keeps out the escalations the reader may
 * not see, so a case is neither listed for one nor shown one; the milestones sync needs all.
 */
export function relevanceSql(
  e: RelevanceEntry,
  visibleEscalation: { where: string; params: Record<string, unknown> } = {
    where: 'TRUE',
    params: {},
  },
): {
  sql: string;
  params: Record<string, unknown>;
  reason: OpportunityReason;
} {
  const r = relevanceSqlOf(e, visibleEscalation.where);
  return { ...r, params: { ...r.params, ...visibleEscalation.params } };
}

function relevanceSqlOf(
  e: RelevanceEntry,
  visible: string,
): { sql: string; params: Record<string, unknown>; reason: OpportunityReason } {
  const owners = `COALESCE(array_agg(DISTINCT e.owner_id) FILTER (WHERE e.owner_id IS NOT NULL), '{}')`;
  const escalations = `COALESCE(array_agg(DISTINCT e.id) FILTER (WHERE e.id IS NOT NULL), '{}')`;
  // Ended escalations: nothing more can come of them at a session.
  const ended = { calEnded: TERMINAL };
  const viaEscalations = (where: string) => `
    SELECT ed.defender_id, ${escalations} AS escalation_ids, ${owners} AS owner_ids
      FROM un_calendar_escalations e
      JOIN un_calendar_escalation_cases ed ON ed.escalation_id = e.id
      JOIN un_calendar_cases dd ON dd.id = ed.defender_id
     WHERE dd.archived_at IS NULL AND (${visible}) AND ${where}
     GROUP BY ed.defender_id`;
  switch (e.kind) {
    case 'upr_session':
      // Every detained (or disappeared) defender of a state under review, with any UPR
      // submission escalation already under way for them.
      return {
        reason: 'upr_state_under_review',
        params: { ...ended, calCountries: e.countries },
        sql: `
          SELECT dd.id AS defender_id, ${escalations} AS escalation_ids, ${owners} AS owner_ids
            FROM un_calendar_cases dd
            LEFT JOIN un_calendar_escalation_cases ed ON ed.defender_id = dd.id
            LEFT JOIN un_calendar_escalations e ON e.id = ed.escalation_id
                  AND e.kind = 'upr_submission' AND e.state NOT IN (:...calEnded) AND (${visible})
           WHERE dd.archived_at IS NULL AND dd.status IN ${DEPRIVED_OF_LIBERTY_SQL}
             AND dd.country = ANY(:calCountries)
           GROUP BY dd.id`,
      };
    case 'wgad_session':
      // Transmitted communications whose reply period (with any extension) ends by the cut-off.
      return {
        reason: 'wgad_decidable',
        params: { calPending: WGAD_PENDING, calCutoff: e.cutoffOn },
        sql: viaEscalations(`e.kind = 'wgad_regular' AND e.state IN (:...calPending)
          AND (e.reply_due_on IS NULL OR e.reply_due_on <= :calCutoff)`),
      };
    case 'hrc_session':
      // "Flagged": the escalation's HRC session names this session's number.
      return {
        reason: 'hrc_flagged',
        params: { ...ended, calNumber: e.number ?? -1 },
        sql: viaEscalations(`e.state NOT IN (:...calEnded) AND e.hrc_session ~ '[0-9]'
          AND ((regexp_match(e.hrc_session, '([0-9]{1,4})'))[1])::int = :calNumber`),
      };
    case 'regional_session':
      return {
        reason: 'regional_open_communication',
        params: { ...ended, calBody: e.body ?? '', calCountries: e.countries },
        sql: viaEscalations(`e.kind = 'regional_communication' AND e.mechanism = :calBody
          AND e.state NOT IN (:...calEnded)
          ${e.countries.length ? 'AND dd.country = ANY(:calCountries)' : ''}`),
      };
  }
}
