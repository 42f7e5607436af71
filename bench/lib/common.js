// Shared by the bench scripts: where the bench database and Redis keys live, the bench users,
// and small helpers. Plain CommonJS, no dependencies beyond what the project already has.
'use strict';

const { URL } = require('node:url');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/witness_bench';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Every Redis key the bench makes starts with this (the api, the worker and raw BullMQ). */
const QUEUE_PREFIX = 'witness-bench';

/** A fixed, bench-only encryption key (the bench data holds nothing secret). */
const ENCRYPTION_KEY = `bench:${createHash('sha256').update('witness-bench-key').digest('base64')}`;
/** Likewise for the audit chain's HMAC (AUDIT_HMAC_KEYS, required in production). */
const AUDIT_KEY = `bench:${createHash('sha256').update('witness-bench-audit-key').digest('base64')}`;

const PASSWORD = 'bench passphrase: seven quiet herons over Lake Kivu';
const USERS = {
  coordinator: { email: 'bench-coordinator@example.org', name: 'Bench Coordinator' },
  caseworker: { email: 'bench-caseworker@example.org', name: 'Bench Caseworker' },
};

/** Refuse anything that is not plainly a bench database (never the test databases). */
function assertBenchDatabase(url) {
  const name = databaseName(url);
  if (!/bench/i.test(name) || /^witness_(tpl|test)_/i.test(name)) {
    throw new Error(
      `refusing to use database "${name}": the bench only touches a database whose name contains "bench"`,
    );
  }
  return name;
}

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function adminUrl(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** `--name value` / `--name=value` / `--flag` into an object; numbers stay strings. */
function parseArgs(argv, booleans = []) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    const key = (eq > 0 ? a.slice(2, eq) : a.slice(2)).replace(/-([a-z])/g, (_, c) =>
      c.toUpperCase(),
    );
    if (eq > 0) out[key] = a.slice(eq + 1);
    else if (booleans.includes(key)) out[key] = true;
    else if (i + 1 < argv.length) out[key] = argv[++i];
    else throw new Error(`${a} needs a value`);
  }
  return out;
}

function intArg(value, fallback, name) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same data set. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.chance = (p) => next() < p;
  return next;
}

/** Require a module of the built project (dist/), with a clear message when it is missing. */
function requireBuilt(rel) {
  const file = path.join(DIST, rel);
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first`);
  }
  return require(file);
}

/**
 * The api's pool settings (libs/platform/src/database/data-source-options.ts) for the bench's
 * own servers, so every layer runs alike: the pool size, no runaway query, connections idle
 * 30 s closed, no JIT.
 */
function apiPoolOptions(applicationName) {
  return {
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE || 10),
    application_name: applicationName,
    statement_timeout: 30000,
    idleTimeoutMillis: 30000,
    options: '-c jit=off',
  };
}

function say(tag, message) {
  process.stderr.write(`[${tag}] ${message}\n`);
}

module.exports = {
  ROOT,
  DIST,
  apiPoolOptions,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  QUEUE_PREFIX,
  ENCRYPTION_KEY,
  AUDIT_KEY,
  PASSWORD,
  USERS,
  assertBenchDatabase,
  databaseName,
  adminUrl,
  parseArgs,
  intArg,
  rng,
  requireBuilt,
  say,
};
