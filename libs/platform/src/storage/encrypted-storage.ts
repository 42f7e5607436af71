import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { pipeline, type Readable } from 'node:stream';
import { FieldCipher } from '../crypto/field-cipher';
import { UnavailableError } from '../errors';
import { BlobNotFoundError, BlobStore } from './blob-store';
import { bufferStream, openStream, sealedLength, sealStream, SealError } from './envelope';

/** The store could not be written or read (down, full, misconfigured): answered 503. */
export class StorageUnavailableError extends UnavailableError {
  constructor(action: 'save' | 'read') {
    super(
      action === 'save'
        ? 'The document store is not accepting files right now, so nothing was saved. Try again in a moment.'
        : 'The document store is not answering right now. Try again in a moment.',
      5,
    );
    this.name = 'StorageUnavailableError';
  }
}

export interface DataKey {
  /** The 32-byte key: in memory only while a file is sealed or opened. */
  key: Buffer;
  /** The key wrapped with the FieldCipher keyring (`v1.<keyId>.…`): what the database keeps. */
  wrapped: string;
}

/**
 * Envelope encryption over a BlobStore. Each file gets a random data key; the content is
 * sealed under it in 64 KiB authenticated chunks (`envelope.ts`) on its way to the store, and
 * the data key is wrapped with the FieldCipher keyring under the context of the record that
 * owns it, so `keys:rotate` can re-wrap it under a new key without touching the blob. Neither
 * store ever receives plaintext or a usable key.
 */
@Injectable()
export class EncryptedStorage {
  private readonly logger = new Logger('storage');

  constructor(
    readonly store: BlobStore,
    private readonly cipher: FieldCipher,
  ) {}

  /** A fresh data key, wrapped for the record named by `keyContext` (FieldCipher.context). */
  newDataKey(keyContext: string): DataKey {
    const key = randomBytes(32);
    return { key, wrapped: this.cipher.encrypt(key.toString('base64'), keyContext) };
  }

  unwrap(wrapped: string, keyContext: string): Buffer {
    const key = Buffer.from(this.cipher.decrypt(wrapped, keyContext), 'base64');
    if (key.length !== 32) throw new SealError('the wrapped data key is not 32 bytes');
    return key;
  }

  /** Seal `content` under `key` (bound to `context`) and store it; returns the stored size. */
  async put(blobKey: string, content: Buffer, key: Buffer, context: string): Promise<number> {
    const length = sealedLength(content.length);
    const sealed = sealStream(key, context);
    // Errors of either side end up on `sealed`, which the store consumes.
    pipeline(bufferStream(content), sealed, () => undefined);
    try {
      await this.store.put(blobKey, sealed, length);
    } catch (err) {
      this.logger.error({ err, blobKey, driver: this.store.driver }, 'could not store a blob');
      throw new StorageUnavailableError('save');
    }
    return length;
  }

  /**
   * The plaintext of a stored blob, as a stream. The first chunk is read and authenticated
   * before this returns, so a file tampered with at its start (or sealed for another record,
   * or under another key) fails here, before any answer is sent; damage further on errors the
   * stream, and no unauthenticated byte is ever released.
   */
  async open(blobKey: string, key: Buffer, context: string): Promise<Readable> {
    let source: Readable;
    try {
      source = await this.store.get(blobKey);
    } catch (err) {
      if (err instanceof BlobNotFoundError) throw err;
      this.logger.error({ err, blobKey, driver: this.store.driver }, 'could not read a blob');
      throw new StorageUnavailableError('read');
    }
    const plain = pipeline(source, openStream(key, context), () => undefined);
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        plain.off('readable', ready);
        plain.off('error', done);
        plain.off('end', ready);
        if (err) reject(err);
        else resolve();
      };
      const ready = () => done();
      plain.once('readable', ready);
      plain.once('end', ready);
      plain.once('error', done);
    });
    return plain;
  }

  /** Remove a blob; failures are logged, not thrown (used to undo a write). */
  async remove(blobKey: string): Promise<boolean> {
    try {
      await this.store.delete(blobKey);
      return true;
    } catch (err) {
      this.logger.error({ err, blobKey, driver: this.store.driver }, 'could not remove a blob');
      return false;
    }
  }
}
