import { PreconditionRequiredError, StaleVersionError, ValidationFailedError } from '../errors';

/** Strong ETag for a record version. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client claims in `If-Match` (`"3"`, `W/"3"`). Missing: 428. Unparseable: 400
 * naming `field` (a web form sends the same claim in its hidden `version` field).
 */
export function versionFromIfMatch(
  header: string | string[] | undefined,
  field = 'If-Match',
): number {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') throw new PreconditionRequiredError();
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) {
    throw ValidationFailedError.field(
      field,
      field === 'If-Match' ? 'must be the ETag you received, e.g. "3"' : 'must be a version number',
    );
  }
  return Number(m[1]);
}

/** Throws 412 when the client's version is not the current one. */
export function assertVersion(entity: string, expected: number, current: number): void {
  if (expected !== current) throw new StaleVersionError(entity, current);
}
