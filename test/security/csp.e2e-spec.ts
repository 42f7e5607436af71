import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  newPage,
  startWebApp,
  watchConsole,
  webSession,
  type WebApp,
} from '../support/browser';
import { createStaff, type TestUser } from '../support/users';
import type { Role } from '@witness/domain';

/**
 * Finding 9 of the security review: JSON answers carried the Swagger UI's script-permitting
 * policy (`'unsafe-inline'`). Every answer that is not a page now says
 * `default-src 'none'; frame-ancestors 'none'`; the web app's pages keep their own strict
 * policy, and the Swagger UI and Bull Board get only what their bundles need (and still work).
 */
describe('security: Content-Security-Policy by kind of answer', () => {
  let app: WebApp;
  let browser: Browser;
  let staff: Record<Role, TestUser>;
  let API_CSP: string;
  let TOOL_UI_CSP: string;
  let WEB_CSP: string;

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    // The api's own constants, loaded the way the harness loads the app.
    ({ API_CSP, TOOL_UI_CSP } = await import('../../apps/api/src/http/security-headers'));
    ({ WEB_CSP } = await import('../../apps/api/src/web/views'));
    staff = await createStaff(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const csp = async (
    url: string,
    opts: { as?: TestUser; method?: 'GET' | 'POST'; headers?: Record<string, string> } = {},
  ) => {
    const res = await app.app.inject({
      method: opts.method ?? 'GET',
      url,
      headers: {
        ...(opts.as ? { authorization: `Bearer ${opts.as.token}` } : {}),
        ...(opts.headers ?? {}),
      },
    });
    return {
      status: res.statusCode,
      type: String(res.headers['content-type'] ?? ''),
      csp: String(res.headers['content-security-policy']),
    };
  };

  it("gives every API answer default-src 'none'; frame-ancestors 'none'", async () => {
    const feed = await staff.caseworker.request({
      method: 'POST',
      url: '/api/v1/me/calendar-feed',
    });
    expect(feed.status).toBeLessThan(300);
    const feedPath = new URL(feed.body.url as string).pathname;
    const answers = {
      json: await csp('/api/v1/defenders', { as: staff.viewer }),
      problem401: await csp('/api/v1/defenders'),
      problem403: await csp('/api/v1/users', { as: staff.viewer }),
      problem404: await csp('/api/v1/no-such-route'),
      problem400: await csp('/api/v1/defenders?limit=abc', { as: staff.viewer }),
      csv: await csp('/api/v1/imports/defenders/template.csv', { as: staff.caseworker }),
      ical: await csp(feedPath),
      atom: await csp('/public/v1/defenders.atom'),
      publicJson: await csp('/public/v1/defenders'),
      health: await csp('/health/live'),
      openapiJson: await csp('/docs-json'),
      metrics: await csp('/metrics', { as: staff.admin }),
    };
    const types = {
      json: /^application\/json/,
      problem401: /^application\/problem\+json/,
      problem403: /^application\/problem\+json/,
      problem404: /^application\/problem\+json/,
      problem400: /^application\/problem\+json/,
      csv: /^text\/csv/,
      ical: /^text\/calendar/,
      atom: /^application\/atom\+xml/,
      publicJson: /^application\/json/,
      health: /^application\/json/,
      openapiJson: /^application\/json/,
      metrics: /^text\/plain/,
    };
    for (const [kind, answer] of Object.entries(answers)) {
      expect({ kind, type: answer.type, csp: answer.csp }).toEqual({
        kind,
        type: expect.stringMatching(types[kind as keyof typeof types]),
        csp: "default-src 'none'; frame-ancestors 'none'",
      });
    }
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('keeps the web app’s own strict policy on its pages', async () => {
    const page = await csp('/app/login');
    expect(page.type).toMatch(/^text\/html/);
    expect(page.csp).toBe(WEB_CSP);
    expect(page.csp).not.toContain('unsafe-inline');
    expect(page.csp).toContain("frame-ancestors 'none'");
    const { cookie } = await webSession(app, staff.viewer);
    const home = await csp('/app', { headers: { cookie } });
    expect(home).toMatchObject({ status: 200, csp: WEB_CSP });
  });

  it('gives the Swagger UI what it needs and no inline script; it still renders', async () => {
    const docs = await csp('/docs');
    expect(docs.type).toMatch(/^text\/html/);
    expect(docs.csp).toBe(TOOL_UI_CSP);
    expect(docs.csp).toContain("script-src 'self'");
    expect(docs.csp).not.toMatch(/script-src[^;]*unsafe/);

    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);
    await page.goto('/docs');
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Witness API');
    // The operations were loaded from /docs-json and drawn.
    await page.locator('.opblock-tag').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives Bull Board its tool policy; it still renders for an admin', async () => {
    const board = await csp('/admin/queues', { as: staff.admin });
    expect(board).toMatchObject({ status: 200, csp: TOOL_UI_CSP });
    expect((await csp('/admin/queues/api/queues', { as: staff.admin })).csp).toBe(TOOL_UI_CSP);

    const context = await browser.newContext({
      baseURL: app.baseUrl,
      extraHTTPHeaders: { authorization: `Bearer ${staff.admin.token}` },
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto('/admin/queues');
    await page.getByText('reminders', { exact: false }).first().waitFor();
    // Its markup links a web font from another site, which the policy (rightly) refuses.
    expect(problems.filter((p) => !/stylesheet .* violates .*"style-src /.test(p))).toEqual([]);
    await context.close();
  });
});
