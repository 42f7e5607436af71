import { SetMetadata } from '@nestjs/common';
import type { Actor } from '@witness/platform';

/**
 * Every route declares who may call it; a route with no declaration is refused (deny by
 * default), and a test enumerates the routes to make sure none is left undeclared.
 */
export const POLICY_KEY = 'witness:policy';
export const MFA_PENDING_OK_KEY = 'witness:mfa-pending-ok';

export type Policy = { public: true } | { roles: readonly Actor['role'][] };

/** No sign-in needed (health, login, docs, later the public feed). */
export const Public = () => SetMetadata(POLICY_KEY, { public: true } satisfies Policy);

/** Signed-in users with one of these roles. */
export const Roles = (...roles: Actor['role'][]) =>
  SetMetadata(POLICY_KEY, { roles } satisfies Policy);

/** Open to a session that still has to enrol its second factor (MFA routes, me, logout). */
export const AllowMfaPending = () => SetMetadata(MFA_PENDING_OK_KEY, true);
