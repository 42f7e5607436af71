import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  Clock,
  decodeKeyCursor,
  encodeKeyCursor,
  FieldCipher,
  ForbiddenError,
  checkWebhookTarget,
  NotFoundError,
  ValidationFailedError,
  type Env,
  type Page,
  type WebhookTargetPolicy,
} from '@witness/platform';
import { DataSource } from 'typeorm';
import { seesAllCases, AccessService } from '../access';
import { RemindersService } from './reminders.service';
import { CHANNELS, type Channel, type DeliveryState } from './delivery.entity';
import { webhookPolicyOf, webhookSecretContext } from './dispatch.service';
import { NotificationPreferences } from './notification-preferences.entity';
import { Notification } from './notification.entity';
import type { Actor } from '../shared/actor';

export interface NotificationView {
  id: string;
  title: string;
  body: string;
  link: string | null;
  milestoneId: string | null;
  defenderId: string | null;
  late: boolean;
  /**
   * It is about a case the reader may no longer see (unassigned, or the case was restricted):
   * what it said, its link and ids are withheld (read-time: given back with access).
   */
  withheld: boolean;
  createdAt: string;
  readAt: string | null;
}

/** What a withheld notification says instead of what it said. */
export const WITHHELD_NOTIFICATION = {
  title: 'Reminder about a case you no longer have access to',
  body: 'What this reminder said is withheld: you are no longer assigned to its case, or the case is now restricted. Ask a coordinator if you need it.',
} as const;

export interface PreferencesView {
  channels: Channel[];
  webhookUrl: string | null;
  /** Shown once, when a webhook URL is first set or the secret is regenerated. */
  webhookSecret?: string;
  digestHour: number | null;
}

export interface PreferencesInput {
  channels: Channel[];
  webhookUrl?: string | null;
  regenerateWebhookSecret?: boolean;
  digestHour?: number | null;
}

export interface DeliveryView {
  id: string;
  milestoneId: string;
  offset: string;
  recipientId: string;
  channel: Channel;
  sendAt: string;
  state: DeliveryState;
  late: boolean;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

const toView = (n: Notification, withheld: boolean): NotificationView => ({
  id: n.id,
  title: withheld ? WITHHELD_NOTIFICATION.title : n.title,
  body: withheld ? WITHHELD_NOTIFICATION.body : n.body,
  link: withheld ? null : n.link,
  milestoneId: withheld ? null : n.milestoneId,
  defenderId: withheld ? null : n.defenderId,
  late: n.late,
  withheld,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** The in-app inbox, each person's delivery preferences, and the delivery log for coordinators. */
@Injectable()
export class NotificationsService {
  private readonly webhookPolicy: WebhookTargetPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly reminders: RemindersService,
    private readonly access: AccessService,
    config: ConfigService<Env, true>,
  ) {
    this.webhookPolicy = webhookPolicyOf(config);
  }

  /** How many of the user's in-app notifications are unread. */
  async unreadCount(userId: string): Promise<number> {
    return this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId AND n.read_at IS NULL', { userId })
      .getCount();
  }

  /**
   * The actor's own notifications. Need-to-know is checked now, not when they were sent: one
   * about a case the actor may no longer see is withheld (`withheld`), and reads in full again
   * once they may see it again.
   */
  async inbox(
    actor: Actor,
    q: { unread?: boolean; limit?: number; cursor?: string },
  ): Promise<Page<NotificationView>> {
    const limit = q.limit ?? 50;
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: actor.userId });
    if (q.unread) qb.andWhere('n.read_at IS NULL');
    if (q.cursor) {
      const c = decodeKeyCursor(q.cursor);
      qb.andWhere('(n.created_at, n.id) < (:ck, :ci)', { ck: new Date(c.key), ci: c.id });
    }
    const rows = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    const views = await this.views(data, actor);
    return {
      data: views,
      nextCursor:
        rows.length > limit && last ? encodeKeyCursor(last.createdAt.toISOString(), last.id) : null,
    };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const n = actor.userId
      ? await this.dataSource.manager.findOneBy(Notification, { id, userId: actor.userId })
      : null;
    if (!n) throw new NotFoundError('Notification', id);
    if (!n.readAt) {
      n.readAt = this.clock.now();
      await this.dataSource.manager.save(n);
    }
    return (await this.views([n], actor))[0];
  }

  /** Views of the actor's notifications, those about a case they may not see withheld. */
  private async views(rows: Notification[], actor: Actor): Promise<NotificationView[]> {
    const hidden = await this.access.hiddenReferences(
      this.dataSource.manager,
      rows.flatMap((n) => (n.defenderId ? [n.defenderId] : [])),
      actor,
    );
    return rows.map((n) => toView(n, n.defenderId !== null && hidden.has(n.defenderId)));
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    const res = await this.dataSource.query(
      `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`,
      [userId, this.clock.now()],
    );
    return { updated: Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0 };
  }

  async preferences(userId: string): Promise<PreferencesView> {
    const p = await this.dataSource.manager.findOneBy(NotificationPreferences, { userId });
    return {
      channels: (p?.channels ?? ['in_app', 'email']) as Channel[],
      webhookUrl: p?.webhookUrl ?? null,
      digestHour: p?.digestHour ?? null,
    };
  }

  async setPreferences(userId: string, input: PreferencesInput): Promise<PreferencesView> {
    const channels = [...new Set(input.channels)].filter((c) => CHANNELS.includes(c));
    if (channels.includes('webhook') && !input.webhookUrl) {
      throw ValidationFailedError.field('webhookUrl', 'is needed for the webhook channel');
    }
    if (input.webhookUrl) {
      // Checked again at every delivery, on the address actually connected to.
      const target = await checkWebhookTarget(input.webhookUrl, this.webhookPolicy);
      if (!target.ok) throw ValidationFailedError.field('webhookUrl', target.reason);
    }
    let shownSecret: string | undefined;
    await this.dataSource.transaction(async (tx) => {
      const existing = await tx
        .getRepository(NotificationPreferences)
        .createQueryBuilder('p')
        .addSelect('p.webhookSecretEnc')
        .where('p.user_id = :userId', { userId })
        .getOne();
      let secretEnc = existing?.webhookSecretEnc ?? null;
      if (input.webhookUrl && (!secretEnc || input.regenerateWebhookSecret)) {
        shownSecret = randomBytes(32).toString('base64url');
        secretEnc = this.cipher.encrypt(shownSecret, webhookSecretContext(userId));
      }
      if (!input.webhookUrl) secretEnc = null;
      await tx.save(NotificationPreferences, {
        userId,
        channels,
        webhookUrl: input.webhookUrl ?? null,
        webhookSecretEnc: secretEnc,
        digestHour: input.digestHour ?? null,
      });
      // Channels changed: re-plan every open milestone this person is reminded of.
      const ms: { id: string }[] = await tx.query(
        `SELECT DISTINCT m.id FROM reminder_milestones m
           LEFT JOIN deliveries d ON d.milestone_id = m.id AND d.recipient_id = $1
          WHERE m.status = 'open' AND m.due_at > $2 AND (d.id IS NOT NULL OR $1 = ANY(m.assignee_ids))`,
        [userId, this.clock.now()],
      );
      for (const m of ms) await this.reminders.plan(tx, m.id);
    });
    return {
      ...(await this.preferences(userId)),
      ...(shownSecret ? { webhookSecret: shownSecret } : {}),
    };
  }

  /** The delivery log (coordinators and admins): e.g. every failed reminder, newest first. */
  async deliveries(
    actor: Actor,
    q: { state?: DeliveryState; limit?: number },
  ): Promise<DeliveryView[]> {
    if (!seesAllCases(actor))
      throw new ForbiddenError('Only coordinators and admins see the delivery log.');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, milestone_id, "offset", recipient_id, channel, send_at, state, late, attempts, last_error, sent_at
         FROM deliveries WHERE ($1::text IS NULL OR state = $1) ORDER BY updated_at DESC LIMIT $2`,
      [q.state ?? null, q.limit ?? 100],
    );
    return rows.map((r) => ({
      id: r.id as string,
      milestoneId: r.milestone_id as string,
      offset: r.offset as string,
      recipientId: r.recipient_id as string,
      channel: r.channel as Channel,
      sendAt: (r.send_at as Date).toISOString(),
      state: r.state as DeliveryState,
      late: r.late as boolean,
      attempts: r.attempts as number,
      lastError: (r.last_error as string | null) ?? null,
      sentAt: r.sent_at ? (r.sent_at as Date).toISOString() : null,
    }));
  }
}
