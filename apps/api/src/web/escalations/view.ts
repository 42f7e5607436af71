import {
  awaitsReply,
  daysUntil,
  grantsExtension,
  ESCALATION_KINDS,
  statesOf,
  type EscalationView,
} from '@witness/domain';
import { AppError } from '@witness/platform';
import type { PickerSpec } from '../picker';
import type { FieldErrorMap } from '../views';

export const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
export const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;
export const DECIDERS = ['coordinator', 'admin'] as const;

/** A stale version (412) or a missing one (428): someone else saved first. */
export function isVersionConflict(err: unknown): err is AppError {
  return (
    err instanceof AppError &&
    (err.code === 'precondition_failed' || err.code === 'precondition_required')
  );
}

/**
 * Pure helpers of the escalation pages: what the clock says, which form each allowed step
 * gets, and query strings. The workflow itself (which steps a role may take) is the domain's
 * (`allowedFor`, returned by the service as `allowedTransitions`); nothing here repeats it.
 */

/** Every workflow state of every kind, in a stable order (the list's state filter). */
export const ALL_STATES: string[] = [
  ...new Set(ESCALATION_KINDS.flatMap((kind) => statesOf(kind))),
];

/** Steps of preparation: a button, nothing to record. */
const PREPARATION_STEPS = new Set(['draft', 'in_review', 'approved']);
/** Steps where the UN gives (or we record) its reference. */
const REFERENCE_STEPS = new Set([
  'submitted',
  'transmitted_to_government',
  'communication_sent',
  'registered',
]);
/** Steps that record an opinion or decision and its outcome. */
const OPINION_STEPS = new Set(['opinion_adopted', 'decision_adopted', 'views_adopted']);
/** Steps that end the escalation early: asked to confirm. */
const ENDING_STEPS = new Set(['withdrawn', 'filed']);

export interface StepForm {
  to: string;
  /** Only a button: nothing else to record. */
  simple: boolean;
  withReference: boolean;
  withExtension: boolean;
  withOpinion: boolean;
  confirm: boolean;
  /** The values and field errors after a refused attempt at this step. */
  values?: Record<string, unknown>;
  errors?: FieldErrorMap;
}

/** One form per step the actor may take now (`allowedTransitions`, from the domain). */
export function stepForms(
  view: Pick<EscalationView, 'allowedTransitions' | 'kind'>,
  failed?: { to: string; values: Record<string, unknown>; errors: FieldErrorMap },
): StepForm[] {
  return view.allowedTransitions.map((to) => ({
    to,
    simple: PREPARATION_STEPS.has(to),
    withReference: REFERENCE_STEPS.has(to),
    withExtension: grantsExtension(view.kind) && awaitsReply(view.kind, to),
    withOpinion: OPINION_STEPS.has(to),
    confirm: ENDING_STEPS.has(to),
    ...(failed && failed.to === to ? { values: failed.values, errors: failed.errors } : {}),
  }));
}

export interface ClockLine {
  /** Translation key under escalations.clock. */
  key: string;
  params: Record<string, unknown>;
  tone: 'ok' | 'warning' | 'overdue' | 'neutral';
}

/**
 * What the reply and follow-up clock says, from the service's view (reply due date and days
 * left while a reply is awaited) and the domain's `daysUntil` for the follow-up.
 */
export function clockLines(view: EscalationView, today: string): ClockLine[] {
  const out: ClockLine[] = [];
  const days = view.daysUntilReplyDue;
  if (days !== null && view.replyDueOn) {
    if (days > 0) {
      out.push({
        key: days === 1 ? 'replyDueOneDay' : 'replyDueDays',
        params: { date: view.replyDueOn, days },
        tone: days <= 14 ? 'warning' : 'ok',
      });
    } else if (days === 0) {
      out.push({ key: 'replyDueToday', params: { date: view.replyDueOn }, tone: 'warning' });
    } else {
      out.push({
        key: days === -1 ? 'replyOverdueOneDay' : 'replyOverdueDays',
        params: { date: view.replyDueOn, days: -days },
        tone: 'overdue',
      });
    }
  } else if (view.governmentRepliedOn) {
    out.push({ key: 'replied', params: { date: view.governmentRepliedOn }, tone: 'neutral' });
  } else if (view.transmittedOn && view.replyDueOn) {
    out.push({ key: 'replyWasDue', params: { date: view.replyDueOn }, tone: 'neutral' });
  }
  const followingUp = ['opinion_adopted', 'decision_adopted', 'follow_up'].includes(view.state);
  if (followingUp && view.followUpDueOn) {
    const left = daysUntil(view.followUpDueOn, today) ?? 0;
    out.push(
      left >= 0
        ? {
            key: 'followUpDue',
            params: { date: view.followUpDueOn, days: left },
            tone: left <= 14 ? 'warning' : 'ok',
          }
        : {
            key: 'followUpOverdue',
            params: { date: view.followUpDueOn, days: -left },
            tone: 'overdue',
          },
    );
  }
  if (!out.length) out.push({ key: 'notRunning', params: {}, tone: 'neutral' });
  return out;
}

/** A query string from the values that are set (`?a=1&b=2`, or '' when none is). */
export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Field errors keyed by the form's field names instead of the DTO's paths. */
export function renameErrors(errors: FieldErrorMap, names: Record<string, string>): FieldErrorMap {
  const out: FieldErrorMap = {};
  for (const [field, message] of Object.entries(errors)) {
    const prefix = Object.keys(names).find((p) => field === p || field.startsWith(`${p}.`));
    out[prefix ? names[prefix] : field.replace(/\[\d+\]$/, '')] ??= message;
  }
  return out;
}

/** A refusal the page says plainly (an illegal step, a missing consent, featuring refused). */
export function isConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.code === 'conflict';
}

/** A ticked annex still waiting for the virus check (or quarantined): said next to it. */
export function annexScanRefusal(err: unknown): FieldErrorMap | undefined {
  if (!isConflict(err) || typeof err.extra.scan !== 'string') return undefined;
  return { [`annex-${String(err.extra.documentId)}`]: err.message };
}

/** A workflow step the escalation's state does not allow: where it was, where it was sent. */
export interface RefusedStep {
  from: string;
  to: string;
  allowed: string[];
}

/** The refused step an illegal-transition conflict names, if this conflict is one. */
export function refusedStep(extra: Record<string, unknown>): RefusedStep | undefined {
  const { from, to, allowed } = extra;
  if (typeof from !== 'string' || typeof to !== 'string' || !Array.isArray(allowed)) return;
  return { from, to, allowed: allowed.filter((a): a is string => typeof a === 'string') };
}

/**
 * The refused step in words, with the states' names in the reader's language: "This
 * escalation cannot go from Draft to Approved; it can go to: In review, Withdrawn."
 */
export function refusedStepWords(
  step: RefusedStep,
  say: (key: string, params?: Record<string, unknown>) => string,
): string {
  const state = (s: string) => say(`vocab.escalationStates.${s}`);
  const params = { from: state(step.from), to: state(step.to) };
  return step.allowed.length
    ? say('escalations.workflow.refusedStep', {
        ...params,
        allowed: step.allowed.map(state).join(', '),
      })
    : say('escalations.workflow.refusedStepClosed', params);
}

export type QueryParams = Record<string, string | string[] | undefined>;

/** The first non-blank value of a query parameter, trimmed. */
export const first = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
};

/**
 * The escalation forms' pickers: the owner (an active caseworker, coordinator or admin, as
 * the service accepts), the partners supported, and the people arrested together (a draft's
 * group; on the new form, the others than the case it is opened from).
 */
export function escalationPickers(o: { exclude?: string[]; group: boolean }): PickerSpec[] {
  return [
    { name: 'ownerId', source: 'users', roles: EDITORS, required: true },
    { name: 'partnerIds', source: 'partners', multiple: true },
    ...(o.group
      ? [{ name: 'defenderIds', source: 'defenders' as const, multiple: true, exclude: o.exclude }]
      : []),
  ];
}
