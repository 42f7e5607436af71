import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/** RFC 6238 TOTP: 6 digits, 30-second steps, SHA-1 (what authenticator apps expect). */
export const TOTP_STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ strategy: 'totp', issuer: 'Witness', label: account, secret });
}

/** The code for a moment (tests and the CLI use it; users use their app). */
export function totpAt(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * The time step a code matches (allowing one step of clock drift either way), or null.
 * Callers refuse a step not greater than the last one accepted: a code works once.
 */
export function totpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = Math.floor(at.getTime() / 1000);
  const res = verifySync({
    secret,
    token: code,
    epoch: now,
    epochTolerance: TOTP_STEP_SECONDS,
  });
  return res.valid ? Math.floor(now / TOTP_STEP_SECONDS) + res.delta : null;
}

/** Ten single-use recovery codes like `7KQ2-M9XD-4TNA`, and their hashes for storage. */
export function newRecoveryCodes(count = 10): { codes: string[]; hashes: string[] } {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const codes = Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(
      code
        .trim()
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, ''),
    )
    .digest('hex');
}
