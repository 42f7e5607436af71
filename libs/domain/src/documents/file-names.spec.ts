import { attachmentDisposition, MAX_FILE_NAME_CHARS, sanitiseFileName } from './file-names';

describe('sanitiseFileName', () => {
  it.each([
    ['warrant.pdf', 'pdf', 'warrant.pdf'],
    ['../../etc/passwd', 'txt', 'passwd.txt'],
    ['C:\\Users\\amina\\Desktop\\scan.PDF', 'pdf', 'scan.pdf'],
    ['photo.jpeg', 'jpeg', 'photo.jpeg'],
    ['scan.pdf', 'jpeg', 'scan.jpg'],
    ['notes.md', 'txt', 'notes.md.txt'],
    ['report', 'docx', 'report.docx'],
    ['.htaccess', 'txt', 'htaccess.txt'],
    ['...', 'pdf', 'document.pdf'],
    ['', 'odt', 'document.odt'],
    [undefined, 'png', 'document.png'],
    ['CON.txt', 'txt', '_CON.txt'],
    ['lpt1', 'pdf', '_lpt1.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['line\r\nbreak\ttab.pdf', 'pdf', 'line break tab.pdf'],
    ['  spaced   name  .pdf ', 'pdf', 'spaced name.pdf'],
  ] as const)('%j as %s -> %s', (raw, type, expected) => {
    expect(sanitiseFileName(raw, type)).toBe(expected);
  });

  it('removes bidirectional overrides that disguise an extension, and zero-width characters', () => {
    // "invoice\u202Efdp.exe" displays as "invoiceexe.pdf".
    expect(sanitiseFileName('invoice\u202Egpj.exe', 'jpeg')).toBe('invoicegpj.exe.jpg');
    expect(sanitiseFileName('a\u200Bb\u2066c\u2069\uFEFF.pdf', 'pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('x\u0000y\u0086z.pdf', 'pdf')).toBe('xyz.pdf');
  });

  it('keeps non-Latin names (NFC) and cuts long ones to the limit, extension kept', () => {
    expect(sanitiseFileName('قرار المحكمة.pdf', 'pdf')).toBe('قرار المحكمة.pdf');
    expect(sanitiseFileName('Jose\u0301.pdf', 'pdf')).toBe('José.pdf');
    const long = sanitiseFileName(`${'é'.repeat(400)}.pdf`, 'pdf');
    expect(Array.from(long)).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(long.endsWith('.pdf')).toBe(true);
    // Astral characters are never cut in half.
    const emoji = sanitiseFileName(`${'😀'.repeat(300)}.txt`, 'txt');
    expect(emoji.endsWith('😀.txt')).toBe(true);
  });
});

describe('attachmentDisposition (RFC 6266)', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('warrant.pdf')).toBe(
      `attachment; filename="warrant.pdf"; filename*=UTF-8''warrant.pdf`,
    );
    expect(attachmentDisposition('José (copy).pdf')).toBe(
      `attachment; filename="Jose (copy).pdf"; filename*=UTF-8''Jos%C3%A9%20%28copy%29.pdf`,
    );
    const arabic = attachmentDisposition('قرار.pdf');
    expect(arabic).toMatch(/^attachment; filename="____\.pdf"; filename\*=UTF-8''%D9%82/);
  });
});
