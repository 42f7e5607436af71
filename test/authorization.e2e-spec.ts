import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { Role } from '@witness/domain';
import { AuditService, DEVELOPMENT_KEYRING, FieldCipher, parseKeyring } from '@witness/platform';
import { runCli } from './support/cli';
import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { createUser, type TestUser } from './support/users';

const D = '/api/v1/defenders';
const TODAY = '2026-06-15';
const MISSING = '3f2b8c1e-0000-4000-8000-000000000000';

/** What the tests write into sensitive fields, and look for (case-insensitively) at rest. */
const PHONE = '+20 100 555 0199';
const RELATIVE = 'Layla Secret-Relative';
const NOTES = 'Meets her lawyer at the Tora gate on Thursdays';
const SOURCE = 'Guard Karim Informant-Wadi';
const CONTACTS = [
  { name: RELATIVE, relation: 'family', phone: PHONE, email: 'layla@example.net', notes: 'sister' },
];
const PLAINTEXT_MARKERS = [
  'Layla',
  'Secret-Relative',
  '555 0199',
  '5550199',
  'Tora gate',
  'Karim',
  'Informant-Wadi',
];

type Who = 'viewer' | 'caseworkerA' | 'caseworkerB' | 'coordinator' | 'admin';
const EVERYONE: readonly Who[] = ['viewer', 'caseworkerA', 'caseworkerB', 'coordinator', 'admin'];
const STAFF: readonly Role[] = ['viewer', 'caseworker', 'coordinator', 'admin'];
const EDITORS: readonly Role[] = ['caseworker', 'coordinator', 'admin'];
const DECIDERS: readonly Role[] = ['coordinator', 'admin'];

interface Fixture {
  id: string;
  version: number;
  eventId: string;
  eventVersion: number;
}

interface Endpoint {
  label: string;
  /** Roles the route admits (anyone else: 403 whatever the id). */
  roles: readonly Role[];
  /** Status for an allowed role on a case it may see. */
  ok: number;
  /** Changes state: success cases get a fresh fixture. */
  mutates: boolean;
  send: (u: TestUser, f: Fixture) => Promise<TestResponse>;
}

/** Parse Fastify's `printRoutes({ commonPrefix: false })` tree into method + full path. */
function parseRouteTree(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const path = (depth > 0 ? stack[depth - 1] : '') + m[2];
    stack.length = depth;
    stack[depth] = path;
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      out.push({ method, path });
    }
  }
  return out;
}

describe('authorization: deny by default, need-to-know, sensitive data, consent, audit', () => {
  let api: TestApi;
  let users: Record<Who, TestUser>;
  let caseworkerC: TestUser;
  /** Shared fixtures for calls that change nothing. */
  let shared: Record<'standard' | 'restricted', Fixture>;
  let policyKey: string;

  beforeAll(async () => {
    api = await startApi({ now: `${TODAY}T10:00:00Z` });
    const [viewer, caseworkerA, caseworkerB, coordinator, admin, c] = await Promise.all([
      createUser(api, 'viewer'),
      createUser(api, 'caseworker', 'Caseworker A'),
      createUser(api, 'caseworker', 'Caseworker B'),
      createUser(api, 'coordinator'),
      createUser(api, 'admin'),
      createUser(api, 'caseworker', 'Caseworker C'),
    ]);
    users = { viewer, caseworkerA, caseworkerB, coordinator, admin };
    caseworkerC = c;
    shared = {
      standard: await makeFixture('standard', 'Standard Shared-Case'),
      restricted: await makeFixture('restricted', 'Restricted Shared-Case'),
    };
    // The policy key is the api's own constant (loaded the way the harness loads the app).
    policyKey = (await import('../apps/api/src/auth/policy.decorators')).POLICY_KEY;
  });
  afterAll(() => api.close());

  /** A case made by the coordinator, with one event and one consent; caseworker A assigned. */
  async function makeFixture(
    access: 'standard' | 'restricted',
    fullName = `Matrix ${access} case`,
  ): Promise<Fixture> {
    const co = users.coordinator;
    const d = await co.request({
      method: 'POST',
      url: D,
      body: { fullName, country: 'EG', access, contacts: CONTACTS, confidentialNotes: NOTES },
    });
    expect(d.status).toBe(201);
    const e = await co.request({
      method: 'POST',
      url: `${D}/${d.body.id}/events`,
      body: { type: 'arrest', occurredOn: '2026-01-10', sourceIdentity: SOURCE },
    });
    expect(e.status).toBe(201);
    const a = await co.request({
      method: 'POST',
      url: `${D}/${d.body.id}/assignees`,
      body: { userId: users.caseworkerA.id },
    });
    expect(a.status).toBe(201);
    const c = await co.request({
      method: 'POST',
      url: `${D}/${d.body.id}/consents`,
      body: consent({ purpose: 'photo' }),
    });
    expect(c.status).toBe(201);
    return {
      id: d.body.id,
      version: d.body.version,
      eventId: e.body.id,
      eventVersion: e.body.version,
    };
  }

  const consent = (over: Record<string, unknown> = {}) => ({
    purpose: 'public_profile',
    decision: 'given',
    givenBy: 'defender',
    method: 'written',
    decidedOn: TODAY,
    ...over,
  });

  const ids = (res: TestResponse): string[] => res.body.data.map((d: { id: string }) => d.id);

  const audit = async (where: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
    api.db.query(
      `SELECT action, actor_id, actor_role, entity_type, entity_id, subject_id, changes,
              request_id, ip FROM audit_events WHERE ${where} ORDER BY id`,
      params,
    );

  describe('deny by default: every route has a declared policy', () => {
    const PUBLIC = [
      'GET /health/live',
      'GET /health/ready',
      'POST /api/v1/auth/login',
      // The public feed (featured profiles only, allow-listed fields; test/public-feed).
      'GET /public/v1/defenders',
      'GET /public/v1/defenders.atom',
      'GET /public/v1/defenders/:slug',
      // Its photo from the documents, under the same rules (test/public-photo).
      'GET /public/v1/defenders/:slug/photo',
      // Calendar feeds: the URL's secret is the credential (test/calendar-feeds).
      'GET /api/v1/calendar-feeds/:secret.ics',
      // The web app's sign-in page and its static assets (test/web/web-auth).
      'GET /app/login',
      'POST /app/login',
      'GET /app/assets/:file',
      // The language of the sign-in page, chosen before signing in (test/web/languages).
      'GET /app/language',
      // The front door: redirects to the web app and the API reference (test/front-door).
      'GET /',
      'GET /api',
      'GET /api/v1',
    ];
    /** The front door's redirects: public, and not API operations. */
    const FRONT_DOOR = ['/', '/api', '/api/v1'];

    it('every controller handler declares a policy, and only health and login are public', () => {
      const discovery = new DiscoveryService(api.app.get(ModulesContainer));
      const scanner = new MetadataScanner();
      const handlers: { route: string; policy: unknown }[] = [];
      for (const wrapper of discovery.getControllers()) {
        const cls = wrapper.metatype as object;
        const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, object>;
        const base = String(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
        for (const name of scanner.getAllMethodNames(proto)) {
          const handler = proto[name];
          const paths = Reflect.getMetadata(PATH_METADATA, handler) as
            string | string[] | undefined;
          if (paths === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          for (const path of Array.isArray(paths) ? paths : [paths]) {
            handlers.push({
              route: `${method} /${[base, path].filter((s) => s && s !== '/').join('/')}`,
              policy:
                Reflect.getMetadata(policyKey, handler) ?? Reflect.getMetadata(policyKey, cls),
            });
          }
        }
      }
      expect(handlers.length).toBeGreaterThan(20);
      expect(handlers.filter((h) => h.policy === undefined).map((h) => h.route)).toEqual([]);
      const publicRoutes = handlers
        .filter((h) => (h.policy as { public?: boolean }).public === true)
        .map((h) => h.route)
        .sort();
      expect(publicRoutes).toEqual([...PUBLIC].sort());
      for (const h of handlers) {
        const p = h.policy as { public?: true; roles?: string[] };
        if (!p.public)
          expect({ route: h.route, roles: p.roles?.length }).toEqual({
            route: h.route,
            roles: expect.any(Number),
          });
      }
    });

    it('every registered route (and every documented operation) answers 401 without a token, except the public ones', async () => {
      const fastify = api.app.getHttpAdapter().getInstance();
      const routes = parseRouteTree(fastify.printRoutes({ commonPrefix: false })).filter(
        (r) => !r.path.startsWith('/docs'),
      );
      expect(routes.length).toBeGreaterThan(20);

      const doc = (await api.request({ method: 'GET', url: '/docs-json' })).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      // Every API route is documented, and every documented operation is a route (Bull
      // Board's own pages and API under /admin/queues are an admin UI, not Witness's API;
      // they are still checked for 401 below).
      // The web app's pages (/app) are not API operations either; they are checked below,
      // where a request without a session must go to the sign-in page.
      const registered = routes
        .filter(
          (r) =>
            r.method !== 'HEAD' &&
            !r.path.startsWith('/admin/queues') &&
            !r.path.startsWith('/app') &&
            !FRONT_DOOR.includes(r.path),
        )
        .map((r) => `${r.method} ${r.path}`);
      expect([...new Set(registered)].sort()).toEqual([...new Set(documented)].sort());

      const wrong: string[] = [];
      // Wildcard routes (Bull Board's static files) are probed with a concrete path below.
      expect((await api.request({ method: 'GET', url: '/admin/queues/static/x.js' })).status).toBe(
        401,
      );
      for (const { method, path } of routes.filter((r) => !r.path.includes('*'))) {
        const url = path.replace(/:\w+/g, MISSING);
        const res = await api.request({ method: method as RequestOptions['method'], url });
        const isPublic = PUBLIC.includes(`${method === 'HEAD' ? 'GET' : method} ${path}`);
        if (path === '/app' || path.startsWith('/app/')) {
          const toSignIn =
            res.status === 303 && String(res.headers.location).startsWith('/app/login?next=');
          if (isPublic ? toSignIn || res.status === 401 : !toSignIn) {
            wrong.push(`${method} ${path} -> ${res.status} ${res.headers.location ?? ''}`);
          }
          continue;
        }
        if (isPublic ? res.status === 401 : res.status !== 401) {
          wrong.push(`${method} ${path} -> ${res.status}`);
        }
      }
      expect(wrong).toEqual([]);
      // The docs themselves are public.
      expect((await api.request({ method: 'GET', url: '/docs-json' })).status).toBe(200);
    });
  });

  describe('BOLA: every id-bearing endpoint, every role', () => {
    const endpoints: Endpoint[] = [
      {
        label: 'GET /defenders/:id',
        roles: STAFF,
        ok: 200,
        mutates: false,
        send: (u, f) => u.request({ method: 'GET', url: `${D}/${f.id}` }),
      },
      {
        label: 'PATCH /defenders/:id',
        roles: EDITORS,
        ok: 200,
        mutates: true,
        send: (u, f) =>
          u.request({
            method: 'PATCH',
            url: `${D}/${f.id}`,
            headers: { 'if-match': `"${f.version}"` },
            body: { summary: `edited by ${u.role}` },
          }),
      },
      {
        label: 'DELETE /defenders/:id',
        roles: EDITORS,
        ok: 204,
        mutates: true,
        send: (u, f) => u.request({ method: 'DELETE', url: `${D}/${f.id}` }),
      },
      {
        label: 'GET /defenders/:id/events',
        roles: STAFF,
        ok: 200,
        mutates: false,
        send: (u, f) => u.request({ method: 'GET', url: `${D}/${f.id}/events` }),
      },
      {
        label: 'POST /defenders/:id/events',
        roles: EDITORS,
        ok: 201,
        mutates: true,
        send: (u, f) =>
          u.request({
            method: 'POST',
            url: `${D}/${f.id}/events`,
            body: { type: 'hearing', occurredOn: '2026-02-01' },
          }),
      },
      {
        label: 'GET /defenders/:id/events/:eventId',
        roles: STAFF,
        ok: 200,
        mutates: false,
        send: (u, f) => u.request({ method: 'GET', url: `${D}/${f.id}/events/${f.eventId}` }),
      },
      {
        label: 'PATCH /defenders/:id/events/:eventId',
        roles: EDITORS,
        ok: 200,
        mutates: true,
        send: (u, f) =>
          u.request({
            method: 'PATCH',
            url: `${D}/${f.id}/events/${f.eventId}`,
            headers: { 'if-match': `"${f.eventVersion}"` },
            body: { description: `corrected by ${u.role}` },
          }),
      },
      {
        label: 'GET /defenders/:id/consents',
        roles: EDITORS,
        ok: 200,
        mutates: false,
        send: (u, f) => u.request({ method: 'GET', url: `${D}/${f.id}/consents` }),
      },
      {
        label: 'POST /defenders/:id/consents',
        roles: EDITORS,
        ok: 201,
        mutates: true,
        send: (u, f) =>
          u.request({ method: 'POST', url: `${D}/${f.id}/consents`, body: consent() }),
      },
      {
        label: 'GET /defenders/:id/assignees',
        roles: STAFF,
        ok: 200,
        mutates: false,
        send: (u, f) => u.request({ method: 'GET', url: `${D}/${f.id}/assignees` }),
      },
      {
        label: 'POST /defenders/:id/assignees',
        roles: DECIDERS,
        ok: 201,
        mutates: true,
        send: (u, f) =>
          u.request({
            method: 'POST',
            url: `${D}/${f.id}/assignees`,
            body: { userId: caseworkerC.id },
          }),
      },
      {
        label: 'DELETE /defenders/:id/assignees/:userId',
        roles: DECIDERS,
        ok: 204,
        mutates: true,
        send: (u, f) =>
          u.request({ method: 'DELETE', url: `${D}/${f.id}/assignees/${users.caseworkerA.id}` }),
      },
      {
        label: 'GET /defenders/:id/history',
        roles: STAFF,
        ok: 200,
        mutates: false,
        send: (u, f) => u.request({ method: 'GET', url: `${D}/${f.id}/history` }),
      },
      {
        // A draft (not featured): needs no consent, so only role and need-to-know decide.
        label: 'PUT /defenders/:id/publication',
        roles: DECIDERS,
        ok: 201,
        mutates: true,
        send: (u, f) =>
          u.request({
            method: 'PUT',
            url: `${D}/${f.id}/publication`,
            body: { featured: false, publicSummary: 'Matrix draft' },
          }),
      },
    ];

    /** Who does not know a restricted case exists. */
    const outsider = (who: Who) => who === 'viewer' || who === 'caseworkerB';

    it.each(['standard', 'restricted'] as const)(
      'answers every endpoint on a %s case as its role and assignment allow',
      async (access) => {
        const mismatches: string[] = [];
        for (const ep of endpoints) {
          for (const who of EVERYONE) {
            const user = users[who];
            const expected = !ep.roles.includes(user.role)
              ? 403
              : access === 'restricted' && outsider(who)
                ? 404
                : ep.ok;
            const fixture =
              ep.mutates && expected === ep.ok ? await makeFixture(access) : shared[access];
            const res = await ep.send(user, fixture);
            if (res.status !== expected) {
              mismatches.push(`${ep.label} as ${who}: ${res.status}, expected ${expected}`);
            }
          }
        }
        expect(mismatches).toEqual([]);
      },
    );

    it('answers a case that does not exist exactly like a restricted one (no existence oracle)', async () => {
      const missing: Fixture = { id: MISSING, version: 1, eventId: MISSING, eventVersion: 1 };
      const mismatches: string[] = [];
      for (const ep of endpoints) {
        for (const who of EVERYONE) {
          const user = users[who];
          const expected = ep.roles.includes(user.role) ? 404 : 403;
          const res = await ep.send(user, missing);
          if (res.status !== expected) {
            mismatches.push(`${ep.label} as ${who}: ${res.status}, expected ${expected}`);
          }
          if (outsider(who)) {
            // Same answer, word for word (but for the id), as on the restricted case.
            const onRestricted = await ep.send(user, shared.restricted);
            const norm = (r: TestResponse) => ({
              status: r.status,
              type: r.body?.type,
              title: r.body?.title,
              detail: String(r.body?.detail)
                .replaceAll(shared.restricted.id, '<id>')
                .replaceAll(MISSING, '<id>'),
            });
            if (JSON.stringify(norm(res)) !== JSON.stringify(norm(onRestricted))) {
              mismatches.push(`${ep.label} as ${who}: restricted and missing answers differ`);
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('does not reach a restricted case’s event through a case the user may see', async () => {
      const b = users.caseworkerB;
      const url = `${D}/${shared.standard.id}/events/${shared.restricted.eventId}`;
      expect((await b.request({ method: 'GET', url })).status).toBe(404);
      const patch = await b.request({
        method: 'PATCH',
        url,
        headers: { 'if-match': `"${shared.restricted.eventVersion}"` },
        body: { description: 'moved' },
      });
      expect(patch.status).toBe(404);
      const after = await users.coordinator.request({
        method: 'GET',
        url: `${D}/${shared.restricted.id}/events/${shared.restricted.eventId}`,
      });
      expect(after.body.description).toBeNull();
      expect(after.body.defenderId).toBe(shared.restricted.id);
    });

    it('leaves restricted cases out of lists and search results for those who may not see them', async () => {
      const token = 'Quillonbrae';
      const co = users.coordinator;
      const std = await co.request({
        method: 'POST',
        url: D,
        body: { fullName: `${token} Open`, country: 'EG' },
      });
      const res = await co.request({
        method: 'POST',
        url: D,
        body: {
          fullName: `${token} Hidden`,
          country: 'EG',
          access: 'restricted',
          tags: [token.toLowerCase()],
        },
      });
      await co.request({
        method: 'POST',
        url: `${D}/${res.body.id}/assignees`,
        body: { userId: users.caseworkerA.id },
      });
      const archived = await co.request({
        method: 'POST',
        url: D,
        body: { fullName: `${token} Archived`, country: 'EG', access: 'restricted' },
      });
      expect((await co.request({ method: 'DELETE', url: `${D}/${archived.body.id}` })).status).toBe(
        204,
      );

      for (const who of EVERYONE) {
        const u = users[who];
        const search = await u.request({ method: 'GET', url: `${D}?q=${token}&limit=200` });
        const all = await u.request({ method: 'GET', url: `${D}?limit=200` });
        const byTag = await u.request({ method: 'GET', url: `${D}?tag=${token.toLowerCase()}` });
        const withArchived = await u.request({
          method: 'GET',
          url: `${D}?archived=true&q=${token}`,
        });
        for (const r of [search, all, byTag, withArchived]) expect(r.status).toBe(200);
        const sees = !outsider(who);
        expect({ who, inSearch: ids(search).includes(res.body.id) }).toEqual({
          who,
          inSearch: sees,
        });
        expect({ who, inList: ids(all).includes(res.body.id) }).toEqual({ who, inList: sees });
        expect({ who, byTag: ids(byTag) }).toEqual({ who, byTag: sees ? [res.body.id] : [] });
        expect(ids(search)).toContain(std.body.id);
        // Archived restricted case: only coordinators and admins (not assigned to A).
        const seesArchived = who === 'coordinator' || who === 'admin';
        expect({ who, archived: ids(withArchived).includes(archived.body.id) }).toEqual({
          who,
          archived: seesArchived,
        });
        if (who === 'viewer') {
          for (const d of all.body.data) expect(d.access).toBe('standard');
        }
        if (outsider(who)) expect(all.text).not.toContain(`${token} Hidden`);
      }
    });

    it('gives a caseworker who opens a restricted case access to it; unassigning removes access at once', async () => {
      const b = users.caseworkerB;
      const created = await b.request({
        method: 'POST',
        url: D,
        body: { fullName: 'Opened By B', country: 'EG', access: 'restricted' },
      });
      expect(created.status).toBe(201);
      expect((await b.request({ method: 'GET', url: `${D}/${created.body.id}` })).status).toBe(200);
      expect(
        (await users.caseworkerA.request({ method: 'GET', url: `${D}/${created.body.id}` })).status,
      ).toBe(404);

      const fixture = await makeFixture('restricted');
      const a = users.caseworkerA;
      expect((await a.request({ method: 'GET', url: `${D}/${fixture.id}` })).status).toBe(200);
      const un = await users.coordinator.request({
        method: 'DELETE',
        url: `${D}/${fixture.id}/assignees/${a.id}`,
      });
      expect(un.status).toBe(204);
      expect((await a.request({ method: 'GET', url: `${D}/${fixture.id}` })).status).toBe(404);
      // Only caseworkers and coordinators can be assigned.
      const viewerAssign = await users.coordinator.request({
        method: 'POST',
        url: `${D}/${fixture.id}/assignees`,
        body: { userId: users.viewer.id },
      });
      expect(viewerAssign.status).toBe(400);
    });

    it('serves many concurrent writes on restricted cases (allowed and denied) without starving the pool', async () => {
      const co = users.coordinator;
      const cases: string[] = [];
      for (let i = 0; i < 12; i++) {
        const d = await co.request({
          method: 'POST',
          url: D,
          body: { fullName: `Concurrent ${i}`, country: 'EG', access: 'restricted' },
        });
        cases.push(d.body.id);
      }
      const event = { type: 'arrest', occurredOn: '2026-01-10' };
      const [allowed, denied] = await Promise.all([
        Promise.all(
          cases.map((id) => co.request({ method: 'POST', url: `${D}/${id}/events`, body: event })),
        ),
        Promise.all(
          cases.map((id) =>
            users.caseworkerB.request({ method: 'POST', url: `${D}/${id}/events`, body: event }),
          ),
        ),
      ]);
      expect(allowed.map((r) => r.status)).toEqual(cases.map(() => 201));
      expect(denied.map((r) => r.status)).toEqual(cases.map(() => 404));
      // Each write is recorded with the change; each denial on its own (right after).
      const written = await api.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'defender.access_restricted'
            AND actor_id = $1 AND entity_id = ANY($2)`,
        [co.id, cases],
      );
      expect(written[0].n).toBe(12);
      let denials = 0;
      for (let i = 0; i < 200 && denials < 12; i++) {
        denials = (
          await api.db.query(
            `SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied'
                AND actor_id = $1 AND entity_id = ANY($2)`,
            [users.caseworkerB.id, cases],
          )
        )[0].n;
      }
      expect(denials).toBe(12);
    });

    it('refuses every write to a viewer (403), whatever the case', async () => {
      const v = users.viewer;
      const writes = [
        v.request({ method: 'POST', url: D, body: { fullName: 'By Viewer', country: 'EG' } }),
        v.request({
          method: 'PATCH',
          url: `${D}/${shared.standard.id}`,
          headers: { 'if-match': `"${shared.standard.version}"` },
          body: { summary: 'x' },
        }),
        v.request({ method: 'DELETE', url: `${D}/${shared.standard.id}` }),
        v.request({
          method: 'POST',
          url: `${D}/${shared.standard.id}/events`,
          body: { type: 'hearing', occurredOn: '2026-02-01' },
        }),
        v.request({ method: 'POST', url: `${D}/${shared.standard.id}/consents`, body: consent() }),
      ];
      for (const res of await Promise.all(writes)) expect(res.status).toBe(403);
      const after = await users.coordinator.request({
        method: 'GET',
        url: `${D}/${shared.standard.id}`,
      });
      expect(after.body.archivedAt).toBeNull();
      expect(after.body.version).toBe(shared.standard.version);
    });
  });

  describe('sensitive fields', () => {
    it('shows contacts and confidential notes on a single record to caseworkers, coordinators and admins only', async () => {
      for (const who of EVERYONE) {
        const res = await users[who].request({ method: 'GET', url: `${D}/${shared.standard.id}` });
        expect(res.status).toBe(200);
        if (who === 'viewer') {
          expect(res.body).not.toHaveProperty('contacts');
          expect(res.body).not.toHaveProperty('confidentialNotes');
          for (const marker of PLAINTEXT_MARKERS) expect(res.text).not.toContain(marker);
        } else {
          expect(res.body.contacts).toEqual(CONTACTS);
          expect(res.body.confidentialNotes).toBe(NOTES);
        }
      }
    });

    it('never puts sensitive fields in lists, for anyone', async () => {
      for (const who of EVERYONE) {
        const u = users[who];
        for (const url of [`${D}?limit=200`, `${D}?q=Shared-Case`]) {
          const res = await u.request({ method: 'GET', url });
          expect(res.status).toBe(200);
          expect(res.body.data.length).toBeGreaterThan(0);
          for (const d of res.body.data) {
            expect(d).not.toHaveProperty('contacts');
            expect(d).not.toHaveProperty('confidentialNotes');
          }
          for (const marker of PLAINTEXT_MARKERS) expect(res.text).not.toContain(marker);
        }
      }
    });

    it('shows the source identity on a single event only, and not to viewers', async () => {
      const { id, eventId } = shared.standard;
      for (const who of EVERYONE) {
        const u = users[who];
        const one = await u.request({ method: 'GET', url: `${D}/${id}/events/${eventId}` });
        expect(one.status).toBe(200);
        if (who === 'viewer') expect(one.body).not.toHaveProperty('sourceIdentity');
        else expect(one.body.sourceIdentity).toBe(SOURCE);
        const list = await u.request({ method: 'GET', url: `${D}/${id}/events` });
        expect(list.status).toBe(200);
        for (const e of list.body) expect(e).not.toHaveProperty('sourceIdentity');
        expect(list.text).not.toContain(SOURCE);
      }
    });

    it('stores no plaintext of a sensitive field in any column of any table', async () => {
      const cw = users.caseworkerB;
      const created = await cw.request({
        method: 'POST',
        url: D,
        body: {
          fullName: 'Encrypted At Rest',
          country: 'EG',
          contacts: CONTACTS,
          confidentialNotes: NOTES,
        },
      });
      expect(created.status).toBe(201);
      const ev = await cw.request({
        method: 'POST',
        url: `${D}/${created.body.id}/events`,
        body: { type: 'arrest', occurredOn: '2026-03-01', sourceIdentity: SOURCE },
      });
      expect(ev.status).toBe(201);
      const patched = await cw.request({
        method: 'PATCH',
        url: `${D}/${created.body.id}`,
        headers: { 'if-match': `"${created.body.version}"` },
        body: {
          contacts: [
            ...CONTACTS,
            { name: 'Layla Second-Relative', relation: 'lawyer', phone: '+20 100 555 0199' },
          ],
        },
      });
      expect(patched.status).toBe(200);

      const tables: { tablename: string }[] = await api.db.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      );
      expect(tables.map((t) => t.tablename)).toEqual(
        expect.arrayContaining(['defenders', 'detention_events', 'audit_events', 'consents']),
      );
      const leaks: string[] = [];
      for (const { tablename } of tables) {
        const raw = JSON.stringify(
          await api.db.query(`SELECT * FROM "${tablename}"`),
        ).toLowerCase();
        for (const marker of PLAINTEXT_MARKERS) {
          if (raw.includes(marker.toLowerCase())) leaks.push(`${tablename}: ${marker}`);
        }
      }
      expect(leaks).toEqual([]);

      // What is stored is AES-GCM under the (development) key, bound to its record.
      const [row] = await api.db.query(
        `SELECT contacts_enc, confidential_notes_enc FROM defenders WHERE id = $1`,
        [created.body.id],
      );
      const [evRow] = await api.db.query(
        `SELECT source_identity_enc FROM detention_events WHERE id = $1`,
        [ev.body.id],
      );
      for (const v of [row.contacts_enc, row.confidential_notes_enc, evRow.source_identity_enc]) {
        expect(v).toMatch(/^v1\.dev\.[A-Za-z0-9_-]+$/);
      }
      const cipher = new FieldCipher(parseKeyring(DEVELOPMENT_KEYRING));
      const own = FieldCipher.context('defenders', 'contacts', created.body.id);
      expect(cipher.decryptJson(row.contacts_enc, own)).toEqual(patched.body.contacts);
      expect(
        cipher.decrypt(
          row.confidential_notes_enc,
          FieldCipher.context('defenders', 'confidential_notes', created.body.id),
        ),
      ).toBe(NOTES);
      expect(
        cipher.decrypt(
          evRow.source_identity_enc,
          FieldCipher.context('detention_events', 'source_identity', ev.body.id),
        ),
      ).toBe(SOURCE);
      // Copied onto another record, a ciphertext does not decrypt.
      const other = FieldCipher.context('defenders', 'contacts', shared.standard.id);
      expect(() => cipher.decrypt(row.contacts_enc, other)).toThrow();
      // Two encryptions of the same value differ (random nonce).
      const [fixtureRow] = await api.db.query(
        `SELECT confidential_notes_enc FROM defenders WHERE id = $1`,
        [shared.standard.id],
      );
      expect(fixtureRow.confidential_notes_enc).not.toBe(row.confidential_notes_enc);
    });
  });

  describe('consent ledger', () => {
    it('derives the consent in force: given, then revoked at once; entries stay', async () => {
      const cw = users.caseworkerB;
      const d = await cw.request({
        method: 'POST',
        url: D,
        body: { fullName: 'Consent Case', country: 'EG' },
      });
      const url = `${D}/${d.body.id}/consents`;
      const given = await cw.request({
        method: 'POST',
        url,
        body: consent({
          givenBy: 'family_member',
          method: 'oral',
          notes: 'Mother agreed by phone',
        }),
      });
      expect(given.status).toBe(201);
      expect(given.body).toMatchObject({
        defenderId: d.body.id,
        purpose: 'public_profile',
        decision: 'given',
        givenBy: 'family_member',
        method: 'oral',
        decidedOn: TODAY,
        expiresOn: null,
        recordedBy: cw.id,
      });
      let ledger = await cw.request({ method: 'GET', url });
      expect(ledger.status).toBe(200);
      expect(ledger.body.current.public_profile).toEqual({
        state: 'given',
        granted: true,
        since: TODAY,
        expiresOn: null,
      });
      expect(ledger.body.current.photo).toEqual({
        state: 'none',
        granted: false,
        since: null,
        expiresOn: null,
      });
      const view = await cw.request({ method: 'GET', url: `${D}/${d.body.id}` });
      expect(view.body.consents.public_profile.granted).toBe(true);

      const revoked = await cw.request({
        method: 'POST',
        url,
        body: consent({ decision: 'revoked' }),
      });
      expect(revoked.status).toBe(201);
      ledger = await cw.request({ method: 'GET', url });
      expect(ledger.body.current.public_profile).toMatchObject({
        state: 'revoked',
        granted: false,
      });
      expect(ledger.body.entries.map((e: { decision: string }) => e.decision)).toEqual([
        'given',
        'revoked',
      ]);
      expect(
        (await cw.request({ method: 'GET', url: `${D}/${d.body.id}` })).body.consents.public_profile
          .granted,
      ).toBe(false);

      // Rules: no decision in the future; only a given consent expires, never before it was given.
      const future = await cw.request({
        method: 'POST',
        url,
        body: consent({ decidedOn: '2026-06-16' }),
      });
      expect(future.status).toBe(400);
      expect(future.body.errors.map((e: { field: string }) => e.field)).toContain('decidedOn');
      const expiringRevocation = await cw.request({
        method: 'POST',
        url,
        body: consent({ decision: 'revoked', expiresOn: '2026-07-01' }),
      });
      expect(expiringRevocation.status).toBe(400);
      const badPurpose = await cw.request({
        method: 'POST',
        url,
        body: consent({ purpose: 'anything' }),
      });
      expect(badPurpose.status).toBe(400);
      expect(
        (await audit(`subject_id = $1 AND action LIKE 'consent.%'`, [d.body.id])).map(
          (r) => r.action,
        ),
      ).toEqual(['consent.given', 'consent.revoked']);
    });

    it('the consents table refuses UPDATE, DELETE and TRUNCATE', async () => {
      const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM consents`);
      expect(n).toBeGreaterThan(0);
      await expect(api.db.query(`UPDATE consents SET decision = 'given'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(api.db.query(`DELETE FROM consents`)).rejects.toThrow(/append-only/);
      await expect(api.db.query(`TRUNCATE consents CASCADE`)).rejects.toThrow(/append-only/);
      expect((await api.db.query(`SELECT count(*)::int AS n FROM consents`))[0].n).toBe(n);
    });
  });

  describe('audit trail', () => {
    it('records who changed what, with the request id, naming sensitive fields without their values', async () => {
      const cw = users.caseworkerB;
      const created = await cw.request({
        method: 'POST',
        url: D,
        headers: { 'x-request-id': 'rid-audit-create' },
        body: {
          fullName: 'Audited Person',
          country: 'EG',
          contacts: CONTACTS,
          confidentialNotes: NOTES,
        },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const updated = await cw.request({
        method: 'PATCH',
        url: `${D}/${id}`,
        headers: { 'x-request-id': 'rid-audit-update', 'if-match': `"${created.body.version}"` },
        body: { fullName: 'Audited Person Renamed', confidentialNotes: `${NOTES} (updated)` },
      });
      expect(updated.status).toBe(200);
      const ev = await cw.request({
        method: 'POST',
        url: `${D}/${id}/events`,
        body: { type: 'arrest', occurredOn: '2026-03-01', sourceIdentity: SOURCE },
      });

      const rows = await audit(`subject_id = $1`, [id]);
      const [create, update, event] = rows;
      expect(create).toMatchObject({
        action: 'defender.create',
        actor_id: cw.id,
        actor_role: 'caseworker',
        entity_type: 'defender',
        entity_id: id,
        request_id: 'rid-audit-create',
        ip: expect.any(String),
      });
      expect((create.changes as Record<string, unknown>).fullName).toEqual({
        from: null,
        to: 'Audited Person',
      });
      expect((create.changes as Record<string, unknown>).contacts).toEqual({
        from: null,
        to: '[redacted]',
      });
      expect((create.changes as Record<string, unknown>).confidentialNotes).toEqual({
        from: null,
        to: '[redacted]',
      });
      expect(update).toMatchObject({
        action: 'defender.update',
        actor_id: cw.id,
        request_id: 'rid-audit-update',
      });
      expect(update.changes).toEqual({
        fullName: { from: 'Audited Person', to: 'Audited Person Renamed' },
        confidentialNotes: { from: '[redacted]', to: '[redacted]' },
      });
      expect(event).toMatchObject({
        action: 'event.create',
        entity_id: ev.body.id,
        subject_id: id,
      });
      expect((event.changes as Record<string, unknown>).sourceIdentity).toEqual({
        from: null,
        to: '[redacted]',
      });
      const text = JSON.stringify(rows);
      for (const marker of PLAINTEXT_MARKERS) expect(text).not.toContain(marker);
      expect(text).not.toContain('Tora');
    });

    it('records reads of restricted cases, permission denials and failed sign-ins', async () => {
      const { id } = shared.restricted;
      const a = users.caseworkerA;
      expect(
        (
          await a.request({
            method: 'GET',
            url: `${D}/${id}`,
            headers: { 'x-request-id': 'rid-read-r' },
          })
        ).status,
      ).toBe(200);
      expect(await audit(`request_id = 'rid-read-r'`, [])).toEqual([
        expect.objectContaining({
          action: 'defender.read_restricted',
          actor_id: a.id,
          entity_id: id,
          subject_id: id,
        }),
      ]);
      // An outsider probing the restricted case is answered 404 but recorded.
      const b = users.caseworkerB;
      expect(
        (
          await b.request({
            method: 'GET',
            url: `${D}/${id}`,
            headers: { 'x-request-id': 'rid-probe-r' },
          })
        ).status,
      ).toBe(404);
      expect(await audit(`request_id = 'rid-probe-r'`, [])).toEqual([
        expect.objectContaining({ action: 'access.denied', actor_id: b.id, entity_id: id }),
      ]);

      const v = users.viewer;
      const denied = await v.request({
        method: 'POST',
        url: D,
        headers: { 'x-request-id': 'rid-denied' },
        body: { fullName: 'Nope', country: 'EG' },
      });
      expect(denied.status).toBe(403);
      expect(await audit(`request_id = 'rid-denied'`, [])).toEqual([
        expect.objectContaining({
          action: 'access.denied',
          actor_id: v.id,
          actor_role: 'viewer',
          entity_type: 'route',
          entity_id: 'POST /api/v1/defenders',
        }),
      ]);

      const failed = await api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-request-id': 'rid-failed-login' },
        body: { email: users.viewer.email, password: 'definitely not the password' },
      });
      expect(failed.status).toBe(401);
      const [row] = await audit(`request_id = 'rid-failed-login'`, []);
      expect(row).toMatchObject({ action: 'auth.login_failed', entity_id: users.viewer.id });
      expect(JSON.stringify(row)).not.toContain('definitely not the password');
    });

    it('GET /api/v1/audit is for admins only, filters and paginates', async () => {
      for (const who of ['viewer', 'caseworkerA', 'coordinator'] as const) {
        expect((await users[who].request({ method: 'GET', url: '/api/v1/audit' })).status).toBe(
          403,
        );
      }
      const admin = users.admin;
      const { id } = shared.standard;
      const byEntity = await admin.request({
        method: 'GET',
        url: `/api/v1/audit?entityType=defender&entityId=${id}&limit=200`,
      });
      expect(byEntity.status).toBe(200);
      expect(byEntity.body.data.length).toBeGreaterThan(0);
      for (const e of byEntity.body.data)
        expect(e).toMatchObject({ entityType: 'defender', entityId: id });
      expect(byEntity.body.data.map((e: { action: string }) => e.action)).toContain(
        'defender.create',
      );

      const b = users.caseworkerB;
      const byActor = await admin.request({
        method: 'GET',
        url: `/api/v1/audit?actorId=${b.id}&limit=200`,
      });
      expect(byActor.body.data.length).toBeGreaterThan(3);
      for (const e of byActor.body.data) expect(e.actorId).toBe(b.id);

      // Keyset pages: newest first, no overlap, nothing skipped.
      const full = await admin.request({
        method: 'GET',
        url: `/api/v1/audit?actorId=${b.id}&limit=200`,
      });
      const all = full.body.data.map((e: { id: string }) => e.id) as string[];
      expect(all.length).toBeGreaterThan(10);
      expect(all.length).toBeLessThan(200);
      expect(all.map(Number)).toEqual([...all.map(Number)].sort((x, y) => y - x));
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: TestResponse = await admin.request({
          method: 'GET',
          url: `/api/v1/audit?actorId=${b.id}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        });
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(5);
        paged.push(...page.body.data.map((e: { id: string }) => e.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(paged).toEqual(all);

      // from is inclusive, to exclusive.
      const at = byEntity.body.data[0].at as string;
      const from = await admin.request({
        method: 'GET',
        url: `/api/v1/audit?from=${at}&limit=200`,
      });
      for (const e of from.body.data) expect(e.at >= at).toBe(true);
      const to = await admin.request({ method: 'GET', url: `/api/v1/audit?to=${at}&limit=200` });
      for (const e of to.body.data) expect(e.at < at).toBe(true);

      expect(
        (await admin.request({ method: 'GET', url: '/api/v1/audit?cursor=garbage' })).status,
      ).toBe(400);
      expect(
        (await admin.request({ method: 'GET', url: '/api/v1/audit?actorId=nope' })).status,
      ).toBe(400);
    });

    it('GET /defenders/:id/history shows the case history to those who can see the case', async () => {
      const { id } = shared.standard;
      for (const who of EVERYONE) {
        const res = await users[who].request({
          method: 'GET',
          url: `${D}/${id}/history?limit=200`,
        });
        expect(res.status).toBe(200);
        for (const e of res.body.data) expect(e.subjectId).toBe(id);
        const actions = res.body.data.map((e: { action: string }) => e.action);
        expect(actions).toEqual(
          expect.arrayContaining(['defender.create', 'event.create', 'defender.assign']),
        );
        for (const marker of PLAINTEXT_MARKERS) expect(res.text).not.toContain(marker);
      }
      const r = shared.restricted.id;
      expect(
        (await users.caseworkerA.request({ method: 'GET', url: `${D}/${r}/history` })).status,
      ).toBe(200);
      expect(
        (await users.caseworkerB.request({ method: 'GET', url: `${D}/${r}/history` })).status,
      ).toBe(404);
      expect((await users.viewer.request({ method: 'GET', url: `${D}/${r}/history` })).status).toBe(
        404,
      );
    });

    it('the audit table refuses UPDATE, DELETE and TRUNCATE', async () => {
      const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM audit_events`);
      await expect(
        api.db.query(`UPDATE audit_events SET action = 'x' WHERE chain_seq = 2`),
      ).rejects.toThrow(/append-only/);
      await expect(api.db.query(`DELETE FROM audit_events WHERE chain_seq = 2`)).rejects.toThrow(
        /append-only/,
      );
      await expect(api.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
      expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(n);
    });

    it('catches tampering done behind the triggers’ back (service and CLI audit:verify)', async () => {
      const verifier = api.app.get(AuditService);
      const cliEnv = { DATABASE_URL: api.dbUrl };
      const before = await verifier.verify();
      expect(before).toEqual({
        ok: true,
        rows: expect.any(Number),
        head: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      // Far more than 10 rows: positions must be compared as numbers, not as text.
      expect((before as { rows: number }).rows).toBeGreaterThan(100);
      const clean = await runCli(['audit:verify'], cliEnv);
      expect({ code: clean.code, stderr: clean.stderr }).toEqual({ code: 0, stderr: '' });
      expect(clean.stdout).toMatch(/audit trail verified: \d+ rows/);

      const [original] = await api.db.query(
        `SELECT id::text, action FROM audit_events WHERE chain_seq = 2`,
      );
      await api.db.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`UPDATE audit_events SET action = 'x' WHERE chain_seq = 2`);
      });
      expect(await verifier.verify()).toEqual({
        ok: false,
        chainSeq: '2',
        id: original.id,
        reason: expect.stringMatching(/does not match/),
      });
      const broken = await runCli(['audit:verify'], cliEnv);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('chain position 2');
      expect(broken.stderr).toContain(`row id ${original.id}`);

      // Put it back, then remove a row: the gap is caught at the next position.
      await api.db.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`UPDATE audit_events SET action = $1 WHERE chain_seq = 2`, [original.action]);
      });
      expect(await verifier.verify()).toMatchObject({ ok: true });
      await api.db.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`DELETE FROM audit_events WHERE chain_seq = 3`);
      });
      expect(await verifier.verify()).toMatchObject({ ok: false, chainSeq: '4' });
    }, 40_000);
  });

  describe('consent expiry (moves the clock; last)', () => {
    it('a given consent past its expiry is expired, not granted', async () => {
      const cw = users.caseworkerB;
      const d = await cw.request({
        method: 'POST',
        url: D,
        body: { fullName: 'Expiring Consent', country: 'EG' },
      });
      const url = `${D}/${d.body.id}/consents`;
      const res = await cw.request({
        method: 'POST',
        url,
        body: consent({ purpose: 'photo', expiresOn: '2026-06-25' }),
      });
      expect(res.status).toBe(201);
      expect((await cw.request({ method: 'GET', url })).body.current.photo).toEqual({
        state: 'given',
        granted: true,
        since: TODAY,
        expiresOn: '2026-06-25',
      });
      api.clock.advance(10 * 86_400_000); // 2026-06-25: the last day it holds
      const onTheDay = await createUser(api, 'caseworker');
      expect((await onTheDay.request({ method: 'GET', url })).body.current.photo.granted).toBe(
        true,
      );
      api.clock.advance(86_400_000); // 2026-06-26
      const later = await createUser(api, 'caseworker');
      const ledger = await later.request({ method: 'GET', url });
      expect(ledger.status).toBe(200);
      expect(ledger.body.current.photo).toEqual({
        state: 'expired',
        granted: false,
        since: TODAY,
        expiresOn: '2026-06-25',
      });
      const view = await later.request({ method: 'GET', url: `${D}/${d.body.id}` });
      expect(view.body.consents.photo).toMatchObject({ state: 'expired', granted: false });
    });
  });
});
