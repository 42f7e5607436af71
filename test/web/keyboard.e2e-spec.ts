import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  startWebApp,
  watchConsole,
  type WebApp,
} from '../support/browser';
import { createUser, type TestUser } from '../support/users';

jest.setTimeout(240_000);

/**
 * The three main journeys with the keyboard only: Tab to move, typing to fill and to choose in
 * a list, Space to tick, Enter to follow a link or send a form. No click, no `fill`, no
 * `selectOption`; axe checks every page on the way.
 */
describe('web app: keyboard only', () => {
  let app: WebApp;
  let browser: Browser;
  let caseworker: TestUser;
  let coordinator: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    browser = await launchBrowser();
    [caseworker, coordinator] = await Promise.all([
      createUser(app, 'caseworker', 'Kim Keyboard'),
      createUser(app, 'coordinator', 'Kofi Keys'),
    ]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  const focused = (target: Locator) =>
    target.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);

  /** Press Tab until `target` has the focus (it must be reachable, in at most 120 presses). */
  async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
    await target.waitFor();
    for (let i = 0; i < 120; i++) {
      if (await focused(target)) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached ${String(target)}`);
  }

  /** Into a fresh page, signed in with the keyboard on the sign-in form. */
  async function signInByKeyboard(user: TestUser): Promise<{ page: Page; problems: string[] }> {
    const { context, page } = await newPage(browser, app);
    contexts.push(context);
    const problems = watchConsole(page);
    await page.goto('/app/login');
    await expectAccessible(page, 'sign-in');
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(user.email);
    await tabTo(page, page.getByLabel('Password'));
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/app');
    return { page, problems };
  }

  async function mkDefender(fullName: string, consents: string[] = []): Promise<string> {
    const res = await caseworker.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName, country: 'EG', nationalities: ['EG'], hrdFocus: ['journalist'] },
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    for (const purpose of consents) {
      const given = await caseworker.request({
        method: 'POST',
        url: `/api/v1/defenders/${id}/consents`,
        body: {
          purpose,
          decision: 'given',
          givenBy: 'defender',
          method: 'written',
          decidedOn: '2026-05-01',
        },
      });
      expect(given.status).toBe(201);
    }
    return id;
  }

  it('records an arrest: from home to the profile, the event form, the new status', async () => {
    await mkDefender('Rania Keyboard');
    const { page, problems } = await signInByKeyboard(caseworker);
    await expectAccessible(page, 'home');

    await tabTo(
      page,
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Defenders' }),
    );
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/defenders');
    await expectAccessible(page, 'defenders list');
    await tabTo(page, page.getByLabel('Search', { exact: true }));
    await page.keyboard.type('rania');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=rania/);
    await tabTo(page, page.getByRole('link', { name: 'Rania Keyboard' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/defenders\/[0-9a-f-]{36}$/);
    await expectAccessible(page, 'profile');

    const add = page.locator('#add-event-form');
    await tabTo(page, add.getByLabel('Event'));
    await page.keyboard.type('Arrest');
    await expect(add.getByLabel('Event').inputValue()).resolves.toBe('arrest');
    await tabTo(page, add.getByLabel('Date'));
    await page.keyboard.type('05012026'); // a date input takes its parts in the locale's order
    await tabTo(page, add.getByLabel('Place'));
    await page.keyboard.type('Police station 9');
    await tabTo(page, add.getByRole('button', { name: 'Add the event' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=defenders\.notices\.eventAdded/);
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Detained');
    await expectAccessible(page, 'profile after the arrest');
    expect(problems).toEqual([]);
  });

  it('generates a dossier: the request, what is missing said, confirmed with Space', async () => {
    const id = await mkDefender('Omar Keyboard', ['un_submission']);
    const esc = await coordinator.request({
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [id], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(esc.status).toBe(201);
    const { page, problems } = await signInByKeyboard(coordinator);
    await page.goto(`/app/escalations/${esc.body.id as string}`);
    await expectAccessible(page, 'escalation');

    await tabTo(page, page.getByRole('button', { name: 'Request the dossier' }));
    await page.keyboard.press('Enter');
    // What the mechanism still needs is said; the box to go ahead anyway takes Space.
    const anyway = page.getByLabel(
      /Generate it although something the mechanism requires is missing/,
    );
    await tabTo(page, anyway, true);
    await page.keyboard.press('Space');
    await expect(anyway.isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'escalation with the dossier check');
    await tabTo(page, page.getByRole('button', { name: 'Request the dossier' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/dossierRequested/);
    await expect(page.locator('.esc-dossier-status').first().textContent()).resolves.toContain(
      'Queued',
    );
    await expectAccessible(page, 'escalation with a dossier queued');
    expect(problems).toEqual([]);
  });

  it('reviews a publication: writes the public text, picks a charge, saves without featuring', async () => {
    const id = await mkDefender('Lina Keyboard');
    const arrest = await caseworker.request({
      method: 'POST',
      url: `/api/v1/defenders/${id}/events`,
      body: { type: 'arrest', occurredOn: '2026-03-18', charges: ['Spreading false news'] },
    });
    expect(arrest.status).toBe(201);
    const { page, problems } = await signInByKeyboard(coordinator);
    await page.goto(`/app/defenders/${id}/publication`);
    await expectAccessible(page, 'publication');

    await tabTo(page, page.getByLabel('Public summary'));
    await page.keyboard.type('A journalist detained for her reporting.');
    const charge = page.getByLabel(/Arrest: Spreading false news/);
    await tabTo(page, charge);
    await page.keyboard.press('Space');
    await expect(charge.isChecked()).resolves.toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Save without featuring' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=publication\.notices\.notFeatured/);
    await expect(
      page.locator('#public-preview [data-field="publicSummary"]').textContent(),
    ).resolves.toBe('A journalist detained for her reporting.');
    await expectAccessible(page, 'publication saved');
    expect(problems).toEqual([]);
  });
});
