import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Env } from '../config/env';
import { LOG_CENSORSHIP, loggableUrl } from './redaction';

/** A client-supplied request id is kept only if it is short and harmless. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Structured JSON logs (pino) for both apps. In the api every line of a request carries
 * its `reqId` (the same id is returned in `X-Request-Id`).
 */
@Module({})
export class LoggingModule {
  static forRoot(options: { app: 'api' | 'worker' | 'cli' }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Env, true>) => ({
            pinoHttp: {
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
              autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
              serializers: {
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  // Query strings can hold search terms about people: log the path only.
                  url: loggableUrl(req.url),
                }),
              },
            },
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
