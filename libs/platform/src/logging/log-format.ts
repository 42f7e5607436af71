import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import type { Env } from '../config/env';

/**
 * Where log lines go: JSON on stdout (LOG_FORMAT=json, the default outside development), or
 * one readable line per entry (LOG_FORMAT=pretty, the default in development), written
 * synchronously so nothing is lost when the process exits.
 */
export function logDestination(env: Pick<Env, 'LOG_FORMAT'>): DestinationStream | undefined {
  if (env.LOG_FORMAT !== 'pretty') return undefined;
  return pretty({
    singleLine: true,
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
    messageFormat: '[{app}] {msg}',
    hideObject: false,
  });
}

/** A plain pino logger for code outside Nest (main.ts before the app exists, the CLI). */
export function createLogger(
  env: Pick<Env, 'LOG_FORMAT' | 'LOG_LEVEL'>,
  app: string,
  options: LoggerOptions = {},
): PinoLogger {
  const opts: LoggerOptions = { level: env.LOG_LEVEL, base: { app }, ...options };
  const destination = logDestination(env);
  return destination ? pino(opts, destination) : pino(opts);
}

/**
 * Nest's own start-up steps: a line per module initialised, per controller and per route
 * mapped (hundreds). Useful when debugging the wiring, noise otherwise.
 */
export const NEST_START_UP_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** nestjs-pino's Logger with Nest's start-up steps at debug instead of info. */
@Injectable()
export class QuietStartLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && NEST_START_UP_CONTEXTS.has(context)) {
      this.debug(message, ...optionalParams);
      return;
    }
    super.log(message, ...optionalParams);
  }
}
