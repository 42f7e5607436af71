/**
 * Withholding the names of people who must not be named in public output (the public feed, a
 * public dossier): co-defenders whose case is restricted or who have not consented to a
 * public profile. Pure functions; the callers decide whose names are withheld.
 *
 * A name is matched whole (letters and digits around it end it), case-insensitively, with
 * any run of spaces, hyphens or dots between its words, so "Chadi  Unconsented-Codefender",
 * "CHADI UNCONSENTED CODEFENDER" and "chadi-unconsented-codefender" are all caught. Names
 * shorter than three letters are not matched (they would mask ordinary words). A part of a
 * name alone (a family name) is not matched: a coordinator writing public text still reads
 * it before featuring it.
 */

export const NAME_WITHHELD = '[name withheld]';

const MIN_NAME_LENGTH = 3;

/** One pattern for all the names, longest first (so a full name wins over an alias in it). */
function namePattern(names: readonly string[]): RegExp | null {
  const parts = [
    ...new Set(
      names
        .map((n) => n.normalize('NFC').trim())
        .filter((n) => n.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_NAME_LENGTH),
    ),
  ]
    .sort((a, b) => b.length - a.length)
    .map((n) =>
      n
        .split(/[\s.\-_]+/u)
        .filter(Boolean)
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s.\\-_]+'),
    );
  if (!parts.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** The text with every whole occurrence of these names replaced by NAME_WITHHELD. */
export function withholdNames(text: string, names: readonly string[]): string {
  const re = namePattern(names);
  return re ? text.normalize('NFC').replace(re, NAME_WITHHELD) : text;
}

/** Does the text (e.g. a link: `/free-chadi-unconsented`, percent-encoded) name one of them? */
export function namesAny(text: string, names: readonly string[]): boolean {
  const re = namePattern(names);
  if (!re) return false;
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not percent-encoded as a whole: read as it is.
  }
  return re.test(decoded.normalize('NFC'));
}

/** Every string inside a value (objects, arrays) with these names withheld; a copy. */
export function withholdNamesDeep<T>(value: T, names: readonly string[]): T {
  if (!names.length) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return withholdNames(v, names);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
