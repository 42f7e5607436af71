import fc from 'fast-check';
import { AuditService } from '@witness/platform';
import { startApi, type TestApi } from './support/api';
import { createUser, type TestUser } from './support/users';
import { requestFor, type ArbitraryContext, type FuzzRequest } from './support/fuzz/arbitraries';
import { answerProblems, writeProblems } from './support/fuzz/checks';
import { describeSent, FuzzClient, type Sent } from './support/fuzz/client';
import { makeFixtures } from './support/fuzz/fixtures';
import { NASTY_STRINGS } from './support/fuzz/hostile';
import { operations, type OpenApiDocument, type Operation } from './support/fuzz/openapi';
import { IdPools } from './support/fuzz/pools';
import { FuzzStats } from './support/fuzz/stats';

/**
 * Property-based fuzzing of every operation in the OpenAPI document the api serves: for each
 * one, fast-check draws requests from its parameters and body schema (valid values, ids of
 * records that exist, and hostile values: huge strings, deep nesting, prototype keys,
 * unicode edge cases, SQL and HTML metacharacters, wrong types, unknown fields, bad ids) and
 * sends them as the admin, a viewer or nobody. Every answer must be a 2xx or a problem+json
 * 4xx, never a 5xx; a refused write leaves every table as it was; the audit chain verifies
 * afterwards. A new endpoint is fuzzed without touching this file.
 *
 * Deterministic: FUZZ_SEED (default below) seeds every operation. FUZZ_RUNS requests per
 * operation (default 30); FUZZ_SHRINK=1 shrinks a failure to a minimal request (slower).
 */

const TODAY = '2026-06-15';
const SEED = Number(process.env.FUZZ_SEED ?? 20260615);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SHRINK = process.env.FUZZ_SHRINK === '1';

/** Operations not fuzzed by the loop, and why. The coverage test keeps this list honest. */
const NOT_IN_LOOP: Record<string, string> = {
  'GET /health/live': 'a probe without input',
  'GET /health/ready': 'a probe without input',
  'POST /api/v1/auth/login': 'fuzzed on its own below (failed sign-ins are recorded by design)',
};

/**
 * Writes that cannot succeed with drawn data: confirming MFA needs the current TOTP code.
 * Every other operation must answer 2xx at least once, proof the fuzzer gets past validation
 * and 404s into the handlers.
 */
const NEVER_2XX: Record<string, string> = {
  'POST /api/v1/auth/mfa/confirm': 'needs the current TOTP code',
  'GET /api/v1/dossiers/{id}/content': 'the worker (not running here) renders dossiers',
  'GET /api/v1/dossiers/{id}/bundle': 'the worker (not running here) renders dossiers',
  'POST /api/v1/notifications/{id}/read': 'the worker (not running here) makes notifications',
  'POST /api/v1/defenders/{id}/documents':
    'multipart: the fuzzer builds JSON bodies (test/documents*.e2e-spec.ts send hostile uploads)',
  'POST /api/v1/documents/{id}/versions':
    'multipart: the fuzzer builds JSON bodies (test/documents*.e2e-spec.ts send hostile uploads)',
  'GET /api/v1/calendar-feeds/{secret}.ics':
    'needs the secret of a feed URL, which is shown only once',
};

const ORDER: Record<string, number> = { GET: 0, POST: 1, PUT: 2, PATCH: 3, DELETE: 4 };

/** Reads first (on a full world), then writes, deletes, and signing out last. */
const byImpact = (a: Operation, b: Operation) =>
  Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')) ||
  ORDER[a.method] - ORDER[b.method] ||
  // Deleting a record under a defender before archiving defenders.
  b.path.length - a.path.length ||
  a.key.localeCompare(b.key);

/** A seed per operation, so adding an endpoint does not change what the others are sent. */
function seedFor(key: string): number {
  let h = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

describe('hostile input: every operation of the OpenAPI document, fuzzed', () => {
  let api: TestApi;
  let doc: OpenApiDocument;
  let ops: Operation[];
  let admin: TestUser;
  let viewer: TestUser;
  let pools: IdPools;
  let client: FuzzClient;
  let ctx: ArbitraryContext;
  let auditRowsBefore = 0;
  const stats = new FuzzStats();

  beforeAll(async () => {
    api = await startApi({
      now: `${TODAY}T10:00:00Z`,
      // The fuzzer is one client sending thousands of requests and failed sign-ins.
      env: {
        RATE_LIMIT_PER_MINUTE: '1000000',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
        AUTH_LOCKOUT_ATTEMPTS: '100',
      },
    });
    const res = await api.request({ method: 'GET', url: '/docs-json' });
    expect(res.status).toBe(200);
    doc = res.body;
    ops = operations(doc);
    admin = await createUser(api, 'admin', 'Fuzzing Admin');
    viewer = await createUser(api, 'viewer', 'Fuzzing Viewer');
    pools = new IdPools();
    pools.protect(admin.id);
    pools.protect(viewer.id);
    await makeFixtures(api, admin, pools, TODAY);
    // The featured fixtures take their photo document as public photo, so the photo routes
    // (public and preview) have something to serve.
    const photos: { defender_id: string; version: number; document_id: string }[] =
      await api.db.query(
        `SELECT p.defender_id, p.version, min(d.id::text) AS document_id
           FROM publications p JOIN documents d ON d.defender_id = p.defender_id AND d.kind = 'photo'
          GROUP BY p.defender_id, p.version`,
      );
    expect(photos.length).toBeGreaterThan(0);
    for (const p of photos) {
      const res = await admin.request({
        method: 'PUT',
        url: `/api/v1/defenders/${p.defender_id}/publication`,
        body: { featured: true, photoDocumentId: p.document_id },
        headers: { 'if-match': `"${p.version}"` },
      });
      expect(res.status).toBe(200);
    }
    const template = await admin.request({
      method: 'GET',
      url: '/api/v1/imports/defenders/template.csv',
    });
    const [header, example] = template.text.replace(/^\uFEFF/, '').split(/\r?\n/);
    ctx = { doc, pools, csvTemplate: { header, example } };
    client = new FuzzClient(api, { admin, viewer }, pools);
    await client.init();
    auditRowsBefore = Number(
      (await api.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n,
    );
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('reads every operation from the document, and the few it names specially exist', () => {
    const keys = ops.map((o) => o.key);
    expect(keys.length).toBeGreaterThan(60);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/v1/defenders',
        'PATCH /api/v1/defenders/{id}',
        'POST /api/v1/imports/defenders',
        'GET /public/v1/defenders/{slug}',
        ...Object.keys(NOT_IN_LOOP),
        ...Object.keys(NEVER_2XX),
      ]),
    );
  });

  it('answers every request 2xx or problem+json 4xx, and a refused write writes nothing', async () => {
    const failures: string[] = [];
    const only = process.env.FUZZ_ONLY;
    for (const op of ops.filter((o) => !(o.key in NOT_IN_LOOP)).sort(byImpact)) {
      if (only && !op.key.includes(only)) continue;
      stats.begin(op.key);
      const result = await fc.check(
        fc.asyncProperty(requestFor(ctx, op), async (req: FuzzRequest) => {
          const sent: Sent = await client.send(op, req);
          stats.record(op.key, sent);
          if (process.env.FUZZ_VERBOSE === '2') console.log(describeSent(sent, req));
          const problems = [...answerProblems(op, sent), ...writeProblems(op, sent)];
          if (problems.length)
            throw new Error(`${problems.join('; ')}\n  ${describeSent(sent, req)}`);
        }),
        { seed: seedFor(op.key), numRuns: RUNS, endOnFailure: !SHRINK },
      );
      stats.end(op.key);
      if (result.failed) {
        const err = result.errorInstance as Error | undefined;
        failures.push(
          `${op.key} [seed ${result.seed}, path ${result.counterexamplePath}]: ${err?.message ?? String(result.errorInstance)}`,
        );
      }
    }
    stats.report();
    expect(failures).toEqual([]);
    // Every operation but those named was sent its share of requests.
    if (!only) {
      expect([...stats.statuses.keys()].sort()).toEqual(
        ops
          .filter((o) => !(o.key in NOT_IN_LOOP))
          .map((o) => o.key)
          .sort(),
      );
    }
    expect([...stats.statuses.values()].filter((v) => v.length !== RUNS)).toEqual([]);
    // The fuzzer got through validation and past the 404s into the handlers: nearly every
    // operation answered 2xx at least once (a few need luck with related fields)...
    const aimed = (k: string) => !(k in NEVER_2XX);
    const never2xx = stats.never(200, 300, aimed);
    const total = [...stats.statuses.keys()].filter(aimed).length;
    expect(never2xx.length > total / 10 ? never2xx : []).toEqual([]);
    // ...and drew hostile input that every operation taking input refused at least once.
    const takesInput = new Set(
      ops.filter((o) => o.pathParams.length || o.queryParams.length || o.body).map((o) => o.key),
    );
    expect(stats.never(400, 500, (k) => takesInput.has(k))).toEqual([]);
  }, 600_000);

  it('signs in only with the right credentials, whatever else is sent', async () => {
    const target = await createUser(api, 'caseworker', 'Sign-in Target');
    const email = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(target.email, target.email.toUpperCase(), ` ${target.email} `),
      },
      { weight: 2, arbitrary: fc.emailAddress() },
      {
        weight: 3,
        arbitrary: fc.constantFrom<unknown>(...NASTY_STRINGS, null, 1, [], {}, 'a'.repeat(100_000)),
      },
    );
    const password = fc.oneof(
      { weight: 3, arbitrary: fc.constant(target.password) },
      { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
      {
        weight: 3,
        arbitrary: fc.constantFrom<unknown>(...NASTY_STRINGS, null, 1, [], 'p'.repeat(200_000)),
      },
    );
    const body = fc.record(
      {
        email,
        password,
        totp: fc.constantFrom<unknown>('123456', '', 'x'.repeat(100), 123456, null),
      },
      { requiredKeys: [] },
    );
    const failures: string[] = [];
    const loginOp = ops.find((o) => o.key === 'POST /api/v1/auth/login')!;
    const result = await fc.check(
      fc.asyncProperty(body, async (b) => {
        const res = await api.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: JSON.stringify(b),
          headers: { 'content-type': 'application/json' },
        });
        const sent: Sent = {
          method: 'POST',
          url: loginOp.path,
          status: res.statusCode,
          headers: res.headers,
          text: res.body,
          changed: [],
          authenticated: true,
        };
        const problems = answerProblems(loginOp, sent);
        if (![200, 400, 401, 429].includes(res.statusCode))
          problems.push(`unexpected ${res.statusCode}`);
        const right =
          typeof b.email === 'string' &&
          b.email.trim().toLowerCase() === target.email.toLowerCase() &&
          b.password === target.password;
        if (res.statusCode === 200 && !right) problems.push('signed in with wrong credentials');
        if (problems.length)
          throw new Error(
            `${problems.join('; ')}: ${JSON.stringify(b).slice(0, 300)} -> ${res.statusCode} ${res.body.slice(0, 300)}`,
          );
      }),
      { seed: seedFor(loginOp.key), numRuns: RUNS * 2, endOnFailure: !SHRINK },
    );
    if (result.failed) failures.push(String((result.errorInstance as Error)?.message));
    expect(failures).toEqual([]);
  }, 120_000);

  it('leaves an audit chain that still verifies, and grew with the accepted writes', async () => {
    const res = await api.app.get(AuditService).verify();
    expect(res).toMatchObject({ ok: true });
    expect(res.ok && res.rows).toBeGreaterThan(auditRowsBefore);
  });
});
