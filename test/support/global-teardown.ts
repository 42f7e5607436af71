import { admin } from './database';

/** Drop this run's template and any clone a crashed test file left behind. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.WITNESS_TEST_TEMPLATE;
  await admin(async (c) => {
    if (template) await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`witness\\_t\\_%`],
    );
    // Clones are named witness_t_<worker pid>_<random>; drop those whose worker is gone.
    for (const r of rows) {
      const pid = Number(r.datname.split('_')[2]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
      if (!alive) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    }
  });
}
