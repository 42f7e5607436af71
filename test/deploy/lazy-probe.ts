/**
 * Run in a child process by lazy-modules.e2e-spec.ts (Node's own module cache, which jest
 * replaces with its own): boots the api as production does, then reports which optional
 * libraries got loaded; then builds an S3 store and a clamd scanner to show they load then.
 */
import 'reflect-metadata';

const OPTIONAL = {
  s3: /\/node_modules\/@aws-sdk\//,
  chromium: /\/node_modules\/playwright-core\//,
  clamd: /\/libs\/platform\/src\/scan\/clamd-client\.ts$/,
};

function loaded(): Record<keyof typeof OPTIONAL, boolean> {
  const files = Object.keys(require.cache);
  return {
    s3: files.some((f) => OPTIONAL.s3.test(f)),
    chromium: files.some((f) => OPTIONAL.chromium.test(f)),
    clamd: files.some((f) => OPTIONAL.clamd.test(f)),
  };
}

async function main(): Promise<void> {
  const { createApiApp } = await import('../../apps/api/src/app.factory');
  const app = await createApiApp();
  await app.init();
  const afterBoot = loaded();
  await app.close();
  const { blobStoreFromEnv } = await import('@witness/platform/storage/storage.module');
  const { ClamdVirusScanner } = await import('@witness/platform/scan/virus-scanner');
  const { loadEnv } = await import('@witness/platform');
  const env = loadEnv({ ...process.env, STORAGE_DRIVER: 's3', S3_BUCKET: 'witness-probe' });
  const store = blobStoreFromEnv(env);
  new ClamdVirusScanner({ host: '127.0.0.1', port: 1 }, 1000);
  const whenConfigured = { driver: store.driver, ...loaded() };
  process.stdout.write(`${JSON.stringify({ afterBoot, whenConfigured })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
