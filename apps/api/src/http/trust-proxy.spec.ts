import { trustedProxies } from './trust-proxy';

describe('trustedProxies (Fastify trustProxy from TRUST_PROXY)', () => {
  it('trusts no one when unset or empty', () => {
    expect(trustedProxies(undefined)).toBe(false);
    expect(trustedProxies('')).toBe(false);
    expect(trustedProxies(' , ')).toBe(false);
  });

  it('trusts exactly the listed addresses and ranges', () => {
    const trust = trustedProxies('10.0.0.5, 172.16.0.0/12, fd00::/8');
    expect(trust).not.toBe(false);
    const t = trust as (a: string) => boolean;
    expect(['10.0.0.5', '::ffff:10.0.0.5', '172.20.1.1', 'fd00::1'].map(t)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['10.0.0.6', '127.0.0.1', '::1', '192.168.0.1', 'fe80::1'].map(t)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
