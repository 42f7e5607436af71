import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DossiersService, EscalationsService, type AuthenticatedActor } from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { DefenderIdParams } from '../defenders/defender.dto';
import { IF_MATCH_HEADER } from '../defenders/defenders.controller';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import {
  CorrectStepDateDto,
  CreateEscalationDto,
  EscalationIdParams,
  EscalationTransitionParams,
  EscalationQueryDto,
  TransitionDto,
  UpdateEscalationDto,
} from './escalation.dto';
import {
  EscalationPageResponse,
  EscalationResponse,
  MandateSuggestionResponse,
  TransitionResponse,
} from './escalation.response';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;

@ApiTags('escalations')
@Controller('api/v1')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly dossiers: DossiersService,
  ) {}

  @Post('escalations')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Start an escalation',
    description:
      'A draft concerning one defender or a group arrested together, to a UN or regional mechanism.',
  })
  @ApiCreatedResponse({ type: EscalationResponse })
  @ApiProblems(400, 401, 403, 404)
  @Versioned()
  async create(
    @Body() body: CreateEscalationDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.escalations.create(body, actor);
    void reply.header('Location', `/api/v1/escalations/${view.id}`);
    return view;
  }

  @Get('escalations')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'List escalations',
    description: 'Filters by mechanism, kind, state, defender and due date; newest first.',
  })
  @ApiOkResponse({ description: 'A page of escalations.', type: EscalationPageResponse })
  @ApiProblems(400, 401)
  list(@Query() query: EscalationQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.escalations.list(query, actor);
  }

  @Get('escalations/:id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Read an escalation',
    description:
      'With its clock (reply due, days left), the steps you may take, and its latest dossier (stale when the case changed since).',
  })
  @ApiOkResponse({ type: EscalationResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async get(@Param() { id }: EscalationIdParams, @CurrentActor() actor: AuthenticatedActor) {
    const view = await this.escalations.get(id, actor);
    // The latest dossier, and whether the case changed since it was made.
    return { ...view, latestDossier: await this.dossiers.latestFor(id, actor) };
  }

  @Patch('escalations/:id')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Edit an escalation',
    description:
      'Content, references, owner, source identity, an extension granted. Needs If-Match.',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: EscalationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  @Versioned()
  async update(
    @Param() { id }: EscalationIdParams,
    @Body() body: UpdateEscalationDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.escalations.update(id, body, version, actor);
    return view;
  }

  @Post('escalations/:id/transitions')
  @Roles(...EDITORS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a workflow step',
    description:
      "Illegal steps get 409 naming the current state (`from`), the step asked (`to`) and the allowed ones (`allowed`); caseworkers draft and send to review, coordinators and admins approve, submit and record UN outcomes. Submission needs every defender's UN-submission consent.",
  })
  @ApiOkResponse({ type: EscalationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  transition(
    @Param() { id }: EscalationIdParams,
    @Body() body: TransitionDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.escalations.transition(id, body, actor);
  }

  @Get('escalations/:id/transitions')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Workflow history',
    description: 'Every step with its date, note and who took it.',
  })
  @ApiOkResponse({ description: 'Steps, oldest first.', type: [TransitionResponse] })
  @ApiProblems(400, 401, 404)
  transitions(
    @Param() { id }: EscalationIdParams,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<TransitionResponse[]> {
    return this.escalations.transitions(id, actor);
  }

  @Patch('escalations/:id/transitions/:transitionId')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: "Correct a step's date",
    description:
      "The date a step happened, corrected (coordinators and admins; needs the escalation's If-Match). It must lie between the previous step's date and the next one's (422 naming `occurredOn` and that date, `previousStepOn` or `nextStepOn`) and not in the future; the clock (reply, comments and follow-up deadlines) is derived again from it, its milestones follow, and the correction is audited.",
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: EscalationResponse })
  @ApiProblems(400, 401, 403, 404, 412, 422, 428)
  @Versioned()
  correctStepDate(
    @Param() { id, transitionId }: EscalationTransitionParams,
    @Body() body: CorrectStepDateDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.escalations.correctStepDate(id, transitionId, body.occurredOn, version, actor);
  }

  @Get('escalations/:id/mandates')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Thematic mandates that fit the case (HRC mandate map)',
    description:
      "The Special Procedures mandates suggested from what the record says: the defenders' focus, tags and status, and the events and charges of their timelines (e.g. a journalist charged with false news: freedom of expression; ill-treatment: torture; a disappearance: the WGEID). The Special Rapporteur on human rights defenders comes first, always; the others by the number of reasons. A suggestion: the coordinator chooses the addressees.",
  })
  @ApiOkResponse({ type: [MandateSuggestionResponse] })
  @ApiProblems(400, 401, 404)
  mandates(@Param() { id }: EscalationIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.escalations.mandates(id, actor);
  }

  @Get('defenders/:id/escalations')
  @Roles(...STAFF)
  @ApiOperation({ summary: "A defender's escalations" })
  @ApiOkResponse({ description: 'A page of escalations.', type: EscalationPageResponse })
  @ApiProblems(400, 401, 404)
  forDefender(@Param() { id }: DefenderIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.escalations.forDefender(id, actor);
  }
}
