import { QueueName } from '@witness/platform';
import type { AppProcess } from './support/apps';
import { caseWithEscalation, createPeople, type Http, type Person } from './support/http';
import { startReceiver, type WebhookReceiver } from './support/receiver';
import { waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * Redis loses everything (FLUSHALL) while jobs wait in it: dossier renders relayed from the
 * outbox and reminders claimed by the tick, and the job schedulers themselves. PostgreSQL
 * still knows all that work: the worker puts its schedulers back, the relay and the tick
 * enqueue the lost jobs again, and everything runs exactly once.
 */

const DOSSIERS = 40;
const REMINDERS = 60;
const REQUEUE_SECONDS = 10;
const OFFSETS = [
  'P1D',
  'PT23H',
  'PT22H',
  'PT21H',
  'PT20H',
  'PT19H',
  'PT18H',
  'PT17H',
  'PT16H',
  'PT15H',
];

describe('Redis flushed with work in flight', () => {
  let world: World;
  let receiver: WebhookReceiver;
  let coordinator: Http;
  let caseworker: Person;
  let worker: AppProcess;

  beforeAll(async () => {
    // Each webhook takes a while: the worker is still busy when Redis is flushed.
    receiver = await startReceiver({ delayMs: () => 100 });
    world = await startWorld({
      env: {
        // One job at a time, so most of them are still in Redis at the flush.
        WORKER_CONCURRENCY: '1',
        REMINDER_REQUEUE_SECONDS: String(REQUEUE_SECONDS),
        OUTBOX_REQUEUE_SECONDS: String(REQUEUE_SECONDS),
      },
    });
    [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    [caseworker] = await createPeople(world.admin, 'caseworker', 1);
    const prefs = await caseworker.http.ok('PUT', '/api/v1/me/notification-preferences', {
      channels: ['webhook'],
      webhookUrl: receiver.url(caseworker.id),
    });
    receiver.setSecret(caseworker.id, prefs.body.webhookSecret as string);
    const { defenderId, escalationId } = await caseWithEscalation(coordinator, 'Karim Benali');
    // Milestones due tomorrow, each with OFFSETS.length reminders for the caseworker.
    const dueAt = new Date(Date.now() + 2 * 86400_000).toISOString();
    for (let k = 0; k < REMINDERS / OFFSETS.length; k++) {
      await coordinator.ok('POST', '/api/v1/milestones', {
        defenderId,
        kind: 'custom',
        title: `Flush drill ${k + 1}`,
        dueAt,
        remindBefore: OFFSETS,
        assigneeIds: [caseworker.id],
      });
    }
    for (let i = 0; i < DOSSIERS; i++) {
      await coordinator.ok(
        'POST',
        `/api/v1/escalations/${escalationId}/dossiers`,
        { language: 'en', format: 'html', edition: 'public', acknowledgeIncomplete: true },
        202,
      );
    }
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  const state = async () => {
    const [r] = await world.sql<{
      claimed: number;
      sent: number;
      relayed: number;
      ready: number;
    }>(
      `SELECT (SELECT count(*)::int FROM deliveries WHERE state = 'queued') AS claimed,
              (SELECT count(*)::int FROM deliveries WHERE state = 'sent') AS sent,
              (SELECT count(*)::int FROM outbox WHERE enqueued_at IS NOT NULL AND done_at IS NULL) AS relayed,
              (SELECT count(*)::int FROM dossiers WHERE state = 'ready') AS ready`,
    );
    return r;
  };

  it('every job lost with the flush runs once, from PostgreSQL', async () => {
    expect(await world.sql(`SELECT state, count(*)::int AS n FROM deliveries GROUP BY 1`)).toEqual([
      { state: 'pending', n: REMINDERS },
    ]);
    // The hours pass: every reminder is due now (the worker's tick runs on the real clock).
    await world.sql(`UPDATE deliveries SET send_at = now() - interval '1 minute'`);
    worker = await world.startWorker('worker');
    // Wait until the reminders are claimed and the dossiers relayed: jobs that live in Redis.
    const before = await waitFor(
      async () => {
        const s = await state();
        return s.claimed >= REMINDERS / 3 && s.relayed >= 10 ? s : null;
      },
      { timeout: 60_000, interval: 50, what: 'jobs waiting in Redis', last: state },
    );
    const inRedis = await world.jobIds(QueueName.Reminders, ['waiting', 'delayed', 'active']);
    expect(inRedis.length).toBeGreaterThan(0);
    await world.redis.flushAll();
    // Those jobs are gone. (The worker's one-second tick may already be claiming other due
    // reminders into new jobs, so the queue itself need not be empty; the ones lost come
    // back only through the requeue after REQUEUE_SECONDS, from PostgreSQL.)
    expect(await world.existingJobs(QueueName.Reminders, inRedis)).toEqual([]);

    await waitFor(
      async () => {
        const s = await state();
        return s.sent === REMINDERS && s.ready === DOSSIERS;
      },
      {
        timeout: 120_000,
        interval: 250,
        what: `${REMINDERS} reminders sent and ${DOSSIERS} dossiers ready after the flush`,
        last: state,
      },
    );
    // Reminders: each sent once, each webhook applied once, none sent twice.
    const deliveries = await world.sql<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM deliveries GROUP BY 1`,
    );
    expect(deliveries).toEqual([{ state: 'sent', n: REMINDERS }]);
    expect(receiver.applied.size).toBe(REMINDERS);
    expect([...receiver.calls.values()].filter((n) => n !== 1)).toEqual([]);
    expect(receiver.rejected).toBe(0);
    // Dossiers: one ready version per request, every outbox message done.
    const dossiers = await world.sql<{ state: string; n: number; versions: number }>(
      `SELECT state, count(*)::int AS n, count(DISTINCT version_no)::int AS versions FROM dossiers GROUP BY 1`,
    );
    expect(dossiers).toEqual([{ state: 'ready', n: DOSSIERS, versions: DOSSIERS }]);
    const outbox = await world.sql<{ open: number }>(
      `SELECT count(*)::int AS open FROM outbox WHERE done_at IS NULL`,
    );
    expect(outbox).toEqual([{ open: 0 }]);
    expect(worker.running()).toBe(true);
    console.log(
      `redis-flush: flushed with ${before.claimed} reminders and ${before.relayed} dossiers in Redis only`,
    );
  }, 240_000);
});
