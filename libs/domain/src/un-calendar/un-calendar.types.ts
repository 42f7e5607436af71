/**
 * The UN calendar: sessions and reviews that open windows for action (DOMAIN.md, "Other
 * mechanisms"). Shared by the API, the importer (CSV and iCalendar) and the calendar feeds.
 */
export const CALENDAR_ENTRY_KINDS = [
  'hrc_session',
  'wgad_session',
  'upr_session',
  'regional_session',
] as const;
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

/** Regional bodies a `regional_session` belongs to (the escalation mechanisms of the same name). */
export const REGIONAL_BODIES = ['achpr', 'iachr', 'other'] as const;
export type RegionalBody = (typeof REGIONAL_BODIES)[number];

/**
 * Deadlines an entry carries. Which kinds fit which entry:
 *  - hrc_session: written_statement, side_event_request, oral_statement_registration
 *  - wgad_session: case_cutoff (communications whose reply period has ended by then can be decided)
 *  - upr_session: stakeholder_submission, one per state under review (`country` set)
 *  - regional_session: submission
 *  - any: other
 */
export const DEADLINE_KINDS = [
  'written_statement',
  'side_event_request',
  'oral_statement_registration',
  'case_cutoff',
  'stakeholder_submission',
  'submission',
  'other',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINES_BY_KIND: Record<CalendarEntryKind, readonly DeadlineKind[]> = {
  hrc_session: ['written_statement', 'side_event_request', 'oral_statement_registration', 'other'],
  wgad_session: ['case_cutoff', 'other'],
  upr_session: ['stakeholder_submission', 'other'],
  regional_session: ['submission', 'other'],
};

export interface CalendarDeadlineInput {
  kind: DeadlineKind;
  /** YYYY-MM-DD (a day, not a moment: deadlines fall at the end of the day in Geneva). */
  dueOn: string;
  /** ISO 3166-1 alpha-2; for a UPR stakeholder submission, the state under review it is for. */
  country?: string | null;
  label?: string | null;
}

/** What an entry is made of, as the API, the importer and the service exchange it. */
export interface CalendarEntryInput {
  kind: CalendarEntryKind;
  /** The session's number (HRC 61, WGAD 104, UPR 50); null when it has none. */
  number?: number | null;
  /** For regional_session: which body; null otherwise. */
  body?: RegionalBody | null;
  title: string;
  startsOn: string;
  endsOn: string;
  location?: string | null;
  /** States concerned: for UPR the states under review; for a regional session, optional. */
  countries?: string[];
  deadlines?: CalendarDeadlineInput[];
  notes?: string | null;
  /** Where the dates were published (a URL), so anyone can check them. */
  sourceUrl?: string | null;
  /** True for demo data that must be checked against OHCHR's published calendar. */
  sample?: boolean;
}

export interface CalendarDeadlineView {
  id: string;
  kind: DeadlineKind;
  dueOn: string;
  country: string | null;
  label: string | null;
}

/** An entry as the API returns it. */
export interface CalendarEntryView {
  id: string;
  kind: CalendarEntryKind;
  number: number | null;
  body: RegionalBody | null;
  title: string;
  startsOn: string;
  endsOn: string;
  location: string | null;
  countries: string[];
  deadlines: CalendarDeadlineView[];
  notes: string | null;
  sourceUrl: string | null;
  sample: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarEntryQuery {
  kind?: CalendarEntryKind;
  /**
   * A window (YYYY-MM-DD, both included): entries with a day of the session, or a deadline,
   * within it. Either end may be left open.
   */
  from?: string;
  to?: string;
  country?: string;
}

/** What an import did: entries are matched on (kind, body, number), or (kind, title, startsOn) without a number. */
export interface CalendarImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * iCalendar mapping, shared by the importer (`calendar:import x.ics`) and the feeds, so a
 * feed's UN entries can be imported back. An entry is one all-day VEVENT:
 *   SUMMARY=title, DTSTART;VALUE=DATE=startsOn, DTEND;VALUE=DATE=endsOn + 1 day (exclusive),
 *   LOCATION, DESCRIPTION=notes, URL=sourceUrl, CATEGORIES=<kind>,
 *   X-WITNESS-KIND, X-WITNESS-NUMBER, X-WITNESS-BODY, X-WITNESS-COUNTRIES (comma-separated),
 *   X-WITNESS-SAMPLE:TRUE, and one X-WITNESS-DEADLINE;X-KIND=<kind>[;X-COUNTRY=BD][;X-LABEL=..]:YYYYMMDD
 *   per deadline.
 * Feeds also emit each deadline as its own all-day VEVENT (so it shows in calendar apps) with
 * X-WITNESS-DEADLINE-OF:<entry's UID>; the importer skips those.
 */
export const ICAL_PROPS = {
  kind: 'X-WITNESS-KIND',
  number: 'X-WITNESS-NUMBER',
  body: 'X-WITNESS-BODY',
  countries: 'X-WITNESS-COUNTRIES',
  sample: 'X-WITNESS-SAMPLE',
  deadline: 'X-WITNESS-DEADLINE',
  deadlineOf: 'X-WITNESS-DEADLINE-OF',
  /** Feeds only: the entry's page in the web app (URL is its published source). Importers ignore it. */
  appUrl: 'X-WITNESS-APP-URL',
} as const;
