import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  BlobNotFoundError,
  Clock,
  ConflictError,
  decodeKeyCursor,
  diffForAudit,
  encodeKeyCursor,
  EncryptedStorage,
  FieldCipher,
  ForbiddenError,
  hiddenAs,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
  type Page,
  EventBus,
} from '@witness/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  caseVisibleSql,
  decidesAccess,
  seesAllCases,
  seesSensitive,
  AccessService,
  DefenderAssignee,
} from '../access';
import { Defender, DefendersService } from '../defenders';
import { DetentionEvent } from '../detention';
import { EscalationDefender } from '../escalations';
import type { Actor } from '../shared/actor';
import { documentVisibleSql, seesConfidentialDocuments } from './document-access';
import { DocumentIntake, FileRefusedError, type PreparedFile } from './document-intake';
import { Document, DocumentVersion } from './document.entity';
import type {
  DocumentContent,
  DocumentInput,
  DocumentListQuery,
  DocumentPatch,
  DocumentVersionView,
  DocumentView,
  UploadedFile,
} from './document.types';
import type { FileType } from './file-types';
import type { DomainEvents } from '../shared/events';
import { cipherContext } from '../shared/encrypted-columns';

const sourceContext = (id: string) => cipherContext('documents', 'sourceIdentityEnc', id);
const dataKeyContext = (versionId: string) =>
  cipherContext('document_versions', 'dataKeyEnc', versionId);
/** Associated data of a sealed blob: which version it belongs to, and which part it is. */
const sealContext = (versionId: string, part: 'content' | 'thumbnail') =>
  `document_versions:${versionId}:${part}`;

export function toVersionView(v: DocumentVersion): DocumentVersionView {
  return {
    id: v.id,
    versionNo: v.versionNo,
    fileName: v.fileName,
    fileType: v.fileType as FileType,
    contentType: v.contentType,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
    storedSha256: v.storedSha256,
    width: v.width,
    height: v.height,
    hasThumbnail: v.thumbnailKey !== null,
    scan: v.scan,
    metadataRemoved: v.metadataRemoved,
    uploadedBy: v.uploadedBy,
    uploadedAt: v.createdAt.toISOString(),
  };
}

export function toDocumentView(d: Document, current: DocumentVersion): DocumentView {
  return {
    id: d.id,
    defenderId: d.defenderId,
    eventId: d.eventId,
    escalationId: d.escalationId,
    title: d.title,
    kind: d.kind,
    language: d.language,
    date: d.documentDate,
    confidential: d.confidential,
    current: toVersionView(current),
    versionCount: d.currentVersionNo,
    createdBy: d.createdBy,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The fields of a document the audit trail compares (the source identity only named). */
function auditable(d: Partial<Document> & { sourceIdentity?: unknown }): Record<string, unknown> {
  return {
    title: d.title,
    kind: d.kind,
    language: d.language ?? null,
    date: d.documentDate ?? null,
    confidential: d.confidential,
    eventId: d.eventId ?? null,
    escalationId: d.escalationId ?? null,
  };
}

interface StoredBlobs {
  versionId: string;
  blobKey: string;
  thumbnailKey: string | null;
  dataKeyEnc: string;
}

/**
 * Documents kept with a case. Access follows the case (need-to-know), and confidential
 * documents only reach assigned caseworkers, coordinators and admins. The file is checked
 * and made safe (`DocumentIntake`), sealed and stored before the database is written; if the
 * database write fails the stored blobs are removed, and if storing fails nothing is written.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('documents');

  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly intake: DocumentIntake,
    private readonly storage: EncryptedStorage,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  /** The refusal of a file over the configured size limit (the api's parser enforces it). */
  tooLarge(): FileRefusedError {
    return this.intake.tooLarge();
  }

  async upload(
    defenderId: string,
    input: DocumentInput,
    file: UploadedFile,
    actor: Actor,
  ): Promise<DocumentView> {
    const m = this.dataSource.manager;
    // Everything that can be refused is refused before anything is stored. (The access itself
    // is recorded once, in the transaction below.)
    if (!(await this.caseVisible(m, defenderId, actor)))
      await this.defenders.find(m, defenderId, { actor, reading: false });
    if (input.confidential) await this.mustSeeConfidential(m, actor, defenderId, 'confidential');
    await this.checkLinks(m, defenderId, input, actor);
    const prepared = await this.intake.prepare(file);
    if (!input.allowDuplicate) await this.assertNoDuplicate(m, defenderId, prepared, actor);

    const id = randomUUID();
    const stored = await this.store(prepared);
    try {
      await this.dataSource.transaction(async (tx) => {
        await this.defenders.find(tx, defenderId, { actor, lock: true, reading: false });
        // Again under the case's lock: two identical uploads at once keep one.
        if (!input.allowDuplicate) await this.assertNoDuplicate(tx, defenderId, prepared, actor);
        const now = this.clock.now();
        const sourceIdentity = input.sourceIdentity?.trim() || null;
        const doc = tx.create(Document, {
          id,
          defenderId,
          eventId: input.eventId ?? null,
          escalationId: input.escalationId ?? null,
          title: input.title.trim(),
          kind: input.kind,
          language: input.language ?? null,
          documentDate: input.date ?? null,
          confidential: input.confidential ?? false,
          sourceIdentityEnc: sourceIdentity
            ? this.cipher.encrypt(sourceIdentity, sourceContext(id))
            : null,
          currentVersionNo: 1,
          createdBy: actor.userId,
          createdAt: now,
        });
        await tx.insert(Document, doc);
        await this.insertVersion(tx, id, 1, prepared, stored, actor, now);
        await this.audit.record(tx, actor, {
          action: 'document.create',
          entityType: 'document',
          entityId: id,
          subjectId: defenderId,
          changes: {
            ...diffForAudit(null, { ...auditable(doc), sourceIdentity }),
            ...fileAudit(prepared, 1),
          },
        });
      });
    } catch (err) {
      await this.discard(stored);
      throw err;
    }
    return this.get(id, actor);
  }

  /** A new version of the file; the old ones are kept. `expectedVersion` as If-Match, if sent. */
  async addVersion(
    id: string,
    file: UploadedFile,
    options: { allowDuplicate?: boolean; expectedVersion?: number },
    actor: Actor,
  ): Promise<DocumentView> {
    const m = this.dataSource.manager;
    const doc = await this.load(m, id, actor, { reading: false, caseCheck: 'silent' });
    if (options.expectedVersion !== undefined)
      assertVersion('document', options.expectedVersion, doc.version);
    const prepared = await this.intake.prepare(file);
    if (!options.allowDuplicate) await this.assertNoDuplicate(m, doc.defenderId, prepared, actor);

    const stored = await this.store(prepared);
    try {
      await this.dataSource.transaction(async (tx) => {
        await this.defenders.find(tx, doc.defenderId, { actor, lock: true, reading: false });
        const locked = await this.load(tx, id, actor, { lock: true, caseCheck: 'done' });
        if (options.expectedVersion !== undefined)
          assertVersion('document', options.expectedVersion, locked.version);
        if (!options.allowDuplicate)
          await this.assertNoDuplicate(tx, locked.defenderId, prepared, actor);
        const versionNo = locked.currentVersionNo + 1;
        await this.insertVersion(tx, id, versionNo, prepared, stored, actor, this.clock.now());
        locked.currentVersionNo = versionNo;
        await tx.save(locked);
        await this.audit.record(tx, actor, {
          action: 'document.version',
          entityType: 'document',
          entityId: id,
          subjectId: locked.defenderId,
          changes: fileAudit(prepared, versionNo),
        });
      });
    } catch (err) {
      await this.discard(stored);
      throw err;
    }
    return this.get(id, actor);
  }

  async get(id: string, actor: Actor): Promise<DocumentView> {
    const m = this.dataSource.manager;
    const doc = await this.load(m, id, actor, { sensitive: seesSensitive(actor) });
    const current = await this.version(m, id, doc.currentVersionNo);
    const view = toDocumentView(doc, current);
    if (seesSensitive(actor)) {
      view.sourceIdentity = doc.sourceIdentityEnc
        ? this.cipher.decrypt(doc.sourceIdentityEnc, sourceContext(doc.id))
        : null;
    }
    return view;
  }

  async versions(id: string, actor: Actor): Promise<DocumentVersionView[]> {
    const m = this.dataSource.manager;
    await this.load(m, id, actor);
    const rows = await m.find(DocumentVersion, {
      where: { documentId: id },
      order: { versionNo: 'DESC' },
    });
    return rows.map(toVersionView);
  }

  /** A case's documents the actor may see, newest first (keyset-paginated). */
  async list(
    defenderId: string,
    query: DocumentListQuery,
    actor: Actor,
  ): Promise<Page<DocumentView>> {
    const m = this.dataSource.manager;
    await this.defenders.find(m, defenderId, { actor });
    const limit = query.limit ?? 50;
    const visible = documentVisibleSql(actor, 'doc');
    const qb = m
      .createQueryBuilder(Document, 'doc')
      .where('doc.defender_id = :defenderId', { defenderId })
      .andWhere(visible.where, visible.params);
    if (query.kind) qb.andWhere('doc.kind = :kind', { kind: query.kind });
    if (query.eventId) qb.andWhere('doc.event_id = :eventId', { eventId: query.eventId });
    if (query.escalationId)
      qb.andWhere('doc.escalation_id = :escalationId', { escalationId: query.escalationId });
    if (query.cursor) {
      const c = decodeKeyCursor(query.cursor);
      qb.andWhere('(doc.created_at, doc.id) < (:ck, :ci)', { ck: new Date(c.key), ci: c.id });
    }
    const rows = await qb
      .orderBy('doc.created_at', 'DESC')
      .addOrderBy('doc.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const data = rows.slice(0, limit);
    const current = await this.currentVersions(m, data);
    const last = data[data.length - 1];
    return {
      data: data.map((d) => toDocumentView(d, current.get(d.id) as DocumentVersion)),
      nextCursor:
        rows.length > limit && last ? encodeKeyCursor(last.createdAt.toISOString(), last.id) : null,
    };
  }

  async update(
    id: string,
    patch: DocumentPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<DocumentView> {
    if (patch.confidential === false && !decidesAccess(actor)) {
      // Declassifying widens who may read the document: a decider's call, like a case's
      // access. Refused whole and audited (outside any transaction), once the document is
      // known to be one the actor may see (404 otherwise); setting the mark is anyone's.
      const current = await this.load(this.dataSource.manager, id, actor, { caseCheck: 'silent' });
      if (current.confidential)
        await this.access.refuseDecisions(
          actor,
          { confidential: false },
          { entityType: 'document', entityId: id, subjectId: current.defenderId },
        );
    }
    await this.dataSource.transaction(async (tx) => {
      const doc = await this.load(tx, id, actor, { lock: true, sensitive: true, reading: false });
      assertVersion('document', expectedVersion, doc.version);
      for (const required of ['title', 'kind'] as const) {
        if (required in patch && (patch[required] === null || patch[required] === ''))
          throw ValidationFailedError.field(required, 'must not be empty');
      }
      if (patch.confidential === true && !doc.confidential)
        await this.mustSeeConfidential(tx, actor, doc.defenderId, 'confidential');
      const links: Pick<DocumentInput, 'eventId' | 'escalationId'> = {};
      if (patch.eventId && patch.eventId !== doc.eventId) links.eventId = patch.eventId;
      if (patch.escalationId && patch.escalationId !== doc.escalationId)
        links.escalationId = patch.escalationId;
      await this.checkLinks(tx, doc.defenderId, links, actor);

      const before = auditable(doc);
      if (patch.title !== undefined) doc.title = patch.title.trim();
      if (patch.kind !== undefined) doc.kind = patch.kind;
      if (patch.language !== undefined) doc.language = patch.language;
      if (patch.date !== undefined) doc.documentDate = patch.date;
      if (patch.confidential !== undefined) doc.confidential = patch.confidential;
      if (patch.eventId !== undefined) doc.eventId = patch.eventId;
      if (patch.escalationId !== undefined) doc.escalationId = patch.escalationId;
      const extra: Record<string, unknown> = {};
      if (patch.sourceIdentity !== undefined) {
        const value = patch.sourceIdentity?.trim() || null;
        doc.sourceIdentityEnc = value ? this.cipher.encrypt(value, sourceContext(id)) : null;
        extra.sourceIdentity = { from: '[redacted]', to: '[redacted]' };
      }
      await tx.save(doc);
      // A chosen public photo that became confidential or stopped being a photo is let go.
      const change =
        doc.confidential && !before.confidential
          ? 'confidential'
          : doc.kind !== 'photo' && before.kind === 'photo'
            ? 'not_a_photo'
            : null;
      if (change)
        await this.events.publish(tx, 'DocumentChanged', {
          documentId: id,
          change,
          at: this.clock.now(),
          actor,
        });
      await this.audit.record(tx, actor, {
        action: 'document.update',
        entityType: 'document',
        entityId: id,
        subjectId: doc.defenderId,
        changes: { ...diffForAudit(before, auditable(doc)), ...extra },
      });
    });
    return this.get(id, actor);
  }

  /**
   * Delete (soft): the document disappears from lists and reads, its files stay in the store
   * and its rows in the database, and the deletion is audited.
   */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const doc = await this.load(tx, id, actor, { lock: true, reading: false });
      doc.deletedAt = this.clock.now();
      doc.deletedBy = actor.userId;
      await tx.save(doc);
      await this.events.publish(tx, 'DocumentChanged', {
        documentId: id,
        change: 'deleted',
        at: doc.deletedAt,
        actor,
      });
      await this.audit.record(tx, actor, {
        action: 'document.delete',
        entityType: 'document',
        entityId: id,
        subjectId: doc.defenderId,
        changes: { deletedAt: { from: null, to: doc.deletedAt.toISOString() } },
      });
    });
  }

  /**
   * The file (the current version, or `versionNo`), decrypted as it streams. Downloading a
   * confidential document is audited before a byte is sent.
   */
  async content(id: string, actor: Actor, versionNo?: number): Promise<DocumentContent> {
    const m = this.dataSource.manager;
    const doc = await this.load(m, id, actor);
    const v = await this.version(m, id, versionNo ?? doc.currentVersionNo, true);
    const stream = await this.openBlob(v, v.blobKey, 'content');
    await this.recordDownload(doc, v, 'content', actor);
    return {
      stream,
      fileName: v.fileName,
      contentType: v.contentType,
      sizeBytes: v.sizeBytes,
      sha256: v.storedSha256,
    };
  }

  /** The thumbnail of a photo (404 for other files). */
  async thumbnail(id: string, actor: Actor): Promise<DocumentContent> {
    const m = this.dataSource.manager;
    const doc = await this.load(m, id, actor);
    const v = await this.version(m, id, doc.currentVersionNo, true);
    if (!v.thumbnailKey) throw new NotFoundError('Thumbnail of document', id);
    const stream = await this.openBlob(v, v.thumbnailKey, 'thumbnail');
    await this.recordDownload(doc, v, 'thumbnail', actor);
    const base = v.fileName.replace(/\.[^.]+$/, '');
    return {
      stream,
      fileName: `${base}-thumbnail.webp`,
      contentType: 'image/webp',
      sizeBytes: null,
      sha256: null,
    };
  }

  /**
   * Load a document the actor may see: its case visible (a read of a restricted case is
   * audited), not deleted, and not confidential unless the actor may see confidential ones.
   * Anything else is a 404 that does not tell whether the document exists.
   */
  async load(
    m: EntityManager,
    id: string,
    actor: Actor,
    options: {
      lock?: boolean;
      sensitive?: boolean;
      reading?: boolean;
      /**
       * `audit` (default): through DefendersService.find, which records restricted access;
       * `silent`: a check that records nothing when access is allowed (a pre-check before the
       * audited transaction); `done`: the caller has just checked (and locked) the case.
       */
      caseCheck?: 'audit' | 'silent' | 'done';
    } = {},
  ): Promise<Document> {
    const qb = m.createQueryBuilder(Document, 'doc').where('doc.id = :id', { id });
    if (options.sensitive) qb.addSelect('doc.sourceIdentityEnc');
    if (options.lock) qb.setLock('pessimistic_write');
    const doc = await qb.getOne();
    if (!doc || doc.deletedAt) throw new NotFoundError('Document', id);
    const check = options.caseCheck ?? 'audit';
    if (
      check === 'audit' ||
      (check === 'silent' && !(await this.caseVisible(m, doc.defenderId, actor)))
    ) {
      await hiddenAs('Document', id, () =>
        this.defenders.find(m, doc.defenderId, { actor, reading: options.reading ?? true }),
      );
    }
    if (doc.confidential && !(await this.seesConfidential(m, actor, doc.defenderId))) {
      await this.recordDenial(m, actor, doc);
      throw new NotFoundError('Document', id);
    }
    return doc;
  }

  /** Need-to-know for the case, checked in SQL without recording anything. */
  private async caseVisible(m: EntityManager, defenderId: string, actor: Actor): Promise<boolean> {
    const visible = caseVisibleSql(actor, 'd');
    const n = await m
      .createQueryBuilder(Defender, 'd')
      .where('d.id = :defenderId AND d.archived_at IS NULL', { defenderId })
      .andWhere(visible.where, visible.params)
      .getCount();
    return n > 0;
  }

  private async seesConfidential(
    m: EntityManager,
    actor: Actor,
    defenderId: string,
  ): Promise<boolean> {
    if (seesAllCases(actor)) return true;
    if (actor.role !== 'caseworker' || !actor.userId) return false;
    const assigned = (await m.countBy(DefenderAssignee, { defenderId, userId: actor.userId })) > 0;
    return seesConfidentialDocuments(actor, assigned);
  }

  private async mustSeeConfidential(
    m: EntityManager,
    actor: Actor,
    defenderId: string,
    field: string,
  ): Promise<void> {
    if (!(await this.seesConfidential(m, actor, defenderId)))
      throw new ForbiddenError(
        `Only the caseworkers assigned to this case, coordinators and admins may mark a document confidential (${field}): you would no longer see it yourself.`,
      );
  }

  /** An attempt on a confidential document the actor may not see: recorded, answered 404. */
  private async recordDenial(m: EntityManager, actor: Actor, doc: Document): Promise<void> {
    const entry = {
      action: 'access.denied',
      entityType: 'document',
      entityId: doc.id,
      subjectId: doc.defenderId,
      changes: { reason: 'confidential document' },
    };
    // As AccessService does: never a second pool connection while holding a transaction's.
    if (m.queryRunner?.isTransactionActive) {
      this.audit
        .record(null, actor, entry)
        .catch((err: unknown) => this.logger.error({ err }, 'could not record an access denial'));
    } else {
      await this.audit.record(null, actor, entry);
    }
  }

  private async recordDownload(
    doc: Document,
    v: DocumentVersion,
    part: 'content' | 'thumbnail',
    actor: Actor,
  ): Promise<void> {
    if (!doc.confidential) return;
    await this.audit.record(null, actor, {
      action: 'document.download',
      entityType: 'document',
      entityId: doc.id,
      subjectId: doc.defenderId,
      changes: { versionNo: v.versionNo, part, confidential: true },
    });
  }

  private async version(
    m: EntityManager,
    documentId: string,
    versionNo: number,
    withKey = false,
  ): Promise<DocumentVersion> {
    const qb = m
      .createQueryBuilder(DocumentVersion, 'v')
      .where('v.document_id = :documentId AND v.version_no = :versionNo', {
        documentId,
        versionNo,
      });
    if (withKey) qb.addSelect('v.dataKeyEnc');
    const v = await qb.getOne();
    if (!v) throw new NotFoundError(`Version ${versionNo} of document`, documentId);
    return v;
  }

  private async currentVersions(
    m: EntityManager,
    docs: Document[],
  ): Promise<Map<string, DocumentVersion>> {
    if (!docs.length) return new Map();
    const rows = await m.find(DocumentVersion, {
      where: { documentId: In(docs.map((d) => d.id)) },
    });
    const wanted = new Map(docs.map((d) => [d.id, d.currentVersionNo]));
    return new Map(
      rows.filter((v) => wanted.get(v.documentId) === v.versionNo).map((v) => [v.documentId, v]),
    );
  }

  /**
   * A linked event must be on this case's timeline; a linked escalation must concern this
   * case, and every case it concerns must be visible to the actor.
   */
  private async checkLinks(
    m: EntityManager,
    defenderId: string,
    links: Pick<DocumentInput, 'eventId' | 'escalationId'>,
    actor: Actor,
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (links.eventId) {
      const found = await m.countBy(DetentionEvent, { id: links.eventId, defenderId });
      if (!found)
        errors.push({ field: 'eventId', message: "is not an event on this case's timeline" });
    }
    if (links.escalationId) {
      const linked = await m.countBy(EscalationDefender, {
        escalationId: links.escalationId,
        defenderId,
      });
      const visible = caseVisibleSql(actor, 'd');
      const hidden = linked
        ? await m
            .createQueryBuilder()
            .from(EscalationDefender, 'ed')
            .innerJoin('defenders', 'd', 'd.id = ed.defender_id')
            .where('ed.escalation_id = :eid', { eid: links.escalationId })
            .andWhere(`NOT (${visible.where})`, visible.params)
            .getCount()
        : 0;
      if (!linked || hidden)
        errors.push({ field: 'escalationId', message: 'is not an escalation of this case' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
  }

  /**
   * The same file (by the SHA-256 of what was received) already on this case, in a document
   * the actor can see: 409 naming it, unless `allowDuplicate` was sent.
   */
  private async assertNoDuplicate(
    m: EntityManager,
    defenderId: string,
    prepared: PreparedFile,
    actor: Actor,
  ): Promise<void> {
    const visible = documentVisibleSql(actor, 'doc');
    const found = await m
      .createQueryBuilder(DocumentVersion, 'v')
      .innerJoin(Document, 'doc', 'doc.id = v.document_id')
      .select(['v.documentId AS "documentId"', 'v.versionNo AS "versionNo"', 'doc.title AS title'])
      .where('doc.defender_id = :defenderId AND v.sha256 = :sha', {
        defenderId,
        sha: prepared.sha256,
      })
      .andWhere(visible.where, visible.params)
      .orderBy('v.created_at', 'ASC')
      .limit(1)
      .getRawOne<{ documentId: string; versionNo: number; title: string }>();
    if (found) {
      throw new ConflictError(
        `This file is already on the case: version ${found.versionNo} of "${found.title}" (document ${found.documentId}). Open that document, or send allowDuplicate=true to keep a second copy.`,
        {
          duplicateOf: {
            documentId: found.documentId,
            versionNo: Number(found.versionNo),
            title: found.title,
          },
        },
      );
    }
  }

  /** Seal and store the file (and its thumbnail) under fresh random keys. */
  private async store(prepared: PreparedFile): Promise<StoredBlobs> {
    const versionId = randomUUID();
    const name = randomUUID();
    const blobKey = `documents/${name.slice(0, 2)}/${name}`;
    const thumbnailKey = prepared.thumbnail ? `${blobKey}.thumb` : null;
    const dk = this.storage.newDataKey(dataKeyContext(versionId));
    const stored: StoredBlobs = { versionId, blobKey, thumbnailKey: null, dataKeyEnc: dk.wrapped };
    await this.storage.put(blobKey, prepared.content, dk.key, sealContext(versionId, 'content'));
    if (prepared.thumbnail && thumbnailKey) {
      try {
        await this.storage.put(
          thumbnailKey,
          prepared.thumbnail,
          dk.key,
          sealContext(versionId, 'thumbnail'),
        );
      } catch (err) {
        await this.discard(stored);
        throw err;
      }
      stored.thumbnailKey = thumbnailKey;
    }
    return stored;
  }

  private async discard(stored: StoredBlobs): Promise<void> {
    await this.storage.remove(stored.blobKey);
    if (stored.thumbnailKey) await this.storage.remove(stored.thumbnailKey);
  }

  private async insertVersion(
    tx: EntityManager,
    documentId: string,
    versionNo: number,
    prepared: PreparedFile,
    stored: StoredBlobs,
    actor: Actor,
    now: Date,
  ): Promise<void> {
    await tx.insert(DocumentVersion, {
      id: stored.versionId,
      documentId,
      versionNo,
      fileName: prepared.fileName,
      fileType: prepared.fileType,
      contentType: prepared.contentType,
      sizeBytes: prepared.content.length,
      sha256: prepared.sha256,
      storedSha256: prepared.storedSha256,
      blobKey: stored.blobKey,
      thumbnailKey: stored.thumbnailKey,
      dataKeyEnc: stored.dataKeyEnc,
      width: prepared.width,
      height: prepared.height,
      scan: prepared.scan,
      metadataRemoved: prepared.metadataRemoved,
      uploadedBy: actor.userId,
      createdAt: now,
    });
  }

  private async openBlob(
    v: DocumentVersion,
    key: string,
    part: 'content' | 'thumbnail',
  ): Promise<NodeJS.ReadableStream> {
    const dataKey = this.storage.unwrap(v.dataKeyEnc, dataKeyContext(v.id));
    try {
      return await this.storage.open(key, dataKey, sealContext(v.id, part));
    } catch (err) {
      if (err instanceof BlobNotFoundError)
        this.logger.error({ versionId: v.id, part }, 'a document version has no blob in the store');
      else if (!(err instanceof Error && err.name === 'StorageUnavailableError'))
        this.logger.error({ err, versionId: v.id, part }, 'a stored document failed to decrypt');
      throw err;
    }
  }
}

function fileAudit(p: PreparedFile, versionNo: number): Record<string, unknown> {
  return {
    file: {
      from: null,
      to: {
        versionNo,
        fileName: p.fileName,
        fileType: p.fileType,
        sizeBytes: p.content.length,
        sha256: p.sha256,
        scan: p.scan,
      },
    },
  };
}
