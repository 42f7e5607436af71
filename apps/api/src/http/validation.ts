import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Strict validation for every body, query and path DTO: unknown fields are refused (not
 * silently dropped), values are converted only where a DTO says so.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
