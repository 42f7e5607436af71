import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnnexesService, type AuthenticatedActor } from '@witness/domain';
import { Roles } from '../auth/policy.decorators';
import { IF_MATCH_HEADER } from '../defenders/defenders.controller';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import { AnnexSetResponse, PutAnnexesDto } from './annex.dto';
import { EscalationIdParams } from './escalation.dto';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;

/** The documents an escalation sends with its dossiers (annexes). */
@ApiTags('escalations')
@Controller('api/v1/escalations')
export class AnnexesController {
  constructor(private readonly annexes: AnnexesService) {}

  @Get(':id/annexes')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "An escalation's annexes",
    description:
      "The documents chosen to go with its dossiers, in order, each with the version pinned when it was chosen and its latest version. Only those you may see (confidential documents for assigned caseworkers, coordinators and admins); deleted documents drop out. The ETag is the escalation's.",
  })
  @ApiOkResponse({ type: AnnexSetResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async get(@Param() { id }: EscalationIdParams, @CurrentActor() actor: AuthenticatedActor) {
    const view = await this.annexes.get(id, actor);
    return view;
  }

  @Put(':id/annexes')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: "Choose an escalation's annexes",
    description:
      "Replaces the list with `documentIds`, in order (at most 30, each once, each a live document of one of the escalation's defenders that you may see; every one that is not is named as documentIds[i]). Each is pinned to its latest version when first chosen; `refreshVersions` re-pins all to their latest. A version still waiting for the virus check (or quarantined) cannot be chosen: 409 problem+json with its `scan` state, `documentId` and `versionNo`. Needs If-Match with the escalation's ETag, which a change moves on. A dossier requested afterwards lists these annexes and its bundle holds them. Audited (escalation.annexes).",
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: AnnexSetResponse, description: 'The new list (with the ETag).' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  @Versioned()
  async put(
    @Param() { id }: EscalationIdParams,
    @Body() body: PutAnnexesDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.annexes.set(id, body, version, actor);
    return view;
  }
}
