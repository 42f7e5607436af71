import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  Clock,
  decodeKeyCursor,
  diffForAudit,
  encodeKeyCursor,
  FieldCipher,
  hiddenAs,
  NotFoundError,
  ValidationFailedError,
  type Page,
  EventBus,
  OutboxService,
} from '@witness/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { decidesAccess, seesSensitive, AccessService } from '../access';
import { DefendersService } from '../defenders';
import type { Actor } from '../shared/actor';
import { documentVisibleSql } from './document-access';
import { DocumentBlobs, type StoredBlobs } from './document-blobs';
import { DocumentChecks } from './document-checks';
import { DocumentIntake, FileRefusedError, type PreparedFile } from './document-intake';
import { assertServable, requestScan } from './document-scans';
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
import { auditable, fileAudit, toDocumentView, toVersionView } from './document-views';
import type { DomainEvents } from '../shared/events';
import { cipherContext } from '../shared/encrypted-columns';

const sourceContext = (id: string) => cipherContext('documents', 'sourceIdentityEnc', id);

/**
 * Documents kept with a case. Access follows the case (need-to-know), and confidential
 * documents only reach assigned caseworkers, coordinators and admins. The file is checked
 * and made safe (`DocumentIntake`), sealed and stored before the database is written; if the
 * database write fails the stored blobs are removed, and if storing fails nothing is written.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly intake: DocumentIntake,
    private readonly checks: DocumentChecks,
    private readonly blobs: DocumentBlobs,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly events: EventBus<DomainEvents>,
    private readonly outbox: OutboxService,
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
    if (!(await this.checks.caseVisible(m, defenderId, actor)))
      await this.defenders.find(m, defenderId, { actor, reading: false });
    if (input.confidential)
      await this.checks.mustSeeConfidential(m, actor, defenderId, 'confidential');
    await this.checks.checkLinks(m, defenderId, input, actor);
    const prepared = await this.intake.prepare(file);
    if (!input.allowDuplicate) await this.checks.assertNoDuplicate(m, defenderId, prepared, actor);

    const id = randomUUID();
    const stored = await this.blobs.store(prepared);
    try {
      await this.dataSource.transaction(async (tx) => {
        await this.defenders.find(tx, defenderId, { actor, lock: true, reading: false });
        // Again under the case's lock: two identical uploads at once keep one.
        if (!input.allowDuplicate)
          await this.checks.assertNoDuplicate(tx, defenderId, prepared, actor);
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
      await this.blobs.discard(stored);
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
    if (!options.allowDuplicate)
      await this.checks.assertNoDuplicate(m, doc.defenderId, prepared, actor);

    const stored = await this.blobs.store(prepared);
    try {
      await this.dataSource.transaction(async (tx) => {
        await this.defenders.find(tx, doc.defenderId, { actor, lock: true, reading: false });
        const locked = await this.load(tx, id, actor, { lock: true, caseCheck: 'done' });
        if (options.expectedVersion !== undefined)
          assertVersion('document', options.expectedVersion, locked.version);
        if (!options.allowDuplicate)
          await this.checks.assertNoDuplicate(tx, locked.defenderId, prepared, actor);
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
      await this.blobs.discard(stored);
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
        await this.checks.mustSeeConfidential(tx, actor, doc.defenderId, 'confidential');
      const links: Pick<DocumentInput, 'eventId' | 'escalationId'> = {};
      if (patch.eventId && patch.eventId !== doc.eventId) links.eventId = patch.eventId;
      if (patch.escalationId && patch.escalationId !== doc.escalationId)
        links.escalationId = patch.escalationId;
      await this.checks.checkLinks(tx, doc.defenderId, links, actor);

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
    assertServable(v);
    const stream = await this.blobs.openBlob(v, v.blobKey, 'content');
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
    assertServable(v);
    if (!v.thumbnailKey) throw new NotFoundError('Thumbnail of document', id);
    const stream = await this.blobs.openBlob(v, v.thumbnailKey, 'thumbnail');
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
      (check === 'silent' && !(await this.checks.caseVisible(m, doc.defenderId, actor)))
    ) {
      await hiddenAs('Document', id, () =>
        this.defenders.find(m, doc.defenderId, { actor, reading: options.reading ?? true }),
      );
    }
    if (doc.confidential && !(await this.checks.seesConfidential(m, actor, doc.defenderId))) {
      await this.checks.recordDenial(m, actor, doc);
      throw new NotFoundError('Document', id);
    }
    return doc;
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
    // Kept while clamd was down: the worker scans it (the job commits with the version).
    if (prepared.scan === 'pending') await requestScan(this.outbox, tx, stored.versionId);
  }
}
