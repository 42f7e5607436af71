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
