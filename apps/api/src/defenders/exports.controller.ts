import { Readable } from 'node:stream';
import { Controller, Get, Headers, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  DefenderExportService,
  type AuthenticatedActor,
  type DefenderExportFormat,
} from '@witness/domain';
import { Clock, CSV_CONTENT_TYPE } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { ProblemDto } from '../http/problem.dto';
import { DefenderResponse } from './defender.dto';
import { ExportQueryDto } from './import.dto';

/**
 * Bulk copies of case data are the likeliest leak, so exporting is for the people who keep
 * the cases (caseworkers, coordinators, admins); viewers read records one at a time.
 */
@ApiTags('exports')
@ApiExtraModels(ProblemDto, DefenderResponse)
@Controller('api/v1/exports')
export class ExportsController {
  constructor(
    private readonly exports: DefenderExportService,
    private readonly clock: Clock,
  ) {}

  @Get('defenders')
  @Roles('caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Export case records (CSV or JSON)',
    description:
      'The records the list would return for the same filters (need-to-know applies; archived only with archived=true), newest first, streamed. Fields as the record view shows them, with the story and the derived status and days in detention; never contacts or confidential notes. CSV cells that a spreadsheet would run as a formula start with an apostrophe. Every export is audited.',
  })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description: 'text/csv or application/json, when no format is given.',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    description: 'The file, as an attachment named witness-defenders-DATE.csv|json.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/json': {
        schema: { type: 'array', items: { $ref: getSchemaPath(DefenderResponse) } },
      },
    },
  })
  @ApiProblems(400)
  async defenders(
    @Query() { format, ...filters }: ExportQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const chosen: DefenderExportFormat = format ?? negotiate(accept);
    const file = await this.exports.open(filters, chosen, actor);
    void reply
      .header(
        'Content-Type',
        chosen === 'csv' ? CSV_CONTENT_TYPE : 'application/json; charset=utf-8',
      )
      .header(
        'Content-Disposition',
        `attachment; filename="witness-defenders-${this.clock.today()}.${chosen}"`,
      )
      .header('X-Total-Count', String(file.rows))
      .header('Cache-Control', 'no-store');
    // One page in flight at a time: a slow client holds back the queries, not the memory.
    return new StreamableFile(Readable.from(file.body, { highWaterMark: 1 }));
  }
}

/** JSON when the client asks for it and not for CSV; CSV otherwise. */
function negotiate(accept: string | undefined): DefenderExportFormat {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  return types.includes('application/json') && !types.includes('text/csv') ? 'json' : 'csv';
}
