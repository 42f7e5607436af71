import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import type { Env } from '../config/env';
import { logDestination, QuietStartLogger } from './log-format';
import { LOG_CENSORSHIP, loggableUrl } from './redaction';

/** A client-supplied request id is kept only if it is short and harmless. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Structured logs (pino: JSON, or one readable line each with LOG_FORMAT=pretty) for both
 * apps. In the api every line of a request carries its `reqId` (the same id is returned in
 * `X-Request-Id`). Nest's own start-up steps are at debug (QuietStartLogger).
 */
@Module({})
export class LoggingModule {
  static forRoot(options: { app: 'api' | 'worker' | 'cli' }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Env, true>) => {
            const http: HttpLoggerOptions = {
              level: config.get('LOG_LEVEL', { infer: true }),
              base: { app: options.app },
              ...LOG_CENSORSHIP,
              // Fastify already assigned the id (from X-Request-Id or a new uuid).
              genReqId: (req: IncomingMessage) => {
                const id = (req as { id?: unknown }).id;
                return typeof id === 'string' ? id : requestIdFrom(req.headers['x-request-id']);
              },
              customLogLevel: (_req, res, err) =>
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
              // Probes are not worth a line each. (The middleware sees req.url with the path it
              // was mounted at stripped: the request's own path is originalUrl.)
              autoLogging: {
                ignore: (req) =>
                  ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith(
                    '/health/',
                  ),
              },
              serializers: {
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  // Query strings can hold search terms about people: log the path only.
                  url: loggableUrl(req.url),
                }),
              },
            };
            const destination = logDestination({
              LOG_FORMAT: config.get('LOG_FORMAT', { infer: true }),
            });
            return { pinoHttp: destination ? [http, destination] : http };
          },
        }),
      ],
      providers: [QuietStartLogger],
      exports: [LoggerModule, QuietStartLogger],
    };
  }
}
