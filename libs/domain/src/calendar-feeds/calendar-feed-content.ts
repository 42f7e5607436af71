import {
  isICalUri,
  nextDay,
  type ICalCalendar,
  type ICalEvent,
  type ICalXProperty,
} from '@witness/platform';
import type { MilestoneView } from '../milestones';
import { MILESTONE_KIND_LABELS } from '../notifications';
import { deadlineTitle, ICAL_PROPS, type CalendarEntryView } from '../un-calendar';

/** What a feed shows of a milestone's case: its name only for a standard case. */
export interface FeedCase {
  fullName: string;
  access: string;
}

export interface FeedContentInput {
  now: Date;
  /** PUBLIC_BASE_URL without a trailing slash: links point into the web app there. */
  baseUrl: string;
  includeNames: boolean;
  milestones: readonly { milestone: MilestoneView; defender: FeedCase | null }[];
  entries: readonly CalendarEntryView[];
}

/** How often calendar apps are asked to fetch again (most poll on their own schedule anyway). */
export const FEED_REFRESH_INTERVAL = 'PT1H';
/** A timed milestone is a moment; calendars draw zero-length events badly, so it takes this slot. */
export const TIMED_EVENT_MINUTES = 30;

/** Where in the web app each kind of event is opened (ids only, never names). */
export const appPaths = {
  milestone: (id: string) => `/app/milestones/${id}`,
  calendarEntry: (id: string) => `/app/calendar/entries/${id}`,
};

/**
 * The feed's calendar: the user's milestones and the UN calendar (each entry, and each of its
 * deadlines as its own event). Built from an allow-list: a milestone says its kind, its typed
 * title (for a case the user can see, not restricted) and its date, never its notes (free
 * text that can hold anything) nor anything of the case but, if asked for, the name of a
 * standard case. A restricted case is never named, not even through its title, which a
 * caseworker may have written with the name in it: "Hearing — restricted case".
 */
export function feedCalendar(input: FeedContentInput): ICalCalendar {
  const host = new URL(input.baseUrl).hostname;
  const events: ICalEvent[] = [];
  for (const { milestone, defender } of input.milestones) {
    events.push(milestoneEvent(milestone, defender, input, host));
  }
  for (const entry of input.entries) {
    events.push(entryEvent(entry, input, host));
    for (const d of entry.deadlines) events.push(deadlineEvent(entry, d, input, host));
  }
  return {
    prodId: '-//Witness//Calendar feed//EN',
    name: 'Witness',
    description:
      'Your Witness milestones and the UN calendar. This address is private: anyone who has it can read this calendar.',
    refreshInterval: FEED_REFRESH_INTERVAL,
    events,
  };
}

/** The summary a milestone gets in a feed (see `feedCalendar` for the rules). */
export function milestoneSummary(
  m: Pick<MilestoneView, 'kind' | 'title' | 'defenderId'>,
  defender: FeedCase | null,
  includeNames: boolean,
): string {
  const kindLabel = MILESTONE_KIND_LABELS[m.kind] ?? 'Reminder';
  // A case milestone whose case could not be read is treated as restricted: fail closed.
  if (m.defenderId && (!defender || defender.access !== 'standard'))
    return `${kindLabel} — restricted case`;
  // A standard case's name is shown only when the user asked for it: it is seen by every
  // staff member in Witness, but a feed hands it to whichever calendar service subscribes.
  if (defender && includeNames) return `${m.title} — ${defender.fullName}`;
  return m.title;
}

function milestoneEvent(
  m: MilestoneView,
  defender: FeedCase | null,
  input: FeedContentInput,
  host: string,
): ICalEvent {
  const due = new Date(m.dueAt);
  const url = `${input.baseUrl}${appPaths.milestone(m.id)}`;
  const kindLabel = MILESTONE_KIND_LABELS[m.kind] ?? 'Reminder';
  const status = m.status === 'done' ? ' (done)' : m.status === 'cancelled' ? ' (cancelled)' : '';
  return {
    uid: `milestone-${m.id}@${host}`,
    dtstamp: input.now,
    // An all-day milestone is stored at 00:00Z of its day (MilestonesService.dueInstant).
    ...(m.allDay
      ? { start: { date: m.dueAt.slice(0, 10) } }
      : {
          start: { dateTime: due },
          end: { dateTime: new Date(due.getTime() + TIMED_EVENT_MINUTES * 60_000) },
        }),
    summary: milestoneSummary(m, defender, input.includeNames),
    description: `${kindLabel}${status}. Details in Witness: ${url}`,
    url,
    categories: [kindLabel],
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: Math.max(0, m.version - 1),
    lastModified: new Date(m.updatedAt),
    transparent: m.allDay,
  };
}

/** An entry as ICAL_PROPS maps it, so that the importer can read a feed back. */
function entryEvent(e: CalendarEntryView, input: FeedContentInput, host: string): ICalEvent {
  const x: ICalXProperty[] = [{ name: ICAL_PROPS.kind, raw: e.kind }];
  if (e.number !== null) x.push({ name: ICAL_PROPS.number, raw: String(e.number) });
  if (e.body !== null) x.push({ name: ICAL_PROPS.body, raw: e.body });
  if (e.countries.length) x.push({ name: ICAL_PROPS.countries, text: e.countries });
  if (e.sample) x.push({ name: ICAL_PROPS.sample, raw: 'TRUE' });
  for (const d of e.deadlines) {
    const params: Record<string, string> = { 'X-KIND': d.kind };
    if (d.country) params['X-COUNTRY'] = d.country;
    if (d.label) params['X-LABEL'] = d.label;
    x.push({ name: ICAL_PROPS.deadline, params, raw: d.dueOn.replace(/-/g, '') });
  }
  // URL is the published source (ICAL_PROPS); the way back into Witness rides alongside.
  x.push({ name: ICAL_PROPS.appUrl, raw: `${input.baseUrl}${appPaths.calendarEntry(e.id)}` });
  return {
    uid: entryUid(e.id, host),
    dtstamp: input.now,
    start: { date: e.startsOn },
    end: { date: nextDay(e.endsOn) },
    summary: e.title,
    description: e.notes,
    location: e.location,
    url: e.sourceUrl && isICalUri(e.sourceUrl) ? e.sourceUrl : null,
    categories: [e.kind],
    // Sample (demo) dates are not confirmed: calendars show them as tentative.
    status: e.sample ? 'TENTATIVE' : 'CONFIRMED',
    sequence: Math.max(0, e.version - 1),
    lastModified: new Date(e.updatedAt),
    transparent: true,
    x,
  };
}

function deadlineEvent(
  e: CalendarEntryView,
  d: CalendarEntryView['deadlines'][number],
  input: FeedContentInput,
  host: string,
): ICalEvent {
  const url = `${input.baseUrl}${appPaths.calendarEntry(e.id)}`;
  return {
    uid: `un-deadline-${d.id}@${host}`,
    dtstamp: input.now,
    start: { date: d.dueOn },
    summary: deadlineTitle(e, d),
    description: `${e.title}. Details in Witness: ${url}`,
    url,
    categories: [e.kind, 'deadline'],
    status: e.sample ? 'TENTATIVE' : 'CONFIRMED',
    sequence: Math.max(0, e.version - 1),
    lastModified: new Date(e.updatedAt),
    transparent: true,
    // The importer skips these: the deadline is already on its entry.
    x: [{ name: ICAL_PROPS.deadlineOf, text: entryUid(e.id, host) }],
  };
}

function entryUid(id: string, host: string): string {
  return `un-calendar-${id}@${host}`;
}
