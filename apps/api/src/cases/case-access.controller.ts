import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ConsentsService, DefendersService, type AuthenticatedActor } from '@witness/domain';
import { AuditPageResponse } from '../audit/audit.controller';
import { Roles } from '../auth/policy.decorators';
import { DefenderIdParams } from '../defenders/defender.dto';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { HistoryQueryDto } from './history.dto';
import {
  AssignDto,
  AssigneeParams,
  AssigneeResponse,
  ConsentLedgerResponse,
  ConsentResponse,
  CreateConsentDto,
} from './consent.dto';

/** Who works on a case, what the defender consented to, and what happened to the record. */
@ApiTags('case access')
@Controller('api/v1/defenders/:id')
export class CaseAccessController {
  constructor(
    private readonly defenders: DefendersService,
    private readonly consents: ConsentsService,
  ) {}

  @Get('assignees')
  @Roles('viewer', 'caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Caseworkers assigned to a case',
    description: 'Assignment is what opens a restricted case to a caseworker.',
  })
  @ApiOkResponse({ type: [AssigneeResponse] })
  @ApiProblems(400, 401, 404)
  assignees(@Param() { id }: DefenderIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.defenders.assignees(id, actor);
  }

  @Post('assignees')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Assign a caseworker (coordinator, admin)' })
  @ApiCreatedResponse({ type: [AssigneeResponse], description: 'The assignees after the change.' })
  @ApiProblems(400, 401, 403, 404, 409)
  assign(
    @Param() { id }: DefenderIdParams,
    @Body() body: AssignDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.defenders.assign(id, body.userId, actor);
  }

  @Delete('assignees/:userId')
  @Roles('coordinator', 'admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unassign a caseworker (coordinator, admin)',
    description: 'On a restricted case, they lose access at once.',
  })
  @ApiNoContentResponse({ description: 'Unassigned.' })
  @ApiProblems(400, 401, 403, 404)
  async unassign(
    @Param() { id, userId }: AssigneeParams,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    await this.defenders.unassign(id, userId, actor);
  }

  @Get('consents')
  @Roles('caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'The consent ledger',
    description: 'Every entry, and the consent in force per purpose.',
  })
  @ApiOkResponse({ type: ConsentLedgerResponse })
  @ApiProblems(400, 401, 403, 404)
  ledger(@Param() { id }: DefenderIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.consents.ledger(id, actor);
  }

  @Post('consents')
  @Roles('caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Record a consent decision',
    description:
      'A new entry (given, refused or revoked); entries are never edited or deleted. A revocation takes effect at once.',
  })
  @ApiCreatedResponse({ type: ConsentResponse })
  @ApiProblems(400, 401, 403, 404)
  record(
    @Param() { id }: DefenderIdParams,
    @Body() body: CreateConsentDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.consents.add(id, body, actor);
  }

  @Get('history')
  @Roles('viewer', 'caseworker', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'History of a case',
    description: 'Audit events about this defender, newest first; sensitive values redacted.',
  })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiProblems(400, 401, 404)
  history(
    @Param() { id }: DefenderIdParams,
    @Query() query: HistoryQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.defenders.history(id, actor, query);
  }
}
