import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain becomes an HMAC chain computed by the APPLICATION (issue 19, finding 4).
 *
 * Before: a trigger hashed each row with an unkeyed SHA-256 function that lived in the
 * database, so anyone able to write to the database could edit a row and re-chain every later
 * one. Now the application signs each row with a key the database never sees
 * (AUDIT_HMAC_KEYS) and stores the key's id beside the HMAC (`key_id`, `hash`); the database
 * only keeps the chain in order:
 *
 * - `audit_chain_head` (one row) is the chain's head. An appending transaction locks it
 *   (`SELECT ... FOR UPDATE`), so appends are serialised in commit order and `chain_seq`
 *   stays gap-free across any number of api and worker processes.
 * - A statement-level AFTER INSERT trigger checks that what was inserted continues the chain
 *   exactly (contiguous positions from the head, each row linked to the one before, a key id
 *   and an HMAC on every row) and moves the head. It cannot check an HMAC: it has no key.
 *
 * Existing rows (the unkeyed chain) stay as they are, with `key_id` NULL: this migration
 * cannot sign them, because it must not know the key. The first row the application appends
 * afterwards is an `audit.chain_sealed` event linked to the last unkeyed row's hash, so from
 * that moment every earlier row is covered by an HMAC too (docs/security/audit.md).
 *
 * The unkeyed hash functions are dropped: verification is done by the application, never by
 * a function an administrator could replace.
 */
export class AuditHmacChain1795930000000 implements MigrationInterface {
  name = 'AuditHmacChain1795930000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_events" ADD "key_id" character varying(32)`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "chain_seq" SET NOT NULL`);
    await q.query(`DROP TRIGGER IF EXISTS audit_events_chain ON audit_events`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_chain()`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_hash(audit_events)`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_payload(audit_events)`);
    await q.query(`
      CREATE TABLE audit_chain_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash character(64),
        key_id character varying(32)
      )`);
    await q.query(`
      INSERT INTO audit_chain_head (id, seq, hash, key_id)
      SELECT 1, coalesce(last.chain_seq, 0), last.hash, last.key_id
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT chain_seq, hash, key_id FROM audit_events ORDER BY chain_seq DESC LIMIT 1
        ) last ON true`);
    await q.query(`
      CREATE FUNCTION witness_audit_link() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          head_seq bigint;
          head_hash text;
          first_seq bigint;
          last_seq bigint;
          n bigint;
          unsigned bigint;
        BEGIN
          SELECT count(*), min(chain_seq), max(chain_seq),
                 count(*) FILTER (WHERE key_id IS NULL OR hash IS NULL)
            INTO n, first_seq, last_seq, unsigned FROM added;
          IF n = 0 THEN RETURN NULL; END IF;
          IF unsigned > 0 THEN
            RAISE EXCEPTION 'audit rows are signed by the application (key_id and hash are required)'
              USING ERRCODE = 'check_violation';
          END IF;
          -- Waits for (or already holds) the append lock, and sees the latest committed head.
          SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
          IF head_seq IS NULL THEN
            RAISE EXCEPTION 'audit_chain_head is missing' USING ERRCODE = 'check_violation';
          END IF;
          IF first_seq <> head_seq + 1 OR last_seq - first_seq + 1 <> n THEN
            RAISE EXCEPTION 'audit rows must continue the chain at position % (got % to %)',
              head_seq + 1, first_seq, last_seq USING ERRCODE = 'check_violation';
          END IF;
          -- One sort of the new rows (a self-join of the transition table, which has no
          -- index, would compare every pair).
          IF EXISTS (
            SELECT 1 FROM (
              SELECT chain_seq, prev_hash, lag(hash) OVER (ORDER BY chain_seq) AS before
                FROM added
            ) x
             WHERE x.prev_hash IS DISTINCT FROM
                   CASE WHEN x.chain_seq = first_seq THEN head_hash ELSE x.before END
          ) THEN
            RAISE EXCEPTION 'audit rows must link to the previous row''s hash'
              USING ERRCODE = 'check_violation';
          END IF;
          UPDATE audit_chain_head h SET seq = a.chain_seq, hash = a.hash, key_id = a.key_id
            FROM added a WHERE h.id = 1 AND a.chain_seq = last_seq;
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_link AFTER INSERT ON audit_events
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION witness_audit_link()`);
    // The head is moved by the trigger only; nobody deletes it or adds another.
    await q.query(`
      CREATE FUNCTION witness_audit_head_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_chain_head has exactly one row' USING ERRCODE = 'insufficient_privilege';
        END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR DELETE ON audit_chain_head
        FOR EACH ROW EXECUTE FUNCTION witness_audit_head_guard()`);
    await q.query(`
      CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION witness_audit_head_guard()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Rows signed with a key cannot be expressed in the unkeyed chain: going back would leave
    // a trail that no longer verifies. Refuse rather than lose the tamper evidence.
    const [{ n }] = (await q.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE key_id IS NOT NULL`,
    )) as { n: number }[];
    if (n > 0)
      throw new Error(
        `${n} audit rows are HMAC-signed; the unkeyed chain cannot hold them (restore a backup taken before this migration instead)`,
      );
    await q.query(`DROP TRIGGER IF EXISTS audit_chain_head_no_truncate ON audit_chain_head`);
    await q.query(`DROP TRIGGER IF EXISTS audit_chain_head_guard ON audit_chain_head`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_head_guard()`);
    await q.query(`DROP TRIGGER IF EXISTS audit_events_link ON audit_events`);
    await q.query(`DROP FUNCTION IF EXISTS witness_audit_link()`);
    await q.query(`DROP TABLE IF EXISTS audit_chain_head`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "chain_seq" DROP NOT NULL`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "key_id"`);
    // The unkeyed chain of AuditTrail1795887140817, as it was.
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
  }
}
