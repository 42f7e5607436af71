import type { EscalationContent, EscalationOutcome } from './escalation.entity';
import type { EscalationKind, Mechanism } from './escalation-workflow';
import type { DerivedDeadline } from './procedures';

/** Who the source is to the person(s) concerned. */
export const SOURCE_RELATIONS = ['self', 'family', 'lawyer', 'organisation', 'other'] as const;
export type SourceRelation = (typeof SOURCE_RELATIONS)[number];

export interface SourceIdentity {
  name: string;
  organisation?: string | null;
  contact?: string | null;
  /** Who the source is to the person(s) concerned (the questionnaire's section VI). */
  relation?: SourceRelation | null;
}

export interface EscalationInput {
  defenderIds: string[];
  mechanism: Mechanism;
  kind: EscalationKind;
  ownerId?: string | null;
  unReference?: string | null;
  targetRapporteurs?: string[];
  hrcSession?: string | null;
  /** The session or review a submission is for (deadlines count back from it). */
  meetingOn?: string | null;
  notes?: string | null;
  content?: EscalationContent;
  sourceIdentity?: SourceIdentity | null;
  /** Partner organisations it supported to take part in the mechanism. */
  partnerIds?: string[];
}

export type EscalationPatch = Partial<
  Omit<EscalationInput, 'mechanism' | 'kind' | 'defenderIds'>
> & {
  defenderIds?: string[];
  extensionDays?: number;
  /** A date the UN gave, recorded or corrected after the step (the opinion's transmission). */
  opinionTransmittedOn?: string | null;
  /** When the opinion or communication was made public (lifts the embargo). */
  publishedOn?: string | null;
  /** The session or review a submission is for. */
  meetingOn?: string | null;
};

export interface TransitionInput {
  to: string;
  date?: string;
  note?: string | null;
  unReference?: string | null;
  extensionDays?: number;
  opinionNumber?: string | null;
  arbitrary?: boolean | null;
  categoriesFound?: string[];
  releaseRequested?: boolean | null;
  compensationRequested?: boolean | null;
}

export interface EscalationView {
  id: string;
  /** Our reference, WIT-YYYY-NNNN. */
  reference: string;
  defenderIds: string[];
  partnerIds: string[];
  mechanism: Mechanism;
  kind: EscalationKind;
  state: string;
  allowedTransitions: string[];
  ownerId: string | null;
  unReference: string | null;
  opinionNumber: string | null;
  targetRapporteurs: string[];
  hrcSession: string | null;
  notes: string | null;
  content: EscalationContent;
  sourceIdentity?: SourceIdentity | null;
  submittedOn: string | null;
  transmittedOn: string | null;
  extensionDays: number;
  replyDueOn: string | null;
  daysUntilReplyDue: number | null;
  governmentRepliedOn: string | null;
  commentsRequestedOn: string | null;
  commentsDueOn: string | null;
  opinionAdoptedOn: string | null;
  opinionTransmittedOn: string | null;
  publishedOn: string | null;
  meetingOn: string | null;
  followUpDueOn: string | null;
  /** Every deadline of the procedure: open ones are milestones. */
  deadlines: DerivedDeadline[];
  /** The first day "no reply" may be recorded (the day after the reply deadline), if guarded. */
  noReplyPossibleFrom: string | null;
  outcome: EscalationOutcome | null;
  /** Releases of its defenders on or after submission (single escalation only). */
  releasesAfter?: { defenderId: string; releasedOn: string; type: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EscalationQuery {
  mechanism?: Mechanism;
  kind?: EscalationKind;
  state?: string;
  defenderId?: string;
  /** Only the escalations this user owns (the person who drafts and follows it). */
  ownerId?: string;
  dueBefore?: string;
  limit?: number;
  cursor?: string;
}
