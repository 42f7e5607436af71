import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * Clients over real TCP to an api listening on 127.0.0.1, for what `inject` cannot show:
 * socket timeouts, Node's header limits, concurrent connections.
 */

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parse the first HTTP/1.1 answer in `raw` (enough for these tests: no chunked bodies). */
export function parseAnswer(raw: string): RawAnswer | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.1 (\d{3})/.exec(statusLine);
  if (!m) return undefined;
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body: raw.slice(end + 4) };
}

/** A connection whose every received byte is kept, and which says when the server closed it. */
export class RawConnection {
  readonly socket: Socket;
  received = '';
  closed = false;
  /** Resolves when the server ends or resets the connection. */
  readonly done: Promise<void>;
  private trickle?: NodeJS.Timeout;

  constructor(port: number) {
    this.socket = connect({ port, host: '127.0.0.1' });
    this.socket.setEncoding('utf8');
    this.socket.on('data', (d: string) => (this.received += d));
    this.done = new Promise((resolve) => {
      const finish = () => {
        this.closed = true;
        this.stopTrickle();
        resolve();
      };
      this.socket.on('close', finish);
      // A reset from the server counts as closing; the test reads what arrived before it.
      this.socket.on('error', () => undefined);
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState === 'open') return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed || this.socket.destroyed) return resolve();
      this.socket.write(data, () => resolve());
    });
  }

  /** Send `text` one byte every `intervalMs` (a slow client), until the server hangs up. */
  startTrickle(text: string, intervalMs: number): void {
    let i = 0;
    this.trickle = setInterval(() => {
      if (i >= text.length || this.closed) return this.stopTrickle();
      this.socket.write(text[i++]);
    }, intervalMs);
  }

  stopTrickle(): void {
    if (this.trickle) clearInterval(this.trickle);
    this.trickle = undefined;
  }

  /** Resolves with the answer once its head (and as much body as Content-Length says) is in. */
  answer(): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const a = parseAnswer(this.received);
        if (a && Buffer.byteLength(a.body) >= Number(a.headers['content-length'] ?? 0)) {
          this.socket.off('data', check);
          resolve(a);
          return true;
        }
        return false;
      };
      if (check()) return;
      this.socket.on('data', check);
      void this.done.then(() => {
        if (!check())
          reject(new Error(`closed without an answer: ${JSON.stringify(this.received)}`));
      });
    });
  }

  destroy(): void {
    this.stopTrickle();
    this.socket.destroy();
  }
}

/** An ordinary request over its own connection. */
export function httpCall(
  port: number,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: o.method ?? 'GET',
        path: o.path,
        headers: { connection: 'close', ...o.headers },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([k, v]) => [k, String(v)]),
            ),
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
