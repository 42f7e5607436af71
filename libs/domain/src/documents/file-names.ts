import { FILE_TYPES, type FileType } from './file-types';

/** Longest file name kept, in characters (the extension included). */
export const MAX_FILE_NAME_CHARS = 150;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/**
 * Characters that never belong in a name shown to people or written to a disk: C0 and C1
 * controls, DEL, bidirectional overrides and isolates (which make `gpj.exe` read `exe.jpg`),
 * zero-width characters and the byte-order mark, and line/paragraph separators.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/** Path separators and characters Windows or shells treat specially. */
const RESERVED = /[/\\<>:"|?*]/g;

/**
 * A file name safe to show, store and offer for download: the last path segment only, NFC,
 * no invisible or reserved characters, no leading dots (hidden files), not a Windows device
 * name, at most MAX_FILE_NAME_CHARS characters, and ending in an extension of its real type
 * (a photo sent as `scan.pdf` becomes `scan.jpg`; `notes.md` that is text becomes
 * `notes.md.txt`).
 */
export function sanitiseFileName(raw: string | null | undefined, type: FileType): string {
  const extensions: readonly string[] = FILE_TYPES[type].extensions;
  let name = String(raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    // Tabs and line breaks separate words: spaces, not nothing.
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');

  let base = name;
  let ext = '';
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    base = name.slice(0, dot).replace(/[.\s]+$/, '');
    ext = name.slice(dot + 1).toLowerCase();
  }
  const allKnown = Object.values(FILE_TYPES).flatMap((t) => t.extensions as readonly string[]);
  if (!extensions.includes(ext)) {
    // A known extension of another type is wrong, and replaced; any other is kept as part of
    // the name (so nothing the person typed is lost) and the right one appended.
    if (ext && !allKnown.includes(ext)) base = `${base}.${ext}`;
    ext = extensions[0];
  }
  if (!base || WINDOWS_RESERVED.test(base.split('.')[0])) base = base ? `_${base}` : 'document';
  const room = MAX_FILE_NAME_CHARS - ext.length - 1;
  const chars = Array.from(base);
  if (chars.length > room)
    base = chars
      .slice(0, room)
      .join('')
      .replace(/[.\s]+$/, '');
  return `${base}.${ext}`;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): `filename` in plain ASCII
 * for old clients, `filename*` in UTF-8 (RFC 8187) for the rest.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
