/**
 * `npm run openapi`: write the OpenAPI document of the api to `openapi.json` at the repository
 * root, so API clients can be generated from it.
 *
 * The document is built from the controllers by the real api app (`createApiApp`), which is
 * initialised but never listens. Initialising it connects to PostgreSQL and Redis, so both must
 * be reachable (see README); nothing is written to them.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const OUTPUT = resolve(__dirname, '..', 'openapi.json');

async function main(): Promise<void> {
  // Keep the output to the result unless asked otherwise. Set before the app is imported:
  // its config module reads process.env when it is loaded.
  process.env.LOG_LEVEL ??= 'warn';
  const { createApiApp } = await import('../apps/api/src/app.factory');
  const { buildOpenApi } = await import('../apps/api/src/docs/openapi');

  let app;
  try {
    app = await createApiApp();
  } catch (err) {
    console.error(
      'openapi: could not start the api (PostgreSQL and Redis must be reachable; see DATABASE_URL and REDIS_URL)',
    );
    throw err;
  }
  try {
    const document = buildOpenApi(app);
    writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);
    console.log(
      `openapi: wrote ${OUTPUT} (${Object.keys(document.paths).length} paths, ` +
        `${Object.keys(document.components?.schemas ?? {}).length} schemas)`,
    );
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
