/** Closed vocabularies of the case record (DOMAIN.md). Stored as text with CHECK constraints. */
export const SEXES = ['female', 'male', 'non_binary', 'other', 'undisclosed'] as const;
export type Sex = (typeof SEXES)[number];

export const HRD_FOCUSES = [
  'journalist',
  'lawyer',
  'environmental',
  'land_rights',
  'womens_rights',
  'lgbtqi_rights',
  'labour_rights',
  'student',
  'indigenous_rights',
  'minority_rights',
  'pro_democracy',
  'other',
] as const;
export type HrdFocus = (typeof HRD_FOCUSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ACCESS_LEVELS = ['standard', 'restricted'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const VERIFICATION_LEVELS = ['unverified', 'corroborated', 'confirmed'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

/** SQL `IN (...)` list for a CHECK constraint. */
export const sqlIn = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
