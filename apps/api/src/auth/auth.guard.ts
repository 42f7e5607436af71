import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService, type AuthenticatedActor } from '@witness/domain';
import { AuditService, ForbiddenError, UnauthenticatedError } from '@witness/platform';
import type { FastifyRequest } from 'fastify';
import { MFA_PENDING_OK_KEY, POLICY_KEY, type Policy } from './policy.decorators';

export type AuthedRequest = FastifyRequest & { actor?: AuthenticatedActor };

/**
 * Global guard: authenticates the bearer token and enforces the route's declared policy.
 * Routes without a policy are refused. Denials are audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, targets);
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (policy && 'public' in policy) return true;

    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('Sign in: send Authorization: Bearer <token>.');
    const actor = await this.auth.authenticate(match[1], { ip: req.ip, requestId: String(req.id) });
    req.actor = actor;

    if (!policy) {
      await this.deny(actor, req, 'route has no access policy');
      throw new ForbiddenError('This route is not open to anyone.');
    }
    if (
      actor.mfaPending &&
      !this.reflector.getAllAndOverride<boolean>(MFA_PENDING_OK_KEY, targets)
    ) {
      throw new ForbiddenError('Set up your second factor first (POST /api/v1/auth/mfa/enrol).');
    }
    if (!policy.roles.includes(actor.role)) {
      await this.deny(actor, req, `role ${actor.role} not in ${policy.roles.join(',')}`);
      throw new ForbiddenError();
    }
    return true;
  }

  private async deny(
    actor: AuthenticatedActor,
    req: FastifyRequest,
    reason: string,
  ): Promise<void> {
    await this.audit.record(null, actor, {
      action: 'access.denied',
      entityType: 'route',
      entityId: `${req.method} ${req.routeOptions.url ?? ''}`.slice(0, 64),
      changes: { reason },
    });
  }
}
