import { readFileSync } from 'node:fs';
import { totpAt } from '@witness/domain';
import type { Browser } from 'playwright-core';
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

/**
 * The web app's foundation: sign-in with password and TOTP, sign-out, session expiry back to
 * the sign-in page with the address kept, the session cookie's flags, CSRF and the strict
 * Content-Security-Policy. Real api, real PostgreSQL and Redis, Debian's chromium.
 */
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  // Coordinators and admins must have a second factor here, as in production.
  // The TLS-terminating proxy is on loopback (X-Forwarded-Proto: https makes the cookie Secure).
  app = await startWebApp({ env: { AUTH_REQUIRE_MFA: 'true', TRUST_PROXY: '127.0.0.1' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const webSession = (user: TestUser) => signInOverHttp(app, user);

describe('signing in and out', () => {
  it('a coordinator enrols a second factor on first sign-in, then signs in with a code', async () => {
    const coordinator = await createUser(app, 'coordinator', 'Chidi Coordinator');
    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);

    // A password alone opens only the enrolment page.
    await signIn(page, coordinator);
    expect(new URL(page.url()).pathname).toBe('/app/mfa');
    expect(await page.getByText('Your role needs a second factor').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await page.goto('/app');
    expect(new URL(page.url()).pathname).toBe('/app/mfa');

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.locator('code.secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // The QR code beside it: an SVG made by the server, holding the otpauth link.
    const qr = page.getByRole('img', { name: /QR code/ });
    const src = (await qr.getAttribute('src'))!;
    expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(src.split(',')[1], 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    // Drawn by the browser under the strict CSP (a data: image is allowed).
    await expect(
      qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBeGreaterThan(0);
    // A wrong code: a sentence next to the field, the factor not active, the same secret
    // (already in the app) still shown, and after a reload too.
    await page.getByLabel('Authenticator code').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.locator('#f-totp-error').textContent()).resolves.toBe(
      'Enter the 6-digit code your authenticator app shows now',
    );
    await expect(page.locator('code.secret').textContent()).resolves.toBe(secret);
    await expect(page.getByRole('img', { name: /QR code/ }).getAttribute('src')).resolves.toBe(src);
    await expectAccessible(page, 'mfa enrolment with an error');
    await page.goto('/app/mfa');
    await expect(page.locator('code.secret').textContent()).resolves.toBe(secret);

    await page.getByLabel('Authenticator code').fill(totpAt(secret, app.clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = await page.locator('.codes li').allTextContents();
    expect(codes).toHaveLength(10);
    // Shown once, with a text file to keep them.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the recovery codes (text file)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('witness-recovery-codes.txt');
    const file = readFileSync((await download.path())!, 'utf8');
    for (const code of codes) expect(file).toContain(code.trim());
    await expectAccessible(page, 'mfa recovery codes');
    await screenshot(page, 'mfa-recovery-codes');
    await page.getByRole('link', { name: 'Continue' }).click();
    expect(await page.locator('h1').textContent()).toBe('My work');

    // Sign out: back to the sign-in page, and the old session is gone for good.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/app\/login/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('You are signed out');
    expect((await context.cookies()).find((c) => c.name === 'witness_session')).toBeUndefined();
    await page.goto('/app');
    expect(new URL(page.url()).pathname).toBe('/app/login');

    // The next sign-in needs the code with the password: without it, the same answer as a
    // wrong password (which says to enter the code); with it, the coordinator is in.
    app.clock.advance(60_000);
    await page.getByLabel('Email').fill(coordinator.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain(
      'The email, password or code is not right. If your account has a second factor, enter its code',
    );
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByLabel('Authenticator code').fill(totpAt(secret, app.clock.now()));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/app');
    expect(await page.locator('h1').textContent()).toBe('My work');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a wrong password says so without saying whether the account exists', async () => {
    const { context, page } = await newPage(browser, app, 'phone');
    await page.goto('/app/login');
    await page.getByLabel('Email').fill('nobody@example.org');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain(
      'The email, password or code is not right',
    );
    expect(new URL(page.url()).pathname).toBe('/app/login');
    // An email that is not one: named next to the field.
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('x');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#f-email-error').textContent()).resolves.toBe(
      'Enter an email address in the correct format, like name@example.org',
    );
    await expectAccessible(page, 'sign-in page with errors, phone');
    await screenshot(page, 'sign-in-errors-phone');
    await context.close();
  });

  it('an ended session returns to the sign-in page and, after sign-in, to the page it was on', async () => {
    const caseworker = await createUser(app, 'caseworker');
    const { context, page } = await newPage(browser, app);
    await signIn(page, caseworker);
    await page.goto('/app/mfa?tab=1');
    expect(await page.locator('h1').textContent()).toBe('Second factor');

    app.clock.advance(31 * 60_000); // past the 30-minute idle timeout
    await page.reload();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/app/login');
    expect(url.searchParams.get('next')).toBe('/app/mfa?tab=1');
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Your session has ended',
    );

    await page.getByLabel('Email').fill(caseworker.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/app/mfa');
    expect(new URL(page.url()).search).toBe('?tab=1');
    await context.close();
  });

  it('never returns to an address outside the web app after sign-in', async () => {
    const caseworker = await createUser(app, 'caseworker');
    const { context, page } = await newPage(browser, app);
    for (const next of ['https://evil.example/app', '//evil.example/app', '/api/v1/users']) {
      await page.goto(`/app/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Email').fill(caseworker.email);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/app/login'));
      expect(page.url()).toBe(`${app.baseUrl}/app`);
      await context.clearCookies();
    }
    await context.close();
  });
});

describe('the session cookie and CSRF', () => {
  it('is HttpOnly, SameSite=Strict, scoped to /app, and Secure behind TLS', async () => {
    const user = await createUser(app, 'viewer');
    const { cookie } = await webSession(user);
    expect(cookie).toMatch(/^witness_session=[A-Za-z0-9_-]{40,}$/);

    const page = await app.app.inject({
      method: 'GET',
      url: '/app/login',
      headers: { 'x-forwarded-proto': 'https' },
    });
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    expect(String(page.headers['set-cookie'])).toMatch(/Secure/);
    const res = await app.app.inject({
      method: 'POST',
      url: '/app/login',
      headers: {
        cookie: `witness_login_csrf=${loginCsrf}`,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
        host: 'witness.example.org',
        origin: 'https://witness.example.org',
      },
      payload: form({ _csrf: loginCsrf, email: user.email, password: user.password }),
    });
    expect(res.statusCode).toBe(303);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(
      /witness_session=[^;]+; Path=\/app; HttpOnly; Secure; SameSite=Strict/,
    );
    // A browser-session cookie: the server decides when the session ends.
    expect(setCookie).not.toMatch(/witness_session=[^,]*Expires/);
  });

  it('refuses a state-changing request without the right token or from another origin', async () => {
    const user = await createUser(app, 'caseworker');
    const { cookie, csrf } = await webSession(user);
    const logout = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
      app.app.inject({
        method: 'POST',
        url: '/app/logout',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: form(payload),
      });
    const stillSignedIn = async () =>
      (await app.app.inject({ method: 'GET', url: '/app', headers: { cookie } })).statusCode;

    for (const [payload, headers] of [
      [{}, {}],
      [{ _csrf: 'x'.repeat(csrf.length) }, {}],
      [{ _csrf: csrf.slice(1) }, {}],
      [{ _csrf: csrf }, { origin: 'https://evil.example' }],
      [{ _csrf: csrf }, { referer: 'https://evil.example/page' }],
      [{ _csrf: csrf }, { origin: 'null' }],
    ] as [Record<string, string>, Record<string, string>][]) {
      const res = await logout(payload, headers);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('came from another site');
      expect(await stillSignedIn()).toBe(200);
    }
    // The header works for the page's own script; the field for forms.
    expect((await logout({}, { 'x-csrf-token': csrf })).statusCode).toBe(303);
    expect(await stillSignedIn()).toBe(303);
  });

  it('refuses a sign-in form that did not come from the sign-in page', async () => {
    const user = await createUser(app, 'caseworker');
    const res = await app.app.inject({
      method: 'POST',
      url: '/app/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: 'forged-token-value', email: user.email, password: user.password }),
    });
    expect(res.statusCode).toBe(403);
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('witness_session=');
  });

  it('never accepts a bearer token on web routes, nor the cookie on the API', async () => {
    const user = await createUser(app, 'caseworker');
    const { cookie } = await webSession(user);
    const web = await app.app.inject({
      method: 'GET',
      url: '/app',
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(web.statusCode).toBe(303);
    expect(web.headers.location).toMatch(/^\/app\/login\?next=/);
    const api = await app.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie },
    });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('pages', () => {
  it('carry a strict Content-Security-Policy and no inline script or style', async () => {
    const user = await createUser(app, 'caseworker');
    const { cookie } = await webSession(user);
    for (const url of ['/app/login', '/app', '/app/mfa', '/app/no-such-page']) {
      const res = await app.app.inject({ method: 'GET', url, headers: { cookie } });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(res.body).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    }
  });

  it('answer an unknown address or a wrong one with an error page, not JSON', async () => {
    const user = await createUser(app, 'viewer');
    const { cookie } = await webSession(user);
    const res = await app.app.inject({
      method: 'GET',
      url: '/app/no-such-page',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('Not found');
    expect(res.body).toMatch(/Request id: [0-9a-f-]{36}/);
  });

  it('serve assets with long caching and the right types', async () => {
    const css = await app.app.inject({ method: 'GET', url: '/app/assets/app.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toContain('immutable');
    const missing = await app.app.inject({ method: 'GET', url: '/app/assets/..%2Fpackage.json' });
    expect(missing.statusCode).toBe(404);
  });

  it('speak the reader’s language when Witness has it, English otherwise', async () => {
    const res = await app.app.inject({
      method: 'GET',
      url: '/app/login',
      headers: { 'accept-language': 'sw-KE, sw;q=0.9' },
    });
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Sign in');
  });
});
