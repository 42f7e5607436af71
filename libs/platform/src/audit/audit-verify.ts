import { DataSource } from 'typeorm';
import { AuditKeyring, legacyHash, type AuditAnchor, type ChainRow } from './audit-chain';

/** The first bad row of the chain, or the whole chain verified. */
export type AuditVerifyResult =
  | {
      ok: true;
      rows: number;
      /** The hash of the last row (null for an empty chain). */
      head: string | null;
      /** Rows from before the HMAC chain (unkeyed, sealed by the first signed row); when any. */
      legacyRows?: number;
      /** How many anchors the chain was compared with; when anchors were given. */
      anchors?: number;
    }
  | {
      ok: false;
      /** The chain position at fault (the first missing one when rows were removed). */
      chainSeq: string;
      /** The row's id; null when the row is missing or outside the chain. */
      id: string | null;
      reason: string;
    };

export interface AuditVerifyOptions {
  /** Anchors kept outside the database: each must match the row at its position. */
  anchors?: readonly AuditAnchor[];
  /**
   * Start at this anchor's row instead of the first (the worker's incremental check): rows
   * before it are taken as the anchor vouches for them.
   */
  from?: AuditAnchor;
  batch?: number;
}

/** The action of the first signed row, which seals the unkeyed rows before it. */
export const CHAIN_SEALED_ACTION = 'audit.chain_sealed';

interface StoredRow {
  id: string;
  chain_seq: string;
  at: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  subject_id: string | null;
  changes: unknown;
  legacy_changes: string | null;
  request_id: string | null;
  ip: string | null;
  key_id: string | null;
  prev_hash: string | null;
  hash: string | null;
}

type Failure = Extract<AuditVerifyResult, { ok: false }>;

const ROWS_SQL = `
  SELECT a.id::text, a.chain_seq::text,
         to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at,
         a.actor_id::text, a.actor_role, a.action, a.entity_type, a.entity_id,
         a.subject_id::text, a.changes,
         CASE WHEN a.key_id IS NULL THEN a.changes::text END AS legacy_changes,
         a.request_id, a.ip, a.key_id, a.prev_hash, a.hash
    FROM audit_events a WHERE a.chain_seq > $1 ORDER BY a.chain_seq LIMIT $2`;

/**
 * One verification of the chain (AuditService.verify). Everything is recomputed here, in the
 * application, from the stored values: nothing the database computes is trusted, since whoever
 * could edit a row could also replace a function.
 */
export class ChainWalk {
  private readonly anchorsAt = new Map<string, AuditAnchor[]>();
  private after = 0n;
  private prev: string | null = null;
  private expected = 1n;
  private sealed = false;
  private rows = 0;
  private legacy = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: AuditKeyring,
    private readonly options: AuditVerifyOptions,
  ) {}

  /** After `run`: the last row checked (the verified head), or null for an empty chain. */
  get position(): { chainSeq: string; hash: string } | null {
    return this.expected > 1n && this.prev
      ? { chainSeq: (this.expected - 1n).toString(), hash: this.prev }
      : null;
  }

  async run(): Promise<AuditVerifyResult> {
    const anchors = [...(this.options.anchors ?? [])];
    if (this.options.from) anchors.push(this.options.from);
    for (const a of anchors) {
      if (!this.keys.verifyAnchor(a))
        return {
          ok: false,
          chainSeq: a.chainSeq,
          id: null,
          reason: this.keys.has(a.keyId)
            ? `the anchor taken at ${a.at} is not genuine (its signature does not verify)`
            : `the anchor taken at ${a.at} is signed with audit key "${a.keyId}", which is not configured (AUDIT_HMAC_KEYS)`,
        };
      const list = this.anchorsAt.get(a.chainSeq) ?? [];
      list.push(a);
      this.anchorsAt.set(a.chainSeq, list);
    }
    const outside = (await this.dataSource.query(
      `SELECT id::text FROM audit_events WHERE chain_seq IS NULL ORDER BY id LIMIT 1`,
    )) as { id: string }[];
    if (outside.length)
      return {
        ok: false,
        chainSeq: '(none)',
        id: outside[0].id,
        reason: 'row has no chain position: it was written outside the chain',
      };
    if (this.options.from) {
      const start = await this.startAt(this.options.from);
      if (start) return start;
    }
    const batch = this.options.batch ?? 5000;
    for (;;) {
      const page = (await this.dataSource.query(ROWS_SQL, [
        this.after.toString(),
        batch,
      ])) as StoredRow[];
      for (const r of page) {
        const bad = this.check(r);
        if (bad) return bad;
      }
      if (page.length < batch) break;
    }
    const last = this.expected - 1n;
    const beyond = anchors
      .filter((a) => BigInt(a.chainSeq) > last)
      .sort((x, y) => (BigInt(x.chainSeq) < BigInt(y.chainSeq) ? -1 : 1));
    if (beyond.length) {
      const a = beyond[0];
      return {
        ok: false,
        chainSeq: (last + 1n).toString(),
        id: null,
        reason:
          `the chain ends at position ${last}, but the anchor taken at ${a.at} records position ` +
          `${a.chainSeq}: rows ${last + 1n} to ${a.chainSeq} (at least) were removed`,
      };
    }
    return {
      ok: true,
      rows: this.rows,
      head: this.prev,
      ...(this.legacy ? { legacyRows: this.legacy } : {}),
      ...(this.options.anchors ? { anchors: this.options.anchors.length } : {}),
    };
  }

  /** Begin at an anchored row, taking what is before it as the anchor vouches for it. */
  private async startAt(from: AuditAnchor): Promise<Failure | null> {
    const found = (await this.dataSource.query(
      `SELECT prev_hash FROM audit_events WHERE chain_seq = $1`,
      [from.chainSeq],
    )) as { prev_hash: string | null }[];
    if (!found.length) {
      const [{ last }] = (await this.dataSource.query(
        `SELECT coalesce(max(chain_seq), 0)::text AS last FROM audit_events`,
      )) as { last: string }[];
      return {
        ok: false,
        chainSeq: (BigInt(last) + 1n).toString(),
        id: null,
        reason:
          `the chain ends at position ${last}, but the anchor taken at ${from.at} records ` +
          `position ${from.chainSeq}: rows were removed`,
      };
    }
    this.after = BigInt(from.chainSeq) - 1n;
    this.expected = BigInt(from.chainSeq);
    this.prev = found[0].prev_hash;
    this.sealed = true;
    return null;
  }

  private check(r: StoredRow): Failure | null {
    const fail = (reason: string): Failure => ({
      ok: false,
      chainSeq: r.chain_seq,
      id: r.id,
      reason,
    });
    if (BigInt(r.chain_seq) !== this.expected)
      return fail(`row(s) missing before chain position ${r.chain_seq}`);
    if ((r.prev_hash ?? null) !== this.prev) return fail('link to the previous row is broken');
    const row: ChainRow = {
      id: r.id,
      chainSeq: r.chain_seq,
      at: r.at,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      subjectId: r.subject_id,
      changes: r.changes ?? null,
      requestId: r.request_id,
      ip: r.ip,
      keyId: r.key_id,
      prevHash: r.prev_hash ?? null,
    };
    if (r.key_id === null) {
      if (this.sealed)
        return fail(
          'row is not signed although the HMAC chain began before it: it was written without the key',
        );
      if (BigInt(r.chain_seq) > BigInt(this.keys.unkeyedRows))
        return fail(
          `row is not signed, and only the first ${this.keys.unkeyedRows} row(s) may predate the ` +
            'HMAC chain (AUDIT_UNKEYED_ROWS): set it to the number of old rows right after ' +
            'upgrading; if this database was not just upgraded, the chain was rewritten',
        );
      if (r.hash !== legacyHash(row, r.legacy_changes))
        return fail('content does not match its hash (a row from before the HMAC chain)');
      this.legacy += 1;
    } else {
      if (!this.keys.has(r.key_id))
        return fail(
          `signed with audit key "${r.key_id}", which is not configured (AUDIT_HMAC_KEYS): keep every key rows were signed with`,
        );
      if (!r.hash || !this.keys.verifyRow(row, r.hash))
        return fail('content does not match its HMAC');
      if (!this.sealed && this.legacy > 0) {
        // The first signed row after unkeyed ones must be the seal, naming them exactly.
        const c = row.changes as { unkeyedRows?: unknown; unkeyedHead?: unknown } | null;
        if (
          row.action !== CHAIN_SEALED_ACTION ||
          c?.unkeyedRows !== String(this.legacy) ||
          c?.unkeyedHead !== this.prev
        )
          return fail('the first signed row does not seal the unkeyed rows before it');
      }
      this.sealed = true;
    }
    for (const a of this.anchorsAt.get(r.chain_seq) ?? []) {
      if (a.hash !== r.hash)
        return fail(
          `row does not match the anchor taken at ${a.at}: the chain was rewritten up to here`,
        );
    }
    this.prev = r.hash;
    this.expected += 1n;
    this.rows += 1;
    this.after = BigInt(r.chain_seq);
    return null;
  }
}
