import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { KeyringError, parseKeyring, type CipherKey } from '../crypto/field-cipher';

/**
 * The audit trail's chain, as the application computes it (docs/security/audit.md).
 *
 * Every row signed since the HMAC chain began holds
 *   hash = HMAC-SHA256(key[key_id], canonical(row, prev_hash))
 * where `canonical` is a JSON array of the row's fields in a fixed order (objects with their
 * keys sorted), so the same row always gives the same bytes whatever PostgreSQL does to the
 * key order of `changes`. The key never reaches the database: someone who can write to it
 * cannot make a row, or re-chain rows after an edit, that verifies.
 *
 * Rows written before (the unkeyed chain of the AuditTrail migration) keep their SHA-256
 * `hash` and a NULL `key_id`; the first signed row links to the last of them, which seals them.
 */

export const AUDIT_ROW_FORMAT = 'witness-audit/1';
export const AUDIT_ANCHOR_FORMAT = 'witness-audit-anchor/1';

/** One row of the chain as it is signed and verified (bigints and times as text). */
export interface ChainRow {
  id: string;
  chainSeq: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SS.ffffff` (microseconds, as PostgreSQL keeps it). */
  at: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | null;
  subjectId: string | null;
  changes: unknown;
  requestId: string | null;
  ip: string | null;
  keyId: string | null;
  prevHash: string | null;
}

/** A signed record of the chain's head at a moment, kept outside the database. */
export interface AuditAnchor {
  format: typeof AUDIT_ANCHOR_FORMAT;
  chainSeq: string;
  /** The HMAC of the row at `chainSeq`. */
  hash: string;
  /** When the anchor was taken (ISO 8601, UTC). */
  at: string;
  keyId: string;
  /** HMAC of the fields above under `keyId`. */
  mac: string;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level and no whitespace.
 * Only JSON values: callers pass values that went through JSON (or came from jsonb).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    // undefined, functions, symbols: not JSON (never in a row; null keeps the shape honest).
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** A value as it will come back from jsonb: through JSON once (Dates become strings...). */
export function asStoredJson(value: unknown): unknown {
  return value === null || value === undefined
    ? null
    : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** `at` as the chain signs it: UTC with microseconds (a JS Date has milliseconds). */
export function chainTime(at: Date): string {
  return `${at.toISOString().slice(0, 23)}000`;
}

/** The bytes an HMAC row signs. */
export function rowPayload(row: ChainRow): string {
  return canonicalJson([
    AUDIT_ROW_FORMAT,
    row.chainSeq,
    row.id,
    row.at,
    row.actorId,
    row.actorRole,
    row.action,
    row.entityType,
    row.entityId,
    row.subjectId,
    row.changes ?? null,
    row.requestId,
    row.ip,
    row.keyId,
    row.prevHash,
  ]);
}

/**
 * The unkeyed SHA-256 of a row written before the HMAC chain (the AuditTrail migration's
 * `witness_audit_payload`), from the row's stored values; `changesText` is `changes::text`.
 */
export function legacyHash(row: ChainRow, changesText: string | null): string {
  const payload = [
    row.chainSeq,
    row.at,
    row.actorId ?? '',
    row.actorRole,
    row.action,
    row.entityType,
    row.entityId ?? '',
    row.subjectId ?? '',
    changesText ?? '',
    row.requestId ?? '',
    row.ip ?? '',
    row.prevHash ?? '',
  ].join('|');
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

function anchorPayload(a: Omit<AuditAnchor, 'mac'>): string {
  return canonicalJson([a.format, a.chainSeq, a.hash, a.at, a.keyId]);
}

/**
 * The audit keys (`AUDIT_HMAC_KEYS`: `id:base64(32 bytes),...`). The first signs; every key
 * verifies the rows and anchors that name it.
 */
export class AuditKeyring {
  private readonly byId: Map<string, Buffer>;
  readonly signingKeyId: string;

  /**
   * @param unkeyedRows how many rows at the start of the chain may predate the HMAC chain
   *   (AUDIT_UNKEYED_ROWS: an upgraded database's old rows). Like the keys, it is trusted
   *   from outside the database: someone who rewrites the whole chain as "old" unkeyed rows
   *   cannot make them acceptable.
   */
  constructor(
    keys: CipherKey[],
    readonly unkeyedRows = 0,
  ) {
    if (keys.length === 0) throw new KeyringError('at least one audit key is needed');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    this.signingKeyId = keys[0].id;
  }

  static parse(spec: string, unkeyedRows = 0): AuditKeyring {
    return new AuditKeyring(parseKeyring(spec), unkeyedRows);
  }

  /** From the configuration; the public development key outside production only. */
  static fromConfig(spec: string | undefined, nodeEnv: string, unkeyedRows = 0): AuditKeyring {
    const ring = AuditKeyring.parse(spec ?? DEVELOPMENT_AUDIT_KEYRING, unkeyedRows);
    const publicKey = parseKeyring(DEVELOPMENT_AUDIT_KEYRING)[0].key;
    if (nodeEnv === 'production' && [...ring.byId.values()].some((k) => k.equals(publicKey)))
      throw new KeyringError('AUDIT_HMAC_KEYS holds the public development key: not in production');
    return ring;
  }

  has(keyId: string): boolean {
    return this.byId.has(keyId);
  }

  get keyIds(): string[] {
    return [...this.byId.keys()];
  }

  mac(keyId: string, payload: string): string {
    const key = this.byId.get(keyId);
    if (!key) throw new KeyringError(`audit key "${keyId}" is not configured`);
    return createHmac('sha256', key).update(payload, 'utf8').digest('hex');
  }

  /** Sign a row with the signing key: sets `keyId`, returns the row's hash. */
  signRow(row: Omit<ChainRow, 'keyId'>): { keyId: string; hash: string } {
    const keyId = this.signingKeyId;
    return { keyId, hash: this.mac(keyId, rowPayload({ ...row, keyId })) };
  }

  /** Whether a signed row's hash is right (false when its key is not configured). */
  verifyRow(row: ChainRow, hash: string): boolean {
    if (!row.keyId || !this.has(row.keyId)) return false;
    return sameHex(this.mac(row.keyId, rowPayload(row)), hash);
  }

  signAnchor(head: { chainSeq: string; hash: string }, at: Date): AuditAnchor {
    const body = {
      format: AUDIT_ANCHOR_FORMAT,
      chainSeq: head.chainSeq,
      hash: head.hash,
      at: at.toISOString(),
      keyId: this.signingKeyId,
    } as const;
    return { ...body, mac: this.mac(body.keyId, anchorPayload(body)) };
  }

  verifyAnchor(a: AuditAnchor): boolean {
    if (!this.has(a.keyId)) return false;
    return sameHex(this.mac(a.keyId, anchorPayload(a)), a.mac);
  }
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A fixed, publicly known audit key for development and tests only; refused in production.
 */
export const DEVELOPMENT_AUDIT_KEYRING = 'dev:' + Buffer.alloc(32, 11).toString('base64');

/** An anchor read from outside: the right shape, or null. */
export function parseAnchor(value: unknown): AuditAnchor | null {
  const a = value as Partial<AuditAnchor> | null;
  if (!a || typeof a !== 'object' || a.format !== AUDIT_ANCHOR_FORMAT) return null;
  if (typeof a.chainSeq !== 'string' || !/^[1-9]\d{0,18}$/.test(a.chainSeq)) return null;
  if (typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/.test(a.hash)) return null;
  if (typeof a.at !== 'string' || Number.isNaN(Date.parse(a.at))) return null;
  if (typeof a.keyId !== 'string' || typeof a.mac !== 'string') return null;
  return {
    format: a.format,
    chainSeq: a.chainSeq,
    hash: a.hash,
    at: a.at,
    keyId: a.keyId,
    mac: a.mac,
  };
}
