import ICAL from 'ical.js';
import { addDays } from '../shared/schedule';
import {
  finishCalendarParse,
  isCalendarDay,
  sortCalendarErrors,
  sortDeadlines,
  type CalendarEntrySource,
  type CalendarFieldSource,
  type CalendarParseError,
  type CalendarParseResult,
} from './calendar-parse';
import {
  CALENDAR_ENTRY_KINDS,
  DEADLINE_KINDS,
  ICAL_PROPS,
  REGIONAL_BODIES,
  type CalendarDeadlineInput,
  type CalendarEntryInput,
  type CalendarEntryKind,
  type DeadlineKind,
  type RegionalBody,
} from './un-calendar.types';

/**
 * Reads an iCalendar (RFC 5545) file into calendar entries: Witness's own mapping (ICAL_PROPS,
 * which the calendar feeds write) and plain published calendars.
 *
 * ical.js parses each content line (parameters, quoting, escapes, value types); this file
 * keeps the structure (BEGIN/END) itself so that every problem names its physical line:
 * ical.js reports none.
 *
 * - Kind: X-WITNESS-KIND; else the first CATEGORIES value that names one (`hrc_session` or
 *   words as below); else the SUMMARY: "Working Group on Arbitrary Detention"/WGAD, "Universal
 *   Periodic Review"/UPR, "African Commission"/ACHPR, "Inter-American Commission"/IACHR,
 *   "Human Rights Council"/HRC (checked in that order: a UPR session is also "of the Human
 *   Rights Council"). An event whose kind cannot be told is an error on its BEGIN:VEVENT line.
 * - Number: X-WITNESS-NUMBER; else from the SUMMARY ("61st session", "session 61", "HRC61").
 * - Dates: DATE and DATE-TIME. A DATE-TIME's day is the day written in it: the UTC day for a
 *   `Z` time, the local day for a TZID or floating time (no conversion: a session that opens
 *   at 00:00 in Geneva opens that day, not the day before in UTC). DTEND is exclusive for a
 *   DATE, and for a DATE-TIME at exactly midnight (how some programs write all-day events);
 *   DURATION is read the same way; without either, the event lasts one day.
 * - Skipped: a feed's deadline events (X-WITNESS-DEADLINE-OF) and cancelled events
 *   (STATUS:CANCELLED). Repeating events (RRULE, RDATE, RECURRENCE-ID) are refused.
 */

export interface CalendarIcalParseResult extends CalendarParseResult {
  /** Events left out on purpose, with why. */
  skipped: { line: number; reason: string }[];
}

/** A property of a VEVENT: its jCal form `[name, params, type, ...values]` and its line. */
interface EventProperty {
  name: string;
  line: number;
  params: Record<string, unknown>;
  type: string;
  values: unknown[];
}

interface ScannedEvent {
  line: number;
  properties: EventProperty[];
}

const NAME = /^([A-Za-z0-9-]+)[;:]/;

/** Words that tell an event's kind, most specific first ("HRC61" names the HRC too). */
const KIND_PATTERNS: { kind: CalendarEntryKind; body?: RegionalBody; pattern: RegExp }[] = [
  { kind: 'wgad_session', pattern: /\bWGAD(?![A-Za-z])|working group on arbitrary detention/i },
  { kind: 'upr_session', pattern: /\bUPR(?![A-Za-z])|universal periodic review/i },
  {
    kind: 'regional_session',
    body: 'achpr',
    pattern: /\bACHPR(?![A-Za-z])|african commission on human (and|&) peoples['’]? rights/i,
  },
  {
    kind: 'regional_session',
    body: 'iachr',
    pattern: /\bIACHR(?![A-Za-z])|inter-american commission on human rights/i,
  },
  { kind: 'hrc_session', pattern: /\bHRC(?![A-Za-z])|human rights council/i },
];

/** The kind (and, for a regional body, which) some free text names; null if none. */
export function calendarKindFromText(
  text: string,
): { kind: CalendarEntryKind; body: RegionalBody | null } | null {
  const t = text.trim();
  const exact = t.toLowerCase().replace(/[\s-]+/g, '_');
  if ((CALENDAR_ENTRY_KINDS as readonly string[]).includes(exact)) {
    return { kind: exact as CalendarEntryKind, body: null };
  }
  const found = KIND_PATTERNS.find((p) => p.pattern.test(t));
  return found ? { kind: found.kind, body: found.body ?? null } : null;
}

/** A session number in a title: "61st session", "88th Ordinary Session", "session 61", "HRC61". */
export function sessionNumberFromText(text: string): number | null {
  const m =
    /\b(\d{1,5})(?:st|nd|rd|th)\s+(?:[A-Za-z-]+\s+){0,4}session\b/i.exec(text) ??
    /\bsession\s+(?:no\.?\s*|number\s+|#\s*)?(\d{1,5})\b/i.exec(text) ??
    /\b(?:HRC|WGAD|UPR|ACHPR|IACHR)\s*[-/]?\s*(\d{1,5})\b/i.exec(text);
  return m ? Number(m[1]) : null;
}

/** Parse an iCalendar file's text into calendar entries, every problem with its line. */
export function parseCalendarIcal(text: string): CalendarIcalParseResult {
  const scanned = scan(text);
  if (scanned.errors.length) {
    return { entries: [], sources: [], skipped: [], errors: sortCalendarErrors(scanned.errors) };
  }
  const entries: CalendarEntryInput[] = [];
  const sources: CalendarEntrySource[] = [];
  const skipped: { line: number; reason: string }[] = [];
  const errors: CalendarParseError[] = [];
  for (const event of scanned.events) {
    const read = readEvent(event);
    if ('skip' in read) skipped.push({ line: event.line, reason: read.skip });
    else {
      errors.push(...read.errors);
      if (read.entry) {
        entries.push(read.entry);
        sources.push(read.source);
      }
    }
  }
  if (!errors.length && !entries.length) {
    errors.push({
      line: 1,
      message: scanned.events.length
        ? 'has no session to import (every event was skipped)'
        : 'has no VEVENT to import',
    });
  }
  return { ...finishCalendarParse(entries, sources, errors), skipped };
}

/**
 * The file's structure: content lines unfolded (remembering the physical line each starts
 * on), BEGIN/END nesting checked, and each VEVENT's own properties parsed by ical.js.
 */
function scan(text: string): { events: ScannedEvent[]; errors: CalendarParseError[] } {
  const physical = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];
  const errors: CalendarParseError[] = [];
  let current: { line: number; text: string } | null = null;
  physical.forEach((raw, i) => {
    if (raw.startsWith(' ') || raw.startsWith('\t')) {
      // Folded: continues the previous line (RFC 5545 3.1).
      if (current) current.text += raw.slice(1);
      else if (raw.trim())
        errors.push({ line: i + 1, message: 'starts with a space but continues no line' });
      return;
    }
    current = raw === '' ? null : { line: i + 1, text: raw };
    if (current) logical.push(current);
  });
  if (errors.length) return { events: [], errors };
  if (!logical.length) return { events: [], errors: [{ line: 1, message: 'the file is empty' }] };
  if (!/^BEGIN:VCALENDAR$/i.test(logical[0].text.trim())) {
    return {
      events: [],
      errors: [
        {
          line: logical[0].line,
          message: 'does not start with BEGIN:VCALENDAR: is this an iCalendar (.ics) file?',
        },
      ],
    };
  }

  const events: ScannedEvent[] = [];
  const stack: { name: string; line: number; event?: ScannedEvent }[] = [];
  for (const { line, text: content } of logical) {
    const name = NAME.exec(content)?.[1].toUpperCase();
    if (!name) {
      errors.push({
        line,
        message: 'is not an iCalendar line (NAME:value or NAME;PARAM=value:value)',
      });
      continue;
    }
    if (name === 'BEGIN' || name === 'END') {
      const component = content
        .slice(content.indexOf(':') + 1)
        .trim()
        .toUpperCase();
      if (content[name.length] !== ':' || !component) {
        errors.push({ line, field: name, message: `must be ${name}:COMPONENT` });
        break;
      }
      if (name === 'BEGIN') {
        if (!stack.length && component !== 'VCALENDAR') {
          errors.push({ line, message: `BEGIN:${component} outside of a VCALENDAR` });
          break;
        }
        const event = component === 'VEVENT' ? { line, properties: [] } : undefined;
        if (event) events.push(event);
        stack.push({ name: component, line, event });
        continue;
      }
      const open = stack.pop();
      if (!open) {
        errors.push({ line, message: `END:${component} closes nothing` });
        break;
      }
      if (open.name !== component) {
        errors.push({
          line,
          message: `END:${component} found where BEGIN:${open.name} of line ${open.line} should end`,
        });
        break;
      }
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) {
      errors.push({ line, field: name, message: 'is outside of a VCALENDAR' });
      continue;
    }
    if (!top.event) continue; // Calendar, time-zone and alarm properties are not read.
    try {
      const [jname, params, type, ...values] = ICAL.parse.property(content) as [
        string,
        Record<string, unknown>,
        string,
        ...unknown[],
      ];
      top.event.properties.push({ name: jname.toUpperCase(), line, params, type, values });
    } catch (err) {
      errors.push({ line, field: name, message: `cannot be read: ${(err as Error).message}` });
    }
  }
  // After a misplaced END the nesting is unknown: that one error says it.
  if (errors.some((e) => e.message.startsWith('END:'))) return { events, errors };
  for (const open of stack.reverse()) {
    errors.push({
      line: open.line,
      message: `BEGIN:${open.name} is never closed by END:${open.name}`,
    });
  }
  return { events, errors };
}

type EventRead =
  | { skip: string }
  | { entry: CalendarEntryInput | null; source: CalendarEntrySource; errors: CalendarParseError[] };

function readEvent(event: ScannedEvent): EventRead {
  const all = (name: string) => event.properties.filter((p) => p.name === name);
  const first = (name: string): EventProperty | undefined => all(name)[0];
  const at = (p: EventProperty): CalendarFieldSource => ({ line: p.line, name: p.name });

  if (first(ICAL_PROPS.deadlineOf))
    return { skip: `a feed's deadline event (${ICAL_PROPS.deadlineOf})` };
  if (textOf(first('STATUS')).toUpperCase() === 'CANCELLED') return { skip: 'cancelled' };

  const errors: CalendarParseError[] = [];
  const fields: Record<string, CalendarFieldSource> = {};
  const source: CalendarEntrySource = { line: event.line, fields };
  const fail = (p: { line: number; name: string }, message: string) =>
    errors.push({ line: p.line, field: p.name, message });
  const failed = () => ({ entry: null, source, errors });

  for (const name of ['RRULE', 'RDATE', 'RECURRENCE-ID']) {
    const p = first(name);
    if (p) fail(p, 'repeating events are not supported: give each session its own VEVENT');
  }

  const summaryProp = first('SUMMARY');
  const title = textOf(summaryProp).trim();
  if (summaryProp) fields.title = at(summaryProp);
  if (!title) fail(summaryProp ?? { line: event.line, name: 'SUMMARY' }, 'is required');

  // Kind and body: explicit, else categories, else the summary.
  let kind: CalendarEntryKind | null = null;
  let inferredBody: RegionalBody | null = null;
  const kindProp = first(ICAL_PROPS.kind);
  if (kindProp) {
    fields.kind = at(kindProp);
    const v = textOf(kindProp).trim().toLowerCase();
    if ((CALENDAR_ENTRY_KINDS as readonly string[]).includes(v)) kind = v as CalendarEntryKind;
    else fail(kindProp, `must be one of ${CALENDAR_ENTRY_KINDS.join(', ')}`);
    inferredBody = calendarKindFromText(title)?.body ?? null;
  } else {
    for (const p of all('CATEGORIES')) {
      const found = p.values.map((v) => calendarKindFromText(String(v))).find(Boolean);
      if (found) {
        ({ kind, body: inferredBody } = found);
        fields.kind = at(p);
        break;
      }
    }
    if (!kind && title) {
      const found = calendarKindFromText(title);
      if (found) {
        ({ kind, body: inferredBody } = found);
        if (summaryProp) fields.kind = at(summaryProp);
      }
    }
    if (!kind) {
      errors.push({
        line: event.line,
        message:
          `cannot tell which kind of session ${title ? `"${title}" ` : ''}is: set ` +
          `${ICAL_PROPS.kind} or CATEGORIES to one of ${CALENDAR_ENTRY_KINDS.join(', ')}, or name ` +
          'the body in SUMMARY (Human Rights Council, Working Group on Arbitrary Detention, ' +
          'Universal Periodic Review, African Commission, Inter-American Commission)',
      });
    }
  }

  let number: number | null = null;
  const numberProp = first(ICAL_PROPS.number);
  if (numberProp) {
    fields.number = at(numberProp);
    const v = textOf(numberProp).trim();
    if (/^\d{1,9}$/.test(v)) number = Number(v);
    else fail(numberProp, 'must be a whole number, e.g. 64');
  } else if (title) {
    number = sessionNumberFromText(title);
    if (summaryProp && number !== null) fields.number = at(summaryProp);
  }

  let body: RegionalBody | null = kind === 'regional_session' ? inferredBody : null;
  const bodyProp = first(ICAL_PROPS.body);
  fields.body = bodyProp ? at(bodyProp) : { line: event.line, name: ICAL_PROPS.body };
  if (bodyProp) {
    const v = textOf(bodyProp).trim().toLowerCase();
    if ((REGIONAL_BODIES as readonly string[]).includes(v)) body = v as RegionalBody;
    else fail(bodyProp, `must be one of ${REGIONAL_BODIES.join(', ')}`);
  }

  // Dates.
  const startProp = first('DTSTART');
  let startsOn = '';
  let endsOn = '';
  if (!startProp) fail({ line: event.line, name: 'DTSTART' }, 'is required');
  else {
    fields.startsOn = at(startProp);
    const start = readMoment(startProp);
    if ('error' in start) fail(startProp, start.error);
    else {
      startsOn = start.date;
      const endProp = first('DTEND');
      const durationProp = first('DURATION');
      if (endProp) {
        fields.endsOn = at(endProp);
        const end = readMoment(endProp);
        if ('error' in end) fail(endProp, end.error);
        else endsOn = lastDay(start.date, end);
      } else if (durationProp) {
        fields.endsOn = at(durationProp);
        const end = addDuration(start, textOf(durationProp).trim());
        if ('error' in end) fail(durationProp, end.error);
        else endsOn = lastDay(start.date, end);
      } else {
        fields.endsOn = at(startProp);
        endsOn = startsOn;
      }
    }
  }

  const locationProp = first('LOCATION');
  if (locationProp) fields.location = at(locationProp);
  const descriptionProp = first('DESCRIPTION');
  if (descriptionProp) fields.notes = at(descriptionProp);
  const urlProp = first('URL');
  if (urlProp) fields.sourceUrl = at(urlProp);

  const countries: string[] = [];
  const countryProps = all(ICAL_PROPS.countries);
  if (countryProps.length) fields.countries = at(countryProps[0]);
  for (const p of countryProps) {
    // Some writers escape the commas of an unknown property's value (`BD\,BR`).
    for (const c of textOf(p).replace(/\\/g, '').split(/[,;]/)) {
      if (c.trim()) countries.push(c.trim().toUpperCase());
    }
  }

  let sample = false;
  const sampleProp = first(ICAL_PROPS.sample);
  if (sampleProp) {
    fields.sample = at(sampleProp);
    const v = textOf(sampleProp).trim().toUpperCase();
    if (v === 'TRUE') sample = true;
    else if (v !== 'FALSE') fail(sampleProp, 'must be TRUE or FALSE');
  }

  const deadlines: { deadline: CalendarDeadlineInput; prop: EventProperty }[] = [];
  for (const p of all(ICAL_PROPS.deadline)) {
    const read = readDeadline(p);
    if ('error' in read) fail(p, read.error);
    else deadlines.push({ deadline: read, prop: p });
  }

  if (errors.length || !kind) return failed();
  const ordered = sortDeadlines(deadlines.map((d) => d.deadline));
  ordered.forEach((d, i) => {
    const from = deadlines.find((x) => x.deadline === d);
    if (from) fields[`deadlines[${i}]`] = at(from.prop);
  });
  const entry: CalendarEntryInput = {
    kind,
    number,
    body,
    title,
    startsOn,
    endsOn,
    location: textOf(locationProp).trim() || null,
    countries,
    deadlines: ordered,
    notes: textOf(descriptionProp).trim() || null,
    sourceUrl: textOf(urlProp).trim() || null,
    sample,
  };
  return { entry, source, errors };
}

/** A property's first value as text ('' when absent). */
function textOf(p: EventProperty | undefined): string {
  const v = p?.values[0];
  return typeof v === 'string' ? v : '';
}

/** A param's value as one string; null when absent, an array (X-KIND=a,b) is refused. */
function param(p: EventProperty, name: string): string | null | undefined {
  const v = p.params[name];
  if (v === undefined) return null;
  return typeof v === 'string' ? v : undefined;
}

/** `X-WITNESS-DEADLINE;X-KIND=<kind>[;X-COUNTRY=BD][;X-LABEL=..]:YYYYMMDD`. */
function readDeadline(p: EventProperty): CalendarDeadlineInput | { error: string } {
  const kind = param(p, 'x-kind')?.trim().toLowerCase();
  if (!kind) return { error: `needs X-KIND=<one of ${DEADLINE_KINDS.join(', ')}>` };
  if (!(DEADLINE_KINDS as readonly string[]).includes(kind)) {
    return { error: `X-KIND must be one of ${DEADLINE_KINDS.join(', ')}` };
  }
  const country = param(p, 'x-country');
  const label = param(p, 'x-label');
  if (country === undefined || label === undefined) {
    return { error: 'X-COUNTRY and X-LABEL take one value each' };
  }
  const raw = textOf(p).trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  const dueOn = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : raw;
  if (!isCalendarDay(dueOn)) return { error: `"${raw}" must be a date YYYYMMDD, e.g. 20270201` };
  return {
    kind: kind as DeadlineKind,
    dueOn,
    country: country?.trim().toUpperCase() || null,
    label: label?.trim() || null,
  };
}

/** A DTSTART or DTEND: its day, whether it was a DATE, and whether it falls at midnight. */
interface Moment {
  date: string;
  isDate: boolean;
  midnight: boolean;
  /** The value as ical.js writes it in jCal, for adding a DURATION. */
  value: string;
}

function readMoment(p: EventProperty): Moment | { error: string } {
  const v = p.values[0];
  const expected =
    'must be a date (DTSTART;VALUE=DATE:20270222) or a date-time (DTSTART:20270222T090000Z)';
  if (typeof v !== 'string') return { error: expected };
  // jCal forms: DATE `2027-02-22`; DATE-TIME `2027-02-22T09:00:00[Z]`; a bare `20270222`
  // without VALUE=DATE (a common slip) comes out as `2027-02-22T::` and is read as a DATE.
  const m =
    p.type === 'date'
      ? /^(\d{4}-\d{2}-\d{2})()$/.exec(v)
      : p.type === 'date-time'
        ? /^(\d{4}-\d{2}-\d{2})T(::|\d{2}:\d{2}:\d{2}Z?)$/.exec(v)
        : null;
  if (!m) return { error: expected };
  if (!isCalendarDay(m[1])) return { error: `${m[1]} is not a date of the calendar` };
  const isDate = m[2] === '' || m[2] === '::';
  return {
    date: m[1],
    isDate,
    midnight: isDate || m[2].startsWith('00:00:00'),
    value: isDate ? m[1] : v,
  };
}

function addDuration(start: Moment, duration: string): Moment | { error: string } {
  if (!/^\+?P(\d+W|\d+D(T(\d+H)?(\d+M)?(\d+S)?)?|T(\d+H)?(\d+M)?(\d+S)?)$/.test(duration)) {
    return { error: 'must be a positive duration, e.g. P5D or PT8H' };
  }
  const time = start.isDate
    ? ICAL.Time.fromDateString(start.value)
    : ICAL.Time.fromDateTimeString(start.value.replace(/Z$/, ''));
  time.addDuration(ICAL.Duration.fromString(duration));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  return {
    date,
    isDate: start.isDate,
    midnight: start.isDate || (time.hour === 0 && time.minute === 0 && time.second === 0),
    value: date,
  };
}

/**
 * The last day of an event from its start day and its (exclusive) end: a DATE end, or a
 * DATE-TIME end at midnight, is the day after the last. An end equal to the start (an
 * all-day event some programs write with DTEND = DTSTART) is that one day.
 */
function lastDay(startsOn: string, end: Moment): string {
  if (end.midnight && end.date > startsOn) return addDays(end.date, -1);
  return end.date;
}
