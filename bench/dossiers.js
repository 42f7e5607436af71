// The dossiers scenario, in its own process (its memory is its own).
//
// The data of one seeded WGAD regular communication (2+ defenders, their timelines) is built
// by the project's DossiersService#buildData, as the worker does. Then, for BENCH_SECONDS each:
//  - html: the project's renderDossierHtml (context, locale helpers, templates) in a loop;
//    baseline: handlebars alone, the same template file and partials each compiled once, helpers
//    that only stringify, rendering the same data;
//  - pdf: the project's PdfRenderer (a context and page per job, network off) with the
//    dossier processor's concurrency (2); baseline: playwright-core and the same Chromium, one
//    browser, setContent + page.pdf on a fresh page, same concurrency.
// Reports over IPC: { type: 'result', html, pdf } with rps, p50Ms, p99Ms, errors, bytes.
'use strict';

const { performance } = require('node:perf_hooks');
const { clearInterval, setImmediate, setInterval } = require('node:timers');
const fs = require('node:fs');
const path = require('node:path');
const Handlebars = require('handlebars');
const { DataSource } = require('typeorm');
const { requireBuilt } = require('./lib/common');

const platform = requireBuilt('libs/platform/src/index.js');
const domain = requireBuilt('libs/domain/src/index.js');

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const PDF_CONCURRENCY = Number(process.env.BENCH_PDF_CONCURRENCY || 2);

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Run `fn` with `concurrency` loops for `seconds`; rps and latency percentiles. */
async function measure(fn, { seconds, concurrency = 1 }) {
  const latencies = [];
  let errors = 0;
  let bytes = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        const out = await fn();
        bytes = out.length;
      } catch (err) {
        if (errors++ === 0) console.error(err);
      }
      latencies.push(performance.now() - t);
      // Yield so a synchronous renderer still lets timers (and the RSS sampler) run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    count: latencies.length,
    bytes,
  };
}

async function loadData(ds) {
  const rows = await ds.query(
    `SELECT e.id FROM escalations e JOIN escalation_defenders x ON x.escalation_id = e.id
      WHERE e.kind = 'wgad_regular' GROUP BY e.id HAVING count(*) >= 2 ORDER BY e.id LIMIT 1`,
  );
  if (!rows.length) throw new Error('no WGAD escalation with two defenders in the bench data');
  const cipher = new platform.FieldCipher(
    platform.parseKeyring(process.env.WITNESS_ENCRYPTION_KEYS),
  );
  const service = Object.create(domain.DossiersService.prototype);
  Object.assign(service, { clock: new platform.SystemClock(), cipher });
  const e = await ds.manager.findOneBy(domain.Escalation, { id: rows[0].id });
  const links = await ds.manager.find(domain.EscalationDefender, { where: { escalationId: e.id } });
  return service.buildData(
    ds.manager,
    e,
    links.map((l) => l.defenderId),
    { language: 'en', edition: 'submission' },
  );
}

function handlebarsAlone(kind, language) {
  const dir = domain.dossierTemplatesDir();
  const hbs = Handlebars.create();
  const partials = path.join(dir, 'partials');
  for (const file of fs.readdirSync(partials)) {
    // Compiled once, as handlebars is meant to be used (a partial registered as source is
    // compiled again on every render that calls it with hash arguments).
    if (file.endsWith('.hbs')) {
      const source = fs.readFileSync(path.join(partials, file), 'utf8');
      hbs.registerPartial(path.basename(file, '.hbs'), hbs.compile(source, { strict: false }));
    }
  }
  const plain = (...args) => args.slice(0, -1).map(String).join(' ');
  for (const h of ['t', 'ft', 'fl', 'date', 'days', 'label', 'labels', 'join'])
    hbs.registerHelper(h, plain);
  hbs.registerHelper('array', (...args) => args.slice(0, -1));
  void language; // one template per form, whatever the language
  const file = path.join(dir, `${kind}.hbs`);
  return hbs.compile(fs.readFileSync(file, 'utf8'), { strict: false });
}

async function main() {
  const ds = new DataSource(
    platform.dataSourceOptions({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: 2 }),
  );
  await ds.initialize();
  const data = await loadData(ds);
  await ds.destroy();

  const html = domain.renderDossierHtml(data); // also compiles and caches the template
  const template = handlebarsAlone(data.kind, data.language);
  const result = { html: {}, pdf: {}, templateKind: data.kind, defenders: data.persons.length };
  result.html.api = await measure(async () => domain.renderDossierHtml(data), { seconds: SECONDS });
  result.html.baseline = await measure(async () => template(data), { seconds: SECONDS });

  if (!fs.existsSync(process.env.CHROMIUM_PATH || platform.DEFAULT_CHROMIUM_PATH)) {
    result.pdf = { unavailable: 'Chromium not installed' };
  } else {
    const renderer = new platform.PdfRenderer();
    await renderer.render(html); // launch outside the measurement
    result.pdf.api = await measure(() => renderer.render(html), {
      seconds: SECONDS,
      concurrency: PDF_CONCURRENCY,
    });
    await renderer.onApplicationShutdown();
    const { chromium } = require('playwright-core');
    const browser = await chromium.launch({
      executablePath: renderer.executablePath,
      args: [...platform.CHROMIUM_ARGS],
    });
    result.pdf.baseline = await measure(
      async () => {
        const page = await browser.newPage();
        try {
          await page.setContent(html);
          return await page.pdf({ format: 'A4', printBackground: true });
        } finally {
          await page.close();
        }
      },
      { seconds: SECONDS, concurrency: PDF_CONCURRENCY },
    );
    await browser.close();
  }
  clearInterval(sampler);
  result.peakRssMb = peakRss / 1048576;
  process.send({ type: 'result', ...result }, () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
