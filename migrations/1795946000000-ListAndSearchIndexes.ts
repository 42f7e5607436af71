import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that fit the case list's filters (issue 24), whatever the data's shape.
 *
 * The list reads live cases (`archived_at IS NULL`) newest first (`seq DESC`), with optional
 * status and country filters. With only `(status, seq)` over every row, the planner, which
 * assumes detained cases are spread evenly, walked the `seq` index backwards and threw away
 * thousands of newer non-detained rows before it found 51 detained ones. Partial indexes on
 * live cases whose leading columns are the equality filters and whose last column is `seq`
 * answer a page by reading just that page, so the plan does not depend on where the matching
 * rows sit. The need-to-know predicate (access, assignees) stays a filter on top: restricted
 * cases are few. They replace the older whole-table `(status, seq)` and `(country, seq)`.
 *
 * Names are also matched by trigram similarity (pg_trgm), so a misspelt name finds the case;
 * the index is on the same folded form as the query (`witness_unaccent(lower(...))`).
 * Creating the extension needs a privileged role once, here.
 */
export class ListAndSearchIndexes1795946000000 implements MigrationInterface {
  name = 'ListAndSearchIndexes1795946000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await q.query(
      `CREATE INDEX "defenders_live_idx" ON "defenders" ("seq") WHERE archived_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "defenders_live_status_idx" ON "defenders" ("status", "seq") WHERE archived_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "defenders_live_country_idx" ON "defenders" ("country", "seq") WHERE archived_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "defenders_live_country_status_idx" ON "defenders" ("country", "status", "seq") WHERE archived_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "defenders_name_trgm_idx" ON "defenders" USING gin (witness_unaccent(lower(full_name)) gin_trgm_ops) WHERE archived_at IS NULL`,
    );
    await q.query(`DROP INDEX "public"."defenders_status_idx"`);
    await q.query(`DROP INDEX "public"."defenders_country_idx"`);
    await q.query(`ANALYZE defenders`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "defenders_country_idx" ON "defenders" ("country", "seq")`);
    await q.query(`CREATE INDEX "defenders_status_idx" ON "defenders" ("status", "seq")`);
    for (const name of [
      'defenders_name_trgm_idx',
      'defenders_live_country_status_idx',
      'defenders_live_country_idx',
      'defenders_live_status_idx',
      'defenders_live_idx',
    ])
      await q.query(`DROP INDEX "public"."${name}"`);
    // pg_trgm stays: another schema object may have come to use it.
  }
}
