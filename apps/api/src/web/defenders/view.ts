import {
  ACCESS_LEVELS,
  assignable,
  CONSENT_DECISIONS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONTACT_RELATIONS,
  DEFENDER_STATUSES,
  EVENT_TYPES,
  HRD_FOCUSES,
  isDeprivedOfLiberty,
  RISK_LEVELS,
  ROLES,
  SEXES,
  VERIFICATION_LEVELS,
} from '@witness/domain';
import { type AuditView } from '@witness/platform';

export const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
export const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;
export const DECIDERS = ['coordinator', 'admin'] as const;
/** The roles a case can be assigned to (the access policy's rule). */
export const ASSIGNABLE_ROLES = ROLES.filter((r) => assignable(r));

/** Defenders per list page unless the address asks for another size. */
export const PAGE_SIZE = 25;
export const LIST_FILTERS = ['q', 'country', 'status', 'hrdFocus', 'riskLevel', 'tag'] as const;
/** The newest documents a profile shows (the rest on /app/defenders/:id/documents). */
export const PROFILE_DOCUMENTS = 10;

/** The closed vocabularies the forms offer. */
export const VOCAB = {
  sexes: SEXES,
  hrdFocuses: HRD_FOCUSES,
  riskLevels: RISK_LEVELS,
  accessLevels: ACCESS_LEVELS,
  defenderStatuses: DEFENDER_STATUSES,
  contactRelations: CONTACT_RELATIONS,
  eventTypes: EVENT_TYPES,
  verificationLevels: VERIFICATION_LEVELS,
  consentPurposes: CONSENT_PURPOSES,
  consentDecisions: CONSENT_DECISIONS,
  consentGivers: CONSENT_GIVERS,
  consentMethods: CONSENT_METHODS,
};

export function firstString(v: unknown): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : undefined;
}

/** The badge class of a derived status (the words say it too: never colour alone). */
export function statusBadge(status: string): string {
  if (isDeprivedOfLiberty(status)) return 'badge--detained';
  if (status === 'released') return 'badge--ok';
  return '';
}

/** An audit entry's changes as short lines: `field: from → to` (redacted values stay so). */
export function describeChanges(e: AuditView): { field: string; from?: string; to?: string }[] {
  if (!e.changes) return [];
  return Object.entries(e.changes).map(([field, change]) => {
    if (change && typeof change === 'object' && !Array.isArray(change) && 'to' in change) {
      const c = change as { from?: unknown; to?: unknown };
      return { field, from: short(c.from), to: short(c.to) };
    }
    return { field, to: short(change) };
  });
}

export function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const s = typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}
