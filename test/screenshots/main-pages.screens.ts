import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, newPage, signIn, startWebApp, type WebApp } from '../support/browser';
import { cloneTestDatabase } from '../support/database';
import { runSeedDemo } from '../support/seed-demo';
import { createUser, type TestUser } from '../support/users';

/**
 * `npm run screenshots`: each main page of the web app on the seeded demo (`npm run seed:demo`
 * into a fresh test database), at 1280 px (a laptop) and 390 px (a phone), full page, into
 * docs/screenshots/<page>-<width>.png. Not part of `npm test`: run when the pages change.
 */
const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');
const WIDTHS = [1280, 390] as const;

jest.setTimeout(600_000);

describe('screenshots of the main pages', () => {
  let app: WebApp;
  let browser: Browser;
  let coordinator: TestUser;

  beforeAll(async () => {
    const db = await cloneTestDatabase();
    const seeded = await runSeedDemo({ DATABASE_URL: db.url });
    if (seeded.code !== 0) throw new Error(`npm run seed:demo failed:\n${seeded.out}`);
    // The demo is dated from today: the app runs on today too.
    app = await startWebApp({ now: new Date().toISOString(), database: db });
    browser = await launchBrowser();
    coordinator = await createUser(app, 'coordinator', 'Chidi Okafor');
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A full-page screenshot, as a palette PNG (a third of the size, the same to the eye). */
  async function shoot(page: Page, file: string): Promise<void> {
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(join(OUT, file), await sharp(png).png({ palette: true, quality: 90 }).toBuffer());
  }

  async function firstHref(page: Page, path: string, selector: string): Promise<string> {
    await page.goto(path);
    const href = await page.locator(selector).first().getAttribute('href');
    if (!href) throw new Error(`no link ${selector} on ${path}`);
    return href;
  }

  it('captures each main page at 1280 and 390 px', async () => {
    const { context, page } = await newPage(browser, app);
    await signIn(page, coordinator);
    const defender = await firstHref(
      page,
      '/app/defenders',
      'table tbody a[href^="/app/defenders/"]',
    );
    const escalation = await firstHref(
      page,
      '/app/escalations',
      'table tbody a[href^="/app/escalations/"]',
    );
    // The second factor being set up: the QR code beside the secret (a demo account's).
    await page.goto('/app/mfa');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.waitForSelector('img.mfa-setup__qr');
    const pages: [string, string][] = [
      ['home', '/app'],
      ['defenders', '/app/defenders'],
      ['defender-profile', defender],
      ['defender-new', '/app/defenders/new'],
      ['escalations', '/app/escalations'],
      ['escalation', escalation],
      ['publication', `${defender}/publication`],
      ['milestones', '/app/milestones'],
      ['calendar', '/app/calendar'],
      ['notifications', '/app/notifications'],
      ['solidarity', '/app/solidarity'],
      ['reports', '/app/reports'],
      ['second-factor', '/app/mfa'],
    ];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 860 });
      for (const [name, path] of pages) {
        await page.goto(path);
        await shoot(page, `${name}-${width}.png`);
      }
    }
    // The sign-in page, signed out.
    const anonymous = await newPage(browser, app);
    for (const width of WIDTHS) {
      await anonymous.page.setViewportSize({ width, height: 860 });
      await anonymous.page.goto('/app/login');
      await shoot(anonymous.page, `sign-in-${width}.png`);
    }
    await anonymous.context.close();
    await context.close();
  });
});
