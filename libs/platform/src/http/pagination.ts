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
