import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Env } from '@witness/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readMultipart, type MultipartUpload } from '../documents/multipart';

/** The web app's session cookie: the same opaque session token the API issues as a bearer. */
export const SESSION_COOKIE = 'witness_session';
/** Double-submit token for the sign-in form, the one form posted before there is a session. */
export const LOGIN_CSRF_COOKIE = 'witness_login_csrf';
/** The language chosen in the browser (also before signing in): en, fr or es. */
export const LANGUAGE_COOKIE = 'witness_lang';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const WEB_PREFIX = '/app';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request for the web app (cookie session, HTML answers) rather than the JSON API. */
export function isWebRequest(req: { url: string }): boolean {
  return (
    req.url === WEB_PREFIX ||
    req.url.startsWith(`${WEB_PREFIX}/`) ||
    req.url.startsWith(`${WEB_PREFIX}?`)
  );
}

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

/**
 * The CSRF token of a session: an HMAC of a fixed label under the session token. It needs no
 * storage, is fixed for the session's life, and cannot be computed without the token, which
 * only the HttpOnly cookie holds.
 */
export function csrfFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('witness-csrf-v1').digest('base64url');
}

export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The token a state-changing request presents: the form field, else the header (fetch). */
export function presentedCsrf(req: FastifyRequest): unknown {
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return field ?? req.headers[CSRF_HEADER];
}

/**
 * A web form's multipart/form-data body (an upload), read once: the text fields and the file,
 * or why it could not be read, with the text fields read before the failure.
 */
export type WebUpload =
  | { ok: true; fields: Record<string, string>; file: MultipartUpload['file'] }
  | { ok: false; fields: Record<string, string>; error: unknown };

const WEB_UPLOAD = Symbol('witness.webUpload');

/** Read an upload form's body, once per request (the guard may have read it already). */
export function readWebUpload(req: FastifyRequest): Promise<WebUpload> {
  const holder = req as FastifyRequest & { [WEB_UPLOAD]?: Promise<WebUpload> };
  if (!holder[WEB_UPLOAD]) {
    const fields: Record<string, string> = {};
    holder[WEB_UPLOAD] = readMultipart(req, fields).then(
      (u): WebUpload => ({ ok: true, fields: u.fields, file: u.file }),
      (error: unknown): WebUpload => ({ ok: false, fields, error }),
    );
  }
  return holder[WEB_UPLOAD];
}

/**
 * The CSRF token of a state-changing web request. An upload form (multipart/form-data) has
 * its `_csrf` field inside a body that no parser reads ahead of the handler: unless the page's
 * script sent X-CSRF-Token, the body is read here, after the session was authenticated, and
 * kept for the handler (`readWebUpload`). The form puts `_csrf` before the file, so a file
 * refused as too large still has its token read, and its refusal shown as a page.
 */
export async function presentedWebCsrf(req: FastifyRequest): Promise<unknown> {
  if (req.headers[CSRF_HEADER] === undefined && req.isMultipart()) {
    return (await readWebUpload(req)).fields[CSRF_FIELD];
  }
  return presentedCsrf(req);
}

/**
 * A cross-site request carries another Origin (or, lacking one, Referer): refused whatever
 * the token. Same-origin forms send the page's own origin.
 */
export function crossOrigin(req: FastifyRequest): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  if (typeof source !== 'string' || source === '' || source === 'null') return source === 'null';
  try {
    return new URL(source).host !== req.headers.host;
  } catch {
    return true;
  }
}

export function newLoginCsrf(): string {
  return randomBytes(24).toString('base64url');
}

/** Whether a cookie set on this answer carries `Secure` (WEB_COOKIE_SECURE). */
export function secureCookie(req: FastifyRequest, mode: Env['WEB_COOKIE_SECURE']): boolean {
  return mode === 'always' || (mode === 'auto' && req.protocol === 'https');
}

/**
 * A browser-session cookie (no Expires): it goes when the browser closes, and the server
 * ends the session itself (idle timeout, absolute end, sign-out), whatever the cookie says.
 */
export function setSessionCookie(
  reply: FastifyReply,
  req: FastifyRequest,
  token: string,
  mode: Env['WEB_COOKIE_SECURE'],
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: WEB_PREFIX,
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(req, mode),
  });
}

/** Remember a chosen language in this browser for a year (it is no secret, only a preference). */
export function setLanguageCookie(
  reply: FastifyReply,
  req: FastifyRequest,
  language: string,
  mode: Env['WEB_COOKIE_SECURE'],
): void {
  void reply.setCookie(LANGUAGE_COOKIE, language, {
    path: WEB_PREFIX,
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(req, mode),
    maxAge: 365 * 24 * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: WEB_PREFIX });
}

export function setLoginCsrfCookie(
  reply: FastifyReply,
  req: FastifyRequest,
  value: string,
  mode: Env['WEB_COOKIE_SECURE'],
): void {
  void reply.setCookie(LOGIN_CSRF_COOKIE, value, {
    path: `${WEB_PREFIX}/login`,
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(req, mode),
    maxAge: 3600,
  });
}

/** A `next` address to return to after sign-in: only a path inside the web app. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string') return WEB_PREFIX;
  if (!/^\/app(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(next) || next.startsWith('//')) return WEB_PREFIX;
  if (next.startsWith(`${WEB_PREFIX}/login`)) return WEB_PREFIX;
  return next;
}
