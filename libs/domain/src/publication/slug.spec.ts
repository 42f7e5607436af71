import fc from 'fast-check';
import { FALLBACK_SLUG, SLUG_BASE_MAX, SLUG_PATTERN, slugBase, uniqueSlug } from './slug';

describe('slugBase', () => {
  it.each([
    ['Amina Haddad', 'amina-haddad'],
    ['  José  Ñúñez-García ', 'jose-nunez-garcia'],
    ['Nguyễn Văn Đài', 'nguyen-van-dai'],
    ['Ahmet Altan (journalist)', 'ahmet-altan-journalist'],
    ["Dara O'Brien", 'dara-obrien'],
    ['Aïcha N’Diaye', 'aicha-ndiaye'],
    ['Jürgen Groß', 'jurgen-gross'],
    ['Søren Ærø', 'soren-aero'],
    ['Łukasz Żółć', 'lukasz-zolc'],
    ['Şahin İlkay', 'sahin-ilkay'],
    ['Алексей Навальный', 'aleksey-navalnyy'],
    ['Юлія Їжак', 'yuliya-yizhak'],
    ['Νίκος Παππάς', 'nikos-pappas'],
    ['ＡＢＣ １２３', 'abc-123'],
    ['Amina & Samir', 'amina-and-samir'],
    ['The 7 of Tunis', 'the-7-of-tunis'],
  ])('%s -> %s', (name, slug) => {
    expect(slugBase(name)).toBe(slug);
  });

  it('falls back to a neutral slug when nothing transliterates (Arabic, Chinese, emoji, blanks)', () => {
    for (const name of ['علاء عبد الفتاح', '刘晓波', '🕊️✊', '   ', '---', '\u200b\u200d']) {
      expect(slugBase(name)).toBe(FALLBACK_SLUG);
    }
  });

  it('keeps the Latin part of a mixed name', () => {
    expect(slugBase('Alaa Abd El-Fattah علاء')).toBe('alaa-abd-el-fattah');
  });

  it('caps the length at a word boundary, leaving room for a suffix', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const slug = slugBase(long);
    expect(slug.length).toBeLessThanOrEqual(SLUG_BASE_MAX);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(long.toLowerCase().replace(/ /g, '-').startsWith(slug)).toBe(true);
    // One endless word is simply cut.
    expect(slugBase('a'.repeat(500))).toBe('a'.repeat(SLUG_BASE_MAX));
  });

  it('always gives a slug the database accepts, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (name) => {
        const slug = slugBase(name);
        return SLUG_PATTERN.test(slug) && slug.length <= SLUG_BASE_MAX;
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) =>
        SLUG_PATTERN.test(slugBase(name)),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('uniqueSlug', () => {
  it('is the base itself when free', () => {
    expect(uniqueSlug('amina-haddad', [])).toBe('amina-haddad');
    expect(uniqueSlug('amina-haddad', ['amina-haddad-2'])).toBe('amina-haddad');
  });

  it('adds the first free number from 2', () => {
    expect(uniqueSlug('amina-haddad', ['amina-haddad'])).toBe('amina-haddad-2');
    expect(uniqueSlug('amina-haddad', ['amina-haddad', 'amina-haddad-2'])).toBe('amina-haddad-3');
    expect(uniqueSlug('profile', ['profile', 'profile-3'])).toBe('profile-2');
  });

  it('a base that already ends in a number is treated like any other', () => {
    expect(uniqueSlug('group-2', ['group-2'])).toBe('group-2-2');
  });
});
