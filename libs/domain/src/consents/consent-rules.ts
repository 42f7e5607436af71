import type { EntityManager } from 'typeorm';
import {
  CONSENT_LEDGER_COLUMNS,
  consentsFromLedger,
  currentConsents,
  type ConsentFact,
  type ConsentState,
  type ConsentLedgerRow,
  type ConsentPurpose,
  type CurrentConsent,
} from '../shared/consent-rules';

export { currentConsents, type ConsentFact, type ConsentState, type CurrentConsent };

/** Load a defender's ledger and derive the consent in force per purpose. */
export async function loadCurrentConsents(
  manager: EntityManager,
  defenderId: string,
  today: string,
): Promise<Record<ConsentPurpose, CurrentConsent>> {
  const rows: ConsentLedgerRow[] = await manager.query(
    `SELECT ${CONSENT_LEDGER_COLUMNS} FROM consents WHERE defender_id = $1`,
    [defenderId],
  );
  return consentsFromLedger(rows, today);
}

/**
 * Each defender's consent in force per purpose, reading only the ledger rows of `purposes`
 * (every other purpose then reads as not recorded), in one query.
 */
export async function loadCurrentConsentsOf(
  manager: EntityManager,
  defenderIds: readonly string[],
  purposes: readonly ConsentPurpose[],
  today: string,
): Promise<Map<string, Record<ConsentPurpose, CurrentConsent>>> {
  const rows: (ConsentLedgerRow & { defender_id: string })[] = defenderIds.length
    ? await manager.query(
        `SELECT defender_id, ${CONSENT_LEDGER_COLUMNS}
           FROM consents WHERE defender_id = ANY($1::uuid[]) AND purpose = ANY($2::text[])`,
        [defenderIds, purposes],
      )
    : [];
  return new Map(
    defenderIds.map((id) => [
      id,
      consentsFromLedger(
        rows.filter((r) => r.defender_id === id),
        today,
      ),
    ]),
  );
}

/**
 * An SQL condition, for another feature's query: a consent to `purpose` was given at some
 * point for the defender whose id the expression `defenderIdSql` names. A pre-filter only:
 * whether it is still in force is the ledger's rule (`loadCurrentConsentsOf`).
 */
export function consentEverGivenSql(defenderIdSql: string, purpose: ConsentPurpose): string {
  return `EXISTS (SELECT 1 FROM consents c WHERE c.defender_id = ${defenderIdSql}
                  AND c.purpose = '${purpose}' AND c.decision = 'given')`;
}
