import { migrate } from '../../libs/platform/src/database/migrate';
import { admin, TEMPLATE_DB, urlFor } from './database';

/**
 * Once per `jest` run: migrate a template database. Every e2e test file then clones it
 * (see `cloneTestDatabase`), so files run in parallel on their own data.
 */
export default async function globalSetup(): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    // Left-overs of interrupted runs.
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'witness\\_t\\_%'`,
    );
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  });
  await migrate(urlFor(TEMPLATE_DB), undefined, { createDatabase: false });
}
