import ipaddr from 'ipaddr.js';
import type { IpAddress } from './address-list';

/** ipaddr.js's range names, in words a person reads. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (cloud metadata services live there)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  private: 'a private network address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique local (private) IPv6 address',
  deprecatedSiteLocal: 'a site-local IPv6 address',
  teredo: 'a Teredo tunnel address',
};

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Why an address is not a public one that Witness may connect to on a user's behalf, or null
 * when it is. Public means a global unicast address: not loopback, unspecified, link-local,
 * private (RFC 1918), shared (100.64/10), unique local (fc00::/7), multicast, broadcast,
 * reserved or documentation ranges. IPv6 forms that carry an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the address they carry.
 */
export function nonPublicReason(addr: IpAddress): string | null {
  if (addr.kind() === 'ipv4') {
    const range = addr.range();
    return range === 'unicast'
      ? null
      : (RANGE_WORDS[range] ?? `a special-purpose address (${range})`);
  }
  const v6 = addr as ipaddr.IPv6;
  const carried = embeddedIpv4(v6);
  if (carried) {
    const inner = nonPublicReason(carried);
    return inner ? `an IPv6 form of ${inner.replace(/^an? /, '')}` : null;
  }
  const range = v6.range();
  if (range !== 'unicast') return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
  if (!v6.match(GLOBAL_UNICAST_V6)) return 'an unallocated IPv6 address';
  return null;
}

/** The IPv4 address inside an IPv6 address of a form that carries one, or null. */
function embeddedIpv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  const zeros = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (RFC 6145 translated)
  if (zeros(0, 5) && p[5] === 0xffff) return v4(p[6], p[7]);
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return v4(p[6], p[7]);
  // ::a.b.c.d (IPv4-compatible, deprecated); :: and ::1 are judged as themselves.
  if (zeros(0, 6) && (p[6] !== 0 || p[7] > 1)) return v4(p[6], p[7]);
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix)
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return v4(p[6], p[7]);
  // 2002:aabb:ccdd::/48 (6to4)
  if (p[0] === 0x2002) return v4(p[1], p[2]);
  return null;
}
