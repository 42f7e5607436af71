import { Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  Clock,
  ConflictError,
  DocumentJob,
  EventBus,
  jobIds,
  OutboxService,
  QueueName,
  ScannerUnavailableError,
  VirusScanner,
} from '@witness/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../shared/actor';
import type { DomainEvents } from '../shared/events';
import { DocumentBlobs } from './document-blobs';
import {
  Document,
  DocumentVersion,
  UNSERVABLE_SCAN_STATES,
  type ScanState,
} from './document.entity';

/** What became of one pending version. */
export type ScanOutcome = 'clean' | 'quarantined' | 'not_pending';

/** Documents waiting for the virus scanner: how many, and how long the oldest has waited. */
export interface PendingScans {
  pending: number;
  oldestPendingSeconds: number;
}

/**
 * A version's content, its previews, its use as a public photo, an annex or in a bundle are
 * refused (409 naming the state) while it waits for the virus check or once quarantined.
 */
export function assertServable(
  v: Pick<DocumentVersion, 'scan' | 'documentId' | 'versionNo'>,
): void {
  if (!UNSERVABLE_SCAN_STATES.includes(v.scan)) return;
  throw new ConflictError(
    v.scan === 'pending'
      ? `Version ${v.versionNo} of this document is waiting for the virus check: it is kept, and will be available once the scanner has found it clean.`
      : `Version ${v.versionNo} of this document was quarantined: the virus scanner found malware in it, and its content was destroyed.`,
    { scan: v.scan, documentId: v.documentId, versionNo: v.versionNo },
  );
}

/** The outbox entry that asks the worker to scan a version kept `pending`. */
export async function requestScan(
  outbox: OutboxService,
  tx: EntityManager,
  versionId: string,
): Promise<void> {
  await outbox.add(tx, {
    queue: QueueName.Documents,
    name: DocumentJob.Scan,
    jobId: jobIds.documentScan(versionId),
    payload: { versionId },
  });
}

/**
 * The worker's side of uploads kept while clamd was down: scan each pending version when
 * clamd answers again. Clean: the version becomes available. Infected: quarantined for good,
 * its data key destroyed (crypto-shredding: no copy of the sealed bytes, in any backup, can
 * be opened again) and its bytes removed from the store, audited. Both announced
 * (`DocumentScanned`), so the uploader (and, for malware, the coordinators) are notified.
 */
@Injectable()
export class DocumentScans {
  private readonly logger = new Logger('documents');

  constructor(
    private readonly dataSource: DataSource,
    private readonly scanner: VirusScanner,
    private readonly blobs: DocumentBlobs,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  /**
   * Scan one pending version. Throws ScannerUnavailableError while clamd cannot scan (the
   * job is retried with backoff); a version no longer pending is left alone.
   */
  async scanPending(versionId: string): Promise<ScanOutcome> {
    const jobId = jobIds.documentScan(versionId);
    const v = await this.pendingVersion(this.dataSource.manager, versionId);
    if (!v) {
      await this.outbox.markDone(this.dataSource.manager, jobId);
      return 'not_pending';
    }
    if (!this.scanner.enabled)
      throw new ScannerUnavailableError('no virus scanner is configured', 'unreachable');
    const verdict = await this.scanner.scan(await this.blobs.readContent(v));

    const outcome = await this.dataSource.transaction(async (tx) => {
      // Under the row's lock: a sweep and a job scanning the same version record it once.
      const locked = await this.pendingVersion(tx, versionId, true);
      if (!locked) return 'not_pending' as const;
      const doc = await tx.findOneByOrFail(Document, { id: locked.documentId });
      const at = this.clock.now();
      const scan: ScanState = verdict.clean ? 'clean' : 'quarantined';
      await tx.update(
        DocumentVersion,
        { id: versionId },
        verdict.clean ? { scan } : { scan, dataKeyEnc: null },
      );
      await this.audit.record(tx, SYSTEM_ACTOR, {
        action: verdict.clean ? 'document.scan_clean' : 'document.quarantine',
        entityType: 'document',
        entityId: doc.id,
        subjectId: doc.defenderId,
        changes: {
          versionNo: locked.versionNo,
          scan: { from: 'pending', to: scan },
          ...(verdict.clean ? {} : { signature: verdict.signature, contentDestroyed: true }),
        },
      });
      await this.events.publish(tx, 'DocumentScanned', {
        documentId: doc.id,
        defenderId: doc.defenderId,
        versionNo: locked.versionNo,
        title: doc.title,
        outcome: verdict.clean ? 'clean' : 'quarantined',
        uploadedBy: locked.uploadedBy,
        at,
      });
      await this.outbox.markDone(tx, jobId);
      return verdict.clean ? ('clean' as const) : ('quarantined' as const);
    });
    if (outcome === 'quarantined') {
      // After the commit: the key is already gone, so the bytes are unreadable even if this
      // removal fails (it is logged; the sealed blob is then only dead weight).
      await this.blobs
        .discard(v)
        .catch((err: unknown) =>
          this.logger.error({ err, versionId }, 'a quarantined version could not be removed'),
        );
      this.logger.warn({ versionId, documentId: v.documentId }, 'document version quarantined');
    }
    return outcome;
  }

  /**
   * Scan every pending version, oldest first (at worker start and every CLAMAV_SWEEP_SECONDS):
   * nothing waits on a lost job. Stops at the first one clamd cannot scan (it is still down).
   */
  async sweep(limit = 200): Promise<Record<ScanOutcome, number> & { left: number }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM document_versions WHERE scan = 'pending' ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    const tally = { clean: 0, quarantined: 0, not_pending: 0, left: 0 };
    for (const [i, r] of rows.entries()) {
      try {
        tally[await this.scanPending(r.id)]++;
      } catch (err) {
        if (!(err instanceof ScannerUnavailableError)) throw err;
        tally.left = rows.length - i;
        break;
      }
    }
    return tally;
  }

  /** How many versions wait for the virus check, and for how long the oldest has. */
  async pendingScans(m: EntityManager = this.dataSource.manager): Promise<PendingScans> {
    const [row]: { n: string; oldest: Date | null }[] = await m.query(
      `SELECT count(*)::text AS n, min(created_at) AS oldest FROM document_versions WHERE scan = 'pending'`,
    );
    const now = this.clock.now().getTime();
    return {
      pending: Number(row.n),
      oldestPendingSeconds: row.oldest
        ? Math.max(0, Math.round((now - new Date(row.oldest).getTime()) / 1000))
        : 0,
    };
  }

  private async pendingVersion(
    m: EntityManager,
    versionId: string,
    lock = false,
  ): Promise<DocumentVersion | null> {
    const qb = m
      .createQueryBuilder(DocumentVersion, 'v')
      .addSelect('v.dataKeyEnc')
      .where('v.id = :versionId AND v.scan = :pending', { versionId, pending: 'pending' });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }
}
