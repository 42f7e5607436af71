import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ReportsService,
  reportCsvFilename,
  reportCsvRows,
  type AuthenticatedActor,
  type IndicatorsReport,
} from '@witness/domain';
import { CSV_BOM, CSV_CONTENT_TYPE, csvRow } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import {
  IndicatorParams,
  IndicatorRecordsPageDto,
  IndicatorRecordsQueryDto,
  IndicatorsQueryDto,
  IndicatorsReportDto,
  RECORD_DTOS,
} from './report.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const BASE = '/api/v1/reports/indicators';

/** CSV when the client asks for it first (or only): `Accept: text/csv`. */
export function wantsCsv(accept: string | undefined): boolean {
  const types = (accept ?? '')
    .toLowerCase()
    .split(',')
    .map((t) => t.split(';')[0].trim());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}

function drillDownHref(name: string, report: Pick<IndicatorsReport, 'period' | 'country'>) {
  const q = new URLSearchParams({ from: report.period.from, to: report.period.to });
  if (report.country) q.set('country', report.country);
  return `${BASE}/${name}?${q.toString()}`;
}

@ApiTags('reports')
@ApiExtraModels(...RECORD_DTOS)
@Controller(BASE.slice(1))
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'The campaign indicators report',
    description:
      'Figures for a period (default: this year to date), optionally for one country: new profiles, profiles featured, defenders detained at period end, releases (median days detained), releases after an escalation, escalations, WGAD opinions, government replies, reply deadlines missed, solidarity actions and reach, partners supported. Counts only what the caller may see. JSON, or CSV with Accept: text/csv or format=csv (columns period_from, period_to, country, indicator, dimension, key, value; a download named for the period). Each figure links to its drill-down.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: IndicatorsReportDto, description: 'The report (or its CSV).' })
  @ApiProblems(400, 401)
  async indicators(
    @Query() query: IndicatorsQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { format, ...filter } = query;
    const report = await this.reports.indicators(filter, actor);
    void reply.header('Vary', 'Accept');
    if (format === 'csv' || (format === undefined && wantsCsv(accept))) {
      void reply
        .header('Content-Type', CSV_CONTENT_TYPE)
        .header('Content-Disposition', `attachment; filename="${reportCsvFilename(report)}"`);
      return CSV_BOM + reportCsvRows(report).map(csvRow).join('');
    }
    return {
      ...report,
      indicators: report.indicators.map((i) => ({ ...i, href: drillDownHref(i.name, report) })),
    };
  }

  @Get(':name')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'The records behind one figure',
    description:
      'Same period and country as the report; as many records as the figure counts, ordered by date then id, keyset-paginated (follow nextCursor). Unknown indicator: 404.',
  })
  @ApiOkResponse({ type: IndicatorRecordsPageDto, description: 'A page of records.' })
  @ApiProblems(400, 401, 404)
  records(
    @Param() { name }: IndicatorParams,
    @Query() query: IndicatorRecordsQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.reports.records(name, query, actor);
  }
}
