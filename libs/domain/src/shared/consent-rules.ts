/**
 * The consent vocabulary and the rule of the consent in force, shared by every feature that
 * reads consents (the ledger itself belongs to consents/).
 */
export const CONSENT_PURPOSES = [
  'public_profile',
  'photo',
  'un_submission',
  'name_family_members',
  /**
   * Being named in a public UN document: a WGAD opinion, the Special Procedures'
   * communications report, the Secretary-General's reprisals report. Checked before a
   * submission to a mechanism that publishes names.
   */
  'public_un_document',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_DECISIONS = ['given', 'refused', 'revoked'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
export const CONSENT_GIVERS = [
  'defender',
  'family_member',
  'lawyer',
  'organisation',
  'other',
] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];
export const CONSENT_METHODS = ['written', 'oral', 'via_representative'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface ConsentFact {
  purpose: ConsentPurpose;
  decision: ConsentDecision;
  decidedOn: string;
  expiresOn: string | null;
  seq: number;
}

export type ConsentState = 'given' | 'refused' | 'revoked' | 'expired' | 'none';

export interface CurrentConsent {
  state: ConsentState;
  /** True only when consent is given and not expired: what gates publication and UN submissions. */
  granted: boolean;
  since: string | null;
  expiresOn: string | null;
}

/**
 * The consent in force per purpose: the latest decision (by date it was made, then by entry
 * order), read as of `today`. A given consent past its expiry is `expired`, not granted.
 */
export function currentConsents(
  entries: readonly ConsentFact[],
  today: string,
): Record<ConsentPurpose, CurrentConsent> {
  const out = {} as Record<ConsentPurpose, CurrentConsent>;
  for (const purpose of CONSENT_PURPOSES) {
    const latest = entries
      .filter((e) => e.purpose === purpose && e.decidedOn <= today)
      .sort((a, b) =>
        a.decidedOn === b.decidedOn ? a.seq - b.seq : a.decidedOn < b.decidedOn ? -1 : 1,
      )
      .at(-1);
    if (!latest) {
      out[purpose] = { state: 'none', granted: false, since: null, expiresOn: null };
      continue;
    }
    const expired =
      latest.decision === 'given' && latest.expiresOn !== null && latest.expiresOn < today;
    const state: ConsentState = expired ? 'expired' : latest.decision;
    out[purpose] = {
      state,
      granted: state === 'given',
      since: latest.decidedOn,
      expiresOn: latest.expiresOn,
    };
  }
  return out;
}

/** A ledger row as read from the consents table or the defender_consent_facts view. */
export interface ConsentLedgerRow {
  purpose: ConsentPurpose;
  decision: ConsentDecision;
  decided_on: string;
  expires_on: string | null;
  seq: string;
}

/** The columns to select for `ConsentLedgerRow`. */
export const CONSENT_LEDGER_COLUMNS = `purpose, decision, decided_on::text, expires_on::text, seq::text`;

/** The consent in force per purpose, from a defender's ledger rows. */
export function consentsFromLedger(
  rows: readonly ConsentLedgerRow[],
  today: string,
): Record<ConsentPurpose, CurrentConsent> {
  return currentConsents(
    rows.map((r) => ({
      purpose: r.purpose,
      decision: r.decision,
      decidedOn: r.decided_on,
      expiresOn: r.expires_on,
      seq: Number(r.seq),
    })),
    today,
  );
}
