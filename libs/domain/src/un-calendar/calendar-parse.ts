import type { FieldError } from '@witness/platform';
import { isCalendarDate } from '../shared/detention-status';
import {
  DEADLINE_KINDS,
  type CalendarDeadlineInput,
  type CalendarEntryInput,
} from './un-calendar.types';

/**
 * What the calendar file parsers (CSV and iCalendar) share: their result, the map from an
 * entry's fields back to the lines of the file, and the checks both make the same way.
 */

/** A problem in an imported file: the physical line (1-based) and the column or property. */
export interface CalendarParseError {
  line: number;
  /** The file's own name for it: a CSV column (`starts_on`) or an iCalendar property (`DTSTART`). */
  field?: string;
  message: string;
}

/** Where a value of an entry came from in the file. */
export interface CalendarFieldSource {
  line: number;
  /** The CSV column or iCalendar property it was read from. */
  name: string;
}

/**
 * Where an entry came from: its first line (a CSV row, an iCalendar BEGIN:VEVENT) and, per field
 * path of `CalendarEntryInput` (`startsOn`, `countries`, `deadlines[2]`), the column or property.
 */
export interface CalendarEntrySource {
  line: number;
  fields: Record<string, CalendarFieldSource>;
}

export interface CalendarParseResult {
  /** The entries read without a problem, in file order. */
  entries: CalendarEntryInput[];
  /** Every problem found; an import must not start unless this is empty. */
  errors: CalendarParseError[];
  /** `sources[i]` is where `entries[i]` came from. */
  sources: CalendarEntrySource[];
}

/**
 * A field error of entry `index` (as `validateEntry` names fields, without the `entries[i].`
 * prefix), placed on the line and under the name the file uses for it. `deadlines[2].dueOn`
 * is looked up as itself, then `deadlines[2]`, then `deadlines`; the entry's first line is the
 * fallback.
 */
export function locateCalendarEntryError(
  source: CalendarEntrySource,
  error: FieldError,
): CalendarParseError {
  let path = error.field;
  for (;;) {
    const found = source.fields[path];
    if (found) return { line: found.line, field: found.name, message: error.message };
    const shorter = path.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    if (shorter === path || !shorter) break;
    path = shorter;
  }
  return { line: source.line, field: error.field, message: error.message };
}

/**
 * The service's errors on an import (`entries[3].deadlines[0].dueOn`), placed by line. Errors
 * that name no entry stay on line 1 with their own field name.
 */
export function locateCalendarImportErrors(
  sources: readonly CalendarEntrySource[],
  errors: readonly FieldError[],
): CalendarParseError[] {
  return sortCalendarErrors(
    errors.map((e) => {
      // "the same session as entries[0]" reads better as "... as line 2".
      const message = e.message.replace(/\bentries\[(\d+)\]/g, (whole, i: string) =>
        sources[Number(i)] ? `line ${sources[Number(i)].line}` : whole,
      );
      const m = /^entries\[(\d+)\]\.?(.*)$/.exec(e.field);
      const source = m ? sources[Number(m[1])] : undefined;
      if (!m || !source) return { line: 1, field: e.field, message };
      return m[2]
        ? locateCalendarEntryError(source, { field: m[2], message })
        : { line: source.line, message };
    }),
  );
}

/** Errors in file order (stable for errors of one line). */
export function sortCalendarErrors<T extends { line: number }>(errors: T[]): T[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e }) => e);
}

/** `YYYY-MM-DD` and a real day (2027-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value);
}

/**
 * Deadlines in one order whatever the file's: by day, then kind, then state (no state first),
 * so the same calendar read from a CSV or an iCalendar file is the same input.
 */
export function sortDeadlines(deadlines: CalendarDeadlineInput[]): CalendarDeadlineInput[] {
  const kindIndex = (d: CalendarDeadlineInput) => DEADLINE_KINDS.indexOf(d.kind);
  return [...deadlines].sort(
    (a, b) =>
      a.dueOn.localeCompare(b.dueOn) ||
      kindIndex(a) - kindIndex(b) ||
      (a.country ?? '').localeCompare(b.country ?? '') ||
      (a.label ?? '').localeCompare(b.label ?? ''),
  );
}

/**
 * The key an import matches an entry on (CalendarImportResult): (kind, body, number), or
 * (kind, title, startsOn) for an entry without a number.
 */
export function calendarEntryMatchKey(e: CalendarEntryInput): string {
  return e.number !== undefined && e.number !== null
    ? ['n', e.kind, e.body ?? '', String(e.number)].join('\u0000')
    : ['t', e.kind, e.title, e.startsOn].join('\u0000');
}

/**
 * Two entries of one file that an import would match to the same stored entry: the second
 * would silently overwrite the first, so the file is refused instead.
 */
export function duplicateCalendarEntryErrors(
  entries: readonly CalendarEntryInput[],
  sources: readonly CalendarEntrySource[],
): CalendarParseError[] {
  const first = new Map<string, number>();
  const errors: CalendarParseError[] = [];
  entries.forEach((entry, i) => {
    const key = calendarEntryMatchKey(entry);
    const line = sources[i].line;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, line);
    else
      errors.push({
        line,
        message:
          `is the same session as line ${earlier} (entries are matched on kind, body and ` +
          'number, or on kind, title and start date when there is no number)',
      });
  });
  return errors;
}

/** The parse's result, with the duplicate check added and every error in file order. */
export function finishCalendarParse(
  entries: CalendarEntryInput[],
  sources: CalendarEntrySource[],
  errors: CalendarParseError[],
): CalendarParseResult {
  return {
    entries,
    sources,
    errors: sortCalendarErrors([...errors, ...duplicateCalendarEntryErrors(entries, sources)]),
  };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's text (a leading byte order mark dropped), or the lines (at most 20) that are not
 * UTF-8.
 */
export function decodeCalendarFile(
  bytes: Uint8Array,
): { text: string; errors: [] } | { text: null; errors: CalendarParseError[] } {
  try {
    return { text: STRICT_UTF8.decode(bytes), errors: [] };
  } catch {
    const errors: CalendarParseError[] = [];
    let start = 0;
    for (let line = 1; start <= bytes.length && errors.length < 20; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end === -1) end = bytes.length;
      try {
        STRICT_UTF8.decode(bytes.subarray(start, end));
      } catch {
        errors.push({ line, message: 'is not valid UTF-8: save the file as UTF-8 and try again' });
      }
      start = end + 1;
    }
    return { text: null, errors };
  }
}
