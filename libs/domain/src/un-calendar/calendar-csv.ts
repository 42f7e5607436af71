import {
  finishCalendarParse,
  isCalendarDay,
  sortDeadlines,
  type CalendarEntrySource,
  type CalendarFieldSource,
  type CalendarParseError,
  type CalendarParseResult,
} from './calendar-parse';
import {
  CALENDAR_ENTRY_KINDS,
  REGIONAL_BODIES,
  type CalendarDeadlineInput,
  type CalendarEntryInput,
  type CalendarEntryKind,
  type DeadlineKind,
  type RegionalBody,
} from './un-calendar.types';
import { LineCounter, parserErrorMessage, readCsvRecords } from '../shared/csv-lines';

/**
 * The CSV format of the UN calendar (`npm run cli -- calendar:import FILE.csv`): one row per
 * session, made to be filled in a spreadsheet. One catalogue of columns drives the parser and
 * the table in docs/user-guide.md (Importing the calendar).
 *
 * Deadline cells hold a date. `stakeholder_submission_due` (UPR) holds one date for every
 * state under review and/or per-state dates, `;`-separated: `2026-10-05`,
 * `2026-10-05;BD=2026-10-12`, `BD=2026-10-12;TD=2026-10-19`. `other_due` holds one more
 * deadline, a date and an optional label: `2027-02-01 NGO briefing registration`.
 */

export type CalendarCsvColumnName =
  | 'kind'
  | 'number'
  | 'body'
  | 'title'
  | 'starts_on'
  | 'ends_on'
  | 'location'
  | 'countries'
  | 'written_statement_due'
  | 'side_event_request_due'
  | 'oral_statement_registration_due'
  | 'case_cutoff'
  | 'submission_due'
  | 'stakeholder_submission_due'
  | 'other_due'
  | 'notes'
  | 'source_url'
  | 'sample';

export interface CalendarCsvColumn {
  name: CalendarCsvColumnName;
  required: boolean;
  /** The deadline kind a deadline column holds. */
  deadline?: DeadlineKind;
  description: string;
  example: string;
}

/** Separator of the values in a list cell (countries, per-state and other deadlines). */
export const CALENDAR_CSV_LIST_SEPARATOR = ';';

export const CALENDAR_CSV_COLUMNS: readonly CalendarCsvColumn[] = [
  {
    name: 'kind',
    required: true,
    description: `One of ${CALENDAR_ENTRY_KINDS.join(', ')}.`,
    example: 'upr_session',
  },
  {
    name: 'number',
    required: false,
    description: 'The session number (HRC 64, WGAD 108, UPR 55); empty when it has none.',
    example: '55',
  },
  {
    name: 'body',
    required: false,
    description: `For regional_session only: ${REGIONAL_BODIES.join(', ')}.`,
    example: '',
  },
  {
    name: 'title',
    required: true,
    description: 'The session as published (up to 300 characters).',
    example: 'Universal Periodic Review Working Group, 55th session',
  },
  {
    name: 'starts_on',
    required: true,
    description: 'First day, YYYY-MM-DD.',
    example: '2027-04-26',
  },
  {
    name: 'ends_on',
    required: true,
    description: 'Last day (included), YYYY-MM-DD.',
    example: '2027-05-07',
  },
  { name: 'location', required: false, description: 'Where it meets.', example: 'Geneva' },
  {
    name: 'countries',
    required: false,
    description:
      'States concerned, ISO 3166-1 alpha-2 codes separated by ";" (for UPR: the states under review).',
    example: 'BH;EC;TN',
  },
  {
    name: 'written_statement_due',
    required: false,
    deadline: 'written_statement',
    description: 'HRC: written statements due, YYYY-MM-DD.',
    example: '',
  },
  {
    name: 'side_event_request_due',
    required: false,
    deadline: 'side_event_request',
    description: 'HRC: side-event requests due, YYYY-MM-DD.',
    example: '',
  },
  {
    name: 'oral_statement_registration_due',
    required: false,
    deadline: 'oral_statement_registration',
    description: 'HRC: oral statement registration closes, YYYY-MM-DD.',
    example: '',
  },
  {
    name: 'case_cutoff',
    required: false,
    deadline: 'case_cutoff',
    description: 'WGAD: cut-off for cases to be considered at the session, YYYY-MM-DD.',
    example: '',
  },
  {
    name: 'submission_due',
    required: false,
    deadline: 'submission',
    description: 'Regional session: submissions due, YYYY-MM-DD.',
    example: '',
  },
  {
    name: 'stakeholder_submission_due',
    required: false,
    deadline: 'stakeholder_submission',
    description:
      'UPR: stakeholder submissions due. One date for every state under review, and/or ' +
      'per-state dates CC=YYYY-MM-DD, separated by ";".',
    example: '2026-10-05;TN=2026-10-12',
  },
  {
    name: 'other_due',
    required: false,
    deadline: 'other',
    description:
      'One more deadline of any kind: a date YYYY-MM-DD, then optionally a space and a label.',
    example: '2027-04-12 NGO briefing registration',
  },
  {
    name: 'notes',
    required: false,
    description: 'Free text (up to 10,000 characters).',
    example: "Sample: check against OHCHR's published calendar before relying on it",
  },
  {
    name: 'source_url',
    required: false,
    description: 'Where the dates were published (an http(s) address).',
    example: 'https://www.ohchr.org/en/hr-bodies/upr/upr-home',
  },
  {
    name: 'sample',
    required: false,
    description:
      'true for demo data to be checked before use (true/false, yes/no, 1/0; empty is false).',
    example: 'true',
  },
];

/**
 * Which field of `CalendarEntryInput` a column fills (deadline columns fill `deadlines[i]`), so
 * errors found on the entry are shown under the column the coordinator typed into.
 */
const FIELD_OF: Partial<Record<CalendarCsvColumnName, string>> = {
  kind: 'kind',
  number: 'number',
  body: 'body',
  title: 'title',
  starts_on: 'startsOn',
  ends_on: 'endsOn',
  location: 'location',
  countries: 'countries',
  notes: 'notes',
  source_url: 'sourceUrl',
  sample: 'sample',
};

/**
 * Parse a calendar CSV (UTF-8 text, optional BOM, comma-separated, RFC 4180 quoting, CRLF, LF
 * or CR line ends; header names case-insensitive). Every problem comes back with the physical
 * line of its record (the header is line 1), and the entries with where each came from.
 */
export function parseCalendarCsv(text: string): CalendarParseResult {
  const body = Buffer.from(text.replace(/^\ufeff/, ''), 'utf8');
  if (body.toString('utf8').trim() === '') {
    return { entries: [], sources: [], errors: [{ line: 1, message: 'the file is empty' }] };
  }

  const { records, parserError } = readCsvRecords(body);

  // csv-parse counts lines unreliably inside quoted cells with mixed line ends, so each
  // record's first line is counted from the bytes before it.
  const lines = new LineCounter(body);
  const header = records[0]?.cells ?? [];
  const errors: CalendarParseError[] = [];
  const columns = readHeader(header, errors);
  const entries: CalendarEntryInput[] = [];
  const sources: CalendarEntrySource[] = [];
  let previousEnd = records[0]?.end ?? 0;
  let rows = 0;

  for (const record of records.slice(1)) {
    const line = lines.lineAt(previousEnd);
    previousEnd = record.end;
    // Blank lines, and rows a spreadsheet wrote with every cell empty, are not rows.
    if (record.cells.every((c) => c.trim() === '')) continue;
    rows += 1;
    if (!columns) continue;
    if (record.cells.length !== header.length) {
      errors.push({
        line,
        message: `has ${record.cells.length} cells but the header has ${header.length}`,
      });
      continue;
    }
    const row = readRow(record.cells, columns, line);
    errors.push(...row.errors);
    if (row.entry) {
      entries.push(row.entry);
      sources.push(row.source);
    }
  }

  if (parserError) {
    errors.push({
      line: lines.lineAt(previousEnd),
      field: columns?.[Number(parserError.index ?? -1)]?.name,
      message: parserErrorMessage(parserError),
    });
  } else if (columns && rows === 0) {
    errors.push({ line: 2, message: 'the file has no rows to import' });
  }
  return finishCalendarParse(entries, sources, errors);
}

/** Map header cells to catalogue columns (case-insensitive, trimmed); null if unusable. */
function readHeader(header: string[], errors: CalendarParseError[]): CalendarCsvColumn[] | null {
  const byName = new Map(CALENDAR_CSV_COLUMNS.map((c) => [c.name, c]));
  const before = errors.length;
  const seen = new Set<string>();
  const columns = header.map((raw, i) => {
    const name = raw.trim();
    const column = byName.get(name.toLowerCase() as CalendarCsvColumnName);
    if (!column) {
      errors.push({
        line: 1,
        field: name || undefined,
        message: name
          ? `is not a known column (known: ${CALENDAR_CSV_COLUMNS.map((c) => c.name).join(', ')})`
          : `column ${i + 1} has no name`,
      });
      return null;
    }
    if (seen.has(column.name)) {
      errors.push({ line: 1, field: column.name, message: 'appears twice in the header' });
    }
    seen.add(column.name);
    return column;
  });
  for (const c of CALENDAR_CSV_COLUMNS) {
    if (c.required && !seen.has(c.name)) {
      errors.push({ line: 1, field: c.name, message: 'is a required column' });
    }
  }
  return errors.length > before ? null : (columns as CalendarCsvColumn[]);
}

/** One data row: its entry (when every cell could be read) and its problems. */
function readRow(
  cells: string[],
  columns: CalendarCsvColumn[],
  line: number,
): { entry: CalendarEntryInput | null; source: CalendarEntrySource; errors: CalendarParseError[] } {
  const errors: CalendarParseError[] = [];
  const fields: Record<string, CalendarFieldSource> = {};
  const cell: Partial<Record<CalendarCsvColumnName, string>> = {};
  columns.forEach((c, i) => {
    cell[c.name] = cells[i].trim();
    const field = FIELD_OF[c.name];
    if (field) fields[field] = { line, name: c.name };
  });
  const fail = (field: CalendarCsvColumnName, message: string) =>
    errors.push({ line, field, message });
  const text = (name: CalendarCsvColumnName): string | null => cell[name] || null;

  const kindCell = (cell.kind ?? '').toLowerCase();
  let kind: CalendarEntryKind | null = null;
  if (!kindCell) fail('kind', 'is required');
  else if (!(CALENDAR_ENTRY_KINDS as readonly string[]).includes(kindCell))
    fail('kind', `must be one of ${CALENDAR_ENTRY_KINDS.join(', ')}`);
  else kind = kindCell as CalendarEntryKind;

  let number: number | null = null;
  if (cell.number) {
    if (/^\d{1,9}$/.test(cell.number)) number = Number(cell.number);
    else fail('number', 'must be a whole number, e.g. 64 (or empty)');
  }

  let body: RegionalBody | null = null;
  const bodyCell = (cell.body ?? '').toLowerCase();
  if (bodyCell) {
    if ((REGIONAL_BODIES as readonly string[]).includes(bodyCell)) body = bodyCell as RegionalBody;
    else fail('body', `must be one of ${REGIONAL_BODIES.join(', ')} (or empty)`);
  }

  const title = cell.title ?? '';
  if (!title) fail('title', 'is required');

  const date = (name: 'starts_on' | 'ends_on'): string => {
    const v = cell[name] ?? '';
    if (!v) fail(name, 'is required');
    else if (!isCalendarDay(v)) fail(name, dateMessage(v));
    return v;
  };
  const startsOn = date('starts_on');
  const endsOn = date('ends_on');

  const countries = splitList(cell.countries ?? '').map((c) => c.toUpperCase());

  const deadlines: { deadline: CalendarDeadlineInput; column: CalendarCsvColumnName }[] = [];
  for (const column of columns) {
    const value = cell[column.name];
    if (!column.deadline || !value) continue;
    const add = (deadline: CalendarDeadlineInput) =>
      deadlines.push({ deadline, column: column.name });
    const bad = (message: string) => fail(column.name, message);
    if (column.deadline === 'stakeholder_submission') readPerState(value, add, bad);
    else if (column.deadline === 'other') readOther(value, add, bad);
    else if (isCalendarDay(value))
      add({ kind: column.deadline, dueOn: value, country: null, label: null });
    else bad(dateMessage(value));
  }

  let sample = false;
  if (cell.sample) {
    const v = cell.sample.toLowerCase();
    if (['true', 'yes', '1'].includes(v)) sample = true;
    else if (!['false', 'no', '0'].includes(v)) fail('sample', 'must be true or false (or empty)');
  }

  const source: CalendarEntrySource = { line, fields };
  if (errors.length || !kind) return { entry: null, source, errors };

  // Deadlines in the shared order; each remembers its column for errors about it.
  const ordered = sortDeadlines(deadlines.map((d) => d.deadline));
  ordered.forEach((d, i) => {
    const from = deadlines.find((x) => x.deadline === d);
    if (from) fields[`deadlines[${i}]`] = { line, name: from.column };
  });
  const entry: CalendarEntryInput = {
    kind,
    number,
    body,
    title,
    startsOn,
    endsOn,
    location: text('location'),
    countries,
    deadlines: ordered,
    notes: text('notes'),
    sourceUrl: text('source_url'),
    sample,
  };
  return { entry, source, errors };
}

/**
 * `stakeholder_submission_due`: a date for every state under review (no `country`) and/or
 * `CC=YYYY-MM-DD` for one state, `;`-separated, each state at most once.
 */
function readPerState(
  value: string,
  add: (d: CalendarDeadlineInput) => void,
  bad: (message: string) => void,
): void {
  let forAll = false;
  const states = new Set<string>();
  for (const item of splitList(value)) {
    const perState = /^([A-Za-z]{2})\s*=\s*(.*)$/.exec(item);
    if (perState) {
      const country = perState[1].toUpperCase();
      const dueOn = perState[2];
      if (states.has(country)) bad(`gives ${country} twice`);
      else if (!isCalendarDay(dueOn)) bad(`${country}: ${dateMessage(dueOn)}`);
      else add({ kind: 'stakeholder_submission', dueOn, country, label: null });
      states.add(country);
    } else if (!isCalendarDay(item)) {
      bad(
        `"${item}" is neither a date YYYY-MM-DD (for every state) nor a state's date CC=YYYY-MM-DD`,
      );
    } else if (forAll) {
      bad('gives more than one date for every state: write the others as CC=YYYY-MM-DD');
    } else {
      forAll = true;
      add({ kind: 'stakeholder_submission', dueOn: item, country: null, label: null });
    }
  }
}

/**
 * `other_due`: one more deadline, a date then optionally a space and a label (the label may
 * hold any text). One only: deadlines are kept by kind and state.
 */
function readOther(
  value: string,
  add: (d: CalendarDeadlineInput) => void,
  bad: (message: string) => void,
): void {
  const m = /^(\S+)(?:\s+([^]*))?$/.exec(value);
  if (!m || !isCalendarDay(m[1])) {
    bad(`"${value}" must start with a date YYYY-MM-DD, then optionally a space and a label`);
  } else {
    add({ kind: 'other', dueOn: m[1], country: null, label: m[2]?.trim() || null });
  }
}

/** Items of a list cell: `;`-separated (`,` too, as codes are often typed), trimmed. */
function splitList(value: string): string[] {
  return value
    .split(/[;,]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

function dateMessage(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value} is not a date of the calendar`;
  return (
    `"${value}" must be a date written YYYY-MM-DD, e.g. 2027-02-22 (a spreadsheet may have ` +
    'reformatted it: format the column as text)'
  );
}
