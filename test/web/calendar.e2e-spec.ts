import type { Browser, BrowserContext } from 'playwright-core';
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
import type { RequestOptions, TestResponse } from '../support/api';
import { asUser, createStaff, createUser, type TestUser } from '../support/users';

/**
 * The calendar pages in a real browser against the real api: the month view (UN sessions,
 * their deadlines and the user's milestones on the right days, in the user's zone), the
 * session page with its windows for action as far as the user may see, phones, and bad input.
 */
describe('web: calendar', () => {
  let app: WebApp;
  let browser: Browser;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let outsider: TestUser;
  const contexts: BrowserContext[] = [];
  const ids: Record<string, string> = {};

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(app, user, o);
  const ok = async (user: TestUser, o: RequestOptions, status = 201) => {
    const res = await as(user, o);
    if (res.status !== status) throw new Error(`${o.url}: ${res.status} ${res.text}`);
    return res.body;
  };

  const pageFor = async (user: TestUser, viewport: 'laptop' | 'phone' = 'laptop') => {
    const { context, page } = await newPage(browser, app, viewport);
    contexts.push(context);
    await signIn(page, user);
    return page;
  };

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(app);
    outsider = await createUser(app, 'caseworker', 'Outside Caseworker');
    browser = await launchBrowser();
    const defender = async (fullName: string, extra: object = {}) => {
      const d = await ok(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName, country: 'BD', ...extra },
      });
      await ok(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/defenders/${d.id}/events`,
        body: { type: 'arrest', occurredOn: '2025-03-01' },
      });
      return d.id as string;
    };
    ids.rahim = await defender('Rahim Uddin');
    ids.hidden = await defender('Nusrat Jahan', { access: 'restricted' });
    await ok(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${ids.hidden}/assignees`,
      body: { userId: staff.caseworker.id },
    });
    ids.upr = (
      await ok(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/un-calendar',
        body: {
          kind: 'upr_session',
          number: 50,
          title: 'UPR Working Group, 50th session',
          startsOn: '2026-07-06',
          endsOn: '2026-07-17',
          countries: ['BD'],
          deadlines: [{ kind: 'stakeholder_submission', dueOn: '2026-06-22', country: 'BD' }],
          sample: true,
        },
      })
    ).id;
    // A timed milestone late on 30 June UTC falls on 1 July for a user in Dhaka (UTC+6).
    await ok(
      staff.admin,
      {
        method: 'PATCH',
        url: `/api/v1/users/${staff.caseworker.id}`,
        body: { timeZone: 'Asia/Dhaka' },
      },
      200,
    );
    await ok(staff.caseworker, {
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        defenderId: ids.hidden,
        kind: 'hearing',
        title: 'Bail hearing',
        dueAt: '2026-06-30T20:00:00Z',
      },
    });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('the month shows sessions, deadlines and my milestones on their days, in my zone', async () => {
    const page = await pageFor(staff.caseworker);
    const errors = watchConsole(page);
    await page.goto(`/app/calendar?month=2026-07`);
    await expectAccessible(page, 'calendar month');
    const day = (date: string) => page.locator(`td:has(time[datetime="${date}"])`);
    await expect(day('2026-07-01').innerText()).resolves.toContain('Bail hearing');
    await expect(day('2026-07-01').innerText()).resolves.toContain('02:00');
    await expect(day('2026-06-30').innerText()).resolves.not.toContain('Bail hearing');
    await expect(day('2026-07-06').innerText()).resolves.toContain('UPR 50');
    await expect(day('2026-07-17').innerText()).resolves.toContain('UPR 50');
    await expect(day('2026-07-18').innerText()).resolves.not.toContain('UPR 50');
    await page.goto(`/app/calendar?month=2026-06`);
    await expect(day('2026-06-22').innerText()).resolves.toContain(
      'UPR 50: stakeholder submission due (Bangladesh)',
    );
    // Today (in Dhaka) is marked.
    await expect(
      page.locator('td[aria-current="date"] time').getAttribute('datetime'),
    ).resolves.toBe('2026-06-15');
    await screenshot(page, 'calendar-month');
    expect(errors).toEqual([]);
  });

  it('the home page lists the sessions ahead, and a session page the cases it fits, as far as the user may see', async () => {
    const page = await pageFor(staff.caseworker);
    await page.goto(`/app`);
    const sessions = page.locator('[data-section="sessions"]');
    await expect(sessions.innerText()).resolves.toContain(
      'UPR 50: stakeholder submission due (Bangladesh)',
    );
    await sessions.getByRole('link', { name: 'UPR Working Group, 50th session' }).click();
    await page.waitForURL(`**/app/calendar/entries/${ids.upr}`);
    await page.goto(`/app/calendar?month=2026-07`);
    await page.getByRole('link', { name: 'UPR Working Group, 50th session' }).click();
    await page.waitForURL(`**/app/calendar/entries/${ids.upr}`);
    await expectAccessible(page, 'calendar entry');
    const rows = page.locator('tr[data-defender]');
    await expect(rows.count()).resolves.toBe(2);
    await expect(page.locator('body').innerText()).resolves.toContain('Sample data');
    await screenshot(page, 'calendar-entry');

    const other = await pageFor(outsider);
    await other.goto(`/app/calendar/entries/${ids.upr}`);
    const names = await other.locator('tr[data-defender]').allInnerTexts();
    expect(names.join(' ')).toContain('Rahim Uddin');
    expect(names.join(' ')).not.toContain('Nusrat Jahan');
    // The outsider's month shows the restricted case's milestone nowhere, even for "every case".
    await other.goto(`/app/calendar?month=2026-07&scope=all`);
    await expect(other.locator('table.calendar').innerText()).resolves.not.toContain(
      'Bail hearing',
    );
  });

  it('phones get the days that hold something, as a list', async () => {
    const page = await pageFor(staff.caseworker, 'phone');
    await page.goto(`/app/calendar?month=2026-07`);
    await expectAccessible(page, 'calendar month (phone)');
    await expect(page.locator('td:has(time[datetime="2026-07-01"])').isVisible()).resolves.toBe(
      true,
    );
    await expect(page.locator('td:has(time[datetime="2026-07-02"])').isVisible()).resolves.toBe(
      false,
    );
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
    await screenshot(page, 'calendar-month-phone');
  });

  it('coordinators add, edit and remove sessions with the form; mistakes are shown, nothing half-written', async () => {
    const count = async () =>
      (await app.db.query(`SELECT count(*)::int AS n FROM un_calendar_entries`))[0].n as number;
    const before = await count();
    const page = await pageFor(staff.coordinator);
    await page.goto('/app/calendar?month=2026-09');
    await page.getByRole('link', { name: 'Add a session' }).click();
    await page.waitForURL('**/app/calendar/entries/new');
    await expectAccessible(page, 'calendar entry form');
    await page.getByLabel('Kind').selectOption('hrc_session');
    await page.getByLabel('Session number').fill('64');
    await page.getByRole('textbox', { name: 'Title' }).fill('Human Rights Council, 64th session');
    await page.getByLabel('First day').fill('2026-09-14');
    await page.getByLabel('Last day').fill('2026-09-01');
    await page.locator('#f-deadlineKind-0').selectOption('written_statement');
    await page.locator('#f-deadlineDueOn-0').fill('2026-08-24');
    await page.getByRole('button', { name: 'Add to the calendar' }).click();
    // The last day before the first: said next to the field, and nothing written.
    await expect(page.locator('#f-endsOn-error').innerText()).resolves.toMatch(/on or after/);
    expect(await count()).toBe(before);
    await expect(page.locator('#f-deadlineDueOn-0').inputValue()).resolves.toBe('2026-08-24');
    await page.getByLabel('Last day').fill('2026-10-09');
    await page.getByRole('button', { name: 'Add to the calendar' }).click();
    await page.waitForURL(/\/app\/calendar\/entries\/[0-9a-f-]{36}\?notice=/);
    expect(await count()).toBe(before + 1);
    await expect(page.locator('body').innerText()).resolves.toContain(
      'HRC 64: written statements due',
    );
    const id = /entries\/([0-9a-f-]{36})/.exec(page.url())![1];

    // Edit: move the deadline. A second tab saving first makes this one stale (409, kept).
    const stale = await pageFor(staff.coordinator);
    await stale.goto(`/app/calendar/entries/${id}/edit`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.locator('#f-deadlineDueOn-0').fill('2026-08-26');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/app/calendar/entries/${id}?notice=*`);
    await expect(page.locator('body').innerText()).resolves.toContain('2026-08-26');
    await stale.getByLabel('Where').fill('Geneva');
    await stale.getByRole('button', { name: 'Save' }).click();
    await expect(stale.locator('.error-summary').innerText()).resolves.toContain(
      'Someone saved this session',
    );
    const [row] = await app.db.query(`SELECT location FROM un_calendar_entries WHERE id = $1`, [
      id,
    ]);
    expect(row.location).toBeNull();

    // Remove (confirmed in the page).
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove from the calendar' }).click();
    await page.waitForURL('**/app/calendar?notice=*');
    expect(await count()).toBe(before);
  });

  it('only coordinators and admins reach the forms, and never without the CSRF token', async () => {
    const count = async () =>
      (await app.db.query(`SELECT count(*)::int AS n FROM un_calendar_entries`))[0].n as number;
    const before = await count();
    const form = {
      kind: 'wgad_session',
      title: 'WGAD 107',
      startsOn: '2026-08-24',
      endsOn: '2026-09-02',
    };
    const post = (cookie: string, body: Record<string, string>) =>
      app.app.inject({
        method: 'POST',
        url: '/app/calendar/entries/new',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(body).toString(),
      });
    const caseworker = await webSession(app, staff.caseworker);
    const get = await app.app.inject({
      method: 'GET',
      url: '/app/calendar/entries/new',
      headers: { cookie: caseworker.cookie },
    });
    expect(get.statusCode).toBe(403);
    expect((await post(caseworker.cookie, { ...form, _csrf: caseworker.csrf })).statusCode).toBe(
      403,
    );
    const coordinator = await webSession(app, staff.coordinator);
    expect((await post(coordinator.cookie, form)).statusCode).toBe(403);
    expect((await post(coordinator.cookie, { ...form, _csrf: 'forged' })).statusCode).toBe(403);
    expect(await count()).toBe(before);
    const made = await post(coordinator.cookie, { ...form, _csrf: coordinator.csrf });
    expect(made.statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
  });

  it('bad months and ids answer clearly, never a 500', async () => {
    const session = await webSession(app, staff.viewer);
    const month = await app.request({
      method: 'GET',
      url: '/app/calendar?month=2026-13',
      anonymous: true,
      headers: { cookie: session.cookie },
    });
    expect(month.status).toBe(400);
    expect(month.text).toContain('Choose a month written YYYY-MM.');
    for (const [url, status] of [
      ['/app/calendar/entries/nope', 404],
      ['/app/calendar/entries/7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab', 404],
      [`/app/calendar/entries/${ids.upr}?country=XX`, 400],
      [`/app/calendar/entries/${ids.upr}?cursor=%%%`, 400],
    ] as const) {
      const res = await app.request({
        method: 'GET',
        url,
        anonymous: true,
        headers: { cookie: session.cookie },
      });
      expect([url, res.status]).toEqual([url, status]);
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
    const anonymous = await app.request({ method: 'GET', url: '/app/calendar', anonymous: true });
    expect(anonymous.status).toBe(303);
  });
});
