import type { Browser, BrowserContext } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  startWebApp,
  watchConsole,
  type WebApp,
} from '../support/browser';
import { createUser, type TestUser } from '../support/users';

jest.setTimeout(180_000);

const NOW = '2026-06-15T10:00:00Z';

/**
 * What the domain words itself (derived milestones' titles, today's date) reaches French and
 * Spanish pages in their language: the domain keeps a message key and parameters, the page
 * translates; the English wording stays in `title` for the API, emails and feeds.
 */
describe('web app: the domain’s words in the page’s language', () => {
  let app: WebApp;
  let browser: Browser;
  let caseworker: TestUser;
  let defenderId: string;
  const contexts: BrowserContext[] = [];

  const pageIn = async (locale: string) => {
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 860 },
      locale,
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto('/app/login');
    await page.locator('input[name="email"]').fill(caseworker.email);
    await page.locator('input[name="password"]').fill(caseworker.password);
    await page.locator('form[action="/app/login"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
    return { page, problems };
  };

  beforeAll(async () => {
    app = await startWebApp({ now: NOW });
    browser = await launchBrowser();
    const coordinator = await createUser(app, 'coordinator', 'Cora Words');
    caseworker = await createUser(app, 'caseworker', 'Camille Mots');
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Omar Mots', country: 'EG' },
    });
    expect(created.status).toBe(201);
    defenderId = created.body.id as string;
    const assign = await coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${defenderId}/assignees`,
      body: { userId: caseworker.id },
    });
    expect(assign.status).toBeLessThan(300);
    for (const body of [
      { type: 'arrest', occurredOn: '2025-03-10' },
      { type: 'hearing', occurredOn: '2026-06-25', place: 'Cairo Criminal Court' },
    ]) {
      const res = await coordinator.request({
        method: 'POST',
        url: `/api/v1/defenders/${defenderId}/events`,
        body,
      });
      expect(res.status).toBe(201);
    }
    const consent = await coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${defenderId}/consents`,
      body: {
        purpose: 'public_profile',
        decision: 'given',
        givenBy: 'defender',
        method: 'written',
        decidedOn: '2026-06-15',
        expiresOn: '2026-12-31',
      },
    });
    expect(consent.status).toBe(201);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  /** The English titles the domain stores, to be sure they are what a French page must not show. */
  const ENGLISH = [
    'Profile review',
    'Hearing at Cairo Criminal Court',
    '2 years in detention',
    'Consent review: public profile',
  ];

  it('the API keeps the English title and a message key with parameters', async () => {
    const res = await caseworker.request({
      method: 'GET',
      url: `/api/v1/defenders/${defenderId}/milestones`,
    });
    expect(res.status).toBe(200);
    const titles = (res.body.data as { title: string }[]).map((m) => m.title).sort();
    expect(titles).toEqual([...ENGLISH].sort());
    const hearing = (res.body.data as { kind: string; titleMessage: unknown }[]).find(
      (m) => m.kind === 'hearing',
    );
    expect(hearing?.titleMessage).toEqual({
      key: 'event',
      params: { type: 'hearing', place: 'Cairo Criminal Court' },
    });
  });

  it('the milestone list in French shows no English title', async () => {
    const { page, problems } = await pageIn('fr-FR');
    await page.goto('/app/milestones');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    const list = await page.locator('main').innerText();
    for (const english of ENGLISH) expect(list).not.toContain(english);
    expect(list).toContain('Revue du profil');
    expect(list).toContain('Audience à Cairo Criminal Court');
    expect(list).toContain('2 ans de détention');
    expect(list).toContain('Revue du consentement\u00a0: Profil public');
    await expectAccessible(page, 'milestones in French');

    // The case's page and a milestone's own page too.
    await page.goto(`/app/defenders/${defenderId}`);
    const profile = await page.locator('#milestones').innerText();
    for (const english of ENGLISH) expect(profile).not.toContain(english);
    expect(profile).toContain('Revue du profil');
    await page.goto('/app/milestones');
    await page.getByRole('link', { name: '2 ans de détention' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('2 ans de détention');
    await expect(page.title()).resolves.toContain('2 ans de détention');
    expect(problems).toEqual([]);
  });

  it('in Spanish, My work says today’s date as Spanish does, and the titles in Spanish', async () => {
    const { page, problems } = await pageIn('es-ES');
    await page.goto('/app');
    const main = await page.locator('main').innerText();
    expect(main).toContain('15 jun 2026');
    expect(main).not.toContain('2026-06-15');
    expect(main).toContain('Audiencia en Cairo Criminal Court');
    expect(main).not.toContain('Hearing at');
    expect(problems).toEqual([]);
  });

  it('the main navigation names the page its first link opens, in each language', async () => {
    for (const [locale, name] of [
      ['en-GB', 'My work'],
      ['fr-FR', 'Mon travail'],
      ['es-ES', 'Mi trabajo'],
    ]) {
      const { page } = await pageIn(locale);
      await page.goto('/app/milestones');
      const nav = page.getByRole('navigation').first();
      await nav.getByRole('link', { name, exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/app');
      await expect(page.locator('h1').innerText()).resolves.toBe(name);
      await expect(
        nav.getByRole('link', { name, exact: true }).getAttribute('aria-current'),
      ).resolves.toBe('page');
    }
  });

  it('a check the domain makes is a French sentence on a French page', async () => {
    const { page } = await pageIn('fr-FR');
    await page.goto('/app/defenders/new');
    await page.locator('input[name="fullName"]').fill('Futur Lointain');
    await page.locator('select[name="country"]').selectOption('EG');
    await page.locator('input[name="birthYear"]').fill('2031');
    await page.locator('form button[type="submit"]').last().click();
    const error = await page.locator('#f-birthYear-error').innerText();
    expect(error).toMatch(/ne peut pas être dans le futur$/);
    expect(error).not.toContain('must not');
  });
});

