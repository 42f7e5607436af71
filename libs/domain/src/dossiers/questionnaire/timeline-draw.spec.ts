import { event } from '../testing/dossier-fixture';
import { chosenEpisode, drawTimeline } from './timeline-draw';

const TODAY = '2026-06-15';

describe('drawTimeline: sections II, III and V from the timeline', () => {
  it('an empty timeline knows nothing: every answer is null, no steps', () => {
    const t = drawTimeline([], TODAY);
    expect(Object.values(t.arrest).every((v) => v === null)).toBe(true);
    expect(Object.values(t.detention).every((v) => v === null)).toBe(true);
    expect(t.remedies).toEqual([]);
    expect(t.detentionStart).toBeNull();
  });

  it('draws the arrest from the event that opened the detention', () => {
    const t = drawTimeline(
      [
        event({
          type: 'arrest',
          occurredOn: '2024-03-18',
          place: 'Her home',
          forces: 'NSA officers',
          warrantShown: false,
          authority: 'Prosecution',
          legalBasis: 'Art. 86',
          charges: ['False news'],
        }),
        // A charge the same day adds its reasons and law to the arrest's.
        event({
          type: 'charge',
          occurredOn: '2024-03-18',
          charges: ['Terrorism'],
          legalBasis: 'Law 94',
        }),
      ],
      TODAY,
    );
    expect(t.arrest).toEqual({
      date: { kind: 'date', date: '2024-03-18' },
      place: { kind: 'text', text: 'Her home' },
      forces: { kind: 'text', text: 'NSA officers' },
      warrantShown: { kind: 'boolean', value: false },
      authority: { kind: 'text', text: 'Prosecution' },
      reasons: { kind: 'texts', items: ['False news', 'Terrorism'] },
      legalBasis: { kind: 'texts', items: ['Art. 86', 'Law 94'] },
    });
  });

  it('a warrant not recorded is not known (never "no")', () => {
    const t = drawTimeline([event({ type: 'arrest', occurredOn: '2024-03-18' })], TODAY);
    expect(t.arrest.warrantShown).toBeNull();
  });

  it('is about the detention open today, not an earlier one', () => {
    const events = [
      event({ type: 'arrest', occurredOn: '2019-01-01', place: 'Old place' }),
      event({ type: 'release', occurredOn: '2019-06-01' }),
      event({ type: 'appeal', occurredOn: '2019-03-01', outcome: 'Rejected' }),
      event({
        type: 'rearrest',
        occurredOn: '2025-01-10',
        place: 'New place',
        takenTo: 'Prison B',
      }),
    ];
    expect(chosenEpisode(events, TODAY)).toMatchObject({ start: '2025-01-10', end: null });
    const t = drawTimeline(events, TODAY);
    expect(t.arrest.place).toEqual({ kind: 'text', text: 'New place' });
    expect(t.detention.places).toEqual({
      kind: 'places',
      items: [{ date: '2025-01-10', place: 'Prison B', how: 'taken', present: true }],
    });
    // The 2019 appeal was about the earlier detention.
    expect(t.remedies).toEqual([]);
  });

  it('without an open detention, the latest one: its duration ends with the release', () => {
    const t = drawTimeline(
      [
        event({ type: 'arrest', occurredOn: '2025-01-01', takenTo: 'Station 1' }),
        event({ type: 'release', occurredOn: '2025-03-01' }),
      ],
      TODAY,
    );
    expect(t.detention.duration).toEqual({
      kind: 'duration',
      from: '2025-01-01',
      to: '2025-03-01',
      days: 59,
    });
    // Released: no place is the present one.
    expect(t.detention.places).toMatchObject({ items: [{ present: false }] });
  });

  it('lists every place: taken to, transfers, house arrest; the last is the present place', () => {
    const t = drawTimeline(
      [
        event({ type: 'arrest', occurredOn: '2025-01-01', takenTo: 'Station 1', forces: 'Police' }),
        event({ type: 'transfer', occurredOn: '2025-02-01', place: 'Prison A', forces: 'Prisons' }),
        event({ type: 'house_arrest', occurredOn: '2025-05-01', place: 'Family home' }),
      ],
      TODAY,
    );
    expect(t.detention.places).toEqual({
      kind: 'places',
      items: [
        { date: '2025-01-01', place: 'Station 1', how: 'taken', present: false },
        { date: '2025-02-01', place: 'Prison A', how: 'transfer', present: false },
        { date: '2025-05-01', place: 'Family home', how: 'house_arrest', present: true },
      ],
    });
    expect(t.detention.forces).toEqual({ kind: 'texts', items: ['Police', 'Prisons'] });
    expect(t.detention.houseArrest).toEqual({
      kind: 'periods',
      items: [{ from: '2025-05-01', to: null, note: 'Family home' }],
    });
  });

  it('no place is present once the person has disappeared again', () => {
    const t = drawTimeline(
      [
        event({ type: 'arrest', occurredOn: '2025-01-01', takenTo: 'Station 1' }),
        event({ type: 'disappearance', occurredOn: '2025-02-01' }),
      ],
      TODAY,
    );
    expect(t.detention.places).toMatchObject({ items: [{ present: false }] });
  });

  it('a house arrest ends with the next move, or the end it was given', () => {
    const t = drawTimeline(
      [
        event({ type: 'house_arrest', occurredOn: '2025-01-01' }),
        event({ type: 'transfer', occurredOn: '2025-03-01', place: 'Prison' }),
        event({ type: 'house_arrest', occurredOn: '2025-04-01', endedOn: '2025-04-20' }),
      ],
      TODAY,
    );
    expect(t.detention.houseArrest).toEqual({
      kind: 'periods',
      items: [
        { from: '2025-01-01', to: '2025-03-01', note: null },
        { from: '2025-04-01', to: '2025-04-20', note: null },
      ],
    });
  });

  it('extensions, incommunicado and denials come with their dates; authorities and laws gather', () => {
    const t = drawTimeline(
      [
        event({
          type: 'arrest',
          occurredOn: '2025-01-01',
          authority: 'Prosecutor',
          legalBasis: 'Art. 1',
        }),
        event({
          type: 'pretrial_extension',
          occurredOn: '2025-02-01',
          endedOn: '2026-08-01',
          authority: 'Court',
          legalBasis: 'Art. 143',
        }),
        event({ type: 'incommunicado', occurredOn: '2025-01-01', endedOn: '2025-01-09' }),
        event({ type: 'lawyer_denied', occurredOn: '2025-01-02', description: 'At every hearing' }),
        event({ type: 'visit_denied', occurredOn: '2025-03-01', endedOn: '2025-04-01' }),
        event({
          type: 'sentence',
          occurredOn: '2025-06-01',
          authority: 'Court',
          charges: ['Treason'],
        }),
      ],
      TODAY,
    );
    expect(t.detention.pretrialExtensions).toEqual({
      kind: 'extensions',
      items: [
        { date: '2025-02-01', until: '2026-08-01', authority: 'Court', legalBasis: 'Art. 143' },
      ],
    });
    expect(t.detention.incommunicado).toEqual({
      kind: 'periods',
      items: [{ from: '2025-01-01', to: '2025-01-09', note: null }],
    });
    expect(t.detention.lawyerDenied).toEqual({
      kind: 'periods',
      items: [{ from: '2025-01-02', to: null, note: 'At every hearing' }],
    });
    expect(t.detention.familyDenied).toMatchObject({
      items: [{ from: '2025-03-01', to: '2025-04-01' }],
    });
    expect(t.detention.authority).toEqual({ kind: 'texts', items: ['Prosecutor', 'Court'] });
    expect(t.detention.legalBasis).toEqual({ kind: 'texts', items: ['Art. 1', 'Art. 143'] });
    expect(t.detention.reasons).toEqual({ kind: 'texts', items: ['Treason'] });
  });

  it('domestic steps: hearings, appeals, complaints, habeas corpus, requests for release, in date order', () => {
    const t = drawTimeline(
      [
        event({ type: 'arrest', occurredOn: '2025-01-01' }),
        event({
          type: 'habeas_corpus',
          occurredOn: '2025-01-05',
          outcome: 'Dismissed',
          outcomeOn: '2025-01-20',
        }),
        event({ type: 'complaint', occurredOn: '2025-01-03', authority: 'Ombudsman' }),
        event({ type: 'release_request', occurredOn: '2025-02-01' }),
        event({ type: 'hearing', occurredOn: '2025-03-01', place: 'Court 3' }),
        event({ type: 'transfer', occurredOn: '2025-03-02' }),
        // Scheduled: not a step taken yet.
        event({ type: 'hearing', occurredOn: '2026-09-01' }),
      ],
      TODAY,
    );
    expect(t.remedies.map((s) => [s.date, s.type])).toEqual([
      ['2025-01-03', 'complaint'],
      ['2025-01-05', 'habeas_corpus'],
      ['2025-02-01', 'release_request'],
      ['2025-03-01', 'hearing'],
    ]);
    expect(t.remedies[1]).toMatchObject({ outcome: 'Dismissed', outcomeOn: '2025-01-20' });
  });
});
