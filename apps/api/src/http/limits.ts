import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UnavailableError } from '@witness/platform';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';
import { ProblemFilter } from './problem.filter';

/** Longer URLs are refused with 414 (no route needs more than a few hundred characters). */
export const MAX_URL_LENGTH = 8192;

/** More query parameters are refused with 400 (no route takes more than a dozen). */
export const MAX_QUERY_PARAMS = 100;

/**
 * How often Node looks for requests past HTTP_REQUEST_TIMEOUT_MS (it checks on an interval,
 * 30 s by default, so a slow client could otherwise hold a socket up to twice the timeout).
 */
export function connectionsCheckingInterval(requestTimeoutMs: number): number {
  return Math.min(30_000, Math.max(250, Math.floor(requestTimeoutMs / 4)));
}

function countParams(url: string, from: number): number {
  let n = 0;
  let start = from;
  for (let i = from; i <= url.length; i++) {
    if (i === url.length || url.charCodeAt(i) === 38 /* & */) {
      if (i > start) n++;
      start = i + 1;
    }
  }
  return n;
}

function refuse(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: { field: string; message: string }[],
): FastifyReply {
  return reply
    .status(status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send({
      type: errors ? problemType('validation_failed') : 'about:blank',
      title: errors ? 'Your request has invalid fields' : (STATUS_CODES[status] ?? 'Error'),
      status,
      detail,
      instance: (req.raw.url ?? '').split('?')[0].slice(0, 200),
      requestId: String(req.id),
      ...(errors ? { errors } : {}),
    });
}

/** A problem+json answer written straight to a socket that has no response under way. */
function writeRawProblem(socket: Socket, status: number, detail: string): void {
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
}

/** The 503 of a request past the timeout: the problem ProblemFilter makes of an UnavailableError. */
const problems = new ProblemFilter();
function writeTimeoutProblem(req: FastifyRequest, res: FastifyReply['raw']): void {
  const error = new UnavailableError('The request took too long.', 1);
  const body = JSON.stringify(problems.toProblem(error, req));
  res.writeHead(503, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'Retry-After': String(error.retryAfterSeconds),
    'X-Request-Id': String(req.id),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * Refuse a too-long URL (414) or a flood of query parameters (400) before routing, parsing
 * into DTOs or validation spend anything on them. Bound every request by `requestTimeoutMs`:
 * - a client still sending its body then is cut off (408). Node's own requestTimeout stops
 *   applying once the headers are in, so a client trickling its body a byte a second would
 *   otherwise hold the socket (and a request in flight) for as long as it likes;
 * - a request whose answer has not started then gets 503 with Retry-After (its work is not
 *   cancelled; its late answer is dropped). A download already streaming is not cut.
 *
 * One timer per request, answering straight on the response: not a Nest interceptor (any
 * interceptor puts every request through rxjs and AsyncResource.bind, about a sixth of the
 * framework's cost per request), and not Fastify's handlerTimeout (its error path crashed a
 * test process: "cb is not a function" in fallbackErrorHandler).
 */
export function registerRequestLimits(
  fastify: FastifyInstance,
  options: { requestTimeoutMs: number },
): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    const raw = req.raw;
    const res = reply.raw;
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded || res.destroyed) return;
      // `complete` is false while Node's parser still expects body bytes (inject has none).
      if (raw.complete === false && raw.socket) {
        writeRawProblem(raw.socket, 408, 'The request body was not received in time.');
        raw.socket.destroy();
        return;
      }
      writeTimeoutProblem(req, res);
    }, options.requestTimeoutMs);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    done();
  });
  fastify.addHook('onRequest', async (req, reply) => {
    const url = req.raw.url ?? '';
    if (url.length > MAX_URL_LENGTH) {
      return refuse(req, reply, 414, `The URL is longer than ${MAX_URL_LENGTH} characters.`);
    }
    const q = url.indexOf('?');
    if (q >= 0 && countParams(url, q + 1) > MAX_QUERY_PARAMS) {
      return refuse(req, reply, 400, `At most ${MAX_QUERY_PARAMS} query parameters are accepted.`, [
        { field: 'query', message: `must have at most ${MAX_QUERY_PARAMS} parameters` },
      ]);
    }
  });
}

/**
 * Errors Node's HTTP parser raises before there is a request (headers too large, a request
 * not received within HTTP_REQUEST_TIMEOUT_MS, malformed HTTP): answered problem+json and
 * the connection closed, as Fastify's default does with plain JSON.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time.']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request line and headers are larger than this server accepts.']
        : [400, 'The request is not valid HTTP.'];
  writeRawProblem(socket, status, detail);
  socket.destroy(err);
}
