import type { Browser, Locator, Page } from 'playwright-core';
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
 * "My work" (the home page) for a caseworker and a coordinator, and a refused workflow step
 * said in words, in a real browser against the real api and PostgreSQL. Data is set up
 * through the API; what is under test goes through the pages.
 */
let app: WebApp;
let browser: Browser;
let caseworker: TestUser;
let coordinator: TestUser;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
  [caseworker, coordinator] = await Promise.all([
    createUser(app, 'caseworker', 'Carmen Caseworker'),
    createUser(app, 'coordinator', 'Cyril Coordinator'),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function mkDefender(
  user: TestUser,
  fullName: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await user.request({
    method: 'POST',
    url: '/api/v1/defenders',
    body: {
      fullName,
      country: 'EG',
      nationalities: ['EG'],
      profession: 'Lawyer',
      hrdFocus: ['lawyer'],
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function addArrest(user: TestUser, defenderId: string): Promise<void> {
  const res = await user.request({
    method: 'POST',
    url: `/api/v1/defenders/${defenderId}/events`,
    body: { type: 'arrest', occurredOn: '2024-03-18', place: 'Cairo', charges: ['Protest'] },
  });
  expect(res.status).toBe(201);
}

async function addConsent(user: TestUser, defenderId: string): Promise<void> {
  const res = await user.request({
    method: 'POST',
    url: `/api/v1/defenders/${defenderId}/consents`,
    body: {
      purpose: 'un_submission',
      decision: 'given',
      givenBy: 'defender',
      method: 'written',
      decidedOn: '2026-05-01',
    },
  });
  expect(res.status).toBe(201);
}

async function mkEscalation(user: TestUser, defenderId: string): Promise<string> {
  const res = await user.request({
    method: 'POST',
    url: '/api/v1/escalations',
    body: { defenderIds: [defenderId], mechanism: 'wgad', kind: 'wgad_regular' },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function move(user: TestUser, id: string, to: string): Promise<void> {
  const res = await user.request({
    method: 'POST',
    url: `/api/v1/escalations/${id}/transitions`,
    body: { to },
  });
  expect(res.status).toBe(200);
}

async function signedIn(user: TestUser): Promise<Page> {
  const { page } = await newPage(browser, app);
  await signIn(page, user);
  return page;
}

/** The names of the cases a home-page section lists, in order. */
const linkTexts = (section: Locator) => section.locator('.work-item__title > a').allInnerTexts();

describe('My work', () => {
  let amal: string;
  let bashir: string;
  let chadi: string;
  let dina: string;
  let myDraft: string;
  let forReview: string;

  beforeAll(async () => {
    // Amal is the caseworker's own case (opened by her, so assigned to her).
    amal = await mkDefender(caseworker, 'Amal Mansour');
    // Chadi and Dina are open cases the caseworker may see, not assigned to her.
    chadi = await mkDefender(coordinator, 'Chadi Nasser');
    dina = await mkDefender(coordinator, 'Dina Saleh');
    // Bashir is restricted and not hers: never on her page.
    bashir = await mkDefender(coordinator, 'Bashir Restricted', { access: 'restricted' });
    // Changes after the profiles: a consent on Dina, then a timeline event on Chadi (whose
    // profile is older than Dina's), then (latest of all) an event on the restricted case.
    await addConsent(coordinator, dina);
    await addArrest(coordinator, chadi);
    await addArrest(coordinator, bashir);

    myDraft = await mkEscalation(caseworker, amal);
    forReview = await mkEscalation(coordinator, chadi);
    await move(coordinator, forReview, 'in_review');
    await mkEscalation(coordinator, bashir);
  }, 60_000);

  it('a caseworker sees her cases, her drafts and the cases changed lately, nothing she may not see', async () => {
    const page = await signedIn(caseworker);
    const problems = watchConsole(page);
    await page.goto('/app');
    expect(await page.locator('h1').textContent()).toBe('My work');

    const mine = page.locator('[data-section="my-cases"]');
    expect(await mine.getByRole('heading', { level: 2 }).textContent()).toBe('My cases');
    expect(await linkTexts(mine)).toEqual(['Amal Mansour']);

    const drafts = page.locator('[data-section="drafts"]');
    expect(await drafts.getByRole('heading', { level: 2 }).textContent()).toBe('My drafts');
    expect(await drafts.locator(`[data-escalation="${myDraft}"] a`).getAttribute('href')).toBe(
      `/app/escalations/${myDraft}`,
    );
    expect(await drafts.locator('[data-escalation]').count()).toBe(1);
    // Counting by state is the coordinators' view.
    expect(await page.locator('[data-section="escalation-states"]').count()).toBe(0);

    // Recently changed: the event on Chadi, then the consent on Dina, then the profiles;
    // the restricted case changed last but is not hers to see.
    const recent = page.locator('[data-section="recent"]');
    const names = await linkTexts(recent);
    expect(names.slice(0, 2)).toEqual(['Chadi Nasser', 'Dina Saleh']);
    expect(names).toContain('Amal Mansour');
    expect(names).not.toContain('Bashir Restricted');
    await expect(recent.locator('[data-change]').nth(0).innerText()).resolves.toContain(
      'timeline changed',
    );
    await expect(recent.locator('[data-change]').nth(1).innerText()).resolves.toContain(
      'consents changed',
    );
    expect(await page.content()).not.toContain('Bashir Restricted');
    await expectAccessible(page, 'my work, caseworker');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('a coordinator sees the drafts waiting for review and the escalations counted by state, each a link to the list', async () => {
    const page = await signedIn(coordinator);
    const problems = watchConsole(page);
    await page.goto('/app');

    const review = page.locator('[data-section="drafts"]');
    expect(await review.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Drafts waiting for your review',
    );
    expect(await review.locator('[data-escalation]').count()).toBe(1);
    expect(await review.locator(`[data-escalation="${forReview}"]`).count()).toBe(1);
    // Nothing assigned to the coordinator.
    await expect(page.locator('[data-section="my-cases"]').innerText()).resolves.toContain(
      'No case is assigned to you.',
    );

    // Two drafts (one on the restricted case, which a coordinator sees) and one in review.
    const states = page.locator('[data-section="escalation-states"]');
    expect(await states.getByRole('link', { name: 'Draft: 2' }).getAttribute('href')).toBe(
      '/app/escalations?state=draft',
    );
    // The restricted case's latest change is on the coordinator's list.
    expect(await linkTexts(page.locator('[data-section="recent"]'))).toContain('Bashir Restricted');
    await expectAccessible(page, 'my work, coordinator');

    await states.getByRole('link', { name: 'In review: 1' }).click();
    await page.waitForURL(/\/app\/escalations\?state=in_review$/);
    expect(await page.getByRole('link', { name: 'WGAD regular: Chadi Nasser' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'WGAD regular: Amal Mansour' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('a refused workflow step, in words', () => {
  const refusal = (page: Page) => page.locator('#workflow .error-summary[role="alert"]');

  it('a coordinator on a stale page is told where the escalation can go instead', async () => {
    const id = await mkEscalation(coordinator, await mkDefender(coordinator, 'Farid Stale'));
    await move(coordinator, id, 'in_review');
    const page = await signedIn(coordinator);
    await page.goto(`/app/escalations/${id}`);
    // Meanwhile the escalation goes back to draft.
    await move(coordinator, id, 'draft');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await refusal(page).waitFor();
    expect(await refusal(page).innerText()).toContain(
      'This escalation cannot go from Draft to Approved; it can go to: In review, Withdrawn.',
    );
    await expectAccessible(page, 'escalation, refused step, coordinator');
    const state = await coordinator.request({ method: 'GET', url: `/api/v1/escalations/${id}` });
    expect(state.body.state).toBe('draft');
    await page.context().close();
  }, 60_000);

  it('a caseworker is told an ended escalation takes no further step', async () => {
    const id = await mkEscalation(caseworker, await mkDefender(caseworker, 'Gamal Ended'));
    const page = await signedIn(caseworker);
    await page.goto(`/app/escalations/${id}`);
    // Meanwhile a coordinator withdraws it.
    await move(coordinator, id, 'withdrawn');
    await page.getByRole('button', { name: 'Send for review', exact: true }).click();
    await refusal(page).waitFor();
    expect(await refusal(page).innerText()).toContain(
      'This escalation cannot go from Withdrawn to In review; it has ended and takes no further step.',
    );
    expect(await refusal(page).innerText()).not.toMatch(/in_review|withdrawn/);
    await expectAccessible(page, 'escalation, refused step, caseworker');
    await page.context().close();
  }, 60_000);
});
