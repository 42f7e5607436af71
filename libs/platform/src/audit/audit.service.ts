import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { ValidationFailedError } from '../errors';
import { decodeCursor, encodeCursor, type Page } from '../http/pagination';
import { SENSITIVE_KEYS } from '../logging/redaction';
import { SYSTEM_ACTOR, type Actor } from './actor';
import { asStoredJson, AuditKeyring, chainTime, type ChainRow } from './audit-chain';
import { AuditEvent } from './audit-event.entity';
import {
  CHAIN_SEALED_ACTION,
  ChainWalk,
  type AuditVerifyOptions,
  type AuditVerifyResult,
} from './audit-verify';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The defender the event concerns (for the case history). */
  subjectId?: string | null;
  changes?: Record<string, unknown> | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface AuditView {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | null;
  subjectId: string | null;
  changes: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

const REDACTED = '[redacted]';
const SENSITIVE = new Set<string>(SENSITIVE_KEYS);

/**
 * Changed fields between two versions of a record, as `{ field: { from, to } }`. Sensitive
 * fields are named (so the trail shows they changed) but their values never recorded.
 */
export function diffForAudit(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: readonly string[] = ['version', 'updatedAt', 'createdAt', 'searchVector'],
): Record<string, { from: unknown; to: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of keys) {
    if (ignore.includes(k)) continue;
    const from = before?.[k] ?? null;
    const to = after?.[k] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    out[k] = SENSITIVE.has(k)
      ? { from: from === null ? null : REDACTED, to: to === null ? null : REDACTED }
      : { from, to };
  }
  return out;
}

/** The chain head read for an append, under its lock. */
interface LockedHead {
  seq: bigint;
  hash: string | null;
  keyId: string | null;
  ids: string[];
}

const APPEND_CHUNK = 1000;

/** The text PostgreSQL keeps for a varchar(n): an over-long value whose excess is spaces is cut. */
function fitVarchar(value: string | null, n: number): string | null {
  if (value === null || value.length <= n) return value;
  const chars = Array.from(value);
  if (chars.length <= n) return value;
  return chars.slice(n).every((c) => c === ' ') ? chars.slice(0, n).join('') : value;
}

/** A uuid as PostgreSQL gives it back (lower case, hyphenated), so the signature matches. */
function canonicalUuid(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const hex = value.replace(/[{}-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return value;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Writes and verifies the audit trail. Call `record` with the transaction's EntityManager so
 * the event commits (or rolls back) with the change it describes.
 *
 * Appending locks the chain head (`audit_chain_head ... FOR UPDATE`) until the transaction
 * ends, so positions are handed out in commit order with no gap, however many api and worker
 * processes write; each row is signed here with the current AUDIT_HMAC_KEYS key.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly keys: AuditKeyring,
  ) {}

  async record(manager: EntityManager | null, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.append(manager ?? this.dataSource.manager, actor, [entry], this.clock.now());
  }

  /**
   * Many events in few statements (bulk import, export), in the caller's transaction, with
   * the same fields as `record`: one lock, one round trip per thousand rows.
   */
  async recordMany(
    manager: EntityManager,
    actor: Actor,
    entries: readonly AuditEntry[],
    at: Date = this.clock.now(),
  ): Promise<void> {
    await this.append(manager, actor, entries, at);
  }

  private async append(
    manager: EntityManager,
    actor: Actor,
    entries: readonly AuditEntry[],
    at: Date,
    sealOnly = false,
  ): Promise<void> {
    if (entries.length === 0 && !sealOnly) return;
    // The head lock must be held until the rows commit: outside a transaction, make one.
    if (!manager.queryRunner?.isTransactionActive) {
      await manager.transaction((tx) => this.append(tx, actor, entries, at, sealOnly));
      return;
    }
    const head = await this.lockHead(manager, entries.length);
    const rows: ChainRow[] = [];
    const hashes: string[] = [];
    let prev = head.hash;
    let seq = head.seq;
    const push = (row: Omit<ChainRow, 'keyId' | 'chainSeq' | 'prevHash'>) => {
      seq += 1n;
      const unsigned = { ...row, chainSeq: seq.toString(), prevHash: prev };
      const { keyId, hash } = this.keys.signRow(unsigned);
      rows.push({ ...unsigned, keyId });
      hashes.push(hash);
      prev = hash;
    };
    if (head.seq > 0n && head.keyId === null) {
      // The chain's last row predates the HMAC chain: the first signed row links to it and
      // says so, which seals every unkeyed row before it.
      const [{ id }] = (await manager.query(
        `SELECT nextval('audit_events_id_seq')::text AS id`,
      )) as { id: string }[];
      push({
        id,
        at: chainTime(at),
        actorId: null,
        actorRole: SYSTEM_ACTOR.role,
        action: CHAIN_SEALED_ACTION,
        entityType: 'audit_chain',
        entityId: null,
        subjectId: null,
        changes: { unkeyedRows: head.seq.toString(), unkeyedHead: head.hash },
        requestId: fitVarchar(actor.requestId ?? null, 64),
        ip: null,
      });
    }
    entries.forEach((entry, i) =>
      push({
        id: head.ids[i],
        at: chainTime(at),
        actorId: canonicalUuid(actor.userId),
        actorRole: fitVarchar(actor.role, 20) as string,
        action: fitVarchar(entry.action, 60) as string,
        entityType: fitVarchar(entry.entityType, 40) as string,
        entityId: fitVarchar(entry.entityId ?? null, 64),
        subjectId: canonicalUuid(entry.subjectId),
        changes: asStoredJson(entry.changes),
        requestId: fitVarchar(actor.requestId ?? null, 64),
        ip: fitVarchar(actor.ip ?? null, 64),
      }),
    );
    for (let start = 0; start < rows.length; start += APPEND_CHUNK) {
      const chunk = rows.slice(start, start + APPEND_CHUNK).map((r, i) => ({
        id: r.id,
        chain_seq: r.chainSeq,
        at: at.toISOString(),
        actor_id: r.actorId,
        actor_role: r.actorRole,
        action: r.action,
        entity_type: r.entityType,
        entity_id: r.entityId,
        subject_id: r.subjectId,
        changes: r.changes,
        request_id: r.requestId,
        ip: r.ip,
        key_id: r.keyId,
        prev_hash: r.prevHash,
        hash: hashes[start + i],
      }));
      await manager.query(
        `INSERT INTO audit_events (id, chain_seq, at, actor_id, actor_role, action, entity_type,
                                   entity_id, subject_id, changes, request_id, ip, key_id,
                                   prev_hash, hash)
         SELECT r.id, r.chain_seq, r.at, r.actor_id, r.actor_role, r.action, r.entity_type,
                r.entity_id, r.subject_id, r.changes, r.request_id, r.ip, r.key_id,
                r.prev_hash, r.hash
           FROM jsonb_to_recordset($1::jsonb) AS r(
             id bigint, chain_seq bigint, at timestamptz, actor_id uuid, actor_role text,
             action text, entity_type text, entity_id text, subject_id uuid, changes jsonb,
             request_id text, ip text, key_id text, prev_hash text, hash text)`,
        [JSON.stringify(chunk)],
      );
    }
  }

  /** Lock the chain head (held until the transaction ends) and reserve `n` row ids. */
  private async lockHead(manager: EntityManager, n: number): Promise<LockedHead> {
    const found = (await manager.query(
      `SELECT h.seq::text AS seq, h.hash, h.key_id,
              ARRAY(SELECT nextval('audit_events_id_seq')::text FROM generate_series(1, $1)) AS ids
         FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE`,
      [n],
    )) as { seq: string; hash: string | null; key_id: string | null; ids: string[] }[];
    if (found.length !== 1)
      throw new Error('audit_chain_head is missing: the audit trail cannot be written');
    const [h] = found;
    return { seq: BigInt(h.seq), hash: h.hash, keyId: h.key_id, ids: h.ids };
  }

  /**
   * The newest events about cases (with a subject) whose action starts with one of
   * `prefixes`, newest first, before the event `beforeId` if given: what changed lately,
   * for pages that list recent work. The caller decides which of the cases may be shown.
   */
  async latestAboutSubjects(
    prefixes: readonly string[],
    page: { limit: number; beforeId?: string },
  ): Promise<{ id: string; subjectId: string; action: string; at: string }[]> {
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.subject_id IS NOT NULL')
      .andWhere(`a.action LIKE ANY (:patterns)`, {
        patterns: prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      });
    if (page.beforeId) qb.andWhere('a.id < :before', { before: page.beforeId });
    const rows = await qb.orderBy('a.id', 'DESC').limit(page.limit).getMany();
    return rows.map((a) => ({
      id: a.id,
      subjectId: a.subjectId as string,
      action: a.action,
      at: a.at.toISOString(),
    }));
  }

  /** Audit events, newest first, keyset-paginated by id. */
  async list(filter: AuditFilter): Promise<Page<AuditView>> {
    const limit = filter.limit ?? 50;
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :et', { et: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :eid', { eid: filter.entityId });
    if (filter.actorId) qb.andWhere('a.actor_id = :aid', { aid: filter.actorId });
    if (filter.subjectId) qb.andWhere('a.subject_id = :sid', { sid: filter.subjectId });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    if (filter.cursor) {
      const c = decodeCursor<{ i: string }>(filter.cursor, { i: 'string' });
      if (!/^\d{1,18}$/.test(c.i))
        throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
      qb.andWhere('a.id < :cid', { cid: c.i });
    }
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const data = rows.slice(0, limit);
    return {
      data: data.map((a) => ({
        id: a.id,
        at: a.at.toISOString(),
        actorId: a.actorId,
        actorRole: a.actorRole,
        action: a.action,
        entityType: a.entityType,
        entityId: a.entityId,
        subjectId: a.subjectId,
        changes: a.changes,
        requestId: a.requestId,
        ip: a.ip,
        hash: a.hash,
      })),
      nextCursor:
        rows.length > limit && data.length ? encodeCursor({ i: data[data.length - 1].id }) : null,
    };
  }

  /** The chain's last row (position and hash), or null while it is empty. */
  async head(): Promise<{ chainSeq: string; hash: string; keyId: string | null } | null> {
    const rows = (await this.dataSource.query(
      `SELECT chain_seq::text AS seq, hash, key_id FROM audit_events
        ORDER BY chain_seq DESC LIMIT 1`,
    )) as { seq: string; hash: string; key_id: string | null }[];
    return rows.length
      ? { chainSeq: rows[0].seq, hash: rows[0].hash, keyId: rows[0].key_id }
      : null;
  }

  /** How many rows the chain starts with that are not signed (rows from before the HMAC chain). */
  async unkeyedPrefix(): Promise<number> {
    const [r] = (await this.dataSource.query(
      `SELECT coalesce((SELECT min(chain_seq) - 1 FROM audit_events WHERE key_id IS NOT NULL),
                       (SELECT count(*) FROM audit_events))::int AS n`,
    )) as { n: number }[];
    return r.n;
  }

  /**
   * Seal the unkeyed rows left by the migration, if any: append the `audit.chain_sealed` row
   * now rather than with the next change (the anchor job does this before anchoring).
   */
  async sealLegacy(): Promise<boolean> {
    const unsealed = async (m: EntityManager, lock: boolean) => {
      const [h] = (await m.query(
        `SELECT seq::text AS seq, key_id FROM audit_chain_head WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
      )) as { seq: string; key_id: string | null }[];
      return Boolean(h) && h.seq !== '0' && h.key_id === null;
    };
    // Read without a lock first: once sealed (the usual case) nothing waits on the head.
    if (!(await unsealed(this.dataSource.manager, false))) return false;
    return this.dataSource.transaction(async (m) => {
      if (!(await unsealed(m, true))) return false;
      await this.append(
        m,
        { ...SYSTEM_ACTOR, requestId: 'audit:seal' },
        [],
        this.clock.now(),
        true,
      );
      return true;
    });
  }

  /**
   * Walk the chain in order and check every row: its position (no gap), its link to the row
   * before, its HMAC under the key it names (or, before the HMAC chain, its unkeyed hash), and
   * every anchor given. Returns the first bad row, or the chain verified.
   */
  async verify(options: AuditVerifyOptions = {}): Promise<AuditVerifyResult> {
    return new ChainWalk(this.dataSource, this.keys, options).run();
  }
}
