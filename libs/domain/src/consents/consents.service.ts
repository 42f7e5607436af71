import { Injectable } from '@nestjs/common';
import { AuditService, Clock, EventBus, ValidationFailedError } from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../shared/actor';
import { DefendersService } from '../defenders';
import type { DomainEvents } from '../shared/events';
import { loadCurrentConsents, type CurrentConsent } from './consent-rules';
import {
  Consent,
  type ConsentDecision,
  type ConsentGiver,
  type ConsentMethod,
  type ConsentPurpose,
} from './consent.entity';

export interface ConsentInput {
  purpose: ConsentPurpose;
  decision: ConsentDecision;
  givenBy: ConsentGiver;
  method: ConsentMethod;
  decidedOn: string;
  expiresOn?: string | null;
  notes?: string | null;
}

export interface ConsentView extends Required<ConsentInput> {
  id: string;
  defenderId: string;
  recordedBy: string | null;
  recordedAt: string;
}

export function toConsentView(c: Consent): ConsentView {
  return {
    id: c.id,
    defenderId: c.defenderId,
    purpose: c.purpose,
    decision: c.decision,
    givenBy: c.givenBy,
    method: c.method,
    decidedOn: c.decidedOn,
    expiresOn: c.expiresOn,
    notes: c.notes,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}

/**
 * The consent ledger (append-only in the database). Access to the defender is checked by
 * the caller (DefendersService.find with the actor).
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly defenders: DefendersService,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  async record(
    tx: EntityManager,
    defenderId: string,
    input: ConsentInput,
    actor: Actor,
  ): Promise<Consent> {
    const today = this.clock.today();
    const errors = [];
    if (input.decidedOn > today)
      errors.push({ field: 'decidedOn', message: 'must not be in the future' });
    if (input.expiresOn && input.expiresOn < input.decidedOn) {
      errors.push({ field: 'expiresOn', message: 'must not be before decidedOn' });
    }
    if (input.expiresOn && input.decision !== 'given') {
      errors.push({ field: 'expiresOn', message: 'only a given consent can expire' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
    const saved = await tx.save(
      tx.create(Consent, {
        ...input,
        expiresOn: input.expiresOn ?? null,
        notes: input.notes ?? null,
        defenderId,
        recordedBy: actor.userId,
        recordedAt: this.clock.now(),
      }),
    );
    const current = await loadCurrentConsents(tx, defenderId, today);
    await this.audit.record(tx, actor, {
      action: `consent.${input.decision}`,
      entityType: 'consent',
      entityId: saved.id,
      subjectId: defenderId,
      changes: {
        purpose: { from: null, to: input.purpose },
        decision: { from: null, to: input.decision },
      },
    });
    // The review before it expires follows the consent in force; a revocation takes effect
    // at once (the public feed stops showing the profile, or photo).
    const inForce = current[input.purpose];
    if (inForce.granted)
      await this.events.publish(tx, 'ConsentGranted', {
        defenderId,
        purpose: input.purpose,
        expiresOn: inForce.expiresOn,
        actor,
      });
    else
      await this.events.publish(tx, 'ConsentWithdrawn', {
        defenderId,
        purpose: input.purpose,
        actor,
      });
    return saved;
  }

  /** Record a decision on a case the actor can see. */
  async add(defenderId: string, input: ConsentInput, actor: Actor): Promise<ConsentView> {
    const saved = await this.dataSource.transaction(async (tx) => {
      await this.defenders.find(tx, defenderId, { actor, lock: true, reading: false });
      return this.record(tx, defenderId, input, actor);
    });
    return toConsentView(saved);
  }

  /** Every entry, oldest first, and the consent in force per purpose. */
  async ledger(
    defenderId: string,
    actor: Actor,
  ): Promise<{ current: Record<ConsentPurpose, CurrentConsent>; entries: ConsentView[] }> {
    await this.defenders.find(this.dataSource.manager, defenderId, { actor });
    const rows = await this.dataSource.manager.find(Consent, {
      where: { defenderId },
      order: { decidedOn: 'ASC', seq: 'ASC' },
    });
    return {
      current: await loadCurrentConsents(this.dataSource.manager, defenderId, this.clock.today()),
      entries: rows.map(toConsentView),
    };
  }
}
