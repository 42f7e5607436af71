import type { EntityManager } from 'typeorm';
import type { ConsentDecision, ConsentPurpose } from './consent.entity';
import { CONSENT_PURPOSES } from './consent.entity';

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

/** Load a defender's ledger and derive the consent in force per purpose. */
export async function loadCurrentConsents(
  manager: EntityManager,
  defenderId: string,
  today: string,
): Promise<Record<ConsentPurpose, CurrentConsent>> {
  const rows: {
    purpose: ConsentPurpose;
    decision: ConsentDecision;
    decided_on: string;
    expires_on: string | null;
    seq: string;
  }[] = await manager.query(
    `SELECT purpose, decision, decided_on::text, expires_on::text, seq::text FROM consents WHERE defender_id = $1`,
    [defenderId],
  );
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
