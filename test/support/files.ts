import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { ZipFile } from 'yazl';
import type { TestApi, TestResponse } from './api';

/**
 * Real files made in code for upload tests: photos with location data in their EXIF, a
 * minimal PDF, DOCX and ODT packages, a Windows program, the EICAR test string; and
 * multipart/form-data bodies to send them.
 */

/** The EICAR anti-virus test string (assembled, so this source file is not itself flagged). */
export const EICAR = [
  'X5O!P%@AP[4\\PZX54(P^)7CC)7}$',
  'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*',
].join('');

/** The camera maker written into test photos' EXIF, to look for afterwards. */
export const CAMERA_MAKE = 'WitnessTestCam';

/**
 * A photo as a phone takes it: landscape pixels with EXIF orientation 6 (shown rotated 90°),
 * the camera's make, a GPS position (Tahrir Square), an XMP packet naming its author, and a
 * Display P3 ICC profile. Each call paints a random colour, so no two are the same file.
 */
export async function photoWithGps(
  format: 'jpeg' | 'png' | 'webp' = 'jpeg',
  size = { width: 64, height: 32 },
): Promise<Buffer> {
  const img = sharp({
    create: {
      ...size,
      channels: 3,
      background: { r: randomBytes(1)[0], g: randomBytes(1)[0], b: 40 },
    },
  })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: CAMERA_MAKE, Model: 'Pocket 3' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '30/1 2/1 4416/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '31/1 14/1 1332/100',
      },
    })
    .withIccProfile('p3')
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Photographer Name</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
    );
  return (
    format === 'png' ? img.png() : format === 'webp' ? img.webp() : img.jpeg({ quality: 90 })
  ).toBuffer();
}

/** Does this EXIF block hold a GPS IFD (tag 0x8825), in either byte order? */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

/** A small but valid PDF with one page of text. */
export function pdf(text = 'Arrest warrant No. 17/2026'): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A ZIP of these entries (in this order; `store` entries uncompressed), built with yazl. */
export function zip(
  entries: { name: string; data: string | Buffer; store?: boolean }[],
): Promise<Buffer> {
  const z = new ZipFile();
  for (const e of entries) {
    z.addBuffer(Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8'), e.name, {
      compress: !e.store,
      mtime: new Date('2026-01-01T00:00:00Z'),
    });
  }
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('error', reject);
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const DOCX_MAIN =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** A minimal Word document (WordprocessingML). `extra` entries are added (e.g. macros). */
export function docx(
  text = 'Letter from the family',
  options: { mainType?: string; extra?: { name: string; data: string | Buffer }[] } = {},
): Promise<Buffer> {
  return zip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${options.mainType ?? DOCX_MAIN}"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    },
    ...(options.extra ?? []),
  ]);
}

/** A minimal OpenDocument text (the `mimetype` entry first and stored, as ODF requires). */
export function odt(
  text = 'Court decision',
  mimetype = 'application/vnd.oasis.opendocument.text',
): Promise<Buffer> {
  return zip([
    { name: 'mimetype', data: mimetype, store: true },
    {
      name: 'META-INF/manifest.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    },
    {
      name: 'content.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text><text:p>${text}</text:p></office:text></office:body></office:document-content>`,
    },
  ]);
}

/** The start of a Windows program: an MZ header pointing at a PE header, NULs and all. */
export function windowsProgram(): Buffer {
  const exe = Buffer.alloc(1024);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.writeUInt16LE(0x14c, 0x84);
  return exe;
}

/** Random bytes that are no format at all. */
export const noise = (n: number) => randomBytes(n);

export interface FilePart {
  name?: string;
  content: Buffer;
  /** The client's claim, which Witness ignores. */
  contentType?: string;
  /** The part's field name (default `file`). */
  field?: string;
}

/** A multipart/form-data body: text fields (in order), then the file parts. */
export function multipart(
  fields: Record<string, string | string[]>,
  files: FilePart[] = [],
): { payload: Buffer; contentType: string } {
  const boundary = `----witness${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`,
          'utf8',
        ),
      );
    }
  }
  for (const f of files) {
    const filename = f.name === undefined ? '' : `; filename="${f.name.replace(/"/g, '%22')}"`;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"${filename}\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Send a multipart body (as a user's token) through the real app; the response parsed. */
export async function postMultipart(
  api: TestApi,
  url: string,
  token: string | null,
  body: { payload: Buffer; contentType: string },
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  const res = await api.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: {
      'content-type': body.contentType,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    headers: res.headers,
    body: /json/.test(type) ? JSON.parse(res.body) : undefined,
    text: res.body,
  };
}

/** Download as a user: the raw bytes and headers. */
export async function download(
  api: TestApi,
  url: string,
  token: string,
): Promise<{
  status: number;
  headers: Record<string, unknown>;
  bytes: Buffer;
  json?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}> {
  const res = await api.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
  });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    headers: res.headers,
    bytes: res.rawPayload,
    json: /json/.test(type) ? JSON.parse(res.body) : undefined,
  };
}
