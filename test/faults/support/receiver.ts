import { createServer, type IncomingMessage, type Server } from 'node:http';
import { verifyWebhook } from '@witness/platform/webhooks/webhook';

/**
 * A webhook receiver on loopback that does what docs/development.md (Fault suite) asks of one: checks the
 * `Witness-Signature` of every call and applies each `Witness-Delivery` id once. It counts
 * every call per delivery id, so a test sees both what was lost and what was sent twice.
 */
export interface WebhookReceiver {
  url(userId: string): string;
  /** The signing secret the api returned for this user. */
  setSecret(userId: string, secret: string): void;
  /** Calls per delivery id (every call, also repeats). */
  calls: Map<string, number>;
  /** Delivery ids applied (first valid call of each id). */
  applied: Set<string>;
  /** Calls whose signature did not verify, or that named no delivery. */
  rejected: number;
  /** Calls whose body differed from the first call of the same id. */
  changedBodies: number;
  close(): Promise<void>;
}

export async function startReceiver(
  options: { delayMs?: () => number } = {},
): Promise<WebhookReceiver> {
  const secrets = new Map<string, string>();
  const firstBody = new Map<string, string>();
  const state = {
    calls: new Map<string, number>(),
    applied: new Set<string>(),
    rejected: 0,
    changedBodies: 0,
  };
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const userId = (req.url ?? '').split('/')[2] ?? '';
      const id = req.headers['witness-delivery'];
      const secret = secrets.get(userId);
      const sig = req.headers['witness-signature'];
      if (
        typeof id !== 'string' ||
        !secret ||
        !verifyWebhook(secret, typeof sig === 'string' ? sig : undefined, body, new Date())
      ) {
        state.rejected++;
        res.writeHead(400).end();
        return;
      }
      state.calls.set(id, (state.calls.get(id) ?? 0) + 1);
      const first = firstBody.get(id);
      if (first === undefined) firstBody.set(id, body);
      else if (first !== body) state.changedBodies++;
      state.applied.add(id);
      const delay = options.delayMs?.() ?? 0;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      res.writeHead(204).end();
    })();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: (userId) => `http://127.0.0.1:${port}/hook/${userId}`,
    setSecret: (userId, secret) => secrets.set(userId, secret),
    get calls() {
      return state.calls;
    },
    get applied() {
      return state.applied;
    },
    get rejected() {
      return state.rejected;
    },
    get changedBodies() {
      return state.changedBodies;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
