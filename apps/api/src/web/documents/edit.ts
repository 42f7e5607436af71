import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  decidesAccess,
  DocumentsService,
  type AuthenticatedActor,
  type DocumentView,
} from '@witness/domain';
import { AppError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { UpdateDocumentDto } from '../../documents/document.dto';
import { CurrentActor } from '../../http/actor.decorator';
import { encodeSnapshot } from '../defenders/form';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { formVersion, text, validateAs, type FormBody } from '../web-form';
import {
  changedFields,
  decodeSnapshot,
  DOCUMENT_FIELDS,
  EDITORS,
  formFromBody,
  formFromView,
  idOr404,
  patchInput,
  type DocumentField,
  type DocumentForm,
  type Option,
} from './form';
import { DocumentPageParts } from './parts';

/** Editing a document's description (with the conflict page) and deleting it. */
@ApiExcludeController()
@Controller('app')
export class DocumentEditWebController {
  constructor(
    private readonly views: Views,
    private readonly documents: DocumentsService,
    private readonly parts: DocumentPageParts,
  ) {}

  @Get('documents/:id/edit')
  @Roles(...EDITORS)
  async editForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const doc = await this.documents.get(idOr404(rawId, 'Document'), actor);
    const form = formFromView(doc);
    return this.renderEdit(req, reply, actor, doc, {
      form,
      version: doc.version,
      base: encodeSnapshot(form),
    });
  }

  @Post('documents/:id/edit')
  @Roles(...EDITORS)
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
    @Body() body: FormBody,
  ) {
    const id = idOr404(rawId, 'Document');
    body ??= {};
    // The version read when the form was opened, checked as the API checks If-Match.
    const version = formVersion(body);
    const current = await this.documents.get(id, actor);
    const withSource = current.sourceIdentity !== undefined;
    const mine = formFromBody(body, withSource ? undefined : current);
    const rawBase = text(body, 'base');
    const base = decodeSnapshot(rawBase) ?? formFromView(current);
    // Only what this person changed is sent, so a field someone else changed meanwhile and
    // this person did not touch is not overwritten.
    const fields = changedFields(mine, base);
    try {
      const patch = await validateAs(UpdateDocumentDto, patchInput(mine, fields));
      await this.documents.update(id, patch, version, actor);
      return reply.redirect(`/app/documents/${id}?notice=saved`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'precondition_failed') {
        return this.renderConflict(req, reply, actor, id, mine, fields);
      }
      const failure = this.parts.failure(req, err);
      if (!failure) throw err;
      return this.renderEdit(
        req,
        reply,
        actor,
        current,
        { form: mine, errors: failure.errors, version, base: rawBase ?? encodeSnapshot(base) },
        failure.status,
      );
    }
  }

  /** Someone else saved first: their values beside mine, and my changes over the latest. */
  private async renderConflict(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    mine: DocumentForm,
    mineChanged: DocumentField[],
  ) {
    const current = await this.documents.get(id, actor);
    const saved = formFromView(current);
    const links = await this.parts.linkOptions(req, current.defenderId, actor);
    const differs = changedFields(mine, saved);
    const lang = this.views.lang(req);
    const comparison = DOCUMENT_FIELDS.filter(
      (f) => differs.includes(f) || mineChanged.includes(f),
    ).map((f) => ({
      field: f,
      label: this.views.translator.t(lang, `documents.fields.${f}`),
      mine: this.display(lang, mine, f, links),
      saved: this.display(lang, saved, f, links),
      changedByMe: mineChanged.includes(f),
    }));
    const form = { ...saved };
    for (const f of mineChanged) (form as Record<DocumentField, unknown>)[f] = mine[f];
    return this.renderEdit(
      req,
      reply,
      actor,
      current,
      { form, version: current.version, base: encodeSnapshot(saved), conflict: { comparison } },
      412,
    );
  }

  /** A field's value as words, for the conflict comparison. */
  private display(
    lang: string,
    form: DocumentForm,
    f: DocumentField,
    links: { events: Option[]; escalations: Option[] },
  ): string {
    const t = (key: string) => this.views.translator.t(lang, key);
    const none = t('app.none');
    switch (f) {
      case 'kind':
        return form.kind ? this.parts.kindLabel(lang, form.kind) : none;
      case 'confidential':
        return t(form.confidential ? 'app.yes' : 'app.no');
      case 'eventId':
        return links.events.find((o) => o.value === form.eventId)?.label ?? (form.eventId || none);
      case 'escalationId':
        return (
          links.escalations.find((o) => o.value === form.escalationId)?.label ??
          (form.escalationId || none)
        );
      default:
        return form[f] || none;
    }
  }

  private async renderEdit(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    doc: DocumentView,
    data: {
      form: DocumentForm;
      errors?: FieldErrorMap;
      version: number | string;
      base: string;
      conflict?: { comparison: unknown[] };
    },
    status = 200,
  ) {
    const links = await this.parts.linkOptions(req, doc.defenderId, actor);
    return this.views.send(
      req,
      reply,
      'documents/edit',
      {
        doc,
        ...data,
        ...links,
        kinds: this.parts.kindOptions(req),
        // Marking it confidential is for those who would still see it; a confidential one is
        // only seen by them.
        canConfidential:
          doc.confidential || (await this.parts.canConfidential(doc.defenderId, actor)),
        // Clearing the mark is a decider's call (the service refuses anyone else).
        confidentialLocked: doc.confidential && !decidesAccess(actor),
        showSource: doc.sourceIdentity !== undefined,
        labels: this.parts.labels(req),
      },
      {
        title: 'documents.edit.title',
        titleParams: { title: doc.title },
        section: 'defenders',
        status,
      },
    );
  }

  /* ---------------------------------------------------------------- delete */

  @Get('documents/:id/delete')
  @Roles(...EDITORS)
  async deleteForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const doc = await this.documents.get(idOr404(rawId, 'Document'), actor);
    return this.views.send(
      req,
      reply,
      'documents/delete',
      { doc },
      { title: 'documents.delete.title', titleParams: { title: doc.title }, section: 'defenders' },
    );
  }

  @Post('documents/:id/delete')
  @Roles(...EDITORS)
  async remove(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const id = idOr404(rawId, 'Document');
    const doc = await this.documents.get(id, actor);
    await this.documents.remove(id, actor);
    return reply.redirect(
      `/app/defenders/${doc.defenderId}?notice=documents.notices.deleted#documents`,
      303,
    );
  }
}
