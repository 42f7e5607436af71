import { Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  attachmentDisposition,
  CASE_EDITORS,
  DefendersService,
  DetentionService,
  DocumentsService,
  EscalationsService,
  UsersService,
  type AuthenticatedActor,
  type DocumentContent,
  type DocumentView,
  type ScanState,
  UNSERVABLE_SCAN_STATES,
} from '@witness/domain';
import { NotFoundError } from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/policy.decorators';
import { DocumentContentQueryDto, UploadVersionFieldsDto } from '../../documents/document.dto';
import { sendDocumentFile } from '../../documents/documents.controller';
import { CurrentActor } from '../../http/actor.decorator';
import { Views, type WebRequest } from '../views';
import { defined, validateAs } from '../web-form';
import { readWebUpload } from '../web-session';
import {
  EDITORS,
  firstString,
  idOr404,
  INLINE_CSP,
  previewKind,
  STAFF,
  TEXT_PREVIEW_BYTES,
  utf8Boundary,
  validUpload,
  type Failure,
} from './form';
import { DocumentPageParts } from './parts';
import { formatSize } from './rows';

/** Versions kept but not offered: waiting for the virus check, or quarantined. */
const SCAN_HOLDS = new Set<ScanState>(UNSERVABLE_SCAN_STATES);

/** The document page with its preview (images, PDFs in the browser's own viewer, plain text), its files and new versions. */
@ApiExcludeController()
@Controller('app')
export class DocumentWebController {
  private readonly logger = new Logger('documents');

  constructor(
    private readonly views: Views,
    private readonly documents: DocumentsService,
    private readonly defenders: DefendersService,
    private readonly detention: DetentionService,
    private readonly escalations: EscalationsService,
    private readonly users: UsersService,
    private readonly parts: DocumentPageParts,
  ) {}

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
    // Waiting for the virus check, or quarantined: said plainly, and nothing of it offered.
    const scanHold = SCAN_HOLDS.has(doc.current.scan) ? doc.current.scan : null;
    const preview = scanHold ? 'none' : previewKind(doc.current.fileType);
    return this.views.send(
      req,
      reply,
      'documents/show',
      {
        doc,
        caseName: caseNames.get(doc.defenderId) ?? null,
        kindLabel: this.parts.kindLabel(lang, doc.kind),
        size: formatSize(doc.current.sizeBytes),
        showSource: doc.sourceIdentity !== undefined,
        event: event ? { id: event.id, label: this.parts.eventLabel(lang, event) } : null,
        escalation: escalation
          ? { id: escalation.id, label: this.parts.escalationLabel(lang, escalation) }
          : null,
        scanHold,
        preview,
        text: preview === 'text' ? await this.textPreview(id, doc, actor) : null,
        versions: versions.map((v) => ({
          ...v,
          size: formatSize(v.sizeBytes),
          typeLabel: this.views.translator.t(lang, `documents.fileTypes.${v.fileType}`),
          scanLabel: this.views.translator.t(lang, `documents.scan.${v.scan}`),
          uploader: (v.uploadedBy && names.get(v.uploadedBy)) ?? null,
          current: v.versionNo === doc.current.versionNo,
          held: SCAN_HOLDS.has(v.scan),
        })),
        editor: CASE_EDITORS.includes(actor.role),
        file: this.parts.fileField(req, state.errors),
        labels: this.parts.labels(req),
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
      const view = await this.documents.addVersion(
        id,
        file,
        { allowDuplicate: fields.allowDuplicate },
        actor,
      );
      const notice = view.current.scan === 'pending' ? 'versionPending' : 'versionAdded';
      return this.parts.uploaded(
        req,
        reply,
        `/app/documents/${id}?notice=documents.notices.${notice}`,
      );
    } catch (err) {
      const failure = this.parts.failure(req, err);
      if (!failure) throw err;
      return this.renderShow(req, reply, actor, id, failure, failure.status);
    }
  }
}
