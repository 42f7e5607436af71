import type { IndicatorsReport } from './reports.service';

export const REPORT_CSV_HEADER = [
  'period_from',
  'period_to',
  'country',
  'indicator',
  'dimension',
  'key',
  'value',
] as const;

/**
 * The report as flat CSV rows (header first): per indicator one row with the figure (empty
 * dimension and key), then one row per breakdown entry. Every row repeats the period and
 * country, so reports of several periods can be stacked in one sheet.
 */
export function reportCsvRows(report: IndicatorsReport): unknown[][] {
  const rows: unknown[][] = [[...REPORT_CSV_HEADER]];
  const lead = [report.period.from, report.period.to, report.country ?? ''];
  for (const i of report.indicators) {
    rows.push([...lead, i.name, '', '', i.value]);
    for (const b of i.breakdown) rows.push([...lead, i.name, b.dimension, b.key, b.value]);
  }
  return rows;
}

/** `witness-indicators-2025-01-01-to-2025-12-31[-EG].csv` */
export function reportCsvFilename(report: Pick<IndicatorsReport, 'period' | 'country'>): string {
  const country = report.country ? `-${report.country}` : '';
  return `witness-indicators-${report.period.from}-to-${report.period.to}${country}.csv`;
}
