import type { Contact, DefenderView } from '@witness/domain';
import { countryCodes } from '../display-names';
import type { FieldErrorMap } from '../views';
import { many, text, type FormBody } from '../web-form';

/**
 * Pure helpers of the defenders pages: the case-record and timeline forms as the page shows
 * them (strings, as typed), what the API's DTOs receive from them, and which fields a person
 * actually changed, so an edit sends only those (PATCH semantics) and a conflict can re-apply
 * them over the latest version.
 */

export interface ContactRow {
  name: string;
  relation: string;
  phone: string;
  email: string;
  notes: string;
}

export interface DefenderForm {
  fullName: string;
  familyName: string;
  givenNames: string;
  otherNames: string;
  sex: string;
  birthDate: string;
  birthYear: string;
  /** Codes separated by commas or spaces. */
  nationalities: string;
  country: string;
  profession: string;
  organisation: string;
  hrdActivity: string;
  hrdFocus: string[];
  summary: string;
  story: string;
  riskLevel: string;
  access: string;
  tags: string;
  contacts: ContactRow[];
  confidentialNotes: string;
  usualAddress: string;
}

export type DefenderField = keyof DefenderForm;

/** Form fields in page order. */
export const DEFENDER_FIELDS: readonly DefenderField[] = [
  'fullName',
  'familyName',
  'givenNames',
  'otherNames',
  'sex',
  'birthDate',
  'birthYear',
  'nationalities',
  'country',
  'profession',
  'organisation',
  'hrdActivity',
  'hrdFocus',
  'riskLevel',
  'access',
  'tags',
  'summary',
  'story',
  'contacts',
  'confidentialNotes',
  'usualAddress',
];

/** Always sent on create, so validation names them when left empty. */
const REQUIRED: readonly DefenderField[] = ['fullName', 'country'];
const LISTS_BY_LINE: readonly DefenderField[] = ['otherNames'];
const LISTS_BY_COMMA: readonly DefenderField[] = ['tags'];

export const CONTACT_FIELDS = ['name', 'relation', 'phone', 'email', 'notes'] as const;
/** Blank contact rows offered after the existing ones. */
export const BLANK_CONTACT_ROWS = 1;

export function emptyDefenderForm(): DefenderForm {
  return {
    fullName: '',
    familyName: '',
    givenNames: '',
    otherNames: '',
    sex: '',
    birthDate: '',
    birthYear: '',
    nationalities: '',
    country: '',
    profession: '',
    organisation: '',
    hrdActivity: '',
    hrdFocus: [],
    summary: '',
    story: '',
    riskLevel: '',
    access: 'standard',
    tags: '',
    contacts: [],
    confidentialNotes: '',
    usualAddress: '',
  };
}

/** A saved case record as the edit form shows it. */
export function defenderFormFromView(v: DefenderView): DefenderForm {
  return {
    fullName: shown(v.fullName),
    familyName: shown(v.familyName),
    givenNames: shown(v.givenNames),
    otherNames: (v.otherNames ?? []).join('\n'),
    sex: shown(v.sex),
    birthDate: shown(v.birthDate),
    birthYear: v.birthYear === null || v.birthYear === undefined ? '' : String(v.birthYear),
    nationalities: (v.nationalities ?? []).join(', '),
    country: shown(v.country),
    profession: shown(v.profession),
    organisation: shown(v.organisation),
    hrdActivity: shown(v.hrdActivity),
    hrdFocus: [...(v.hrdFocus ?? [])],
    summary: shown(v.summary),
    story: shown(v.story),
    riskLevel: shown(v.riskLevel),
    access: v.access ?? 'standard',
    tags: (v.tags ?? []).join(', '),
    contacts: (v.contacts ?? []).map(contactRow),
    confidentialNotes: shown(v.confidentialNotes),
    usualAddress: shown(v.usualAddress),
  };
}

function contactRow(c: Contact): ContactRow {
  return {
    name: shown(c.name),
    relation: c.relation ?? '',
    phone: shown(c.phone),
    email: shown(c.email),
    notes: shown(c.notes),
  };
}

/** The form as posted. Contact rows come as parallel repeated fields `contact_<field>`. */
export function defenderFormFromBody(body: FormBody): DefenderForm {
  const str = (name: string) => lines(text(body, name) ?? '');
  const columns = Object.fromEntries(
    CONTACT_FIELDS.map((f) => [f, positional(body, `contact_${f}`)]),
  ) as Record<(typeof CONTACT_FIELDS)[number], string[]>;
  const rows = Math.max(...CONTACT_FIELDS.map((f) => columns[f].length), 0);
  const contacts: ContactRow[] = [];
  for (let i = 0; i < rows; i++) {
    contacts.push({
      name: (columns.name[i] ?? '').trim(),
      relation: (columns.relation[i] ?? '').trim(),
      phone: (columns.phone[i] ?? '').trim(),
      email: (columns.email[i] ?? '').trim(),
      notes: (columns.notes[i] ?? '').trim(),
    });
  }
  return {
    fullName: str('fullName'),
    familyName: str('familyName'),
    givenNames: str('givenNames'),
    otherNames: str('otherNames'),
    sex: str('sex'),
    birthDate: str('birthDate'),
    birthYear: str('birthYear'),
    // One input per country, typed by name: kept as codes.
    nationalities: countryCodes(many(body, 'nationalities')).join(', '),
    country: str('country'),
    profession: str('profession'),
    organisation: str('organisation'),
    hrdActivity: str('hrdActivity'),
    hrdFocus: many(body, 'hrdFocus'),
    summary: str('summary'),
    story: str('story'),
    riskLevel: str('riskLevel'),
    access: str('access') || 'standard',
    tags: str('tags'),
    contacts: contacts.filter((c) => !isBlankContact(c)),
    confidentialNotes: str('confidentialNotes'),
    usualAddress: str('usualAddress'),
  };
}

/** Browsers send a textarea's line breaks as CRLF: compared and saved as LF. */
export function lines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** Saved text as the form shows it (trimmed, LF), so an untouched field compares equal. */
export function shown(s: string | null | undefined): string {
  return lines(s ?? '').trim();
}

/** A repeated field with its empty entries kept, so parallel columns stay aligned. */
function positional(body: FormBody, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function isBlankContact(c: ContactRow): boolean {
  return CONTACT_FIELDS.every((f) => c[f] === '');
}

export function splitList(s: string, by: RegExp): string[] {
  return s
    .split(by)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** One field of the form as the API's DTO receives it (`null` clears a nullable field). */
function fieldInput(form: DefenderForm, field: DefenderField): unknown {
  switch (field) {
    case 'fullName':
    case 'country':
      return form[field];
    case 'access':
      return form.access;
    case 'nationalities':
      return splitList(form.nationalities, /[,;\s]+/).map((c) => c.toUpperCase());
    case 'hrdFocus':
      return [...form.hrdFocus];
    case 'birthYear':
      return form.birthYear === ''
        ? null
        : /^-?\d+$/.test(form.birthYear)
          ? Number(form.birthYear)
          : form.birthYear;
    case 'contacts':
      return form.contacts.length
        ? form.contacts.map((c) => ({
            name: c.name,
            relation: c.relation,
            phone: c.phone || null,
            email: c.email || null,
            notes: c.notes || null,
          }))
        : null;
    default: {
      if (LISTS_BY_LINE.includes(field)) return splitList(form[field] as string, /\n/);
      if (LISTS_BY_COMMA.includes(field)) return splitList(form[field] as string, /[,\n]/);
      const s = form[field] as string;
      return s === '' ? null : s;
    }
  }
}

/** The create request: every field given, empty ones left out (except the required). */
export function createInput(form: DefenderForm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of DEFENDER_FIELDS) {
    const v = fieldInput(form, f);
    if (REQUIRED.includes(f)) out[f] = v;
    else if (v !== null && !(Array.isArray(v) && v.length === 0)) out[f] = v;
  }
  return out;
}

/** The update request: only the given fields. */
export function patchInput(
  form: DefenderForm,
  fields: readonly DefenderField[],
): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, fieldInput(form, f)]));
}

/** A field's value in a form that compares equal when the API would store the same thing. */
function comparable(form: DefenderForm, field: DefenderField): string {
  const v = fieldInput(form, field);
  if (field === 'hrdFocus') return JSON.stringify([...(v as string[])].sort());
  if (field === 'country') return JSON.stringify(typeof v === 'string' ? v.toUpperCase() : v);
  return JSON.stringify(v);
}

/** The fields whose value differs between two forms. */
export function changedFields(
  form: DefenderForm,
  base: DefenderForm,
  fields: readonly DefenderField[] = DEFENDER_FIELDS,
): DefenderField[] {
  return fields.filter((f) => comparable(form, f) !== comparable(base, f));
}

/** `base` with the given fields taken from `mine`. */
export function overlay(
  base: DefenderForm,
  mine: DefenderForm,
  fields: readonly DefenderField[],
): DefenderForm {
  const out: DefenderForm = { ...base, contacts: base.contacts.map((c) => ({ ...c })) };
  for (const f of fields) (out as unknown as Record<string, unknown>)[f] = mine[f];
  return out;
}

/**
 * The values the form was loaded with travel in a hidden field, so a save can tell what the
 * person changed (not what someone else changed in between) and send only that.
 */
export function encodeSnapshot(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeDefenderSnapshot(raw: string | undefined): DefenderForm | null {
  if (!raw || raw.length > 400_000) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const out = emptyDefenderForm();
    for (const f of DEFENDER_FIELDS) {
      const x = v[f];
      if (f === 'hrdFocus') {
        if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) return null;
        out.hrdFocus = x;
      } else if (f === 'contacts') {
        if (!Array.isArray(x)) return null;
        out.contacts = x.map((c: Record<string, unknown>) => ({
          name: String(c?.name ?? ''),
          relation: String(c?.relation ?? ''),
          phone: String(c?.phone ?? ''),
          email: String(c?.email ?? ''),
          notes: String(c?.notes ?? ''),
        }));
      } else {
        if (typeof x !== 'string') return null;
        (out as unknown as Record<string, unknown>)[f] = x;
      }
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * Errors of contact rows (`contacts[2].email`) per row, keyed by the row's field name as the
 * form names it, and the other errors as they are.
 */
export function splitContactErrors(errors: FieldErrorMap): {
  errors: FieldErrorMap;
  rows: Record<number, FieldErrorMap>;
} {
  const rows: Record<number, FieldErrorMap> = {};
  const rest: FieldErrorMap = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^contacts\[(\d+)\](?:\.(\w+))?/.exec(key);
    if (m) {
      const row = Number(m[1]);
      rows[row] ??= {};
      rows[row][`contact_${m[2] ?? 'name'}`] ??= message;
      rest.contacts ??= message;
    } else {
      rest[key] = message;
    }
  }
  return { errors: rest, rows };
}
