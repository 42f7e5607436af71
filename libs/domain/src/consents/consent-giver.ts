import type { EntityManager } from 'typeorm';
import type { ConsentPurpose } from './consent.entity';

/**
 * Who gave, and how, the latest decision on a purpose taken on or before `onOrBefore` (the
 * ledger's entry behind the consent in force), or null when there is none.
 */
export async function latestConsentGiver(
  m: EntityManager,
  defenderId: string,
  purpose: ConsentPurpose,
  onOrBefore: string,
): Promise<{ givenBy: string; method: string } | null> {
  const rows: { given_by: string; method: string }[] = await m.query(
    `SELECT given_by, method FROM consents
      WHERE defender_id = $1 AND purpose = $2 AND decided_on <= $3
      ORDER BY decided_on DESC, seq DESC LIMIT 1`,
    [defenderId, purpose, onOrBefore],
  );
  return rows[0] ? { givenBy: rows[0].given_by, method: rows[0].method } : null;
}
