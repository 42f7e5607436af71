import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  isLate,
  isValidOffset,
  nextAnniversary,
  nextDigestAt,
  parseOffset,
  reminderAt,
} from './schedule';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Africa/Nairobi',
  'Asia/Kathmandu',
  'Australia/Lord_Howe', // 30-minute DST shift
  'America/Santiago', // DST changes at midnight
  'Pacific/Kiritimati', // +14
  'Pacific/Pago_Pago', // -11
];

const timed = (dueAt: string, offset: string, timeZone: string) =>
  reminderAt({ dueAt: new Date(dueAt), allDay: false, offset, timeZone }).toISOString();
const allDay = (date: string, offset: string, timeZone: string, allDayHour?: number) =>
  reminderAt({
    dueAt: new Date(`${date}T00:00:00Z`),
    allDay: true,
    offset,
    timeZone,
    allDayHour,
  }).toISOString();
const local = (d: Date, zone: string) =>
  DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS ZZ");
const wallTime = (d: Date, zone: string) =>
  DateTime.fromJSDate(d, { zone }).toFormat('HH:mm:ss.SSS');

/** Does this local wall-clock time exist in the zone (not inside a spring-forward gap)? */
const existsLocally = (date: string, time: string, zone: string) => {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  return dt.isValid && dt.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") === `${date}T${time}`;
};

// Instants from 1990 to 2060, to the millisecond.
const instant = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
  .map((ms) => new Date(ms));
const zone = fc.constantFrom(...ZONES);
const isoDate = fc
  .integer({ min: Date.UTC(1950, 0, 1) / DAY, max: Date.UTC(2090, 0, 1) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));

describe('parseOffset / isValidOffset', () => {
  it.each([
    ['P7D', { days: 7 }],
    ['P1W', { weeks: 1 }],
    ['PT2H', { hours: 2 }],
    ['P1DT12H', { days: 1, hours: 12 }],
    ['PT30M', { minutes: 30 }],
    ['P1W2DT3H4M', { weeks: 1, days: 2, hours: 3, minutes: 4 }],
    ['P366D', { days: 366 }],
    ['P52W2D', { weeks: 52, days: 2 }],
    ['PT8784H', { hours: 8784 }],
  ])('accepts %s', (iso, parts) => {
    expect(parseOffset(iso)?.toObject()).toEqual(parts);
    expect(isValidOffset(iso)).toBe(true);
  });

  it.each([
    'P1Y',
    'P1M',
    'PT1S',
    'P1MT1H',
    'P0D',
    'PT0H',
    'P0W0DT0H0M',
    'PT-1H',
    '-P1D',
    '1D',
    '',
    'P',
    'PT',
    'P1DT',
    'p1d',
    'P1.5D',
    'P 1D',
    ' P1D',
    'P1D ',
    'P367D',
    'P53W',
    'P366DT1M',
    'PT1M2H',
    'P1D1W',
  ])('refuses %j', (iso) => {
    expect(parseOffset(iso)).toBeNull();
    expect(isValidOffset(iso)).toBe(false);
  });

  it('refuses non-strings without throwing', () => {
    expect(isValidOffset(undefined as unknown as string)).toBe(false);
    expect(parseOffset(7 as unknown as string)).toBeNull();
  });
});

describe('reminderAt, timed milestones', () => {
  it('P1D before a 10:00 Paris hearing is 10:00 the day before, across spring-forward', () => {
    // 2025-03-30 02:00 CET -> 03:00 CEST. Hearing Monday 31 March 10:00 CEST (08:00Z).
    const r = timed('2025-03-31T08:00:00Z', 'P1D', 'Europe/Paris');
    expect(r).toBe('2025-03-30T08:00:00.000Z'); // 10:00 CEST; 23 hours before
    expect(local(new Date(r), 'Europe/Paris')).toBe('2025-03-30T10:00:00.000 +02:00');
  });

  it('P1D across fall-back in Paris keeps 10:00 local (25 elapsed hours)', () => {
    // 2025-10-26 03:00 CEST -> 02:00 CET. Hearing Monday 27 Oct 10:00 CET (09:00Z).
    expect(timed('2025-10-27T09:00:00Z', 'P1D', 'Europe/Paris')).toBe('2025-10-26T09:00:00.000Z');
    expect(timed('2025-10-27T09:00:00Z', 'P2D', 'Europe/Paris')).toBe('2025-10-25T08:00:00.000Z');
  });

  it('P7D across the New York spring-forward keeps 09:30 local', () => {
    // 2025-03-09 02:00 EST -> 03:00 EDT. Hearing 12 March 09:30 EDT (13:30Z).
    expect(timed('2025-03-12T13:30:00Z', 'P7D', 'America/New_York')).toBe(
      '2025-03-05T14:30:00.000Z',
    );
    expect(timed('2025-03-12T13:30:00Z', 'P1W', 'America/New_York')).toBe(
      '2025-03-05T14:30:00.000Z',
    );
  });

  it('hours are elapsed time, also across a DST change', () => {
    // 2025-11-02 02:00 EDT -> 01:00 EST. Due 03:00 EST (08:00Z); PT2H is 06:00Z (01:00 EDT).
    expect(timed('2025-11-02T08:00:00Z', 'PT2H', 'America/New_York')).toBe(
      '2025-11-02T06:00:00.000Z',
    );
    expect(timed('2025-03-30T08:00:00Z', 'PT30M', 'Europe/Paris')).toBe('2025-03-30T07:30:00.000Z');
  });

  it('P1DT12H: one calendar day, then 12 elapsed hours', () => {
    // Due Monday 31 March 2025 10:00 CEST -> Sunday 10:00 CEST (08:00Z) -> minus 12 h.
    expect(timed('2025-03-31T08:00:00Z', 'P1DT12H', 'Europe/Paris')).toBe(
      '2025-03-29T20:00:00.000Z',
    );
  });

  it('a day-before time that falls in the spring-forward gap becomes the moment clocks jump', () => {
    // Due 31 March 02:30 CEST; 30 March 02:30 does not exist in Paris -> 03:00 CEST (01:00Z).
    expect(timed('2025-03-31T00:30:00Z', 'P1D', 'Europe/Paris')).toBe('2025-03-30T01:00:00.000Z');
  });

  it('a day-before time that exists twice (fall-back) takes the earlier one', () => {
    // Due 27 Oct 02:30 CET (01:30Z); 26 Oct 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
    expect(timed('2025-10-27T01:30:00Z', 'P1D', 'Europe/Paris')).toBe('2025-10-26T00:30:00.000Z');
  });

  it('Africa/Nairobi (no DST) and Asia/Kathmandu (+05:45)', () => {
    expect(timed('2025-06-10T07:00:00Z', 'P1D', 'Africa/Nairobi')).toBe('2025-06-09T07:00:00.000Z');
    // 10:00 in Kathmandu is 04:15Z.
    const r = timed('2025-01-15T04:15:00Z', 'P3DT1H', 'Asia/Kathmandu');
    expect(r).toBe('2025-01-12T03:15:00.000Z');
    expect(local(new Date(r), 'Asia/Kathmandu')).toBe('2025-01-12T09:00:00.000 +05:45');
  });

  it('day offsets follow the recipient zone, not UTC', () => {
    // 22:30Z on 30 March is 00:30 CEST on the 31st in Paris, but still the 30th in New York.
    expect(timed('2025-03-30T22:30:00Z', 'P1D', 'Europe/Paris')).toBe('2025-03-29T23:30:00.000Z');
    expect(timed('2025-03-30T22:30:00Z', 'P1D', 'America/New_York')).toBe(
      '2025-03-29T22:30:00.000Z',
    );
  });

  it('refuses invalid input', () => {
    const base = { dueAt: new Date('2025-01-01T10:00:00Z'), allDay: false, timeZone: 'UTC' };
    expect(() => reminderAt({ ...base, offset: 'P1Y' })).toThrow(RangeError);
    expect(() => reminderAt({ ...base, offset: 'P1D', timeZone: 'Mars/Olympus' })).toThrow(
      /time zone/,
    );
    expect(() => reminderAt({ ...base, offset: 'P1D', dueAt: new Date('nope') })).toThrow(
      RangeError,
    );
    expect(() => reminderAt({ ...base, allDay: true, offset: 'P1D', allDayHour: 24 })).toThrow(
      /allDayHour/,
    );
  });
});

describe('reminderAt, all-day milestones', () => {
  it('counts from 09:00 local on the date by default', () => {
    expect(allDay('2025-06-12', 'P1D', 'Europe/Paris')).toBe('2025-06-11T07:00:00.000Z');
    expect(allDay('2025-06-12', 'P1D', 'America/New_York')).toBe('2025-06-11T13:00:00.000Z');
    expect(allDay('2025-06-12', 'P1D', 'Africa/Nairobi')).toBe('2025-06-11T06:00:00.000Z');
    expect(allDay('2025-06-12', 'P1D', 'Asia/Kathmandu')).toBe('2025-06-11T03:15:00.000Z');
  });

  it('keeps the UTC calendar date even where 00:00Z is the previous or next local day', () => {
    // 00:00Z on 12 June is 14:00 on the 11th in Pago Pago and 14:00 on the 12th in Kiritimati:
    // both still remind about 12 June.
    expect(allDay('2025-06-12', 'P1D', 'Pacific/Pago_Pago')).toBe('2025-06-11T20:00:00.000Z');
    expect(allDay('2025-06-12', 'P1D', 'Pacific/Kiritimati')).toBe('2025-06-10T19:00:00.000Z');
  });

  it('takes the date from any instant on it and honours allDayHour', () => {
    const r = reminderAt({
      dueAt: new Date('2025-06-12T18:45:00Z'),
      allDay: true,
      offset: 'PT2H',
      timeZone: 'Europe/Paris',
      allDayHour: 8,
    });
    expect(r.toISOString()).toBe('2025-06-12T04:00:00.000Z'); // 06:00 CEST
    expect(allDay('2025-06-12', 'P1W', 'Europe/Paris', 0)).toBe('2025-06-04T22:00:00.000Z');
  });

  it('across DST: a P1D reminder for 31 March is at 09:00 CEST on 30 March', () => {
    expect(allDay('2025-03-31', 'P1D', 'Europe/Paris')).toBe('2025-03-30T07:00:00.000Z');
    expect(allDay('2025-03-10', 'P1D', 'America/New_York')).toBe('2025-03-09T13:00:00.000Z');
    expect(allDay('2025-11-03', 'P1D', 'America/New_York')).toBe('2025-11-02T14:00:00.000Z');
  });

  it('an allDayHour inside the gap becomes the moment the clocks jump', () => {
    // America/Santiago jumps from 24:00 to 01:00 on 7 Sept 2025.
    expect(allDay('2025-09-08', 'P1D', 'America/Santiago', 0)).toBe('2025-09-07T04:00:00.000Z');
  });
});

describe('reminderAt properties', () => {
  it('timed, hour/minute-only offsets: exactly dueAt minus the offset', () => {
    fc.assert(
      fc.property(
        instant,
        zone,
        fc.integer({ min: 0, max: 8783 }), // 366 days is 8784 h
        fc.integer({ min: 0, max: 59 }),
        (dueAt, timeZone, h, m) => {
          fc.pre(h + m > 0);
          const offset = `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
          const r = reminderAt({ dueAt, allDay: false, offset, timeZone });
          return r.getTime() === dueAt.getTime() - (h * 60 + m) * 60_000;
        },
      ),
    );
  });

  it('timed, day/week offsets: same local wall-clock time whenever it exists', () => {
    fc.assert(
      fc.property(
        instant,
        zone,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 30 }),
        (dueAt, timeZone, w, d) => {
          fc.pre(w + d > 0);
          const offset = `P${w ? `${w}W` : ''}${d ? `${d}D` : ''}`;
          const r = reminderAt({ dueAt, allDay: false, offset, timeZone });
          const dueLocal = DateTime.fromJSDate(dueAt, { zone: timeZone });
          const targetDate = dueLocal.toISODate()!;
          const expectedDate = addDays(targetDate, -(w * 7 + d));
          const time = wallTime(dueAt, timeZone);
          const rLocal = DateTime.fromJSDate(r, { zone: timeZone });
          expect(r.getTime()).toBeLessThan(dueAt.getTime());
          if (existsLocally(expectedDate, time, timeZone)) {
            expect(rLocal.toISODate()).toBe(expectedDate);
            expect(wallTime(r, timeZone)).toBe(time);
          } else {
            // In a gap: the first instant after it, so at most one hour late, same date.
            expect(rLocal.toISODate()).toBe(expectedDate);
            const wanted = DateTime.fromISO(`${expectedDate}T${time}`, { zone: 'utc' });
            const got = DateTime.fromISO(rLocal.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS"), {
              zone: 'utc',
            });
            const lateBy = got.toMillis() - wanted.toMillis();
            expect(lateBy).toBeGreaterThan(0);
            expect(lateBy).toBeLessThanOrEqual(HOUR);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('always before the (local) due moment, for timed and all-day items', () => {
    fc.assert(
      fc.property(
        instant,
        zone,
        fc.boolean(),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 48 }),
        (dueAt, timeZone, isAllDay, allDayHour, d, h) => {
          fc.pre(d + h > 0);
          const offset = `P${d ? `${d}D` : ''}${h ? `T${h}H` : ''}`;
          const r = reminderAt({ dueAt, allDay: isAllDay, offset, timeZone, allDayHour });
          const moment = isAllDay
            ? reminderAt({
                dueAt,
                allDay: true,
                offset: 'PT1M',
                timeZone,
                allDayHour,
              }).getTime() + 60_000
            : dueAt.getTime();
          return r.getTime() < moment;
        },
      ),
    );
  });

  it('all-day equals the timed reminder of allDayHour:00 local on the UTC date', () => {
    fc.assert(
      fc.property(
        isoDate,
        zone,
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom('P1D', 'P7D', 'P1W', 'PT2H', 'P1DT12H', 'PT30M', 'P30D'),
        (date, timeZone, allDayHour, offset) => {
          const hh = String(allDayHour).padStart(2, '0');
          fc.pre(existsLocally(date, `${hh}:00:00.000`, timeZone));
          const localDue = DateTime.fromISO(`${date}T${hh}:00`, { zone: timeZone }).toJSDate();
          const a = reminderAt({
            dueAt: new Date(`${date}T00:00:00Z`),
            allDay: true,
            offset,
            timeZone,
            allDayHour,
          });
          const t = reminderAt({ dueAt: localDue, allDay: false, offset, timeZone });
          return a.getTime() === t.getTime();
        },
      ),
    );
  });

  it('all-day: at or before the stored dueAt (00:00Z) once the offset covers allDayHour + 14 h', () => {
    // Zones run from UTC-12 to UTC+14, and a calendar day is at least 23 hours.
    fc.assert(
      fc.property(
        isoDate,
        zone,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 60 }),
        (date, timeZone, allDayHour, extraHours) => {
          const hours = allDayHour + 14 + extraHours;
          const dueAt = new Date(`${date}T00:00:00Z`);
          const at = (offset: string) =>
            reminderAt({ dueAt, allDay: true, offset, timeZone, allDayHour }).getTime();
          expect(at(`PT${hours}H`)).toBeLessThanOrEqual(dueAt.getTime());
          expect(at(`P${Math.ceil(hours / 24)}D`)).toBeLessThanOrEqual(dueAt.getTime());
        },
      ),
    );
  });
});

describe('isLate', () => {
  const at = new Date('2025-05-01T10:00:00Z');
  it('is late only beyond the grace period', () => {
    expect(isLate(at, new Date('2025-05-01T10:05:00Z'), 5 * 60_000)).toBe(false);
    expect(isLate(at, new Date('2025-05-01T10:05:00.001Z'), 5 * 60_000)).toBe(true);
    expect(isLate(at, new Date('2025-05-01T09:00:00Z'), 0)).toBe(false);
  });

  it('is monotonic in now and antitone in grace', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.nat({ max: 10 * DAY }),
        fc.nat({ max: 10 * DAY }),
        fc.nat({ max: DAY }),
        (sendAt, now, later, grace, extraGrace) => {
          const laterNow = new Date(now.getTime() + later);
          if (isLate(sendAt, now, grace)) {
            expect(isLate(sendAt, laterNow, grace)).toBe(true);
          }
          if (isLate(sendAt, now, grace + extraGrace)) {
            expect(isLate(sendAt, now, grace)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('nextDigestAt', () => {
  it('today if the hour is still ahead, else tomorrow', () => {
    expect(nextDigestAt(new Date('2025-06-10T05:00:00Z'), 8, 'Europe/Paris').toISOString()).toBe(
      '2025-06-10T06:00:00.000Z',
    );
    expect(nextDigestAt(new Date('2025-06-10T06:00:00Z'), 8, 'Europe/Paris').toISOString()).toBe(
      '2025-06-11T06:00:00.000Z',
    );
    expect(nextDigestAt(new Date('2025-06-10T06:00:00Z'), 8, 'Asia/Kathmandu').toISOString()).toBe(
      '2025-06-11T02:15:00.000Z',
    );
  });

  it('uses the first valid instant when the hour is skipped (spring-forward)', () => {
    expect(nextDigestAt(new Date('2025-03-29T12:00:00Z'), 2, 'Europe/Paris').toISOString()).toBe(
      '2025-03-30T01:00:00.000Z', // 03:00 CEST
    );
    expect(
      nextDigestAt(new Date('2025-03-09T00:00:00Z'), 2, 'America/New_York').toISOString(),
    ).toBe('2025-03-09T07:00:00.000Z'); // 03:00 EDT
    // The next day is back to 02:00.
    expect(nextDigestAt(new Date('2025-03-30T01:00:00Z'), 2, 'Europe/Paris').toISOString()).toBe(
      '2025-03-31T00:00:00.000Z',
    );
  });

  it('sends once on a fall-back day where the hour happens twice', () => {
    const first = nextDigestAt(new Date('2025-10-25T12:00:00Z'), 2, 'Europe/Paris');
    expect(first.toISOString()).toBe('2025-10-26T00:00:00.000Z'); // 02:00 CEST
    expect(nextDigestAt(first, 2, 'Europe/Paris').toISOString()).toBe('2025-10-27T01:00:00.000Z');
  });

  it('keeps the local hour across DST in New York', () => {
    expect(
      nextDigestAt(new Date('2025-03-08T14:00:00Z'), 8, 'America/New_York').toISOString(),
    ).toBe('2025-03-09T12:00:00.000Z');
    expect(
      nextDigestAt(new Date('2025-11-01T13:00:00Z'), 8, 'America/New_York').toISOString(),
    ).toBe('2025-11-02T13:00:00.000Z');
  });

  it('refuses invalid hours and zones', () => {
    expect(() => nextDigestAt(new Date(), 24, 'UTC')).toThrow(RangeError);
    expect(() => nextDigestAt(new Date(), 1.5, 'UTC')).toThrow(RangeError);
    expect(() => nextDigestAt(new Date(), 8, 'Nowhere/Town')).toThrow(RangeError);
  });

  it('is after `after`, within 25 hours, at the local hour when it exists', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 23 }), zone, (after, hour, timeZone) => {
        const next = nextDigestAt(after, hour, timeZone);
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(25 * HOUR);
        const l = DateTime.fromJSDate(next, { zone: timeZone });
        const hh = String(hour).padStart(2, '0');
        if (existsLocally(l.toISODate()!, `${hh}:00:00.000`, timeZone)) {
          expect(l.toFormat('HH:mm:ss.SSS')).toBe(`${hh}:00:00.000`);
        } else {
          // Skipped hour: the clocks jumped just now.
          const before = DateTime.fromMillis(next.getTime() - 1, { zone: timeZone });
          expect(before.offset).not.toBe(l.offset);
        }
        // Chained, it gives one digest per local day.
        const again = nextDigestAt(next, hour, timeZone);
        expect(DateTime.fromJSDate(again, { zone: timeZone }).toISODate()).toBe(
          l.plus({ days: 1 }).toISODate(),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('nextAnniversary', () => {
  it.each([
    ['2019-04-06', '2025-01-10', '2025-04-06', 6],
    ['2019-04-06', '2025-04-05', '2025-04-06', 6],
    ['2019-04-06', '2025-04-06', '2026-04-06', 7],
    ['2019-12-31', '2025-12-31', '2026-12-31', 7],
    ['2020-02-29', '2023-01-01', '2023-02-28', 3],
    ['2020-02-29', '2023-02-28', '2024-02-29', 4],
    ['2020-02-29', '2024-02-28', '2024-02-29', 4],
    ['2020-02-29', '2024-02-29', '2025-02-28', 5],
    ['2024-06-01', '2024-06-01', '2025-06-01', 1],
    ['2024-06-01', '2024-05-01', '2025-06-01', 1], // date in the future: its first anniversary
  ])('%s after %s -> %s (%i years)', (date, today, on, years) => {
    expect(nextAnniversary(date, today)).toEqual({ on, years });
  });

  it('refuses invalid dates', () => {
    expect(() => nextAnniversary('2023-02-29', '2024-01-01')).toThrow(RangeError);
    expect(() => nextAnniversary('2023-01-01', '2024-13-01')).toThrow(RangeError);
    expect(() => nextAnniversary('2023-1-01', '2024-01-01')).toThrow(RangeError);
  });

  it('is after today, within 366 days, on the same month/day (Feb 29 -> 28)', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const [date, today] = a <= b ? [a, b] : [b, a];
        const { on, years } = nextAnniversary(date, today);
        expect(on > today).toBe(true);
        const gap = (Date.parse(on) - Date.parse(today)) / DAY;
        expect(gap).toBeGreaterThanOrEqual(1);
        expect(gap).toBeLessThanOrEqual(366);
        expect(years).toBe(Number(on.slice(0, 4)) - Number(date.slice(0, 4)));
        expect(years).toBeGreaterThanOrEqual(1);
        if (date.slice(5) === '02-29') expect(['02-28', '02-29']).toContain(on.slice(5));
        else expect(on.slice(5)).toBe(date.slice(5));
        // It is the first one: the year before is not after today (or is the date itself).
        if (years > 1) {
          expect(nextAnniversary(date, addDays(on, -1)).on).toBe(on);
        }
      }),
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-03-30', 1, '2025-03-31'],
    ['2025-06-15', 0, '2025-06-15'],
    ['2025-06-15', 365, '2026-06-15'],
    ['0050-01-01', 1, '0050-01-02'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses fractional days and bad dates', () => {
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -20000, max: 20000 }), (date, n) => {
        expect(addDays(addDays(date, n), -n)).toBe(date);
        expect((Date.parse(addDays(date, n)) - Date.parse(date)) / DAY).toBe(n);
      }),
    );
  });
});
