import type { Readable } from 'node:stream';

/**
 * Where document bytes live: one small interface, two implementations (the local filesystem
 * and S3-compatible object storage). Blobs reach it already encrypted (`EncryptedStorage`);
 * a store never sees plaintext, and its keys are made by Witness, never from user input.
 */
export abstract class BlobStore {
  /** `fs` or `s3`, for logs and the operator. */
  abstract readonly driver: 'fs' | 's3';

  /** Write `length` bytes from `body` under `key`, replacing nothing half-written. */
  abstract put(key: string, body: Readable, length: number): Promise<void>;

  /** The bytes under `key` (BlobNotFoundError when there are none). */
  abstract get(key: string): Promise<Readable>;

  /** Remove `key`; removing what is not there is not an error. */
  abstract delete(key: string): Promise<void>;

  abstract exists(key: string): Promise<boolean>;

  /** Every key under `prefix` (a folder-like `name/`), in no particular order. */
  abstract list(prefix: string): Promise<string[]>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`blob ${key} is not in the store`);
    this.name = 'BlobNotFoundError';
  }
}

/**
 * Keys are path-like (`documents/3f/<uuid>`): lower-case letters, digits, `-`, `_`, `.` in
 * segments joined by `/`, no empty, `.` or `..` segment. The same key names the same object in
 * either store, so blobs can be copied from one to the other unchanged.
 */
const KEY = /^[a-z0-9_-][a-z0-9._-]{0,127}(\/[a-z0-9_-][a-z0-9._-]{0,127}){0,7}$/;

export function assertBlobKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(`not a valid blob key: ${JSON.stringify(key).slice(0, 80)}`);
  }
}
