import type { ArgumentMetadata, Type } from '@nestjs/common';
import {
  AppError,
  PreconditionRequiredError,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import { claimedVersion } from '../http/if-match.decorator';
import { strictValidationPipe } from '../http/validation';
import type { FieldErrorMap } from './views';
import { CSRF_FIELD } from './web-session';

/** A posted HTML form: fields are strings (or string arrays when repeated). */
export type FormBody = Record<string, string | string[] | undefined>;

const pipe = strictValidationPipe();

/**
 * Validate a plain object built from a form with the API's own DTO and validation pipe, so
 * the web app and the API accept and refuse exactly the same input with the same messages.
 * Throws the same ValidationFailedError the API turns into problem details.
 */
export async function validateAs<T>(metatype: Type<T>, plain: Record<string, unknown>): Promise<T> {
  const metadata: ArgumentMetadata = { type: 'body', metatype, data: undefined };
  return (await pipe.transform(plain, metadata)) as T;
}

/** The field errors of a failed validation, keyed by field path (first message each). */
export function errorMap(errors: FieldError[]): FieldErrorMap {
  const out: FieldErrorMap = {};
  for (const e of errors) out[e.field || '_'] ??= e.message;
  return out;
}

/**
 * Field errors to show on a form for an error thrown by a service, or null when the error is
 * not about the input (then it propagates to the error page).
 */
export function formErrors(err: unknown): FieldErrorMap | null {
  if (err instanceof ValidationFailedError) return errorMap(err.errors);
  if (err instanceof AppError && err.code === 'conflict') return { _: err.message };
  return null;
}

/** One field as trimmed text; empty means "not given". */
export function text(body: FormBody, name: string): string | undefined {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}

/**
 * The version a form was opened at, from its hidden `version` field: the web form's If-Match,
 * read as the API reads the header (428 when missing, 400 naming `version` when unreadable).
 * With `{ optional: true }`, undefined when the form carries none (a create).
 */
export function formVersion(body: FormBody): number;
export function formVersion(body: FormBody, options: { optional: true }): number | undefined;
export function formVersion(body: FormBody, options?: { optional: true }): number | undefined {
  const raw = text(body ?? {}, 'version');
  if (raw === undefined && !options?.optional) {
    // Said in the form's terms: a person never sends an If-Match header.
    throw new PreconditionRequiredError(
      'This form did not say which version it was based on. Reload the page and try again.',
    );
  }
  return claimedVersion(raw, { ...options, field: 'version' });
}

/** One field as text, with empty meaning "clear it" (null) rather than "leave it". */
export function nullableText(body: FormBody, name: string): string | null | undefined {
  return name in body ? (text(body, name) ?? null) : undefined;
}

/** A comma- or newline-separated field (tags, focus areas) as a list. */
export function list(body: FormBody, name: string): string[] | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(/[,\n]/));
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

/** A repeated field (checkboxes, multi-select) as a list of its values. */
export function many(body: FormBody, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((s) => s !== '');
}

/** A checkbox: present means true. */
export function checkbox(body: FormBody, name: string): boolean {
  return body[name] !== undefined;
}

/** An integer field; text that is not one is passed on as-is so validation names it. */
export function integer(body: FormBody, name: string): number | string | undefined {
  const t = text(body, name);
  if (t === undefined) return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** The form's fields without the CSRF token, to re-fill a form after an error. */
export function refill(body: FormBody): FormBody {
  const { [CSRF_FIELD]: _csrf, ...rest } = body ?? {};
  return rest;
}

/** Drop keys whose value is undefined (a partial update sends only what the form changed). */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
