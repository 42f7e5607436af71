import { QueueName, redisOptions } from '@witness/platform';
import { Queue } from 'bullmq';
import type { TestApi, TestResponse } from './support/api';
import { asUser, createUser } from './support/users';
import { startApi } from './support/api';
import { header, startSmtp, type Mail } from './support/smtp';
import { deleteKeys, startWorker, type TestWorker } from './support/worker';

/**
 * Redis faults around reminders: Redis flushed between two scheduler ticks (nothing lost,
 * nothing doubled), and an api whose Redis is down (writes still commit, at once; readiness
 * says which dependency is missing).
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The default REMINDER_REQUEUE_SECONDS: a queued delivery without a job is enqueued again after it. */
const REQUEUE_MS = 300_000;

const iso = (ms: number) => new Date(ms).toISOString();

describe('Redis flushed between ticks', () => {
  let api: TestApi;
  let worker: TestWorker;
  let queue: Queue;
  let smtp: { port: number; close(): Promise<void> };
  const mails: Mail[] = [];

  beforeAll(async () => {
    // Emails go through a job each (in-app reminders are delivered by the claim itself, with
    // no job to lose): the caseworker is reminded by email only, so one milestone x one
    // offset = one delivery, one job.
    smtp = await startSmtp(mails);
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    api = await startApi({ as: 'caseworker', now: '2026-06-15T10:00:00Z', env });
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env,
    });
    const prefs = await api.request({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      body: { channels: ['email'] },
    });
    expect(prefs.status).toBe(200);
    queue = new Queue(QueueName.Reminders, {
      prefix: api.queuePrefix,
      connection: redisOptions(REDIS_URL),
    });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  it('a reminder claimed before the flush is enqueued again and delivered exactly once', async () => {
    const me = await api.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.status).toBe(200);
    const myId = me.body.id as string;
    const defender = await api.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Leila Mansour', country: 'TN' },
    });
    expect(defender.status).toBe(201);
    const due = api.clock.now().getTime() + DAY;
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        defenderId: defender.body.id,
        kind: 'custom',
        title: 'Call the lawyer before the flush',
        dueAt: iso(due),
        remindBefore: ['PT2H'],
        assigneeIds: [myId],
      },
    });
    expect(created.status).toBe(201);
    const milestoneId = created.body.id as string;
    const deliveries = () =>
      api.db.query<{ id: string; state: string; channel: string }[]>(
        `SELECT id, state, channel FROM deliveries WHERE milestone_id = $1`,
        [milestoneId],
      );
    const notifications = async () =>
      mails.filter((m) => header(m.raw, 'Subject')?.includes('Call the lawyer before the flush'))
        .length;
    expect((await deliveries()).map((d) => [d.channel, d.state])).toEqual([['email', 'pending']]);

    // The worker is held: the queue is paused for every worker.
    await queue.pause();
    api.clock.set(new Date(due - 2 * HOUR + MIN));
    expect(await worker.tick()).toBe(1);
    expect((await deliveries()).map((d) => d.state)).toEqual(['queued']);
    // Its job waits in Redis, held.
    expect(await queue.isPaused()).toBe(true);
    expect(await queue.getJobCounts('waiting', 'active')).toEqual({ waiting: 1, active: 0 });

    // Redis loses everything: the job, the pause, the schedulers.
    await deleteKeys(api.queuePrefix);
    expect(Object.values(await queue.getJobCounts()).every((n) => n === 0)).toBe(true);
    expect(await notifications()).toBe(0);

    // Within the re-queue window the claim is trusted to its job: nothing is enqueued twice.
    api.clock.set(new Date(api.clock.now().getTime() + MIN));
    expect(await worker.tick()).toBe(0);
    expect((await deliveries()).map((d) => d.state)).toEqual(['queued']);

    // Past it, the tick sees a queued delivery without a job and enqueues it again.
    api.clock.set(new Date(api.clock.now().getTime() + REQUEUE_MS + MIN));
    expect(await worker.tick()).toBe(1);
    await worker.drain();
    expect(await notifications()).toBe(1);
    expect((await deliveries()).map((d) => d.state)).toEqual(['sent']);

    // Later ticks change nothing.
    api.clock.set(new Date(api.clock.now().getTime() + REQUEUE_MS + MIN));
    expect(await worker.tick()).toBe(0);
    await worker.drain();
    expect(await notifications()).toBe(1);
  });

  it('an in-app reminder needs no job: the claim delivers it, whatever Redis holds', async () => {
    const user = await createUser(api, 'caseworker', 'In-app Only');
    const prefs = await user.request({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      body: { channels: ['in_app'] },
    });
    expect(prefs.status).toBe(200);
    const due = api.clock.now().getTime() + DAY;
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        kind: 'custom',
        title: 'In-app without a job',
        dueAt: iso(due),
        remindBefore: ['PT2H'],
        assigneeIds: [user.id],
      },
    });
    expect(created.status).toBe(201);
    const milestoneId = created.body.id as string;

    // The workers are held (queue paused): a job could not run, yet the reminder arrives.
    await queue.pause();
    try {
      api.clock.set(new Date(due - 2 * HOUR + MIN));
      expect(await worker.tick()).toBe(1);
      const rows = await api.db.query<{ state: string; attempts: number }[]>(
        `SELECT state, attempts FROM deliveries WHERE milestone_id = $1`,
        [milestoneId],
      );
      expect(rows).toEqual([{ state: 'sent', attempts: 1 }]);
      expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
      });
      // The clock moved on by days: asUser signs in again as a person would.
      const inbox = await asUser(api, user, { method: 'GET', url: '/api/v1/notifications' });
      expect(inbox.status).toBe(200);
      expect(
        (inbox.body.data as { milestoneId: string; title: string }[]).filter(
          (n) => n.milestoneId === milestoneId,
        ),
      ).toEqual([expect.objectContaining({ title: 'Reminder: In-app without a job' })]);
      // A second tick finds nothing to do: delivered once.
      expect(await worker.tick()).toBe(0);
    } finally {
      await queue.resume();
    }
  });
});

describe('Redis down for the api', () => {
  let api: TestApi;
  const savedEnv = {
    REDIS_URL: process.env.REDIS_URL,
    HTTP_REQUEST_TIMEOUT_MS: process.env.HTTP_REQUEST_TIMEOUT_MS,
  };

  beforeAll(async () => {
    // The api module reads its configuration when first loaded: load a fresh copy of it (and
    // of everything it uses, also what it loads lazily later) for this api, whose Redis is a
    // port where nothing listens. The api of the block above is closed by now.
    jest.resetModules();
    const fresh = await import('./support/api');
    try {
      api = await fresh.startApi({
        as: 'caseworker',
        now: '2026-06-15T10:00:00Z',
        env: {
          REDIS_URL: 'redis://127.0.0.1:1',
          // A request that waited on Redis would answer 503 after this, failing the 2xx checks.
          HTTP_REQUEST_TIMEOUT_MS: '5000',
        },
      });
    } finally {
      for (const [k, v] of Object.entries(savedEnv)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, 30_000);

  afterAll(async () => {
    await api?.close();
  });

  const expectOk = (res: TestResponse, status: number) => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  };

  it('creating a defender, an event and a milestone commit at once; their reminders are planned', async () => {
    const me = await api.request({ method: 'GET', url: '/api/v1/auth/me' });
    expectOk(me, 200);
    const myId = me.body.id as string;

    const defender = await api.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Karim Benali', country: 'DZ' },
    });
    expectOk(defender, 201);
    const defenderId = defender.body.id as string;

    const event = await api.request({
      method: 'POST',
      url: `/api/v1/defenders/${defenderId}/events`,
      body: { type: 'hearing', occurredOn: '2026-07-01', place: 'Algiers court' },
    });
    expectOk(event, 201);

    const milestone = await api.request({
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        defenderId,
        kind: 'custom',
        title: 'Send the brief while Redis is down',
        dueAt: '2026-06-20T09:00:00Z',
        remindBefore: ['P1D', 'PT2H'],
        assigneeIds: [myId],
      },
    });
    expectOk(milestone, 201);

    // Everything is in PostgreSQL: the worker's tick picks the reminders up once Redis is back.
    const rows = await api.db.query<{ kind: string; offset: string; state: string }[]>(
      `SELECT m.kind, d."offset", d.state FROM deliveries d JOIN milestones m ON m.id = d.milestone_id
        WHERE m.defender_id = $1 AND d.recipient_id = $2 ORDER BY m.kind, d."offset"`,
      [defenderId, myId],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: 'custom', offset: 'P1D', state: 'pending' },
        { kind: 'custom', offset: 'PT2H', state: 'pending' },
        { kind: 'hearing', offset: 'P1D', state: 'pending' },
        { kind: 'hearing', offset: 'P7D', state: 'pending' },
      ]),
    );
    expect(rows.every((r) => r.state === 'pending')).toBe(true);
  }, 20_000);

  it('GET /health/ready answers 503 problem+json naming redis', async () => {
    const res = await api.request({ method: 'GET', url: '/health/ready' });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/redis/);
    expect(res.body.detail).not.toMatch(/postgres/);
    expect(res.body.checks).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'down' },
    });
  }, 20_000);
});
