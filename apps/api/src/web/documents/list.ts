import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CASE_EDITORS,
  DefendersService,
  DocumentsService,
  UsersService,
  type AuthenticatedActor,
} from '@witness/domain';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { PageQueryDto } from '../../cases/history.dto';
import { UploadDocumentFieldsDto } from '../../documents/document.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { Views, type WebRequest } from '../views';
import { defined, validateAs } from '../web-form';
import { readWebUpload } from '../web-session';
import {
  EDITORS,
  emptyForm,
  firstString,
  formFromBody,
  idOr404,
  LIST_PAGE_SIZE,
  STAFF,
  validUpload,
  type DocumentForm,
  type Failure,
} from './form';
import { DocumentPageParts } from './parts';
import { documentRows } from './rows';

/**
 * Documents in the web app. The same DocumentsService, actor and role policies as the API's
 * DocumentsController: need-to-know, confidential documents and the audit of confidential
 * downloads all come from there.
 */
/** A case's documents, and upload (a plain multipart form; app.js adds a drop zone and a progress bar). */
@ApiExcludeController()
@Controller('app')
export class DocumentsListWebController {
  constructor(
    private readonly views: Views,
    private readonly documents: DocumentsService,
    private readonly defenders: DefendersService,
    private readonly users: UsersService,
    private readonly parts: DocumentPageParts,
  ) {}

  @Get('defenders/:id/documents')
  @Roles(...STAFF)
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
    @Query() query: Record<string, unknown>,
  ) {
    const id = idOr404(rawId, 'Defender');
    const page = await validateAs(
      PageQueryDto,
      defined({ cursor: firstString(query.cursor), limit: firstString(query.limit) }),
    );
    const defender = await this.defenders.get(id, actor);
    const docs = await this.documents.list(
      id,
      { limit: page.limit ?? LIST_PAGE_SIZE, cursor: page.cursor },
      actor,
    );
    const next = new URLSearchParams();
    if (page.limit) next.set('limit', String(page.limit));
    if (docs.nextCursor) next.set('cursor', docs.nextCursor);
    return this.views.send(
      req,
      reply,
      'documents/list',
      {
        defender,
        rows: await documentRows(this.users, docs.data),
        editor: CASE_EDITORS.includes(actor.role),
        nextUrl: docs.nextCursor ? `/app/defenders/${id}/documents?${next.toString()}` : null,
        firstUrl: page.cursor ? `/app/defenders/${id}/documents` : null,
      },
      {
        title: 'documents.list.title',
        titleParams: { name: defender.fullName },
        section: 'defenders',
      },
    );
  }

  /* ---------------------------------------------------------------- upload */

  @Get('defenders/:id/documents/new')
  @Roles(...EDITORS)
  async uploadForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const id = idOr404(rawId, 'Defender');
    return this.renderUpload(req, reply, actor, id, { form: emptyForm() });
  }

  @Post('defenders/:id/documents')
  @Roles(...EDITORS)
  async upload(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const id = idOr404(rawId, 'Defender');
    const body = await readWebUpload(req);
    // What was typed, to fill the form again after a refusal.
    const form = formFromBody(body.fields);
    try {
      const { fields, file } = await validUpload(body, UploadDocumentFieldsDto);
      const view = await this.documents.upload(id, fields, file, actor);
      // Kept while the virus scanner is down: the notice says so in plain words.
      const notice = view.current.scan === 'pending' ? 'uploadedPending' : 'uploaded';
      return this.parts.uploaded(
        req,
        reply,
        `/app/documents/${view.id}?notice=documents.notices.${notice}`,
      );
    } catch (err) {
      const failure = this.parts.failure(req, err);
      if (!failure) throw err;
      return this.renderUpload(req, reply, actor, id, { form, ...failure }, failure.status);
    }
  }

  private async renderUpload(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    defenderId: string,
    data: Partial<Omit<Failure, 'status'>> & { form: DocumentForm },
    status = 200,
  ) {
    const defender = await this.defenders.get(defenderId, actor);
    const links = await this.parts.linkOptions(req, defenderId, actor);
    return this.views.send(
      req,
      reply,
      'documents/upload',
      {
        defender,
        ...data,
        ...links,
        kinds: this.parts.kindOptions(req),
        canConfidential: await this.parts.canConfidential(defenderId, actor),
        file: this.parts.fileField(req, data.errors),
        labels: this.parts.labels(req),
        action: `/app/defenders/${defenderId}/documents`,
      },
      {
        title: 'documents.upload.title',
        titleParams: { name: defender.fullName },
        section: 'defenders',
        status,
      },
    );
  }
}
