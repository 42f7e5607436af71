import fc from 'fast-check';
import { CALENDAR_CSV_COLUMNS, parseCalendarCsv } from './calendar-csv';
import { locateCalendarImportErrors } from './calendar-parse';
import { validateEntry } from './un-calendar-rules';
import type { CalendarEntryInput } from './un-calendar.types';

const HEADER =
  'kind,number,body,title,starts_on,ends_on,location,countries,written_statement_due,' +
  'side_event_request_due,oral_statement_registration_due,case_cutoff,submission_due,' +
  'stakeholder_submission_due,other_due,notes,source_url,sample';

/** A row in HEADER's order from the cells given by name. */
const row = (cells: Record<string, string>): string =>
  HEADER.split(',')
    .map((c) => cells[c] ?? '')
    .join(',');

const HRC = row({
  kind: 'hrc_session',
  number: '64',
  title: '"Human Rights Council, 64th regular session"',
  starts_on: '2027-02-22',
  ends_on: '2027-04-02',
  location: 'Geneva',
  written_statement_due: '2027-02-01',
  side_event_request_due: '2027-02-08',
  oral_statement_registration_due: '2027-02-15',
  other_due: '2027-01-25',
  source_url: 'https://www.ohchr.org/en/hr-bodies/hrc/home',
  sample: 'TRUE',
});
const UPR = row({
  kind: 'UPR_Session',
  number: '55',
  title: '"UPR Working Group, 55th session"',
  starts_on: '2027-04-26',
  ends_on: '2027-05-07',
  countries: 'bh; EC ;TN',
  stakeholder_submission_due: '2026-10-05; tn=2026-10-12',
  notes: '"Sample: check against OHCHR\'s published calendar before relying on it.\nSecond line"',
  sample: 'yes',
});

describe('calendar CSV', () => {
  it('reads a good file into entries, deadlines in one order, and remembers where each came from', () => {
    const { entries, errors, sources } = parseCalendarCsv(`${HEADER}\r\n${HRC}\r\n${UPR}\r\n`);
    expect(errors).toEqual([]);
    expect(entries).toEqual<CalendarEntryInput[]>([
      {
        kind: 'hrc_session',
        number: 64,
        body: null,
        title: 'Human Rights Council, 64th regular session',
        startsOn: '2027-02-22',
        endsOn: '2027-04-02',
        location: 'Geneva',
        countries: [],
        deadlines: [
          { kind: 'other', dueOn: '2027-01-25', country: null, label: null },
          { kind: 'written_statement', dueOn: '2027-02-01', country: null, label: null },
          { kind: 'side_event_request', dueOn: '2027-02-08', country: null, label: null },
          { kind: 'oral_statement_registration', dueOn: '2027-02-15', country: null, label: null },
        ],
        notes: null,
        sourceUrl: 'https://www.ohchr.org/en/hr-bodies/hrc/home',
        sample: true,
      },
      {
        kind: 'upr_session',
        number: 55,
        body: null,
        title: 'UPR Working Group, 55th session',
        startsOn: '2027-04-26',
        endsOn: '2027-05-07',
        location: null,
        countries: ['BH', 'EC', 'TN'],
        deadlines: [
          { kind: 'stakeholder_submission', dueOn: '2026-10-05', country: null, label: null },
          { kind: 'stakeholder_submission', dueOn: '2026-10-12', country: 'TN', label: null },
        ],
        notes:
          "Sample: check against OHCHR's published calendar before relying on it.\nSecond line",
        sourceUrl: null,
        sample: true,
      },
    ]);
    // The UPR row starts on line 3 and its notes run onto line 4.
    expect(sources.map((s) => s.line)).toEqual([2, 3]);
    expect(sources[0].fields['deadlines[0]']).toEqual({ line: 2, name: 'other_due' });
    expect(sources[0].fields['deadlines[3]']).toEqual({
      line: 2,
      name: 'oral_statement_registration_due',
    });
    expect(sources[1].fields.startsOn).toEqual({ line: 3, name: 'starts_on' });
    for (const e of entries) expect(validateEntry(e)).toEqual([]);
  });

  it('reads another deadline: a date, then a label that may hold any text', () => {
    const { entries, errors } = parseCalendarCsv(
      'kind,title,starts_on,ends_on,other_due\n' +
        'hrc_session,A,2027-02-22,2027-04-02,"2027-02-10  NGO briefing; room XX, floor 2 "\n' +
        'hrc_session,B,2027-02-22,2027-04-02,2027-02-11\n',
    );
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.deadlines)).toEqual([
      [
        {
          kind: 'other',
          dueOn: '2027-02-10',
          country: null,
          label: 'NGO briefing; room XX, floor 2',
        },
      ],
      [{ kind: 'other', dueOn: '2027-02-11', country: null, label: null }],
    ]);
  });

  it('takes header names in any case, in any order, a BOM, and only the required columns', () => {
    const text =
      '\ufeff Title ,ENDS_ON,Kind,starts_on,Number,Body\n' +
      'ACHPR 88th Ordinary Session,2027-05-12,regional_session,2027-04-28,88,ACHPR\n' +
      '\n' + // blank line: not a row
      ',,,,,\n' + // every cell empty: not a row
      'WGAD 108th session,2027-04-28,wgad_session,2027-04-19,,';
    const { entries, errors, sources } = parseCalendarCsv(text);
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.kind, e.number, e.body, e.title, e.startsOn, e.endsOn])).toEqual([
      ['regional_session', 88, 'achpr', 'ACHPR 88th Ordinary Session', '2027-04-28', '2027-05-12'],
      ['wgad_session', null, null, 'WGAD 108th session', '2027-04-19', '2027-04-28'],
    ]);
    expect(sources.map((s) => s.line)).toEqual([2, 5]);
  });

  it('refuses unknown, nameless, repeated and missing columns on line 1, and reads no row', () => {
    const { entries, errors } = parseCalendarCsv(
      'kind,title,starts_on,Title,colour,\nhrc_session,x,2027-01-01,x,red,\n',
    );
    expect(entries).toEqual([]);
    expect(errors).toEqual([
      { line: 1, field: 'title', message: 'appears twice in the header' },
      {
        line: 1,
        field: 'colour',
        message: expect.stringMatching(/^is not a known column \(known: kind, number/),
      },
      { line: 1, message: 'column 6 has no name' },
      { line: 1, field: 'ends_on', message: 'is a required column' },
    ]);
  });

  it('gives each bad cell with the physical line of its row', () => {
    const lines = [
      HEADER,
      row({ kind: 'hrc', title: 'A', starts_on: '2027-01-01', ends_on: '2027-01-02' }), // 2
      row({
        kind: 'hrc_session',
        number: '64b',
        title: '"multi\nline"', // lines 3-4
        starts_on: '22/02/2027',
        ends_on: '2027-02-30',
      }),
      row({
        kind: 'regional_session',
        body: 'un',
        title: 'B',
        starts_on: '2027-01-01',
        ends_on: '2027-01-01',
        sample: 'maybe',
      }), // 5
      row({
        kind: 'upr_session',
        title: 'C',
        starts_on: '2027-01-01',
        ends_on: '2027-01-02',
        countries: 'BD;TD',
        stakeholder_submission_due:
          '2026-07-01;2026-07-02;BD=2026-07-05;bd=2026-07-06;TD=soon;next week', // 6
      }),
      row({
        kind: '',
        title: '',
        starts_on: '',
        ends_on: '2027-01-01',
        case_cutoff: '2027-13-01',
        other_due: 'soon',
      }), // 7
      'hrc_session,1,,too few', // 8
    ];
    const { entries, errors } = parseCalendarCsv(lines.join('\n'));
    expect(entries).toEqual([]);
    expect(errors.map((e) => `${e.line}:${e.field ?? ''}`)).toEqual([
      '2:kind',
      '3:number',
      '3:starts_on',
      '3:ends_on',
      '5:body',
      '5:sample',
      '6:stakeholder_submission_due',
      '6:stakeholder_submission_due',
      '6:stakeholder_submission_due',
      '6:stakeholder_submission_due',
      '7:kind',
      '7:title',
      '7:starts_on',
      '7:case_cutoff',
      '7:other_due',
      '8:',
    ]);
    const messages = errors.map((e) => e.message);
    expect(messages).toContain(
      '"22/02/2027" must be a date written YYYY-MM-DD, e.g. 2027-02-22 (a spreadsheet may have reformatted it: format the column as text)',
    );
    expect(messages).toContain('2027-02-30 is not a date of the calendar');
    expect(messages).toContain(
      'gives more than one date for every state: write the others as CC=YYYY-MM-DD',
    );
    expect(messages).toContain('gives BD twice');
    expect(messages).toContain(
      'TD: "soon" must be a date written YYYY-MM-DD, e.g. 2027-02-22 (a spreadsheet may have reformatted it: format the column as text)',
    );
    expect(messages).toContain(
      '"next week" is neither a date YYYY-MM-DD (for every state) nor a state\'s date CC=YYYY-MM-DD',
    );
    expect(messages).toContain('has 4 cells but the header has 18');
  });

  it('reports a quote never closed at the line its record starts on', () => {
    const text = `kind,title,starts_on,ends_on\nhrc_session,A,2027-01-01,2027-01-02\nhrc_session,"B,2027-01-01,2027-01-02\nx\n`;
    const { errors } = parseCalendarCsv(text);
    expect(errors).toEqual([
      { line: 3, field: 'title', message: expect.stringMatching(/^a quoted cell is never closed/) },
    ]);
  });

  it('refuses an empty file and a file with a header only', () => {
    expect(parseCalendarCsv(' \r\n').errors).toEqual([{ line: 1, message: 'the file is empty' }]);
    expect(parseCalendarCsv('kind,title,starts_on,ends_on\r\n').errors).toEqual([
      { line: 2, message: 'the file has no rows to import' },
    ]);
  });

  it('refuses two rows an import would match to the same entry', () => {
    const text = [
      'kind,number,title,starts_on,ends_on',
      'hrc_session,64,HRC 64,2027-02-22,2027-04-02',
      'hrc_session,,Briefing,2027-03-01,2027-03-01',
      'hrc_session,64,HRC 64 (moved),2027-03-01,2027-04-09',
      'hrc_session,,Briefing,2027-03-01,2027-03-02',
      'wgad_session,64,WGAD 64,2027-02-22,2027-04-02',
    ].join('\n');
    const { errors } = parseCalendarCsv(text);
    expect(errors).toEqual([
      { line: 4, message: expect.stringMatching(/^is the same session as line 2 /) },
      { line: 5, message: expect.stringMatching(/^is the same session as line 3 /) },
    ]);
  });

  it("places the rules' errors on the row and the column that holds the value", () => {
    const text = [
      'kind,title,starts_on,ends_on,countries,case_cutoff,stakeholder_submission_due',
      'hrc_session,A,2027-02-22,2027-02-01,,2027-01-01,', // 2: ends before it starts; a WGAD deadline
      'upr_session,B,2027-04-26,2027-05-07,BD;XX,,2026-10-01;TD=2026-10-02', // 3: XX; TD not under review
    ].join('\n');
    const { entries, errors, sources } = parseCalendarCsv(text);
    expect(errors).toEqual([]);
    const fieldErrors = entries.flatMap((e, i) => validateEntry(e, `entries[${i}].`));
    expect(locateCalendarImportErrors(sources, fieldErrors)).toEqual([
      { line: 2, field: 'ends_on', message: 'must be on or after startsOn' },
      {
        line: 2,
        field: 'case_cutoff',
        message: expect.stringMatching(/^must be one of written_statement/),
      },
      { line: 3, field: 'countries', message: expect.stringMatching(/ISO 3166-1 alpha-2/) },
      {
        line: 3,
        field: 'stakeholder_submission_due',
        message: 'must be one of the entry’s countries',
      },
    ]);
  });

  it("places the import's own errors on the entry's line, naming other entries by line", () => {
    const { sources } = parseCalendarCsv(
      'kind,title,starts_on,ends_on\nhrc_session,A,2027-01-01,2027-01-02\n\nhrc_session,B,2027-01-01,2027-01-02\n',
    );
    expect(
      locateCalendarImportErrors(sources, [
        { field: 'entries[1]', message: 'is the same session as entries[0] (hrc_session 1)' },
        { field: 'entries', message: 'too many' },
      ]),
    ).toEqual([
      { line: 1, field: 'entries', message: 'too many' },
      { line: 4, message: 'is the same session as line 2 (hrc_session 1)' },
    ]);
  });

  it('documents every column once, the required ones first among the identity', () => {
    const names = CALENDAR_CSV_COLUMNS.map((c) => c.name);
    expect(names.join(',')).toBe(HEADER);
    expect(CALENDAR_CSV_COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual([
      'kind',
      'title',
      'starts_on',
      'ends_on',
    ]);
  });

  describe('properties', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const text = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => s.trim() === s && s !== '');
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
      endsOn: day,
      location: fc.option(text, { nil: null }),
      countries: fc.uniqueArray(country, { maxLength: 4 }),
      notes: fc.option(text, { nil: null }),
      sample: fc.boolean(),
      due: fc.option(day, { nil: null }),
      perState: fc.dictionary(country, day, { maxKeys: 3 }),
    });
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

    it('reads back what was written, whatever the text, quoting and line ends', () => {
      fc.assert(
        fc.property(
          fc.array(entry, { minLength: 1, maxLength: 6 }),
          fc.constantFrom('\r\n', '\n', '\r'),
          (rows, eol) => {
            // Distinct keys, as the file must have them.
            rows.forEach((r, i) => (r.number = r.number === null ? null : i + 1));
            rows.forEach((r, i) => (r.title = `${i}:${r.title}`));
            const header =
              'kind,number,title,starts_on,ends_on,location,countries,stakeholder_submission_due,notes,sample';
            const lines = rows.map((r) =>
              [
                r.kind,
                r.number ?? '',
                quote(r.title),
                r.startsOn,
                r.endsOn,
                quote(r.location ?? ''),
                r.countries.join(';'),
                [r.due, ...Object.entries(r.perState).map(([c, d]) => `${c}=${d}`)]
                  .filter(Boolean)
                  .join(';'),
                quote(r.notes ?? ''),
                r.sample,
              ].join(','),
            );
            const { entries, errors } = parseCalendarCsv([header, ...lines].join(eol));
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
              ]),
            ).toEqual(
              rows.map((r) => [
                r.kind,
                r.number,
                r.title.trim(),
                r.startsOn,
                r.endsOn,
                r.location?.trim() || null,
                r.countries,
                r.notes?.trim() || null,
                r.sample,
              ]),
            );
            entries.forEach((e, i) =>
              expect(e.deadlines?.length).toBe(
                (rows[i].due ? 1 : 0) + Object.keys(rows[i].perState).length,
              ),
            );
          },
        ),
      );
    });

    it('never throws, and every error names a line of the file', () => {
      const cell = fc.oneof(
        fc.string({ maxLength: 12 }),
        day,
        fc.constantFrom('"', '""', 'hrc_session', ';', 'BD=x'),
      );
      fc.assert(
        fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }), (cells) => {
          const file = [
            'kind,title,starts_on,ends_on,countries,stakeholder_submission_due',
            ...cells.map((r) => r.join(',')),
          ].join('\n');
          const { entries, errors } = parseCalendarCsv(file);
          const lineCount = file.split(/\r\n|\n|\r/).length;
          for (const e of errors) {
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.line).toBeLessThanOrEqual(lineCount + 1);
          }
          if (!errors.length) expect(entries.length).toBeGreaterThan(0);
        }),
      );
    });
  });
});
