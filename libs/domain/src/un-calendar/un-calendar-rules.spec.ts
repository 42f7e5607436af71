import { deadlineTitle, hrcSessionNumber, shortName, validateEntry } from './un-calendar-rules';
import type { CalendarEntryInput } from './un-calendar.types';

const upr: CalendarEntryInput = {
  kind: 'upr_session',
  number: 50,
  title: 'UPR Working Group, 50th session',
  startsOn: '2027-11-01',
  endsOn: '2027-11-12',
  countries: ['BD', 'TD'],
  deadlines: [
    { kind: 'stakeholder_submission', dueOn: '2027-07-15', country: 'BD' },
    { kind: 'stakeholder_submission', dueOn: '2027-07-22' },
  ],
};

const fields = (e: CalendarEntryInput, prefix?: string) =>
  validateEntry(e, prefix).map((x) => x.field);

describe('validateEntry', () => {
  it('accepts a well-formed entry of each kind', () => {
    expect(validateEntry(upr)).toEqual([]);
    expect(
      validateEntry({
        kind: 'wgad_session',
        number: 110,
        title: 'WGAD 110',
        startsOn: '2027-11-15',
        endsOn: '2027-11-24',
        deadlines: [{ kind: 'case_cutoff', dueOn: '2027-09-30' }],
      }),
    ).toEqual([]);
    expect(
      validateEntry({
        kind: 'regional_session',
        body: 'achpr',
        title: 'ACHPR ordinary session',
        startsOn: '2027-10-20',
        endsOn: '2027-11-09',
      }),
    ).toEqual([]);
  });

  it('names every bad field at once, with the prefix', () => {
    expect(
      fields(
        {
          ...upr,
          number: 1.5,
          title: ' ',
          startsOn: '2027-02-30',
          countries: ['bd', 'ZZ', 'TD'],
          deadlines: [{ kind: 'case_cutoff', dueOn: '2027-07-01', country: 'KE' }],
          sourceUrl: 'ftp://example.org',
        },
        'entries[2].',
      ),
    ).toEqual([
      'entries[2].number',
      'entries[2].title',
      'entries[2].startsOn',
      'entries[2].sourceUrl',
      'entries[2].countries[0]',
      'entries[2].countries[1]',
      'entries[2].deadlines[0].kind',
      'entries[2].deadlines[0].country',
    ]);
  });

  it('checks what only makes sense across fields', () => {
    expect(fields({ ...upr, endsOn: '2027-10-31' })).toEqual(['endsOn']);
    expect(fields({ ...upr, countries: [], deadlines: [] })).toEqual(['countries']);
    expect(fields({ ...upr, countries: ['BD', 'BD'], deadlines: [] })).toEqual(['countries']);
    expect(
      fields({ ...upr, deadlines: [{ kind: 'stakeholder_submission', dueOn: '2027-11-13' }] }),
    ).toEqual(['deadlines[0].dueOn']);
    expect(
      fields({
        ...upr,
        deadlines: [
          { kind: 'stakeholder_submission', dueOn: '2027-07-01', country: 'BD' },
          { kind: 'stakeholder_submission', dueOn: '2027-07-02', country: 'BD' },
        ],
      }),
    ).toEqual(['deadlines[1].kind']);
    expect(fields({ ...upr, body: 'achpr' })).toEqual(['body']);
    expect(fields({ ...upr, kind: 'regional_session', countries: [], deadlines: [] })).toEqual([
      'body',
    ]);
  });
});

describe('names', () => {
  it('short names and milestone titles carry the session, what is due and the state', () => {
    const e = { kind: 'upr_session' as const, number: 50, body: null, title: 't' };
    expect(shortName(e)).toBe('UPR 50');
    expect(shortName({ ...e, kind: 'regional_session', body: 'achpr' })).toBe('ACHPR 50');
    expect(shortName({ ...e, number: null })).toBe('t');
    expect(deadlineTitle(e, { kind: 'stakeholder_submission', country: 'BD', label: null })).toBe(
      'UPR 50: stakeholder submission due (BD)',
    );
    expect(deadlineTitle(e, { kind: 'other', country: null, label: 'Pre-session' })).toBe(
      'UPR 50: Pre-session',
    );
    expect(deadlineTitle(e, null)).toBe('UPR 50: session opens');
  });

  it.each([
    ['HRC 61', 61],
    ['HRC61', 61],
    ['61st session', 61],
    ['A/HRC/61', 61],
    ['next session', null],
    ['', null],
    [null, null],
  ])('hrcSessionNumber(%j) = %j', (text, n) => {
    expect(hrcSessionNumber(text)).toBe(n);
  });
});
