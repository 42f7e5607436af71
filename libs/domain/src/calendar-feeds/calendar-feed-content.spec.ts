import { writeICalendar } from '@witness/platform';
import ICAL from 'ical.js';
import type { MilestoneView } from '../milestones';
import { parseCalendarIcal, type CalendarEntryView } from '../un-calendar';
import { feedCalendar, milestoneSummary, type FeedContentInput } from './calendar-feed-content';

const NOW = new Date('2026-06-15T10:00:00Z');
const BASE = 'https://witness.example.org';

function milestone(over: Partial<MilestoneView> = {}): MilestoneView {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    defenderId: null,
    kind: 'hearing',
    title: 'Appeal hearing',
    dueAt: '2026-07-01T00:00:00.000Z',
    allDay: true,
    remindBefore: ['P1D'],
    assigneeIds: [],
    notes: null,
    status: 'open',
    source: null,
    version: 1,
    createdAt: '2026-06-01T00:00:00.000Z',
    updatedAt: '2026-06-01T00:00:00.000Z',
    ...over,
  };
}

function entry(over: Partial<CalendarEntryView> = {}): CalendarEntryView {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    kind: 'upr_session',
    number: 50,
    body: null,
    title: 'UPR Working Group, 50th session',
    startsOn: '2026-11-02',
    endsOn: '2026-11-13',
    location: 'Geneva, Palais des Nations',
    countries: ['BD', 'NP'],
    deadlines: [
      {
        id: '33333333-3333-4333-8333-333333333333',
        kind: 'stakeholder_submission',
        dueOn: '2026-04-09',
        country: 'BD',
        label: null,
      },
      {
        id: '44444444-4444-4444-8444-444444444444',
        kind: 'other',
        dueOn: '2026-10-01',
        country: null,
        label: 'Pre-session; "briefing", Geneva',
      },
    ],
    notes: 'Check the OHCHR page; dates move.',
    sourceUrl: 'https://www.ohchr.org/en/hr-bodies/upr/upr-main',
    sample: false,
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    ...over,
  };
}

function render(over: Partial<FeedContentInput>): string {
  return writeICalendar(
    feedCalendar({
      now: NOW,
      baseUrl: BASE,
      includeNames: false,
      milestones: [],
      entries: [],
      ...over,
    }),
  );
}

function events(ics: string) {
  return new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((c) => ({ c, e: new ICAL.Event(c) }));
}

describe('calendar feed content', () => {
  describe('milestone summaries', () => {
    const m = { kind: 'hearing', title: 'Samir Khalil appeal', defenderId: 'd1' } as const;

    it('never names a restricted case, not even through a typed title', () => {
      const restricted = { fullName: 'Samir Khalil', access: 'restricted' };
      expect(milestoneSummary(m, restricted, true)).toBe('Hearing — restricted case');
      expect(milestoneSummary(m, restricted, false)).toBe('Hearing — restricted case');
    });

    it('treats a case it could not read as restricted (fails closed)', () => {
      expect(milestoneSummary(m, null, true)).toBe('Hearing — restricted case');
    });

    it('names a standard case only when the feed asks for names', () => {
      const standard = { fullName: 'Amina Haddad', access: 'standard' };
      const t = { ...m, title: 'Appeal hearing' };
      expect(milestoneSummary(t, standard, false)).toBe('Appeal hearing');
      expect(milestoneSummary(t, standard, true)).toBe('Appeal hearing — Amina Haddad');
    });

    it('shows a general milestone by its title', () => {
      expect(milestoneSummary({ ...m, defenderId: null }, null, true)).toBe(m.title);
    });
  });

  it('writes milestones: all-day and timed, link by id, status, never the notes', () => {
    const ics = render({
      includeNames: true,
      milestones: [
        {
          milestone: milestone({ notes: 'SECRET-NOTE lawyer +20 100' }),
          defender: null,
        },
        {
          milestone: milestone({
            id: '55555555-5555-4555-8555-555555555555',
            defenderId: '66666666-6666-4666-8666-666666666666',
            kind: 'trial',
            title: 'Trial of Samir Khalil at Tora',
            dueAt: '2026-07-02T07:30:00.000Z',
            allDay: false,
            status: 'cancelled',
            version: 4,
          }),
          defender: { fullName: 'Samir Khalil', access: 'restricted' },
        },
      ],
    });
    expect(ics).not.toContain('SECRET-NOTE');
    expect(ics).not.toMatch(/Samir|Khalil|Tora/);
    const [allDay, timed] = events(ics);
    expect(allDay.e.startDate.isDate).toBe(true);
    expect(allDay.e.startDate.toString()).toBe('2026-07-01');
    expect(allDay.e.endDate.toString()).toBe('2026-07-02');
    expect(allDay.e.uid).toBe('milestone-11111111-1111-4111-8111-111111111111@witness.example.org');
    expect(allDay.c.getFirstPropertyValue('url')).toBe(
      `${BASE}/app/milestones/11111111-1111-4111-8111-111111111111`,
    );
    expect(allDay.c.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(timed.e.summary).toBe('Trial — restricted case');
    expect(timed.e.startDate.isDate).toBe(false);
    expect(timed.e.startDate.toJSDate().toISOString()).toBe('2026-07-02T07:30:00.000Z');
    expect(timed.e.endDate.toJSDate().toISOString()).toBe('2026-07-02T08:00:00.000Z');
    expect(timed.c.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(timed.c.getFirstPropertyValue('sequence')).toBe(3);
  });

  it('writes each UN entry by the ICAL_PROPS mapping and each deadline as its own event', () => {
    const ics = render({ entries: [entry()] });
    const all = events(ics);
    expect(all).toHaveLength(3);
    const [session, ...deadlines] = all;
    expect(session.e.summary).toBe('UPR Working Group, 50th session');
    expect(session.e.startDate.toString()).toBe('2026-11-02');
    expect(session.e.endDate.toString()).toBe('2026-11-14'); // exclusive
    expect(session.c.getFirstPropertyValue('x-witness-kind')).toBe('upr_session');
    expect(session.c.getFirstPropertyValue('x-witness-number')).toBe('50');
    expect(session.c.getFirstPropertyValue('x-witness-countries')).toBe('BD,NP');
    expect(session.c.getFirstPropertyValue('url')).toBe(
      'https://www.ohchr.org/en/hr-bodies/upr/upr-main',
    );
    expect(session.c.getFirstPropertyValue('x-witness-app-url')).toBe(
      `${BASE}/app/calendar/entries/22222222-2222-4222-8222-222222222222`,
    );
    const props = session.c.getAllProperties('x-witness-deadline');
    expect(props.map((p) => [p.getFirstValue(), p.getParameter('x-kind')])).toEqual([
      ['20260409', 'stakeholder_submission'],
      ['20261001', 'other'],
    ]);
    expect(props[1].getParameter('x-label')).toBe('Pre-session; "briefing", Geneva');
    expect(deadlines.map((d) => [d.e.summary, d.e.startDate.toString()])).toEqual([
      ['UPR 50: stakeholder submission due (BD)', '2026-04-09'],
      ['UPR 50: Pre-session; "briefing", Geneva', '2026-10-01'],
    ]);
    for (const d of deadlines) {
      expect(d.c.getFirstPropertyValue('x-witness-deadline-of')).toBe(session.e.uid);
      expect(d.e.startDate.isDate).toBe(true);
    }
  });

  it('marks sample entries tentative and leaves out a source URL that is not one', () => {
    const ics = render({ entries: [entry({ sample: true, sourceUrl: 'ohchr.org page 3' })] });
    const [session] = events(ics);
    expect(session.c.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(session.c.getFirstPropertyValue('x-witness-sample')).toBe('TRUE');
    expect(session.c.getFirstPropertyValue('url')).toBeNull();
  });

  it("reads back through the importer (calendar:import) as the same entries, skipping the deadlines' events", () => {
    const hrc = entry({
      id: '77777777-7777-4777-8777-777777777777',
      kind: 'hrc_session',
      number: 61,
      title: 'Human Rights Council, 61st regular session',
      startsOn: '2026-02-23',
      endsOn: '2026-04-02',
      countries: [],
      deadlines: [
        {
          id: '88888888-8888-4888-8888-888888888888',
          kind: 'written_statement',
          dueOn: '2026-02-02',
          country: null,
          label: null,
        },
      ],
      notes: null,
      location: null,
      sample: true,
    });
    const entries = [entry(), hrc];
    const parsed = parseCalendarIcal(render({ entries }));
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toHaveLength(3);
    const strip = (e: CalendarEntryView) => ({
      kind: e.kind,
      number: e.number,
      body: e.body,
      title: e.title,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      location: e.location,
      countries: e.countries,
      notes: e.notes,
      sourceUrl: e.sourceUrl,
      sample: e.sample,
      deadlines: e.deadlines.map(({ kind, dueOn, country, label }) => ({
        kind,
        dueOn,
        country,
        label,
      })),
    });
    const norm = (e: Record<string, unknown>) => ({
      ...e,
      deadlines: (e.deadlines as Record<string, unknown>[]).map((d) => ({
        kind: d.kind,
        dueOn: d.dueOn,
        country: d.country ?? null,
        label: d.label ?? null,
      })),
    });
    expect(parsed.entries.map((e) => norm(e as unknown as Record<string, unknown>))).toEqual(
      entries.map(strip),
    );
  });
});
