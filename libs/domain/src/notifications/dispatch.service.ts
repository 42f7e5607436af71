import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  Clock,
  FieldCipher,
  Mailer,
  postWebhook,
  renderEmail,
  WebhookError,
  webhookTargetPolicy,
  type Env,
  type WebhookTargetPolicy,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { recipientSeesCaseSql } from '../access';
import { caseNamesAndAccess } from '../defenders';
import { milestoneById, type Milestone } from '../milestones';
import { activeUser } from '../users';
import { Delivery } from './delivery.entity';
import { NotificationPreferences } from './notification-preferences.entity';
import { Notification } from './notification.entity';
import { isLate, nextDigestAt } from '../shared/schedule';
import { cipherContext } from '../shared/encrypted-columns';

export type DeliverOutcome = 'sent' | 'skipped' | 'failed';

/** Why a reminder was not sent to someone who lost access to its case. */
const NO_LONGER_SEES = 'recipient may no longer see the case';

const KIND_LABELS: Record<string, string> = {
  hearing: 'Hearing',
  trial: 'Trial',
  verdict: 'Verdict',
  sentence_end: 'End of sentence',
  detention_anniversary: 'Anniversary of detention',
  wgad_reply_due: 'WGAD: government reply due',
  wgad_follow_up_due: 'WGAD: follow-up due',
  source_comments_due: "Source's comments due",
  reply_due: 'Government reply due',
  publication_due: 'Communication made public',
  follow_up_due: 'Follow-up due',
  submission_due: 'Submission due',
  hrc_session: 'Human Rights Council session',
  upr_review: 'Universal Periodic Review',
  wgad_session: 'WGAD session',
  regional_session: 'Regional human rights body session',
  consent_review: 'Consent review',
  profile_review: 'Profile review',
  custom: 'Reminder',
};

/** Milestone kinds in words, as reminders say them (the calendar feeds say the same). */
export const MILESTONE_KIND_LABELS: Readonly<Record<string, string>> = KIND_LABELS;

export const webhookSecretContext = (userId: string) =>
  cipherContext('notification_preferences', 'webhookSecretEnc', userId);

/** Where this deployment's webhooks may go (WEBHOOK_ALLOW_HOSTS, https in production). */
export function webhookPolicyOf(config: ConfigService<Env, true>): WebhookTargetPolicy {
  return webhookTargetPolicy({
    NODE_ENV: config.get('NODE_ENV', { infer: true }),
    WEBHOOK_ALLOW_HOSTS: config.get('WEBHOOK_ALLOW_HOSTS', { infer: true }),
  });
}

/**
 * Claims due reminders and delivers them. The claim is `FOR UPDATE SKIP LOCKED`, so any
 * number of worker processes tick at once without taking the same row; each delivery is
 * reloaded and re-checked under a row lock before its effect is recorded, so a job run
 * twice (crash, stall, retry, Redis flushed) delivers once. In-app notifications are
 * unique per delivery in the database.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);
  private readonly webhookPolicy: WebhookTargetPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
    private readonly mailer: Mailer,
    private readonly cipher: FieldCipher,
  ) {
    this.webhookPolicy = webhookPolicyOf(config);
  }

  /**
   * Claim due deliveries. In-app ones are delivered here, in the claim's transaction, in one
   * statement per batch: they need nothing outside PostgreSQL, so a job each would only add
   * Redis round trips (and Redis being down would delay them for nothing). Email and webhook
   * deliveries are marked `queued` and returned (to enqueue, one job each), plus queued ones
   * whose job seems lost (queued too long ago) to enqueue again under the same job id.
   */
  async claimDue(
    limit = 1000,
  ): Promise<{ fresh: string[]; stale: string[]; inApp: InAppOutcome[] }> {
    const now = this.clock.now();
    const graceMs = this.config.get('REMINDER_LATE_GRACE_SECONDS', { infer: true }) * 1000;
    const requeueBefore = new Date(
      now.getTime() - this.config.get('REMINDER_REQUEUE_SECONDS', { infer: true }) * 1000,
    );
    return this.dataSource.transaction(async (tx) => {
      const due: { id: string; send_at: Date; state: string; channel: string }[] = await tx.query(
        `SELECT id, send_at, state, channel FROM deliveries
          WHERE ((state = 'pending' AND send_at <= $1) OR (state = 'queued' AND queued_at < $2))
            -- Emails of people who chose a daily digest wait for it (claimDigests).
            AND NOT (channel = 'email' AND recipient_id IN
                     (SELECT user_id FROM notification_preferences WHERE digest_hour IS NOT NULL))
          ORDER BY send_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [now, requeueBefore, limit],
      );
      if (due.length === 0) return { fresh: [], stale: [], inApp: [] };
      const late = due.filter((d) => isLate(d.send_at, now, graceMs)).map((d) => d.id);
      await tx.query(
        `UPDATE deliveries SET state = 'queued', queued_at = $2, updated_at = now() WHERE id = ANY($1)`,
        [due.map((d) => d.id), now],
      );
      if (late.length)
        await tx.query(`UPDATE deliveries SET late = true WHERE id = ANY($1)`, [late]);
      const inAppIds = due.filter((d) => d.channel === 'in_app').map((d) => d.id);
      const inApp = inAppIds.length ? await this.deliverInApp(tx, inAppIds, now) : [];
      const jobs = due.filter((d) => d.channel !== 'in_app');
      return {
        fresh: jobs.filter((d) => d.state === 'pending').map((d) => d.id),
        stale: jobs.filter((d) => d.state === 'queued').map((d) => d.id),
        inApp,
      };
    });
  }

  /**
   * Deliver claimed in-app reminders together: one read of what they say, one insert of the
   * notifications (`ON CONFLICT (delivery_id) DO NOTHING`, so a delivery that a job of an
   * earlier version already recorded is not doubled), one update per outcome. The rows are
   * locked by the claim; all of it commits or rolls back with the claim.
   */
  private async deliverInApp(tx: EntityManager, ids: string[], now: Date): Promise<InAppOutcome[]> {
    const rows: {
      id: string;
      recipient_id: string;
      late: boolean;
      send_at: Date;
      milestone_id: string;
      kind: string;
      title: string;
      due_at: Date;
      all_day: boolean;
      status: string;
      defender_id: string | null;
      active: boolean;
      full_name: string | null;
      access: string | null;
      may_see: boolean;
    }[] = await tx.query(
      `SELECT d.id, d.recipient_id, d.late, d.send_at, m.id AS milestone_id, m.kind, m.title,
              m.due_at, m.all_day, m.status, m.defender_id, u.active, def.full_name, def.access,
              ${recipientSeesCaseSql('u', 'def')} AS may_see
         FROM deliveries d
         JOIN reminder_milestones m ON m.id = d.milestone_id
         JOIN reminder_recipients u ON u.id = d.recipient_id
         LEFT JOIN reminder_cases def ON def.id = m.defender_id
        WHERE d.id = ANY($1)`,
      [ids],
    );
    const baseUrl = this.baseUrl();
    const send = rows.filter((r) => r.status === 'open' && r.active && r.may_see);
    const sendIds = new Set(send.map((r) => r.id));
    const skipped = ids.filter((id) => !sendIds.has(id));
    const unseen = rows
      .filter((r) => r.status === 'open' && r.active && !r.may_see)
      .map((r) => r.id);
    if (send.length) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(
          send.map((r) => {
            const content = reminderContent(
              {
                id: r.milestone_id,
                kind: r.kind as Milestone['kind'],
                title: r.title,
                dueAt: r.due_at,
                allDay: r.all_day,
                defenderId: r.defender_id,
              },
              { id: r.id, late: r.late },
              r.full_name === null ? null : { fullName: r.full_name, access: r.access ?? '' },
              baseUrl,
            );
            return {
              userId: r.recipient_id,
              deliveryId: r.id,
              milestoneId: r.milestone_id,
              defenderId: r.defender_id,
              title: content.inAppTitle.slice(0, 300),
              body: content.text.slice(0, 2000),
              link: content.path,
              late: r.late,
            };
          }),
        )
        .orIgnore()
        .execute();
      await tx.query(
        `UPDATE deliveries SET state = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL
          WHERE id = ANY($1)`,
        [[...sendIds], now],
      );
    }
    if (skipped.length) {
      await tx.query(
        `UPDATE deliveries SET state = 'cancelled',
                last_error = CASE WHEN id = ANY($2) THEN $3 ELSE 'milestone closed or recipient inactive' END
          WHERE id = ANY($1)`,
        [skipped, unseen, NO_LONGER_SEES],
      );
    }
    return [
      ...send.map((r) => ({
        id: r.id,
        outcome: 'sent' as const,
        lagSeconds: (now.getTime() - r.send_at.getTime()) / 1000,
      })),
      ...skipped.map((id) => ({ id, outcome: 'skipped' as const, lagSeconds: null })),
    ];
  }

  private baseUrl(): string {
    return this.config.get('PUBLIC_BASE_URL', { infer: true }).replace(/\/$/, '');
  }

  /**
   * Digests due now: for each person with a digest hour, the email reminders that fell due
   * up to their latest digest moment are claimed together. Returns one digest per person
   * (the worker enqueues it as a job keyed by person and moment).
   */
  async claimDigests(): Promise<{ userId: string; moment: string }[]> {
    const now = this.clock.now();
    const requeueBefore = new Date(
      now.getTime() - this.config.get('REMINDER_REQUEUE_SECONDS', { infer: true }) * 1000,
    );
    // A digest whose job was lost leaves its emails queued: make them due again.
    await this.dataSource.query(
      `UPDATE deliveries SET state = 'pending' WHERE channel = 'email' AND state = 'queued' AND queued_at < $1
          AND recipient_id IN (SELECT user_id FROM notification_preferences WHERE digest_hour IS NOT NULL)`,
      [requeueBefore],
    );
    const users: { user_id: string; digest_hour: number; time_zone: string }[] =
      await this.dataSource.query(
        `SELECT p.user_id, p.digest_hour, u.time_zone FROM notification_preferences p
         JOIN reminder_recipients u ON u.id = p.user_id
        WHERE p.digest_hour IS NOT NULL AND u.active
          AND EXISTS (SELECT 1 FROM deliveries d WHERE d.recipient_id = p.user_id AND d.channel = 'email'
                       AND d.state = 'pending' AND d.send_at <= $1)`,
        [now],
      );
    const out: { userId: string; moment: string }[] = [];
    for (const u of users) {
      const moment = latestDigestMoment(now, u.digest_hour, u.time_zone);
      const claimed = await this.dataSource.transaction(async (tx) => {
        const rows: { id: string }[] = await tx.query(
          `SELECT id FROM deliveries WHERE recipient_id = $1 AND channel = 'email' AND state = 'pending'
              AND send_at <= $2 FOR UPDATE SKIP LOCKED`,
          [u.user_id, moment],
        );
        if (rows.length) {
          await tx.query(
            `UPDATE deliveries SET state = 'queued', queued_at = $2 WHERE id = ANY($1)`,
            [rows.map((r) => r.id), now],
          );
        }
        return rows.length;
      });
      if (claimed) out.push({ userId: u.user_id, moment: moment.toISOString() });
    }
    return out;
  }

  /** Send one person's digest: every queued email reminder of theirs due by `moment`, in one email. */
  async deliverDigest(
    userId: string,
    moment: string,
    finalAttempt: boolean,
  ): Promise<DeliverOutcome> {
    const at = new Date(moment);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const ds = await tx
          .getRepository(Delivery)
          .createQueryBuilder('d')
          .where(
            `d.recipient_id = :userId AND d.channel = 'email' AND d.state = 'queued' AND d.send_at <= :at`,
            { userId, at },
          )
          .orderBy('d.send_at', 'ASC')
          .setLock('pessimistic_write')
          .getMany();
        const user = await activeUser(tx, userId);
        if (!ds.length || !user) return 'skipped';
        const items = [];
        const open: Delivery[] = [];
        for (const d of ds) {
          const m = await milestoneById(tx, d.milestoneId);
          if (!m || m.status !== 'open') {
            await tx.update(
              Delivery,
              { id: d.id },
              { state: 'cancelled', lastError: 'milestone closed' },
            );
            continue;
          }
          if (!(await this.recipientSees(tx, userId, m.defenderId))) {
            await tx.update(
              Delivery,
              { id: d.id },
              { state: 'cancelled', lastError: NO_LONGER_SEES },
            );
            continue;
          }
          items.push((await this.context(tx, m, d)).template);
          open.push(d);
        }
        if (!open.length) return 'skipped';
        const baseUrl = this.config.get('PUBLIC_BASE_URL', { infer: true }).replace(/\/$/, '');
        // The day as the person lives it, not the UTC date of the moment.
        const dateText = new Intl.DateTimeFormat('en-CA', { timeZone: user.timeZone }).format(at);
        const mail = renderEmail('digest', { items, dateText, baseUrl });
        await this.mailer.send({
          to: user.email,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          messageId: `<digest-${userId}-${at.getTime()}@witness>`,
        });
        await tx.query(
          `UPDATE deliveries SET state = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)`,
          [open.map((d) => d.id), this.clock.now()],
        );
        return 'sent';
      });
    } catch (err) {
      const message = err instanceof Error ? err.message.slice(0, 500) : 'digest failed';
      await this.dataSource.query(
        `UPDATE deliveries SET attempts = attempts + 1, last_error = $3,
                state = CASE WHEN $4 THEN 'failed' ELSE state END
          WHERE recipient_id = $1 AND channel = 'email' AND state = 'queued' AND send_at <= $2`,
        [userId, at, message, finalAttempt],
      );
      if (finalAttempt) return 'failed';
      throw err;
    }
  }

  /** Deliver one reminder. `finalAttempt` turns a failure into the `failed` state. */
  async deliver(deliveryId: string, finalAttempt: boolean): Promise<DeliverOutcome> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const d = await tx.findOne(Delivery, {
          where: { id: deliveryId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!d || d.state !== 'queued') return 'skipped';
        const m = await milestoneById(tx, d.milestoneId);
        const user = await activeUser(tx, d.recipientId);
        if (!m || m.status !== 'open' || !user) {
          await tx.update(
            Delivery,
            { id: d.id },
            { state: 'cancelled', lastError: 'milestone closed or recipient inactive' },
          );
          return 'skipped';
        }
        if (!(await this.recipientSees(tx, user.id, m.defenderId))) {
          await tx.update(
            Delivery,
            { id: d.id },
            { state: 'cancelled', lastError: NO_LONGER_SEES },
          );
          return 'skipped';
        }
        const context = await this.context(tx, m, d);
        if (d.channel === 'in_app') {
          await tx
            .createQueryBuilder()
            .insert()
            .into(Notification)
            .values({
              userId: user.id,
              deliveryId: d.id,
              milestoneId: m.id,
              defenderId: m.defenderId,
              // Inside Witness the recipient may see the case: the full title is shown.
              title: context.inAppTitle.slice(0, 300),
              body: context.text.slice(0, 2000),
              link: context.path,
              late: d.late,
            })
            .orIgnore()
            .execute();
        } else if (d.channel === 'email') {
          const mail = renderEmail('reminder', context.template);
          await this.mailer.send({
            to: user.email,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
            // The same Message-ID on a retry lets mail systems drop a duplicate.
            messageId: `<delivery-${d.id}@witness>`,
          });
        } else {
          const prefs = await tx
            .getRepository(NotificationPreferences)
            .createQueryBuilder('p')
            .addSelect('p.webhookSecretEnc')
            .where('p.user_id = :id', { id: user.id })
            .getOne();
          if (!prefs?.webhookUrl || !prefs.webhookSecretEnc)
            throw new Error('no webhook configured');
          const secret = this.cipher.decrypt(prefs.webhookSecretEnc, webhookSecretContext(user.id));
          await postWebhook(prefs.webhookUrl, secret, context.webhook, this.clock.now(), {
            id: d.id,
            timeoutMs: 10000,
            policy: this.webhookPolicy,
          });
        }
        await tx.update(
          Delivery,
          { id: d.id },
          { state: 'sent', sentAt: this.clock.now(), attempts: d.attempts + 1, lastError: null },
        );
        return 'sent';
      });
    } catch (err) {
      // A webhook's error is already short and generic (what the receiver said stays out of
      // it); its detail goes to the log only.
      if (err instanceof WebhookError) {
        this.logger.warn({ deliveryId, webhook: err.detail, err: err.message }, 'webhook failed');
      }
      const message = err instanceof Error ? err.message.slice(0, 500) : 'delivery failed';
      await this.dataSource.query(
        `UPDATE deliveries SET attempts = attempts + 1, last_error = $2, state = CASE WHEN $3 THEN 'failed' ELSE state END
          WHERE id = $1 AND state = 'queued'`,
        [deliveryId, message, finalAttempt],
      );
      if (finalAttempt) {
        this.logger.warn({ deliveryId, err: message }, 'delivery failed for good');
        return 'failed';
      }
      throw err;
    }
  }

  /**
   * May the recipient still see the reminder's case? Checked as it goes out, whatever planned
   * it: someone unassigned from a restricted case (or staff who are not assigned to a case made
   * restricted) gets nothing more about it.
   */
  private async recipientSees(
    tx: EntityManager,
    userId: string,
    defenderId: string | null,
  ): Promise<boolean> {
    if (!defenderId) return true;
    const rows: { may_see: boolean }[] = await tx.query(
      `SELECT ${recipientSeesCaseSql('u', 'def')} AS may_see
         FROM reminder_recipients u LEFT JOIN reminder_cases def ON def.id = $2 WHERE u.id = $1`,
      [userId, defenderId],
    );
    return rows[0]?.may_see === true;
  }

  /** What a reminder says (see `reminderContent`), with the case read in the transaction. */
  private async context(tx: EntityManager, m: Milestone, d: Delivery) {
    const defender = m.defenderId
      ? ((await caseNamesAndAccess(tx, [m.defenderId])).get(m.defenderId) ?? null)
      : null;
    return reminderContent(m, d, defender, this.baseUrl());
  }
}

/** A claimed in-app reminder delivered (or skipped) by the claim itself. */
export interface InAppOutcome {
  id: string;
  outcome: 'sent' | 'skipped';
  /** Seconds from the moment it was due to go out until it did (null when skipped). */
  lagSeconds: number | null;
}

/**
 * What a reminder says, for every channel. Never a sensitive field; for a restricted case
 * not even the name, only a link into Witness. Pure: the job path and the batched in-app
 * path say exactly the same.
 */
export function reminderContent(
  m: Pick<Milestone, 'id' | 'kind' | 'title' | 'dueAt' | 'allDay' | 'defenderId'>,
  d: Pick<Delivery, 'id' | 'late'>,
  defender: { fullName: string; access: string } | null,
  baseUrl: string,
) {
  const restricted = defender?.access === 'restricted';
  const defenderName = defender && !restricted ? defender.fullName : undefined;
  const path = m.defenderId ? `/defenders/${m.defenderId}` : `/milestones/${m.id}`;
  const kindLabel = KIND_LABELS[m.kind] ?? 'Reminder';
  const dueAtText = m.allDay
    ? m.dueAt.toISOString().slice(0, 10)
    : m.dueAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  // A typed title can name the person: for a restricted case, outside Witness (email,
  // webhook) only the kind is said.
  const title = restricted ? kindLabel : m.title;
  const subject = `${kindLabel}: ${title}${defenderName ? ` (${defenderName})` : ''}`;
  const who = defenderName ?? (m.defenderId ? 'a restricted case' : 'the campaign');
  const text = `${title}, due ${dueAtText}, for ${who}.${d.late ? ' (Sent late.)' : ''}`;
  return {
    subject,
    inAppTitle: `${kindLabel}: ${m.title}`,
    text,
    path,
    template: {
      title,
      kindLabel,
      general: !m.defenderId,
      dueAtText,
      late: d.late,
      link: `${baseUrl}${path}`,
      defenderName,
      baseUrl,
    },
    webhook: {
      type: 'reminder',
      deliveryId: d.id,
      milestoneId: m.id,
      kind: m.kind,
      title,
      dueAt: m.dueAt.toISOString(),
      allDay: m.allDay,
      late: d.late,
      defenderName: defenderName ?? null,
      link: `${baseUrl}${path}`,
    },
  };
}

/** The most recent digest moment (hour:00 local) at or before `now`. */
export function latestDigestMoment(now: Date, hour: number, timeZone: string): Date {
  let moment = nextDigestAt(new Date(now.getTime() - 49 * 3600_000), hour, timeZone);
  for (;;) {
    const next = nextDigestAt(moment, hour, timeZone);
    if (next.getTime() > now.getTime()) return moment;
    moment = next;
  }
}
