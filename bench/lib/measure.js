// What the runner measures besides autocannon: CPU time of a process and of the database's
// backends (from /proc), spread over rounds, and the PostgreSQL-alone layer (pgbench running
// the statements the api sent, with their parameters written as literals).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { URL } = require('node:url');

const PGBENCH = process.env.PGBENCH || '/usr/lib/postgresql/15/bin/pgbench';
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** user + system CPU of a process in ms (null once it is gone). */
function procCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  } catch {
    return null;
  }
}

/** CPU of the server process and of every client backend of the bench database but ours. */
async function cpuSnapshot(db, pid) {
  const { rows } = await db.query(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  const backends = new Map();
  for (const r of rows) {
    const ms = procCpuMs(r.pid);
    if (ms !== null) backends.set(r.pid, ms);
  }
  return { server: pid ? procCpuMs(pid) : null, backends };
}

/**
 * CPU spent between two snapshots: the server's, and the database's (backends alive at the end;
 * one that started in between counts whole). A backend that ended in between is missed: every
 * layer keeps its pool's connections open while it is driven, so none should.
 */
function cpuDelta(a, b) {
  let db = 0;
  for (const [pid, ms] of b.backends) db += ms - (a.backends.get(pid) ?? 0);
  return {
    serverMs: a.server !== null && b.server !== null ? b.server - a.server : null,
    dbMs: db,
  };
}

const round = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(d))); // prettier-ignore

function quantile(sorted, q) {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** Median and spread of a list of figures (one per round). */
function spread(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: null, min: null, max: null, q1: null, q3: null, n: 0 };
  return {
    median: round(quantile(v, 0.5), 2),
    min: round(v[0], 2),
    max: round(v[v.length - 1], 2),
    q1: round(quantile(v, 0.25), 2),
    q3: round(quantile(v, 0.75), 2),
    n: v.length,
  };
}

/** A parameter as a SQL literal, for pgbench scripts (simple protocol, untyped literals). */
function literal(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) {
    const el = (x) => (x === null ? 'NULL' : `"${String(x).replace(/(["\\])/g, '\\$1')}"`);
    return quote(`{${value.map(el).join(',')}}`);
  }
  if (typeof value === 'object') return quote(JSON.stringify(value));
  return quote(value);
}

/** One captured request as a pgbench script: every statement, parameters inlined. */
function pgbenchScript(capture) {
  return capture.statements
    .map((s) => {
      let text = s.text.replace(/\s+/g, ' ').trim();
      // $10 before $1: replace from the highest index down.
      for (let i = s.values.length; i >= 1; i--) {
        text = text.split(`$${i}`).join(literal(s.values[i - 1]));
      }
      // pgbench takes a line starting with \ as a meta-command and ':name' as a variable.
      return `${text.replace(/:(?=[A-Za-z_])/g, ': ')};`;
    })
    .join('\n');
}

/**
 * PostgreSQL alone: pgbench runs the captured statements of up to `maxScripts` requests,
 * `clients` connections (the pool size), for `duration` s; latencies from its per-transaction
 * log. Resolves { rps, p50Ms, p99Ms, errors, total } or { error }.
 */
async function runPgbench({ url, captures, clients, duration, pgOptions, maxScripts = 20 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'witness-pgbench-'));
  try {
    const files = captures.slice(0, maxScripts).map((c, i) => {
      const f = path.join(dir, `s${i}.sql`);
      fs.writeFileSync(f, `${pgbenchScript(c)}\n`);
      return f;
    });
    const u = new URL(url);
    const args = ['-n', '-M', 'simple', '-c', String(clients), '-j', '1', '-T', String(duration), '-l', '--log-prefix', path.join(dir, 'log')]; // prettier-ignore
    for (const f of files) args.push('-f', f);
    args.push('-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), decodeURIComponent(u.pathname.slice(1))); // prettier-ignore
    const env = { ...process.env, PGOPTIONS: pgOptions || '' };
    const out = await new Promise((resolve) => {
      const child = spawn(PGBENCH, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.on('error', (err) => resolve({ code: -1, text: String(err.message) }));
      child.on('exit', (code) => resolve({ code, text }));
    });
    if (out.code !== 0)
      return { error: out.text.split('\n').filter(Boolean).slice(-3).join(' | ') };
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out.text);
    const failed = /number of failed transactions: (\d+)/.exec(out.text);
    const lat = [];
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('log'))) {
      for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        const cols = line.split(' ');
        if (cols.length >= 3) lat.push(Number(cols[2]) / 1000);
      }
    }
    lat.sort((a, b) => a - b);
    return {
      rps: tps ? round(Number(tps[1])) : null,
      p50Ms: round(quantile(lat, 0.5)),
      p99Ms: round(quantile(lat, 0.99)),
      errors: failed ? Number(failed[1]) : 0,
      total: lat.length,
      scripts: files.length,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pg_stat_statements, if the server loads it (shared_preload_libraries); else why not. */
async function pgStatStatements(db) {
  // In a transaction: when the library is not loaded, the extension is not left behind.
  try {
    await db.query('BEGIN');
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT pg_stat_statements_reset()');
    await db.query('COMMIT');
    return { available: true };
  } catch (err) {
    await db.query('ROLLBACK');
    return { available: false, reason: String(err.message) };
  }
}

/** Total execution time of the bench database's statements since the last reset (ms). */
async function pgStatTotal(db) {
  const { rows } = await db.query(
    `SELECT coalesce(sum(total_exec_time), 0)::float AS ms, coalesce(sum(calls), 0)::bigint AS calls
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = current_database()`,
  );
  await db.query('SELECT pg_stat_statements_reset()');
  return { ms: rows[0].ms, calls: Number(rows[0].calls) };
}

module.exports = { procCpuMs, cpuSnapshot, cpuDelta, spread, quantile, round, literal, pgbenchScript, runPgbench, pgStatStatements, pgStatTotal }; // prettier-ignore
