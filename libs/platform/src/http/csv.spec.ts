import { csvCell, csvRow } from './csv';

describe('csv', () => {
  it.each(['=1+1', '+33 1 23', '-cmd', '@SUM(A1)', '\t=x', '\r=x'])(
    'neutralises a cell starting like a formula: %j',
    (value) => {
      const cell = csvCell(value);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted.startsWith("'")).toBe(true);
      expect(unquoted.slice(1)).toBe(value);
    },
  );

  it('keeps numbers, including negative ones, as numbers', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(42)).toBe('42');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('joins lists with semicolons and writes empty cells for null', () => {
    expect(csvRow(['x', null, undefined, ['a', 'b'], true])).toBe('x,,,"a;b",true\r\n');
  });

  it('leaves plain text and unicode alone', () => {
    expect(csvCell('Nguyễn Văn Đài')).toBe('Nguyễn Văn Đài');
    expect(csvCell('علاء عبد الفتاح')).toBe('علاء عبد الفتاح');
  });
});
