// One HTTP scenario measured on every layer, in honest rounds (issue 24):
//   api          the built api (with bench/instrument.js)
//   replay       bench/baseline-server.js replaying the api's own SQL
//   handwritten  bench/handwritten-server.js: the best SQL for the same user need
//   postgres     pgbench running the api's captured statements (reads only)
// Warm-up on each layer first, then `rounds` rounds in ABBA order (A B C D, D C B A, ...), each
// run `duration` s; per run the throughput, latency, CPU of the server and of the database's
// backends per request; then the median and spread over rounds of each figure, and of the
// ratios paired within a round.
'use strict';

const { Buffer } = require('node:buffer');
const { performance } = require('node:perf_hooks');
const { cpuSnapshot, cpuDelta, spread, round, runPgbench, pgStatTotal } = require('./measure');

/**
 * Mean body bytes of the answers to the first `n` requests (one pass, before the rounds), and
 * the ids they carry (a list's `data[].id`, a record's `id`) to compare the layers' answers.
 */
async function sampleAnswers(base, requests, headers, n = 10) {
  let bytes = 0;
  const ids = [];
  for (const r of requests.slice(0, n)) {
    const res = await fetch(base + r.path, {
      method: r.method || 'GET',
      headers: { ...headers, ...(r.body ? { 'content-type': 'application/json' } : {}) },
      body: r.body ? JSON.stringify(r.body) : undefined,
    });
    const buf = Buffer.from(await res.arrayBuffer());
    bytes += buf.length;
    try {
      const body = JSON.parse(buf.toString('utf8'));
      ids.push(Array.isArray(body.data) ? body.data.map((x) => x.id) : [body.id]);
    } catch {
      ids.push([]);
    }
  }
  return { bytes: ids.length ? Math.round(bytes / ids.length) : null, ids };
}

/** Share of the api's answer ids the other layer also returned, over the sampled requests. */
function overlap(a, b) {
  let common = 0;
  let total = 0;
  a.forEach((ids, i) => {
    const other = new Set(b[i] || []);
    total += ids.length;
    common += ids.filter((id) => other.has(id)).length;
  });
  return total ? Math.round((common / total) * 1000) / 1000 : null;
}

/**
 * Where the api's time per request goes, from the medians' 1/throughput: the app layer
 * (api minus the replay of its SQL) and the SQL and answer chosen (replay minus hand-written).
 */
function lostIn(rps) {
  const t = (x) => (x ? 1000 / x : null);
  const api = t(rps.api);
  const replay = t(rps.replay);
  const hand = t(rps.handwritten);
  if (api === null || replay === null) return null;
  const out = { apiMsPerRequest: round(api, 3), appLayerMs: round(api - replay, 3) };
  if (hand !== null) {
    out.sqlAndAnswerMs = round(replay - hand, 3);
    out.layer = api - replay >= replay - hand ? 'app' : 'sql';
    out.says =
      out.layer === 'app'
        ? `the app layer (framework, ORM, auth) loses most: ${out.appLayerMs} ms/request of ${round(api - hand, 3)} beyond the hand-written layer`
        : `the SQL and the answer's width lose most: ${out.sqlAndAnswerMs} ms/request of ${round(api - hand, 3)} beyond the hand-written layer`; // prettier-ignore
  }
  return out;
}

/**
 * @param ctx { db, url, drive, quiet, ask, api, servers: {api, replay, handwritten} each
 *   { base, child }, rounds, duration, warmup, pgOptions, poolSize, pgStat }
 * @param s the scenario; `captures` the api's captured requests for it
 */
async function measureLayers(ctx, s, captures, headers) {
  const { db, drive, quiet, rounds, duration, warmup } = ctx;
  const conns = s.connections;
  const amount = s.amount;
  const layers = ['api', 'replay'];
  if (s.handwritten) layers.push('handwritten');
  if (s.read && !amount && ctx.pgbench) layers.push('postgres');

  const runOn = async (layer, secs) => {
    if (layer === 'postgres') {
      return runPgbench({ url: ctx.url, captures, clients: ctx.poolSize, duration: secs, pgOptions: ctx.pgOptions }); // prettier-ignore
    }
    return drive(ctx.servers[layer].base, s.requests, { connections: conns, duration: secs, headers, amount }); // prettier-ignore
  };

  if (warmup && !amount) {
    for (const layer of layers) {
      await runOn(layer, warmup);
      await quiet(db);
    }
  }
  const bytes = {};
  const answers = {};
  for (const layer of layers.filter((l) => l !== 'postgres')) {
    answers[layer] = await sampleAnswers(ctx.servers[layer].base, s.requests, headers);
    bytes[layer] = answers[layer].bytes;
  }
  // Reads only: does the hand-written layer answer with the same records as the api?
  const sameRecords = s.read && answers.handwritten ? overlap(answers.api.ids, answers.handwritten.ids) : null; // prettier-ignore
  // The api's statement counts start here: the capture, the warm-up and the first request's
  // cold statements (session touch, pool connections) are not counted.
  await ctx.ask(ctx.servers.api.child, { type: 'bench:reset' }, 'bench:reset:done');

  const runs = Object.fromEntries(layers.map((l) => [l, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? layers : [...layers].reverse();
    for (const layer of order) {
      const child = ctx.servers[layer] && ctx.servers[layer].child;
      if (ctx.pgStat) await pgStatTotal(db); // resets
      const before = await cpuSnapshot(db, child ? child.pid : null);
      const started = performance.now();
      const res = await runOn(layer, duration);
      const wallS = (performance.now() - started) / 1000;
      const after = await cpuSnapshot(db, child ? child.pid : null);
      const pgs = ctx.pgStat ? await pgStatTotal(db) : null;
      await quiet(db);
      const n = res.total || 0;
      const cpu = cpuDelta(before, after);
      runs[layer].push({
        round: r + 1,
        rps: res.rps,
        p50Ms: res.p50Ms,
        p99Ms: res.p99Ms,
        errors: res.errors ?? null,
        total: n,
        wallS: round(wallS, 2),
        serverCpuMsPerRequest: n && cpu.serverMs !== null ? round(cpu.serverMs / n, 3) : null,
        dbCpuMsPerRequest: n ? round(cpu.dbMs / n, 3) : null,
        ...(pgs ? { pgExecMsPerRequest: n ? round(pgs.ms / n, 3) : null } : {}),
        ...(res.error ? { error: res.error } : {}),
      });
    }
  }

  const summary = {};
  for (const layer of layers) {
    const rs = runs[layer];
    const pick = (k) => spread(rs.map((x) => x[k]));
    summary[layer] = {
      rps: pick('rps'),
      p50Ms: pick('p50Ms'),
      p99Ms: pick('p99Ms'),
      errors: rs.reduce((a, x) => a + (x.errors || 0), 0),
      total: rs.reduce((a, x) => a + (x.total || 0), 0),
      serverCpuMsPerRequest: pick('serverCpuMsPerRequest').median,
      dbCpuMsPerRequest: pick('dbCpuMsPerRequest').median,
      ...(ctx.pgStat ? { pgExecMsPerRequest: pick('pgExecMsPerRequest').median } : {}),
      bytesPerAnswer: bytes[layer] ?? null,
      ...(rs.find((x) => x.error) ? { error: rs.find((x) => x.error).error } : {}),
      runs: rs,
    };
  }
  // Ratios paired within each round (the same minutes of the machine), then their spread.
  const paired = (a, b) =>
    runs[a] && runs[b]
      ? spread(
          runs[a].map((x, i) => (runs[b][i] && runs[b][i].rps ? x.rps / runs[b][i].rps : null)),
        )
      : null;
  const ratios = {
    apiToReplay: paired('api', 'replay'),
    apiToHandwritten: paired('api', 'handwritten'),
    replayToHandwritten: paired('replay', 'handwritten'),
    replayToPostgres: paired('replay', 'postgres'),
  };
  const medians = Object.fromEntries(layers.map((l) => [l, summary[l].rps.median]));
  return { layers: summary, ratios, lostIn: lostIn(medians), order: 'ABBA', rounds, sameRecords };
}

module.exports = { measureLayers, sampleAnswers, lostIn };
