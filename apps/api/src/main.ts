import 'reflect-metadata';
import { createLogger, loadEnv, migrate, ownerUrl, startupWarnings } from '@witness/platform';
import { OPENAPI_PATH } from './docs/openapi';
import { WEB_PREFIX } from './web/web-session';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    // One message listing every bad variable, then stop.
    console.error((e as Error).message);
    process.exit(78); // EX_CONFIG
  }
  const log = createLogger(env, 'api');
  for (const warning of startupWarnings(env)) log.warn(warning);
  if (env.MIGRATIONS_RUN) {
    // As the owner role (MIGRATIONS_DATABASE_URL); the api itself then connects as DATABASE_URL.
    const ran = await migrate(
      ownerUrl(env),
      { log: (m) => log.debug(m) },
      { appRole: env.DATABASE_APP_ROLE },
    );
    if (ran.length > 0) log.info({ count: ran.length }, `applied ${ran.length} migration(s)`);
  }
  // Loaded only now: loading the app module validates the environment into process.env
  // (defaults included), which would hide from startupWarnings what the operator left unset.
  const { createApiApp } = await import('./app.factory');
  const app = await createApiApp();
  await app.listen({ port: env.PORT, host: env.HOST });
  // The one line that says it worked, and where to go next.
  const base = env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  log.info(
    { url: `${base}${WEB_PREFIX}`, docs: `${base}${OPENAPI_PATH}`, port: env.PORT },
    `Witness is ready at ${base}${WEB_PREFIX} (API reference ${base}${OPENAPI_PATH}; ` +
      'first account: npm run cli -- users:create, see README)',
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
