import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SolidarityService, type AuthenticatedActor } from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { IF_MATCH_HEADER } from '../defenders/defenders.controller';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import {
  ActionPageResponse,
  ActionQueryDto,
  ActionResponse,
  CreateActionDto,
  CreatePartnerDto,
  IdParams,
  PartnerResponse,
  UpdateActionDto,
  UpdatePartnerDto,
} from './solidarity.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

@ApiTags('solidarity')
@Controller('api/v1')
export class SolidarityController {
  constructor(private readonly solidarity: SolidarityService) {}

  @Post('partners')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Add a partner organisation',
    description: 'Members and partners of the alliance; the contact person is encrypted.',
  })
  @ApiCreatedResponse({ description: 'The partner (with ETag).', type: PartnerResponse })
  @ApiProblems(400, 401, 403)
  @Versioned()
  async createPartner(
    @Body() body: CreatePartnerDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PartnerResponse> {
    const view = await this.solidarity.createPartner(body, actor);
    void reply.header('Location', `/api/v1/partners/${view.id}`);
    return view;
  }

  @Get('partners')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'List partners', description: 'By name; without contact persons.' })
  @ApiOkResponse({ description: 'Partners.', type: [PartnerResponse] })
  @ApiProblems(401)
  partners(@CurrentActor() actor: AuthenticatedActor): Promise<PartnerResponse[]> {
    return this.solidarity.partners(actor);
  }

  @Get('partners/:id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'A partner',
    description: 'With the contact person for roles allowed to see sensitive fields.',
  })
  @ApiOkResponse({ description: 'The partner.', type: PartnerResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async partner(
    @Param() { id }: IdParams,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<PartnerResponse> {
    const view = await this.solidarity.partner(id, actor);
    return view;
  }

  @Patch('partners/:id')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Edit a partner', description: 'Needs If-Match.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ description: 'The partner.', type: PartnerResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  @Versioned()
  async updatePartner(
    @Param() { id }: IdParams,
    @Body() body: UpdatePartnerDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<PartnerResponse> {
    const view = await this.solidarity.updatePartner(id, body, version, actor);
    return view;
  }

  @Post('solidarity-actions')
  @Roles('caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Record a solidarity action',
    description:
      'Letters, statements, social-media days, trial monitoring, embassy visits... Only coordinators and admins may make it public (isPublic: true): 403 naming isPublic otherwise.',
  })
  @ApiCreatedResponse({ description: 'The action (with ETag).', type: ActionResponse })
  @ApiProblems(400, 401, 403, 404)
  @Versioned()
  async createAction(
    @Body() body: CreateActionDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionResponse> {
    const view = await this.solidarity.createAction(body, actor);
    void reply.header('Location', `/api/v1/solidarity-actions/${view.id}`);
    return view;
  }

  @Get('solidarity-actions')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'List solidarity actions',
    description: 'Filter by defender, partner, type, status and dates; newest first.',
  })
  @ApiOkResponse({ description: 'A page of actions.', type: ActionPageResponse })
  @ApiProblems(400, 401)
  actions(
    @Query() query: ActionQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<ActionPageResponse> {
    return this.solidarity.actions(query, actor);
  }

  @Get('solidarity-actions/:id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'A solidarity action' })
  @ApiOkResponse({ description: 'The action.', type: ActionResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async action(
    @Param() { id }: IdParams,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<ActionResponse> {
    const view = await this.solidarity.action(id, actor);
    return view;
  }

  @Patch('solidarity-actions/:id')
  @Roles('caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Edit a solidarity action',
    description:
      'Needs If-Match; e.g. record its reach and outcome when done. isPublic is for coordinators and admins only (403 naming it).',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ description: 'The action.', type: ActionResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  @Versioned()
  async updateAction(
    @Param() { id }: IdParams,
    @Body() body: UpdateActionDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<ActionResponse> {
    const view = await this.solidarity.updateAction(id, body, version, actor);
    return view;
  }
}
