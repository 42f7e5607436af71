import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, ManualClock } from '@witness/platform';
import { DataSource } from 'typeorm';
import { cloneTestDatabase } from './database';

export interface TestApi {
  app: NestFastifyApplication;
  clock: ManualClock;
  db: DataSource;
  dbUrl: string;
  queuePrefix: string;
  request: (opts: RequestOptions) => Promise<TestResponse>;
  close: () => Promise<void>;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  /** Sent as-is (for malformed JSON tests). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

/**
 * Boot the real api (same factory as production) on a fresh clone of the migrated template
 * database, with its own BullMQ prefix and a manual clock. Requests go through Fastify's
 * full stack (parsers, hooks, filters) via `inject`, without opening a port.
 */
export async function startApi(options: { now?: string } = {}): Promise<TestApi> {
  const database = await cloneTestDatabase();
  const queuePrefix = `t${randomBytes(4).toString('hex')}`;
  process.env.DATABASE_URL = database.url;
  process.env.QUEUE_PREFIX = queuePrefix;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_POOL_SIZE = '5';
  const clock = new ManualClock(new Date(options.now ?? '2026-06-15T10:00:00Z'));
  // Imported only now: Nest's ConfigModule reads process.env when the module is loaded.
  const { createApiApp } = await import('../../apps/api/src/app.factory');
  const app = await createApiApp((b) => b.overrideProvider(Clock).useValue(clock));
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);

  const request = async (o: RequestOptions): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    let payload: string | undefined;
    if (o.rawBody !== undefined) {
      payload = o.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (o.body !== undefined) {
      payload = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.inject({ method: o.method, url: o.url, payload, headers });
    let body: unknown = undefined;
    if (res.body && /json/.test(String(res.headers['content-type'] ?? '')))
      body = JSON.parse(res.body);
    return { status: res.statusCode, headers: res.headers, body, text: res.body };
  };

  return {
    app,
    clock,
    db,
    dbUrl: database.url,
    queuePrefix,
    request,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
