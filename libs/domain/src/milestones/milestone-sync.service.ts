import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, EventBus, type Env } from '@witness/platform';
import { EntityManager } from 'typeorm';
import {
  isDeprivedOfLiberty,
  mayBeFuture,
  type DetentionSummary,
} from '../shared/detention-status';
import type { DetentionEvent } from '../detention';
import { addDays, nextAnniversary } from '../shared/schedule';
import type { DomainEvents } from '../shared/events';
import {
  Milestone,
  type MilestoneKind,
  type MilestoneSource,
  type MilestoneTitleMessage,
} from './milestone.entity';

export const DEFAULT_REMIND_BEFORE: Record<string, string[]> = {
  hearing: ['P7D', 'P1D'],
  trial: ['P7D', 'P1D'],
  verdict: ['P7D', 'P1D'],
  detention_anniversary: ['P14D', 'P1D'],
  profile_review: ['P7D'],
  consent_review: ['P14D', 'P1D'],
  wgad_reply_due: ['P14D', 'P3D'],
  wgad_follow_up_due: ['P14D'],
  source_comments_due: ['P7D', 'P1D'],
  reply_due: ['P7D', 'P1D'],
  publication_due: ['P3D'],
  follow_up_due: ['P14D'],
  submission_due: ['P30D', 'P7D'],
  solidarity_action: ['P7D', 'P1D'],
  hrc_session: ['P14D', 'P3D'],
  wgad_session: ['P14D', 'P3D'],
  upr_review: ['P30D', 'P7D'],
  regional_session: ['P14D', 'P3D'],
};

const EVENT_TITLES: Record<string, string> = {
  hearing: 'Hearing',
  trial: 'Trial',
  verdict: 'Verdict',
};

/** Two title messages alike, whatever order their keys come back in from jsonb. */
function sameMessage(a: MilestoneTitleMessage | null, b: MilestoneTitleMessage): boolean {
  const canon = (m: MilestoneTitleMessage | null) =>
    m &&
    JSON.stringify([m.key, Object.entries(m.params ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))]);
  return canon(a) === canon(b);
}

/** 'YYYY-MM-DD' as the all-day instant we store (00:00 UTC of that date). */
const dayInstant = (date: string) => new Date(`${date}T00:00:00Z`);

interface Derived {
  source: MilestoneSource;
  sourceKey: string;
  defenderId: string | null;
  kind: MilestoneKind;
  title: string;
  titleMessage: MilestoneTitleMessage;
  dueAt: Date;
  allDay: boolean;
  assigneeIds?: string[];
}

/**
 * Derived milestones, kept in step with what they come from: scheduled hearings, trials and
 * verdicts on the timeline; the next anniversary of the arrest of a detained defender; the
 * profile review after the last change; the review before a consent expires. Runs in the
 * caller's transaction, called by the listeners of the facts it follows (MilestoneListeners),
 * and announces each milestone it touches (MilestoneChanged) so that its reminders follow.
 */
@Injectable()
export class MilestoneSync {
  constructor(
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  /** A timeline event was added or corrected. */
  async syncEvent(
    tx: EntityManager,
    e: Pick<DetentionEvent, 'id' | 'type' | 'occurredOn' | 'place' | 'defenderId'>,
  ): Promise<void> {
    const key = { source: 'event' as const, sourceKey: e.id };
    if (mayBeFuture(e.type) && e.occurredOn > this.clock.today()) {
      await this.upsert(tx, {
        ...key,
        defenderId: e.defenderId,
        kind: e.type as MilestoneKind,
        title: e.place
          ? `${EVENT_TITLES[e.type]} at ${e.place}`.slice(0, 300)
          : EVENT_TITLES[e.type],
        titleMessage: { key: 'event', params: { type: e.type, place: e.place ?? null } },
        dueAt: dayInstant(e.occurredOn),
        allDay: true,
      });
    } else {
      await this.cancel(tx, key);
    }
  }

  /** The timeline's derivation changed: keep the next anniversary of the arrest. */
  async syncAnniversary(
    tx: EntityManager,
    defenderId: string,
    summary: Pick<DetentionSummary, 'status' | 'detainedSince'>,
  ) {
    const key = { source: 'anniversary' as const, sourceKey: defenderId };
    const open = isDeprivedOfLiberty(summary.status);
    if (!open || !summary.detainedSince) return this.cancel(tx, key);
    const next = nextAnniversary(summary.detainedSince, this.clock.today());
    await this.upsert(tx, {
      ...key,
      defenderId,
      kind: 'detention_anniversary',
      title: `${next.years} ${next.years === 1 ? 'year' : 'years'} in detention`,
      titleMessage: { key: 'anniversary', params: { years: next.years } },
      dueAt: dayInstant(next.on),
      allDay: true,
    });
  }

  /** The profile changed (or was archived): its review falls due N days later. */
  async syncProfileReview(
    tx: EntityManager,
    defenderId: string,
    changedAt: Date,
    archived: boolean,
  ) {
    const key = { source: 'profile_review' as const, sourceKey: defenderId };
    if (archived) return this.cancel(tx, key);
    const days = this.config.get('PROFILE_REVIEW_DAYS', { infer: true });
    await this.upsert(tx, {
      ...key,
      defenderId,
      kind: 'profile_review',
      title: 'Profile review',
      titleMessage: { key: 'profileReview' },
      dueAt: dayInstant(addDays(changedAt.toISOString().slice(0, 10), days)),
      allDay: true,
    });
  }

  /** A consent decision was recorded: review before a given consent expires. */
  async syncConsentReview(
    tx: EntityManager,
    defenderId: string,
    purpose: string,
    current: { granted: boolean; expiresOn: string | null },
  ) {
    const key = { source: 'consent' as const, sourceKey: `${defenderId}:${purpose}` };
    if (!current.granted || !current.expiresOn) return this.cancel(tx, key);
    await this.upsert(tx, {
      ...key,
      defenderId,
      kind: 'consent_review',
      title: `Consent review: ${purpose.replace(/_/g, ' ')}`,
      titleMessage: { key: 'consentReview', params: { purpose } },
      dueAt: dayInstant(current.expiresOn),
      allDay: true,
    });
  }

  /**
   * An escalation's clock: every deadline its procedure derives (the government's reply, the
   * source's comments, the follow-up, a publication or submission date), open ones as
   * milestones for the escalation's owner, the others retired. One milestone per deadline key.
   */
  async syncEscalationClock(
    tx: EntityManager,
    e: {
      id: string;
      defenderId: string | null;
      ownerId: string | null;
      deadlines: readonly {
        key: string;
        milestone: MilestoneKind;
        title: string;
        titleMessage?: MilestoneTitleMessage;
        dueOn: string | null;
        open: boolean;
      }[];
    },
  ): Promise<void> {
    const assigneeIds = e.ownerId ? [e.ownerId] : [];
    for (const d of e.deadlines) {
      const key = { source: 'escalation' as const, sourceKey: `${e.id}:${d.key}` };
      if (d.open && d.dueOn) {
        await this.upsert(tx, {
          ...key,
          defenderId: e.defenderId,
          kind: d.milestone,
          title: d.title,
          titleMessage: d.titleMessage ?? { key: 'text', params: { text: d.title } },
          dueAt: dayInstant(d.dueOn),
          allDay: true,
          assigneeIds,
        });
      } else {
        await this.cancel(tx, key);
      }
    }
  }

  /**
   * A planned solidarity action: its start date is a milestone for the person who organises it
   * (reminders through the same pipeline); done, cancelled or past actions have none open.
   */
  async syncSolidarityAction(
    tx: EntityManager,
    a: {
      id: string;
      title: string;
      startsOn: string;
      status: string;
      defenderId: string | null;
      organiserId: string | null;
    },
  ): Promise<void> {
    const key = { source: 'solidarity' as const, sourceKey: a.id };
    if (a.status !== 'planned' || a.startsOn < this.clock.today()) return this.cancel(tx, key);
    await this.upsert(tx, {
      ...key,
      defenderId: a.defenderId,
      kind: 'solidarity_action',
      title: `Solidarity action: ${a.title}`.slice(0, 300),
      titleMessage: { key: 'solidarityAction', params: { title: a.title } },
      dueAt: dayInstant(a.startsOn),
      allDay: true,
      assigneeIds: a.organiserId ? [a.organiserId] : [],
    });
  }

  /**
   * A UN calendar deadline that fits a case (see UnCalendarSync): one milestone per deadline
   * and defender, for the owners of the escalations concerned, or (none) the case's assignees.
   */
  async syncCalendarDeadline(
    tx: EntityManager,
    c: {
      deadlineId: string;
      defenderId: string;
      kind: MilestoneKind;
      title: string;
      titleMessage?: MilestoneTitleMessage;
      dueOn: string | null;
      assigneeIds: string[];
    },
  ): Promise<void> {
    const key = { source: 'un_calendar' as const, sourceKey: `${c.deadlineId}:${c.defenderId}` };
    if (!c.dueOn) return this.cancel(tx, key);
    await this.upsert(tx, {
      ...key,
      defenderId: c.defenderId,
      kind: c.kind,
      title: c.title,
      titleMessage: c.titleMessage ?? { key: 'text', params: { text: c.title } },
      dueAt: dayInstant(c.dueOn),
      allDay: true,
      assigneeIds: c.assigneeIds,
    });
  }

  /**
   * Who may see a case changed (an assignment, its access level): re-plan the reminders of its
   * open milestones, so those who may no longer see it have none pending (cancelled now) and
   * those who may again have theirs back.
   */
  async replanCase(tx: EntityManager, defenderId: string): Promise<void> {
    const open = await tx.find(Milestone, { where: { defenderId, status: 'open' } });
    for (const m of open) await this.changed(tx, m);
  }

  private async upsert(tx: EntityManager, d: Derived): Promise<void> {
    const existing = await tx.findOneBy(Milestone, { source: d.source, sourceKey: d.sourceKey });
    if (!existing) {
      const m = await tx.save(
        tx.create(Milestone, {
          ...d,
          remindBefore: DEFAULT_REMIND_BEFORE[d.kind] ?? ['P1D'],
          status: 'open',
        }),
      );
      await this.changed(tx, m);
      return;
    }
    const moved = existing.dueAt.getTime() !== d.dueAt.getTime();
    const reassigned =
      d.assigneeIds !== undefined &&
      JSON.stringify(d.assigneeIds) !== JSON.stringify(existing.assigneeIds);
    const rehung = existing.defenderId !== d.defenderId;
    if (
      !moved &&
      !reassigned &&
      !rehung &&
      existing.title === d.title &&
      sameMessage(existing.titleMessage, d.titleMessage) &&
      existing.status !== 'cancelled'
    )
      return;
    if (d.assigneeIds !== undefined) existing.assigneeIds = d.assigneeIds;
    existing.defenderId = d.defenderId;
    existing.dueAt = d.dueAt;
    existing.title = d.title;
    existing.titleMessage = d.titleMessage;
    existing.kind = d.kind;
    // A moved or revived milestone is open again; one marked done stays done if unchanged.
    if (moved || existing.status === 'cancelled') existing.status = 'open';
    await tx.save(existing);
    await this.changed(tx, existing);
  }

  private async cancel(
    tx: EntityManager,
    key: { source: MilestoneSource; sourceKey: string },
  ): Promise<void> {
    const existing = await tx.findOneBy(Milestone, key);
    if (!existing || existing.status !== 'open') return;
    existing.status = 'cancelled';
    await tx.save(existing);
    await this.changed(tx, existing);
  }

  private changed(tx: EntityManager, m: Milestone): Promise<void> {
    return this.events.publish(tx, 'MilestoneChanged', { milestoneId: m.id });
  }
}
