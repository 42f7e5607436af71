import { randomBytes } from 'node:crypto';
import {
  AuditKeyring,
  canonicalJson,
  chainTime,
  DEVELOPMENT_AUDIT_KEYRING,
  legacyHash,
  parseAnchor,
  rowPayload,
  type ChainRow,
} from './audit-chain';

const key = () => randomBytes(32).toString('base64');

const row = (over: Partial<ChainRow> = {}): ChainRow => ({
  id: '41',
  chainSeq: '7',
  at: '2026-06-15T10:00:00.123000',
  actorId: '0b7e1f5a-8f55-4d7e-9a55-3d1a2c4b5e6f',
  actorRole: 'caseworker',
  action: 'defender.update',
  entityType: 'defender',
  entityId: 'd1',
  subjectId: null,
  changes: { status: { from: 'detained', to: 'released' } },
  requestId: 'req-1',
  ip: '203.0.113.9',
  keyId: 'k1',
  prevHash: 'a'.repeat(64),
  ...over,
});

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('gives the same text for the same value whatever the key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ x: 'é"\n', y: [true, false] })).toBe(
      canonicalJson(JSON.parse('{"y":[true,false],"x":"é\\"\\n"}')),
    );
  });
  it('drops undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});

describe('row signatures', () => {
  const ring = AuditKeyring.parse(`k1:${key()}`);

  it('verify the row they were made for', () => {
    const { keyId, hash } = ring.signRow(row());
    expect(keyId).toBe('k1');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ring.verifyRow(row({ keyId }), hash)).toBe(true);
  });

  it.each([
    ['id', { id: '42' }],
    ['position', { chainSeq: '8' }],
    ['time', { at: '2026-06-15T10:00:00.124000' }],
    ['actor', { actorId: null }],
    ['role', { actorRole: 'admin' }],
    ['action', { action: 'defender.delete' }],
    ['entity', { entityId: 'd2' }],
    ['subject', { subjectId: '0b7e1f5a-8f55-4d7e-9a55-3d1a2c4b5e60' }],
    ['changes', { changes: { status: { from: 'detained', to: 'detained' } } }],
    ['request', { requestId: null }],
    ['ip', { ip: '203.0.113.10' }],
    ['link', { prevHash: 'b'.repeat(64) }],
    ['null versus empty', { entityId: '' }],
  ])('fail when the %s changes', (_what, change) => {
    const { hash } = ring.signRow(row());
    expect(ring.verifyRow(row(change as Partial<ChainRow>), hash)).toBe(false);
  });

  it('need the key: another key, or a plain SHA-256, does not verify', () => {
    const other = AuditKeyring.parse(`k1:${key()}`);
    const { hash } = other.signRow(row());
    expect(ring.verifyRow(row(), hash)).toBe(false);
    expect(ring.verifyRow(row(), legacyHash(row(), null))).toBe(false);
  });

  it('rotate: the first key signs, older keys still verify what they signed', () => {
    const k1 = key();
    const old = AuditKeyring.parse(`k1:${k1}`);
    const signedOld = old.signRow(row());
    const rotated = AuditKeyring.parse(`k2:${key()},k1:${k1}`);
    const signedNew = rotated.signRow(row());
    expect(signedNew.keyId).toBe('k2');
    expect(rotated.verifyRow(row({ keyId: 'k1' }), signedOld.hash)).toBe(true);
    expect(rotated.verifyRow(row({ keyId: 'k2' }), signedNew.hash)).toBe(true);
    // A row cannot be passed off as signed by another key.
    expect(rotated.verifyRow(row({ keyId: 'k2' }), signedOld.hash)).toBe(false);
    // Without the old key, its rows cannot be verified.
    expect(AuditKeyring.parse(`k2:${key()}`).verifyRow(row({ keyId: 'k1' }), signedOld.hash)).toBe(
      false,
    );
  });

  it('binds the key id into what is signed', () => {
    expect(rowPayload(row({ keyId: 'k1' }))).not.toBe(rowPayload(row({ keyId: 'k2' })));
  });
});

describe('anchors', () => {
  const ring = AuditKeyring.parse(`k1:${key()}`);
  const at = new Date('2026-06-15T10:00:00Z');

  it('are signed, and any change to one is caught', () => {
    const a = ring.signAnchor({ chainSeq: '12', hash: 'c'.repeat(64) }, at);
    expect(a).toMatchObject({ format: 'witness-audit-anchor/1', chainSeq: '12', keyId: 'k1' });
    expect(ring.verifyAnchor(a)).toBe(true);
    expect(ring.verifyAnchor({ ...a, chainSeq: '11' })).toBe(false);
    expect(ring.verifyAnchor({ ...a, hash: 'd'.repeat(64) })).toBe(false);
    expect(ring.verifyAnchor({ ...a, at: '2026-06-16T10:00:00.000Z' })).toBe(false);
    expect(AuditKeyring.parse(`k1:${key()}`).verifyAnchor(a)).toBe(false);
  });

  it('are parsed strictly', () => {
    const a = ring.signAnchor({ chainSeq: '12', hash: 'c'.repeat(64) }, at);
    expect(parseAnchor(JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(parseAnchor({ ...a, chainSeq: 12 })).toBeNull();
    expect(parseAnchor({ ...a, chainSeq: '0' })).toBeNull();
    expect(parseAnchor({ ...a, hash: 'xyz' })).toBeNull();
    expect(parseAnchor({ ...a, format: 'other' })).toBeNull();
    expect(parseAnchor(null)).toBeNull();
    expect(parseAnchor('text')).toBeNull();
  });
});

describe('configuration', () => {
  it('falls back to the development key outside production and refuses it in production', () => {
    expect(AuditKeyring.fromConfig(undefined, 'test').signingKeyId).toBe('dev');
    expect(() => AuditKeyring.fromConfig(undefined, 'production')).toThrow(/development key/);
    expect(() =>
      AuditKeyring.fromConfig(`k2:${key()},${DEVELOPMENT_AUDIT_KEYRING}`, 'production'),
    ).toThrow(/development key/);
    expect(AuditKeyring.fromConfig(`k2:${key()}`, 'production').signingKeyId).toBe('k2');
  });
});

describe('chainTime', () => {
  it('is UTC with microseconds, as PostgreSQL prints a timestamptz', () => {
    expect(chainTime(new Date('2026-06-15T10:00:00.123+02:00'))).toBe('2026-06-15T08:00:00.123000');
  });
});
