import ICAL from 'ical.js';

/**
 * An RFC 5545 (iCalendar) writer for published calendars (`METHOD:PUBLISH`): one VCALENDAR of
 * VEVENTs, all times in UTC (no VTIMEZONE needed), all-day events as DATE values with an
 * exclusive DTEND.
 *
 * The calendar is built with ical.js's component model (ICAL.Component, ICAL.Event,
 * ICAL.Property, ICAL.Time, ICAL.Duration), the library the importer reads calendars with, and
 * written by its stringifier: CRLF line endings, TEXT escaping (RFC 5545 3.3.11), parameter
 * values quoted and caret-encoded (RFC 6868) when they need it, content lines folded without
 * splitting a UTF-8 sequence (3.1). What this module adds is policy: it cleans text of what
 * TEXT cannot hold (control characters, lone surrogates), tells the stringifier which
 * properties are TEXT (NAME, X-WR-CALNAME and the caller's X- properties) so they are escaped
 * without a `VALUE=TEXT`, and folds at 74 octets so that a continuation line, with its leading
 * space, stays within 75.
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

/**
 * RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. ical.js
 * puts up to `foldLength` octets after the space of a continuation line, so 74 keeps every
 * physical line within 75.
 */
const FOLD_OCTETS = 74;

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

type DesignSet = typeof ICAL.design.icalendar;
type JCalProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

const TEXT = { defaultType: 'text' };
const TEXT_LIST = { defaultType: 'text', multiValue: ',' };

/**
 * Text as TEXT can hold it: every line break (CRLF, CR or LF) as LF, other control characters
 * but TAB dropped, a lone surrogate as U+FFFD. Escaping is the stringifier's.
 */
function cleanText(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n|\r/g, '\n')
    .replace(CONTROL, (c) => (c === '\n' ? c : ''));
}

/**
 * A TEXT value (RFC 5545 3.3.11) as the writer puts it: backslash, semicolon and comma
 * escaped, every line break as `\n`; control characters TEXT cannot hold are dropped and a
 * lone surrogate becomes U+FFFD.
 */
export function escapeText(value: string): string {
  return (ICAL.design.icalendar.value as Record<string, { toICAL(v: string): string }>).text.toICAL(
    cleanText(value),
  );
}

/**
 * A parameter value as the writer puts it: caret-encoded (RFC 6868: `^^`, `^n`, `^'` for a
 * double quote) and, if it holds `;`, `:` or `,`, double-quoted.
 */
export function paramValue(value: string): string {
  // `_rfc6868Unescape` is, despite its name, ical.js's RFC 6868 encoder for writing.
  return ICAL.stringify.paramPropertyValue(
    ICAL.stringify._rfc6868Unescape(cleanText(value)),
    false,
  );
}

/** Run ical.js's folding with this writer's limit (synchronous, so no one else sees it). */
function withFoldLength<T>(write: () => T): T {
  const previous = ICAL.foldLength;
  ICAL.foldLength = FOLD_OCTETS;
  try {
    return write();
  } finally {
    ICAL.foldLength = previous;
  }
}

/**
 * Fold a content line (without its CRLF) as the writer does: at most 74 octets of UTF-8 on
 * the first line and 75 on each continuation, its leading space included. A multi-octet
 * character is never split: a line ends early instead.
 */
export function foldLine(line: string): string {
  return withFoldLength(() => ICAL.helpers.foldline(line));
}

/** `YYYY-MM-DD` as an ical.js DATE; throws if the day does not exist. */
function dateValue(date: string): InstanceType<typeof ICAL.Time> {
  const m = DATE.exec(date);
  const t = m ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date || m[1] < '1000') {
    throw new Error(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return ICAL.Time.fromDateString(date);
}

/** An instant as an ical.js UTC DATE-TIME (seconds truncated). */
function dateTimeValue(at: Date): InstanceType<typeof ICAL.Time> {
  if (Number.isNaN(at.getTime())) throw new Error('Not a valid instant');
  const iso = at.toISOString();
  // ical.js writes the year unpadded: four digits from 1000 on.
  if (!/^[1-9]\d{3}-/.test(iso)) throw new Error(`Year out of range for iCalendar: ${iso}`);
  return ICAL.Time.fromJSDate(at, true);
}

/** `YYYY-MM-DD` as a DATE value (`YYYYMMDD`); throws if the day does not exist. */
export function formatDate(date: string): string {
  return dateValue(date).toICALString();
}

/** An instant as a UTC DATE-TIME (`YYYYMMDDTHHMMSSZ`, seconds truncated). */
export function formatDateTime(at: Date): string {
  return dateTimeValue(at).toICALString();
}

/** The day after a `YYYY-MM-DD` day: the exclusive DTEND of a one-day event. */
export function nextDay(date: string): string {
  const day = dateValue(date);
  day.adjust(1, 0, 0, 0);
  return day.toString();
}

/** Can this be a URI value (an absolute http(s) URL with no whitespace or control characters)? */
export function isICalUri(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value) && !CONTROL_OR_SPACE.test(value) && value.length <= 2000;
}

/** A TEXT property, whatever ical.js's design says of its name. */
function textProperty(name: string, value: string): InstanceType<typeof ICAL.Property> {
  return new ICAL.Property([name, {}, 'text', cleanText(value)] satisfies JCalProperty);
}

/** The parameters as jCal holds them (lowercase names), each name checked. */
function jCalParams(params: ICalParams | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(params ?? {})) {
    if (!NAME.test(key)) throw new Error(`Not an iCalendar parameter name: ${JSON.stringify(key)}`);
    out[key.toLowerCase()] = typeof v === 'string' ? cleanText(v) : v.map(cleanText);
  }
  return out;
}

/**
 * An X- property as jCal: TEXT (escaped by the stringifier, a list comma-separated) or a raw
 * value, which jCal calls `unknown` and which is written as is.
 */
function xProperty(p: ICalXProperty): InstanceType<typeof ICAL.Property> {
  if (!X_NAME.test(p.name)) throw new Error(`Not an X- property name: ${JSON.stringify(p.name)}`);
  if ((p.text === undefined) === (p.raw === undefined)) {
    throw new Error(`${p.name}: give exactly one of text or raw`);
  }
  const params = jCalParams(p.params);
  const name = p.name.toLowerCase();
  if (p.raw !== undefined) {
    if (CONTROL_OR_SPACE.test(p.raw)) throw new Error(`${p.name}: raw value holds whitespace`);
    return new ICAL.Property([name, params, 'unknown', p.raw] satisfies JCalProperty);
  }
  const texts = typeof p.text === 'string' ? [p.text] : (p.text as readonly string[]);
  return new ICAL.Property([name, params, 'text', ...texts.map(cleanText)] satisfies JCalProperty);
}

function eventComponent(e: ICalEvent): InstanceType<typeof ICAL.Component> {
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
  const time = (t: ICalTime) => ('date' in t ? dateValue(t.date) : dateTimeValue(t.dateTime));
  const vevent = new ICAL.Component('vevent');
  const event = new ICAL.Event(vevent);
  event.uid = cleanText(e.uid);
  vevent.addPropertyWithValue('dtstamp', dateTimeValue(e.dtstamp));
  event.startDate = time(e.start);
  if (end) event.endDate = time(end);
  event.summary = cleanText(e.summary);
  if (e.description) event.description = cleanText(e.description);
  if (e.location) event.location = cleanText(e.location);
  if (e.url) vevent.addPropertyWithValue('url', e.url);
  if (e.categories?.length) {
    const categories = new ICAL.Property('categories');
    categories.setValues(e.categories.map(cleanText));
    vevent.addProperty(categories);
  }
  if (e.status) vevent.addPropertyWithValue('status', e.status);
  if (e.sequence !== undefined) vevent.addPropertyWithValue('sequence', e.sequence);
  if (e.lastModified) vevent.addPropertyWithValue('last-modified', dateTimeValue(e.lastModified));
  if (e.transparent !== undefined) {
    vevent.addPropertyWithValue('transp', e.transparent ? 'TRANSPARENT' : 'OPAQUE');
  }
  for (const p of e.x ?? []) vevent.addProperty(xProperty(p));
  return vevent;
}

/**
 * ical.js's iCalendar design with the properties it does not know that this writer gives a
 * type: RFC 7986 NAME and the Outlook forms, and each X- property written as TEXT, so that
 * they are escaped (and a list joined) without a `VALUE=` parameter. REFRESH-INTERVAL stays
 * unknown to it: RFC 7986 wants its `VALUE=DURATION` written.
 */
function writerDesign(events: readonly ICalEvent[]): DesignSet {
  const base = ICAL.design.icalendar;
  const property: Record<string, object> = {
    ...base.property,
    name: TEXT,
    'x-wr-calname': TEXT,
    'x-wr-caldesc': TEXT,
    'x-published-ttl': { defaultType: 'duration' },
  };
  const raw = new Set<string>();
  const param: Record<string, object> = { ...base.param };
  for (const x of events.flatMap((e) => e.x ?? [])) {
    const name = x.name.toLowerCase();
    if (x.text !== undefined) property[name] = TEXT_LIST;
    else raw.add(name);
    for (const [key, v] of Object.entries(x.params ?? {})) {
      if (typeof v !== 'string') param[key.toLowerCase()] ??= { multiValue: ',' };
    }
  }
  for (const name of raw) {
    if (property[name] === TEXT_LIST) throw new Error(`${name}: written both as text and raw`);
  }
  return { ...base, property, param };
}

/** The whole calendar, ready to send as `text/calendar; charset=utf-8`. */
export function writeICalendar(cal: ICalCalendar): string {
  const vcalendar = new ICAL.Component('vcalendar');
  vcalendar.addPropertyWithValue('version', '2.0');
  vcalendar.addPropertyWithValue('prodid', cleanText(cal.prodId));
  vcalendar.addPropertyWithValue('calscale', 'GREGORIAN');
  vcalendar.addPropertyWithValue('method', 'PUBLISH');
  // NAME and REFRESH-INTERVAL are RFC 7986; the X-WR/X-PUBLISHED forms are what Outlook and
  // older clients read.
  // ical.js does not know NAME and X-WR-*: they are made TEXT here (and in `writerDesign`).
  vcalendar.addProperty(textProperty('name', cal.name));
  vcalendar.addProperty(textProperty('x-wr-calname', cal.name));
  if (cal.description) {
    vcalendar.addPropertyWithValue('description', cleanText(cal.description));
    vcalendar.addProperty(textProperty('x-wr-caldesc', cal.description));
  }
  if (cal.refreshInterval) {
    if (!DURATION.test(cal.refreshInterval) || !/\d/.test(cal.refreshInterval)) {
      throw new Error(`Not an ISO 8601 duration: ${cal.refreshInterval}`);
    }
    const interval = ICAL.Duration.fromString(cal.refreshInterval);
    vcalendar.addPropertyWithValue('refresh-interval', interval);
    vcalendar.addPropertyWithValue('x-published-ttl', interval);
  }
  for (const e of cal.events) vcalendar.addSubcomponent(eventComponent(e));
  const design = writerDesign(cal.events);
  return withFoldLength(() => ICAL.stringify.component(vcalendar.toJSON(), design)) + '\r\n';
}
