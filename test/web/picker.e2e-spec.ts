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
import { pick, pickedIds, pickedLabels } from '../support/picker';
import { createUser, type TestUser } from '../support/users';

/**
 * The typeahead picker (docs/web/picker.md): its JSON searches under /app/pick (session,
 * need-to-know, bad input), the same choice without JavaScript (a search form that comes
 * back with the matches) and with it (a WAI-ARIA combobox, driven here by the keyboard
 * only), on the forms that choose cases, partners and people.
 */

interface PickOption {
  id: string;
  label: string;
  hint?: string;
}

describe('the typeahead picker', () => {
  let app: WebApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: TestUser;
  let coordinator: TestUser;
  let carla: TestUser;
  /** Assigned to Samir's restricted case. */
  let caseworker: TestUser;
  /** A caseworker assigned to nothing. */
  let outsider: TestUser;
  let viewer: TestUser;
  let former: TestUser;
  const cases: Record<'jose' | 'josefina' | 'amina' | 'samir' | 'salma', string> = {
    jose: '',
    josefina: '',
    amina: '',
    samir: '',
    salma: '',
  };
  let frontLine: string;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  const session = async (user: TestUser) => {
    if (!sessions.has(user.id)) sessions.set(user.id, await webSession(app, user));
    return sessions.get(user.id)!;
  };
  /** GET a picker search as this user (the session cookie, as the page's script sends it). */
  const search = async (user: TestUser | null, url: string, fetchHeader = true) =>
    app.app.inject({
      method: 'GET',
      url,
      headers: {
        ...(user ? { cookie: (await session(user)).cookie } : {}),
        ...(fetchHeader ? { 'x-requested-with': 'fetch', accept: 'application/json' } : {}),
      },
    });
  const labels = (res: { json: () => unknown }) =>
    ((res.json() as { data: PickOption[] }).data ?? []).map((o) => o.label);
  const problem = (res: {
    statusCode: number;
    headers: Record<string, unknown>;
    json: () => unknown;
  }) => {
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
    return res.json() as { status: number; errors?: { field: string; message: string }[] };
  };

  const mkDefender = async (fullName: string, country: string, access = 'standard') => {
    const res = await coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName, country, access },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const mkPartner = async (name: string, kind = 'partner', country?: string) => {
    const res = await coordinator.request({
      method: 'POST',
      url: '/api/v1/partners',
      body: { name, kind, ...(country ? { country } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const count = async (table: string): Promise<number> =>
    (await app.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  /** A signed-in page of its own; without JavaScript when asked. */
  const pageFor = async (user: TestUser, options: { javaScript?: boolean } = {}) => {
    const { context, page } = await newPage(browser, app, 'laptop', options);
    contexts.push(context);
    const problems = watchConsole(page);
    await signIn(page, user);
    return { page, problems };
  };

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchBrowser();
    [admin, coordinator, carla, caseworker, outsider, viewer, former] = await Promise.all([
      createUser(app, 'admin', 'Ada Admin'),
      createUser(app, 'coordinator', 'Cora Coordinator'),
      createUser(app, 'coordinator', 'Carla Second'),
      createUser(app, 'caseworker', 'Casey Caseworker'),
      createUser(app, 'caseworker', 'Otto Outsider'),
      createUser(app, 'viewer', 'Vera Viewer'),
      createUser(app, 'caseworker', 'Zoë Former'),
    ]);
    const off = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${former.id}/deactivate`,
    });
    expect(off.status).toBe(200);
    cases.jose = await mkDefender('José Álvarez', 'CO');
    cases.josefina = await mkDefender('Josefina Ruiz', 'MX');
    cases.amina = await mkDefender('Amina Haddad', 'EG');
    cases.samir = await mkDefender('Samir Khalil', 'EG', 'restricted');
    cases.salma = await mkDefender('Salma Nour', 'EG', 'restricted');
    const assign = await coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${cases.samir}/assignees`,
      body: { userId: caseworker.id },
    });
    expect(assign.status).toBe(201);
    frontLine = await mkPartner('Front Line Example', 'partner', 'IE');
    await mkPartner('Amnistía Ejemplo', 'network');
    for (let i = 1; i <= 22; i++) await mkPartner(`Coalition ${String(i).padStart(2, '0')}`);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('searches cases with need-to-know: a restricted case only for its assigned caseworkers and deciders', async () => {
    const byName = (a: string, b: string) => a.localeCompare(b);
    // Not assigned: neither restricted case, however it is asked for.
    for (const q of ['sa', 'samir', 'Salma Nour', '']) {
      const res = await search(outsider, `/app/pick/defenders?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(labels(res)).not.toContain('Samir Khalil');
      expect(labels(res)).not.toContain('Salma Nour');
    }
    expect(labels(await search(outsider, '/app/pick/defenders?q='))).toEqual(
      expect.arrayContaining(['José Álvarez', 'Josefina Ruiz', 'Amina Haddad']),
    );
    // Assigned to Samir's case only; a viewer sees no restricted case; deciders see both.
    expect(labels(await search(caseworker, '/app/pick/defenders?q=sa'))).toEqual(['Samir Khalil']);
    expect(labels(await search(viewer, '/app/pick/defenders?q=sa'))).toEqual([]);
    expect(labels(await search(coordinator, '/app/pick/defenders?q=sa')).sort(byName)).toEqual([
      'Salma Nour',
      'Samir Khalil',
    ]);
    expect(labels(await search(admin, '/app/pick/defenders?q=salma'))).toEqual(['Salma Nour']);

    // Accent- and case-insensitive, every word a prefix.
    expect(labels(await search(viewer, '/app/pick/defenders?q=jose')).sort(byName)).toEqual([
      'José Álvarez',
      'Josefina Ruiz',
    ]);
    expect(labels(await search(viewer, '/app/pick/defenders?q=ALVAREZ'))).toEqual(['José Álvarez']);
    expect(
      labels(await search(viewer, `/app/pick/defenders?q=${encodeURIComponent('álv jo')}`)),
    ).toEqual(['José Álvarez']);
    expect(labels(await search(viewer, '/app/pick/defenders?q=varez'))).toEqual([]);

    // The answer: ids, labels and a hint in the page's language; never cached.
    const res = await search(caseworker, '/app/pick/defenders?q=samir');
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { data: PickOption[]; more: boolean };
    expect(body).toEqual({
      data: [{ id: cases.samir, label: 'Samir Khalil', hint: expect.stringContaining('Egypt') }],
      more: false,
    });
    expect(body.data[0].hint).toContain('Restricted');
  });

  it('searches partners and people: at most 20, roles and deactivated accounts as allowed', async () => {
    // Partners: every role; 24 of them, so the first 20 by name and "more".
    const first = await search(viewer, '/app/pick/partners?q=');
    expect((first.json() as { data: PickOption[] }).data).toHaveLength(20);
    expect((first.json() as { more: boolean }).more).toBe(true);
    expect(labels(first)[0]).toBe('Amnistía Ejemplo');
    expect(labels(await search(caseworker, '/app/pick/partners?q=amnistia'))).toEqual([
      'Amnistía Ejemplo',
    ]);
    const front = (await search(caseworker, '/app/pick/partners?q=front%20li')).json() as {
      data: PickOption[];
    };
    expect(front.data).toEqual([
      { id: frontLine, label: 'Front Line Example', hint: 'Partner · Ireland' },
    ]);

    // People: only roles that choose people; a viewer is refused.
    const refused = await search(viewer, '/app/pick/users?q=ca');
    expect(refused.statusCode).toBe(403);
    expect(problem(refused).status).toBe(403);
    // Active accounts only, by default; addresses only for coordinators and admins.
    const forCaseworker = (await search(caseworker, '/app/pick/users?q=ca')).json() as {
      data: PickOption[];
    };
    expect(forCaseworker.data.map((o) => o.label)).toEqual(['Carla Second', 'Casey Caseworker']);
    expect(forCaseworker.data.every((o) => !o.hint?.includes('@'))).toBe(true);
    const forCoordinator = (await search(coordinator, '/app/pick/users?q=casey')).json() as {
      data: PickOption[];
    };
    expect(forCoordinator.data[0].hint).toBe(`Caseworker · ${caseworker.email}`);
    expect(labels(await search(caseworker, '/app/pick/users?q=zoe'))).toEqual([]);
    expect(labels(await search(admin, '/app/pick/users?q=zoe&inactive=true'))).toEqual([
      'Zoë Former',
    ]);
    expect(
      (
        (await search(admin, '/app/pick/users?q=zoe&inactive=true')).json() as {
          data: PickOption[];
        }
      ).data[0].hint,
    ).toContain('Deactivated');
    const notAdmin = await search(coordinator, '/app/pick/users?q=zoe&inactive=true');
    expect(notAdmin.statusCode).toBe(403);
    // By role (repeated or comma-separated).
    expect(labels(await search(coordinator, '/app/pick/users?role=viewer'))).toEqual([
      'Vera Viewer',
    ]);
    expect(
      labels(await search(caseworker, '/app/pick/users?q=c&role=caseworker,coordinator')),
    ).toEqual(['Carla Second', 'Casey Caseworker', 'Cora Coordinator']);
    expect(
      labels(await search(caseworker, '/app/pick/users?q=c&role=coordinator&role=admin')),
    ).toEqual(['Carla Second', 'Cora Coordinator']);
    // Coordinators and admins also find people by address.
    expect(labels(await search(coordinator, `/app/pick/users?q=${outsider.email}`))).toEqual([
      'Otto Outsider',
    ]);
    expect(labels(await search(caseworker, `/app/pick/users?q=${outsider.email}`))).toEqual([]);
  });

  it('refuses bad searches with problem+json naming the field; without a session, sign in', async () => {
    for (const [url, field] of [
      ['/app/pick/defenders?q=%25%25%25', 'q'],
      [`/app/pick/partners?q=${'a'.repeat(101)}`, 'q'],
      ['/app/pick/defenders?q=ann&limit=500', 'limit'],
      ['/app/pick/users?role=superuser', 'role'],
      ['/app/pick/users?inactive=maybe', 'inactive'],
    ] as const) {
      // Asked by the script or typed into the address bar: the same 400.
      for (const fetchHeader of [true, false]) {
        const res = await search(admin, url, fetchHeader);
        expect(res.statusCode).toBe(400);
        expect(problem(res).errors?.map((e) => e.field)).toContain(field);
      }
    }
    // A search of only punctuation and accents still never errors in SQL.
    expect((await search(coordinator, '/app/pick/defenders?q=%E2%91%B4')).statusCode).toBe(200);
    // No session: like every /app address, the sign-in page (the script gets a 401).
    const away = await search(null, '/app/pick/defenders?q=sam', false);
    expect(away.statusCode).toBe(303);
    expect(String(away.headers.location)).toMatch(/^\/app\/login\?next=/);
    const script = await search(null, '/app/pick/defenders?q=sam');
    expect(script.statusCode).toBe(401);
    expect(problem(script).status).toBe(401);
  });

  it('without JavaScript, a form search shows only what the person may see, keeps the form and saves nothing', async () => {
    const { cookie, csrf } = await session(outsider);
    const post = (form: [string, string][]) =>
      app.app.inject({
        method: 'POST',
        url: '/app/solidarity/new',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['_csrf', csrf], ...form]).toString(),
      });
    const before = await count('solidarity_actions');
    const searched = await post([
      ['type', 'petition'],
      ['title', 'Keep this title'],
      ['startsOn', '2026-07-01'],
      ['defenderIds', cases.amina],
      ['q.defenderIds', 'sa'],
      ['_pick', 'search:defenderIds'],
    ]);
    expect(searched.statusCode).toBe(200);
    expect(searched.body).toContain('value="Keep this title"');
    expect(searched.body).toContain('Matches for “sa”');
    expect(searched.body).not.toContain('Samir');
    expect(searched.body).not.toContain('Salma');
    expect(searched.body).toMatch(
      new RegExp(`<input type="hidden" name="defenderIds" value="${cases.amina}">`),
    );
    // Remove: the one taken out, the others kept.
    const removed = await post([
      ['type', 'petition'],
      ['title', 'Keep this title'],
      ['defenderIds', cases.amina],
      ['defenderIds', cases.jose],
      ['_pick', `remove:defenderIds:${cases.amina}`],
    ]);
    expect(removed.statusCode).toBe(200);
    expect(removed.body).not.toContain(`value="${cases.amina}"`);
    expect(removed.body).toContain(
      `<input type="hidden" name="defenderIds" value="${cases.jose}">`,
    );
    expect(await count('solidarity_actions')).toBe(before);
    // A restricted case's id sent by hand is not named, and saving it is refused.
    const named = await post([
      ['type', 'petition'],
      ['title', 'Sneaky'],
      ['defenderIds', cases.salma],
      ['_pick', 'search:partnerIds'],
    ]);
    expect(named.statusCode).toBe(200);
    expect(named.body).not.toContain('Salma');
    expect(named.body).toContain('(not available to you)');
    // A search text no search can use: said at the picker, the page still answers.
    const bad = await post([
      ['type', 'petition'],
      ['q.partnerIds', '%%%'],
      ['_pick', 'search:partnerIds'],
    ]);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('Type at least one letter or digit.');
  });

  it('works as a plain search form without JavaScript: search, choose, remove, save', async () => {
    const { page, problems } = await pageFor(coordinator, { javaScript: false });
    await page.goto(`/app/defenders/${cases.jose}/escalations/new`);
    await page.getByLabel('Kind').selectOption('wgad_regular');
    await page.getByLabel('Summary of the case').fill('Arrested together at the rally.');
    // The owner: you, unless another is chosen. Search for Carla.
    expect(await pickedLabels(page, 'ownerId')).toEqual(['Cora Coordinator']);
    await page.getByRole('searchbox', { name: 'Owner' }).fill('carla');
    await page.getByRole('button', { name: 'Search: Owner' }).click();
    await page.getByRole('radio', { name: 'Carla Second' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Keep Cora Coordinator' }).isChecked()).toBe(true);
    // What was typed elsewhere is still there.
    expect(await page.getByLabel('Summary of the case').inputValue()).toBe(
      'Arrested together at the rally.',
    );
    await page.getByRole('radio', { name: 'Carla Second' }).check();

    // The people arrested together: several, by checkbox. The case the form is for is never
    // offered.
    const group = page.getByRole('searchbox', { name: 'Arrested together with' });
    await group.fill('jos');
    await page.getByRole('button', { name: 'Search: Arrested together with' }).click();
    await page.getByRole('checkbox', { name: /^Josefina Ruiz/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: /^José Álvarez/ }).count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'Keep Carla Second' }).isChecked()).toBe(true);
    await group.fill('sa');
    await page.getByRole('button', { name: 'Search: Arrested together with' }).click();
    await page.getByRole('checkbox', { name: /^Samir Khalil/ }).check();
    await page.getByRole('checkbox', { name: /^Salma Nour/ }).check();
    await screenshot(page, 'picker-no-script');

    // Partners: another search; the ticked people are now chosen, each with a Remove button.
    await page.getByRole('searchbox', { name: 'Partners supported to take part' }).fill('front');
    await page.getByRole('button', { name: 'Search: Partners supported to take part' }).click();
    await page.getByRole('checkbox', { name: /^Front Line Example/ }).check();
    expect((await pickedLabels(page, 'defenderIds')).sort()).toEqual([
      'Salma Nour',
      'Samir Khalil',
    ]);
    expect(await pickedLabels(page, 'ownerId')).toEqual([]);
    expect(await page.getByRole('radio', { name: 'Keep Carla Second' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Remove Salma Nour' }).click();
    await page.getByRole('button', { name: 'Remove Samir Khalil' }).waitFor();
    expect(await pickedLabels(page, 'defenderIds')).toEqual(['Samir Khalil']);
    expect(await page.getByRole('checkbox', { name: /^Front Line Example/ }).count()).toBe(0);
    expect(await pickedLabels(page, 'partnerIds')).toEqual(['Front Line Example']);

    await page.getByRole('button', { name: 'Start the escalation' }).click();
    await page.waitForURL(/\/app\/escalations\/[0-9a-f-]{36}\?notice=/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await coordinator.request({ method: 'GET', url: `/api/v1/escalations/${id}` });
    expect(saved.body).toMatchObject({
      defenderIds: [cases.jose, cases.samir],
      ownerId: carla.id,
      partnerIds: [frontLine],
    });
    expect(problems).toEqual([]);

    // axe runs as a script: the same pages with the app's script blocked instead.
    const { page: plain } = await pageFor(coordinator);
    await plain.route('**/app/assets/app.js*', (route) => route.abort());
    await plain.goto(`/app/defenders/${cases.jose}/escalations/new`);
    await plain.getByRole('searchbox', { name: 'Arrested together with' }).fill('sa');
    await plain.getByRole('button', { name: 'Search: Arrested together with' }).click();
    await plain.getByRole('checkbox', { name: /^Samir Khalil/ }).check();
    await plain.getByRole('searchbox', { name: 'Owner' }).fill('carla');
    await plain.getByRole('button', { name: 'Search: Owner' }).click();
    await plain.getByRole('radio', { name: /^Carla Second/ }).waitFor();
    expect(await pickedLabels(plain, 'defenderIds')).toEqual(['Samir Khalil']);
    await expectAccessible(plain, 'new escalation without the script: matches and chosen');
    await plain.goto(`/app/solidarity?q.defenderId=jos&_pick=search%3AdefenderId`);
    await plain.getByRole('radio', { name: /^Josefina Ruiz/ }).waitFor();
    expect(await plain.getByRole('radio', { name: 'Any defender' }).isChecked()).toBe(true);
    await expectAccessible(plain, 'solidarity filters without the script: matches');
  });

  it('is a combobox with the keyboard only: type, arrows, Home/End, Enter, Escape, remove a chip, submit', async () => {
    const { page, problems } = await pageFor(caseworker);
    await page.goto('/app/solidarity/new');
    await page.getByLabel('Kind of action').selectOption({ label: 'Petition' });
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Free them all');
    await page.getByLabel('First day').fill('2026-07-01');
    const focused = () =>
      page.evaluate<string>(
        `(() => { const el = document.activeElement;
          return el ? el.tagName + ':' + (el.getAttribute('aria-label') || el.textContent) : ''; })()`,
      );

    // From the status select, Tab reaches the combobox (no Search button: the script removed it).
    await page.getByLabel('Status').focus();
    await page.keyboard.press('Tab');
    const box = page.getByRole('combobox', { name: 'Defenders' });
    expect(await box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByRole('button', { name: /^Search/ }).count()).toBe(0);
    expect(await box.getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.type('jos');
    const listbox = page.getByRole('listbox', { name: 'Defenders' });
    const options = listbox.getByRole('option');
    await listbox.getByRole('option', { name: /^Josefina Ruiz/ }).waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await box.getAttribute('aria-controls')).toBe(await listbox.getAttribute('id'));
    expect(
      await page.locator('[data-picker-name="defenderIds"] [role=status]').textContent(),
    ).toMatch(/^2 matches\./);
    const ids = await options.evaluateAll((els) => els.map((e) => e.id));
    const active = () => box.getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe(ids[0]);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe(ids[1]);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('Home');
    expect(await active()).toBe(ids[0]);
    await page.keyboard.press('End');
    expect(await active()).toBe(ids[1]);
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe(ids[0]);
    await page.keyboard.press('ArrowUp');
    expect(await active()).toBe(ids[1]);
    const second = ((await options.nth(1).locator('.picker__label').textContent()) ?? '').trim();
    await page.keyboard.press('Enter');
    expect(await pickedLabels(page, 'defenderIds')).toEqual([second]);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.inputValue()).toBe('');
    expect(await box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.locator('[data-picker-name="defenderIds"] [role=status]').textContent()).toBe(
      `${second} chosen.`,
    );

    // Need-to-know in the page too: Samir (assigned) is offered, Salma never.
    await page.keyboard.type('sa');
    await listbox.getByRole('option', { name: /^Samir Khalil/ }).waitFor();
    expect(await options.count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await pickedLabels(page, 'defenderIds')).toEqual([second, 'Samir Khalil']);

    // No match, then Escape: closes first, then clears.
    await page.keyboard.type('zzzq');
    await page
      .locator('[data-picker-name="defenderIds"] [role=status]', { hasText: 'No match.' })
      .waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('');
    await page.keyboard.type('ami');
    await listbox.getByRole('option', { name: /^Amina Haddad/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    expect(await box.inputValue()).toBe('ami');
    await page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('');

    // Remove a chip with the keyboard: Shift+Tab reaches the last chip's Remove button.
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('BUTTON:Remove Samir Khalil');
    await page.keyboard.press('Enter');
    expect(await pickedLabels(page, 'defenderIds')).toEqual([second]);
    expect(await focused()).toBe(`BUTTON:Remove ${second}`);
    expect(await page.locator('[data-picker-name="defenderIds"] [role=status]').textContent()).toBe(
      'Samir Khalil removed.',
    );

    // On to the partners' picker; the listbox open is checked by axe too.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const partners = page.getByRole('combobox', { name: 'Partner organisations' });
    expect(await partners.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('coal');
    await page
      .getByRole('listbox', { name: 'Partner organisations' })
      .getByRole('option')
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await expectAccessible(page, 'solidarity form, a picker open');
    await screenshot(page, 'picker-open');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.type('front');
    await page.getByRole('option', { name: /^Front Line Example/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await pickedIds(page, 'partnerIds')).toEqual([frontLine]);
    await expectAccessible(page, 'solidarity form, chosen');

    // Enter in another field sends the form (the pickers' Search buttons are gone).
    await page.getByRole('textbox', { name: 'Title', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Solidarity action recorded.' }).waitFor();
    const actionId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await caseworker.request({
      method: 'GET',
      url: `/api/v1/solidarity-actions/${actionId}`,
    });
    const chosenCase = second === 'José Álvarez' ? cases.jose : cases.josefina;
    expect(saved.body).toMatchObject({ defenderIds: [chosenCase], partnerIds: [frontLine] });
    expect(problems).toEqual([]);
  });

  it('chooses people where people are chosen: who is reminded, a case assignee, the owner and group of a draft', async () => {
    // A milestone reminds the creator unless others are chosen; deactivated accounts are not offered.
    const { page, problems } = await pageFor(caseworker);
    await page.goto('/app/milestones/new');
    expect(await pickedLabels(page, 'assigneeIds')).toEqual(['Casey Caseworker']);
    await pick(page, 'Who is reminded', 'otto', /^Otto Outsider/);
    const who = page.getByRole('combobox', { name: 'Who is reminded' });
    await who.fill('zoe');
    await page
      .locator('[data-picker-name="assigneeIds"] [role=status]', { hasText: 'No match.' })
      .waitFor();
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('HRC 62 side event');
    await page.getByLabel('Due date').fill('2026-07-01');
    await page.getByRole('button', { name: 'Create the milestone' }).click();
    await page.getByRole('status').filter({ hasText: 'Milestone created.' }).waitFor();
    const milestoneId = new URL(page.url()).pathname.split('/').pop()!;
    const milestone = await caseworker.request({
      method: 'GET',
      url: `/api/v1/milestones/${milestoneId}`,
    });
    expect(milestone.body.assigneeIds).toEqual([caseworker.id, outsider.id]);
    await expectAccessible(page, 'milestone page');
    expect(problems).toEqual([]);

    // A coordinator assigns a caseworker to a case; who is assigned is not offered again.
    const { page: co, problems: coProblems } = await pageFor(coordinator);
    await co.goto(`/app/defenders/${cases.amina}`);
    await pick(co, 'Caseworker or coordinator', 'otto', /^Otto Outsider/);
    await co.getByRole('button', { name: 'Assign', exact: true }).click();
    await co.waitForURL(/notice=defenders\.notices\.assigned/);
    await co.locator('#assignees table', { hasText: 'Otto Outsider' }).waitFor();
    await co.getByRole('combobox', { name: 'Caseworker or coordinator' }).fill('otto');
    await co.locator('#assignees [role=status]', { hasText: 'No match.' }).waitFor();
    // Viewers and admins cannot be assigned.
    await co.getByRole('combobox', { name: 'Caseworker or coordinator' }).fill('vera');
    await co.locator('#assignees [role=status]', { hasText: 'No match.' }).waitFor();
    await expectAccessible(co, 'profile with the assign picker');

    // A draft's owner and group change on its page.
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [cases.amina], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(created.status).toBe(201);
    const escalationId = created.body.id as string;
    await co.goto(`/app/escalations/${escalationId}`);
    await pick(co, 'Owner', 'casey', /^Casey Caseworker/);
    await pick(co, 'Defenders', 'josefina', /^Josefina Ruiz/);
    expect(await pickedLabels(co, 'defenderIds')).toEqual(['Amina Haddad', 'Josefina Ruiz']);
    await expectAccessible(co, 'escalation page with pickers');
    await co.getByRole('button', { name: 'Save details' }).click();
    await co.waitForURL(/notice=escalations\.notices\.saved/);
    const saved = await coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}`,
    });
    expect(saved.body).toMatchObject({
      ownerId: caseworker.id,
      defenderIds: [cases.amina, cases.josefina],
    });
    expect(coProblems).toEqual([]);
  });

  it('filters by a chosen case or person: solidarity actions and the audit trail', async () => {
    const { page, problems } = await pageFor(admin);
    await page.goto('/app/admin/audit');
    await pick(page, 'Who', 'zoe', /^Zoë Former/);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`actorId=${former.id}`));
    expect(await pickedLabels(page, 'actorId')).toEqual(['Zoë Former']);
    await expectAccessible(page, 'audit trail filtered by a person');

    await page.goto('/app/solidarity');
    await pick(page, 'Defender', 'samir', /^Samir Khalil/);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`defenderId=${cases.samir}`));
    expect(await pickedLabels(page, 'defenderId')).toEqual(['Samir Khalil']);
    // Removing the chosen case and filtering again shows every action.
    await page.getByRole('button', { name: 'Remove Samir Khalil' }).click();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((u) => !u.search.includes('defenderId='));
    await page.getByRole('link', { name: 'Free them all' }).waitFor();
    expect(problems).toEqual([]);
  });
});
