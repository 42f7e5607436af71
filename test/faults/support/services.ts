import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { waitFor } from './wait';

/**
 * Private PostgreSQL and Redis for one fault scenario. Each scenario stops, restarts or
 * flushes its own servers; the machine's shared ones (5432, 6379) are never touched.
 */

const PG_BIN = process.env.FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A TCP port nothing listens on right now (the kernel's pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: then the cluster belongs to the `postgres` OS user. */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function pgOwner(): { uid: number; gid: number } | null {
  if (!asRoot) return null;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root needs a `postgres` OS user for initdb');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The same, without blocking the test's event loop (clients keep sending meanwhile). */
function runPgAsync(
  bin: string,
  args: string[],
): Promise<{ status: number | null; output: string }> {
  const cmd = join(PG_BIN, bin);
  const child = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', cmd, ...args])
    : spawn(cmd, args);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

function runPg(bin: string, args: string[]): { status: number | null; output: string } {
  const cmd = join(PG_BIN, bin);
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export interface PgCluster {
  port: number;
  /** URL of a database on this cluster (trust auth, user postgres). */
  url(database: string): string;
  /** `pg_ctl stop -m fast`: connections are cut, new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`. */
  restart(): Promise<void>;
  query<T = Record<string, unknown>>(
    database: string,
    sql: string,
    params?: unknown[],
  ): Promise<T[]>;
  /** Stop and delete the cluster. */
  destroy(): void;
}

/** A throwaway PostgreSQL 15 cluster on a free port (fsync off: nothing here must survive). */
export async function startPostgres(): Promise<PgCluster> {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'witness-faults-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sock');
  mkdirSync(data);
  mkdirSync(sockets);
  const owner = pgOwner();
  if (owner) {
    chmodSync(root, 0o755);
    for (const dir of [root, data, sockets]) chownSync(dir, owner.uid, owner.gid);
  }
  const init = runPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const opts = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const log = join(root, 'postgres.log');
  const ctl = async (...args: string[]) => {
    const r = await runPgAsync('pg_ctl', [
      '-D',
      data,
      '-l',
      log,
      '-o',
      opts,
      '-w',
      '-t',
      '60',
      ...args,
    ]);
    if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed:\n${r.output}`);
  };
  await ctl('start');
  let destroyed = false;
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    stop: () => ctl('stop', '-m', 'fast'),
    start: () => ctl('start'),
    restart: () => ctl('restart', '-m', 'fast'),
    async query<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
      const c = new Client({ connectionString: url(database) });
      c.on('error', () => undefined); // the server may go away under us: that is the drill
      await c.connect();
      try {
        return (await c.query(sql, params)).rows as T[];
      } finally {
        await c.end();
      }
    },
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      runPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  port: number;
  url: string;
  /** Kill the server (its data goes with it unless `persistent`): clients get refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  running(): boolean;
  /** `FLUSHALL` on this server. */
  flushAll(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A private redis-server, a child of the test process. With `persistent`, it keeps an
 * append-only file (as production runs it, see docker-compose.yml) and `stop` is a clean
 * SHUTDOWN, so a restart comes back with the queued jobs; without, a stop loses everything.
 */
export async function startRedis(options: { persistent?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'witness-faults-redis-'));
  let child: ChildProcess | undefined;
  const cli = (...args: string[]) =>
    spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });
  const up = () => cli('ping').stdout?.trim() === 'PONG';

  const start = async () => {
    if (child) throw new Error('redis already running');
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        options.persistent ? 'yes' : 'no',
        '--maxmemory-policy',
        'noeviction',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    const c = child;
    c.once('exit', () => {
      if (child === c) child = undefined;
    });
    await waitFor(async () => up(), { timeout: 10_000, what: `redis on ${port} to answer` });
  };

  const stop = async () => {
    const c = child;
    if (!c) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    // SHUTDOWN writes the append-only file; SIGKILL is the harsher outage without one.
    if (options.persistent) cli('shutdown');
    else c.kill('SIGKILL');
    await exited;
    child = undefined;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    running: () => child !== undefined,
    flushAll: async () => {
      const r = cli('flushall');
      if (r.stdout.trim() !== 'OK') throw new Error(`FLUSHALL failed: ${r.stdout}${r.stderr}`);
    },
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
