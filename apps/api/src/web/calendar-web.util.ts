import { addDays } from './work-web.util';

/** 'YYYY-MM' naming a real month (years 1945-2200, as the calendar stores). */
export function isMonth(s: string | undefined): s is string {
  if (!s || !/^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  return year >= 1945 && year <= 2200;
}

/** The month before or after, as 'YYYY-MM'. */
export function shiftMonth(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export interface GridDay {
  /** YYYY-MM-DD (not `date`: templates have a helper of that name). */
  iso: string;
  day: number;
  inMonth: boolean;
  today: boolean;
}

/**
 * The weeks a month view shows, Monday first (ISO 8601, as in Geneva): whole weeks from the
 * Monday on or before the 1st to the Sunday on or after the last day.
 */
export function monthGrid(month: string, today: string): GridDay[][] {
  const first = `${month}-01`;
  const weekday = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const start = addDays(first, -weekday);
  const last = addDays(`${shiftMonth(month, 1)}-01`, -1);
  const weeks: GridDay[][] = [];
  for (let d = start; d <= last || weeks[weeks.length - 1]?.length !== 7;) {
    if (!weeks.length || weeks[weeks.length - 1].length === 7) weeks.push([]);
    weeks[weeks.length - 1].push({
      iso: d,
      day: Number(d.slice(8, 10)),
      inMonth: d.startsWith(month),
      today: d === today,
    });
    d = addDays(d, 1);
  }
  return weeks;
}
