// More of the real work (issue 24 item 6), each beside a baseline, on the running api:
//   export      CSV export of ~10% of the cases and of all of them: time and the api's peak RSS
//               (streamed: the peak must not grow with the row count); baseline: PostgreSQL's
//               COPY of the same rows to CSV (psql \copy), time only
//   import      CSV import of 10,000 rows (one request); baseline: COPY of the same rows into
//               defenders, rolled back
//   upload      a 50 MB document: time and the api's peak RSS; baseline: node:http streaming the
//               same body to a file (the hand-written server's /bench/upload)
//   db-size     the database's size per 100,000 cases
// Cold start (process start to /health/live and /health/ready) is measured by the runner when
// it starts the api.
'use strict';

const { Blob, Buffer } = require('node:buffer');
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { round } = require('./measure');

async function timed(fn) {
  const t = performance.now();
  const out = await fn();
  return { ms: round(performance.now() - t), out };
}

function psql(url, command) {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-d', url, '-c', command], { stdio: ['ignore', 'ignore', 'pipe'] }); // prettier-ignore
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(err.trim()))));
  });
}

/** Run `fn` with the api's peak RSS sampled from a reset just before it. */
async function withPeak(ctx, fn) {
  await ctx.ask(ctx.api, { type: 'bench:reset' }, 'bench:reset:done');
  const r = await timed(fn);
  const stats = await ctx.ask(ctx.api, { type: 'bench:stats' }, 'bench:stats');
  return { ms: r.ms, out: r.out, peakRssMb: round(stats.peakRssMb) };
}

async function exportScenario(ctx) {
  const { db, base, tokens, url } = ctx;
  const auth = { authorization: `Bearer ${tokens.coordinator}` };
  const { rows: [{ n: all }] } = await db.query(`SELECT count(*)::int AS n FROM defenders WHERE archived_at IS NULL`); // prettier-ignore
  // The filter whose match count is closest to a tenth of the cases.
  const { rows: countries } = await db.query(
    `SELECT country, count(*)::int AS n FROM defenders WHERE archived_at IS NULL GROUP BY country`,
  );
  const { rows: statuses } = await db.query(
    `SELECT status, count(*)::int AS n FROM defenders WHERE archived_at IS NULL GROUP BY status`,
  );
  const candidates = [
    ...countries.map((c) => ({ qs: `country=${c.country}`, where: `country = '${c.country}'`, n: c.n })), // prettier-ignore
    ...statuses.map((c) => ({ qs: `status=${c.status}`, where: `status = '${c.status}'`, n: c.n })),
  ];
  const small = candidates.reduce((a, b) => (Math.abs(b.n - all / 10) < Math.abs(a.n - all / 10) ? b : a)); // prettier-ignore
  const sets = [small, { qs: '', where: 'TRUE', n: all }];
  const out = [];
  for (const set of sets) {
    const api = await withPeak(ctx, async () => {
      const res = await fetch(`${base}/api/v1/exports/defenders?format=csv${set.qs ? `&${set.qs}` : ''}`, { headers: auth }); // prettier-ignore
      let bytes = 0;
      for await (const chunk of res.body) bytes += chunk.length;
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
      return bytes;
    });
    const copy = await timed(
      () =>
      psql(url, `\\copy (SELECT * FROM defenders WHERE archived_at IS NULL AND ${set.where} ORDER BY seq DESC) TO '/dev/null' CSV HEADER`), // prettier-ignore
    );
    out.push({ filter: set.qs || '(all)', rows: set.n, api: { ms: api.ms, bytes: api.out, peakRssMb: api.peakRssMb }, baseline: { ms: copy.ms } }); // prettier-ignore
  }
  const [a, b] = out;
  return {
    key: 'export-csv',
    name: `CSV export, ${a.rows} and ${b.rows} cases`,
    work: out,
    // Streamed: the peak RSS at all the rows within 20% of the peak at a tenth of them.
    rssFlat: b.api.peakRssMb <= a.api.peakRssMb * 1.2,
    ratio: b.baseline.ms && b.api.ms ? round(b.baseline.ms / b.api.ms, 3) : null,
    notes:
      'api: GET /api/v1/exports/defenders?format=csv (audited, streamed); baseline: psql \\copy of every column of the same rows; ratio = baseline time / api time at all the rows',
  };
}

async function importScenario(ctx, rows = 10_000) {
  const { db, base, tokens } = ctx;
  const auth = { authorization: `Bearer ${tokens.coordinator}` };
  const countries = ['KE', 'NI', 'VN', 'RU', 'EG', 'IR', 'BY', 'TR'];
  const lines = ['fullName,country,hrdFocus,summary,tags'];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < rows; i++) {
    lines.push(`Imported Defender ${stamp}-${i},${countries[i % countries.length]},journalist,Arrested after a report.,bench-import`); // prettier-ignore
  }
  const csv = `${lines.join('\n')}\n`;
  const api = await withPeak(ctx, async () => {
    const res = await fetch(`${base}/api/v1/imports/defenders`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv }); // prettier-ignore
    const text = await res.text();
    if (res.status !== 201) throw new Error(`import answered ${res.status}: ${text.slice(0, 300)}`);
    return res.status;
  });
  // Baseline: the same rows through COPY, in a transaction rolled back (the rows are not kept).
  const { copyInto, copyRow } = require('./copy');
  const base2 = await timed(async () => {
    await db.query('BEGIN');
    try {
      const lines = (function* () {
        for (let i = 0; i < rows; i++) {
          yield copyRow([`Copied Defender ${stamp}-${i}`, countries[i % countries.length], ['journalist'], 'Arrested after a report.', ['bench-import'], 1]); // prettier-ignore
        }
      })();
      await copyInto(db, 'defenders', ['full_name', 'country', 'hrd_focus', 'summary', 'tags', 'version'], lines); // prettier-ignore
    } finally {
      await db.query('ROLLBACK');
    }
  });
  return {
    key: 'import-csv',
    name: `CSV import, ${rows} rows`,
    work: [{ rows, bytes: Buffer.byteLength(csv), api: { ms: api.ms, peakRssMb: api.peakRssMb }, baseline: { ms: base2.ms } }], // prettier-ignore
    ratio: api.ms ? round(base2.ms / api.ms, 3) : null,
    notes: 'api: POST /api/v1/imports/defenders (validated, one transaction, audited, profile reviews); baseline: COPY of the same rows, rolled back; ratio = baseline time / api time', // prettier-ignore
  };
}

async function uploadScenario(ctx, mb = 50) {
  const { base, tokens, db, handwrittenBase } = ctx;
  const auth = { authorization: `Bearer ${tokens.coordinator}` };
  const { rows: [{ id }] } = await db.query(`SELECT id FROM defenders WHERE access = 'standard' AND archived_at IS NULL ORDER BY seq LIMIT 1`); // prettier-ignore
  const line = 'Trial monitoring notes: the hearing was adjourned again; the lawyer was not allowed in.\n'; // prettier-ignore
  const content = Buffer.from(line.repeat(Math.ceil((mb * 1024 * 1024) / line.length))).subarray(0, mb * 1024 * 1024); // prettier-ignore
  const form = () => {
    const f = new globalThis.FormData();
    f.set('kind', 'other');
    f.set('title', `Bench upload ${Date.now()}`);
    f.set('allowDuplicate', 'true');
    f.set('file', new Blob([content], { type: 'text/plain' }), 'notes.txt');
    return f;
  };
  const api = await withPeak(ctx, async () => {
    const res = await fetch(`${base}/api/v1/defenders/${id}/documents`, { method: 'POST', headers: auth, body: form() }); // prettier-ignore
    const text = await res.text();
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${text.slice(0, 300)}`);
    return res.status;
  });
  const baseline = await timed(async () => {
    const res = await fetch(`${handwrittenBase}/bench/upload`, { method: 'POST', body: form() });
    await res.text();
    if (res.status !== 201) throw new Error(`baseline upload answered ${res.status}`);
  });
  return {
    key: 'upload',
    name: `Document upload, ${mb} MB`,
    work: [{ bytes: content.length, api: { ms: api.ms, peakRssMb: api.peakRssMb }, baseline: { ms: baseline.ms } }], // prettier-ignore
    ratio: api.ms ? round(baseline.ms / api.ms, 3) : null,
    notes: 'api: POST /api/v1/defenders/:id/documents (multipart, type sniffed, hashed, encrypted, stored); baseline: node:http streaming the same multipart body to a file with its SHA-256; ratio = baseline time / api time', // prettier-ignore
  };
}

async function dbSize(ctx) {
  const {
    rows: [r],
  } = await ctx.db.query(
    `SELECT pg_database_size(current_database())::bigint AS bytes, (SELECT count(*) FROM defenders)::int AS defenders`,
  );
  const mb = Number(r.bytes) / 1024 ** 2;
  return {
    key: 'db-size',
    name: 'Database size per 100,000 cases',
    work: [{ defenders: r.defenders, databaseMb: round(mb), mbPer100k: round((mb / r.defenders) * 100_000) }], // prettier-ignore
    notes: 'pg_database_size after the run, scaled to 100,000 cases (with their timelines, escalations, milestones, audit rows of the run)', // prettier-ignore
  };
}

/** Run each part wanted (by key: export-csv, import-csv, upload, db-size); a failure is recorded, not fatal. */
async function realWork(ctx) {
  const parts = [
    ['export-csv', exportScenario],
    ['import-csv', importScenario],
    ['upload', uploadScenario],
    ['db-size', dbSize],
  ];
  for (const [key, fn] of parts) {
    if (!ctx.want(key)) continue;
    ctx.say(`${key}`);
    try {
      ctx.results.push(await fn(ctx));
    } catch (err) {
      ctx.say(`  ${key} failed: ${err.message}`);
      ctx.results.push({ key, name: key, unavailable: String(err.message).slice(0, 300) });
    }
  }
}

module.exports = { realWork };
