import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * An IP address from text, in any form a URL parser or a resolver may produce (`127.1`,
 * `0x7f000001`, `[::1]`, `::ffff:7f00:1`), or null. An IPv4-mapped IPv6 address
 * (`::ffff:a.b.c.d`) is returned as the IPv4 address it carries, so a rule written for
 * `127.0.0.1` also holds for it.
 */
export function parseIp(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes('%')) return null; // IPv6 zone ids: never a place to send anything
  if (!ipaddr.isValid(bare)) return null;
  const addr = ipaddr.parse(bare);
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()
    ? (addr as ipaddr.IPv6).toIPv4Address()
    : addr;
}

/** A host name as written in a list or a URL: lower case, without the root's trailing dot. */
export function normaliseHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

/**
 * A comma-separated list of IP addresses and CIDR ranges (`127.0.0.1, 10.0.0.0/8, ::1,
 * fd00::/8`), and, where the list allows them, host names. Built once from configuration
 * (TRUST_PROXY, WEBHOOK_ALLOW_HOSTS); `problems` says what is wrong with each bad entry.
 */
export class AddressList {
  private constructor(
    private readonly ranges: readonly [IpAddress, number][],
    private readonly names: ReadonlySet<string>,
    readonly problems: readonly string[],
  ) {}

  static readonly EMPTY = new AddressList([], new Set(), []);

  static parse(spec: string | undefined, options: { hostNames: boolean }): AddressList {
    const ranges: [IpAddress, number][] = [];
    const names = new Set<string>();
    const problems: string[] = [];
    for (const raw of (spec ?? '').split(',')) {
      const entry = raw.trim();
      if (!entry) continue;
      const slash = entry.indexOf('/');
      if (slash >= 0) {
        const base = parseIp(entry.slice(0, slash));
        const bits = /^\d{1,3}$/.test(entry.slice(slash + 1)) ? Number(entry.slice(slash + 1)) : -1;
        const max = base?.kind() === 'ipv6' ? 128 : 32;
        if (!base || bits < 0 || bits > max) {
          problems.push(`"${entry}" is not an address range (like 10.0.0.0/8 or fd00::/8)`);
        } else {
          ranges.push([base, bits]);
        }
        continue;
      }
      const addr = parseIp(entry);
      if (addr) {
        ranges.push([addr, addr.kind() === 'ipv6' ? 128 : 32]);
        continue;
      }
      const name = normaliseHostName(entry);
      if (options.hostNames && HOST_NAME.test(name) && !/^[\d.]+$/.test(name)) {
        names.add(name);
      } else {
        problems.push(
          options.hostNames
            ? `"${entry}" is neither an address, an address range nor a host name`
            : `"${entry}" is neither an address nor an address range (like 10.0.0.0/8)`,
        );
      }
    }
    return new AddressList(ranges, names, problems);
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0 && this.names.size === 0;
  }

  /** Whether the address (any textual form, or parsed) is in one of the ranges. */
  containsAddress(address: string | IpAddress): boolean {
    const addr = typeof address === 'string' ? parseIp(address) : address;
    if (!addr) return false;
    return this.ranges.some(
      ([base, bits]) => base.kind() === addr.kind() && addr.match(base as never, bits),
    );
  }

  /** Whether this exact host name (case and a trailing dot aside) is listed. */
  containsName(name: string): boolean {
    return this.names.has(normaliseHostName(name));
  }
}
