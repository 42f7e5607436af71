import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import { dataSourceOptions } from './data-source-options';
import { grantAppRole } from './roles';

/** Arbitrary but fixed key: every replica takes the same advisory lock. */
const MIGRATION_LOCK_KEY = 727_274_001;

interface MigrateLogger {
  log(message: string): void;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Create the database named in `url` if it does not exist (safe if two replicas race). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      return true;
    } catch (err) {
      // 42P04 duplicate_database (another replica won the race); 23505 likewise.
      const code = (err as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}

/**
 * The owner role's connection, which runs migrations and backups: MIGRATIONS_DATABASE_URL,
 * or DATABASE_URL when there is one role (local development).
 */
export function ownerUrl(env: Pick<Env, 'DATABASE_URL' | 'MIGRATIONS_DATABASE_URL'>): string {
  return env.MIGRATIONS_DATABASE_URL ?? env.DATABASE_URL;
}

/**
 * Run pending migrations under a PostgreSQL advisory lock, so replicas starting together
 * run them once: the first holds the lock and migrates; the others wait, then find
 * nothing pending. Then, given `appRole`, (re)grant that application role what it needs
 * (roles.ts). Returns the names of the migrations this call ran.
 */
export async function migrate(
  url: string,
  logger: MigrateLogger = { log: () => undefined },
  options: { createDatabase?: boolean; appRole?: string } = {},
): Promise<string[]> {
  if (options.createDatabase !== false && (await ensureDatabase(url))) {
    logger.log(`created database ${databaseName(url)}`);
  }
  const lock = new Client({ connectionString: url, application_name: 'witness-migrate-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ds = new DataSource(
      dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }, { logging: ['error'] }),
    );
    await ds.initialize();
    let ran: string[];
    try {
      ran = (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
      for (const m of ran) logger.log(`migration ran: ${m}`);
    } finally {
      await ds.destroy();
    }
    if (options.appRole) {
      const outcome = await grantAppRole(
        (text, params) => lock.query(text, params).then((r) => r.rows),
        options.appRole,
      );
      if (outcome === 'granted') logger.log(`privileges granted to ${options.appRole}`);
      else if (outcome === 'no-such-role')
        logger.log(`role ${options.appRole} does not exist: no privileges granted`);
    }
    return ran;
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
