import { QueueName, redisOptions } from '@witness/platform';
import { Queue } from 'bullmq';
import { appEnv, startApiProcess, startWorkerProcess, type AppProcess } from './apps';
import { firstAdmin, type Http } from './http';
import { freePort, startPostgres, startRedis, type PgCluster, type RedisServer } from './services';
import { trace } from './wait';

/**
 * One scenario's world: its own PostgreSQL cluster and Redis, the built api listening on a
 * free port, and the first admin signed in. Workers are started by the scenario.
 */
export interface World {
  pg: PgCluster;
  redis: RedisServer;
  /** Environment shared by the api and the workers. */
  env: Record<string, string>;
  api: AppProcess & { baseUrl: string };
  admin: Http;
  /** SQL on the scenario's database. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  startWorker(name?: string, extra?: Record<string, string>): Promise<AppProcess>;
  /** BullMQ job counts of one queue (waiting, active, delayed, failed, ...). */
  jobCounts(queue: QueueName): Promise<Record<string, number>>;
  /** The ids of a queue's jobs in the given states. */
  jobIds(queue: QueueName, states: ('waiting' | 'delayed' | 'active')[]): Promise<string[]>;
  /** Which of these job ids the queue still holds (in any state). */
  existingJobs(queue: QueueName, ids: string[]): Promise<string[]>;
  close(): Promise<void>;
}

export const DATABASE = 'witness_faults';

export async function startWorld(
  options: { redisPersistent?: boolean; env?: Record<string, string> } = {},
): Promise<World> {
  const t0 = Date.now();
  const pg = await startPostgres();
  let redis: RedisServer | undefined;
  const procs: AppProcess[] = [];
  try {
    redis = await startRedis({ persistent: options.redisPersistent });
    const env = appEnv(
      { DATABASE_URL: pg.url(DATABASE), REDIS_URL: redis.url },
      { PORT: String(await freePort()), ...(options.env ?? {}) },
    );
    trace(`services up in ${Date.now() - t0} ms`);
    const api = await startApiProcess(env);
    procs.push(api);
    trace(`api up (migrated) in ${Date.now() - t0} ms`);
    const admin = await firstAdmin(api.baseUrl, env);
    trace(`first admin in ${Date.now() - t0} ms`);
    const r = redis;
    /** A short-lived BullMQ handle on one of the scenario's queues. */
    const withQueue = async <T>(queue: QueueName, fn: (q: Queue) => Promise<T>): Promise<T> => {
      const q = new Queue(queue, {
        prefix: env.QUEUE_PREFIX,
        connection: redisOptions(r.url, { maxRetriesPerRequest: 1 }),
      });
      try {
        return await fn(q);
      } finally {
        await q.close();
      }
    };
    return {
      pg,
      redis: r,
      env,
      api,
      admin,
      sql: (text, params) => pg.query(DATABASE, text, params),
      startWorker: async (name, extra = {}) => {
        const w = await startWorkerProcess({ ...env, ...extra }, { name });
        procs.push(w);
        return w;
      },
      jobCounts: (queue) => withQueue(queue, (q) => q.getJobCounts()),
      jobIds: (queue, states) =>
        withQueue(queue, async (q) =>
          (await q.getJobs(states)).filter((j) => j?.id).map((j) => String(j.id)),
        ),
      existingJobs: (queue, ids) =>
        withQueue(queue, async (q) => {
          const found = await Promise.all(ids.map((id) => q.getJob(id)));
          return ids.filter((_id, i) => found[i]);
        }),
      close: async () => {
        await Promise.all(procs.map((p) => p.kill()));
        await r.destroy();
        pg.destroy();
      },
    };
  } catch (e) {
    await Promise.all(procs.map((p) => p.kill()));
    await redis?.destroy();
    pg.destroy();
    throw e;
  }
}
