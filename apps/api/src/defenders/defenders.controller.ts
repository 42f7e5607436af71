import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DefendersService, type AuthenticatedActor } from '@witness/domain';
import { Roles } from '../auth/policy.decorators';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import { ProblemDto } from '../http/problem.dto';
import {
  ArchivedQueryDto,
  CreateDefenderDto,
  DefenderIdParams,
  DefenderListQueryDto,
  DefenderPageResponse,
  DefenderResponse,
  UpdateDefenderDto,
} from './defender.dto';

export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: true,
  description: 'The ETag of the version you read, e.g. "3". Missing: 428; stale: 412.',
};

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;

@ApiTags('defenders')
@ApiExtraModels(ProblemDto)
@Controller('api/v1/defenders')
export class DefendersController {
  constructor(private readonly defenders: DefendersService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Create a case record',
    description:
      'Creates a defender profile. Status and days in detention come from the timeline, added next.',
  })
  @ApiCreatedResponse({
    type: DefenderResponse,
    description: 'Created; ETag and Location headers are set.',
  })
  @ApiProblems(400, 413)
  @Versioned()
  async create(
    @Body() body: CreateDefenderDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.defenders.create(body, actor);
    void reply.header('Location', `/api/v1/defenders/${view.id}`);
    return view;
  }

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'List and search case records',
    description:
      'Each case as a list shows it (about ten fields; the whole record is on GET /api/v1/defenders/{id}). Keyset-paginated: follow next (or send nextCursor as cursor); no total is counted. Without q, newest first; with q, by relevance among the 1,000 newest matches, and a name spelt closely (trigram similarity) when the words match nothing. Archived records only with archived=true.',
  })
  @ApiOkResponse({ type: DefenderPageResponse })
  @ApiProblems(400)
  async list(
    @Query() query: DefenderListQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<DefenderPageResponse> {
    const page = await this.defenders.list(query, actor);
    return { ...page, next: page.nextCursor ? nextPage(query, page.nextCursor) : null };
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Read a case record',
    description:
      'With the derived status and days in detention. The ETag carries the version to send in If-Match.',
  })
  @ApiOkResponse({ type: DefenderResponse })
  @ApiProblems(400, 404)
  @Versioned()
  async get(
    @Param() { id }: DefenderIdParams,
    @Query() { archived }: ArchivedQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.defenders.get(id, actor, { archived });
    return view;
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Edit a case record',
    description:
      'Partial update. Needs If-Match with the version you read; a stale version changes nothing and answers 412. Only coordinators and admins may send access: from a caseworker it is refused whole (403 naming the field, audited).',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: DefenderResponse })
  @ApiProblems(400, 403, 404, 412, 428)
  @Versioned()
  async update(
    @Param() { id }: DefenderIdParams,
    @Body() body: UpdateDefenderDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.defenders.update(id, body, version, actor);
    return view;
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive a case record',
    description:
      'Archives (never erases): the record is hidden from lists and reads unless archived=true is asked for.',
  })
  @ApiNoContentResponse({ description: 'Archived.' })
  @ApiProblems(400, 404)
  async archive(@Param() { id }: DefenderIdParams, @CurrentActor() actor: AuthenticatedActor) {
    await this.defenders.archive(id, actor);
  }
}

/** This list request again with `cursor`: the `next` link of a page. */
function nextPage(query: DefenderListQueryDto, cursor: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && k !== 'cursor') params.set(k, String(v));
  params.set('cursor', cursor);
  return `/api/v1/defenders?${params.toString()}`;
}
