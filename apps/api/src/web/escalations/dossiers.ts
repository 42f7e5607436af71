import { Controller, Get, Logger, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AnnexesService,
  DossiersService,
  seesSensitive,
  type AuthenticatedActor,
  type DossierView,
} from '@witness/domain';
import { NotFoundError, ValidationFailedError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import {
  DossierIdParams,
  sendDossierBundle,
  sendDossierFile,
} from '../../dossiers/dossiers.controller';
import { CurrentActor } from '../../http/actor.decorator';
import { Views, type WebRequest } from '../views';
import { first, STAFF, type QueryParams } from './view';

export const DOSSIER_FORMATS = ['pdf', 'html'] as const;

/** The dossier's status, as the escalation page shows it and its poll fetches it. */
export function dossierStatus(d: DossierView, actor: AuthenticatedActor) {
  return {
    dossier: d,
    polling: d.state === 'queued' || d.state === 'rendering',
    ready: d.state === 'ready',
    failed: d.state === 'failed',
    // Viewers may download public editions only (the service refuses the rest).
    downloadable: d.state === 'ready' && (d.edition === 'public' || seesSensitive(actor)),
  };
}

/** A dossier's status fragment, its file and its bundle with the annexes. */
@ApiExcludeController()
@Controller('app')
export class DossiersWebController {
  private readonly logger = new Logger('escalations-web');

  constructor(
    private readonly views: Views,
    private readonly dossiers: DossiersService,
    private readonly annexes: AnnexesService,
  ) {}

  /** The dossier's status, as the escalation page shows it; polled while it renders. */
  @Get('dossiers/:id/status')
  @Roles(...STAFF)
  async dossierStatusFragment(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DossierIdParams,
  ) {
    const d = await this.dossiers.get(id, actor);
    return this.views.fragment(req, reply, 'escalations/dossier-status', dossierStatus(d, actor));
  }

  /** The file, as the API's download route sends it (same service, same headers). */
  @Get('dossiers/:id/download')
  @Roles(...STAFF)
  async download(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DossierIdParams,
    @Query() query: QueryParams,
  ) {
    const format = first(query.format);
    if (format !== undefined && !(DOSSIER_FORMATS as readonly string[]).includes(format)) {
      throw ValidationFailedError.field('format', 'must be one of pdf, html');
    }
    const file = await this.dossiers.content(id, actor);
    if (format !== undefined && !file.fileName.endsWith(`.${format}`)) {
      throw new NotFoundError(`Dossier as ${format}`, id);
    }
    await sendDossierFile(reply, file);
  }

  /** The dossier with its annexes as a ZIP, as the API sends it (same service, same headers). */
  @Get('dossiers/:id/bundle')
  @Roles(...STAFF)
  async bundle(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: DossierIdParams,
  ) {
    sendDossierBundle(reply, await this.annexes.bundle(id, actor), this.logger);
  }
}
