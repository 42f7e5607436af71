import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Actor } from '@witness/platform';

/**
 * Every route declares who may call it; a route with no declaration is refused (deny by
 * default), and a test enumerates the routes to make sure none is left undeclared.
 */
export const POLICY_KEY = 'witness:policy';
export const MFA_PENDING_OK_KEY = 'witness:mfa-pending-ok';

export type Policy = { public: true } | { roles: readonly Actor['role'][] };

/**
 * No sign-in needed (health, login, docs, the public feed). The OpenAPI document says so: an
 * empty security requirement (anonymous).
 */
export const Public = () =>
  applyDecorators(SetMetadata(POLICY_KEY, { public: true } satisfies Policy), ApiSecurity({}));

/** Signed-in users with one of these roles: the OpenAPI document names the bearer scheme. */
export const Roles = (...roles: Actor['role'][]) =>
  applyDecorators(SetMetadata(POLICY_KEY, { roles } satisfies Policy), ApiBearerAuth());

/** Open to a session that still has to enrol its second factor (MFA routes, me, logout). */
export const AllowMfaPending = () => SetMetadata(MFA_PENDING_OK_KEY, true);
