import type { DefenderStatus } from '../detention/detention-status';
import type { AccessLevel, HrdFocus, RiskLevel, Sex } from '../shared/vocabulary';

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
}

export type DefenderPatch = Partial<DefenderInput>;

/** A case record as the API shows it: editable fields plus what the timeline derives. */
export interface DefenderView extends Required<Omit<DefenderInput, 'story'>> {
  id: string;
  story?: string | null;
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
