import {
  MaintenanceJob,
  OutboxService,
  QueueName,
  redisOptions,
  type JobPayloads,
} from '@witness/platform';
import { Queue } from 'bullmq';
import { startApi, type TestApi } from './support/api';
import { freePort, parseExposition, valueOf, type Sample } from './support/metrics';
import { createStaff, asUser, type TestUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * Prometheus metrics of the real api and the real worker: who may read them, that the
 * exposition parses, that labels are route templates (never ids), and that each gauge and
 * counter says what the data set up here says it must.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('metrics', () => {
  let api: TestApi;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let queue: Queue;
  const start = Date.parse('2026-06-15T10:00:00Z');

  const scrape = async (): Promise<Sample[]> => {
    const res = await asUser(api, staff.admin, { method: 'GET', url: '/metrics' });
    expect(res.status).toBe(200);
    return parseExposition(res.text);
  };

  beforeAll(async () => {
    // Email reminders are planned only when SMTP is configured; nothing listens on this port,
    // so every email attempt fails (connection refused) and ends `failed` after its retries.
    const smtpEnv = { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` };
    api = await startApi({ now: new Date(start).toISOString(), env: smtpEnv });
    staff = await createStaff(api);
    queue = new Queue(QueueName.Maintenance, {
      prefix: api.queuePrefix,
      connection: redisOptions(REDIS_URL),
    });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await api?.close();
    // Jest reuses this process for other files: leave no dead SMTP server configured.
    delete process.env.SMTP_URL;
  });

  describe('on the main port', () => {
    it('is for admins only: 401 without a session, 403 for other roles', async () => {
      const anonymous = await api.request({ method: 'GET', url: '/metrics', anonymous: true });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      for (const who of [staff.caseworker, staff.coordinator, staff.viewer]) {
        const res = await asUser(api, who, { method: 'GET', url: '/metrics' });
        expect(res.status).toBe(403);
        expect(res.text).not.toContain('witness_');
      }
      const res = await asUser(api, staff.admin, { method: 'GET', url: '/metrics' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const samples = parseExposition(res.text);
      // Node's own metrics are there, and every series names the app.
      expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
      expect(samples.every((s) => s.labels.app === 'api')).toBe(true);
    });

    it('times and counts answers by route template and status, never by raw URL', async () => {
      const created = await asUser(api, staff.coordinator, {
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'Nadia Farouk', country: 'EG' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const missing = '0b6f1a9e-4c1d-4e8a-9d55-3f7a2b1c0d99';
      const read = await asUser(api, staff.coordinator, {
        method: 'GET',
        url: `/api/v1/defenders/${id}`,
      });
      expect(read.status).toBe(200);
      for (let i = 0; i < 2; i++) {
        const res = await asUser(api, staff.coordinator, {
          method: 'GET',
          url: `/api/v1/defenders/${missing}`,
        });
        expect(res.status).toBe(404);
      }
      const bad = await asUser(api, staff.coordinator, {
        method: 'POST',
        url: '/api/v1/defenders',
        body: { country: 'EG', shoeSize: 44 },
      });
      expect(bad.status).toBe(400);
      const lost = await api.request({ method: 'GET', url: `/no/such/page/${missing}` });
      expect(lost.status).toBe(404);

      const res = await asUser(api, staff.admin, { method: 'GET', url: '/metrics' });
      const samples = parseExposition(res.text);
      const count = (labels: Record<string, string>) =>
        valueOf(samples, 'witness_http_request_duration_seconds_count', labels);
      const byId = { method: 'GET', route: '/api/v1/defenders/:id' };
      expect(count({ ...byId, status: '200' })).toBe(1);
      expect(count({ ...byId, status: '404' })).toBe(2);
      expect(count({ method: 'POST', route: '/api/v1/defenders', status: '201' })).toBe(1);
      expect(count({ method: 'POST', route: '/api/v1/defenders', status: '400' })).toBe(1);
      expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
      const errors = (labels: Record<string, string>) =>
        valueOf(samples, 'witness_http_errors_total', labels);
      expect(errors({ ...byId, status: '404', class: '4xx' })).toBe(2);
      expect(errors({ method: 'POST', route: '/api/v1/defenders', status: '400' })).toBe(1);
      expect(errors({ ...byId, status: '200' })).toBeUndefined();
      // Buckets are cumulative up to +Inf, which holds every observation.
      expect(
        valueOf(samples, 'witness_http_request_duration_seconds_bucket', {
          ...byId,
          status: '404',
          le: '+Inf',
        }),
      ).toBe(2);
      // No id, and no path that matched nothing, ever becomes a label value.
      const values = samples.flatMap((s) => Object.values(s.labels));
      for (const raw of [id, missing, '/no/such/page'])
        expect(values.filter((v) => v.includes(raw))).toEqual([]);
      expect(res.text).not.toContain(id);
    });

    it('reports the database pool', async () => {
      const samples = await scrape();
      // startApi sets DATABASE_POOL_SIZE=5.
      expect(valueOf(samples, 'witness_db_pool_max_connections')).toBe(5);
      const busy = valueOf(samples, 'witness_db_pool_connections', { state: 'busy' })!;
      const idle = valueOf(samples, 'witness_db_pool_connections', { state: 'idle' })!;
      expect(busy).toBeGreaterThanOrEqual(0);
      expect(busy + idle).toBeGreaterThanOrEqual(1);
      expect(busy + idle).toBeLessThanOrEqual(5);
      expect(valueOf(samples, 'witness_db_pool_waiting_requests')).toBe(0);
    });

    it('reports the outbox backlog (due and not done) and the age of its oldest message', async () => {
      const outbox = api.app.get(OutboxService);
      const before = await scrape();
      expect(valueOf(before, 'witness_outbox_backlog')).toBe(0);
      expect(valueOf(before, 'witness_outbox_oldest_age_seconds')).toBe(0);
      const add = (jobId: string, availableAt?: Date) =>
        api.db.transaction((tx) =>
          outbox.add(tx, {
            queue: QueueName.Maintenance,
            name: MaintenanceJob.Ping,
            jobId,
            payload: { requestedAt: 'x' },
            availableAt,
          }),
        );
      // No worker runs: three messages wait; one more is for later and is not backlog yet.
      for (const n of [1, 2, 3]) await add(`metrics-ping-${n}`);
      await add('metrics-ping-later', new Date(api.clock.now().getTime() + HOUR));
      api.clock.advance(90_000);

      const after = await scrape();
      expect(valueOf(after, 'witness_outbox_backlog')).toBe(3);
      expect(valueOf(after, 'witness_outbox_oldest_age_seconds')).toBe(90);
      const [{ n }] = await api.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL AND available_at <= $1`,
        [api.clock.now()],
      );
      expect(valueOf(after, 'witness_outbox_backlog')).toBe(n);
    });

    it('reports each queue by state', async () => {
      const before = await scrape();
      for (const q of Object.values(QueueName))
        expect(valueOf(before, 'witness_queue_jobs', { queue: q, state: 'waiting' })).toBe(0);
      const ping = (): JobPayloads[MaintenanceJob.Ping] => ({ requestedAt: 'now' });
      await queue.addBulk([1, 2, 3].map(() => ({ name: MaintenanceJob.Ping, data: ping() })));
      await queue.add(MaintenanceJob.Ping, ping(), { delay: HOUR });

      const after = await scrape();
      const jobs = (state: string) =>
        valueOf(after, 'witness_queue_jobs', { queue: QueueName.Maintenance, state });
      expect(jobs('waiting')).toBe(3);
      expect(jobs('delayed')).toBe(1);
      expect(jobs('active')).toBe(0);
      expect(valueOf(after, 'witness_queue_jobs', { queue: 'reminders', state: 'waiting' })).toBe(
        0,
      );
      await queue.obliterate({ force: true });
    });
  });

  describe('the worker', () => {
    let worker: TestWorker;
    let workerPort: number;

    const scrapeWorker = async (): Promise<Sample[]> => {
      const res = await fetch(`http://127.0.0.1:${workerPort}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      return parseExposition(await res.text());
    };

    beforeAll(async () => {
      workerPort = await freePort();
      worker = await startWorker({
        dbUrl: api.dbUrl,
        queuePrefix: api.queuePrefix,
        clock: api.clock,
        env: { METRICS_PORT: String(workerPort), METRICS_HOST: '127.0.0.1' },
      });
    }, 60_000);

    afterAll(async () => {
      await worker?.close();
      delete process.env.METRICS_PORT;
      delete process.env.METRICS_HOST;
    });

    it('serves its metrics on METRICS_PORT without a session, and nothing else there', async () => {
      const samples = await scrapeWorker();
      expect(samples.every((s) => s.labels.app === 'worker')).toBe(true);
      expect(valueOf(samples, 'witness_db_pool_max_connections')).toBe(5);
      expect((await fetch(`http://127.0.0.1:${workerPort}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${workerPort}/api/v1/defenders`)).status).toBe(404);
      expect(
        (await fetch(`http://127.0.0.1:${workerPort}/metrics`, { method: 'POST' })).status,
      ).toBe(404);
    });

    it('times every job attempt, counts failures, and reports what became of each reminder and how late', async () => {
      const user = staff.caseworker;
      const defender = await asUser(api, staff.coordinator, {
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'Karim Mansour', country: 'EG' },
      });
      expect(defender.status).toBe(201);
      const due = api.clock.now().getTime() + 3 * DAY;
      const m = await asUser(api, user, {
        method: 'POST',
        url: '/api/v1/milestones',
        body: {
          defenderId: defender.body.id,
          kind: 'custom',
          title: 'Visit request follow-up',
          dueAt: new Date(due).toISOString(),
          remindBefore: ['P1D'],
          assigneeIds: [user.id],
        },
      });
      expect(m.status).toBe(201);
      const planned: { channel: string; send_at: Date }[] = await api.db.query(
        `SELECT channel, send_at FROM deliveries WHERE milestone_id = $1 ORDER BY channel`,
        [m.body.id],
      );
      expect(planned.map((d) => d.channel)).toEqual(['email', 'in_app']);
      const sendAt = due - DAY;
      expect(planned.every((d) => d.send_at.getTime() === sendAt)).toBe(true);

      // Nobody has ticked for 7.5 minutes past the reminders' moment: both are due, unsent.
      const lateBy = 7.5 * MIN;
      api.clock.set(new Date(sendAt + lateBy));
      const waiting = await scrapeWorker();
      expect(valueOf(waiting, 'witness_reminders_due_unsent')).toBe(2);
      expect(valueOf(waiting, 'witness_reminders_oldest_due_age_seconds')).toBe(lateBy / 1000);

      expect(await worker.tick()).toBe(2);
      await worker.drain();
      const states: { channel: string; state: string; attempts: number }[] = await api.db.query(
        `SELECT channel, state, attempts FROM deliveries WHERE milestone_id = $1 ORDER BY channel`,
        [m.body.id],
      );
      expect(states).toEqual([
        { channel: 'email', state: 'failed', attempts: 8 },
        { channel: 'in_app', state: 'sent', attempts: 1 },
      ]);

      const samples = await scrapeWorker();
      const deliver = { queue: 'reminders', name: 'deliver' };
      // The email's first seven attempts threw and were retried; its eighth recorded the
      // failure for good and completed. The in-app reminder needed no job: the tick's claim
      // delivered it.
      expect(valueOf(samples, 'witness_job_failures_total', { ...deliver, final: 'false' })).toBe(
        7,
      );
      expect(
        valueOf(samples, 'witness_job_failures_total', { ...deliver, final: 'true' }),
      ).toBeUndefined();
      expect(
        valueOf(samples, 'witness_job_duration_seconds_count', { ...deliver, result: 'failed' }),
      ).toBe(7);
      expect(
        valueOf(samples, 'witness_job_duration_seconds_count', { ...deliver, result: 'completed' }),
      ).toBe(1);
      expect(
        valueOf(samples, 'witness_reminder_deliveries_total', {
          channel: 'email',
          outcome: 'failed',
        }),
      ).toBe(1);
      expect(
        valueOf(samples, 'witness_reminder_deliveries_total', {
          channel: 'in_app',
          outcome: 'sent',
        }),
      ).toBe(1);
      // The in-app reminder went out on the manual clock 7.5 minutes after its moment.
      expect(
        valueOf(samples, 'witness_reminder_delivery_lag_seconds_count', { channel: 'in_app' }),
      ).toBe(1);
      expect(
        valueOf(samples, 'witness_reminder_delivery_lag_seconds_sum', { channel: 'in_app' }),
      ).toBe(lateBy / 1000);
      expect(
        valueOf(samples, 'witness_reminder_delivery_lag_seconds_bucket', {
          channel: 'in_app',
          le: '300',
        }),
      ).toBe(0);
      expect(
        valueOf(samples, 'witness_reminder_delivery_lag_seconds_bucket', {
          channel: 'in_app',
          le: '600',
        }),
      ).toBe(1);
      expect(
        valueOf(samples, 'witness_reminder_delivery_lag_seconds_count', { channel: 'email' }),
      ).toBeUndefined();
      // Nothing is left due.
      expect(valueOf(samples, 'witness_reminders_due_unsent')).toBe(0);
      expect(valueOf(samples, 'witness_reminders_oldest_due_age_seconds')).toBe(0);
    });

    it('a failing collector is left out of the scrape and counted; the scrape still answers', async () => {
      // The outbox table is locked by a transaction held open: the outbox collector gives up
      // (lock_timeout) and is left out of this scrape; the others still report.
      const held = await api.db.createQueryRunner();
      await held.connect();
      await held.startTransaction();
      try {
        await held.query(`LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE`);
        const samples = await scrapeWorker();
        expect(valueOf(samples, 'witness_outbox_backlog')).toBeUndefined();
        expect(
          valueOf(samples, 'witness_metrics_collect_errors_total', { collector: 'outbox' }),
        ).toBe(1);
        expect(valueOf(samples, 'witness_db_pool_max_connections')).toBe(5);
      } finally {
        await held.rollbackTransaction();
        await held.release();
      }
      const after = await scrapeWorker();
      expect(valueOf(after, 'witness_outbox_backlog')).toEqual(expect.any(Number));
    });
  });
});
