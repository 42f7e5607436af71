import { addDays, addMonths, daysBetween } from './procedures';

/**
 * The WGAD's clock in the shape older callers use. The periods and rules themselves live in
 * the procedure tables (procedures/); these are thin conveniences over the same arithmetic.
 */
export interface ClockPeriods {
  /** Days the government has to reply after transmission (WGAD: 60). */
  replyDays: number;
  /** Longest extension that can be granted (WGAD: one month). */
  maxExtensionDays: number;
  /** Months after the opinion's transmission when follow-up information is asked (WGAD: six). */
  followUpMonths: number;
}

/**
 * The government's reply deadline: transmission + replyDays + any extension granted (capped
 * at maxExtensionDays). Null before transmission.
 */
export function replyDueOn(
  transmittedOn: string | null,
  extensionDays: number,
  p: ClockPeriods,
): string | null {
  if (!transmittedOn) return null;
  const ext = Math.max(0, Math.min(extensionDays, p.maxExtensionDays));
  return addDays(transmittedOn, p.replyDays + ext);
}

/**
 * Follow-up due: the opinion's transmission date + followUpMonths (same day of month, clamped
 * to the month's end).
 */
export function followUpDueOn(transmittedOn: string | null, p: ClockPeriods): string | null {
  return transmittedOn ? addMonths(transmittedOn, p.followUpMonths) : null;
}

/** Days left until a date (negative when overdue), as of today. */
export function daysUntil(due: string | null, today: string): number | null {
  return due ? daysBetween(today, due) : null;
}
