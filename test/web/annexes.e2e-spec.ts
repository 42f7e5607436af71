import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  startWebApp,
  watchConsole,
  type WebApp,
} from '../support/browser';
import { multipart, pdf, postMultipart } from '../support/files';
import { createUser, type TestUser } from '../support/users';
import { startWorker, type TestWorker } from '../support/worker';
import { unzip } from '../support/zip';

/**
 * The annex picker on the escalation page, in a real browser against the real api, worker,
 * PostgreSQL and document store: the case's documents as checkboxes (confidential ones
 * marked, and only for those who may see them), ordered by the numbers typed, saved with the
 * page's CSRF token and version (a stale page is told so), a bad order refused on the page,
 * and the dossier's "Download bundle (ZIP)" link giving the dossier with those annexes.
 */
let app: WebApp;
let browser: Browser;
let worker: TestWorker;
let relay: { relay: () => Promise<number> };
let storageDir: string;
let caseworker: TestUser;
let outsider: TestUser;
let coordinator: TestUser;
let viewer: TestUser;
let caseId: string;
let escalationId: string;
const docs: Record<string, string> = {};
const files: Record<string, Buffer> = {};

async function upload(fields: Record<string, string>, name: string, content: Buffer) {
  const res = await postMultipart(
    app,
    `/api/v1/defenders/${caseId}/documents`,
    caseworker.token,
    multipart(fields, [{ name, content }]),
  );
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body.id as string;
}

const chosen = async () =>
  (
    (
      await coordinator.request({
        method: 'GET',
        url: `/api/v1/escalations/${escalationId}/annexes`,
      })
    ).body.annexes as { documentId: string }[]
  ).map((a) => a.documentId);

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'witness-web-annexes-'));
  app = await startWebApp({ env: { STORAGE_DIR: storageDir } });
  browser = await launchBrowser();
  [caseworker, outsider, coordinator, viewer] = await Promise.all([
    createUser(app, 'caseworker', 'Carla Caseworker'),
    createUser(app, 'caseworker', 'Oscar Outsider'),
    createUser(app, 'coordinator', 'Chidi Coordinator'),
    createUser(app, 'viewer', 'Vera Viewer'),
  ]);
  worker = await startWorker({
    dbUrl: app.dbUrl,
    queuePrefix: app.queuePrefix,
    clock: app.clock,
    env: { OUTBOX_RELAY_SECONDS: '3600' },
  });
  const { OutboxRelay } = await import('../../apps/worker/src/processors/outbox-relay.service');
  relay = worker.app.get(OutboxRelay);

  const d = await coordinator.request({
    method: 'POST',
    url: '/api/v1/defenders',
    body: { fullName: 'Samir Khalil', country: 'EG' },
  });
  caseId = d.body.id;
  expect(
    (
      await coordinator.request({
        method: 'POST',
        url: `/api/v1/defenders/${caseId}/assignees`,
        body: { userId: caseworker.id },
      })
    ).status,
  ).toBe(201);
  const consent = await coordinator.request({
    method: 'POST',
    url: `/api/v1/defenders/${caseId}/consents`,
    body: {
      purpose: 'un_submission',
      decision: 'given',
      givenBy: 'defender',
      method: 'written',
      decidedOn: '2026-05-01',
    },
  });
  expect(consent.status).toBe(201);
  const esc = await coordinator.request({
    method: 'POST',
    url: '/api/v1/escalations',
    body: { defenderIds: [caseId], mechanism: 'wgad', kind: 'wgad_regular' },
  });
  escalationId = esc.body.id;
  files.warrant = pdf('Arrest warrant 5/2025');
  files.decision = pdf('Decision of the appeal court');
  files.medical = Buffer.from('Prison doctor: urgent care needed.\n', 'utf8');
  docs.warrant = await upload(
    { title: 'Arrest warrant', kind: 'warrant', date: '2025-03-01' },
    'warrant.pdf',
    files.warrant,
  );
  docs.decision = await upload(
    { title: 'Appeal decision', kind: 'court_decision', date: '2025-09-12' },
    'decision.pdf',
    files.decision,
  );
  docs.medical = await upload(
    { title: 'Medical report', kind: 'medical', confidential: 'true' },
    'medical.txt',
    files.medical,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await app?.close();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

describe('the annex picker', () => {
  it('a coordinator chooses and orders annexes, and downloads the dossier with them as a ZIP', async () => {
    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);
    await signIn(page, coordinator);
    await page.goto(`/app/escalations/${escalationId}`);
    await expect(page.locator('#annex-list').textContent()).resolves.toContain(
      'No document is chosen yet.',
    );
    const picker = page.locator('#annex-picker');
    expect(await picker.getByRole('checkbox').count()).toBe(3);
    await expect(
      picker.locator('tr', { hasText: 'Medical report' }).locator('.badge').textContent(),
    ).resolves.toBe('Confidential');
    await expectAccessible(page, 'escalation page with the annex picker');

    // A bad order is refused on the page, and nothing is saved.
    await page.getByRole('checkbox', { name: 'Appeal decision' }).check();
    await page.getByLabel('Order of Appeal decision').fill('first');
    await page.getByRole('button', { name: 'Save the annexes' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'The annexes were not saved' }).textContent(),
    ).resolves.toContain('must be a whole number from 1');
    expect(await page.getByRole('checkbox', { name: 'Appeal decision' }).isChecked()).toBe(true);
    expect(await chosen()).toEqual([]);
    await expectAccessible(page, 'annex picker with an error');

    // The decision first, then the medical report, then the warrant (left blank: last).
    await page.getByLabel('Order of Appeal decision').fill('1');
    await page.getByRole('checkbox', { name: 'Medical report' }).check();
    await page.getByLabel('Order of Medical report').fill('2');
    await page.getByRole('checkbox', { name: 'Arrest warrant' }).check();
    await page.getByRole('button', { name: 'Save the annexes' }).click();
    await page.waitForURL(/notice=escalations\.notices\.annexesSaved/);
    const list = page.locator('#annex-list li');
    expect(await list.allTextContents()).toEqual([
      expect.stringMatching(/^Annex 1: Appeal decision \(Court decision, 2025-09-12\)$/),
      expect.stringMatching(/^Annex 2: Medical report \(Medical report\) Confidential$/),
      expect.stringMatching(/^Annex 3: Arrest warrant \(Warrant, 2025-03-01\)$/),
    ]);
    expect(await chosen()).toEqual([docs.decision, docs.medical, docs.warrant]);

    // Someone else changes the annexes while this page is open: the save is refused, said so.
    const other = await coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}/annexes`,
    });
    expect(
      (
        await coordinator.request({
          method: 'PUT',
          url: `/api/v1/escalations/${escalationId}/annexes`,
          body: { documentIds: [docs.decision, docs.medical] },
          headers: { 'if-match': String(other.headers.etag) },
        })
      ).status,
    ).toBe(200);
    await page.getByRole('checkbox', { name: 'Arrest warrant' }).uncheck();
    await page.getByRole('button', { name: 'Save the annexes' }).click();
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'Someone else saved this escalation first' })
        .count(),
    ).resolves.toBe(1);
    expect(await chosen()).toEqual([docs.decision, docs.medical]);

    // A dossier, rendered by the worker, and its bundle.
    await page.getByLabel('Format').selectOption('html');
    await page.getByLabel('Edition').selectOption('submission');
    await page
      .getByLabel(/Generate it although something the mechanism requires is missing/)
      .check();
    await page.getByRole('button', { name: 'Request the dossier' }).click();
    await page.waitForURL(/dossierRequested/);
    expect(await relay.relay()).toBeGreaterThan(0);
    const link = page.getByRole('link', { name: 'Download bundle (ZIP) of version 1' });
    await link.waitFor({ timeout: 60_000 });
    await expectAccessible(page, 'escalation page with a dossier bundle');
    await screenshot(page, 'escalation-annexes');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(
      /^WIT-\d{4}-\d{4}-wgad-en-v1-bundle\.zip$/,
    );
    const entries = await unzip(await readFile((await download.path())!));
    expect(entries.map((e) => e.name)).toEqual([
      expect.stringMatching(/^00-WIT-.*-wgad-en-v1\.html$/),
      '01-Appeal decision.pdf',
      '02-Medical report.txt',
    ]);
    expect(entries[1].data.equals(files.decision)).toBe(true);
    expect(entries[2].data.equals(files.medical)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('offers a caseworker only what they may see, and viewers no picker', async () => {
    const { context, page } = await newPage(browser, app);
    await signIn(page, outsider);
    await page.goto(`/app/escalations/${escalationId}`);
    const picker = page.locator('#annex-picker');
    expect(await picker.getByRole('checkbox').count()).toBe(2);
    expect(await picker.getByText('Medical report').count()).toBe(0);
    expect(await page.locator('#annex-list li').allTextContents()).toEqual([
      expect.stringMatching(/^Annex 1: Appeal decision/),
    ]);
    // Saving their choice keeps the confidential annex they cannot see.
    await page.getByRole('checkbox', { name: 'Arrest warrant' }).check();
    await page.getByRole('button', { name: 'Save the annexes' }).click();
    await page.waitForURL(/annexesSaved/);
    expect(await chosen()).toEqual([docs.decision, docs.medical, docs.warrant]);
    await context.close();

    const v = await newPage(browser, app);
    await signIn(v.page, viewer);
    await v.page.goto(`/app/escalations/${escalationId}`);
    expect(await v.page.locator('#annex-list li').count()).toBe(2);
    expect(await v.page.locator('#annex-picker').count()).toBe(0);
    await expectAccessible(v.page, 'escalation page, viewer');
    await v.context.close();
  }, 120_000);
});
