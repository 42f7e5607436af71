import {
  addDays,
  dueLabel,
  escalationDeadlines,
  formatInZone,
  isCalendarDate,
  isWallTime,
  knownZone,
  queryWith,
  safeReturn,
  withNotice,
  zonedTimestamp,
  type EscalationLike,
} from './work-web.util';

describe('dates typed in a form', () => {
  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2026-06-15')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-06-31', '2026-13-01', '26-06-15', '', undefined]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
    expect(isWallTime('09:30')).toBe(true);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
    expect(isWallTime('9:30')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-06-30', 1)).toBe('2026-07-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it("turns a day and a wall-clock time in the user's zone into a zoned timestamp", () => {
    expect(zonedTimestamp('2026-07-01', '09:30', 'UTC')).toBe('2026-07-01T09:30:00Z');
    expect(zonedTimestamp('2026-07-01', '09:30', 'Europe/Paris')).toBe('2026-07-01T09:30:00+02:00');
    expect(zonedTimestamp('2026-01-15', '09:30', 'Europe/Paris')).toBe('2026-01-15T09:30:00+01:00');
    expect(zonedTimestamp('2026-07-01', '09:30', 'America/New_York')).toBe(
      '2026-07-01T09:30:00-04:00',
    );
    expect(zonedTimestamp('2026-07-01', '09:30', 'Asia/Kolkata')).toBe('2026-07-01T09:30:00+05:30');
    // The day the clocks go forward in Paris (29 March 2026, 02:00 -> 03:00).
    expect(zonedTimestamp('2026-03-29', '12:00', 'Europe/Paris')).toBe('2026-03-29T12:00:00+02:00');
    // An unknown zone falls back to UTC rather than failing.
    expect(knownZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(zonedTimestamp('2026-07-01', '09:30', 'Mars/Olympus_Mons')).toBe('2026-07-01T09:30:00Z');
  });

  it('shows an instant as wall-clock time in a zone, and an all-day milestone as its day', () => {
    expect(formatInZone('2026-07-01T07:30:00.000Z', 'Europe/Paris')).toBe('2026-07-01 09:30');
    expect(formatInZone('2026-07-01T07:30:00.000Z', 'UTC')).toBe('2026-07-01 07:30');
    expect(dueLabel({ dueAt: '2026-07-01T00:00:00.000Z', allDay: true }, 'America/New_York')).toBe(
      '2026-07-01',
    );
  });
});

describe('UN deadlines on the home page', () => {
  const e = (over: Partial<EscalationLike>): EscalationLike => ({
    id: over.id ?? 'e',
    defenderIds: ['d'],
    mechanism: 'wgad',
    kind: 'wgad_regular',
    state: 'transmitted_to_government',
    unReference: null,
    replyDueOn: null,
    followUpDueOn: null,
    ...over,
  });

  it('lists replies awaited and follow-ups due, by date, overdue first, once each', () => {
    const list = escalationDeadlines(
      [
        e({ id: 'late', replyDueOn: '2026-06-10' }),
        e({ id: 'reply', replyDueOn: '2026-08-11' }),
        e({ id: 'reply', replyDueOn: '2026-08-11' }),
        e({ id: 'follow', state: 'opinion_adopted', followUpDueOn: '2026-07-01' }),
        // A reply already given: nothing awaited.
        e({ id: 'replied', state: 'government_replied', replyDueOn: '2026-07-02' }),
        // Beyond the horizon.
        e({ id: 'far', state: 'follow_up', followUpDueOn: '2027-01-01' }),
      ],
      '2026-06-15',
      '2026-09-13',
    );
    expect(list.map((d) => [d.escalationId, d.what, d.dueOn, d.daysLeft])).toEqual([
      ['late', 'reply', '2026-06-10', -5],
      ['follow', 'followUp', '2026-07-01', 16],
      ['reply', 'reply', '2026-08-11', 57],
    ]);
  });
});

describe('return addresses', () => {
  it('follows only paths inside the web app', () => {
    expect(safeReturn('/app/milestones?mine=1', '/app')).toBe('/app/milestones?mine=1');
    for (const bad of ['https://evil.example/', '//evil.example/app', '/api/v1/x', '/app\\x', '']) {
      expect(safeReturn(bad, '/app/milestones')).toBe('/app/milestones');
    }
    expect(safeReturn(undefined, '/app')).toBe('/app');
  });

  it('sets the notice, replacing an earlier one, and keeps the filters', () => {
    expect(withNotice('/app/milestones?mine=1&notice=old', 'work.notices.milestoneDone')).toBe(
      '/app/milestones?mine=1&notice=work.notices.milestoneDone',
    );
    expect(withNotice('/app/milestones', 'saved')).toBe('/app/milestones?notice=saved');
  });

  it('builds list addresses without empty parameters', () => {
    expect(queryWith({ status: 'open', kind: undefined, from: '' }, { cursor: 'abc' })).toBe(
      '?status=open&cursor=abc',
    );
    expect(queryWith({}, {})).toBe('');
  });
});
