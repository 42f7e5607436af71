import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { pick } from '../support/picker';

jest.setTimeout(180_000);

const NOW = '2026-06-15T10:00:00Z';
const MISSING_UUID = '3f2b8c1e-0000-4000-8000-000000000000';

describe('web app: defenders', () => {
  let app: WebApp;
  let browser: Browser;
  let coordinator: TestUser;
  let caseworker: TestUser;
  let assignedCaseworker: TestUser;
  let viewer: TestUser;
  const contexts: BrowserContext[] = [];

  /** A signed-in page of its own (own cookies) for a user, watching for script and CSP errors. */
  const pageFor = async (user: TestUser, viewport: 'laptop' | 'phone' = 'laptop') => {
    const { context, page } = await newPage(browser, app, viewport);
    contexts.push(context);
    const problems = watchConsole(page);
    await signIn(page, user);
    return { context, page, problems };
  };

  const createDefender = async (body: Record<string, unknown>): Promise<string> => {
    const res = await coordinator.request({ method: 'POST', url: '/api/v1/defenders', body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const count = async (table: string): Promise<number> =>
    (await app.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  /** The session cookie and CSRF token of a signed-in page, for requests sent by hand. */
  const credentials = async (context: BrowserContext, page: Page) => {
    const cookie = (await context.cookies()).find((c) => c.name === 'witness_session');
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    expect(cookie).toBeDefined();
    expect(csrf).toBeTruthy();
    return { cookie: `witness_session=${cookie!.value}`, csrf: csrf! };
  };

  const inject = (
    method: 'GET' | 'POST',
    url: string,
    cookie: string,
    form?: Record<string, string>,
  ) =>
    app.app.inject({
      method,
      url,
      headers: {
        cookie,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? new URLSearchParams(form).toString() : undefined,
    });

  let jose: string;
  let nhung: string;
  let secret: string;

  beforeAll(async () => {
    app = await startWebApp({ now: NOW });
    browser = await launchBrowser();
    [coordinator, caseworker, assignedCaseworker, viewer] = await Promise.all([
      createUser(app, 'coordinator', 'Cora Coordinator'),
      createUser(app, 'caseworker', 'Casey Caseworker'),
      createUser(app, 'caseworker', 'Assigned Caseworker'),
      createUser(app, 'viewer', 'Vera Viewer'),
    ]);
    jose = await createDefender({
      fullName: 'José Ramírez',
      country: 'MX',
      hrdFocus: ['journalist'],
      riskLevel: 'high',
      summary: 'Journalist covering land conflicts.',
    });
    nhung = await createDefender({
      fullName: 'Đặng Thị Hồng Nhung',
      country: 'VN',
      hrdFocus: ['environmental'],
    });
    secret = await createDefender({
      fullName: 'Samira Hidden-Case',
      country: 'EG',
      access: 'restricted',
    });
    const assigned = await coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${secret}/assignees`,
      body: { userId: assignedCaseworker.id },
    });
    expect(assigned.status).toBe(201);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('a caseworker finds a defender without accents, adds an arrest and a hearing, and sees the status and the milestone', async () => {
    const { page, problems } = await pageFor(caseworker);
    await page.goto('/app/defenders');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Defenders');

    await page.getByLabel('Search', { exact: true }).fill('jose ramirez');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=jose/);
    const results = page.locator('table tbody tr');
    await expect(results.count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'José Ramírez' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'defenders list');
    await screenshot(page, 'defenders-list');

    // The Vietnamese name, typed without its diacritics, too.
    await page.getByLabel('Search', { exact: true }).fill('dang thi hong nhung');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=dang/);
    await expect(page.getByRole('link', { name: 'Đặng Thị Hồng Nhung' }).count()).resolves.toBe(1);
    expect(nhung).toBeTruthy();

    await page.getByLabel('Search', { exact: true }).fill('jose ramirez');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'José Ramírez' }).click();
    await page.waitForURL(`**/app/defenders/${jose}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('José Ramírez');
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Unknown');

    // The arrest, through the inline timeline form.
    const add = page.locator('#add-event-form');
    await add.getByLabel('Event').selectOption('arrest');
    await add.getByLabel('Date').fill('2026-05-01');
    await add.getByLabel('Place').fill('Police station 4');
    await add.getByRole('button', { name: 'Add the event' }).click();
    await page.waitForURL(/notice=defenders\.notices\.eventAdded/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'The event is on the timeline.',
    );
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Detained');
    await expect(page.locator('#days-detained').textContent()).resolves.toBe('45');

    // A hearing two weeks from now: a scheduled event, and a milestone for it.
    await add.getByLabel('Event').selectOption('hearing');
    await add.getByLabel('Date').fill('2026-07-01');
    await add.getByLabel('Place').fill('Court of Cassation');
    await add.getByRole('button', { name: 'Add the event' }).click();
    await page.waitForURL(/notice=defenders\.notices\.eventAdded/);
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Detained');
    const hearing = page.locator('#milestones tr', { hasText: 'Hearing at Court of Cassation' });
    await expect(hearing.count()).resolves.toBe(1);
    await expect(hearing.textContent()).resolves.toContain('2026-07-01');
    await expect(page.locator('#timeline h3', { hasText: 'Scheduled' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'defender profile');
    await screenshot(page, 'defender-profile');

    // Correct the arrest inline: a week earlier.
    const eventItem = (type: string) =>
      page
        .locator('#timeline ol.timeline > li')
        .filter({ has: page.locator('h3', { hasText: type }) });
    const arrest = eventItem('Arrest');
    await arrest.locator('summary').click();
    await arrest.getByLabel('Date').fill('2026-04-24');
    await arrest.getByRole('button', { name: 'Save the correction' }).click();
    await page.waitForURL(/notice=defenders\.notices\.eventCorrected/);
    await expect(page.locator('#days-detained').textContent()).resolves.toBe('52');
    // The correction changed the date only: the place is as it was.
    await expect(eventItem('Arrest').locator('dl').textContent()).resolves.toContain(
      'Police station 4',
    );

    // An event date in the future for an arrest is refused, next to the field.
    await add.getByLabel('Event').selectOption('release');
    await add.getByLabel('Date').fill('2026-08-01');
    await add.getByRole('button', { name: 'Add the event' }).click();
    await expect(page.locator('#new-event-occurredOn-error').textContent()).resolves.toMatch(
      /^Date must not be in the future/,
    );
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Detained');
    expect(problems).toEqual([]);
  });

  it('a viewer cannot see a restricted defender; the assigned caseworker can', async () => {
    const { page: viewerPage, problems } = await pageFor(viewer);
    await viewerPage.goto('/app/defenders');
    await expect(viewerPage.getByRole('link', { name: 'José Ramírez' }).count()).resolves.toBe(1);
    await expect(
      viewerPage.getByRole('link', { name: 'Samira Hidden-Case' }).count(),
    ).resolves.toBe(0);
    // A viewer is offered no "New defender" button.
    await expect(viewerPage.getByRole('link', { name: 'New defender' }).count()).resolves.toBe(0);

    await viewerPage.getByLabel('Search', { exact: true }).fill('samira hidden');
    await viewerPage.getByRole('button', { name: 'Search' }).click();
    await viewerPage.waitForURL(/q=samira/);
    await expect(viewerPage.locator('main').textContent()).resolves.toContain(
      'No case record matches this search.',
    );

    const res = await viewerPage.goto(`/app/defenders/${secret}`);
    expect(res?.status()).toBe(404);
    await expect(viewerPage.locator('h1').textContent()).resolves.toBe('Not found');
    await expect(viewerPage.locator('main').textContent()).resolves.not.toContain('Samira');
    // The same answer as for a record that does not exist at all.
    const missing = await viewerPage.goto(`/app/defenders/${MISSING_UUID}`);
    expect(missing?.status()).toBe(404);
    const history = await viewerPage.goto(`/app/defenders/${secret}/history`);
    expect(history?.status()).toBe(404);

    // A viewer sees no contacts and no consent ledger on a profile it can see.
    await viewerPage.goto(`/app/defenders/${jose}`);
    await expect(viewerPage.locator('#contacts').count()).resolves.toBe(0);
    await expect(viewerPage.locator('#add-event-form').count()).resolves.toBe(0);
    expect(problems).toEqual([]);

    const { page } = await pageFor(assignedCaseworker);
    await page.goto('/app/defenders');
    await page.getByLabel('Search', { exact: true }).fill('samira hidden');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=samira/);
    await page.getByRole('link', { name: 'Samira Hidden-Case' }).click();
    await page.waitForURL(`**/app/defenders/${secret}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Samira Hidden-Case');
    await expect(page.locator('.badges').textContent()).resolves.toContain('Restricted');
    await expect(page.locator('#assignees').textContent()).resolves.toContain(
      'Assigned Caseworker',
    );

    // Another caseworker, not assigned, gets the same 404 as the viewer.
    const { page: other } = await pageFor(caseworker);
    const denied = await other.goto(`/app/defenders/${secret}`);
    expect(denied?.status()).toBe(404);
  });

  it('records one view of a restricted profile as one read in the audit trail', async () => {
    const { context, page } = await pageFor(assignedCaseworker);
    const { cookie } = await credentials(context, page);
    const res = await inject('GET', `/app/defenders/${secret}`, cookie);
    expect(res.statusCode).toBe(200);
    // The profile reads the case through several services (events, milestones, escalations,
    // actions, consents, assignees); the trail has the one read of this request.
    const reads = await app.db.query(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'defender.read_restricted' AND entity_id = $1 AND request_id = $2`,
      [secret, res.headers['x-request-id']],
    );
    expect(reads[0].n).toBe(1);
    // A second view is a second read.
    const again = await inject('GET', `/app/defenders/${secret}`, cookie);
    const reads2 = await app.db.query(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'defender.read_restricted' AND entity_id = $1 AND request_id = $2`,
      [secret, again.headers['x-request-id']],
    );
    expect(reads2[0].n).toBe(1);
  });

  it('a stale edit shows the conflict, and "Re-apply my changes" saves over the latest version', async () => {
    const id = await createDefender({
      fullName: 'Conflict Case',
      country: 'KE',
      summary: 'First summary.',
    });
    const { page: mine, problems } = await pageFor(caseworker);
    const { page: theirs } = await pageFor(coordinator);

    await mine.goto(`/app/defenders/${id}/edit`);
    await expectAccessible(mine, 'edit form');
    await theirs.goto(`/app/defenders/${id}/edit`);

    // The coordinator saves first.
    await theirs.getByLabel('Summary').fill('Summary rewritten by the coordinator.');
    await theirs.getByRole('button', { name: 'Save the changes' }).click();
    await theirs.waitForURL(/notice=saved/);

    // The caseworker, still on the old version, changes another field and saves.
    await mine.getByLabel('Profession').fill('Human rights lawyer');
    await mine.getByRole('button', { name: 'Save the changes' }).click();
    await expect(mine.locator('#conflict-title').textContent()).resolves.toBe(
      'Someone else saved this record while you were editing',
    );
    const comparison = mine.locator('.conflict table');
    const summaryRow = comparison.locator('tr', { hasText: 'Summary' });
    await expect(summaryRow.textContent()).resolves.toContain(
      'Summary rewritten by the coordinator.',
    );
    await expect(summaryRow.textContent()).resolves.toContain('First summary.');
    const professionRow = comparison.locator('tr', { hasText: 'Profession' });
    await expect(professionRow.textContent()).resolves.toContain('Human rights lawyer');
    await expect(
      mine.getByRole('link', { name: 'Reload the latest version' }).getAttribute('href'),
    ).resolves.toBe(`/app/defenders/${id}/edit`);
    // Nothing of mine was saved.
    const before = await coordinator.request({ method: 'GET', url: `/api/v1/defenders/${id}` });
    expect(before.body.profession).toBeNull();
    await expectAccessible(mine, 'edit conflict');
    await screenshot(mine, 'defender-edit-conflict');

    // Re-apply: my change over the latest version, theirs kept.
    await mine.getByRole('button', { name: 'Re-apply my changes' }).click();
    await mine.waitForURL(`**/app/defenders/${id}?notice=saved`);
    const after = await coordinator.request({ method: 'GET', url: `/api/v1/defenders/${id}` });
    expect(after.body).toMatchObject({
      profession: 'Human rights lawyer',
      summary: 'Summary rewritten by the coordinator.',
      version: before.body.version + 1,
    });
    await expect(mine.locator('main').textContent()).resolves.toContain('Human rights lawyer');
    expect(problems).toEqual([]);
  });

  it('the create form shows field-level messages, keeps the input, and creates nothing until valid', async () => {
    const { page, problems } = await pageFor(caseworker);
    await page.goto('/app/defenders');
    await page.getByRole('link', { name: 'New defender' }).click();
    await page.waitForURL('**/app/defenders/new');
    const before = await count('defenders');

    await page.getByLabel('Full name').fill('Baby From The Future');
    await page.getByLabel('Country of detention').selectOption({ label: 'Kenya' });
    await page.getByLabel('Year of birth').fill('2031');
    await page.getByLabel('Journalist').check();
    await page.getByRole('button', { name: 'Create the case record' }).click();
    await expect(page.locator('#f-birthYear-error').textContent()).resolves.toBe(
      'Year of birth must not be in the future',
    );
    await expect(page.getByLabel('Year of birth').inputValue()).resolves.toBe('2031');
    await expect(page.getByLabel('Full name').inputValue()).resolves.toBe('Baby From The Future');
    await expect(page.getByLabel('Journalist').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Year of birth').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    expect(await count('defenders')).toBe(before);

    // An empty name and a bad contact email, both named where they are.
    await page.getByLabel('Full name').fill('');
    await page.getByLabel('Year of birth').fill('1990');
    await page.locator('#f-contact-0-name').fill('Lawyer Lee');
    await page.locator('#f-contact-0-relation').selectOption('lawyer');
    await page.locator('#f-contact-0-email').fill('not-an-email');
    await page.getByRole('button', { name: 'Create the case record' }).click();
    await expect(page.locator('#f-fullName-error').textContent()).resolves.not.toBe('');
    await expect(page.locator('#f-contact-0-email-error').textContent()).resolves.toBe(
      'Enter an email address in the correct format, like name@example.org',
    );
    await expect(page.locator('#f-birthYear-error').textContent()).resolves.toBe('');
    expect(await count('defenders')).toBe(before);
    await expectAccessible(page, 'create form with errors');

    await page.getByLabel('Full name').fill('Baby Now Grown');
    await page.locator('#f-contact-0-email').fill('lee@example.org');
    await page.getByLabel('Access').selectOption('restricted');
    await page.getByRole('button', { name: 'Create the case record' }).click();
    await page.waitForURL(/\/app\/defenders\/[0-9a-f-]{36}\?notice=created/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Baby Now Grown');
    await expect(page.getByRole('status').first().textContent()).resolves.toBe('Created.');
    // The creator of a restricted case keeps access to it; contacts are shown to them.
    await expect(page.locator('#contacts').textContent()).resolves.toContain('lee@example.org');
    await expect(page.locator('#assignees').textContent()).resolves.toContain('Casey Caseworker');
    expect(await count('defenders')).toBe(before + 1);
    expect(problems).toEqual([]);
  });

  it('answers the wrong role, a bad id and a missing CSRF token on the server, writing nothing', async () => {
    const cw = await pageFor(caseworker);
    await cw.page.goto('/app/defenders');
    const asCaseworker = await credentials(cw.context, cw.page);
    const vw = await pageFor(viewer);
    await vw.page.goto('/app/defenders');
    const asViewer = await credentials(vw.context, vw.page);
    const defenders = await count('defenders');
    const events = await count('detention_events');

    // Wrong role: a viewer creating, editing, adding an event, assigning.
    const create = await inject('POST', '/app/defenders/new', asViewer.cookie, {
      _csrf: asViewer.csrf,
      fullName: 'Made By A Viewer',
      country: 'KE',
    });
    expect(create.statusCode).toBe(403);
    expect(create.headers['content-type']).toMatch(/^text\/html/);
    expect(create.body).toContain('Not allowed');
    expect((await inject('GET', '/app/defenders/new', asViewer.cookie)).statusCode).toBe(403);
    expect((await inject('GET', `/app/defenders/${jose}/edit`, asViewer.cookie)).statusCode).toBe(
      403,
    );
    const event = await inject('POST', `/app/defenders/${jose}/events`, asViewer.cookie, {
      _csrf: asViewer.csrf,
      type: 'release',
      occurredOn: '2026-06-01',
    });
    expect(event.statusCode).toBe(403);
    const assign = await inject('POST', `/app/defenders/${jose}/assignees`, asCaseworker.cookie, {
      _csrf: asCaseworker.csrf,
      userId: caseworker.id,
    });
    expect(assign.statusCode).toBe(403);

    // A bad id: a page, not a crash.
    const bad = await inject('GET', '/app/defenders/not-a-uuid', asCaseworker.cookie);
    expect([400, 404]).toContain(bad.statusCode);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    const missing = await inject('GET', `/app/defenders/${MISSING_UUID}`, asCaseworker.cookie);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Not found');
    const badEvent = await inject(
      'POST',
      `/app/defenders/${jose}/events/not-a-uuid/correct`,
      asCaseworker.cookie,
      { _csrf: asCaseworker.csrf, version: '1', type: 'arrest' },
    );
    expect(badEvent.statusCode).toBe(400);

    // CSRF: missing, then wrong (the viewer's token in the caseworker's session).
    const noToken = await inject('POST', '/app/defenders/new', asCaseworker.cookie, {
      fullName: 'No Token',
      country: 'KE',
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('This form has expired');
    const wrongToken = await inject('POST', '/app/defenders/new', asCaseworker.cookie, {
      _csrf: asViewer.csrf,
      fullName: 'Wrong Token',
      country: 'KE',
    });
    expect(wrongToken.statusCode).toBe(403);
    const eventNoToken = await inject(
      'POST',
      `/app/defenders/${jose}/events`,
      asCaseworker.cookie,
      {
        type: 'release',
        occurredOn: '2026-06-01',
      },
    );
    expect(eventNoToken.statusCode).toBe(403);
    const archiveNoToken = await inject(
      'POST',
      `/app/defenders/${jose}/archive`,
      asCaseworker.cookie,
      {},
    );
    expect(archiveNoToken.statusCode).toBe(403);

    // An edit without the version it was read at is refused as the API refuses no If-Match.
    const noVersion = await inject('POST', `/app/defenders/${jose}/edit`, asCaseworker.cookie, {
      _csrf: asCaseworker.csrf,
      fullName: 'Renamed Without Version',
      country: 'MX',
    });
    expect(noVersion.statusCode).toBe(428);

    expect(await count('defenders')).toBe(defenders);
    expect(await count('detention_events')).toBe(events);
    const still = await coordinator.request({ method: 'GET', url: `/api/v1/defenders/${jose}` });
    expect(still.body.fullName).toBe('José Ramírez');
    expect(still.body.archivedAt).toBeNull();

    // Validation errors of a post answered as the form again, with the message by the field.
    const invalid = await inject('POST', '/app/defenders/new', asCaseworker.cookie, {
      _csrf: asCaseworker.csrf,
      fullName: 'Bad Country',
      country: 'ZZ',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/id="f-country-error">Choose a country from the list</);
    expect(await count('defenders')).toBe(defenders);

    // A bad list filter is a message on the list page, not an error page.
    const badFilter = await inject('GET', '/app/defenders?status=jailed', asCaseworker.cookie);
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.body).toMatch(/id="f-status-error">Choose [^<]+ from the list</);
  });

  it('a correction made on a stale event shows the conflict and saves on the second try', async () => {
    const id = await createDefender({ fullName: 'Timeline Conflict', country: 'BY' });
    const added = await coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${id}/events`,
      body: { type: 'arrest', occurredOn: '2026-03-01', place: 'Minsk' },
    });
    expect(added.status).toBe(201);
    const { page, problems } = await pageFor(caseworker);
    await page.goto(`/app/defenders/${id}`);
    const arrest = page.locator('#timeline ol.timeline > li').first();
    await arrest.locator('summary').click();
    await arrest.getByLabel('Authority').fill('KGB');

    // Meanwhile a coordinator corrects the place through the API.
    const patched = await coordinator.request({
      method: 'PATCH',
      url: `/api/v1/defenders/${id}/events/${added.body.id}`,
      headers: { 'if-match': `"${added.body.version}"` },
      body: { place: 'Minsk, Okrestina' },
    });
    expect(patched.status).toBe(200);

    await arrest.getByRole('button', { name: 'Save the correction' }).click();
    const again = page.locator('#timeline ol.timeline > li').first();
    await expect(again.getByRole('alert').first().textContent()).resolves.toContain(
      'Someone else corrected this event',
    );
    await expect(again.locator('details').getAttribute('open')).resolves.not.toBeNull();
    await expect(again.getByLabel('Authority').inputValue()).resolves.toBe('KGB');
    await expect(again.getByLabel('Place').inputValue()).resolves.toBe('Minsk, Okrestina');
    await again.getByRole('button', { name: 'Save the correction' }).click();
    await page.waitForURL(/notice=defenders\.notices\.eventCorrected/);
    const event = await coordinator.request({
      method: 'GET',
      url: `/api/v1/defenders/${id}/events/${added.body.id}`,
    });
    expect(event.body).toMatchObject({ place: 'Minsk, Okrestina', authority: 'KGB' });
    expect(problems).toEqual([]);
  });

  it('a coordinator records a consent, assigns and unassigns a caseworker, and archives a record', async () => {
    const id = await createDefender({ fullName: 'Consent And Team', country: 'TR' });
    const { page, problems } = await pageFor(coordinator);
    await page.goto(`/app/defenders/${id}`);
    await expect(
      page.getByRole('link', { name: 'Start an escalation' }).first().getAttribute('href'),
    ).resolves.toBe(`/app/defenders/${id}/escalations/new`);
    await expect(
      page.getByRole('link', { name: 'Public profile' }).getAttribute('href'),
    ).resolves.toBe(`/app/defenders/${id}/publication`);

    // A consent decision; a missing field first is named next to it.
    await page.getByText('Record a consent decision').click();
    const consent = page.locator('#consents form');
    await consent.getByLabel('Purpose').selectOption('public_profile');
    await consent.getByLabel('Decision').selectOption('given');
    await consent.getByLabel('Given by').selectOption('defender');
    await consent.getByRole('button', { name: 'Record the decision' }).click();
    await expect(page.locator('#consent-method-error').textContent()).resolves.toBe(
      'Choose how from the list',
    );
    await page.locator('#consents form').getByLabel('How').selectOption('written');
    await page
      .locator('#consents form')
      .getByRole('button', { name: 'Record the decision' })
      .click();
    await page.waitForURL(/notice=defenders\.notices\.consentRecorded/);
    const publicProfile = page.locator('#consents tr', { hasText: 'Public profile' }).first();
    await expect(publicProfile.textContent()).resolves.toContain('Given');

    // Assign, then unassign (asked to confirm first).
    await pick(page, 'Caseworker or coordinator', 'casey', /^Casey Caseworker/);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.waitForURL(/notice=defenders\.notices\.assigned/);
    await expect(page.locator('#assignees table').textContent()).resolves.toContain(
      'Casey Caseworker',
    );
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Unassign Casey Caseworker' }).click();
    await page.waitForURL(/notice=defenders\.notices\.unassigned/);
    await expect(page.locator('#assignees').textContent()).resolves.toContain(
      'Nobody is assigned to this case.',
    );

    // Archive from the edit page: a confirmation, then the record leaves the list.
    await page.getByRole('link', { name: 'Edit the record' }).click();
    await page.waitForURL(`**/app/defenders/${id}/edit`);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Archive this case record' }).click();
    await page.waitForURL(/notice=defenders\.notices\.archived/);
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(
      'The case record is archived.',
    );
    await expect(page.getByRole('link', { name: 'Consent And Team' }).count()).resolves.toBe(0);
    expect((await page.goto(`/app/defenders/${id}`))?.status()).toBe(404);
    expect(problems).toEqual([]);
  });

  it('pages through the list with the cursor, and works on a phone', async () => {
    for (let i = 1; i <= 3; i++) {
      await createDefender({ fullName: `Paging Person ${i}`, country: 'TZ', tags: ['paging'] });
    }
    const { page, problems } = await pageFor(viewer, 'phone');
    await page.goto('/app/defenders?tag=paging&limit=2');
    await expect(page.locator('table tbody tr').count()).resolves.toBe(2);
    // Under 600 px each row is a card: its cells one under the other, each named.
    type Styles = { getComputedStyle: (el: unknown, pseudo?: string) => Record<string, string> };
    // Run in the page: each is sent there on its own.
    const display = (el: unknown) => (globalThis as unknown as Styles).getComputedStyle(el).display;
    const before = (el: unknown) =>
      (globalThis as unknown as Styles).getComputedStyle(el, '::before').content;
    const card = page.locator('table tbody tr').first();
    await expect(card.evaluate(display)).resolves.toBe('block');
    await expect(card.locator('td').first().evaluate(before)).resolves.toBe('"Country: "');
    await expect(
      page.evaluate('document.documentElement.scrollWidth'),
    ).resolves.toBeLessThanOrEqual(375);
    await expect(page.getByRole('link', { name: 'First page' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'defenders list (phone)');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/cursor=/);
    await expect(page.locator('table tbody tr').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Next page' }).count()).resolves.toBe(0);
    await expect(page.getByLabel('Tags').inputValue()).resolves.toBe('paging');
    await page.getByRole('link', { name: 'First page' }).click();
    await page.waitForURL((url) => !url.search.includes('cursor'));
    await expect(page.locator('table tbody tr').count()).resolves.toBe(2);

    await page.goto(`/app/defenders/${jose}`);
    await expectAccessible(page, 'defender profile (phone)');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(375);
    await page.getByRole('link', { name: 'History of this record' }).click();
    await page.waitForURL(`**/app/defenders/${jose}/history`);
    await expect(page.locator('main').textContent()).resolves.toContain('defender.create');
    await expectAccessible(page, 'defender history (phone)');
    expect(problems).toEqual([]);
  });
});
