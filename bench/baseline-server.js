// The bench's baseline: a minimal node:http + pg server that, for each request, runs exactly
// the SQL statements the api ran for the same request (captured by bench/instrument.js: same
// text, same parameters, same order, one pooled connection per request as the api's
// transactions need), then answers with the main result as JSON. No framework, no ORM, no auth,
// no validation: what is left is the cost of the database work and of HTTP itself.
//
// Writes replay under fresh ids: a uuid the request created (first seen in an INSERT) is
// replaced, wherever it appears in a parameter, by a new one for each replay, and an id the
// database generated is mapped to the one it generates this time. Nothing else is rewritten.
//
// Started by bench/run.js with an IPC channel: {type:'load', scenario, captures} adds routes;
// {type:'listen', port} starts listening (answered {type:'listening'}).
'use strict';

const { Buffer } = require('node:buffer');
const { setInterval } = require('node:timers');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');
const { apiPoolOptions } = require('./lib/common');

const UUID_G = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const CONTROL = /^\s*(START|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET)\b/i;

const pool = new Pool(apiPoolOptions('witness-bench-baseline'));
let peakRss = process.memoryUsage.rss();
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50).unref();

/** route key -> prepared replay */
const routes = new Map();

function uuidsOf(value, out) {
  if (typeof value === 'string') {
    for (const m of value.match(UUID_G) || []) out.add(m.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) uuidsOf(v, out);
  } else if (
    value &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  ) {
    for (const v of Object.values(value)) uuidsOf(v, out);
  }
  return out;
}

/** Which uuids a captured request created: first seen in an INSERT (its parameters or result). */
function prepare(capture) {
  const known = uuidsOf(capture.url, new Set());
  const fresh = new Set();
  for (const s of capture.statements) {
    const isInsert = /^\s*INSERT\b/i.test(s.text || '');
    for (const u of uuidsOf(s.values, new Set())) {
      if (!known.has(u) && isInsert) fresh.add(u);
      known.add(u);
    }
    for (const [, , v] of s.uuids || []) {
      const u = v.toLowerCase();
      if (!known.has(u) && isInsert) fresh.add(u);
      known.add(u);
    }
  }
  // The statement whose rows the api turned into its answer: the largest SELECT result.
  let main = -1;
  capture.statements.forEach((s, i) => {
    if (!/^\s*(SELECT|WITH)\b/i.test(s.text || '') || /FROM\s+"?sessions"?/i.test(s.text)) return;
    if (main < 0 || (s.rowCount || 0) >= (capture.statements[main].rowCount || 0)) main = i;
  });
  return { ...capture, fresh, main };
}

function substitute(value, map) {
  if (map.size === 0) return value;
  if (typeof value === 'string') {
    return value.replace(UUID_G, (m) => map.get(m.toLowerCase()) || m);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, map));
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, map)]));
  }
  return value;
}

async function replay(route) {
  const map = new Map();
  for (const u of route.fresh) {
    // Ids the app generated are replaced up front; ids the database generates get mapped
    // when it returns them (below).
    map.set(u, randomUUID());
  }
  const client = await pool.connect();
  let answer = null;
  try {
    for (let i = 0; i < route.statements.length; i++) {
      const s = route.statements[i];
      const values = s.values.length ? substitute(s.values, map) : undefined;
      const result = await client.query(s.text, values);
      for (const [row, col, old] of s.uuids || []) {
        const u = old.toLowerCase();
        const now = result.rows && result.rows[row] && result.rows[row][col];
        if (route.fresh.has(u) && typeof now === 'string') map.set(u, now);
      }
      if (i === route.main) answer = result.rows;
      else if (route.main < 0 && !CONTROL.test(s.text)) answer = result.rows;
    }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw err;
  }
  client.release();
  return answer;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    // Parse the body as the api would, so both pay for it.
    if (chunks.length) {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
    }
    const route = routes.get(`${req.method} ${req.url}`);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404}');
      return;
    }
    replay(route).then(
      (rows) => {
        const body = JSON.stringify(route.main >= 0 ? { data: rows } : rows);
        res.writeHead(route.status, { 'content-type': 'application/json' }).end(body);
      },
      (err) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(err && err.message) }));
      },
    );
  });
});

process.on('message', (msg) => {
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'load') {
    for (const c of msg.captures) routes.set(`${c.method} ${c.url}`, prepare(c));
    process.send({ type: 'loaded', id: msg.id, routes: routes.size });
  } else if (msg.type === 'listen') {
    server.listen(msg.port, '127.0.0.1', () => process.send({ type: 'listening', id: msg.id }));
  } else if (msg.type === 'stats') {
    process.send({ type: 'stats', id: msg.id, peakRssMb: peakRss / 1048576 });
  }
});

process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
