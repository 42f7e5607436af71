import fc from 'fast-check';
import {
  checkWebhookTarget,
  checkWebhookUrl,
  refusedAddress,
  webhookTargetPolicy,
  type WebhookTargetPolicy,
} from './webhook-target';

/**
 * The webhook URL rules against generated addresses. The ranges below are written out here,
 * from the IANA special-purpose registries, independently of the library the code uses, so a
 * gap in either shows up as a failing property.
 */
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

/** Ranges the rules may refuse although they are not in BLOCKED_V4 (they are never generated as public). */
const OTHER_SPECIAL_V4: [string, number][] = [
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.31.196.0', 24], // AS112
  ['192.175.48.0', 24], // AS112
  ['192.52.193.0', 24], // AMT
];

const v4 = (text: string): number => text.split('.').reduce((n, o) => n * 256 + Number(o), 0) >>> 0;
const inRange = (n: number, [base, bits]: [string, number]) =>
  bits === 0 || n >>> (32 - bits) === v4(base) >>> (32 - bits);

const octets = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const dotted = (n: number) => octets(n).join('.');
const hex16 = (n: number) => [(n >>> 16).toString(16), (n & 0xffff).toString(16)];

/** Every way a URL can spell an IPv4 address (the WHATWG parser accepts them all). */
const SAME_ADDRESS_FORMS: ((n: number) => string)[] = [
  dotted,
  (n) => `${dotted(n)}.`,
  (n) => String(n),
  (n) => `0x${n.toString(16)}`,
  (n) => `0X${n.toString(16).toUpperCase()}`,
  (n) =>
    octets(n)
      .map((o) => `0${o.toString(8)}`)
      .join('.'),
  (n) =>
    octets(n)
      .map((o) => `0x${o.toString(16)}`)
      .join('.'),
  (n) => `${n >>> 24}.${(n >>> 16) & 255}.${n & 0xffff}`,
  (n) => `${n >>> 24}.${n & 0xffffff}`,
  (n) => `[::ffff:${dotted(n)}]`,
  (n) => `[::FFFF:${hex16(n).join(':')}]`,
  (n) => `[0:0:0:0:0:ffff:${dotted(n)}]`,
];
/** IPv6 addresses that carry an IPv4 address to a translator (judged by what they carry). */
const V4_FORMS = [
  ...SAME_ADDRESS_FORMS,
  (n: number) => `[::ffff:0:${dotted(n)}]`,
  (n: number) => `[64:ff9b::${dotted(n)}]`,
  (n: number) => `[2002:${hex16(n).join(':')}::1]`,
];

const v4In = (range: [string, number]) =>
  fc
    .integer({ min: 0, max: 2 ** (32 - range[1]) - 1 })
    .map((offset) => (v4(range[0]) + offset) >>> 0);

const blockedV4 = fc.constantFrom(...BLOCKED_V4).chain(v4In);
const publicV4 = fc
  .integer({ min: 0, max: 2 ** 32 - 1 })
  .filter((n) => ![...BLOCKED_V4, ...OTHER_SPECIAL_V4].some((r) => inRange(n, r)));

const hextets = (first: fc.Arbitrary<number>) =>
  fc.tuple(first, fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 7, maxLength: 7 }));
const v6Text = ([head, rest]: [number, number[]], upper: boolean) => {
  const text = [head, ...rest].map((h) => h.toString(16)).join(':');
  return upper ? text.toUpperCase() : text;
};

/** IPv6 ranges that are never a public receiver. */
const blockedV6 = fc.oneof(
  fc.constantFrom('::1', '::', '0:0:0:0:0:0:0:1', '::0:1', 'fd00:ec2::254'),
  hextets(fc.integer({ min: 0xfe80, max: 0xfebf })).map((h) => v6Text(h, false)), // link-local
  hextets(fc.integer({ min: 0xfc00, max: 0xfdff })).map((h) => v6Text(h, false)), // ULA
  hextets(fc.integer({ min: 0xff00, max: 0xffff })).map((h) => v6Text(h, true)), // multicast
  hextets(fc.integer({ min: 0xfec0, max: 0xfeff })).map((h) => v6Text(h, false)), // site-local
);

/** Global unicast 2000::/3 minus its special-purpose blocks (and 6to4, judged by what it carries). */
const publicV6 = hextets(fc.integer({ min: 0x2000, max: 0x3fff }))
  .filter(([a, [b, c]]) => {
    if (a === 0x2001 && b < 0x200) return false; // 2001::/23 IETF protocol assignments
    if (a === 0x2001 && b === 0xdb8) return false; // documentation
    if (a === 0x2002) return false; // 6to4
    if (a === 0x2620 && b === 0x4f && c === 0x8000) return false; // AS112
    if (a === 0x3fff && b < 0x1000) return false; // documentation (3fff::/20)
    return true;
  })
  .map((h) => v6Text(h, false));

const DEV = webhookTargetPolicy({ NODE_ENV: 'test' });
const PROD = webhookTargetPolicy({ NODE_ENV: 'production' });
const ok = (host: string, policy: WebhookTargetPolicy = DEV, scheme = 'https') =>
  checkWebhookUrl(`${scheme}://${host}:8443/hooks/witness?token=t`, policy).ok;

describe('webhook URL rules (property tests)', () => {
  it('refuses every loopback, private, link-local, CGNAT, reserved or multicast IPv4 address in any spelling', () => {
    fc.assert(
      fc.property(blockedV4, fc.constantFrom(...V4_FORMS), (n, form) => !ok(form(n))),
      { numRuns: 2000 },
    );
  });

  it('accepts every public IPv4 address, also written as a number or inside IPv6', () => {
    fc.assert(
      fc.property(publicV4, fc.constantFrom(...V4_FORMS), (n, form) => ok(form(n))),
      { numRuns: 2000 },
    );
  });

  it('refuses loopback, unspecified, link-local, unique local, site-local and multicast IPv6', () => {
    fc.assert(
      fc.property(blockedV6, (text) => !ok(`[${text}]`)),
      { numRuns: 1000 },
    );
  });

  it('accepts every public IPv6 address', () => {
    fc.assert(
      fc.property(publicV6, (text) => ok(`[${text}]`)),
      { numRuns: 1000 },
    );
  });

  it('judges resolved addresses (the delivery check) by the same rules', () => {
    fc.assert(
      fc.property(blockedV4, publicV4, (bad, good) => {
        const refused = refusedAddress([dotted(good), dotted(bad)], DEV);
        return (
          refused?.address === dotted(bad) &&
          refusedAddress([`::ffff:${dotted(bad)}`], DEV) !== null &&
          refusedAddress([dotted(good), `::ffff:${dotted(good)}`], DEV) === null
        );
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(blockedV6, (text) => refusedAddress([text], DEV) !== null));
    fc.assert(fc.property(publicV6, (text) => refusedAddress([text], DEV) === null));
  });

  it('lets an operator allow-list any blocked address by its range', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BLOCKED_V4),
        fc.constantFrom(...SAME_ADDRESS_FORMS),
        fc.integer({ min: 0, max: 255 }),
        ([base, bits], form, offset) => {
          const n = (v4(base) + (bits <= 24 ? offset : 0)) >>> 0;
          const policy = webhookTargetPolicy({
            NODE_ENV: 'production',
            WEBHOOK_ALLOW_HOSTS: `chat.example.org, ${base}/${bits}`,
          });
          // Listed: allowed, even over http; unlisted neighbours stay refused.
          return ok(form(n), policy, 'http') && !ok(form(n), DEV) && ok(form(n), policy);
        },
      ),
    );
  });

  it('refuses internal host names, accepts ordinary public ones', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
    const internal = fc.oneof(
      label, // single label: resolved through the search domains, to who knows where
      fc.constantFrom('localhost', 'LOCALHOST.', 'metadata', 'metadata.google.internal'),
      fc
        .tuple(label, fc.constantFrom('localhost', 'local', 'internal', 'lan', 'home.arpa'))
        .map(([l, s]) => `${l}.${s}`),
    );
    fc.assert(fc.property(internal, (name) => !ok(name)));
    const publicName = fc
      .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('org', 'com', 'net'))
      .map(([labels, tld]) => [...labels, tld].join('.'));
    fc.assert(fc.property(publicName, (name) => ok(name) && ok(name.toUpperCase())));
  });
});

describe('checkWebhookUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/x', 'must point to a public address: 127.0.0.1 is a loopback address'],
    [
      'http://localhost/x',
      'must point to a public host: localhost is a name inside a private network',
    ],
    ['http://[::1]/x', 'must point to a public address: ::1 is a loopback address'],
    ['http://0.0.0.0/x', 'must point to a public address: 0.0.0.0 is an unspecified address'],
    [
      'http://[::ffff:127.0.0.1]/x',
      'must point to a public address: 127.0.0.1 is a loopback address',
    ],
    [
      'http://169.254.169.254/latest/meta-data',
      'must point to a public address: 169.254.169.254 is a link-local address (cloud metadata services live there)',
    ],
    ['http://10.1.2.3/x', 'must point to a public address: 10.1.2.3 is a private network address'],
    ['ftp://example.org/x', 'must be an http or https URL'],
    ['not a url', 'must be an http or https URL'],
  ])('%s: %s', (url, reason) => {
    expect(checkWebhookUrl(url, DEV)).toMatchObject({ ok: false, reason });
  });

  it('wants https in production, http is fine in development and test', () => {
    expect(checkWebhookUrl('http://hooks.example.org/x', PROD)).toMatchObject({
      ok: false,
      reason: 'must use https',
    });
    expect(checkWebhookUrl('https://hooks.example.org/x', PROD).ok).toBe(true);
    expect(checkWebhookUrl('http://hooks.example.org/x', DEV).ok).toBe(true);
  });
});

describe('checkWebhookTarget (when a URL is saved)', () => {
  const resolving =
    (answers: Record<string, string[]>): WebhookTargetPolicy['resolve'] =>
    async (name) => {
      const found = answers[name];
      if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };

  it('refuses a public-looking name that resolves to an internal address', async () => {
    const policy = {
      ...DEV,
      resolve: resolving({ 'evil.example.org': ['93.184.216.34', '127.0.0.1'] }),
    };
    await expect(checkWebhookTarget('https://evil.example.org/h', policy)).resolves.toEqual({
      ok: false,
      reason:
        'must point to a public host: evil.example.org resolves to 127.0.0.1, a loopback address',
    });
  });

  it('accepts a name that resolves to public addresses, or not (yet) at all, or not in time', async () => {
    const policy = {
      ...DEV,
      resolve: resolving({ 'chat.example.org': ['93.184.216.34', '2606:2800:220:1::1'] }),
    };
    await expect(checkWebhookTarget('https://chat.example.org/h', policy)).resolves.toEqual({
      ok: true,
    });
    await expect(checkWebhookTarget('https://later.example.org/h', policy)).resolves.toEqual({
      ok: true,
    });
    const slow = { ...DEV, resolve: () => new Promise<never>(() => undefined) };
    await expect(
      checkWebhookTarget('https://slow.example.org/h', slow, { resolveTimeoutMs: 10 }),
    ).resolves.toEqual({ ok: true });
  });
});
