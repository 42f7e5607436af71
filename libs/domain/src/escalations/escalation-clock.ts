import { addDays } from '../shared/schedule';

export interface ClockPeriods {
  /** Days the government has to reply after transmission (WGAD: 60). */
  replyDays: number;
  /** Longest extension that can be granted (WGAD: one month). */
  maxExtensionDays: number;
  /** Months after the opinion when follow-up information is asked (WGAD: six). */
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

/** Follow-up due: the opinion date + followUpMonths (same day of month, clamped). */
export function followUpDueOn(opinionOn: string | null, p: ClockPeriods): string | null {
  if (!opinionOn) return null;
  const [y, m, d] = opinionOn.split('-').map(Number);
  const total = m - 1 + p.followUpMonths;
  const year = y + Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Days left until a date (negative when overdue), as of today. */
export function daysUntil(due: string | null, today: string): number | null {
  if (!due) return null;
  return Math.round(
    (Date.UTC(+due.slice(0, 4), +due.slice(5, 7) - 1, +due.slice(8, 10)) -
      Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10))) /
      86400000,
  );
}
