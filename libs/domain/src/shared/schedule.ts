import { DateTime, Duration, IANAZone } from 'luxon';

/**
 * Schedule arithmetic for reminders and digests. Pure functions: every instant comes in as an
 * argument (never `Date.now()`), so the same inputs always give the same answer.
 *
 * Local wall-clock times that do not exist or exist twice (DST changes) are resolved one way
 * everywhere:
 * - a time inside a spring-forward gap becomes the first instant after the gap (the moment
 *   the clocks jump);
 * - a time inside a fall-back overlap becomes its earlier occurrence (a reminder rather too
 *   early than too late).
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const MAX_OFFSET_MINUTES = 366 * 24 * 60;

const OFFSET_RE = /^P(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface OffsetParts {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

function offsetParts(iso: string): OffsetParts | null {
  if (typeof iso !== 'string') return null;
  const m = OFFSET_RE.exec(iso);
  if (!m) return null;
  const [, w, d, h, min] = m;
  // 'P' alone, or a 'T' with nothing after it.
  if (w === undefined && d === undefined && h === undefined && min === undefined) return null;
  if (iso.includes('T') && h === undefined && min === undefined) return null;
  const parts = {
    weeks: Number(w ?? 0),
    days: Number(d ?? 0),
    hours: Number(h ?? 0),
    minutes: Number(min ?? 0),
  };
  const total = ((parts.weeks * 7 + parts.days) * 24 + parts.hours) * 60 + parts.minutes;
  if (total <= 0 || total > MAX_OFFSET_MINUTES) return null;
  return parts;
}

/**
 * Parse an ISO 8601 duration limited to weeks/days/hours/minutes (P7D, P1W, PT2H, P1DT12H,
 * PT30M); null if invalid, zero, negative, over 366 days, or with years/months/seconds.
 */
export function parseOffset(iso: string): Duration | null {
  const parts = offsetParts(iso);
  if (!parts) return null;
  const present: Partial<OffsetParts> = {};
  for (const key of ['weeks', 'days', 'hours', 'minutes'] as const) {
    if (parts[key] !== 0) present[key] = parts[key];
  }
  return Duration.fromObject(present);
}

export function isValidOffset(iso: string): boolean {
  return offsetParts(iso) !== null;
}

function zoneOf(timeZone: string): IANAZone {
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new RangeError(`Unknown time zone: ${String(timeZone)}`);
  }
  return IANAZone.create(timeZone);
}

/** Offset from UTC in ms at instant `ts`. */
function offsetMs(zone: IANAZone, ts: number): number {
  return zone.offset(ts) * MINUTE_MS;
}

/**
 * The instant at which the wall clock in `zone` shows `wall` (local time encoded as if it
 * were UTC epoch ms). Gap: the first instant after it; overlap: the earlier occurrence.
 */
function resolveLocal(wall: number, zone: IANAZone): number {
  const offsets = new Set([
    offsetMs(zone, wall - DAY_MS),
    offsetMs(zone, wall),
    offsetMs(zone, wall + DAY_MS),
  ]);
  const valid = [...offsets].map((o) => wall - o).filter((ts) => ts + offsetMs(zone, ts) === wall);
  if (valid.length > 0) return Math.min(...valid);

  // In a gap: find the first instant whose wall time is at or after `wall` (the transition).
  const candidates = [...offsets].map((o) => wall - o);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  if (lo + offsetMs(zone, lo) >= wall) return lo;
  // Invariant: wall(lo) < wall <= wall(hi); the wall clock is non-decreasing across a gap.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetMs(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Local wall-clock time of `ts` in `zone`, encoded as if it were UTC epoch ms. */
function wallOf(ts: number, zone: IANAZone): number {
  return ts + offsetMs(zone, ts);
}

function subtractOffset(wall: number, parts: OffsetParts, zone: IANAZone): Date {
  // Weeks and days move the calendar date, keeping the local time of day.
  const calendarWall = wall - (parts.weeks * 7 + parts.days) * DAY_MS;
  const instant = resolveLocal(calendarWall, zone);
  // Hours and minutes are elapsed time.
  return new Date(instant - (parts.hours * 60 + parts.minutes) * MINUTE_MS);
}

/**
 * When a reminder goes out. Timed milestones: dueAt minus the offset, where day/week parts are
 * CALENDAR days in the recipient's IANA zone (a P1D reminder for a 10:00 local hearing goes at
 * 10:00 local the day before, also across a DST change) and hour/minute parts are elapsed
 * time. All-day milestones: the due DATE is the calendar date of `dueAt` in UTC (we store
 * all-day items at 00:00Z of their date); the reminder is computed from `allDayHour`:00 local
 * time (default 9) on that date in the recipient's zone, minus the offset the same way.
 *
 * Throws RangeError for an invalid offset, time zone, date or hour.
 */
export function reminderAt(input: {
  dueAt: Date;
  allDay: boolean;
  offset: string;
  timeZone: string;
  allDayHour?: number;
}): Date {
  const { dueAt, allDay, offset, timeZone, allDayHour = 9 } = input;
  const parts = offsetParts(offset);
  if (!parts) throw new RangeError(`Invalid reminder offset: ${String(offset)}`);
  const zone = zoneOf(timeZone);
  const due = dueAt instanceof Date ? dueAt.getTime() : NaN;
  if (!Number.isFinite(due)) throw new RangeError('Invalid dueAt');

  if (!allDay) return subtractOffset(wallOf(due, zone), parts, zone);

  if (!Number.isInteger(allDayHour) || allDayHour < 0 || allDayHour > 23) {
    throw new RangeError(`allDayHour must be an integer from 0 to 23, got ${allDayHour}`);
  }
  const dateStart = due - (((due % DAY_MS) + DAY_MS) % DAY_MS); // 00:00Z of its UTC date
  return subtractOffset(dateStart + allDayHour * HOUR_MS, parts, zone);
}

/** Has the moment passed by more than the grace period (then the delivery is sent once, marked late)? */
export function isLate(sendAt: Date, now: Date, graceMs: number): boolean {
  return now.getTime() - sendAt.getTime() > graceMs;
}

/**
 * The next daily digest moment at `hour`:00 local in `timeZone` strictly after `after`
 * (DST-safe: on a spring-forward day where the hour does not exist, use the first valid
 * instant after it; on a fall-back day where it exists twice, the first one, once).
 */
export function nextDigestAt(after: Date, hour: number, timeZone: string): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`hour must be an integer from 0 to 23, got ${hour}`);
  }
  const zone = zoneOf(timeZone);
  const from = after.getTime();
  if (!Number.isFinite(from)) throw new RangeError('Invalid date');
  const wall = wallOf(from, zone);
  const localMidnight = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  for (let day = 0; day <= 2; day++) {
    const at = resolveLocal(localMidnight + day * DAY_MS + hour * HOUR_MS, zone);
    if (at > from) return new Date(at);
  }
  throw new Error('No digest moment found'); // unreachable: tomorrow's is always later
}

/** 00:00Z of a calendar date, also for years 0-99 (which `Date.UTC` maps to 19xx). */
function utcDate(y: number, m: number, d: number): number {
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  return at.getTime();
}

function parseDate(date: string, name = 'date'): { y: number; m: number; d: number } {
  const match = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const back = new Date(utcDate(y, m, d));
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) {
      return { y, m, d };
    }
  }
  throw new RangeError(`${name} must be a valid YYYY-MM-DD date, got ${String(date)}`);
}

function formatDate(ms: number): string {
  const iso = DateTime.fromMillis(ms, { zone: 'utc' }).toISODate();
  if (!iso || !DATE_RE.test(iso)) throw new RangeError('Date out of range');
  return iso;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Next anniversary (same month/day; Feb 29 -> Feb 28 in non-leap years) of `date`
 * ('YYYY-MM-DD') strictly after `today` ('YYYY-MM-DD'), returned 'YYYY-MM-DD', and how many
 * years it marks. A `date` after `today` gives its first anniversary (years = 1).
 */
export function nextAnniversary(date: string, today: string): { on: string; years: number } {
  const origin = parseDate(date);
  const now = parseDate(today, 'today');
  const todayMs = utcDate(now.y, now.m, now.d);
  const on = (year: number) => {
    const day = origin.m === 2 && origin.d === 29 && !isLeap(year) ? 28 : origin.d;
    return utcDate(year, origin.m, day);
  };
  let year = Math.max(now.y, origin.y + 1);
  while (on(year) <= todayMs) year++;
  return { on: formatDate(on(year)), years: year - origin.y };
}

/** Add whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const { y, m, d } = parseDate(date);
  return formatDate(utcDate(y, m, d) + days * DAY_MS);
}
