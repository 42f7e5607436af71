import { Body, Controller, Get, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DetentionService, type AuthenticatedActor } from '@witness/domain';
import { Roles } from '../auth/policy.decorators';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import { DefenderIdParams } from './defender.dto';
import { IF_MATCH_HEADER } from './defenders.controller';
import { CreateEventDto, EventParams, EventResponse, UpdateEventDto } from './event.dto';

@ApiTags('detention timeline')
@Controller('api/v1/defenders/:id/events')
export class EventsController {
  constructor(private readonly detention: DetentionService) {}

  @Post()
  @Roles('caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Add a timeline event',
    description:
      "The defender's status, detainedSince and days in detention are re-derived at once.",
  })
  @ApiCreatedResponse({ type: EventResponse })
  @ApiProblems(400, 404)
  @Versioned()
  async add(
    @Param() { id }: DefenderIdParams,
    @Body() body: CreateEventDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.detention.add(id, body, actor);
    void reply.header('Location', `/api/v1/defenders/${id}/events/${view.id}`);
    return view;
  }

  @Get()
  @Roles('viewer', 'caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'The detention timeline',
    description: 'All events in date order (scheduled ones flagged).',
  })
  @ApiOkResponse({ type: [EventResponse] })
  @ApiProblems(400, 404)
  list(@Param() { id }: DefenderIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.detention.list(id, actor);
  }

  @Get(':eventId')
  @Roles('viewer', 'caseworker', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Read one timeline event' })
  @ApiOkResponse({ type: EventResponse })
  @ApiProblems(400, 404)
  @Versioned()
  async get(@Param() { id, eventId }: EventParams, @CurrentActor() actor: AuthenticatedActor) {
    const view = await this.detention.get(id, eventId, actor);
    return view;
  }

  @Patch(':eventId')
  @Roles('caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Correct a timeline event',
    description:
      "Needs If-Match with the event's version. The defender's derived fields follow the correction.",
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: EventResponse })
  @ApiProblems(400, 404, 412, 428)
  @Versioned()
  async update(
    @Param() { id, eventId }: EventParams,
    @Body() body: UpdateEventDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.detention.update(id, eventId, body, version, actor);
    return view;
  }
}
