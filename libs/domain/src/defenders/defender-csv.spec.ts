import { CSV_BOM } from '@witness/platform';
import { parse } from 'csv-parse/sync';
import {
  DEFENDER_TEMPLATE_COLUMNS,
  DEFENDER_EXPORT_COLUMNS,
  defenderCsvTemplate,
  defenderExportHeader,
  defenderExportRow,
  duplicateProblems,
  parseDefenderCsv,
} from './defender-csv';
import type { DefenderView } from './defender.types';

const csv = (text: string) => parseDefenderCsv(Buffer.from(text, 'utf8'), { maxRows: 100 });

describe('defender CSV', () => {
  it('reads rows into request bodies: lists split on ;, years as numbers, empty cells left out', () => {
    const { rows, problems } = csv(
      'fullName,otherNames,birthYear,country,tags,sex\r\n' +
        'Amina Haddad, أمينة حداد ; Amina H. ,1988,eg,a;b;,\r\n',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          fullName: 'Amina Haddad',
          otherNames: ['أمينة حداد', 'Amina H.'],
          birthYear: 1988,
          country: 'eg',
          tags: ['a', 'b'],
        },
      },
    ]);
  });

  it('matches header names case-insensitively and trimmed, and accepts a BOM', () => {
    const { rows, problems } = csv(`${CSV_BOM} FULLNAME , Country\nX,KE\n`);
    expect(problems).toEqual([]);
    expect(rows[0].values).toEqual({ fullName: 'X', country: 'KE' });
  });

  it('numbers lines physically: quoted line breaks, blank lines and mixed line ends', () => {
    const text =
      'fullName,country,story\r\n' +
      'A,KE,"one\r\ntwo\nthree"\r\n' + // lines 2-4
      '\r\n' + // 5: blank
      'B,KE,\n' + // 6
      ',,\r' + // 7: every cell empty, not a row
      'C,KE,x'; // 8, no final line end
    const { rows, problems } = csv(text);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.line, r.values.fullName])).toEqual([
      [2, 'A'],
      [6, 'B'],
      [8, 'C'],
    ]);
    expect(rows[0].values.story).toBe('one\r\ntwo\nthree');
  });

  it('names unknown, repeated and missing required columns on line 1', () => {
    const { rows, problems } = csv('fullName,contacts,fullName\nA,x,A\n');
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 1, column: 'contacts', message: expect.stringMatching(/not a known column/) },
      { line: 1, column: 'fullName', message: 'appears twice in the header' },
      { line: 1, column: 'country', message: 'is a required column' },
    ]);
  });

  it('reports rows of the wrong width, unclosed quotes, empty files and bad UTF-8 by line', () => {
    expect(csv('fullName,country\nA,KE,extra\nB,KE\n').problems).toEqual([
      { line: 2, column: null, message: 'has 3 cells but the header has 2' },
    ]);
    const unclosed = csv('fullName,country\nA,KE\nB,"KE\nC,KE\n');
    expect(unclosed.problems).toEqual([
      { line: 3, column: 'country', message: expect.stringMatching(/never closed/) },
    ]);
    expect(csv('').problems).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
    expect(csv(`${CSV_BOM}\r\n`).problems[0].message).toBe('the file is empty');
    expect(csv('fullName,country\r\n').problems).toEqual([
      { line: 2, column: null, message: 'the file has no rows to import' },
    ]);
    const latin1 = Buffer.concat([
      Buffer.from('fullName,country\nOK,KE\nJos'),
      Buffer.from([0xe9]), // é in Latin-1
      Buffer.from(',ES\n'),
    ]);
    expect(parseDefenderCsv(latin1, { maxRows: 10 }).problems).toEqual([
      { line: 3, column: null, message: expect.stringMatching(/not valid UTF-8/) },
    ]);
  });

  it('refuses more rows than allowed, naming the first row too many', () => {
    const text = `fullName,country\n${['A', 'B', 'C'].map((n) => `${n},KE`).join('\n')}\n`;
    expect(parseDefenderCsv(Buffer.from(text), { maxRows: 2 }).problems).toEqual([
      { line: 4, column: null, message: expect.stringMatching(/more than 2 rows/) },
    ]);
  });

  it('takes off the apostrophe its own export put before a formula-like cell', () => {
    const { rows } = csv(`fullName,country,tags\n'=Sum,KE,"'-a;'b"\n`);
    expect(rows[0].values).toEqual({ fullName: '=Sum', country: 'KE', tags: ['-a', "'b"] });
  });

  it('finds rows about the same person (name, country, birth date or year)', () => {
    const row = (line: number, fullName: string, extra: Record<string, unknown> = {}) => ({
      line,
      input: { fullName, country: 'EG', ...extra },
    });
    expect(
      duplicateProblems([
        row(2, 'Amina Haddad', { birthYear: 1988 }),
        row(3, 'amina  haddad', { birthYear: 1988 }),
        row(4, 'Amina Haddad', { birthYear: 1989 }),
        row(5, 'Amina Haddad', { birthDate: '1988-04-12' }),
        row(6, 'Amina Haddad', { birthDate: '1988-04-12', birthYear: 1988 }),
      ]),
    ).toEqual([
      { line: 3, column: 'fullName', message: expect.stringMatching(/duplicates line 2/) },
      { line: 6, column: 'fullName', message: expect.stringMatching(/duplicates line 5/) },
    ]);
  });

  it('serves a template whose header is the catalogue and whose example row parses', () => {
    const template = defenderCsvTemplate();
    expect(template.startsWith(CSV_BOM)).toBe(true);
    const [header, example] = parse(template.slice(1)) as string[][];
    expect(header).toEqual(DEFENDER_TEMPLATE_COLUMNS.map((c) => c.name));
    expect(example[0]).toBe('Example Name');
    const { rows, problems } = csv(template);
    expect(problems).toEqual([]);
    expect(rows[0].values.hrdFocus).toEqual(['journalist', 'pro_democracy']);
  });

  it('exports the view with the catalogue in the header, formulas guarded, numbers as numbers', () => {
    expect(DEFENDER_EXPORT_COLUMNS).not.toContain('contacts');
    expect(DEFENDER_EXPORT_COLUMNS).not.toContain('confidentialNotes');
    const header = parse(defenderExportHeader())[0] as string[];
    expect(header).toEqual([...DEFENDER_EXPORT_COLUMNS]);
    const view = {
      id: 'id-1',
      fullName: '=HYPERLINK("x")',
      otherNames: ['@a', 'b'],
      birthYear: 1988,
      country: 'EG',
      hrdFocus: [],
      tags: [],
      daysDetained: 12,
      totalDaysDetained: 0,
    } as unknown as DefenderView;
    const [cells] = parse(defenderExportRow(view)) as string[][];
    const at = (name: string) => cells[header.indexOf(name)];
    expect(at('fullName')).toBe(`'=HYPERLINK("x")`);
    expect(at('otherNames')).toBe("'@a;b");
    expect(at('birthYear')).toBe('1988');
    expect(at('daysDetained')).toBe('12');
  });
});
