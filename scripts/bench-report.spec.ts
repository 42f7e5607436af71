import { readFileSync } from 'node:fs';
import {
  FIGURES_MARKERS,
  readLatest,
  renderFigures,
  renderReadme,
  renderedFiles,
  replaceSection,
  type BenchReport,
} from './bench-report';

describe('npm run bench:report', () => {
  it('docs/performance.md and the README hold what it makes of bench/results/latest.json', () => {
    // A bench run committed without `npm run bench:report`, or figures edited by hand, fail here.
    for (const file of renderedFiles()) expect(readFileSync(file.path, 'utf8')).toBe(file.text);
  });

  it('prints the three layers, the ratio to the hand-written layer and the goals met', () => {
    const report: BenchReport = {
      generatedAt: '2026-12-08T00:20:00.000Z',
      machine: { cpu: 'Xeon', cores: 2, ramGb: 23.6, os: 'Linux', node: 'v20', postgres: '15', loadAverageAtStart: [2, 1, 0.5] }, // prettier-ignore
      git: { commit: '0123456789abcdef', dirty: false },
      scale: { defenders: 100000, timelineEvents: 1000000, connections: 50, durationSeconds: 15, databasePoolSize: 10, rounds: 3, warmupSeconds: 5, jit: 'off' }, // prettier-ignore
      scenarios: [
        {
          key: 'detail',
          name: 'Defender detail',
          read: true,
          api: { rps: 900, p50Ms: 50, p99Ms: 90, queriesPerRequest: 3 },
          ratio: 0.6,
          ratioHandwritten: 0.4,
          lostIn: { layer: 'app' },
          layers: {
            api: { rps: { median: 900, min: 850, max: 950 }, p50Ms: { median: 50, min: 1, max: 1 }, p99Ms: { median: 90, min: 1, max: 1 }, serverCpuMsPerRequest: 1.2, dbCpuMsPerRequest: 0.3, bytesPerAnswer: 4000 }, // prettier-ignore
            handwritten: { rps: { median: 2250, min: 2000, max: 2300 }, p50Ms: { median: 20, min: 1, max: 1 }, p99Ms: { median: 40, min: 1, max: 1 }, serverCpuMsPerRequest: 0.3, dbCpuMsPerRequest: 0.3, bytesPerAnswer: 3500 }, // prettier-ignore
          },
        },
      ],
      goals: [
        { name: 'detail: api throughput >= 50% of the hand-written layer', target: '>= 0.5', actual: 0.4, met: false }, // prettier-ignore
        { name: 'api peak RSS under load < 250 MB', target: '< 250 MB', actual: 230, met: true },
      ],
    };
    const figures = renderFigures(report);
    expect(figures).toContain('commit `0123456789`');
    expect(figures).toContain('| Defender detail | – | – | 2,250 (2,000–2,300) | 900 (850–950) | 0.4 | 0.6 | app layer |'); // prettier-ignore
    expect(figures).toContain('| detail: api throughput >= 50% of the hand-written layer | >= 0.5 | 0.4 | **no** |'); // prettier-ignore
    const readme = renderReadme(report);
    expect(readme).toContain('**1 of 2 goals met**');
    expect(readme).toContain('| Defender detail | 900 | 2,250 | – | 0.4 **not met** |');
  });

  it('replaces only what lies between the markers', () => {
    const text = `before\n${FIGURES_MARKERS[0]}\nold\n${FIGURES_MARKERS[1]}\nafter\n`;
    expect(replaceSection(text, FIGURES_MARKERS, 'new\n')).toBe(
      `before\n${FIGURES_MARKERS[0]}\nnew\n${FIGURES_MARKERS[1]}\nafter\n`,
    );
    expect(() => replaceSection('no markers', FIGURES_MARKERS, 'x')).toThrow(/not found/);
  });

  it('reads the committed latest.json', () => {
    expect(readLatest().scenarios.length).toBeGreaterThan(0);
  });
});
