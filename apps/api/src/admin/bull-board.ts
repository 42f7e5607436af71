import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger, MethodNotAllowedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthService, type AuthenticatedActor } from '@witness/domain';
import {
  AuditService,
  ForbiddenError,
  QueueName,
  UnauthenticatedError,
  type Env,
} from '@witness/platform';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Policy } from '../auth/policy.decorators';
import { ProblemFilter } from '../http/problem.filter';
import {
  crossOrigin,
  CSRF_HEADER,
  csrfFor,
  isSafeMethod,
  sameToken,
  secureCookie,
  SESSION_COOKIE,
  WEB_PREFIX,
} from '../web/web-session';

/** Bull Board for scripts and tools: an admin's bearer token on every request. */
export const BULL_BOARD_PATH = '/admin/queues';
/** Who may use Bull Board: its pages, assets and API (it is mounted outside Nest's guard). */
export const BULL_BOARD_POLICY = { roles: ['admin'] } as const satisfies Policy;

/** The same board in the web app, with the web session (its cookie): admins, read and write. */
export const WEB_BULL_BOARD_PATH = `${WEB_PREFIX}/admin/queues`;
export const WEB_BULL_BOARD_POLICY = { roles: ['admin'] } as const satisfies Policy;

/** A read-only board in the web app, for coordinators (and admins): no retry, no clean. */
export const WEB_QUEUES_VIEW_PATH = `${WEB_PREFIX}/queues`;
export const WEB_QUEUES_VIEW_POLICY = { roles: ['admin', 'coordinator'] } as const satisfies Policy;

/**
 * The board's page runs axios, which sends the value of the XSRF-TOKEN cookie back as
 * X-XSRF-TOKEN on same-origin requests: the cookie holds the session's CSRF token (readable
 * by the page's script, useless without the HttpOnly session cookie it is derived from).
 */
export const BOARD_XSRF_COOKIE = 'XSRF-TOKEN';
export const BOARD_XSRF_HEADER = 'x-xsrf-token';

interface BoardMount {
  path: string;
  policy: { roles: readonly string[] };
  readOnly: boolean;
  /** `bearer`: Authorization header (the API). `cookie`: the web app's session cookie. */
  session: 'bearer' | 'cookie';
}

const MOUNTS: readonly BoardMount[] = [
  { path: BULL_BOARD_PATH, policy: BULL_BOARD_POLICY, readOnly: false, session: 'bearer' },
  { path: WEB_BULL_BOARD_PATH, policy: WEB_BULL_BOARD_POLICY, readOnly: false, session: 'cookie' },
  { path: WEB_QUEUES_VIEW_PATH, policy: WEB_QUEUES_VIEW_POLICY, readOnly: true, session: 'cookie' },
];

type BoardRequest = FastifyRequest & { boardActor?: AuthenticatedActor };

/** A refusal answered as a redirect to the sign-in page (a browser without a session). */
class SignInFirst extends Error {}

/**
 * Bull Board, mounted three times outside Nest's guard, each enforcing its own policy on every
 * request (page, assets, its API): at /admin/queues with an admin's bearer token, and in the
 * web app with the session cookie, read-write for admins (/app/admin/queues) and read-only
 * for coordinators (/app/queues). In the web app a state-changing request must come from the
 * board's own page (same origin, the session's CSRF token). Denials and every change made
 * through a board (retry, promote, clean, pause...) are audited.
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
  for (const mount of MOUNTS) await mountBoard(app, mount);
}

async function mountBoard(app: NestFastifyApplication, mount: BoardMount): Promise<void> {
  const board = new BoardAdapter();
  board.setBasePath(mount.path);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) =>
        new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: mount.readOnly }),
    ),
    serverAdapter: board,
  });
  const auth = app.get(AuthService);
  const audit = app.get(AuditService);
  const cookieMode = app.get(ConfigService<Env, true>).get('WEB_COOKIE_SECURE', { infer: true });
  const problems = new ProblemFilter();

  const token = (req: FastifyRequest): string => {
    if (mount.session === 'cookie') {
      const value = (req.cookies ?? {})[SESSION_COOKIE];
      if (!value) throw new SignInFirst();
      return value;
    }
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match)
      throw new UnauthenticatedError('Sign in as an admin: send Authorization: Bearer <token>.');
    return match[1];
  };

  const deny = async (actor: AuthenticatedActor, reason: string, message: string) => {
    await audit.record(null, actor, {
      action: 'access.denied',
      entityType: 'route',
      entityId: mount.path,
      changes: { reason },
    });
    throw new ForbiddenError(message);
  };

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (req: BoardRequest, reply: FastifyReply) => {
      try {
        const session = token(req);
        let actor: AuthenticatedActor;
        try {
          actor = await auth.authenticate(session, { ip: req.ip, requestId: String(req.id) });
        } catch (e) {
          // An ended web session: back to the sign-in page, as everywhere in the web app.
          if (mount.session === 'cookie' && e instanceof UnauthenticatedError)
            throw new SignInFirst();
          throw e;
        }
        if (!mount.policy.roles.includes(actor.role) || actor.mfaPending) {
          await deny(
            actor,
            `role ${actor.role}`,
            mount.policy.roles.includes('coordinator')
              ? 'Only coordinators and admins see the queues.'
              : 'Only admins see the queues.',
          );
        }
        // The library's read-only mode covers most of its API; this covers all of it.
        if (mount.readOnly && !isSafeMethod(req.method)) {
          throw new MethodNotAllowedException(
            `This board is read-only; changes are made by admins at ${WEB_BULL_BOARD_PATH}.`,
          );
        }
        if (mount.session === 'cookie') {
          if (!isSafeMethod(req.method)) {
            const presented = req.headers[BOARD_XSRF_HEADER] ?? req.headers[CSRF_HEADER];
            if (crossOrigin(req) || !sameToken(presented, csrfFor(session))) {
              await deny(
                actor,
                'csrf token missing or wrong',
                'This request did not come from the queue board. Reload the page and try again.',
              );
            }
          } else {
            void reply.setCookie(BOARD_XSRF_COOKIE, csrfFor(session), {
              path: mount.path,
              httpOnly: false,
              sameSite: 'strict',
              secure: secureCookie(req, cookieMode),
            });
          }
        }
        req.boardActor = actor;
      } catch (e) {
        // As everywhere in the web app, whatever the method.
        if (e instanceof SignInFirst) {
          return reply.redirect(`${WEB_PREFIX}/login?next=${encodeURIComponent(req.url)}`, 303);
        }
        const problem = problems.toProblem(e, req);
        return reply
          .status(problem.status)
          .header('Content-Type', 'application/problem+json; charset=utf-8')
          .send(problem);
      }
    });
    // Every change made through the board (retry, promote, remove, clean, pause, resume...),
    // audited before its answer leaves.
    scope.addHook('onSend', async (req: BoardRequest, reply: FastifyReply, payload: unknown) => {
      if (!isSafeMethod(req.method) && req.boardActor && reply.statusCode < 400) {
        const path = req.url.slice(mount.path.length).split('?')[0];
        const queue = /^\/api\/queues\/([^/]+)/.exec(path)?.[1];
        await audit.record(null, req.boardActor, {
          action: 'queue.changed',
          entityType: 'queue',
          entityId: queue ? decodeURIComponent(queue) : null,
          changes: { method: req.method, path, board: mount.path },
        });
      }
      return payload;
    });
    await scope.register(board.registerPlugin() as never, { prefix: mount.path });
  });
}
