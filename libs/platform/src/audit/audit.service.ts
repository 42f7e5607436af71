import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { ValidationFailedError } from '../errors';
import { decodeCursor, encodeCursor, type Page } from '../http/pagination';
import { SENSITIVE_KEYS } from '../logging/redaction';
import type { Actor } from './actor';
import { AuditEvent } from './audit-event.entity';

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

/**
 * Writes the audit trail. Call `record` with the transaction's EntityManager so the event
 * commits (or rolls back) with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager | null, actor: Actor, entry: AuditEntry): Promise<void> {
    const m = manager ?? this.dataSource.manager;
    await m.save(
      m.create(AuditEvent, {
        at: this.clock.now(),
        actorId: actor.userId,
        actorRole: actor.role,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        subjectId: entry.subjectId ?? null,
        changes: entry.changes ?? null,
        requestId: actor.requestId ?? null,
        ip: actor.ip ?? null,
      }),
    );
  }

  /**
   * Many events in few statements (bulk import, export), in the caller's transaction, with
   * the same fields as `record`. The hash-chain trigger runs per row, so the chain holds.
   */
  async recordMany(
    manager: EntityManager,
    actor: Actor,
    entries: readonly AuditEntry[],
    at: Date = this.clock.now(),
  ): Promise<void> {
    const CHUNK = 1000;
    for (let start = 0; start < entries.length; start += CHUNK) {
      const rows = entries.slice(start, start + CHUNK).map((entry) => ({
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId ?? null,
        subject_id: entry.subjectId ?? null,
        changes: entry.changes ?? null,
      }));
      await manager.query(
        `INSERT INTO audit_events (at, actor_id, actor_role, action, entity_type, entity_id,
                                   subject_id, changes, request_id, ip)
         SELECT $2, $3, $4, r.action, r.entity_type, r.entity_id, r.subject_id, r.changes, $5, $6
           FROM jsonb_to_recordset($1::jsonb)
             AS r(action text, entity_type text, entity_id text, subject_id uuid, changes jsonb)`,
        [
          JSON.stringify(rows),
          at,
          actor.userId,
          actor.role,
          actor.requestId ?? null,
          actor.ip ?? null,
        ],
      );
    }
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

  /**
   * Walk the chain in order and recompute every hash. Returns the first broken row, or
   * null when the whole chain verifies.
   */
  async verify(
    batch = 5000,
  ): Promise<
    | { ok: true; rows: number; head: string | null }
    | { ok: false; chainSeq: string; id: string; reason: string }
  > {
    let after = '0';
    let prevHash: string | null = null;
    let expectedSeq = 1n;
    let rows = 0;
    for (;;) {
      const page: {
        id: string;
        chain_seq: string;
        prev_hash: string | null;
        hash: string;
        expected: string;
      }[] = await this.dataSource.query(
        `SELECT id::text, chain_seq::text, prev_hash, hash, witness_audit_hash(a) AS expected
             FROM audit_events a WHERE a.chain_seq > $1 ORDER BY a.chain_seq LIMIT $2`,
        [after, batch],
      );
      for (const r of page) {
        if (BigInt(r.chain_seq) !== expectedSeq) {
          return {
            ok: false,
            chainSeq: r.chain_seq,
            id: r.id,
            reason: `row(s) missing before chain position ${r.chain_seq}`,
          };
        }
        if ((r.prev_hash ?? null) !== prevHash) {
          return {
            ok: false,
            chainSeq: r.chain_seq,
            id: r.id,
            reason: 'link to the previous row is broken',
          };
        }
        if (r.hash !== r.expected) {
          return {
            ok: false,
            chainSeq: r.chain_seq,
            id: r.id,
            reason: 'content does not match its hash',
          };
        }
        prevHash = r.hash;
        expectedSeq += 1n;
        rows += 1;
        after = r.chain_seq;
      }
      if (page.length < batch) return { ok: true, rows, head: prevHash };
    }
  }
}
