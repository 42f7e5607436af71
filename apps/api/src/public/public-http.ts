import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Everything under this prefix is the unauthenticated public feed. */
export const PUBLIC_PREFIX = '/public/';

export function isPublicPath(url: string): boolean {
  return url.startsWith(PUBLIC_PREFIX);
}

/** Strong ETag over the exact bytes of a body. */
export function bodyEtag(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;
}

/** Does `If-None-Match` name this ETag (weak comparison, as RFC 9110 asks for GET), or `*`? */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (raw.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const want = strip(etag);
  return raw.split(',').some((t) => strip(t) === want);
}

/**
 * Send a public body with its ETag and Cache-Control, or 304 when the client already has it.
 */
export function sendCacheable(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string,
  contentType: string,
  maxAgeSeconds: number,
): FastifyReply {
  const etag = bodyEtag(body);
  void reply.header('ETag', etag).header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.status(200).header('Content-Type', contentType).send(body);
}

/**
 * CORS for the public feed only, separate from the API's (`CORS_ORIGINS`, with credentials):
 * the configured origins (or `*`) may read /public/* from a browser, never with credentials;
 * other origins get no CORS headers at all. Preflight (OPTIONS) is answered here, 204. The
 * onSend hook has the last word on every /public answer (errors too), so the API's CORS
 * never leaks credentials onto the public paths. Public answers also allow cross-origin
 * embedding (Cross-Origin-Resource-Policy) and errors are never cached.
 */
export function registerPublicHttp(fastify: FastifyInstance, origins: string | undefined): void {
  const list = (origins ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  const any = list.includes('*');
  const allowed = new Set(list);
  const allowOrigin = (origin: string | undefined): string | null => {
    if (!origin) return null;
    if (any) return '*';
    return allowed.has(origin) ? origin : null;
  };
  const varyOrigin = !any && allowed.size > 0;

  const CORS_HEADERS = [
    'access-control-allow-origin',
    'access-control-allow-credentials',
    'access-control-allow-methods',
    'access-control-allow-headers',
    'access-control-expose-headers',
    'access-control-max-age',
  ];

  fastify.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'OPTIONS' || !isPublicPath(req.url)) return;
    // Preflight; the headers are set on the way out (onSend), whoever answered it.
    await reply.status(204).send();
    return reply;
  });

  fastify.addHook('onSend', async (req, reply, payload) => {
    if (!isPublicPath(req.url)) return payload;
    // Drop whatever the API's CORS set, in Fastify's map and on the raw response (Nest's
    // adapter copies its CORS headers there).
    for (const name of CORS_HEADERS) {
      void reply.removeHeader(name);
      if (!reply.raw.headersSent) reply.raw.removeHeader(name);
    }
    const allow = allowOrigin(req.headers.origin);
    if (allow && req.method === 'OPTIONS') {
      void reply
        .header('Access-Control-Allow-Origin', allow)
        .header('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
        .header('Access-Control-Allow-Headers', 'If-None-Match')
        .header('Access-Control-Max-Age', '600');
    } else if (allow) {
      void reply
        .header('Access-Control-Allow-Origin', allow)
        .header('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
    }
    if (varyOrigin) {
      const vary = String(reply.getHeader('Vary') ?? '');
      if (!/(^|,)\s*origin\s*(,|$)/i.test(vary)) {
        void reply.header('Vary', vary ? `${vary}, Origin` : 'Origin');
      }
    }
    void reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (reply.statusCode >= 400) void reply.header('Cache-Control', 'no-store');
    return payload;
  });
}

/**
 * Send an image (a profile's photo) with its ETag, `nosniff`, a CSP that runs nothing even
 * if opened as a page, and the given Cache-Control; 304 when the client already has it.
 * Used by the feed (public, short max-age) and by the staff preview (private, no-store).
 */
export function sendImage(
  req: FastifyRequest,
  reply: FastifyReply,
  image: { body: Buffer; contentType: string; etag: string },
  cacheControl: string,
): FastifyReply {
  void reply
    .header('ETag', image.etag)
    .header('Cache-Control', cacheControl)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox");
  if (ifNoneMatchHits(req.headers['if-none-match'], image.etag)) return reply.status(304).send();
  return reply
    .status(200)
    .header('Content-Type', image.contentType)
    .header('Content-Length', String(image.body.length))
    .send(image.body);
}
