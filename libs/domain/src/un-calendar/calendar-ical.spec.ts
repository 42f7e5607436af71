import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { parseCalendarCsv } from './calendar-csv';
import { calendarKindFromText, parseCalendarIcal, sessionNumberFromText } from './calendar-ical';
import { locateCalendarImportErrors } from './calendar-parse';
import { validateEntry } from './un-calendar-rules';
import type { CalendarEntryInput } from './un-calendar.types';

/** A calendar from content lines (CRLF, as RFC 5545 has it). Line 1 is BEGIN:VCALENDAR. */
const ics = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...lines, 'END:VCALENDAR', ''].join(
    '\r\n',
  );
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

describe('calendar iCalendar', () => {
  it("reads Witness's own mapping (what the feeds write) into entries", () => {
    const text = ics(
      ...event(
        'UID:un-1@witness',
        'DTSTAMP:20270101T000000Z',
        'SUMMARY:UPR Working Group\\, 55th session',
        'DTSTART;VALUE=DATE:20270426',
        'DTEND;VALUE=DATE:20270508',
        'LOCATION:Geneva',
        'DESCRIPTION:Sample: check against OHCHR’s published calendar before relying on it.\\nTwo',
        'URL:https://www.ohchr.org/en/hr-bodies/upr/upr-home',
        'CATEGORIES:upr_session',
        'X-WITNESS-KIND:upr_session',
        'X-WITNESS-NUMBER:55',
        'X-WITNESS-COUNTRIES:BH,EC,tn',
        'X-WITNESS-SAMPLE:TRUE',
        'X-WITNESS-DEADLINE;X-KIND=stakeholder_submission;X-COUNTRY=TN;X-LABEL="Late^\'s, TN":2026',
        ' 1012',
        'X-WITNESS-DEADLINE;X-KIND=stakeholder_submission:20261005',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'DESCRIPTION:not read',
        'END:VALARM',
      ),
      ...event(
        'UID:un-1-d1@witness',
        'SUMMARY:UPR 55: stakeholder submission due',
        'DTSTART;VALUE=DATE:20261005',
        'X-WITNESS-DEADLINE-OF:un-1@witness',
      ),
      ...event(
        'SUMMARY:ACHPR 88th Ordinary Session',
        'DTSTART;VALUE=DATE:20270428',
        'DTEND;VALUE=DATE:20270513',
        'X-WITNESS-KIND:regional_session',
        'X-WITNESS-BODY:ACHPR',
        'X-WITNESS-SAMPLE:false',
      ),
    );
    const { entries, errors, skipped, sources } = parseCalendarIcal(text);
    expect(errors).toEqual([]);
    expect(entries).toEqual<CalendarEntryInput[]>([
      {
        kind: 'upr_session',
        number: 55,
        body: null,
        title: 'UPR Working Group, 55th session',
        startsOn: '2027-04-26',
        endsOn: '2027-05-07',
        location: 'Geneva',
        countries: ['BH', 'EC', 'TN'],
        deadlines: [
          { kind: 'stakeholder_submission', dueOn: '2026-10-05', country: null, label: null },
          {
            kind: 'stakeholder_submission',
            dueOn: '2026-10-12',
            country: 'TN',
            label: 'Late"s, TN',
          },
        ],
        notes: 'Sample: check against OHCHR’s published calendar before relying on it.\nTwo',
        sourceUrl: 'https://www.ohchr.org/en/hr-bodies/upr/upr-home',
        sample: true,
      },
      {
        kind: 'regional_session',
        number: 88,
        body: 'achpr',
        title: 'ACHPR 88th Ordinary Session',
        startsOn: '2027-04-28',
        endsOn: '2027-05-12',
        location: null,
        countries: [],
        deadlines: [],
        notes: null,
        sourceUrl: null,
        sample: false,
      },
    ]);
    expect(skipped).toEqual([
      { line: 26, reason: "a feed's deadline event (X-WITNESS-DEADLINE-OF)" },
    ]);
    expect(sources.map((s) => s.line)).toEqual([4, 32]);
    // The folded deadline is found on the line it starts on.
    expect(sources[0].fields['deadlines[1]']).toEqual({ line: 18, name: 'X-WITNESS-DEADLINE' });
    for (const e of entries) expect(validateEntry(e)).toEqual([]);
  });

  it('reads plain published calendars: kind from CATEGORIES or SUMMARY, number from the summary', () => {
    const text = ics(
      ...event(
        'SUMMARY:61st regular session',
        'CATEGORIES:Meetings,Human Rights Council',
        'DTSTART;VALUE=DATE:20260223',
        'DTEND;VALUE=DATE:20260404',
      ),
      ...event(
        'SUMMARY:Working Group on Arbitrary Detention - 108th session',
        'DTSTART;VALUE=DATE:20270419',
        'DTEND;VALUE=DATE:20270429',
      ),
      ...event('SUMMARY:HRC62', 'DTSTART:20270614T080000Z', 'DTEND:20270709T170000Z'),
      ...event(
        // Outlook's all-day event: local midnight to midnight, in Geneva.
        'SUMMARY:Universal Periodic Review – session 56',
        'DTSTART;TZID=Europe/Zurich:20271101T000000',
        'DTEND;TZID=Europe/Zurich:20271113T000000',
      ),
      ...event(
        'SUMMARY:Inter-American Commission on Human Rights period of sessions',
        'DTSTART;VALUE=DATE:20270301',
        'DURATION:P5D',
      ),
      ...event('SUMMARY:UPR pre-session', 'DTSTART:20270310', 'STATUS:CONFIRMED'),
      ...event('SUMMARY:Cancelled HRC briefing', 'DTSTART;VALUE=DATE:20270311', 'STATUS:CANCELLED'),
    );
    const { entries, errors, skipped } = parseCalendarIcal(text);
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.kind, e.body, e.number, e.startsOn, e.endsOn])).toEqual([
      ['hrc_session', null, 61, '2026-02-23', '2026-04-03'],
      ['wgad_session', null, 108, '2027-04-19', '2027-04-28'],
      ['hrc_session', null, 62, '2027-06-14', '2027-07-09'],
      ['upr_session', null, 56, '2027-11-01', '2027-11-12'],
      ['regional_session', 'iachr', null, '2027-03-01', '2027-03-05'],
      ['upr_session', null, null, '2027-03-10', '2027-03-10'],
    ]);
    expect(skipped).toEqual([{ line: 35, reason: 'cancelled' }]);
  });

  it('takes the day written in a date-time: no shift to UTC for a TZID, the UTC day for Z', () => {
    const text = ics(
      ...event(
        'SUMMARY:HRC 64',
        'DTSTART;TZID=America/New_York:20270222T230000',
        'DTEND;TZID=America/New_York:20270223T100000',
      ),
      ...event('SUMMARY:HRC 65', 'DTSTART:20270614T233000Z', 'DTEND:20270615T000000Z'),
      ...event('SUMMARY:HRC 66', 'DTSTART:20270913T090000', 'DURATION:PT8H'),
    );
    const { entries, errors } = parseCalendarIcal(text);
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.startsOn, e.endsOn])).toEqual([
      ['2027-02-22', '2027-02-23'],
      ['2027-06-14', '2027-06-14'],
      ['2027-09-13', '2027-09-13'],
    ]);
  });

  it('names the line of every bad event or property', () => {
    const text = ics(
      ...event('SUMMARY:Staff retreat', 'DTSTART;VALUE=DATE:20270105'), // 4-7: kind unknown
      ...event('SUMMARY:HRC 64', 'DTSTART;VALUE=DATE:20270230'), // 8-11: no such day (10)
      ...event(
        'SUMMARY:WGAD 108', // 13
        'DTSTART;VALUE=DATE:20270419',
        'DTEND:soon', // 15
        'X-WITNESS-NUMBER:one hundred', // 16
        'X-WITNESS-SAMPLE:maybe', // 17
        'X-WITNESS-DEADLINE;X-KIND=lunch:20270401', // 18
        'X-WITNESS-DEADLINE:20270401', // 19
        'X-WITNESS-DEADLINE;X-KIND=case_cutoff:April', // 20
        'RRULE:FREQ=YEARLY', // 21
      ),
      ...event('DTSTART;VALUE=DATE:20270419', 'X-WITNESS-KIND:hrc'), // 23-26: no summary, bad kind
      ...event('SUMMARY:ACHPR session', 'X-WITNESS-BODY:au'), // 27-30: no start, bad body
    );
    const { entries, errors } = parseCalendarIcal(text);
    expect(entries).toEqual([]);
    expect(errors.map((e) => `${e.line}:${e.field ?? ''}`)).toEqual([
      '4:',
      '10:DTSTART',
      '15:DTEND',
      '16:X-WITNESS-NUMBER',
      '17:X-WITNESS-SAMPLE',
      '18:X-WITNESS-DEADLINE',
      '19:X-WITNESS-DEADLINE',
      '20:X-WITNESS-DEADLINE',
      '21:RRULE',
      '23:SUMMARY',
      '25:X-WITNESS-KIND',
      '27:DTSTART',
      '29:X-WITNESS-BODY',
    ]);
    expect(errors[0].message).toMatch(
      /^cannot tell which kind of session "Staff retreat" is: set X-WITNESS-KIND or CATEGORIES/,
    );
    expect(errors[1].message).toBe('2027-02-30 is not a date of the calendar');
    expect(errors[5].message).toMatch(/^X-KIND must be one of written_statement/);
    expect(errors[6].message).toMatch(/^needs X-KIND=/);
    expect(errors[8].message).toBe(
      'repeating events are not supported: give each session its own VEVENT',
    );
  });

  it('names the line of broken structure and syntax', () => {
    const parse = (text: string) => parseCalendarIcal(text).errors;
    expect(parse('hello\r\n')).toEqual([
      {
        line: 1,
        message: 'does not start with BEGIN:VCALENDAR: is this an iCalendar (.ics) file?',
      },
    ]);
    expect(parse('')).toEqual([{ line: 1, message: 'the file is empty' }]);
    expect(parse(ics())).toEqual([{ line: 1, message: 'has no VEVENT to import' }]);
    // Unclosed event: named at its BEGIN line.
    expect(parse('BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:HRC 1\nEND:VCALENDAR\n')).toEqual([
      { line: 4, message: 'END:VCALENDAR found where BEGIN:VEVENT of line 2 should end' },
    ]);
    expect(parse('BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:HRC 1\n')).toEqual([
      { line: 1, message: 'BEGIN:VCALENDAR is never closed by END:VCALENDAR' },
      { line: 2, message: 'BEGIN:VEVENT is never closed by END:VEVENT' },
    ]);
    // Folded lines count as the lines they are on; a bad line and a bad quote are named.
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DESCRIPTION:a long',
      '  description',
      'this is not a property',
      'SUMMARY;X-A="unterminated:HRC 1',
      'DTSTART;VALUE=DATE:20270101',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    expect(parse(text)).toEqual([
      { line: 5, message: 'is not an iCalendar line (NAME:value or NAME;PARAM=value:value)' },
      {
        line: 6,
        field: 'SUMMARY',
        message: expect.stringMatching(
          /^cannot be read: invalid line \(no matching double quote\)/,
        ),
      },
    ]);
  });

  it("places the rules' errors on the property that holds the value", () => {
    const text = ics(
      ...event(
        'SUMMARY:HRC 64', // 5
        'DTSTART;VALUE=DATE:20270222', // 6
        'DTEND;VALUE=DATE:20270201', // 7: before the start
        'X-WITNESS-DEADLINE;X-KIND=case_cutoff:20270101', // 8: a WGAD deadline
      ), // 10-14: an ACHPR session, its body told by the summary
      ...event(
        'SUMMARY:African Commission on Human and Peoples’ Rights',
        'X-WITNESS-KIND:regional_session',
        'DTSTART;VALUE=DATE:20270301',
      ),
      ...event('SUMMARY:UPR 55', 'DTSTART;VALUE=DATE:20270426', 'X-WITNESS-KIND:upr_session'), // 15: no states
      ...event(
        'SUMMARY:Some regional body',
        'DTSTART;VALUE=DATE:20270426',
        'CATEGORIES:regional_session',
      ), // 20: no body
    );
    const { entries, errors, sources } = parseCalendarIcal(text);
    expect(errors).toEqual([]);
    expect(entries[1].body).toBe('achpr');
    const ruleErrors = entries.flatMap((e, i) => validateEntry(e, `entries[${i}].`));
    expect(locateCalendarImportErrors(sources, ruleErrors)).toEqual([
      { line: 7, field: 'DTEND', message: 'must be on or after startsOn' },
      {
        line: 8,
        field: 'X-WITNESS-DEADLINE',
        message: expect.stringMatching(/^must be one of written_statement/),
      },
      { line: 15, field: 'countries', message: 'a UPR session needs the states under review' },
      {
        line: 20,
        field: 'X-WITNESS-BODY',
        message: expect.stringMatching(/^a regional session needs its body/),
      },
    ]);
  });

  it('tells kinds and numbers from free text', () => {
    expect(calendarKindFromText('Human Rights Council 61st session')).toEqual({
      kind: 'hrc_session',
      body: null,
    });
    expect(calendarKindFromText('UPR Working Group of the Human Rights Council')).toEqual({
      kind: 'upr_session',
      body: null,
    });
    expect(calendarKindFromText('wgad')).toEqual({ kind: 'wgad_session', body: null });
    expect(calendarKindFromText('WGAD_session')).toEqual({ kind: 'wgad_session', body: null });
    expect(calendarKindFromText('ACHPR')).toEqual({ kind: 'regional_session', body: 'achpr' });
    expect(calendarKindFromText('Christmas')).toBeNull();
    expect(calendarKindFromText('THRC')).toBeNull();
    expect(sessionNumberFromText('Human Rights Council, 61st regular session')).toBe(61);
    expect(sessionNumberFromText('88th Ordinary Session of the ACHPR')).toBe(88);
    expect(sessionNumberFromText('UPR session no. 48')).toBe(48);
    expect(sessionNumberFromText('HRC-64 side events')).toBe(64);
    expect(sessionNumberFromText('Human Rights Council, 3 March')).toBeNull();
  });

  describe('properties', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const text = fc
      .string({ minLength: 1, maxLength: 60 })
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const country = fc.constantFrom('BD', 'BR', 'TD', 'EG', 'KE', 'TN');
    const entry = fc.record({
      kind: fc.constantFrom(
        'hrc_session',
        'wgad_session',
        'upr_session',
        'regional_session' as const,
      ),
      number: fc.option(fc.integer({ min: 1, max: 999 }), { nil: null }),
      title: text,
      startsOn: day,
      days: fc.integer({ min: 0, max: 40 }),
      location: fc.option(text, { nil: null }),
      countries: fc.uniqueArray(country, { maxLength: 4 }),
      notes: fc.option(text, { nil: null }),
      sample: fc.boolean(),
      deadlines: fc.uniqueArray(
        fc.record({
          country: fc.option(country, { nil: null }),
          dueOn: day,
          // ical.js reads a parameter's `\\` as one backslash (RFC 5545 has no escapes there).
          label: fc.option(
            text.filter((t) => !t.includes('\\')),
            { nil: null },
          ),
        }),
        {
          maxLength: 3,
          selector: (d) => d.country,
        },
      ),
    });
    const compact = (d: string) => d.replace(/-/g, '');
    const plusDays = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

    it('reads back what ical.js writes, folded and escaped', () => {
      fc.assert(
        fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (rows) => {
          rows.forEach((r, i) => (r.title = `${i}:${r.title}`));
          rows.forEach((r, i) => (r.number = r.number === null ? null : i + 1));
          const cal = new ICAL.Component(['vcalendar', [], []]);
          for (const r of rows) {
            const ev = new ICAL.Component('vevent');
            ev.addPropertyWithValue('summary', r.title);
            const start = new ICAL.Property('dtstart');
            start.setValue(ICAL.Time.fromDateString(r.startsOn));
            ev.addProperty(start);
            const end = new ICAL.Property('dtend');
            end.setValue(ICAL.Time.fromDateString(plusDays(r.startsOn, r.days + 1)));
            ev.addProperty(end);
            if (r.location) ev.addPropertyWithValue('location', r.location);
            if (r.notes) ev.addPropertyWithValue('description', r.notes);
            ev.addPropertyWithValue('x-witness-kind', r.kind);
            if (r.number !== null) ev.addPropertyWithValue('x-witness-number', String(r.number));
            if (r.countries.length)
              ev.addPropertyWithValue('x-witness-countries', r.countries.join(','));
            ev.addPropertyWithValue('x-witness-sample', r.sample ? 'TRUE' : 'FALSE');
            for (const d of r.deadlines) {
              const p = new ICAL.Property('x-witness-deadline');
              p.setParameter('x-kind', 'other');
              if (d.country) p.setParameter('x-country', d.country);
              if (d.label) p.setParameter('x-label', d.label);
              p.setValue(compact(d.dueOn));
              ev.addProperty(p);
            }
            cal.addSubcomponent(ev);
          }
          const { entries, errors } = parseCalendarIcal(cal.toString());
          expect(errors).toEqual([]);
          expect(
            entries.map((e) => [
              e.kind,
              e.number,
              e.title,
              e.startsOn,
              e.endsOn,
              e.location,
              e.countries,
              e.notes,
              e.sample,
              e.deadlines?.length,
            ]),
          ).toEqual(
            rows.map((r) => [
              r.kind,
              r.number,
              r.title,
              r.startsOn,
              plusDays(r.startsOn, r.days),
              r.location,
              r.countries,
              r.notes,
              r.sample,
              r.deadlines.length,
            ]),
          );
          const labels = (ds: { label?: string | null }[]) => ds.map((d) => d.label ?? null).sort();
          entries.forEach((e, i) =>
            expect(labels(e.deadlines ?? [])).toEqual(labels(rows[i].deadlines)),
          );
        }),
      );
    });

    it('never throws, and every error names a line of the file', () => {
      const line = fc.oneof(
        fc.constantFrom(
          'BEGIN:VEVENT',
          'END:VEVENT',
          'SUMMARY:HRC 1',
          'DTSTART;VALUE=DATE:20270101',
          'DTEND:x',
          ' folded',
          'X-WITNESS-KIND:upr_session',
          'X-WITNESS-DEADLINE;X-KIND="a:1',
          '',
        ),
        fc.string({ maxLength: 20 }),
      );
      fc.assert(
        fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
          const file = ['BEGIN:VCALENDAR', ...lines, 'END:VCALENDAR'].join('\r\n');
          const { errors } = parseCalendarIcal(file);
          const count = file.split(/\r\n|\n|\r/).length;
          for (const e of errors) {
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.line).toBeLessThanOrEqual(count);
          }
        }),
      );
    });
  });

  it('ships CSV and iCalendar samples that hold the same calendar, valid and flagged as samples', () => {
    const samples = join(__dirname, '..', '..', '..', '..', 'scripts', 'samples');
    const csv = parseCalendarCsv(readFileSync(join(samples, 'un-calendar.sample.csv'), 'utf8'));
    const ical = parseCalendarIcal(readFileSync(join(samples, 'un-calendar.sample.ics'), 'utf8'));
    expect(csv.errors).toEqual([]);
    expect(ical.errors).toEqual([]);
    expect(ical.skipped).toEqual([]);
    expect(ical.entries).toEqual(csv.entries);
    const kinds = csv.entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'hrc_session')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'wgad_session')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'upr_session')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'regional_session')).toHaveLength(1);
    for (const e of csv.entries) {
      expect(validateEntry(e)).toEqual([]);
      expect(e.sample).toBe(true);
      expect(e.notes).toMatch(
        /^Sample: check against OHCHR's published calendar before relying on it\./,
      );
      expect(e.startsOn.slice(0, 4)).toBe('2027');
    }
    for (const upr of csv.entries.filter((e) => e.kind === 'upr_session')) {
      expect(upr.countries).toHaveLength(14);
      expect(upr.deadlines?.[0]).toMatchObject({ kind: 'stakeholder_submission', country: null });
    }
  });
});
