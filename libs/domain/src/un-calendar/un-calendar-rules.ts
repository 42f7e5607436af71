import type { FieldError } from '@witness/platform';
import { isISO31661Alpha2 } from 'class-validator';
import { isCalendarDate } from '../shared/detention-status';
import type { MilestoneKind } from '../milestones';
import {
  CALENDAR_ENTRY_KINDS,
  DEADLINE_KINDS,
  DEADLINES_BY_KIND,
  REGIONAL_BODIES,
  type CalendarEntryInput,
  type CalendarEntryKind,
  type DeadlineKind,
} from './un-calendar.types';

/**
 * Pure rules of the UN calendar (no I/O): what a valid entry is, how its milestones are named,
 * and which HRC session an escalation's free-text `hrcSession` names.
 */

const MAX_TITLE = 300;
const MAX_LOCATION = 200;
const MAX_LABEL = 200;
const MAX_NOTES = 10_000;
const MAX_URL = 500;
const MAX_DEADLINES = 60;
const MAX_COUNTRIES = 60;

const chars = (s: string) => [...s].length;

/**
 * Every problem of an entry, each naming its field (`prefix` is prepended, e.g. `entries[3].`).
 * The API's DTOs check shapes first; this checks what only makes sense across fields, and is
 * the one check an import goes through.
 */
export function validateEntry(input: CalendarEntryInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) =>
    errors.push({ field: `${prefix}${field}`, message });
  if (!CALENDAR_ENTRY_KINDS.includes(input.kind)) {
    err('kind', `must be one of ${CALENDAR_ENTRY_KINDS.join(', ')}`);
    return errors;
  }
  if (input.number !== undefined && input.number !== null) {
    if (!Number.isInteger(input.number) || input.number < 1 || input.number > 100_000)
      err('number', 'must be a whole number from 1 to 100000');
  }
  if (input.kind === 'regional_session') {
    if (!input.body || !REGIONAL_BODIES.includes(input.body))
      err('body', `a regional session needs its body: one of ${REGIONAL_BODIES.join(', ')}`);
  } else if (input.body) {
    err('body', 'only a regional session has a body');
  }
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title) err('title', 'must not be empty');
  else if (chars(title) > MAX_TITLE) err('title', `must be at most ${MAX_TITLE} characters`);
  const starts = validDate(input.startsOn);
  const ends = validDate(input.endsOn);
  if (!starts) err('startsOn', 'must be a real date written YYYY-MM-DD');
  if (!ends) err('endsOn', 'must be a real date written YYYY-MM-DD');
  if (starts && ends && input.endsOn < input.startsOn)
    err('endsOn', 'must be on or after startsOn');
  if (input.location && chars(input.location) > MAX_LOCATION)
    err('location', `must be at most ${MAX_LOCATION} characters`);
  if (input.notes && chars(input.notes) > MAX_NOTES)
    err('notes', `must be at most ${MAX_NOTES} characters`);
  if (input.sourceUrl) {
    if (chars(input.sourceUrl) > MAX_URL) err('sourceUrl', `must be at most ${MAX_URL} characters`);
    else if (!/^https?:\/\/[^\s]+$/i.test(input.sourceUrl))
      err('sourceUrl', 'must be an http(s) address');
  }
  const countries = input.countries ?? [];
  if (countries.length > MAX_COUNTRIES)
    err('countries', `must list at most ${MAX_COUNTRIES} states`);
  countries.forEach((c, i) => {
    if (typeof c !== 'string' || !/^[A-Z]{2}$/.test(c) || !isISO31661Alpha2(c))
      err(`countries[${i}]`, 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. BD');
  });
  if (new Set(countries).size !== countries.length) err('countries', 'lists a state twice');
  if (input.kind === 'upr_session' && countries.length === 0)
    err('countries', 'a UPR session needs the states under review');

  const deadlines = input.deadlines ?? [];
  if (deadlines.length > MAX_DEADLINES)
    err('deadlines', `must hold at most ${MAX_DEADLINES} deadlines`);
  const allowed = DEADLINES_BY_KIND[input.kind];
  const seen = new Set<string>();
  deadlines.forEach((d, i) => {
    const at = `deadlines[${i}].`;
    if (!DEADLINE_KINDS.includes(d.kind) || !allowed.includes(d.kind)) {
      err(`${at}kind`, `must be one of ${allowed.join(', ')} for a ${label(input.kind)}`);
    }
    if (!validDate(d.dueOn)) err(`${at}dueOn`, 'must be a real date written YYYY-MM-DD');
    else if (ends && d.dueOn > input.endsOn)
      err(`${at}dueOn`, 'must not fall after the session ends');
    const country = d.country ?? '';
    // No country: the deadline is for every state of the entry (e.g. one UPR date for all).
    if (country && !countries.includes(country))
      err(`${at}country`, 'must be one of the entry’s countries');
    if (d.label && chars(d.label) > MAX_LABEL)
      err(`${at}label`, `must be at most ${MAX_LABEL} characters`);
    const key = `${d.kind}:${country}`;
    if (seen.has(key)) err(`${at}kind`, 'is given twice for the same state');
    seen.add(key);
  });
  return errors;
}

function validDate(v: unknown): boolean {
  return typeof v === 'string' && isCalendarDate(v) && v >= '1945-01-01' && v <= '2200-12-31';
}

const KIND_LABELS: Record<CalendarEntryKind, string> = {
  hrc_session: 'Human Rights Council session',
  wgad_session: 'WGAD session',
  upr_session: 'UPR Working Group session',
  regional_session: 'regional session',
};

export function label(kind: CalendarEntryKind): string {
  return KIND_LABELS[kind];
}

/** The milestone kind a calendar deadline becomes. */
export const MILESTONE_KIND_FOR: Record<CalendarEntryKind, MilestoneKind> = {
  hrc_session: 'hrc_session',
  wgad_session: 'wgad_session',
  upr_session: 'upr_review',
  regional_session: 'regional_session',
};

const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  written_statement: 'written statements due',
  side_event_request: 'side-event requests due',
  oral_statement_registration: 'oral statement registration',
  case_cutoff: 'cut-off for cases to be considered',
  stakeholder_submission: 'stakeholder submission due',
  submission: 'submissions due',
  other: 'deadline',
};

/** A short name: "HRC 64", "WGAD 104", "UPR 50", "ACHPR 85", or the title. */
export function shortName(e: {
  kind: CalendarEntryKind;
  number: number | null;
  body: string | null;
  title: string;
}): string {
  const prefix =
    e.kind === 'hrc_session'
      ? 'HRC'
      : e.kind === 'wgad_session'
        ? 'WGAD'
        : e.kind === 'upr_session'
          ? 'UPR'
          : (e.body ?? '').toUpperCase();
  return e.number !== null && prefix ? `${prefix} ${e.number}` : e.title;
}

/**
 * A milestone title: what is due, for which session (and state). No case detail: the same
 * words reach reminders by email and the calendar feeds.
 */
export function deadlineTitle(
  e: { kind: CalendarEntryKind; number: number | null; body: string | null; title: string },
  d: { kind: DeadlineKind; country: string | null; label: string | null } | null,
): string {
  const what = d ? (d.label ?? DEADLINE_LABELS[d.kind]) : 'session opens';
  const state = d?.country ? ` (${d.country})` : '';
  return `${shortName(e)}: ${what}${state}`.slice(0, 300);
}

/**
 * deadlineTitle as a message for the pages (`milestones.titles.unDeadline`): the session's
 * kind, number, body and title, the deadline's kind (null: the session opens) or its own
 * label, and the state, as codes each page words in its language.
 */
export function deadlineTitleMessage(
  e: { kind: CalendarEntryKind; number: number | null; body: string | null; title: string },
  d: { kind: DeadlineKind; country: string | null; label: string | null } | null,
): { key: string; params: Record<string, string | number | null> } {
  return {
    key: 'unDeadline',
    params: {
      session: e.kind,
      number: e.number,
      body: e.body ? e.body.toUpperCase() : null,
      title: e.title,
      deadline: d ? d.kind : 'opens',
      label: d?.label ?? null,
      country: d?.country ?? null,
    },
  };
}

/**
 * The HRC session number an escalation's free text names: "HRC61", "HRC 61", "61st session",
 * "HRC/61" -> 61; null when it names none.
 */
export function hrcSessionNumber(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /(\d{1,4})/.exec(text);
  return m ? Number(m[1]) : null;
}
