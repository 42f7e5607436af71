import { Injectable } from '@nestjs/common';
import {
  DefendersService,
  DetentionService,
  DOCUMENT_KINDS,
  DocumentsService,
  EscalationsService,
  FileRefusedError,
  seesAllCases,
  type AuthenticatedActor,
  type DetentionEventView,
  type EscalationView,
} from '@witness/domain';
import {
  ConflictError,
  ForbiddenError,
  UnavailableError,
  ValidationFailedError,
} from '@witness/platform';
import type { FastifyReply } from 'fastify';
import { NotMultipartError, UploadTooLargeError } from '../../documents/multipart';
import { Views, type FieldErrorMap, type WebRequest } from '../views';
import { errorMap } from '../web-form';
import { DOCUMENT_FIELDS, REFUSAL_STATUS, scripted, type Failure, type Option } from './form';
import { formatSize } from './rows';

/** What the document pages share: the upload's answers, the refusals in words, field options. */
@Injectable()
export class DocumentPageParts {
  constructor(
    private readonly views: Views,
    private readonly documents: DocumentsService,
    private readonly defenders: DefendersService,
    private readonly detention: DetentionService,
    private readonly escalations: EscalationsService,
  ) {}

  /**
   * After an upload: the next page. A form posted by the browser is redirected (303); the
   * page's script (XMLHttpRequest, for its progress bar) gets 201 and the address to go to.
   */
  uploaded(req: WebRequest, reply: FastifyReply, next: string) {
    if (scripted(req)) return reply.status(201).header('Location', next).send();
    return reply.redirect(next, 303);
  }

  /**
   * An error that belongs next to the form, in words a caseworker understands, with the
   * status the API gives it; null for the rest (not found, not allowed: the error page).
   */
  failure(req: WebRequest, err: unknown): Failure | null {
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
  fileField(req: WebRequest, errors: FieldErrorMap | undefined) {
    const tooLarge = this.documents.tooLarge();
    return {
      maxBytes: tooLarge.extra.maxBytes,
      maxLabel: formatSize(Number(tooLarge.extra.maxBytes)),
      tooLargeMessage: tooLarge.message,
      // A browser cannot fill a file field again: without the script, say so.
      chooseAgain: !!errors && !scripted(req),
    };
  }

  async canConfidential(defenderId: string, actor: AuthenticatedActor): Promise<boolean> {
    if (seesAllCases(actor)) return true;
    if (actor.role !== 'caseworker') return false;
    const assignees = await this.defenders.assignees(defenderId, actor);
    return assignees.some((a) => a.userId === actor.userId);
  }

  /** The timeline events and escalations of the case a document may be linked to. */
  async linkOptions(
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

  eventLabel(lang: string, e: DetentionEventView): string {
    const type = this.views.translator.t(lang, `vocab.eventTypes.${e.type}`);
    return `${e.occurredOn} · ${type}${e.place ? ` (${e.place})` : ''}`;
  }

  escalationLabel(lang: string, e: EscalationView): string {
    const kind = this.views.translator.t(lang, `vocab.escalationKinds.${e.kind}`);
    return e.unReference ? `${kind} (${e.unReference})` : kind;
  }

  /** Field labels for the error summary's links. */
  labels(req: WebRequest): Record<string, string> {
    const lang = this.views.lang(req);
    return Object.fromEntries(
      [...DOCUMENT_FIELDS, 'file'].map((f) => [
        f,
        this.views.translator.t(lang, `documents.fields.${f}`),
      ]),
    );
  }

  kindLabel(lang: string, kind: string): string {
    return this.views.translator.t(lang, `vocab.documentKinds.${kind}`);
  }

  kindOptions(req: WebRequest): Option[] {
    const lang = this.views.lang(req);
    return DOCUMENT_KINDS.map((k) => ({ value: k, label: this.kindLabel(lang, k) }));
  }
}
