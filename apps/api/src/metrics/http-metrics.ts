import { NotFoundException } from '@nestjs/common';
import type { Metrics } from '@witness/platform';
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { ProblemFilter } from '../http/problem.filter';

/** The route label of a request that matched no route (never the raw URL). */
export const UNMATCHED_ROUTE = 'unmatched';
export const METRICS_ROUTE = '/metrics';

/**
 * Record every answer's latency and status under its route TEMPLATE (`/api/v1/defenders/:id`):
 * ids and search terms never become label values. With a separate metrics port the main port
 * answers /metrics exactly as it answers an unknown route.
 */
export function registerHttpMetrics(
  fastify: FastifyInstance,
  metrics: Metrics,
  separatePort: boolean,
): void {
  fastify.addHook('onResponse', async (req, reply) => {
    metrics.observeHttp(
      req.method,
      req.routeOptions.url ?? UNMATCHED_ROUTE,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  if (separatePort) {
    const problems = new ProblemFilter();
    fastify.addHook('onRequest', async (req, reply) => {
      if (req.routeOptions.url !== METRICS_ROUTE) return;
      const problem = problems.toProblem(new NotFoundException(), req);
      return reply
        .status(problem.status)
        .header('Content-Type', PROBLEM_CONTENT_TYPE)
        .send(problem);
    });
  }
}
