import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { MaintenanceJob, QueueName, redisOptions, type JobPayloads } from '@witness/platform';
import { cloneTestDatabase } from './support/database';

type PingJob = Job<JobPayloads[MaintenanceJob.Ping], { pong: string }>;

/**
 * The real worker (same factory as production) on its own database clone and BullMQ prefix:
 * it consumes jobs, and closing it lets the jobs it is running finish.
 */
describe('worker: consumes jobs and shuts down gracefully', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `t${randomBytes(4).toString('hex')}`;
  let database: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    database = await cloneTestDatabase();
    process.env.DATABASE_URL = database.url;
    process.env.REDIS_URL = redisUrl;
    process.env.QUEUE_PREFIX = prefix;
    process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
    process.env.NODE_ENV = 'test';
    process.env.DATABASE_POOL_SIZE = '2';
    // Imported only now: Nest's ConfigModule reads process.env when the module is loaded.
    const { createWorkerApp } = await import('../apps/worker/src/worker.factory');
    worker = await createWorkerApp();

    queue = new Queue(QueueName.Maintenance, { prefix, connection: redisOptions(redisUrl) });
    events = new QueueEvents(QueueName.Maintenance, {
      prefix,
      connection: redisOptions(redisUrl),
    });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.close();
    const redis = new Redis(redisOptions(redisUrl));
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    await database?.drop();
  });

  const ping = (): Promise<PingJob> =>
    queue.add(MaintenanceJob.Ping, { requestedAt: new Date().toISOString() }) as Promise<PingJob>;

  it('processes a ping job added to the maintenance queue', async () => {
    const job = await ping();
    const result = await job.waitUntilFinished(events, 15_000);
    expect(result).toEqual({ pong: job.data.requestedAt });
    expect(await job.getState()).toBe('completed');
  });

  it('lets the jobs it is running finish when closed, and abandons none', async () => {
    // Many jobs, and close() called as soon as the first one is picked up, so the worker is
    // busy when it is told to stop. Whatever it had taken must be completed, not left
    // active (it would only be retried after a stall) nor failed; the rest stays queued.
    const jobs = await queue.addBulk(
      Array.from({ length: 200 }, () => ({
        name: MaintenanceJob.Ping,
        data: { requestedAt: new Date().toISOString() },
      })),
    );
    const firstFinished = jobs[0].waitUntilFinished(events, 15_000);
    await firstFinished;

    const app = worker as INestApplicationContext;
    worker = undefined;
    await app.close();

    const states = await Promise.all(jobs.map((j) => queue.getJobState(j.id as string)));
    const counts = states.reduce<Record<string, number>>(
      (acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }),
      {},
    );
    expect(await queue.getActiveCount()).toBe(0);
    expect(await queue.getFailedCount()).toBe(0);
    expect(counts.completed).toBeGreaterThanOrEqual(1);
    // Every job is accounted for: done, or still waiting for the next worker.
    expect((counts.completed ?? 0) + (counts.waiting ?? 0)).toBe(jobs.length);

    // The first job completed while the worker ran; close() resolved only after that.
    expect(await jobs[0].getState()).toBe('completed');
  });
});
