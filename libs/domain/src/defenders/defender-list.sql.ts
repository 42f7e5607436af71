import type { SelectQueryBuilder } from 'typeorm';
import type { Defender } from './defender.entity';
import type { DefenderListItem, DefenderListQuery } from './defender.types';
import {
  isDeprivedOfLiberty,
  openEpisodeDays,
  type DefenderStatus,
} from '../shared/detention-status';
import type { AccessLevel, RiskLevel } from '../shared/vocabulary';

/**
 * The list and search paths' SQL (issue 24): the list representation's columns, the order
 * that makes the planner take the index fitting the filters, and the trigram name match.
 */

/** How like a word of the name each word typed must be (pg_trgm word_similarity, 0-1). */
export const WORD_SIMILARITY = 0.3;

/** Ranked candidates of a search at most (see `search`). */
export const SEARCH_CANDIDATES = 1000;

/** A list row as read (LIST_ROW_SQL): the list representation's columns and the keyset. */
export interface ListRow {
  id: string;
  seq: string;
  fullName: string;
  country: string;
  status: DefenderStatus;
  detainedSince: string | null;
  riskLevel: RiskLevel | null;
  access: AccessLevel;
  archivedAt: Date | null;
  version: number;
  updatedAt: Date;
}

export const LIST_ROW_SQL = `d.id AS id, d.seq AS seq, d.full_name AS "fullName", d.country AS country,
  d.status AS status, d.detained_since::text AS "detainedSince", d.risk_level AS "riskLevel",
  d.access AS access, d.archived_at AS "archivedAt", d.version AS version,
  d.updated_at AS "updatedAt"`;

/**
 * Newest first, written so the planner takes the index that fits the filters whatever the
 * data's shape (issue 24): the leading equality filter (country, else status) is matched as
 * `= ANY(array)` and ordered on, so only an index starting with it (`defenders_live_*`) gives
 * the order, and a page reads about its own rows. With `status = 'detained' ORDER BY seq`,
 * the planner, assuming detained cases spread evenly, walked the `seq` index and threw away
 * thousands of newer non-detained rows (see docs/performance.md, "Plans").
 */
export function newestFirst<T extends SelectQueryBuilder<Defender>>(
  qb: T,
  query: Pick<DefenderListQuery, 'country' | 'status'>,
): T {
  const lead = query.country ? 'd.country' : query.status ? 'd.status' : null;
  if (lead) qb.orderBy(lead, 'DESC').addOrderBy('d.seq', 'DESC');
  else qb.orderBy('d.seq', 'DESC');
  return qb;
}

export const LIST_ROW_NAMES = [...LIST_ROW_SQL.matchAll(/ AS "?(\w+)"?/g)].map((m) => m[1]);

/** The name as typed, folded like the trigram index (`defenders_name_trgm_idx`). */
export function nameQuery(q: string): string {
  return q.normalize('NFC').trim().replace(/\s+/g, ' ').slice(0, 200);
}

/**
 * The name is spelt closely: candidates from the trigram index (the whole name similar, `%`:
 * a fragment like "varez" is not a name), kept when every word typed is like a word of the
 * name (as the full-text search needs every word): "jose alvarez" does not find "María
 * Álvarez Núñez", "maria alvares" does.
 */
export const NAME_SIMILAR_SQL = `(witness_unaccent(lower(d.full_name)) % witness_unaccent(lower(:name))
  AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(:name, ' ')) AS w
    WHERE word_similarity(witness_unaccent(lower(w)), witness_unaccent(lower(d.full_name))) < ${WORD_SIMILARITY}))`;

export function toListItem(r: ListRow, today: string): DefenderListItem {
  const open = r.detainedSince !== null && isDeprivedOfLiberty(r.status);
  return {
    id: r.id,
    fullName: r.fullName,
    country: r.country,
    status: r.status,
    detainedSince: open ? r.detainedSince : null,
    daysDetained: open ? openEpisodeDays(r.detainedSince as string, today) : null,
    riskLevel: r.riskLevel,
    access: r.access,
    archivedAt: r.archivedAt ? new Date(r.archivedAt).toISOString() : null,
    version: r.version,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
