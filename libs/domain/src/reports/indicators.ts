import { ESCALATION_KINDS, MECHANISMS } from '../escalations';
import { ACTION_TYPES } from '../solidarity';

/**
 * The campaign's indicators: each one's name, its definition in words (docs/user-guide.md's
 * Indicators report repeats them), and the SQL behind it.
 *
 * Every indicator is a set of records (`base`): one row per record counted, with an `id`
 * (uuid) and a `day` (date) that order and page its drill-down. The figure is `count(*)` of
 * that same set and its breakdowns are aggregates over it, so the drill-down always lists
 * exactly the records the figure counts.
 *
 * The SQL runs after these common table expressions, built by ReportsService with the
 * access rules of AccessService (so a figure never counts what the caller may not see):
 * - `scope_d`: defenders the caller may see, not archived, of the `country` asked for (if any);
 *   columns id, full_name, country, status, access, created_at.
 * - `scope_e`: escalations the caller may see (every defender they concern is visible) that
 *   concern at least one `scope_d` defender; columns are the escalation's own.
 * - `scope_a`: solidarity actions the caller may see that stand with at least one `scope_d`
 *   defender, or (without a country filter) with no defender at all.
 * Parameters: :r_from and :r_to (the period, both ends included), :r_today.
 */

export const INDICATOR_NAMES = [
  'new_profiles',
  'profiles_featured',
  'detained_at_period_end',
  'releases',
  'releases_after_escalation',
  'escalations',
  'wgad_opinions',
  'mechanism_outcomes',
  'government_replies',
  'reply_deadlines_missed',
  'solidarity_actions',
  'partners_supported',
] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

export function isIndicatorName(name: string): name is IndicatorName {
  return (INDICATOR_NAMES as readonly string[]).includes(name);
}

/** What the drill-down of an indicator lists. */
export const RECORD_KINDS = [
  'defender',
  'release',
  'escalation',
  'solidarity_action',
  'partner',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface Dimension {
  name: string;
  /** Keys always listed (0 when none), in this order; other dimensions list what occurs, by key. */
  keys?: readonly string[];
}

export interface IndicatorDefinition {
  name: IndicatorName;
  /** Exact definition, shown in the report and in docs/user-guide.md. */
  description: string;
  records: RecordKind;
  /** One row per record counted: `id` (uuid), `day` (date) and the record's columns. */
  base: string;
  /** Rows (dimension, key, value) computed over the CTE `base`. */
  breakdown?: string;
  dimensions: readonly Dimension[];
}

export const WGAD_CATEGORIES = ['I', 'II', 'III', 'IV', 'V'] as const;

const OPENERS = `('arrest', 'rearrest', 'disappearance', 'house_arrest')`;
const RELEASES = `('release', 'conditional_release')`;
/** Events that open or close a detention episode (detention-status.ts rules 4, 5, 5b, 7, 8). */
const STATUS_EVENTS = `('arrest', 'rearrest', 'disappearance', 'house_arrest', 'release',
  'conditional_release', 'death')`;
/** The same-day order of deriveDetention (rule 2): then by seq. */
const RANK = `CASE WHEN e.type IN ('arrest', 'disappearance') THEN 0
  WHEN e.type IN ${RELEASES} THEN 2 WHEN e.type IN ('rearrest', 'house_arrest') THEN 3
  WHEN e.type = 'death' THEN 4 ELSE 1 END`;

/** A timestamptz column within the period, in UTC calendar days (the clock's `today`). */
const stampInPeriod = (col: string) =>
  `${col} >= CAST(:r_from AS date)::timestamp AT TIME ZONE 'UTC'
   AND ${col} < (CAST(:r_to AS date) + 1)::timestamp AT TIME ZONE 'UTC'`;
const dateInPeriod = (col: string) =>
  `${col} BETWEEN CAST(:r_from AS date) AND CAST(:r_to AS date)`;
const utcDay = (col: string) => `(${col} AT TIME ZONE 'UTC')::date`;

const DEFENDER_COLUMNS = `d.full_name, d.country, d.status, d.access`;

/**
 * Releases dated in the period that ended a detention episode, as deriveDetention sees the
 * timeline: a release or conditional release closes the episode opened by the first arrest,
 * re-arrest or disappearance since the previous closing event; one with no episode open (a
 * second release, a release after a conditional one) or after a death ends nothing and is
 * not counted. `days_detained` is that episode's length (release date - its start).
 */
const CLOSING_RELEASES = `
  SELECT h.id, h.occurred_on AS day, h.defender_id, ${DEFENDER_COLUMNS}, h.type,
         h.opened_on AS detained_since, (h.occurred_on - h.opened_on) AS days_detained
    FROM (
      SELECT g.*, min(g.occurred_on) FILTER (WHERE g.opener)
                    OVER (PARTITION BY g.defender_id, g.closers_before) AS opened_on
        FROM (
          SELECT e.id, e.defender_id, e.type, e.occurred_on,
                 e.type IN ${OPENERS} AS opener,
                 lag(e.type IN ${OPENERS}) OVER w AS after_opener,
                 coalesce(bool_or(e.type = 'death')
                   OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false) AS after_death,
                 count(*) FILTER (WHERE e.type NOT IN ${OPENERS})
                   OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS closers_before
            FROM detention_events e
           WHERE e.type IN ${STATUS_EVENTS} AND e.occurred_on <= CAST(:r_to AS date)
             AND e.defender_id IN (
                   SELECT r.defender_id FROM detention_events r JOIN scope_d sd ON sd.id = r.defender_id
                    WHERE r.type IN ${RELEASES} AND ${dateInPeriod('r.occurred_on')})
          WINDOW w AS (PARTITION BY e.defender_id ORDER BY e.occurred_on, ${RANK}, e.seq)
        ) g
    ) h
    JOIN defenders d ON d.id = h.defender_id
   WHERE h.type IN ${RELEASES} AND ${dateInPeriod('h.occurred_on')}
     AND h.after_opener AND NOT h.after_death`;

/** Events that can change the status or the open episode (deriveDetention rules 4-8). */
const STATUS_OR_WHEREABOUTS = `('arrest', 'rearrest', 'disappearance', 'house_arrest', 'release',
  'conditional_release', 'death', 'transfer', 'hunger_strike', 'health_concern', 'ill_treatment')`;
/** Events that show where a disappeared person is held (deriveDetention rule 6). */
const WHEREABOUTS = `('transfer', 'hunger_strike', 'health_concern', 'ill_treatment')`;

/**
 * Defenders deprived of liberty (an episode open: status detained, disappeared or under house
 * arrest) at the end of the period, as deriveDetention gives it from the events dated on or
 * before :r_to.
 * 1. A defender with no status-changing event dated after :r_to has, at :r_to, the status and
 *    episode start the timeline service derived from the whole timeline and cached on the
 *    record (defenders.status, detained_since): only hearings, trials and verdicts may be
 *    dated ahead, and they change neither. So these are read from the record (indexed).
 * 2. For the others the status at :r_to is derived here from their events up to :r_to: the
 *    rows after the last release, conditional release or death (none: all rows) hold the
 *    open episode if they hold an arrest, re-arrest, disappearance or house arrest (and no
 *    death at all, as death is final); it started at the first of them. The last of them says
 *    the status: a disappearance stays `disappeared` unless a whereabouts event (transfer,
 *    hunger strike, health concern, ill-treatment) follows it; a house arrest stays
 *    `house_arrest` unless a transfer follows it; otherwise `detained`.
 */
const DETAINED_AT_END = `
  SELECT d.id, d.detained_since AS day, ${DEFENDER_COLUMNS},
         CASE WHEN d.status IN ('disappeared', 'house_arrest') THEN d.status
              ELSE 'detained' END AS status_at_end
    FROM scope_d d
   WHERE d.status IN ('detained', 'disappeared', 'house_arrest')
     AND NOT EXISTS (SELECT 1 FROM detention_events x
                      WHERE x.defender_id = d.id AND x.occurred_on > CAST(:r_to AS date)
                        AND x.type IN ${STATUS_OR_WHEREABOUTS})
  UNION ALL
  SELECT d.id, s.since AS day, ${DEFENDER_COLUMNS}, s.status_at_end
    FROM (
      SELECT g.defender_id,
             min(g.occurred_on) FILTER (WHERE g.opener) AS since,
             CASE WHEN (array_agg(g.type ORDER BY g.occurred_on DESC, g.rank DESC, g.seq DESC)
                          FILTER (WHERE g.type IN ${WHEREABOUTS} OR g.opener))[1]
                       = 'disappearance' THEN 'disappeared'
                  WHEN (array_agg(g.type ORDER BY g.occurred_on DESC, g.rank DESC, g.seq DESC)
                          FILTER (WHERE g.type = 'transfer' OR g.opener))[1]
                       = 'house_arrest' THEN 'house_arrest'
                  ELSE 'detained' END AS status_at_end
        FROM (
          SELECT e.defender_id, e.type, e.occurred_on, e.seq, ${RANK} AS rank,
                 e.type IN ${OPENERS} AS opener,
                 count(*) FILTER (WHERE e.type IN ${STATUS_EVENTS} AND e.type NOT IN ${OPENERS})
                   OVER (PARTITION BY e.defender_id ORDER BY e.occurred_on, ${RANK}, e.seq
                         ROWS UNBOUNDED PRECEDING) AS closers_so_far,
                 count(*) FILTER (WHERE e.type IN ${STATUS_EVENTS} AND e.type NOT IN ${OPENERS})
                   OVER (PARTITION BY e.defender_id) AS closers,
                 bool_or(e.type = 'death') OVER (PARTITION BY e.defender_id) AS died
            FROM detention_events e
           WHERE e.type IN ${STATUS_OR_WHEREABOUTS} AND e.occurred_on <= CAST(:r_to AS date)
             AND e.defender_id IN (SELECT l.defender_id FROM detention_events l
                                    WHERE l.occurred_on > CAST(:r_to AS date)
                                      AND l.type IN ${STATUS_OR_WHEREABOUTS})
        ) g
       WHERE g.closers_so_far = g.closers AND NOT g.died
       GROUP BY g.defender_id
      HAVING bool_or(g.opener)
    ) s
    JOIN scope_d d ON d.id = s.defender_id`;

const ESCALATION_COLUMNS = `e.id, e.mechanism, e.kind, e.state, e.opinion_number, e.submitted_on,
  e.transmitted_on, e.reply_due_on, e.government_replied_on, e.opinion_adopted_on, e.outcome`;

const REACH_KEYS = ['signatures', 'participants', 'organisations', 'impressions'] as const;
/** A reach figure, when it is a number (null, absent or anything else counts nothing). */
const reachOf = (reach: string, key: string) =>
  `CASE WHEN jsonb_typeof(${reach}->${key}) = 'number' THEN (${reach}->>${key})::numeric END`;

/** The steps that are an outcome of a procedure (procedure-tables.ts). */
const OUTCOME_STATES = `('opinion_adopted', 'views_adopted', 'decision_adopted', 'filed', 'clarified',
  'measures_granted', 'measures_refused', 'government_replied', 'no_reply', 'published',
  'not_included')`;

const byMechanism = `SELECT 'mechanism', mechanism, count(*) FROM base GROUP BY mechanism`;

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    name: 'new_profiles',
    description:
      'Defenders whose case record was created in the period (UTC calendar days). Breakdown by country of detention.',
    records: 'defender',
    base: `SELECT d.id, ${utcDay('d.created_at')} AS day, ${DEFENDER_COLUMNS}
             FROM scope_d d WHERE ${stampInPeriod('d.created_at')}`,
    breakdown: `SELECT 'country', country, count(*) FROM base GROUP BY country`,
    dimensions: [{ name: 'country' }],
  },
  {
    name: 'profiles_featured',
    description:
      'Defenders whose public profile was featured for the first time in the period (publications.first_featured_at, UTC calendar days), whether or not it is still featured. Breakdown by country.',
    records: 'defender',
    base: `SELECT d.id, ${utcDay('p.first_featured_at')} AS day, ${DEFENDER_COLUMNS}
             FROM publications p JOIN scope_d d ON d.id = p.defender_id
            WHERE ${stampInPeriod('p.first_featured_at')}`,
    breakdown: `SELECT 'country', country, count(*) FROM base GROUP BY country`,
    dimensions: [{ name: 'country' }],
  },
  {
    name: 'detained_at_period_end',
    description:
      'Defenders deprived of liberty on the last day of the period: their detention status on that day, derived from the timeline events dated on or before it by the same rules as the current status, is detained, disappeared or house_arrest (a detention episode is open: an arrest, re-arrest, disappearance or house arrest not followed by a release, conditional release or death). Disappeared defenders and those under house arrest count, as an enforced disappearance and house arrest are deprivations of liberty (WGAD Deliberation No. 1); the breakdown separates them. Breakdown by status and country. The record date is the start of the episode.',
    records: 'defender',
    base: DETAINED_AT_END,
    breakdown: `SELECT 'status', status_at_end, count(*) FROM base GROUP BY status_at_end
                UNION ALL SELECT 'country', country, count(*) FROM base GROUP BY country`,
    dimensions: [
      { name: 'status', keys: ['detained', 'disappeared', 'house_arrest'] },
      { name: 'country' },
    ],
  },
  {
    name: 'releases',
    description:
      'Releases and conditional releases dated in the period that ended a detention episode (a second release, or one with no arrest or disappearance recorded before it, ends nothing and is not counted). Breakdown by type, and the median number of days detained at release (the length of the episode the release ended, from the arrest, re-arrest or disappearance that opened it; null when there is no release).',
    records: 'release',
    base: CLOSING_RELEASES,
    breakdown: `SELECT 'type', type, count(*) FROM base GROUP BY type
                UNION ALL SELECT 'days_detained', 'median',
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY days_detained) FROM base`,
    dimensions: [
      { name: 'type', keys: ['release', 'conditional_release'] },
      { name: 'days_detained', keys: ['median'] },
    ],
  },
  {
    name: 'releases_after_escalation',
    description:
      'Of the releases counted above, those of a defender with an escalation (to any mechanism) submitted on or before the release date. Breakdown by type and by mechanism (the mechanisms of those escalations; a release after escalations to two mechanisms counts under each).',
    records: 'release',
    base: `SELECT rel.* FROM (${CLOSING_RELEASES}) rel
            WHERE EXISTS (SELECT 1 FROM escalation_defenders x JOIN scope_e se ON se.id = x.escalation_id
                           WHERE x.defender_id = rel.defender_id AND se.submitted_on <= rel.day)`,
    breakdown: `SELECT 'type', type, count(*) FROM base GROUP BY type
                UNION ALL SELECT 'mechanism', se.mechanism, count(DISTINCT b.id)
                  FROM base b JOIN escalation_defenders x ON x.defender_id = b.defender_id
                  JOIN scope_e se ON se.id = x.escalation_id
                 WHERE se.submitted_on <= b.day GROUP BY se.mechanism`,
    dimensions: [
      { name: 'type', keys: ['release', 'conditional_release'] },
      { name: 'mechanism', keys: MECHANISMS },
    ],
  },
  {
    name: 'escalations',
    description:
      'Escalations submitted to a UN or regional mechanism in the period (submission date). Breakdown by mechanism and by kind.',
    records: 'escalation',
    base: `SELECT e.submitted_on AS day, ${ESCALATION_COLUMNS}
             FROM scope_e e WHERE ${dateInPeriod('e.submitted_on')}`,
    breakdown: `${byMechanism} UNION ALL SELECT 'kind', kind, count(*) FROM base GROUP BY kind`,
    dimensions: [
      { name: 'mechanism', keys: MECHANISMS },
      { name: 'kind', keys: ESCALATION_KINDS },
    ],
  },
  {
    name: 'wgad_opinions',
    description:
      'Opinions of the WGAD adopted in the period (adoption date). Breakdown by finding (arbitrary, not_arbitrary, not_stated) and, for the opinions that found the detention arbitrary, by category found (I-V; one opinion may find several).',
    records: 'escalation',
    base: `SELECT e.opinion_adopted_on AS day, ${ESCALATION_COLUMNS}
             FROM scope_e e WHERE e.mechanism = 'wgad' AND ${dateInPeriod('e.opinion_adopted_on')}`,
    breakdown: `SELECT 'finding', CASE outcome->>'arbitrary' WHEN 'true' THEN 'arbitrary'
                  WHEN 'false' THEN 'not_arbitrary' ELSE 'not_stated' END, count(*)
                  FROM base GROUP BY 2
                UNION ALL SELECT 'category', c, count(DISTINCT id)
                  FROM base, jsonb_array_elements_text(
                    CASE WHEN jsonb_typeof(outcome->'categoriesFound') = 'array'
                         THEN outcome->'categoriesFound' ELSE '[]'::jsonb END) c
                 WHERE outcome->>'arbitrary' = 'true' GROUP BY c`,
    dimensions: [
      { name: 'finding', keys: ['arbitrary', 'not_arbitrary', 'not_stated'] },
      { name: 'category', keys: WGAD_CATEGORIES },
    ],
  },
  {
    name: 'mechanism_outcomes',
    description:
      "Escalations that reached an outcome of their procedure in the period (the date of that step; the latest if several): a WGAD opinion (opinion_arbitrary, opinion_not_arbitrary, or opinion_adopted without a finding), views or a decision adopted, the case filed or clarified, measures granted or refused, the government's reply or its absence (government_replied, no_reply), publication (published, not_included). Breakdown: one dimension per mechanism, keyed by the outcomes reached in the period (an escalation that reached two counts under each).",
    records: 'escalation',
    base: `SELECT o.day, ${ESCALATION_COLUMNS}
             FROM scope_e e
             JOIN LATERAL (SELECT t.occurred_on AS day FROM escalation_transitions t
                            WHERE t.escalation_id = e.id AND t.to_state IN ${OUTCOME_STATES}
                              AND ${dateInPeriod('t.occurred_on')}
                            ORDER BY t.occurred_on DESC, t.at DESC LIMIT 1) o ON true`,
    breakdown: `SELECT b.mechanism, CASE WHEN t.to_state = 'opinion_adopted' AND b.mechanism = 'wgad'
                  THEN CASE b.outcome->>'arbitrary' WHEN 'true' THEN 'opinion_arbitrary'
                       WHEN 'false' THEN 'opinion_not_arbitrary' ELSE 'opinion_adopted' END
                  ELSE t.to_state END, count(DISTINCT b.id)
                  FROM base b JOIN escalation_transitions t ON t.escalation_id = b.id
                 WHERE t.to_state IN ${OUTCOME_STATES} AND ${dateInPeriod('t.occurred_on')}
                 GROUP BY 1, 2`,
    dimensions: MECHANISMS.map((name) => ({ name })),
  },
  {
    name: 'government_replies',
    description:
      "Government replies received in the period (date of the government's reply). Breakdown by mechanism and by timeliness: on_time (on or before the reply deadline, or no deadline) or late.",
    records: 'escalation',
    base: `SELECT e.government_replied_on AS day, ${ESCALATION_COLUMNS}
             FROM scope_e e WHERE ${dateInPeriod('e.government_replied_on')}`,
    breakdown: `${byMechanism} UNION ALL SELECT 'timeliness',
                  CASE WHEN reply_due_on IS NULL OR government_replied_on <= reply_due_on
                       THEN 'on_time' ELSE 'late' END, count(*) FROM base GROUP BY 2`,
    dimensions: [
      { name: 'mechanism', keys: MECHANISMS },
      { name: 'timeliness', keys: ['on_time', 'late'] },
    ],
  },
  {
    name: 'reply_deadlines_missed',
    description:
      'Government reply deadlines that fell in the period and had passed by today (reply due date in the period and before today) with no reply by the deadline: none at all, or one received after it. Breakdown by mechanism and by reply (none, late).',
    records: 'escalation',
    base: `SELECT e.reply_due_on AS day, ${ESCALATION_COLUMNS}
             FROM scope_e e
            WHERE ${dateInPeriod('e.reply_due_on')} AND e.reply_due_on < CAST(:r_today AS date)
              AND (e.government_replied_on IS NULL OR e.government_replied_on > e.reply_due_on)`,
    breakdown: `${byMechanism} UNION ALL SELECT 'reply',
                  CASE WHEN government_replied_on IS NULL THEN 'none' ELSE 'late' END, count(*)
                  FROM base GROUP BY 2`,
    dimensions: [
      { name: 'mechanism', keys: MECHANISMS },
      { name: 'reply', keys: ['none', 'late'] },
    ],
  },
  {
    name: 'solidarity_actions',
    description:
      'Solidarity actions starting in the period, except cancelled ones. Breakdown by type, and their reach: the sums of signatures, participants, organisations and impressions recorded, and total (the sum of the four).',
    records: 'solidarity_action',
    base: `SELECT a.id, a.starts_on AS day, a.type, a.title, a.status, a.starts_on, a.ends_on, a.reach
             FROM scope_a a WHERE ${dateInPeriod('a.starts_on')} AND a.status <> 'cancelled'`,
    breakdown: `SELECT 'type', type, count(*) FROM base GROUP BY type
                UNION ALL SELECT 'reach', r.key, coalesce(sum(${reachOf('b.reach', 'r.key')}), 0)
                  FROM (VALUES ${REACH_KEYS.map((k) => `('${k}')`).join(', ')}) r(key)
                  LEFT JOIN base b ON true GROUP BY r.key
                UNION ALL SELECT 'reach', 'total', coalesce(sum(${REACH_KEYS.map(
                  (k) => `coalesce(${reachOf('reach', `'${k}'`)}, 0)`,
                ).join(' + ')}), 0) FROM base`,
    dimensions: [
      { name: 'type', keys: ACTION_TYPES },
      { name: 'reach', keys: [...REACH_KEYS, 'total'] },
    ],
  },
  {
    name: 'partners_supported',
    description:
      'Distinct partner organisations named on escalations submitted in the period (the partners the campaign supported to take part in UN and regional mechanisms). Breakdown by mechanism: a partner named on escalations to two mechanisms counts once in the figure and once under each. The record date is its first such submission in the period.',
    records: 'partner',
    base: `SELECT p.id, min(e.submitted_on) AS day, p.name, p.country, p.kind,
                  array_agg(DISTINCT e.mechanism ORDER BY e.mechanism) AS mechanisms,
                  count(DISTINCT e.id) AS escalations
             FROM escalation_partners ep
             JOIN scope_e e ON e.id = ep.escalation_id
             JOIN partners p ON p.id = ep.partner_id
            WHERE ${dateInPeriod('e.submitted_on')}
            GROUP BY p.id`,
    breakdown: `SELECT 'mechanism', m, count(*) FROM base, unnest(mechanisms) m GROUP BY m`,
    dimensions: [{ name: 'mechanism', keys: MECHANISMS }],
  },
];

export function indicatorDefinition(name: IndicatorName): IndicatorDefinition {
  return INDICATORS.find((i) => i.name === name)!;
}

export interface BreakdownEntry {
  dimension: string;
  key: string;
  value: number | null;
}

/**
 * The breakdown as the report shows it: dimensions in the definition's order, fixed keys in
 * their order (0 when absent), other keys sorted.
 */
export function shapeBreakdown(
  def: Pick<IndicatorDefinition, 'dimensions'>,
  rows: readonly BreakdownEntry[],
): BreakdownEntry[] {
  const out: BreakdownEntry[] = [];
  for (const dim of def.dimensions) {
    const mine = rows.filter((r) => r.dimension === dim.name);
    if (dim.keys) {
      for (const key of dim.keys) {
        const hit = mine.find((r) => r.key === key);
        out.push({ dimension: dim.name, key, value: hit ? hit.value : 0 });
      }
      // A value outside the vocabulary (data older than a rename) is shown, not dropped.
      for (const r of mine.filter((r) => !dim.keys!.includes(r.key)).sort(byKey)) out.push(r);
    } else {
      out.push(...[...mine].sort(byKey));
    }
  }
  return out;
}

const byKey = (a: BreakdownEntry, b: BreakdownEntry) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
