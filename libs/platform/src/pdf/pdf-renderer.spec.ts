import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Logger } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { PdfRenderer, PdfRendererUnavailableError, PdfRenderTimeoutError } from './pdf-renderer';
import { extractPdfText } from './pdf-text';

// Real Chromium (Debian's `chromium`, or CHROMIUM_PATH) and poppler's `pdftotext`.
jest.setTimeout(30_000);

const page = (body: string, head = '') =>
  `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

/** Chromium flattens whitespace differently from the source; compare on single spaces. */
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('PdfRenderer (real Chromium)', () => {
  let renderer: PdfRenderer;
  let server: Server;
  let origin: string;
  const hits: string[] = [];
  let scratch: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    renderer = new PdfRenderer({ timeoutMs: 20_000 });
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.setHeader('Content-Type', req.url?.endsWith('.css') ? 'text/css' : 'image/png');
      res.end(req.url?.endsWith('.css') ? 'body::after { content: "LEAKEDCSS"; }' : '');
    });
    // Counts connections too: a preconnect opens a socket without sending a request.
    server.on('connection', () => hits.push('connection'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    scratch = mkdtempSync(join(tmpdir(), 'witness-pdf-'));
  });

  afterAll(async () => {
    await renderer?.onApplicationShutdown();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('renders an A4 PDF whose text holds English, French and Arabic headings and a page footer', async () => {
    const pdf = await renderer.render(
      page(
        `<h1>Communication to the Working Group on Arbitrary Detention</h1>
         <h2>Détention arbitraire : défenseure des droits humains, arrêtée à Sétif</h2>
         <div dir="rtl" lang="ar"><h2>الاحتجاز التعسفي للمدافعين عن حقوق</h2></div>
         <p style="page-break-before: always">Second page</p>`,
        '<style>body { font-family: "Noto Sans", sans-serif; } h1 { background: #eee; }</style>',
      ),
      { title: 'Dossier WGAD-42' },
    );

    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = squash(await extractPdfText(pdf));
    expect(text).toContain('Communication to the Working Group on Arbitrary Detention');
    expect(text).toContain('Détention arbitraire : défenseure des droits humains, arrêtée à Sétif');
    // Arabic is shaped with a real font (a missing one gives .notdef boxes and no text). Checked
    // word by word: pdftotext wraps RTL runs in bidi marks and spells the lam-alef ligature
    // backwards, which says nothing about the PDF.
    for (const word of ['التعسفي', 'للمدافعين', 'عن', 'حقوق']) expect(text).toContain(word);
    expect(text).toContain('Second page');
    expect(text).toMatch(/1 ?\/ ?2.*Second page.*2 ?\/ ?2/);
    const raw = pdf.toString('latin1');
    // A4 is 595 x 842 points (Chromium rounds to 595.92 x 842.88).
    expect(raw).toMatch(/\/MediaBox \[0 0 59[56](\.\d+)? 84[23](\.\d+)?\]/);
    expect(raw).toContain('/Title (Dossier WGAD-42)');
  });

  it('blocks every network request the document makes, allowing only data: URLs', async () => {
    const secret = join(scratch, 'secret.html');
    writeFileSync(secret, '<p>FILELEAK</p>');
    const dataPng =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const pdf = await renderer.render(
      page(
        `<p>Offline body</p>
         <img src="http://127.0.0.1:9/x.png">
         <img src="${origin}/img.png">
         <img src="${dataPng}" width="40" height="40">
         <div style="background-image: url('${origin}/bg.png'); width: 10px; height: 10px"></div>
         <iframe src="${origin}/frame.html"></iframe>
         <iframe src="${pathToFileURL(secret).href}"></iframe>`,
        `<link rel="stylesheet" href="${origin}/style.css">
         <link rel="preconnect" href="${origin}">
         <link rel="dns-prefetch" href="${origin}">
         <link rel="prefetch" href="${origin}/prefetch.css">
         <link rel="preload" as="style" href="${origin}/preload.css">
         <style>@import url("${origin}/import.css");</style>`,
      ),
    );
    // Give any straggling request time to arrive before asserting none did.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(hits).toEqual([]);
    const text = await extractPdfText(pdf);
    expect(text).toContain('Offline body');
    expect(text).not.toContain('LEAKEDCSS');
    expect(text).not.toContain('FILELEAK');
    // The inline data: image was embedded.
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');
  });

  it('does not run JavaScript in the document', async () => {
    const pdf = await renderer.render(
      page(
        `<p>Static text survives</p>
         <script>document.body.innerHTML = 'PWNED';</script>
         <img src="x" onerror="document.body.innerHTML = 'PWNED'">
         <svg onload="document.body.innerHTML = 'PWNED'"></svg>`,
        `<script>document.addEventListener('DOMContentLoaded', () => { document.body.innerHTML = 'PWNED'; });</script>`,
      ),
    );
    const text = await extractPdfText(pdf);
    expect(text).toContain('Static text survives');
    expect(text).not.toContain('PWNED');
  });

  it('serves parallel renders from one browser launch, each with its own page', async () => {
    const launch = jest.spyOn(chromium, 'launch');
    const fresh = new PdfRenderer();
    try {
      const markers = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ECHO'];
      const pdfs = await Promise.all(
        markers.map((m) => fresh.render(page(`<h1>Dossier ${m}</h1>`))),
      );
      expect(launch).toHaveBeenCalledTimes(1);
      const texts = await Promise.all(pdfs.map((pdf) => extractPdfText(pdf)));
      texts.forEach((text, i) => {
        expect(text).toContain(`Dossier ${markers[i]}`);
        for (const other of markers.filter((_, j) => j !== i)) expect(text).not.toContain(other);
      });
    } finally {
      launch.mockRestore();
      await fresh.onApplicationShutdown();
    }
  });

  it('relaunches the browser on the next render after it crashes', async () => {
    await renderer.render(page('<p>warm</p>'));
    const first = renderer.browserPid;
    expect(first).toEqual(expect.any(Number));

    // Killed with no time to notice: the next render must still succeed.
    process.kill(first!, 'SIGKILL');
    const afterCrash = await extractPdfText(await renderer.render(page('<p>After crash</p>')));
    expect(afterCrash).toContain('After crash');
    const second = renderer.browserPid;
    expect(second).toEqual(expect.any(Number));
    expect(second).not.toBe(first);

    // Killed and noticed (disconnected) before the next render.
    process.kill(second!, 'SIGKILL');
    for (let i = 0; i < 100 && renderer.browserPid !== undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(renderer.browserPid).toBeUndefined();
    const afterDisconnect = await extractPdfText(await renderer.render(page('<p>Back again</p>')));
    expect(afterDisconnect).toContain('Back again');
    expect(renderer.browserPid).not.toBe(second);
  });

  it('rejects a render that exceeds its timeout, kills its page, and keeps the browser', async () => {
    await renderer.render(page('<p>warm</p>'));
    const pid = renderer.browserPid;
    const huge = page(
      '<table>' +
        Array.from({ length: 40_000 }, (_, i) => `<tr><td>row ${i}</td><td>cell</td></tr>`).join(
          '',
        ) +
        '</table>',
    );
    const started = Date.now();
    await expect(renderer.render(huge, { timeoutMs: 300 })).rejects.toBeInstanceOf(
      PdfRenderTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(2_000);

    const text = await extractPdfText(await renderer.render(page('<p>Still alive</p>')));
    expect(text).toContain('Still alive');
    expect(renderer.browserPid).toBe(pid);
  });

  it('fails a render at once, in one line, when Chromium dies in the middle of it', async () => {
    await renderer.render(page('<p>warm</p>'));
    const pid = renderer.browserPid;
    const huge = page(
      '<table>' +
        Array.from({ length: 40_000 }, (_, i) => `<tr><td>row ${i}</td><td>cell</td></tr>`).join(
          '',
        ) +
        '</table>',
    );
    const started = Date.now();
    const attempt = renderer.render(huge);
    setTimeout(() => process.kill(pid!, 'SIGKILL'), 200);
    await expect(attempt).rejects.toBeInstanceOf(PdfRendererUnavailableError);
    await expect(attempt).rejects.toThrow(/^Chromium stopped while rendering the PDF \([^\n]*\)/);
    expect(Date.now() - started).toBeLessThan(5_000);

    const text = await extractPdfText(await renderer.render(page('<p>After the crash</p>')));
    expect(text).toContain('After the crash');
    expect(renderer.browserPid).not.toBe(pid);
  });

  it('says clearly when Chromium is missing', async () => {
    const missing = new PdfRenderer({ executablePath: join(scratch, 'no-chromium') });
    const attempt = missing.render(page('<p>x</p>'));
    await expect(attempt).rejects.toBeInstanceOf(PdfRendererUnavailableError);
    await expect(attempt).rejects.toThrow(/not found.*no-chromium.*CHROMIUM_PATH/s);
    await missing.onApplicationShutdown();
  });
});
