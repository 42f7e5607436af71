import { parseArgs } from 'node:util';
import {
  AuditKeyring,
  BackupError,
  createBackup,
  databaseNameOf,
  loadEnv,
  ownerUrl,
  restoreBackup,
} from '@witness/platform';

export const BACKUP_USAGE = `  backup [--dir DIR]         consistent compressed dump + manifest into DIR (default BACKUP_DIR)
  restore FILE [--database-url URL]
                             restore FILE into an EMPTY database (default MIGRATIONS_DATABASE_URL,
                             else DATABASE_URL) as the owner role, grant DATABASE_APP_ROLE its
                             privileges, then verify row counts, migration and the audit chain
                             against the manifest
  (both connect as the owner role: MIGRATIONS_DATABASE_URL, else DATABASE_URL)`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * `backup` and `restore`: they work on the database from outside (pg_dump, pg_restore) and
 * must not migrate it first, so they run before the CLI boots the application.
 */
export async function runBackupCommand(
  command: 'backup' | 'restore',
  args: string[],
): Promise<number> {
  const env = loadEnv();
  try {
    if (command === 'backup') {
      const { values } = parseArgs({ args, options: { dir: { type: 'string' } }, strict: true });
      const { dumpPath, manifestPath, manifest } = await createBackup({
        // The owner reads every table (the application role cannot read `migrations`).
        databaseUrl: ownerUrl(env),
        dir: values.dir ?? env.BACKUP_DIR,
      });
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      out(
        `backup written: ${dumpPath} (${manifest.dump.bytes} bytes, sha256 ${manifest.dump.sha256})`,
      );
      out(`manifest: ${manifestPath}`);
      out(
        `snapshot ${manifest.createdAt}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ` +
          `migration ${manifest.migration.last ?? '(none)'}, audit chain ${manifest.audit.rows} rows, head ${manifest.audit.head ?? '(empty)'}`,
      );
      return 0;
    }
    const { values, positionals } = parseArgs({
      args,
      options: { 'database-url': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new BackupError('restore needs exactly one FILE (a .dump)');
    const databaseUrl = values['database-url'] ?? ownerUrl(env);
    const { manifest, problems } = await restoreBackup({
      dumpPath: positionals[0],
      databaseUrl,
      appRole: env.DATABASE_APP_ROLE,
      auditKeys: AuditKeyring.fromConfig(env.AUDIT_HMAC_KEYS, env.NODE_ENV, env.AUDIT_UNKEYED_ROWS),
    });
    const target = databaseNameOf(databaseUrl);
    if (problems.length) {
      console.error(`restored into ${target}, but it does NOT match the backup's manifest:`);
      for (const p of problems) console.error(`  - ${p}`);
      return 1;
    }
    out(
      `restored ${manifest.dump.file} (snapshot ${manifest.createdAt}) into ${target}: ` +
        `${Object.keys(manifest.tables).length} tables and their row counts match, migration ${manifest.migration.last ?? '(none)'}, ` +
        `audit chain verified (${manifest.audit.rows} rows, head ${manifest.audit.head ?? '(empty)'})`,
    );
    return 0;
  } catch (e) {
    // The tools' own messages are already stripped of row contents; connection URLs are
    // never printed (they may hold a password).
    console.error(`${command} failed: ${(e as Error).message}`);
    return 1;
  }
}
