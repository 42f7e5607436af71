import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cloneTestDatabase } from './support/database';
import { deleteKeys } from './support/worker';
import { loadDockerfile } from './deploy/support';

/**
 * The worker's container healthcheck: the real worker writes a heartbeat file while
 * PostgreSQL and Redis answer it, and the Dockerfile's HEALTHCHECK command (run here as
 * Docker would) passes on a fresh file and fails on a stale or missing one.
 */
describe('worker: heartbeat file for the container healthcheck', () => {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'witness-heartbeat-'));
  const file = join(dir, 'worker.heartbeat');
  let database: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let worker: INestApplicationContext | undefined;

  /** The HEALTHCHECK of the Dockerfile's worker target, with the heartbeat settings given. */
  const healthcheck = (): number | null => {
    const stage = loadDockerfile().find((s) => s.name === 'worker')!;
    const args = stage.instructions.find((i) => i.op === 'HEALTHCHECK')!.args;
    const cmd = JSON.parse(/CMD (\[.*\])$/.exec(args)![1]) as string[];
    expect(cmd[0]).toBe('node');
    return spawnSync(process.execPath, cmd.slice(1), {
      env: { WORKER_HEARTBEAT_FILE: file, WORKER_HEARTBEAT_SECONDS: '1' },
      timeout: 10_000,
    }).status;
  };

  const waitFor = async (what: string, ok: () => boolean, timeoutMs = 10_000) => {
    const end = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    database = await cloneTestDatabase();
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
      DATABASE_POOL_SIZE: '2',
      REMINDER_TICK_SECONDS: '3600',
      WORKER_HEARTBEAT_FILE: file,
      WORKER_HEARTBEAT_SECONDS: '1',
    });
    // Imported only now: Nest's ConfigModule reads process.env when the module is loaded.
    const { createWorkerApp } = await import('../apps/worker/src/worker.factory');
    worker = await createWorkerApp();
  });

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await deleteKeys(prefix);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('beats while PostgreSQL and Redis answer, and the healthcheck passes', async () => {
    await waitFor('the first beat', () => existsSync(file));
    const first = statSync(file).mtimeMs;
    await waitFor('the next beat', () => statSync(file).mtimeMs > first, 5_000);
    expect(healthcheck()).toBe(0);
  });

  it('stops beating when the database is gone, and the healthcheck then fails', async () => {
    await worker!.get(DataSource).destroy();
    // A beat in flight may still land; after it, the file must stay as it is.
    await new Promise((r) => setTimeout(r, 1_500));
    const last = statSync(file).mtimeMs;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(statSync(file).mtimeMs).toBe(last);
    // Four periods later (aged here rather than waited for), the container is unhealthy.
    const old = new Date(Date.now() - 5_000);
    utimesSync(file, old, old);
    expect(healthcheck()).toBe(1);
  });

  it('removes the file at shutdown; a missing file fails the healthcheck', async () => {
    await worker!.close().catch(() => undefined);
    worker = undefined;
    expect(existsSync(file)).toBe(false);
    expect(healthcheck()).toBe(1);
    writeFileSync(file, '{}\n');
    expect(healthcheck()).toBe(0);
  });
});
