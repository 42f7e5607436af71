import { createHash } from 'node:crypto';
import {
  Controller,
  Get,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  defenderCsvTemplate,
  DefenderImportService,
  parseDefenderCsv,
  type AuthenticatedActor,
  type CsvProblem,
} from '@witness/domain';
import { CSV_CONTENT_TYPE, type Env } from '@witness/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from '../http/problem';
import { ProblemDto } from '../http/problem.dto';
import {
  ImportDryRunResponse,
  ImportProblemDto,
  ImportQueryDto,
  ImportResultResponse,
  MAX_LISTED_ERRORS,
  validateDefenderRows,
} from './import.dto';

export const DEFENDERS_IMPORT_ROUTE = '/api/v1/imports/defenders';

/**
 * Accept `text/csv` bodies (as bytes, so bad UTF-8 can be reported) on the import route only,
 * up to IMPORT_MAX_BYTES; anywhere else a CSV body is refused with 415.
 */
export function registerCsvBodyParser(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (req, body, done) => {
      if (req.routeOptions.url === DEFENDERS_IMPORT_ROUTE) return done(null, body);
      done(Object.assign(new Error('CSV is accepted only by the import'), { statusCode: 415 }));
    },
  );
}

@ApiTags('imports')
@ApiExtraModels(ProblemDto, ImportProblemDto)
@Controller('api/v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: DefenderImportService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  @Get('defenders/template.csv')
  @Roles('viewer', 'caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'The CSV template for importing case records',
    description:
      'The header line (every importable column) and one made-up example row to replace. Contacts and confidential notes have no column: enter them per record.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The template, UTF-8 with a byte-order mark.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  template(@Res() reply: FastifyReply) {
    return reply
      .header('Content-Type', CSV_CONTENT_TYPE)
      .header('Content-Disposition', 'attachment; filename="witness-defenders-template.csv"')
      .header('Cache-Control', 'no-store')
      .send(defenderCsvTemplate());
  }

  @Post('defenders')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Import case records from a CSV file',
    description:
      'The body is the CSV file itself (Content-Type text/csv, UTF-8). Every row is checked with the same rules as POST /defenders; any problem answers 422 listing each by line and column, and nothing is written. Otherwise all rows are created in one transaction (201) and audited; the same file twice answers 409. dryRun=true checks without writing (200).',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'The CSV file (see the template, and docs/user-guide.md "Importing and exporting case records" for its columns).',
    schema: { type: 'string' },
  })
  @ApiCreatedResponse({ type: ImportResultResponse, description: 'Imported.' })
  @ApiOkResponse({ type: ImportDryRunResponse, description: 'Dry run: every row is valid.' })
  @ApiResponse({
    status: 422,
    description: 'The file has problems (each by line and column); nothing was written.',
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ImportProblemDto' } },
    },
  })
  @ApiResponse({
    status: 415,
    description: 'Not text/csv (or not UTF-8).',
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
    },
  })
  @ApiProblems(400, 409, 413)
  async importDefenders(
    @Query() { dryRun }: ImportQueryDto,
    @Req() req: FastifyRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() reply: FastifyReply,
  ) {
    const bytes = csvBody(req);
    const maxRows = this.config.get('IMPORT_MAX_ROWS', { infer: true });
    const parsed = parseDefenderCsv(bytes, { maxRows });
    const { valid, problems } = await validateDefenderRows(parsed.rows.slice(0, maxRows));
    problems.unshift(...parsed.problems, ...this.imports.check(valid));
    if (problems.length) return sendProblems(req, reply, problems);

    if (dryRun) {
      return reply
        .status(200)
        .send({ dryRun: true, rows: valid.length, valid: valid.length, errors: [] });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = await this.imports.import(valid, { sha256, bytes: bytes.length }, actor);
    return reply.status(201).send({ dryRun: false, ...result, sha256 });
  }
}

/** The body as bytes, or 415 when it is not a UTF-8 CSV. */
function csvBody(req: FastifyRequest): Buffer {
  const [mediaType, ...params] = String(req.headers['content-type'] ?? '').split(';');
  if (mediaType.trim().toLowerCase() !== 'text/csv') {
    throw new UnsupportedMediaTypeException(
      'Send the CSV file itself as the body, with Content-Type: text/csv.',
    );
  }
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeException(
      `The file must be UTF-8, not ${charset}: save it as "CSV UTF-8".`,
    );
  }
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

function sendProblems(req: FastifyRequest, reply: FastifyReply, problems: CsvProblem[]) {
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
  const body: Problem = {
    type: problemType('import_invalid'),
    title: 'The file has problems',
    status: 422,
    detail: `${problems.length} problem(s) found; nothing was imported. Fix them and send the file again.`,
    instance: req.url.split('?')[0],
    requestId: String(req.id),
    errors: sorted.slice(0, MAX_LISTED_ERRORS).map((p) => ({
      line: p.line,
      column: p.column,
      field: p.column ?? 'file',
      message: p.message,
    })),
    errorCount: problems.length,
    moreErrors: problems.length > MAX_LISTED_ERRORS,
  };
  return reply.status(422).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
}
