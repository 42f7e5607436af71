import { validateEnv } from '../config/env';
import { AddressList, parseIp } from './address-list';

describe('AddressList', () => {
  it('holds addresses, ranges and (where allowed) host names, in any spelling', () => {
    const list = AddressList.parse(' 127.0.0.1 , 10.0.0.0/8,[::1], fd00::/8, Chat.Example.org. ', {
      hostNames: true,
    });
    expect(list.problems).toEqual([]);
    for (const a of ['127.0.0.1', '::ffff:127.0.0.1', '10.200.3.4', '::1', '[::1]', 'fd00::9']) {
      expect({ a, in: list.containsAddress(a) }).toEqual({ a, in: true });
    }
    for (const a of ['127.0.0.2', '11.0.0.1', '::2', 'fe80::1', 'not an address']) {
      expect({ a, in: list.containsAddress(a) }).toEqual({ a, in: false });
    }
    expect(list.containsName('chat.example.org')).toBe(true);
    expect(list.containsName('CHAT.example.org.')).toBe(true);
    expect(list.containsName('evil-chat.example.org')).toBe(false);
    expect(list.containsName('example.org')).toBe(false);
  });

  it('says what is wrong with each bad entry', () => {
    expect(
      AddressList.parse('10.0.0.0/33, 1.2.3.4/x, ::/129', { hostNames: false }).problems,
    ).toEqual([
      '"10.0.0.0/33" is not an address range (like 10.0.0.0/8 or fd00::/8)',
      '"1.2.3.4/x" is not an address range (like 10.0.0.0/8 or fd00::/8)',
      '"::/129" is not an address range (like 10.0.0.0/8 or fd00::/8)',
    ]);
    expect(AddressList.parse('proxy.example.org', { hostNames: false }).problems).toEqual([
      '"proxy.example.org" is neither an address nor an address range (like 10.0.0.0/8)',
    ]);
    expect(
      AddressList.parse('http://x.example.org, a b', { hostNames: true }).problems,
    ).toHaveLength(2);
    expect(AddressList.parse('', { hostNames: true }).isEmpty).toBe(true);
    expect(AddressList.parse(undefined, { hostNames: false }).isEmpty).toBe(true);
  });

  it('reads IPv4-mapped IPv6 as the IPv4 address it carries; refuses zone ids', () => {
    expect(parseIp('::ffff:10.0.0.1')?.toString()).toBe('10.0.0.1');
    expect(parseIp('[::ffff:7f00:1]')?.toString()).toBe('127.0.0.1');
    expect(parseIp('fe80::1%eth0')).toBeNull();
  });
});

describe('TRUST_PROXY and WEBHOOK_ALLOW_HOSTS at boot', () => {
  it('accepts good lists and reports every bad entry at once', () => {
    expect(
      validateEnv({
        TRUST_PROXY: '10.0.0.5,172.16.0.0/12',
        WEBHOOK_ALLOW_HOSTS: 'chat.internal,10.2.0.0/16',
      }),
    ).toMatchObject({ TRUST_PROXY: '10.0.0.5,172.16.0.0/12' });
    expect(() =>
      validateEnv({ TRUST_PROXY: 'proxy.local', WEBHOOK_ALLOW_HOSTS: '10.0.0.0/99' }),
    ).toThrow(
      /TRUST_PROXY: "proxy.local" is neither an address[^\n]*\n.*WEBHOOK_ALLOW_HOSTS: "10.0.0.0\/99" is not an address range/s,
    );
  });
});
