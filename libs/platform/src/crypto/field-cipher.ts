import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Application-level encryption of sensitive fields (AES-256-GCM). Each value is stored as
 * `v1.<keyId>.<base64url(nonce | ciphertext | tag)>`: the key id travels with the
 * ciphertext so keys can rotate, and the record id (plus table and column) is bound as
 * associated data, so a ciphertext copied onto another record fails to decrypt.
 */
export interface CipherKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class KeyringError extends Error {}

/** Parse `id:base64key,id2:base64key2` (first one active). Each key must be 32 bytes. */
export function parseKeyring(spec: string): CipherKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      if (i < 1) throw new KeyringError('each key must be written id:base64key');
      const id = entry.slice(0, i);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
        throw new KeyringError(`key id "${id}" must be 1-32 letters, digits, - or _`);
      }
      const key = Buffer.from(entry.slice(i + 1), 'base64');
      if (key.length !== 32) throw new KeyringError(`key "${id}" must be 32 bytes (base64)`);
      return { id, key };
    });
  if (keys.length === 0) throw new KeyringError('at least one key is needed');
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new KeyringError('key ids must be unique');
  return keys;
}

export class FieldCipher {
  private readonly byId: Map<string, Buffer>;
  readonly activeKeyId: string;

  constructor(keys: CipherKey[]) {
    if (keys.length === 0) throw new KeyringError('at least one key is needed');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    this.activeKeyId = keys[0].id;
  }

  /** Associated data naming exactly where a value belongs. */
  static context(table: string, column: string, recordId: string): string {
    return `${table}.${column}:${recordId}`;
  }

  encrypt(plaintext: string, context: string): string {
    const key = this.byId.get(this.activeKeyId) as Buffer;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const packed = Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
    return `${PREFIX}.${this.activeKeyId}.${packed}`;
  }

  decrypt(stored: string, context: string): string {
    const [prefix, keyId, packed] = stored.split('.');
    if (prefix !== PREFIX || !keyId || !packed) throw new KeyringError('not an encrypted value');
    const key = this.byId.get(keyId);
    if (!key) throw new KeyringError(`key "${keyId}" is not configured: that data cannot be read`);
    const buf = Buffer.from(packed, 'base64url');
    const nonce = buf.subarray(0, NONCE_BYTES);
    const tag = buf.subarray(buf.length - TAG_BYTES);
    const body = buf.subarray(NONCE_BYTES, buf.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /** Key id a stored value was encrypted under (for rotation). */
  static keyIdOf(stored: string): string | null {
    const parts = stored.split('.');
    return parts.length === 3 && parts[0] === PREFIX ? parts[1] : null;
  }

  encryptJson(value: unknown, context: string): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(stored: string, context: string): T {
    return JSON.parse(this.decrypt(stored, context)) as T;
  }
}

/**
 * A fixed, publicly known key for development and tests only. The api refuses to start
 * with it (or without keys) when NODE_ENV=production.
 */
export const DEVELOPMENT_KEYRING = 'dev:' + Buffer.alloc(32, 7).toString('base64');
