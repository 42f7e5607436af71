import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, ManualClock } from '@witness/platform';
import { DataSource } from 'typeorm';
import { cloneTestDatabase } from './database';
import { OpenApiValidator } from './openapi-validator';

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
  /** Send no Authorization header even when the api was started `as` a user. */
  anonymous?: boolean;
  /** Sent as-is (for malformed JSON tests). */
  rawBody?: string;
  headers?: Record<string, string>;
  /**
   * Check a JSON answer against the OpenAPI document (on by default): a body that does not
   * match the documented schema for its status fails the request. Off only for a test that
   * sends what no client should (e.g. it checks a framework error).
   */
  validate?: boolean;
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
export async function startApi(
  options: {
    now?: string;
    env?: Record<string, string>;
    /** Sign in a user of this role; `request` then sends its token unless told otherwise. */
    as?: 'admin' | 'coordinator' | 'caseworker' | 'viewer';
    /**
     * Use this database (e.g. reached as a least-privilege role) instead of a fresh clone of
     * the template; `drop` is called by `close`.
     */
    database?: { url: string; drop: () => Promise<void> };
  } = {},
): Promise<TestApi> {
  const database = options.database ?? (await cloneTestDatabase());
  const queuePrefix = `t${randomBytes(4).toString('hex')}`;
  process.env.DATABASE_URL = database.url;
  process.env.QUEUE_PREFIX = queuePrefix;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_POOL_SIZE = '5';
  // MFA has its own tests; elsewhere admins and coordinators sign in with a password.
  process.env.AUTH_REQUIRE_MFA = 'false';
  process.env.RATE_LIMIT_PER_MINUTE = '100000';
  process.env.AUTH_IDLE_TIMEOUT_MINUTES = '30';
  process.env.AUTH_SESSION_MAX_HOURS = '12';
  // Documents go to a directory of this api's own (a test may name another).
  const storageDir = mkdtempSync(join(tmpdir(), 'witness-documents-'));
  process.env.STORAGE_DIR = storageDir;
  Object.assign(process.env, options.env ?? {});
  const clock = new ManualClock(new Date(options.now ?? '2026-06-15T10:00:00Z'));
  // Imported only now: Nest's ConfigModule reads process.env when the module is loaded.
  const { createApiApp } = await import('../../apps/api/src/app.factory');
  const app = await createApiApp((b) => b.overrideProvider(Clock).useValue(clock));
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  // Every JSON answer is checked against the document the app serves (see `validate`).
  const { buildOpenApi } = await import('../../apps/api/src/docs/openapi');
  const contract = new OpenApiValidator(buildOpenApi(app));

  let defaultToken: string | undefined;
  let signIn: (() => Promise<string>) | undefined;
  const request = async (o: RequestOptions): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (defaultToken && !o.anonymous && headers.authorization === undefined) {
      headers.authorization = `Bearer ${defaultToken}`;
    }
    let payload: string | undefined;
    if (o.rawBody !== undefined) {
      payload = o.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (o.body !== undefined) {
      payload = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    let res = await app.inject({ method: o.method, url: o.url, payload, headers });
    // A file signed in `as` a user that moves the manual clock by days outlives its session:
    // sign in again (as a person would) and repeat the request.
    if (res.statusCode === 401 && signIn && headers.authorization === `Bearer ${defaultToken}`) {
      defaultToken = await signIn();
      headers.authorization = `Bearer ${defaultToken}`;
      res = await app.inject({ method: o.method, url: o.url, payload, headers });
    }
    let body: unknown = undefined;
    if (res.body && /json/.test(String(res.headers['content-type'] ?? '')))
      body = JSON.parse(res.body);
    if (o.validate !== false) {
      const problem = contract.check(
        o.method,
        o.url,
        res.statusCode,
        String(res.headers['content-type'] ?? ''),
        body,
      );
      if (problem)
        throw new Error(
          `Response off the OpenAPI contract: ${problem}\n${res.body.slice(0, 2000)}`,
        );
    }
    return { status: res.statusCode, headers: res.headers, body, text: res.body };
  };

  if (options.as) {
    const { UsersService } = await import('@witness/domain');
    const { SYSTEM_ACTOR } = await import('@witness/platform');
    const email = `${options.as}-default@example.org`;
    const password = 'correct horse battery staple in Nairobi';
    await app
      .get(UsersService)
      .create({ email, name: `Default ${options.as}`, role: options.as, password }, SYSTEM_ACTOR);
    signIn = async () => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      return JSON.parse(login.body).token as string;
    };
    defaultToken = await signIn();
  }

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
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
