import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every answer that is not a page: JSON, problem+json, CSV,
 * iCalendar, Atom, files. Such an answer never needs to run or load anything, so if a browser
 * is ever tricked into rendering one as a document, nothing in it runs and no site can frame it.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The policy of the two bundled tool UIs, the Swagger UI (/docs) and Bull Board
 * (/admin/queues): their own scripts and styles from this origin (both put inline styles in
 * their markup), their images and data: icons, and calls back to this origin. No inline
 * script. (The web app's pages send their own, stricter policy: views.ts.)
 */
export const TOOL_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether a request URL is under one of the path prefixes (`/docs`, not `/docs-json`). */
export function underPrefix(url: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
}

/**
 * helmet's security headers on every answer, errors included, and a Content-Security-Policy
 * chosen by path: API_CSP by default, TOOL_UI_CSP under `toolUiPrefixes`. Pages and document
 * downloads set a policy of their own, which replaces this one. helmet's middleware is built
 * once, here: @fastify/helmet, used before, rebuilt it on every request, CSP parsing
 * included, which was about 7% of the api's CPU on a case-detail request.
 */
export function registerSecurityHeaders(
  fastify: FastifyInstance,
  options: { toolUiPrefixes: readonly string[] },
): void {
  const apply = helmet({ contentSecurityPolicy: false });
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.raw.setHeader(
      'Content-Security-Policy',
      underPrefix(req.url, options.toolUiPrefixes) ? TOOL_UI_CSP : API_CSP,
    );
    apply(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}
