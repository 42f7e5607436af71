import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Problem } from '../http/problem';
import { Views, type WebRequest } from './views';
import { isSafeMethod, SESSION_COOKIE, WEB_PREFIX } from './web-session';

/**
 * Errors on web-app routes become pages, not problem+json: an ended session returns to the
 * sign-in page with the address kept; a session still owing its second factor goes to
 * enrolment; anything else is an error page with the request id. Requests made by the
 * page's own script (`X-Requested-With: fetch`) keep problem+json, and so do the pickers'
 * JSON searches (/app/pick/...) but for a missing session, which goes to the sign-in page
 * like every other /app address.
 */
@Injectable()
export class WebErrorPages {
  constructor(private readonly views: Views) {}

  async send(req: WebRequest, reply: FastifyReply, problem: Problem): Promise<boolean> {
    if (req.headers['x-requested-with'] === 'fetch') return false;
    if (problem.status !== 401 && req.url.startsWith(`${WEB_PREFIX}/pick/`)) return false;
    if (problem.status === 401) {
      const back = isSafeMethod(req.method) ? req.url : (refererPath(req) ?? WEB_PREFIX);
      // "Your session has ended" only to someone who had one.
      const ended = (req.cookies ?? {})[SESSION_COOKIE] ? '&notice=session_ended' : '';
      void reply.redirect(`${WEB_PREFIX}/login?next=${encodeURIComponent(back)}${ended}`, 303);
      return true;
    }
    if (problem.status === 403 && req.actor?.mfaPending) {
      void reply.redirect(`${WEB_PREFIX}/mfa`, 303);
      return true;
    }
    const titleKey = `errors.status${problem.status}`;
    await this.views.send(
      req,
      reply,
      'error',
      {
        status: problem.status,
        titleKey: this.views.translator.has(titleKey) ? titleKey : 'errors.generic',
        detail: problem.status >= 500 && problem.status !== 503 ? undefined : problem.detail,
        errors: (problem as { errors?: { field: string; message: string }[] }).errors,
      },
      {
        title: this.views.translator.has(titleKey) ? titleKey : 'errors.generic',
        status: problem.status,
      },
    );
    return true;
  }
}

function refererPath(req: WebRequest): string | undefined {
  const ref = req.headers.referer;
  if (typeof ref !== 'string') return undefined;
  try {
    const url = new URL(ref);
    return url.host === req.headers.host ? url.pathname + url.search : undefined;
  } catch {
    return undefined;
  }
}
