import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@witness/domain';

/** A real calendar date written `YYYY-MM-DD` (2025-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a real date written YYYY-MM-DD', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isCalendarDate(v) },
    });
}

/** Query strings arrive as text: `"20"` -> 20, anything not an integer is left to fail validation. */
export const ToInt = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value,
  );

/** `true` / `false` in a query string. */
export const ToBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Upper-case a country code before it is checked, so `ke` and `KE` both work. */
export const ToUpper = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value));

/** Trim free text; an all-blank string is treated as absent. */
export const Trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
