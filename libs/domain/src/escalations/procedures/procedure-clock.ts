import { addDays, addMonths, nextYearly } from './calendar-dates';
import { PROCEDURE_TABLES } from './procedure-tables';
import {
  DEFAULT_PERIODS,
  type ClockKey,
  type ClockMilestone,
  type ClockRule,
  type PeriodName,
  type Procedure,
  type ProcedurePeriods,
  type RecordedDates,
} from './procedure.types';

/** Pure lookups in the procedure tables: no I/O, every date an argument. */

const BY_KIND = new Map(PROCEDURE_TABLES.map((p) => [p.kind, p]));

/** The table of a kind (throws for an unknown kind: the kinds are a closed list). */
export function procedureOf(kind: string): Procedure {
  const p = BY_KIND.get(kind);
  if (!p) throw new RangeError(`no procedure table for kind ${kind}`);
  return p;
}

/**
 * The periods in force: defaults, overridden by the settings given (unknown names and values
 * that are not whole numbers >= 0 are refused, so a typo fails at boot, not at a deadline).
 */
export function resolvePeriods(overrides: Record<string, unknown> = {}): ProcedurePeriods {
  const out: ProcedurePeriods = { ...DEFAULT_PERIODS };
  const bad: string[] = [];
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in DEFAULT_PERIODS)) bad.push(`${name} is not a period`);
    else if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > 3660)
      bad.push(`${name} must be a whole number from 0 to 3660`);
    else out[name as PeriodName] = value as number;
  }
  if (bad.length) throw new RangeError(`PROCEDURE_PERIODS: ${bad.join('; ')}`);
  return out;
}

/** The deadline one rule derives from the recorded dates (null while its date is unknown). */
export function deadlineOf(
  rule: ClockRule,
  dates: RecordedDates,
  periods: ProcedurePeriods,
): string | null {
  const from = dates[rule.from];
  if (!from) return null;
  const o = rule.offset;
  if ('yearly' in o) return nextYearly(from, periods[o.yearly.month], periods[o.yearly.day]);
  const sign = o.before ? -1 : 1;
  let due =
    'days' in o ? addDays(from, sign * periods[o.days]) : addMonths(from, sign * periods[o.months]);
  if (rule.extension) {
    const ext = Math.max(0, Math.min(dates.extensionDays ?? 0, periods[rule.extension]));
    due = addDays(due, ext);
  }
  return due;
}

export interface DerivedDeadline {
  key: ClockKey;
  milestone: ClockMilestone;
  title: string;
  /** The title as a message for the pages: the procedure and the deadline's key. */
  titleMessage: { key: 'escalation'; params: { procedure: string; clock: ClockKey } };
  /** The deadline, known or not. */
  dueOn: string | null;
  /** Open in the current state (a milestone to keep); retired otherwise. */
  open: boolean;
}

/** Every deadline of the procedure, with whether it is open in `state`. */
export function deadlines(
  kind: string,
  state: string,
  dates: RecordedDates,
  periods: ProcedurePeriods,
): DerivedDeadline[] {
  return procedureOf(kind).clocks.map((rule) => {
    const dueOn = deadlineOf(rule, dates, periods);
    return {
      key: rule.key,
      milestone: rule.milestone,
      title: rule.title,
      titleMessage: { key: 'escalation', params: { procedure: kind, clock: rule.key } },
      dueOn,
      open: dueOn !== null && rule.openIn.includes(state),
    };
  });
}

/** One deadline by key (null when the procedure has none or its date is unknown). */
export function deadlineFor(
  kind: string,
  key: ClockKey,
  dates: RecordedDates,
  periods: ProcedurePeriods,
): string | null {
  const rule = procedureOf(kind).clocks.find((r) => r.key === key);
  return rule ? deadlineOf(rule, dates, periods) : null;
}

/**
 * The first day `no_reply` may be recorded: the day after the reply deadline (extension
 * included). Null when the procedure does not guard it or the deadline is not known yet.
 */
export function noReplyPossibleFrom(
  kind: string,
  dates: RecordedDates,
  periods: ProcedurePeriods,
): string | null {
  const p = procedureOf(kind);
  if (!p.noReplyAfter) return null;
  const due = deadlineFor(kind, p.noReplyAfter, dates, periods);
  return due ? addDays(due, 1) : null;
}

/** The named date a step records when it enters `state` (if any). */
export function recordedBy(kind: string, state: string) {
  return procedureOf(kind).records[state] ?? null;
}
