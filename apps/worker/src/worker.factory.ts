import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { QuietStartLogger } from '@witness/platform';
import { WorkerModule } from './worker.module';

/**
 * Build the worker's application context (no HTTP server); used by main.ts and tests.
 * `customise` (tests only) gets a testing-module builder over the same WorkerModule, e.g. to
 * bind a `ManualClock`, exactly as `createApiApp` does for the api.
 */
export async function createWorkerApp(
  customise?: (
    builder: ReturnType<typeof import('@nestjs/testing').Test.createTestingModule>,
  ) => void,
): Promise<INestApplicationContext> {
  let app: INestApplicationContext;
  if (customise) {
    const { Test } = await import('@nestjs/testing');
    const builder = Test.createTestingModule({ imports: [WorkerModule] });
    customise(builder);
    // A compiled testing module is itself an application context; start it like one.
    app = await builder.compile();
    app.useLogger(app.get(QuietStartLogger));
    await app.init();
  } else {
    app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
    app.useLogger(app.get(QuietStartLogger));
  }
  // SIGTERM/SIGINT close the BullMQ workers, which wait for active jobs to finish.
  app.enableShutdownHooks();
  return app;
}
