import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthService } from '@witness/domain';
import { AuditService, ForbiddenError, QueueName, UnauthenticatedError } from '@witness/platform';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Policy } from '../auth/policy.decorators';
import { ProblemFilter } from '../http/problem.filter';

export const BULL_BOARD_PATH = '/admin/queues';
/** Who may use Bull Board: its pages, assets and API (it is mounted outside Nest's guard). */
export const BULL_BOARD_POLICY = { roles: ['admin'] } as const satisfies Policy;

/**
 * Bull Board at /admin/queues, for admins only: every request (page, assets, its API)
 * must carry an admin's bearer token. Denials are audited like any other.
 */
export async function mountBullBoard(app: NestFastifyApplication): Promise<void> {
  // Queue objects reconnect on their own; log their connection errors once a minute
  // (through pino) instead of letting BullMQ print each one.
  const logger = new Logger('queues');
  let lastLogged = 0;
  for (const name of Object.values(QueueName)) {
    app.get<Queue>(getQueueToken(name)).on('error', (err: Error) => {
      if (Date.now() - lastLogged > 60_000) {
        lastLogged = Date.now();
        logger.warn(`queue connection: ${err.message}`);
      }
    });
  }
  const board = new BoardAdapter();
  board.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: false }),
    ),
    serverAdapter: board,
  });
  const auth = app.get(AuthService);
  const audit = app.get(AuditService);
  const problems = new ProblemFilter();
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        const header = req.headers.authorization;
        const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        if (!match)
          throw new UnauthenticatedError(
            'Sign in as an admin: send Authorization: Bearer <token>.',
          );
        const actor = await auth.authenticate(match[1], { ip: req.ip, requestId: String(req.id) });
        const allowed: readonly string[] = BULL_BOARD_POLICY.roles;
        if (!allowed.includes(actor.role) || actor.mfaPending) {
          await audit.record(null, actor, {
            action: 'access.denied',
            entityType: 'route',
            entityId: BULL_BOARD_PATH,
            changes: { reason: `role ${actor.role}` },
          });
          throw new ForbiddenError('Only admins see the queues.');
        }
      } catch (e) {
        const problem = problems.toProblem(e, req);
        return reply
          .status(problem.status)
          .header('Content-Type', 'application/problem+json; charset=utf-8')
          .send(problem);
      }
    });
    await scope.register(board.registerPlugin() as never, { prefix: BULL_BOARD_PATH });
  });
}
