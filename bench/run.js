#!/usr/bin/env node
// `npm run bench`: Witness at campaign scale, side by side with the raw stack.
//
// Starts the BUILT api (dist/, built first when missing or older than the sources) against the
// seeded bench database (`npm run bench:seed`), with bench/instrument.js preloaded to count and
// capture its SQL, and a baseline server (bench/baseline-server.js) that replays exactly that
// SQL with node:http + pg. For every scenario both are driven by autocannon with the same
// requests in the same run, so the ratio api/baseline holds on a noisy machine. Then the
// reminders pipeline (built worker) against raw BullMQ, and dossier rendering against
// handlebars alone and raw Chromium. Writes bench/results/latest.json and prints a markdown
// table and the goals.
//
// Flags: --duration S (10)  --connections N (50)  --warmup S (2)  --only key,key  --skip-build
//        --reminders N (10000)  --dossier-seconds S (duration)  --pool-size N (10, the app's default)
//        --worker-concurrency N (5, the app's default)  --log-level L (info)  --port N (3917)
//        --node-options "FLAGS" (the api's NODE_OPTIONS; default package.json config.apiNodeOptions)
//        --out FILE (bench/results/latest.json)  --database-url URL
//        --profile DIR (write a V8 CPU profile of the api there)
//        --merge (with --only: replace those scenarios in the existing --out file, keep the rest)
//        --report-only (recompute the goals of the --out file and print its tables; runs nothing)
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const autocannon = require('autocannon');
const IORedis = require('ioredis');
const { Client } = require('pg');
const {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  DIST,
  ENCRYPTION_KEY,
  AUDIT_KEY,
  PASSWORD,
  QUEUE_PREFIX,
  ROOT,
  USERS,
  assertBenchDatabase,
  intArg,
  parseArgs,
  requireBuilt,
  say: sayAs,
} = require('./lib/common');
const { ask, sleep, startNode, stop, waitForHttp } = require('./lib/processes');
const { measureLayers } = require('./lib/layers');
const { pgStatStatements } = require('./lib/measure');
const { openLoop } = require('./lib/open-loop');
const { realWork } = require('./lib/real-work');
const { performance } = require('node:perf_hooks');
const PKG = require('../package.json');

const say = (m) => sayAs('bench', m);
const INSTRUMENT = path.join(__dirname, 'instrument.js');
const CONTROL_SQL = /^\s*(START|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET)\b/i;
/** Every layer's session settings: the api's pool turns JIT off per connection. */
const PG_OPTIONS = '-c jit=off';

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(dir, filter) {
  let newest = 0;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (filter(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

function buildIfNeeded(skip) {
  const entries = ['api', 'worker'].map((a) => path.join(DIST, 'apps', a, 'src', 'main.js'));
  const missing = entries.some((f) => !fs.existsSync(f));
  if (skip && !missing) return;
  const isSource = (n) => n.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(n);
  const newestSource = Math.max(
    ...['apps', 'libs', 'migrations'].map((d) => newestMtime(path.join(ROOT, d), isSource)),
  );
  const built = missing ? 0 : Math.min(...entries.map((f) => fs.statSync(f).mtimeMs));
  if (!missing && newestSource <= built) return;
  say(missing ? 'dist/ is missing: npm run build' : 'sources changed since the last build: npm run build'); // prettier-ignore
  const res = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('the build failed; fix it (or pass --skip-build to bench the existing dist/)'); // prettier-ignore
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The commit measured, and whether the work tree had changes. */
function gitState() {
  const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return { commit: git('rev-parse', 'HEAD') || 'unknown', branch: git('rev-parse', '--abbrev-ref', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' }; // prettier-ignore
}

async function deleteKeys(redis, prefix) {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) n += await redis.del(...keys);
  } while (cursor !== '0');
  return n;
}

async function signIn(base, email) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(body)}`); // prettier-ignore
  return body.token;
}

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on('error', reject);
  });
}

const round = (x, d = 1) => (x === null || x === undefined ? null : Number(x.toFixed(d)));

/** Drive `base` with autocannon, cycling through `requests` ({method, path, body}). */
async function drive(base, requests, { connections, duration, headers, amount }) {
  let next = Math.floor(Math.random() * requests.length);
  const result = await runAutocannon({
    url: base,
    connections,
    ...(amount ? { amount, timeout: 120 } : { duration }),
    headers,
    requests: [
      {
        setupRequest: (req) => {
          const r = requests[next++ % requests.length];
          return {
            ...req,
            method: r.method || 'GET',
            path: r.path,
            body: r.body ? JSON.stringify(r.body) : undefined,
            headers: { ...req.headers, ...(r.body ? { 'content-type': 'application/json' } : {}) }, // prettier-ignore
          };
        },
      },
    ],
  });
  return {
    rps: round(result.requests.average),
    p50Ms: round(result.latency.p50),
    p99Ms: round(result.latency.p99),
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

/** Send each request once, in order, marked for SQL capture. */
async function captureOnce(base, requests, headers, limit = 500) {
  const seen = new Set();
  const statuses = {};
  for (const r of requests) {
    const key = `${r.method || 'GET'} ${r.path}`;
    if (seen.has(key) || seen.size >= limit) continue;
    seen.add(key);
    const res = await fetch(base + r.path, {
      method: r.method || 'GET',
      headers: { ...headers, 'x-bench-capture': '1', ...(r.body ? { 'content-type': 'application/json' } : {}) }, // prettier-ignore
      body: r.body ? JSON.stringify(r.body) : undefined,
    });
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] || 0) + 1;
  }
  return statuses;
}

function summarisePlan(plan) {
  const steps = [];
  const seqScans = [];
  const walk = (node) => {
    const type = node['Node Type'];
    if (node['Index Name']) steps.push(`${type} using ${node['Index Name']}`);
    else if (type === 'Seq Scan') {
      steps.push(`Seq Scan on ${node['Relation Name']}`);
      seqScans.push(node['Relation Name']);
    }
    for (const child of node.Plans || []) walk(child);
  };
  walk(plan.Plan);
  return {
    plan: [...new Set(steps)].join('; ') || plan.Plan['Node Type'],
    seqScans: [...new Set(seqScans)],
    executionMs: plan['Execution Time'] === undefined ? null : round(plan['Execution Time'], 2),
  };
}

/** EXPLAIN ANALYZE of the slowest SELECT a captured request ran (in a rolled-back transaction). */
async function explainMain(db, capture) {
  const candidates = capture.statements.filter(
    (s) => /^\s*(SELECT|WITH)\b/i.test(s.text) && !/FROM\s+"?sessions"?/i.test(s.text),
  );
  if (!candidates.length) return null;
  const main = candidates.reduce((a, b) => (b.ms > a.ms ? b : a));
  await db.query('BEGIN');
  try {
    const res = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${main.text}`, main.values);
    const plan = res.rows[0]['QUERY PLAN'][0];
    return { sql: main.text.replace(/\s+/g, ' ').trim(), ...summarisePlan(plan) };
  } finally {
    await db.query('ROLLBACK');
  }
}

/**
 * Wait until no other session runs a statement on the bench database: queries a load test
 * left running (autocannon stops waiting, the server does not) must not bill the next run.
 */
async function quiet(db, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    if (rows[0].n === 0 || Date.now() > deadline) return;
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// Data the scenarios use

async function pickData(db, base, token) {
  const sample = async (sql, params = []) => (await db.query(sql, params)).rows;
  const standard = `SELECT id FROM defenders WHERE access = 'standard' AND archived_at IS NULL`;
  const detailIds = (await sample(`${standard} ORDER BY md5(id::text) LIMIT 200`)).map((r) => r.id);
  const eventIds = (await sample(`${standard} ORDER BY md5(id::text || 'e') LIMIT 200`)).map((r) => r.id); // prettier-ignore
  const names = await sample(
    `SELECT full_name, other_names FROM defenders WHERE archived_at IS NULL ORDER BY md5(id::text || 'n') LIMIT 100`,
  );
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const nameQueries = names.map((n, i) => {
    const source = i % 3 === 0 && n.other_names.length ? n.other_names[0] : n.full_name;
    const words = source.split(/\s+/).slice(0, 2);
    const q = words.join(' ').toLowerCase();
    return i % 2 ? fold(q) : q; // half without accents: "jose garcia" finds "José García"
  });
  const { POOLS } = require('./lib/names');
  // The most distinctive word of each prison's name ("La Modelo" -> "modelo").
  const placeQueries = Object.values(POOLS).flatMap((p) =>
    p.prisons.map((x) =>
      x
        .split(/[\s’'-]+/)
        .reduce((a, b) => (b.length > a.length ? b : a))
        .toLowerCase(),
    ),
  );

  // The cursor of page 500 of the filtered list, by following nextCursor (or the last page).
  let cursor = null;
  let page = 1;
  const headers = { authorization: `Bearer ${token}`, 'x-bench-scenario': 'setup' };
  for (; page < 500; page++) {
    const qs = `status=detained&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(`${base}/api/v1/defenders?${qs}`, { headers });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`list failed: ${res.status} ${JSON.stringify(body)}`);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  const [{ country }] = await sample(
    `SELECT country FROM defenders GROUP BY country ORDER BY count(*) DESC LIMIT 1`,
  );
  return { detailIds, eventIds, nameQueries, placeQueries, cursor, page, country };
}

function scenarios(d, tokens, today) {
  const list = '/api/v1/defenders?status=detained&limit=50';
  const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4)) - 1;
  const names = ['Amani Okoth', 'Lucía Peña', 'Nguyễn Thị Mai', 'Алексей Орлов', 'سارة العلي'];
  // prettier-ignore
  return [
    { key: 'list-page-1', handwritten: true, name: 'List, filtered (status), page 1', read: true, latencyGoal: true,
      requests: [{ path: list }] },
    { key: 'list-page-500', handwritten: true, name: `List, filtered (status), page ${d.page}`, read: true, latencyGoal: true,
      requests: [{ path: `${list}${d.cursor ? `&cursor=${encodeURIComponent(d.cursor)}` : ''}` }] },
    { key: 'list-filters', handwritten: true, name: 'List, country + focus + status filters, page 1', read: true, latencyGoal: true,
      requests: [{ path: `/api/v1/defenders?country=${d.country}&status=detained&hrdFocus=journalist&limit=50` }] },
    { key: 'list-caseworker', handwritten: true, name: 'List as a caseworker (need-to-know), page 1', read: true, latencyGoal: true,
      token: tokens.caseworker, requests: [{ path: list }] },
    { key: 'search-names', handwritten: true, name: 'Search names (q), 100 queries', read: true, latencyGoal: true,
      requests: d.nameQueries.map((q) => ({ path: `/api/v1/defenders?q=${encodeURIComponent(q)}&limit=50` })) },
    { key: 'search-events', handwritten: true, name: 'Search timeline words (q), places', read: true, latencyGoal: true,
      requests: d.placeQueries.map((q) => ({ path: `/api/v1/defenders?q=${encodeURIComponent(q)}&limit=50` })) },
    { key: 'detail', handwritten: true, name: 'Defender detail (derived fields, consents)', read: true, latencyGoal: true,
      requests: d.detailIds.map((id) => ({ path: `/api/v1/defenders/${id}` })) },
    { key: 'indicators', name: `Indicators report for ${year} (1 connection, 3 reports)`, read: true, optional: true, connections: 1, amount: 3,
      requests: [{ path: `/api/v1/reports/indicators?from=${year}-01-01&to=${year}-12-31` }] },
    { key: 'create-defender', handwritten: true, name: 'Create defender (write + audit)', read: false,
      requests: names.map((fullName, i) => ({ method: 'POST', path: '/api/v1/defenders',
        body: { fullName, country: ['KE', 'NI', 'VN', 'RU', 'EG'][i], hrdFocus: ['journalist'], summary: 'Arrested after a report.', tags: ['bench'] } })) },
    { key: 'add-event', handwritten: true, name: 'Add timeline event (write + audit + re-derive)', read: false,
      requests: d.eventIds.map((id) => ({ method: 'POST', path: `/api/v1/defenders/${id}/events`,
        body: { type: 'visit_denied', occurredOn: yesterday, description: 'Lawyer denied a visit.', place: 'Central prison' } })) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Reminders: 10,000 due in-app deliveries from tick to recorded notification, vs raw BullMQ

async function remindersScenario(ctx) {
  const { db, env, redisUrl, count, concurrency } = ctx;
  const { Queue } = require('bullmq');
  const { QueueName, ReminderJob } = requireBuilt('libs/platform/src/queue/queues.js');
  const worker = startNode(path.join(DIST, 'apps/worker/src/main.js'), {
    env: { ...env, WORKER_CONCURRENCY: String(concurrency), REMINDER_TICK_SECONDS: '3600' },
    preload: INSTRUMENT,
    name: 'worker',
  });
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(QueueName.Reminders, { prefix: QUEUE_PREFIX, connection });
  try {
    const deadline = Date.now() + 60_000;
    while ((await queue.getWorkersCount()) === 0) {
      if (Date.now() > deadline || worker.exitCode !== null)
        throw new Error(`the worker did not start: ${worker.stderrTail.slice(-10).join('\n')}`);
      await sleep(250);
    }
    await sleep(1000); // let its start-up ticks (nothing due) finish
    const [{ id: userId }] = (
      await db.query(`SELECT id FROM users WHERE email = $1`, [USERS.coordinator.email])
    ).rows;
    const inserted = await db.query(
      `INSERT INTO deliveries (milestone_id, "offset", recipient_id, channel, send_at, state)
       SELECT m.id, 'PT1H', $1, 'in_app', now() - interval '1 second', 'pending'
         FROM milestones m
        WHERE m.status = 'open' AND NOT EXISTS (
              SELECT 1 FROM deliveries x WHERE x.milestone_id = m.id AND x."offset" = 'PT1H'
                 AND x.recipient_id = $1 AND x.channel = 'in_app')
        LIMIT $2
       RETURNING id`,
      [userId, count],
    );
    const ids = inserted.rows.map((r) => r.id);
    if (ids.length < count) throw new Error(`only ${ids.length} open milestones for ${count} deliveries`); // prettier-ignore
    await ask(worker, { type: 'bench:reset' }, 'bench:reset:done');

    const started = process.hrtime.bigint();
    await queue.add(ReminderJob.Tick, {}); // what the job scheduler adds every tick
    let recorded = 0;
    const limit = Date.now() + 10 * 60_000;
    while (recorded < count && Date.now() < limit) {
      await sleep(100);
      recorded =
        (await db.query(`SELECT count(*)::int AS n FROM notifications WHERE delivery_id = ANY($1)`, [ids])) // prettier-ignore
        .rows[0].n;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const stats = await ask(worker, { type: 'bench:stats' }, 'bench:stats');
    await stop(worker);

    const raw = startNode(path.join(__dirname, 'raw-bullmq.js'), {
      env: { ...process.env, REDIS_URL: redisUrl, BENCH_JOBS: String(count), BENCH_CONCURRENCY: String(concurrency), BENCH_PREFIX: `${QUEUE_PREFIX}-raw` }, // prettier-ignore
      name: 'raw-bullmq',
    });
    const rawResult = await new Promise((resolve, reject) => {
      raw.once('message', resolve);
      raw.once('exit', (code) => code && reject(new Error(`raw BullMQ failed: ${raw.stderrTail.join('\n')}`))); // prettier-ignore
    });
    const api = {
      rps: round((recorded / ms) * 1000),
      p50Ms: null,
      p99Ms: null,
      errors: count - recorded,
      peakRssMb: round(stats.peakRssMb),
      queriesPerRequest: round(stats.unscoped / count, 2),
      totalMs: round(ms),
    };
    const baseline = {
      rps: round((rawResult.jobs / rawResult.ms) * 1000),
      p50Ms: null,
      p99Ms: null,
      totalMs: round(rawResult.ms),
      peakRssMb: round(rawResult.peakRssMb),
    };
    return {
      key: 'reminders',
      name: `Reminders: ${count} due in-app deliveries, tick to notification`,
      unit: 'deliveries/s',
      api,
      baseline,
      ratio: round(api.rps / baseline.rps, 3),
      notes: `worker concurrency ${concurrency}; baseline: raw BullMQ addBulk (batches of 500) + Worker of no-op jobs, same Redis; queriesPerRequest = SQL statements per delivery`,
    };
  } finally {
    await queue.close();
    await stop(worker);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2), ['skipBuild', 'merge', 'reportOnly', 'noPgbench']);
  const duration = intArg(args.duration, 15, 'duration');
  const connections = intArg(args.connections, 50, 'connections');
  const warmup = intArg(args.warmup, 5, 'warmup');
  const rounds = Math.max(1, intArg(args.rounds, 3, 'rounds'));
  const rate = intArg(args.rate, 200, 'rate');
  const usePgbench = !args.noPgbench;
  const reminderCount = intArg(args.reminders, 10_000, 'reminders');
  const dossierSeconds = intArg(args.dossierSeconds, duration, 'dossier-seconds');
  const poolSize = intArg(args.poolSize, 10, 'pool-size');
  const workerConcurrency = intArg(args.workerConcurrency, 5, 'worker-concurrency');
  // The api's V8 flags: as `npm start` and the api image give them, unless --node-options.
  const apiNodeOptions = args.nodeOptions ?? PKG.config.apiNodeOptions;
  const port = intArg(args.port, 3917, 'port');
  const only = args.only ? new Set(args.only.split(',')) : null;
  const want = (key) => !only || only.has(key);
  const url = args.databaseUrl || process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const out = path.resolve(ROOT, args.out || 'bench/results/latest.json');
  assertBenchDatabase(url);
  if (args.reportOnly) {
    // Recompute the goals of an existing report and print it again (nothing is run).
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    report.goals = goals(report.scenarios, report.scale.connections);
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(markdown(report));
    return;
  }

  buildIfNeeded(Boolean(args.skipBuild));
  const db = new Client({ connectionString: url, application_name: 'witness-bench-runner' });
  await db.connect();
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  const children = [];
  const cleanup = async () => {
    await Promise.all(children.map((c) => stop(c)));
  };
  process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));

  try {
    const scale = (
      await db.query(`SELECT
        (SELECT count(*) FROM defenders)::int AS defenders,
        (SELECT count(*) FROM defenders WHERE access = 'restricted')::int AS "restrictedDefenders",
        (SELECT count(DISTINCT country) FROM defenders)::int AS countries,
        (SELECT count(*) FROM detention_events)::int AS "timelineEvents",
        (SELECT count(*) FROM escalations)::int AS escalations,
        (SELECT count(*) FROM milestones)::int AS milestones,
        (SELECT count(*) FROM solidarity_actions)::int AS "solidarityActions"`)
    ).rows[0];
    if (!scale.defenders) throw new Error('the bench database is empty: run `npm run bench:seed` first'); // prettier-ignore
    const [{ server_version: pgVersion }] = (await db.query('SHOW server_version')).rows;
    const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))[1];
    const machine = {
      cpu: os.cpus()[0].model.trim(),
      cores: os.cpus().length,
      ramGb: round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: pgVersion,
      redis: redisVersion,
      loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    };
    await deleteKeys(redis, QUEUE_PREFIX);

    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: args.logLevel || 'info',
      WITNESS_ENCRYPTION_KEYS: ENCRYPTION_KEY,
      AUDIT_HMAC_KEYS: AUDIT_KEY,
      AUTH_REQUIRE_MFA: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
      CHROMIUM_PATH: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // The upload scenario sends 50 MB; documents go to a directory of the bench's own.
      UPLOAD_MAX_BYTES: String(60 * 1024 * 1024),
      // The 10,000-row import can outlast the 30 s request timeout on a busy 2-core machine
      // (it answers 503 while its transaction still commits): give it room to be timed.
      HTTP_REQUEST_TIMEOUT_MS: '180000',
      STORAGE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'witness-bench-documents-')),
    };
    const base = `http://127.0.0.1:${port}`;
    const baseBase = `http://127.0.0.1:${port + 1}`;
    const results = [];
    const coldStart = {};
    const pgStat = await pgStatStatements(db);
    if (!pgStat.available)
      say(`pg_stat_statements: not available (${pgStat.reason}); CPU from /proc only`);
    let api = null;

    const httpScenarios = ['list-page-1', 'list-page-500', 'list-filters', 'list-caseworker', 'search-names', 'search-events', 'detail', 'indicators', 'create-defender', 'add-event', 'open-loop', 'export-csv', 'import-csv', 'upload', 'db-size', 'cold-start']; // prettier-ignore
    if (httpScenarios.some(want)) {
      say('starting the api (it migrates first) and the baseline server');
      // --profile DIR: V8 CPU profile of the api for the whole run (open it in Chrome DevTools).
      const nodeArgs = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(ROOT, args.profile)}`] : []; // prettier-ignore
      // Only the api gets the V8 flags; the baseline, the worker and the dossier renders keep
      // node's defaults, as in production.
      const apiEnv = { ...env, NODE_OPTIONS: apiNodeOptions };
      const apiStarted = performance.now();
      api = startNode(path.join(DIST, 'apps/api/src/main.js'), { env: apiEnv, preload: INSTRUMENT, name: 'api', nodeArgs }); // prettier-ignore
      children.push(api);
      const baseline = startNode(path.join(__dirname, 'baseline-server.js'), { env, name: 'baseline' }); // prettier-ignore
      children.push(baseline);
      const handwritten = startNode(path.join(__dirname, 'handwritten-server.js'), { env, name: 'handwritten' }); // prettier-ignore
      children.push(handwritten);
      await waitForHttp(`${base}/health/live`, api);
      coldStart.apiLiveMs = round(performance.now() - apiStarted);
      await waitForHttp(`${base}/health/ready`, api);
      coldStart.apiReadyMs = round(performance.now() - apiStarted);
      await ask(baseline, { type: 'listen', port: port + 1 }, 'listening');
      await ask(handwritten, { type: 'listen', port: port + 2 }, 'listening');
      coldStart.handwrittenListeningMs = round(performance.now() - apiStarted);
      const servers = {
        api: { base, child: api },
        replay: { base: baseBase, child: baseline },
        handwritten: { base: `http://127.0.0.1:${port + 2}`, child: handwritten },
      };
      const tokens = {
        coordinator: await signIn(base, USERS.coordinator.email),
        caseworker: await signIn(base, USERS.caseworker.email),
      };
      say('picking ids, search terms and the cursor of page 500');
      const today = new Date().toISOString().slice(0, 10);
      const data = await pickData(db, base, tokens.coordinator);

      for (const s of scenarios(data, tokens, today)) {
        if (!want(s.key)) continue;
        const conns = s.connections || connections;
        const headers = {
          authorization: `Bearer ${s.token || tokens.coordinator}`,
          'x-bench-scenario': s.key,
        };
        if (s.optional) {
          const probe = await fetch(base + s.requests[0].path, { headers: { authorization: headers.authorization } }); // prettier-ignore
          await probe.arrayBuffer();
          if (probe.status === 404) {
            say(`${s.key}: not available (404)`);
            results.push({ key: s.key, name: s.name, unavailable: 'route not available in this build (404)' }); // prettier-ignore
            continue;
          }
        }
        say(`${s.key}: capture, warm-up, ${rounds} rounds (ABBA) of ${duration} s on each layer`);
        await captureOnce(base, s.requests, headers);
        const stats0 = await ask(api, { type: 'bench:stats' }, 'bench:stats');
        const captures = stats0.captured[s.key] || [];
        if (!captures.length) throw new Error(`${s.key}: nothing captured`);
        const failed = captures.filter((c) => c.status >= 400);
        if (failed.length) throw new Error(`${s.key}: the api answered ${failed[0].status} to ${failed[0].method} ${failed[0].url}`); // prettier-ignore
        await ask(baseline, { type: 'load', scenario: s.key, captures }, 'loaded');
        const m = await measureLayers(
          { db, url, drive, quiet, ask, servers, rounds, duration, warmup, poolSize, pgOptions: PG_OPTIONS, pgbench: usePgbench, pgStat: pgStat.available }, // prettier-ignore
          { ...s, connections: conns },
          captures,
          headers,
        );
        const stats = await ask(api, { type: 'bench:stats' }, 'bench:stats');
        const st = stats.stats[s.key] || { requests: 0, queries: 0, maxQueries: 0 };
        let explain = null;
        try {
          explain = await explainMain(db, captures[0]);
        } catch (err) {
          explain = { error: String(err.message) };
        }
        const L = m.layers;
        const flat = (x) => ({ rps: x.rps.median, p50Ms: x.p50Ms.median, p99Ms: x.p99Ms.median, errors: x.errors }); // prettier-ignore
        results.push({
          key: s.key,
          name: s.name,
          read: s.read,
          latencyGoal: Boolean(s.latencyGoal),
          connections: conns,
          api: {
            ...flat(L.api),
            total: L.api.total,
            peakRssMb: round(stats.peakRssMb),
            memoryMbAfter: stats.memoryMb,
            queriesPerRequest: st.requests ? round(st.queries / st.requests, 2) : null,
            maxQueriesPerRequest: st.maxQueries,
          },
          baseline: flat(L.replay),
          ratio: m.ratios.apiToReplay.median,
          ...(L.handwritten ? { handwritten: flat(L.handwritten), ratioHandwritten: m.ratios.apiToHandwritten.median } : {}), // prettier-ignore
          ...(L.postgres ? { postgres: flat(L.postgres) } : {}),
          layers: L,
          ratios: m.ratios,
          lostIn: m.lostIn,
          // Share of the api's answer ids (first 10 requests) the hand-written layer returned too.
          ...(m.sameRecords !== null ? { handwrittenSameRecords: m.sameRecords } : {}),
          rounds: m.rounds,
          order: m.order,
          sqlPerRequest: captures[0].statements.filter((x) => !CONTROL_SQL.test(x.text)).length,
          statements: captures[0].statements.map((x) => ({
            sql: x.text.replace(/\s+/g, ' ').trim().slice(0, 240),
            ms: round(x.ms, 2),
            rows: x.rowCount,
          })),
          explain,
        });
        const hw = L.handwritten ? ` | hand-written ${L.handwritten.rps.median}` : '';
        const pgb = L.postgres ? ` | postgres ${L.postgres.rps.median}${L.postgres.error ? ` (${L.postgres.error})` : ''}` : ''; // prettier-ignore
        say(`  req/s (median of ${rounds}): api ${L.api.rps.median} | replay ${L.replay.rps.median}${hw}${pgb}`); // prettier-ignore
      }
      if (want('open-loop')) {
        say(`open loop: ${rate} req/s offered for ${duration} s, api and hand-written`);
        results.push(
          await openLoop({
            servers,
            rate,
            duration,
            headers: {
              authorization: `Bearer ${tokens.coordinator}`,
              'x-bench-scenario': 'open-loop',
            },
            targets: [
              {
                key: 'list',
                path: '/api/v1/defenders?status=detained&limit=50',
                handwritten: true,
              },
              { key: 'detail', paths: data.detailIds.map((id) => `/api/v1/defenders/${id}`), handwritten: true }, // prettier-ignore
              { key: 'search', paths: data.nameQueries.map((q) => `/api/v1/defenders?q=${encodeURIComponent(q)}&limit=50`), handwritten: true }, // prettier-ignore
              { key: 'public-feed', path: '/public/v1/defenders.atom', public: true },
              { key: 'public-list', path: '/public/v1/defenders', public: true },
            ],
          }),
        );
      }
      results.push({
        key: 'cold-start',
        name: 'Cold start: api process to /health/live and /health/ready',
        work: [coldStart],
        notes: 'from spawning the built api (it runs its migrations first: none pending) to its first 200; the hand-written server for comparison', // prettier-ignore
      });
      await realWork({ db, url, base, api, ask, say, want, results, tokens, handwrittenBase: servers.handwritten.base }); // prettier-ignore
      await stop(handwritten);
      await stop(baseline);
      await stop(api);
    }

    if (want('reminders')) {
      say(`reminders: ${reminderCount} due deliveries through the worker, then raw BullMQ`);
      results.push(
        await remindersScenario({ db, env, redisUrl, count: reminderCount, concurrency: workerConcurrency }), // prettier-ignore
      );
    }

    if (want('dossiers')) {
      say(`dossiers: HTML and PDF renders, ${dossierSeconds} s each, and their baselines`);
      const child = startNode(path.join(__dirname, 'dossiers.js'), {
        env: { ...env, BENCH_SECONDS: String(dossierSeconds), BENCH_PDF_CONCURRENCY: '2' },
        name: 'dossiers',
      });
      children.push(child);
      const r = await new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => code && reject(new Error(`dossiers failed: ${child.stderrTail.join('\n')}`))); // prettier-ignore
      });
      const row = (key, name, x, baselineName) =>
        x.unavailable
          ? { key, name, unavailable: x.unavailable }
          : {
              key,
              name,
              unit: 'renders/s',
              api: { rps: round(x.api.rps), p50Ms: round(x.api.p50Ms), p99Ms: round(x.api.p99Ms), errors: x.api.errors, peakRssMb: round(r.peakRssMb), queriesPerRequest: null, bytes: x.api.bytes }, // prettier-ignore
              baseline: { rps: round(x.baseline.rps), p50Ms: round(x.baseline.p50Ms), p99Ms: round(x.baseline.p99Ms), errors: x.baseline.errors, bytes: x.baseline.bytes }, // prettier-ignore
              ratio: round(x.api.rps / x.baseline.rps, 3),
              notes: `${r.templateKind}, ${r.defenders} defenders; baseline: ${baselineName}; peak RSS is the render process's (Node, not Chromium)`,
            };
      results.push(row('dossier-html', 'Dossier HTML renders', r.html, 'handlebars alone, same template and data')); // prettier-ignore
      results.push(row('dossier-pdf', 'Dossier PDF renders (concurrency 2)', r.pdf, 'playwright-core + the same Chromium, page.pdf')); // prettier-ignore
    }

    let scenariosOut = results;
    let merged = null;
    if (args.merge && fs.existsSync(out)) {
      // Re-run a subset (--only) and keep the other scenarios of the previous report.
      const previous = JSON.parse(fs.readFileSync(out, 'utf8'));
      const fresh = new Map(results.map((r) => [r.key, r]));
      scenariosOut = previous.scenarios.map((r) => fresh.get(r.key) || r);
      for (const r of results) if (!previous.scenarios.some((p) => p.key === r.key)) scenariosOut.push(r); // prettier-ignore
      merged = { previousGeneratedAt: previous.generatedAt, rerun: results.map((r) => r.key) };
    }
    const report = {
      generatedAt: new Date().toISOString(),
      ...(merged ? { merged } : {}),
      machine,
      git: gitState(),
      scale: { ...scale, connections, durationSeconds: duration, databasePoolSize: poolSize, workerConcurrency, logLevel: env.LOG_LEVEL, nodeOptions: apiNodeOptions, rounds, warmupSeconds: warmup, order: 'ABBA', jit: 'off', openLoopRate: rate }, // prettier-ignore
      cpu: {
        source: "/proc/PID/stat of the server process and of the bench database's client backends",
        pgStatStatements: pgStat.available
          ? 'available (pgExecMsPerRequest)'
          : `not available: ${pgStat.reason}`,
      },
      scenarios: scenariosOut,
      goals: goals(scenariosOut, connections),
    };
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    // Every run is kept (beside --out: bench/results/history/), so a regression shows.
    const history = path.join(path.dirname(out), 'history', `${report.generatedAt.replace(/[:.]/g, '-')}-${report.git.commit.slice(0, 10)}.json`); // prettier-ignore
    fs.mkdirSync(path.dirname(history), { recursive: true });
    fs.writeFileSync(history, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(markdown(report));
    say(`written ${path.relative(ROOT, out)}`);
  } finally {
    await cleanup();
    await deleteKeys(redis, QUEUE_PREFIX).catch(() => undefined);
    redis.disconnect();
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Goals and output

function goals(results, defaultConnections = 50) {
  const out = [];
  const measured = results.filter((r) => r.api);
  const by = (key) => measured.find((r) => r.key === key);
  for (const r of measured.filter((x) => x.read)) {
    out.push({ name: `${r.key}: api throughput >= 50% of baseline`, target: '>= 0.5', actual: r.ratio, met: r.ratio >= 0.5 }); // prettier-ignore
  }
  for (const r of measured.filter((x) => typeof x.ratioHandwritten === 'number')) {
    out.push({ name: `${r.key}: api throughput >= 50% of the hand-written layer`, target: '>= 0.5', actual: r.ratioHandwritten, met: r.ratioHandwritten >= 0.5 }); // prettier-ignore
  }
  const open = results.find((r) => r.key === 'open-loop');
  for (const t of open
    ? open.openLoop.targets.filter((x) => ['list', 'detail', 'search'].includes(x.key))
    : []) {
    out.push({ name: `${t.key}: p99 < 50 ms at ${open.openLoop.rate} req/s offered`, target: '< 50 ms', actual: t.api.p99Ms, met: t.api.p99Ms !== null && t.api.p99Ms < 50 && t.api.errors === 0 }); // prettier-ignore
  }
  const exp = results.find((r) => r.key === 'export-csv' && r.work);
  if (exp) out.push({ name: 'CSV export streamed: peak RSS at all rows within 1.2x of a tenth', target: '<= 1.2', actual: round(exp.work[1].api.peakRssMb / exp.work[0].api.peakRssMb, 2), met: exp.rssFlat }); // prettier-ignore
  for (const r of measured.filter((x) => x.latencyGoal)) {
    out.push({ name: `${r.key}: p99 < 50 ms at ${r.connections || defaultConnections} connections`, target: '< 50 ms', actual: r.api.p99Ms, met: r.api.p99Ms < 50 }); // prettier-ignore
  }
  const p1 = by('list-page-1');
  const p500 = by('list-page-500');
  if (p1 && p500) {
    const x = round(p500.api.p50Ms / p1.api.p50Ms, 2);
    out.push({ name: 'page 500 within 1.2x of page 1 (p50 latency)', target: '<= 1.2', actual: x, met: x <= 1.2 }); // prettier-ignore
  }
  for (const r of measured.filter((x) => x.read)) {
    out.push({ name: `${r.key}: at most 3 queries per request`, target: '<= 3', actual: r.api.queriesPerRequest, met: r.api.queriesPerRequest <= 3 }); // prettier-ignore
  }
  const rem = by('reminders');
  if (rem) out.push({ name: 'reminders: >= 50% of raw BullMQ throughput', target: '>= 0.5', actual: rem.ratio, met: rem.ratio >= 0.5 }); // prettier-ignore
  const http = measured.filter((r) => r.read !== undefined && r.api.peakRssMb !== undefined);
  if (http.length) {
    const peak = Math.max(...http.map((r) => r.api.peakRssMb));
    out.push({ name: 'api peak RSS under load < 250 MB', target: '< 250 MB', actual: peak, met: peak < 250 }); // prettier-ignore
  }
  return out;
}

function markdown(report) {
  const m = report.machine;
  const s = report.scale;
  const lines = [];
  lines.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}; Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}.`); // prettier-ignore
  lines.push(`Data: ${s.defenders} defenders (${s.restrictedDefenders} restricted, ${s.countries} countries), ${s.timelineEvents} timeline events, ${s.escalations} escalations, ${s.milestones} milestones, ${s.solidarityActions} solidarity actions. ${s.connections} connections, ${s.durationSeconds} s per run, pool ${s.databasePoolSize}, log level ${s.logLevel}, NODE_OPTIONS "${s.nodeOptions ?? ''}".`); // prettier-ignore
  lines.push('');
  lines.push('| Scenario | api req/s | baseline req/s | ratio | api p50 / p99 ms | baseline p50 / p99 ms | errors | queries/req | peak RSS MB |'); // prettier-ignore
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const f = (x) => (x === null || x === undefined ? '–' : String(x));
  for (const r of report.scenarios) {
    if (r.unavailable) {
      lines.push(`| ${r.name} | not available | | | | | | | |`);
      continue;
    }
    if (!r.api) continue;
    const unit = r.unit ? ` ${r.unit}` : '';
    lines.push(`| ${r.name} | ${f(r.api.rps)}${unit} | ${f(r.baseline.rps)} | ${f(r.ratio)} | ${f(r.api.p50Ms)} / ${f(r.api.p99Ms)} | ${f(r.baseline.p50Ms)} / ${f(r.baseline.p99Ms)} | ${f(r.api.errors)} | ${f(r.api.queriesPerRequest)} | ${f(r.api.peakRssMb)} |`); // prettier-ignore
  }
  const layered = report.scenarios.filter((r) => r.layers);
  if (layered.length) {
    lines.push('');
    lines.push(
      `Layers (median req/s of ${layered[0].rounds} rounds, min-max; CPU ms per request: server / database):`,
    );
    lines.push('');
    lines.push('| Scenario | postgres alone | replay | hand-written | api | api/hand-written | api/replay | CPU api | CPU hand-written | bytes api / hand-written | loses the time |'); // prettier-ignore
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    const cell = (x) => (x ? `${f(x.rps.median)} (${f(x.rps.min)}-${f(x.rps.max)})` : '–');
    const cpu = (x) => (x ? `${f(x.serverCpuMsPerRequest)} / ${f(x.dbCpuMsPerRequest)}` : '–');
    for (const r of layered) {
      const L = r.layers;
      lines.push(`| ${r.key} | ${cell(L.postgres)} | ${cell(L.replay)} | ${cell(L.handwritten)} | ${cell(L.api)} | ${f(r.ratioHandwritten)} | ${f(r.ratio)} | ${cpu(L.api)} | ${cpu(L.handwritten)} | ${f(L.api.bytesPerAnswer)} / ${f(L.handwritten && L.handwritten.bytesPerAnswer)} | ${r.lostIn && r.lostIn.layer ? r.lostIn.layer : '–'} |`); // prettier-ignore
    }
  }
  const open = report.scenarios.find((r) => r.openLoop);
  if (open) {
    lines.push('');
    lines.push(
      `Open loop, ${open.openLoop.rate} req/s offered (p50 / p99 / p99.9 ms, achieved req/s, errors):`,
    );
    lines.push('');
    lines.push('| Target | api | hand-written |');
    lines.push('|---|---|---|');
    const ol = (x) => (x ? `${f(x.p50Ms)} / ${f(x.p99Ms)} / ${f(x.p999Ms)}, ${f(x.achievedRps)} req/s, ${x.errors} errors` : '–'); // prettier-ignore
    for (const t of open.openLoop.targets)
      lines.push(`| ${t.key} | ${ol(t.api)} | ${ol(t.handwritten)} |`);
  }
  const work = report.scenarios.filter((r) => r.work);
  if (work.length) {
    lines.push('');
    lines.push('Real work:');
    lines.push('');
    for (const r of work) lines.push(`- ${r.name}: ${r.work.map((w) => JSON.stringify(w)).join('; ')}${r.ratio !== undefined ? ` (ratio ${f(r.ratio)})` : ''}`); // prettier-ignore
  }
  lines.push('');
  lines.push('Main query of each endpoint (EXPLAIN ANALYZE):');
  lines.push('');
  for (const r of report.scenarios) {
    if (!r.explain) continue;
    const e = r.explain;
    lines.push(`- ${r.key}: ${e.error ? `error: ${e.error}` : `${e.plan} (${e.executionMs} ms)${e.seqScans.length ? ` — SEQ SCAN on ${e.seqScans.join(', ')}` : ''}`}`); // prettier-ignore
  }
  lines.push('');
  lines.push('| Goal | target | actual | met |');
  lines.push('|---|---|---|---|');
  for (const g of report.goals) lines.push(`| ${g.name} | ${g.target} | ${f(g.actual)} | ${g.met ? 'yes' : '**no**'} |`); // prettier-ignore
  return `${lines.join('\n')}\n`;
}

main().catch((err) => {
  say(`failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
