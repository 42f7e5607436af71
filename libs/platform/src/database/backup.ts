import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditKeyring, DEVELOPMENT_AUDIT_KEYRING } from '../audit/audit-chain';
import { AuditService } from '../audit/audit.service';
import { SystemClock } from '../clock/clock';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './migrate';
import { grantAppRole } from './roles';

/**
 * Consistent, verifiable backups of the Witness database.
 *
 * `createBackup` opens a REPEATABLE READ transaction, exports its snapshot, reads the row
 * counts, the last migration and the audit chain's head IN that snapshot, and runs
 * `pg_dump --snapshot` on the same snapshot while the transaction stays open: the dump and
 * its manifest describe exactly the same instant, and everything committed before the backup
 * began is in both. `restoreBackup` restores into an empty database and proves the result
 * against the manifest (counts, migration, the audit chain end to end).
 *
 * Nothing printed or written here holds case data: only table names, counts and hashes, and
 * errors from the PostgreSQL tools are stripped of row contents before they are reported.
 */

export const MANIFEST_FORMAT = 'witness-backup/1';

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  /** When the snapshot was taken (UTC, ISO 8601). */
  createdAt: string;
  database: string;
  serverVersion: string;
  /** The last migration applied (name in the `migrations` table), and how many are. */
  migration: { last: string | null; count: number };
  /** Rows per table of the public schema, in the snapshot. */
  tables: Record<string, number>;
  /** The audit trail's hash chain in the snapshot: its length and the hash of its last row. */
  audit: { rows: number; head: string | null };
  dump: { file: string; format: 'custom'; bytes: number; sha256: string };
}

export class BackupError extends Error {}

/** `witness-20260615T100000Z` for 2026-06-15T10:00:00.123Z. */
export function backupBaseName(at: Date): string {
  return `witness-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}`;
}

/** The manifest that goes with a dump: `x.dump` -> `x.manifest.json`. */
export function manifestPathFor(dumpPath: string): string {
  return join(dirname(dumpPath), `${basename(dumpPath).replace(/\.dump$/, '')}.manifest.json`);
}

/** A connection URL without its password, and the password apart (for PGPASSWORD). */
export function splitPassword(url: string): { url: string; password?: string } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/**
 * What a PostgreSQL tool said, fit for a terminal and a log: its error lines only, without
 * the row contents (COPY context lines, DETAIL with key values) that can follow them.
 */
export function sanitizeToolOutput(stderr: string): string {
  const lines = stderr
    .split('\n')
    .filter((l) => /^(pg_dump|pg_restore): (error|fatal):/i.test(l))
    .map((l) =>
      l
        .replace(/\b(CONTEXT|DETAIL|HINT):.*$/, '')
        .replace(/(\bline \d+)[:,].*$/, '$1')
        // A value quoted in a server message (bad input, duplicate key) may be case data.
        .replace(/(ERROR:.*)$/, (m) => m.replace(/"[^"]*"/g, '"…"'))
        .slice(0, 300)
        .trimEnd(),
    );
  return lines.slice(0, 5).join('; ') || 'no error message';
}

/** Compare a manifest with what a database holds; every difference, named. */
export function compareWithManifest(
  manifest: Pick<BackupManifest, 'tables' | 'audit' | 'migration'>,
  found: {
    tables: Record<string, number>;
    audit: { ok: boolean; rows: number; head: string | null; reason?: string };
    migration: { last: string | null; count: number };
  },
): string[] {
  const problems: string[] = [];
  const names = [...new Set([...Object.keys(manifest.tables), ...Object.keys(found.tables)])];
  for (const t of names.sort()) {
    const want = manifest.tables[t];
    const got = found.tables[t];
    if (want === undefined) problems.push(`table ${t} is not in the manifest`);
    else if (got === undefined) problems.push(`table ${t} is missing`);
    else if (want !== got) problems.push(`table ${t}: ${got} rows, the manifest says ${want}`);
  }
  if (found.migration.last !== manifest.migration.last)
    problems.push(
      `last migration is ${found.migration.last ?? '(none)'}, the manifest says ${manifest.migration.last ?? '(none)'}`,
    );
  if (!found.audit.ok) problems.push(`audit chain does not verify: ${found.audit.reason}`);
  else {
    if (found.audit.rows !== manifest.audit.rows)
      problems.push(
        `audit chain has ${found.audit.rows} rows, the manifest says ${manifest.audit.rows}`,
      );
    if (found.audit.head !== manifest.audit.head)
      problems.push(`audit chain head ${found.audit.head ?? '(empty)'} is not the manifest's`);
  }
  return problems;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 100_000) stderr += d.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new BackupError(
              `${command} not found: install the PostgreSQL client tools (15 or newer)`,
            )
          : e,
      ),
    );
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}

function toolEnv(password?: string): NodeJS.ProcessEnv {
  // The password goes by environment, never on a command line other users can list.
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'witness-backup' };
  if (password !== undefined) env.PGPASSWORD = password;
  return env;
}

/** Public-schema tables and their row counts, read in the client's current transaction. */
async function countRows(client: Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const tables: Record<string, number> = {};
  for (const { tablename } of rows) {
    const ident = `"${tablename.replace(/"/g, '""')}"`;
    const res = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM public.${ident}`,
    );
    tables[tablename] = Number(res.rows[0].n);
  }
  return tables;
}

async function lastMigration(client: Client): Promise<{ last: string | null; count: number }> {
  const exists = await client.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return { last: null, count: 0 };
  const res = await client.query<{ name: string | null; n: string }>(
    `SELECT (SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1) AS name,
            (SELECT count(*) FROM migrations)::text AS n`,
  );
  return { last: res.rows[0].name, count: Number(res.rows[0].n) };
}

export interface CreateBackupOptions {
  databaseUrl: string;
  dir: string;
  /** When the backup is taken (names the files); the system clock by default. */
  now?: Date;
  /** Called once the snapshot exists and before the dump runs (tests use it). */
  onSnapshot?: (info: { snapshot: string; tables: Record<string, number> }) => Promise<void> | void;
}

export interface BackupResult {
  dumpPath: string;
  manifestPath: string;
  manifest: BackupManifest;
}

/** Take a consistent, compressed backup (see the file comment). Never overwrites a file. */
export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const at = options.now ?? new Date();
  const base = backupBaseName(at);
  const dumpPath = join(dir, `${base}.dump`);
  const manifestPath = manifestPathFor(dumpPath);
  const partial = `${dumpPath}.partial`;
  // Claim the names first: two backups in the same second do not overwrite each other.
  for (const p of [dumpPath, manifestPath]) {
    const exists = await stat(p).then(
      () => true,
      () => false,
    );
    if (exists) throw new BackupError(`${p} already exists`);
  }
  await (await open(partial, 'wx', 0o600)).close();

  const { url, password } = splitPassword(options.databaseUrl);
  const client = new Client({
    connectionString: options.databaseUrl,
    application_name: 'witness-backup',
  });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The snapshot is taken by the transaction's first statement: this one.
    const snap = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const snapshot = snap.rows[0].id;
    const tables = await countRows(client);
    const migration = await lastMigration(client);
    const audit = await client.query<{ rows: string; head: string | null }>(
      `SELECT count(*)::text AS rows,
              (SELECT hash FROM audit_events ORDER BY chain_seq DESC LIMIT 1) AS head
         FROM audit_events`,
    );
    const version = await client.query<{ v: string }>(
      `SELECT current_setting('server_version') AS v`,
    );
    await options.onSnapshot?.({ snapshot, tables });

    const dumped = await run(
      'pg_dump',
      [
        '--format=custom',
        '--compress=9',
        `--snapshot=${snapshot}`,
        '--no-password',
        `--file=${partial}`,
        `--dbname=${url}`,
      ],
      toolEnv(password),
    );
    if (dumped.code !== 0)
      throw new BackupError(
        `pg_dump failed (exit ${dumped.code}): ${sanitizeToolOutput(dumped.stderr)}`,
      );
    await client.query('COMMIT');

    const bytes = (await stat(partial)).size;
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      createdAt: at.toISOString(),
      database: databaseNameOf(options.databaseUrl),
      serverVersion: version.rows[0].v,
      migration,
      tables,
      audit: { rows: Number(audit.rows[0].rows), head: audit.rows[0].head },
      dump: { file: basename(dumpPath), format: 'custom', bytes, sha256: await sha256Of(partial) },
    };
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    await rename(partial, dumpPath);
    return { dumpPath, manifestPath, manifest };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  } finally {
    await client.end();
  }
}

/** Read and check the manifest of a dump, and the dump against it (size and SHA-256). */
export async function checkBackupFile(dumpPath: string): Promise<BackupManifest> {
  const manifestPath = manifestPathFor(dumpPath);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
  } catch (e) {
    throw new BackupError(`cannot read the manifest ${manifestPath}: ${(e as Error).message}`);
  }
  if (manifest?.format !== MANIFEST_FORMAT || typeof manifest.dump?.sha256 !== 'string')
    throw new BackupError(`${manifestPath} is not a Witness backup manifest`);
  const bytes = (await stat(dumpPath)).size;
  if (bytes !== manifest.dump.bytes)
    throw new BackupError(
      `the dump has ${bytes} bytes, the manifest says ${manifest.dump.bytes}: it is damaged or not this backup's`,
    );
  if ((await sha256Of(dumpPath)) !== manifest.dump.sha256)
    throw new BackupError('the dump does not match its manifest (SHA-256): it is damaged');
  return manifest;
}

/** Relations in the database outside PostgreSQL's own schemas (0 for an empty database). */
async function userRelations(url: string): Promise<number> {
  const client = new Client({ connectionString: url, application_name: 'witness-restore' });
  await client.connect();
  try {
    const res = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return Number(res.rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * Read what `compareWithManifest` needs from a database. `auditKeys` verify the audit chain's
 * HMACs (the configured AUDIT_HMAC_KEYS; the development key by default).
 */
export async function inspectDatabase(
  url: string,
  auditKeys: AuditKeyring = AuditKeyring.parse(DEVELOPMENT_AUDIT_KEYRING),
): Promise<Parameters<typeof compareWithManifest>[1]> {
  const client = new Client({ connectionString: url, application_name: 'witness-restore' });
  await client.connect();
  let tables: Record<string, number>;
  let migration: { last: string | null; count: number };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    tables = await countRows(client);
    migration = await lastMigration(client);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  // The chain is walked by the same code as `npm run cli -- audit:verify`.
  const ds = new DataSource(
    dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }, { logging: ['error'] }),
  );
  await ds.initialize();
  try {
    const res = await new AuditService(ds, new SystemClock(), auditKeys).verify();
    const audit = res.ok
      ? { ok: true, rows: res.rows, head: res.head }
      : {
          ok: false,
          rows: 0,
          head: null,
          reason: `chain position ${res.chainSeq}: ${res.reason}`,
        };
    return { tables, migration, audit };
  } finally {
    await ds.destroy();
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Empty when the restored database matches its manifest. */
  problems: string[];
}

/**
 * Restore a backup into an empty database (created if missing) and verify it against its
 * manifest. Refuses a damaged dump before touching the database, and a database that holds
 * anything. The restore is one transaction: if it fails, the database stays empty.
 */
export async function restoreBackup(options: {
  dumpPath: string;
  /** The owner role's connection: the restored objects belong to it. */
  databaseUrl: string;
  /** The application role to grant its privileges to once restored (roles.ts). */
  appRole?: string;
  auditKeys?: AuditKeyring;
}): Promise<RestoreResult> {
  const manifest = await checkBackupFile(options.dumpPath);
  await ensureDatabase(options.databaseUrl);
  const present = await userRelations(options.databaseUrl);
  if (present > 0)
    throw new BackupError(
      `database ${databaseNameOf(options.databaseUrl)} is not empty (${present} tables, views or sequences): restore only into an empty database`,
    );
  const { url, password } = splitPassword(options.databaseUrl);
  const restored = await run(
    'pg_restore',
    [
      '--no-owner',
      // Grants are given again below, to this server's application role (the dump's may
      // name a role this server does not have).
      '--no-acl',
      '--exit-on-error',
      '--single-transaction',
      '--no-password',
      `--dbname=${url}`,
      options.dumpPath,
    ],
    toolEnv(password),
  );
  if (restored.code !== 0)
    throw new BackupError(
      `pg_restore failed (exit ${restored.code}); nothing was restored: ${sanitizeToolOutput(restored.stderr)}`,
    );
  if (options.appRole) {
    const client = new Client({
      connectionString: options.databaseUrl,
      application_name: 'witness-restore',
    });
    await client.connect();
    try {
      await grantAppRole(
        (text, params) => client.query(text, params).then((r) => r.rows),
        options.appRole,
      );
    } finally {
      await client.end();
    }
  }
  const problems = compareWithManifest(
    manifest,
    await inspectDatabase(options.databaseUrl, options.auditKeys),
  );
  return { manifest, problems };
}
