#!/bin/sh
# Witness's two database roles (docs/operations/database-roles.md), created by PostgreSQL's
# official image on first start (mounted in /docker-entrypoint-initdb.d), or by hand on an
# existing server (`docker compose exec postgres sh /docker-entrypoint-initdb.d/10-witness-roles.sh`).
#
#   WITNESS_DB_OWNER (witness_owner)  owns the database and its tables; runs the migrations
#                                     and the backups. LOGIN, not a superuser.
#   WITNESS_DB_APP_ROLE (witness_app) what the api and worker connect as: reads and writes rows,
#                                     nothing more (the migrations grant it exactly that).
#
# Passwords come from WITNESS_DB_OWNER_PASSWORD / WITNESS_DB_APP_PASSWORD, or from the files
# named by WITNESS_DB_OWNER_PASSWORD_FILE / WITNESS_DB_APP_PASSWORD_FILE (Docker secrets).
# Idempotent: roles that exist get their password set again; a database that exists (an
# upgrade from one superuser role) is handed to the owner with every table, sequence, view and
# function of its public schema. Connects with psql as POSTGRES_USER (or PGUSER/PGHOST...).
set -e

witness_secret() {
  # $1: variable name; the value, or the content of the file named by $1_FILE.
  eval "witness_value=\${$1:-}"
  eval "witness_file=\${$1_FILE:-}"
  if [ -n "$witness_value" ] && [ -n "$witness_file" ]; then
    echo "10-witness-roles: set $1 or $1_FILE, not both" >&2
    return 1
  fi
  if [ -n "$witness_file" ]; then
    witness_value=$(cat "$witness_file")
  fi
  if [ -z "$witness_value" ]; then
    echo "10-witness-roles: $1 (or $1_FILE) is required" >&2
    return 1
  fi
  printf '%s' "$witness_value"
}

witness_roles() {
  owner_pw=$(witness_secret WITNESS_DB_OWNER_PASSWORD)
  app_pw=$(witness_secret WITNESS_DB_APP_PASSWORD)
  db=${WITNESS_DB_NAME:-witness}
  owner=${WITNESS_DB_OWNER:-witness_owner}
  app=${WITNESS_DB_APP_ROLE:-witness_app}
  psql_base="psql -v ON_ERROR_STOP=1 --no-psqlrc -q --username ${POSTGRES_USER:-${PGUSER:-postgres}}"

  # The cluster: roles and the database. \gexec runs each generated statement on its own
  # (CREATE DATABASE cannot run in a transaction); values are quoted by format(%I, %L).
  $psql_base --dbname postgres \
    -v db="$db" -v owner="$owner" -v app="$app" \
    -v owner_pw="$owner_pw" -v app_pw="$app_pw" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT', :'app')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'owner', :'owner_pw') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app', :'app_pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I, %I', :'db', :'owner', :'app') \gexec
SQL

  # The database: an upgrade from one superuser role leaves its objects owned by that role;
  # hand them to the owner (extension members stay with their extension).
  $psql_base --dbname "$db" -v owner="$owner" <<'SQL'
SET witness.owner = :'owner';
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
DECLARE
  o record;
  new_owner text := current_setting('witness.owner');
BEGIN
  FOR o IN
    SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                          WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
           format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
       AND pg_get_userbyid(c.relowner) <> new_owner
       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
       -- a sequence owned by a column moves with its table
       AND NOT (c.relkind = 'S' AND EXISTS (
             SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', o.kind, o.name, new_owner);
  END LOOP;
  FOR o IN
    SELECT p.oid::regprocedure::text AS name
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> new_owner
       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', o.name, new_owner);
  END LOOP;
END $$;
SQL
  echo "10-witness-roles: database $db owned by $owner; $app connects to it (the migrations grant its privileges)"
}

witness_roles
