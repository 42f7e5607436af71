import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/system-deps.sh run on a PATH that holds only fake commands (which record how they
// were called) and the few real tools the script needs, so every decision can be watched
// without installing or starting anything.
const SCRIPT = join(__dirname, 'system-deps.sh');
const REAL_TOOLS = ['env', 'grep', 'sed', 'ls', 'head', 'seq', 'sleep', 'cat'];

interface Machine {
  root?: boolean;
  sudo?: 'none' | 'passwordless' | 'asks-password';
  has?: Partial<Record<'chromium' | 'pdftotext' | 'fonts' | 'clamd', boolean>>;
  postgres?: 'running' | 'stopped';
  redis?: 'running' | 'stopped';
  env?: Record<string, string>;
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'system-deps-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function which(tool: string): string {
  for (const d of ['/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    if (existsSync(join(d, tool))) return join(d, tool);
  }
  throw new Error(`${tool} not found`);
}

function fake(bin: string, name: string, body: string): void {
  writeFileSync(
    join(bin, name),
    `#!${which('bash')}\necho "${name} $*" >> "$FAKE_LOG"\n${body}\n`,
    { mode: 0o755 },
  );
}

function run(m: Machine): {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: string[];
} {
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  const pgConf = join(dir, 'etc-postgresql');
  mkdirSync(bin);
  mkdirSync(state);
  mkdirSync(join(pgConf, '15'), { recursive: true });
  for (const tool of REAL_TOOLS) symlinkSync(which(tool), join(bin, tool));
  const has = { chromium: true, pdftotext: true, fonts: true, clamd: true, ...m.has };
  if (m.postgres !== 'stopped') writeFileSync(join(state, 'pg-up'), '');
  if (m.redis !== 'stopped') writeFileSync(join(state, 'redis-up'), '');

  fake(bin, 'id', `echo ${m.root ? 0 : 1000}`);
  if ((m.sudo ?? 'none') !== 'none') {
    const ok = m.sudo === 'passwordless';
    fake(
      bin,
      'sudo',
      `[ "$1" = -n ] && shift; ${ok ? '' : 'exit 1;'} [ "$1" = true ] && exit 0; "$@"`,
    );
  }
  fake(bin, 'apt-get', 'exit 0');
  fake(bin, 'dpkg-query', has.fonts ? "printf 'install ok installed'" : 'exit 1');
  if (has.pdftotext) fake(bin, 'pdftotext', 'exit 0');
  fake(bin, 'pg_isready', `[ -e "${state}/pg-up" ]`);
  fake(bin, 'pg_ctlcluster', `: > "${state}/pg-up"`);
  fake(bin, 'redis-cli', `[ -e "${state}/redis-up" ]`);
  fake(bin, 'redis-server', `: > "${state}/redis-up"`);
  const chromium = join(dir, 'chromium');
  const clamd = join(dir, 'clamd');
  if (has.chromium) writeFileSync(chromium, '', { mode: 0o755 });
  if (has.clamd) writeFileSync(clamd, '', { mode: 0o755 });

  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const res = spawnSync(which('bash'), [SCRIPT], {
    env: {
      PATH: bin,
      FAKE_LOG: log,
      CHROMIUM_PATH: chromium,
      CLAMD_BIN: clamd,
      PG_CONF_DIR: pgConf,
      ...m.env,
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, calls };
}

const called = (calls: string[], prefix: string) => calls.filter((c) => c.startsWith(prefix));

describe('scripts/system-deps.sh', () => {
  it('is one quiet line and changes nothing when everything is there', () => {
    const r = run({});
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/ready/);
    expect(r.stderr).toBe('');
    expect(called(r.calls, 'apt-get')).toEqual([]);
    expect(called(r.calls, 'pg_ctlcluster')).toEqual([]);
    expect(called(r.calls, 'redis-server')).toEqual([]);
  });

  it('installs exactly the missing packages with apt-get when running as root', () => {
    const r = run({ root: true, has: { chromium: false, fonts: false } });
    expect(r.status).toBe(0);
    expect(called(r.calls, 'apt-get')).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq chromium fonts-noto-core',
    ]);
    expect(r.stdout).toMatch(/installed chromium fonts-noto-core/);
  });

  it('uses sudo when it needs no password', () => {
    const r = run({ sudo: 'passwordless', has: { clamd: false } });
    expect(r.status).toBe(0);
    expect(called(r.calls, 'apt-get')).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq clamav-daemon',
    ]);
    expect(called(r.calls, 'sudo')).toContain('sudo -n apt-get update -qq');
  });

  it.each(['none', 'asks-password'] as const)(
    'stops at once with the one command to run when it cannot be root (sudo: %s)',
    (sudo) => {
      const r = run({ sudo, has: { pdftotext: false, clamd: false }, postgres: 'stopped' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        'sudo apt-get update && sudo apt-get install -y poppler-utils clamav-daemon',
      );
      expect(called(r.calls, 'apt-get')).toEqual([]);
      // At once: nothing else is tried.
      expect(called(r.calls, 'pg_isready')).toEqual([]);
    },
  );

  it('starts PostgreSQL and Redis that are installed but stopped, as .ci/run did', () => {
    const r = run({ root: true, postgres: 'stopped', redis: 'stopped' });
    expect(r.status).toBe(0);
    expect(called(r.calls, 'pg_ctlcluster')).toEqual([
      'pg_ctlcluster --skip-systemctl-redirect 15 main start',
    ]);
    expect(called(r.calls, 'redis-server')).toEqual([
      'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save  --appendonly no',
    ]);
    expect(r.stdout).toMatch(/started PostgreSQL.*started Redis/);
  });

  it('follows the ports of DATABASE_URL and REDIS_URL, and leaves remote ones alone', () => {
    const local = run({
      env: {
        DATABASE_URL: 'postgres://app:secret@localhost:5433/witness',
        REDIS_URL: 'redis://127.0.0.1:6380/2',
      },
    });
    expect(local.status).toBe(0);
    expect(called(local.calls, 'pg_isready')).toEqual(['pg_isready -h 127.0.0.1 -p 5433 -q']);
    expect(called(local.calls, 'redis-cli')).toEqual(['redis-cli -h 127.0.0.1 -p 6380 ping']);

    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const remote = run({
      postgres: 'stopped',
      redis: 'stopped',
      env: { DATABASE_URL: 'postgres://u@db.internal:5432/w', REDIS_URL: 'redis://cache:6379' },
    });
    expect(remote.status).toBe(0);
    expect(called(remote.calls, 'pg_')).toEqual([]);
    expect(called(remote.calls, 'redis')).toEqual([]);
  });

  it('does nothing with WITNESS_SKIP_SYSTEM_DEPS=1', () => {
    const r = run({ has: { chromium: false }, env: { WITNESS_SKIP_SYSTEM_DEPS: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.calls).toEqual([]);
  });
});
