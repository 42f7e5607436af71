import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * Streaming authenticated encryption of a file under its own data key (the envelope's inner
 * layer; the data key itself is wrapped with the FieldCipher keyring by `EncryptedStorage`).
 *
 * Format (all integers big-endian):
 *
 *     header  = "WSE1" | chunkSize (u32) | noncePrefix (7 bytes) | 0x00        (16 bytes)
 *     chunk i = AES-256-GCM(plaintext[i]) | tag (16 bytes)
 *     nonce i = noncePrefix | i (u32) | final (0x01 for the last chunk, else 0x00)
 *     aad     = header | context (UTF-8)
 *
 * Every chunk but the last holds exactly `chunkSize` plaintext bytes; the last holds fewer
 * (possibly none), so its position is implied by the length and marked in its nonce. Each
 * chunk is authenticated before any of its plaintext is released; reordered, dropped,
 * truncated, extended or altered chunks, another file's header, or a context the file was
 * not sealed for all fail (the STREAM construction of Hoang, Reyhanitabar, Rogaway, Vizár).
 * The data key is random per file, so nonces never repeat under one key.
 */

export const SEAL_CHUNK_BYTES = 64 * 1024;
const MAGIC = Buffer.from('WSE1', 'ascii');
const HEADER_BYTES = 16;
const PREFIX_BYTES = 7;
const TAG_BYTES = 16;
const MIN_CHUNK = 16;
const MAX_CHUNK = 16 * 1024 * 1024;

/** The content failed authentication: tampered, truncated, another file's, or the wrong key. */
export class SealError extends Error {
  constructor(detail: string) {
    super(`encrypted content failed its integrity check: ${detail}`);
    this.name = 'SealError';
  }
}

/** Bytes a sealed file of `plainLength` bytes takes in the store. */
export function sealedLength(plainLength: number, chunkSize = SEAL_CHUNK_BYTES): number {
  return HEADER_BYTES + plainLength + TAG_BYTES * (Math.floor(plainLength / chunkSize) + 1);
}

function nonceFor(prefix: Buffer, index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, PREFIX_BYTES);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('a data key is 32 bytes');
}

/** A transform that turns plaintext into the sealed format above. */
export function sealStream(key: Buffer, context: string, chunkSize = SEAL_CHUNK_BYTES): Transform {
  checkKey(key);
  if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) throw new Error('chunk size out of range');
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(chunkSize, 4);
  const prefix = randomBytes(PREFIX_BYTES);
  prefix.copy(header, 8);
  const aad = Buffer.concat([header, Buffer.from(context, 'utf8')]);
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const sealChunk = (plain: Buffer, final: boolean): Buffer => {
    if (index > 0xffffffff) throw new Error('file too large to seal');
    const cipher = createCipheriv('aes-256-gcm', key, nonceFor(prefix, index++, final));
    cipher.setAAD(aad);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };

  return new Transform({
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      // Strictly more than a chunk: the last full chunk may turn out to be the final one only
      // if nothing follows, and a final chunk must be shorter than chunkSize.
      if (pendingBytes > chunkSize) {
        let buf = Buffer.concat(pending, pendingBytes);
        while (buf.length > chunkSize) {
          this.push(sealChunk(buf.subarray(0, chunkSize), false));
          buf = buf.subarray(chunkSize);
        }
        pending = [buf];
        pendingBytes = buf.length;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      try {
        const rest = Buffer.concat(pending, pendingBytes);
        if (rest.length === chunkSize) {
          this.push(sealChunk(rest, false));
          this.push(sealChunk(Buffer.alloc(0), true));
        } else {
          this.push(sealChunk(rest, true));
        }
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
}

/** A transform that checks and decrypts the sealed format; it errors with SealError. */
export function openStream(key: Buffer, context: string): Transform {
  checkKey(key);
  let header: Buffer | null = null;
  let aad: Buffer | null = null;
  let prefix: Buffer | null = null;
  let frame = 0;
  let chunkSize = 0;
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const openChunk = (sealed: Buffer, final: boolean): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceFor(prefix!, index++, final));
    decipher.setAAD(aad!);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new SealError(`chunk ${index - 1} does not authenticate`);
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (!header) {
          if (pendingBytes < HEADER_BYTES) return callback();
          const all = Buffer.concat(pending, pendingBytes);
          header = Buffer.from(all.subarray(0, HEADER_BYTES));
          if (!header.subarray(0, 4).equals(MAGIC) || header[15] !== 0)
            throw new SealError('not a sealed file');
          chunkSize = header.readUInt32BE(4);
          if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK)
            throw new SealError('implausible chunk size');
          prefix = Buffer.from(header.subarray(8, 8 + PREFIX_BYTES));
          aad = Buffer.concat([header, Buffer.from(context, 'utf8')]);
          frame = chunkSize + TAG_BYTES;
          pending = [all.subarray(HEADER_BYTES)];
          pendingBytes = all.length - HEADER_BYTES;
        }
        // More than a frame buffered: the first frame is not the last one.
        if (pendingBytes > frame) {
          let buf = Buffer.concat(pending, pendingBytes);
          while (buf.length > frame) {
            this.push(openChunk(buf.subarray(0, frame), false));
            buf = buf.subarray(frame);
          }
          pending = [buf];
          pendingBytes = buf.length;
        }
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!header) throw new SealError('truncated before the header');
        const rest = Buffer.concat(pending, pendingBytes);
        if (rest.length < TAG_BYTES) throw new SealError('truncated');
        const plain = openChunk(rest, true);
        if (plain.length >= chunkSize) throw new SealError('final chunk too long');
        this.push(plain);
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
}

/** A buffer as a stream of slices of it (no copy). */
export function bufferStream(buf: Buffer, slice = SEAL_CHUNK_BYTES): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += slice) yield buf.subarray(i, i + slice);
    })(),
    { objectMode: false },
  );
}
