/**
 * Public addresses of featured profiles: `amina-haddad`, `amina-haddad-2`. Pure functions.
 *
 * A slug is made from the public display name only (never the full name on the record),
 * once, when the publication is first saved; it stays the same afterwards, so links keep
 * working when a profile is edited, unpublished and featured again.
 */

/** The database's rule (`publications_slug_check`). */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Room is left under the column's 120 characters for a `-N` suffix. */
export const SLUG_BASE_MAX = 100;
/** Used when a name has nothing that transliterates to Latin letters or digits. */
export const FALLBACK_SLUG = 'profile';

/** Letters that Unicode decomposition does not reduce to a Latin base letter. */
const LATIN: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŋ: 'n',
  ŧ: 't',
  ĸ: 'q',
  ſ: 's',
  ə: 'e',
  ɛ: 'e',
  ɔ: 'o',
  ƒ: 'f',
  ʻ: '',
  ʼ: '',
  ʿ: '',
  ʾ: '',
  "'": '',
  '’': '',
  '‘': '',
  '`': '',
  '´': '',
  '&': '-and-',
};

/** Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian and Kazakh letters. */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  ђ: 'dj',
  ѓ: 'gj',
  е: 'e',
  ё: 'yo',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  ѕ: 'dz',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  ј: 'j',
  к: 'k',
  ќ: 'kj',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'c',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  џ: 'dz',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
};

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

const TABLE: Record<string, string> = { ...LATIN, ...CYRILLIC, ...GREEK };

function mapChars(s: string): string {
  let out = '';
  for (const ch of s) out += TABLE[ch] ?? ch;
  return out;
}

/**
 * The slug a display name gives before uniqueness: lower-case Latin letters and digits in
 * dash-separated words. Accents are dropped (`José Ñúñez` -> `jose-nunez`); Cyrillic and
 * Greek are transliterated; any other script (Arabic, Chinese...) that leaves nothing gives
 * `profile` (uniqueness then adds a number). Never longer than `SLUG_BASE_MAX`.
 */
export function slugBase(displayName: string): string {
  // Whole letters first (й, ё would otherwise lose their marks and become и, е).
  const mapped = mapChars(displayName.toLowerCase());
  const ascii = mapChars(mapped.normalize('NFKD').replace(/\p{M}/gu, ''))
    .normalize('NFKC')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_BASE_MAX) {
    slug = slug.slice(0, SLUG_BASE_MAX);
    // Cut at a word boundary when there is one, and never leave a trailing dash.
    const lastDash = slug.lastIndexOf('-');
    if (lastDash > SLUG_BASE_MAX / 2) slug = slug.slice(0, lastDash);
    slug = slug.replace(/-+$/g, '');
  }
  return slug || FALLBACK_SLUG;
}

/**
 * The first free slug for `base` given the slugs already taken that could collide with it
 * (`base` itself and `base-N`): `base`, then `base-2`, `base-3`...
 */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
