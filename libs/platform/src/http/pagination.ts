import { ValidationFailedError } from '../errors';

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. A cursor that does not
 * decode to the expected shape is a 400 naming `cursor`, never a 500.
 */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string,
  shape: { [K in keyof T]: 'string' | 'number' },
): T {
  const bad = () => ValidationFailedError.field('cursor', 'is not a cursor this list returned');
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad();
  const obj = parsed as Record<string, unknown>;
  for (const [k, t] of Object.entries(shape)) {
    const v = obj[k];
    if (t === 'number' ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string') {
      throw bad();
    }
  }
  if (Object.keys(obj).length !== Object.keys(shape).length) throw bad();
  return obj as T;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * The common keyset cursor: the last row's sort key (an ISO timestamp or date) and its uuid,
 * as `(key, id)` tuples compare in SQL. A cursor of any other shape is a 400 naming `cursor`.
 */
export function encodeKeyCursor(key: string, id: string): string {
  return encodeCursor({ k: key, i: id });
}

export function decodeKeyCursor(cursor: string): { key: string; id: string } {
  const c = decodeCursor<{ k: string; i: string }>(cursor, { k: 'string', i: 'string' });
  if (!isSortKey(c.k) || !UUID.test(c.i)) {
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
  }
  return { key: c.k, id: c.i };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Exactly what the lists encode: a date (YYYY-MM-DD) or Date#toISOString(). Anything looser
 * (Date.parse takes "1" or 2024-02-30) reached PostgreSQL and failed there as a 400 that
 * named no field.
 */
function isSortKey(k: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/.test(k) || k.startsWith('0000'))
    return false;
  const d = new Date(k.length === 10 ? `${k}T00:00:00.000Z` : k);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, k.length) === k;
}
