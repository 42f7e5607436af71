import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/platform/src/database/data-source-options';
import { migrate } from '../libs/platform/src/database/migrate';
import { validateEnv } from '../libs/platform/src/config/env';
import { admin, urlFor } from './support/database';

const ROOT = resolve(__dirname, '..');

/** Migration names as TypeORM records them: `<Name><timestamp>` from `<timestamp>-<Name>.ts`. */
function migrationNames(): string[] {
  return readdirSync(join(ROOT, 'migrations'))
    .filter((f) => /^\d+-.+\.ts$/.test(f))
    .map((f) => {
      const [, ts, name] = /^(\d+)-(.+)\.ts$/.exec(f) as RegExpExecArray;
      return `${name}${ts}`;
    })
    .sort();
}

describe('migrations at start', () => {
  // The witness_t_ prefix lets the global setup clean it up after an interrupted run.
  const name = `witness_t_mig_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = urlFor(name);

  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('two replicas starting together create the database once and run each migration once', async () => {
    const exists = await admin((c) =>
      c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
    );
    expect(exists.rowCount).toBe(0);

    const logs: string[] = [];
    const logger = { log: (m: string) => logs.push(m) };
    const [a, b] = await Promise.all([migrate(url, logger), migrate(url, logger)]);

    const all = migrationNames();
    expect(all.length).toBeGreaterThan(0);
    // One of them ran everything, the other nothing.
    expect([a.length, b.length].sort()).toEqual([0, all.length]);
    expect([...a, ...b].sort()).toEqual(all);
    expect(logs.filter((m) => m.startsWith('created database')).length).toBe(1);

    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const { rows } = await c.query<{ name: string; n: string }>(
        'SELECT name, count(*)::text AS n FROM migrations GROUP BY name ORDER BY name',
      );
      expect(rows.map((r) => r.name)).toEqual(all);
      expect(rows.every((r) => r.n === '1')).toBe(true);
    } finally {
      await c.end();
    }

    // A later start finds nothing to do.
    expect(await migrate(url)).toEqual([]);
  });

  it('the migrations build exactly the schema the entities declare (no drift)', async () => {
    // What `migration:generate` would write: empty when every entity change has its migration
    // (an index added by hand must also be declared on its entity, or the next generated
    // migration would drop it).
    const ds = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }));
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});

describe('configuration is validated at boot', () => {
  const bad = { PORT: 'abc', DATABASE_URL: 'nope', LOG_LEVEL: 'loud' };

  it('lists every bad variable in one error', () => {
    let error: Error | undefined;
    try {
      validateEnv({ ...bad, REDIS_URL: 'redis://127.0.0.1:6379' });
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(/3 variable/);
    for (const variable of Object.keys(bad)) expect(error?.message).toContain(variable);
    expect(error?.message).not.toContain('REDIS_URL');
  });

  it.each([
    ['api', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
  ])(
    'the %s process exits non-zero with that message',
    async (_app, entry) => {
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
        (resolvePromise, reject) => {
          const child = spawn(
            process.execPath,
            ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
            {
              cwd: ROOT,
              env: { ...process.env, NODE_ENV: 'test', ...bad },
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          let err = '';
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          child.stdout.resume();
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`${entry} did not exit within 30 s; stderr: ${err}`));
          }, 30_000);
          child.on('error', reject);
          child.on('exit', (exitCode) => {
            clearTimeout(timer);
            resolvePromise({ code: exitCode, stderr: err });
          });
        },
      );
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(stderr).toMatch(/Invalid configuration \(3 variable/);
      for (const variable of Object.keys(bad)) expect(stderr).toContain(variable);
    },
    40_000,
  );
});
