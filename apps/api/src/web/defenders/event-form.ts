import type { DetentionEventView } from '@witness/domain';
import { text, type FormBody } from '../web-form';
import { lines, shown, splitList } from './form';

/**
 * Pure helpers of the profile's timeline forms: an event as the form shows it (strings, as
 * typed), what the API's DTOs receive from it, and which fields a correction changed.
 */

export interface EventForm {
  type: string;
  occurredOn: string;
  place: string;
  authority: string;
  description: string;
  legalBasis: string;
  charges: string;
  sentence: string;
  source: string;
  verification: string;
  sourceIdentity: string;
  forces: string;
  /** 'yes', 'no' or '' (not known). */
  warrantShown: string;
  takenTo: string;
  endedOn: string;
  outcome: string;
  outcomeOn: string;
}

export type EventField = keyof EventForm;

/** Fields of a correction: the source identity is shown on a single event only, not here. */
export const EVENT_CORRECTION_FIELDS: readonly EventField[] = [
  'type',
  'occurredOn',
  'place',
  'authority',
  'description',
  'legalBasis',
  'charges',
  'sentence',
  'source',
  'verification',
  'forces',
  'warrantShown',
  'takenTo',
  'endedOn',
  'outcome',
  'outcomeOn',
];

export function emptyEventForm(): EventForm {
  return {
    type: '',
    occurredOn: '',
    place: '',
    authority: '',
    description: '',
    legalBasis: '',
    charges: '',
    sentence: '',
    source: '',
    verification: 'unverified',
    sourceIdentity: '',
    forces: '',
    warrantShown: '',
    takenTo: '',
    endedOn: '',
    outcome: '',
    outcomeOn: '',
  };
}

export function eventFormFromView(e: DetentionEventView): EventForm {
  return {
    type: e.type,
    occurredOn: e.occurredOn,
    place: shown(e.place),
    authority: shown(e.authority),
    description: shown(e.description),
    legalBasis: shown(e.legalBasis),
    charges: (e.charges ?? []).join('\n'),
    sentence: shown(e.sentence),
    source: shown(e.source),
    verification: e.verification ?? 'unverified',
    sourceIdentity: '',
    forces: shown(e.forces),
    warrantShown: e.warrantShown === true ? 'yes' : e.warrantShown === false ? 'no' : '',
    takenTo: shown(e.takenTo),
    endedOn: shown(e.endedOn),
    outcome: shown(e.outcome),
    outcomeOn: shown(e.outcomeOn),
  };
}

export function eventFormFromBody(body: FormBody): EventForm {
  const str = (name: string) => lines(text(body, name) ?? '');
  return {
    type: str('type'),
    occurredOn: str('occurredOn'),
    place: str('place'),
    authority: str('authority'),
    description: str('description'),
    legalBasis: str('legalBasis'),
    charges: str('charges'),
    sentence: str('sentence'),
    source: str('source'),
    verification: str('verification') || 'unverified',
    sourceIdentity: str('sourceIdentity'),
    forces: str('forces'),
    warrantShown: str('warrantShown'),
    takenTo: str('takenTo'),
    endedOn: str('endedOn'),
    outcome: str('outcome'),
    outcomeOn: str('outcomeOn'),
  };
}

function eventFieldInput(form: EventForm, field: EventField): unknown {
  switch (field) {
    case 'type':
    case 'occurredOn':
    case 'verification':
      return form[field];
    case 'charges':
      return splitList(form.charges, /\n/);
    case 'warrantShown':
      // Anything but yes / no / blank is passed on for the DTO to refuse.
      return form.warrantShown === 'yes'
        ? true
        : form.warrantShown === 'no'
          ? false
          : form.warrantShown === ''
            ? null
            : form.warrantShown;
    default:
      return form[field] === '' ? null : form[field];
  }
}

/** A new event: empty fields left out. */
export function eventCreateInput(form: EventForm): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: form.type,
    occurredOn: form.occurredOn,
  };
  for (const f of Object.keys(form) as EventField[]) {
    if (f === 'type' || f === 'occurredOn') continue;
    const v = eventFieldInput(form, f);
    if (v !== null && !(Array.isArray(v) && v.length === 0)) out[f] = v;
  }
  return out;
}

export function eventChangedFields(form: EventForm, base: EventForm): EventField[] {
  return EVENT_CORRECTION_FIELDS.filter(
    (f) => JSON.stringify(eventFieldInput(form, f)) !== JSON.stringify(eventFieldInput(base, f)),
  );
}

export function eventPatchInput(
  form: EventForm,
  fields: readonly EventField[],
): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, eventFieldInput(form, f)]));
}

export function overlayEvent(base: EventForm, mine: EventForm, fields: readonly EventField[]) {
  const out = { ...base };
  for (const f of fields) out[f] = mine[f];
  return out;
}

export function decodeEventSnapshot(raw: string | undefined): EventForm | null {
  if (!raw || raw.length > 100_000) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const out = emptyEventForm();
    for (const f of EVENT_CORRECTION_FIELDS) {
      if (typeof v[f] !== 'string') return null;
      out[f] = v[f];
    }
    return out;
  } catch {
    return null;
  }
}
