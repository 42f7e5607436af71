import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  startWebApp,
  watchConsole,
  type WebApp,
} from '../support/browser';
import { createUser, type TestUser } from '../support/users';

jest.setTimeout(180_000);

/**
 * Countries are chosen and shown by their names in the page's language, never typed as ISO
 * codes: a defender's nationalities and the states of a UN calendar entry are one input per
 * country with the list of countries offered as one types (a datalist, so it works without
 * script); what is saved is the code.
 */
describe('web app: countries by name', () => {
  let app: WebApp;
  let browser: Browser;
  let coordinator: TestUser;
  const contexts: BrowserContext[] = [];
  const name = (code: string, lang: string) =>
    new Intl.DisplayNames([lang], { type: 'region' }).of(code)!;

  /** A signed-in page in a language (by Accept-Language), optionally without script. */
  const pageIn = async (locale: string, javaScriptEnabled = true) => {
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 860 },
      locale,
      javaScriptEnabled,
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto('/app/login');
    await page.locator('input[name="email"]').fill(coordinator.email);
    await page.locator('input[name="password"]').fill(coordinator.password);
    await page.locator('form[action="/app/login"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
    return { page, problems };
  };

  const nationalities = async (fullName: string): Promise<string[] | undefined> =>
    (
      await app.db.query(`SELECT nationalities FROM defenders WHERE full_name = $1`, [fullName])
    )[0]?.nationalities;

  const datalistHas = (page: Page, list: string, label: string) =>
    page.locator(`datalist#${list} option[value="${label}"]`).count();

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    browser = await launchBrowser();
    coordinator = await createUser(app, 'coordinator', 'Cora Countries');
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('nationalities are picked by name from the list and saved as codes (en)', async () => {
    const { page, problems } = await pageIn('en-GB');
    await page.goto('/app/defenders/new');
    expect(await datalistHas(page, 'country-names-nationalities', 'Kenya')).toBe(1);
    await page.getByLabel('Full name').fill('Amina Nationals');
    await page.getByLabel('Country of detention').selectOption({ label: 'Kenya' });
    await page.getByLabel('Nationalities: country 1').fill('Kenya');
    await expectAccessible(page, 'defender form with country inputs');
    await page.getByRole('button', { name: 'Create the case record' }).click();
    await page.waitForURL(/\/app\/defenders\/[0-9a-f-]{36}\?/);
    expect(await nationalities('Amina Nationals')).toEqual(['KE']);
    const profile = await page.locator('main').innerText();
    expect(profile).toMatch(/Nationalities\s+Kenya/);
    expect(profile).not.toContain('(KE)');

    // Editing: the saved one shown by its name, a blank input for another.
    await page.goto(`${new URL(page.url()).pathname}/edit`);
    await expect(page.getByLabel('Nationalities: country 1').inputValue()).resolves.toBe('Kenya');
    await expect(page.getByLabel('Nationalities: country 2').inputValue()).resolves.toBe('');
    await page.getByLabel('Nationalities: country 2').fill('ethiopia');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/app\/defenders\/[0-9a-f-]{36}\?/);
    expect(await nationalities('Amina Nationals')).toEqual(['KE', 'ET']);
    await expect(page.locator('main').innerText()).resolves.toMatch(
      /Nationalities\s+Kenya, Ethiopia/,
    );
    expect(problems).toEqual([]);
  });

  it('in French, without script: names in French, an unknown one is a French sentence naming the field', async () => {
    const { page } = await pageIn('fr-FR', false);
    await page.goto('/app/defenders/new');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    expect(await datalistHas(page, 'country-names-nationalities', name('ET', 'fr'))).toBe(1);
    await page.locator('input[name="fullName"]').fill('Binta Nationale');
    await page.locator('select[name="country"]').selectOption('ML');
    await page.locator('#f-nationalities').fill('Narnie');
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForLoadState();
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Choisissez chaque nationalité dans la liste des pays');
    expect(summary).not.toMatch(/ISO|alpha-2/);
    expect(await nationalities('Binta Nationale')).toBeUndefined();
    await expect(page.locator('#f-nationalities').inputValue()).resolves.toBe('Narnie');
    await expect(page.locator('#f-nationalities').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );

    await page.locator('#f-nationalities').fill(name('ET', 'fr'));
    await page.locator('#f-nationalities-1').fill('Mali');
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForURL(/\/app\/defenders\/[0-9a-f-]{36}\?/);
    expect(await nationalities('Binta Nationale')).toEqual(['ET', 'ML']);
    await expect(page.locator('main').innerText()).resolves.toContain(
      `${name('ET', 'fr')}, ${name('ML', 'fr')}`,
    );
  });

  it('a UN calendar entry’s states are picked by name and shown by name (es)', async () => {
    const { page, problems } = await pageIn('es-ES');
    await page.goto('/app/calendar/entries/new');
    expect(await datalistHas(page, 'country-names-countries', name('TD', 'es'))).toBe(1);
    await page.locator('select[name="kind"]').selectOption('upr_session');
    await page.locator('input[name="title"]').fill('EPU 48');
    await page.locator('#f-startsOn').fill('2026-11-02');
    await page.locator('#f-endsOn').fill('2026-11-13');
    await page.locator('#f-countries').fill(name('BD', 'es'));
    await expectAccessible(page, 'calendar form in Spanish');
    await page.locator('form button[type="submit"]').last().click();
    // One country per input: a second one goes in the blank input the page offers again.
    await page.waitForURL(/\/app\/calendar\/entries\/[0-9a-f-]{36}\?/);
    const id = /entries\/([0-9a-f-]{36})/.exec(page.url())![1];
    await page.goto(`/app/calendar/entries/${id}/edit`);
    await expect(page.locator('#f-countries').inputValue()).resolves.toBe(name('BD', 'es'));
    await page.locator('#f-countries-1').fill(name('TD', 'es'));
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForURL(`**/app/calendar/entries/${id}?*`);
    const [row] = await app.db.query(`SELECT countries FROM un_calendar_entries WHERE id = $1`, [
      id,
    ]);
    expect(row.countries).toEqual(['BD', 'TD']);
    const shown = await page.locator('main').innerText();
    expect(shown).toContain(`${name('BD', 'es')}, ${name('TD', 'es')}`);
    expect(shown).not.toMatch(/\bBD, TD\b/);

    // A state that is no country: a Spanish sentence naming the field, nothing saved.
    await page.goto(`/app/calendar/entries/${id}/edit`);
    await page.locator('#f-countries-2').fill('Atlántida');
    await page.locator('form button[type="submit"]').last().click();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain(
      'Elija cada país de la lista',
    );
    const [after] = await app.db.query(`SELECT countries FROM un_calendar_entries WHERE id = $1`, [
      id,
    ]);
    expect(after.countries).toEqual(['BD', 'TD']);
    expect(problems).toEqual([]);
  });
});
