import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  ConflictError,
  DossierJob,
  FieldCipher,
  ForbiddenError,
  jobIds,
  hiddenAs,
  NotFoundError,
  OutboxService,
  QueueName,
  type Actor,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { seesSensitive } from '../access';
import { EscalationsService, type Escalation } from '../escalations';
import {
  dossierAnnexRows,
  escalationAnnexRows,
  listedAnnexes,
  type AnnexRow,
} from './annexes.data';
import { DossierAnnex } from './annexes.entity';
import type { DossierData, DossierEdition, DossierLanguage } from './dossier-data';
import { buildDossierData, withheldCases } from './dossier-build';
import { dossierFileName } from './dossier-file-name';
import { Dossier, type DossierState } from './dossier.entity';
import { DOSSIER_TEMPLATE_VERSION, renderDossierHtml } from './dossier-renderer';
import { QuestionnaireService } from './questionnaire.service';
import { cipherContext } from '../shared/encrypted-columns';

export interface DossierRequest {
  language: DossierLanguage;
  format: 'pdf' | 'html';
  edition: DossierEdition;
  /**
   * Generate it even though the mechanism's required answers are not all there (the
   * completeness check otherwise refuses with 422 listing them).
   */
  acknowledgeIncomplete?: boolean;
}

export interface DossierView {
  id: string;
  escalationId: string;
  versionNo: number;
  language: DossierLanguage;
  format: 'pdf' | 'html';
  edition: DossierEdition;
  state: DossierState;
  failureReason: string | null;
  templateVersion: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  /** The file's name, fixed when it was requested: WIT-2026-0042-wgad-en-v2.pdf. */
  fileName: string;
  /** It was generated although the mechanism's required answers were not all there. */
  incomplete: boolean;
  createdAt: string;
  renderedAt: string | null;
  /** The case changed after this dossier was made. */
  stale?: boolean;
}

export interface RenderedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  sha256: string;
}

/** Turns HTML into PDF; implemented in the worker with headless Chromium. */
export interface HtmlToPdf {
  render(html: string, options?: { title?: string }): Promise<Buffer>;
}

const contentContext = (id: string) => cipherContext('dossiers', 'contentEnc', id);

function toView(d: Dossier): DossierView {
  return {
    id: d.id,
    escalationId: d.escalationId,
    versionNo: d.versionNo,
    language: d.language,
    format: d.format,
    edition: d.edition,
    state: d.state,
    failureReason: d.failureReason,
    templateVersion: d.templateVersion,
    sha256: d.sha256,
    sizeBytes: d.sizeBytes,
    fileName: d.fileName,
    incomplete: d.incomplete,
    createdAt: d.createdAt.toISOString(),
    renderedAt: d.renderedAt ? d.renderedAt.toISOString() : null,
  };
}

/**
 * Dossiers: requested through the outbox (a row committed with the request), rendered by
 * the worker, stored encrypted, one version per request. A job run twice makes one version.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escalations: EscalationsService,
    private readonly outbox: OutboxService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly questionnaire: QuestionnaireService,
  ) {}

  /**
   * Ask for a new version. A submission edition needs every person's consent (409); then the
   * mechanism's required answers for the edition (422 listing what is missing, unless
   * `acknowledgeIncomplete`). The version's number and file name are fixed here, for good.
   */
  async request(escalationId: string, req: DossierRequest, actor: Actor): Promise<DossierView> {
    const id = await this.dataSource.transaction(async (tx) => {
      const { e, defenderIds } = await this.escalations.load(tx, escalationId, actor, {
        lock: true,
      });
      if (req.edition === 'submission') await this.escalations.consentGate(tx, defenderIds);
      const completeness = await this.questionnaire.assertComplete(
        tx,
        escalationId,
        req.edition,
        req.acknowledgeIncomplete === true,
        actor,
      );
      const rows: { n: number | null }[] = await tx.query(
        `SELECT max(version_no) AS n FROM dossiers WHERE escalation_id = $1`,
        [escalationId],
      );
      const versionNo = (rows[0].n ?? 0) + 1;
      const d = await tx.save(
        tx.create(Dossier, {
          language: req.language,
          format: req.format,
          edition: req.edition,
          escalationId,
          versionNo,
          fileName: dossierFileName({
            ...req,
            reference: e.reference,
            kind: e.kind,
            mechanism: e.mechanism,
            versionNo,
          }),
          incomplete: !completeness.complete,
          state: 'queued',
          requestedBy: actor.userId,
        }),
      );
      // The escalation's annexes as they stand now (the pinned versions) go with this
      // dossier: its list and its bundle are made from this record, whatever changes later.
      // A public edition never records a confidential document.
      const annexes = listedAnnexes(
        await escalationAnnexRows(tx, escalationId),
        req.edition,
        await withheldCases(tx, defenderIds, req.edition, this.clock.today()),
      );
      if (annexes.length) {
        await tx.insert(
          DossierAnnex,
          annexes.map(({ row, number }) => ({
            dossierId: d.id,
            position: number,
            documentId: row.documentId,
            documentVersionId: row.documentVersionId,
            annexNo: null,
          })),
        );
      }
      await this.outbox.add(tx, {
        queue: QueueName.Dossiers,
        name: DossierJob.Render,
        jobId: jobIds.dossier(d.id),
        payload: { dossierId: d.id },
      });
      await this.audit.record(tx, actor, {
        action: 'dossier.request',
        entityType: 'dossier',
        entityId: d.id,
        subjectId: defenderIds[0],
        changes: {
          language: { from: null, to: req.language },
          edition: { from: null, to: req.edition },
          format: { from: null, to: req.format },
          fileName: { from: null, to: d.fileName },
          ...(completeness.complete
            ? {}
            : { acknowledgedMissing: { from: null, to: completeness.missing } }),
          ...(annexes.length
            ? {
                annexes: {
                  from: null,
                  to: annexes.map(({ row }) => ({
                    documentId: row.documentId,
                    versionNo: row.versionNo,
                  })),
                },
              }
            : {}),
        },
      });
      return d.id;
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: Actor): Promise<DossierView> {
    const d = await this.loadDossier(this.dataSource.manager, id, actor);
    const view = toView(d);
    if (d.state === 'ready' && d.recordFingerprint) {
      // With the source identity, as at render time: without it, every submission dossier
      // naming a source would always look stale.
      const { e, defenderIds } = await this.escalations.load(
        this.dataSource.manager,
        d.escalationId,
        actor,
        { sensitive: true },
      );
      const data = await this.buildData(this.dataSource.manager, e, defenderIds, d);
      view.stale = fingerprint(data) !== d.recordFingerprint;
    }
    return view;
  }

  async list(escalationId: string, actor: Actor): Promise<DossierView[]> {
    await this.escalations.load(this.dataSource.manager, escalationId, actor);
    const rows = await this.dataSource.manager.find(Dossier, {
      where: { escalationId },
      order: { versionNo: 'DESC' },
    });
    return rows.map(toView);
  }

  /** The latest dossier of an escalation (with its stale flag), or null. */
  async latestFor(escalationId: string, actor: Actor): Promise<DossierView | null> {
    const latest = await this.dataSource.manager.findOne(Dossier, {
      where: { escalationId },
      order: { versionNo: 'DESC' },
    });
    return latest ? this.get(latest.id, actor) : null;
  }

  /**
   * A dossier the actor may download (ready, and a submission edition only for roles that see
   * sensitive data), checked without reading its file or recording anything: what the bundle
   * checks before it checks its annexes.
   */
  async downloadable(id: string, actor: Actor): Promise<DossierView> {
    const d = await this.loadDossier(this.dataSource.manager, id, actor);
    this.assertDownloadable(d, actor);
    return toView(d);
  }

  private assertDownloadable(d: Dossier, actor: Actor): void {
    if (d.state !== 'ready') throw new NotFoundError('Dossier content', d.id);
    // A submission edition carries contacts, confidential notes and the source's identity,
    // which viewers are never shown.
    if (d.edition === 'submission' && !seesSensitive(actor)) {
      throw new ForbiddenError(
        'Your role cannot download a submission dossier; read a public edition instead.',
      );
    }
  }

  /**
   * The file, decrypted. Downloads of a submission (confidential) edition are audited, saying
   * whether the file went alone or in its bundle (`part`).
   */
  async content(
    id: string,
    actor: Actor,
    options: { part?: 'bundle' } = {},
  ): Promise<RenderedFile> {
    const d = await this.loadDossier(this.dataSource.manager, id, actor, true);
    this.assertDownloadable(d, actor);
    if (!d.contentEnc) throw new NotFoundError('Dossier content', id);
    const bytes = Buffer.from(this.cipher.decrypt(d.contentEnc, contentContext(d.id)), 'base64');
    if (d.edition === 'submission') {
      await this.audit.record(null, actor, {
        action: 'dossier.download',
        entityType: 'dossier',
        entityId: d.id,
        ...(options.part ? { changes: { part: options.part } } : {}),
      });
    }
    return {
      bytes,
      contentType: d.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
      // Fixed when the version was requested: the escalation changing later changes nothing.
      fileName: d.fileName,
      sha256: d.sha256 as string,
    };
  }

  /**
   * Render a queued dossier (worker). Re-checks state so a retried or duplicated job does
   * not make a second version; records the effect and marks the outbox message done in one
   * transaction.
   */
  async render(
    dossierId: string,
    pdf: HtmlToPdf,
    finalAttempt: boolean,
  ): Promise<'ready' | 'skipped' | 'failed'> {
    const actor: Actor = { userId: null, role: 'system' };
    const d = await this.dataSource.transaction(async (tx) => {
      const row = await tx.findOne(Dossier, {
        where: { id: dossierId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.state === 'ready' || row.state === 'failed') return null;
      if (row.state === 'queued') await tx.update(Dossier, { id: row.id }, { state: 'rendering' });
      return row;
    });
    if (!d) {
      await this.dataSource.transaction((tx) =>
        this.outbox.markDone(tx, jobIds.dossier(dossierId)),
      );
      return 'skipped';
    }
    try {
      const { e, defenderIds } = await this.escalations.load(
        this.dataSource.manager,
        d.escalationId,
        actor,
        { sensitive: true },
      );
      // Consent is checked when the dossier is asked for, and again here: a person who
      // withdraws it while the dossier waits in the queue is never put into a submission.
      if (d.edition === 'submission') {
        const refused = await this.escalations
          .consentGate(this.dataSource.manager, defenderIds)
          .then(() => null)
          .catch((err: unknown) => (err instanceof ConflictError ? err : Promise.reject(err)));
        if (refused) {
          await this.fail(dossierId, 'consent to a UN submission was withdrawn before rendering');
          return 'failed';
        }
      }
      const annexRows = await dossierAnnexRows(this.dataSource.manager, d.id);
      const listed = listedAnnexes(
        annexRows,
        d.edition,
        await withheldCases(this.dataSource.manager, defenderIds, d.edition, this.clock.today()),
      );
      const data = await this.buildData(this.dataSource.manager, e, defenderIds, d, annexRows);
      const html = renderDossierHtml(data);
      const bytes =
        d.format === 'pdf'
          ? await pdf.render(html, { title: d.fileName.replace(/\.pdf$/, '') })
          : Buffer.from(html, 'utf8');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return await this.dataSource.transaction(async (tx) => {
        const row = await tx.findOne(Dossier, {
          where: { id: dossierId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!row || row.state === 'ready' || row.state === 'failed') return 'skipped' as const;
        await tx.update(
          Dossier,
          { id: dossierId },
          {
            state: 'ready',
            contentEnc: this.cipher.encrypt(bytes.toString('base64'), contentContext(dossierId)),
            sha256,
            sizeBytes: bytes.length,
            templateVersion: DOSSIER_TEMPLATE_VERSION,
            recordFingerprint: fingerprint(data),
            renderedAt: this.clock.now(),
            failureReason: null,
          },
        );
        // The number each annex carries in this dossier: the bundle holds exactly these.
        for (const { row, number } of listed) {
          await tx.update(DossierAnnex, { dossierId, position: row.position }, { annexNo: number });
        }
        await this.outbox.markDone(tx, jobIds.dossier(dossierId));
        return 'ready' as const;
      });
    } catch (err) {
      if (!finalAttempt) throw err;
      await this.fail(
        dossierId,
        err instanceof Error ? err.message.slice(0, 500) : 'rendering failed',
      );
      return 'failed';
    }
  }

  /** A dossier that will not be rendered: failed with its reason, its job done. */
  private async fail(dossierId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        Dossier,
        { id: dossierId, state: 'rendering' },
        { state: 'failed', failureReason: reason },
      );
      await this.outbox.markDone(tx, jobIds.dossier(dossierId));
    });
  }

  private async loadDossier(
    m: EntityManager,
    id: string,
    actor: Actor,
    withContent = false,
  ): Promise<Dossier> {
    const qb = m.createQueryBuilder(Dossier, 'd').where('d.id = :id', { id });
    if (withContent) qb.addSelect('d.contentEnc');
    const d = await qb.getOne();
    if (!d) throw new NotFoundError('Dossier', id);
    await hiddenAs('Dossier', id, () => this.escalations.load(m, d.escalationId, actor));
    return d;
  }

  /**
   * The data a dossier shows: every answer drawn from the record, with the escalation's
   * overrides. The public edition is built from an allow-list: no contacts, confidential
   * notes, address, source or consent details, and a person whose public-profile consent is
   * not in force is not named.
   */
  async buildData(
    m: EntityManager,
    e: Escalation,
    defenderIds: string[],
    d: Pick<Dossier, 'language' | 'edition'> & { versionNo?: number | null },
    /** The annexes to list: the dossier's recorded set; by default the escalation's choice now. */
    annexRows?: readonly AnnexRow[],
  ): Promise<DossierData> {
    return buildDossierData(m, this.cipher, this.clock, e, defenderIds, d, annexRows);
  }
}

/** What the dossier was made from, without the moment it was made. */
function fingerprint(data: DossierData): string {
  const { generatedAt: _g, ...rest } = data;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}
