import type { DefenderStatus } from '../detention/detention-status';
import type { CurrentConsent } from '../consents/consent-rules';
import type { ConsentPurpose } from '../consents/consent.entity';
import type { AccessLevel, HrdFocus, RiskLevel, Sex } from '../shared/vocabulary';

export const CONTACT_RELATIONS = ['family', 'lawyer', 'colleague', 'other'] as const;
export type ContactRelation = (typeof CONTACT_RELATIONS)[number];

/** A contact of the defender's circle: sensitive, encrypted at rest, never in lists or logs. */
export interface Contact {
  name: string;
  relation: ContactRelation;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
}

/** Editable fields of a case record (what a caseworker types). */
export interface DefenderInput {
  fullName: string;
  otherNames?: string[];
  sex?: Sex | null;
  birthDate?: string | null;
  birthYear?: number | null;
  nationality?: string | null;
  country: string;
  profession?: string | null;
  organisation?: string | null;
  hrdFocus?: HrdFocus[];
  summary?: string | null;
  story?: string | null;
  riskLevel?: RiskLevel | null;
  access?: AccessLevel;
  tags?: string[];
  /** Sensitive. */
  contacts?: Contact[] | null;
  /** Sensitive. */
  confidentialNotes?: string | null;
}

export type DefenderPatch = Partial<DefenderInput>;

/** A case record as the API shows it: editable fields plus what the timeline derives. */
export interface DefenderView extends Required<
  Omit<DefenderInput, 'story' | 'contacts' | 'confidentialNotes'>
> {
  id: string;
  story?: string | null;
  /** Only for roles allowed to see sensitive fields, only on a single record. */
  contacts?: Contact[];
  confidentialNotes?: string | null;
  /** The consent in force per purpose (single record only). */
  consents?: Record<ConsentPurpose, CurrentConsent>;
  status: DefenderStatus;
  detainedSince: string | null;
  daysDetained: number | null;
  totalDaysDetained: number;
  lastEventAt: string | null;
  archivedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DefenderListQuery {
  q?: string;
  country?: string;
  status?: DefenderStatus;
  hrdFocus?: HrdFocus;
  riskLevel?: RiskLevel;
  tag?: string;
  archived?: boolean;
  limit?: number;
  cursor?: string;
}
