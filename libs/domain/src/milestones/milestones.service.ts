import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  EventBus,
  ConflictError,
  decodeKeyCursor,
  diffForAudit,
  encodeKeyCursor,
  hiddenAs,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
  type Page,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { assignedToCaseSql, caseVisibleSql } from '../access';
import { DefendersService } from '../defenders';
import type { DomainEvents } from '../shared/events';
import { isValidOffset } from '../shared/schedule';
import type { Actor } from '../shared/actor';
import { activeUsers } from '../users';
import {
  Milestone,
  type MilestoneKind,
  type MilestoneSource,
  type MilestoneStatus,
  type MilestoneTitleMessage,
} from './milestone.entity';

export interface MilestoneInput {
  defenderId?: string | null;
  kind: MilestoneKind;
  title: string;
  dueAt: string;
  allDay?: boolean;
  remindBefore?: string[];
  assigneeIds?: string[];
  notes?: string | null;
  status?: MilestoneStatus;
}

export type MilestonePatch = Partial<MilestoneInput>;

export interface MilestoneQuery {
  defenderId?: string;
  kind?: MilestoneKind;
  status?: MilestoneStatus;
  assigneeId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface MilestoneView {
  id: string;
  defenderId: string | null;
  kind: MilestoneKind;
  title: string;
  /** A derived milestone's title as a message key and parameters (null: as written). */
  titleMessage?: MilestoneTitleMessage | null;
  dueAt: string;
  allDay: boolean;
  remindBefore: string[];
  assigneeIds: string[];
  notes: string | null;
  status: MilestoneStatus;
  source: MilestoneSource | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toMilestoneView(m: Milestone): MilestoneView {
  return {
    id: m.id,
    defenderId: m.defenderId,
    kind: m.kind,
    title: m.title,
    titleMessage: m.titleMessage ?? null,
    dueAt: m.dueAt.toISOString(),
    allDay: m.allDay,
    remindBefore: m.remindBefore,
    assigneeIds: m.assigneeIds,
    notes: m.notes,
    status: m.status,
    source: m.source,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** Fields of a derived milestone that move with its source, not by hand. */
const DERIVED_FIELDS = ['defenderId', 'kind', 'title', 'dueAt', 'allDay'] as const;

/**
 * Milestones people manage. Access follows the defender's: a milestone of a case the actor
 * cannot see does not exist for them. Every change re-plans its reminders in the same
 * transaction.
 */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly events: EventBus<DomainEvents>,
    private readonly audit: AuditService,
  ) {}

  async create(input: MilestoneInput, actor: Actor): Promise<MilestoneView> {
    const id = await this.dataSource.transaction(async (tx) => {
      if (input.defenderId)
        await this.defenders.find(tx, input.defenderId, { actor, lock: true, reading: false });
      await this.check(tx, input);
      const m = await tx.save(
        tx.create(Milestone, {
          defenderId: input.defenderId ?? null,
          kind: input.kind,
          title: input.title.trim(),
          dueAt: dueInstant(input.dueAt, input.allDay ?? false),
          allDay: input.allDay ?? false,
          remindBefore: dedupe(input.remindBefore ?? ['P1D']),
          assigneeIds: dedupe(input.assigneeIds ?? (actor.userId ? [actor.userId] : [])),
          notes: input.notes ?? null,
          status: input.status ?? 'open',
          createdBy: actor.userId,
        }),
      );
      await this.events.publish(tx, 'MilestoneChanged', { milestoneId: m.id });
      await this.audit.record(tx, actor, {
        action: 'milestone.create',
        entityType: 'milestone',
        entityId: m.id,
        subjectId: m.defenderId,
        changes: diffForAudit(null, {
          kind: m.kind,
          title: m.title,
          dueAt: m.dueAt.toISOString(),
          status: m.status,
        }),
      });
      return m.id;
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: Actor): Promise<MilestoneView> {
    return toMilestoneView(await this.load(this.dataSource.manager, id, actor));
  }

  async update(
    id: string,
    patch: MilestonePatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<MilestoneView> {
    await this.dataSource.transaction(async (tx) => {
      const m = await this.load(tx, id, actor, true);
      assertVersion('milestone', expectedVersion, m.version);
      if (m.source) {
        const moved = DERIVED_FIELDS.filter((f) => patch[f] !== undefined);
        if (moved.length) {
          throw new ConflictError(
            `This milestone follows its source (${m.source}); change ${moved.join(', ')} there. Reminders, assignees, notes and status can be changed here.`,
          );
        }
      }
      if (patch.defenderId && patch.defenderId !== m.defenderId) {
        await this.defenders.find(tx, patch.defenderId, { actor, reading: false });
      }
      await this.check(tx, { ...toMilestoneView(m), ...patch } as MilestoneInput);
      const before = toMilestoneView(m);
      if (patch.title !== undefined) m.title = patch.title.trim();
      if (patch.kind !== undefined) m.kind = patch.kind;
      if (patch.dueAt !== undefined) m.dueAt = dueInstant(patch.dueAt, patch.allDay ?? m.allDay);
      if (patch.allDay !== undefined) m.allDay = patch.allDay;
      if (patch.remindBefore !== undefined) m.remindBefore = dedupe(patch.remindBefore);
      if (patch.assigneeIds !== undefined) m.assigneeIds = dedupe(patch.assigneeIds);
      if (patch.notes !== undefined) m.notes = patch.notes;
      if (patch.status !== undefined) m.status = patch.status;
      if (patch.defenderId !== undefined) m.defenderId = patch.defenderId;
      await tx.save(m);
      await this.events.publish(tx, 'MilestoneChanged', { milestoneId: m.id });
      await this.audit.record(tx, actor, {
        action: 'milestone.update',
        entityType: 'milestone',
        entityId: m.id,
        subjectId: m.defenderId,
        changes: diffForAudit(
          before as unknown as Record<string, unknown>,
          toMilestoneView(m) as unknown as Record<string, unknown>,
          ['version', 'updatedAt', 'createdAt'],
        ),
      });
    });
    return this.get(id, actor);
  }

  /** DELETE cancels: the milestone and its pending reminders stay on record as cancelled. */
  async cancel(id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const m = await this.load(tx, id, actor, true);
      if (m.status === 'cancelled') return;
      m.status = 'cancelled';
      await tx.save(m);
      await this.events.publish(tx, 'MilestoneChanged', { milestoneId: m.id });
      await this.audit.record(tx, actor, {
        action: 'milestone.cancel',
        entityType: 'milestone',
        entityId: m.id,
        subjectId: m.defenderId,
      });
    });
  }

  async list(query: MilestoneQuery, actor: Actor): Promise<Page<MilestoneView>> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .getRepository(Milestone)
      .createQueryBuilder('m')
      .leftJoin('m.defender', 'd');
    // A general milestone (no case) is open to all staff; a case's follows the case.
    const visible = caseVisibleSql(actor, 'd');
    qb.andWhere(
      `(m.defender_id IS NULL OR (d.archived_at IS NULL AND ${visible.where}))`,
      visible.params,
    );
    if (query.defenderId) qb.andWhere('m.defender_id = :did', { did: query.defenderId });
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.assigneeId) {
      // Whom it reminds (RemindersService): its assignees, or, when it names no one, the
      // case's assigned caseworkers.
      qb.andWhere(
        `(:aid = ANY(m.assignee_ids) OR (cardinality(m.assignee_ids) = 0 AND
           ${assignedToCaseSql('m.defender_id', ':aid')}))`,
        { aid: query.assigneeId },
      );
    }
    if (query.from) qb.andWhere('m.due_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('m.due_at < :to', { to: new Date(query.to) });
    if (query.cursor) {
      const c = decodeKeyCursor(query.cursor);
      qb.andWhere('(m.due_at, m.id) > (:ck, :ci)', { ck: new Date(c.key), ci: c.id });
    }
    const rows = await qb
      .orderBy('m.due_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return {
      data: data.map(toMilestoneView),
      nextCursor:
        rows.length > limit && last ? encodeKeyCursor(last.dueAt.toISOString(), last.id) : null,
    };
  }

  async forDefender(
    defenderId: string,
    query: MilestoneQuery,
    actor: Actor,
  ): Promise<Page<MilestoneView>> {
    await this.defenders.find(this.dataSource.manager, defenderId, { actor });
    return this.list({ ...query, defenderId }, actor);
  }

  private async load(
    tx: EntityManager,
    id: string,
    actor: Actor,
    lock = false,
  ): Promise<Milestone> {
    const m = await tx.findOne(Milestone, {
      where: { id },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!m) throw new NotFoundError('Milestone', id);
    const defenderId = m.defenderId;
    if (defenderId)
      await hiddenAs('Milestone', id, () =>
        this.defenders.find(tx, defenderId, { actor, reading: !lock }),
      );
    return m;
  }

  private async check(tx: EntityManager, input: MilestoneInput): Promise<void> {
    const errors: FieldError[] = [];
    (input.remindBefore ?? []).forEach((o, i) => {
      if (!isValidOffset(o)) {
        errors.push({
          field: `remindBefore[${i}]`,
          message: 'must be an ISO 8601 duration such as P7D, P1D or PT2H',
        });
      }
    });
    const ids = dedupe(input.assigneeIds ?? []);
    if (ids.length) {
      const users = await activeUsers(tx, ids);
      const found = new Set(users.filter((u) => u.role !== 'viewer').map((u) => u.id));
      ids.forEach((uid, i) => {
        if (!found.has(uid))
          errors.push({
            field: `assigneeIds[${i}]`,
            message: 'is not an active caseworker, coordinator or admin',
          });
      });
    }
    if (errors.length) throw new ValidationFailedError(errors);
  }
}

/**
 * The stored instant. An all-day milestone is its date as written, stored at 00:00Z of that
 * date (what reminder planning expects): '2026-07-01T00:00:00+03:00' is 1 July, not the
 * 30 June that the instant falls on in UTC.
 */
function dueInstant(dueAt: string, allDay: boolean): Date {
  return allDay && /^\d{4}-\d{2}-\d{2}/.test(dueAt)
    ? new Date(`${dueAt.slice(0, 10)}T00:00:00Z`)
    : new Date(dueAt);
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
