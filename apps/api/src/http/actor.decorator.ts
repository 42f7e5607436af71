import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@witness/domain';
import type { FastifyRequest } from 'fastify';

/**
 * The acting user of a request. Until authentication lands every request acts as the
 * system; the access-control layer replaces this with the signed-in user.
 */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
  return req.actor ?? { userId: null, role: 'system', requestId: String(req.id), ip: req.ip };
});
