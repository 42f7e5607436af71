import { Injectable } from '@nestjs/common';
import { assertVersion, Clock, NotFoundError, ValidationFailedError } from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { DefendersService } from '../defenders/defenders.service';
import type { Actor } from '../shared/actor';
import { DetentionEvent } from './detention-event.entity';
import { deriveDetention, mayBeFuture, type DetentionSummary } from './detention-status';
import type {
  DetentionEventInput,
  DetentionEventPatch,
  DetentionEventView,
} from './detention.types';

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
  ) {}

  async list(defenderId: string): Promise<DetentionEventView[]> {
    await this.defenders.find(this.dataSource.manager, defenderId);
    const events = await this.dataSource.manager.find(DetentionEvent, {
      where: { defenderId },
      order: { occurredOn: 'ASC', seq: 'ASC' },
    });
    const today = this.clock.today();
    return events.map((e) => toEventView(e, today));
  }

  async get(defenderId: string, eventId: string): Promise<DetentionEventView> {
    await this.defenders.find(this.dataSource.manager, defenderId);
    const e = await this.dataSource.manager.findOneBy(DetentionEvent, { id: eventId, defenderId });
    if (!e) throw new NotFoundError('Event', eventId);
    return toEventView(e, this.clock.today());
  }

  async add(
    defenderId: string,
    input: DetentionEventInput,
    _actor: Actor,
  ): Promise<DetentionEventView> {
    this.checkDate(input.type, input.occurredOn);
    const saved = await this.dataSource.transaction(async (tx) => {
      await this.defenders.find(tx, defenderId, { lock: true });
      const e = await tx.save(tx.create(DetentionEvent, { ...clean(input), defenderId }));
      await this.rederive(tx, defenderId);
      return e;
    });
    return this.get(defenderId, saved.id);
  }

  /** Correct an event (a new date, type or detail); the derived status follows. */
  async update(
    defenderId: string,
    eventId: string,
    patch: DetentionEventPatch,
    expectedVersion: number,
    _actor: Actor,
  ): Promise<DetentionEventView> {
    await this.dataSource.transaction(async (tx) => {
      await this.defenders.find(tx, defenderId, { lock: true });
      const e = await tx.findOneBy(DetentionEvent, { id: eventId, defenderId });
      if (!e) throw new NotFoundError('Event', eventId);
      assertVersion('event', expectedVersion, e.version);
      const changes = clean(patch);
      for (const required of ['type', 'occurredOn'] as const) {
        if (required in changes && changes[required] == null) {
          throw ValidationFailedError.field(required, 'must not be empty');
        }
      }
      this.checkDate(changes.type ?? e.type, changes.occurredOn ?? e.occurredOn);
      tx.merge(DetentionEvent, e, changes);
      await tx.save(e);
      await this.rederive(tx, defenderId);
    });
    return this.get(defenderId, eventId);
  }

  /**
   * Recompute the cached derivation on the defender row. Written with plain SQL so the
   * record's version (an editing precondition) does not move when only the timeline did.
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
    await tx.query(
      `UPDATE defenders
          SET status = $2, detained_since = $3, closed_detention_days = $4, last_event_at = $5
        WHERE id = $1`,
      [defenderId, summary.status, summary.detainedSince, summary.closedDays, this.clock.now()],
    );
    return summary;
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
    source: e.source,
    verification: e.verification,
    scheduled: e.occurredOn > today,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
