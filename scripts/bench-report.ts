/**
 * `npm run bench:report`: write the figures of the last bench run (bench/results/latest.json)
 * into docs/performance.md and the README's short performance section, between their marker
 * comments, so no figure is copied by hand. `--check` only compares and exits 1 when a section
 * is stale (scripts/bench-report.spec.ts does the same in the tests).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
export const LATEST = join(ROOT, 'bench/results/latest.json');
export const PERF_DOC = join(ROOT, 'docs/performance.md');
export const README = join(ROOT, 'README.md');
export const FIGURES_MARKERS = ['<!-- bench:figures:start -->', '<!-- bench:figures:end -->'] as const; // prettier-ignore
export const README_MARKERS = ['<!-- bench:readme:start -->', '<!-- bench:readme:end -->'] as const;

interface Spread {
  median: number | null;
  min: number | null;
  max: number | null;
}
interface Layer {
  rps: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  serverCpuMsPerRequest: number | null;
  dbCpuMsPerRequest: number | null;
  bytesPerAnswer: number | null;
  error?: string;
}
interface Flat {
  rps: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  errors?: number;
  queriesPerRequest?: number | null;
  peakRssMb?: number;
}
interface OpenLoopFigures {
  p50Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  achievedRps: number | null;
  errors: number;
}
interface Scenario {
  key: string;
  name: string;
  unit?: string;
  unavailable?: string;
  read?: boolean;
  api?: Flat;
  baseline?: Flat;
  ratio?: number | null;
  ratioHandwritten?: number | null;
  layers?: Partial<Record<'api' | 'replay' | 'handwritten' | 'postgres', Layer>>;
  lostIn?: { layer?: 'app' | 'sql'; says?: string } | null;
  handwrittenSameRecords?: number;
  openLoop?: {
    rate: number;
    durationSeconds: number;
    targets: { key: string; api: OpenLoopFigures; handwritten?: OpenLoopFigures }[];
  };
  work?: Record<string, unknown>[];
  notes?: string;
}
export interface BenchReport {
  generatedAt: string;
  machine: {
    cpu: string;
    cores: number;
    ramGb: number;
    os: string;
    node: string;
    postgres: string;
    loadAverageAtStart?: number[];
  };
  git?: { commit: string; dirty: boolean };
  scale: {
    defenders: number;
    timelineEvents: number;
    connections: number;
    durationSeconds: number;
    databasePoolSize: number;
    rounds?: number;
    warmupSeconds?: number;
    jit?: string;
  };
  cpu?: { pgStatStatements: string };
  scenarios: Scenario[];
  goals: { name: string; target: string; actual: number | null; met: boolean }[];
}

const f = (x: unknown): string => (x === null || x === undefined ? '–' : String(x));
/** Whole numbers with separators; below 10, one decimal (a report at 0.2/s is not 0). */
const int = (x: number | null | undefined) =>
  typeof x !== 'number' ? '–' : x < 10 ? String(Math.round(x * 10) / 10) : Math.round(x).toLocaleString('en'); // prettier-ignore
const withSpread = (s: Spread | undefined) =>
  s && s.median !== null ? `${int(s.median)} (${int(s.min)}–${int(s.max)})` : '–';
const LOSER = { app: 'app layer', sql: 'SQL and answer' } as const;

function header(r: BenchReport): string[] {
  const m = r.machine;
  const s = r.scale;
  const commit = r.git ? `commit \`${r.git.commit.slice(0, 10)}\`${r.git.dirty ? ' (with uncommitted changes)' : ''}` : 'commit not recorded'; // prettier-ignore
  const load = m.loadAverageAtStart ? `, load average ${m.loadAverageAtStart.join(' / ')} at the start` : ''; // prettier-ignore
  const rounds = s.rounds ? `${s.rounds} rounds (ABBA) of ${s.durationSeconds} s per layer after ${s.warmupSeconds} s of warm-up` : `one run of ${s.durationSeconds} s`; // prettier-ignore
  return [
    `Run of ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC, ${commit}.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM${load}; Node ${m.node}, PostgreSQL ${m.postgres}.`, // prettier-ignore
    `Data: ${int(s.defenders)} defenders, ${int(s.timelineEvents)} timeline events. ${rounds}; ${s.connections} connections, pool ${s.databasePoolSize}, JIT ${s.jit ?? 'off in the api only'}.`, // prettier-ignore
    ...(r.cpu ? [`CPU per request from /proc (server process; the database's backends); pg_stat_statements ${r.cpu.pgStatStatements}.`] : []), // prettier-ignore
  ];
}

/** docs/performance.md's figures section. */
export function renderFigures(r: BenchReport): string {
  const out = [...header(r), ''];
  const layered = r.scenarios.filter((s) => s.layers);
  if (layered.length) {
    out.push('**Three layers**, requests/s: median (min–max) over the rounds. *postgres alone* is pgbench running the api\'s statements; *replay* the api\'s SQL through node:http + pg; *hand-written* the best SQL for the same need (`bench/handwritten-server.js`).', ''); // prettier-ignore
    out.push('| Scenario | postgres alone | replay | hand-written | api | api / hand-written | api / replay | loses the time | bytes per answer, api / hand-written | CPU ms/req api (server / db) | CPU ms/req hand-written |'); // prettier-ignore
    out.push('|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|');
    for (const s of layered) {
      const L = s.layers!;
      const cpu = (x?: Layer) => (x ? `${f(x.serverCpuMsPerRequest)} / ${f(x.dbCpuMsPerRequest)}` : '–'); // prettier-ignore
      out.push(`| ${s.name} | ${withSpread(L.postgres?.rps)} | ${withSpread(L.replay?.rps)} | ${withSpread(L.handwritten?.rps)} | ${withSpread(L.api?.rps)} | ${f(s.ratioHandwritten)} | ${f(s.ratio)} | ${s.lostIn?.layer ? LOSER[s.lostIn.layer] : '–'} | ${int(L.api?.bytesPerAnswer)} / ${int(L.handwritten?.bytesPerAnswer)} | ${cpu(L.api)} | ${cpu(L.handwritten)} |`); // prettier-ignore
    }
    out.push('');
    out.push('Latency at saturation (p50 / p99 ms, medians over the rounds):', '');
    out.push('| Scenario | api | hand-written | replay | queries per request | share of the api\'s records the hand-written layer returned |'); // prettier-ignore
    out.push('|---|---:|---:|---:|---:|---:|');
    for (const s of layered) {
      const L = s.layers!;
      const lat = (x?: Layer) => (x ? `${f(x.p50Ms.median)} / ${f(x.p99Ms.median)}` : '–');
      out.push(`| ${s.key} | ${lat(L.api)} | ${lat(L.handwritten)} | ${lat(L.replay)} | ${f(s.api?.queriesPerRequest)} | ${f(s.handwrittenSameRecords)} |`); // prettier-ignore
    }
    out.push('');
  }
  const open = r.scenarios.find((s) => s.openLoop)?.openLoop;
  if (open) {
    out.push(`**Latency at ${open.rate} req/s offered** (open loop, constant arrival, ${open.durationSeconds} s each; p50 / p99 / p99.9 ms):`, ''); // prettier-ignore
    out.push('| Target | api | api achieved req/s, errors | hand-written |');
    out.push('|---|---:|---:|---:|');
    const ol = (x?: OpenLoopFigures) =>
      x ? `${f(x.p50Ms)} / ${f(x.p99Ms)} / ${f(x.p999Ms)}` : '–';
    for (const t of open.targets) out.push(`| ${t.key} | ${ol(t.api)} | ${f(t.api.achievedRps)}, ${t.api.errors} | ${ol(t.handwritten)} |`); // prettier-ignore
    out.push('');
  }
  const work = r.scenarios.filter((s) => s.work || (s.unavailable && !s.layers && !s.api));
  if (work.length) {
    out.push('**More of the real work:**', '');
    for (const s of work) {
      if (s.unavailable) {
        out.push(`- ${s.name}: not measured (${s.unavailable})`);
        continue;
      }
      const parts = s.work!.map((w) => Object.entries(w).map(([k, v]) => `${k} ${typeof v === 'object' && v ? Object.entries(v).map(([a, b]) => `${a} ${f(b)}`).join(', ') : f(v)}`).join('; ')); // prettier-ignore
      out.push(`- ${s.name}: ${parts.join(' | ')}${s.ratio !== undefined && s.ratio !== null ? ` (ratio ${s.ratio})` : ''}.`); // prettier-ignore
    }
    out.push('');
  }
  const others = r.scenarios.filter((s) => s.api && !s.layers);
  if (others.length) {
    out.push('**Other scenarios** (api and its baseline in one run):', '');
    out.push('| Scenario | api | baseline | ratio |');
    out.push('|---|---:|---:|---:|');
    for (const s of others) out.push(`| ${s.name} | ${f(s.api!.rps)}${s.unit ? ` ${s.unit}` : ''} | ${f(s.baseline?.rps)} | ${f(s.ratio)} |`); // prettier-ignore
    out.push('');
  }
  out.push('**Goals:**', '');
  out.push('| Goal | target | actual | met |');
  out.push('|---|---|---:|---|');
  for (const g of r.goals) out.push(`| ${g.name} | ${g.target} | ${f(g.actual)} | ${g.met ? 'yes' : '**no**'} |`); // prettier-ignore
  return `${out.join('\n')}\n`;
}

/**
 * A run on a machine already busy (load average above its cores at the start) measured the
 * other work as much as Witness: said beside the figures, so no one takes them for its speed.
 */
function busyWarning(r: BenchReport): string[] {
  const load = r.machine.loadAverageAtStart?.[0];
  if (load === undefined || load <= r.machine.cores) return [];
  return [
    '',
    `**The machine was busy** (load average ${load} on ${r.machine.cores} cores at the start): req/s and latencies are far below what it gives when quiet, and ratios between layers are the figures to read.`, // prettier-ignore
  ];
}

/** The README's short section: the three layers and the goals met. */
export function renderReadme(r: BenchReport): string {
  const met = r.goals.filter((g) => g.met).length;
  const out = [
    `Last \`npm run bench\`: ${r.generatedAt.slice(0, 10)}, ${r.git ? `commit \`${r.git.commit.slice(0, 10)}\`` : 'commit not recorded'}, ${int(r.scale.defenders)} defenders, ${r.machine.cores} cores; **${met} of ${r.goals.length} goals met** (details, and what the figures show, in [docs/performance.md](docs/performance.md)).`, // prettier-ignore
    ...busyWarning(r),
    '',
    '| Scenario | api req/s | hand-written req/s | PostgreSQL alone req/s | api / hand-written (goal ≥ 0.5) |',
    '|---|---:|---:|---:|---|',
  ];
  for (const s of r.scenarios.filter((x) => x.layers)) {
    const L = s.layers!;
    const ok = typeof s.ratioHandwritten === 'number' ? `${s.ratioHandwritten} ${s.ratioHandwritten >= 0.5 ? 'met' : '**not met**'}` : '–'; // prettier-ignore
    out.push(`| ${s.name} | ${int(L.api?.rps.median)} | ${int(L.handwritten?.rps.median)} | ${int(L.postgres?.rps.median)} | ${ok} |`); // prettier-ignore
  }
  const open = r.scenarios.find((s) => s.openLoop)?.openLoop;
  if (open) {
    const p99 = open.targets.map((t) => `${t.key} ${f(t.api.p99Ms)} ms`).join(', ');
    out.push('', `p99 at ${open.rate} req/s offered (goal < 50 ms): ${p99}.`);
  }
  return `${out.join('\n')}\n`;
}

/** `text` with what lies between the two markers replaced by `content`. */
export function replaceSection(
  text: string,
  markers: readonly [string, string],
  content: string,
): string {
  const start = text.indexOf(markers[0]);
  const end = text.indexOf(markers[1]);
  if (start < 0 || end < start)
    throw new Error(`markers ${markers[0]} ... ${markers[1]} not found`);
  return `${text.slice(0, start + markers[0].length)}\n${content}${text.slice(end)}`;
}

export function readLatest(): BenchReport {
  return JSON.parse(readFileSync(LATEST, 'utf8')) as BenchReport;
}

/** The two files as the script makes them from latest.json. */
export function renderedFiles(
  report: BenchReport = readLatest(),
): { path: string; text: string }[] {
  return [
    { path: PERF_DOC, text: replaceSection(readFileSync(PERF_DOC, 'utf8'), FIGURES_MARKERS, renderFigures(report)) }, // prettier-ignore
    { path: README, text: replaceSection(readFileSync(README, 'utf8'), README_MARKERS, renderReadme(report)) }, // prettier-ignore
  ];
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const file of renderedFiles()) {
    if (readFileSync(file.path, 'utf8') === file.text) continue;
    stale = true;
    if (!check) writeFileSync(file.path, file.text);
    process.stdout.write(`${check ? 'stale' : 'written'}: ${file.path.slice(ROOT.length + 1)}\n`);
  }
  if (check && stale) process.exit(1);
}
