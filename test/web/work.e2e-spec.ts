import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
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
import type { RequestOptions, TestResponse } from '../support/api';
import { pick, pickedIds } from '../support/picker';
import { asUser, createStaff, createUser, type TestUser } from '../support/users';
import { startWorker, type TestWorker } from '../support/worker';

/**
 * The web app's home page, milestones, inbox and solidarity pages, driven by a real browser
 * against the real api (PostgreSQL, Redis, the reminder worker in-process, a manual clock).
 * Data is set up through the API; what is under test goes through the pages.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('web: home, milestones, inbox and solidarity', () => {
  let app: WebApp;
  let worker: TestWorker;
  let browser: Browser;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  /** A caseworker NOT assigned to the restricted case. */
  let outsider: TestUser;
  let amina: { id: string; fullName: string };
  let samir: { id: string; fullName: string };
  const contexts: BrowserContext[] = [];

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(app, user, o);
  const iso = (ms: number) => new Date(ms).toISOString();
  const now = () => app.clock.now().getTime();

  const mkDefender = async (body: Record<string, unknown>) => {
    const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/defenders', body });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, fullName: res.body.fullName as string };
  };

  const mkMilestone = async (user: TestUser, body: Record<string, unknown>) => {
    const res = await as(user, { method: 'POST', url: '/api/v1/milestones', body });
    if (res.status !== 201) throw new Error(`milestone: ${res.status} ${res.text}`);
    return res.body as { id: string; title: string; version: number };
  };

  /** A signed-in browser page of its own (own cookies) for one user. */
  const pageFor = async (user: TestUser, viewport: 'laptop' | 'phone' = 'laptop') => {
    const { context, page } = await newPage(browser, app, viewport);
    contexts.push(context);
    await signIn(page, user);
    return { context, page };
  };

  /** Wait (Playwright's own waiting) until the element shows, and return its text. */
  const shown = async (locator: Locator): Promise<string> => {
    await locator.waitFor({ state: 'visible' });
    return locator.innerText();
  };

  const count = async (table: string): Promise<number> =>
    (await app.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    worker = await startWorker({
      dbUrl: app.dbUrl,
      queuePrefix: app.queuePrefix,
      clock: app.clock,
    });
    browser = await launchBrowser();
    staff = await createStaff(app);
    outsider = await createUser(app, 'caseworker', 'Outside Caseworker');
    amina = await mkDefender({ fullName: 'Amina Haddad', country: 'EG' });
    samir = await mkDefender({ fullName: 'Samir Khalil', country: 'EG', access: 'restricted' });
    const assign = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${samir.id}/assignees`,
      body: { userId: staff.caseworker.id },
    });
    expect(assign.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await worker?.close();
    await app?.close();
  });

  it('home lists my overdue milestone before the one due soon; marking it done on the milestones page clears it', async () => {
    const cw = staff.caseworker;
    const overdue = await mkMilestone(cw, {
      defenderId: amina.id,
      kind: 'custom',
      title: 'File the appeal brief',
      dueAt: iso(now() + 2 * HOUR),
      remindBefore: [],
    });
    await mkMilestone(cw, {
      defenderId: amina.id,
      kind: 'hearing',
      title: 'Appeal hearing, Cairo Criminal Court',
      dueAt: iso(now() + 3 * DAY),
      remindBefore: [],
    });
    // Someone else's milestone is not "mine".
    await mkMilestone(staff.coordinator, {
      kind: 'hrc_session',
      title: 'HRC 62 opens',
      dueAt: iso(now() + 2 * DAY),
      remindBefore: [],
    });
    // Three hours later the first is overdue.
    app.clock.advance(3 * HOUR);

    const { page } = await pageFor(cw);
    const problems = watchConsole(page);
    await page.goto('/app');
    const overdueSection = page.locator('[data-section="overdue"]');
    const soonSection = page.locator('[data-section="due-soon"]');
    await shown(overdueSection.getByRole('link', { name: 'File the appeal brief' }));
    expect(await shown(overdueSection.locator('li .badge'))).toBe('Overdue');
    await shown(soonSection.getByRole('link', { name: 'Appeal hearing, Cairo Criminal Court' }));
    expect(await overdueSection.getByText('Appeal hearing').count()).toBe(0);
    expect(await page.getByText('HRC 62 opens').count()).toBe(0);
    // Overdue first on the page.
    const main = await page.locator('main').innerText();
    expect(main.indexOf('File the appeal brief')).toBeGreaterThan(-1);
    expect(main.indexOf('File the appeal brief')).toBeLessThan(
      main.indexOf('Appeal hearing, Cairo Criminal Court'),
    );
    // With the defender, linking to the case.
    expect(
      await overdueSection.getByRole('link', { name: 'Case: Amina Haddad' }).getAttribute('href'),
    ).toBe(`/app/defenders/${amina.id}`);
    // Recently changed cases the caseworker may see: both (assigned to the restricted one).
    const recent = page.locator('[data-section="recent"]');
    await shown(recent.getByRole('link', { name: 'Amina Haddad' }));
    await shown(recent.getByRole('link', { name: 'Samir Khalil' }));
    await expectAccessible(page, 'home');
    await screenshot(page, 'home');

    // The milestones page: mine, open.
    await page.getByRole('link', { name: 'All my open milestones' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Milestones' }));
    expect(await page.getByLabel('Only those I am reminded of').isChecked()).toBe(true);
    await shown(page.getByRole('link', { name: 'File the appeal brief' }));
    expect(await page.getByRole('link', { name: 'HRC 62 opens' }).count()).toBe(0);
    await expectAccessible(page, 'milestones');
    await screenshot(page, 'milestones');
    await page.getByRole('button', { name: /^Mark done\W+File the appeal brief$/ }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Milestone marked done.' }));
    expect(await page.getByRole('link', { name: 'File the appeal brief' }).count()).toBe(0);
    await shown(page.getByRole('link', { name: 'Appeal hearing, Cairo Criminal Court' }));

    // Filters: the done ones; a kind across every status.
    await page.getByLabel('Status').selectOption('done');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=done/);
    await shown(page.getByRole('link', { name: 'File the appeal brief' }));
    expect(await page.getByRole('button', { name: /Mark done/ }).count()).toBe(0);
    await page.goto('/app/milestones?status=any&kind=hrc_session');
    await shown(page.getByRole('link', { name: 'HRC 62 opens' }));
    expect(
      await page.getByRole('link', { name: 'Appeal hearing, Cairo Criminal Court' }).count(),
    ).toBe(0);
    // A date that is not one: a message at the filter, not an error page.
    const bad = await page.goto('/app/milestones?from=2026-02-30');
    expect(bad?.status()).toBe(400);
    expect((await shown(page.locator('#f-from-error'))).trim()).toBe(
      'Enter due on or after as a real date, like 2026-03-15',
    );

    // Home: nothing overdue any more; the hearing is still due soon.
    await page.goto('/app');
    await shown(overdueSection.getByText('Nothing overdue.'));
    expect(await overdueSection.getByRole('link', { name: 'File the appeal brief' }).count()).toBe(
      0,
    );
    await shown(soonSection.getByRole('link', { name: 'Appeal hearing, Cairo Criminal Court' }));
    const after = await as(cw, { method: 'GET', url: `/api/v1/milestones/${overdue.id}` });
    expect(after.body.status).toBe('done');
    expect(problems).toEqual([]);
  });

  it('creates a manual milestone through the form: field messages first, then it is saved', async () => {
    const { page } = await pageFor(staff.caseworker);
    await page.goto(`/app/milestones/new?defenderId=${amina.id}`);
    expect(await pickedIds(page, 'defenderId')).toEqual([amina.id]);
    await page.getByLabel('Kind').selectOption({ label: 'Hearing' });
    await page.getByLabel('Due date').fill('2026-07-01');
    await page.getByLabel('Time (optional)').fill('09:30');
    // No title: refused, with the message at the field and the rest kept.
    await page.getByRole('button', { name: 'Create the milestone' }).click();
    expect(await shown(page.locator('#f-title-error'))).toBe('Enter title');
    expect(
      await page.getByRole('textbox', { name: 'Title', exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await page.getByLabel('Due date').inputValue()).toBe('2026-07-01');
    expect(await pickedIds(page, 'defenderId')).toEqual([amina.id]);
    await expectAccessible(page, 'milestone form with errors');

    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Verdict hearing');
    await page.getByLabel('One week before').check();
    await page.getByRole('button', { name: 'Create the milestone' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Milestone created.' }));
    await shown(page.getByRole('heading', { level: 1, name: 'Verdict hearing' }));
    expect(await shown(page.locator('dl.facts'))).toContain('2026-07-01 09:30');
    expect(await shown(page.locator('dl.facts'))).toContain('One week before, One day before');
    expect(await shown(page.locator('dl.facts'))).toContain('Amina Haddad');
    await expectAccessible(page, 'milestone page');

    const list = await as(staff.caseworker, {
      method: 'GET',
      url: `/api/v1/milestones?defenderId=${amina.id}&kind=hearing`,
    });
    const made = (
      list.body.data as { title: string; dueAt: string; remindBefore: string[] }[]
    ).find((m) => m.title === 'Verdict hearing');
    expect(made).toMatchObject({ dueAt: '2026-07-01T09:30:00.000Z' });
    expect([...made!.remindBefore].sort()).toEqual(['P1D', 'P7D']);
  });

  it('a reminder becomes an unread notification in the inbox; marking it read lowers the count on home', async () => {
    const cw2 = await createUser(app, 'caseworker', 'Second Caseworker');
    const due = now() + DAY + HOUR;
    const m = await mkMilestone(cw2, {
      defenderId: amina.id,
      kind: 'hearing',
      title: 'Bail hearing',
      dueAt: iso(due),
      remindBefore: ['P1D'],
    });
    // The real pipeline: the scheduler tick finds the reminder due, the worker delivers it.
    app.clock.set(new Date(due - DAY + 60_000));
    await worker.tick();
    await worker.drain();
    const unread = await as(cw2, { method: 'GET', url: '/api/v1/notifications?unread=true' });
    expect(unread.body.data).toHaveLength(1);
    const n = unread.body.data[0] as { id: string; title: string; milestoneId: string };
    expect(n.milestoneId).toBe(m.id);

    const { page } = await pageFor(cw2);
    await page.goto('/app');
    const inbox = page.locator('.work-inbox');
    expect(await shown(inbox)).toContain('1 unread notification');
    // The unread notification itself is listed on My work.
    expect(await shown(inbox.locator('[data-section="unread"] li'))).toContain(n.title);
    await inbox.getByRole('link', { name: 'Open your inbox' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Inbox' }));
    const unreadSection = page.locator('[data-section="unread"]');
    await shown(unreadSection.locator('strong', { hasText: n.title }));
    expect(
      await unreadSection
        .getByRole('link', { name: /^Open\W+Hearing: Bail hearing$/ })
        .getAttribute('href'),
    ).toBe(`/app/defenders/${amina.id}`);
    await expectAccessible(page, 'inbox');
    await screenshot(page, 'inbox');

    await unreadSection
      .getByRole('button', { name: /^Mark read\W+Hearing: Bail hearing$/ })
      .click();
    await shown(page.getByRole('status').filter({ hasText: 'Notification marked read.' }));
    expect(await shown(page.locator('[data-section="unread"]'))).toContain(
      'No unread notifications.',
    );
    expect(await shown(page.locator('[data-section="earlier"]'))).toContain(n.title);

    await page.getByRole('link', { name: 'My work', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    expect(await shown(page.locator('.work-inbox'))).toContain('No unread notifications.');
    const after = await as(cw2, { method: 'GET', url: '/api/v1/notifications?unread=true' });
    expect(after.body.data).toHaveLength(0);

    // Preferences: the same rules as the API (a webhook needs its address).
    await page.goto('/app/notifications/preferences');
    expect(await page.getByLabel('In app').isChecked()).toBe(true);
    await page.getByLabel('Webhook', { exact: true }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    expect((await shown(page.locator('#f-webhookUrl-error'))).trim()).toBe(
      'Webhook address is needed for the webhook channel',
    );
    await expectAccessible(page, 'preferences with errors');
    await page.getByLabel('Webhook', { exact: true }).uncheck();
    await page.getByLabel('Daily email digest').selectOption('7');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Saved.' }));
    const prefs = await as(cw2, { method: 'GET', url: '/api/v1/me/notification-preferences' });
    expect(prefs.body).toMatchObject({ channels: ['in_app', 'email'], digestHour: 7 });
  });

  it('creates a calendar feed address on the preferences page, shows it once, and revokes it', async () => {
    const user = await createUser(app, 'caseworker', 'Feed Subscriber');
    const { page } = await pageFor(user);
    await page.goto('/app/notifications/preferences');
    expect(await shown(page.locator('[data-section="calendar-feed-status"]'))).toContain(
      'You have no calendar feed.',
    );
    await page.getByRole('button', { name: 'Create my feed address' }).click();
    const url = await page.getByLabel('Feed address').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await shown(page.locator('[data-section="calendar-feed-url"]'))).toContain(
      'Thunderbird',
    );
    await expectAccessible(page, 'calendar feed address shown');
    const path = new URL(url).pathname;
    expect((await app.request({ method: 'GET', url: path, anonymous: true })).status).toBe(200);

    // Shown once: the page, opened again, says the feed is active and was fetched, not its address.
    await page.goto('/app/notifications/preferences');
    const status = await shown(page.locator('[data-section="calendar-feed-status"]'));
    expect(status).toContain('Active');
    expect(status).not.toContain('Not yet');
    expect(await page.content()).not.toContain(path.slice(-20));

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke the address' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Calendar feed address revoked' }));
    expect(await shown(page.locator('[data-section="calendar-feed-status"]'))).toContain(
      'You have no calendar feed.',
    );
    await expectAccessible(page, 'calendar feed revoked');
    expect((await app.request({ method: 'GET', url: path, anonymous: true })).status).toBe(404);
  });

  it("shows an escalation's government reply deadline under upcoming UN deadlines", async () => {
    const leila = await mkDefender({ fullName: 'Leila Nasser', country: 'EG' });
    for (const purpose of ['un_submission', 'public_un_document']) {
      const consent = await as(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/defenders/${leila.id}/consents`,
        body: {
          purpose,
          decision: 'given',
          givenBy: 'defender',
          method: 'written',
          decidedOn: '2026-06-01',
        },
      });
      expect(consent.status).toBe(201);
    }
    const created = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [leila.id], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const step = async (body: Record<string, unknown>) => {
      const res = await as(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/escalations/${id}/transitions`,
        body,
      });
      if (res.status !== 200) throw new Error(`${String(body.to)}: ${res.status} ${res.text}`);
      return res.body as { replyDueOn: string | null };
    };
    await step({ to: 'in_review' });
    await step({ to: 'approved' });
    await step({ to: 'submitted', date: '2026-06-05' });
    const transmitted = await step({
      to: 'transmitted_to_government',
      date: '2026-06-12',
      unReference: 'WGAD/EGY/2026/9',
    });
    expect(transmitted.replyDueOn).toBe('2026-08-11');

    const { page } = await pageFor(staff.caseworker);
    await page.goto('/app');
    const deadlines = page.locator('[data-section="deadlines"]');
    const text = await shown(deadlines);
    expect(text).toContain('Government reply due: 2026-08-11');
    expect(text).toContain('UN reference WGAD/EGY/2026/9');
    expect(
      await deadlines.getByRole('link', { name: /for Leila Nasser/ }).getAttribute('href'),
    ).toBe(`/app/escalations/${id}`);
    // The viewer sees the same deadline (escalations are open to every role).
    const { page: viewer } = await pageFor(staff.viewer);
    await viewer.goto('/app');
    expect(await shown(viewer.locator('[data-section="deadlines"]'))).toContain(
      'Government reply due: 2026-08-11',
    );
    await expectAccessible(viewer, 'home as a viewer');
  });

  it('records a solidarity action through the form (a bad field first) and lists it', async () => {
    const { page } = await pageFor(staff.caseworker);
    await page.goto('/app/solidarity');
    await shown(page.getByRole('heading', { level: 1, name: 'Solidarity actions' }));
    await shown(page.getByText('No solidarity action matches these filters.'));
    await page.getByRole('link', { name: 'Record a solidarity action' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'New solidarity action' }));
    await expectAccessible(page, 'solidarity form');

    await page.goto(`/app/solidarity/new?defenderId=${amina.id}`);
    expect(await pickedIds(page, 'defenderIds')).toEqual([amina.id]);
    await page.getByLabel('Kind of action').selectOption({ label: 'Joint statement' });
    await page
      .getByRole('textbox', { name: 'Title', exact: true })
      .fill('Joint statement for Amina Haddad');
    await page.getByLabel('First day').fill('2026-06-20');
    await page.getByLabel('Last day (optional)').fill('2026-06-18');
    await page.getByLabel('Signatures').fill('-5');
    await page.getByRole('button', { name: 'Record the action' }).click();
    // Refused: the message next to its field, what was typed kept.
    expect(await shown(page.locator('[id="f-reach.signatures-error"]'))).toBe(
      'Signatures must be 0 or more',
    );
    expect(await page.getByLabel('Signatures').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue()).toBe(
      'Joint statement for Amina Haddad',
    );
    expect(await pickedIds(page, 'defenderIds')).toEqual([amina.id]);
    await expectAccessible(page, 'solidarity form with errors');
    await screenshot(page, 'solidarity-form');
    // Then the service's own rule, shown the same way.
    await page.getByLabel('Signatures').fill('1200');
    await page.getByRole('button', { name: 'Record the action' }).click();
    expect((await shown(page.locator('#f-endsOn-error'))).trim()).toBe(
      'Last day must not be before start date',
    );
    await page.getByLabel('Last day (optional)').fill('2026-06-21');
    await page.getByRole('button', { name: 'Record the action' }).click();

    await shown(page.getByRole('status').filter({ hasText: 'Solidarity action recorded.' }));
    await shown(page.getByRole('heading', { level: 1, name: 'Joint statement for Amina Haddad' }));
    const facts = await shown(page.locator('dl.facts'));
    expect(facts).toContain('Signatures: 1200');
    expect(
      await page
        .locator('dl.facts')
        .getByRole('link', { name: 'Amina Haddad' })
        .getAttribute('href'),
    ).toBe(`/app/defenders/${amina.id}`);
    const actionPath = new URL(page.url()).pathname;
    const apiPath = actionPath.replace('/app/solidarity/', '/api/v1/solidarity-actions/');

    await page.getByRole('link', { name: 'Back to the solidarity actions' }).click();
    const row = page.getByRole('row', { name: /Joint statement for Amina Haddad/ });
    const rowText = await shown(row);
    expect(rowText).toContain('2026-06-20 – 2026-06-21');
    expect(rowText).toContain('Planned');
    await expectAccessible(page, 'solidarity list');
    await screenshot(page, 'solidarity');
    // The filters the API offers.
    await page.getByLabel('Kind of action').selectOption({ label: 'Petition' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/type=petition/);
    await shown(page.getByText('No solidarity action matches these filters.'));

    // Edit; someone else saves first: a conflict, the typed changes kept, a way to reload.
    await page.goto(`${actionPath}/edit`);
    await page.getByLabel('Status').selectOption('done');
    await page.getByLabel('Outcome').fill('Published by 40 organisations.');
    const current = await as(staff.coordinator, { method: 'GET', url: apiPath });
    const other = await as(staff.coordinator, {
      method: 'PATCH',
      url: apiPath,
      body: { title: 'Joint statement: free Amina Haddad' },
      headers: { 'if-match': `"${current.body.version as number}"` },
    });
    expect(other.status).toBe(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await shown(page.getByRole('alert'))).toContain('changed by someone else');
    expect(await page.getByLabel('Outcome').inputValue()).toBe('Published by 40 organisations.');
    await expectAccessible(page, 'solidarity conflict');
    await page.getByRole('link', { name: 'Reload the form with the current version' }).click();
    await page.waitForURL((url) => url.pathname === `${actionPath}/edit`);
    expect(await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue()).toBe(
      'Joint statement: free Amina Haddad',
    );
    await page.getByLabel('Status').selectOption('done');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Saved.' }));
    expect(await shown(page.locator('dl.facts'))).toContain('Done');
    const saved = await as(staff.coordinator, { method: 'GET', url: apiPath });
    expect(saved.body).toMatchObject({
      title: 'Joint statement: free Amina Haddad',
      status: 'done',
      defenderIds: [amina.id],
      reach: { signatures: 1200 },
    });
  });

  it('coordinators add partner organisations; they can then be named on an action', async () => {
    const { page } = await pageFor(staff.coordinator);
    await page.goto('/app/solidarity/partners');
    await shown(page.getByText('No partner organisation yet.'));
    await page.getByRole('link', { name: 'Add a partner' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Front Line Defenders');
    // The country is chosen from every country, by its name.
    await expect(
      page.getByLabel('Country').locator('option', { hasText: 'Ireland' }).getAttribute('value'),
    ).resolves.toBe('IE');
    await page.getByLabel('Contact email').fill('not an address');
    await page.getByRole('button', { name: 'Add the partner' }).click();
    expect(await shown(page.locator('[id="f-contactPerson.email-error"]'))).toBe(
      'Enter an email address in the correct format, like name@example.org',
    );
    expect(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe(
      'Front Line Defenders',
    );
    await expectAccessible(page, 'partner form with errors');
    await page.getByLabel('Country').selectOption({ label: 'Ireland' });
    await page.getByLabel('Contact name').fill('Mary Lawlor');
    await page.getByLabel('Contact email').fill('mary@example.org');
    await page.getByRole('button', { name: 'Add the partner' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Partner added.' }));
    const row = await shown(page.getByRole('row', { name: /Front Line Defenders/ }));
    expect(row).toContain('Ireland');
    await expectAccessible(page, 'partners');

    // A caseworker names it on a new action; the list filters by it.
    const { page: cw } = await pageFor(staff.caseworker);
    await cw.goto('/app/solidarity/new');
    await cw.getByLabel('Kind of action').selectOption({ label: 'Trial monitoring' });
    await cw.getByRole('textbox', { name: 'Title', exact: true }).fill('Monitoring the appeal');
    await cw.getByLabel('First day').fill('2026-06-25');
    await pick(cw, 'Partner organisations', 'front', 'Front Line Defenders');
    await cw.getByRole('button', { name: 'Record the action' }).click();
    await shown(cw.getByRole('status').filter({ hasText: 'Solidarity action recorded.' }));
    expect(await shown(cw.locator('dl.facts'))).toContain('Front Line Defenders');
    await cw.goto('/app/solidarity');
    await pick(cw, 'Partner', 'front line', /^Front Line Defenders/);
    await cw.getByRole('button', { name: 'Filter' }).click();
    await cw.waitForURL(/partnerId=/);
    await shown(cw.getByRole('link', { name: 'Monitoring the appeal' }));
    expect(await cw.getByRole('link', { name: /Joint statement/ }).count()).toBe(0);
  });

  it('refuses on the server: wrong role (403), bad ids (4xx), missing or wrong CSRF token (403); nothing written', async () => {
    /** A real sign-in in a browser; the session cookie and the page's CSRF token reused. */
    const session = async (user: TestUser) => {
      const { context, page } = await pageFor(user);
      const cookie = (await context.cookies()).find((c) => c.name === 'witness_session');
      expect(cookie).toBeDefined();
      const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
      expect(csrf).toBeTruthy();
      const send = (
        method: 'GET' | 'POST',
        url: string,
        form?: Record<string, string | string[]>,
      ) => {
        const payload = new URLSearchParams();
        for (const [k, v] of Object.entries(form ?? {}))
          for (const x of Array.isArray(v) ? v : [v]) payload.append(k, x);
        return app.app.inject({
          method,
          url,
          headers: {
            cookie: `witness_session=${cookie!.value}`,
            ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          payload: form ? payload.toString() : undefined,
        });
      };
      return { csrf: csrf!, send };
    };
    const html = (res: { statusCode: number; headers: Record<string, unknown> }) =>
      expect(String(res.headers['content-type'])).toMatch(/text\/html/);

    const viewer = await session(staff.viewer);
    const cw = await session(staff.caseworker);
    const milestoneForm = {
      defenderId: amina.id,
      kind: 'custom',
      title: 'Call the lawyer',
      dueDate: '2026-07-10',
    };
    const actionForm = { type: 'petition', title: 'Petition', startsOn: '2026-07-01' };

    // Wrong role: a 403 page, nothing written.
    const milestones = await count('milestones');
    const actions = await count('solidarity_actions');
    const partners = await count('partners');
    for (const [url, form] of [
      ['/app/milestones/new', milestoneForm],
      ['/app/solidarity/new', actionForm],
    ] as const) {
      const get = await viewer.send('GET', url);
      expect(get.statusCode).toBe(403);
      html(get);
      const post = await viewer.send('POST', url, { ...form, _csrf: viewer.csrf });
      expect(post.statusCode).toBe(403);
      html(post);
      expect(post.body).toContain('Not allowed');
    }
    const partner = await cw.send('POST', '/app/solidarity/partners/new', {
      name: 'Front Line',
      kind: 'partner',
      _csrf: cw.csrf,
    });
    expect(partner.statusCode).toBe(403);
    const someMilestone = (
      await as(staff.caseworker, { method: 'GET', url: '/api/v1/milestones?status=open' })
    ).body.data[0] as { id: string; version: number };
    const viewerDone = await viewer.send('POST', `/app/milestones/${someMilestone.id}/done`, {
      version: String(someMilestone.version),
      _csrf: viewer.csrf,
    });
    expect(viewerDone.statusCode).toBe(403);
    expect(await count('milestones')).toBe(milestones);
    expect(await count('solidarity_actions')).toBe(actions);
    expect(await count('partners')).toBe(partners);
    expect(
      (await as(staff.caseworker, { method: 'GET', url: `/api/v1/milestones/${someMilestone.id}` }))
        .body.status,
    ).toBe('open');

    // Bad ids: a 4xx page, never a 500.
    const missing = randomUUID();
    for (const [method, url, status] of [
      ['GET', '/app/milestones/not-a-uuid', 400],
      ['GET', `/app/milestones/${missing}`, 404],
      ['GET', `/app/solidarity/${missing}`, 404],
      ['GET', `/app/solidarity/${missing}/edit`, 404],
      ['GET', '/app/solidarity/12345/edit', 400],
      ['GET', '/app/milestones/new?defenderId=nope', 400],
      ['GET', `/app/solidarity/new?defenderId=${missing}`, 200],
      ['GET', '/app/notifications?cursor=garbage', 400],
    ] as const) {
      const res = await cw.send(method, url);
      expect([url, res.statusCode]).toEqual([url, status]);
      html(res);
    }
    for (const [url, status] of [
      [`/app/notifications/${missing}/read`, 404],
      ['/app/notifications/abc/read', 400],
      [`/app/milestones/${missing}/done`, 404],
      [`/app/milestones/${missing}/cancel`, 404],
      [`/app/solidarity/${missing}/edit`, 404],
    ] as const) {
      const res = await cw.send('POST', url, { version: '1', _csrf: cw.csrf });
      expect([url, res.statusCode]).toEqual([url, status]);
      html(res);
    }

    // CSRF: no token or a wrong one is refused before anything is written.
    for (const token of [undefined, 'forged-token', viewer.csrf]) {
      const extra: Record<string, string> = token === undefined ? {} : { _csrf: token };
      const a = await cw.send('POST', '/app/milestones/new', { ...milestoneForm, ...extra });
      expect(a.statusCode).toBe(403);
      html(a);
      const b = await cw.send('POST', '/app/solidarity/new', { ...actionForm, ...extra });
      expect(b.statusCode).toBe(403);
      const c = await cw.send('POST', `/app/milestones/${someMilestone.id}/done`, {
        version: String(someMilestone.version),
        ...extra,
      });
      expect(c.statusCode).toBe(403);
    }
    expect(await count('milestones')).toBe(milestones);
    expect(await count('solidarity_actions')).toBe(actions);
    expect(
      (await as(staff.caseworker, { method: 'GET', url: `/api/v1/milestones/${someMilestone.id}` }))
        .body.status,
    ).toBe('open');

    // With the right token, the same form is accepted (so the refusals above were the token's).
    const ok = await cw.send('POST', '/app/milestones/new', { ...milestoneForm, _csrf: cw.csrf });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/app\/milestones\/[0-9a-f-]{36}\?notice=/);
    expect(await count('milestones')).toBe(milestones + 1);
    // A stale version is a 412 page with a way to reload, and changes nothing.
    const stale = await cw.send('POST', `/app/milestones/${someMilestone.id}/done`, {
      version: String(someMilestone.version + 5),
      back: '/app/milestones',
      _csrf: cw.csrf,
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.body).toContain('Reload and try again');
    // A return address outside the web app is not followed.
    const away = await cw.send('POST', `/app/milestones/${someMilestone.id}/done`, {
      version: String(someMilestone.version),
      back: 'https://evil.example/',
      _csrf: cw.csrf,
    });
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/app/milestones?notice=work.notices.milestoneDone');
  });

  it("never shows a restricted case's milestone to someone not allowed to see the case", async () => {
    const hidden = await mkMilestone(staff.coordinator, {
      defenderId: samir.id,
      kind: 'hearing',
      title: 'Samir: closed-door hearing',
      dueAt: iso(now() + 2 * DAY),
      // Even with the outsider named among those reminded.
      assigneeIds: [staff.caseworker.id, outsider.id],
      remindBefore: [],
    });

    const { page: out } = await pageFor(outsider);
    await out.goto('/app');
    await shown(out.locator('[data-section="due-soon"]'));
    expect(await out.getByText('Samir: closed-door hearing').count()).toBe(0);
    expect(await out.getByText('Samir Khalil').count()).toBe(0);
    await out.goto('/app/milestones?status=any');
    expect(await out.getByText('Samir: closed-door hearing').count()).toBe(0);
    const direct = await out.goto(`/app/milestones/${hidden.id}`);
    expect(direct?.status()).toBe(404);
    await shown(out.getByRole('heading', { level: 1, name: 'Not found' }));
    expect(await out.getByText('Samir').count()).toBe(0);
    await out.goto(`/app/milestones?defenderId=${samir.id}&status=any`);
    expect(await out.getByText('Samir').count()).toBe(0);

    // The assigned caseworker sees it, with its case.
    const { page: mine } = await pageFor(staff.caseworker, 'phone');
    await mine.goto('/app');
    const soon = mine.locator('[data-section="due-soon"]');
    await shown(soon.getByRole('link', { name: 'Samir: closed-door hearing' }));
    await shown(soon.getByRole('link', { name: 'Case: Samir Khalil' }));
    await expectAccessible(mine, 'home on a phone');
    await screenshot(mine, 'home-phone');
    await mine.goto('/app/milestones');
    await expectAccessible(mine, 'milestones on a phone');
  });
});
