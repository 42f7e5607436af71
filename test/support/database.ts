import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Server that the tests use; trust auth on 127.0.0.1 (see docs/development.md, Development). */
export const TEST_PG_BASE =
  process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
/** Per jest run (set by global-setup), so two runs on one server do not clash. */
export const templateDb = (): string =>
  process.env.WITNESS_TEST_TEMPLATE ?? 'witness_test_template';

export function urlFor(db: string): string {
  return `${TEST_PG_BASE}/${db}`;
}

export async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: urlFor('postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database for one test file, cloned from the migrated template (milliseconds,
 * versus seconds to migrate). Dropped by `drop()`.
 */
export async function cloneTestDatabase(): Promise<{
  name: string;
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `witness_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`));
      break;
    } catch (e) {
      // 55006: the template is briefly in use by a concurrent clone; try again.
      if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  return {
    name,
    url: urlFor(name),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
