import { INDICATOR_NAMES, INDICATORS, isIndicatorName, shapeBreakdown } from './indicators';
import { reportCsvFilename, reportCsvRows } from './report-csv';

describe('the indicator catalogue', () => {
  it('defines every named indicator once, in the published order', () => {
    expect(INDICATORS.map((i) => i.name)).toEqual([...INDICATOR_NAMES]);
    for (const i of INDICATORS) {
      expect(i.description.length).toBeGreaterThan(40);
      // The drill-down pages on (day, id): every base must produce both.
      expect(i.base).toMatch(/\bAS day\b/);
    }
    expect(isIndicatorName('releases')).toBe(true);
    expect(isIndicatorName('constructor')).toBe(false);
  });
});

describe('shapeBreakdown', () => {
  const def = {
    dimensions: [
      { name: 'mechanism', keys: ['wgad', 'unhrc'] },
      { name: 'country' },
      { name: 'days_detained', keys: ['median'] },
    ],
  };

  it('lists fixed keys in order with 0 when absent, other dimensions sorted by key', () => {
    expect(
      shapeBreakdown(def, [
        { dimension: 'country', key: 'TN', value: 1 },
        { dimension: 'mechanism', key: 'unhrc', value: 2 },
        { dimension: 'country', key: 'EG', value: 3 },
        { dimension: 'days_detained', key: 'median', value: null },
      ]),
    ).toEqual([
      { dimension: 'mechanism', key: 'wgad', value: 0 },
      { dimension: 'mechanism', key: 'unhrc', value: 2 },
      { dimension: 'country', key: 'EG', value: 3 },
      { dimension: 'country', key: 'TN', value: 1 },
      { dimension: 'days_detained', key: 'median', value: null },
    ]);
  });

  it('keeps a key outside the vocabulary rather than dropping it', () => {
    expect(shapeBreakdown(def, [{ dimension: 'mechanism', key: 'icc', value: 1 }])).toContainEqual({
      dimension: 'mechanism',
      key: 'icc',
      value: 1,
    });
  });
});

describe('report CSV', () => {
  const report = {
    period: { from: '2025-01-01', to: '2025-12-31' },
    country: 'EG',
    asOf: '2026-06-15',
    indicators: [
      {
        name: 'releases' as const,
        description: 'x',
        records: 'release' as const,
        value: 2,
        breakdown: [
          { dimension: 'type', key: 'release', value: 2 },
          { dimension: 'days_detained', key: 'median', value: null },
        ],
      },
    ],
  };

  it('is one row per figure and per breakdown entry, each with the period and country', () => {
    expect(reportCsvRows(report)).toEqual([
      ['period_from', 'period_to', 'country', 'indicator', 'dimension', 'key', 'value'],
      ['2025-01-01', '2025-12-31', 'EG', 'releases', '', '', 2],
      ['2025-01-01', '2025-12-31', 'EG', 'releases', 'type', 'release', 2],
      ['2025-01-01', '2025-12-31', 'EG', 'releases', 'days_detained', 'median', null],
    ]);
  });

  it('names the file for the period and country', () => {
    expect(reportCsvFilename(report)).toBe('witness-indicators-2025-01-01-to-2025-12-31-EG.csv');
    expect(reportCsvFilename({ ...report, country: null })).toBe(
      'witness-indicators-2025-01-01-to-2025-12-31.csv',
    );
  });
});
