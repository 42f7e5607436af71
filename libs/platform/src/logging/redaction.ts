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
