import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ClamdClient, ClamdError, parseScanReply } from './clamd-client';

describe('clamd INSTREAM client', () => {
  it('reads the three kinds of answer', () => {
    expect(parseScanReply('stream: OK\0')).toEqual({ clean: true });
    expect(parseScanReply('stream: Win.Test.EICAR_HDB-1 FOUND\0')).toEqual({
      clean: false,
      signature: 'Win.Test.EICAR_HDB-1',
    });
    expect(() => parseScanReply('INSTREAM size limit exceeded. ERROR\0')).toThrow(ClamdError);
    expect(() => parseScanReply('')).toThrow(ClamdError);
  });

  /** A stand-in that speaks the wire format, to check framing (the e2e tests use real clamd). */
  async function fakeClamd(answer: (payload: Buffer) => string | null): Promise<{
    port: number;
    received: Buffer[];
    server: Server;
  }> {
    const received: Buffer[] = [];
    const server = createServer((socket) => {
      let buf = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        const command = Buffer.from('zINSTREAM\0');
        if (buf.length < command.length) return;
        expect(buf.subarray(0, command.length)).toEqual(command);
        let at = command.length;
        const parts: Buffer[] = [];
        while (at + 4 <= buf.length) {
          const n = buf.readUInt32BE(at);
          if (n === 0) {
            const payload = Buffer.concat(parts);
            received.push(payload);
            const reply = answer(payload);
            if (reply !== null) socket.end(`${reply}\0`);
            return;
          }
          if (at + 4 + n > buf.length) return;
          parts.push(buf.subarray(at + 4, at + 4 + n));
          at += 4 + n;
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { port: (server.address() as AddressInfo).port, received, server };
  }

  it('frames the content in chunks and ends with a zero length', async () => {
    const fake = await fakeClamd((p) =>
      p.includes('BAD') ? 'stream: Test.Bad FOUND' : 'stream: OK',
    );
    try {
      const client = new ClamdClient({ host: '127.0.0.1', port: fake.port }, 5000);
      const big = Buffer.alloc(200_000, 1);
      expect(await client.scan(big)).toEqual({ clean: true });
      expect(fake.received[0].equals(big)).toBe(true);
      expect(await client.scan(Buffer.from('xxBADxx'))).toEqual({
        clean: false,
        signature: 'Test.Bad',
      });
    } finally {
      fake.server.close();
    }
  });

  it('says unreachable when nothing listens, and timeout when clamd keeps silent', async () => {
    const fake = await fakeClamd(() => null);
    const closed = await fakeClamd(() => null);
    const closedPort = closed.port;
    await new Promise((r) => closed.server.close(r));
    try {
      await expect(
        new ClamdClient({ host: '127.0.0.1', port: closedPort }, 5000).scan(Buffer.from('x')),
      ).rejects.toMatchObject({ reason: 'unreachable' });
      await expect(
        new ClamdClient({ host: '127.0.0.1', port: fake.port }, 200).scan(Buffer.from('x')),
      ).rejects.toMatchObject({ reason: 'timeout' });
    } finally {
      fake.server.close();
    }
  });
});
