import { readdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import sharp from 'sharp';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  startWebApp,
  watchConsole,
  webSession,
  type WebApp,
} from '../support/browser';
import { startClamd, type TestClamd } from '../support/clamd';
import {
  docx,
  EICAR,
  exifHasGps,
  multipart,
  pdf,
  photoWithGps,
  windowsProgram,
  type FilePart,
} from '../support/files';
import { createUser, type TestUser } from '../support/users';

/**
 * The documents web UI in a real chromium against the real api (its own storage directory, a
 * real clamd on a one-signature database): the Documents section of a profile, upload with
 * the script (drop zone, progress bar) and without it (the plain form), the previews (an
 * image; a PDF framed from an inline route with its headers checked), refusals shown next to
 * the form (too large, a renamed program, a virus, a duplicate, the scanner down), versions,
 * editing with a stale version, deletion, who sees what, CSRF on multipart forms, bad ids.
 */

jest.setTimeout(240_000);

const NOW = '2026-06-15T10:00:00Z';
const MISSING_UUID = '3f2b8c1e-0000-4000-8000-000000000000';
/** This api's upload limit: small, so "too large" costs little to show. */
const MAX_BYTES = 600 * 1024;
/** Chromium's built-in PDF viewer (an extension frame inside the framed PDF). */
const PDF_VIEWER = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

describe('web app: documents', () => {
  let app: WebApp;
  let browser: Browser;
  let clamd: TestClamd;
  let storageDir: string;
  let coordinator: TestUser;
  /** Assigned to both cases: sees confidential documents and the restricted case. */
  let caseworker: TestUser;
  /** Assigned to nothing. */
  let outsider: TestUser;
  let viewer: TestUser;
  let caseId: string;
  let secretId: string;
  let arrestId: string;
  const contexts: BrowserContext[] = [];

  /** A signed-in page of its own (own cookies), watching for script and CSP errors. */
  const pageFor = async (
    user: TestUser,
    options: { viewport?: 'laptop' | 'phone'; javaScript?: boolean } = {},
  ) => {
    const { context, page } = await newPage(browser, app, options.viewport ?? 'laptop', options);
    contexts.push(context);
    const problems = watchConsole(page);
    await signIn(page, user);
    return { context, page, problems };
  };

  const counts = async () => {
    const [row] = await app.db.query<{ documents: number; versions: number }[]>(
      `SELECT (SELECT count(*)::int FROM documents) AS documents,
              (SELECT count(*)::int FROM document_versions) AS versions`,
    );
    const blobs = (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter(
      (e) => e.isFile(),
    ).length;
    return { ...row, blobs };
  };

  /** Upload through the API (setting up what a test then looks at in the browser). */
  const apiUpload = async (
    user: TestUser,
    defenderId: string,
    fields: Record<string, string>,
    file: FilePart,
  ): Promise<string> => {
    const body = multipart(fields, [file]);
    const res = await app.app.inject({
      method: 'POST',
      url: `/api/v1/defenders/${defenderId}/documents`,
      payload: body.payload,
      headers: { 'content-type': body.contentType, authorization: `Bearer ${user.token}` },
    });
    expect(res.statusCode).toBe(201);
    return JSON.parse(res.body).id as string;
  };

  /**
   * Drop a file on an element as a person dragging it from their desktop would: dragenter,
   * dragover and drop carrying a DataTransfer made in the page.
   */
  const dropFile = async (page: Page, selector: string, name: string, content: Buffer) => {
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(content.toString('base64'))}), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], ${JSON.stringify(name)}, { type: 'application/octet-stream' }));
      return dt;
    })()`);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      await page.dispatchEvent(selector, type, { dataTransfer });
    }
  };

  /** Every value the page's <progress> bars take, recorded across navigations. */
  const recordProgress = async (page: Page): Promise<number[]> => {
    const values: number[] = [];
    await page.exposeBinding('witnessProgress', (_source, v: number) => {
      values.push(v);
    });
    await page.addInitScript(`
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.target.tagName === 'PROGRESS') window.witnessProgress(Number(r.target.value));
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['value'] });
    `);
    return values;
  };

  /** Wait until `check` holds, polling the real state (a frame attaching, a row written). */
  const until = async (check: () => Promise<boolean> | boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not true within ${ms} ms: ${check.toString()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const fileError = (page: Page) => page.locator('#f-file-error').textContent();

  beforeAll(async () => {
    clamd = await startClamd();
    app = await startWebApp({
      now: NOW,
      env: { UPLOAD_MAX_BYTES: String(MAX_BYTES), ...clamd.env },
    });
    storageDir = process.env.STORAGE_DIR!;
    browser = await launchBrowser();
    [coordinator, caseworker, outsider, viewer] = await Promise.all([
      createUser(app, 'coordinator', 'Cora Coordinator'),
      createUser(app, 'caseworker', 'Casey Caseworker'),
      createUser(app, 'caseworker', 'Otto Outsider'),
      createUser(app, 'viewer', 'Vera Viewer'),
    ]);
    const mk = async (body: Record<string, unknown>) => {
      const res = await coordinator.request({ method: 'POST', url: '/api/v1/defenders', body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    caseId = await mk({ fullName: 'Alaa Documented', country: 'EG' });
    secretId = await mk({ fullName: 'Samira Hidden-Docs', country: 'EG', access: 'restricted' });
    for (const id of [caseId, secretId]) {
      const a = await coordinator.request({
        method: 'POST',
        url: `/api/v1/defenders/${id}/assignees`,
        body: { userId: caseworker.id },
      });
      expect(a.status).toBe(201);
    }
    const ev = await coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${caseId}/events`,
      body: { type: 'arrest', occurredOn: '2026-03-12', place: 'Cairo airport' },
    });
    expect(ev.status).toBe(201);
    arrestId = ev.body.id;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await clamd?.stop();
  });

  it('a caseworker drops a PDF on the drop zone, watches the progress bar, and lands on the document with its PDF preview', async () => {
    const { page, problems } = await pageFor(caseworker);
    const progress = await recordProgress(page);
    await page.goto(`/app/defenders/${caseId}`);
    const section = page.locator('#documents');
    await expect(section.textContent()).resolves.toContain('No documents on this case yet.');
    await section.getByRole('link', { name: 'Upload a document' }).click();
    await page.waitForURL(`**/app/defenders/${caseId}/documents/new`);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Upload a document for Alaa Documented',
    );
    await expectAccessible(page, 'upload form');
    await screenshot(page, 'documents-upload');

    await page.getByLabel('Title').fill('Arrest warrant, 12 March 2026');
    await page.getByLabel('Kind of document').selectOption('warrant');
    await page.getByLabel('Date on the document').fill('2026-03-12');
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Arabic' });
    await page.getByLabel('Timeline event').selectOption(arrestId);
    // A PDF of a few hundred kilobytes, so the upload takes more than one step.
    const warrant = pdf(`Arrest warrant No. 17/2026 ${'lorem ipsum '.repeat(30_000)}`);
    expect(warrant.length).toBeGreaterThan(300_000);
    expect(warrant.length).toBeLessThan(MAX_BYTES);
    await dropFile(page, '[data-drop-zone]', 'warrant.pdf', warrant);
    // The dropped file is the file input's own: the real control, announced.
    await expect(page.locator('[data-chosen]').textContent()).resolves.toMatch(
      /^Chosen: warrant\.pdf \(\d+ KB\)$/,
    );
    await expect(page.evaluate("document.getElementById('f-file').files.length")).resolves.toBe(1);

    const before = await counts();
    const previewLoaded = page.waitForResponse((r) =>
      /\/app\/documents\/[^/]+\/preview$/.test(r.url()),
    );
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await page.waitForURL(/\/app\/documents\/[0-9a-f-]{36}\?notice=documents\.notices\.uploaded$/);
    const docId = /documents\/([0-9a-f-]{36})/.exec(page.url())![1];
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'The document is uploaded.',
    );
    await expect(page.locator('h1').textContent()).resolves.toBe('Arrest warrant, 12 March 2026');
    // The bar went from empty to full.
    expect(progress[0]).toBe(0);
    expect(progress).toContain(100);
    expect(await counts()).toEqual({
      documents: before.documents + 1,
      versions: before.versions + 1,
      blobs: before.blobs + 1,
    });

    // The PDF is shown by the browser's own viewer, framed from the inline route.
    const frame = page.locator('iframe.doc-preview__pdf');
    await expect(frame.getAttribute('src')).resolves.toBe(`/app/documents/${docId}/preview`);
    await expect(frame.getAttribute('title')).resolves.toBe(
      'PDF preview of Arrest warrant, 12 March 2026',
    );
    const preview: Response = await previewLoaded;
    expect(preview.status()).toBe(200);
    const headers = await preview.allHeaders();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toMatch(/^inline; filename="warrant\.pdf"/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).not.toContain('sandbox');
    // Chromium hands the response to its PDF viewer (an <embed> in the framed document): the
    // policy above let it load.
    const pdfFrame = page.frames().find((f) => f.url().endsWith(`/app/documents/${docId}/preview`));
    expect(pdfFrame).toBeDefined();
    await until(async () => pdfFrame!.childFrames().some((f) => f.url().startsWith(PDF_VIEWER)));
    // The bytes served are the PDF as uploaded, decrypted.
    const direct = await page.request.get(`/app/documents/${docId}/preview`);
    expect(await direct.body()).toEqual(warrant);
    // The page that frames it keeps its own strict policy.
    const pageRes = await page.request.get(`/app/documents/${docId}`);
    const csp = pageRes.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");

    const facts = await page.locator('.doc-about').textContent();
    expect(facts).toContain('Warrant');
    expect(facts).toContain('2026-03-12');
    expect(facts).toContain('2026-03-12 · Arrest (Cairo airport)');
    await expect(page.locator('#versions tbody tr').count()).resolves.toBe(1);
    await expectAccessible(page, 'document page (PDF)');
    await screenshot(page, 'documents-pdf');

    // Back on the profile: the row, with what a caseworker needs to tell documents apart.
    await page.getByRole('link', { name: 'Alaa Documented' }).click();
    const row = page.locator('#documents tbody tr', { hasText: 'Arrest warrant' });
    await expect(row.count()).resolves.toBe(1);
    const cells = await row.textContent();
    expect(cells).toContain('Warrant');
    expect(cells).toContain('2026-03-12');
    expect(cells).toContain('Arabic');
    expect(cells).toMatch(/\d+ KB/);
    expect(cells).toContain('by Casey Caseworker');
    await expectAccessible(page, 'profile with documents');
    expect(problems).toEqual([]);
  });
  it('without JavaScript: a photo goes up through the plain form and shows, its location data removed', async () => {
    const { page, problems } = await pageFor(caseworker, { javaScript: false });
    await page.goto(`/app/defenders/${caseId}/documents/new`);
    await page.getByLabel('Title').fill('Visit photo, Tora prison');
    await page.getByLabel('Kind of document').selectOption('photo');
    // The drop zone's prompt needs the script: without it, only the file input shows.
    await expect(page.locator('[data-drop-prompt]').isVisible()).resolves.toBe(false);
    const photo = await photoWithGps('jpeg', { width: 640, height: 480 });
    await page.locator('#f-file').setInputFiles({
      name: 'IMG_0042.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    const shown = page.waitForResponse((r) => /\/preview$/.test(r.url()));
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await page.waitForURL(/\/app\/documents\/[0-9a-f-]{36}\?notice=documents\.notices\.uploaded$/);
    const docId = /documents\/([0-9a-f-]{36})/.exec(page.url())![1];
    await expect(page.locator('h1').textContent()).resolves.toBe('Visit photo, Tora prison');

    // The preview is the image itself, served inline from the web route.
    const img = page.locator('img.doc-preview__image');
    await expect(img.getAttribute('src')).resolves.toBe(`/app/documents/${docId}/preview`);
    await expect(img.getAttribute('alt')).resolves.toBe('Visit photo, Tora prison');
    const res = await shown;
    expect(res.status()).toBe(200);
    const headers = await res.allHeaders();
    expect(headers['content-type']).toBe('image/jpeg');
    expect(headers['content-disposition']).toMatch(/^inline; filename="IMG_0042\.jpg"/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['content-security-policy']).toContain('sandbox');
    // What the browser got is the re-encoded photo: upright pixels, no GPS position.
    const served = await sharp(await res.body()).metadata();
    expect(served.width).toBe(480);
    expect(served.height).toBe(640);
    expect(exifHasGps(served.exif)).toBe(false);
    const box = await img.boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    // The thumbnail route serves the small copy, inline, under the same rules.
    const thumb = await page.request.get(`/app/documents/${docId}/thumbnail`);
    expect(thumb.status()).toBe(200);
    expect(thumb.headers()['content-type']).toBe('image/webp');
    expect(thumb.headers()['content-disposition']).toMatch(/^inline;/);
    expect(thumb.headers()['x-content-type-options']).toBe('nosniff');
    await expect(page.locator('#versions').textContent()).resolves.toContain(
      'Photo rebuilt from its pixels, metadata removed',
    );
    await screenshot(page, 'documents-photo-nojs');
    expect(problems).toEqual([]);
  });

  it('refusals are shown next to the form in plain words, and nothing is written', async () => {
    const { page, problems } = await pageFor(caseworker);
    await page.goto(`/app/defenders/${caseId}/documents/new`);
    const before = await counts();
    const fill = async (title: string) => {
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Kind of document').selectOption('evidence');
    };
    const send = async () => {
      const answered = page.waitForResponse(
        (r) =>
          r.request().method() === 'POST' && r.url().endsWith(`/defenders/${caseId}/documents`),
      );
      await page.getByRole('button', { name: 'Upload the document' }).click();
      return answered;
    };

    // Too large: the script knows before a byte is sent, and says what the limit is.
    await fill('A long recording transcript');
    await dropFile(page, '[data-drop-zone]', 'transcript.pdf', pdf('x'.repeat(MAX_BYTES)));
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await expect(fileError(page)).resolves.toBe(
      'The file is larger than 600 KB, the most Witness accepts. Nothing was stored.',
    );
    await expect(page.locator('#f-file').getAttribute('aria-invalid')).resolves.toBe('true');

    // A Windows program named like a PDF: refused by what it is, not what it is called.
    await dropFile(page, '[data-drop-zone]', 'court-decision.pdf', windowsProgram());
    let res = await send();
    expect(res.status()).toBe(415);
    await until(async () => /Windows program/.test((await fileError(page)) ?? ''));
    await expect(page.locator('.error-summary a[href="#f-file"]').textContent()).resolves.toContain(
      'Windows program',
    );
    // The form keeps what was typed, and the chosen file.
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe(
      'A long recording transcript',
    );
    await expect(page.evaluate("document.getElementById('f-file').files[0].name")).resolves.toBe(
      'court-decision.pdf',
    );
    await expectAccessible(page, 'upload refused');
    await screenshot(page, 'documents-refused');

    // A virus (the EICAR test file), found by clamd.
    await dropFile(page, '[data-drop-zone]', 'letter.txt', Buffer.from(EICAR, 'latin1'));
    res = await send();
    expect(res.status()).toBe(422);
    await until(async () => /virus scanner found/.test((await fileError(page)) ?? ''));
    await expect(fileError(page)).resolves.toContain('Witness.Test.EICAR');
    expect(await counts()).toEqual(before);

    // A file already on the case: a link to it, and the choice to keep a second copy.
    const letter = Buffer.from('Letter from the family, 2 June 2026\n', 'utf8');
    const firstId = await apiUpload(
      caseworker,
      caseId,
      { title: 'Family letter', kind: 'correspondence' },
      { name: 'letter.txt', content: letter },
    );
    const withFirst = await counts();
    await fill('The family letter again');
    await dropFile(page, '[data-drop-zone]', 'family.txt', letter);
    res = await send();
    expect(res.status()).toBe(409);
    await until(async () => /already on this case/.test((await fileError(page)) ?? ''));
    await expect(fileError(page)).resolves.toBe(
      'This file is already on this case: version 1 of “Family letter”.',
    );
    const existing = page.getByRole('link', { name: 'Open “Family letter”' });
    await expect(existing.getAttribute('href')).resolves.toBe(`/app/documents/${firstId}`);
    expect(await counts()).toEqual(withFirst);
    await expectAccessible(page, 'duplicate');
    await screenshot(page, 'documents-duplicate');
    await page.getByRole('button', { name: 'Upload anyway (keep a second copy)' }).click();
    await page.waitForURL(/notice=documents\.notices\.uploaded/);
    await expect(page.locator('h1').textContent()).resolves.toBe('The family letter again');
    // A plain-text document is shown as text, escaped.
    await expect(page.locator('pre.doc-preview__text').textContent()).resolves.toBe(
      letter.toString('utf8'),
    );
    expect((await counts()).documents).toBe(withFirst.documents + 1);
    expect(problems).toEqual([]);
  });

  it('without JavaScript, a too-large file and a missing field come back as the form with the message', async () => {
    const { page, problems } = await pageFor(caseworker, { javaScript: false });
    await page.goto(`/app/defenders/${caseId}/documents/new`);
    const before = await counts();
    await page.getByLabel('Title').fill('Scanned case file');
    await page.getByLabel('Kind of document').selectOption('court_decision');
    await page.locator('#f-file').setInputFiles({
      name: 'case-file.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('y'.repeat(MAX_BYTES + 50_000)),
    });
    const answered = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Upload the document' }).click();
    expect((await answered).status()).toBe(413);
    await expect(fileError(page)).resolves.toBe(
      'The file is larger than 600 KB, the most Witness accepts. Nothing was stored.',
    );
    // What was typed before the file is kept, and the browser is told to choose the file again.
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Scanned case file');
    await expect(page.locator('main').textContent()).resolves.toContain('choose it again');
    expect(await counts()).toEqual(before);

    // No title, no file: both named at once.
    await page.getByLabel('Title').fill('');
    const again = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Upload the document' }).click();
    expect((await again).status()).toBe(400);
    const summary = await page.locator('.error-summary').textContent();
    expect(summary).toContain('Enter title');
    expect(summary).toContain('File is required: choose the file to upload');
    expect(await counts()).toEqual(before);
    expect(problems).toEqual([]);
  });

  it('a new version, an edit that lost the race (conflict page), then a soft delete', async () => {
    const docId = await apiUpload(
      caseworker,
      caseId,
      { title: 'Charge sheet', kind: 'charge_sheet', language: 'ar' },
      { name: 'charges.pdf', content: pdf('Charge sheet, first draft') },
    );
    const { page, problems } = await pageFor(caseworker);
    await page.goto(`/app/documents/${docId}`);

    // A new version, through the version form (the script's progress bar, then the page).
    await page.getByRole('link', { name: 'Upload a new version' }).click();
    await page.locator('#new-version #f-file').setInputFiles({
      name: 'charges-final.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('Charge sheet, as filed'),
    });
    await page.getByRole('button', { name: 'Upload the new version' }).click();
    await page.waitForURL(/notice=documents\.notices\.versionAdded/);
    const rows = page.locator('#versions tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('charges-final.pdf');
    // Each version downloads as an attachment.
    const v1 = await page.request.get(`/app/documents/${docId}/download?version=1`);
    expect(v1.status()).toBe(200);
    expect(v1.headers()['content-disposition']).toMatch(/^attachment; filename="charges\.pdf"/);
    expect(await v1.body()).toEqual(pdf('Charge sheet, first draft'));
    await expect(
      page.getByRole('link', { name: 'Download version 1' }).getAttribute('href'),
    ).resolves.toBe(`/app/documents/${docId}/download?version=1`);

    // Two people edit; the coordinator saves first.
    const theirs = await pageFor(coordinator);
    await page.goto(`/app/documents/${docId}/edit`);
    await theirs.page.goto(`/app/documents/${docId}/edit`);
    await expectAccessible(page, 'edit form');
    await theirs.page.getByLabel('Title').fill('Charge sheet (as filed)');
    await theirs.page.getByRole('button', { name: 'Save the changes' }).click();
    await theirs.page.waitForURL(/notice=saved/);

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'French' });
    await page.getByLabel('Date on the document').fill('2026-04-02');
    const answered = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    expect((await answered).status()).toBe(412);
    const conflict = page.locator('.conflict');
    await expect(conflict.locator('h2').textContent()).resolves.toBe(
      'Someone else saved this document while you were editing',
    );
    const compared = await conflict.locator('tbody').textContent();
    expect(compared).toContain('Charge sheet (as filed)');
    expect(compared).toContain('fr');
    await expectAccessible(page, 'edit conflict');
    await screenshot(page, 'documents-conflict');
    // The form holds the latest version with my changes on top: saving it keeps both.
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Charge sheet (as filed)');
    await expect(page.getByLabel('Language', { exact: true }).inputValue()).resolves.toBe('fr');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(/notice=saved/);
    const saved = await caseworker.request({ method: 'GET', url: `/api/v1/documents/${docId}` });
    expect(saved.body).toMatchObject({
      title: 'Charge sheet (as filed)',
      language: 'fr',
      date: '2026-04-02',
      kind: 'charge_sheet',
    });

    // Delete: a confirmation first, then gone for everyone (its rows and files kept).
    const before = await counts();
    await page.getByRole('link', { name: 'Delete…' }).click();
    await page.waitForURL(`**/app/documents/${docId}/delete`);
    await expectAccessible(page, 'delete confirmation');
    await page.getByRole('button', { name: 'Delete the document' }).click();
    await page.waitForURL(/\/app\/defenders\/[0-9a-f-]{36}\?notice=documents\.notices\.deleted/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'The document is deleted.',
    );
    await expect(
      page.locator('#documents').getByRole('link', { name: 'Charge sheet (as filed)' }).count(),
    ).resolves.toBe(0);
    expect(await counts()).toEqual(before);
    const gone = await page.goto(`/app/documents/${docId}`);
    expect(gone?.status()).toBe(404);
    const audit = await app.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'document.delete'`,
      [docId],
    );
    expect(audit[0].n).toBe(1);
    expect(problems).toEqual([]);
    expect(theirs.problems).toEqual([]);
  });

  it('a caseworker keeps a confidential document confidential: only deciders clear the mark', async () => {
    const docId = await apiUpload(
      caseworker,
      caseId,
      { title: 'Lawyer visit notes', kind: 'evidence', confidential: 'true' },
      { name: 'visit.pdf', content: pdf('Visit notes') },
    );
    const { page } = await pageFor(caseworker);
    await page.goto(`/app/documents/${docId}/edit`);
    const box = page.locator('#f-confidential');
    await expect(box.isChecked()).resolves.toBe(true);
    await expect(box.isDisabled()).resolves.toBe(true);
    await expect(page.locator('#f-confidential-hint').textContent()).resolves.toContain(
      'Only a coordinator or an admin can clear this mark',
    );
    await page.fill('#f-title', 'Lawyer visit notes, 3 June');
    await Promise.all([page.waitForNavigation(), page.click('form.doc-form button[type=submit]')]);
    const [row] = await app.db.query(`SELECT title, confidential FROM documents WHERE id = $1`, [
      docId,
    ]);
    expect(row).toEqual({ title: 'Lawyer visit notes, 3 June', confidential: true });

    const decider = await pageFor(coordinator);
    await decider.page.goto(`/app/documents/${docId}/edit`);
    await expect(decider.page.locator('#f-confidential').isDisabled()).resolves.toBe(false);
  });

  it('viewers and unassigned caseworkers see neither confidential documents nor those of a restricted case', async () => {
    const confidentialId = await apiUpload(
      caseworker,
      caseId,
      { title: 'Medical report from the prison doctor', kind: 'medical', confidential: 'true' },
      { name: 'medical.pdf', content: pdf('Medical report') },
    );
    const secretDocId = await apiUpload(
      caseworker,
      secretId,
      { title: 'Statement of the hidden case', kind: 'evidence' },
      { name: 'statement.pdf', content: pdf('Statement') },
    );

    // The assigned caseworker sees it, marked; opening its preview is audited.
    const { page } = await pageFor(caseworker);
    await page.goto(`/app/defenders/${caseId}`);
    const row = page.locator('#documents tbody tr', { hasText: 'Medical report' });
    await expect(row.locator('.badge--confidential').textContent()).resolves.toBe('Confidential');
    await page.goto(`/app/documents/${confidentialId}`);
    await expect(page.locator('.badges').textContent()).resolves.toContain('Confidential');
    await until(async () => {
      const [r] = await app.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'document.download'`,
        [confidentialId],
      );
      return r.n >= 1;
    });

    for (const user of [viewer, outsider]) {
      const { page: other, problems } = await pageFor(user);
      await other.goto(`/app/defenders/${caseId}`);
      await expect(other.locator('#documents').textContent()).resolves.toContain('Arrest warrant');
      await expect(other.locator('#documents').textContent()).resolves.not.toContain(
        'Medical report',
      );
      for (const url of [
        `/app/documents/${confidentialId}`,
        `/app/documents/${confidentialId}/preview`,
        `/app/documents/${confidentialId}/download`,
        `/app/documents/${secretDocId}`,
        `/app/documents/${secretDocId}/preview`,
        `/app/defenders/${secretId}/documents`,
      ]) {
        const res = await other.goto(url);
        expect({ url, status: res?.status() }).toEqual({ url, status: 404 });
        await expect(other.locator('main').textContent()).resolves.not.toMatch(
          /Medical report|Statement of the hidden case/,
        );
      }
      expect(problems).toEqual([]);
    }
    // A viewer is offered no upload; the unassigned caseworker may upload, but not mark
    // anything confidential (they would lose sight of it).
    const { page: vw } = await pageFor(viewer);
    await vw.goto(`/app/defenders/${caseId}`);
    await expect(vw.getByRole('link', { name: 'Upload a document' }).count()).resolves.toBe(0);
    const denied = await vw.goto(`/app/defenders/${caseId}/documents/new`);
    expect(denied?.status()).toBe(403);
    const { page: out } = await pageFor(outsider);
    await out.goto(`/app/defenders/${caseId}/documents/new`);
    await expect(out.getByLabel('Confidential').count()).resolves.toBe(0);
    await expect(out.getByLabel('Who provided it').count()).resolves.toBe(1);
  });

  it('an upload needs the CSRF token (form field or header), from our own origin; without it nothing is written', async () => {
    const session = await webSession(app, caseworker);
    const asViewer = await webSession(app, viewer);
    const url = `/app/defenders/${caseId}/documents`;
    const post = (
      fields: Record<string, string>,
      headers: Record<string, string>,
      cookie = session.cookie,
      content = Buffer.from(`CSRF probe ${Math.random()}\n`),
    ) => {
      const body = multipart(fields, [{ name: 'probe.txt', content }]);
      return app.app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: { 'content-type': body.contentType, cookie, ...headers },
      });
    };
    const fields = { title: 'CSRF probe', kind: 'other' };
    const before = await counts();

    const none = await post(fields, {});
    expect(none.statusCode).toBe(403);
    expect(none.headers['content-type']).toMatch(/^text\/html/);
    expect(none.body).toContain('This form has expired');
    expect((await post({ _csrf: asViewer.csrf, ...fields }, {})).statusCode).toBe(403);
    expect((await post(fields, { 'x-csrf-token': asViewer.csrf })).statusCode).toBe(403);
    // The right token, from another site: refused all the same.
    const cross = await post(
      { _csrf: session.csrf, ...fields },
      { origin: 'https://evil.example' },
    );
    expect(cross.statusCode).toBe(403);
    // The right token, but a viewer may not upload.
    expect((await post({ _csrf: asViewer.csrf, ...fields }, {}, asViewer.cookie)).statusCode).toBe(
      403,
    );
    expect(await counts()).toEqual(before);

    // Each way of presenting it works: the form field (no script) ...
    const viaField = await post({ _csrf: session.csrf, ...fields }, {});
    expect(viaField.statusCode).toBe(303);
    expect(viaField.headers.location).toMatch(
      /^\/app\/documents\/[0-9a-f-]{36}\?notice=documents\.notices\.uploaded$/,
    );
    // ... and the header (the script), which is answered 201 with the address to go to.
    const viaHeader = await post(fields, {
      'x-csrf-token': session.csrf,
      'x-requested-with': 'XMLHttpRequest',
    });
    expect(viaHeader.statusCode).toBe(201);
    expect(viaHeader.headers.location).toMatch(/^\/app\/documents\/[0-9a-f-]{36}\?notice=/);
    expect((await counts()).documents).toBe(before.documents + 2);

    // A file over the limit still has its token read (it comes first): a page saying why.
    const big = await post(
      { _csrf: session.csrf, ...fields },
      {},
      session.cookie,
      Buffer.alloc(MAX_BYTES + 1, 0x61),
    );
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/^text\/html/);
    expect(big.body).toContain('larger than 600 KB');
    expect((await counts()).documents).toBe(before.documents + 2);

    // The same rules on a new version.
    const docId = /documents\/([0-9a-f-]{36})/.exec(String(viaField.headers.location))![1];
    const body = multipart({}, [{ name: 'v2.txt', content: Buffer.from('second version\n') }]);
    const noToken = await app.app.inject({
      method: 'POST',
      url: `/app/documents/${docId}/versions`,
      payload: body.payload,
      headers: { 'content-type': body.contentType, cookie: session.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect((await counts()).versions).toBe(before.versions + 2);
  });

  it('a long text shows its start, cut between characters; an office file has no preview but a download', async () => {
    const session = await webSession(app, caseworker);
    const get = (url: string) =>
      app.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    // 250 KB of Arabic (two bytes a letter) with markup that must stay text.
    const line = '<script>alert(1)</script> رسالة من العائلة\n';
    const long = Buffer.from(line.repeat(Math.ceil((250 * 1024) / Buffer.byteLength(line))));
    const textId = await apiUpload(
      caseworker,
      caseId,
      { title: 'Transcript of the hearing', kind: 'evidence', language: 'ar' },
      { name: 'transcript.txt', content: long },
    );
    const page = await get(`/app/documents/${textId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Only the first 200 KB are shown.');
    const pre = /<pre class="doc-preview__text"[^>]*>([\s\S]*?)<\/pre>/.exec(page.body)![1];
    expect(pre).not.toContain('<script>');
    expect(pre).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const shown = pre
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    expect(shown).not.toContain('\ufffd');
    expect(Buffer.byteLength(shown)).toBeLessThanOrEqual(200 * 1024);
    expect(Buffer.byteLength(shown)).toBeGreaterThan(200 * 1024 - 4);
    expect(long.toString('utf8').startsWith(shown)).toBe(true);
    // Text is shown on the page only; the inline route serves PDFs and images alone.
    expect((await get(`/app/documents/${textId}/preview`)).statusCode).toBe(404);

    const wordId = await apiUpload(
      caseworker,
      caseId,
      { title: 'Letter to the prosecutor', kind: 'correspondence' },
      { name: 'letter.docx', content: await docx('Letter to the prosecutor') },
    );
    const word = await get(`/app/documents/${wordId}`);
    expect(word.body).toContain('Witness cannot show this kind of file in the browser.');
    expect(word.body).not.toContain('doc-preview__pdf');
    expect(word.body).toContain(`href="/app/documents/${wordId}/download"`);
    expect((await get(`/app/documents/${wordId}/preview`)).statusCode).toBe(404);
    const file = await get(`/app/documents/${wordId}/download`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="letter\.docx"/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('bad and unknown ids get a 404 page, never JSON or a 500; pages carry no inline script or style', async () => {
    const session = await webSession(app, caseworker);
    const get = (url: string) =>
      app.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    for (const url of [
      '/app/documents/not-a-uuid',
      `/app/documents/${MISSING_UUID}`,
      '/app/documents/not-a-uuid/preview',
      `/app/documents/${MISSING_UUID}/download`,
      `/app/documents/${MISSING_UUID}/thumbnail`,
      `/app/documents/${MISSING_UUID}/edit`,
      '/app/defenders/not-a-uuid/documents',
      `/app/defenders/${MISSING_UUID}/documents/new`,
    ]) {
      const res = await get(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('Not found');
    }
    const del = await app.app.inject({
      method: 'POST',
      url: '/app/documents/not-a-uuid/delete',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: session.csrf }).toString(),
    });
    expect(del.statusCode).toBe(404);
    const badVersion = await get(`/app/documents/${MISSING_UUID}/download?version=zero`);
    expect(badVersion.statusCode).toBe(400);

    const [doc] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM documents WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`,
    );
    for (const url of [
      `/app/defenders/${caseId}/documents/new`,
      `/app/defenders/${caseId}/documents`,
      `/app/documents/${doc.id}`,
      `/app/documents/${doc.id}/edit`,
      `/app/documents/${doc.id}/delete`,
    ]) {
      const res = await get(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(res.body).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    }
  });

  it('works on a phone screen (axe-clean, no sideways scrolling)', async () => {
    const { page, problems } = await pageFor(caseworker, { viewport: 'phone' });
    await page.goto(`/app/defenders/${caseId}/documents/new`);
    await expectAccessible(page, 'upload form on a phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'documents-upload-phone');
    const [doc] = await app.db.query<{ id: string }[]>(
      `SELECT id FROM documents WHERE title = 'Arrest warrant, 12 March 2026'`,
    );
    await page.goto(`/app/documents/${doc.id}`);
    await expectAccessible(page, 'document page on a phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'documents-pdf-phone');
    await page.goto(`/app/defenders/${caseId}/documents`);
    await expectAccessible(page, 'document list on a phone');
    expect(problems).toEqual([]);
  });

  it('keeps the file while the virus scanner is down, says so in words, and serves nothing', async () => {
    await clamd.stop();
    const { page, problems } = await pageFor(caseworker);
    await page.goto(`/app/defenders/${caseId}/documents/new`);
    const before = await counts();
    await page.getByLabel('Title').fill('Appeal decision');
    await page.getByLabel('Kind of document').selectOption('court_decision');
    await dropFile(page, '[data-drop-zone]', 'appeal.pdf', pdf('Appeal decision'));
    const answered = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Upload the document' }).click();
    // Kept (encrypted, waiting for the scan), never refused: evidence uploaded from a hostile
    // place may not be uploadable again.
    expect((await answered).status()).toBe(201);
    // The page's script goes on to the next page: read it once it has settled.
    await until(async () =>
      (await page.content().catch(() => '')).includes('will be available once it has been checked'),
    );
    const after = await counts();
    expect(after.documents).toBe(before.documents + 1);
    expect(after.versions).toBe(before.versions + 1);
    const [doc] = await app.db.query<{ id: string; scan: string }[]>(
      `SELECT d.id, v.scan FROM documents d JOIN document_versions v ON v.document_id = d.id
        WHERE d.title = 'Appeal decision'`,
    );
    expect(doc.scan).toBe('pending');
    await page.goto(`/app/documents/${doc.id}`);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'waiting for the virus check',
    );
    // Nothing of the file is offered to open or download while it waits.
    expect(await page.locator(`a[href*="/app/documents/${doc.id}/download"], iframe`).count()).toBe(
      0,
    );
    await expectAccessible(page, 'document page waiting for the virus check');
    expect(problems).toEqual([]);
  });
});
