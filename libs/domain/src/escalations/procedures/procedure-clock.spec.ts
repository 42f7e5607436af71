import fc from 'fast-check';
import { addDays, addMonths, dateIn, daysBetween, nextYearly } from './calendar-dates';
import {
  deadlineFor,
  deadlines,
  noReplyPossibleFrom,
  procedureOf,
  resolvePeriods,
} from './procedure-clock';
import { PROCEDURE_TABLES } from './procedure-tables';
import { DEFAULT_PERIODS, NAMED_DATES } from './procedure.types';
import { acceptsProcedure, instrumentFor } from './treaty-acceptance';

const P = resolvePeriods();
/** Calendar dates 1970-2100, month ends and 29 February included. */
const dateArb = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const monthEndArb = fc
  .record({ y: fc.integer({ min: 1970, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
const anyDate = fc.oneof(
  dateArb,
  monthEndArb,
  fc.constantFrom('2024-02-29', '2000-02-29', '2100-02-28'),
);

describe('calendar dates', () => {
  it('addDays and daysBetween are inverse (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it('addMonths keeps the day, clamped to the month end, in the right month (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -120, max: 120 }), (d, n) => {
        const r = addMonths(d, n);
        const months = (+r.slice(0, 4) - +d.slice(0, 4)) * 12 + (+r.slice(5, 7) - +d.slice(5, 7));
        expect(months).toBe(n);
        const last = new Date(Date.UTC(+r.slice(0, 4), +r.slice(5, 7), 0)).getUTCDate();
        expect(+r.slice(8, 10)).toBe(Math.min(+d.slice(8, 10), last));
      }),
    );
  });

  it('month ends and leap years', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
  });

  it('nextYearly is on or after the date and within a year (property)', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (d, m, day) => {
          const r = nextYearly(d, m, day);
          expect(r >= d).toBe(true);
          expect(daysBetween(d, r)).toBeLessThan(366);
          expect(+r.slice(5, 7)).toBe(m);
        },
      ),
    );
    expect(nextYearly('2027-03-01', 2, 29)).toBe('2028-02-29');
    expect(nextYearly('2026-05-15', 5, 15)).toBe('2026-05-15');
  });

  it("a deadline is the zone's calendar day: at most a day from UTC's, whatever the zone (property)", () => {
    const zones = [
      'UTC',
      'Europe/Zurich',
      'America/New_York',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2090-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const utc = instant.toISOString().slice(0, 10);
          expect(Math.abs(daysBetween(utc, dateIn(instant, zone)))).toBeLessThanOrEqual(1);
        },
      ),
    );
    // 23:30 UTC on 31 December is already 1 January in Geneva (zone Europe/Zurich).
    expect(dateIn(new Date('2026-12-31T23:30:00Z'), 'Europe/Zurich')).toBe('2027-01-01');
    expect(() => dateIn(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('procedure tables', () => {
  it.each(PROCEDURE_TABLES.map((p) => [p.kind, p] as const))(
    '%s is a closed table: starts at draft, every step and date and clock names its own states',
    (_kind, p) => {
      const states = Object.keys(p.states);
      expect(states[0]).toBe('draft');
      expect(states).toEqual(expect.arrayContaining(['closed', 'withdrawn']));
      for (const tos of Object.values(p.states)) for (const to of tos) expect(states).toContain(to);
      for (const s of [...Object.keys(p.records), ...p.awaitingReply]) expect(states).toContain(s);
      for (const d of Object.values(p.records)) expect(NAMED_DATES).toContain(d);
      const recorded = new Set<string>([...Object.values(p.records), 'meetingOn', 'createdOn']);
      for (const rule of p.clocks) {
        expect(recorded.has(rule.from)).toBe(true);
        for (const s of rule.openIn) expect(states).toContain(s);
      }
      if (p.noReplyAfter) {
        expect(states).toContain('no_reply');
        expect(p.clocks.map((c) => c.key)).toContain(p.noReplyAfter);
      }
      // Reachable from draft, and an end reachable from everywhere.
      const reachable = (start: string) => {
        const seen = new Set([start]);
        const queue = [start];
        while (queue.length) {
          for (const to of p.states[queue.shift() as string]) {
            if (!seen.has(to)) {
              seen.add(to);
              queue.push(to);
            }
          }
        }
        return seen;
      };
      expect([...reachable('draft')].sort()).toEqual([...states].sort());
      for (const s of states) {
        const reach = reachable(s);
        expect(['closed', 'withdrawn', 'filed'].some((t) => reach.has(t))).toBe(true);
      }
    },
  );

  it('each kind has one table', () => {
    const kinds = PROCEDURE_TABLES.map((p) => p.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(() => procedureOf('nope')).toThrow(RangeError);
  });
});

describe('WGAD regular clock', () => {
  it('reply: transmission + 60 days, + an extension capped at one month (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 400 }), (t, ext) => {
        const due = deadlineFor(
          'wgad_regular',
          'reply',
          { transmittedOn: t, extensionDays: ext },
          P,
        )!;
        expect(daysBetween(t, due)).toBe(60 + Math.min(ext, 30));
        // "No reply" becomes possible the day after, never before.
        const from = noReplyPossibleFrom(
          'wgad_regular',
          { transmittedOn: t, extensionDays: ext },
          P,
        )!;
        expect(daysBetween(due, from)).toBe(1);
      }),
    );
    expect(deadlineFor('wgad_regular', 'reply', { transmittedOn: '2026-06-01' }, P)).toBe(
      '2026-07-31',
    );
  });

  it('follow-up: six months after the opinion’s transmission, not its adoption (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 90 }), (adopted, lag) => {
        const transmitted = addDays(adopted, lag);
        const due = deadlineFor(
          'wgad_regular',
          'follow_up',
          { opinionAdoptedOn: adopted, opinionTransmittedOn: transmitted },
          P,
        );
        expect(due).toBe(addMonths(transmitted, 6));
      }),
    );
    expect(
      deadlineFor('wgad_regular', 'follow_up', { opinionAdoptedOn: '2026-09-02' }, P),
    ).toBeNull();
    expect(
      deadlineFor('wgad_regular', 'follow_up', { opinionTransmittedOn: '2026-08-31' }, P),
    ).toBe('2027-02-28');
  });

  it('deadlines are open only in their states: the comments deadline while pending further information', () => {
    const dates = { transmittedOn: '2026-06-01', commentsRequestedOn: '2026-08-10' };
    const pending = deadlines('wgad_regular', 'pending_further_information', dates, P);
    expect(pending.filter((d) => d.open).map((d) => [d.milestone, d.dueOn])).toEqual([
      ['source_comments_due', '2026-08-24'],
    ]);
    const awaiting = deadlines('wgad_regular', 'transmitted_to_government', dates, P);
    expect(awaiting.filter((d) => d.open).map((d) => d.milestone)).toEqual(['wgad_reply_due']);
  });

  it('periods are settings: overrides apply, unknown names and bad values are refused', () => {
    const p = resolvePeriods({ wgad_reply_days: 30, wgad_follow_up_months: 3 });
    expect(deadlineFor('wgad_regular', 'reply', { transmittedOn: '2026-06-01' }, p)).toBe(
      '2026-07-01',
    );
    expect(p.sp_reply_days).toBe(DEFAULT_PERIODS.sp_reply_days);
    expect(() => resolvePeriods({ wgad_reply_dayz: 30 })).toThrow(/wgad_reply_dayz/);
    expect(() => resolvePeriods({ sp_reply_days: -1 })).toThrow(/sp_reply_days/);
    expect(() => resolvePeriods({ sp_reply_days: 1.5 })).toThrow(/sp_reply_days/);
  });
});

describe('other procedures’ clocks', () => {
  it('Special Procedures: reply requested within 60 days (urgent appeals shorter), public after 60', () => {
    fc.assert(
      fc.property(anyDate, (sent) => {
        const al = deadlineFor('sp_allegation_letter', 'reply', { transmittedOn: sent }, P)!;
        const ua = deadlineFor('sp_urgent_appeal', 'reply', { transmittedOn: sent }, P)!;
        expect(daysBetween(sent, al)).toBe(60);
        expect(ua < al).toBe(true);
        expect(deadlineFor('sp_allegation_letter', 'publication', { transmittedOn: sent }, P)).toBe(
          addDays(sent, 60),
        );
      }),
    );
    // The publication deadline stays open after the reply (the reply is published with it).
    const d = deadlines(
      'sp_allegation_letter',
      'government_replied',
      { transmittedOn: '2026-01-10' },
      P,
    );
    expect(d.filter((x) => x.open).map((x) => [x.milestone, x.dueOn])).toEqual([
      ['publication_due', '2026-03-11'],
    ]);
  });

  it('WGEID six-month rule: the source’s comments are due six months after the reply is sent', () => {
    expect(
      deadlineFor('wgeid_communication', 'comments', { commentsRequestedOn: '2026-08-31' }, P),
    ).toBe('2027-02-28');
  });

  it('treaty bodies: six months for the State party, then the author, then 180 days follow-up', () => {
    const dates = {
      transmittedOn: '2026-01-31',
      governmentRepliedOn: '2026-07-15',
      opinionAdoptedOn: '2027-03-20',
    };
    expect(deadlineFor('treaty_communication', 'reply', dates, P)).toBe('2026-07-31');
    expect(deadlineFor('treaty_communication', 'comments', dates, P)).toBe('2026-09-13');
    expect(deadlineFor('treaty_communication', 'follow_up', dates, P)).toBe('2027-09-16');
  });

  it('submissions due ahead of a meeting: UPR months before the review, HRC statements two weeks (property)', () => {
    fc.assert(
      fc.property(anyDate, (review) => {
        const upr = deadlineFor('upr_submission', 'submission', { meetingOn: review }, P)!;
        expect(addMonths(upr, 7) <= review).toBe(true);
        expect(
          daysBetween(
            review,
            deadlineFor('hrc_statement', 'submission', { meetingOn: review }, P)!,
          ),
        ).toBe(-14);
      }),
    );
  });

  it('regional measures: ACHPR and African Court reports in 15 days; ECtHR Rule 39 has no clock', () => {
    expect(
      deadlineFor('achpr_provisional_measures', 'reply', { opinionAdoptedOn: '2026-12-20' }, P),
    ).toBe('2027-01-04');
    expect(
      deadlineFor('african_court_provisional', 'reply', { opinionAdoptedOn: '2026-12-20' }, P),
    ).toBe('2027-01-04');
    expect(procedureOf('ecthr_rule_39').clocks).toEqual([]);
    expect(noReplyPossibleFrom('ecthr_rule_39', { opinionAdoptedOn: '2026-12-20' }, P)).toBeNull();
  });

  it("the SG's reprisals report: the next call-for-inputs deadline after the case is opened", () => {
    expect(deadlineFor('reprisals_report', 'submission', { createdOn: '2026-05-16' }, P)).toBe(
      '2027-05-15',
    );
    expect(deadlineFor('reprisals_report', 'submission', { createdOn: '2026-01-02' }, P)).toBe(
      '2026-05-15',
    );
  });
});

describe("a State's acceptance of a treaty body's procedure", () => {
  it('is read from the table: yes, no (not party, no declaration, denounced), or unknown', () => {
    expect(acceptsProcedure('hrcttee', 'TN')).toBe(true);
    expect(acceptsProcedure('hrcttee', 'eg')).toBe(false);
    // Belarus denounced the first Optional Protocol (effective 8 February 2023).
    expect(acceptsProcedure('hrcttee', 'BY')).toBe(false);
    expect(acceptsProcedure('cat', 'MA')).toBe(true);
    expect(acceptsProcedure('ced_party', 'TR')).toBe(false);
    expect(acceptsProcedure('cedaw', 'ZZ')).toBeNull();
  });

  it('applies to treaty communications, interim measures and CED urgent actions only', () => {
    expect(instrumentFor('treaty_communication', 'cat')).toBe('cat');
    expect(instrumentFor('treaty_interim_measures', 'hrcttee')).toBe('hrcttee');
    expect(instrumentFor('ced_urgent_action', 'ced')).toBe('ced_party');
    expect(instrumentFor('treaty_communication', 'crc')).toBeNull();
    expect(instrumentFor('wgad_regular', 'wgad')).toBeNull();
  });
});
