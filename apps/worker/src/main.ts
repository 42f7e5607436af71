import 'reflect-metadata';
import { createLogger, loadEnv } from '@witness/platform';
import { createWorkerApp } from './worker.factory';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(78); // EX_CONFIG
  }
  const log = createLogger(env, 'worker');
  await createWorkerApp();
  log.info({ queuePrefix: env.QUEUE_PREFIX }, 'worker ready: consuming jobs');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
