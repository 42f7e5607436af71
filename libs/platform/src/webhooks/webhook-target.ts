import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { AddressList, normaliseHostName, parseIp, type IpAddress } from '../net/address-list';
import { nonPublicReason } from '../net/public-address';

/**
 * Where webhooks may go. A webhook URL is typed by any signed-in person, and Witness POSTs to
 * it from inside the operator's network: without these rules it would reach the database
 * host, the cloud's metadata service or an admin console (server-side request forgery).
 *
 * - http or https, and https only in production;
 * - the host is a public address, or a host name that is not an internal one (`localhost`,
 *   single-label names, `.internal`, `.local`...) and that resolves only to public addresses
 *   at the moment of delivery (checked on the address actually connected to, so a name that
 *   changes its answer between the check and the connection, DNS rebinding, gets nowhere);
 * - unless the operator lists the host, or a range holding its address, in
 *   WEBHOOK_ALLOW_HOSTS (an internal chat server, a test receiver). A listed host may also
 *   use plain http in production: the operator vouches for that network path.
 */
export interface WebhookTargetPolicy {
  httpsOnly: boolean;
  allow: AddressList;
  /** Every address a name resolves to (the system resolver unless a test gives its own). */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

const systemResolve = (hostname: string): Promise<LookupAddress[]> =>
  dns.lookup(hostname, { all: true, verbatim: true });

export function webhookTargetPolicy(env: {
  NODE_ENV: string;
  WEBHOOK_ALLOW_HOSTS?: string;
}): WebhookTargetPolicy {
  return {
    httpsOnly: env.NODE_ENV === 'production',
    allow: AddressList.parse(env.WEBHOOK_ALLOW_HOSTS, { hostNames: true }),
  };
}

/** Name suffixes that only ever mean a machine inside some private network. */
const INTERNAL_SUFFIXES = [
  'localhost',
  'localdomain',
  'local',
  'internal',
  'intranet',
  'lan',
  'home.arpa',
];

export type CheckedWebhookUrl =
  | {
      ok: true;
      url: URL;
      /** The host as connected to: an IP literal's address, or the name to resolve. */
      host: { address: IpAddress } | { name: string };
      /** The operator listed the host (or its address): its resolved addresses are not judged. */
      listed: boolean;
    }
  | {
      ok: false;
      /** `url`: the scheme; `address`: where it points. */
      kind: 'url' | 'address';
      reason: string;
    };

/**
 * Check a webhook URL without touching the network: scheme, and the host as written (the
 * URL parser has already turned `127.1`, `0x7f000001` or `2130706433` into `127.0.0.1`).
 * `reason` completes a sentence about the field ("webhookUrl must ...").
 */
export function checkWebhookUrl(text: string, policy: WebhookTargetPolicy): CheckedWebhookUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, kind: 'url', reason: 'must be an http or https URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, kind: 'url', reason: 'must be an http or https URL' };
  }
  const address = parseIp(url.hostname);
  const name = address ? null : normaliseHostName(url.hostname);
  const listed = address
    ? policy.allow.containsAddress(address)
    : policy.allow.containsName(name as string);
  if (policy.httpsOnly && url.protocol !== 'https:' && !listed) {
    return { ok: false, kind: 'url', reason: 'must use https' };
  }
  if (address) {
    const why = listed ? null : nonPublicReason(address);
    if (why) {
      return {
        ok: false,
        kind: 'address',
        reason: `must point to a public address: ${address.toString()} is ${why}`,
      };
    }
    return { ok: true, url, host: { address }, listed };
  }
  const host = name as string;
  if (!listed && (!host.includes('.') || INTERNAL_SUFFIXES.some((s) => isUnder(host, s)))) {
    return {
      ok: false,
      kind: 'address',
      reason: `must point to a public host: ${host} is a name inside a private network`,
    };
  }
  return { ok: true, url, host: { name: host }, listed };
}

function isUnder(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** A resolved address that the policy refuses: the connection is never opened. */
export class BlockedAddressError extends Error {
  readonly code = 'EWEBHOOKBLOCKED';
  constructor(
    readonly address: string,
    readonly why: string,
  ) {
    super(`address not allowed: ${address} is ${why}`);
    this.name = 'BlockedAddressError';
  }
}

/** The first address in `addresses` that the policy refuses, with why; null if none. */
export function refusedAddress(
  addresses: readonly string[],
  policy: WebhookTargetPolicy,
): { address: string; why: string } | null {
  for (const text of addresses) {
    const addr = parseIp(text);
    if (!addr) return { address: text, why: 'not an IP address' };
    if (policy.allow.containsAddress(addr)) continue;
    const why = nonPublicReason(addr);
    if (why) return { address: addr.toString(), why };
  }
  return null;
}

/**
 * A `lookup` for the socket of one webhook delivery: resolves the name, refuses the whole
 * connection if any answer is not allowed (an attacker's name may mix a public and an
 * internal address), and hands the socket exactly the addresses it checked. The check and
 * the connection use the same answer, so DNS rebinding cannot slip between them. A listed
 * host name is trusted with whatever it resolves to.
 */
export function guardedLookup(policy: WebhookTargetPolicy, listed: boolean): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return ((hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (found) => {
        // Every answer is judged, also those of the family not asked for.
        const refused = listed
          ? null
          : refusedAddress(
              found.map((a) => a.address),
              policy,
            );
        if (refused) return callback(new BlockedAddressError(refused.address, refused.why), '', 0);
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const answers = found.filter((a) => !family || a.family === family);
        if (answers.length === 0) {
          return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
        }
        if (options.all) return (callback as unknown as AllCallback)(null, answers);
        return callback(null, answers[0].address, answers[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  }) as LookupFunction;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;
type AllCallback = (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

/**
 * Check a URL as it would be delivered to now, resolving its name (used when it is saved,
 * for a clear answer at once; delivery checks again). A name that does not resolve, or not
 * in time, is not refused here: it may exist by the time a reminder goes out.
 */
export async function checkWebhookTarget(
  text: string,
  policy: WebhookTargetPolicy,
  options: { resolveTimeoutMs?: number } = {},
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const checked = checkWebhookUrl(text, policy);
  if (!checked.ok) return checked;
  if (checked.listed || !('name' in checked.host)) return { ok: true };
  const name = checked.host.name;
  let timer: NodeJS.Timeout | undefined;
  const answers = await Promise.race([
    (policy.resolve ?? systemResolve)(name).then(
      (found) => found.map((a) => a.address),
      () => [],
    ),
    new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), options.resolveTimeoutMs ?? 2000);
    }),
  ]).finally(() => clearTimeout(timer));
  const refused = refusedAddress(answers, policy);
  return refused
    ? {
        ok: false,
        reason: `must point to a public host: ${name} resolves to ${refused.address}, ${refused.why}`,
      }
    : { ok: true };
}
