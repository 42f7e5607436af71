import { NAME_WITHHELD, namesAny, withholdNames, withholdNamesDeep } from './withheld-names';

describe('withheld names', () => {
  const names = ['Chadi Unconsented-Codefender', 'Đặng Thị Hồng Nhung', 'Abu Omar', 'Al'];

  it('masks whole names, whatever the case, spacing, hyphens or dots between the words', () => {
    expect(
      withholdNames(
        'With chadi  unconsented codefender, CHADI-UNCONSENTED-CODEFENDER and Chadi.Unconsented-Codefender.',
        names,
      ),
    ).toBe(`With ${NAME_WITHHELD}, ${NAME_WITHHELD} and ${NAME_WITHHELD}.`);
  });

  it('masks names in any script and leaves words that only contain a name alone', () => {
    expect(withholdNames('Đặng Thị Hồng Nhung và Abu Omar', names)).toBe(
      `${NAME_WITHHELD} và ${NAME_WITHHELD}`,
    );
    expect(withholdNames('Abu Omaram and Xabu Omar stay', names)).toBe(
      'Abu Omaram and Xabu Omar stay',
    );
  });

  it('ignores names too short to tell from ordinary words', () => {
    expect(withholdNames('Al Jazeera reported it', names)).toBe('Al Jazeera reported it');
  });

  it('finds a name in a link, also percent-encoded', () => {
    expect(namesAny('https://example.org/free-chadi-unconsented-codefender', names)).toBe(true);
    expect(namesAny('https://example.org/free/Abu%20Omar', names)).toBe(true);
    expect(namesAny('https://example.org/%E0%A4%A', names)).toBe(false);
    expect(namesAny('https://example.org/letters', names)).toBe(false);
  });

  it('masks every string of a value, leaving the rest as it is', () => {
    const value = { a: 'Abu Omar', b: ['x', { c: 'abu omar!' }], n: 3, d: null };
    expect(withholdNamesDeep(value, names)).toEqual({
      a: NAME_WITHHELD,
      b: ['x', { c: `${NAME_WITHHELD}!` }],
      n: 3,
      d: null,
    });
    expect(withholdNamesDeep(value, [])).toBe(value);
  });
});
