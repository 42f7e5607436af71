import { QueueName } from '@witness/platform';
import { startApiProcess, type AppProcess } from './support/apps';
import { caseWithEscalation, createPeople, Http, type Person } from './support/http';
import { startReceiver, type WebhookReceiver } from './support/receiver';
import { freePort } from './support/services';
import { trace, waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * Production's shape: two api replicas and two workers on one database and one Redis.
 * Requests are spread over both apis; while both workers dispatch reminders (in-app and signed
 * webhooks) and render dossiers, one worker is SIGKILLed mid-job. The other takes over what it
 * held: every reminder is delivered once, every webhook applied once, every dossier request
 * is one ready version.
 */

const CASEWORKERS = 6;
const MILESTONES = 2;
const OFFSETS = ['P1D', 'PT16H', 'PT8H'];
const DELIVERIES = MILESTONES * OFFSETS.length * CASEWORKERS * 2;
const WAVE_MS = 1500;
const DOSSIERS = 8;

describe('two apis and two workers on one database and Redis, a worker killed mid-job', () => {
  let world: World;
  let apiB: AppProcess & { baseUrl: string };
  let receiver: WebhookReceiver;
  /** The coordinator, once through each api. */
  let coordinators: Http[];
  let caseworkers: Person[];
  let escalationId: string;

  beforeAll(async () => {
    receiver = await startReceiver({ delayMs: () => 20 });
    world = await startWorld();
    apiB = await startApiProcess(
      { ...world.env, PORT: String(await freePort()) },
      { name: 'api-b' },
    );
    const [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    coordinators = [coordinator, new Http(apiB.baseUrl, coordinator.token)];
    caseworkers = await createPeople(world.admin, 'caseworker', CASEWORKERS);
    for (const [i, cw] of caseworkers.entries()) {
      // Half of them through the second api.
      const http = i % 2 ? new Http(apiB.baseUrl, cw.http.token) : cw.http;
      const prefs = await http.ok('PUT', '/api/v1/me/notification-preferences', {
        channels: ['in_app', 'webhook'],
        webhookUrl: receiver.url(cw.id),
      });
      receiver.setSecret(cw.id, prefs.body.webhookSecret as string);
    }
    const c = await caseWithEscalation(coordinator, 'Nadia Karim');
    escalationId = c.escalationId;
    const dueAt = new Date(Date.now() + 2 * 86400_000).toISOString();
    for (let k = 0; k < MILESTONES; k++) {
      await coordinators[k % 2].ok('POST', '/api/v1/milestones', {
        defenderId: c.defenderId,
        kind: 'custom',
        title: `Replica drill ${k + 1}`,
        dueAt,
        remindBefore: OFFSETS,
        assigneeIds: caseworkers.map((p) => p.id),
      });
    }
  }, 180_000);

  afterAll(async () => {
    await apiB?.kill();
    await world?.close();
    await receiver?.close();
  });

  it('loses and doubles nothing when one of two workers is killed mid-job', async () => {
    const planned = await world.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM deliveries WHERE state = 'pending'`,
    );
    expect(planned).toEqual([{ n: DELIVERIES }]);
    const [w1, w2] = [await world.startWorker('worker-1'), await world.startWorker('worker-2')];

    // Reminders fall due in waves from now on; dossiers are asked for through both apis.
    await world.sql(
      `WITH g AS (SELECT milestone_id, "offset", row_number() OVER (ORDER BY milestone_id, "offset") - 1 AS k
                    FROM deliveries GROUP BY milestone_id, "offset")
       UPDATE deliveries d SET send_at = now() + g.k * $1 * interval '1 millisecond'
         FROM g WHERE d.milestone_id = g.milestone_id AND d."offset" = g."offset"`,
      [WAVE_MS],
    );
    for (let n = 0; n < DOSSIERS; n++) {
      await coordinators[n % 2].ok(
        'POST',
        `/api/v1/escalations/${escalationId}/dossiers`,
        {
          language: 'en',
          format: n % 4 === 0 ? 'pdf' : 'html',
          edition: 'public',
          acknowledgeIncomplete: true,
        },
        202,
      );
    }

    // Kill worker-1 once it has done some work and while jobs are running.
    const worked = (p: AppProcess) =>
      p.records().filter((r) => r.msg === 'reminder delivery' || r.msg === 'dossier render').length;
    await waitFor(
      async () => {
        if (worked(w1) === 0) return false;
        const [r, d] = [
          await world.jobCounts(QueueName.Reminders),
          await world.jobCounts(QueueName.Dossiers),
        ];
        return r.active + d.active > 0;
      },
      { timeout: 60_000, interval: 20, what: 'worker-1 busy with jobs in flight' },
    );
    const exit = await w1.kill();
    expect(exit.signal).toBe('SIGKILL');
    trace(`worker-1 killed after ${worked(w1)} jobs`);

    const progress = async () =>
      (
        await world.sql<{ sent: number; ready: number }>(
          `SELECT (SELECT count(*)::int FROM deliveries WHERE state = 'sent') AS sent,
                  (SELECT count(*)::int FROM dossiers WHERE state = 'ready') AS ready`,
        )
      )[0];
    await waitFor(
      async () => {
        const p = await progress();
        return p.sent === DELIVERIES && p.ready === DOSSIERS;
      },
      {
        timeout: 180_000,
        interval: 500,
        what: `${DELIVERIES} reminders sent and ${DOSSIERS} dossiers ready by worker-2`,
        last: progress,
      },
    );

    expect(await world.sql(`SELECT state, count(*)::int AS n FROM deliveries GROUP BY 1`)).toEqual([
      { state: 'sent', n: DELIVERIES },
    ]);
    const inApp = await world.sql(
      `SELECT (SELECT count(*)::int FROM notifications) AS notifications,
              (SELECT count(*)::int FROM (SELECT delivery_id FROM notifications
                  GROUP BY 1 HAVING count(*) > 1) x) AS doubled`,
    );
    expect(inApp).toEqual([{ notifications: DELIVERIES / 2, doubled: 0 }]);
    const hooks = (
      await world.sql<{ id: string }>(`SELECT id FROM deliveries WHERE channel = 'webhook'`)
    ).map((r) => r.id);
    expect(hooks.filter((id) => !receiver.applied.has(id))).toEqual([]);
    expect(receiver.applied.size).toBe(DELIVERIES / 2);
    expect(receiver.rejected).toBe(0);
    expect(receiver.changedBodies).toBe(0);
    // Only a call the kill cut off before its record repeats (WORKER_CONCURRENCY 5).
    const repeats = [...receiver.calls.values()].reduce((s, n) => s + n - 1, 0);
    expect(repeats).toBeLessThanOrEqual(5);

    const dossiers = await world.sql<{ version_no: number; state: string; sha256: string | null }>(
      `SELECT version_no, state, sha256 FROM dossiers ORDER BY version_no`,
    );
    expect(dossiers.map((d) => d.version_no)).toEqual(
      Array.from({ length: DOSSIERS }, (_, i) => i + 1),
    );
    expect(dossiers.filter((d) => d.state !== 'ready' || !d.sha256)).toEqual([]);
    expect(
      await world.sql(
        `SELECT count(*)::int AS n, count(done_at)::int AS done FROM outbox WHERE queue = 'dossiers'`,
      ),
    ).toEqual([{ n: DOSSIERS, done: DOSSIERS }]);
    // Nothing left behind in the queues: the killed worker's jobs were taken over (a stalled
    // job is noticed within the lock time); the live worker's 1 s tick may be active a moment.
    const idle = async () => {
      const [r, d] = [
        await world.jobCounts(QueueName.Reminders),
        await world.jobCounts(QueueName.Dossiers),
      ];
      return r.active + r.waiting + d.active + d.waiting === 0;
    };
    await waitFor(idle, {
      timeout: 45_000,
      interval: 50,
      what: 'no job active or waiting in the reminders and dossiers queues',
      last: async () => ({
        reminders: await world.jobCounts(QueueName.Reminders),
        dossiers: await world.jobCounts(QueueName.Dossiers),
      }),
    });
    expect(w2.running()).toBe(true);
    expect(apiB.running()).toBe(true);
    console.log(
      `two-apis-two-workers: worker-1 killed after ${worked(w1)} jobs; ${DELIVERIES} reminders, ` +
        `${DOSSIERS} dossiers, ${repeats} webhook calls repeated`,
    );
  }, 300_000);
});
