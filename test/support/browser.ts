import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from './api';
import type { TestUser } from './users';

export const ARTIFACTS_DIR = join(__dirname, '..', 'artifacts');

export interface WebApp extends TestApi {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
}

/**
 * The real api (same factory as production, real PostgreSQL and Redis, manual clock)
 * listening on a free loopback port, for a real browser to talk to.
 */
export async function startWebApp(options: Parameters<typeof startApi>[0] = {}): Promise<WebApp> {
  const api = await startApi(options);
  await api.app.listen(0, '127.0.0.1');
  const address = api.app.getHttpServer().address() as { port: number };
  return { ...api, baseUrl: `http://127.0.0.1:${address.port}` };
}

/**
 * Debian's chromium driven by playwright-core (no browser download). Flags: no sandbox (root
 * in CI), no GPU, and no background networking (this machine has no internet).
 */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh browser context (its own cookies) with a page, on a laptop or a phone screen;
 * `javaScript: false` for a browser without scripts (the pages must work without app.js).
 */
export async function newPage(
  browser: Browser,
  app: WebApp,
  viewport: 'laptop' | 'phone' = 'laptop',
  options: { javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: app.baseUrl,
    viewport: viewport === 'phone' ? { width: 375, height: 740 } : { width: 1280, height: 860 },
    locale: 'en-GB',
    ...(options.javaScript === false ? { javaScriptEnabled: false } : {}),
  });
  const page = await context.newPage();
  return { context, page };
}

/** Sign in through the sign-in page, as a person would. */
export async function signIn(
  page: Page,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
}

/**
 * Sign in over HTTP as the browser would (the sign-in page, its double-submit token, the
 * form), without a browser: the session cookie (`witness_session=...`) and the CSRF token
 * the pages carry, for requests sent by hand with `app.app.inject`.
 */
export async function webSession(
  app: WebApp,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<{ cookie: string; csrf: string }> {
  const res = await postSignInForm(app, {
    email: user.email,
    password: user.password,
    next: '/app',
  });
  if (res.statusCode !== 303) throw new Error(`web sign-in failed: ${res.statusCode}`);
  const cookie = String(res.headers['set-cookie']).match(/witness_session=([^;]+)/)![0];
  const page = await app.app.inject({ method: 'GET', url: '/app/mfa', headers: { cookie } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1];
  return { cookie, csrf };
}

/** Post the sign-in form as a browser would: the page first, then the form with its token. */
export async function postSignInForm(
  app: TestApi,
  fields: Record<string, string>,
): Promise<Awaited<ReturnType<TestApi['app']['inject']>>> {
  const login = await app.app.inject({ method: 'GET', url: '/app/login' });
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(login.body)![1];
  return app.app.inject({
    method: 'POST',
    url: '/app/login',
    headers: {
      cookie: `witness_login_csrf=${loginCsrf}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ _csrf: loginCsrf, ...fields }).toString(),
  });
}

let axeSource: string | undefined;

/**
 * Run axe-core (WCAG 2.0/2.1, levels A and AA, and axe's best practices, such as unique
 * landmarks) on the page as it is now, and fail with the list of violations of any impact if
 * there is any. The script is evaluated through the DevTools protocol,
 * so the page's strict CSP stays in force for everything else.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  // A string, so this file needs no DOM types: it runs in the page, where `axe` is global.
  const violations = (await page.evaluate(`(async () => {
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations.map((v) =>
      v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')');
  })()`)) as string[];
  if (violations.length) {
    throw new Error(`Accessibility violations on ${label}:\n- ${violations.join('\n- ')}`);
  }
}

/** A full-page screenshot in test/artifacts/ (ignored by git), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * Errors the page's scripts threw and CSP violations it reported ("Refused to ..."),
 * collected as they happen.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A page answered 4xx on purpose (a form with errors) is not a problem of the page.
    if (
      msg.type() === 'error' &&
      !/^Failed to load resource: .* status of 4\d\d/.test(msg.text())
    ) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  return problems;
}
