import type { Browser } from 'playwright-core';
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

/**
 * The meeting's date (`meetingOn`: the UPR review, the HRC session) on the web form that starts
 * an escalation: asked for the kinds whose deadlines count back from it, saved, shown on the
 * escalation's page; the submission deadline follows from it.
 */
let app: WebApp;
let browser: Browser;
let coordinator: TestUser;

const LABEL = 'Date of the review or session';

beforeAll(async () => {
  app = await startWebApp({ now: '2026-03-02T10:00:00Z' });
  browser = await launchBrowser();
  coordinator = await createUser(app, 'coordinator', 'Chidi Coordinator');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function mkDefender(fullName: string): Promise<string> {
  const res = await coordinator.request({
    method: 'POST',
    url: '/api/v1/defenders',
    body: { fullName, country: 'EG' },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function escalation(id: string) {
  const res = await coordinator.request({ method: 'GET', url: `/api/v1/escalations/${id}` });
  expect(res.status).toBe(200);
  return res.body as {
    kind: string;
    meetingOn: string | null;
    deadlines: { key: string; dueOn: string; open: boolean }[];
  };
}

describe('the meeting date on the new escalation form', () => {
  it('is asked only for a kind counting from it, saved, shown and corrected on the escalation page', async () => {
    const id = await mkDefender('Salma Nabil');
    const { context, page } = await newPage(browser, app);
    const problems = watchConsole(page);
    await signIn(page, coordinator);
    await page.goto(`/app/defenders/${id}/escalations/new`);

    const meeting = page.getByLabel(LABEL);
    await page.getByLabel('Kind').selectOption('wgad_regular');
    await expect(meeting.isVisible()).resolves.toBe(false);
    await page.getByLabel('Kind').selectOption('upr_submission');
    await expect(meeting.isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'new escalation form with the meeting date');
    await meeting.fill('2026-11-05');
    await page.getByRole('button', { name: 'Start the escalation' }).click();
    await page.waitForURL(/\/app\/escalations\/[0-9a-f-]{36}\?notice=/);
    const escalationId = new URL(page.url()).pathname.split('/').pop()!;

    await expect(page.locator('#escalation-meeting').textContent()).resolves.toBe('2026-11-05');
    const saved = await escalation(escalationId);
    expect(saved.kind).toBe('upr_submission');
    expect(saved.meetingOn).toBe('2026-11-05');
    // The stakeholder submission is due seven months before the review.
    expect(saved.deadlines).toContainEqual(
      expect.objectContaining({ key: 'submission', dueOn: '2026-04-05', open: true }),
    );

    // Corrected on the escalation's page: the deadline follows.
    const edit = page.getByRole('form', { name: 'References and details' });
    await expect(edit.getByLabel(LABEL).inputValue()).resolves.toBe('2026-11-05');
    await edit.getByLabel(LABEL).fill('2026-10-05');
    await edit.getByRole('button', { name: 'Save details' }).click();
    await expect(page.locator('#escalation-meeting').textContent()).resolves.toBe('2026-10-05');
    const moved = await escalation(escalationId);
    expect(moved.meetingOn).toBe('2026-10-05');
    expect(moved.deadlines).toContainEqual(
      expect.objectContaining({ key: 'submission', dueOn: '2026-03-05', open: true }),
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('without the script the field is shown, and a date given for another kind is not saved', async () => {
    const id = await mkDefender('Karim Adel');
    const { context, page } = await newPage(browser, app, 'laptop', { javaScript: false });
    await signIn(page, coordinator);
    await page.goto(`/app/defenders/${id}/escalations/new`);
    await expect(page.getByLabel(LABEL).isVisible()).resolves.toBe(true);
    await page.getByLabel('Kind').selectOption('wgad_regular');
    await page.getByLabel(LABEL).fill('2026-11-05');
    await page.getByRole('button', { name: 'Start the escalation' }).click();
    await page.waitForURL(/\/app\/escalations\/[0-9a-f-]{36}\?notice=/);
    const escalationId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.locator('#escalation-meeting').count()).resolves.toBe(0);
    // Nor is it offered among the details of a kind that does not count from it.
    await expect(page.getByLabel(LABEL).count()).resolves.toBe(0);
    expect((await escalation(escalationId)).meetingOn).toBeNull();
    await context.close();
  });
});
