import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { Queue } from 'bullmq';
import { redisOptions } from '@witness/platform';
import { cloneTestDatabase } from './support/database';

/**
 * Faults with the real worker as a separate process (system clock): it is SIGKILLed in the
 * middle of dispatching, again and again, then restarted; every reminder must end delivered
 * exactly once. Data is seeded with SQL as if reminders had fallen due.
 */
const ROOT = join(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DELIVERIES = 400;

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/worker/src/main.ts',
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' },
  );
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

async function until<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('reminder delivery survives a worker killed mid-batch', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let pg: Client;
  const prefix = `f${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    // 20 caseworkers x 20 milestones, one in-app reminder each, all due now.
    await pg.query(`
      INSERT INTO users (id, email, name, role, password_hash, version)
      SELECT gen_random_uuid(), 'fault' || g || '@example.org', 'Fault ' || g, 'caseworker', 'x', 1
        FROM generate_series(1, 20) g`);
    await pg.query(`
      INSERT INTO milestones (id, kind, title, due_at, remind_before, status, version)
      SELECT gen_random_uuid(), 'custom', 'Fault drill ' || g, now() + interval '1 day', '{P1D}', 'open', 1
        FROM generate_series(1, 20) g`);
    await pg.query(`
      INSERT INTO deliveries (milestone_id, "offset", recipient_id, channel, send_at)
      SELECT m.id, 'P1D', u.id, 'in_app', now() - interval '1 minute'
        FROM milestones m CROSS JOIN users u`);
  }, 60_000);

  afterAll(async () => {
    await pg?.end();
    const queue = new Queue('reminders', { connection: redisOptions(REDIS_URL), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    const maint = new Queue('maintenance', { connection: redisOptions(REDIS_URL), prefix });
    await maint.obliterate({ force: true }).catch(() => undefined);
    await maint.close();
    await db?.drop();
  });

  it('every reminder is delivered exactly once after repeated SIGKILLs', async () => {
    const env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      REMINDER_TICK_SECONDS: '1',
      // A job lost with the killed process is enqueued again quickly.
      REMINDER_REQUEUE_SECONDS: '10',
      WORKER_CONCURRENCY: '20',
      NODE_ENV: 'test',
    };
    const count = async () =>
      Number((await pg.query(`SELECT count(*) AS n FROM notifications`)).rows[0].n);
    let kills = 0;
    for (let i = 0; i < 4; i++) {
      const worker = startWorker(env);
      // Let it boot and start dispatching, then kill it at a random point.
      await until(count, (n) => n > 0 || i > 0, 20_000);
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 600)));
      await stop(worker, 'SIGKILL');
      kills++;
    }
    const finalWorker = startWorker(env);
    try {
      const sent = await until(
        async () =>
          Number(
            (await pg.query(`SELECT count(*) AS n FROM deliveries WHERE state = 'sent'`)).rows[0].n,
          ),
        (n) => n === DELIVERIES,
        45_000,
      );
      expect(kills).toBe(4);
      if (sent !== DELIVERIES) {
        const states = await pg.query(
          `SELECT state, attempts, last_error, count(*) AS n FROM deliveries GROUP BY 1, 2, 3`,
        );
        console.error(JSON.stringify(states.rows));
      }
      expect(sent).toBe(DELIVERIES);
      const perDelivery = await pg.query(
        `SELECT delivery_id, count(*) AS n FROM notifications GROUP BY delivery_id HAVING count(*) <> 1`,
      );
      expect(perDelivery.rows).toEqual([]);
      expect(await count()).toBe(DELIVERIES);
    } finally {
      await stop(finalWorker, 'SIGTERM');
    }
  }, 120_000);
});
