import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ValidationFailedError, versionFromIfMatch } from '@witness/platform';
import type { FastifyRequest } from 'fastify';

/**
 * A claimed version, read one way for the API's `If-Match` header and the web forms' hidden
 * `version` field (`field` names it in a 400): 428 when missing, 400 when unreadable; with
 * `{ optional: true }`, undefined when none was sent (a create that must not overwrite).
 */
export function claimedVersion(
  raw: string | string[] | undefined,
  options?: { optional?: boolean; field?: string },
): number | undefined {
  if (options?.optional && raw === undefined) return undefined;
  return versionFromIfMatch(raw, options?.field);
}

/**
 * The version the client claims in `If-Match` (428 when missing, 400 when unreadable); with
 * `{ optional: true }`, undefined when the client sent none. The request side of optimistic
 * concurrency; the answer side (the ETag) is `@Versioned()`.
 */
export function ifMatchVersion(
  options: { optional?: boolean } | undefined,
  ctx: ExecutionContext,
): number | undefined {
  const header = ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return claimedVersion(header, { optional: options?.optional });
}

export const IfMatchVersion = createParamDecorator(ifMatchVersion);

/** A create-or-change's claims: the version it changes, or that it must create. */
export interface WritePreconditions {
  /** `If-Match`: change the record at this version (412 when stale). */
  ifMatch?: number;
  /** `If-None-Match: *`: create only, never overwrite (412 when it exists). */
  ifNoneMatchAny?: boolean;
}

/**
 * The preconditions of a PUT that creates or changes (read by `@Preconditions()`): `If-Match`
 * read as `@IfMatchVersion({ optional: true })` reads it, and `If-None-Match`, which may only
 * be `*` (400 otherwise). Neither: the service decides (create when there is none).
 */
export function writePreconditions(_data: unknown, ctx: ExecutionContext): WritePreconditions {
  const headers = ctx.switchToHttp().getRequest<FastifyRequest>().headers;
  const out: WritePreconditions = {};
  const version = claimedVersion(headers['if-match'], { optional: true });
  if (version !== undefined) out.ifMatch = version;
  const none = headers['if-none-match'];
  if (none !== undefined) {
    if (String(none).trim() !== '*') {
      throw ValidationFailedError.field('If-None-Match', 'may only be * (create, never overwrite)');
    }
    out.ifNoneMatchAny = true;
  }
  return out;
}

export const Preconditions = createParamDecorator(writePreconditions);
