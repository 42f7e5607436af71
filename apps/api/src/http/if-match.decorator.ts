import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { versionFromIfMatch } from '@witness/platform';
import type { FastifyRequest } from 'fastify';

/** The version the client claims in `If-Match` (428 when missing, 400 when unreadable). */
export const IfMatchVersion = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  return versionFromIfMatch(req.headers['if-match']);
});
