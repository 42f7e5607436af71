import { startApi, type TestApi } from './support/api';

/**
 * The front door: what someone typing an address by hand gets. `/` leads to the web app,
 * `/api` to the API reference, and an unknown address is a page for a browser and
 * problem+json for an API client.
 */
describe('front door', () => {
  let api: TestApi;
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const get = (url: string, accept?: string) =>
    api.request({ method: 'GET', url, headers: accept ? { accept } : {} });

  it('sends / to the web app, which sends a stranger to its sign-in page', async () => {
    const root = await get('/', BROWSER);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/app');
    const app = await get('/app', BROWSER);
    expect(app.status).toBe(303);
    expect(String(app.headers.location)).toMatch(/^\/app\/login\b/);
  });

  it.each(['/api', '/api/', '/api/v1'])('sends %s to the API reference', async (url) => {
    const res = await get(url, BROWSER);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/docs');
    const docs = await get('/docs', BROWSER);
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.text).toContain('Witness API');
  });

  it('answers a browser at an unknown address with a friendly HTML page', async () => {
    const res = await get('/no/such/page?q=<b>', BROWSER);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<h1>Not found</h1>');
    expect(res.text).toContain('There is no page at /no/such/page.');
    expect(res.text).not.toContain('<b>');
    expect(res.text).toContain(`Request id: ${res.headers['x-request-id']}`);
    expect(res.text).toContain('href="/app"');
    expect(res.headers['content-security-policy']).toMatch(/default-src/);
  });

  it.each([
    ['an API client at an unknown address', 'GET', '/no/such/page', 'application/json'],
    ['a client that accepts anything', 'GET', '/no/such/page', '*/*'],
    ['a browser under /api', 'GET', '/api/v1/no-such-thing', BROWSER],
    ['a browser under the public feed', 'GET', '/public/v1/no-such-thing', BROWSER],
    ['a browser posting to an unknown address', 'POST', '/no/such/page', BROWSER],
  ] as const)('answers %s with problem+json', async (_who, method, url, accept) => {
    const res = await api.request({ method, url, headers: { accept } });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, instance: url });
  });

  it("keeps a route's own 404 (no such record) as problem+json, even for a browser", async () => {
    const res = await get('/public/v1/defenders/no-such-profile', BROWSER);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
