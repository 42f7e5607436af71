import fc from 'fast-check';
import {
  DEFENDER_STATUSES,
  DEPRIVED_OF_LIBERTY,
  EVENT_TYPES,
  isDeprivedOfLiberty,
  EventType,
  SCHEDULABLE_EVENT_TYPES,
  TimelineFact,
  daysBetween,
  deriveDetention,
  isCalendarDate,
  mayBeFuture,
  openEpisodeDays,
} from './detention-status';

const TODAY = '2025-06-15';

/** Builds a timeline; seq follows the order given. */
function timeline(...items: [EventType, string][]): TimelineFact[] {
  return items.map(([type, occurredOn], seq) => ({ type, occurredOn, seq }));
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('exported constants', () => {
  it('lists the event types and statuses other code depends on', () => {
    expect(EVENT_TYPES).toHaveLength(25);
    expect(DEFENDER_STATUSES).toEqual([
      'detained',
      'house_arrest',
      'conditionally_released',
      'released',
      'disappeared',
      'deceased',
      'unknown',
    ]);
    expect(SCHEDULABLE_EVENT_TYPES).toEqual(['hearing', 'trial', 'verdict']);
  });

  it('only hearings, trials and verdicts may be dated in the future', () => {
    expect(EVENT_TYPES.filter(mayBeFuture)).toEqual(['hearing', 'trial', 'verdict']);
  });
});

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2025-01-01', '2025-12-31', '2000-02-29', '1999-04-30'])(
    'accepts %s',
    (s) => expect(isCalendarDate(s)).toBe(true),
  );

  it.each([
    '2025-02-30',
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-1',
    '25-01-01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '2025/01/01',
    '',
  ])('rejects %j', (s) => expect(isCalendarDate(s)).toBe(false));
});

describe('daysBetween', () => {
  it('counts whole days, negative when b is before a', () => {
    expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
    expect(daysBetween('2025-01-01', '2025-01-02')).toBe(1);
    expect(daysBetween('2025-01-02', '2025-01-01')).toBe(-1);
  });

  it('handles month ends', () => {
    expect(daysBetween('2025-01-31', '2025-02-01')).toBe(1);
    expect(daysBetween('2025-04-30', '2025-05-01')).toBe(1);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2025-01-31', '2025-03-31')).toBe(59);
  });

  it('handles leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1); // 1900 is not a leap year
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2); // 2000 is
    expect(daysBetween('2020-02-29', '2024-02-29')).toBe(1461);
  });

  it('is unaffected by DST changes', () => {
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2);
  });

  it('throws on invalid dates', () => {
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => daysBetween('2025-01-01', '')).toThrow(RangeError);
  });

  it('agrees with Date.UTC arithmetic (property)', () => {
    const date = fc
      .date({
        min: new Date('1950-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, (a, b) => {
        const expected = (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
        expect(daysBetween(a, b)).toBe(expected);
        expect(daysBetween(a, b) + daysBetween(b, a)).toBe(0); // antisymmetric
      }),
    );
  });
});

describe('openEpisodeDays', () => {
  it('counts days since the start, never negative', () => {
    expect(openEpisodeDays('2025-06-14', TODAY)).toBe(1);
    expect(openEpisodeDays(TODAY, TODAY)).toBe(0);
    expect(openEpisodeDays('2025-06-20', TODAY)).toBe(0);
  });
});

describe('deriveDetention', () => {
  it('gives unknown for an empty timeline', () => {
    expect(deriveDetention([], TODAY)).toEqual({
      status: 'unknown',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 0,
      closedDays: 0,
      episodes: [],
    });
  });

  it('gives unknown when no event determines status', () => {
    const s = deriveDetention(
      timeline(['charge', '2025-01-01'], ['hearing', '2025-02-01'], ['transfer', '2025-03-01']),
      TODAY,
    );
    expect(s.status).toBe('unknown');
    expect(s.episodes).toEqual([]);
    expect(s.totalDaysDetained).toBe(0);
  });

  it('single arrest: detained, one open episode counted up to today', () => {
    expect(deriveDetention(timeline(['arrest', '2025-06-14']), TODAY)).toEqual({
      status: 'detained',
      detainedSince: '2025-06-14',
      daysDetained: 1,
      totalDaysDetained: 1,
      closedDays: 0,
      episodes: [{ start: '2025-06-14', end: null, openedBy: 'arrest', closedBy: null, days: 1 }],
    });
  });

  it('arrest today: detained for 0 days', () => {
    const s = deriveDetention(timeline(['arrest', TODAY]), TODAY);
    expect(s.status).toBe('detained');
    expect(s.daysDetained).toBe(0);
  });

  it('arrest -> release: released, one closed episode', () => {
    expect(
      deriveDetention(timeline(['arrest', '2024-01-01'], ['release', '2024-03-01']), TODAY),
    ).toEqual({
      status: 'released',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 60,
      closedDays: 60,
      episodes: [
        {
          start: '2024-01-01',
          end: '2024-03-01',
          openedBy: 'arrest',
          closedBy: 'release',
          days: 60,
        },
      ],
    });
  });

  it('arrest -> conditional_release -> rearrest -> release: two episodes, totals', () => {
    const s = deriveDetention(
      timeline(
        ['arrest', '2023-01-01'],
        ['charge', '2023-01-05'],
        ['conditional_release', '2023-01-31'],
        ['rearrest', '2023-06-01'],
        ['release', '2023-06-11'],
      ),
      TODAY,
    );
    expect(s.status).toBe('released');
    expect(s.episodes).toEqual([
      {
        start: '2023-01-01',
        end: '2023-01-31',
        openedBy: 'arrest',
        closedBy: 'conditional_release',
        days: 30,
      },
      {
        start: '2023-06-01',
        end: '2023-06-11',
        openedBy: 'rearrest',
        closedBy: 'release',
        days: 10,
      },
    ]);
    expect(s.closedDays).toBe(40);
    expect(s.totalDaysDetained).toBe(40);
    expect(s.detainedSince).toBeNull();
    expect(s.daysDetained).toBeNull();
  });

  it('conditional release then rearrest still open: closed part plus open part', () => {
    const s = deriveDetention(
      timeline(
        ['arrest', '2025-01-01'],
        ['conditional_release', '2025-01-11'],
        ['rearrest', '2025-06-05'],
      ),
      TODAY,
    );
    expect(s.status).toBe('detained');
    expect(s.closedDays).toBe(10);
    expect(s.detainedSince).toBe('2025-06-05');
    expect(s.daysDetained).toBe(10);
    expect(s.totalDaysDetained).toBe(20);
    expect(s.episodes).toHaveLength(2);
  });

  it('conditional release alone sets the status without an episode', () => {
    const s = deriveDetention(timeline(['conditional_release', '2025-01-01']), TODAY);
    expect(s.status).toBe('conditionally_released');
    expect(s.episodes).toEqual([]);
  });

  it('release recorded without an arrest still sets the status', () => {
    const s = deriveDetention(timeline(['release', '2025-01-01']), TODAY);
    expect(s.status).toBe('released');
    expect(s.episodes).toEqual([]);
    expect(s.totalDaysDetained).toBe(0);
  });

  it('out-of-order entry gives the same result', () => {
    const inOrder = deriveDetention(
      timeline(['arrest', '2024-01-01'], ['trial', '2024-02-01'], ['release', '2024-03-01']),
      TODAY,
    );
    const reversed = deriveDetention(
      timeline(['release', '2024-03-01'], ['trial', '2024-02-01'], ['arrest', '2024-01-01']),
      TODAY,
    );
    expect(reversed).toEqual(inOrder);
    expect(reversed.status).toBe('released');
  });

  it.each([
    ['arrest first', timeline(['arrest', '2025-03-01'], ['release', '2025-03-01'])],
    ['release first', timeline(['release', '2025-03-01'], ['arrest', '2025-03-01'])],
  ])('same-day arrest and release (%s): released, 0-day episode', (_label, events) => {
    const s = deriveDetention(events, TODAY);
    expect(s.status).toBe('released');
    expect(s.episodes).toEqual([
      { start: '2025-03-01', end: '2025-03-01', openedBy: 'arrest', closedBy: 'release', days: 0 },
    ]);
    expect(s.totalDaysDetained).toBe(0);
  });

  it.each([
    [
      'release entered first',
      timeline(['arrest', '2025-01-01'], ['release', '2025-03-01'], ['rearrest', '2025-03-01']),
    ],
    [
      'rearrest entered first',
      timeline(['arrest', '2025-01-01'], ['rearrest', '2025-03-01'], ['release', '2025-03-01']),
    ],
  ])(
    'same-day release and rearrest (%s): re-arrested at the gate, a new episode opens',
    (_label, events) => {
      const s = deriveDetention(events, TODAY);
      expect(s.status).toBe('detained');
      expect(s.detainedSince).toBe('2025-03-01');
      expect(s.episodes[0]).toEqual({
        start: '2025-01-01',
        end: '2025-03-01',
        openedBy: 'arrest',
        closedBy: 'release',
        days: 59,
      });
      expect(s.episodes[1]).toMatchObject({ start: '2025-03-01', end: null, openedBy: 'rearrest' });
    },
  );

  it('release then rearrest the next day: a new open episode', () => {
    const s = deriveDetention(
      timeline(['arrest', '2025-01-01'], ['release', '2025-03-01'], ['rearrest', '2025-03-02']),
      TODAY,
    );
    expect(s.status).toBe('detained');
    expect(s.detainedSince).toBe('2025-03-02');
    expect(s.episodes).toHaveLength(2);
    expect(s.totalDaysDetained).toBe(59 + daysBetween('2025-03-02', TODAY));
  });

  it('disappearance then transfer: back to detained, one episode from the disappearance', () => {
    const s = deriveDetention(
      timeline(['disappearance', '2025-01-01'], ['transfer', '2025-02-01']),
      TODAY,
    );
    expect(s.status).toBe('detained');
    expect(s.detainedSince).toBe('2025-01-01');
    expect(s.episodes).toEqual([
      {
        start: '2025-01-01',
        end: null,
        openedBy: 'disappearance',
        closedBy: null,
        days: daysBetween('2025-01-01', TODAY),
      },
    ]);
  });

  it.each(['transfer', 'hunger_strike', 'health_concern', 'ill_treatment'] as const)(
    '%s while disappeared means the whereabouts are known: detained',
    (type) => {
      const s = deriveDetention(
        timeline(['disappearance', '2025-01-01'], [type, '2025-02-01']),
        TODAY,
      );
      expect(s.status).toBe('detained');
    },
  );

  it.each(['hearing', 'trial', 'verdict', 'sentence', 'charge', 'visit_denied', 'other'] as const)(
    '%s while disappeared stays disappeared (trials in absentia)',
    (type) => {
      const s = deriveDetention(
        timeline(['disappearance', '2025-01-01'], [type, '2025-02-01']),
        TODAY,
      );
      expect(s.status).toBe('disappeared');
      expect(s.detainedSince).toBe('2025-01-01');
    },
  );

  describe('house arrest (a deprivation of liberty, WGAD Deliberation No. 1)', () => {
    it('house arrest alone opens an episode and counts days', () => {
      const s = deriveDetention(timeline(['house_arrest', '2025-06-05']), TODAY);
      expect(s.status).toBe('house_arrest');
      expect(s.detainedSince).toBe('2025-06-05');
      expect(s.daysDetained).toBe(10);
      expect(s.totalDaysDetained).toBe(10);
      expect(s.episodes).toEqual([
        { start: '2025-06-05', end: null, openedBy: 'house_arrest', closedBy: null, days: 10 },
      ]);
    });

    it('prison then house arrest is one episode from the arrest', () => {
      const s = deriveDetention(
        timeline(['arrest', '2025-01-01'], ['house_arrest', '2025-03-01']),
        TODAY,
      );
      expect(s.status).toBe('house_arrest');
      expect(s.detainedSince).toBe('2025-01-01');
      expect(s.episodes).toHaveLength(1);
      expect(s.daysDetained).toBe(daysBetween('2025-01-01', TODAY));
    });

    it('released from prison into house arrest the same day: house arrest, a new episode', () => {
      const s = deriveDetention(
        timeline(
          ['house_arrest', '2025-03-01'],
          ['arrest', '2025-01-01'],
          ['release', '2025-03-01'],
        ),
        TODAY,
      );
      expect(s.status).toBe('house_arrest');
      expect(s.detainedSince).toBe('2025-03-01');
      expect(s.closedDays).toBe(59);
      expect(s.totalDaysDetained).toBe(59 + daysBetween('2025-03-01', TODAY));
    });

    it.each(['arrest', 'rearrest', 'transfer'] as const)(
      '%s while under house arrest: back to detained, same episode',
      (type) => {
        const s = deriveDetention(
          timeline(['house_arrest', '2025-01-01'], [type, '2025-02-01']),
          TODAY,
        );
        expect(s.status).toBe('detained');
        expect(s.detainedSince).toBe('2025-01-01');
        expect(s.episodes).toHaveLength(1);
      },
    );

    it.each([
      'hunger_strike',
      'health_concern',
      'hearing',
      'lawyer_denied',
      'visit_denied',
    ] as const)('%s while under house arrest stays house arrest', (type) => {
      const s = deriveDetention(
        timeline(['house_arrest', '2025-01-01'], [type, '2025-02-01']),
        TODAY,
      );
      expect(s.status).toBe('house_arrest');
    });

    it('a disappeared person found under house arrest: house arrest, same episode', () => {
      const s = deriveDetention(
        timeline(['disappearance', '2025-01-01'], ['house_arrest', '2025-02-01']),
        TODAY,
      );
      expect(s.status).toBe('house_arrest');
      expect(s.detainedSince).toBe('2025-01-01');
    });

    it('release ends house arrest; conditional release stays distinct', () => {
      const released = deriveDetention(
        timeline(['house_arrest', '2025-01-01'], ['release', '2025-02-01']),
        TODAY,
      );
      expect(released).toMatchObject({ status: 'released', closedDays: 31, detainedSince: null });
      const bail = deriveDetention(
        timeline(['house_arrest', '2025-01-01'], ['conditional_release', '2025-02-01']),
        TODAY,
      );
      expect(bail).toMatchObject({
        status: 'conditionally_released',
        closedDays: 31,
        daysDetained: null,
      });
    });

    it('is one of the statuses deprived of liberty; conditional release is not', () => {
      expect(DEPRIVED_OF_LIBERTY).toEqual(['detained', 'disappeared', 'house_arrest']);
      expect(isDeprivedOfLiberty('house_arrest')).toBe(true);
      expect(isDeprivedOfLiberty('conditionally_released')).toBe(false);
      expect(isDeprivedOfLiberty('released')).toBe(false);
    });
  });

  it('the questionnaire events change neither status nor episodes', () => {
    for (const type of [
      'pretrial_extension',
      'incommunicado',
      'lawyer_denied',
      'complaint',
      'habeas_corpus',
      'release_request',
    ] as const) {
      const s = deriveDetention(timeline(['arrest', '2025-01-01'], [type, '2025-02-01']), TODAY);
      expect(s.status).toBe('detained');
      expect(s.episodes).toHaveLength(1);
      expect(deriveDetention(timeline([type, '2025-02-01']), TODAY).status).toBe('unknown');
    }
  });

  it('disappearance while detained continues the episode', () => {
    const s = deriveDetention(
      timeline(['arrest', '2025-01-01'], ['disappearance', '2025-02-01']),
      TODAY,
    );
    expect(s.status).toBe('disappeared');
    expect(s.episodes).toHaveLength(1);
    expect(s.episodes[0]).toMatchObject({ start: '2025-01-01', openedBy: 'arrest', end: null });
  });

  it('disappearance alone counts as detention days', () => {
    const s = deriveDetention(timeline(['disappearance', '2025-06-05']), TODAY);
    expect(s.status).toBe('disappeared');
    expect(s.daysDetained).toBe(10);
    expect(s.totalDaysDetained).toBe(10);
  });

  it('death closes the open episode and is terminal', () => {
    const s = deriveDetention(
      timeline(
        ['arrest', '2025-01-01'],
        ['death', '2025-03-01'],
        ['release', '2025-04-01'],
        ['rearrest', '2025-05-01'],
      ),
      TODAY,
    );
    expect(s.status).toBe('deceased');
    expect(s.detainedSince).toBeNull();
    expect(s.daysDetained).toBeNull();
    expect(s.episodes).toEqual([
      { start: '2025-01-01', end: '2025-03-01', openedBy: 'arrest', closedBy: 'death', days: 59 },
    ]);
    expect(s.totalDaysDetained).toBe(59);
  });

  it('death sorts after release on the same day', () => {
    const s = deriveDetention(
      timeline(['arrest', '2025-01-01'], ['death', '2025-03-01'], ['release', '2025-03-01']),
      TODAY,
    );
    expect(s.status).toBe('deceased');
    expect(s.episodes[0].closedBy).toBe('release');
  });

  it('death without detention: deceased, no episodes', () => {
    const s = deriveDetention(timeline(['death', '2025-01-01']), TODAY);
    expect(s.status).toBe('deceased');
    expect(s.episodes).toEqual([]);
  });

  it('ignores a future hearing', () => {
    const past = timeline(['arrest', '2025-01-01']);
    const withHearing = [...past, { type: 'hearing' as const, occurredOn: '2025-07-01', seq: 9 }];
    expect(deriveDetention(withHearing, TODAY)).toEqual(deriveDetention(past, TODAY));
  });

  it('ignores future-dated status events too (e.g. an expected release)', () => {
    const s = deriveDetention(
      timeline(['arrest', '2025-01-01'], ['release', '2025-07-01'], ['death', '2025-08-01']),
      TODAY,
    );
    expect(s.status).toBe('detained');
    expect(s.episodes).toHaveLength(1);
    expect(s.episodes[0].end).toBeNull();
  });

  it('correction: moving the release date across today changes the result', () => {
    const before = deriveDetention(
      timeline(['arrest', '2025-01-01'], ['release', '2025-06-01']),
      TODAY,
    );
    expect(before.status).toBe('released');
    expect(before.totalDaysDetained).toBe(151);

    const corrected = deriveDetention(
      timeline(['arrest', '2025-01-01'], ['release', '2025-06-20']),
      TODAY,
    );
    expect(corrected.status).toBe('detained');
    expect(corrected.daysDetained).toBe(165);
    expect(corrected.totalDaysDetained).toBe(165);
  });

  it('correction: moving the arrest date changes the days', () => {
    const a = deriveDetention(timeline(['arrest', '2025-06-01']), TODAY);
    const b = deriveDetention(timeline(['arrest', '2025-05-01']), TODAY);
    expect(a.daysDetained).toBe(14);
    expect(b.daysDetained).toBe(45);
  });

  it('a duplicate arrest does not double count', () => {
    const s = deriveDetention(
      timeline(['arrest', '2025-06-01'], ['arrest', '2025-06-01'], ['arrest', '2025-06-10']),
      TODAY,
    );
    expect(s.episodes).toHaveLength(1);
    expect(s.detainedSince).toBe('2025-06-01');
    expect(s.daysDetained).toBe(14);
    expect(s.totalDaysDetained).toBe(14);
  });

  it('does not mutate its input', () => {
    const events = timeline(['release', '2025-03-01'], ['arrest', '2025-01-01']);
    const copy = structuredClone(events);
    deriveDetention(events, TODAY);
    expect(events).toEqual(copy);
  });

  it('throws on an invalid date', () => {
    expect(() => deriveDetention(timeline(['arrest', '2025-02-30']), TODAY)).toThrow(RangeError);
    expect(() => deriveDetention([], '2025-6-15')).toThrow(RangeError);
  });
});

describe('deriveDetention properties', () => {
  const BASE = '2020-01-01';
  const today = fc.integer({ min: 0, max: 2000 }).map((n) => addDays(BASE, n));
  const fact = fc.record({
    type: fc.constantFrom(...EVENT_TYPES),
    occurredOn: fc.integer({ min: 0, max: 2200 }).map((n) => addDays(BASE, n)), // some future
  });
  /** Random timelines: often several events per day, unique seq in entry order. */
  const facts = fc
    .array(fact, { maxLength: 25 })
    .map((items) => items.map((f, seq): TimelineFact => ({ ...f, seq })));

  it('entry order does not matter (shuffle gives the same result)', () => {
    fc.assert(
      fc.property(
        facts.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
        ),
        today,
        ([events, shuffled], t) => {
          expect(deriveDetention(shuffled, t)).toEqual(deriveDetention(events, t));
        },
      ),
    );
  });

  it('totalDaysDetained === closedDays + (daysDetained ?? 0), never negative', () => {
    fc.assert(
      fc.property(facts, today, (events, t) => {
        const s = deriveDetention(events, t);
        expect(s.totalDaysDetained).toBe(s.closedDays + (s.daysDetained ?? 0));
        expect(s.totalDaysDetained).toBeGreaterThanOrEqual(0);
        expect(s.closedDays).toBeGreaterThanOrEqual(0);
        expect(s.totalDaysDetained).toBe(s.episodes.reduce((sum, ep) => sum + ep.days, 0));
      }),
    );
  });

  it('status is deceased whenever a past death event exists', () => {
    fc.assert(
      fc.property(facts, today, (events, t) => {
        const s = deriveDetention(events, t);
        const died = events.some((e) => e.type === 'death' && e.occurredOn <= t);
        expect(s.status === 'deceased').toBe(died);
      }),
    );
  });

  it('an episode is open exactly when the person is deprived of liberty', () => {
    fc.assert(
      fc.property(facts, today, (events, t) => {
        const s = deriveDetention(events, t);
        const open = isDeprivedOfLiberty(s.status);
        expect(s.detainedSince !== null).toBe(open);
        expect(s.daysDetained !== null).toBe(open);
        const openEpisodes = s.episodes.filter((ep) => ep.end === null);
        expect(openEpisodes).toHaveLength(open ? 1 : 0);
        if (open) expect(s.episodes[s.episodes.length - 1].start).toBe(s.detainedSince);
      }),
    );
  });

  it('episodes are chronological, non-overlapping and never extend past today', () => {
    fc.assert(
      fc.property(facts, today, (events, t) => {
        const { episodes } = deriveDetention(events, t);
        episodes.forEach((ep, i) => {
          const end = ep.end ?? t;
          expect(ep.start <= end && end <= t).toBe(true);
          expect(ep.days).toBe(daysBetween(ep.start, end));
          if (i > 0) expect((episodes[i - 1].end ?? t) <= ep.start).toBe(true);
        });
      }),
    );
  });

  it('future-dated events never change the result', () => {
    fc.assert(
      fc.property(facts, today, (events, t) => {
        const pastOnly = events.filter((e) => e.occurredOn <= t);
        expect(deriveDetention(events, t)).toEqual(deriveDetention(pastOnly, t));
      }),
    );
  });
});
