import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  attachmentDisposition,
  CASE_EDITORS,
  decidesAccess,
  DefendersService,
  DetentionService,
  DOCUMENT_KINDS,
  DocumentsService,
  EscalationsService,
  FILE_TYPES,
  FileRefusedError,
  seesAllCases,
  UsersService,
  type AuthenticatedActor,
  type DetentionEventView,
  type DocumentContent,
  type DocumentView,
  type EscalationView,
  type FileType,
} from '@witness/domain';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnavailableError,
  ValidationFailedError,
  versionFromIfMatch,
  type FieldError,
} from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import {
  DocumentContentQueryDto,
  UpdateDocumentDto,
  UploadDocumentFieldsDto,
  UploadVersionFieldsDto,
} from '../documents/document.dto';
import { sendDocumentFile } from '../documents/documents.controller';
import { NotMultipartError, UploadTooLargeError } from '../documents/multipart';
import { CurrentActor } from '../http/actor.decorator';
import { PageQueryDto } from '../cases/history.dto';
import { encodeSnapshot } from './defenders-web.forms';
import { Views, type FieldErrorMap, type WebRequest } from './views';
import { checkbox, defined, errorMap, text, validateAs, type FormBody } from './web-form';
import { CSRF_FIELD, readWebUpload, type WebUpload } from './web-session';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;

/** Documents per page of a case's document list (the profile shows the first few). */
const LIST_PAGE_SIZE = 50;
/** How much of a plain-text document its page shows. */
const TEXT_PREVIEW_BYTES = 200 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the browser may show by itself, served inline (anything else is only downloaded). */
type PreviewKind = 'image' | 'pdf' | 'text' | 'none';
function previewKind(type: FileType): PreviewKind {
  if (FILE_TYPES[type].photo) return 'image';
  if (type === 'pdf') return 'pdf';
  if (type === 'txt') return 'text';
  return 'none';
}

/**
 * The Content-Security-Policy of a file shown inline (the web pages' own policy is unchanged:
 * their `default-src 'self'` already lets them frame our own PDF route, and their
 * `object-src 'none'` stays, since the preview is an `<iframe>`, not an `<object>`).
 * - A PDF is shown by the browser's own viewer inside the document page's `<iframe>`. Its
 *   document may load nothing but itself into that viewer (`default-src 'none'`,
 *   `object-src 'self'`), may be framed only by our own pages (`frame-ancestors 'self'`) and
 *   cannot post a form. No `sandbox`: a sandboxed document may not run plugins (the HTML
 *   sandboxed plugins flag), and browsers have refused to start their PDF viewer there.
 * - An image is only ever a picture (an `<img>`, or opened on its own): sandboxed, it loads
 *   nothing.
 * With `X-Content-Type-Options: nosniff` and the Content-Type taken from the stored content
 * (only PDFs and photos are served inline), no upload can become an HTML page of our origin.
 */
const INLINE_CSP = {
  pdf: "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
  image: "default-src 'none'; frame-ancestors 'self'; sandbox",
} as const;

/** HTTP status of each intake refusal (as the API answers them). */
const REFUSAL_STATUS = {
  too_large: 413,
  unsupported_type: 415,
  infected: 422,
  unreadable: 422,
} as const;

/** A document's describing fields as a form holds them (text, and the checkbox). */
interface DocumentForm {
  title: string;
  kind: string;
  language: string;
  date: string;
  confidential: boolean;
  sourceIdentity: string;
  eventId: string;
  escalationId: string;
}
type DocumentField = keyof DocumentForm;
const DOCUMENT_FIELDS: readonly DocumentField[] = [
  'title',
  'kind',
  'language',
  'date',
  'confidential',
  'sourceIdentity',
  'eventId',
  'escalationId',
];

/** A failed upload or save, shown next to its form. */
interface Failure {
  status: number;
  errors: FieldErrorMap;
  duplicate?: { documentId: string; versionNo: number; title: string };
}

/** A row of a case's document table (the profile's and the list page's). */
export interface DocumentRow {
  id: string;
  title: string;
  kind: string;
  date: string | null;
  language: string | null;
  versionCount: number;
  confidential: boolean;
  size: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

/** Table rows for documents, with their uploaders' names (one query). */
export async function documentRows(
  users: UsersService,
  docs: readonly DocumentView[],
): Promise<DocumentRow[]> {
  const names = await users.names(
    docs.map((d) => d.current.uploadedBy).filter((x): x is string => !!x),
  );
  return docs.map((d) => ({
    id: d.id,
    title: d.title,
    kind: d.kind,
    date: d.date,
    language: d.language,
    versionCount: d.versionCount,
    confidential: d.confidential,
    size: formatSize(d.current.sizeBytes),
    uploadedBy: (d.current.uploadedBy && names.get(d.current.uploadedBy)) ?? null,
    uploadedAt: d.current.uploadedAt,
  }));
}

/** A size in the units people read: 912 bytes, 48 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/**
 * Documents in the web app: a case's documents, upload (a plain multipart form; app.js adds a
 * drop zone and a progress bar), the document page with its preview (images, PDFs in the
 * browser's own viewer, plain text), versions, editing and deletion. The same DocumentsService,
 * actor and role policies as the API's DocumentsController: need-to-know, confidential
 * documents and the audit of confidential downloads all come from there.
 */
@ApiExcludeController()
@Controller('app')
export class DocumentsWebController {
  private readonly logger = new Logger('documents');

  constructor(
    private readonly views: Views,
    private readonly documents: DocumentsService,
    private readonly defenders: DefendersService,
    private readonly detention: DetentionService,
    private readonly escalations: EscalationsService,
    private readonly users: UsersService,
  ) {}

  /* ------------------------------------------------------------------ list */

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
      return this.uploaded(
        req,
        reply,
        `/app/documents/${view.id}?notice=documents.notices.uploaded`,
      );
    } catch (err) {
      const failure = this.failure(req, err);
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
    const links = await this.linkOptions(req, defenderId, actor);
    return this.views.send(
      req,
      reply,
      'documents/upload',
      {
        defender,
        ...data,
        ...links,
        kinds: this.kindOptions(req),
        canConfidential: await this.canConfidential(defenderId, actor),
        file: this.fileField(req, data.errors),
        labels: this.labels(req),
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

  /* ------------------------------------------------------------- document */

  @Get('documents/:id')
  @Roles(...STAFF)
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    return this.renderShow(req, reply, actor, idOr404(rawId, 'Document'), {});
  }

  private async renderShow(
    req: WebRequest,
    reply: FastifyReply,
    actor: AuthenticatedActor,
    id: string,
    state: Partial<Failure>,
    status = 200,
  ) {
    const doc = await this.documents.get(id, actor);
    const [versions, caseNames, events, escalations] = await Promise.all([
      this.documents.versions(id, actor),
      this.defenders.names([doc.defenderId], actor),
      doc.eventId ? this.detention.list(doc.defenderId, actor) : Promise.resolve([]),
      doc.escalationId
        ? this.escalations.forDefender(doc.defenderId, actor).then((p) => p.data)
        : Promise.resolve([]),
    ]);
    const names = await this.users.names(
      versions.map((v) => v.uploadedBy).filter((x): x is string => !!x),
    );
    const lang = this.views.lang(req);
    const event = events.find((e) => e.id === doc.eventId);
    const escalation = escalations.find((e) => e.id === doc.escalationId);
    const preview = previewKind(doc.current.fileType);
    return this.views.send(
      req,
      reply,
      'documents/show',
      {
        doc,
        caseName: caseNames.get(doc.defenderId) ?? null,
        kindLabel: this.kindLabel(lang, doc.kind),
        size: formatSize(doc.current.sizeBytes),
        showSource: doc.sourceIdentity !== undefined,
        event: event ? { id: event.id, label: this.eventLabel(lang, event) } : null,
        escalation: escalation
          ? { id: escalation.id, label: this.escalationLabel(lang, escalation) }
          : null,
        preview,
        text: preview === 'text' ? await this.textPreview(id, doc, actor) : null,
        versions: versions.map((v) => ({
          ...v,
          size: formatSize(v.sizeBytes),
          typeLabel: this.views.translator.t(lang, `documents.fileTypes.${v.fileType}`),
          scanLabel: this.views.translator.t(lang, `documents.scan.${v.scan}`),
          uploader: (v.uploadedBy && names.get(v.uploadedBy)) ?? null,
          current: v.versionNo === doc.current.versionNo,
        })),
        editor: CASE_EDITORS.includes(actor.role),
        file: this.fileField(req, state.errors),
        labels: this.labels(req),
        errors: state.errors,
        duplicate: state.duplicate,
      },
      {
        title: 'documents.show.title',
        titleParams: { title: doc.title },
        section: 'defenders',
        status,
      },
    );
  }

  /** The start of a plain-text document, for its page (a read of it: audited if confidential). */
  private async textPreview(
    id: string,
    doc: DocumentView,
    actor: AuthenticatedActor,
  ): Promise<{ body: string; partial: boolean; shown: string }> {
    const file = await this.documents.content(id, actor, doc.current.versionNo);
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of file.stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      bytes += chunk.length;
      if (bytes >= TEXT_PREVIEW_BYTES) break;
    }
    (file.stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    const partial = doc.current.sizeBytes > TEXT_PREVIEW_BYTES;
    let head = Buffer.concat(chunks).subarray(0, TEXT_PREVIEW_BYTES);
    // Do not cut a character in two.
    if (partial) head = head.subarray(0, utf8Boundary(head));
    return { body: head.toString('utf8'), partial, shown: formatSize(TEXT_PREVIEW_BYTES) };
  }

  /* ------------------------------------------------------------- the file */

  @Get('documents/:id/download')
  @Roles(...STAFF)
  async download(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
    @Query() query: Record<string, unknown>,
  ) {
    const id = idOr404(rawId, 'Document');
    const { version } = await validateAs(
      DocumentContentQueryDto,
      defined({ version: firstString(query.version) }),
    );
    await sendDocumentFile(reply, await this.documents.content(id, actor, version), this.logger);
  }

  /**
   * The current version shown inline: a photo for `<img>`, a PDF for the browser's own viewer
   * in the page's `<iframe>`. Other types have no preview (404). Audited like a download.
   */
  @Get('documents/:id/preview')
  @Roles(...STAFF)
  async preview(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const id = idOr404(rawId, 'Document');
    const doc = await this.documents.get(id, actor);
    const kind = previewKind(doc.current.fileType);
    if (kind !== 'image' && kind !== 'pdf') throw new NotFoundError('Preview of document', id);
    // The version just looked at, so a new version of another type uploaded meanwhile is not
    // served under this one's policy.
    const file = await this.documents.content(id, actor, doc.current.versionNo);
    this.sendInline(reply, file, INLINE_CSP[kind]);
  }

  @Get('documents/:id/thumbnail')
  @Roles(...STAFF)
  async thumbnail(
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const id = idOr404(rawId, 'Document');
    this.sendInline(reply, await this.documents.thumbnail(id, actor), INLINE_CSP.image);
  }

  /** A file the browser shows itself (never sniffed, never cached, framed only by us). */
  private sendInline(reply: FastifyReply, file: DocumentContent, csp: string): void {
    file.stream.on('error', (err: Error) =>
      this.logger.error(
        { err: { name: err.name, message: err.message } },
        'document preview broke off',
      ),
    );
    void reply
      .header('Content-Type', file.contentType)
      .header(
        'Content-Disposition',
        attachmentDisposition(file.fileName).replace(/^attachment/, 'inline'),
      )
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', csp)
      .header('X-Frame-Options', 'SAMEORIGIN')
      .header('Cross-Origin-Resource-Policy', 'same-origin')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-store');
    if (file.sizeBytes !== null) void reply.header('Content-Length', String(file.sizeBytes));
    // Not awaited, as sendDocumentFile: a large PDF over a slow link must not run into
    // HTTP_REQUEST_TIMEOUT_MS. The stream's own errors are handled above.
    void reply.send(file.stream);
  }

  /* ----------------------------------------------------------- new version */

  @Post('documents/:id/versions')
  @Roles(...EDITORS)
  async addVersion(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: AuthenticatedActor,
    @Param('id') rawId: string,
  ) {
    const id = idOr404(rawId, 'Document');
    const body = await readWebUpload(req);
    try {
      const { fields, file } = await validUpload(body, UploadVersionFieldsDto);
      await this.documents.addVersion(id, file, { allowDuplicate: fields.allowDuplicate }, actor);
      return this.uploaded(
        req,
        reply,
        `/app/documents/${id}?notice=documents.notices.versionAdded`,
      );
    } catch (err) {
      const failure = this.failure(req, err);
      if (!failure) throw err;
      return this.renderShow(req, reply, actor, id, failure, failure.status);
    }
  }

  /* ------------------------------------------------------------------ edit */

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
    const version = versionFromIfMatch(text(body, 'version'));
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
      const failure = this.failure(req, err);
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
    const links = await this.linkOptions(req, current.defenderId, actor);
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
        return form.kind ? this.kindLabel(lang, form.kind) : none;
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
    const links = await this.linkOptions(req, doc.defenderId, actor);
    return this.views.send(
      req,
      reply,
      'documents/edit',
      {
        doc,
        ...data,
        ...links,
        kinds: this.kindOptions(req),
        // Marking it confidential is for those who would still see it; a confidential one is
        // only seen by them.
        canConfidential: doc.confidential || (await this.canConfidential(doc.defenderId, actor)),
        // Clearing the mark is a decider's call (the service refuses anyone else).
        confidentialLocked: doc.confidential && !decidesAccess(actor),
        showSource: doc.sourceIdentity !== undefined,
        labels: this.labels(req),
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

  /* --------------------------------------------------------------- helpers */

  /**
   * After an upload: the next page. A form posted by the browser is redirected (303); the
   * page's script (XMLHttpRequest, for its progress bar) gets 201 and the address to go to.
   */
  private uploaded(req: WebRequest, reply: FastifyReply, next: string) {
    if (scripted(req)) return reply.status(201).header('Location', next).send();
    return reply.redirect(next, 303);
  }

  /**
   * An error that belongs next to the form, in words a caseworker understands, with the
   * status the API gives it; null for the rest (not found, not allowed: the error page).
   */
  private failure(req: WebRequest, err: unknown): Failure | null {
    const tr = (key: string, params?: Record<string, unknown>) =>
      this.views.translator.t(this.views.lang(req), key, params);
    if (err instanceof UploadTooLargeError) {
      return { status: 413, errors: { file: this.documents.tooLarge().message } };
    }
    if (err instanceof NotMultipartError) {
      return { status: 415, errors: { file: tr('documents.refused.notMultipart') } };
    }
    if (err instanceof FileRefusedError) {
      return { status: REFUSAL_STATUS[err.reason], errors: { file: err.message } };
    }
    if (err instanceof ValidationFailedError) return { status: 400, errors: errorMap(err.errors) };
    if (err instanceof ConflictError && err.extra.duplicateOf) {
      const duplicate = err.extra.duplicateOf as Failure['duplicate'] & object;
      return {
        status: 409,
        errors: { file: tr('documents.duplicate.message', duplicate) },
        duplicate,
      };
    }
    // The only refusals a permitted role meets here: marking a document confidential without
    // being one who would still see it, or clearing the mark without being a decider.
    if (err instanceof ForbiddenError)
      return { status: 403, errors: { confidential: err.message } };
    if (err instanceof UnavailableError) {
      const scanner = err.name === 'ScannerUnavailableError';
      return {
        status: 503,
        errors: {
          _: tr(scanner ? 'documents.refused.scannerDown' : 'documents.refused.storeDown'),
        },
      };
    }
    return null;
  }

  /** The file field: its limit for the page's script, and the hint for a form sent again. */
  private fileField(req: WebRequest, errors: FieldErrorMap | undefined) {
    const tooLarge = this.documents.tooLarge();
    return {
      maxBytes: tooLarge.extra.maxBytes,
      maxLabel: formatSize(Number(tooLarge.extra.maxBytes)),
      tooLargeMessage: tooLarge.message,
      // A browser cannot fill a file field again: without the script, say so.
      chooseAgain: !!errors && !scripted(req),
    };
  }

  private async canConfidential(defenderId: string, actor: AuthenticatedActor): Promise<boolean> {
    if (seesAllCases(actor)) return true;
    if (actor.role !== 'caseworker') return false;
    const assignees = await this.defenders.assignees(defenderId, actor);
    return assignees.some((a) => a.userId === actor.userId);
  }

  /** The timeline events and escalations of the case a document may be linked to. */
  private async linkOptions(
    req: WebRequest,
    defenderId: string,
    actor: AuthenticatedActor,
  ): Promise<{ events: Option[]; escalations: Option[] }> {
    const lang = this.views.lang(req);
    const [events, escalations] = await Promise.all([
      this.detention.list(defenderId, actor),
      this.escalations.forDefender(defenderId, actor),
    ]);
    return {
      events: events.map((e) => ({ value: e.id, label: this.eventLabel(lang, e) })),
      escalations: escalations.data.map((e) => ({
        value: e.id,
        label: this.escalationLabel(lang, e),
      })),
    };
  }

  private eventLabel(lang: string, e: DetentionEventView): string {
    const type = this.views.translator.t(lang, `vocab.eventTypes.${e.type}`);
    return `${e.occurredOn} · ${type}${e.place ? ` (${e.place})` : ''}`;
  }

  private escalationLabel(lang: string, e: EscalationView): string {
    const kind = this.views.translator.t(lang, `vocab.escalationKinds.${e.kind}`);
    return e.unReference ? `${kind} (${e.unReference})` : kind;
  }

  /** Field labels for the error summary's links. */
  private labels(req: WebRequest): Record<string, string> {
    const lang = this.views.lang(req);
    return Object.fromEntries(
      [...DOCUMENT_FIELDS, 'file'].map((f) => [
        f,
        this.views.translator.t(lang, `documents.fields.${f}`),
      ]),
    );
  }

  private kindLabel(lang: string, kind: string): string {
    return this.views.translator.t(lang, `vocab.documentKinds.${kind}`);
  }

  private kindOptions(req: WebRequest): Option[] {
    const lang = this.views.lang(req);
    return DOCUMENT_KINDS.map((k) => ({ value: k, label: this.kindLabel(lang, k) }));
  }
}

interface Option {
  value: string;
  label: string;
}

/** An id that is not a uuid names no document or case: the same 404 as a missing one. */
function idOr404(raw: string, entity: string): string {
  if (!UUID.test(raw)) throw new NotFoundError(entity, raw.slice(0, 100));
  return raw;
}

/** Sent by app.js, which follows the answer itself (XMLHttpRequest, for the progress bar). */
function scripted(req: WebRequest): boolean {
  return req.headers['x-requested-with'] === 'XMLHttpRequest';
}

/**
 * The fields of an upload checked with the API's own DTO (the CSRF token aside), and the file:
 * every problem at once, as the API reports them.
 */
async function validUpload<T extends object>(
  body: WebUpload,
  dto: new () => T,
): Promise<{ fields: T; file: { fileName: string | undefined; content: Buffer } }> {
  if (!body.ok) throw body.error;
  const { [CSRF_FIELD]: _csrf, ...rest } = body.fields;
  const errors: FieldError[] = [];
  let fields: T | undefined;
  try {
    fields = await validateAs(dto, rest);
  } catch (err) {
    if (!(err instanceof ValidationFailedError)) throw err;
    errors.push(...err.errors);
  }
  // A form sent without a file chosen still has the part, nameless and empty.
  const none = !body.file || (body.file.content.length === 0 && !body.file.fileName);
  if (none) errors.push({ field: 'file', message: 'is required: choose the file to upload' });
  if (errors.length || !fields || none || !body.file) throw new ValidationFailedError(errors);
  return { fields, file: body.file };
}

function emptyForm(): DocumentForm {
  return {
    title: '',
    kind: '',
    language: '',
    date: '',
    confidential: false,
    sourceIdentity: '',
    eventId: '',
    escalationId: '',
  };
}

function formFromView(v: DocumentView): DocumentForm {
  return {
    title: v.title,
    kind: v.kind,
    language: v.language ?? '',
    date: v.date ?? '',
    confidential: v.confidential,
    sourceIdentity: v.sourceIdentity ?? '',
    eventId: v.eventId ?? '',
    escalationId: v.escalationId ?? '',
  };
}

/**
 * The edit form as posted. `keep`: a document whose source identity this person cannot see
 * (a form without that field keeps it as it is).
 */
function formFromBody(body: FormBody, keep?: DocumentView): DocumentForm {
  const raw = (name: string) => {
    const v = body[name];
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' ? s : '';
  };
  return {
    title: raw('title'),
    kind: raw('kind'),
    language: raw('language').trim(),
    date: raw('date').trim(),
    confidential: checkbox(body, 'confidential'),
    sourceIdentity: keep ? (keep.sourceIdentity ?? '') : raw('sourceIdentity'),
    eventId: raw('eventId'),
    escalationId: raw('escalationId'),
  };
}

/** A field as the API takes it: blank optional text clears it (null). */
function fieldInput(form: DocumentForm, f: DocumentField): unknown {
  switch (f) {
    case 'title':
    case 'kind':
      return form[f];
    case 'confidential':
      return form.confidential;
    case 'sourceIdentity':
      return form.sourceIdentity.trim() === '' ? null : form.sourceIdentity;
    default:
      return form[f] === '' ? null : form[f];
  }
}

function changedFields(form: DocumentForm, base: DocumentForm): DocumentField[] {
  return DOCUMENT_FIELDS.filter(
    (f) => JSON.stringify(fieldInput(form, f)) !== JSON.stringify(fieldInput(base, f)),
  );
}

function patchInput(form: DocumentForm, fields: readonly DocumentField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, fieldInput(form, f)]));
}

function decodeSnapshot(raw: string | undefined): DocumentForm | null {
  if (!raw || raw.length > 20_000) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const out = emptyForm();
    for (const f of DOCUMENT_FIELDS) {
      const x = v[f];
      if (f === 'confidential') {
        if (typeof x !== 'boolean') return null;
        out.confidential = x;
      } else {
        if (typeof x !== 'string') return null;
        out[f] = x;
      }
    }
    return out;
  } catch {
    return null;
  }
}

/** The length of `b` without a UTF-8 sequence cut at its end. */
function utf8Boundary(b: Buffer): number {
  let i = b.length;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  let back = 0;
  while (i > 0 && back < 4 && (b[i - 1] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i === 0) return b.length;
  const lead = b[i - 1];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need === back + 1 ? b.length : i - 1;
}

function firstString(v: unknown): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : undefined;
}
