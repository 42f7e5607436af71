import { randomBytes } from 'node:crypto';
import { MaintenanceJob, OutboxService, QueueName, redisOptions } from '@witness/platform';
import { Queue } from 'bullmq';
import { startApi, type TestApi } from './support/api';
import { deleteKeys, startWorker, type TestWorker } from './support/worker';

/**
 * The transactional outbox: work is a row committed with the change that asked for it; the
 * relay enqueues it under its job id; the processor marks it done. Nothing is lost when the
 * queue loses it, and nothing rolled back is ever enqueued.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('outbox and relay', () => {
  let api: TestApi;
  let worker: TestWorker;
  let outbox: OutboxService;
  type Relay = { relay: (batch?: number, requeueAfterMs?: number) => Promise<number> };
  let relay: Relay;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
    });
    outbox = worker.app.get(OutboxService);
    const { OutboxRelay } = await import('../apps/worker/src/processors/outbox-relay.service');
    relay = worker.app.get(OutboxRelay) as Relay;
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const row = async (jobId: string) =>
    (
      await api.db.query(
        `SELECT enqueued_at, enqueue_count, done_at FROM outbox WHERE job_id = $1`,
        [jobId],
      )
    )[0] as { enqueued_at: Date | null; enqueue_count: number; done_at: Date | null } | undefined;

  const add = (jobId: string) =>
    api.db.transaction((tx) =>
      outbox.add(tx, {
        queue: QueueName.Maintenance,
        name: MaintenanceJob.Ping,
        jobId,
        payload: { requestedAt: 'x' },
      }),
    );

  const waitDone = async (jobId: string) => {
    for (let i = 0; i < 100; i++) {
      const r = await row(jobId);
      if (r?.done_at) return r;
      await new Promise((res) => setTimeout(res, 50));
    }
    return row(jobId);
  };

  it('a message rolled back with its transaction is never enqueued', async () => {
    const jobId = `ping-${randomBytes(4).toString('hex')}`;
    await expect(
      api.db.transaction(async (tx) => {
        await outbox.add(tx, {
          queue: QueueName.Maintenance,
          name: MaintenanceJob.Ping,
          jobId,
          payload: { requestedAt: 'x' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await relay.relay();
    expect(await row(jobId)).toBeUndefined();
  });

  it('a committed message is enqueued once and marked done by its processor', async () => {
    const jobId = `ping-${randomBytes(4).toString('hex')}`;
    await add(jobId);
    await add(jobId); // the same work asked twice is one message
    expect(
      (await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = $1`, [jobId]))[0].n,
    ).toBe(1);
    expect(await relay.relay()).toBeGreaterThanOrEqual(1);
    const r = await waitDone(jobId);
    expect(r?.done_at).not.toBeNull();
    expect(r?.enqueue_count).toBe(1);
    // Done messages are not relayed again, even long after.
    api.clock.advance(3600_000);
    await relay.relay();
    expect((await row(jobId))?.enqueue_count).toBe(1);
  });

  it('a message whose job was lost (Redis flushed) is enqueued again and runs', async () => {
    const jobId = `ping-${randomBytes(4).toString('hex')}`;
    // Hold the queue so the first enqueue is still waiting when Redis loses it.
    const queue = new Queue(QueueName.Maintenance, {
      prefix: api.queuePrefix,
      connection: redisOptions(REDIS_URL),
    });
    await queue.pause();
    try {
      await add(jobId);
      await relay.relay();
      expect((await row(jobId))?.enqueue_count).toBe(1);
      await deleteKeys(api.queuePrefix); // Redis loses every job of this deployment
      await relay.relay();
      expect((await row(jobId))?.enqueue_count).toBe(1); // not yet: it may still be in flight
      api.clock.advance(6 * 60_000);
      await relay.relay();
      expect((await row(jobId))?.enqueue_count).toBe(2);
    } finally {
      await queue.resume().catch(() => undefined);
      await queue.close();
    }
    const r = await waitDone(jobId);
    expect(r?.done_at).not.toBeNull();
  });
});
