import { ValidationFailedError } from '@witness/platform';
import { isCalendarDate } from '../shared/detention-status';

/** A report's period: calendar dates, both ends included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** The longest period one report may cover. */
export const MAX_REPORT_YEARS = 20;

/** `date` plus `years` calendar years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const shifted = `${y}${date.slice(4)}`;
  return isCalendarDate(shifted) ? shifted : `${y}-02-28`;
}

/**
 * The period asked for, with its defaults: `to` defaults to today, `from` to 1 January of
 * the year of `to` (so with neither given: the current year to date). `from` after `to`, or a
 * span over MAX_REPORT_YEARS, is a 400 naming `to`.
 */
export function resolvePeriod(input: { from?: string; to?: string }, today: string): ReportPeriod {
  for (const field of ['from', 'to'] as const) {
    const v = input[field];
    if (v !== undefined && !isCalendarDate(v))
      throw ValidationFailedError.field(field, 'must be a real date written YYYY-MM-DD');
  }
  const to = input.to ?? today;
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) {
    throw ValidationFailedError.field(
      'to',
      input.to === undefined
        ? `must not be before from (${from}); it defaults to today (${today})`
        : `must not be before from (${from})`,
    );
  }
  if (to > addYears(from, MAX_REPORT_YEARS))
    throw ValidationFailedError.field(
      'to',
      `must be at most ${MAX_REPORT_YEARS} years after from (${from})`,
    );
  return { from, to };
}
