import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { FieldCipher, KeyringError, parseKeyring } from './field-cipher';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('FieldCipher (AES-256-GCM with key id and associated data)', () => {
  const k1 = key('k1');
  const k2 = key('k2');

  it('round-trips any text, with a fresh nonce each time', () => {
    const c = new FieldCipher([k1]);
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        (s) => c.decrypt(c.encrypt(s, 'ctx'), 'ctx') === s,
      ),
    );
    expect(c.encrypt('same', 'ctx')).not.toBe(c.encrypt('same', 'ctx'));
  });

  it('stores the key id and never the plaintext', () => {
    const stored = new FieldCipher([k1]).encrypt('+20 100 555 0199', 'ctx');
    expect(stored.startsWith('v1.k1.')).toBe(true);
    expect(stored).not.toContain('555');
    expect(FieldCipher.keyIdOf(stored)).toBe('k1');
  });

  it('refuses a ciphertext moved to another record (associated data)', () => {
    const c = new FieldCipher([k1]);
    const stored = c.encrypt('secret', FieldCipher.context('defenders', 'contacts', 'a'));
    expect(() => c.decrypt(stored, FieldCipher.context('defenders', 'contacts', 'b'))).toThrow();
  });

  it('detects tampering', () => {
    const c = new FieldCipher([k1]);
    const stored = c.encrypt('secret', 'ctx');
    const last = stored.at(-2) === 'A' ? 'B' : 'A';
    expect(() => c.decrypt(stored.slice(0, -2) + last + stored.at(-1), 'ctx')).toThrow();
  });

  it('reads values under an older key after rotation, writes under the active one', () => {
    const old = new FieldCipher([k1]).encrypt('x', 'ctx');
    const rotated = new FieldCipher([k2, k1]);
    expect(rotated.decrypt(old, 'ctx')).toBe('x');
    expect(FieldCipher.keyIdOf(rotated.encrypt('x', 'ctx'))).toBe('k2');
    expect(() => new FieldCipher([k2]).decrypt(old, 'ctx')).toThrow(/not configured/);
  });

  it('parses a keyring and refuses bad ones', () => {
    const spec = `a:${randomBytes(32).toString('base64')},b:${randomBytes(32).toString('base64')}`;
    expect(parseKeyring(spec).map((k) => k.id)).toEqual(['a', 'b']);
    expect(() => parseKeyring('')).toThrow(KeyringError);
    expect(() => parseKeyring(`a:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseKeyring('nocolon')).toThrow(KeyringError);
    const k = randomBytes(32).toString('base64');
    expect(() => parseKeyring(`a:${k},a:${k}`)).toThrow(/unique/);
  });
});
