import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QuestionnaireService, type AuthenticatedActor } from '@witness/domain';
import { Roles } from '../auth/policy.decorators';
import { IF_MATCH_HEADER } from '../defenders/defenders.controller';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import { EscalationIdParams } from './escalation.dto';
import { EscalationResponse } from './escalation.response';
import {
  AnswerParams,
  AnswersQueryDto,
  AnswersResponse,
  CompletenessQueryDto,
  CompletenessResponse,
  OverrideAnswerDto,
  ReturnAnswerQueryDto,
} from './questionnaire.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const DECIDERS = ['coordinator', 'admin'] as const;

/** An escalation's questionnaire: its answers, their overrides, and what is still missing. */
@ApiTags('escalations')
@Controller('api/v1')
export class QuestionnaireController {
  constructor(private readonly questionnaire: QuestionnaireService) {}

  @Get('escalations/:id/answers')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "The questionnaire's answers",
    description:
      "Every answer of the escalation's form, section by section, in the mechanism's own wording: drawn from the case record (identity, arrest, detention, domestic steps), overridden on the escalation (who and when), typed as the questionnaire's own answer, or read from the source record and the consent ledger. `drawn` is what the record says, `value` what the dossier says. The address of usual residence only for roles that see sensitive fields; the source's identity never (only whether it is recorded).",
  })
  @ApiOkResponse({ type: AnswersResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async answers(
    @Param() { id }: EscalationIdParams,
    @Query() query: AnswersQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.questionnaire.answers(id, actor, query.language ?? 'en');
    return view;
  }

  @Put('escalations/:id/answers/:field')
  @Roles(...DECIDERS)
  @ApiOperation({
    summary: 'Override an answer',
    description:
      "Replace an answer drawn from the record with what you type (coordinators and admins). Kept with who and when, audited, shown in the history; the dossier says it from now on. Needs If-Match (the escalation's version). Answers typed on the escalation are changed with PATCH /escalations/:id; the address and the source are corrected where they are kept.",
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: EscalationResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  @Versioned()
  async override(
    @Param() { id, field }: AnswerParams,
    @Body() body: OverrideAnswerDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.questionnaire.override(
      id,
      { field, defenderId: body.defenderId, value: body.value },
      version,
      actor,
    );
    return view;
  }

  @Delete('escalations/:id/answers/:field')
  @Roles(...DECIDERS)
  @ApiOperation({
    summary: 'Return an answer to the record',
    description:
      'Drop the override: the dossier says again what the record says. Audited. Needs If-Match; 409 when the answer is not overridden.',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: EscalationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  @Versioned()
  async returnToRecord(
    @Param() { id, field }: AnswerParams,
    @Query() query: ReturnAnswerQueryDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.questionnaire.returnToRecord(
      id,
      { field, defenderId: query.defenderId },
      version,
      actor,
    );
    return view;
  }

  @Get('escalations/:id/completeness')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'What the mechanism still needs',
    description:
      'What the escalation\'s form requires before a dossier of the edition is generated, each item in words ("date of arrest", "domestic remedies or why not"), met or not, for each person where it is theirs; required items missing make a request answer 422 unless it acknowledges them, recommended ones (and a summary past the word limit) are warnings.',
  })
  @ApiOkResponse({ type: CompletenessResponse })
  @ApiProblems(400, 401, 404)
  completeness(
    @Param() { id }: EscalationIdParams,
    @Query() query: CompletenessQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.questionnaire.completeness(
      id,
      query.edition ?? 'submission',
      actor,
      query.language ?? 'en',
    );
  }
}
