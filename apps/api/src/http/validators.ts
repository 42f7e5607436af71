import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsUUID,
  registerDecorator,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { isCalendarDate } from '@witness/domain';

/** A real calendar date written `YYYY-MM-DD` (2025-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a real date written YYYY-MM-DD', ...options },
      // Year 0000 does not exist in PostgreSQL's calendar (1 BC is 0001 BC, not 0000).
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' && isCalendarDate(v) && !v.startsWith('0000'),
      },
    });
}

/**
 * At most `max` characters as PostgreSQL counts them (code points). class-validator's
 * MaxLength discounts variation selectors (U+FE0E/U+FE0F), so a value it accepts could still
 * overflow a varchar column and fail without naming the field.
 */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'maxChars',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [max],
      options: { message: `must be shorter than or equal to ${max} characters`, ...options },
      validator: {
        validate: (v: unknown) => typeof v === 'string' && [...v].length <= max,
      },
    });
}

/**
 * Optional, but not nullable: may be left out, yet `null` is refused (the column has a
 * default and no null). `IsOptional` would let `null` through to a NOT NULL column.
 */
export const IsOptionalNotNull = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Query strings arrive as text: `"20"` -> 20, anything not an integer is left to fail validation. */
export const ToInt = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value,
  );

/** `true` / `false` in a query string. */
export const ToBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Upper-case a country code (or each of a list) before it is checked: `ke` and `KE` both work. */
export const ToUpper = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value.toUpperCase()
      : Array.isArray(value)
        ? value.map((v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v))
        : value,
  );

/** Trim free text; an all-blank string is treated as absent. */
export const Trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** An optional list of up to 100 ids of linked records (defenders, partners...), never null. */
export const OptionalIdList = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, type: [String], format: 'uuid' }),
    IsOptionalNotNull(),
    IsArray(),
    ArrayMaxSize(100),
    IsUUID('all', { each: true, message: 'each must be a uuid' }),
  );

/** An answer override: a non-blank text of at most 10,000 characters, or true / false. */
export function IsOverrideValue(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isOverrideValue',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'must be a non-blank text of at most 10,000 characters, or true or false',
        ...options,
      },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'boolean' ||
          (typeof v === 'string' && v.trim() !== '' && [...v].length <= 10000),
      },
    });
}
