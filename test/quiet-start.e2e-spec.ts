import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { admin, urlFor } from './support/database';

/**
 * What a person sees when the api starts at the default log level: the real main.ts in its
 * own process, on an empty database (so migrations run too). A few lines, the banner with
 * the address, and none of Nest's per-module or per-route start-up steps.
 */
const ROOT = join(__dirname, '..');
const START_TIMEOUT_MS = 150_000;
jest.setTimeout(2 * START_TIMEOUT_MS);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Run {
  port: number;
  lines: () => string[];
  stop: () => Promise<void>;
}

/** Start apps/api/src/main.ts as `npm run dev:api` does; resolves once it printed its banner. */
async function startMain(env: Record<string, string>): Promise<Run> {
  const port = await freePort();
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(JEST_|NODE_OPTIONS$|LOG_|PUBLIC_BASE_URL$|NODE_ENV$)/.test(k),
    ),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/api/src/main.ts',
    ],
    {
      cwd: ROOT,
      env: {
        ...clean,
        PORT: String(port),
        HOST: '127.0.0.1',
        QUEUE_PREFIX: `q${randomBytes(4).toString('hex')}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!/Witness is ready at/.test(output)) {
    if (child.exitCode !== null) throw new Error(`api exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`no banner within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    lines: () => output.split('\n').filter((l) => l.trim() !== ''),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('a quiet start', () => {
  const db = `witness_quiet_${randomBytes(4).toString('hex')}`;
  const keys = {
    WITNESS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    AUDIT_HMAC_KEYS: `a1:${randomBytes(32).toString('base64')}`,
  };

  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`));
  });

  it('prints a few readable lines in development, the banner among them', async () => {
    const run = await startMain({ NODE_ENV: 'development', DATABASE_URL: urlFor(db) });
    try {
      // A request that is only a probe: not logged.
      expect((await fetch(`http://127.0.0.1:${run.port}/health/live`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const lines = run.lines();
      expect(lines.length).toBeLessThanOrEqual(5);
      const banner = lines.find((l) => l.includes('Witness is ready at'));
      expect(banner).toContain(`http://127.0.0.1:${run.port}/app`);
      expect(banner).toContain(`http://127.0.0.1:${run.port}/docs`);
      expect(lines.some((l) => /applied \d+ migration/.test(l))).toBe(true);
      for (const line of lines) {
        expect(line).not.toMatch(/^\{/); // one readable line, not JSON
        expect(line).not.toMatch(
          /InstanceLoader|RoutesResolver|RouterExplorer|Mapped \{|migration ran/,
        );
        expect(line).not.toContain('/health/live');
      }
    } finally {
      await run.stop();
    }
  });

  it('prints JSON in production, with the banner and a warning about PUBLIC_BASE_URL', async () => {
    const run = await startMain({ NODE_ENV: 'production', DATABASE_URL: urlFor(db), ...keys });
    try {
      const records = run.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.length).toBeLessThanOrEqual(5);
      expect(records).toContainEqual(
        expect.objectContaining({
          level: 30,
          url: `http://127.0.0.1:${run.port}/app`,
          msg: expect.stringContaining('Witness is ready at'),
        }),
      );
      expect(records).toContainEqual(
        expect.objectContaining({ level: 40, msg: expect.stringContaining('PUBLIC_BASE_URL') }),
      );
      // Already migrated by the first run: nothing to say about it.
      expect(records.some((r) => /migration/.test(String(r.msg)))).toBe(false);
    } finally {
      await run.stop();
    }
  });
});
