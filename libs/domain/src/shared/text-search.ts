import { ValidationFailedError } from '@witness/platform';

/**
 * Turn what a caseworker types into a PostgreSQL tsquery text: every word must match, each
 * as a prefix ("jos" finds "José"). Only letters and digits survive, so the result is always
 * a valid tsquery whatever the input; accents and case are folded in SQL (`witness_unaccent`
 * under the 'simple' configuration, the same as the indexed vector).
 */
export function toPrefixTsquery(q: string): string {
  const words = q
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) {
    throw ValidationFailedError.field('q', 'must contain at least one letter or digit');
  }
  return words.map((w) => `${w}:*`).join(' & ');
}

/**
 * The SQL tsquery for a `:tsq` parameter made by toPrefixTsquery. Accents are folded word by
 * word and each folded word is quoted as a lexeme: `witness_unaccent` can turn a letter or
 * digit into punctuation or a quote (⑴ -> "(1)", ŉ -> "'n"), which unquoted broke the tsquery
 * syntax (a 500). A word that folds to no lexeme at all is dropped by to_tsquery.
 */
export const SEARCH_TSQUERY_SQL =
  `to_tsquery('simple', (SELECT string_agg('''' || ` +
  `replace(replace(witness_unaccent(left(t, -2)), '\\', '\\\\'), '''', '''''') || ''':*', ' & ') ` +
  `FROM unnest(string_to_array(:tsq, ' & ')) AS t))`;

/**
 * "Every word typed is the prefix of a word of `text`" for a short column or expression
 * (a name, an email) that has no stored search vector: folded like the case search, so
 * "jose" finds "José". Bind `:tsq` to toPrefixTsquery(q).
 */
export function prefixMatchSql(text: string): string {
  return `to_tsvector('simple', witness_unaccent(${text})) @@ ${SEARCH_TSQUERY_SQL}`;
}
