import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

const tables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Keep the list of every route registered from now on (Nest's controllers, the Swagger UI,
 * Bull Board, anything mounted straight on Fastify), as Fastify registers it. The security
 * suite walks it so that a route added without an access rule fails CI.
 */
export function recordRoutes(fastify: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  tables.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}

/** Every route registered since `recordRoutes`, in registration order. */
export function registeredRoutes(fastify: FastifyInstance): readonly RegisteredRoute[] {
  return tables.get(fastify) ?? [];
}
