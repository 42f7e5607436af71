import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { DossiersService, type AuthenticatedActor } from '@witness/domain';
import { IsIn, IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { EscalationIdParams } from '../escalations/escalation.dto';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';

export class DossierRequestDto {
  @ApiProperty({
    description: 'Language of the dossier (the UN working languages WGAD accepts).',
    enum: ['en', 'fr', 'es'],
  })
  @IsIn(['en', 'fr', 'es'])
  language: 'en' | 'fr' | 'es';

  @ApiProperty({
    description: 'pdf (rendered by headless Chromium) or html.',
    enum: ['pdf', 'html'],
  })
  @IsIn(['pdf', 'html'])
  format: 'pdf' | 'html';

  @ApiProperty({
    description:
      'submission: what the UN needs, marked confidential (needs UN-submission consent); public: no contacts, source or confidential notes, and no one named without public-profile consent.',
    enum: ['submission', 'public'],
  })
  @IsIn(['submission', 'public'])
  edition: 'submission' | 'public';
}

export class DossierIdParams {
  @ApiProperty({ description: 'Dossier id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

export class DossierResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Escalation.', format: 'uuid' }) escalationId: string;
  @ApiProperty({ description: 'Version number within the escalation (one per request).' })
  versionNo: number;
  @ApiProperty({ description: 'Language.', enum: ['en', 'fr', 'es'] }) language: string;
  @ApiProperty({ description: 'Format.', enum: ['pdf', 'html'] }) format: string;
  @ApiProperty({ description: 'Edition.', enum: ['submission', 'public'] }) edition: string;
  @ApiProperty({ description: 'queued, rendering, ready or failed.' }) state: string;
  @ApiProperty({ description: 'Why rendering failed.', nullable: true, type: String })
  failureReason: string | null;
  @ApiProperty({ description: 'Template version it was made with.', nullable: true, type: String })
  templateVersion: string | null;
  @ApiProperty({ description: 'SHA-256 of the file.', nullable: true, type: String }) sha256:
    string | null;
  @ApiProperty({ description: 'Size in bytes.', nullable: true, type: Number }) sizeBytes:
    number | null;
  @ApiProperty({ description: 'Requested at.', format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Rendered at.', nullable: true, type: String }) renderedAt:
    string | null;
  @ApiProperty({
    description: 'True when the case changed after this dossier was made.',
    required: false,
  })
  stale?: boolean;
}

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post('escalations/:id/dossiers')
  @Roles('caseworker', 'coordinator', 'admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Request a dossier',
    description:
      "Answers 202 with the dossier queued; the worker renders it. A submission edition needs every defender's UN-submission consent (409 otherwise).",
  })
  @ApiAcceptedResponse({ type: DossierResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  request(
    @Param() { id }: EscalationIdParams,
    @Body() body: DossierRequestDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.dossiers.request(id, body, actor);
  }

  @Get('escalations/:id/dossiers')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "An escalation's dossiers",
    description: 'Every version, newest first.',
  })
  @ApiOkResponse({ type: [DossierResponse] })
  @ApiProblems(400, 401, 404)
  list(@Param() { id }: EscalationIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.dossiers.list(id, actor);
  }

  @Get('dossiers/:id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'A dossier',
    description: 'Its state, and whether the case changed since it was made (stale).',
  })
  @ApiOkResponse({ type: DossierResponse })
  @ApiProblems(400, 401, 404)
  get(@Param() { id }: DossierIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.dossiers.get(id, actor);
  }

  @Get('dossiers/:id/content')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Download a dossier',
    description:
      'The file with its Content-Type, a meaningful file name and its SHA-256 in X-Content-SHA256. Submission downloads are audited; viewers may download only public editions (403).',
  })
  @ApiOkResponse({ description: 'The PDF or HTML file.' })
  @ApiProblems(400, 401, 403, 404)
  async content(
    @Param() { id }: DossierIdParams,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() reply: FastifyReply,
  ) {
    await sendDossierFile(reply, await this.dossiers.content(id, actor));
  }
}

/** A dossier file as a download (the API and the web app send it the same way). */
export async function sendDossierFile(
  reply: FastifyReply,
  file: { contentType: string; fileName: string; sha256: string; bytes: Buffer },
): Promise<void> {
  await reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .header('X-Content-SHA256', file.sha256)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'no-store')
    .send(file.bytes);
}
