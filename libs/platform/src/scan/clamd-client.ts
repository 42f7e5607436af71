import { connect, type Socket } from 'node:net';

/** Where clamd listens: TCP (`host`, `port`) or a Unix socket (`socket`). */
export type ClamdTarget = { host: string; port: number } | { socket: string };

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

/** clamd could not be reached, did not answer in time, or answered with an error. */
export class ClamdError extends Error {
  constructor(
    message: string,
    readonly reason: 'unreachable' | 'timeout' | 'error',
  ) {
    super(message);
    this.name = 'ClamdError';
  }
}

/** clamd reads INSTREAM data in chunks; 64 KiB is well under its StreamMaxLength. */
const CHUNK = 64 * 1024;

/**
 * A small client of clamd's own protocol (see clamd(8)): `zINSTREAM\0`, then the content as
 * chunks each prefixed by its length (u32, big-endian), then a zero length; clamd answers
 * `stream: OK`, `stream: <signature> FOUND` or `... ERROR`, NUL-terminated. The content is
 * streamed over the socket, never written to a file that clamd would have to be allowed to
 * read.
 */
export class ClamdClient {
  constructor(
    private readonly target: ClamdTarget,
    private readonly timeoutMs = 30_000,
  ) {}

  describe(): string {
    return 'socket' in this.target
      ? `unix:${this.target.socket}`
      : `${this.target.host}:${this.target.port}`;
  }

  async scan(content: Buffer): Promise<ScanVerdict> {
    const reply = await this.exchange((socket) => {
      const frames: Buffer[] = [Buffer.from('zINSTREAM\0', 'latin1')];
      for (let i = 0; i < content.length; i += CHUNK) {
        const part = content.subarray(i, i + CHUNK);
        const size = Buffer.alloc(4);
        size.writeUInt32BE(part.length);
        frames.push(size, part);
      }
      frames.push(Buffer.alloc(4));
      return writeAll(socket, frames);
    });
    return parseScanReply(reply);
  }

  /** `PING` -> `PONG`: is clamd there? */
  async ping(): Promise<boolean> {
    const reply = await this.exchange((socket) => writeAll(socket, [Buffer.from('zPING\0')]));
    return reply === 'PONG';
  }

  private exchange(send: (socket: Socket) => Promise<void>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const socket =
        'socket' in this.target
          ? connect({ path: this.target.socket })
          : connect({ host: this.target.host, port: this.target.port });
      const chunks: Buffer[] = [];
      let settled = false;
      let connected = false;
      const finish = (err: Error | null, value?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (err) reject(err);
        else resolve(value as string);
      };
      const timer = setTimeout(
        () =>
          finish(new ClamdError(`clamd at ${this.describe()} did not answer in time`, 'timeout')),
        this.timeoutMs,
      );
      const replyText = () => Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim();
      socket.on('connect', () => {
        connected = true;
        // clamd may answer (and close) before everything is written, e.g. when the stream
        // exceeds its StreamMaxLength: the answer then arrives and wins over a write error.
        send(socket).catch(() => undefined);
      });
      socket.on('data', (d: Buffer) => {
        chunks.push(d);
        if (d.includes(0)) finish(null, replyText());
      });
      socket.on('end', () => {
        if (chunks.length) finish(null, replyText());
        else
          finish(new ClamdError(`clamd at ${this.describe()} closed without answering`, 'error'));
      });
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (chunks.length) return finish(null, replyText());
        finish(
          new ClamdError(
            connected
              ? `clamd at ${this.describe()} broke off: ${err.code ?? err.message}`
              : `clamd at ${this.describe()} is unreachable: ${err.code ?? err.message}`,
            'unreachable',
          ),
        );
      });
    });
  }
}

/** What clamd's answer to INSTREAM means. */
export function parseScanReply(reply: string): ScanVerdict {
  const text = reply.replace(/\0+$/, '').trim();
  if (/^stream: OK$/.test(text)) return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { clean: false, signature: found[1] };
  throw new ClamdError(`clamd refused the scan: ${text.slice(0, 200) || '(no answer)'}`, 'error');
}

async function writeAll(socket: Socket, frames: Buffer[]): Promise<void> {
  for (const frame of frames) {
    if (socket.destroyed) return;
    if (!socket.write(frame)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          socket.off('drain', go);
          socket.off('close', go);
          resolve();
        };
        socket.once('drain', go);
        socket.once('close', go);
      });
    }
  }
}
