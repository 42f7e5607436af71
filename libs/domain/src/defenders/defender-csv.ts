import { csvRow, CSV_BOM } from '@witness/platform';
import { ACCESS_LEVELS, HRD_FOCUSES, RISK_LEVELS, SEXES } from '../shared/vocabulary';
import type { DefenderInput, DefenderView } from './defender.types';
import { LineCounter, parserErrorMessage, readCsvRecords } from '../shared/csv-lines';

/**
 * The CSV format of case records. One catalogue of columns drives the importer's parser, the
 * template and the export's header, so the three cannot drift apart.
 *
 * Sensitive fields (contacts, confidential notes, the address of usual residence) have no
 * column on purpose: a spreadsheet of family and lawyer contacts or home addresses is exactly
 * the file that leaks. They are entered one record at a time through the API, encrypted at
 * rest.
 */

export type DefenderCsvColumnName = Exclude<
  keyof DefenderInput,
  'contacts' | 'confidentialNotes' | 'usualAddress'
>;

export interface DefenderCsvColumn {
  name: DefenderCsvColumnName;
  required: boolean;
  /** How a cell becomes a value: text as is, a `;`-separated list, a year, a date, a code. */
  kind: 'text' | 'list' | 'year' | 'date' | 'code' | 'choice' | 'choices';
  /** The closed vocabulary, for `choice` and `choices`. */
  values?: readonly string[];
  description: string;
  /** The template's example cell (clearly made up). */
  example: string;
  /**
   * Still read by the importer (files made from an older template), but neither in the
   * template nor in the export: `nationality` before `nationalities`.
   */
  legacy?: true;
}

/** Separator of the values in a list cell (other names, focus, tags). */
export const CSV_LIST_SEPARATOR = ';';

export const DEFENDER_CSV_COLUMNS: readonly DefenderCsvColumn[] = [
  {
    name: 'fullName',
    required: true,
    kind: 'text',
    description: 'Full name as used in the case (1-200 characters).',
    example: 'Example Name',
  },
  {
    name: 'familyName',
    required: false,
    kind: 'text',
    description: 'Family name(s), apart, as the UN questionnaires ask (up to 200 characters).',
    example: 'Name',
  },
  {
    name: 'givenNames',
    required: false,
    kind: 'text',
    description: 'Given name(s) (up to 200 characters).',
    example: 'Example',
  },
  {
    name: 'otherNames',
    required: false,
    kind: 'list',
    description: 'Other names, transliterations, aliases (up to 20, each up to 200 characters).',
    example: 'Example Alias;Пример Имя',
  },
  {
    name: 'sex',
    required: false,
    kind: 'choice',
    values: SEXES,
    description: 'Sex, as the defender describes it.',
    example: 'female',
  },
  {
    name: 'birthDate',
    required: false,
    kind: 'date',
    description: 'Date of birth, YYYY-MM-DD (sets birthYear).',
    example: '1988-04-12',
  },
  {
    name: 'birthYear',
    required: false,
    kind: 'year',
    description: 'Year of birth (1900-2100) when only the year or the age is known.',
    example: '',
  },
  {
    name: 'nationalities',
    required: false,
    kind: 'list',
    description: 'Every nationality, ISO 3166-1 alpha-2 codes, the principal first (e.g. KE;FR).',
    example: 'KE',
  },
  {
    name: 'nationality',
    required: false,
    kind: 'code',
    description: 'One nationality (older files; use nationalities).',
    example: '',
    legacy: true,
  },
  {
    name: 'country',
    required: true,
    kind: 'code',
    description: 'Country of detention, ISO 3166-1 alpha-2 code (e.g. KE).',
    example: 'KE',
  },
  {
    name: 'profession',
    required: false,
    kind: 'text',
    description: 'Profession (up to 200 characters).',
    example: 'Journalist',
  },
  {
    name: 'organisation',
    required: false,
    kind: 'text',
    description: 'Organisation the defender works with (up to 200 characters).',
    example: 'Example Organisation',
  },
  {
    name: 'hrdActivity',
    required: false,
    kind: 'text',
    description:
      'The human rights work believed to be the reason for the arrest (up to 2,000 characters).',
    example: 'Reports on trials of protesters.',
  },
  {
    name: 'hrdFocus',
    required: false,
    kind: 'choices',
    values: HRD_FOCUSES,
    description: 'Areas of human rights work.',
    example: 'journalist;pro_democracy',
  },
  {
    name: 'summary',
    required: false,
    kind: 'text',
    description: 'Short plain-text summary (up to 1,000 characters).',
    example: 'Made-up example row: delete it before importing.',
  },
  {
    name: 'story',
    required: false,
    kind: 'text',
    description: 'The story, in Markdown (up to 50,000 characters; line breaks inside quotes).',
    example: '',
  },
  {
    name: 'riskLevel',
    required: false,
    kind: 'choice',
    values: RISK_LEVELS,
    description: 'Assessed risk to the defender.',
    example: 'high',
  },
  {
    name: 'access',
    required: false,
    kind: 'choice',
    values: ACCESS_LEVELS,
    description: 'standard (all staff) or restricted (need-to-know); empty means standard.',
    example: 'standard',
  },
  {
    name: 'tags',
    required: false,
    kind: 'list',
    description: 'Free tags (up to 30, each 1-50 letters, digits, spaces or _ . : / -).',
    example: 'example;group:2024-example',
  },
];

/** The columns of the template (and of a new file): the catalogue without its legacy names. */
export const DEFENDER_TEMPLATE_COLUMNS = DEFENDER_CSV_COLUMNS.filter((c) => !c.legacy);

/** What the export adds around the importable columns: identity and what the timeline derives. */
export const DEFENDER_EXPORT_COLUMNS = [
  'id',
  ...DEFENDER_TEMPLATE_COLUMNS.map((c) => c.name),
  'status',
  'detainedSince',
  'daysDetained',
  'totalDaysDetained',
  'lastEventAt',
  'archivedAt',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof DefenderView)[];

/** A problem in the file: `line` is the physical line (the header is line 1). */
export interface CsvProblem {
  line: number | null;
  column: string | null;
  message: string;
}

/** One data row: where it starts, and its cells as a request body (empty cells left out). */
export interface DefenderCsvRow {
  line: number;
  values: Record<string, unknown>;
}

export interface DefenderCsvParse {
  rows: DefenderCsvRow[];
  /** Problems of the file or of a cell's CSV form (the values themselves are checked later). */
  problems: CsvProblem[];
}

/** The template: the header and one made-up example row. */
export function defenderCsvTemplate(): string {
  return (
    CSV_BOM +
    csvRow(DEFENDER_TEMPLATE_COLUMNS.map((c) => c.name)) +
    csvRow(DEFENDER_TEMPLATE_COLUMNS.map((c) => c.example))
  );
}

/** The export's header line. */
export function defenderExportHeader(): string {
  return csvRow(DEFENDER_EXPORT_COLUMNS);
}

/** One exported record, from the same view the API shows. */
export function defenderExportRow(view: DefenderView): string {
  return csvRow(DEFENDER_EXPORT_COLUMNS.map((c) => view[c]));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Parse an uploaded CSV (UTF-8, optional BOM, comma-separated, RFC 4180 quoting, CRLF, LF or
 * CR line ends). Returns each data row with the line it starts on, ready for the same
 * validation as a JSON body; file-level problems (encoding, header, quoting, shape) come back
 * as problems with their line.
 */
export function parseDefenderCsv(input: Buffer, options: { maxRows: number }): DefenderCsvParse {
  const encoding = invalidUtf8Lines(input);
  if (encoding.length) return { rows: [], problems: encoding };
  const body = input.subarray(0, 3).equals(BOM) ? input.subarray(3) : input;
  if (body.toString('utf8').trim() === '') {
    return { rows: [], problems: [{ line: 1, column: null, message: 'the file is empty' }] };
  }

  const { records, parserError } = readCsvRecords(body);

  // csv-parse counts lines unreliably inside quoted cells with mixed line ends, so each
  // record's first line is counted from the bytes before it.
  const lines = new LineCounter(body);
  const header = records[0]?.cells ?? [];
  const problems: CsvProblem[] = [];
  const columns = readHeader(header, problems);
  const rows: DefenderCsvRow[] = [];
  let previousEnd = records[0]?.end ?? 0;

  for (const record of records.slice(1)) {
    const line = lines.lineAt(previousEnd);
    previousEnd = record.end;
    // Blank lines, and rows a spreadsheet wrote with every cell empty, are not rows.
    if (record.cells.every((c) => c.trim() === '')) continue;
    if (problems.length && !columns) break;
    if (record.cells.length !== header.length) {
      problems.push({
        line,
        column: null,
        message: `has ${record.cells.length} cells but the header has ${header.length}`,
      });
      continue;
    }
    rows.push({ line, values: toValues(record.cells, columns ?? []) });
  }

  if (parserError) {
    const column = columns?.[Number(parserError.index ?? -1)]?.name ?? null;
    problems.push({
      line: lines.lineAt(previousEnd),
      column,
      message: parserErrorMessage(parserError),
    });
  } else if (!problems.length && rows.length === 0) {
    problems.push({ line: 2, column: null, message: 'the file has no rows to import' });
  }
  if (rows.length > options.maxRows) {
    problems.push({
      line: rows[options.maxRows].line,
      column: null,
      message: `the file has more than ${options.maxRows} rows: split it into several files`,
    });
  }
  return { rows, problems };
}

/** Map header cells to catalogue columns (case-insensitive, trimmed); null if unusable. */
function readHeader(header: string[], problems: CsvProblem[]): (DefenderCsvColumn | null)[] | null {
  const byName = new Map(DEFENDER_CSV_COLUMNS.map((c) => [c.name.toLowerCase(), c]));
  const seen = new Set<string>();
  const columns = header.map((raw, i) => {
    const name = (i === 0 ? raw.replace(/^\ufeff/, '') : raw).trim();
    const column = byName.get(name.toLowerCase());
    if (!column) {
      problems.push({
        line: 1,
        column: name,
        message: name
          ? `is not a known column (known: ${DEFENDER_TEMPLATE_COLUMNS.map((c) => c.name).join(', ')})`
          : `column ${i + 1} has no name`,
      });
      return null;
    }
    if (seen.has(column.name)) {
      problems.push({ line: 1, column: column.name, message: 'appears twice in the header' });
    }
    seen.add(column.name);
    return column;
  });
  for (const c of DEFENDER_CSV_COLUMNS) {
    if (c.required && !seen.has(c.name)) {
      problems.push({ line: 1, column: c.name, message: 'is a required column' });
    }
  }
  return problems.length ? null : columns;
}

/**
 * Rows that describe the same person as an earlier row: same name (case, accents of
 * composition and spacing aside), country and birth date (or year when no date is given).
 */
export function duplicateProblems(rows: { line: number; input: DefenderInput }[]): CsvProblem[] {
  const firstLine = new Map<string, number>();
  const problems: CsvProblem[] = [];
  for (const { line, input } of rows) {
    const name = input.fullName.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
    const birth = input.birthDate ?? (input.birthYear != null ? String(input.birthYear) : '');
    const key = [name, input.country.toUpperCase(), birth].join('\u0000');
    const first = firstLine.get(key);
    if (first === undefined) {
      firstLine.set(key, line);
    } else {
      problems.push({
        line,
        column: 'fullName',
        message: `duplicates line ${first} (same fullName, country and birth date or year)`,
      });
    }
  }
  return problems;
}

/** A spreadsheet-safe cell written by Witness starts with an apostrophe: take it off again. */
const GUARDED_FORMULA = /^'(?=[=+\-@\t\r])/;

function toValues(cells: string[], columns: (DefenderCsvColumn | null)[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  cells.forEach((raw, i) => {
    const column = columns[i];
    if (!column) return;
    const cell = raw.replace(GUARDED_FORMULA, '');
    if (cell.trim() === '') {
      // Required columns keep the empty cell so validation names them; the rest are left out.
      if (column.required) values[column.name] = '';
      return;
    }
    switch (column.kind) {
      case 'text':
        values[column.name] = cell;
        break;
      case 'list':
      case 'choices':
        values[column.name] = cell
          .split(CSV_LIST_SEPARATOR)
          .map((v) => v.replace(GUARDED_FORMULA, '').trim())
          .filter(Boolean);
        break;
      case 'year':
        values[column.name] = /^\s*[+-]?\d{1,6}\s*$/.test(cell) ? Number(cell) : cell.trim();
        break;
      default:
        values[column.name] = cell.trim();
    }
  });
  return values;
}

/** Lines (1-based) holding bytes that are not UTF-8, at most 20 of them. */
function invalidUtf8Lines(input: Buffer): CsvProblem[] {
  try {
    UTF8.decode(input);
    return [];
  } catch {
    const problems: CsvProblem[] = [];
    let start = 0;
    let line = 1;
    while (start <= input.length && problems.length < 20) {
      let end = input.indexOf(0x0a, start);
      if (end === -1) end = input.length;
      try {
        UTF8.decode(input.subarray(start, end));
      } catch {
        problems.push({
          line,
          column: null,
          message: 'is not valid UTF-8: save the file as "CSV UTF-8" and upload it again',
        });
      }
      start = end + 1;
      line += 1;
    }
    return problems;
  }
}
