import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers on every answer (the web pages and document downloads set a
 * stricter Content-Security-Policy of their own, which wins). helmet's middleware is built
 * once, here: @fastify/helmet, used before, rebuilt it on every request, CSP parsing
 * included, which was about 7% of the api's CPU on a case-detail request.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const apply = helmet(options);
  fastify.addHook('onRequest', (req, reply, done) => {
    apply(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}
