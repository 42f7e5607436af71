/**
 * Detention status and days in detention, derived from a defender's timeline.
 *
 * Pure functions: no framework imports, no I/O, no clock. `today` is always passed in.
 * All dates are calendar dates 'YYYY-MM-DD' (proleptic Gregorian, no time zone); day arithmetic
 * is done on day numbers, so DST and time zones play no part.
 *
 * Rules (the domain facts the rest of the system relies on):
 * 1. Events dated after `today` (e.g. scheduled hearings) are ignored for the derivation.
 *    Only hearing, trial and verdict may be dated in the future (see `mayBeFuture`).
 * 2. Order: by `occurredOn`; on the same day arrest and disappearance first, then all other
 *    events, then closers (release, conditional_release), then rearrest and house_arrest,
 *    then death last; remaining ties by `seq` (insertion order). The order in which events are
 *    passed in does not matter. Consequence: arrest + release on one day gives `released` with
 *    a 0-day episode; release + rearrest on one day gives `detained` (re-arrested at the prison
 *    gate, which happens), with a new episode opening that day; arrest + house_arrest on one
 *    day gives `house_arrest`.
 * 3. No events, or only events that do not determine status, give `unknown`.
 * 4. arrest / rearrest: status `detained`; opens an episode if none is open (an arrest while
 *    already detained, e.g. recorded twice, does not open a second one).
 * 5. disappearance: status `disappeared`; opens an episode if none is open (an enforced
 *    disappearance is a deprivation of liberty and counts as detention days); an open episode
 *    continues.
 * 5b. house_arrest: status `house_arrest`; opens an episode if none is open. House arrest is a
 *    deprivation of liberty (WGAD Deliberation No. 1): it counts as detention days, and moving
 *    from prison to house arrest (or back) continues the same episode. Conditional release
 *    (bail, parole) is not house arrest and stays distinct.
 * 6. While `disappeared`, transfer, hunger_strike, health_concern or ill_treatment mean the
 *    whereabouts are known again: status back to `detained`, same episode; a house_arrest
 *    event gives `house_arrest`. While `house_arrest`, a transfer (to a place of detention),
 *    an arrest or a re-arrest gives `detained`, same episode. hearing, trial, verdict and
 *    sentence do not change the status (trials in absentia happen).
 * 7. release: status `released`; conditional_release: status `conditionally_released`. Both
 *    close the open episode on that date; with nothing open they still set the status.
 * 8. death: status `deceased`, closes any open episode on that date; terminal: later events
 *    change nothing.
 * 9. Any other event (charge, hearing, ..., other) changes neither status nor episodes; an
 *    `unknown` status stays `unknown`.
 * 10. Episode days = daysBetween(start, end ?? today): arrested yesterday = 1 day, arrested and
 *    released the same day = 0. closedDays = sum over closed episodes; totalDaysDetained =
 *    closedDays + (daysDetained ?? 0). detainedSince / daysDetained are set only while an
 *    episode is open, which is exactly when the status is one of DEPRIVED_OF_LIBERTY
 *    (`detained`, `disappeared`, `house_arrest`).
 * Invalid dates (not real calendar dates) throw a RangeError: bad data must fail loudly, not
 * produce a plausible but wrong day count.
 */

export const EVENT_TYPES = [
  'arrest',
  'charge',
  'hearing',
  'trial',
  'verdict',
  'sentence',
  'appeal',
  'transfer',
  'hunger_strike',
  'health_concern',
  'ill_treatment',
  'visit_denied',
  'release',
  'conditional_release',
  'rearrest',
  'disappearance',
  'death',
  'other',
  // Added for the UN questionnaires (issue 20): deprivation of liberty at home, the facts of
  // detention the WGAD asks about, and the domestic remedies with their outcomes.
  'house_arrest',
  'pretrial_extension',
  'incommunicado',
  'lawyer_denied',
  'complaint',
  'habeas_corpus',
  'release_request',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const DEFENDER_STATUSES = [
  'detained',
  'house_arrest',
  'conditionally_released',
  'released',
  'disappeared',
  'deceased',
  'unknown',
] as const;
export type DefenderStatus = (typeof DEFENDER_STATUSES)[number];

/**
 * The statuses of a person deprived of liberty: a detention episode is open exactly then.
 * Everything that counts or selects "detained" people (days in detention, indicators, UN
 * calendar opportunities, anniversaries) uses this list, never `'detained'` alone.
 */
export const DEPRIVED_OF_LIBERTY: readonly DefenderStatus[] = [
  'detained',
  'disappeared',
  'house_arrest',
];

/** True for a status in which a detention episode is open (see DEPRIVED_OF_LIBERTY). */
export function isDeprivedOfLiberty(status: string): boolean {
  return (DEPRIVED_OF_LIBERTY as readonly string[]).includes(status);
}

/**
 * Event types that describe a period (incommunicado, access denied, hunger strike, a
 * pre-trial detention extended until a date): they may carry `endedOn`.
 */
export const PERIOD_EVENT_TYPES: readonly EventType[] = [
  'incommunicado',
  'lawyer_denied',
  'visit_denied',
  'hunger_strike',
  'pretrial_extension',
  'house_arrest',
];

/** Steps before the authorities that have a result (questionnaire section V): `outcome`. */
export const REMEDY_EVENT_TYPES: readonly EventType[] = [
  'hearing',
  'trial',
  'verdict',
  'appeal',
  'complaint',
  'habeas_corpus',
  'release_request',
];

/** Events that take someone into custody: they may say whether a warrant was shown. */
export const CUSTODY_EVENT_TYPES: readonly EventType[] = ['arrest', 'rearrest'];

/** Event types that may be dated in the future (scheduled). */
export const SCHEDULABLE_EVENT_TYPES: readonly EventType[] = ['hearing', 'trial', 'verdict'];

export interface TimelineFact {
  type: EventType;
  /** 'YYYY-MM-DD' */
  occurredOn: string;
  /** Insertion order, tie-break. */
  seq: number;
}

export interface DetentionEpisode {
  start: string;
  end: string | null;
  openedBy: EventType;
  closedBy: EventType | null;
  days: number;
}

export interface DetentionSummary {
  status: DefenderStatus;
  /** Start of the open episode, null when none is open. */
  detainedSince: string | null;
  /** Days in the open episode up to `today`, null when none is open. */
  daysDetained: number | null;
  /** All episodes, the open one counted up to `today`. */
  totalDaysDetained: number;
  /** Sum of days of closed episodes only (callers may cache it and add the open part later). */
  closedDays: number;
  /** Chronological. */
  episodes: DetentionEpisode[];
}

const CLOSERS: readonly EventType[] = ['release', 'conditional_release'];
/** Events that show where a disappeared person is held. */
const WHEREABOUTS_KNOWN: readonly EventType[] = [
  'transfer',
  'hunger_strike',
  'health_concern',
  'ill_treatment',
];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parseDate(s: string): [number, number, number] | null {
  if (typeof s !== 'string') return null;
  const match = DATE_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumber(s: string): number {
  const parsed = parseDate(s);
  if (!parsed) throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(s)}`);
  const [y0, m, d] = parsed;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** True if a date string is a real calendar date 'YYYY-MM-DD' (rejects 2025-02-30). */
export function isCalendarDate(s: string): boolean {
  return parseDate(s) !== null;
}

/** Whole calendar days from a to b (b - a), both 'YYYY-MM-DD'; negative if b < a. UTC arithmetic, no DST issues. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Days of an open episode that started on `since`, as of `today` (never negative). */
export function openEpisodeDays(since: string, today: string): number {
  return Math.max(0, daysBetween(since, today));
}

/** May an event of this type be dated after today? */
export function mayBeFuture(type: EventType): boolean {
  return SCHEDULABLE_EVENT_TYPES.includes(type);
}

/** Rank of an event among events of the same day (rule 2). */
function sameDayRank(type: EventType): number {
  if (type === 'arrest' || type === 'disappearance') return 0;
  if (CLOSERS.includes(type)) return 2;
  // A re-arrest on the day of a release happens after it (released at the gate, taken again);
  // so does house arrest (released from prison into house arrest the same day).
  if (type === 'rearrest' || type === 'house_arrest') return 3;
  if (type === 'death') return 4;
  return 1;
}

function compareFacts(a: TimelineFact, b: TimelineFact): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  const rank = sameDayRank(a.type) - sameDayRank(b.type);
  if (rank !== 0) return rank;
  if (a.seq !== b.seq) return a.seq - b.seq;
  // Fully deterministic even with duplicate seq values.
  return EVENT_TYPES.indexOf(a.type) - EVENT_TYPES.indexOf(b.type);
}

interface OpenEpisode {
  start: string;
  openedBy: EventType;
}

/** Current status and days in detention from a timeline, as of `today` (rules at top of file). */
export function deriveDetention(events: readonly TimelineFact[], today: string): DetentionSummary {
  dayNumber(today); // validates `today`
  for (const e of events) dayNumber(e.occurredOn); // validates every date, future ones included

  // ISO calendar dates compare correctly as strings.
  const past = events.filter((e) => e.occurredOn <= today).sort(compareFacts);

  let status: DefenderStatus = 'unknown';
  let open: OpenEpisode | null = null;
  const episodes: DetentionEpisode[] = [];

  const openIfNone = (e: TimelineFact): void => {
    if (!open) open = { start: e.occurredOn, openedBy: e.type };
  };
  const closeOpen = (e: TimelineFact): void => {
    if (!open) return;
    episodes.push({
      start: open.start,
      end: e.occurredOn,
      openedBy: open.openedBy,
      closedBy: e.type,
      days: daysBetween(open.start, e.occurredOn),
    });
    open = null;
  };

  for (const e of past) {
    if (status === 'deceased') break;
    switch (e.type) {
      case 'arrest':
      case 'rearrest':
        status = 'detained';
        openIfNone(e);
        break;
      case 'disappearance':
        status = 'disappeared';
        openIfNone(e);
        break;
      case 'house_arrest':
        status = 'house_arrest';
        openIfNone(e);
        break;
      case 'release':
        status = 'released';
        closeOpen(e);
        break;
      case 'conditional_release':
        status = 'conditionally_released';
        closeOpen(e);
        break;
      case 'death':
        status = 'deceased';
        closeOpen(e);
        break;
      default:
        if (status === 'disappeared' && WHEREABOUTS_KNOWN.includes(e.type)) status = 'detained';
        else if (status === 'house_arrest' && e.type === 'transfer') status = 'detained';
        break;
    }
  }

  const closedDays = episodes.reduce((sum, ep) => sum + ep.days, 0);
  const current = open as OpenEpisode | null;
  let detainedSince: string | null = null;
  let daysDetained: number | null = null;
  if (current) {
    detainedSince = current.start;
    daysDetained = openEpisodeDays(current.start, today);
    episodes.push({
      start: current.start,
      end: null,
      openedBy: current.openedBy,
      closedBy: null,
      days: daysDetained,
    });
  }

  return {
    status,
    detainedSince,
    daysDetained,
    totalDaysDetained: closedDays + (daysDetained ?? 0),
    closedDays,
    episodes,
  };
}
