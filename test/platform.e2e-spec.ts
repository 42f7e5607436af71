import { startApi, type TestApi } from './support/api';

describe('platform: health, request ids, problem details, OpenAPI', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('GET /health/live answers 200', async () => {
    const res = await api.request({ method: 'GET', url: '/health/live' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const url of ['/health/live', '/api/v1/defenders', '/nope']) {
      const res = await api.request({ method: 'GET', url });
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      // Not a page: nothing may run, load or frame it (test/security/csp).
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('GET /health/ready checks PostgreSQL and Redis', async () => {
    const res = await api.request({ method: 'GET', url: '/health/ready' });
    expect(res.status).toBe(200);
    expect(res.body.details).toEqual({
      postgres: { status: 'up' },
      redis: { status: 'up' },
      virusScans: { status: 'up', pending: 0, oldestPendingSeconds: 0 },
    });
  });

  it('returns a request id on every answer, keeping a safe client-supplied one', async () => {
    const own = await api.request({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(own.headers['x-request-id']).toBe('abc-123');
    const hostile = await api.request({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': '<script>' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with problem+json 404 carrying the request id', async () => {
    const res = await api.request({
      method: 'GET',
      url: '/nope',
      headers: { 'x-request-id': 'rid-404' },
    });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, requestId: 'rid-404', title: 'Not Found' });
    expect(typeof res.body.type).toBe('string');
  });

  it('answers a URL the router cannot take with problem+json too (bad encoding, overlong id)', async () => {
    const bad = await api.request({
      method: 'GET',
      url: '/api/v1/defenders/%ZZ',
      headers: { 'x-request-id': 'rid-bad-url' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.headers['x-request-id']).toBe('rid-bad-url');
    expect(bad.body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: 'The URL is not validly percent-encoded.',
      requestId: 'rid-bad-url',
    });
    const long = await api.request({ method: 'GET', url: `/api/v1/defenders/${'a'.repeat(201)}` });
    expect(long.status).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(long.body).toMatchObject({
      status: 414,
      detail: 'A path segment is longer than this server accepts.',
    });
  });

  it('serves the OpenAPI document with a description on every operation and property', async () => {
    const res = await api.request({ method: 'GET', url: '/docs-json' });
    expect(res.status).toBe(200);
    const doc = res.body;
    const missing: string[] = [];
    for (const [path, ops] of Object.entries<
      Record<string, { summary?: string; description?: string }>
    >(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.summary && !op.description) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    for (const [name, schema] of Object.entries<{
      properties?: Record<string, { description?: string; $ref?: string; allOf?: unknown }>;
    }>(doc.components.schemas)) {
      for (const [prop, p] of Object.entries(schema.properties ?? {})) {
        if (!p.description && !p.$ref && !p.allOf) missing.push(`${name}.${prop}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/defenders', '/api/v1/defenders/{id}/events']),
    );
  });

  it('names this deployment as its server and defines every security scheme it uses', async () => {
    const doc = (await api.request({ method: 'GET', url: '/docs-json' })).body;
    const { ConfigService } = await import('@nestjs/config');
    const base = String(api.app.get(ConfigService).get('PUBLIC_BASE_URL')).replace(/\/+$/, '');
    expect(doc.servers).toEqual([expect.objectContaining({ url: base })]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'webSession']);
    expect(doc.components.securitySchemes.webSession).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'witness_session',
    });
    const used = new Set<string>();
    for (const ops of Object.values<Record<string, { security?: object[] }>>(doc.paths)) {
      for (const op of Object.values(ops)) {
        // Every operation says who may call it: a scheme, or {} for anyone.
        expect(op.security?.length).toBeGreaterThan(0);
        for (const requirement of op.security ?? [])
          Object.keys(requirement).forEach((k) => used.add(k));
      }
    }
    expect([...used]).toEqual(['bearer']);
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([{}]);
    expect(doc.paths['/api/v1/defenders'].get.security).toEqual([{ bearer: [] }]);
  });
});
