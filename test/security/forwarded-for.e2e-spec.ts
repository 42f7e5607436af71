import type { TestApi } from '../support/api';

/**
 * Finding 6 of the security review: X-Forwarded-For was believed from any loopback or private
 * peer, so a client rotating the header got a fresh rate-limit budget on every request and
 * wrote made-up addresses into the audit trail. Forwarded headers now count only from the
 * proxies listed in TRUST_PROXY (none by default).
 *
 * Requests are injected with the socket address they would come from (`remoteAddress`).
 */
const BUDGET = 3;
const FEED = '/public/v1/defenders';

/** Boot an api with this TRUST_PROXY, on a fresh copy of the app's modules (config is read at load). */
async function apiTrusting(trustProxy: string): Promise<TestApi> {
  jest.resetModules();
  const { startApi } = await import('../support/api');
  return startApi({
    now: '2026-06-15T10:00:00Z',
    env: { PUBLIC_RATE_LIMIT_PER_MINUTE: String(BUDGET), TRUST_PROXY: trustProxy },
  });
}

const feed = (api: TestApi, remoteAddress: string, forwardedFor?: string) =>
  api.app.inject({
    method: 'GET',
    url: FEED,
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

/** A failed sign-in: its audit row records the client address the api believed. */
const auditedIp = async (
  api: TestApi,
  remoteAddress: string,
  forwardedFor: string,
  requestId: string,
): Promise<string | null> => {
  const res = await api.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor, 'x-request-id': requestId },
    payload: { email: 'nobody@example.org', password: 'not the password at all' },
  });
  expect(res.statusCode).toBe(401);
  const rows: { ip: string | null }[] = await api.db.query(
    `SELECT ip FROM audit_events WHERE action = 'auth.login_failed' AND request_id = $1`,
    [requestId],
  );
  expect(rows).toHaveLength(1);
  const failures: { ip: string | null }[] = await api.db.query(
    `SELECT ip FROM login_failures WHERE email = 'nobody@example.org' ORDER BY at DESC LIMIT 1`,
  );
  expect(failures[0].ip).toBe(rows[0].ip);
  return rows[0].ip;
};

describe('security: forwarded headers count only from TRUST_PROXY', () => {
  describe('TRUST_PROXY unset (the default)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await apiTrusting('');
    });
    afterAll(() => api.close());

    it('rotating X-Forwarded-For does not buy a fresh rate-limit budget, from loopback or a private peer', async () => {
      for (const peer of ['127.0.0.1', '10.1.2.3', 'fd00::7']) {
        const statuses: number[] = [];
        for (let i = 1; i <= BUDGET + 2; i++) {
          statuses.push((await feed(api, peer, `198.51.100.${i}`)).statusCode);
        }
        expect({ peer, statuses }).toEqual({
          peer,
          statuses: [200, 200, 200, 429, 429],
        });
      }
    });

    it('the audit trail records the socket address, not the header', async () => {
      expect(await auditedIp(api, '127.0.0.1', '203.0.113.50', 'xff-unset-1')).toBe('127.0.0.1');
      expect(await auditedIp(api, '10.1.2.3', '203.0.113.51', 'xff-unset-2')).toBe('10.1.2.3');
    });

    it('X-Forwarded-Proto does not make a plain-HTTP request look like HTTPS', async () => {
      const page = await api.app.inject({
        method: 'GET',
        url: '/app/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(page.headers['set-cookie'])).not.toMatch(/Secure/);
    });
  });

  describe('TRUST_PROXY=10.0.0.5 (the reverse proxy)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await apiTrusting('10.0.0.5');
    });
    afterAll(() => api.close());

    it('believes the proxy: each forwarded client has its own budget and is audited as itself', async () => {
      for (let i = 1; i <= BUDGET + 2; i++) {
        expect((await feed(api, '10.0.0.5', `192.0.2.${i}`)).statusCode).toBe(200);
      }
      // The client is the last address the proxy added (the one it saw), not one the client wrote.
      expect(await auditedIp(api, '10.0.0.5', '203.0.113.60', 'xff-set-1')).toBe('203.0.113.60');
      expect(await auditedIp(api, '10.0.0.5', '1.1.1.1, 203.0.113.61', 'xff-set-2')).toBe(
        '203.0.113.61',
      );
    });

    it('does not believe anyone else', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= BUDGET + 1; i++) {
        statuses.push((await feed(api, '10.0.0.6', `192.0.2.${100 + i}`)).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(await auditedIp(api, '127.0.0.1', '203.0.113.62', 'xff-set-3')).toBe('127.0.0.1');
    });
  });
});
