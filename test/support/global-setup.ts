import { migrate } from '../../libs/platform/src/database/migrate';
import { admin, urlFor } from './database';

/**
 * Once per `jest` run: migrate a template database named for this run. Every e2e test file
 * then clones it (see `cloneTestDatabase`), so files run in parallel on their own data and
 * two runs on one server do not touch each other's databases. Workers inherit the name
 * through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const template = `witness_tpl_${process.pid}`;
  process.env.WITNESS_TEST_TEMPLATE = template;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${template}"`);
  });
  await migrate(urlFor(template), undefined, { createDatabase: false });
}
