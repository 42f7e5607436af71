import type { EntityManager } from 'typeorm';
import type { AccessLevel } from '../shared/vocabulary';

/** What other features may read of a case without loading its record: its name and access. */
export interface CaseNameAndAccess {
  id: string;
  fullName: string;
  access: AccessLevel;
}

/** The name and access level of each of the given cases that exists, by id. */
export async function caseNamesAndAccess(
  m: EntityManager,
  ids: readonly string[],
): Promise<Map<string, CaseNameAndAccess>> {
  if (!ids.length) return new Map();
  const rows: { id: string; full_name: string; access: AccessLevel }[] = await m.query(
    `SELECT id, full_name, access FROM defenders WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, fullName: r.full_name, access: r.access }]));
}
