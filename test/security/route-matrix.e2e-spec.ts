import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { Role } from '@witness/domain';
import { startApi, type TestApi } from '../support/api';
import { createUser, type TestUser } from '../support/users';

/**
 * The role × route matrix, generated from the live route table: every route the api
 * registers (Nest controllers, the web app, the Swagger UI, Bull Board) must have a declared
 * access rule, and every role's answer must agree with it:
 * - anonymous: 401 problem+json on the API, the sign-in page (303) in the web app;
 * - a role the rule does not name: 403;
 * - a role it names: anything but 401, 403 or a 5xx (ids are ones that do not exist, bodies
 *   are empty: a 404 or a 400 is the usual answer);
 * - a public route: neither 401 nor 403 for anyone.
 * (HEAD, which runs its GET route, is sent only to those who must be turned away.)
 * A new route without @Roles/@Public (or, outside Nest, without a policy of its own listed
 * here) fails this test.
 */
type Who = 'anonymous' | Role;
const WHO: readonly Who[] = ['anonymous', 'viewer', 'caseworker', 'coordinator', 'admin'];
const ROLES: readonly Role[] = ['viewer', 'caseworker', 'coordinator', 'admin'];
const MISSING = '3f2b8c1e-0000-4000-8000-000000000000';

type Policy = import('../../apps/api/src/auth/policy.decorators').Policy;

/** The api's own modules this test reads, loaded the way the harness loads the app. */
const apiModules = async () => ({
  ...(await import('../../apps/api/src/admin/bull-board')),
  ...(await import('../../apps/api/src/auth/policy.decorators')),
  ...(await import('../../apps/api/src/docs/openapi')),
  ...(await import('../../apps/api/src/http/route-table')),
  ...(await import('../../apps/api/src/http/security-headers')),
  ...(await import('../../apps/api/src/web/web-session')),
});

const normalise = (path: string) => `/${path.split('/').filter(Boolean).join('/')}`;

/** `METHOD /path` → the policy its Nest handler (or controller) declares. */
function declaredPolicies(api: TestApi, policyKey: string): Map<string, Policy | undefined> {
  const discovery = new DiscoveryService(api.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const declared = new Map<string, Policy | undefined>();
  for (const wrapper of discovery.getControllers()) {
    const cls = wrapper.metatype as object;
    const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, object>;
    const bases = [Reflect.getMetadata(PATH_METADATA, cls) ?? ''].flat() as string[];
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const policy = (Reflect.getMetadata(policyKey, handler) ??
        Reflect.getMetadata(policyKey, cls)) as Policy | undefined;
      for (const base of bases) {
        for (const path of [paths].flat()) {
          declared.set(`${method} ${normalise(`${base}/${path}`)}`, policy);
        }
      }
    }
  }
  return declared;
}

describe('security: the role × route matrix', () => {
  let api: TestApi;
  let users: Record<Role, TestUser>;
  let declared: Map<string, Policy | undefined>;
  let m: Awaited<ReturnType<typeof apiModules>>;
  /** Routes mounted outside Nest's guard, each with the policy it enforces itself. */
  let mounted: { prefixes: string[]; policy: Policy }[];

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    m = await apiModules();
    const made = await Promise.all(ROLES.map((r) => createUser(api, r, `Matrix ${r}`)));
    users = Object.fromEntries(made.map((u) => [u.role, u])) as Record<Role, TestUser>;
    declared = declaredPolicies(api, m.POLICY_KEY);
    mounted = [
      {
        prefixes: [m.OPENAPI_PATH, `${m.OPENAPI_PATH}-json`, `${m.OPENAPI_PATH}-yaml`],
        policy: m.OPENAPI_POLICY,
      },
      { prefixes: [m.BULL_BOARD_PATH], policy: m.BULL_BOARD_POLICY },
      { prefixes: [m.WEB_BULL_BOARD_PATH], policy: m.WEB_BULL_BOARD_POLICY },
      { prefixes: [m.WEB_QUEUES_VIEW_PATH], policy: m.WEB_QUEUES_VIEW_POLICY },
    ];
  });
  afterAll(() => api.close());

  /** The access rule of a registered route, or undefined when it has none. */
  const ruleFor = (method: string, url: string): Policy | undefined => {
    // Fastify answers HEAD with the GET route's handler, guard included.
    const key = `${method === 'HEAD' ? 'GET' : method} ${normalise(url)}`;
    if (declared.has(key)) return declared.get(key);
    return mounted.find((x) => m.underPrefix(url, x.prefixes))?.policy;
  };

  const routes = () =>
    m
      .registeredRoutes(api.app.getHttpAdapter().getInstance())
      .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.url === r.url) === i);

  /** A fresh session of this user (for sign-out routes, which end the session they use). */
  const freshToken = async (user: TestUser): Promise<string> => {
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: user.email, password: user.password },
    });
    return res.body.token as string;
  };

  /** One request as `who`: bearer token on the API, session cookie (and CSRF) in the web app. */
  const send = async (who: Who, method: string, url: string) => {
    const user = who === 'anonymous' ? null : users[who];
    const token = user && /\/logout$/.test(url) ? await freshToken(user) : user?.token;
    const web = m.isWebRequest({ url });
    const headers: Record<string, string> = {};
    const cookies: string[] = [];
    if (token && web) cookies.push(`witness_session=${token}`);
    else if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      if (web) {
        // A same-origin form with its session's CSRF token (and the sign-in form's own).
        const csrf = token ? m.csrfFor(token) : 'matrix-sign-in-form-token-0123456789';
        cookies.push(`witness_login_csrf=${csrf}`);
        headers['x-csrf-token'] = csrf;
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = `_csrf=${encodeURIComponent(csrf)}`;
      } else {
        headers['content-type'] = 'application/json';
        payload = '{}';
      }
    }
    if (cookies.length) headers.cookie = cookies.join('; ');
    const res = await api.app.inject({
      method: method as 'GET',
      url: url.replace(/:\w+/g, MISSING).replace(/\*$/, 'matrix.js'),
      headers,
      payload,
    });
    return { status: res.statusCode, headers: res.headers, web };
  };

  /** What is wrong with an answer under a rule, or null. */
  const judge = (rule: Policy, who: Who, res: Awaited<ReturnType<typeof send>>): string | null => {
    const toSignIn =
      res.status === 303 && String(res.headers.location ?? '').startsWith('/app/login?next=');
    if ('public' in rule) {
      return res.status === 401 || res.status === 403 || res.status >= 500
        ? 'public route refused or failed'
        : null;
    }
    if (who === 'anonymous') {
      if (res.web) return toSignIn ? null : 'expected the sign-in page (303)';
      const problem = String(res.headers['content-type']).startsWith('application/problem+json');
      return res.status === 401 && problem ? null : 'expected 401 problem+json';
    }
    if (!rule.roles.includes(who)) return res.status === 403 ? null : 'expected 403';
    return res.status === 401 || res.status === 403 || res.status >= 500 || toSignIn
      ? `${who} is allowed by the rule`
      : null;
  };

  it('finds every Nest route in the live route table', () => {
    const live = new Set(routes().map((r) => `${r.method} ${normalise(r.url)}`));
    expect([...declared.keys()].filter((k) => !live.has(k))).toEqual([]);
    expect(live.size).toBeGreaterThan(150);
  });

  it('has a declared access rule for every registered route', () => {
    const unruled = routes()
      .filter((r) => ruleFor(r.method, r.url) === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(unruled).toEqual([]);
    // A route nobody declared a rule for is caught (what a new, forgotten route looks like).
    expect(ruleFor('GET', '/api/v1/not-declared')).toBeUndefined();
    expect(ruleFor('POST', '/app/not-declared')).toBeUndefined();
    // Every role-based rule names at least one role.
    const empty = routes().filter((r) => {
      const rule = ruleFor(r.method, r.url);
      return rule && 'roles' in rule && rule.roles.length === 0;
    });
    expect(empty).toEqual([]);
  });

  // Some 1,200 requests: seconds on an idle machine, a minute or more on a busy CI runner.
  it('answers every role on every route as its rule says', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { method, url } of routes()) {
      const rule = ruleFor(method, url);
      if (!rule) continue; // reported by the test above
      // HEAD runs the GET route's handler, whose allowed roles are checked on GET: on HEAD,
      // only those who must be turned away are sent.
      const who = WHO.filter(
        (w) =>
          method !== 'HEAD' || w === 'anonymous' || ('roles' in rule && !rule.roles.includes(w)),
      );
      const answers = await Promise.all(who.map((w) => send(w, method, url)));
      answers.forEach((res, i) => {
        checked++;
        const why = judge(rule, who[i], res);
        if (why) wrong.push(`${who[i]} ${method} ${url} -> ${res.status}: ${why}`);
      });
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(150 * 4);
  }, 300_000);

  it('answers an unknown route with 404 problem+json, whoever asks', async () => {
    const wrong: string[] = [];
    for (const [method, url] of [
      ['GET', '/api/v1/no-such-thing'],
      ['POST', '/api/v1/defenders/x/y/z'],
      ['DELETE', '/api/v1/defenders'],
      ['GET', '/nope'],
      ['PUT', '/public/v1/defenders'],
    ]) {
      for (const who of WHO) {
        const res = await send(who, method, url);
        const problem = String(res.headers['content-type']).startsWith('application/problem+json');
        if (res.status !== 404 || !problem) wrong.push(`${who} ${method} ${url} -> ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
