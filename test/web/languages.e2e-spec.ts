import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  screenshot,
  watchConsole,
  startWebApp,
  webSession,
  type WebApp,
} from '../support/browser';
import { createUser, type TestUser } from '../support/users';

jest.setTimeout(180_000);

const NOW = '2026-06-15T10:00:00Z';

/**
 * The web app in the reader's language: French and Spanish from the browser's
 * Accept-Language, and a person's own choice, kept on their account, above it.
 */
describe('web app: French and Spanish', () => {
  let app: WebApp;
  let browser: Browser;
  let coordinator: TestUser;
  let caseworker: TestUser;
  let francophone: TestUser;
  let chooser: TestUser;
  let defenderId: string;
  const contexts: BrowserContext[] = [];

  /** A browser of its own (own cookies) whose Accept-Language follows `locale`. */
  const browserIn = async (locale: string) => {
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 860 },
      locale,
    });
    contexts.push(context);
    const page = await context.newPage();
    return { context, page, problems: watchConsole(page) };
  };

  /** Sign in through the sign-in page, whatever its language (the fields by their names). */
  const signInAs = async (page: Page, user: TestUser) => {
    await page.goto('/app/login');
    await page.locator('input[name="email"]').fill(user.email);
    await page.locator('input[name="password"]').fill(user.password);
    await page.locator('form[action="/app/login"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
  };

  const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
  const h1 = (page: Page) => page.locator('h1').first().textContent();

  beforeAll(async () => {
    app = await startWebApp({ now: NOW });
    browser = await launchBrowser();
    [coordinator, caseworker, francophone, chooser] = await Promise.all([
      createUser(app, 'coordinator', 'Cora Coordinatrice'),
      createUser(app, 'caseworker', 'Carmen Gestora'),
      createUser(app, 'caseworker', 'Camille Chargée'),
      createUser(app, 'caseworker', 'Chus Gestora'),
    ]);
    const res = await coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Mariam Traoré', country: 'ML' },
    });
    expect(res.status).toBe(201);
    defenderId = res.body.id as string;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('a caseworker whose browser asks for French works in French', async () => {
    const { page, problems } = await browserIn('fr-FR');

    await page.goto('/app/login');
    await expect(htmlLang(page)).resolves.toBe('fr');
    await expect(page.title()).resolves.toBe('Se connecter · Witness');
    await expect(page.getByLabel('Adresse électronique').count()).resolves.toBe(1);
    await expect(page.getByLabel('Mot de passe').count()).resolves.toBe(1);
    await expectAccessible(page, 'sign-in page in French');
    await signInAs(page, francophone);
    await expect(h1(page)).resolves.toBe('Mon travail');
    await expect(page.getByRole('button', { name: 'Se déconnecter' }).count()).resolves.toBe(1);

    await page.goto('/app/defenders');
    await expect(htmlLang(page)).resolves.toBe('fr');
    await expect(h1(page)).resolves.toBe('Défenseurs');
    await expect(
      page.getByRole('columnheader', { name: 'Jours de détention' }).count(),
    ).resolves.toBe(1);
    await expectAccessible(page, 'defenders list in French');
    await page.getByRole('link', { name: 'Mariam Traoré' }).click();
    await page.waitForURL(`**/app/defenders/${defenderId}`);
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Inconnu');
    await expect(page.getByRole('heading', { name: 'Chronologie' }).count()).resolves.toBe(1);

    // The arrest, through the French form: the notice, the status and the date in French.
    const add = page.locator('#add-event-form');
    await add.getByLabel('Événement').selectOption('arrest');
    await add.getByLabel('Date').fill('2026-05-01');
    await add.getByLabel('Lieu').fill('Commissariat du 4e arrondissement');
    await add.getByRole('button', { name: 'Ajouter l’événement' }).click();
    await page.waitForURL(/notice=defenders\.notices\.eventAdded/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'L’événement figure dans la chronologie.',
    );
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Détenu');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('1 mai 2026');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Arrestation');
    await expectAccessible(page, 'defender profile in French');
    await screenshot(page, 'fr-defender-profile');

    // A release dated in the future is refused: the form comes back with its errors in French.
    await add.getByLabel('Événement').selectOption('release');
    await add.getByLabel('Date').fill('2026-08-01');
    await add.getByRole('button', { name: 'Ajouter l’événement' }).click();
    await expect(page.locator('#new-event-occurredOn-error').textContent()).resolves.not.toBe('');
    await expect(htmlLang(page)).resolves.toBe('fr');
    await expect(page.locator('.error-summary h2').first().textContent()).resolves.toBe(
      'Il y a un problème',
    );
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Détenu');
    await expectAccessible(page, 'new event form with an error, in French');

    // Choosing another language from a form answered with its errors goes back to its page.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.waitForURL(`**/app/defenders/${defenderId}?notice=language.notices.changed`);
    await expect(htmlLang(page)).resolves.toBe('es');
    expect(problems).toEqual([]);
  });

  it('a caseworker whose browser asks for Spanish works in Spanish', async () => {
    const { page, problems } = await browserIn('es-MX');

    await page.goto('/app/login');
    await expect(htmlLang(page)).resolves.toBe('es');
    await expect(page.title()).resolves.toBe('Iniciar sesión · Witness');
    await expect(page.getByLabel('Contraseña').count()).resolves.toBe(1);
    await signInAs(page, caseworker);
    await expect(h1(page)).resolves.toBe('Mi trabajo');

    await page.goto('/app/defenders');
    await expect(h1(page)).resolves.toBe('Defensores');
    await page.getByRole('link', { name: 'Mariam Traoré' }).click();
    await page.waitForURL(`**/app/defenders/${defenderId}`);
    await expect(page.locator('#derived-status').textContent()).resolves.toBe('Detenido');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('1 may 2026');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Detención');
    await expect(page.getByRole('button', { name: 'Añadir el evento' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'defender profile in Spanish');
    expect(problems).toEqual([]);
  });

  it('a person’s own choice overrides the browser, on every browser they sign in from', async () => {
    const first = await browserIn('fr-FR');
    await signInAs(first.page, chooser);
    await first.page.goto(`/app/defenders/${defenderId}`);
    await expect(htmlLang(first.page)).resolves.toBe('fr');

    // The switcher in the header: each language named in itself, the current one not a button.
    await expect(first.page.getByRole('button', { name: 'Français' }).count()).resolves.toBe(0);
    await first.page.getByRole('button', { name: 'Español' }).click();
    // Back on the same page (post/redirect/get), now in Spanish, with a one-line notice.
    await first.page.waitForURL(`**/app/defenders/${defenderId}?notice=language.notices.changed`);
    await expect(htmlLang(first.page)).resolves.toBe('es');
    await expect(first.page.getByRole('status').first().textContent()).resolves.toContain(
      'Su idioma se ha guardado',
    );
    await expect(first.page.locator('#derived-status').textContent()).resolves.toBe('Detenido');
    await expectAccessible(first.page, 'profile after choosing Spanish');
    const stored = await app.db.query(`SELECT language FROM users WHERE id = $1`, [chooser.id]);
    expect(stored[0].language).toBe('es');
    // A reload does not post the choice again.
    await first.page.reload();
    await expect(htmlLang(first.page)).resolves.toBe('es');

    // Another browser that asks for French: the sign-in page is French, then the account's
    // Spanish wins.
    const second = await browserIn('fr-FR');
    await second.page.goto('/app/login');
    await expect(htmlLang(second.page)).resolves.toBe('fr');
    await signInAs(second.page, chooser);
    await expect(htmlLang(second.page)).resolves.toBe('es');
    await expect(h1(second.page)).resolves.toBe('Mi trabajo');
    // On a phone too, the switcher is there and usable.
    await second.page.setViewportSize({ width: 390, height: 800 });
    await expect(second.page.getByRole('button', { name: 'Français' }).isVisible()).resolves.toBe(
      true,
    );
    await expectAccessible(second.page, 'home in Spanish on a phone');
    await screenshot(second.page, 'es-home-phone');

    // Signed out, the first browser remembers the choice on the sign-in page.
    await first.page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await first.page.waitForURL('**/app/login?notice=signed_out');
    await expect(htmlLang(first.page)).resolves.toBe('es');
    await expect(first.page.getByRole('status').first().textContent()).resolves.toBe(
      'Ha cerrado la sesión.',
    );

    // Back to French from the account: the preference changes on the account too.
    await signInAs(first.page, chooser);
    await first.page.getByRole('button', { name: 'Français' }).click();
    await first.page.waitForURL(/notice=language\.notices\.changed/);
    await expect(htmlLang(first.page)).resolves.toBe('fr');
    const after = await app.db.query(`SELECT language FROM users WHERE id = $1`, [chooser.id]);
    expect(after[0].language).toBe('fr');
    expect([...first.problems, ...second.problems]).toEqual([]);
  });

  it('before signing in, a language is chosen on the sign-in page and kept in the browser', async () => {
    const { page, problems } = await browserIn('en-GB');
    await page.goto('/app/login');
    await expect(htmlLang(page)).resolves.toBe('en');
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL('**/app/login');
    await expect(htmlLang(page)).resolves.toBe('fr');
    await expect(page.getByRole('button', { name: 'Se connecter' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'sign-in page after choosing French');
    // Still French on the next visit, whatever the browser asks for.
    await page.goto('/app/login');
    await expect(htmlLang(page)).resolves.toBe('fr');
    // Signed in without a choice of their own, the browser's choice stays.
    await signInAs(page, coordinator);
    await expect(htmlLang(page)).resolves.toBe('fr');
    await expect(h1(page)).resolves.toBe('Mon travail');
    expect(problems).toEqual([]);
  });

  it('refuses a language it does not have, and a choice posted without the form’s token', async () => {
    const { cookie, csrf } = await webSession(app, coordinator);
    const post = (form: Record<string, string>) =>
      app.app.inject({
        method: 'POST',
        url: '/app/language',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });
    const unknown = await post({ _csrf: csrf, language: 'de', next: '/app' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<li>Language must be one of en, fr, es</li>');
    const forged = await post({ language: 'es', next: '/app' });
    expect(forged.statusCode).toBe(403);
    const stored = await app.db.query(`SELECT language FROM users WHERE id = $1`, [coordinator.id]);
    expect(stored[0].language).toBeNull();

    // Somewhere else than the web app is never a place to go back to.
    const away = await post({ _csrf: csrf, language: 'es', next: 'https://example.org/' });
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/app?notice=language.notices.changed');
    const anonymous = await app.app.inject({
      method: 'GET',
      url: '/app/language?lang=xx&next=/app/login',
    });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.headers['set-cookie']).toBeUndefined();
  });
});
