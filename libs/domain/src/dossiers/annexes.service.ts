import { PassThrough, Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  Clock,
  ForbiddenError,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ZipFile } from 'yazl';
import { caseVisibleSql, seesAllCases, DefenderAssignee } from '../access';
import {
  assertServable,
  documentVisibleSql,
  seesConfidentialDocuments,
  Document,
  type DocumentKind,
  DocumentsService,
  type FileType,
  type ScanState,
} from '../documents';
import { Escalation, EscalationsService } from '../escalations';
import type { Actor } from '../shared/actor';
import { dossierAnnexRows, escalationAnnexRows, isLive, type AnnexRow } from './annexes.data';
import { EscalationAnnex } from './annexes.entity';
import {
  annexPrefix,
  bundleEntryName,
  MAX_ANNEXES,
  mergeKeepingHidden,
  uniqueNames,
} from './annexes.rules';
import type { DossierLanguage } from './dossier-data';
import { DossiersService } from './dossiers.service';

export interface AnnexInput {
  /** The documents, in the order they are to be numbered. */
  documentIds: string[];
  /**
   * Pin the latest version of every listed document. Otherwise a document already chosen
   * keeps the version pinned when it was chosen, and a newly chosen one is pinned at its
   * latest version.
   */
  refreshVersions?: boolean;
}

export interface AnnexView {
  /** Its number among the annexes you see ("Annex 2"). */
  number: number;
  documentId: string;
  defenderId: string;
  title: string;
  kind: DocumentKind;
  language: string | null;
  date: string | null;
  confidential: boolean;
  /** The pinned version: what goes with the dossier. */
  versionNo: number;
  /** The document's latest version (greater than versionNo when a newer one was uploaded). */
  latestVersionNo: number;
  fileName: string;
  fileType: FileType;
  contentType: string;
  sizeBytes: number;
  chosenBy: string | null;
  chosenAt: string | null;
}

export interface AnnexSetView {
  escalationId: string;
  /** The escalation's version (its ETag): changing the annexes needs it in If-Match. */
  version: number;
  annexes: AnnexView[];
}

/** A document of the escalation's cases the actor may choose (the web app's picker). */
export interface AnnexCandidate {
  documentId: string;
  defenderId: string;
  title: string;
  kind: DocumentKind;
  language: string | null;
  date: string | null;
  confidential: boolean;
  latestVersionNo: number;
  /** Its number among the chosen annexes, or null. */
  chosen: number | null;
  /** The pinned version, when chosen. */
  pinnedVersionNo: number | null;
}

/** A dossier and its annexes as one ZIP, streamed. */
export interface DossierBundle {
  fileName: string;
  stream: NodeJS.ReadableStream;
  /** The names inside, in order (the dossier first). */
  entries: string[];
}

/** Most documents the picker offers (newest first; chosen ones always). */
const MAX_CANDIDATES = 200;

/** Text for the bundle when annexes the dossier lists are no longer available. */
const WITHDRAWN_NOTE: Record<DossierLanguage, (numbers: string) => string> = {
  en: (n) =>
    `The following annexes listed in the dossier are no longer available and are not in this bundle: ${n}.\n`,
  fr: (n) =>
    `Les annexes suivantes, mentionnées dans le dossier, ne sont plus disponibles et ne figurent pas dans cet envoi : ${n}.\n`,
  es: (n) =>
    `Los anexos siguientes, mencionados en el expediente, ya no están disponibles y no figuran en este envío: ${n}.\n`,
};
const WITHDRAWN_FILE = 'withdrawn-annexes.txt';

/** Compressing PDFs, photos and office files (already compressed) only costs time. */
const COMPRESSIBLE = new Set(['txt', 'html']);

/**
 * Dossier annexes: the documents an escalation chooses to go with it (ordered, each pinned to
 * the version chosen), and the bundle of a dossier with its annexes. Access follows the
 * documents: a case the actor cannot see hides the escalation; a confidential document is
 * chosen, listed and bundled only for those who may see it.
 */
@Injectable()
export class AnnexesService {
  private readonly logger = new Logger('annexes');

  constructor(
    private readonly dataSource: DataSource,
    private readonly escalations: EscalationsService,
    private readonly dossiers: DossiersService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The escalation's annexes the actor may see, in order. */
  async get(escalationId: string, actor: Actor): Promise<AnnexSetView> {
    const m = this.dataSource.manager;
    const { e, defenderIds } = await this.escalations.load(m, escalationId, actor);
    const rows = (await escalationAnnexRows(m, escalationId)).filter(isLive);
    const sees = await this.confidentialCases(m, actor, defenderIds);
    return {
      escalationId,
      version: e.version,
      annexes: rows.filter((r) => !r.confidential || sees.has(r.defenderId)).map(toAnnexView),
    };
  }

  /**
   * Replace the escalation's annexes with `documentIds`, in that order. Each must be a live
   * document of one of its defenders that the actor may see; annexes the actor cannot see keep
   * their place. Needs the escalation's version (If-Match), which a change moves on. Audited.
   */
  async set(
    escalationId: string,
    input: AnnexInput,
    expectedVersion: number,
    actor: Actor,
  ): Promise<AnnexSetView> {
    await this.dataSource.transaction(async (tx) => {
      const { e, defenderIds } = await this.escalations.load(tx, escalationId, actor, {
        lock: true,
      });
      assertVersion('escalation', expectedVersion, e.version);
      const current = await escalationAnnexRows(tx, escalationId, { lock: true });
      const live = current.filter(isLive);
      const sees = await this.confidentialCases(tx, actor, defenderIds);
      const visible = (r: { confidential: boolean; defenderId: string }) =>
        !r.confidential || sees.has(r.defenderId);

      const chosen = await this.checkChoice(tx, input.documentIds, defenderIds, visible);
      const hidden = live
        .map((row, index) => ({ row, index }))
        .filter(({ row }) => !visible(row))
        .map(({ row, index }) => ({ item: { documentId: row.documentId, versionId: '' }, index }));
      const merged = mergeKeepingHidden(chosen, hidden);
      if (merged.length > MAX_ANNEXES) {
        throw ValidationFailedError.field(
          'documentIds',
          `must hold at most ${MAX_ANNEXES} documents`,
        );
      }

      const before = new Map(live.map((r) => [r.documentId, r]));
      const now = this.clock.now();
      const next = merged.map((c, i) => {
        const kept = before.get(c.documentId);
        // A hidden annex always keeps its pin; a visible one unless asked to refresh.
        const keep = kept && (!c.versionId || !input.refreshVersions);
        const versionId = keep ? kept.documentVersionId : c.versionId;
        const unchanged = kept && kept.documentVersionId === versionId;
        return {
          escalationId,
          documentId: c.documentId,
          position: i + 1,
          documentVersionId: versionId,
          chosenBy: unchanged ? kept.chosenBy : actor.userId,
          chosenAt: unchanged && kept.chosenAt ? kept.chosenAt : now,
        };
      });

      // A version waiting for the virus check (or quarantined) cannot go with a dossier.
      await this.assertServable(
        tx,
        next
          .filter(
            (n) =>
              !before.has(n.documentId) ||
              before.get(n.documentId)?.documentVersionId !== n.documentVersionId,
          )
          .map((n) => n.documentVersionId),
      );

      const same =
        current.length === next.length &&
        next.every(
          (n, i) =>
            current[i].documentId === n.documentId &&
            current[i].documentVersionId === n.documentVersionId,
        );
      // Saving what is already saved changes nothing (and leaves the version, so nobody
      // else's form goes stale).
      if (same) return;

      await tx.delete(EscalationAnnex, { escalationId });
      if (next.length) await tx.insert(EscalationAnnex, next);
      // The annexes are part of the escalation: its version (ETag) moves on.
      await tx.update(Escalation, { id: escalationId }, { updatedAt: now });
      const versionNos = await this.versionNos(
        tx,
        next.map((n) => n.documentVersionId),
      );
      await this.audit.record(tx, actor, {
        action: 'escalation.annexes',
        entityType: 'escalation',
        entityId: escalationId,
        subjectId: defenderIds[0],
        changes: {
          annexes: {
            from: live.map((r) => ({ documentId: r.documentId, versionNo: r.versionNo })),
            to: next.map((n) => ({
              documentId: n.documentId,
              versionNo: versionNos.get(n.documentVersionId),
            })),
          },
        },
      });
    });
    return this.get(escalationId, actor);
  }

  /**
   * The documents of the escalation's cases the actor may choose, for the picker: the chosen
   * ones in their order, then the others, newest first.
   */
  async candidates(escalationId: string, actor: Actor): Promise<AnnexCandidate[]> {
    const m = this.dataSource.manager;
    const { defenderIds } = await this.escalations.load(m, escalationId, actor);
    if (!defenderIds.length) return [];
    const set = await this.get(escalationId, actor);
    const chosen = new Map(set.annexes.map((a) => [a.documentId, a]));
    const visibleDoc = documentVisibleSql(actor, 'doc');
    const docs = await m
      .createQueryBuilder(Document, 'doc')
      .where('doc.defender_id IN (:...defenderIds)', { defenderIds })
      .andWhere(visibleDoc.where, visibleDoc.params)
      .orderBy('doc.created_at', 'DESC')
      .addOrderBy('doc.id', 'DESC')
      .limit(MAX_CANDIDATES)
      .getMany();
    const toCandidate = (d: {
      id: string;
      defenderId: string;
      title: string;
      kind: DocumentKind;
      language: string | null;
      documentDate: string | null;
      confidential: boolean;
      currentVersionNo: number;
    }): AnnexCandidate => {
      const a = chosen.get(d.id);
      return {
        documentId: d.id,
        defenderId: d.defenderId,
        title: d.title,
        kind: d.kind,
        language: d.language,
        date: d.documentDate,
        confidential: d.confidential,
        latestVersionNo: d.currentVersionNo,
        chosen: a ? a.number : null,
        pinnedVersionNo: a ? a.versionNo : null,
      };
    };
    const picked = set.annexes.map((a) =>
      toCandidate({
        id: a.documentId,
        defenderId: a.defenderId,
        title: a.title,
        kind: a.kind,
        language: a.language,
        documentDate: a.date,
        confidential: a.confidential,
        currentVersionNo: a.latestVersionNo,
      }),
    );
    return [...picked, ...docs.filter((d) => !chosen.has(d.id)).map(toCandidate)];
  }

  /**
   * A ZIP of the dossier file and the annexes it lists (the versions pinned when it was
   * requested), decrypted as it streams. Who may download the dossier may download its bundle;
   * a confidential annex needs the right to see it (403 otherwise: the bundle is never
   * silently short). An annex deleted since, or (public edition) made confidential since, is
   * left out and named in `withdrawn-annexes.txt`. The dossier download is audited as one,
   * and each confidential annex as a document download, before its bytes are sent.
   */
  async bundle(dossierId: string, actor: Actor): Promise<DossierBundle> {
    const m = this.dataSource.manager;
    const dossier = await this.dossiers.downloadable(dossierId, actor);
    const rows = (await dossierAnnexRows(m, dossierId))
      .filter((r) => r.annexNo !== null)
      .sort((a, b) => (a.annexNo as number) - (b.annexNo as number));
    const defenderIds = [...new Set(rows.map((r) => r.defenderId))];
    const sees = await this.confidentialCases(m, actor, defenderIds);
    const visibleCases = await this.visibleCases(m, actor, defenderIds);

    const included: AnnexRow[] = [];
    const withdrawn: number[] = [];
    for (const r of rows) {
      const gone = r.deleted || r.archived || (dossier.edition === 'public' && r.confidential);
      if (gone) {
        withdrawn.push(r.annexNo as number);
      } else if (!visibleCases.has(r.defenderId) || (r.confidential && !sees.has(r.defenderId))) {
        throw new ForbiddenError(
          'This bundle holds confidential documents that only the caseworkers assigned to the case, coordinators and admins may download. Download the dossier alone, or ask one of them.',
        );
      } else {
        // Never part of a bundle while waiting for the virus check, nor once quarantined.
        assertServable(r);
        included.push(r);
      }
    }

    // Audited (submission edition) only now that the bundle is known to be allowed.
    const file = await this.dossiers.content(dossierId, actor, { part: 'bundle' });
    const total = rows.length;
    const names = uniqueNames([
      `${annexPrefix(0, total)}-${file.fileName}`,
      ...included.map((r) => bundleEntryName(r.annexNo as number, total, r.title, r.fileType)),
      ...(withdrawn.length ? [WITHDRAWN_FILE] : []),
    ]);

    const zip = new ZipFile();
    const out = new PassThrough();
    let current: NodeJS.ReadableStream | null = null;
    let stopped = false;
    const fail = (err: Error) => {
      if (stopped) return;
      stopped = true;
      this.logger.error(
        { err: { name: err.name, message: err.message }, dossierId },
        'dossier bundle broke off',
      );
      (current as Readable | null)?.destroy?.();
      out.destroy(err);
    };
    zip.on('error', fail);
    // The client went away: stop reading the store.
    out.on('close', () => {
      if (!out.writableFinished) {
        stopped = true;
        (current as Readable | null)?.destroy?.();
      }
    });

    const renderedAt = dossier.renderedAt ? new Date(dossier.renderedAt) : this.clock.now();
    zip.addBuffer(file.bytes, names[0], {
      mtime: renderedAt,
      compress: dossier.format === 'html',
    });
    included.forEach((r, i) => {
      zip.addReadStreamLazy(
        names[i + 1],
        { mtime: r.uploadedAt, compress: COMPRESSIBLE.has(r.fileType), size: r.sizeBytes },
        (cb) => {
          if (stopped) return cb(null, Readable.from([]));
          // Opened one at a time, when its turn comes; the documents feature checks access
          // again and audits a confidential document's download before its first byte.
          this.documents.content(r.documentId, actor, r.versionNo).then(
            (content) => {
              current = content.stream;
              content.stream.on('error', (err: Error) => fail(err));
              cb(null, content.stream);
            },
            (err: Error) => fail(err),
          );
        },
      );
    });
    if (withdrawn.length) {
      zip.addBuffer(
        Buffer.from(WITHDRAWN_NOTE[dossier.language](withdrawn.join(', ')), 'utf8'),
        names[names.length - 1],
        { mtime: this.clock.now() },
      );
    }
    zip.end();
    zip.outputStream.on('error', (err: Error) => fail(err));
    zip.outputStream.pipe(out);
    return {
      fileName: file.fileName.replace(/\.(pdf|html)$/, '') + '-bundle.zip',
      stream: out,
      entries: names,
    };
  }

  /**
   * The chosen ids as live documents of the escalation's cases the actor may see, each with
   * its latest version; every one that is not, named by its index (unknown, deleted, of
   * another case and hidden all read the same, so nothing is told about documents one may not
   * see).
   */
  private async checkChoice(
    tx: EntityManager,
    ids: string[],
    defenderIds: string[],
    visible: (r: { confidential: boolean; defenderId: string }) => boolean,
  ): Promise<{ documentId: string; versionId: string }[]> {
    const rows: {
      id: string;
      defender_id: string;
      confidential: boolean;
      deleted: boolean;
      version_id: string;
    }[] = ids.length
      ? await tx.query(
          `SELECT d.id, d.defender_id, d.confidential, d.deleted_at IS NOT NULL AS deleted,
                  v.id AS version_id
             FROM documents d
             JOIN document_versions v ON v.document_id = d.id AND v.version_no = d.current_version_no
            WHERE d.id = ANY($1::uuid[])
              FOR SHARE OF d`,
          [ids],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const out: { documentId: string; versionId: string }[] = [];
    ids.forEach((id, i) => {
      const r = byId.get(id);
      if (seen.has(id)) {
        errors.push({ field: `documentIds[${i}]`, message: 'is listed twice' });
        return;
      }
      seen.add(id);
      if (
        !r ||
        r.deleted ||
        !defenderIds.includes(r.defender_id) ||
        !visible({ confidential: r.confidential, defenderId: r.defender_id })
      ) {
        errors.push({
          field: `documentIds[${i}]`,
          message: 'is not a document of the cases this escalation concerns',
        });
        return;
      }
      out.push({ documentId: id, versionId: r.version_id });
    });
    if (errors.length) throw new ValidationFailedError(errors);
    return out;
  }

  /** Of these cases, those whose confidential documents the actor may see. */
  private async confidentialCases(
    m: EntityManager,
    actor: Actor,
    defenderIds: string[],
  ): Promise<Set<string>> {
    if (seesAllCases(actor)) return new Set(defenderIds);
    if (actor.role !== 'caseworker' || !actor.userId || !defenderIds.length) return new Set();
    const assigned = await m
      .createQueryBuilder(DefenderAssignee, 'a')
      .where('a.user_id = :userId AND a.defender_id IN (:...defenderIds)', {
        userId: actor.userId,
        defenderIds,
      })
      .getMany();
    const ids = new Set(assigned.map((a) => a.defenderId));
    return new Set(defenderIds.filter((d) => seesConfidentialDocuments(actor, ids.has(d))));
  }

  /** Of these cases, those the actor may see (need-to-know), checked in SQL. */
  private async visibleCases(
    m: EntityManager,
    actor: Actor,
    defenderIds: string[],
  ): Promise<Set<string>> {
    if (!defenderIds.length) return new Set();
    const visible = caseVisibleSql(actor, 'd');
    const rows: { id: string }[] = await m
      .createQueryBuilder()
      .select('d.id', 'id')
      .from('defenders', 'd')
      .where('d.id IN (:...defenderIds)', { defenderIds })
      .andWhere(visible.where, visible.params)
      .getRawMany();
    return new Set(rows.map((r) => r.id));
  }

  /** 409 naming the state when one of these versions is pending or quarantined. */
  private async assertServable(tx: EntityManager, versionIds: string[]): Promise<void> {
    if (!versionIds.length) return;
    const rows: { documentId: string; versionNo: number; scan: ScanState }[] = await tx.query(
      `SELECT document_id AS "documentId", version_no AS "versionNo", scan
         FROM document_versions WHERE id = ANY($1::uuid[])`,
      [versionIds],
    );
    rows.forEach(assertServable);
  }

  private async versionNos(tx: EntityManager, versionIds: string[]): Promise<Map<string, number>> {
    if (!versionIds.length) return new Map();
    const rows: { id: string; version_no: number }[] = await tx.query(
      `SELECT version_id AS id, version_no FROM annex_versions WHERE version_id = ANY($1::uuid[])`,
      [versionIds],
    );
    return new Map(rows.map((r) => [r.id, r.version_no]));
  }
}

function toAnnexView(r: AnnexRow, i: number): AnnexView {
  return {
    number: i + 1,
    documentId: r.documentId,
    defenderId: r.defenderId,
    title: r.title,
    kind: r.kind,
    language: r.language,
    date: r.date,
    confidential: r.confidential,
    versionNo: r.versionNo,
    latestVersionNo: r.latestVersionNo,
    fileName: r.fileName,
    fileType: r.fileType,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    chosenBy: r.chosenBy,
    chosenAt: r.chosenAt ? r.chosenAt.toISOString() : null,
  };
}
