// Baseline of the reminders scenario: raw BullMQ on the same Redis, under its own prefix.
// A Worker (same concurrency as the Witness worker) is started, then N no-op jobs are added
// with Queue.addBulk in batches of 500 (the size the reminder tick enqueues), with the
// project's default job options; the time runs from the first add to the Nth completion.
// Reports over IPC: { type: 'result', ms, jobs, peakRssMb }. Cleans its keys afterwards.
'use strict';

const { clearInterval, setInterval } = require('node:timers');
const { Queue, Worker } = require('bullmq');
const IORedis = require('ioredis');
const { requireBuilt } = require('./lib/common');

const { DEFAULT_JOB_OPTIONS } = requireBuilt('libs/platform/src/queue/queues.js');

async function deleteKeys(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

async function main() {
  const jobs = Number(process.env.BENCH_JOBS);
  const concurrency = Number(process.env.BENCH_CONCURRENCY);
  const prefix = process.env.BENCH_PREFIX;
  const url = process.env.REDIS_URL;
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);

  const redis = new IORedis(url, { maxRetriesPerRequest: null });
  await deleteKeys(redis, prefix);
  const connection = { url, maxRetriesPerRequest: null };
  const queue = new Queue('noop', { prefix, connection, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  let completed = 0;
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  const worker = new Worker('noop', async () => null, { prefix, connection, concurrency });
  worker.on('completed', () => {
    if (++completed === jobs) resolveDone();
  });
  await worker.waitUntilReady();

  const started = process.hrtime.bigint();
  for (let i = 0; i < jobs; i += 500) {
    const batch = [];
    for (let k = i; k < Math.min(jobs, i + 500); k++) {
      batch.push({ name: 'noop', data: { n: k }, opts: { jobId: `noop-${k}` } });
    }
    await queue.addBulk(batch);
  }
  await done;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  clearInterval(sampler);
  await worker.close();
  await queue.close();
  await deleteKeys(redis, prefix);
  await redis.quit();
  process.send({ type: 'result', ms, jobs, peakRssMb: peakRss / 1048576 }, () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
