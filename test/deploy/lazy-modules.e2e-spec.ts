import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneTestDatabase } from '../support/database';
import { ROOT } from './support';

/**
 * Optional parts load only when configured: an api on disk storage, without CLAMAV_HOST and
 * without PDF rendering, starts without the AWS SDK, playwright-core or the clamd client in
 * memory. Checked in a child process, where require.cache is Node's (jest keeps its own).
 */
describe('lazy optional parts', () => {
  let database: Awaited<ReturnType<typeof cloneTestDatabase>>;
  const storage = mkdtempSync(join(tmpdir(), 'witness-lazy-'));
  beforeAll(async () => {
    database = await cloneTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('the api boots with disk storage without loading @aws-sdk, playwright-core or clamd', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      MIGRATIONS_RUN: 'false',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `lazy${process.pid}`,
      STORAGE_DRIVER: 'fs',
      STORAGE_DIR: storage,
      // The TypeScript sources, compiled by swc on the fly: the same code the image runs.
      TS_NODE_SWC: 'true',
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
    };
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-r',
          'tsconfig-paths/register',
          join(__dirname, 'lazy-probe.ts'),
        ],
        { cwd: ROOT, env },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    expect({ code, stderr: stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(report.afterBoot).toEqual({ s3: false, chromium: false, clamd: false });
    // And the probe sees them once they are configured (so the check above means something).
    expect(report.whenConfigured).toEqual({ driver: 's3', s3: true, chromium: false, clamd: true });
  }, 180_000);
});
