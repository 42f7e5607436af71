import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, ConflictError, ValidationFailedError, type Env } from '@witness/platform';
import type { ClockPeriods } from './escalation-clock';
import type { Escalation } from './escalation.entity';
import type { EscalationPatch } from './escalation.types';
import {
  deadlines,
  noReplyPossibleFrom,
  procedureOf,
  resolvePeriods,
  type ClockKey,
  type DerivedDeadline,
  type NamedDate,
  type ProcedurePeriods,
  type RecordedDates,
} from './procedures';

/** The entity column each named date is kept in. */
export const DATE_COLUMNS = {
  submittedOn: 'submittedOn',
  transmittedOn: 'transmittedOn',
  governmentRepliedOn: 'governmentRepliedOn',
  commentsRequestedOn: 'commentsRequestedOn',
  opinionAdoptedOn: 'opinionAdoptedOn',
  opinionTransmittedOn: 'opinionTransmittedOn',
  publishedOn: 'publishedOn',
  meetingOn: 'meetingOn',
} as const satisfies Partial<Record<NamedDate, keyof Escalation>>;

/** The derived deadlines kept in columns (for lists and the dueBefore filter). */
const DEADLINE_COLUMNS = {
  reply: 'replyDueOn',
  comments: 'commentsDueOn',
  follow_up: 'followUpDueOn',
} as const satisfies Partial<Record<ClockKey, keyof Escalation>>;

/** The dates an escalation has recorded, as the procedure clocks read them. */
export function recordedDates(e: Escalation, today?: string): RecordedDates {
  return {
    submittedOn: e.submittedOn,
    transmittedOn: e.transmittedOn,
    governmentRepliedOn: e.governmentRepliedOn,
    commentsRequestedOn: e.commentsRequestedOn,
    opinionAdoptedOn: e.opinionAdoptedOn,
    opinionTransmittedOn: e.opinionTransmittedOn,
    publishedOn: e.publishedOn,
    meetingOn: e.meetingOn,
    createdOn: e.createdAt ? e.createdAt.toISOString().slice(0, 10) : (today ?? null),
    extensionDays: e.extensionDays,
  };
}

/**
 * An escalation's clock: the procedures' periods (from the settings), the deadlines derived
 * from the recorded dates, and the checks that read them (extensions, "no reply", later dates).
 */
@Injectable()
export class EscalationDeadlines {
  constructor(
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** The WGAD's periods in the older shape (the same settings the procedure tables read). */
  get periods(): ClockPeriods {
    const p = this.procedurePeriods;
    return {
      replyDays: p.wgad_reply_days,
      maxExtensionDays: p.wgad_max_extension_days,
      followUpMonths: p.wgad_follow_up_months,
    };
  }

  /**
   * The procedures' periods: defaults, the WGAD_* settings, then PROCEDURE_PERIODS (a bad
   * name or value there stops the boot).
   */
  get procedurePeriods(): ProcedurePeriods {
    if (this.resolvedPeriods) return this.resolvedPeriods;
    const raw = this.config.get('PROCEDURE_PERIODS', { infer: true });
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new RangeError('PROCEDURE_PERIODS must be a JSON object of period names to numbers');
    this.resolvedPeriods = resolvePeriods({
      wgad_reply_days: this.config.get('WGAD_REPLY_DAYS', { infer: true }),
      wgad_max_extension_days: this.config.get('WGAD_MAX_EXTENSION_DAYS', { infer: true }),
      wgad_follow_up_months: this.config.get('WGAD_FOLLOW_UP_MONTHS', { infer: true }),
      ...(parsed as Record<string, unknown>),
    });
    return this.resolvedPeriods;
  }
  resolvedPeriods: ProcedurePeriods | null = null;

  /** Re-derive the deadlines kept in columns from the recorded dates and the procedure table. */
  derive(e: Escalation): void {
    const all = deadlines(
      e.kind,
      e.state,
      recordedDates(e, this.clock.today()),
      this.procedurePeriods,
    );
    const legacyFollowUp =
      e.state === 'follow_up' && !e.opinionTransmittedOn ? e.followUpDueOn : null;
    for (const [key, column] of Object.entries(DEADLINE_COLUMNS)) {
      const d = all.find((x) => x.key === key);
      e[column] = d?.dueOn ?? null;
    }
    // Escalations already in follow-up before the opinion's transmission date was recorded
    // keep the follow-up date they had until it is.
    if (legacyFollowUp && !e.followUpDueOn) e.followUpDueOn = legacyFollowUp;
  }

  /** The procedure's deadlines as of now (the columns, with whether each is open). */
  clockOf(e: Escalation): DerivedDeadline[] {
    const table = procedureOf(e.kind);
    return deadlines(
      e.kind,
      e.state,
      recordedDates(e, this.clock.today()),
      this.procedurePeriods,
    ).map((d) => {
      const column = DEADLINE_COLUMNS[d.key as keyof typeof DEADLINE_COLUMNS];
      const dueOn = column ? e[column] : d.dueOn;
      const rule = table.clocks.find((r) => r.key === d.key);
      return { ...d, dueOn, open: !!dueOn && !!rule?.openIn.includes(e.state) };
    });
  }

  /**
   * An extension of the reply period: only where the procedure grants one, up to its cap.
   */
  checkExtension(e: Escalation, days: number): number {
    const rule = procedureOf(e.kind).clocks.find((r) => r.key === 'reply');
    const max = rule?.extension ? this.procedurePeriods[rule.extension] : 0;
    if (days > max) {
      throw ValidationFailedError.field(
        'extensionDays',
        max === 0
          ? `the ${procedureOf(e.kind).title} has no extension of the reply period`
          : `must be at most ${max} days`,
      );
    }
    return days;
  }

  /**
   * "No reply" is a fact only once the reply deadline (with any extension) has passed: before,
   * 409 with the first day it can be recorded.
   */
  noReplyGate(e: Escalation, date: string): void {
    const from = noReplyPossibleFrom(
      e.kind,
      recordedDates(e, this.clock.today()),
      this.procedurePeriods,
    );
    if (from && date < from) {
      throw new ConflictError(
        `The government's reply is due until ${e.replyDueOn ?? 'its deadline'}${e.extensionDays ? ` (with an extension of ${e.extensionDays} days)` : ''}: "no reply" can be recorded from ${from}.`,
        { possibleFrom: from, replyDueOn: e.replyDueOn },
      );
    }
  }

  /**
   * Dates the UN gives after a step (the opinion's transmission when it was not recorded with
   * the step, its publication) and the meeting a submission is for. Never in the future; an
   * opinion's dates never before its adoption.
   */
  patchDates(e: Escalation, patch: EscalationPatch): void {
    const today = this.clock.today();
    for (const field of ['opinionTransmittedOn', 'publishedOn', 'meetingOn'] as const) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value !== null && field !== 'meetingOn') {
        if (value > today) throw ValidationFailedError.field(field, 'must not be in the future');
        if (!e.opinionAdoptedOn && field === 'opinionTransmittedOn')
          throw ValidationFailedError.field(field, 'can be recorded once the opinion is adopted');
        if (e.opinionAdoptedOn && value < e.opinionAdoptedOn)
          throw ValidationFailedError.field(
            field,
            `must be on or after the opinion's adoption (${e.opinionAdoptedOn})`,
          );
      }
      e[field] = value;
    }
  }
}
