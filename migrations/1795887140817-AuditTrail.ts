import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper-evident audit trail (hand-written; TypeORM does not model triggers).
 * - Append-only: UPDATE, DELETE and TRUNCATE on audit_events are refused by triggers (the
 *   consent ledger likewise: a revocation is a new entry).
 * - Hash chain: a BEFORE INSERT trigger takes a transaction-scoped advisory lock, numbers the
 *   row (`chain_seq`, in commit order), links it to the previous row's hash and hashes the
 *   row's content. `npm run cli -- audit:verify` recomputes the chain.
 */
export class AuditTrail1795887140817 implements MigrationInterface {
  name = 'AuditTrail1795887140817';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION witness_audit_payload(a audit_events) RETURNS text
        LANGUAGE sql STABLE AS $$
        SELECT concat_ws('|',
          a.chain_seq::text,
          to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
          coalesce(a.actor_id::text, ''), a.actor_role, a.action, a.entity_type,
          coalesce(a.entity_id, ''), coalesce(a.subject_id::text, ''),
          coalesce(a.changes::text, ''), coalesce(a.request_id, ''), coalesce(a.ip, ''),
          coalesce(a.prev_hash, ''))
      $$`);
    await q.query(`
      CREATE FUNCTION witness_audit_hash(a audit_events) RETURNS text
        LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(witness_audit_payload(a), 'UTF8')), 'hex')
      $$`);
    await q.query(`
      CREATE FUNCTION witness_audit_chain() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          last_seq bigint;
          last_hash text;
        BEGIN
          -- One writer at a time extends the chain; held until commit.
          PERFORM pg_advisory_xact_lock(727274002);
          SELECT chain_seq, hash INTO last_seq, last_hash
            FROM audit_events ORDER BY chain_seq DESC LIMIT 1;
          NEW.chain_seq := coalesce(last_seq, 0) + 1;
          NEW.prev_hash := last_hash;
          NEW.at := coalesce(NEW.at, now());
          NEW.hash := witness_audit_hash(NEW);
          RETURN NEW;
        END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION witness_audit_chain()`);
    await q.query(`
      CREATE FUNCTION witness_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$`);
    for (const table of ['audit_events', 'consents']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION witness_append_only()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION witness_append_only()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'consents']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS witness_append_only()`);
    await q.query(`DROP TRIGGER IF EXISTS audit_events_chain ON audit_events`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_chain()`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_hash(audit_events)`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_payload(audit_events)`);
  }
}
