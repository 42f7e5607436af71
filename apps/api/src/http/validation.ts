import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldError } from '@witness/platform';

/** Flatten class-validator's tree into `field` paths: `contacts[0].email`, `tags[3]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const key = /^\d+$/.test(e.property) ? `[${e.property}]` : e.property;
    const path = parent ? (key.startsWith('[') ? `${parent}${key}` : `${parent}.${key}`) : key;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({
        field: path,
        message:
          rule === 'whitelistValidation'
            ? 'is not a known field'
            : message.startsWith(`${e.property} `)
              ? message.slice(e.property.length + 1)
              : message,
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

/** Deeper than any DTO goes; deeper input would only exhaust the stack further on. */
const MAX_DEPTH = 16;

/** Half of a surrogate pair without its other half: not Unicode text at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string (value or key) no DTO rule checks, if anything. */
function badText(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  // JSON can carry "\ud800"; validator.js's isEmail/isURL throw a URIError on it, and
  // PostgreSQL would silently store U+FFFD instead.
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode text (a lone surrogate was sent)';
  return undefined;
}

/**
 * Problems no DTO rule can see: a string (value or key) holding U+0000, which PostgreSQL
 * text cannot store, or a lone surrogate; and nesting deep enough to overflow the stack of
 * class-transformer. Walked with an explicit stack, so it cannot overflow itself.
 */
export function inspectInput(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: input, path: '', depth: 0 },
  ];
  while (stack.length && errors.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const message = badText(value);
      if (message) errors.push({ field: path, message });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      errors.push({ field: path, message: 'is nested too deeply' });
      continue;
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [`[${i}]`, v] as const)
      : Object.entries(value).map(([k, v]) => [k, v] as const);
    for (const [k, v] of entries) {
      const p = k.startsWith('[') ? `${path}${k}` : path ? `${path}.${k}` : k;
      const message = badText(k);
      if (message) {
        errors.push({ field: p, message });
      } else {
        stack.push({ value: v, path: p, depth: depth + 1 });
      }
    }
  }
  return errors;
}

/** The ValidationPipe, first refusing what `inspectInput` finds (400 naming the field). */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const errors = inspectInput(value);
      if (errors.length) throw new ValidationFailedError(errors);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Strict validation for every body, query and path DTO: unknown fields are refused (not
 * silently dropped), values are converted only where a DTO says so.
 */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
