import { startWebApp, webSession, type WebApp } from '../support/browser';
import { createUser } from '../support/users';

/**
 * The pickers' JSON searches (/app/pick/...) spend the same per-address request budget as
 * every other route (RATE_LIMIT_PER_MINUTE): past it, 429 problem+json with Retry-After.
 * A file of its own: the budget is read once, when the api boots.
 */
describe('the picker searches and the per-address budget', () => {
  let app: WebApp;

  beforeAll(async () => {
    app = await startWebApp({ env: { RATE_LIMIT_PER_MINUTE: '15' } });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('spends the same budget as every route: 429 with Retry-After past it', async () => {
    const user = await createUser(app, 'caseworker', 'Rita Ratelimit');
    const { cookie } = await webSession(app, user);
    const statuses: number[] = [];
    let limited: { headers: Record<string, unknown>; body: string } | undefined;
    for (let i = 0; i < 15; i++) {
      const res = await app.app.inject({
        method: 'GET',
        url: '/app/pick/partners?q=a',
        headers: { cookie, 'x-requested-with': 'fetch' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) limited ??= res;
    }
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(limited!.headers['retry-after']).toBeDefined();
    expect(String(limited!.headers['content-type'])).toMatch(/application\/problem\+json/);
  });
});
