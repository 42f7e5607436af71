import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { bufferStream, openStream, sealedLength, sealStream, SealError } from './envelope';

const key = randomBytes(32);

async function seal(plain: Buffer, context = 'documents:v1:content', chunk = 64): Promise<Buffer> {
  const out = new PassThrough();
  const [, sealed] = await Promise.all([
    pipeline(bufferStream(plain, 37), sealStream(key, context, chunk), out),
    buffer(out),
  ]);
  return sealed;
}

async function open(sealed: Buffer, context = 'documents:v1:content', k = key): Promise<Buffer> {
  const out = new PassThrough();
  // Odd slice sizes: frames never line up with what the store hands over.
  const [, plain] = await Promise.all([
    pipeline(bufferStream(sealed, 29), openStream(k, context), out),
    buffer(out),
  ]);
  return plain;
}

describe('envelope (streaming AES-256-GCM)', () => {
  it.each([0, 1, 63, 64, 65, 128, 1000])(
    'round-trips %d bytes at the predicted size',
    async (n) => {
      const plain = randomBytes(n);
      const sealed = await seal(plain);
      expect(sealed.length).toBe(sealedLength(n, 64));
      expect(await open(sealed)).toEqual(plain);
    },
  );

  it('never stores the plaintext and never repeats a nonce (same input, different output)', async () => {
    const plain = Buffer.from('A'.repeat(500));
    const a = await seal(plain);
    const b = await seal(plain);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('AAAAAAAA'))).toBe(false);
  });

  it('refuses a flipped bit anywhere', async () => {
    const sealed = await seal(randomBytes(300));
    for (const at of [0, 5, 12, 16, 20, 100, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] ^= 0x01;
      await expect(open(bad)).rejects.toBeInstanceOf(SealError);
    }
  });

  it('refuses truncation at a chunk boundary, a dropped or a repeated chunk', async () => {
    const sealed = await seal(randomBytes(200)); // chunks of 64: 3 full + final of 8
    const frame = 64 + 16;
    const header = sealed.subarray(0, 16);
    const chunks = [0, 1, 2, 3].map((i) => sealed.subarray(16 + i * frame, 16 + (i + 1) * frame));
    await expect(open(Buffer.concat([header, chunks[0], chunks[1]]))).rejects.toThrow(SealError);
    await expect(open(Buffer.concat([header, chunks[0], chunks[2], chunks[3]]))).rejects.toThrow(
      SealError,
    );
    await expect(
      open(Buffer.concat([header, chunks[0], chunks[0], chunks[1], chunks[2], chunks[3]])),
    ).rejects.toThrow(SealError);
    await expect(open(sealed.subarray(0, 10))).rejects.toThrow(SealError);
    await expect(open(Buffer.alloc(0))).rejects.toThrow(SealError);
  });

  it('is bound to its context and its key', async () => {
    const sealed = await seal(randomBytes(100), 'documents:a:content');
    await expect(open(sealed, 'documents:b:content')).rejects.toThrow(SealError);
    await expect(open(sealed, 'documents:a:content', randomBytes(32))).rejects.toThrow(SealError);
    expect((await open(sealed, 'documents:a:content')).length).toBe(100);
  });

  it('streams: plaintext comes out before the whole file is in', async () => {
    const plain = randomBytes(64 * 10);
    const sealed = await seal(plain);
    const opener = openStream(key, 'documents:v1:content');
    const got: Buffer[] = [];
    opener.on('data', (d: Buffer) => got.push(d));
    opener.write(sealed.subarray(0, 16 + 3 * 80));
    await new Promise((r) => setImmediate(r));
    expect(Buffer.concat(got)).toEqual(plain.subarray(0, 128));
    opener.end(sealed.subarray(16 + 3 * 80));
    await new Promise((r) => opener.on('end', r));
    expect(Buffer.concat(got)).toEqual(plain);
  });

  it('seals a stream of unknown length with the default 64 KiB chunks', async () => {
    const plain = randomBytes(200_000);
    const out = new PassThrough();
    const done = buffer(out);
    await pipeline(
      Readable.from([plain.subarray(0, 70_000), plain.subarray(70_000)]),
      sealStream(key, 'x'),
      out,
    );
    const sealed = await done;
    expect(sealed.length).toBe(sealedLength(plain.length));
    const back = new PassThrough();
    const got = buffer(back);
    await pipeline(Readable.from([sealed]), openStream(key, 'x'), back);
    expect((await got).equals(plain)).toBe(true);
  });
});
