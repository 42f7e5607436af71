import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  countryNameFor,
  ReportsService,
  reportCsvFilename,
  reportCsvRows,
  type AuthenticatedActor,
  type IndicatorsReport,
  type ReportQuery,
} from '@witness/domain';
import {
  Clock,
  CSV_BOM,
  CSV_CONTENT_TYPE,
  csvRow,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { IndicatorParams, IndicatorRecordsQueryDto, ReportQueryDto } from '../reports/report.dto';
import { barChart, formatValue, type BarDatum } from './svg-chart';
import { Views, type WebRequest } from './views';
import { errorMap, text, validateAs, type FormBody } from './web-form';

/** The API's reports roles: every staff role. */
const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

export type PeriodMode = 'year' | 'quarter' | 'custom';

/** One period of a chart's series: its bounds (both included) and its short label. */
export interface SeriesPeriod {
  from: string;
  to: string;
  label: string;
}

/** How many periods each chart shows, the selected one last. Each is one report. */
export const SERIES_LENGTH: Record<PeriodMode, number> = { year: 5, quarter: 8, custom: 6 };

const DAY_MS = 86_400_000;

function toDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function pad4(year: number): string {
  return String(year).padStart(4, '0');
}

const QUARTERS = [
  ['01-01', '03-31'],
  ['04-01', '06-30'],
  ['07-01', '09-30'],
  ['10-01', '12-31'],
] as const;

/** First and last day of a quarter (1-4). */
export function quarterBounds(year: number, quarter: number): { from: string; to: string } {
  const [from, to] = QUARTERS[quarter - 1];
  return { from: `${pad4(year)}-${from}`, to: `${pad4(year)}-${to}` };
}

/**
 * The periods before `period` that a chart shows with it, oldest first, `period` last: the
 * previous years (whole), the previous quarters (whole), or for a custom range the
 * preceding ranges of the same number of days. Nothing before year 1.
 */
export function seriesPeriods(
  mode: PeriodMode,
  period: { from: string; to: string },
  labels: { year: (y: number) => string; quarter: (y: number, q: number) => string },
  count = SERIES_LENGTH[mode],
): SeriesPeriod[] {
  const out: SeriesPeriod[] = [];
  const year = Number(period.from.slice(0, 4));
  if (mode === 'year') {
    for (let k = count - 1; k >= 1; k--) {
      const y = year - k;
      if (y < 1) continue;
      out.push({ from: `${pad4(y)}-01-01`, to: `${pad4(y)}-12-31`, label: labels.year(y) });
    }
    out.push({ ...period, label: labels.year(year) });
  } else if (mode === 'quarter') {
    const q0 = Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1;
    const index = year * 4 + (q0 - 1);
    for (let k = count - 1; k >= 1; k--) {
      const i = index - k;
      const y = Math.floor(i / 4);
      const q = (i % 4) + 1;
      if (y < 1) continue;
      out.push({ ...quarterBounds(y, q), label: labels.quarter(y, q) });
    }
    out.push({ ...period, label: labels.quarter(year, q0) });
  } else {
    const length = toDay(period.to) - toDay(period.from) + 1;
    for (let k = count - 1; k >= 1; k--) {
      const from = fromDay(toDay(period.from) - k * length);
      const to = fromDay(toDay(period.to) - k * length);
      if (Number(from.slice(0, 4)) < 1 || from.length !== 10) continue;
      out.push({ from, to, label: from });
    }
    out.push({ ...period, label: period.from });
  }
  return out;
}

/** Breakdown dimensions whose keys are vocabulary values (vocab.json). */
const DIMENSION_VOCAB: Record<string, string> = {
  mechanism: 'mechanisms',
  kind: 'escalationKinds',
  status: 'defenderStatuses',
  category: 'wgadCategories',
};

/** The indicators report, with a chart per indicator over time, its CSV and drill-downs. */
@ApiExcludeController()
@Controller('app')
export class ReportsWebController {
  constructor(
    private readonly views: Views,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  @Get('reports')
  @Roles(...STAFF)
  async report(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: FormBody,
  ) {
    const lang = this.views.lang(req);
    const t = (key: string, params?: Record<string, unknown>) =>
      this.views.translator.t(lang, key, params);
    const today = this.clock.today();
    const requested = text(query, 'mode');
    const mode: PeriodMode = requested === 'quarter' || requested === 'custom' ? requested : 'year';
    const form: Record<string, string> = {
      mode,
      year: text(query, 'year') ?? today.slice(0, 4),
      quarter:
        text(query, 'quarter') ?? String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1),
      from: text(query, 'from') ?? '',
      to: text(query, 'to') ?? '',
      country: text(query, 'country') ?? '',
    };
    const options = {
      modes: (['year', 'quarter', 'custom'] as const).map((m) => ({
        value: m,
        label: t(`reports.modes.${m}`),
      })),
      quarters: [1, 2, 3, 4].map((q) => ({ value: String(q), label: t(`reports.quarters.q${q}`) })),
    };
    const render = (data: Record<string, unknown>, status = 200) =>
      this.views.send(
        req,
        reply,
        'reports/index',
        { form, ...options, ...data },
        { title: 'reports.title', section: 'reports', status },
      );

    let report: IndicatorsReport;
    let filter: ReportQuery;
    try {
      filter = await this.filterFor(mode, form, today, t);
      report = await this.reports.indicators(filter, actor);
    } catch (err) {
      if (!(err instanceof ValidationFailedError)) throw err;
      return render({ errors: errorMap(err.errors) }, 400);
    }

    // The same report for each earlier period of the series, one at a time (each is a set
    // of SQL aggregates; they need not all hold a connection at once).
    const periods = seriesPeriods(mode, report.period, {
      year: (y) => pad4(y),
      quarter: (y, q) => t('reports.quarterLabel', { year: pad4(y), quarter: q }),
    });
    const reportsByPeriod: IndicatorsReport[] = [];
    for (const p of periods.slice(0, -1)) {
      reportsByPeriod.push(
        await this.reports.indicators({ from: p.from, to: p.to, country: filter.country }, actor),
      );
    }
    reportsByPeriod.push(report);

    const q = new URLSearchParams({ from: report.period.from, to: report.period.to });
    if (report.country) q.set('country', report.country);
    const indicators = report.indicators.map((ind) => {
      const label = t(`reports.indicators.${ind.name}`);
      const data: BarDatum[] = periods.map((p, k) => ({
        label: p.label,
        value: reportsByPeriod[k].indicators.find((x) => x.name === ind.name)?.value ?? 0,
      }));
      return {
        ...ind,
        label,
        // One line in words; the API's full definition stays one click away.
        explanation: this.views.translator.has(`reports.explanations.${ind.name}`)
          ? t(`reports.explanations.${ind.name}`)
          : ind.description,
        href: `/app/reports/${ind.name}?${q.toString()}`,
        chart: barChart({
          id: `chart-${ind.name}`,
          title: t(`reports.chartTitle.${mode}`, { name: label }),
          data,
        }),
        series: periods.map((p, k) => ({ ...p, value: formatValue(data[k].value) })),
        breakdown: ind.breakdown.map((b) => ({
          dimension: this.views.translator.has(`reports.dimensions.${b.dimension}`)
            ? t(`reports.dimensions.${b.dimension}`)
            : // mechanism_outcomes: one dimension per mechanism.
              this.views.translator.has(`vocab.mechanisms.${b.dimension}`)
              ? t(`vocab.mechanisms.${b.dimension}`)
              : b.dimension,
          key: this.keyLabel(lang, b.dimension, b.key),
          value: b.value === null ? t('reports.noValue') : formatValue(b.value),
        })),
      };
    });
    return render({
      report,
      indicators,
      csvHref: `/app/reports/indicators.csv?${q.toString()}`,
      seriesCount: periods.length,
    });
  }

  /** The period the form asks for, as the API's query (validated by the API's own DTO). */
  private async filterFor(
    mode: PeriodMode,
    form: Record<string, string>,
    today: string,
    t: (key: string, params?: Record<string, unknown>) => string,
  ): Promise<ReportQuery> {
    const errors: FieldError[] = [];
    let from: string | undefined;
    let to: string | undefined;
    if (mode === 'custom') {
      from = form.from || undefined;
      to = form.to || undefined;
    } else {
      const year = /^\d{4}$/.test(form.year) ? Number(form.year) : NaN;
      if (!(year >= 1900 && year <= 2200))
        errors.push({ field: 'year', message: t('reports.errors.year') });
      const quarter = /^[1-4]$/.test(form.quarter) ? Number(form.quarter) : NaN;
      if (mode === 'quarter' && Number.isNaN(quarter))
        errors.push({ field: 'quarter', message: t('reports.errors.quarter') });
      if (!errors.length) {
        const bounds =
          mode === 'year'
            ? { from: `${form.year}-01-01`, to: `${form.year}-12-31` }
            : quarterBounds(year, quarter);
        from = bounds.from;
        // The current year or quarter: to date, as the API's default period.
        to = bounds.from <= today && today < bounds.to ? today : bounds.to;
      }
    }
    const plain = {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(form.country ? { country: form.country } : {}),
    };
    try {
      const dto = await validateAs(ReportQueryDto, plain);
      if (errors.length) throw new ValidationFailedError(errors);
      return { from: dto.from, to: dto.to, country: dto.country };
    } catch (err) {
      if (err instanceof ValidationFailedError)
        throw new ValidationFailedError([...errors, ...err.errors]);
      throw err;
    }
  }

  /** A breakdown key as a person reads it: a vocabulary term, a report term, or as it is. */
  private keyLabel(lang: string, dimension: string, key: string): string {
    const tr = this.views.translator;
    const vocab = DIMENSION_VOCAB[dimension];
    if (vocab && tr.has(`vocab.${vocab}.${key}`)) return tr.t(lang, `vocab.${vocab}.${key}`);
    if (dimension === 'type' && tr.has(`vocab.eventTypes.${key}`))
      return tr.t(lang, `vocab.eventTypes.${key}`);
    if (dimension === 'type' && tr.has(`vocab.actionTypes.${key}`))
      return tr.t(lang, `vocab.actionTypes.${key}`);
    if (dimension === 'country') return countryNameFor(key, lang) ?? key;
    if (tr.has(`reports.keys.${key}`)) return tr.t(lang, `reports.keys.${key}`);
    if (tr.has(`vocab.escalationStates.${key}`)) return tr.t(lang, `vocab.escalationStates.${key}`);
    return key;
  }

  /** The report as CSV: the API's own rows and file name, as a download. */
  @Get('reports/indicators.csv')
  @Roles(...STAFF)
  async csv(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ReportQueryDto,
  ) {
    const report = await this.reports.indicators(query, actor);
    return reply
      .header('Content-Type', CSV_CONTENT_TYPE)
      .header('Content-Disposition', `attachment; filename="${reportCsvFilename(report)}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(CSV_BOM + reportCsvRows(report).map(csvRow).join(''));
  }

  /** The records behind one figure (the API's drill-down), a page at a time. */
  @Get('reports/:name')
  @Roles(...STAFF)
  async records(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { name }: IndicatorParams,
    @Query() query: IndicatorRecordsQueryDto,
  ) {
    const page = await this.reports.records(name, query, actor);
    const q = new URLSearchParams({ from: page.period.from, to: page.period.to });
    if (page.country) q.set('country', page.country);
    const next = new URLSearchParams(q);
    if (page.nextCursor) next.set('cursor', page.nextCursor);
    const label = this.views.translator.t(
      this.views.lang(req),
      `reports.indicators.${page.indicator}`,
    );
    return this.views.send(
      req,
      reply,
      'reports/records',
      {
        // (Not `page`: the layout's data names the template so.)
        result: page,
        label,
        rows: page.data.map((r) => ({ ...r, reachList: reachList(r.reach) })),
        reportHref: `/app/reports?${new URLSearchParams({ mode: 'custom', ...Object.fromEntries(q) }).toString()}`,
        csvHref: `/app/reports/indicators.csv?${q.toString()}`,
        nextHref: page.nextCursor ? `/app/reports/${page.indicator}?${next.toString()}` : undefined,
        firstHref: query.cursor ? `/app/reports/${page.indicator}?${q.toString()}` : undefined,
      },
      { title: 'reports.records.title', titleParams: { name: label }, section: 'reports' },
    );
  }
}

/** A solidarity action's recorded reach as `{ key, value }` pairs (only what was recorded). */
function reachList(reach: unknown): { key: string; value: string }[] {
  if (!reach || typeof reach !== 'object') return [];
  return Object.entries(reach as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'number')
    .map(([key, v]) => ({ key, value: formatValue(v as number) }));
}
