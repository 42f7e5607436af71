import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, signIn, startWebApp, type WebApp } from '../support/browser';
import { createStaff, type TestUser } from '../support/users';

jest.setTimeout(300_000);

/**
 * At phone width (390 px) no list page scrolls sideways: wide tables become cards (or
 * scroll inside their own frame), long names wrap. Each list page is opened with rows in it.
 */
describe('web app: list pages at phone width', () => {
  let app: WebApp;
  let browser: Browser;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let defenderId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    browser = await launchBrowser();
    staff = await createStaff(app);
    const ok = async (url: string, body: Record<string, unknown>) => {
      const res = await staff.coordinator.request({ method: 'POST', url, body });
      expect(res.status).toBeLessThan(300);
      return res.body as { id: string };
    };
    const d = await ok('/api/v1/defenders', {
      fullName: 'Aleksandra Konstantinopolskaya-Wolfeschlegelsteinhausen',
      country: 'BY',
    });
    defenderId = d.id;
    await ok(`/api/v1/defenders/${defenderId}/events`, {
      type: 'arrest',
      occurredOn: '2025-03-10',
    });
    await ok(`/api/v1/defenders/${defenderId}/events`, {
      type: 'hearing',
      occurredOn: '2026-06-25',
      place: 'Minsk City Court, Courtroom 12, before the criminal chamber',
    });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  const LIST_PAGES = (): string[] => [
    '/app',
    '/app/defenders',
    `/app/defenders/${defenderId}`,
    `/app/defenders/${defenderId}/history`,
    `/app/defenders/${defenderId}/documents`,
    '/app/escalations',
    '/app/milestones',
    '/app/calendar',
    '/app/notifications',
    '/app/solidarity',
    '/app/solidarity/partners',
    '/app/reports',
    '/app/admin/users',
    '/app/admin/audit',
  ];

  it('no list page scrolls sideways at 390 px', async () => {
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 390, height: 844 },
      locale: 'en-GB',
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, staff.admin);
    const wide: string[] = [];
    for (const url of LIST_PAGES()) {
      const res = await page.goto(url);
      expect([url, res?.status()]).toEqual([url, 200]);
      const { scroll, inner } = await page.evaluate<{ scroll: number; inner: number }>(
        '({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth })',
      );
      if (scroll > inner) wide.push(`${url}: ${scroll} > ${inner}`);
    }
    expect(wide).toEqual([]);
  });
});
