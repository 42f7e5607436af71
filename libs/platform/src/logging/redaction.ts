/**
 * Log paths that must never reach a log line: credentials, and the sensitive case fields
 * (contacts, confidential notes, the address of usual residence, source identity). `censorSensitive` censors them wherever
 * they appear in the first levels of a logged object.
 */
export const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'totp',
  'totpSecret',
  'recoveryCode',
  'recoveryCodes',
  'secret',
  'contacts',
  'confidentialNotes',
  'usualAddress',
  'sourceIdentity',
  'contactPerson',
] as const;

/**
 * Exact paths pino's own redaction censors: credentials in headers, should a request or
 * response ever be logged with them (the request serializer logs id, method and path only).
 */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

const SENSITIVE = new Set<string>(SENSITIVE_KEYS);
const CENSOR = '[redacted]';
/** How deep a logged object is searched for sensitive keys (an array index is a level). */
const CENSOR_DEPTH = 4;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A logged object with every SENSITIVE_KEYS property in its first four levels (plain
 * objects and arrays) replaced by "[redacted]". Returns the very same object when there is
 * nothing to censor, the usual case, so a log line costs no copy. pino's wildcard redaction
 * did this before, at about a sixth of the cost of a whole health-check request
 * (docs/performance.md, Benchmarks); this walks only what is logged.
 */
export function censorSensitive<T>(value: T, depth = CENSOR_DEPTH): T {
  if (depth <= 0) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const c = censorSensitive(v, depth - 1);
      if (c !== v) (out ??= value.slice())[i] = c;
    }
    return (out ?? value) as T;
  }
  if (!isPlain(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const v = value[key];
    const c = SENSITIVE.has(key) ? CENSOR : censorSensitive(v, depth - 1);
    if (c !== v) (out ??= { ...value })[key] = c;
  }
  return (out ?? value) as T;
}

/** Path segments that are themselves credentials: a calendar feed's secret (`/calendar-feeds/<secret>.ics`). */
const SECRET_IN_PATH = /(\/calendar-feeds\/)[^/?#]+/g;

/**
 * A request URL as it may be logged: the path only (query strings can hold search terms
 * about people) with secrets in the path censored.
 */
export function loggableUrl(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(SECRET_IN_PATH, '$1[redacted]');
}

/** pino options that keep credentials and sensitive case fields out of every log line. */
export const LOG_CENSORSHIP = {
  redact: { paths: REDACT_PATHS, censor: CENSOR },
  // Sensitive keys anywhere in the first levels of each line's object, before the serializers
  // run. (pino applies no formatter to a child logger's bindings: the app binds none but
  // pino-http's request, whose serializer logs its id, method and path only.)
  formatters: { log: censorSensitive },
};
