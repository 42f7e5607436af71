import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from './wait';

/**
 * The BUILT api and worker as separate OS processes, as production runs them
 * (`node dist/apps/<app>/src/main.js`). Each runs in its own process group, so a SIGKILL
 * takes the worker's Chromium with it, as a crashed container would.
 */

export const ROOT = resolve(__dirname, '..', '..', '..');
/** The build under test: `dist/` (FAULTS_DIST points elsewhere, e.g. a private build). */
export const DIST = resolve(ROOT, process.env.FAULTS_DIST ?? 'dist');

export function builtEntry(app: 'api' | 'worker' | 'cli'): string {
  const file = join(DIST, 'apps', app, 'src', 'main.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  running(): boolean;
  /** The last lines it wrote (JSON log lines), for failure messages. */
  output(): string;
  /** Log records (parsed pino lines) written so far. */
  records(): Record<string, unknown>[];
  /** SIGKILL the whole process group (with any Chromium it started); resolves on exit. */
  kill(): Promise<Exit>;
  /** Send one signal to the node process only (SIGTERM: graceful shutdown). */
  signal(sig: NodeJS.Signals): void;
}

const live = new Set<AppProcess>();
process.once('exit', () => {
  for (const p of live) {
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A 32-byte field-encryption key, as production requires one. */
export const ENCRYPTION_KEYS = `faults:${randomBytes(32).toString('base64')}`;
/** And the audit chain's HMAC key. */
export const AUDIT_HMAC_KEYS = `faults:${randomBytes(32).toString('base64')}`;
/** Documents and the audit chain's anchors of this run, out of the checkout. */
const STORAGE_DIR = mkdtempSync(join(tmpdir(), 'witness-faults-files-'));
process.once('exit', () => rmSync(STORAGE_DIR, { recursive: true, force: true }));

export interface ServiceEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX?: string;
}

/** Environment for both apps: production mode, quick reminder and relay cycles. */
export function appEnv(services: ServiceEnv, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: 'production',
    WITNESS_ENCRYPTION_KEYS: ENCRYPTION_KEYS,
    AUDIT_HMAC_KEYS,
    STORAGE_DIR,
    QUEUE_PREFIX: 'witness',
    LOG_LEVEL: 'info',
    AUTH_REQUIRE_MFA: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    DATABASE_POOL_SIZE: '10',
    OUTBOX_RELAY_SECONDS: '1',
    REMINDER_TICK_SECONDS: '1',
    REMINDER_REQUEUE_SECONDS: '10',
    OUTBOX_REQUEUE_SECONDS: '10',
    CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The scenarios' webhook receiver listens on loopback over http: the operator lists it.
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    ...services,
    ...extra,
  } as Record<string, string>;
}

function spawnApp(name: string, entry: string, env: Record<string, string>): AppProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(JEST_|NODE_OPTIONS$|TS_NODE|npm_)/.test(k) && k !== 'NODE_ENV',
    ),
  );
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const records: Record<string, unknown>[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 400) lines.shift();
      if (line.startsWith('{')) {
        try {
          records.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // a line split across chunks: kept as text only
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let done = false;
  const exited = new Promise<Exit>((resolveExit) =>
    child.once('exit', (code, signal) => {
      done = true;
      live.delete(proc);
      resolveExit({ code, signal });
    }),
  );
  const proc: AppProcess = {
    name,
    pid: child.pid as number,
    child,
    exited,
    running: () => !done,
    output: () => lines.slice(-60).join('\n'),
    records: () => records,
    kill: async () => {
      if (!done) {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
      const exit = await exited;
      // Whatever else was in its group (Chromium) goes too.
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // the group is empty
      }
      return exit;
    },
    signal: (sig) => {
      if (!done) child.kill(sig);
    },
  };
  live.add(proc);
  return proc;
}

/** Start the api on `port` and wait until it answers /health/live. */
export async function startApiProcess(
  env: Record<string, string>,
  options: { name?: string; timeout?: number } = {},
): Promise<AppProcess & { baseUrl: string }> {
  const port = env.PORT;
  if (!port) throw new Error('PORT is required');
  const proc = spawnApp(options.name ?? 'api', builtEntry('api'), { HOST: '127.0.0.1', ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (!proc.running()) throw new Error(`${proc.name} exited early:\n${proc.output()}`);
      const res = await fetch(`${baseUrl}/health/live`).catch(() => undefined);
      return res?.status === 200;
    },
    { timeout: options.timeout ?? 60_000, what: `${proc.name} to answer /health/live` },
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${proc.output()}`);
  });
  return Object.assign(proc, { baseUrl });
}

/** Start a worker and wait until it says it consumes jobs. */
export async function startWorkerProcess(
  env: Record<string, string>,
  options: { name?: string; waitReady?: boolean; timeout?: number } = {},
): Promise<AppProcess> {
  const proc = spawnApp(options.name ?? 'worker', builtEntry('worker'), env);
  if (options.waitReady !== false) await workerReady(proc, options.timeout);
  return proc;
}

export async function workerReady(proc: AppProcess, timeout = 60_000): Promise<void> {
  await waitFor(
    () => {
      if (!proc.running()) throw new Error(`${proc.name} exited early`);
      return proc.records().some((r) => r.msg === 'worker ready: consuming jobs');
    },
    { timeout, interval: 20, what: `${proc.name} to be ready` },
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${proc.output()}`);
  });
}

/** Run the built CLI (e.g. users:create for the first admin) to its end. */
export function runBuiltCli(
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [builtEntry('cli'), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'error', ...env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, output }));
    child.stdin.end(stdin);
  });
}
