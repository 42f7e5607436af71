/**
 * Least privilege (issue 19, finding 5): the api and worker connect as an APPLICATION role
 * that may read and write the app's rows and nothing more; an OWNER role owns the schema and
 * runs the migrations (docs/operations/database-roles.md).
 *
 * `grantAppRole` is run by `migrate()` after every migration run, as the owner, and by
 * `restore`. It is idempotent: it (re)grants exactly what the application needs on every
 * table and sequence there is, so a table a later migration adds is covered too (and, through
 * default privileges, as soon as the owner creates it). The application role gets:
 *
 * - SELECT, INSERT, UPDATE, DELETE on the app's tables; never TRUNCATE, REFERENCES, TRIGGER;
 * - INSERT and SELECT only on the append-only tables (those with the `witness_append_only`
 *   trigger: the audit trail and the consent ledger), SELECT and UPDATE on the audit chain's
 *   head (the append lock);
 * - nothing on `migrations`;
 * - USAGE on the schema and its sequences, CONNECT and TEMPORARY on the database.
 *
 * It owns nothing, so it cannot ALTER or DROP a table, disable a trigger or replace a
 * function; without superuser it cannot set `session_replication_role` either.
 */

export type Sql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export type GrantOutcome = 'granted' | 'no-such-role' | 'same-role';

/** A role name as PostgreSQL quotes it (the name is validated by the config: [a-z_][a-z0-9_]*). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function grantAppRole(sql: Sql, role: string): Promise<GrantOutcome> {
  const [found] = await sql(
    `SELECT (SELECT count(*) FROM pg_roles WHERE rolname = $1)::int AS n,
            current_user = $1 AS same, current_database() AS db`,
    [role],
  );
  if (found.n === 0) return 'no-such-role';
  if (found.same === true) return 'same-role';
  const r = quoteIdent(role);
  await sql(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(String(found.db))} TO ${r}`);
  await sql(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await sql(`REVOKE CREATE ON SCHEMA public FROM ${r}`);
  await sql(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await sql(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`);
  await sql(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await sql(`REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA public FROM ${r}`);
  // Tables created later by the owner (the next migrations) get the same.
  await sql(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
  );
  await sql(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
  const tables = await sql(
    `SELECT DISTINCT c.relname AS name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND t.tgfoid = to_regproc('public.witness_append_only')`,
  );
  for (const { name } of tables)
    await sql(`REVOKE UPDATE, DELETE ON TABLE public.${quoteIdent(String(name))} FROM ${r}`);
  const [has] = await sql(
    `SELECT to_regclass('public.audit_chain_head') IS NOT NULL AS head,
            to_regclass('public.migrations') IS NOT NULL AS migrations`,
  );
  if (has.head) await sql(`REVOKE INSERT, DELETE ON TABLE public.audit_chain_head FROM ${r}`);
  if (has.migrations) await sql(`REVOKE ALL ON TABLE public.migrations FROM ${r}`);
  return 'granted';
}
