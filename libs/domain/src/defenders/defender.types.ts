import type { DefenderStatus } from '../shared/detention-status';
import type { ConsentPurpose, CurrentConsent } from '../shared/consent-rules';
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
  /** The display name. */
  fullName: string;
  /** Family name(s), apart, as the UN questionnaires ask. */
  familyName?: string | null;
  /** Given name(s). */
  givenNames?: string | null;
  otherNames?: string[];
  sex?: Sex | null;
  birthDate?: string | null;
  birthYear?: number | null;
  /** Every nationality (ISO 3166-1 alpha-2), the principal first. */
  nationalities?: string[];
  /**
   * One nationality, as clients wrote it before `nationalities`: still accepted (it sets
   * `nationalities` to that one, or none for null) and shown as the first of them.
   */
  nationality?: string | null;
  country: string;
  profession?: string | null;
  organisation?: string | null;
  /** The human rights work believed to be the reason for the arrest. */
  hrdActivity?: string | null;
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
  /** Sensitive: the address of usual residence (UN submissions only). */
  usualAddress?: string | null;
}

export type DefenderPatch = Partial<DefenderInput>;

/** A case record as the API shows it: editable fields plus what the timeline derives. */
export interface DefenderView extends Required<
  Omit<DefenderInput, 'story' | 'contacts' | 'confidentialNotes' | 'usualAddress'>
> {
  id: string;
  story?: string | null;
  /** Only for roles allowed to see sensitive fields, only on a single record. */
  contacts?: Contact[];
  confidentialNotes?: string | null;
  usualAddress?: string | null;
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

/**
 * A case as a list shows it (issue 24): the few fields of a row, not the whole record (the
 * detail route has that). Lists answered with every column were three times wider than
 * what any list page or client uses.
 */
export interface DefenderListItem {
  id: string;
  fullName: string;
  country: string;
  status: DefenderStatus;
  detainedSince: string | null;
  daysDetained: number | null;
  riskLevel: RiskLevel | null;
  access: AccessLevel;
  archivedAt: string | null;
  version: number;
  updatedAt: string;
}

/** What changed on a case: its profile, its timeline, its documents or its consents. */
export type CaseChange = 'profile' | 'timeline' | 'document' | 'consent';

/** A case in the "recently changed" list: what changed last, and when. */
export interface RecentlyChangedCase extends DefenderView {
  change: CaseChange;
  changedAt: string;
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
