import type { Sent } from './client';
import type { Operation } from './openapi';

/**
 * 2xx media types the document does not list for these operations (they stream files), on
 * top of what it lists and JSON.
 */
const FILE_TYPES: Record<string, string[]> = {
  'GET /api/v1/imports/defenders/template.csv': ['text/csv'],
  'GET /api/v1/exports/defenders': ['text/csv'],
  'GET /api/v1/dossiers/{id}/content': ['application/pdf', 'text/html'],
};

const VALIDATION_TYPE = 'urn:witness:problem:validation-failed';

const mediaType = (h: unknown) =>
  String(h ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();

/**
 * What is wrong with an answer, if anything: a 5xx; a 4xx that is not problem+json with its
 * status and title (and, for a validation failure, the fields); a 2xx of an undocumented
 * type, or whose JSON does not parse; a secured operation answered 2xx without a valid token.
 */
export function answerProblems(op: Operation, s: Sent): string[] {
  const out: string[] = [];
  const type = mediaType(s.headers['content-type']);
  if (s.status >= 500) return [`answered ${s.status}`];
  if (s.status >= 400) {
    if (type !== 'application/problem+json')
      out.push(`${s.status} with Content-Type ${type || '(none)'}`);
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(s.text);
    } catch {
      out.push(`${s.status} body is not JSON`);
    }
    if (body) {
      if (body.status !== s.status)
        out.push(`problem status ${String(body.status)} != ${s.status}`);
      if (typeof body.title !== 'string' || !body.title) out.push('problem without a title');
      if (body.type === VALIDATION_TYPE) {
        const errors = body.errors as { field?: unknown; message?: unknown }[] | undefined;
        if (!Array.isArray(errors) || !errors.length) out.push('validation problem without errors');
        else if (errors.some((e) => typeof e.field !== 'string' || typeof e.message !== 'string'))
          out.push(
            `validation errors without field/message: ${JSON.stringify(errors).slice(0, 200)}`,
          );
      }
    }
    return out;
  }
  // A path whose dot segments resolve to /api/v1 itself (`/api/v1/defenders/%2e%2e`) reaches
  // the front door, which points at the API reference: a redirect there is an honest answer.
  if (s.status === 302 && String(s.headers.location ?? '') === '/docs') return out;
  if (s.status >= 300 && s.status !== 304) return [`unexpected ${s.status}`];
  if (s.status >= 200 && s.status < 300 && op.secured && !s.authenticated) {
    out.push(`secured operation answered ${s.status} without a valid token`);
  }
  if (s.status === 204 || s.status === 304) {
    if (s.text.length) out.push(`${s.status} with a body`);
    return out;
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      JSON.parse(s.text);
    } catch {
      out.push(`${s.status} ${type} body does not parse`);
    }
    return out;
  }
  const allowed = [...op.successTypes, ...(FILE_TYPES[op.key] ?? [])].map(mediaType);
  if (!allowed.includes(type))
    out.push(`${s.status} with undocumented Content-Type ${type || '(none)'}`);
  return out;
}

/** A refused write must leave every table as it was. */
export function writeProblems(op: Operation, s: Sent): string[] {
  if (op.method === 'GET' || s.status < 400 || !s.changed.length) return [];
  return [`refused (${s.status}) but wrote to ${s.changed.join(', ')}`];
}
