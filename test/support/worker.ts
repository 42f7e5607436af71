import type { INestApplicationContext } from '@nestjs/common';
import { Clock, QueueName, redisOptions, ReminderJob, type ManualClock } from '@witness/platform';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

export interface TestWorker {
  app: INestApplicationContext;
  /** One scheduler tick, as the recurring job runs it: returns how many deliveries it enqueued. */
  tick: () => Promise<number>;
  /**
   * Wait until the reminders queue holds no waiting or active job and no delayed `deliver`
   * job. Delayed `deliver` jobs are retries waiting out their exponential backoff: they are
   * promoted at once, so a retry path runs to its end in milliseconds, through the real
   * BullMQ retries and the real attempt count, instead of minutes of backoff.
   */
  drain: (timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

const REDIS_URL = (): string => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Workers running per prefix: the keys go when the last one closes. */
const running = new Map<string, number>();

/**
 * Boot the real worker module in-process (same factory as production) on the api's database
 * and BullMQ prefix, with the api's ManualClock, so a test moves time for both at once.
 * Several may run side by side (they race as separate worker processes would).
 */
export async function startWorker(options: {
  dbUrl: string;
  queuePrefix: string;
  clock: ManualClock;
  env?: Record<string, string>;
}): Promise<TestWorker> {
  process.env.DATABASE_URL = options.dbUrl;
  process.env.QUEUE_PREFIX = options.queuePrefix;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_POOL_SIZE = '5';
  // The recurring tick must not race the test's own ticks: an hour is far beyond any test.
  process.env.REMINDER_TICK_SECONDS = '3600';
  Object.assign(process.env, options.env ?? {});
  // Imported only now: Nest's ConfigModule reads process.env when the module is loaded.
  const { createWorkerApp } = await import('../../apps/worker/src/worker.factory');
  const { RemindersProcessor } =
    await import('../../apps/worker/src/processors/reminders.processor');
  const app = await createWorkerApp((b) => b.overrideProvider(Clock).useValue(options.clock));
  running.set(options.queuePrefix, (running.get(options.queuePrefix) ?? 0) + 1);
  const processor = app.get(RemindersProcessor);
  const queue = new Queue(QueueName.Reminders, {
    prefix: options.queuePrefix,
    connection: redisOptions(REDIS_URL()),
  });

  const drain = async (timeoutMs = 20_000): Promise<void> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const busy = await queue.getJobCounts('waiting', 'active', 'prioritized');
      const delayed = (await queue.getJobs(['delayed'])).filter(
        (j) => j && j.name === ReminderJob.Deliver,
      );
      for (const j of delayed) await j.promote().catch(() => undefined);
      if (Object.values(busy).every((n) => n === 0) && delayed.length === 0) return;
      if (Date.now() > end) {
        throw new Error(
          `reminders queue not drained after ${timeoutMs} ms: ${JSON.stringify(busy)}`,
        );
      }
      // Bounded polling on real I/O (the worker's BullMQ consumers), never a fixed sleep.
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  let closed = false;
  return {
    app,
    tick: () => processor.tick(),
    drain,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await queue.close();
      const left = (running.get(options.queuePrefix) ?? 1) - 1;
      running.set(options.queuePrefix, left);
      if (left === 0) await deleteKeys(options.queuePrefix);
    },
  };
}

/** Remove every BullMQ key of a prefix (test isolation on a shared Redis). */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisOptions(REDIS_URL()));
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
}
