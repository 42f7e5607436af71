import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@witness/platform';
import type { Queue } from 'bullmq';
import { startApi, type TestApi } from './support/api';
import { createStaff, type TestUser } from './support/users';

// One api for the file: its configuration is read once, when the app module first loads.
let api: TestApi;
let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
let TOOL_UI_CSP: string;
let csrfFor: (sessionToken: string) => string;

beforeAll(async () => {
  api = await startApi();
  staff = await createStaff(api);
  // The api's own modules, loaded the way the harness loads the app.
  ({ TOOL_UI_CSP } = await import('../apps/api/src/http/security-headers'));
  ({ csrfFor } = await import('../apps/api/src/web/web-session'));
});
afterAll(() => api.close());

describe('Bull Board at /admin/queues', () => {
  it('is refused without a token (401 problem+json)', async () => {
    const res = await api.request({ method: 'GET', url: '/admin/queues' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it.each(['coordinator', 'caseworker', 'viewer'] as const)(
    'is refused to a %s (403) and the denial audited',
    async (role) => {
      const res = await staff[role].request({ method: 'GET', url: '/admin/queues' });
      expect(res.status).toBe(403);
      const audited = await api.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND actor_id = $1 AND entity_id = '/admin/queues'`,
        [staff[role].id],
      );
      expect(audited[0].n).toBe(1);
    },
  );

  it('serves the board and its API to an admin, listing every queue', async () => {
    const page = await staff.admin.request({ method: 'GET', url: '/admin/queues' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const queues = await staff.admin.request({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(queues.status).toBe(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QueueName).sort());
  });
});

/**
 * The same board from the web app's session (its cookie): read-write for admins at
 * /app/admin/queues, read-only for coordinators at /app/queues; a change must come from the
 * board's page (same origin, the session's CSRF token through axios' XSRF cookie) and is
 * audited.
 */
describe('Bull Board in the web app (session cookie)', () => {
  let reminders: Queue;

  beforeAll(() => {
    reminders = api.app.get<Queue>(getQueueToken(QueueName.Reminders));
  });

  /** A browser request with the user's session cookie (and nothing else unless given). */
  const web = (
    user: TestUser | null,
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    headers: Record<string, string> = {},
  ) =>
    api.app.inject({
      method,
      url,
      headers: { ...(user ? { cookie: `witness_session=${user.token}` } : {}), ...headers },
    });

  const audited = async (action: string, actorId: string, entityId: string | null) =>
    (
      await api.db.query(
        `SELECT changes FROM audit_events WHERE action = $1 AND actor_id = $2
           AND entity_id IS NOT DISTINCT FROM $3 ORDER BY chain_seq`,
        [action, actorId, entityId],
      )
    ).map((r: { changes: Record<string, unknown> }) => r.changes);

  it('sends a browser without a session to the sign-in page, and back afterwards', async () => {
    for (const url of ['/app/admin/queues', '/app/queues/queue/reminders']) {
      const res = await web(null, 'GET', url);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/app/login?next=${encodeURIComponent(url)}`);
    }
    // A bearer token is the API's, not a browser's session.
    const bearer = await web(null, 'GET', '/app/admin/queues', {
      authorization: `Bearer ${staff.admin.token}`,
    });
    expect(bearer.statusCode).toBe(303);
    const change = await web(null, 'PUT', '/app/admin/queues/api/queues/reminders/pause');
    expect(change.statusCode).toBe(303);
  });

  it("serves an admin the board, with its tool policy and the session's XSRF cookie", async () => {
    const page = await web(staff.admin, 'GET', '/app/admin/queues');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toBe(TOOL_UI_CSP);
    const cookie = [page.headers['set-cookie']].flat().find((c) => c?.startsWith('XSRF-TOKEN='));
    expect(cookie).toBe(
      `XSRF-TOKEN=${csrfFor(staff.admin.token)}; Path=/app/admin/queues; SameSite=Strict`,
    );
    const queues = await web(staff.admin, 'GET', '/app/admin/queues/api/queues');
    expect(queues.statusCode).toBe(200);
    const list = JSON.parse(queues.body).queues as { name: string; readOnlyMode: boolean }[];
    expect(list.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    expect(list.every((q) => q.readOnlyMode === false)).toBe(true);
  });

  it.each(['coordinator', 'caseworker', 'viewer'] as const)(
    'refuses the admin board to a %s (403, audited)',
    async (role) => {
      const res = await web(staff[role], 'GET', '/app/admin/queues');
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(await audited('access.denied', staff[role].id, '/app/admin/queues')).toEqual([
        { reason: `role ${role}` },
      ]);
    },
  );

  it('shows coordinators a read-only board, and refuses it to caseworkers and viewers', async () => {
    const page = await web(staff.coordinator, 'GET', '/app/queues');
    expect(page.statusCode).toBe(200);
    const queues = JSON.parse((await web(staff.coordinator, 'GET', '/app/queues/api/queues')).body)
      .queues as { name: string; readOnlyMode: boolean }[];
    expect(queues.length).toBe(Object.values(QueueName).length);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    for (const role of ['caseworker', 'viewer'] as const)
      expect((await web(staff[role], 'GET', '/app/queues')).statusCode).toBe(403);
  });

  it('refuses every change on the read-only board, even with a good token', async () => {
    const token = csrfFor(staff.coordinator.token);
    for (const url of [
      '/app/queues/api/queues/reminders/pause',
      '/app/queues/api/queues/pause',
      '/app/queues/api/queues/reminders/clean/completed',
    ]) {
      const res = await web(staff.coordinator, 'PUT', url, { 'x-xsrf-token': token });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 405 });
    }
    expect(await reminders.isPaused()).toBe(false);
    expect(await audited('queue.changed', staff.coordinator.id, 'reminders')).toEqual([]);
  });

  it("refuses an admin's change without the session's token or from another site", async () => {
    const url = '/app/admin/queues/api/queues/reminders/pause';
    const good = csrfFor(staff.admin.token);
    const refused = [
      await web(staff.admin, 'PUT', url),
      await web(staff.admin, 'PUT', url, { 'x-xsrf-token': csrfFor(staff.coordinator.token) }),
      await web(staff.admin, 'PUT', url, {
        'x-xsrf-token': good,
        origin: 'https://elsewhere.example',
      }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect(await reminders.isPaused()).toBe(false);
    expect(await audited('access.denied', staff.admin.id, '/app/admin/queues')).toEqual([
      { reason: 'csrf token missing or wrong' },
      { reason: 'csrf token missing or wrong' },
      { reason: 'csrf token missing or wrong' },
    ]);
  });

  it("makes an admin's change from the board's page, and audits it", async () => {
    const headers = { 'x-xsrf-token': csrfFor(staff.admin.token), origin: 'https://witness.test' };
    const pause = await web(staff.admin, 'PUT', '/app/admin/queues/api/queues/reminders/pause', {
      ...headers,
      host: 'witness.test',
    });
    expect(pause.statusCode).toBeLessThan(300);
    expect(await reminders.isPaused()).toBe(true);
    const resume = await web(staff.admin, 'PUT', '/app/admin/queues/api/queues/reminders/resume', {
      ...headers,
      host: 'witness.test',
    });
    expect(resume.statusCode).toBeLessThan(300);
    expect(await reminders.isPaused()).toBe(false);
    expect(await audited('queue.changed', staff.admin.id, 'reminders')).toEqual([
      { method: 'PUT', path: '/api/queues/reminders/pause', board: '/app/admin/queues' },
      { method: 'PUT', path: '/api/queues/reminders/resume', board: '/app/admin/queues' },
    ]);
  });
});
