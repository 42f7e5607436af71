import type { VerificationLevel } from '../shared/vocabulary';
import type { EventType } from './detention-status';

export interface DetentionEventInput {
  type: EventType;
  occurredOn: string;
  description?: string | null;
  place?: string | null;
  authority?: string | null;
  legalBasis?: string | null;
  charges?: string[];
  sentence?: string | null;
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
