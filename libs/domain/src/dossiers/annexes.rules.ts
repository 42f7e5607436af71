import { sanitiseFileName, FILE_TYPES, type FileType } from '../documents';

/**
 * Pure rules of dossier annexes: how many, how a choice made by someone who cannot see every
 * annex is merged with the ones they cannot see, and how files are named inside a bundle.
 */

/** Most annexes an escalation may carry (WGAD submissions have a handful). */
export const MAX_ANNEXES = 30;

/**
 * The new ordered set when an actor who cannot see some of the current annexes (confidential
 * documents of a case they are not assigned to) saves their choice: their list orders the
 * annexes they see, and each hidden one keeps its place (index) in the set, so saving a
 * reordered list never drops a document the person could not even see.
 */
export function mergeKeepingHidden<T>(
  chosen: readonly T[],
  hidden: readonly { item: T; index: number }[],
): T[] {
  const out = [...chosen];
  for (const h of [...hidden].sort((a, b) => a.index - b.index)) {
    out.splice(Math.min(h.index, out.length), 0, h.item);
  }
  return out;
}

/** "01", "02"... "10": wide enough that names sort in annex order. */
export function annexPrefix(n: number, total: number): string {
  return String(n).padStart(Math.max(2, String(total).length), '0');
}

/**
 * The name of an annex inside a bundle: `02-Arrest warrant, 12 March 2026.pdf`. Built from
 * the title (a slash in "Decision 12/2024" becomes a dash rather than a folder), sanitised as
 * uploaded file names are (no control, bidi or reserved characters, no leading dots), with the
 * extension of the file's real type. The number makes every name unique and a name can never
 * climb out of the archive: it holds no separator and no `..` segment.
 */
export function bundleEntryName(n: number, total: number, title: string, type: FileType): string {
  const flat = title.replace(/[/\\]+/g, '-').replace(/^[\s.-]+/, '');
  // The extension is appended, so a dot in the title ("Decision No. 5") is never taken for one.
  const base = sanitiseFileName(`${flat}.${FILE_TYPES[type].extensions[0]}`, type);
  return `${annexPrefix(n, total)}-${base}`;
}

/** Of these names, the ones already taken get " (2)", " (3)" before their extension. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let i = 2; seen.has(candidate.toLowerCase()); i++) {
      const dot = name.lastIndexOf('.');
      candidate = dot > 0 ? `${name.slice(0, dot)} (${i})${name.slice(dot)}` : `${name} (${i})`;
    }
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}
