import { annexPrefix, bundleEntryName, mergeKeepingHidden, uniqueNames } from './annexes.rules';

describe('mergeKeepingHidden', () => {
  it('keeps each hidden annex at its place and orders the rest as chosen', () => {
    expect(mergeKeepingHidden(['B', 'A', 'C'], [{ item: 'H', index: 1 }])).toEqual([
      'B',
      'H',
      'A',
      'C',
    ]);
    expect(
      mergeKeepingHidden(
        ['A'],
        [
          { item: 'H2', index: 3 },
          { item: 'H0', index: 0 },
        ],
      ),
    ).toEqual(['H0', 'A', 'H2']);
  });

  it('keeps hidden annexes even when the visible ones are all removed', () => {
    expect(mergeKeepingHidden([], [{ item: 'H', index: 4 }])).toEqual(['H']);
    expect(mergeKeepingHidden(['A', 'B'], [])).toEqual(['A', 'B']);
  });
});

describe('bundle names', () => {
  it('numbers annexes so that names sort in order', () => {
    expect(annexPrefix(1, 5)).toBe('01');
    expect(annexPrefix(12, 30)).toBe('12');
    expect(annexPrefix(7, 120)).toBe('007');
  });

  it('names an annex from its title, with the extension of its real type', () => {
    expect(bundleEntryName(1, 3, 'Arrest warrant, 12 March 2026', 'pdf')).toBe(
      '01-Arrest warrant, 12 March 2026.pdf',
    );
    expect(bundleEntryName(2, 3, 'Decision 12/2024', 'docx')).toBe('02-Decision 12-2024.docx');
    expect(bundleEntryName(3, 3, 'Decision No. 5 of the Court', 'pdf')).toBe(
      '03-Decision No. 5 of the Court.pdf',
    );
    expect(bundleEntryName(3, 3, '../../Letter from the family', 'docx')).toBe(
      '03-Letter from the family.docx',
    );
    expect(bundleEntryName(3, 3, 'scan.pdf', 'jpeg')).toBe('03-scan.pdf.jpg');
  });

  it('never makes a path: no separators, no dot segments, no hidden or control characters', () => {
    for (const title of [
      '../../etc/passwd',
      '..\\..\\Windows\\system.ini',
      '/absolute',
      '..',
      '.hidden',
      'a\u202egpj.exe',
      'CON',
      '\u0000\u0001',
    ]) {
      const name = bundleEntryName(4, 9, title, 'pdf');
      expect(name).toMatch(/^04-[^/\\]+\.pdf$/);
      expect(name.split('/')).not.toContain('..');
      // eslint-disable-next-line no-control-regex
      expect(name).not.toMatch(/[\u0000-\u001f\u202e]/);
    }
  });

  it('makes names unique whatever the case', () => {
    expect(uniqueNames(['a.pdf', 'A.pdf', 'a.pdf', 'b'])).toEqual([
      'a.pdf',
      'A (2).pdf',
      'a (3).pdf',
      'b',
    ]);
  });
});
