import { countryNameFor, unCountryName } from '@witness/domain';
import { isISO31661Alpha2 } from 'class-validator';

/** Every code the API accepts as a country (ISO 3166-1 alpha-2), from the validator itself. */
export const COUNTRY_CODES: readonly string[] = (() => {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes: string[] = [];
  for (const a of letters) for (const b of letters) if (isISO31661Alpha2(a + b)) codes.push(a + b);
  return codes;
})();

/**
 * Languages offered in lists: the UN's six, then those most often met in the record. A tag
 * outside the list (any BCP 47 tag the API accepts) is still shown, by its name, when it is
 * the current value.
 */
// prettier-ignore
export const COMMON_LANGUAGES: readonly string[] = [
  'ar', 'zh', 'en', 'fr', 'ru', 'es',
  'am', 'az', 'bn', 'de', 'fa', 'ha', 'he', 'hi', 'id', 'it', 'ja', 'kk', 'km', 'ko', 'ku',
  'ky', 'my', 'ne', 'nl', 'om', 'ps', 'pt', 'pt-BR', 'so', 'sw', 'ta', 'tg', 'th', 'ti', 'tl',
  'tr', 'uk', 'ur', 'uz', 'vi', 'wo', 'yo',
];

export interface Option {
  value: string;
  label: string;
}

const countryLists = new Map<string, Option[]>();
const languageLists = new Map<string, Option[]>();
const languageNames = new Map<string, Intl.DisplayNames>();

/** Every country, named in `lang` and sorted as a reader of `lang` expects. */
export function countryOptions(lang: string): Option[] {
  let list = countryLists.get(lang);
  if (!list) {
    const collator = new Intl.Collator(lang);
    list = COUNTRY_CODES.map((c) => ({ value: c, label: countryNameFor(c, lang) ?? c })).sort(
      (a, b) => collator.compare(a.label, b.label),
    );
    countryLists.set(lang, list);
  }
  return list;
}

/** A language tag's name in `lang` ("ar" -> "Arabic"); the tag itself when unknown. */
export function languageName(tag: string, lang: string): string {
  let names = languageNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
    languageNames.set(lang, names);
  }
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The languages to choose from, named in `lang`, with the current value kept if unusual. */
export function languageOptions(lang: string, current?: unknown): Option[] {
  let list = languageLists.get(lang);
  if (!list) {
    const collator = new Intl.Collator(lang);
    list = COMMON_LANGUAGES.map((t) => ({ value: t, label: languageName(t, lang) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
    languageLists.set(lang, list);
  }
  if (typeof current === 'string' && current && !list.some((o) => o.value === current)) {
    return [...list, { value: current, label: languageName(current, lang) }];
  }
  return list;
}

/** Accents, case and punctuation folded, so "cote d’ivoire" finds "Côte d’Ivoire". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PAGE_LANGUAGES = ['en', 'fr', 'es'];
let countriesByName: Map<string, string> | null = null;

/**
 * A country typed by name (in any of the pages' languages, the UN's name or the common one)
 * or by its code, as its ISO code; what matches no country is returned as typed, so the
 * API's validation names the field.
 */
export function countryCode(typed: string): string {
  const s = typed.trim();
  if (/^[A-Za-z]{2}$/.test(s) && COUNTRY_CODES.includes(s.toUpperCase())) return s.toUpperCase();
  if (!countriesByName) {
    countriesByName = new Map();
    for (const lang of PAGE_LANGUAGES) {
      for (const code of COUNTRY_CODES) {
        for (const name of [countryNameFor(code, lang), unCountryName(code, lang)]) {
          if (name && !countriesByName.has(fold(name))) countriesByName.set(fold(name), code);
        }
      }
    }
  }
  return countriesByName.get(fold(s)) ?? s;
}

/** What a form posted in its repeated country inputs, as codes (blank inputs left out). */
export function countryCodes(values: readonly string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => v !== '').map(countryCode);
}

/**
 * The values of a form's country inputs: each country by its name in `lang` (as the list
 * offers it), what matched none as typed, then `blanks` empty inputs for more.
 */
export function countryInputValues(values: unknown, lang: string, blanks = 1): string[] {
  const raw = Array.isArray(values)
    ? values
    : typeof values === 'string'
      ? values.split(/[,;]/)
      : [];
  const shown = countryCodes(raw.filter((v): v is string => typeof v === 'string')).map(
    (c) => (COUNTRY_CODES.includes(c) ? (countryNameFor(c, lang) ?? c) : c),
  );
  return [...shown, ...Array<string>(blanks).fill('')];
}
