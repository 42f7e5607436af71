import 'reflect-metadata';
import { loadEnv, migrate, ownerUrl, startupWarnings } from '@witness/platform';
import pino from 'pino';
import { createApiApp } from './app.factory';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    // One message listing every bad variable, then stop.
    console.error((e as Error).message);
    process.exit(78); // EX_CONFIG
  }
  const log = pino({ level: env.LOG_LEVEL, base: { app: 'api' } });
  for (const warning of startupWarnings(env)) log.warn(warning);
  if (env.MIGRATIONS_RUN) {
    // As the owner role (MIGRATIONS_DATABASE_URL); the api itself then connects as DATABASE_URL.
    const ran = await migrate(
      ownerUrl(env),
      { log: (m) => log.info(m) },
      { appRole: env.DATABASE_APP_ROLE },
    );
    log.info({ count: ran.length }, 'migrations up to date');
  }
  const app = await createApiApp();
  await app.listen({ port: env.PORT, host: env.HOST });
  log.info({ port: env.PORT }, 'api listening');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
