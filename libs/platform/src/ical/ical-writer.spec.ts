import fc from 'fast-check';
import ICAL from 'ical.js';
import {
  escapeText,
  foldLine,
  formatDate,
  formatDateTime,
  isICalUri,
  nextDay,
  paramValue,
  writeICalendar,
  type ICalCalendar,
  type ICalEvent,
} from './ical-writer';

const STAMP = new Date('2026-06-15T10:00:00.123Z');

function event(over: Partial<ICalEvent> = {}): ICalEvent {
  return {
    uid: 'e1@witness.test',
    dtstamp: STAMP,
    start: { date: '2026-07-01' },
    summary: 'Hearing',
    ...over,
  };
}

function calendar(events: ICalEvent[], over: Partial<ICalCalendar> = {}): string {
  return writeICalendar({
    prodId: '-//Witness//Calendar feed//EN',
    name: 'Witness',
    refreshInterval: 'PT1H',
    events,
    ...over,
  });
}

/** Parse with ical.js (a standard library) and return the VEVENTs. */
function parsedEvents(ics: string): InstanceType<typeof ICAL.Component>[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
}

/** The physical lines, as octets, without their CRLF. */
function octetLines(ics: string): Buffer[] {
  const bytes = Buffer.from(ics, 'utf8');
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
      i++;
    }
  }
  expect(start).toBe(bytes.length); // ends with CRLF
  return lines;
}

/** Code points a TEXT value carries through unchanged: no control characters but TAB and LF. */
const textChar = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(';', ',', '\\', '\n', ':', '"', '^', '\t', ' ', 'é') },
  { weight: 2, arbitrary: fc.constantFrom('😀', '中', '𝄞', 'ü', '\u0301', 'ß', 'ℵ') },
);
const isTextSafe = (c: string) => !/[\u0000-\u0008\u000B-\u001F\u007F\r]/.test(c); // eslint-disable-line no-control-regex
const unicodeText = fc.string({ unit: textChar.filter(isTextSafe), maxLength: 120 });

describe('ical writer', () => {
  describe('text escaping', () => {
    it('escapes backslash, semicolon, comma and line breaks, and keeps colons and quotes', () => {
      expect(escapeText('a\\b;c,d\ne:f"g')).toBe('a\\\\b\\;c\\,d\\ne:f"g');
    });

    it('writes CRLF, CR and LF alike as \\n', () => {
      expect(escapeText('1\r\n2\r3\n4')).toBe('1\\n2\\n3\\n4');
    });

    it('drops control characters TEXT cannot hold, keeps TAB, and repairs lone surrogates', () => {
      expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
      expect(escapeText('x\ud800y')).toBe('x\ufffdy');
    });

    it('caret-encodes parameter values and quotes them when they hold ; : or ,', () => {
      expect(paramValue('BD')).toBe('BD');
      expect(paramValue('a;b')).toBe('"a;b"');
      expect(paramValue('say "hi"^\nnext')).toBe("say ^'hi^'^^^nnext");
      expect(paramValue('x: "y"')).toBe('"x: ^\'y^\'"');
    });
  });

  describe('folding', () => {
    it('leaves a line of exactly 74 octets alone and folds one of 75, continuations at 75 with the space', () => {
      expect(foldLine('a'.repeat(74))).toBe('a'.repeat(74));
      expect(foldLine('a'.repeat(75))).toBe(`${'a'.repeat(74)}\r\n a`);
      expect(foldLine('a'.repeat(74 + 74 + 1))).toBe(
        `${'a'.repeat(74)}\r\n ${'a'.repeat(74)}\r\n a`,
      );
    });

    it('ends a line early rather than split a multi-octet character', () => {
      // 74 ASCII octets + a 3-octet character would be 77: the character goes on the next line.
      const line = `${'a'.repeat(74)}中b`;
      expect(foldLine(line)).toBe(`${'a'.repeat(74)}\r\n 中b`);
      // A 4-octet character (a surrogate pair in JS) stays whole too.
      expect(foldLine(`${'a'.repeat(73)}😀😀`)).toBe(`${'a'.repeat(73)}\r\n 😀😀`);
    });

    it('never writes a physical line over 75 octets nor one that is not whole UTF-8 (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
          const ics = calendar([event({ summary: s, description: s, location: s })]);
          const decoder = new TextDecoder('utf-8', { fatal: true });
          for (const line of octetLines(ics)) {
            expect(line.length).toBeLessThanOrEqual(75);
            decoder.decode(line); // throws on a split sequence
            expect(line.includes(0x0d) || line.includes(0x0a)).toBe(false);
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('values', () => {
    it('formats DATE and UTC DATE-TIME values', () => {
      expect(formatDate('2026-02-28')).toBe('20260228');
      expect(formatDateTime(new Date('2026-06-15T12:34:56.789+02:00'))).toBe('20260615T103456Z');
      expect(nextDay('2028-02-28')).toBe('2028-02-29');
      expect(nextDay('2026-12-31')).toBe('2027-01-01');
    });

    it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])(
      'refuses a day that does not exist: %j',
      (d) => {
        expect(() => formatDate(d)).toThrow(/calendar date/);
      },
    );

    it('refuses an invalid instant', () => {
      expect(() => formatDateTime(new Date('nope'))).toThrow();
    });

    it('accepts only http(s) URIs without whitespace or controls', () => {
      expect(isICalUri('https://witness.example.org/app/milestones/1')).toBe(true);
      expect(isICalUri('javascript:alert(1)')).toBe(false);
      expect(isICalUri('https://x.org/a b')).toBe(false);
      expect(isICalUri('https://x.org/a\nb')).toBe(false);
      expect(() => calendar([event({ url: 'https://x.org/a\r\nX-EVIL:1' })])).toThrow(/URI/);
    });
  });

  describe('calendar', () => {
    it('writes the calendar properties, CRLF line endings and one VEVENT per event', () => {
      const ics = calendar([event(), event({ uid: 'e2@witness.test' })], {
        description: 'Deadlines',
      });
      const lines = ics.split('\r\n');
      expect(lines.slice(0, 11)).toEqual([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Witness//Calendar feed//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'NAME:Witness',
        'X-WR-CALNAME:Witness',
        'DESCRIPTION:Deadlines',
        'X-WR-CALDESC:Deadlines',
        'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
        'X-PUBLISHED-TTL:PT1H',
      ]);
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);

      const cal = new ICAL.Component(ICAL.parse(ics));
      expect(cal.getFirstPropertyValue('version')).toBe('2.0');
      expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Witness');
      expect(String(cal.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
    });

    it('writes an all-day event as DATE values with an exclusive DTEND', () => {
      const ics = calendar([event({ start: { date: '2026-07-01' } })]);
      expect(ics).toContain('DTSTART;VALUE=DATE:20260701\r\nDTEND;VALUE=DATE:20260702\r\n');
      const [e] = parsedEvents(ics);
      const start = e.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>;
      expect(start.isDate).toBe(true);
      expect(start.toString()).toBe('2026-07-01');
      expect(String(e.getFirstPropertyValue('dtend'))).toBe('2026-07-02');
    });

    it('writes a timed event in UTC and a full VEVENT with every property', () => {
      const ics = calendar([
        event({
          start: { dateTime: new Date('2026-07-01T07:30:00Z') },
          end: { dateTime: new Date('2026-07-01T08:00:00Z') },
          summary: 'Trial, day 1; court',
          description: 'Line one\nLine two',
          location: 'Geneva, Palais des Nations',
          url: 'https://witness.example.org/app/milestones/e1',
          categories: ['hearing', 'a,b'],
          status: 'CANCELLED',
          sequence: 3,
          lastModified: new Date('2026-06-01T00:00:00Z'),
          transparent: true,
          x: [
            { name: 'X-WITNESS-KIND', raw: 'hrc_session' },
            { name: 'X-WITNESS-COUNTRIES', text: ['BD', 'NP'] },
            {
              name: 'X-WITNESS-DEADLINE',
              params: { 'X-KIND': 'stakeholder_submission', 'X-COUNTRY': 'BD', 'X-LABEL': 'a;b' },
              raw: '20260301',
            },
          ],
        }),
      ]);
      const body = ics.slice(ics.indexOf('BEGIN:VEVENT'));
      expect(body.split('\r\n').slice(0, 19)).toEqual([
        'BEGIN:VEVENT',
        'UID:e1@witness.test',
        'DTSTAMP:20260615T100000Z',
        'DTSTART:20260701T073000Z',
        'DTEND:20260701T080000Z',
        'SUMMARY:Trial\\, day 1\\; court',
        'DESCRIPTION:Line one\\nLine two',
        'LOCATION:Geneva\\, Palais des Nations',
        'URL:https://witness.example.org/app/milestones/e1',
        'CATEGORIES:hearing,a\\,b',
        'STATUS:CANCELLED',
        'SEQUENCE:3',
        'LAST-MODIFIED:20260601T000000Z',
        'TRANSP:TRANSPARENT',
        'X-WITNESS-KIND:hrc_session',
        'X-WITNESS-COUNTRIES:BD,NP',
        'X-WITNESS-DEADLINE;X-KIND=stakeholder_submission;X-COUNTRY=BD;X-LABEL="a;b',
        ' ":20260301',
        'END:VEVENT',
      ]);

      const [e] = parsedEvents(ics);
      const ev = new ICAL.Event(e);
      expect(ev.summary).toBe('Trial, day 1; court');
      expect(ev.description).toBe('Line one\nLine two');
      expect(ev.location).toBe('Geneva, Palais des Nations');
      expect(ev.startDate.toJSDate().toISOString()).toBe('2026-07-01T07:30:00.000Z');
      expect(ev.startDate.zone.tzid).toBe('UTC');
      expect(ev.endDate.toJSDate().toISOString()).toBe('2026-07-01T08:00:00.000Z');
      expect(e.getFirstProperty('categories')!.getValues()).toEqual(['hearing', 'a,b']);
      expect(e.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(e.getFirstPropertyValue('sequence')).toBe(3);
      const deadline = e.getFirstProperty('x-witness-deadline')!;
      expect(deadline.getFirstValue()).toBe('20260301');
      expect(deadline.getParameter('x-kind')).toBe('stakeholder_submission');
      expect(deadline.getParameter('x-country')).toBe('BD');
      expect(deadline.getParameter('x-label')).toBe('a;b');
    });

    it('escapes the calendar name and description (NAME, X-WR-*) without a VALUE parameter', () => {
      const ics = calendar([], { name: 'Cases; urgent, all', description: 'a\\b\nc' });
      const lines = ics.split('\r\n');
      expect(lines).toContain('NAME:Cases\\; urgent\\, all');
      expect(lines).toContain('X-WR-CALNAME:Cases\\; urgent\\, all');
      expect(lines).toContain('X-WR-CALDESC:a\\\\b\\nc');
      const cal = new ICAL.Component(ICAL.parse(ics));
      expect(cal.getFirstPropertyValue('name')).toBe('Cases\\; urgent\\, all'); // unknown to ical.js: raw
      expect(cal.getFirstPropertyValue('description')).toBe('a\\b\nc');
    });

    it('writes a list-valued parameter comma-separated, each value quoted as needed', () => {
      const ics = calendar([
        event({ x: [{ name: 'X-A', params: { 'X-TAGS': ['one', 'two:three'] }, raw: '1' }] }),
      ]);
      expect(ics).toContain('X-A;X-TAGS=one,"two:three":1\r\n');
    });

    it("leaves ical.js's own folding setting as it found it", () => {
      calendar([event({ description: 'x'.repeat(300) })]);
      expect(ICAL.foldLength).toBe(75);
    });

    it('refuses malformed names and values rather than write a broken line', () => {
      expect(() => calendar([event({ x: [{ name: 'WITNESS', raw: '1' }] })])).toThrow(/X-/);
      expect(() => calendar([event({ x: [{ name: 'X-A:B', raw: '1' }] })])).toThrow(/X-/);
      expect(() => calendar([event({ x: [{ name: 'X-A', raw: '1\r\nX-B:2' }] })])).toThrow();
      expect(() =>
        calendar([event({ x: [{ name: 'X-A', params: { 'B=C': 'd' }, raw: '1' }] })]),
      ).toThrow(/parameter name/);
      expect(() => calendar([event({ x: [{ name: 'X-A' }] })])).toThrow(/exactly one/);
      expect(() => calendar([event({ sequence: -1 })])).toThrow(/SEQUENCE/);
      expect(() =>
        calendar([event({ start: { date: '2026-07-01' }, end: { dateTime: new Date() } })]),
      ).toThrow(/both/);
      expect(() => calendar([], { refreshInterval: 'hourly' })).toThrow(/duration/);
      expect(() => calendar([], { refreshInterval: 'PT' })).toThrow(/duration/);
      // ical.js writes years unpadded: a year before 1000 would come out malformed.
      expect(() => calendar([event({ start: { date: '0999-12-31' } })])).toThrow(/calendar date/);
      expect(() => calendar([event({ dtstamp: new Date('0999-12-31T00:00:00Z') })])).toThrow(
        /Year/,
      );
      expect(() =>
        calendar([
          event({ x: [{ name: 'X-A', text: 'a' }] }),
          event({ uid: 'e2', x: [{ name: 'X-A', raw: '1' }] }),
        ]),
      ).toThrow(/both as text and raw/);
    });
  });

  describe('round trip through ical.js (property-based)', () => {
    it('brings back arbitrary Unicode text exactly: summary, description, location, categories, X- text', () => {
      fc.assert(
        fc.property(
          unicodeText,
          unicodeText,
          unicodeText,
          // ical.js splits a list on a comma after any backslash, even an escaped one
          // (`a\\,b`): an item ending in a backslash is the one thing it cannot read back.
          fc.array(
            unicodeText.filter((s) => s.length > 0 && !s.endsWith('\\')),
            { minLength: 1, maxLength: 3 },
          ),
          (summary, description, location, categories) => {
            const ics = calendar([
              event({
                summary,
                description,
                location,
                categories,
                x: [{ name: 'X-WITNESS-NOTE', params: { VALUE: 'TEXT' }, text: summary }],
              }),
            ]);
            const [e] = parsedEvents(ics);
            expect(e.getFirstPropertyValue('summary')).toBe(summary);
            // Empty optional values are left out, not written empty.
            expect(e.getFirstPropertyValue('description')).toBe(description || null);
            expect(e.getFirstPropertyValue('location')).toBe(location || null);
            expect(e.getFirstProperty('categories')!.getValues()).toEqual(categories);
            expect(e.getFirstPropertyValue('x-witness-note')).toBe(summary);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('brings back arbitrary parameter values exactly (quotes, carets, line breaks, ; : ,)', () => {
      fc.assert(
        // RFC 5545 has no backslash escapes in parameter values, but ical.js reads them as
        // TEXT (`\\;` -> `;`): labels with a backslash are left out of this property.
        fc.property(
          unicodeText.filter((s) => s.length > 0 && !s.includes('\\')),
          (label) => {
            const ics = calendar([
              event({
                x: [{ name: 'X-WITNESS-DEADLINE', params: { 'X-LABEL': label }, raw: '20260301' }],
              }),
            ]);
            const [e] = parsedEvents(ics);
            const p = e.getFirstProperty('x-witness-deadline')!;
            expect(p.getParameter('x-label')).toBe(label);
            expect(p.getFirstValue()).toBe('20260301');
          },
        ),
        { numRuns: 300 },
      );
    });

    it('brings back any day as an all-day event and any instant to the second', () => {
      const day = fc
        .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z') })
        .filter((d) => !Number.isNaN(d.getTime()))
        .map((d) => d.toISOString().slice(0, 10));
      const instant = fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z') })
        .filter((d) => !Number.isNaN(d.getTime()));
      fc.assert(
        fc.property(day, instant, (d, at) => {
          const ics = calendar([
            event({ uid: 'a', start: { date: d } }),
            event({ uid: 'b', start: { dateTime: at }, end: { dateTime: at } }),
          ]);
          const [allDay, timed] = parsedEvents(ics).map((c) => new ICAL.Event(c));
          expect(allDay.startDate.isDate).toBe(true);
          expect(allDay.startDate.toString()).toBe(d);
          expect(allDay.endDate.toString()).toBe(nextDay(d));
          expect(timed.startDate.isDate).toBe(false);
          expect(timed.startDate.toJSDate().getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
        }),
        { numRuns: 300 },
      );
    });
  });
});
