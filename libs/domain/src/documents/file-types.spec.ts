import { ZipFile } from 'yazl';
import { sniffFileType, textProblem } from './file-types';

function zip(entries: { name: string; data: string; store?: boolean }[]): Promise<Buffer> {
  const z = new ZipFile();
  for (const e of entries) z.addBuffer(Buffer.from(e.data), e.name, { compress: !e.store });
  z.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const DOCX_TYPES =
  '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const ODT = 'application/vnd.oasis.opendocument.text';

describe('sniffFileType: the type from the content', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n...')],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0])],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['webp', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')],
    ['txt', Buffer.from('Plain text, with tabs\tand\r\nlines. Ünïcödé ✓ العربية\f')],
    ['txt', Buffer.from('MZ is also how a note may begin')],
  ])('recognises %s', async (type, buf) => {
    expect(await sniffFileType(buf)).toEqual({ type });
  });

  it('tells DOCX and ODT from other ZIPs by their entries', async () => {
    expect(
      await sniffFileType(
        await zip([
          { name: '[Content_Types].xml', data: DOCX_TYPES },
          { name: 'word/document.xml', data: '<w:document/>' },
        ]),
      ),
    ).toEqual({ type: 'docx' });
    expect(
      await sniffFileType(
        await zip([
          { name: 'mimetype', data: ODT, store: true },
          { name: 'content.xml', data: '<x/>' },
        ]),
      ),
    ).toEqual({ type: 'odt' });
    // mimetype must be the first entry, as ODF requires.
    const late = await sniffFileType(
      await zip([
        { name: 'content.xml', data: '<x/>' },
        { name: 'mimetype', data: ODT },
      ]),
    );
    expect(late).toMatchObject({ refused: expect.stringMatching(/ZIP archive/) });
    // A DOCX content-types list without a word/ folder is not a Word document.
    expect(
      await sniffFileType(await zip([{ name: '[Content_Types].xml', data: DOCX_TYPES }])),
    ).toMatchObject({
      refused: expect.stringMatching(/not a Word document/),
    });
    expect(
      await sniffFileType(
        await zip([
          { name: 'mimetype', data: ODT, store: true },
          { name: 'Basic/Standard/Module1.xml', data: 'Sub Main' },
        ]),
      ),
    ).toMatchObject({ refused: expect.stringMatching(/macros/) });
    expect(
      await sniffFileType(
        await zip([
          { name: '[Content_Types].xml', data: DOCX_TYPES },
          { name: 'word/document.xml', data: '<w:document/>' },
          { name: 'word/vbaProject.bin', data: 'x' },
        ]),
      ),
    ).toMatchObject({ refused: expect.stringMatching(/macros/) });
    expect(
      await sniffFileType(
        Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 1)]),
      ),
    ).toMatchObject({ refused: expect.stringMatching(/damaged ZIP/) });
  });

  it.each([
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)])],
    ['a Linux program', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0])],
    ['a GIF image', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00', 'latin1')],
    [
      'an old Microsoft Office file',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
    ],
    ['an RTF document', Buffer.from('{\\rtf1 hello}')],
    ['a HEIC/AVIF photo', Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00', 'latin1')],
    ['a gzip archive', Buffer.from([0x1f, 0x8b, 8, 0, 0])],
  ])('refuses %s, saying so', async (what, buf) => {
    const r = await sniffFileType(buf);
    expect(r).toMatchObject({ refused: expect.stringContaining(what) });
  });

  it('refuses an empty file, and binary data that is no known format', async () => {
    expect(await sniffFileType(Buffer.alloc(0))).toEqual({ refused: 'the file is empty' });
    expect(await sniffFileType(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toMatchObject({
      refused: expect.stringMatching(/not a recognised document/),
    });
  });

  it('text: UTF-8 only, no NUL, no control characters but tab, CR, LF and FF', () => {
    expect(textProblem(Buffer.from('ok\n'))).toBeNull();
    expect(textProblem(Buffer.from('caf\xe9', 'latin1'))).toMatch(/not UTF-8/);
    expect(textProblem(Buffer.from('a\0b'))).toMatch(/NUL/);
    expect(textProblem(Buffer.from('a\x1bb'))).toMatch(/control/);
    expect(textProblem(Buffer.from('a\x7fb'))).toMatch(/control/);
    // An over-long encoding of "/" is not valid UTF-8.
    expect(textProblem(Buffer.from([0xc0, 0xaf]))).toMatch(/not UTF-8/);
  });
});
