/**
 * Log paths that must never reach a log line: credentials, and the sensitive case fields
 * (contacts, confidential notes, source identity). pino censors them wherever they appear
 * in the first levels of a logged object.
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
  'sourceIdentity',
  'contactPerson',
] as const;

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** Path segments that are themselves credentials: a calendar feed's secret (`/calendar-feeds/<secret>.ics`). */
const SECRET_IN_PATH = /(\/calendar-feeds\/)[^/?#]+/g;

/**
 * A request URL as it may be logged: the path only (query strings can hold search terms
 * about people) with secrets in the path censored.
 */
export function loggableUrl(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(SECRET_IN_PATH, '$1[redacted]');
}
