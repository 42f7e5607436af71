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
import { UnCalendarService, type AuthenticatedActor } from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { IF_MATCH_HEADER } from '../defenders/defenders.controller';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import {
  CalendarEntryIdParams,
  CalendarEntryResponse,
  CalendarListQueryDto,
  CalendarPageResponse,
  CreateCalendarEntryDto,
  OpportunityPageResponse,
  OpportunityQueryDto,
  UpdateCalendarEntryDto,
} from './un-calendar.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['coordinator', 'admin'] as const;

/**
 * The UN calendar: HRC, WGAD and UPR sessions and regional bodies' sessions, with their
 * deadlines, and the cases each one is a window for action for. Staff read it; coordinators
 * and admins keep it (or load it with `npm run cli -- calendar:import`).
 */
@ApiTags('un-calendar')
@Controller('api/v1/un-calendar')
export class UnCalendarController {
  constructor(private readonly calendar: UnCalendarService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Add a session to the calendar',
    description:
      "Checks the deadlines fit the kind (e.g. a WGAD session's case cut-off, a UPR stakeholder submission per state under review). The cases it fits get milestones shortly after, through the worker.",
  })
  @ApiCreatedResponse({
    type: CalendarEntryResponse,
    description: 'Created; ETag and Location set.',
  })
  @ApiProblems(400, 401, 403)
  @Versioned()
  async create(
    @Body() body: CreateCalendarEntryDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.calendar.create(body, actor);
    void reply.header('Location', `/api/v1/un-calendar/${view.id}`);
    return view;
  }

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'List calendar entries',
    description:
      'By first day (keyset-paginated: follow nextCursor); filter by kind, a window (from/to) or a state.',
  })
  @ApiOkResponse({ type: CalendarPageResponse })
  @ApiProblems(400, 401)
  list(@Query() query: CalendarListQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.calendar.page(query, actor);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Read a calendar entry', description: 'The ETag carries the version.' })
  @ApiOkResponse({ type: CalendarEntryResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async get(@Param() { id }: CalendarEntryIdParams, @CurrentActor() actor: AuthenticatedActor) {
    const view = await this.calendar.get(id, actor);
    return view;
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Edit a calendar entry',
    description:
      'Partial update; needs If-Match. Moving a deadline moves the milestones that come from it; a case that no longer fits has its milestone cancelled.',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: CalendarEntryResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  @Versioned()
  async update(
    @Param() { id }: CalendarEntryIdParams,
    @Body() body: UpdateCalendarEntryDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.calendar.update(id, body, version, actor);
    return view;
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a calendar entry',
    description: 'Audited. The open milestones that came from it are cancelled by the worker.',
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@Param() { id }: CalendarEntryIdParams, @CurrentActor() actor: AuthenticatedActor) {
    await this.calendar.remove(id, actor);
  }

  @Get(':id/opportunities')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'The cases this session is a window for action for',
    description:
      'UPR: every detained or disappeared defender of a state under review. WGAD: every case with a transmitted regular communication whose reply period ends by the case cut-off. HRC: escalations flagged for this session (their hrcSession names its number). Regional: open communications before that body. Only cases the caller may see; by name, keyset-paginated.',
  })
  @ApiOkResponse({ type: OpportunityPageResponse })
  @ApiProblems(400, 401, 404)
  opportunities(
    @Param() { id }: CalendarEntryIdParams,
    @Query() query: OpportunityQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.calendar.opportunities(id, query, actor);
  }
}
