import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '@witness/platform';
import type { Role, UserView } from '@witness/domain';
import type { RequestOptions, TestApi, TestResponse } from './api';

export const TEST_PASSWORD = 'correct horse battery staple in Nairobi';

export interface TestUser extends UserView {
  token: string;
  password: string;
  /** Send a request as this user. */
  request: (o: RequestOptions) => Promise<TestResponse>;
}

/**
 * A user made through the real UsersService and signed in through the real login route.
 * (Tests run with AUTH_REQUIRE_MFA=false unless they test MFA itself.)
 */
export async function createUser(api: TestApi, role: Role, name?: string): Promise<TestUser> {
  // Resolved from the running app: the same module instances the app uses.
  const { UsersService } = await import('@witness/domain');
  const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
  const view = await api.app
    .get(UsersService)
    .create({ email, name: name ?? `Test ${role}`, role, password: TEST_PASSWORD }, SYSTEM_ACTOR);
  const login = await api.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    body: { email, password: TEST_PASSWORD },
  });
  if (login.status !== 200)
    throw new Error(`login failed for ${email}: ${login.status} ${login.text}`);
  const token = login.body.token as string;
  return {
    ...view,
    token,
    password: TEST_PASSWORD,
    request: (o) =>
      api.request({ ...o, headers: { authorization: `Bearer ${token}`, ...(o.headers ?? {}) } }),
  };
}

/** One signed-in user per role. */
export async function createStaff(api: TestApi): Promise<Record<Role, TestUser>> {
  const [admin, coordinator, caseworker, viewer] = await Promise.all([
    createUser(api, 'admin'),
    createUser(api, 'coordinator'),
    createUser(api, 'caseworker'),
    createUser(api, 'viewer'),
  ]);
  return { admin, coordinator, caseworker, viewer };
}

const renewed = new Map<string, string>();

/**
 * A request as `user`. Tests that move the manual clock by days outlive sessions: sign in
 * again, as a person would, and repeat the request once.
 */
export async function asUser(
  api: TestApi,
  user: TestUser,
  o: RequestOptions,
): Promise<TestResponse> {
  const send = () =>
    api.request({
      ...o,
      headers: { authorization: `Bearer ${renewed.get(user.id) ?? user.token}`, ...o.headers },
    });
  let res = await send();
  if (res.status === 401) {
    const login = await api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: user.email, password: user.password },
    });
    renewed.set(user.id, login.body.token as string);
    res = await send();
  }
  return res;
}
