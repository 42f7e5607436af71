import { MetricsServer } from '@witness/platform';
import { startApi, type TestApi } from './support/api';
import { freePort, parseExposition, valueOf } from './support/metrics';
import { createUser, type TestUser } from './support/users';

/**
 * METRICS_PORT set: the api serves /metrics on that port without a session (for a Prometheus
 * on the private network) and no longer on its main port, where /metrics answers exactly like
 * a route that does not exist (for everyone, admins included).
 */
describe('metrics on their own port', () => {
  let api: TestApi;
  let admin: TestUser;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    api = await startApi({ env: { METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1' } });
    admin = await createUser(api, 'admin');
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    delete process.env.METRICS_PORT;
    delete process.env.METRICS_HOST;
  });

  it('serves them on METRICS_PORT without a session', async () => {
    expect(api.app.get(MetricsServer).port()).toBe(port);
    // Something to count first, through the main port.
    expect((await admin.request({ method: 'GET', url: '/api/v1/defenders' })).status).toBe(200);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = parseExposition(await res.text());
    expect(
      valueOf(samples, 'witness_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/defenders',
        status: '200',
        app: 'api',
      }),
    ).toBe(1);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/defenders`)).status).toBe(404);
  });

  it('answers 404 on the main port, as for an unknown route, whoever asks', async () => {
    const unknown = await api.request({ method: 'GET', url: '/no-such-route' });
    // The OpenAPI document describes the default deployment, where /metrics is on the main
    // port; with METRICS_PORT set it is not, so these answers are not checked against it.
    const validate = false;
    for (const res of [
      await api.request({ method: 'GET', url: '/metrics', validate }),
      await admin.request({ method: 'GET', url: '/metrics', validate }),
      await admin.request({ method: 'GET', url: '/metrics/?x=1', validate }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe(unknown.body.type);
      expect(res.text).not.toContain('witness_');
    }
  });

  it('stops listening when the app closes', async () => {
    const server = api.app.get(MetricsServer);
    await server.onApplicationShutdown();
    expect(server.port()).toBeNull();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
