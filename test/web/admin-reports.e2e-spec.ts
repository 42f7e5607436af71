import { readFileSync } from 'node:fs';
import { INDICATOR_NAMES, totpAt, UsersService } from '@witness/domain';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  startWebApp,
  watchConsole,
  webSession as signInOverHttp,
  type WebApp,
} from '../support/browser';
import { createUser, TEST_PASSWORD, type TestUser } from '../support/users';
import { pick } from '../support/picker';

/**
 * Admin (users, audit trail) and the indicators report in the web app: real api, real
 * PostgreSQL and Redis, Debian's chromium. The behaviour under test goes through the
 * browser; the data it reads is set up through the API.
 */
let app: WebApp;
let browser: Browser;
let admin: TestUser;
let coordinator: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
  admin = await createUser(app, 'admin', 'Ada Admin');
  coordinator = await createUser(app, 'coordinator', 'Chidi Coordinator');
  viewer = await createUser(app, 'viewer', 'Vera Viewer');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

const webSession = (user: TestUser) => signInOverHttp(app, user);

/** Accept the page's "are you sure?" (form[data-confirm]) once, as a person clicking OK. */
function acceptNextConfirm(page: Page): void {
  page.once('dialog', (dialog) => void dialog.accept());
}

/** The facts list (dl.facts) of a page as { term: definition }. */
async function facts(page: Page): Promise<Record<string, string>> {
  const terms = await page.locator('dl.facts dt').allTextContents();
  const defs = await page.locator('dl.facts dd').allTextContents();
  return Object.fromEntries(terms.map((t, i) => [t.trim(), defs[i].trim()]));
}

describe('admin: users and the audit trail', () => {
  it('an admin creates a user, changes their role, deactivates them and resets a second factor; the audit trail shows it', async () => {
    const users = app.app.get(UsersService);
    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);
    await signIn(page, admin);

    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/app/admin/users');
    expect(await page.locator('h1').textContent()).toBe('Users');
    const row = page.locator('tbody tr', { hasText: coordinator.email });
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      coordinator.email,
      'Coordinator',
      'Active',
      'Off',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    await expectAccessible(page, 'users list');
    await screenshot(page, 'admin-users');

    // A weak password: the policy's message next to the field, nothing created.
    await page.getByRole('link', { name: 'Add a user' }).click();
    const email = 'amina.okafor@example.org';
    await page.getByLabel('Name').fill('Amina Okafor');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Role').selectOption('caseworker');
    await page.getByLabel('Initial password').fill('password1234');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect(page.locator('#f-password-error').textContent()).resolves.toContain(
      'too easy to guess',
    );
    await expect(page.getByLabel('Initial password').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    expect(await page.getByLabel('Name').inputValue()).toBe('Amina Okafor');
    expect(await page.getByLabel('Initial password').inputValue()).toBe('');
    expect((await users.list()).some((u) => u.email === email)).toBe(false);
    await expectAccessible(page, 'new user form with an error');

    // A good one: created, and shown.
    await page.getByLabel('Initial password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL(/\/app\/admin\/users\/[0-9a-f-]{36}\?notice=created/);
    const amina = (await users.list()).find((u) => u.email === email)!;
    expect(amina).toMatchObject({ name: 'Amina Okafor', role: 'caseworker', active: true });
    expect(await page.locator('h1').textContent()).toBe('Amina Okafor');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Created');
    expect(await facts(page)).toMatchObject({ Role: 'Caseworker', Status: 'Active' });
    await expectAccessible(page, 'user page');

    // Amina signs in, in her own browser.
    const other = await newPage(browser, app);
    await signIn(other.page, { email, password: TEST_PASSWORD });
    expect(await other.page.locator('h1').textContent()).toBe('My work');
    await page.reload();
    expect((await facts(page))['Last sign-in']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);

    // Her role changes (her sessions end: she signs in again with the new role).
    await page.getByLabel('New role').selectOption('coordinator');
    acceptNextConfirm(page);
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.waitForURL(/notice=admin\.notices\.roleChanged/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Role changed');
    expect((await facts(page)).Role).toBe('Coordinator');
    expect((await users.get(amina.id)).role).toBe('coordinator');
    await other.page.reload();
    expect(new URL(other.page.url()).pathname).toBe('/app/login');
    await signIn(other.page, { email, password: TEST_PASSWORD });
    expect(await other.page.locator('.account .role').textContent()).toContain('Coordinator');

    // Deactivated: her open session stops working at once.
    acceptNextConfirm(page);
    await page.getByRole('button', { name: 'Deactivate this account' }).click();
    await page.waitForURL(/notice=admin\.notices\.deactivated/);
    expect((await facts(page)).Status).toBe('Deactivated');
    expect(await page.getByRole('button', { name: 'Deactivate this account' }).count()).toBe(0);
    await other.page.goto('/app/reports');
    const signInUrl = new URL(other.page.url());
    expect(signInUrl.pathname).toBe('/app/login');
    expect(signInUrl.searchParams.get('next')).toBe('/app/reports');
    // ... and she cannot sign in again.
    await other.page.getByLabel('Email').fill(email);
    await other.page.getByLabel('Password').fill(TEST_PASSWORD);
    await other.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(other.page.getByRole('alert').first().textContent()).resolves.toContain(
      'The email, password or code is not right',
    );
    expect(new URL(other.page.url()).pathname).toBe('/app/login');
    await other.context.close();

    // A caseworker who lost their phone: the admin resets the second factor.
    const bola = await createUser(app, 'caseworker', 'Bola Caseworker');
    const enrol = await bola.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' });
    expect(enrol.status).toBe(200);
    const confirm = await bola.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/confirm',
      body: { totp: totpAt(enrol.body.secret as string, app.clock.now()) },
    });
    expect(confirm.status).toBe(200);
    await page.goto('/app/admin/users');
    await page.getByRole('link', { name: 'Bola Caseworker' }).click();
    expect((await facts(page))['Second factor']).toBe('On');
    acceptNextConfirm(page);
    await page.getByRole('button', { name: 'Reset second factor' }).click();
    await page.waitForURL(/notice=admin\.notices\.mfaReset/);
    expect((await facts(page))['Second factor']).toBe('Off');
    expect((await users.get(bola.id)).mfaEnabled).toBe(false);
    // Her sessions ended with it.
    expect((await bola.request({ method: 'GET', url: '/api/v1/auth/me' })).status).toBe(401);

    // The audit trail shows each of these, newest first, with the changes readable.
    await page.getByRole('link', { name: 'Audit trail', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/app/admin/audit');
    await page.getByLabel('Kind of record').fill('user');
    await pick(page, 'Who', 'ada', /^Ada Admin/);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/entityType=user/);
    const rows = page.locator('table.audit tbody tr');
    // (Her own sign-ins are on user records too; the admin's changes are these.)
    const actions = (await rows.locator('td:nth-child(3) code').allTextContents())
      .map((s) => s.trim())
      .filter((a) => a.startsWith('user.'));
    expect(actions).toEqual(['user.mfa_reset', 'user.deactivate', 'user.update', 'user.create']);
    const update = rows.filter({ hasText: 'user.update' });
    await expect(update.textContent()).resolves.toContain('caseworker → coordinator');
    await expect(update.textContent()).resolves.toContain('Amina Okafor');
    const created = rows.filter({ hasText: 'user.create' });
    await expect(created.textContent()).resolves.toContain(`(none) → ${email}`);
    expect(await created.textContent()).not.toContain(TEST_PASSWORD);
    for (const who of await rows.locator('td:nth-child(2)').allTextContents()) {
      expect(who).toContain('Ada Admin');
    }
    await expectAccessible(page, 'audit trail');
    await screenshot(page, 'audit-trail');

    // A user's own trail, from their page: Amina's sign-ins are there too.
    await page.goto(`/app/admin/users/${amina.id}`);
    await page.getByRole('link', { name: 'Audit trail of the account of Amina Okafor' }).click();
    const own = await page.locator('table.audit tbody td:nth-child(3) code').allTextContents();
    expect(own).toEqual(
      expect.arrayContaining(['auth.login', 'user.create', 'user.update', 'user.deactivate']),
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('pages the audit trail with a cursor, newest first, keeping the filters', async () => {
    const { cookie } = await webSession(admin);
    const get = (url: string) => app.app.inject({ method: 'GET', url, headers: { cookie } });
    const ids = (body: string) =>
      [...body.matchAll(/<td>(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC)<\/td>/g)].map((m) => m[1]);
    const first = await get('/app/admin/audit?entityType=user&limit=2');
    expect(first.statusCode).toBe(200);
    expect(ids(first.body)).toHaveLength(2);
    expect(first.body).not.toContain('First page');
    const next = /<a href="([^"]+)" rel="next">/
      .exec(first.body)![1]
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    expect(next).toMatch(/entityType=user/);
    expect(next).toMatch(/limit=2/);
    expect(next).toMatch(/cursor=/);
    const second = await get(next);
    expect(second.statusCode).toBe(200);
    expect(ids(second.body)).toHaveLength(2);
    expect(second.body).toContain('First page');
    // Together, the two pages are the API's first four events, in its order (newest first).
    const api = await admin.request({
      method: 'GET',
      url: '/api/v1/audit?entityType=user&limit=4',
    });
    const actions = (body: string) =>
      [...body.matchAll(/<code>([a-z_.]+)<\/code>/g)].map((m) => m[1]);
    expect([...actions(first.body), ...actions(second.body)]).toEqual(
      (api.body.data as { action: string }[]).map((e) => e.action),
    );
  });

  it('is for admins only: a coordinator gets the 403 page, and no Admin link', async () => {
    const { context, page } = await newPage(browser, app);
    await signIn(page, coordinator);
    expect(await page.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
    const res = await page.goto('/app/admin/users');
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Not allowed');
    await context.close();

    const { cookie, csrf } = await webSession(coordinator);
    for (const url of [
      '/app/admin/users',
      '/app/admin/users/new',
      `/app/admin/users/${admin.id}`,
      '/app/admin/audit',
    ]) {
      const get = await app.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(get.statusCode).toBe(403);
      expect(get.headers['content-type']).toMatch(/text\/html/);
    }
    const post = await app.app.inject({
      method: 'POST',
      url: `/app/admin/users/${viewer.id}/deactivate`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrf }),
    });
    expect(post.statusCode).toBe(403);
    expect((await app.app.get(UsersService).get(viewer.id)).active).toBe(true);
  });

  it('refuses every form without the right CSRF token, and writes nothing', async () => {
    const users = app.app.get(UsersService);
    const target = await createUser(app, 'viewer', 'Csrf Target');
    const { cookie, csrf } = await webSession(admin);
    const post = (url: string, fields: Record<string, string>) =>
      app.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form(fields),
      });
    const newUser = {
      name: 'Forged User',
      email: 'forged@example.org',
      role: 'admin',
      password: TEST_PASSWORD,
    };
    for (const token of [undefined, 'x'.repeat(csrf.length), csrf.slice(1)]) {
      const extra: Record<string, string> = token === undefined ? {} : { _csrf: token };
      const attempts = [
        await post('/app/admin/users/new', { ...newUser, ...extra }),
        await post(`/app/admin/users/${target.id}/role`, { role: 'admin', ...extra }),
        await post(`/app/admin/users/${target.id}/details`, {
          name: 'Forged',
          timeZone: 'UTC',
          ...extra,
        }),
        await post(`/app/admin/users/${target.id}/deactivate`, extra),
        await post(`/app/admin/users/${target.id}/reset-mfa`, extra),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-type']).toMatch(/text\/html/);
      }
    }
    expect((await users.list()).some((u) => u.email === newUser.email)).toBe(false);
    expect(await users.get(target.id)).toMatchObject({
      name: 'Csrf Target',
      role: 'viewer',
      active: true,
      version: target.version,
    });
    // With the token, the same form works.
    const ok = await post(`/app/admin/users/${target.id}/details`, {
      _csrf: csrf,
      name: 'Renamed Target',
      timeZone: 'Africa/Nairobi',
    });
    expect(ok.statusCode).toBe(303);
    expect(await users.get(target.id)).toMatchObject({
      name: 'Renamed Target',
      timeZone: 'Africa/Nairobi',
    });
  });

  it('answers bad ids and bad input with a 4xx page, never a 500', async () => {
    const { cookie, csrf } = await webSession(admin);
    const get = (url: string) => app.app.inject({ method: 'GET', url, headers: { cookie } });
    const post = (url: string, fields: Record<string, string> = {}) =>
      app.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: csrf, ...fields }),
      });
    const expectPage = (
      res: { statusCode: number; headers: Record<string, unknown> },
      status: number,
    ) => {
      expect(res.statusCode).toBe(status);
      expect(String(res.headers['content-type'])).toMatch(/text\/html/);
    };
    expectPage(await get('/app/admin/users/not-a-uuid'), 400);
    expectPage(await get(`/app/admin/users/${MISSING_UUID}`), 404);
    for (const action of ['deactivate', 'reset-mfa', 'role', 'details']) {
      expectPage(await post(`/app/admin/users/not-a-uuid/${action}`, { role: 'viewer' }), 400);
      expectPage(
        await post(`/app/admin/users/${MISSING_UUID}/${action}`, {
          role: 'viewer',
          name: 'X',
          timeZone: 'UTC',
        }),
        404,
      );
    }
    // Field errors next to the field.
    const badRole = await post(`/app/admin/users/${viewer.id}/role`, { role: 'superuser' });
    expectPage(badRole, 400);
    expect(badRole.body).toMatch(/id="f-role-error">Choose [^<]+ from the list</);
    const badZone = await post(`/app/admin/users/${viewer.id}/details`, {
      name: 'Vera Viewer',
      timeZone: 'Mars/Olympus',
    });
    expectPage(badZone, 400);
    expect(badZone.body).toMatch(/id="f-timeZone-error">Time zone must be an IANA time zone/);
    const taken = await post('/app/admin/users/new', {
      name: 'Someone',
      email: viewer.email,
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    expectPage(taken, 400);
    expect(taken.body).toMatch(/id="f-email-error">A user with this email already exists/);
    // An admin cannot demote or deactivate themselves: said on the page, nothing changes.
    const selfRole = await post(`/app/admin/users/${admin.id}/role`, { role: 'viewer' });
    expectPage(selfRole, 403);
    expect(selfRole.body).toContain('You cannot change your own role.');
    const selfOff = await post(`/app/admin/users/${admin.id}/deactivate`);
    expectPage(selfOff, 403);
    expect(selfOff.body).toContain('You cannot deactivate yourself.');
    expect(await app.app.get(UsersService).get(admin.id)).toMatchObject({
      role: 'admin',
      active: true,
    });
    // The audit filters the API refuses, the page refuses with the field named.
    const audit = await get('/app/admin/audit?actorId=nobody&from=yesterday');
    expectPage(audit, 400);
    expect(audit.body).toMatch(/id="f-actorId-error">Choose who from the list</);
    expect(audit.body).toMatch(/id="f-from-error">Enter from as a real date, like 2026-03-15</);
    expectPage(await get('/app/admin/audit?cursor=garbage'), 400);
    // Reports: unknown indicator, bad name, bad dates.
    expectPage(await get('/app/reports/no_such_indicator'), 404);
    expectPage(await get('/app/reports/Not-A-Name'), 400);
    expectPage(await get('/app/reports/releases?cursor=garbage'), 400);
    expectPage(await get('/app/reports/indicators.csv?from=2026-02-30'), 400);
    const range = await get('/app/reports?mode=custom&from=2026-05-01&to=2026-01-01');
    expectPage(range, 400);
    expect(range.body).toMatch(/id="f-to-error">[^<]+ must not be before from \(2026-05-01\)</);
    const year = await get('/app/reports?mode=year&year=20x6');
    expectPage(year, 400);
    expect(year.body).toMatch(/id="f-year-error">[^<]+ must be a year/);
    const country = await get('/app/reports?mode=year&year=2026&country=XX');
    expectPage(country, 400);
    expect(country.body).toMatch(/id="f-country-error">Choose a country from the list</);
  });
});

describe('the indicators report', () => {
  const DETAINED = 3;

  beforeAll(async () => {
    // Through the API: three defenders arrested this year and still held; one arrested and
    // released; one arrested last year and still held (in every quarter since).
    const create = async (name: string, events: [string, string][]) => {
      const res = await coordinator.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: name, country: 'EG', access: 'standard' },
      });
      expect(res.status).toBe(201);
      for (const [type, occurredOn] of events) {
        const ev = await coordinator.request({
          method: 'POST',
          url: `/api/v1/defenders/${res.body.id}/events`,
          body: { type, occurredOn },
        });
        expect(ev.status).toBe(201);
      }
    };
    for (let i = 1; i <= DETAINED - 1; i++)
      await create(`Held Defender ${i}`, [['arrest', '2026-02-10']]);
    await create('Released Defender', [
      ['arrest', '2026-01-05'],
      ['release', '2026-03-20'],
    ]);
    await create('Long-held <b>Defender</b>', [['arrest', '2025-11-20']]);
  });

  it('shows the figures, one chart per indicator over time, the CSV with the same figures, and the records behind a figure', async () => {
    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);
    await signIn(page, viewer);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL((u) => u.pathname === '/app/reports');
    expect(await page.locator('h1').textContent()).toBe('Indicators report');

    const figure = (name: string) =>
      page.locator(`tr[data-indicator="${name}"] td.num`).textContent();
    // This year to date (the clock says 2026-06-15).
    await expect(page.locator('.report-period').textContent()).resolves.toContain(
      'From 2026-01-01 to 2026-06-15',
    );
    await expect(figure('detained_at_period_end')).resolves.toBe(String(DETAINED));
    await expect(figure('releases')).resolves.toBe('1');
    const rows = await page.locator('table.indicators tbody tr').count();
    expect(rows).toBe(INDICATOR_NAMES.length);
    expect(await page.locator('svg.chart').count()).toBe(rows);
    expect(await page.locator('svg.chart[role="img"][aria-label]').count()).toBe(rows);
    const yearly = await page
      .locator('#h-detained_at_period_end + svg.chart')
      .getAttribute('aria-label');
    expect(yearly).toBe(
      'Detained at period end, by year: 2022: 0, 2023: 0, 2024: 0, 2025: 1, 2026: 3',
    );

    // A quarter: the figures and the charts by quarter.
    await page.getByLabel('Report on').selectOption('quarter');
    await page.getByLabel('Year', { exact: true }).fill('2026');
    await page.getByLabel('Quarter', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Show the report' }).click();
    await page.waitForURL(/mode=quarter/);
    await expect(page.locator('.report-period').textContent()).resolves.toContain(
      'From 2026-01-01 to 2026-03-31',
    );
    await expect(figure('detained_at_period_end')).resolves.toBe(String(DETAINED));
    const chart = page.locator('#h-detained_at_period_end + svg.chart');
    await expect(chart.getAttribute('aria-label')).resolves.toBe(
      'Detained at period end, by quarter: 2024 Q2: 0, 2024 Q3: 0, 2024 Q4: 0, 2025 Q1: 0, 2025 Q2: 0, 2025 Q3: 0, 2025 Q4: 1, 2026 Q1: 3',
    );
    await expect(chart.locator('title').textContent()).resolves.toContain('2026 Q1: 3');
    // Bars in proportion: Q4 2025 is a third of Q1 2026.
    const heights = (await chart
      .locator('rect.bar')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('height'))))) as number[];
    expect(heights).toHaveLength(8);
    expect(heights[6] / heights[7]).toBeCloseTo(1 / 3, 2);
    // The figures as a table for screen-reader users.
    const card = page.locator('section.chart-card', {
      has: page.locator('#h-detained_at_period_end'),
    });
    await card.getByText('The figures of “Detained at period end” over time').click();
    await expect(
      card.locator('details').first().locator('tbody tr').last().textContent(),
    ).resolves.toMatch(/2026 Q1\s*2026-01-01\s*2026-03-31\s*3/);
    await expectAccessible(page, 'reports page');
    await screenshot(page, 'reports');

    // The CSV download: the API's rows, the same figures as the page.
    const downloadLink = page.getByRole('link', { name: /Download the figures as CSV/ });
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
    expect(download.suggestedFilename()).toBe('witness-indicators-2026-01-01-to-2026-03-31.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const records = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    const totals = records.filter((r) => r.dimension === '');
    expect(totals.map((r) => r.indicator)).toEqual([...INDICATOR_NAMES]);
    for (const r of totals) {
      expect(r.period_from).toBe('2026-01-01');
      expect(r.period_to).toBe('2026-03-31');
      await expect(figure(r.indicator)).resolves.toBe(r.value);
    }
    expect(totals.find((r) => r.indicator === 'detained_at_period_end')?.value).toBe(
      String(DETAINED),
    );

    // The records behind the figure.
    await page.getByRole('link', { name: 'View records behind “Detained at period end”' }).click();
    await page.waitForURL(/\/app\/reports\/detained_at_period_end\?/);
    expect(await page.locator('h1').textContent()).toBe(
      'Detained at period end: the records behind the figure',
    );
    const names = await page.locator('tbody th[scope="row"]').allTextContents();
    expect(names.sort()).toEqual([
      'Held Defender 1',
      'Held Defender 2',
      'Long-held <b>Defender</b>',
    ]);
    await expectAccessible(page, 'drill-down');
    await page.getByRole('link', { name: 'Back to the report' }).click();
    await expect(figure('detained_at_period_end')).resolves.toBe(String(DETAINED));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers the CSV route as a text/csv download, the same as the API, for every staff role', async () => {
    const api = await viewer.request({
      method: 'GET',
      url: '/api/v1/reports/indicators?from=2026-01-01&to=2026-06-15&format=csv',
    });
    expect(api.status).toBe(200);
    for (const user of [viewer, coordinator, admin]) {
      const { cookie } = await webSession(user);
      const res = await app.app.inject({
        method: 'GET',
        url: '/app/reports/indicators.csv?from=2026-01-01&to=2026-06-15',
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="witness-indicators-2026-01-01-to-2026-06-15.csv"',
      );
      expect(res.body).toBe(api.text);
    }
    // Signed out: to the sign-in page, the address kept.
    const anon = await app.app.inject({ method: 'GET', url: '/app/reports/indicators.csv' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/app\/login\?next=/);
  });

  it('pages carry no inline script or style (the strict CSP holds)', async () => {
    const { cookie } = await webSession(admin);
    for (const url of [
      '/app/admin/users',
      '/app/admin/users/new',
      `/app/admin/users/${viewer.id}`,
      '/app/admin/audit',
      '/app/reports',
      '/app/reports?mode=quarter&year=2026&quarter=1',
      '/app/reports/detained_at_period_end?from=2026-01-01&to=2026-03-31',
    ]) {
      const res = await app.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(res.body).not.toMatch(/\sstyle=|\son[a-z]+=|<style/i);
    }
  });

  it('draws the charts on a phone screen too', async () => {
    const { context, page } = await newPage(browser, app, 'phone');
    await signIn(page, coordinator);
    await page.goto('/app/reports?mode=custom&from=2026-04-01&to=2026-06-15&country=eg');
    await expect(page.locator('.report-period').textContent()).resolves.toContain(
      'defenders detained in Egypt only',
    );
    // The country chosen stays chosen, by its name; the figures are named in words, each with
    // a line saying what is counted: no column names.
    await expect(page.getByLabel('Country (optional)').inputValue()).resolves.toBe('EG');
    const figures = await page.locator('table.indicators').innerText();
    expect(figures).toContain('Defenders whose case record was opened in the period.');
    expect(figures).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(await page.locator('svg.chart').count()).toBe(INDICATOR_NAMES.length);
    const box = await page.locator('svg.chart').first().boundingBox();
    expect(box!.width).toBeLessThanOrEqual(375);
    await expect(
      page.locator('#h-releases + svg.chart').getAttribute('aria-label'),
    ).resolves.toMatch(/^Releases, by period \(first day shown\): .*2026-01-15: 1, 2026-04-01: 0$/);
    await expectAccessible(page, 'reports page on a phone');
    await screenshot(page, 'reports-phone');
    // Nothing sticks out of the screen: wide tables scroll inside their own box.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await context.close();
  });
});

describe('admin: reactivation', () => {
  it('an admin reactivates a deactivated account; the person signs in again', async () => {
    const back = await createUser(app, 'caseworker', 'Kofi Returning');
    const off = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${back.id}/deactivate`,
    });
    expect(off.status).toBe(200);
    await expect(webSession(back)).rejects.toThrow('web sign-in failed: 401');

    const { context, page } = await newPage(browser, app);
    await signIn(page, admin);
    await page.goto(`/app/admin/users/${back.id}`);
    expect((await facts(page)).Status).toBe('Deactivated');
    await page.getByRole('button', { name: 'Reactivate this account' }).click();
    await page.waitForURL(/notice=admin\.notices\.reactivated/);
    expect((await facts(page)).Status).toBe('Active');
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'The account is active again',
    );
    await expectAccessible(page, 'user page after reactivation');
    await context.close();

    // The person signs in afresh; the audit trail names who reactivated the account.
    const { cookie } = await webSession(back);
    expect(cookie).toMatch(/^witness_session=/);
    const audit = await admin.request({
      method: 'GET',
      url: `/api/v1/audit?entityType=user&entityId=${back.id}`,
    });
    expect(audit.status).toBe(200);
    const entry = (audit.body.data as { action: string; actorId: string }[]).find(
      (e) => e.action === 'user.reactivate',
    );
    expect(entry?.actorId).toBe(admin.id);
    // Not for a coordinator, whatever the route.
    const denied = await coordinator.request({
      method: 'POST',
      url: `/api/v1/users/${back.id}/reactivate`,
    });
    expect(denied.status).toBe(403);
  });
});
