import {
  daysBetween,
  deriveDetention,
  REMEDY_EVENT_TYPES,
  type DetentionEpisode,
  type EventType,
} from '../../shared/detention-status';
import {
  distinct,
  text,
  texts,
  type AnswerValue,
  type ExtensionItem,
  type PeriodItem,
  type PlaceItem,
  type RecordEvent,
  type StepItem,
} from './values';

/**
 * Sections II (arrest), III (detention) and V (domestic steps) of the questionnaires, drawn
 * from a person's timeline. Pure: the timeline and today in, answers out; an answer the record
 * has nothing for is null (the dossier says "Not known"), and a fact the record has is never
 * left out.
 *
 * Which detention: the episode open today (deriveDetention's), else the latest one; the arrest
 * is the event that opened it (an arrest, re-arrest, disappearance or house arrest), and the
 * detention's facts are the events from its start to its end (or today). Domestic steps count
 * from its start on (a complaint after release is still about that detention). A timeline with
 * no episode at all has no arrest: every step of it is listed.
 */

const byDate = (a: RecordEvent, b: RecordEvent) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : (a.seq ?? 0) - (b.seq ?? 0);

/** Events that order or prolong the detention: whose authority "ordered" it. */
const ORDERING: readonly EventType[] = [
  'arrest',
  'rearrest',
  'charge',
  'pretrial_extension',
  'house_arrest',
  'verdict',
  'sentence',
];
/** Events that give the detention a legal basis. */
const LEGAL: readonly EventType[] = [...ORDERING, 'transfer'];
/** Events that name who holds the person. */
const HOLDING: readonly EventType[] = [
  'arrest',
  'rearrest',
  'disappearance',
  'transfer',
  'house_arrest',
];
/** Events after which a person is no longer under house arrest. */
const ENDS_HOUSE_ARREST: readonly EventType[] = [
  'arrest',
  'rearrest',
  'transfer',
  'release',
  'conditional_release',
  'disappearance',
  'death',
];

export interface TimelineAnswers {
  arrest: {
    date: AnswerValue | null;
    place: AnswerValue | null;
    forces: AnswerValue | null;
    warrantShown: AnswerValue | null;
    authority: AnswerValue | null;
    reasons: AnswerValue | null;
    legalBasis: AnswerValue | null;
  };
  detention: {
    date: AnswerValue | null;
    duration: AnswerValue | null;
    forces: AnswerValue | null;
    places: AnswerValue | null;
    authority: AnswerValue | null;
    reasons: AnswerValue | null;
    legalBasis: AnswerValue | null;
    pretrialExtensions: AnswerValue | null;
    incommunicado: AnswerValue | null;
    houseArrest: AnswerValue | null;
    lawyerDenied: AnswerValue | null;
    familyDenied: AnswerValue | null;
  };
  remedies: StepItem[];
  /** The start of the detention the answers are about (for the age at detention). */
  detentionStart: string | null;
}

/** The detention a submission is about: the one open today, else the latest. */
export function chosenEpisode(
  events: readonly RecordEvent[],
  today: string,
): DetentionEpisode | null {
  const { episodes } = deriveDetention(
    events.map((e, i) => ({ type: e.type, occurredOn: e.occurredOn, seq: e.seq ?? i })),
    today,
  );
  return episodes.at(-1) ?? null;
}

/** Every answer of sections II, III and V for one person. */
export function drawTimeline(events: readonly RecordEvent[], today: string): TimelineAnswers {
  const past = events.filter((e) => e.occurredOn <= today).sort(byDate);
  const episode = chosenEpisode(past, today);
  const start = episode?.start ?? null;
  const end = episode?.end ?? today;
  const within = episode ? past.filter((e) => e.occurredOn >= start! && e.occurredOn <= end) : [];
  const opener = episode
    ? within.find((e) => e.occurredOn === start && e.type === episode.openedBy)
    : undefined;
  const sameDay = opener ? within.filter((e) => e.occurredOn === opener.occurredOn) : [];
  const charges = sameDay.filter((e) => e.type === 'charge');
  const of = (types: readonly EventType[]) => within.filter((e) => types.includes(e.type));

  const arrest: TimelineAnswers['arrest'] = {
    date: start ? { kind: 'date', date: start } : null,
    place: text(opener?.place),
    forces: text(opener?.forces),
    warrantShown:
      opener?.warrantShown === true || opener?.warrantShown === false
        ? { kind: 'boolean', value: opener.warrantShown }
        : null,
    authority: text(opener?.authority),
    // The reasons the authorities gave: the charges brought at the arrest (or that same day).
    reasons: texts([...(opener?.charges ?? []), ...charges.flatMap((c) => c.charges)]),
    legalBasis: texts([opener?.legalBasis, ...charges.map((c) => c.legalBasis)]),
  };

  const detention: TimelineAnswers['detention'] = {
    date: start ? { kind: 'date', date: start } : null,
    duration: start
      ? { kind: 'duration', from: start, to: episode?.end ?? null, days: daysBetween(start, end) }
      : null,
    forces: texts(of(HOLDING).map((e) => e.forces)),
    places: places(within, episode),
    authority: texts(of(ORDERING).map((e) => e.authority)),
    reasons: texts(
      of(['arrest', 'rearrest', 'charge', 'verdict', 'sentence']).flatMap((e) => e.charges),
    ),
    legalBasis: texts(of(LEGAL).map((e) => e.legalBasis)),
    pretrialExtensions: extensions(of(['pretrial_extension'])),
    incommunicado: periods(of(['incommunicado'])),
    houseArrest: houseArrest(within, episode),
    lawyerDenied: periods(of(['lawyer_denied'])),
    familyDenied: periods(of(['visit_denied'])),
  };

  const remedies = past
    .filter((e) => REMEDY_EVENT_TYPES.includes(e.type) && (!start || e.occurredOn >= start))
    .map((e): StepItem => ({
      date: e.occurredOn,
      type: e.type,
      authority: e.authority,
      place: e.place,
      description: e.description,
      outcome: e.outcome,
      outcomeOn: e.outcomeOn,
    }));

  return { arrest, detention, remedies, detentionStart: start };
}

/**
 * Places of detention in order: where the person was taken at the arrest, every transfer and
 * house arrest; the last is the present place while the detention lasts (unless the person
 * has disappeared since: then no place is present).
 */
function places(within: RecordEvent[], episode: DetentionEpisode | null): AnswerValue | null {
  const items: PlaceItem[] = [];
  let lastDisappearance: string | null = null;
  for (const e of within) {
    if (e.type === 'disappearance') lastDisappearance = e.occurredOn;
    const place =
      e.type === 'arrest' || e.type === 'rearrest'
        ? e.takenTo
        : e.type === 'transfer' || e.type === 'house_arrest'
          ? (e.place ?? e.takenTo)
          : null;
    if (!place?.trim()) continue;
    const how =
      e.type === 'transfer' ? 'transfer' : e.type === 'house_arrest' ? 'house_arrest' : 'taken';
    items.push({ date: e.occurredOn, place: place.trim(), how, present: false });
  }
  if (!items.length) return null;
  const last = items[items.length - 1];
  const open = episode !== null && episode.end === null;
  last.present = open && (lastDisappearance === null || lastDisappearance < last.date);
  return { kind: 'places', items };
}

function periods(events: RecordEvent[]): AnswerValue | null {
  const items: PeriodItem[] = events.map((e) => ({
    from: e.occurredOn,
    to: e.endedOn,
    note: distinct([e.authority, e.place, e.description]).join('; ') || null,
  }));
  return items.length ? { kind: 'periods', items } : null;
}

function extensions(events: RecordEvent[]): AnswerValue | null {
  const items: ExtensionItem[] = events.map((e) => ({
    date: e.occurredOn,
    until: e.endedOn,
    authority: e.authority,
    legalBasis: e.legalBasis,
  }));
  return items.length ? { kind: 'extensions', items } : null;
}

/**
 * House arrest periods: from each house arrest to the end it was given, else the next event
 * that takes the person elsewhere (back to prison, released, disappeared), else ongoing (or
 * the episode's end).
 */
function houseArrest(within: RecordEvent[], episode: DetentionEpisode | null): AnswerValue | null {
  const items: PeriodItem[] = [];
  within.forEach((e, i) => {
    if (e.type !== 'house_arrest') return;
    const next = within.slice(i + 1).find((x) => ENDS_HOUSE_ARREST.includes(x.type));
    items.push({
      from: e.occurredOn,
      to: e.endedOn ?? next?.occurredOn ?? episode?.end ?? null,
      note: distinct([e.place, e.authority]).join('; ') || null,
    });
  });
  return items.length ? { kind: 'periods', items } : null;
}
