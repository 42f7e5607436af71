import type { VerificationLevel } from '../shared/vocabulary';
import type { EventType } from '../shared/detention-status';

export interface DetentionEventInput {
  type: EventType;
  occurredOn: string;
  description?: string | null;
  place?: string | null;
  authority?: string | null;
  legalBasis?: string | null;
  charges?: string[];
  sentence?: string | null;
  /** The forces who carried out the arrest or hold the person. */
  forces?: string | null;
  /** Arrest and re-arrest only: was a warrant or other decision shown? */
  warrantShown?: boolean | null;
  /** Arrest and re-arrest only: the first place of detention. */
  takenTo?: string | null;
  /** Period events only (PERIOD_EVENT_TYPES): the period's last day. */
  endedOn?: string | null;
  /** Remedy events only (REMEDY_EVENT_TYPES): the result. */
  outcome?: string | null;
  /** Remedy events only: when the result was given. */
  outcomeOn?: string | null;
  source?: string | null;
  verification?: VerificationLevel;
  /** Who the information came from. Sensitive: encrypted, only on a single event. */
  sourceIdentity?: string | null;
}

export type DetentionEventPatch = Partial<DetentionEventInput>;

export interface DetentionEventView extends Required<Omit<DetentionEventInput, 'sourceIdentity'>> {
  sourceIdentity?: string | null;
  id: string;
  defenderId: string;
  /** Dated after today: a scheduled hearing, trial or verdict. */
  scheduled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}
