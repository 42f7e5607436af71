/**
 * Pure helpers of the home, milestones, inbox and solidarity pages: dates typed in a form
 * (a day and a wall-clock time in the user's time zone) to the API's zoned timestamps and
 * back, the home page's deadlines, and safe return addresses. No I/O.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date written YYYY-MM-DD (no 31 June), between 1900 and 2200. */
export function isCalendarDate(s: string | undefined): s is string {
  if (!s) return false;
  const m = CALENDAR_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** A wall-clock time written HH:MM (24 hours). */
export function isWallTime(s: string | undefined): s is string {
  return !!s && WALL_TIME.test(s);
}

/** A date plus (or minus) whole days, YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An IANA time zone this runtime knows, else UTC. */
export function knownZone(tz: string | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(instant: Date, tz: string): WallParts {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: knownZone(tz),
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetMinutes(instant: Date, tz: string): number {
  const p = wallParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A day and a wall-clock time in a time zone as the API's zoned timestamp, e.g.
 * `2026-07-01T09:30:00+02:00` for 09:30 in Europe/Paris in summer.
 */
export function zonedTimestamp(date: string, time: string, tz: string): string {
  const naive = Date.parse(`${date}T${time}:00Z`);
  let offset = offsetMinutes(new Date(naive), tz);
  // Once more at the guessed instant, for a day on which the offset changes.
  offset = offsetMinutes(new Date(naive - offset * 60_000), tz);
  return `${date}T${time}:00${formatOffset(offset)}`;
}

/** An instant as the wall-clock date and time in a zone: `2026-07-01 09:30`. */
export function formatInZone(iso: string, tz: string): string {
  const p = wallParts(new Date(iso), tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** How a milestone's due moment is shown: the day alone when it is all-day. */
export function dueLabel(m: { dueAt: string; allDay: boolean }, tz: string): string {
  return m.allDay ? m.dueAt.slice(0, 10) : formatInZone(m.dueAt, tz);
}

/** States in which an escalation awaits the government's reply (escalation-workflow.ts). */
const AWAITING_REPLY = [
  'transmitted_to_government',
  'communication_sent',
  'registered',
  'measures_granted',
];
/** States in which a follow-up is due after an opinion or decision. */
const FOLLOWING_UP = [
  'opinion_adopted',
  'opinion_transmitted',
  'decision_adopted',
  'views_adopted',
  'follow_up',
];

export interface EscalationLike {
  id: string;
  defenderIds: string[];
  mechanism: string;
  kind: string;
  state: string;
  unReference: string | null;
  replyDueOn: string | null;
  followUpDueOn: string | null;
}

export interface Deadline {
  escalationId: string;
  defenderIds: string[];
  mechanism: string;
  kind: string;
  state: string;
  unReference: string | null;
  /** What falls due: the government's reply, or the follow-up after an opinion. */
  what: 'reply' | 'followUp';
  dueOn: string;
  /** Days left (negative when overdue). */
  daysLeft: number;
}

function daysBetween(from: string, to: string): number {
  const at = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  return Math.round((at(to) - at(from)) / 86_400_000);
}

/**
 * The UN deadlines of escalations still running, by date: a reply awaited from the
 * government, a follow-up due after an opinion. Overdue ones stay (they come first).
 */
export function escalationDeadlines(
  escalations: EscalationLike[],
  today: string,
  horizon: string,
): Deadline[] {
  const out: Deadline[] = [];
  const seen = new Set<string>();
  for (const e of escalations) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const base = {
      escalationId: e.id,
      defenderIds: e.defenderIds,
      mechanism: e.mechanism,
      kind: e.kind,
      state: e.state,
      unReference: e.unReference,
    };
    if (AWAITING_REPLY.includes(e.state) && e.replyDueOn && e.replyDueOn <= horizon) {
      out.push({
        ...base,
        what: 'reply',
        dueOn: e.replyDueOn,
        daysLeft: daysBetween(today, e.replyDueOn),
      });
    }
    if (FOLLOWING_UP.includes(e.state) && e.followUpDueOn && e.followUpDueOn <= horizon) {
      out.push({
        ...base,
        what: 'followUp',
        dueOn: e.followUpDueOn,
        daysLeft: daysBetween(today, e.followUpDueOn),
      });
    }
  }
  return out.sort(
    (a, b) => a.dueOn.localeCompare(b.dueOn) || a.escalationId.localeCompare(b.escalationId),
  );
}

/** The states worth asking the escalation list for, to find running deadlines. */
export const DEADLINE_STATES = [...AWAITING_REPLY, ...FOLLOWING_UP];

/** A web-app address to return to after a form (a path under /app only), else the fallback. */
export function safeReturn(back: string | undefined, fallback: string): string {
  if (typeof back !== 'string') return fallback;
  if (!/^\/app(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(back) || back.startsWith('//')) return fallback;
  return back;
}

/** An address with `notice=<key>` set (replacing any notice it had). */
export function withNotice(url: string, notice: string): string {
  const [path, query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('notice', notice);
  return `${path}?${params.toString()}`;
}

/** The query string of a list page with one parameter replaced (e.g. the next cursor). */
export function queryWith(
  params: Record<string, string | undefined>,
  changes: Record<string, string | undefined>,
): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...changes })) {
    if (v !== undefined && v !== '') out.set(k, v);
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}
