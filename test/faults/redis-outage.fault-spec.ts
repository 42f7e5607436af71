import type { AppProcess } from './support/apps';
import { caseWithEscalation, createPeople, Http, type Res } from './support/http';
import { pause, waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * Redis is stopped for 30 s (a clean SHUTDOWN, its append-only file kept, as production runs
 * it) while caseworkers keep writing: profiles, timeline events, milestones with reminders,
 * dossier requests. Every write answers 2xx at once (the work is a committed row in
 * PostgreSQL), /health/ready says Redis is down, and once Redis is back every job queued
 * meanwhile runs exactly once, with the same api and worker processes.
 */

const OUTAGE_MS = 30_000;

interface Answer {
  what: string;
  status: number;
  ms: number;
  text: string;
}

describe('Redis stopped for 30 s while caseworkers keep writing', () => {
  let world: World;
  let coordinator: Http;
  let caseworker: Http;
  let caseworkerId: string;
  let escalationId: string;
  let worker: AppProcess;

  beforeAll(async () => {
    world = await startWorld({ redisPersistent: true });
    [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    const [cw] = await createPeople(world.admin, 'caseworker', 1);
    caseworker = cw.http;
    caseworkerId = cw.id;
    ({ escalationId } = await caseWithEscalation(coordinator, 'Leila Mansour'));
    worker = await world.startWorker('worker');
    // The pipeline works before the outage.
    const first = await coordinator.ok(
      'POST',
      `/api/v1/escalations/${escalationId}/dossiers`,
      { language: 'en', format: 'html', edition: 'public', acknowledgeIncomplete: true },
      202,
    );
    await waitFor(
      async () =>
        (await coordinator.ok('GET', `/api/v1/dossiers/${first.body.id}`)).body.state === 'ready',
      { timeout: 60_000, what: 'the first dossier to be ready' },
    );
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('every write answers 2xx, readiness names Redis, and every queued job runs once after', async () => {
    const answers: Answer[] = [];
    const readiness: Res[] = [];
    const timed = async (what: string, send: () => Promise<Res>): Promise<Res> => {
      const t = Date.now();
      const res = await send();
      answers.push({ what, status: res.status, ms: Date.now() - t, text: res.text.slice(0, 300) });
      return res;
    };

    await world.redis.stop();
    const outageStart = Date.now();
    let round = 0;
    while (Date.now() - outageStart < OUTAGE_MS) {
      const roundStart = Date.now();
      round++;
      const d = await timed('create defender', () =>
        caseworker.req('POST', '/api/v1/defenders', {
          fullName: `Outage Defender ${round}`,
          country: 'TN',
        }),
      );
      if (d.status === 201) {
        const id = d.body.id as string;
        await timed('add event', () =>
          caseworker.req('POST', `/api/v1/defenders/${id}/events`, {
            type: 'arrest',
            occurredOn: '2025-01-10',
            place: 'Tunis',
          }),
        );
        const current = await caseworker.req('GET', `/api/v1/defenders/${id}`);
        await timed('update profile', () =>
          caseworker.req(
            'PATCH',
            `/api/v1/defenders/${id}`,
            { profession: 'Lawyer' },
            { 'if-match': current.headers.get('etag') ?? '' },
          ),
        );
        // A reminder that falls due 10 s later, during the outage or just after it.
        await timed('create milestone', () =>
          caseworker.req('POST', '/api/v1/milestones', {
            defenderId: id,
            kind: 'hearing',
            title: `Hearing ${round}`,
            dueAt: new Date(Date.now() + 60_000 + 10_000).toISOString(),
            remindBefore: ['PT1M'],
            assigneeIds: [caseworkerId],
          }),
        );
      }
      await timed('request dossier', () =>
        coordinator.req('POST', `/api/v1/escalations/${escalationId}/dossiers`, {
          language: (['en', 'fr', 'es'] as const)[round % 3],
          format: 'html',
          edition: 'public',
          acknowledgeIncomplete: true,
        }),
      );
      readiness.push(await new Http(world.api.baseUrl).req('GET', '/health/ready'));
      // About one round a second: the outage lasts its 30 s whatever the pace.
      await pause(Math.max(0, 1000 - (Date.now() - roundStart)));
    }
    const outageMs = Date.now() - outageStart;
    await world.redis.start();
    const backAt = Date.now();
    await waitFor(
      async () => (await new Http(world.api.baseUrl).req('GET', '/health/ready')).status === 200,
      { timeout: 20_000, what: '/health/ready to answer 200 once Redis is back' },
    );
    const readyAfterMs = Date.now() - backAt;

    // Every write answered 2xx, none waited on Redis.
    expect(answers.filter((a) => a.status < 200 || a.status > 299)).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(5 * 20);
    const slowest = Math.max(...answers.map((a) => a.ms));
    expect(slowest).toBeLessThan(5000);
    // Readiness said Redis was down, and only Redis.
    expect(readiness.length).toBeGreaterThanOrEqual(20);
    for (const r of readiness) {
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.detail).toMatch(/redis/);
      expect(r.body.detail).not.toMatch(/postgres/);
      expect(r.body.checks).toMatchObject({
        postgres: { status: 'up' },
        redis: { status: 'down' },
      });
    }

    // Every job queued meanwhile runs once: dossiers, reminders, outbox.
    const requested = answers.filter((a) => a.what === 'request dossier').length + 1;
    const milestones = answers.filter((a) => a.what === 'create milestone').length;
    // The reminders of the milestones typed above (the profiles and events made during the
    // outage also plan reviews and anniversaries, months away).
    const typed = `d.milestone_id IN (SELECT id FROM milestones WHERE source IS NULL)`;
    const progress = async () =>
      (
        await world.sql<{ ready: number; sent: number; deliveries: number; open: number }>(
          `SELECT (SELECT count(*)::int FROM dossiers WHERE state = 'ready') AS ready,
                  (SELECT count(*)::int FROM deliveries d WHERE state = 'sent' AND ${typed}) AS sent,
                  (SELECT count(*)::int FROM deliveries d WHERE ${typed}) AS deliveries,
                  (SELECT count(*)::int FROM outbox WHERE done_at IS NULL) AS open`,
        )
      )[0];
    await waitFor(
      async () => {
        const p = await progress();
        return p.ready === requested && p.sent === p.deliveries && p.open === 0;
      },
      { timeout: 120_000, interval: 250, what: 'every queued job to run', last: progress },
    );
    const dossiers = await world.sql<{ state: string; n: number; versions: number }>(
      `SELECT state, count(*)::int AS n, count(DISTINCT version_no)::int AS versions FROM dossiers GROUP BY 1`,
    );
    expect(dossiers).toEqual([{ state: 'ready', n: requested, versions: requested }]);
    // One in-app reminder per milestone made during the outage (each for the caseworker).
    const reminders = await world.sql<{
      deliveries: number;
      notifications: number;
      doubled: number;
    }>(
      `SELECT (SELECT count(*)::int FROM deliveries d WHERE state = 'sent' AND ${typed}) AS deliveries,
              (SELECT count(*)::int FROM notifications) AS notifications,
              (SELECT count(*)::int FROM (SELECT delivery_id FROM notifications
                  GROUP BY 1 HAVING count(*) > 1) x) AS doubled`,
    );
    expect(reminders).toEqual([{ deliveries: milestones, notifications: milestones, doubled: 0 }]);
    // The same processes rode it out.
    expect(world.api.running()).toBe(true);
    expect(worker.running()).toBe(true);
    console.log(
      `redis-outage: ${Math.round(outageMs / 1000)} s down, ${answers.length} writes (slowest ${slowest} ms), ` +
        `${requested} dossiers and ${milestones} reminders ran once; ready again ${readyAfterMs} ms after Redis returned`,
    );
  }, 240_000);
});
