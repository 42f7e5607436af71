import { QueueName } from '@witness/platform';
import { startApi, type TestApi } from './support/api';
import { createStaff, type TestUser } from './support/users';

describe('Bull Board at /admin/queues', () => {
  let api: TestApi;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

  beforeAll(async () => {
    api = await startApi();
    staff = await createStaff(api);
  });
  afterAll(() => api.close());

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
