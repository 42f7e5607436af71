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
 * one of its `group:` tags (people arrested together, profiled as a group).
 */
const CO_DEFENDERS_SQL = `
  WITH f AS (SELECT DISTINCT unnest($1::uuid[]) AS id),
  links AS (
    SELECT f.id AS case_id, o.defender_id AS other FROM f
      JOIN escalation_defenders s ON s.defender_id = f.id
      JOIN escalation_defenders o ON o.escalation_id = s.escalation_id AND o.defender_id <> f.id
    UNION
    SELECT f.id, o.defender_id FROM f
      JOIN solidarity_action_defenders s ON s.defender_id = f.id
      JOIN solidarity_action_defenders o ON o.action_id = s.action_id AND o.defender_id <> f.id
    UNION
    SELECT f.id, g.id FROM f
      JOIN defenders fd ON fd.id = f.id
      JOIN defenders g ON g.id <> fd.id
       AND g.tags && ARRAY(SELECT t FROM unnest(fd.tags) t WHERE t LIKE 'group:%')
  )
  SELECT l.case_id, d.id, d.full_name, d.other_names, d.access,
         coalesce((SELECT json_agg(json_build_object('decision', c.decision,
                     'decidedOn', c.decided_on::text, 'expiresOn', c.expires_on::text,
                     'seq', c.seq))
                     FROM consents c WHERE c.defender_id = d.id AND c.purpose = 'public_profile'),
                  '[]') AS consents
    FROM links l JOIN defenders d ON d.id = l.other`;

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
