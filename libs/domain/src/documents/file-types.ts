import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

/**
 * The types a document may be, recognised from the content alone (never from the file name or
 * the client's Content-Type). Anything else is refused.
 */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF', photo: false },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG', photo: true },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG', photo: true },
  webp: { contentType: 'image/webp', extensions: ['webp'], label: 'WebP', photo: true },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'DOCX',
    photo: false,
  },
  odt: {
    contentType: 'application/vnd.oasis.opendocument.text',
    extensions: ['odt'],
    label: 'ODT',
    photo: false,
  },
  txt: {
    contentType: 'text/plain; charset=utf-8',
    extensions: ['txt'],
    label: 'plain text (UTF-8)',
    photo: false,
  },
} as const;
export type FileType = keyof typeof FILE_TYPES;

export const ACCEPTED_TYPES_TEXT = 'PDF, JPEG, PNG, WebP, DOCX, ODT or plain UTF-8 text';

export type Sniffed = { type: FileType } | { refused: string };

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';
const DOCX_MAIN =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
/** Far beyond any real document; more is a zip bomb or not a document. */
const MAX_ZIP_ENTRIES = 5000;
const MAX_MANIFEST_BYTES = 1024 * 1024;

const startsWith = (buf: Buffer, bytes: number[] | string, at = 0) => {
  const sig = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return buf.length >= at + sig.length && buf.subarray(at, at + sig.length).equals(sig);
};

/** Formats we can name when refusing them, so the message says what the file really is. */
const KNOWN_REFUSED: { test: (b: Buffer) => boolean; what: string }[] = [
  { test: (b) => startsWith(b, 'MZ'), what: 'a Windows program (executable)' },
  {
    test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]),
    what: 'a Linux program (ELF executable)',
  },
  {
    test: (b) =>
      [
        [0xfe, 0xed, 0xfa, 0xce],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xcf, 0xfa, 0xed, 0xfe],
        [0xca, 0xfe, 0xba, 0xbe],
      ].some((sig) => startsWith(b, sig)),
    what: 'a macOS program or Java class',
  },
  { test: (b) => startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a'), what: 'a GIF image' },
  {
    test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
    what: 'a TIFF image',
  },
  {
    test: (b) => startsWith(b, 'BM') && b.length > 14 && b.readUInt32LE(2) === b.length,
    what: 'a BMP image',
  },
  {
    test: (b) =>
      startsWith(b, 'ftyp', 4) &&
      /^(heic|heix|hevc|mif1|msf1|avif)/.test(b.toString('latin1', 8, 12)),
    what: 'a HEIC/AVIF photo',
  },
  { test: (b) => startsWith(b, 'ftyp', 4), what: 'a video or audio file' },
  {
    test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    what: 'an old Microsoft Office file (.doc, .xls, .ppt)',
  },
  { test: (b) => startsWith(b, 'Rar!'), what: 'a RAR archive' },
  { test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), what: 'a 7-Zip archive' },
  { test: (b) => startsWith(b, [0x1f, 0x8b]), what: 'a gzip archive' },
  { test: (b) => startsWith(b, 'SQLite format 3\0'), what: 'a database file' },
];

/** What the content is, by its bytes; or in plain words what it is and why it is refused. */
export async function sniffFileType(buf: Buffer): Promise<Sniffed> {
  if (buf.length === 0) return { refused: 'the file is empty' };
  if (startsWith(buf, '%PDF-')) return { type: 'pdf' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { type: 'jpeg' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: 'png' };
  if (startsWith(buf, 'RIFF') && startsWith(buf, 'WEBP', 8)) return { type: 'webp' };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(buf);
  // RTF is text, but it is opened by word processors (and their exploits), not editors.
  if (startsWith(buf, '{\\rtf')) return { refused: 'its content is an RTF document' };
  // Text before the binary signatures: a note that happens to begin "MZ" or "BM" is text.
  const text = textProblem(buf);
  if (!text) return { type: 'txt' };
  const known = KNOWN_REFUSED.find((k) => k.test(buf));
  if (known) return { refused: `its content is ${known.what}` };
  return { refused: `its content is not a recognised document (${text})` };
}

/**
 * Plain text: valid UTF-8, no NUL, no control characters other than tab, line breaks and form
 * feed (binary files fail here).
 */
export function textProblem(buf: Buffer): string | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return 'binary data, or text that is not UTF-8';
  }
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) {
      return c === 0 ? 'binary data (it holds NUL bytes)' : 'binary data (control characters)';
    }
    if (c === 0x7f) return 'binary data (control characters)';
  }
  return null;
}

/**
 * A ZIP is accepted only as a word-processing document: ODT (a first entry `mimetype` holding
 * exactly the ODF text type) or DOCX (`[Content_Types].xml` naming a WordprocessingML main
 * part, and a `word/` folder). Macro-enabled documents are refused.
 */
async function sniffZip(buf: Buffer): Promise<Sniffed> {
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      fromBuffer(
        buf,
        { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
        (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z)),
      ),
    );
  } catch {
    return { refused: 'its content is a damaged ZIP archive' };
  }
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES)
      return { refused: `it is a ZIP archive of ${zip.entryCount} files, not a document` };
    const names: string[] = [];
    let first: { name: string; text: string | null } | null = null;
    let contentTypes: string | null = null;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      names.push(entry.fileName);
      if (names.length === 1) {
        first = {
          name: entry.fileName,
          text:
            entry.fileName === 'mimetype' && entry.uncompressedSize < 200
              ? (await readEntry(zip, entry)).toString('latin1')
              : null,
        };
      }
      if (entry.fileName === '[Content_Types].xml' && entry.uncompressedSize <= MAX_MANIFEST_BYTES)
        contentTypes = (await readEntry(zip, entry)).toString('utf8');
    }
    if (first?.name === 'mimetype' && first.text === ODT_MIMETYPE) {
      if (names.some((n) => /^(Basic|Scripts)\//.test(n)))
        return { refused: 'it is an ODT document with macros (save it without them, or as PDF)' };
      return { type: 'odt' };
    }
    if (contentTypes !== null && names.some((n) => n.startsWith('word/'))) {
      if (/macroEnabled/i.test(contentTypes) || names.some((n) => /vbaProject\.bin$/i.test(n)))
        return { refused: 'it is a Word document with macros (.docm): save it as DOCX or PDF' };
      if (contentTypes.includes(DOCX_MAIN)) return { type: 'docx' };
    }
    if (first?.name === 'mimetype')
      return { refused: 'it is an OpenDocument file that is not a text document (ODT)' };
    if (contentTypes !== null)
      return { refused: 'it is an Office file that is not a Word document (DOCX)' };
    return { refused: 'its content is a ZIP archive, not a DOCX or ODT document' };
  } catch {
    return { refused: 'its content is a damaged ZIP archive' };
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: Entry) => {
      cleanup();
      resolve(e);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    zip.once('entry', onEntry);
    zip.once('end', onEnd);
    zip.once('error', onError);
    zip.readEntry();
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
