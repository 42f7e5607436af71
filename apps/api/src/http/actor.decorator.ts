import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedActor } from '@witness/domain';
import { UnauthenticatedError } from '@witness/platform';
import type { FastifyRequest } from 'fastify';

/** The signed-in user of the request (set by the AuthGuard). */
export const CurrentActor = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthenticatedActor => {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: AuthenticatedActor }>();
    if (!req.actor) throw new UnauthenticatedError();
    return req.actor;
  },
);
