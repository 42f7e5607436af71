import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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
import { createUser, type TestUser } from '../support/users';
import { startWorker, type TestWorker } from '../support/worker';

/**
 * Escalations, dossiers and the publication preview in the web app, in a real browser
 * (Debian's chromium) against the real api, PostgreSQL, Redis and worker: starting an
 * escalation from a profile, the workflow buttons (only the steps the role may take), UN
 * dates and the clock, a PDF dossier rendered by the worker whose download link appears
 * without a reload, and the public profile previewed exactly as the public feed shows it.
 */
let app: WebApp;
let browser: Browser;
let worker: TestWorker;
let relay: { relay: (batch?: number) => Promise<number> };
let caseworker: TestUser;
let coordinator: TestUser;
let viewer: TestUser;

const SECRET = {
  contact: 'Marker-Contact-Youssef-7731',
  phone: '+20 100 555 7731',
  note: 'Marker-Confidential-Note-7731',
  story: 'Marker-Internal-Story-7731',
  tag: 'marker-tag-7731',
};

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
  [caseworker, coordinator, viewer] = await Promise.all([
    createUser(app, 'caseworker', 'Carla Caseworker'),
    createUser(app, 'coordinator', 'Chidi Coordinator'),
    createUser(app, 'viewer', 'Vera Viewer'),
  ]);
  // The real worker renders dossiers; only the test relays the outbox, so it knows when.
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

/** A defender set up through the API by a caseworker, with an arrest on the timeline. */
async function mkDefender(
  fullName: string,
  options: { consents?: string[]; extra?: Record<string, unknown>; charges?: string[] } = {},
): Promise<string> {
  const res = await caseworker.request({
    method: 'POST',
    url: '/api/v1/defenders',
    body: {
      fullName,
      country: 'EG',
      nationalities: ['EG'],
      profession: 'Journalist',
      hrdFocus: ['journalist'],
      ...options.extra,
    },
  });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const arrest = await caseworker.request({
    method: 'POST',
    url: `/api/v1/defenders/${id}/events`,
    body: {
      type: 'arrest',
      occurredOn: '2024-03-18',
      place: 'Cairo',
      authority: 'National Security Agency',
      legalBasis: 'Article 80(d) of the Penal Code',
      charges: options.charges ?? ['Spreading false news'],
    },
  });
  expect(arrest.status).toBe(201);
  for (const purpose of options.consents ?? []) await consent(id, purpose);
  return id;
}

async function consent(defenderId: string, purpose: string): Promise<void> {
  const res = await caseworker.request({
    method: 'POST',
    url: `/api/v1/defenders/${defenderId}/consents`,
    body: {
      purpose,
      decision: 'given',
      givenBy: 'defender',
      method: 'written',
      decidedOn: '2026-05-01',
    },
  });
  expect(res.status).toBe(201);
}

async function mkEscalation(defenderId: string, user: TestUser = coordinator): Promise<string> {
  const res = await user.request({
    method: 'POST',
    url: '/api/v1/escalations',
    body: { defenderIds: [defenderId], mechanism: 'wgad', kind: 'wgad_regular' },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** The state badge of the escalation page, once it says `state`. */
async function stateIs(page: Page, state: string): Promise<void> {
  await page.locator('#escalation-state', { hasText: new RegExp(`^${state}$`) }).waitFor();
}

const buttonCount = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).count();

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows: { n: number }[] = await app.db.query(sql, params);
  return rows[0].n;
}

describe('escalations in the browser', () => {
  it('a coordinator moves a WGAD escalation to submitted and downloads the PDF dossier', async () => {
    const amina = await mkDefender('Amina Haddad', { consents: ['un_submission', 'public_un_document'] });
    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);
    await signIn(page, coordinator);

    // Started from the defender's profile: the form at its address.
    await page.goto(`/app/defenders/${amina}/escalations/new`);
    expect(await page.locator('h1').textContent()).toBe('Start an escalation for Amina Haddad');
    await expectAccessible(page, 'new escalation form');
    await page.getByLabel('Kind').selectOption('wgad_regular');
    await page
      .getByLabel('Summary of the case')
      .fill('Arrested at home after reporting on the trial of protesters.');
    await page.getByRole('button', { name: 'Start the escalation' }).click();
    await page.waitForURL(/\/app\/escalations\/[0-9a-f-]{36}\?notice=/);
    const escalationId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('h1').textContent()).toBe('WGAD regular: Amina Haddad');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'started as a draft',
    );
    expect(await page.getByRole('link', { name: 'Amina Haddad' }).getAttribute('href')).toBe(
      `/app/defenders/${amina}`,
    );

    // Draft: only the steps the workflow allows from here, as buttons.
    await stateIs(page, 'Draft');
    expect(await buttonCount(page, 'Send for review')).toBe(1);
    expect(await buttonCount(page, 'Approve')).toBe(0);
    expect(await buttonCount(page, 'Record submission to the UN')).toBe(0);
    await page.getByRole('button', { name: 'Send for review', exact: true }).click();
    await stateIs(page, 'In review');
    expect(await buttonCount(page, 'Send for review')).toBe(0);
    expect(await buttonCount(page, 'Record submission to the UN')).toBe(0);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await stateIs(page, 'Approved');
    expect(await buttonCount(page, 'Approve')).toBe(0);

    // Submitted, with the UN date and reference recorded with the step.
    const submit = page.getByRole('form', { name: 'Record submission to the UN' });
    await submit.getByLabel('Date').fill('2026-06-10');
    await submit.getByLabel('UN reference').fill('WGAD/EGY/2026/31');
    await submit.getByRole('button', { name: 'Record submission to the UN' }).click();
    await stateIs(page, 'Submitted');
    const dates = page.locator('#un-dates');
    await expect(dates.textContent()).resolves.toMatch(/Submitted on\s*2026-06-10/);
    expect(await buttonCount(page, 'Record submission to the UN')).toBe(0);
    expect(await buttonCount(page, 'Approve')).toBe(0);
    await expect(page.locator('h2', { hasText: 'Reply clock' }).count()).resolves.toBe(1);

    // The WGAD transmits it to the government: the 60-day reply clock starts.
    const transmit = page.getByRole('form', { name: 'Record transmission to the government' });
    await transmit.getByLabel('Date').fill('2026-06-14');
    await transmit.getByRole('button', { name: 'Record transmission to the government' }).click();
    await stateIs(page, 'Transmitted to government');
    await expect(dates.textContent()).resolves.toMatch(/Reply due on\s*2026-08-13/);
    await expect(page.locator('.esc-clock').first().textContent()).resolves.toContain(
      "The government's reply is due on 2026-08-13: 59 days left.",
    );
    await expect(page.locator('#un-dates').textContent()).resolves.toContain('WGAD/EGY/2026/31');
    await expectAccessible(page, 'escalation page');

    // A PDF dossier: queued now, rendered by the worker, and its link appears by itself.
    await page.getByLabel('Format').selectOption('pdf');
    await page.getByLabel('Edition').selectOption('submission');
    await page.getByRole('button', { name: 'Request the dossier' }).click();
    // What the WGAD still needs is said in words; it is generated once that is confirmed.
    const missing = page.locator('#dossier-missing');
    await expect(missing.textContent()).resolves.toContain(
      'a category of arbitrary detention, argued',
    );
    await expect(missing.textContent()).resolves.toContain('places of detention');
    await expect(page.locator('#completeness').textContent()).resolves.toContain(
      'the source’s name and contact',
    );
    await page.getByLabel('Format').selectOption('pdf');
    await page
      .getByLabel(/Generate it although something the mechanism requires is missing/)
      .check();
    await page.getByRole('button', { name: 'Request the dossier' }).click();
    await page.waitForURL(/dossierRequested/);
    const status = page.locator('.esc-dossier-status').first();
    await expect(status.getAttribute('data-poll-url')).resolves.toMatch(
      /^\/app\/dossiers\/[0-9a-f-]{36}\/status$/,
    );
    await expect(status.textContent()).resolves.toContain('Queued');
    await page.evaluate('window.__samePage = true');
    expect(await relay.relay()).toBeGreaterThan(0);
    const link = page.getByRole('link', { name: /^Download version 1 \(PDF, English/ });
    await link.waitFor({ timeout: 60_000 });
    // The same document: the status was replaced in place, no reload.
    expect(await page.evaluate('window.__samePage === true')).toBe(true);
    expect(await page.locator('[data-poll-url]').count()).toBe(0);
    await expectAccessible(page, 'escalation page with a dossier');
    await screenshot(page, 'escalation-page');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^WIT-2026-\d{4}-wgad-en-v1\.pdf$/);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Amina Haddad');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'dossier.download' AND actor_id = $1`,
        [coordinator.id],
      ),
    ).toBe(1);
    // The page and the API agree on the state.
    const api = await coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}`,
    });
    expect(api.body).toMatchObject({
      state: 'transmitted_to_government',
      submittedOn: '2026-06-10',
      transmittedOn: '2026-06-14',
      replyDueOn: '2026-08-13',
      unReference: 'WGAD/EGY/2026/31',
    });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('a caseworker sees only the steps a caseworker may take, on a phone too', async () => {
    const omar = await mkDefender('Omar Khalil');
    const id = await mkEscalation(omar);
    const { context, page } = await newPage(browser, app, 'phone');
    const problems = watchConsole(page);
    await signIn(page, caseworker);

    await page.goto('/app/escalations');
    expect(await page.locator('h1').textContent()).toBe('Escalations');
    const row = page.getByRole('link', { name: 'WGAD regular: Omar Khalil' });
    expect(await row.count()).toBe(1);
    // A card per escalation on the phone, each value named, nothing wider than the screen.
    const card = page.locator('table.cards tbody tr').filter({ has: row });
    await expect(card.locator('td[data-label="State"]').innerText()).resolves.toMatch(/\S/);
    await expect(
      page.evaluate('document.documentElement.scrollWidth'),
    ).resolves.toBeLessThanOrEqual(375);
    await expectAccessible(page, 'escalations list, phone');
    await screenshot(page, 'escalations-list');
    // Filters: the state the API filters on.
    await page.getByLabel('Workflow state').selectOption('submitted');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/state=submitted/);
    expect(await page.getByRole('link', { name: 'WGAD regular: Omar Khalil' }).count()).toBe(0);
    await page.getByLabel('Workflow state').selectOption('draft');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/state=draft/);
    await page.getByRole('link', { name: 'WGAD regular: Omar Khalil' }).click();
    await page.waitForURL(`**/app/escalations/${id}`);

    await stateIs(page, 'Draft');
    expect(await buttonCount(page, 'Send for review')).toBe(1);
    // Withdrawing and everything after review are the coordinators' to decide.
    expect(await buttonCount(page, 'Withdraw the escalation')).toBe(0);
    expect(await buttonCount(page, 'Approve')).toBe(0);
    await page.getByRole('button', { name: 'Send for review', exact: true }).click();
    await stateIs(page, 'In review');
    expect(await buttonCount(page, 'Return to draft')).toBe(1);
    expect(await buttonCount(page, 'Approve')).toBe(0);
    expect(await buttonCount(page, 'Withdraw the escalation')).toBe(0);
    // The page fits a 375 px screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'escalation page, caseworker, phone');

    // A coordinator, on the same escalation, is offered the decisions.
    const other = await newPage(browser, app, 'phone');
    await signIn(other.page, coordinator);
    await other.page.goto(`/app/escalations/${id}`);
    await stateIs(other.page, 'In review');
    expect(await buttonCount(other.page, 'Approve')).toBe(1);
    expect(await buttonCount(other.page, 'Return to draft')).toBe(1);
    expect(await other.page.getByRole('button', { name: /^Withdraw/ }).count()).toBe(1);
    expect(await other.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      375,
    );
    await expectAccessible(other.page, 'escalation page, coordinator, phone');
    // The defender's escalations, from the profile's link.
    await other.page.goto(`/app/escalations?defenderId=${omar}`);
    expect(await other.page.locator('h1').textContent()).toBe('Escalations concerning Omar Khalil');
    expect(await other.page.getByRole('link', { name: /^WGAD regular: / }).count()).toBe(1);
    await other.context.close();
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('the publication preview shows exactly what the public feed shows, and nothing sensitive', async () => {
    const leila = await mkDefender('Leila Mansour', {
      extra: {
        contacts: [{ name: SECRET.contact, relation: 'lawyer', phone: SECRET.phone }],
        confidentialNotes: SECRET.note,
        story: SECRET.story,
        tags: [SECRET.tag],
        summary: 'Internal summary, not for the public.',
      },
      charges: ['Spreading false news', 'Joining a banned group'],
    });
    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);
    await signIn(page, coordinator);
    await page.goto(`/app/defenders/${leila}/publication`);
    expect(await page.locator('h1').textContent()).toBe('Public profile of Leila Mansour');
    await expect(page.locator('#publication-consents').textContent()).resolves.toMatch(
      /Public profile\s*Not recorded/,
    );

    // Featuring without the public_profile consent is refused, plainly; nothing is saved.
    await page.getByLabel('Public summary').fill('A journalist detained for her reporting.');
    await page.getByLabel('Public story').fill('I wrote about the trials. Then they came for me.');
    await page.getByLabel(/Arrest: Spreading false news/).check();
    await page.getByRole('button', { name: 'Save and feature on the public feed' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The profile was not featured' });
    await expect(refusal.textContent()).resolves.toContain('public_profile');
    expect(
      await count(`SELECT count(*)::int AS n FROM publications WHERE defender_id = $1`, [leila]),
    ).toBe(0);
    // The form kept what was written.
    expect(await page.getByLabel('Public summary').inputValue()).toBe(
      'A journalist detained for her reporting.',
    );

    // Saved without featuring: the preview appears, not live.
    await page.getByRole('button', { name: 'Save without featuring' }).click();
    await page.waitForURL(/notice=publication\.notices\.notFeatured/);
    await expect(
      page.locator('#public-preview [data-field="publicSummary"]').textContent(),
    ).resolves.toBe('A journalist detained for her reporting.');
    await expect(page.locator('#publication-state').textContent()).resolves.toContain(
      'Not featured',
    );

    // With the consent recorded, the coordinator features it.
    await consent(leila, 'public_profile');
    await page.reload();
    await expect(page.locator('#publication-consents').textContent()).resolves.toMatch(
      /Public profile\s*Given/,
    );
    await page.getByRole('button', { name: 'Save and feature on the public feed' }).click();
    await page.waitForURL(/notice=publication\.notices\.featured/);
    await expect(page.locator('#publication-state').textContent()).resolves.toContain(
      'On the public feed',
    );

    // The public feed's own answer, field by field, against the preview.
    const pub = await app.request({
      method: 'GET',
      url: `/api/v1/defenders/${leila}/publication`,
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    expect(pub.status).toBe(200);
    const feed = await app.request({
      method: 'GET',
      url: `/public/v1/defenders/${pub.body.slug as string}`,
    });
    expect(feed.status).toBe(200);
    const profile = feed.body as Record<string, unknown> & {
      charges: { date: string; type: string; charges: string[]; legalBasis: string }[];
      solidarityActions: unknown[];
      focus: string[];
    };
    const preview = page.locator('#public-preview');
    const shown: string[] = [];
    for (const el of await preview.locator('[data-field]').all()) {
      shown.push((await el.getAttribute('data-field')) ?? '');
    }
    expect(shown.sort()).toEqual(Object.keys(profile).sort());
    const field = (name: string) =>
      preview
        .locator(`[data-field="${name}"]`)
        .textContent()
        .then((t) => (t ?? '').trim());
    for (const key of ['displayName', 'slug', 'country', 'publicSummary', 'publicStory']) {
      expect(await field(key)).toBe(profile[key]);
    }
    expect(profile).toMatchObject({
      status: 'detained',
      detainedSince: '2024-03-18',
      focus: ['journalist'],
      photo: null,
      solidarityActions: [],
    });
    expect(await field('status')).toBe('Detained');
    expect(await field('detainedSince')).toBe(profile.detainedSince);
    expect(await field('daysDetained')).toBe(String(profile.daysDetained));
    expect(await field('focus')).toBe('Journalist');
    expect(await field('photo')).toBe('No photo');
    expect(await field('solidarityActions')).toBe('No public solidarity action');
    expect(profile.charges).toEqual([
      {
        date: '2024-03-18',
        type: 'arrest',
        charges: ['Spreading false news', 'Joining a banned group'],
        legalBasis: 'Article 80(d) of the Penal Code',
      },
    ]);
    const charges = await field('charges');
    expect(charges).toContain('2024-03-18, Arrest');
    expect(charges).toContain('Spreading false news; Joining a banned group');
    expect(charges).toContain('Article 80(d) of the Penal Code');

    // Nothing sensitive anywhere on the page.
    const html = await page.content();
    for (const marker of Object.values(SECRET)) expect(html).not.toContain(marker);
    expect(html).not.toContain('Internal summary, not for the public.');
    await expectAccessible(page, 'publication preview');
    await screenshot(page, 'publication-preview');

    // Unpublished: the feed forgets it at once.
    await page.getByRole('button', { name: 'Save and unpublish' }).click();
    await page.waitForURL(/notice=publication\.notices\.notFeatured/);
    const gone = await app.request({
      method: 'GET',
      url: `/public/v1/defenders/${pub.body.slug as string}`,
    });
    expect(gone.status).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('server-side checks (a real session cookie, HTTP only)', () => {
  const form = (fields: Record<string, string | string[]>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
    return q.toString();
  };

  /** Sign in over HTTP as the browser does; the session cookie and the page's CSRF token. */
  async function webSession(user: TestUser): Promise<{ cookie: string; csrf: string }> {
    const login = await app.app.inject({ method: 'GET', url: '/app/login' });
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(login.body)![1];
    const res = await app.app.inject({
      method: 'POST',
      url: '/app/login',
      headers: {
        cookie: `witness_login_csrf=${loginCsrf}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: loginCsrf, email: user.email, password: user.password, next: '/app' }),
    });
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers['set-cookie']).match(/witness_session=([^;]+)/)![0];
    const home = await app.app.inject({
      method: 'GET',
      url: '/app/escalations',
      headers: { cookie },
    });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.body)![1];
    return { cookie, csrf };
  }

  type Session = { cookie: string; csrf: string };
  const get = (s: Session, url: string) =>
    app.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const post = (s: Session, url: string, fields: Record<string, string | string[]>) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: s.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form(fields),
    });

  let defenderId: string;
  let escalationId: string;
  let asViewer: Session;
  let asCaseworker: Session;
  let asCoordinator: Session;
  const escalations = () =>
    count(`SELECT count(*)::int AS n FROM escalation_defenders WHERE defender_id = $1`, [
      defenderId,
    ]);

  beforeAll(async () => {
    defenderId = await mkDefender('Samir Nasser', { consents: ['un_submission', 'public_un_document'] });
    escalationId = await mkEscalation(defenderId);
    [asViewer, asCaseworker, asCoordinator] = await Promise.all([
      webSession(viewer),
      webSession(caseworker),
      webSession(coordinator),
    ]);
  });

  it('the wrong role gets a 403 page and nothing is written', async () => {
    const before = await escalations();
    const form403 = await get(asViewer, `/app/defenders/${defenderId}/escalations/new`);
    expect(form403.statusCode).toBe(403);
    expect(form403.headers['content-type']).toMatch(/text\/html/);
    expect(form403.body).toContain('Not allowed');

    const create = await post(asViewer, `/app/defenders/${defenderId}/escalations/new`, {
      _csrf: asViewer.csrf,
      kind: 'wgad_regular',
    });
    expect(create.statusCode).toBe(403);
    expect(create.body).toContain('<h1>Not allowed</h1>');
    expect(await escalations()).toBe(before);

    // Viewers read escalations but take no step and request no dossier.
    const page = await get(asViewer, `/app/escalations/${escalationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('action="/app/escalations/' + escalationId + '/transition"');
    expect(page.body).not.toContain('Request the dossier');
    const step = await post(asViewer, `/app/escalations/${escalationId}/transition`, {
      _csrf: asViewer.csrf,
      to: 'in_review',
    });
    expect(step.statusCode).toBe(403);
    const dossier = await post(asViewer, `/app/escalations/${escalationId}/dossiers`, {
      _csrf: asViewer.csrf,
      language: 'en',
      format: 'html',
      edition: 'public',
    });
    expect(dossier.statusCode).toBe(403);
    expect(
      await count(`SELECT count(*)::int AS n FROM dossiers WHERE escalation_id = $1`, [
        escalationId,
      ]),
    ).toBe(0);

    // A caseworker may not approve (the domain's workflow says so), nor publish.
    const approve = await post(asCaseworker, `/app/escalations/${escalationId}/transition`, {
      _csrf: asCaseworker.csrf,
      to: 'withdrawn',
    });
    expect(approve.statusCode).toBe(403);
    expect(approve.body).toContain('coordinators and admins decide');
    const publish = await post(asCaseworker, `/app/defenders/${defenderId}/publication`, {
      _csrf: asCaseworker.csrf,
      featured: 'false',
      publicSummary: 'Should not be saved.',
    });
    expect(publish.statusCode).toBe(403);
    expect(
      await count(`SELECT count(*)::int AS n FROM publications WHERE defender_id = $1`, [
        defenderId,
      ]),
    ).toBe(0);
    const state = await coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}`,
    });
    expect(state.body.state).toBe('draft');
  });

  it('bad ids get a 4xx page, never a 500', async () => {
    const missing = randomUUID();
    const cases: [Session, string, number][] = [
      [asCoordinator, '/app/escalations/not-a-uuid', 400],
      [asCoordinator, `/app/escalations/${missing}`, 404],
      [asCoordinator, `/app/dossiers/${missing}/status`, 404],
      [asCoordinator, '/app/dossiers/nope/status', 400],
      [asCoordinator, `/app/dossiers/${missing}/download?format=pdf`, 404],
      [asCoordinator, '/app/dossiers/nope/download', 400],
      [asCoordinator, `/app/defenders/${missing}/publication`, 404],
      [asCoordinator, '/app/defenders/x/publication', 400],
      [asCaseworker, `/app/defenders/${missing}/escalations/new`, 404],
      [asCoordinator, '/app/escalations?state=NOT%20A%20STATE', 400],
      [asCoordinator, '/app/escalations?cursor=garbage', 400],
    ];
    for (const [session, url, status] of cases) {
      const res = await get(session, url);
      expect({ url, status: res.statusCode }).toEqual({ url, status });
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
    const step = await post(asCoordinator, `/app/escalations/${missing}/transition`, {
      _csrf: asCoordinator.csrf,
      to: 'in_review',
    });
    expect(step.statusCode).toBe(404);
    // A filter the API refuses is named next to its field.
    const filtered = await get(asCoordinator, '/app/escalations?state=NOT%20A%20STATE');
    expect(filtered.body).toMatch(/id="f-state-error">Choose [^<]+ from the list</);
  });

  it('a missing or wrong CSRF token gets a 403 and nothing is written', async () => {
    const before = await escalations();
    const missing = await post(asCaseworker, `/app/defenders/${defenderId}/escalations/new`, {
      kind: 'wgad_regular',
    });
    expect(missing.statusCode).toBe(403);
    const wrong = await post(asCaseworker, `/app/defenders/${defenderId}/escalations/new`, {
      _csrf: asCoordinator.csrf,
      kind: 'wgad_regular',
    });
    expect(wrong.statusCode).toBe(403);
    const step = await post(asCoordinator, `/app/escalations/${escalationId}/transition`, {
      to: 'in_review',
    });
    expect(step.statusCode).toBe(403);
    const publish = await post(asCoordinator, `/app/defenders/${defenderId}/publication`, {
      _csrf: 'x'.repeat(43),
      featured: 'false',
      publicSummary: 'Should not be saved.',
    });
    expect(publish.statusCode).toBe(403);
    expect(await escalations()).toBe(before);
    expect(
      await count(`SELECT count(*)::int AS n FROM publications WHERE defender_id = $1`, [
        defenderId,
      ]),
    ).toBe(0);
    const state = await coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}`,
    });
    expect(state.body.state).toBe('draft');
  });

  it('validation errors are shown next to their field; a stale version shows the conflict', async () => {
    const before = await escalations();
    const bad = await post(asCaseworker, `/app/defenders/${defenderId}/escalations/new`, {
      _csrf: asCaseworker.csrf,
      kind: 'not_a_kind',
      hrcSession: 'x'.repeat(101),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="f-kind-error">Choose [^<]+ from the list</);
    expect(bad.body).toMatch(/id="f-hrcSession-error">[^<]+ must be 100 characters or fewer</);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(await escalations()).toBe(before);

    // A regional communication goes to one of several bodies: the mechanism is needed.
    const noMechanism = await post(asCaseworker, `/app/defenders/${defenderId}/escalations/new`, {
      _csrf: asCaseworker.csrf,
      kind: 'regional_communication',
    });
    expect(noMechanism.statusCode).toBe(400);
    expect(noMechanism.body).toMatch(/id="f-mechanism-error">Choose [^<]+ from the list</);

    // A step dated in the future: named in that step's form.
    const future = await post(asCoordinator, `/app/escalations/${escalationId}/transition`, {
      _csrf: asCoordinator.csrf,
      to: 'withdrawn',
      date: '2027-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toMatch(/id="f-withdrawn-date-error">Date must not be in the future</);

    // A step the workflow does not allow from here (say, a stale page): said on the page.
    const illegal = await post(asCoordinator, `/app/escalations/${escalationId}/transition`, {
      _csrf: asCoordinator.csrf,
      to: 'approved',
    });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.body).toContain('The step was not taken.');
    expect(illegal.body).toContain(
      'This escalation cannot go from Draft to Approved; it can go to: In review, Withdrawn.',
    );
    expect(illegal.body).not.toContain('Allowed: in_review');

    // A submission dossier without the defender's consent to a UN submission: refused, said.
    const noConsent = await mkEscalation(await mkDefender('Nadia Farouk'));
    const refused = await post(asCaseworker, `/app/escalations/${noConsent}/dossiers`, {
      _csrf: asCaseworker.csrf,
      language: 'en',
      format: 'pdf',
      edition: 'submission',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('A UN submission needs the consent of every defender');
    expect(
      await count(`SELECT count(*)::int AS n FROM dossiers WHERE escalation_id = $1`, [noConsent]),
    ).toBe(0);

    // A bad dossier request: named next to its field.
    const dossier = await post(asCaseworker, `/app/escalations/${escalationId}/dossiers`, {
      _csrf: asCaseworker.csrf,
      language: 'de',
      format: 'pdf',
      edition: 'submission',
    });
    expect(dossier.statusCode).toBe(400);
    expect(dossier.body).toMatch(/id="f-language-error">Choose a language from the list</);

    // Two people edit the details: the second, with the version it read, gets the conflict.
    const read = await coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}`,
    });
    const version = String(read.body.version);
    const first = await post(asCoordinator, `/app/escalations/${escalationId}/edit`, {
      _csrf: asCoordinator.csrf,
      version,
      unReference: 'WGAD/EGY/2026/40',
      extensionDays: '0',
      partnersShown: '1',
    });
    expect(first.statusCode).toBe(303);
    const second = await post(asCaseworker, `/app/escalations/${escalationId}/edit`, {
      _csrf: asCaseworker.csrf,
      version,
      unReference: 'WGAD/EGY/2026/99',
      extensionDays: '0',
      partnersShown: '1',
    });
    expect(second.statusCode).toBe(412);
    expect(second.body).toContain('Someone else saved this escalation first');
    expect(second.body).toContain(`href="/app/escalations/${escalationId}"`);
    // The page shows what was saved, and keeps the refused value in the form.
    expect(second.body).toContain('WGAD/EGY/2026/40');
    expect(second.body).toContain('value="WGAD/EGY/2026/99"');
    const after = await coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}`,
    });
    expect(after.body.unReference).toBe('WGAD/EGY/2026/40');

    // An extension past the configured maximum: named next to the field.
    const tooLong = await post(asCoordinator, `/app/escalations/${escalationId}/edit`, {
      _csrf: asCoordinator.csrf,
      version: String(after.body.version),
      extensionDays: '45',
      partnersShown: '1',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toMatch(/id="f-extensionDays-error">[^<]+ must be at most 30 days</);

    // The publication: no summary is a field error; a stale version a conflict.
    const noSummary = await post(asCoordinator, `/app/defenders/${defenderId}/publication`, {
      _csrf: asCoordinator.csrf,
      featured: 'false',
      chargesShown: '1',
    });
    expect(noSummary.statusCode).toBe(400);
    expect(noSummary.body).toMatch(/id="f-publicSummary-error">Public summary is required/);
    const created = await post(asCoordinator, `/app/defenders/${defenderId}/publication`, {
      _csrf: asCoordinator.csrf,
      featured: 'false',
      publicSummary: 'A lawyer detained for defending protesters.',
      photoUrl: 'not a url',
      photoAlt: 'A portrait',
    });
    expect(created.statusCode).toBe(400);
    expect(created.body).toMatch(
      /id="f-photoUrl-error">Enter [^<]+ as a web address starting with https:\/\/</,
    );
    const saved = await post(asCoordinator, `/app/defenders/${defenderId}/publication`, {
      _csrf: asCoordinator.csrf,
      featured: 'false',
      publicSummary: 'A lawyer detained for defending protesters.',
    });
    expect(saved.statusCode).toBe(303);
    const stale = await post(asCoordinator, `/app/defenders/${defenderId}/publication`, {
      _csrf: asCoordinator.csrf,
      featured: 'false',
      version: '0',
      publicSummary: 'Changed without reading.',
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.body).toContain('Someone else saved this publication first');
    // Creating again without a version never overwrites.
    const again = await post(asCoordinator, `/app/defenders/${defenderId}/publication`, {
      _csrf: asCoordinator.csrf,
      featured: 'false',
      publicSummary: 'Overwrite attempt.',
    });
    expect(again.statusCode).toBe(412);
    const pub = await coordinator.request({
      method: 'GET',
      url: `/api/v1/defenders/${defenderId}/publication`,
    });
    expect(pub.body.publicSummary).toBe('A lawyer detained for defending protesters.');
  });
});
