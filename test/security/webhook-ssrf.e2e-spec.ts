import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@witness/domain';
import { startApi, type TestApi } from '../support/api';
import { asUser, createStaff, type TestUser } from '../support/users';
import { startWorker, type TestWorker } from '../support/worker';

/**
 * Finding 3 of the security review: webhook URLs were a server-side request forgery. Any role
 * could save http://127.0.0.1/..., http://169.254.169.254/... and have the worker POST there,
 * and the delivery's lastError gave back what the internal service answered.
 *
 * Here the operator allow-lists one loopback address (127.0.0.2, a "trusted internal receiver");
 * 127.0.0.1 plays an internal service nobody may reach.
 */
const PREFS = '/api/v1/me/notification-preferences';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ALLOWED_HOST = '127.0.0.2';

interface Receiver {
  url: string;
  hits: string[];
  reply: (res: ServerResponse) => void;
  close(): Promise<void>;
}

async function startReceiver(host: string): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    hits: [],
    reply: (res) => res.writeHead(204).end(),
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    receiver.hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => receiver.reply(res));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  receiver.url = `http://${host}:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

describe('security: webhook URLs cannot reach internal addresses (SSRF)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let staff: Record<Role, TestUser>;
  let internal: Receiver;
  let allowed: Receiver;

  beforeAll(async () => {
    internal = await startReceiver('127.0.0.1');
    internal.reply = (res) =>
      res.writeHead(200).end('{"admin":"internal console","token":"s3cr3t"}');
    allowed = await startReceiver(ALLOWED_HOST);
    const env = { WEBHOOK_ALLOW_HOSTS: ALLOWED_HOST };
    api = await startApi({ now: '2026-06-15T10:00:00Z', env });
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env,
    });
    staff = await createStaff(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await internal?.close();
    await allowed?.close();
  });

  const port = () => new URL(internal.url).port;

  it('refuses to save an internal address, for every role, naming the field and why', async () => {
    const refused: [string, RegExp][] = [
      [`http://127.0.0.1:${port()}/hook`, /127\.0\.0\.1 is a loopback address/],
      [`http://localhost:${port()}/hook`, /localhost is a name inside a private network/],
      [`http://[::1]:${port()}/hook`, /::1 is a loopback address/],
      [`http://0.0.0.0:${port()}/hook`, /0\.0\.0\.0 is an unspecified address/],
      [`http://[::ffff:127.0.0.1]:${port()}/`, /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /link-local/],
      ['http://10.0.0.8/hook', /private network address/],
      ['http://192.168.1.1/hook', /private network address/],
      ['http://100.64.0.1/hook', /carrier-grade NAT/],
      ['http://[fd00::1]/hook', /unique local/],
      // Numeric spellings of 127.0.0.1: the URL syntax check refuses them first.
      ['http://2130706433/hook', /must be an http or https URL/],
      ['http://0x7f.1/hook', /must be an http or https URL/],
      [`http://[64:ff9b::127.0.0.1]:${port()}/`, /IPv6 form of loopback address/],
      ['http://metadata.google.internal/computeMetadata/v1/', /private network/],
    ];
    for (const role of ['viewer', 'caseworker', 'coordinator', 'admin'] as const) {
      for (const [url, reason] of refused) {
        const res = await staff[role].request({
          method: 'PUT',
          url: PREFS,
          body: { channels: ['webhook'], webhookUrl: url },
        });
        expect({ role, url, status: res.status }).toEqual({ role, url, status: 400 });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([
          { field: 'webhookUrl', message: expect.stringMatching(reason) },
        ]);
      }
      // Nothing was saved.
      const now = await staff[role].request({ method: 'GET', url: PREFS });
      expect(now.body.webhookUrl).toBeNull();
    }
    expect(internal.hits).toEqual([]);
  });

  it('refuses it in the web form too, next to the field', async () => {
    const user = staff.caseworker;
    const { csrfFor } = await import('../../apps/api/src/web/web-session');
    const csrf = csrfFor(user.token);
    const res = await api.app.inject({
      method: 'POST',
      url: '/app/notifications/preferences',
      headers: {
        cookie: `witness_session=${user.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: csrf,
        channels: 'webhook',
        webhookUrl: `http://127.0.0.1:${port()}/hook`,
      }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('127.0.0.1 is a loopback address');
  });

  it('saves an address the operator allow-listed, and a public one', async () => {
    for (const url of [`${allowed.url}/hook`, 'https://hooks.example.org/witness?token=abc']) {
      const res = await staff.viewer.request({
        method: 'PUT',
        url: PREFS,
        body: { channels: ['webhook'], webhookUrl: url },
      });
      expect(res.status).toBe(200);
      expect(res.body.webhookUrl).toBe(url);
    }
  });

  /** Point the user's webhook at `url` behind the api's back (a row saved before the rule). */
  const storeWebhookUrl = async (user: TestUser, url: string) => {
    const saved = await asUser(api, user, {
      method: 'PUT',
      url: PREFS,
      body: { channels: ['webhook'], webhookUrl: 'https://hooks.example.org/witness' },
    });
    expect(saved.status).toBe(200);
    await api.db.query(`UPDATE notification_preferences SET webhook_url = $2 WHERE user_id = $1`, [
      user.id,
      url,
    ]);
  };

  /** A reminder for `user` due now; the worker delivers it; its delivery row afterwards. */
  const deliverReminder = async (user: TestUser) => {
    const due = api.clock.now().getTime() + DAY + HOUR;
    const m = await asUser(api, staff.coordinator, {
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        kind: 'custom',
        title: 'Check the webhook',
        dueAt: new Date(due).toISOString(),
        remindBefore: ['P1D'],
        assigneeIds: [user.id],
      },
    });
    expect(m.status).toBe(201);
    api.clock.set(new Date(due - DAY + 60_000));
    await worker.tick();
    await worker.drain();
    const [delivery] = await api.db.query(
      `SELECT id, state, attempts, last_error FROM deliveries WHERE milestone_id = $1 AND channel = 'webhook'`,
      [m.body.id],
    );
    return delivery as { id: string; state: string; attempts: number; last_error: string };
  };

  it('checks again at delivery: a stored internal address is never connected to', async () => {
    const user = staff.caseworker;
    await storeWebhookUrl(user, `${internal.url}/hook`);
    const delivery = await deliverReminder(user);
    expect(delivery).toMatchObject({ state: 'failed', last_error: 'address not allowed' });
    expect(delivery.attempts).toBeGreaterThan(1);
    expect(internal.hits).toEqual([]);
  });

  it('stores a short, generic error: never what the receiver answered', async () => {
    const user = staff.coordinator;
    await storeWebhookUrl(user, `${allowed.url}/hook`);
    allowed.reply = (res) =>
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"error":"db password is hunter2","internal":"10.0.0.5"}');
    const delivery = await deliverReminder(user);
    expect(delivery).toMatchObject({
      state: 'failed',
      last_error: 'the receiver answered HTTP 500',
    });
    expect(allowed.hits.length).toBeGreaterThan(0);
    const log = await asUser(api, staff.coordinator, {
      method: 'GET',
      url: '/api/v1/deliveries?status=failed',
    });
    const shown = log.body.find((d: { id: string }) => d.id === delivery.id);
    expect(shown.lastError).toBe('the receiver answered HTTP 500');
    expect(JSON.stringify(log.body)).not.toMatch(/hunter2|10\.0\.0\.5/);
  });

  it('does not follow a redirect to an internal address', async () => {
    const user = staff.admin;
    await storeWebhookUrl(user, `${allowed.url}/hook`);
    allowed.reply = (res) => res.writeHead(302, { location: `${internal.url}/steal` }).end();
    const delivery = await deliverReminder(user);
    expect(delivery).toMatchObject({
      state: 'failed',
      last_error: 'the receiver answered HTTP 302',
    });
    expect(internal.hits).toEqual([]);
  });
});
