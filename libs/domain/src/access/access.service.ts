import { Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '@witness/platform';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../shared/actor';
import type { AccessLevel } from '../shared/vocabulary';
import { User } from '../users';
import {
  assignable,
  caseVisibleSql,
  DECISION_FIELDS,
  decidesAccess,
  hiddenReferencesSql,
  linkedVisibleSql,
  seesAllCases,
  type DecisionField,
} from './access-policy';
import { DefenderAssignee } from './defender-assignee.entity';

export interface AssigneeView {
  userId: string;
  name: string;
  email: string;
  role: string;
  assignedAt: string;
}

/**
 * Need-to-know. A restricted case exists only for its assigned caseworkers, coordinators
 * and admins: for anyone else every route answers 404 and every list leaves it out.
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger('access');
  /**
   * Restricted reads already recorded, by request and case: a page that shows one case
   * through several services (the web profile) is one read in the trail, not six.
   */
  private readonly recordedReads = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Narrow a defenders query (alias `d`) to the cases the actor may see. */
  restrict<T extends object>(
    qb: SelectQueryBuilder<T>,
    actor: Actor,
    alias = 'd',
  ): SelectQueryBuilder<T> {
    if (seesAllCases(actor)) return qb;
    const visible = caseVisibleSql(actor, alias);
    return qb.andWhere(visible.where, visible.params);
  }

  /**
   * Narrow a query of records linked to cases (escalations, solidarity actions) to those
   * whose every linked case the actor may see: one hidden case hides the record.
   */
  restrictLinked<T extends object>(
    qb: SelectQueryBuilder<T>,
    actor: Actor,
    link: { table: string; column: string; ownerAlias: string },
  ): SelectQueryBuilder<T> {
    if (seesAllCases(actor)) return qb;
    const visible = linkedVisibleSql(actor, link);
    return qb.andWhere(visible.where, visible.params);
  }

  /**
   * Of these ids (of cases or of records that hang on cases: documents, escalations, actions,
   * dossiers, milestones, events, consents), those the actor may not see because a case
   * they are or concern is hidden from them. One query; ids of anything else (users,
   * partners) are never hidden. Empty for those who see every case.
   */
  async hiddenReferences(manager: EntityManager, ids: Iterable<string>, actor: Actor) {
    const unique = [...new Set(ids)];
    if (seesAllCases(actor) || unique.length === 0) return new Set<string>();
    const { sql, params } = hiddenReferencesSql(actor);
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, {
      ...params,
      refIds: unique,
    });
    const rows: { id: string }[] = await manager.query(text, values);
    return new Set(rows.map((r) => r.id));
  }

  /** May this user (not the actor: an owner, a recipient) see every one of these cases? */
  async userSeesAll(
    manager: EntityManager,
    user: Pick<User, 'id' | 'role'>,
    defenderIds: readonly string[],
  ): Promise<boolean> {
    const who: Actor = { userId: user.id, role: user.role };
    if (seesAllCases(who) || defenderIds.length === 0) return true;
    const visible = caseVisibleSql(who, 'd');
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT count(*)::int AS n FROM defenders d
        WHERE d.id = ANY(CAST(:ids AS uuid[])) AND NOT (${visible.where})`,
      { ...visible.params, ids: [...new Set(defenderIds)] },
    );
    const rows: { n: number }[] = await manager.query(text, values);
    return rows[0].n === 0;
  }

  /**
   * Throw 404 unless the actor may see this case. A read of a restricted case is audited, and
   * so is an attempt on one the actor may not see (recorded as a denial, answered as 404).
   */
  async check(
    manager: EntityManager,
    d: { id: string; access: AccessLevel },
    actor: Actor,
    reading = true,
  ): Promise<void> {
    if (d.access !== 'restricted') return;
    const allowed = seesAllCases(actor) || (await this.isAssigned(manager, d.id, actor));
    const entry = {
      action: allowed
        ? reading
          ? 'defender.read_restricted'
          : 'defender.access_restricted'
        : 'access.denied',
      entityType: 'defender',
      entityId: d.id,
      subjectId: d.id,
      changes: allowed ? null : { reason: 'restricted case, not assigned' },
    };
    // Inside the caller's transaction, never take a second pool connection while holding one:
    // under concurrent writes that starves the pool. An allowed access is recorded in the
    // transaction; a denial (which rolls the transaction back) once its connection is free.
    const inTransaction = manager.queryRunner?.isTransactionActive === true;
    if (allowed && reading && actor.requestId) {
      const key = `${actor.requestId}:${d.id}`;
      if (this.recordedReads.has(key)) return;
      if (this.recordedReads.size >= 10_000) this.recordedReads.clear();
      this.recordedReads.add(key);
    }
    if (allowed || !inTransaction) {
      await this.audit.record(inTransaction ? manager : null, actor, entry);
    } else {
      this.audit
        .record(null, actor, entry)
        .catch((err: unknown) => this.logger.error({ err }, 'could not record an access denial'));
    }
    if (!allowed) throw new NotFoundError('Defender', d.id);
  }

  /**
   * Refuse an actor who is not a decider (`decidesAccess`) and sends fields only deciders set
   * (a case's `access`, an action's `isPublic`): 403 naming each field. The refused attempt is
   * audited first, in its own statement: call this outside any transaction (after the
   * visibility check, so a record one may not see still answers 404), as nothing of the
   * request is written.
   */
  async refuseDecisions(
    actor: Actor,
    sent: Partial<Record<DecisionField, unknown>>,
    target: { entityType: string; entityId?: string | null; subjectId?: string | null },
  ): Promise<void> {
    if (decidesAccess(actor)) return;
    const fields = (Object.keys(DECISION_FIELDS) as DecisionField[]).filter(
      (f) => sent[f] !== undefined,
    );
    if (!fields.length) return;
    await this.audit.record(null, actor, {
      action: 'access.denied',
      entityType: target.entityType,
      entityId: target.entityId ?? null,
      subjectId: target.subjectId ?? null,
      changes: {
        reason: 'only coordinators and admins decide access and publication',
        fields,
        attempted: Object.fromEntries(fields.map((f) => [f, sent[f]])),
      },
    });
    throw new ForbiddenError(
      `Only coordinators and admins may change ${fields.join(' and ')}; nothing was saved.`,
      fields.map((field) => ({ field, message: DECISION_FIELDS[field] })),
    );
  }

  private async isAssigned(
    manager: EntityManager,
    defenderId: string,
    actor: Actor,
  ): Promise<boolean> {
    if (!actor.userId || actor.role === 'viewer') return false;
    return (await manager.countBy(DefenderAssignee, { defenderId, userId: actor.userId })) > 0;
  }

  async assignees(defenderId: string): Promise<AssigneeView[]> {
    const rows: {
      user_id: string;
      name: string;
      email: string;
      role: string;
      assigned_at: Date;
    }[] = await this.dataSource.query(
      `SELECT a.user_id, u.name, u.email, u.role, a.assigned_at FROM defender_assignees a
           JOIN users u ON u.id = a.user_id WHERE a.defender_id = $1 ORDER BY a.assigned_at`,
      [defenderId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      role: r.role,
      assignedAt: r.assigned_at.toISOString(),
    }));
  }

  /** Coordinators and admins assign caseworkers (or coordinators) to a case. */
  async assign(
    tx: EntityManager,
    defenderId: string,
    userId: string,
    actor: Actor,
    now: Date,
  ): Promise<void> {
    this.mustDecide(actor);
    const user = await tx.findOneBy(User, { id: userId });
    if (!user || !user.active) throw ValidationFailedError.field('userId', 'is not an active user');
    if (!assignable(user.role))
      throw ValidationFailedError.field('userId', 'must be a caseworker or coordinator');
    const exists = await tx.countBy(DefenderAssignee, { defenderId, userId });
    if (exists) throw new ConflictError('This person is already assigned to the case.');
    await tx.insert(DefenderAssignee, {
      defenderId,
      userId,
      assignedBy: actor.userId,
      assignedAt: now,
    });
    await this.audit.record(tx, actor, {
      action: 'defender.assign',
      entityType: 'defender',
      entityId: defenderId,
      subjectId: defenderId,
      changes: { assignee: { from: null, to: userId } },
    });
  }

  async unassign(
    tx: EntityManager,
    defenderId: string,
    userId: string,
    actor: Actor,
  ): Promise<void> {
    this.mustDecide(actor);
    const res = await tx.delete(DefenderAssignee, { defenderId, userId });
    if (!res.affected) throw new NotFoundError('Assignment', userId);
    await this.audit.record(tx, actor, {
      action: 'defender.unassign',
      entityType: 'defender',
      entityId: defenderId,
      subjectId: defenderId,
      changes: { assignee: { from: userId, to: null } },
    });
  }

  private mustDecide(actor: Actor): void {
    if (!seesAllCases(actor))
      throw new ForbiddenError('Only coordinators and admins assign caseworkers.');
  }
}
