/**
 * An RFC 5545 (iCalendar) writer for published calendars (`METHOD:PUBLISH`): one VCALENDAR of
 * VEVENTs, all times in UTC (no VTIMEZONE needed), all-day events as DATE values with an
 * exclusive DTEND. Output is CRLF-terminated, TEXT values are escaped (RFC 5545 3.3.11),
 * parameter values are quoted and caret-encoded (RFC 6868) when they need it, and content
 * lines are folded at 75 octets without splitting a UTF-8 sequence (3.1).
 *
 * It refuses (throws) what it cannot write faithfully: a malformed name, a date that does
 * not exist, a URI or raw value holding whitespace or control characters. Callers that hold
 * untrusted values check them first (`isICalUri`).
 */

/** A day (all-day event, `VALUE=DATE`) or an instant (written in UTC). */
export type ICalTime = { date: string } | { dateTime: Date };

export type ICalParams = Readonly<Record<string, string | readonly string[]>>;

/** A custom (`X-`) property. Exactly one of `text` or `raw`. */
export interface ICalXProperty {
  name: string;
  params?: ICalParams;
  /** A TEXT value, escaped; a list is written comma-separated (a multi-valued TEXT). */
  text?: string | readonly string[];
  /** A value in its own format (a DATE as YYYYMMDD, an INTEGER, TRUE): written as is. */
  raw?: string;
}

export type ICalEventStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

export interface ICalEvent {
  /** Globally unique and stable across fetches: calendars match updates on it. */
  uid: string;
  /** With METHOD:PUBLISH, when this copy was produced (RFC 5545 3.8.7.2). */
  dtstamp: Date;
  start: ICalTime;
  /** Exclusive end, of the same kind as `start`. An all-day event defaults to one day. */
  end?: ICalTime;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  categories?: readonly string[];
  status?: ICalEventStatus;
  /** Revision number; calendars apply a change only if it is not lower than what they have. */
  sequence?: number;
  lastModified?: Date | null;
  /** TRANSP:TRANSPARENT: does not make the person busy (a three-week session, a deadline). */
  transparent?: boolean;
  x?: readonly ICalXProperty[];
}

export interface ICalCalendar {
  /** PRODID, e.g. `-//Witness//Calendar feed//EN`. */
  prodId: string;
  /** Shown by clients as the calendar's name (NAME, X-WR-CALNAME). */
  name: string;
  description?: string | null;
  /** How often clients should fetch again, an ISO 8601 duration such as PT1H (RFC 7986). */
  refreshInterval?: string;
  events: readonly ICalEvent[];
}

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';

const CRLF = '\r\n';
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const FOLD_OCTETS = 75;

const NAME = /^[A-Za-z0-9-]+$/;
const X_NAME = /^X-[A-Za-z0-9-]+$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION = /^[+-]?P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/;
/** C0 controls except TAB (which TEXT allows), and DEL. Newlines are handled before. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007F]/;
/** Half of a surrogate pair without its other half: not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break
 * (CRLF, CR or LF) as `\n`. Other control characters cannot appear in TEXT and are dropped;
 * a lone surrogate becomes U+FFFD.
 */
export function escapeText(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(CONTROL, (c) => (c === '\n' ? c : ''))
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * A parameter value: caret-encoded (RFC 6868: `^^`, `^n`, `^'` for a double quote) and, if
 * it holds `;`, `:` or `,`, double-quoted.
 */
export function paramValue(value: string): string {
  const encoded = value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n|\r/g, '\n')
    .replace(CONTROL, (c) => (c === '\n' ? c : ''))
    .replace(/[\^\n"]/g, (c) => (c === '^' ? '^^' : c === '\n' ? '^n' : "^'"));
  return /[;:,]/.test(encoded) ? `"${encoded}"` : encoded;
}

/**
 * Fold a content line (without its CRLF) into lines of at most 75 octets of UTF-8, each
 * continuation starting with one space (which counts in its 75). A multi-octet character
 * is never split: a line ends early instead.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= FOLD_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = FOLD_OCTETS;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = FOLD_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** `YYYY-MM-DD` as a DATE value (`YYYYMMDD`); throws if the day does not exist. */
export function formatDate(date: string): string {
  const m = DATE.exec(date);
  const t = m ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new Error(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return `${m[1]}${m[2]}${m[3]}`;
}

/** An instant as a UTC DATE-TIME (`YYYYMMDDTHHMMSSZ`, seconds truncated). */
export function formatDateTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new Error('Not a valid instant');
  const iso = at.toISOString();
  if (!/^\d{4}-/.test(iso)) throw new Error(`Year out of range for iCalendar: ${iso}`);
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The day after a `YYYY-MM-DD` day: the exclusive DTEND of a one-day event. */
export function nextDay(date: string): string {
  formatDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Can this be a URI value (an absolute http(s) URL with no whitespace or control characters)? */
export function isICalUri(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value) && !CONTROL_OR_SPACE.test(value) && value.length <= 2000;
}

/** One content line `NAME;PARAM=v:value`, folded. `value` must already be in its final form. */
function contentLine(name: string, params: ICalParams | undefined, value: string): string {
  if (!NAME.test(name)) throw new Error(`Not an iCalendar property name: ${JSON.stringify(name)}`);
  let line = name.toUpperCase();
  for (const [key, v] of Object.entries(params ?? {})) {
    if (!NAME.test(key)) throw new Error(`Not an iCalendar parameter name: ${JSON.stringify(key)}`);
    const values = typeof v === 'string' ? [v] : v;
    line += `;${key.toUpperCase()}=${values.map(paramValue).join(',')}`;
  }
  return foldLine(`${line}:${value}`) + CRLF;
}

function textLine(name: string, value: string, params?: ICalParams): string {
  return contentLine(name, params, escapeText(value));
}

function timeLine(name: string, t: ICalTime): string {
  return 'date' in t
    ? contentLine(name, { VALUE: 'DATE' }, formatDate(t.date))
    : contentLine(name, undefined, formatDateTime(t.dateTime));
}

function xLine(p: ICalXProperty): string {
  if (!X_NAME.test(p.name)) throw new Error(`Not an X- property name: ${JSON.stringify(p.name)}`);
  if ((p.text === undefined) === (p.raw === undefined)) {
    throw new Error(`${p.name}: give exactly one of text or raw`);
  }
  if (p.raw !== undefined) {
    if (CONTROL_OR_SPACE.test(p.raw)) throw new Error(`${p.name}: raw value holds whitespace`);
    return contentLine(p.name, p.params, p.raw);
  }
  const texts = typeof p.text === 'string' ? [p.text] : (p.text as readonly string[]);
  return contentLine(p.name, p.params, texts.map(escapeText).join(','));
}

function eventLines(e: ICalEvent): string {
  const allDay = 'date' in e.start;
  const end: ICalTime | undefined =
    e.end ?? ('date' in e.start ? { date: nextDay(e.start.date) } : undefined);
  if (end && 'date' in end !== allDay) {
    throw new Error(`${e.uid}: DTSTART and DTEND must both be dates or both instants`);
  }
  if (e.url != null && !isICalUri(e.url)) throw new Error(`${e.uid}: not a URI: ${e.url}`);
  if (e.sequence !== undefined && !(Number.isInteger(e.sequence) && e.sequence >= 0)) {
    throw new Error(`${e.uid}: SEQUENCE must be a non-negative integer`);
  }
  let out = 'BEGIN:VEVENT' + CRLF;
  out += textLine('UID', e.uid);
  out += contentLine('DTSTAMP', undefined, formatDateTime(e.dtstamp));
  out += timeLine('DTSTART', e.start);
  if (end) out += timeLine('DTEND', end);
  out += textLine('SUMMARY', e.summary);
  if (e.description) out += textLine('DESCRIPTION', e.description);
  if (e.location) out += textLine('LOCATION', e.location);
  if (e.url) out += contentLine('URL', undefined, e.url);
  if (e.categories?.length)
    out += contentLine('CATEGORIES', undefined, e.categories.map(escapeText).join(','));
  if (e.status) out += contentLine('STATUS', undefined, e.status);
  if (e.sequence !== undefined) out += contentLine('SEQUENCE', undefined, String(e.sequence));
  if (e.lastModified)
    out += contentLine('LAST-MODIFIED', undefined, formatDateTime(e.lastModified));
  if (e.transparent !== undefined)
    out += contentLine('TRANSP', undefined, e.transparent ? 'TRANSPARENT' : 'OPAQUE');
  for (const p of e.x ?? []) out += xLine(p);
  return out + 'END:VEVENT' + CRLF;
}

/** The whole calendar, ready to send as `text/calendar; charset=utf-8`. */
export function writeICalendar(cal: ICalCalendar): string {
  let out = 'BEGIN:VCALENDAR' + CRLF;
  out += contentLine('VERSION', undefined, '2.0');
  out += textLine('PRODID', cal.prodId);
  out += contentLine('CALSCALE', undefined, 'GREGORIAN');
  out += contentLine('METHOD', undefined, 'PUBLISH');
  // NAME and REFRESH-INTERVAL are RFC 7986; the X-WR/X-PUBLISHED forms are what Outlook and
  // older clients read.
  out += textLine('NAME', cal.name);
  out += textLine('X-WR-CALNAME', cal.name);
  if (cal.description) {
    out += textLine('DESCRIPTION', cal.description);
    out += textLine('X-WR-CALDESC', cal.description);
  }
  if (cal.refreshInterval) {
    if (!DURATION.test(cal.refreshInterval) || !/\d/.test(cal.refreshInterval)) {
      throw new Error(`Not an ISO 8601 duration: ${cal.refreshInterval}`);
    }
    out += contentLine('REFRESH-INTERVAL', { VALUE: 'DURATION' }, cal.refreshInterval);
    out += contentLine('X-PUBLISHED-TTL', undefined, cal.refreshInterval);
  }
  for (const e of cal.events) out += eventLines(e);
  return out + 'END:VCALENDAR' + CRLF;
}
