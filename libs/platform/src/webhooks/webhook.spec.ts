import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { postWebhook, signWebhook, verifyWebhook, WebhookError } from './webhook';
import { webhookTargetPolicy, type WebhookTargetPolicy } from './webhook-target';

const SECRET = 'whsec_test_0123456789abcdef';
const NOW = new Date('2025-06-10T08:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
/** The test receivers listen on loopback: the operator's allow-list lets them in. */
const LOCAL: WebhookTargetPolicy = webhookTargetPolicy({
  NODE_ENV: 'test',
  WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
});
const policy = { policy: LOCAL };

interface Hit {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1; `reply` decides each answer. */
function startReceiver() {
  const hits: Hit[] = [];
  let reply: (res: ServerResponse, hit: Hit) => void = (res) => res.writeHead(204).end();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      hits.push(hit);
      reply(res, hit);
    });
  });
  return {
    hits,
    setReply(fn: typeof reply) {
      reply = fn;
    },
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('signWebhook / verifyWebhook', () => {
  const body = JSON.stringify({ event: 'reminder', milestoneId: 'm1' });

  it('signs `${t}.${body}` with HMAC-SHA256, hex', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${body}`).digest('hex');
    expect(signWebhook(SECRET, T, body)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies a fresh signature and refuses tampering, wrong secrets and replays', () => {
    const header = `t=${T},v1=${signWebhook(SECRET, T, body)}`;
    expect(verifyWebhook(SECRET, header, body, NOW)).toBe(true);
    expect(verifyWebhook(SECRET, header.replace(',', ', '), body, NOW)).toBe(true);
    expect(verifyWebhook(SECRET, header, body.replace('m1', 'm2'), NOW)).toBe(false);
    expect(verifyWebhook('another-secret', header, body, NOW)).toBe(false);
    // Replay window: 300 s either side by default.
    expect(verifyWebhook(SECRET, header, body, new Date(NOW.getTime() + 300_000))).toBe(true);
    expect(verifyWebhook(SECRET, header, body, new Date(NOW.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook(SECRET, header, body, new Date(NOW.getTime() - 301_000))).toBe(false);
    expect(verifyWebhook(SECRET, header, body, new Date(NOW.getTime() + 3_600_000), 7200)).toBe(
      true,
    );
  });

  it('refuses a valid signature moved to another timestamp', () => {
    const v1 = signWebhook(SECRET, T - 10, body);
    expect(verifyWebhook(SECRET, `t=${T},v1=${v1}`, body, NOW)).toBe(false);
  });

  it('accepts any matching v1 (secret rotation)', () => {
    const header = `t=${T},v1=${signWebhook('old', T, body)},v1=${signWebhook(SECRET, T, body)}`;
    expect(verifyWebhook(SECRET, header, body, NOW)).toBe(true);
    expect(verifyWebhook('old', header, body, NOW)).toBe(true);
    expect(verifyWebhook('neither', header, body, NOW)).toBe(false);
  });

  it.each([
    undefined,
    '',
    'garbage',
    `t=${T}`,
    `v1=${'a'.repeat(64)}`,
    `t=abc,v1=${'a'.repeat(64)}`,
    `t=${T},v1=zz`,
    `t=${T},v1=${'a'.repeat(63)}`,
    `t=${T},t=${T},v1=${'a'.repeat(64)}`,
    `t=-${T},v1=${'a'.repeat(64)}`,
  ])('refuses malformed header %j', (header) => {
    expect(verifyWebhook(SECRET, header, body, NOW)).toBe(false);
  });

  it('round-trips any body; any change to it fails', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ minLength: 1 }), (b, extra) => {
        const header = `t=${T},v1=${signWebhook(SECRET, T, b)}`;
        return (
          verifyWebhook(SECRET, header, b, NOW) && !verifyWebhook(SECRET, header, b + extra, NOW)
        );
      }),
    );
  });
});

describe('postWebhook against a real HTTP receiver', () => {
  const receiver = startReceiver();
  let base: string;
  beforeAll(async () => {
    base = await receiver.listen();
  });
  afterAll(() => receiver.close());
  beforeEach(() => receiver.setReply((res) => res.writeHead(204).end()));

  it('POSTs signed JSON that the receiver can verify', async () => {
    const payload = { event: 'reminder.due', milestoneId: 'm1', link: 'https://w.example/m/m1' };
    const result = await postWebhook(`${base}/hooks/chat?token=abc`, SECRET, payload, NOW, {
      id: 'delivery-42',
      policy: LOCAL,
    });
    expect(result).toEqual({ status: 204 });
    const hit = receiver.hits.at(-1)!;
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/hooks/chat?token=abc');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['witness-delivery']).toBe('delivery-42');
    expect(JSON.parse(hit.body)).toEqual(payload);
    const signature = hit.headers['witness-signature'] as string;
    expect(signature).toMatch(new RegExp(`^t=${T},v1=[0-9a-f]{64}$`));
    expect(verifyWebhook(SECRET, signature, hit.body, NOW)).toBe(true);
    expect(verifyWebhook(SECRET, signature, hit.body.replace('m1', 'm2'), NOW)).toBe(false);
    expect(verifyWebhook(SECRET, signature, hit.body, new Date(NOW.getTime() + 600_000))).toBe(
      false,
    );
  });

  it('omits Witness-Delivery without an id, and accepts any 2xx', async () => {
    receiver.setReply((res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    await expect(postWebhook(base, SECRET, { a: 1 }, NOW, policy)).resolves.toEqual({
      status: 200,
    });
    expect(receiver.hits.at(-1)!.headers['witness-delivery']).toBeUndefined();
  });

  it('throws on a non-2xx with the status but not the body or URL', async () => {
    receiver.setReply((res) => res.writeHead(500).end('stack trace with internal secrets'));
    const err = await postWebhook(`${base}/x?token=tok123`, SECRET, { a: 1 }, NOW, policy).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WebhookError);
    expect((err as WebhookError).status).toBe(500);
    expect((err as Error).message).toContain('500');
    expect((err as Error).message).not.toContain('secrets');
    expect((err as Error).message).not.toContain('tok123');

    receiver.setReply((res) => res.writeHead(404).end());
    await expect(postWebhook(base, SECRET, {}, NOW, policy)).rejects.toThrow(/404/);
  });

  it('does not follow redirects', async () => {
    receiver.setReply((res) => res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end());
    await expect(postWebhook(base, SECRET, {}, NOW, policy)).rejects.toThrow(/302/);
  });

  it('throws when the receiver does not answer in time', async () => {
    receiver.setReply(() => undefined); // never answers
    const started = Date.now();
    await expect(
      postWebhook(base, SECRET, {}, NOW, { timeoutMs: 200, policy: LOCAL }),
    ).rejects.toThrow('timed out');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('throws on a refused connection and on a bad URL', async () => {
    const closed = startReceiver();
    const url = await closed.listen();
    await closed.close();
    const refused = await postWebhook(url, SECRET, {}, NOW, policy).catch((e: WebhookError) => e);
    expect(refused).toMatchObject({
      message: 'could not connect to the receiver',
      detail: { code: 'ECONNREFUSED', host: '127.0.0.1' },
    });
    await expect(postWebhook('not a url', SECRET, {}, NOW, policy)).rejects.toThrow(
      'webhook URL not allowed',
    );
    await expect(postWebhook('file:///etc/passwd', SECRET, {}, NOW, policy)).rejects.toThrow(
      'webhook URL not allowed',
    );
  });
});

describe('postWebhook connects only where the policy allows (SSRF)', () => {
  const receiver = startReceiver();
  let port: number;
  beforeAll(async () => {
    port = Number(new URL(await receiver.listen()).port);
  });
  afterAll(() => receiver.close());

  /** A policy whose resolver answers from a table (each name: its answers, call by call). */
  const withDns = (
    answers: Record<string, string[][]>,
    allow = '',
  ): WebhookTargetPolicy & { calls: string[] } => {
    const calls: string[] = [];
    return {
      ...webhookTargetPolicy({ NODE_ENV: 'test', WEBHOOK_ALLOW_HOSTS: allow }),
      calls,
      resolve: async (name) => {
        calls.push(name);
        const next = answers[name]?.shift();
        if (!next) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
        return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      },
    };
  };

  it('refuses loopback, private and metadata addresses without opening a connection', async () => {
    const before = receiver.hits.length;
    for (const host of ['127.0.0.1', '127.1', '[::1]', '[::ffff:127.0.0.1]', '169.254.169.254']) {
      const err = await postWebhook(`http://${host}:${port}/`, SECRET, {}, NOW, {
        policy: webhookTargetPolicy({ NODE_ENV: 'test' }),
      }).catch((e: WebhookError) => e);
      expect(err).toBeInstanceOf(WebhookError);
      expect((err as WebhookError).message).toBe('address not allowed');
    }
    expect(receiver.hits.length).toBe(before);
  });

  it('checks the addresses a name resolves to at delivery, and connects to the checked one', async () => {
    // A name that answered a public address when it was saved now answers loopback
    // (DNS rebinding), or mixes both: refused, nothing reaches the internal service.
    const before = receiver.hits.length;
    const rebinding = withDns({
      'hooks.example.org': [['127.0.0.1'], ['93.184.216.34', '10.0.0.7']],
    });
    for (let i = 0; i < 2; i++) {
      const err = await postWebhook(`http://hooks.example.org:${port}/h`, SECRET, {}, NOW, {
        policy: rebinding,
      }).catch((e: WebhookError) => e);
      expect(err).toMatchObject({
        message: 'address not allowed',
        detail: { host: 'hooks.example.org' },
      });
      expect(JSON.stringify((err as WebhookError).detail)).toMatch(/127\.0\.0\.1|10\.0\.0\.7/);
    }
    expect(rebinding.calls).toEqual(['hooks.example.org', 'hooks.example.org']);
    expect(receiver.hits.length).toBe(before);

    // An allow-listed range: the socket goes to exactly the address the resolver gave (the
    // name exists nowhere else), with the name kept in the Host header.
    const listed = withDns({ 'chat.example.org': [['127.0.0.1']] }, '127.0.0.0/8');
    await expect(
      postWebhook(`http://chat.example.org:${port}/in`, SECRET, { a: 1 }, NOW, { policy: listed }),
    ).resolves.toEqual({ status: 204 });
    expect(receiver.hits.at(-1)!.headers.host).toBe(`chat.example.org:${port}`);

    // A listed name is trusted with whatever it resolves to.
    const named = withDns({ 'hooks.corp.example': [['127.0.0.1']] }, 'hooks.corp.example');
    await expect(
      postWebhook(`http://hooks.corp.example:${port}/`, SECRET, {}, NOW, { policy: named }),
    ).resolves.toEqual({ status: 204 });
  });

  it('says "host name not found" for a name that does not resolve', async () => {
    const err = await postWebhook('https://nowhere.example.org/', SECRET, {}, NOW, {
      policy: withDns({}),
    }).catch((e: WebhookError) => e);
    expect(err).toMatchObject({ message: 'host name not found' });
  });

  it('in production: https only, except for a listed host', async () => {
    const prod = webhookTargetPolicy({ NODE_ENV: 'production', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
    await expect(
      postWebhook(`http://203.0.114.9:${port}/`, SECRET, {}, NOW, { policy: prod }),
    ).rejects.toThrow('webhook URL not allowed');
    await expect(
      postWebhook(`http://127.0.0.1:${port}/`, SECRET, {}, NOW, { policy: prod }),
    ).resolves.toEqual({ status: 204 });
  });
});
