import {
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpAt,
  totpStep,
  totpUri,
} from './totp';

describe('TOTP (RFC 6238)', () => {
  const secret = newTotpSecret();
  const t0 = new Date('2026-06-15T10:00:10Z');

  it('accepts the current code and reports its time step', () => {
    const step = totpStep(secret, totpAt(secret, t0), t0);
    expect(step).toBe(Math.floor(t0.getTime() / 1000 / 30));
  });

  it('tolerates one step of drift, not more', () => {
    const code = totpAt(secret, t0);
    expect(totpStep(secret, code, new Date(t0.getTime() + 30_000))).not.toBeNull();
    expect(totpStep(secret, code, new Date(t0.getTime() + 90_000))).toBeNull();
  });

  it('refuses malformed and wrong codes', () => {
    expect(totpStep(secret, '12345', t0)).toBeNull();
    expect(totpStep(secret, 'abcdef', t0)).toBeNull();
    const right = totpAt(secret, t0);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(totpStep(secret, wrong, t0)).toBeNull();
  });

  it('builds an otpauth URI for authenticator apps', () => {
    expect(totpUri(secret, 'a@b.org')).toMatch(/^otpauth:\/\/totp\/.*secret=/);
  });

  it('makes distinct recovery codes whose hashes ignore case and dashes', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(hashRecoveryCode(codes[0].toLowerCase().replace(/-/g, ''))).toBe(hashes[0]);
  });
});
