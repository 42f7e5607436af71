import type { EntityManager } from 'typeorm';
import {
  CONSENT_LEDGER_COLUMNS,
  consentsFromLedger,
  type ConsentLedgerRow,
  type ConsentPurpose,
  type CurrentConsent,
} from '../shared/consent-rules';

/**
 * The consent in force per purpose on a case, for its record's view. Read through the
 * `defender_consent_facts` view (a read model of the consent ledger, which belongs to
 * consents/), so the case record needs nothing of the consents feature.
 */
export async function caseConsents(
  manager: EntityManager,
  defenderId: string,
  today: string,
): Promise<Record<ConsentPurpose, CurrentConsent>> {
  const rows: ConsentLedgerRow[] = await manager.query(
    `SELECT ${CONSENT_LEDGER_COLUMNS} FROM defender_consent_facts WHERE defender_id = $1`,
    [defenderId],
  );
  return consentsFromLedger(rows, today);
}
