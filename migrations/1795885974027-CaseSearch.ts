import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search over case records (hand-written: TypeORM does not model these).
 * - `unaccent` folds accents ("jose" finds "José"); wrapped in an IMMUTABLE function so it
 *   can be used in index expressions and triggers.
 * - The 'simple' configuration: names in many languages must not be stemmed as English.
 * - `defenders.search_vector` is kept by triggers, so every write path (API, import, seed)
 *   keeps it true: names weigh most, then organisation and summary, then story and the
 *   timeline's event descriptions.
 * Creating the extension needs a privileged role once, here, not at every start-up.
 */
export class CaseSearch1795885974027 implements MigrationInterface {
  name = 'CaseSearch1795885974027';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await q.query(`
      CREATE FUNCTION witness_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await q.query(`
      CREATE FUNCTION witness_defender_search_vector(d defenders) RETURNS tsvector
        LANGUAGE sql STABLE AS $$
        SELECT
          setweight(to_tsvector('simple', witness_unaccent(
            coalesce(d.full_name, '') || ' ' || array_to_string(d.other_names, ' '))), 'A') ||
          setweight(to_tsvector('simple', witness_unaccent(
            coalesce(d.organisation, '') || ' ' || coalesce(d.summary, ''))), 'B') ||
          setweight(to_tsvector('simple', witness_unaccent(coalesce(d.story, ''))), 'C') ||
          setweight(to_tsvector('simple', witness_unaccent(coalesce(
            (SELECT string_agg(e.description, ' ') FROM detention_events e
              WHERE e.defender_id = d.id AND e.description IS NOT NULL), ''))), 'D')
      $$`);
    await q.query(`
      CREATE FUNCTION witness_defenders_search_trigger() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          NEW.search_vector := witness_defender_search_vector(NEW);
          RETURN NEW;
        END $$`);
    await q.query(`
      CREATE TRIGGER defenders_search_vector
        BEFORE INSERT OR UPDATE OF full_name, other_names, organisation, summary, story, search_vector
        ON defenders FOR EACH ROW EXECUTE FUNCTION witness_defenders_search_trigger()`);
    await q.query(`
      CREATE FUNCTION witness_events_search_trigger() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          -- Touching search_vector fires the defenders trigger, which recomputes it.
          IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE defenders SET search_vector = NULL WHERE id = OLD.defender_id;
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.defender_id <> OLD.defender_id) THEN
            UPDATE defenders SET search_vector = NULL WHERE id = NEW.defender_id;
          END IF;
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER detention_events_search_vector
        AFTER INSERT OR DELETE OR UPDATE OF description, defender_id
        ON detention_events FOR EACH ROW EXECUTE FUNCTION witness_events_search_trigger()`);
    await q.query(`CREATE INDEX defenders_search_idx ON defenders USING gin (search_vector)`);
    await q.query(`CREATE INDEX defenders_focus_idx ON defenders USING gin (hrd_focus)`);
    await q.query(`CREATE INDEX defenders_tags_idx ON defenders USING gin (tags)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS defenders_tags_idx`);
    await q.query(`DROP INDEX IF EXISTS defenders_focus_idx`);
    await q.query(`DROP INDEX IF EXISTS defenders_search_idx`);
    await q.query(`DROP TRIGGER IF EXISTS detention_events_search_vector ON detention_events`);
    await q.query(`DROP FUNCTION IF EXISTS witness_events_search_trigger()`);
    await q.query(`DROP TRIGGER IF EXISTS defenders_search_vector ON defenders`);
    await q.query(`DROP FUNCTION IF EXISTS witness_defenders_search_trigger()`);
    await q.query(`DROP FUNCTION IF EXISTS witness_defender_search_vector(defenders)`);
    await q.query(`DROP FUNCTION IF EXISTS witness_unaccent(text)`);
  }
}
