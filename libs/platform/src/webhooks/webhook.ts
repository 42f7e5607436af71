import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import {
  BlockedAddressError,
  checkWebhookUrl,
  guardedLookup,
  type WebhookTargetPolicy,
} from './webhook-target';

/**
 * Outgoing webhooks, signed like Stripe's: header `Witness-Signature: t=<unix seconds>,v1=<hex>`
 * where v1 = HMAC-SHA256(secret, `${t}.${body}`). Receivers recompute it over the raw body and
 * refuse timestamps outside a window, so a captured request cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'Witness-Signature';
export const DELIVERY_HEADER = 'Witness-Delivery';
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * A webhook POST that did not succeed. `message` is short and generic ("the receiver answered
 * HTTP 500", "address not allowed", "timed out"): it is stored on the delivery and shown to
 * people. `detail` says more for the log (never the URL, which may embed a token, nor what
 * the receiver answered).
 */
export class WebhookError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** Hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signWebhook(secret, timestamp, body)}`;
}

/**
 * Check a `t=<unix seconds>,v1=<hex>` header against the raw body: a matching v1 (several are
 * allowed, for secret rotation) and a timestamp within `toleranceSec` of `now`.
 */
export function verifyWebhook(
  secret: string,
  header: string | undefined | null,
  body: string,
  now: Date,
  toleranceSec = 300,
): boolean {
  if (typeof header !== 'string' || header.length > 2048) return false;
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return false;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return false;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return false;
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  const nowSec = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(nowSec) || Math.abs(nowSec - timestamp) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'hex');
  // Compare against every candidate, without stopping early.
  let ok = false;
  for (const sig of signatures) ok = timingSafeEqual(sig, expected) || ok;
  return ok;
}

/**
 * POST `payload` as signed JSON to a URL the policy allows (webhook-target.ts), connecting
 * only to addresses checked after resolution. Resolves on 2xx; throws `WebhookError` on any
 * other status (the response body is never read), a refused address, a timeout or a network
 * error. Redirects are not followed: a 3xx is a failure.
 */
export async function postWebhook(
  url: string,
  secret: string,
  payload: object,
  now: Date,
  opts: { policy: WebhookTargetPolicy; timeoutMs?: number; id?: string },
): Promise<{ status: number }> {
  const checked = checkWebhookUrl(url, opts.policy);
  if (!checked.ok) {
    throw new WebhookError(
      checked.kind === 'url' ? 'webhook URL not allowed' : 'address not allowed',
      undefined,
      { reason: checked.reason },
    );
  }
  const target = checked.url;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
    'User-Agent': 'Witness-Webhooks/1',
    [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body.toString('utf8')),
  };
  if (opts.id) headers[DELIVERY_HEADER] = opts.id;
  const where = { host: target.hostname };

  const status = await new Promise<number>((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers,
        // A fresh connection each time, resolved by the guard: a pooled socket would skip it.
        agent: false,
        lookup: guardedLookup(opts.policy, checked.listed),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // Free the connection without reading what the receiver said.
        res.destroy();
        resolve(res.statusCode ?? 0);
      },
    );
    request.on('error', (e) => reject(describeRequestError(e, timeoutMs, where)));
    request.end(body);
  });
  if (status < 200 || status > 299) {
    throw new WebhookError(`the receiver answered HTTP ${status}`, status, { ...where, status });
  }
  return { status };
}

function describeRequestError(
  e: unknown,
  timeoutMs: number,
  where: { host: string },
): WebhookError {
  const err = e as (Error & { code?: string; address?: string; why?: string }) | undefined;
  if (err instanceof BlockedAddressError) {
    return new WebhookError('address not allowed', undefined, {
      ...where,
      address: err.address,
      reason: err.why,
    });
  }
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return new WebhookError('timed out', undefined, { ...where, timeoutMs });
  }
  const code = err?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new WebhookError('host name not found', undefined, { ...where, code });
  }
  return new WebhookError('could not connect to the receiver', undefined, { ...where, code });
}
