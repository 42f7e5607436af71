import type { Browser, BrowserContext } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  signIn,
  startWebApp,
  watchConsole,
  type WebApp,
} from '../support/browser';
import { createUser, type TestUser } from '../support/users';

jest.setTimeout(180_000);

/**
 * Errors in words, on every form the same way: a summary at the top (role=alert) linking to
 * each field, a sentence naming the field by its label beside it, the field marked invalid and
 * described by its message, and focus on the first field to correct.
 */
describe('web app: form errors', () => {
  let app: WebApp;
  let browser: Browser;
  let caseworker: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    browser = await launchBrowser();
    caseworker = await createUser(app, 'caseworker', 'Casey Caseworker');
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('an empty new-defender form: a summary of sentences linking to the fields, the first focused', async () => {
    const { context, page } = await newPage(browser, app);
    contexts.push(context);
    const problems = watchConsole(page);
    await signIn(page, caseworker);
    await page.goto('/app/defenders/new');
    await page
      .getByRole('button', { name: /create/i })
      .first()
      .click();
    await page.waitForSelector('.error-summary');

    const summary = page.locator('.error-summary');
    await expect(summary.getAttribute('role')).resolves.toBe('alert');
    const links = summary.locator('a');
    const items = await links.evaluateAll((as) =>
      as.map((a) => [a.textContent, a.getAttribute('href')]),
    );
    expect(items).toEqual(
      expect.arrayContaining([
        ["Enter the person's full name", '#f-fullName'],
        ['Choose a country from the list', '#f-country'],
      ]),
    );
    // The full name comes first, as on the page; no words of the validator are left.
    expect(items[0]).toEqual(["Enter the person's full name", '#f-fullName']);
    const text = await summary.innerText();
    expect(text).not.toMatch(/must be|characters|ISO 3166|fullName/);

    // The field: marked invalid, described by its message, and focused.
    const fullName = page.locator('#f-fullName');
    await expect(fullName.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(fullName.getAttribute('aria-describedby')).resolves.toContain('f-fullName-error');
    await expect(page.locator('#f-fullName-error').textContent()).resolves.toBe(
      "Enter the person's full name",
    );
    await expect(
      page.evaluate('document.activeElement && document.activeElement.id'),
    ).resolves.toBe('f-fullName');

    // The summary's link takes focus to its field.
    await summary.getByRole('link', { name: 'Choose a country from the list' }).click();
    await expect(
      page.evaluate('document.activeElement && document.activeElement.id'),
    ).resolves.toBe('f-country');
    await expectAccessible(page, 'new defender with errors');
    expect(problems).toEqual([]);
  });

  it('without scripts, the first invalid field still has the focus (autofocus)', async () => {
    const { context, page } = await newPage(browser, app, 'phone', { javaScript: false });
    contexts.push(context);
    await signIn(page, caseworker);
    await page.goto('/app/defenders/new');
    await page
      .getByRole('button', { name: /create/i })
      .first()
      .click();
    await page.waitForSelector('.error-summary');
    await expect(
      page.locator('[autofocus]').evaluateAll((els) => els.map((e) => e.id)),
    ).resolves.toEqual(['f-fullName']);
    await expect(page.locator('#f-country-error').textContent()).resolves.toBe(
      'Choose a country from the list',
    );
  });
});
