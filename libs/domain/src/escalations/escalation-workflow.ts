import { procedureOf, PROCEDURE_TABLES } from './procedures';

/**
 * Escalation workflows, one per kind: lookups in the procedure tables (procedures/), which
 * follow the UN mechanisms' real procedures (DOMAIN.md, docs/procedures.md). E.g. for a WGAD
 * regular communication, submission -> transmission to the government (reply due within 60
 * days, extendable by up to a month) -> reply or none -> the source's comments -> an opinion
 * adopted at a session, transmitted, then followed up six months after its transmission ->
 * closed; a case may be filed (e.g. after a release) or withdrawn on the way.
 */
export const MECHANISMS = [
  'wgad',
  'special_procedures',
  'unhrc',
  'upr',
  'achpr',
  'iachr',
  'other',
  /** Working Group on Enforced or Involuntary Disappearances. */
  'wgeid',
  /** Committee on Enforced Disappearances (urgent actions, art. 30; communications, art. 31). */
  'ced',
  /** Treaty bodies taking individual communications. */
  'hrcttee',
  'cat',
  'cedaw',
  'cerd',
  'cescr',
  'crc',
  'crpd',
  'cmw',
  /** The Secretary-General's annual report on reprisals (cooperation with the UN). */
  'sg_reprisals',
  /** European Court of Human Rights. */
  'ecthr',
  /** African Court on Human and Peoples' Rights. */
  'african_court',
] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const ESCALATION_KINDS = [
  'wgad_regular',
  'wgad_urgent_action',
  'sp_urgent_appeal',
  'sp_allegation_letter',
  'hrc_statement',
  'hrc_side_event',
  'upr_submission',
  'regional_communication',
  'wgeid_communication',
  'wgeid_urgent_action',
  'ced_urgent_action',
  'treaty_communication',
  'treaty_interim_measures',
  'reprisals_report',
  'iachr_precautionary_measures',
  'achpr_provisional_measures',
  'ecthr_rule_39',
  'african_court_provisional',
] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

/** Which mechanisms a kind can go to (from its procedure table). */
export const KIND_MECHANISMS: Record<EscalationKind, readonly Mechanism[]> = Object.fromEntries(
  ESCALATION_KINDS.map((kind) => [kind, procedureOf(kind).mechanisms as readonly Mechanism[]]),
) as Record<EscalationKind, readonly Mechanism[]>;

export type EscalationState = string;
type Role = 'caseworker' | 'coordinator' | 'admin' | 'viewer' | 'system';

/** Who may take a step: caseworkers draft and send to review; deciders do the rest. */
const DRAFTING = new Set(['draft->in_review', 'in_review->draft']);

/** States an escalation never leaves. */
export const TERMINAL = ['closed', 'withdrawn', 'filed'];

type Table = Readonly<Record<string, readonly string[]>>;

/** Each kind's transition table, read from its procedure table (procedures/). */
export const WORKFLOWS: Record<EscalationKind, Table> = Object.fromEntries(
  ESCALATION_KINDS.map((kind) => [kind, procedureOf(kind).states]),
) as Record<EscalationKind, Table>;

export function statesOf(kind: EscalationKind): string[] {
  return Object.keys(WORKFLOWS[kind]);
}

export function isTerminal(state: string): boolean {
  return TERMINAL.includes(state);
}

/** The next states from `state`, whatever the role. */
export function nextStates(kind: EscalationKind, state: string): readonly string[] {
  return WORKFLOWS[kind][state] ?? [];
}

/** May this role take the step? Caseworkers only draft and send to review. */
export function roleMayTake(role: Role, from: string, to: string): boolean {
  if (role === 'coordinator' || role === 'admin' || role === 'system') return true;
  return role === 'caseworker' && DRAFTING.has(`${from}->${to}`);
}

/** The steps this role may take now (what a UI shows as buttons). */
export function allowedFor(kind: EscalationKind, state: string, role: Role): string[] {
  return nextStates(kind, state).filter((to) => roleMayTake(role, state, to));
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'illegal'; allowed: readonly string[] }
  | { ok: false; reason: 'role'; allowed: string[] };

export function checkTransition(
  kind: EscalationKind,
  from: string,
  to: string,
  role: Role,
): TransitionCheck {
  const next = nextStates(kind, from);
  if (!next.includes(to)) return { ok: false, reason: 'illegal', allowed: next };
  if (!roleMayTake(role, from, to))
    return { ok: false, reason: 'role', allowed: allowedFor(kind, from, role) };
  return { ok: true };
}

/** States in which some procedure awaits the government's reply (the clock runs). */
export const AWAITING_REPLY: readonly string[] = [
  ...new Set(PROCEDURE_TABLES.flatMap((p) => p.awaitingReply)),
];

/** Does this kind's procedure grant an extension of the reply period (the WGAD's)? */
export function grantsExtension(kind: EscalationKind): boolean {
  return procedureOf(kind).clocks.some((r) => r.key === 'reply' && !!r.extension);
}

/** States in which this kind awaits the government's (State's) reply. */
export function awaitsReply(kind: EscalationKind, state: string): boolean {
  return procedureOf(kind).awaitingReply.includes(state);
}

/** A WGAD opinion number: `No. N/YYYY`. */
export const OPINION_NUMBER = /^No\. [1-9]\d{0,3}\/(19|20)\d{2}$/;
