import type { EntityManager } from 'typeorm';
import type { ConsentDecision, ConsentPurpose } from './consent.entity';
import { currentConsents } from './consent-rules';

/**
 * Who the public may read the name of, among the co-defenders of a case: someone whose case
 * is standard (not restricted) and whose `public_profile` consent is in force today. Anyone
 * else is named in no public output (the feed, a public dossier), whatever the text typed
 * about the case says (issue 19).
 *
 * Co-defenders are the people a case is linked with: the other cases of its escalations (a
 * group communication), of its solidarity actions (a joint action), and the cases sharing
 * one of its `group:` tags (people arrested together, profiled as a group): the read model
 * `public_naming_co_defenders` (migrations/1795950000000-FeatureReadModels.ts).
 */
const CO_DEFENDERS_SQL = `
  SELECT l.case_id, l.id, l.full_name, l.other_names, l.access,
         coalesce((SELECT json_agg(json_build_object('decision', c.decision,
                     'decidedOn', c.decided_on::text, 'expiresOn', c.expires_on::text,
                     'seq', c.seq))
                     FROM consents c WHERE c.defender_id = l.id AND c.purpose = 'public_profile'),
                  '[]') AS consents
    FROM public_naming_co_defenders l WHERE l.case_id = ANY($1::uuid[])`;

/**
 * For each of the given cases, the names (full name and other names) of its co-defenders
 * whom the public may not read: restricted, or without a `public_profile` consent in force.
 * Cases without such co-defenders are absent from the map.
 */
export async function withheldCoDefenderNames(
  m: EntityManager,
  caseIds: readonly string[],
  today: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!caseIds.length) return out;
  const rows: {
    case_id: string;
    full_name: string;
    other_names: string[] | null;
    access: string;
    consents: {
      decision: ConsentDecision;
      decidedOn: string;
      expiresOn: string | null;
      seq: string;
    }[];
  }[] = await m.query(CO_DEFENDERS_SQL, [caseIds]);
  for (const r of rows) {
    const consent = currentConsents(
      r.consents.map((c) => ({
        purpose: 'public_profile' as ConsentPurpose,
        decision: c.decision,
        decidedOn: c.decidedOn,
        expiresOn: c.expiresOn,
        seq: Number(c.seq),
      })),
      today,
    ).public_profile;
    if (r.access !== 'restricted' && consent.granted) continue;
    out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.full_name, ...(r.other_names ?? [])]);
  }
  return out;
}
