// Preloaded into the api (and worker) by the bench: `node --require bench/instrument.js ...`.
// Touches no application code. It wraps node-postgres' Client#query to
//  - count the statements each HTTP request sends (per scenario, from the x-bench-scenario
//    header the runner sets), so an N+1 shows up as a number;
//  - capture, for requests marked x-bench-capture: 1, every statement's SQL text, parameters,
//    duration and the uuid-looking values it returned, so the baseline server can replay
//    exactly the SQL the endpoint ran;
// and samples the process's resident memory to report its peak. The runner talks to it over
// the IPC channel: {type:'bench:reset'} and {type:'bench:stats'} (answered with the figures).
'use strict';

const { setInterval } = require('node:timers');
const { AsyncLocalStorage } = require('node:async_hooks');
const http = require('node:http');
const pg = require('pg');

const als = new AsyncLocalStorage();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CAPTURED_PER_SCENARIO = 500;

let stats = new Map(); // scenario -> { requests, queries, statuses }
let captured = new Map(); // scenario -> Map(key -> request capture)
let unscoped = 0; // statements outside any request (pool warm-up, worker jobs)
let peakRss = process.memoryUsage.rss();

setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
}, 50).unref();

/** Uuid-looking values in a result, by row and column, to map DB-generated ids on replay. */
function uuidsIn(result) {
  const rows = result && Array.isArray(result.rows) ? result.rows : [];
  const out = [];
  for (let r = 0; r < rows.length && r < 50; r++) {
    const row = rows[r];
    if (!row || typeof row !== 'object') continue;
    for (const [k, v] of Object.entries(row)) {
      if (typeof v === 'string' && UUID.test(v)) out.push([r, k, v]);
    }
  }
  return out;
}

const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function instrumentedQuery(config, values, callback) {
  const ctx = als.getStore();
  // Submittables (cursors, COPY) and the pool's own checks pass through uncounted.
  if (!ctx || (config && typeof config.submit === 'function')) {
    if (!ctx) unscoped++;
    return originalQuery.apply(this, arguments);
  }
  ctx.count++;
  if (!ctx.capture) return originalQuery.apply(this, arguments);

  const text = typeof config === 'string' ? config : config && config.text;
  const params = Array.isArray(values) ? values : config && config.values;
  const entry = { text, values: params ? params.slice() : [], ms: 0, rowCount: null, uuids: [] };
  ctx.statements.push(entry);
  const started = process.hrtime.bigint();
  const done = (result) => {
    entry.ms = Number(process.hrtime.bigint() - started) / 1e6;
    entry.rowCount = result && typeof result.rowCount === 'number' ? result.rowCount : null;
    entry.uuids = uuidsIn(result);
  };
  if (typeof values === 'function' || typeof callback === 'function') {
    const cbIndex = typeof values === 'function' ? 1 : 2;
    const args = Array.from(arguments);
    const cb = args[cbIndex];
    args[cbIndex] = (err, result) => {
      if (!err) done(result);
      cb(err, result);
    };
    return originalQuery.apply(this, args);
  }
  const ret = originalQuery.apply(this, arguments);
  if (ret && typeof ret.then === 'function') {
    return ret.then((result) => {
      done(result);
      return result;
    });
  }
  return ret;
};

function statsFor(scenario) {
  let s = stats.get(scenario);
  if (!s) {
    s = { requests: 0, queries: 0, maxQueries: 0, statuses: {} };
    stats.set(scenario, s);
  }
  return s;
}

const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function instrumentedEmit(event, req, res) {
  if (event !== 'request') return originalEmit.apply(this, arguments);
  const scenario = req.headers['x-bench-scenario'] || null;
  const ctx = {
    scenario,
    capture: scenario !== null && req.headers['x-bench-capture'] === '1',
    count: 0,
    statements: [],
  };
  res.once('finish', () => {
    if (!scenario) return;
    const s = statsFor(scenario);
    s.requests++;
    s.queries += ctx.count;
    if (ctx.count > s.maxQueries) s.maxQueries = ctx.count;
    s.statuses[res.statusCode] = (s.statuses[res.statusCode] || 0) + 1;
    if (ctx.capture) {
      let byKey = captured.get(scenario);
      if (!byKey) captured.set(scenario, (byKey = new Map()));
      const key = `${req.method} ${req.url}`;
      if (!byKey.has(key) && byKey.size < MAX_CAPTURED_PER_SCENARIO) {
        byKey.set(key, { method: req.method, url: req.url, status: res.statusCode, statements: ctx.statements }); // prettier-ignore
      }
    }
  });
  return als.run(ctx, () => originalEmit.apply(this, arguments));
};

if (typeof process.send === 'function') {
  process.on('message', (msg) => {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'bench:reset') {
      stats = new Map();
      captured = new Map();
      unscoped = 0;
      peakRss = process.memoryUsage.rss();
      process.send({ type: 'bench:reset:done', id: msg.id });
    } else if (msg.type === 'bench:stats') {
      process.send({
        type: 'bench:stats',
        id: msg.id,
        peakRssMb: peakRss / 1048576,
        memoryMb: Object.fromEntries(
          Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)]),
        ),
        unscoped,
        stats: Object.fromEntries(stats),
        captured: Object.fromEntries(
          [...captured].map(([scenario, byKey]) => [scenario, [...byKey.values()]]),
        ),
      });
    }
  });
}
