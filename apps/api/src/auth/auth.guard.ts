import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService, type AuthenticatedActor } from '@witness/domain';
import { AuditService, ForbiddenError, UnauthenticatedError } from '@witness/platform';
import type { FastifyRequest } from 'fastify';
import {
  crossOrigin,
  csrfFor,
  isSafeMethod,
  isWebRequest,
  presentedWebCsrf,
  sameToken,
  SESSION_COOKIE,
} from '../web/web-session';
import { MFA_PENDING_OK_KEY, POLICY_KEY, type Policy } from './policy.decorators';

export type AuthedRequest = FastifyRequest & { actor?: AuthenticatedActor };

/**
 * Global guard: authenticates the bearer token (API) or the session cookie (web app, with a
 * CSRF check on every state-changing request) and enforces the route's declared policy.
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

    const web = isWebRequest(req);
    const token = web ? this.cookieToken(req) : this.bearerToken(req);
    const actor = await this.auth.authenticate(token, { ip: req.ip, requestId: String(req.id) });
    req.actor = actor;
    // The web app authenticates by cookie, which a browser sends on any request: every
    // state-changing one must also prove it came from our own page. (An upload form's token is
    // inside its multipart body: read only now that the session is known, and only for a
    // same-origin request.)
    if (web && !isSafeMethod(req.method)) {
      if (crossOrigin(req) || !sameToken(await presentedWebCsrf(req), csrfFor(token))) {
        await this.deny(actor, req, 'csrf token missing or wrong');
        throw new ForbiddenError(
          'This form has expired or came from another site. Reload the page and try again.',
        );
      }
    }

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

  private bearerToken(req: FastifyRequest): string {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('Sign in: send Authorization: Bearer <token>.');
    return match[1];
  }

  /** Web-app routes take the session from the cookie only, never from a bearer header. */
  private cookieToken(req: FastifyRequest): string {
    const token = (req.cookies ?? {})[SESSION_COOKIE];
    if (!token) throw new UnauthenticatedError('Sign in to continue.');
    return token;
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
