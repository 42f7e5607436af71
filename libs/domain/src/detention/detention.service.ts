import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  Clock,
  diffForAudit,
  FieldCipher,
  NotFoundError,
  ValidationFailedError,
  EventBus,
} from '@witness/platform';
import { seesSensitive } from '../access';
import type { DomainEvents } from '../shared/events';
import { DataSource, EntityManager } from 'typeorm';
import { DefendersService, storeDetentionSummary } from '../defenders';
import type { Actor } from '../shared/actor';
import { DetentionEvent } from './detention-event.entity';
import {
  CUSTODY_EVENT_TYPES,
  deriveDetention,
  mayBeFuture,
  PERIOD_EVENT_TYPES,
  REMEDY_EVENT_TYPES,
  type DetentionSummary,
  type EventType,
} from '../shared/detention-status';
import type {
  DetentionEventInput,
  DetentionEventPatch,
  DetentionEventView,
} from './detention.types';
import { cipherContext } from '../shared/encrypted-columns';

const sourceContext = (id: string) => cipherContext('detention_events', 'sourceIdentityEnc', id);

/**
 * The detention timeline. Every change re-derives the defender's status and days in
 * detention (`deriveDetention`) in the same transaction, under a lock on the defender, so
 * two caseworkers adding events at once cannot leave a stale status behind.
 */
@Injectable()
export class DetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  async list(defenderId: string, actor: Actor): Promise<DetentionEventView[]> {
    await this.defenders.find(this.dataSource.manager, defenderId, { actor });
    const events = await this.dataSource.manager.find(DetentionEvent, {
      where: { defenderId },
      order: { occurredOn: 'ASC', seq: 'ASC' },
    });
    const today = this.clock.today();
    // Lists never carry sensitive fields: the source identity is on the single event only.
    return events.map((e) => toEventView(e, today));
  }

  async get(defenderId: string, eventId: string, actor: Actor): Promise<DetentionEventView> {
    await this.defenders.find(this.dataSource.manager, defenderId, { actor });
    return this.load(this.dataSource.manager, defenderId, eventId, actor);
  }

  private async load(
    m: EntityManager,
    defenderId: string,
    eventId: string,
    actor: Actor,
  ): Promise<DetentionEventView> {
    const e = await m
      .createQueryBuilder(DetentionEvent, 'e')
      .addSelect('e.sourceIdentityEnc')
      .where('e.id = :eventId AND e.defender_id = :defenderId', { eventId, defenderId })
      .getOne();
    if (!e) throw new NotFoundError('Event', eventId);
    const view = toEventView(e, this.clock.today());
    if (seesSensitive(actor)) {
      view.sourceIdentity = e.sourceIdentityEnc
        ? this.cipher.decrypt(e.sourceIdentityEnc, sourceContext(e.id))
        : null;
    }
    return view;
  }

  async add(
    defenderId: string,
    input: DetentionEventInput,
    actor: Actor,
  ): Promise<DetentionEventView> {
    this.checkDate(input.type, input.occurredOn);
    this.checkFields(input);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await this.defenders.find(tx, defenderId, { actor, lock: true, reading: false });
      const { sourceIdentity, ...fields } = clean(input);
      await tx.insert(
        DetentionEvent,
        tx.create(DetentionEvent, {
          ...fields,
          id,
          defenderId,
          sourceIdentityEnc: sourceIdentity
            ? this.cipher.encrypt(sourceIdentity, sourceContext(id))
            : null,
        }),
      );
      const summary = await this.rederive(tx, defenderId);
      await this.events.publish(tx, 'DetentionEventRecorded', {
        defenderId,
        event: {
          id,
          type: fields.type,
          occurredOn: fields.occurredOn,
          place: fields.place ?? null,
        },
        summary,
      });
      await this.audit.record(tx, actor, {
        action: 'event.create',
        entityType: 'event',
        entityId: id,
        subjectId: defenderId,
        changes: {
          ...diffForAudit(null, { ...fields, sourceIdentity }),
          status: { from: null, to: summary.status },
        },
      });
    });
    return this.get(defenderId, id, actor);
  }

  /** Correct an event (a new date, type or detail); the derived status follows. */
  async update(
    defenderId: string,
    eventId: string,
    patch: DetentionEventPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<DetentionEventView> {
    await this.dataSource.transaction(async (tx) => {
      await this.defenders.find(tx, defenderId, { actor, lock: true, reading: false });
      const e = await tx.findOneBy(DetentionEvent, { id: eventId, defenderId });
      if (!e) throw new NotFoundError('Event', eventId);
      assertVersion('event', expectedVersion, e.version);
      const { sourceIdentity, ...changes } = clean(patch);
      for (const required of ['type', 'occurredOn'] as const) {
        if (required in changes && changes[required] == null) {
          throw ValidationFailedError.field(required, 'must not be empty');
        }
      }
      this.checkDate(changes.type ?? e.type, changes.occurredOn ?? e.occurredOn);
      this.checkFields({ ...e, ...changes });
      const before = { ...e } as Record<string, unknown>;
      tx.merge(DetentionEvent, e, changes);
      const extra: Record<string, unknown> = {};
      if (sourceIdentity !== undefined) {
        e.sourceIdentityEnc = sourceIdentity
          ? this.cipher.encrypt(sourceIdentity, sourceContext(e.id))
          : null;
        extra.sourceIdentity = { from: '[redacted]', to: '[redacted]' };
      }
      await tx.save(e);
      const summary = await this.rederive(tx, defenderId);
      await this.events.publish(tx, 'DetentionEventRecorded', {
        defenderId,
        event: { id: e.id, type: e.type, occurredOn: e.occurredOn, place: e.place },
        summary,
      });
      await this.audit.record(tx, actor, {
        action: 'event.update',
        entityType: 'event',
        entityId: eventId,
        subjectId: defenderId,
        changes: {
          ...diffForAudit(before, { ...e } as Record<string, unknown>, [
            'version',
            'updatedAt',
            'createdAt',
            'seq',
            'sourceIdentityEnc',
          ]),
          ...extra,
        },
      });
    });
    return this.get(defenderId, eventId, actor);
  }

  /**
   * Recompute the derivation cached on the case record (stored by the record's owner,
   * without moving its version).
   */
  async rederive(tx: EntityManager, defenderId: string): Promise<DetentionSummary> {
    const facts: { type: DetentionEvent['type']; occurredOn: string; seq: string }[] =
      await tx.query(
        `SELECT type, occurred_on::text AS "occurredOn", seq::text AS seq
           FROM detention_events WHERE defender_id = $1`,
        [defenderId],
      );
    const summary = deriveDetention(
      facts.map((f) => ({ ...f, seq: Number(f.seq) })),
      this.clock.today(),
    );
    await storeDetentionSummary(tx, defenderId, summary, this.clock.now());
    return summary;
  }

  /**
   * The questionnaire fields go with the event types they describe (a warrant with an arrest,
   * a period's end with a period, an outcome with a remedy), and their dates in order.
   */
  private checkFields(e: DetentionEventPatch & { type: EventType; occurredOn: string }): void {
    const errors: { field: string; message: string }[] = [];
    const only = (field: keyof DetentionEventPatch, types: readonly EventType[]) => {
      const v = e[field];
      if (v !== null && v !== undefined && !types.includes(e.type)) {
        errors.push({ field, message: `applies only to ${types.join(', ')} events` });
      }
    };
    only('warrantShown', CUSTODY_EVENT_TYPES);
    only('takenTo', CUSTODY_EVENT_TYPES);
    only('endedOn', PERIOD_EVENT_TYPES);
    only('outcome', REMEDY_EVENT_TYPES);
    only('outcomeOn', REMEDY_EVENT_TYPES);
    const today = this.clock.today();
    if (e.endedOn && e.endedOn < e.occurredOn)
      errors.push({ field: 'endedOn', message: 'must not be before occurredOn' });
    // Only a pre-trial detention is ordered until a future date.
    if (e.endedOn && e.endedOn > today && e.type !== 'pretrial_extension')
      errors.push({ field: 'endedOn', message: 'must not be in the future' });
    if (e.outcomeOn && e.outcomeOn < e.occurredOn)
      errors.push({ field: 'outcomeOn', message: 'must not be before occurredOn' });
    if (e.outcomeOn && e.outcomeOn > today)
      errors.push({ field: 'outcomeOn', message: 'must not be in the future' });
    if (errors.length) throw new ValidationFailedError(errors);
  }

  private checkDate(type: DetentionEventInput['type'], occurredOn: string): void {
    if (occurredOn > this.clock.today() && !mayBeFuture(type)) {
      throw ValidationFailedError.field(
        'occurredOn',
        `must not be in the future for a ${type} event (only hearing, trial and verdict can be scheduled)`,
      );
    }
  }
}

function clean<T extends DetentionEventPatch>(input: T): T {
  const out = { ...input };
  if (Array.isArray(input.charges)) {
    out.charges = [...new Set(input.charges.map((c) => c.trim()).filter(Boolean))];
  }
  return out;
}

export function toEventView(e: DetentionEvent, today: string): DetentionEventView {
  return {
    id: e.id,
    defenderId: e.defenderId,
    type: e.type,
    occurredOn: e.occurredOn,
    description: e.description,
    place: e.place,
    authority: e.authority,
    legalBasis: e.legalBasis,
    charges: e.charges ?? [],
    sentence: e.sentence,
    forces: e.forces,
    warrantShown: e.warrantShown,
    takenTo: e.takenTo,
    endedOn: e.endedOn,
    outcome: e.outcome,
    outcomeOn: e.outcomeOn,
    source: e.source,
    verification: e.verification,
    scheduled: e.occurredOn > today,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/**
 * Each defender's first release or conditional release dated from `from` to `to` (inclusive):
 * what the escalations count as releases that followed a submission.
 */
export async function firstReleasesBetween(
  manager: EntityManager,
  defenderIds: readonly string[],
  from: string,
  to: string,
): Promise<{ defenderId: string; releasedOn: string; type: string }[]> {
  if (defenderIds.length === 0) return [];
  const rows: { defender_id: string; occurred_on: string; type: string }[] = await manager.query(
    `SELECT defender_id, min(occurred_on)::text AS occurred_on,
            (array_agg(type ORDER BY occurred_on))[1] AS type
       FROM detention_events
      WHERE defender_id = ANY($1) AND type IN ('release', 'conditional_release')
        AND occurred_on >= $2 AND occurred_on <= $3
      GROUP BY defender_id`,
    [defenderIds, from, to],
  );
  return rows.map((r) => ({ defenderId: r.defender_id, releasedOn: r.occurred_on, type: r.type }));
}

/** The distinct event types, with their charges, on these defenders' timelines. */
export async function timelineEventFacts(
  manager: EntityManager,
  defenderIds: readonly string[],
): Promise<{ type: string; charges: string[] | null }[]> {
  return manager.query(
    `SELECT DISTINCT type, charges FROM detention_events WHERE defender_id = ANY($1)`,
    [defenderIds],
  );
}
