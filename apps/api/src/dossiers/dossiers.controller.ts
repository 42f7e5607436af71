import { Body, Controller, Get, HttpCode, Logger, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  AnnexesService,
  attachmentDisposition,
  DossiersService,
  type AuthenticatedActor,
  type DossierBundle,
} from '@witness/domain';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { EscalationIdParams } from '../escalations/escalation.dto';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { DossierResponse } from './dossier.response';

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

  @ApiPropertyOptional({
    description:
      "Generate it even though the mechanism's required answers are not all there (see GET /escalations/:id/completeness). Without it, a request with something required missing answers 422 listing each item in words.",
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  acknowledgeIncomplete?: boolean;
}

export class DossierIdParams {
  @ApiProperty({ description: 'Dossier id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;

@ApiTags('dossiers')
@Controller('api/v1')
export class DossiersController {
  private readonly logger = new Logger('dossiers');

  constructor(
    private readonly dossiers: DossiersService,
    private readonly annexes: AnnexesService,
  ) {}

  @Post('escalations/:id/dossiers')
  @Roles('caseworker', 'coordinator', 'admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Request a dossier',
    description:
      "Answers 202 with the dossier queued; the worker renders it. A submission edition needs every defender's UN-submission consent (409 otherwise). Then the mechanism's required answers for the edition (the public edition's list is shorter): with one missing, 422 problem+json whose `missing` lists each in words, unless acknowledgeIncomplete is true. The version number and file name are fixed now.",
  })
  @ApiAcceptedResponse({ type: DossierResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
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
  @ApiOkResponse({
    description: 'The PDF or HTML file.',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 401, 403, 404)
  async content(
    @Param() { id }: DossierIdParams,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() reply: FastifyReply,
  ) {
    await sendDossierFile(reply, await this.dossiers.content(id, actor));
  }

  @Get('dossiers/:id/bundle')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Download a dossier with its annexes (ZIP)',
    description:
      "A ZIP, streamed: `00-<the dossier's file name>` and each annex the dossier lists as `NN-<its title>.<ext>` (NN its annex number), decrypted, in the version pinned when the dossier was requested. Who may download the dossier may download its bundle (viewers: public editions only, 403 otherwise); a bundle holding a confidential document needs the right to see it (403). A public edition never holds a confidential document. An annex deleted (or, for a public edition, made confidential) since the dossier was made is left out and named in withdrawn-annexes.txt. An annex whose version waits for the virus check (or was quarantined) refuses the whole bundle (409 problem+json with its `scan` state, `documentId` and `versionNo`), never a ZIP without it. Audited as a dossier download (part: bundle), and each confidential annex as a document download.",
  })
  @ApiOkResponse({
    description: 'The ZIP.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 401, 403, 404, 409)
  async bundle(
    @Param() { id }: DossierIdParams,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() reply: FastifyReply,
  ) {
    sendDossierBundle(reply, await this.annexes.bundle(id, actor), this.logger);
  }
}

/** A dossier's bundle as a download (the API and the web app send it the same way). */
export function sendDossierBundle(
  reply: FastifyReply,
  bundle: DossierBundle,
  logger: Logger,
): void {
  bundle.stream.on('error', (err: Error) =>
    // Headers are out: the connection is cut (the client sees a broken download), and the
    // log says why (a blob missing or tampered with, the store down).
    logger.error({ err: { name: err.name, message: err.message } }, 'bundle download broke off'),
  );
  // Not awaited: a reply is "done" only when its last byte is out, and a bundle of many
  // annexes to a slow client may stream longer than HTTP_REQUEST_TIMEOUT_MS, which bounds the
  // handler (every check and audit is behind us), not the download.
  void reply
    .header('Content-Type', 'application/zip')
    .header('Content-Disposition', attachmentDisposition(bundle.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .send(bundle.stream);
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
