import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { postWebhook, signWebhook, verifyWebhook, WebhookError } from './webhook';

const SECRET = 'whsec_test_0123456789abcdef';
const NOW = new Date('2025-06-10T08:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);

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
    await expect(postWebhook(base, SECRET, { a: 1 }, NOW)).resolves.toEqual({ status: 200 });
    expect(receiver.hits.at(-1)!.headers['witness-delivery']).toBeUndefined();
  });

  it('throws on a non-2xx with the status but not the body or URL', async () => {
    receiver.setReply((res) => res.writeHead(500).end('stack trace with internal secrets'));
    const err = await postWebhook(`${base}/x?token=tok123`, SECRET, { a: 1 }, NOW).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WebhookError);
    expect((err as WebhookError).status).toBe(500);
    expect((err as Error).message).toContain('500');
    expect((err as Error).message).not.toContain('secrets');
    expect((err as Error).message).not.toContain('tok123');

    receiver.setReply((res) => res.writeHead(404).end());
    await expect(postWebhook(base, SECRET, {}, NOW)).rejects.toThrow(/404/);
  });

  it('does not follow redirects', async () => {
    receiver.setReply((res) => res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end());
    await expect(postWebhook(base, SECRET, {}, NOW)).rejects.toThrow(/302/);
  });

  it('throws when the receiver does not answer in time', async () => {
    receiver.setReply(() => undefined); // never answers
    const started = Date.now();
    await expect(postWebhook(base, SECRET, {}, NOW, { timeoutMs: 200 })).rejects.toThrow(
      /timed out after 200 ms/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('throws on a refused connection and on a bad URL', async () => {
    const closed = startReceiver();
    const url = await closed.listen();
    await closed.close();
    await expect(postWebhook(url, SECRET, {}, NOW)).rejects.toThrow(
      /Webhook request failed.*ECONNREFUSED/,
    );
    await expect(postWebhook('not a url', SECRET, {}, NOW)).rejects.toThrow(WebhookError);
    await expect(postWebhook('file:///etc/passwd', SECRET, {}, NOW)).rejects.toThrow(/http/);
  });
});
