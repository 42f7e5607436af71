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
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { MilestonesService, type AuthenticatedActor } from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { DefenderIdParams } from '../defenders/defender.dto';
import { IF_MATCH_HEADER } from '../defenders/defenders.controller';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import {
  CreateMilestoneDto,
  DefenderMilestonesQueryDto,
  MilestoneIdParams,
  MilestoneListQueryDto,
  MilestonePageResponse,
  MilestoneResponse,
  UpdateMilestoneDto,
} from './milestone.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;

/**
 * Hearings, UN deadlines, anniversaries and reviews, with their reminders. A milestone of a
 * case the caller cannot see does not exist for them (404, and left out of lists).
 */
@ApiTags('milestones')
@Controller('api/v1')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Post('milestones')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Create a milestone',
    description:
      'Plans one reminder per offset x recipient x channel. dueAt must carry a zone or offset.',
  })
  @ApiCreatedResponse({
    type: MilestoneResponse,
    description: 'Created; ETag and Location headers are set.',
  })
  @ApiProblems(400, 401, 403, 404)
  @Versioned()
  async create(
    @Body() body: CreateMilestoneDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.milestones.create(body, actor);
    void reply.header('Location', `/api/v1/milestones/${view.id}`);
    return view;
  }

  @Get('milestones')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'List milestones',
    description:
      'By due date (keyset-paginated: follow nextCursor). Only milestones of cases the caller can see, and general ones.',
  })
  @ApiOkResponse({ type: MilestonePageResponse })
  @ApiProblems(400, 401)
  list(@Query() query: MilestoneListQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.milestones.list(query, actor);
  }

  @Get('milestones/:id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Read a milestone',
    description: 'The ETag carries the version to send in If-Match.',
  })
  @ApiOkResponse({ type: MilestoneResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async get(@Param() { id }: MilestoneIdParams, @CurrentActor() actor: AuthenticatedActor) {
    const view = await this.milestones.get(id, actor);
    return view;
  }

  @Patch('milestones/:id')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Edit a milestone',
    description:
      'Partial update; needs If-Match. Moving dueAt reschedules pending reminders; done or cancelled cancels them. A derived milestone refuses changes to what follows its source (409).',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: MilestoneResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  @Versioned()
  async update(
    @Param() { id }: MilestoneIdParams,
    @Body() body: UpdateMilestoneDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.milestones.update(id, body, version, actor);
    return view;
  }

  @Delete('milestones/:id')
  @Roles(...EDITORS)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Cancel a milestone',
    description:
      'Cancels (never erases): the milestone stays on record as cancelled and its pending reminders are cancelled.',
  })
  @ApiNoContentResponse({ description: 'Cancelled.' })
  @ApiProblems(400, 401, 403, 404)
  async cancel(@Param() { id }: MilestoneIdParams, @CurrentActor() actor: AuthenticatedActor) {
    await this.milestones.cancel(id, actor);
  }

  @Get('defenders/:id/milestones')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "A case's milestones",
    description: 'The same filters as the milestone list, for one case (404 if it is not visible).',
  })
  @ApiOkResponse({ type: MilestonePageResponse })
  @ApiProblems(400, 401, 404)
  forDefender(
    @Param() { id }: DefenderIdParams,
    @Query() query: DefenderMilestonesQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.milestones.forDefender(id, query, actor);
  }
}
