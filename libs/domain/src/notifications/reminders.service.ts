import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, type Env } from '@witness/platform';
import { EntityManager, In } from 'typeorm';
import { caseAssigneeIds } from '../access';
import { caseNamesAndAccess } from '../defenders';
import { milestoneById, milestoneIdsOfCase, type Milestone } from '../milestones';
import { OnDomainEvent, type DomainEvents } from '../shared/events';
import { activeUsers } from '../users';
import { Delivery, type Channel } from './delivery.entity';
import { NotificationPreferences } from './notification-preferences.entity';
import { reminderAt } from '../shared/schedule';

interface WantedDelivery {
  offset: string;
  recipientId: string;
  channel: Channel;
  sendAt: Date;
}

const key = (d: { offset: string; recipientId: string; channel: string }) =>
  `${d.offset}|${d.recipientId}|${d.channel}`;

/**
 * Keeps a milestone's delivery records in step with it: one per offset x recipient x
 * channel. Moving `dueAt` reschedules pending ones; done or cancelled milestones cancel
 * them; a delivery already sent is never touched. Runs in the caller's transaction, when a
 * milestone announces that it changed (MilestoneChanged).
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
  ) {}

  @OnDomainEvent('MilestoneChanged')
  async onMilestoneChanged(tx: EntityManager, e: DomainEvents['MilestoneChanged']): Promise<void> {
    await this.plan(tx, e.milestoneId);
  }

  /** An archived case's reminders not yet sent are cancelled (after its milestones are). */
  @OnDomainEvent('DefenderChanged', { order: 10 })
  async onDefenderChanged(tx: EntityManager, e: DomainEvents['DefenderChanged']): Promise<void> {
    if (!e.archived) return;
    const milestoneIds = await milestoneIdsOfCase(tx, e.defenderId);
    if (!milestoneIds.length) return;
    await tx.update(
      Delivery,
      { milestoneId: In(milestoneIds), state: In(['pending', 'queued']) },
      { state: 'cancelled', lastError: 'case archived' },
    );
  }

  /**
   * Plan a milestone's deliveries. Callers that have just saved the milestone pass the
   * entity itself (as saved in this transaction), which spares reading it again.
   */
  async plan(tx: EntityManager, milestone: Milestone | string): Promise<void> {
    const m =
      typeof milestone === 'string' ? await milestoneById(tx, milestone) : milestone;
    if (!m) return;
    const milestoneId = m.id;
    const existing = await tx.find(Delivery, { where: { milestoneId } });
    const wanted = m.status === 'open' ? await this.wanted(tx, m) : [];
    const byKey = new Map(wanted.map((w) => [key(w), w]));
    const now = this.clock.now();

    for (const d of existing) {
      if (d.state === 'sent' || d.state === 'failed') continue;
      const w = byKey.get(key(d));
      byKey.delete(key(d));
      if (!w) {
        if (d.state !== 'cancelled')
          await tx.update(
            Delivery,
            { id: d.id },
            { state: 'cancelled', lastError: 'no longer wanted' },
          );
        continue;
      }
      if (d.state === 'cancelled' || d.sendAt.getTime() !== w.sendAt.getTime()) {
        // Rescheduled (or wanted again): back to pending, unless its moment is already gone.
        const passed = w.sendAt.getTime() < now.getTime();
        await tx.update(
          Delivery,
          { id: d.id },
          passed
            ? {
                state: 'cancelled',
                sendAt: w.sendAt,
                lastError: 'its moment passed before it was scheduled',
              }
            : { state: 'pending', sendAt: w.sendAt, queuedAt: null, lastError: null, late: false },
        );
      }
    }
    const fresh = [...byKey.values()].filter((w) => w.sendAt.getTime() >= now.getTime());
    if (fresh.length) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(Delivery)
        .values(fresh.map((w) => ({ ...w, milestoneId, state: 'pending' as const })))
        .orIgnore()
        .execute();
    }
  }

  /** Recipients: the milestone's assignees, else the case's assignees; only active users who may see the case. */
  private async wanted(tx: EntityManager, m: Milestone): Promise<WantedDelivery[]> {
    let ids = m.assigneeIds ?? [];
    let restricted = false;
    if (m.defenderId) {
      const found = await caseNamesAndAccess(tx, [m.defenderId]);
      restricted = found.get(m.defenderId)?.access === 'restricted';
      if (ids.length === 0) ids = await caseAssigneeIds(tx, m.defenderId);
    }
    if (ids.length === 0) return [];
    const users = await activeUsers(tx, ids);
    let allowed = users.filter((u) => u.role !== 'viewer' || !restricted);
    if (restricted && m.defenderId) {
      const set = new Set(await caseAssigneeIds(tx, m.defenderId));
      allowed = allowed.filter(
        (u) => u.role === 'coordinator' || u.role === 'admin' || set.has(u.id),
      );
    }
    const prefs = await tx.find(NotificationPreferences, {
      where: { userId: In(allowed.map((u) => u.id)) },
    });
    const prefOf = new Map(prefs.map((p) => [p.userId, p]));
    const emailOn = Boolean(this.config.get('SMTP_URL', { infer: true }));
    const allDayHour = this.config.get('REMINDER_ALL_DAY_HOUR', { infer: true });
    const out: WantedDelivery[] = [];
    for (const u of allowed) {
      const p = prefOf.get(u.id);
      const channels = (p?.channels ?? ['in_app', 'email']).filter(
        (c): c is Channel =>
          c === 'in_app' ||
          (c === 'email' && emailOn) ||
          (c === 'webhook' && Boolean(p?.webhookUrl)),
      );
      for (const offset of m.remindBefore) {
        const sendAt = reminderAt({
          dueAt: m.dueAt,
          allDay: m.allDay,
          offset,
          timeZone: u.timeZone,
          allDayHour,
        });
        for (const channel of channels) out.push({ offset, recipientId: u.id, channel, sendAt });
      }
    }
    return out;
  }
}
