import { AddressList } from '@witness/platform';

/**
 * Fastify's `trustProxy` from TRUST_PROXY: false (trust no forwarded header) when unset,
 * else a test of each hop's address against the listed addresses and ranges. Fastify walks
 * X-Forwarded-For from the socket back, skipping trusted hops; the first untrusted address
 * is the client. X-Forwarded-Proto and -Host count only when the socket's peer is trusted.
 */
export function trustedProxies(spec: string | undefined): false | ((address: string) => boolean) {
  const list = AddressList.parse(spec, { hostNames: false });
  if (list.isEmpty) return false;
  return (address: string) => list.containsAddress(address);
}
