import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { anchorCase } from '../defenders';
import { OnDomainEvent, type DomainEvents } from '../shared/events';
import { MilestoneSync } from './milestone-sync.service';
import type { MilestoneKind } from './milestone.entity';

/** Rows per statement when copying a profile review onto imported records. */
const IMPORT_BATCH = 10_000;

/**
 * Milestone derivation, as the listener of what other features announce: the timeline's
 * hearings and anniversaries, profile and consent reviews, escalation clocks, planned
 * solidarity actions, and who may see a case. Runs in the announcing transaction.
 */
@Injectable()
export class MilestoneListeners {
  constructor(private readonly sync: MilestoneSync) {}

  /** The profile review follows every change; an archived case's open milestones end. */
  @OnDomainEvent('DefenderChanged')
  async defenderChanged(tx: EntityManager, e: DomainEvents['DefenderChanged']): Promise<void> {
    await this.sync.syncProfileReview(tx, e.defenderId, e.changedAt, e.archived);
    if (!e.archived) return;
    await tx.query(
      `UPDATE milestones SET status = 'cancelled', version = version + 1, updated_at = now()
        WHERE defender_id = $1 AND status = 'open'`,
      [e.defenderId],
    );
  }

  /**
   * Every imported record's profile review. The first is made by MilestoneSync itself; the
   * others copy it (same moment, so the same due date, title and reminder offsets). New
   * records have no assignees yet, so there are no deliveries to plan.
   */
  @OnDomainEvent('DefendersImported')
  async defendersImported(tx: EntityManager, e: DomainEvents['DefendersImported']): Promise<void> {
    const ids = e.defenderIds;
    if (!ids.length) return;
    await this.sync.syncProfileReview(tx, ids[0], e.at, false);
    for (let start = 1; start < ids.length; start += IMPORT_BATCH) {
      await tx.query(
        `INSERT INTO milestones (defender_id, kind, title, title_message, due_at, all_day,
                                 remind_before, assignee_ids, notes, status, source, source_key,
                                 created_by, version)
         SELECT x.id, m.kind, m.title, m.title_message, m.due_at, m.all_day, m.remind_before, m.assignee_ids,
                m.notes, m.status, m.source, x.id::text, m.created_by, m.version
           FROM milestones m, unnest($2::uuid[]) AS x(id)
          WHERE m.source = 'profile_review' AND m.source_key = $1`,
        [ids[0], ids.slice(start, start + IMPORT_BATCH)],
      );
    }
  }

  /** Re-plan the reminders of the case's open milestones for those who may now see it. */
  @OnDomainEvent('DefenderAccessChanged')
  async accessChanged(tx: EntityManager, e: DomainEvents['DefenderAccessChanged']): Promise<void> {
    await this.sync.replanCase(tx, e.defenderId);
  }

  @OnDomainEvent('DetentionEventRecorded')
  async detentionEventRecorded(
    tx: EntityManager,
    e: DomainEvents['DetentionEventRecorded'],
  ): Promise<void> {
    await this.sync.syncEvent(tx, { ...e.event, defenderId: e.defenderId });
    await this.sync.syncAnniversary(tx, e.defenderId, e.summary);
  }

  @OnDomainEvent('ConsentGranted')
  async consentGranted(tx: EntityManager, e: DomainEvents['ConsentGranted']): Promise<void> {
    await this.sync.syncConsentReview(tx, e.defenderId, e.purpose, {
      granted: true,
      expiresOn: e.expiresOn,
    });
  }

  @OnDomainEvent('ConsentWithdrawn')
  async consentWithdrawn(tx: EntityManager, e: DomainEvents['ConsentWithdrawn']): Promise<void> {
    await this.sync.syncConsentReview(tx, e.defenderId, e.purpose, {
      granted: false,
      expiresOn: null,
    });
  }

  /** The deadlines hang on a restricted case of a group escalation when there is one. */
  @OnDomainEvent('EscalationTransitioned')
  async escalationTransitioned(
    tx: EntityManager,
    e: DomainEvents['EscalationTransitioned'],
  ): Promise<void> {
    const { escalationId, defenderIds, ownerId, deadlines } = e;
    await this.sync.syncEscalationClock(tx, {
      id: escalationId,
      defenderId: await anchorCase(tx, defenderIds),
      ownerId,
      // The procedure tables name only milestone kinds (their test checks each one).
      deadlines: deadlines.map((d) => ({ ...d, milestone: d.milestone as MilestoneKind })),
    });
  }

  /**
   * The milestone of a planned action, for its organiser. It hangs on a restricted defender
   * when there is one, so it is never shown to someone who may not see the action.
   */
  @OnDomainEvent('SolidarityActionChanged')
  async solidarityActionChanged(
    tx: EntityManager,
    e: DomainEvents['SolidarityActionChanged'],
  ): Promise<void> {
    const { actionId, defenderIds, ...action } = e;
    await this.sync.syncSolidarityAction(tx, {
      id: actionId,
      defenderId: await anchorCase(tx, defenderIds),
      ...action,
    });
  }
}
