/**
 * Errors the domain raises. Each carries a stable `code`; the api's one
 * exception filter maps codes to HTTP statuses and problem+json bodies
 * (libs know nothing of HTTP).
 */
export interface FieldError {
  /** Path of the offending field, e.g. `fullName`, `contacts[0].email`, `cursor`. */
  field: string;
  /** Why it was refused, in words a caseworker understands. */
  message: string;
}

export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'precondition_required'
  | 'precondition_failed'
  | 'incomplete'
  | 'unauthenticated'
  | 'forbidden'
  | 'too_many_requests'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(
    readonly errors: FieldError[],
    message = 'The request has invalid fields.',
  ) {
    super('validation_failed', message, { errors });
  }
  static field(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id?: string) {
    super('not_found', id ? `${entity} ${id} was not found.` : `${entity} was not found.`);
  }
}

/**
 * Run a check on something a record hangs on (its defender, its escalation). When that is
 * hidden from the actor, the record answers its own 404, so a 404 never tells whether the
 * record exists behind a case the actor may not see.
 */
export async function hiddenAs<T>(entity: string, id: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (e) {
    if (e instanceof NotFoundError) throw new NotFoundError(entity, id);
    throw e;
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('conflict', message, extra);
  }
}

/**
 * What was asked is well formed but cannot be done yet: something it needs is missing (a
 * dossier's required answers). `missing` lists each item in words.
 */
export class IncompleteError extends AppError {
  constructor(message: string, missing: unknown[], extra: Record<string, unknown> = {}) {
    super('incomplete', message, { missing, ...extra });
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(message = 'This change needs an If-Match header with the version you last read.') {
    super('precondition_required', message);
  }
}

export class StaleVersionError extends AppError {
  constructor(entity: string, current: number) {
    super(
      'precondition_failed',
      `Someone else changed this ${entity} since you read it (current version ${current}). Reload it and apply your change again.`,
      { currentVersion: current },
    );
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super('unauthenticated', message);
  }
}

/**
 * 403. `errors` names the fields the actor may not set (e.g. a caseworker sending a case's
 * `access`), as a validation problem names invalid ones.
 */
export class ForbiddenError extends AppError {
  constructor(
    message = 'Your role does not allow this.',
    readonly errors: FieldError[] = [],
  ) {
    super('forbidden', message, errors.length ? { errors } : {});
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', message, {});
  }
}

export class UnavailableError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super('unavailable', message);
  }
}
