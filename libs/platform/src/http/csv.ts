/**
 * CSV output (RFC 4180) that is safe to open in a spreadsheet. Every CSV Witness writes (the
 * indicators report, exports, templates) goes through `csvRow`, so the formula guard cannot be
 * forgotten in one place.
 */

/** A cell a spreadsheet would evaluate as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Numbers are written as they are: a negative number is a value, not a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  let text = Array.isArray(value) ? value.join(';') : String(value);
  // A leading apostrophe makes spreadsheets show the text as text; the data stays readable.
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** The media type with the header flag, for `Content-Type`. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** A byte-order mark lets Excel open UTF-8 (accents, non-Latin scripts) correctly. */
export const CSV_BOM = '\ufeff';
