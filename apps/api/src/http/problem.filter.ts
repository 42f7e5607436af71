import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  Optional,
} from '@nestjs/common';
import {
  AppError,
  ForbiddenError,
  TooManyRequestsError,
  UnavailableError,
  ValidationFailedError,
  type ErrorCode,
} from '@witness/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, statusTitle } from './problem';
import { WebErrorPages } from '../web/web-errors';
import { isWebRequest } from '../web/web-session';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  incomplete: 422,
  precondition_required: 428,
  too_many_requests: 429,
  unavailable: 503,
};

const TITLE_BY_CODE: Record<ErrorCode, string> = {
  validation_failed: 'Your request has invalid fields',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict with the current state',
  precondition_failed: 'Changed by someone else',
  incomplete: 'Something required is missing',
  precondition_required: 'Version required',
  too_many_requests: 'Too many requests',
  unavailable: 'Temporarily unavailable',
};

/** PostgreSQL error classes that mean "the database is not reachable right now". */
const PG_UNAVAILABLE = /^(08|53|57P0[1-3])/;
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * The one place errors become HTTP answers: every 4xx and 5xx is `application/problem+json`
 * with the request id. Domain errors map by code; a 5xx says nothing of internals (the
 * details go to the log under the same request id).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  /** Absent where the filter is used outside the app module (bull-board, metrics). */
  constructor(@Optional() private readonly webPages?: WebErrorPages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, req);
    if (problem.status >= 500 && problem.status !== 503) {
      this.logger.error({ err: exception, reqId: req.id }, 'unhandled error');
    } else if (problem.status === 503) {
      this.logger.warn({ err: describe(exception), reqId: req.id }, 'dependency unavailable');
    }
    const retryAfter =
      exception instanceof TooManyRequestsError
        ? exception.retryAfterSeconds
        : exception instanceof UnavailableError
          ? exception.retryAfterSeconds
          : problem.status === 503
            ? 5
            : undefined;
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    if (reply.sent) return;
    const page = isWebRequest(req) ? problem : missingPage(req, problem);
    if (this.webPages && page) {
      try {
        if (await this.webPages.send(req, reply, page)) return;
      } catch (err) {
        this.logger.error({ err, reqId: req.id }, 'error page failed');
        if (reply.sent) return;
      }
    }
    void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  toProblem(exception: unknown, req: FastifyRequest): Problem {
    const base = { instance: req.url.split('?')[0], requestId: String(req.id) };

    if (exception instanceof AppError) {
      const status = STATUS_BY_CODE[exception.code];
      return {
        type: problemType(exception.code),
        title: TITLE_BY_CODE[exception.code],
        status,
        detail: exception.message,
        ...base,
        // The fields named: invalid ones (400), or ones the actor may not set (403).
        ...(exception instanceof ValidationFailedError ||
        (exception instanceof ForbiddenError && exception.errors.length)
          ? { errors: exception.errors }
          : {}),
        ...withoutErrors(exception.extra),
      };
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'object' && body !== null && 'message' in body
          ? String(Array.isArray(body.message) ? body.message.join('; ') : body.message)
          : exception.message;
      if (isHealthReport(body)) {
        const down = Object.keys(body.error ?? {});
        return {
          type: problemType('unavailable'),
          title: 'Not ready',
          status,
          detail: `Not ready: ${down.join(', ') || 'a dependency'} ${down.length > 1 ? 'are' : 'is'} down.`,
          ...base,
          checks: body.details,
        };
      }
      return {
        type: status === 404 ? problemType('not_found') : 'about:blank',
        title: statusTitle(status),
        status,
        detail: status === 404 ? `No route for ${req.method} ${base.instance}.` : detail,
        ...base,
      };
    }

    // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx.
    const fst = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fst.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
      return fastifyProblem(fst.statusCode, fst.code ?? '', fst.message ?? '', base);
    }

    if (isUnavailable(exception)) {
      return {
        type: problemType('unavailable'),
        title: TITLE_BY_CODE.unavailable,
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'A service Witness depends on is not answering. Try again in a few seconds.',
        ...base,
      };
    }

    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code ?? '';
      if (code === '22P02' || code === '22007' || code === '22008' || code === '22001') {
        return {
          type: problemType('validation_failed'),
          title: TITLE_BY_CODE.validation_failed,
          status: 400,
          detail: 'A value is not valid for its field.',
          ...base,
        };
      }
      if (code === '23505' || code === '23503' || code === '40001' || code === '40P01') {
        return {
          type: problemType('conflict'),
          title: TITLE_BY_CODE.conflict,
          status: 409,
          detail: 'The change conflicts with the current state of the record. Reload and retry.',
          ...base,
        };
      }
    }

    return {
      type: 'about:blank',
      title: statusTitle(500),
      status: 500,
      detail: 'Something went wrong on our side. Quote the request id when reporting it.',
      ...base,
    };
  }
}

/** The JSON APIs: an unknown address there is problem+json whatever the client accepts. */
const API_PATHS = /^\/(api|public|health|metrics|docs-json|docs-yaml)(\/|\?|$)/;

/**
 * A browser (Accept: text/html) that asked for an address no route has, outside the JSON
 * APIs: the 404 it gets is the web app's error page, worded for a person. Undefined for
 * anything else (a route's own 404, "no such record", stays as it is).
 */
function missingPage(req: FastifyRequest, problem: Problem): Problem | undefined {
  if (problem.status !== 404 || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  if (req.routeOptions?.url !== undefined || API_PATHS.test(req.url)) return undefined;
  if (!/\btext\/html\b/.test(req.headers.accept ?? '')) return undefined;
  return { ...problem, detail: `There is no page at ${problem.instance}.` };
}

/**
 * Fastify's router answers some malformed requests before Nest sees them (a path that does
 * not percent-decode, a path parameter longer than maxParamLength). Given to Fastify as
 * `frameworkErrors`, so these too are problem+json with the request id.
 */
export function sendFrameworkError(
  error: { statusCode?: number; code?: string; message?: string },
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 400;
  const base = { instance: req.url.split('?')[0], requestId: String(req.id) };
  void reply
    .status(status)
    .header('X-Request-Id', String(req.id))
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(fastifyProblem(status, error.code ?? '', error.message ?? '', base));
}

function fastifyProblem(
  status: number,
  code: string,
  message: string,
  base: { instance: string; requestId: string },
): Problem {
  const known: Record<string, string> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but the content type says JSON.',
    FST_ERR_CTP_BODY_TOO_LARGE: 'The body is larger than this server accepts.',
    FST_ERR_CTP_INVALID_MEDIA_TYPE:
      'This content type is not accepted: send application/json (text/csv to the import route).',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length does not match the body.',
    FST_ERR_BAD_URL: 'The URL is not validly percent-encoded.',
    FST_ERR_MAX_PARAM_LENGTH: 'A path segment is longer than this server accepts.',
  };
  let detail = known[code];
  if (!detail && status === 400 && /JSON|Unexpected|token/i.test(message)) {
    detail = 'The body is not valid JSON.';
  }
  if (!detail && /__proto__|constructor/.test(message)) {
    detail = 'The body holds a forbidden key (__proto__ or constructor.prototype).';
  }
  return {
    type: 'about:blank',
    title: statusTitle(status),
    status,
    detail: detail ?? statusTitle(status),
    ...base,
  };
}

function isHealthReport(
  body: unknown,
): body is { status: string; error?: Record<string, unknown>; details: Record<string, unknown> } {
  return typeof body === 'object' && body !== null && 'details' in body && 'status' in body;
}

function isUnavailable(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string } | null;
  if (!err || typeof err !== 'object') return false;
  const code = err.driverError?.code ?? err.code ?? '';
  if (PG_UNAVAILABLE.test(code) || NET_UNAVAILABLE.has(code)) return true;
  // The connection died mid-transaction: TypeORM released its query runner, and the next
  // statement of that (rolled back) transaction says so.
  if (e instanceof QueryRunnerAlreadyReleasedError) return true;
  // The same, seen through the transaction's EntityManager (e.g. a raw query inside it).
  if (e instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const msg = err.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Connection is closed|is not queryable|the database system is (starting up|shutting down)/i.test(
    msg,
  );
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function withoutErrors(extra: Record<string, unknown>): Record<string, unknown> {
  const { errors: _errors, ...rest } = extra;
  return rest;
}
