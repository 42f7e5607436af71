import { parse, type CsvError as ParserError } from 'csv-parse/sync';

// Shared by the CSV importers (defenders, UN calendar): lines and parser messages a person can act on.

/** Physical line numbers of byte offsets, counting CRLF, LF and a lone CR as one line end. */
export class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly bytes: Buffer) {}

  /** The line on which the byte at `offset` sits (offsets must not go backwards). */
  lineAt(offset: number): number {
    const b = this.bytes;
    for (; this.offset < offset && this.offset < b.length; this.offset++) {
      const c = b[this.offset];
      if (c === 0x0a || (c === 0x0d && b[this.offset + 1] !== 0x0a)) this.line += 1;
    }
    return this.line;
  }
}

export function isParserError(err: unknown): err is ParserError {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

export function parserErrorMessage(err: ParserError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " is missing): nothing after it could be read';
    case 'INVALID_OPENING_QUOTE':
      return 'a " appears inside a cell that does not start with one: quote the whole cell and double the inner "';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell has text after its closing ": double a " inside a quoted cell';
    default:
      return `cannot be read as CSV (${err.code})`;
  }
}

/**
 * Every record of a CSV file with the byte offset where it ends (for line numbers), read as
 * far as the parser can; a parser error is returned, not thrown, so the rows before it are
 * still checked and reported.
 */
export function readCsvRecords(body: Buffer): {
  records: { cells: string[]; end: number }[];
  parserError: ParserError | undefined;
} {
  const records: { cells: string[]; end: number }[] = [];
  try {
    parse(body, {
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (cells: string[], info) => {
        records.push({ cells, end: info.bytes });
        return null;
      },
    });
  } catch (err) {
    if (!isParserError(err)) throw err;
    return { records, parserError: err };
  }
  return { records, parserError: undefined };
}
