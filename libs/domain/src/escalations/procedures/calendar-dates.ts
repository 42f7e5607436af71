import { DateTime } from 'luxon';
import { addDays } from '../../shared/schedule';

/**
 * Date arithmetic for procedural clocks. UN and regional deadlines are calendar dates
 * ('YYYY-MM-DD'), not instants: they are computed in UTC arithmetic so the result never depends
 * on the server's time zone, and "today" is read in the zone the body works in.
 */

export { addDays };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The same day `months` months later (or earlier when negative), clamped to the month's last
 * day: 31 January + 1 month is 28 (or 29) February, 29 February + 12 months is 28 February.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** The calendar date of an instant in an IANA zone (a Geneva deadline is Geneva's day: zone Europe/Zurich, tzdb has no Europe/Geneva). */
export function dateIn(instant: Date, zone: string): string {
  const dt = DateTime.fromJSDate(instant, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone: ${zone}`);
  return dt.toISODate() as string;
}

/** The next occurrence of a yearly (month, day) on or after `date` (29 Feb falls on 28 Feb). */
export function nextYearly(date: string, month: number, day: number): string {
  const [y] = parts(date);
  const on = (year: number) => {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, last))}`;
  };
  const thisYear = on(y);
  return thisYear >= date ? thisYear : on(y + 1);
}
