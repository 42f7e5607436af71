import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import { Metrics, QuietStartLogger, requestIdFrom, validateEnv } from '@witness/platform';
import { BULL_BOARD_PATH, mountBullBoard } from './admin/bull-board';
import { AppModule } from './app.module';
import { registerCsvBodyParser } from './defenders/imports.controller';
import { registerMultipart } from './documents/multipart';
import { mountOpenApi, OPENAPI_PATH } from './docs/openapi';
import { registerHttpMetrics } from './metrics/http-metrics';
import {
  clientErrorHandler,
  connectionsCheckingInterval,
  registerRequestLimits,
} from './http/limits';
import { sendFrameworkError } from './http/problem.filter';
import { recordRoutes } from './http/route-table';
import { registerSecurityHeaders } from './http/security-headers';
import { trustedProxies } from './http/trust-proxy';
import { strictValidationPipe } from './http/validation';
import { registerPublicHttp } from './public/public-http';

/** How much longer than HTTP_REQUEST_TIMEOUT_MS an idle socket is kept (see connectionTimeout). */
const IDLE_SOCKET_GRACE_MS = 2_000;

/**
 * Build the api application (without listening). `main.ts` and the e2e tests both use it,
 * so tests exercise exactly what production runs.
 */
export async function createApiApp(
  customise?: (
    builder: ReturnType<typeof import('@nestjs/testing').Test.createTestingModule>,
  ) => void,
): Promise<NestFastifyApplication> {
  const env = validateEnv(process.env as Record<string, unknown>);
  const adapter = new FastifyAdapter({
    bodyLimit: env.HTTP_BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      requestIdFrom(req.headers['x-request-id']),
    // Guard against slow clients holding sockets open.
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    // A socket idle this long is closed. A little longer than the request timeout, so that a
    // request still being worked on gets its 503 (registerRequestLimits) before its quiet
    // socket is cut without an answer.
    connectionTimeout: env.HTTP_REQUEST_TIMEOUT_MS + IDLE_SOCKET_GRACE_MS,
    // Node enforces requestTimeout on an interval (30 s by default): check often enough.
    http: { connectionsCheckingInterval: connectionsCheckingInterval(env.HTTP_REQUEST_TIMEOUT_MS) },
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A URL that does not decode, or a path parameter past maxParamLength: problem+json too.
    frameworkErrors: sendFrameworkError,
    // X-Forwarded-* only from the proxies the operator names (TRUST_PROXY); none by default,
    // so the socket's address is the client for rate limits, the audit trail and the logs.
    trustProxy: trustedProxies(env.TRUST_PROXY),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  let app: NestFastifyApplication;
  if (customise) {
    const { Test } = await import('@nestjs/testing');
    const builder = Test.createTestingModule({ imports: [AppModule] });
    customise(builder);
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(adapter, { bufferLogs: true });
  } else {
    app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
      bufferLogs: true,
    });
  }
  app.useLogger(app.get(QuietStartLogger));
  app.enableShutdownHooks();
  app.useGlobalPipes(strictValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  // The route list as registered (test/security/route-matrix checks each one's access rule).
  recordRoutes(fastify);
  // The web app's session cookie (HttpOnly, SameSite=Strict; see web/web-session.ts).
  await app.register(fastifyCookie);
  registerCsvBodyParser(fastify, env.IMPORT_MAX_BYTES);
  // Document uploads (multipart/form-data, UPLOAD_MAX_BYTES per file) on their routes only.
  await registerMultipart(app, env.UPLOAD_MAX_BYTES);
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('X-Request-Id', req.id);
  });
  // Shutdown (SIGTERM): requests in flight finish; then their keep-alive connections close as
  // soon as they go idle, instead of holding the process for the keep-alive timeout (72 s).
  fastify.addHook('preClose', (done) => {
    const timer = setInterval(() => fastify.server.closeIdleConnections(), 200).unref();
    fastify.server.once('close', () => clearInterval(timer));
    done();
  });
  registerHttpMetrics(fastify, app.get(Metrics), env.METRICS_PORT !== undefined);
  // A too-long URL, a flood of query parameters, a body trickled in: refused (limits.ts).
  registerRequestLimits(fastify, { requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS });
  // Before the API's CORS: the public feed has its own origins and never credentials.
  registerPublicHttp(fastify, env.PUBLIC_CORS_ORIGINS);
  // JSON and every other non-page answer: default-src 'none'. The Swagger UI and Bull Board
  // get what their bundles need; the web app's pages send their own strict policy.
  registerSecurityHeaders(fastify, { toolUiPrefixes: [OPENAPI_PATH, BULL_BOARD_PATH] });
  if (env.CORS_ORIGINS) {
    app.enableCors({
      origin: env.CORS_ORIGINS.split(','),
      credentials: true,
      exposedHeaders: ['ETag', 'X-Request-Id', 'Location'],
    });
  }
  mountOpenApi(app);
  await mountBullBoard(app);
  await app.init();
  return app;
}
