import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { versionFromIfMatch } from '@witness/platform';
import type { FastifyRequest } from 'fastify';

/**
 * The version the client claims in `If-Match` (428 when missing, 400 when unreadable); with
 * `{ optional: true }`, undefined when the client sent none. The request side of optimistic
 * concurrency; the answer side (the ETag) is `@Versioned()`.
 */
export function ifMatchVersion(
  options: { optional?: boolean } | undefined,
  ctx: ExecutionContext,
): number | undefined {
  const header = ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  if (header === undefined && options?.optional) return undefined;
  return versionFromIfMatch(header);
}

export const IfMatchVersion = createParamDecorator(ifMatchVersion);
