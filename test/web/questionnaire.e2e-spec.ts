import { readFileSync } from 'node:fs';
import { extractPdfText } from '@witness/platform/pdf/pdf-text';
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
import {
  EVENTS,
  factsBySection,
  PROFILE,
  recordCompleteCase,
  SOURCE,
  sectionsOf,
} from '../support/dossier-case';
import { createUser, type TestUser } from '../support/users';
import { startWorker, type TestWorker } from '../support/worker';

/**
 * The questionnaire in the browser: a coordinator records a case, opens a WGAD escalation,
 * sees every answer drawn from the record beside where it comes from, fills the
 * questionnaire's own answers (summary, categories, remedies, identity document, source),
 * overrides an answer and returns it to the record (both in the history), watches the
 * completeness panel empty, and downloads a French PDF whose sections hold the record's facts.
 */
let app: WebApp;
let browser: Browser;
let worker: TestWorker;
let relay: { relay: (batch?: number) => Promise<number> };
let caseworker: TestUser;
let coordinator: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
  browser = await launchBrowser();
  [caseworker, coordinator, viewer] = await Promise.all([
    createUser(app, 'caseworker', 'Carla Caseworker'),
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
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await app?.close();
});

describe('the questionnaire in the browser', () => {
  it('draws the answers, takes the questionnaire’s own, overrides and returns, then generates', async () => {
    const amina = await recordCompleteCase(caseworker.request, PROFILE);
    expect(EVENTS.length).toBeGreaterThan(5);
    const { context, page } = await newPage(browser, app);
    const errors = watchConsole(page);
    await signIn(page, coordinator);

    // Start the escalation from the profile, as the app offers it.
    await page.goto(`/app/defenders/${amina}/escalations/new`);
    await page.getByLabel('Kind').selectOption('wgad_regular');
    await page.getByRole('button', { name: 'Start the escalation' }).click();
    await page.waitForURL(/\/app\/escalations\/[0-9a-f-]{36}\?notice=/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.locator('#escalation-reference').textContent()).resolves.toContain(
      'WIT-2026-0001',
    );
    // What the WGAD still needs, in words.
    const panel = page.locator('#completeness');
    for (const words of [
      'a concise summary of the case',
      'a category of arbitrary detention, argued',
      'the source’s name and contact',
    ])
      await expect(panel.textContent()).resolves.toContain(words);
    await expect(panel.textContent()).resolves.not.toContain('date of arrest ');

    await page.getByRole('link', { name: /Questionnaire: answers, overrides/ }).click();
    await page.waitForURL(`**/app/escalations/${id}/questionnaire`);
    await expectAccessible(page, 'questionnaire');
    // Drawn from the record, beside the mechanism's own wording.
    const place = page.locator('#answer-arrest-place-' + amina.slice(0, 8));
    await expect(place.textContent()).resolves.toContain(
      '2. Place of arrest (as detailed as possible)',
    );
    await expect(place.textContent()).resolves.toContain('Rue Tahrir 14, Dokki');
    const places = page.locator('#answer-detention-places-' + amina.slice(0, 8));
    await expect(places.textContent()).resolves.toContain(
      '25 March 2024: transferred to Sijn al-Qanatir (present place of detention)',
    );
    await expect(page.locator('#answer-remedies-steps').textContent()).resolves.toContain(
      'Mahkamat al-Istinaf',
    );

    // The questionnaire's own answers.
    const typed = page.locator('#typed');
    await typed
      .getByLabel('Summary of the case')
      .fill('Amina Haddad, sahafiyya, mahtujaza mundhu 2024.');
    await typed
      .getByLabel('Circumstances of the arrest and detention')
      .fill("Qubida 'alayha fajran.");
    await typed.getByLabel('Category II', { exact: true }).check();
    await typed.getByLabel('Why category II applies').fill('Tajrim al-sahafa.');
    await typed.getByLabel('Domestic remedies exhausted?').selectOption('no');
    await typed
      .getByLabel('Their results, or why they were ineffective or not taken')
      .fill('Al-mahakim la tanzur.');
    await typed.getByLabel('Type of document').fill('Jawaz safar');
    await typed.getByLabel('Issued by').fill('Misr');
    await typed.getByLabel('Issued on').fill('2019-01-10');
    await typed.getByLabel('Number', { exact: true }).fill('A77-9912');
    await typed.getByLabel('Name of the person or organisation submitting').fill(SOURCE.name);
    await typed.getByLabel('Organisation', { exact: true }).fill(SOURCE.organisation);
    await typed.getByLabel('Postal and electronic address, telephone').fill(SOURCE.contact);
    await typed.getByLabel('Relation to the person(s) concerned').selectOption('organisation');
    await typed.getByLabel('Information to be kept confidential').fill('Sirri.');
    await page.getByRole('button', { name: 'Save the answers' }).click();
    await page.waitForURL(/questionnaireSaved/);
    await expect(page.locator('#completeness-submission-h').textContent()).resolves.toContain(
      'Complete',
    );

    // Override the place of arrest, and see it beside the record's.
    await place.locator('summary').click();
    await place.getByLabel('What the dossier should say').fill('Maqha al-Nil, Dokki');
    await place.getByRole('button', { name: 'Save the override' }).click();
    await page.waitForURL(/answerOverridden/);
    const overridden = page.locator('#answer-arrest-place-' + amina.slice(0, 8));
    await expect(overridden.textContent()).resolves.toContain('Rue Tahrir 14, Dokki');
    await expect(overridden.textContent()).resolves.toContain('Maqha al-Nil, Dokki');
    await expect(overridden.textContent()).resolves.toContain('Overridden');
    await expect(overridden.textContent()).resolves.toContain('Chidi Coordinator');
    await expectAccessible(page, 'questionnaire with an override');
    await screenshot(page, 'questionnaire');
    await overridden.getByRole('button', { name: /Return to the record/ }).click();
    await page.waitForURL(/answerReturned/);
    const history = page.locator('#answer-history');
    await expect(history.textContent()).resolves.toContain('Overridden: Maqha al-Nil, Dokki');
    await expect(history.textContent()).resolves.toContain(
      'Returned to the record (was: Maqha al-Nil, Dokki)',
    );
    await expect(
      page.locator('#answer-arrest-place-' + amina.slice(0, 8)).textContent(),
    ).resolves.not.toContain('Overridden');

    // A French PDF from the escalation page: every fact in its section.
    await page.goto(`/app/escalations/${id}`);
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByLabel('Format').selectOption('pdf');
    await page.getByLabel('Edition').selectOption('submission');
    expect(await page.getByLabel(/Generate it although/).count()).toBe(0);
    await page.getByRole('button', { name: 'Request the dossier' }).click();
    await page.waitForURL(/dossierRequested/);
    expect(await relay.relay()).toBeGreaterThan(0);
    const link = page.getByRole('link', { name: /^Download version 1 \(PDF/ });
    await link.waitFor({ timeout: 60_000 });
    await expect(page.locator('#dossiers').textContent()).resolves.toContain(
      'WIT-2026-0001-wgad-fr-v1.pdf',
    );
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('WIT-2026-0001-wgad-fr-v1.pdf');
    const text = await extractPdfText(readFileSync((await download.path())!), 20_000, {
      raw: true,
    });
    const sections = sectionsOf(text, 'fr');
    factsBySection('fr').forEach((facts, i) => {
      for (const fact of facts)
        expect({
          i,
          fact,
          found: sections[i + 1].replace(/\s/g, '').includes(fact.replace(/\s/g, '')),
        }).toEqual({ i, fact, found: true });
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('viewers read the answers but override nothing; caseworkers fill the answers but do not override', async () => {
    const ids = await Promise.all(
      [viewer, caseworker].map(async () => {
        const esc = await coordinator.request({
          method: 'GET',
          url: '/api/v1/escalations?limit=1',
        });
        return esc.body.data[0].id as string;
      }),
    );
    const { context, page } = await newPage(browser, app);
    await signIn(page, viewer);
    await page.goto(`/app/escalations/${ids[0]}/questionnaire`);
    expect(await page.locator('details.esc-override').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save the answers' }).count()).toBe(0);
    // The address of usual residence is not shown to a viewer.
    await expect(page.locator('main').textContent()).resolves.not.toContain(PROFILE.usualAddress);
    await expect(page.locator('main').textContent()).resolves.toContain('Not shown to your role');
    await context.close();
    const cw = await newPage(browser, app);
    await signIn(cw.page, caseworker);
    await cw.page.goto(`/app/escalations/${ids[1]}/questionnaire`);
    expect(await cw.page.locator('details.esc-override').count()).toBe(0);
    expect(await cw.page.getByRole('button', { name: 'Save the answers' }).count()).toBe(1);
    await cw.context.close();
  }, 60_000);

  it('a save based on a version someone else changed meanwhile is the page again, 412, saying so', async () => {
    const list = await coordinator.request({ method: 'GET', url: '/api/v1/escalations?limit=1' });
    const id = list.body.data[0].id as string;
    const { context, page } = await newPage(browser, app);
    await signIn(page, caseworker);
    await page.goto(`/app/escalations/${id}/questionnaire`);
    // Someone else saves the escalation after the page was opened.
    const read = await coordinator.request({ method: 'GET', url: `/api/v1/escalations/${id}` });
    const changed = await coordinator.request({
      method: 'PATCH',
      url: `/api/v1/escalations/${id}`,
      body: { notes: 'Changed while the questionnaire was open' },
      headers: { 'if-match': `"${read.body.version}"` },
    });
    expect(changed.status).toBe(200);
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/${id}/questionnaire`),
    );
    await page.getByRole('button', { name: 'Save the answers' }).click();
    expect((await answered).status()).toBe(412);
    await expect(page.locator('main').textContent()).resolves.toContain('since you read it');
    await context.close();
  }, 60_000);
});
