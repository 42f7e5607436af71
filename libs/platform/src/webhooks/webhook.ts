import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Outgoing webhooks, signed like Stripe's: header `Witness-Signature: t=<unix seconds>,v1=<hex>`
 * where v1 = HMAC-SHA256(secret, `${t}.${body}`). Receivers recompute it over the raw body and
 * refuse timestamps outside a window, so a captured request cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'Witness-Signature';
export const DELIVERY_HEADER = 'Witness-Delivery';
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** A webhook POST that did not succeed. Never carries the URL (it may embed a token). */
export class WebhookError extends Error {
  constructor(
    message: string,
    readonly status?: number,
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
 * POST `payload` as signed JSON. Resolves on 2xx; throws `WebhookError` on any other status
 * (message with the status, never the response body), on timeout, or on a network error.
 * Redirects are not followed: a 3xx is a failure.
 */
export async function postWebhook(
  url: string,
  secret: string,
  payload: object,
  now: Date,
  opts: { timeoutMs?: number; id?: string } = {},
): Promise<{ status: number }> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new WebhookError('Webhook URL is not a valid URL');
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new WebhookError('Webhook URL must be http(s)');
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'Witness-Webhooks/1',
    [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
  };
  if (opts.id) headers[DELIVERY_HEADER] = opts.id;

  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new WebhookError(describeFetchError(e, timeoutMs));
  }
  // Free the connection without reading what the receiver said.
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status > 299) {
    throw new WebhookError(`Webhook answered HTTP ${res.status}`, res.status);
  }
  return { status: res.status };
}

function describeFetchError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: string; name?: string } } | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `Webhook timed out after ${timeoutMs} ms`;
  }
  const code = err?.cause?.code ?? err?.cause?.name;
  return `Webhook request failed${code ? ` (${code})` : ''}`;
}
