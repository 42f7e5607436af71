import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { BlobNotFoundError, BlobStore } from '../storage/blob-store';
import { AuditKeyring, parseAnchor, type AuditAnchor } from './audit-chain';
import { ChainWalk, type AuditVerifyResult } from './audit-verify';
import { AuditService } from './audit.service';

/** Where anchors are kept in the blob store (beside `documents/`, never inside it). */
export const ANCHOR_FOLDER = 'audit-anchors';

/**
 * `audit-anchors/20260615/0000000000000001234-20260615t100000123z.json`: one folder a day,
 * names that sort by chain position, then by time.
 */
export function anchorKey(a: Pick<AuditAnchor, 'chainSeq' | 'at'>): string {
  const t = new Date(a.at).toISOString().replace(/[-:.]/g, '').toLowerCase();
  return `${ANCHOR_FOLDER}/${t.slice(0, 8)}/${a.chainSeq.padStart(19, '0')}-${t}.json`;
}

export interface AnchorsFound {
  anchors: AuditAnchor[];
  /** Keys under the folder that are not anchors (damaged, or put there by someone else). */
  unreadable: string[];
}

export interface AnchorOutcome {
  /** The chain from the last anchor (or from the start) up to its head, checked first. */
  verified: AuditVerifyResult;
  /** The anchor written; null when the chain did not verify, is empty, or has not moved. */
  anchor: AuditAnchor | null;
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw new Error('too large for an anchor');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Signed anchors of the audit chain, kept OUTSIDE the database (the storage volume or the
 * bucket, and a log line): the head's position and hash at a moment, HMAC'd with the audit
 * key. Someone who can rewrite the database but not the store can still cut the chain's tail
 * (every row left verifies): `audit:verify` compares the chain with the anchors and reports it.
 *
 * Before it anchors, it checks the rows written since the last anchor, so it never vouches
 * for a chain that is already broken.
 */
@Injectable()
export class AuditAnchors {
  private readonly logger = new Logger('audit');
  /** The last anchor this process wrote or found (undefined: not looked for yet). */
  private last: AuditAnchor | null | undefined;

  constructor(
    private readonly store: BlobStore,
    private readonly audit: AuditService,
    private readonly keys: AuditKeyring,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every anchor in the store (each read and parsed; their signatures are checked by verify). */
  async list(): Promise<AnchorsFound> {
    const keys = (await this.store.list(`${ANCHOR_FOLDER}/`)).sort();
    const anchors: AuditAnchor[] = [];
    const unreadable: string[] = [];
    // A few reads at a time: a bucket answers each in milliseconds, a disk in microseconds.
    for (let i = 0; i < keys.length; i += 16) {
      const read = await Promise.all(keys.slice(i, i + 16).map((k) => this.read(k)));
      read.forEach((a, j) => (a ? anchors.push(a) : unreadable.push(keys[i + j])));
    }
    return { anchors, unreadable };
  }

  /** The anchor with the highest chain position (the newest of them), or null. */
  async latest(): Promise<AuditAnchor | null> {
    const keys = (await this.store.list(`${ANCHOR_FOLDER}/`))
      .filter((k) => k.endsWith('.json'))
      .sort((a, b) => {
        const x = a.slice(a.lastIndexOf('/') + 1);
        const y = b.slice(b.lastIndexOf('/') + 1);
        return x < y ? 1 : x > y ? -1 : 0;
      });
    for (const k of keys) {
      const a = await this.read(k);
      if (a && this.keys.verifyAnchor(a)) return a;
    }
    return null;
  }

  private async read(key: string): Promise<AuditAnchor | null> {
    try {
      const body = await readAll(await this.store.get(key), 4096);
      return parseAnchor(JSON.parse(body.toString('utf8')));
    } catch (e) {
      if (e instanceof BlobNotFoundError) return null;
      if (e instanceof SyntaxError || (e as Error).message === 'too large for an anchor')
        return null;
      throw e;
    }
  }

  /** Store an anchor and write it to the log (the copy that leaves the machine). */
  async write(anchor: AuditAnchor): Promise<string> {
    const body = Buffer.from(`${JSON.stringify(anchor)}\n`, 'utf8');
    const key = anchorKey(anchor);
    await this.store.put(key, Readable.from([body]), body.length);
    this.logger.log({ auditAnchor: anchor, key }, 'audit chain anchored');
    return key;
  }

  /**
   * Check the chain since the last anchor, then anchor its head. `force` writes an anchor
   * even when the head has not moved since the last one (the on-demand `audit:anchor`).
   */
  async anchorNow(options: { force?: boolean } = {}): Promise<AnchorOutcome> {
    if (this.last === undefined) this.last = await this.latest();
    // Unkeyed rows left by the migration are sealed first: an anchor is of a signed row.
    await this.audit.sealLegacy();
    const walk = new ChainWalk(this.dataSource, this.keys, this.last ? { from: this.last } : {});
    const verified = await walk.run();
    if (!verified.ok) {
      this.logger.error(
        { chainSeq: verified.chainSeq, id: verified.id, reason: verified.reason },
        'audit chain does not verify: no anchor written (run audit:verify)',
      );
      return { verified, anchor: null };
    }
    const head = walk.position;
    if (!head) return { verified, anchor: null };
    if (!options.force && this.last?.chainSeq === head.chainSeq && this.last.hash === head.hash)
      return { verified, anchor: null };
    const anchor = this.keys.signAnchor(head, this.clock.now());
    await this.write(anchor);
    this.last = anchor;
    return { verified, anchor };
  }
}
