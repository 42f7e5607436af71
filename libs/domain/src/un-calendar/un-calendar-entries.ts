import {
  diffForAudit,
  ForbiddenError,
  ValidationFailedError,
  type AuditEntry,
} from '@witness/platform';
import type { Actor } from '../shared/actor';
import type { RelevanceEntry } from './un-calendar-relevance';
import type { validateEntry } from './un-calendar-rules';
import type {
  CalendarDeadlineInput,
  CalendarEntryInput,
  CalendarEntryView,
  DeadlineKind,
} from './un-calendar.types';
import type { UnCalendarDeadline, UnCalendarEntry } from './un-calendar.entity';

// How an entry is stored, compared, shown and audited, and who may change it.

/** Who may change the calendar (the CLI acts as the system). */
const EDITORS = new Set(['coordinator', 'admin', 'system']);

/** Entry fields compared to tell an import's "unchanged" from "updated". */
const COMPARED = [
  'kind',
  'number',
  'body',
  'title',
  'startsOn',
  'endsOn',
  'location',
  'countries',
  'deadlines',
  'notes',
  'sourceUrl',
  'sample',
] as const;

export function mayEdit(actor: Actor): void {
  if (!EDITORS.has(actor.role))
    throw new ForbiddenError('Only coordinators and admins change the UN calendar.');
}

export function throwIfInvalid(errors: ReturnType<typeof validateEntry>): void {
  if (errors.length) throw new ValidationFailedError(errors);
}

export const deadlineKey = (kind: DeadlineKind, country: string) => `${kind}:${country}`;

/** Thrown to roll a dry run's transaction back. */
export const DRY_RUN = Symbol('dry run');

/** Trimmed text, capital country codes, empty text as null: how an entry is stored. */
export function normalise(input: CalendarEntryInput): CalendarEntryInput {
  const text = (v: string | null | undefined) => {
    const t = typeof v === 'string' ? v.trim() : v;
    return t ? t : null;
  };
  const upper = (c: unknown) => (typeof c === 'string' ? c.trim().toUpperCase() : (c as string));
  return {
    kind: input.kind,
    number: input.number ?? null,
    body: input.body ?? null,
    title: typeof input.title === 'string' ? input.title.trim() : input.title,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    location: text(input.location),
    countries: (input.countries ?? []).map(upper),
    deadlines: (input.deadlines ?? []).map((d): CalendarDeadlineInput => ({
      kind: d.kind,
      dueOn: d.dueOn,
      country: d.country ? upper(d.country) : null,
      label: text(d.label),
    })),
    notes: text(input.notes),
    sourceUrl: text(input.sourceUrl),
    sample: input.sample ?? false,
  };
}

export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function inputOf(v: CalendarEntryView): CalendarEntryInput {
  return {
    kind: v.kind,
    number: v.number,
    body: v.body,
    title: v.title,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    location: v.location,
    countries: v.countries,
    deadlines: v.deadlines.map((d) => ({
      kind: d.kind,
      dueOn: d.dueOn,
      country: d.country,
      label: d.label,
    })),
    notes: v.notes,
    sourceUrl: v.sourceUrl,
    sample: v.sample,
  };
}

export function comparable(e: CalendarEntryInput): string {
  const n = normalise(e);
  const deadlines = [...(n.deadlines ?? [])].sort((a, b) =>
    deadlineKey(a.kind, a.country ?? '').localeCompare(deadlineKey(b.kind, b.country ?? '')),
  );
  return JSON.stringify(COMPARED.map((k) => (k === 'deadlines' ? deadlines : n[k])));
}

export function sameEntry(a: CalendarEntryInput, b: CalendarEntryInput): boolean {
  return comparable(a) === comparable(b);
}

/** An entry and its deadlines as the API shows them. */
export function calendarEntryView(
  e: UnCalendarEntry,
  deadlines: UnCalendarDeadline[],
): CalendarEntryView {
  return {
    id: e.id,
    kind: e.kind,
    number: e.number,
    body: e.body || null,
    title: e.title,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    location: e.location,
    countries: e.countries,
    deadlines: deadlines.map((d) => ({
      id: d.id,
      kind: d.kind,
      dueOn: d.dueOn,
      country: d.country || null,
      label: d.label,
    })),
    notes: e.notes,
    sourceUrl: e.sourceUrl,
    sample: e.sample,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** What the relevance rules need of an entry. */
export function relevanceOf(e: CalendarEntryView): RelevanceEntry {
  const cutoff = e.deadlines.find((d) => d.kind === 'case_cutoff');
  return {
    kind: e.kind,
    number: e.number,
    body: e.body,
    countries: e.countries,
    startsOn: e.startsOn,
    cutoffOn: cutoff?.dueOn ?? e.startsOn,
  };
}

export function auditOf(
  action: string,
  before: CalendarEntryView | null,
  after: CalendarEntryView | null,
): AuditEntry {
  const strip = (v: CalendarEntryView | null) =>
    v ? ({ ...inputOf(v) } as unknown as Record<string, unknown>) : null;
  return {
    action,
    entityType: 'un_calendar_entry',
    entityId: (after ?? before)?.id ?? null,
    subjectId: null,
    changes: diffForAudit(strip(before), strip(after)),
  };
}
