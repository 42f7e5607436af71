import type { AuditView, FieldError } from '@witness/platform';
import { ValidationFailedError } from '@witness/platform';
import type { Repository } from 'typeorm';
import { cipherContext } from '../shared/encrypted-columns';
import type { Defender } from './defender.entity';
import type { CaseChange, DefenderInput } from './defender.types';

// The case record's rules and canonical forms, and what its reads and audit trail share.

export const contactsContext = (id: string) => cipherContext('defenders', 'contactsEnc', id);
export const notesContext = (id: string) => cipherContext('defenders', 'confidentialNotesEnc', id);
export const addressContext = (id: string) => cipherContext('defenders', 'usualAddressEnc', id);

/** The editable fields as the audit trail compares them (sensitive ones only named). */
export function auditable(
  d: Partial<Defender> & {
    contacts?: unknown;
    confidentialNotes?: unknown;
    usualAddress?: unknown;
  },
) {
  const {
    searchVector: _s,
    seq: _q,
    contactsEnc: _c,
    confidentialNotesEnc: _n,
    usualAddressEnc: _a,
    usualAddress: _u,
    ...rest
  } = d;
  return rest as Record<string, unknown>;
}

/** Rules that span fields (single-field rules live in the request DTOs); the import runs them too. */
export function checkDefenderRules(input: Partial<DefenderInput>, today: string): void {
  const errors: FieldError[] = nationalityConflict(input);
  for (const required of ['fullName', 'country'] as const) {
    if (required in input && (input[required] === null || input[required] === '')) {
      errors.push({ field: required, message: 'must not be empty' });
    }
  }
  if (input.birthDate) {
    if (input.birthDate > today)
      errors.push({ field: 'birthDate', message: 'must not be in the future' });
    // birthYear (1900-2100) is taken from birthDate when not given.
    if (input.birthDate < '1900-01-01')
      errors.push({ field: 'birthDate', message: 'must be in 1900 or later' });
    if (input.birthYear && Number(input.birthDate.slice(0, 4)) !== input.birthYear) {
      errors.push({ field: 'birthYear', message: 'must agree with birthDate' });
    }
  }
  if (input.birthYear && input.birthYear > Number(today.slice(0, 4))) {
    errors.push({ field: 'birthYear', message: 'must not be in the future' });
  }
  if (errors.length) throw new ValidationFailedError(errors);
}

/** Rounds of reading older events to refill a history page (see `history`). */
export const HISTORY_REFILL_ROUNDS = 20;

/** What kind of change an audited action is, by its prefix (reads are not changes). */
export const CHANGE_OF_ACTION: Record<string, CaseChange> = {
  'defender.create': 'profile',
  'defender.update': 'profile',
  'defender.import': 'profile',
  'event.': 'timeline',
  'document.create': 'document',
  'document.version': 'document',
  'document.update': 'document',
  'document.delete': 'document',
  'consent.': 'consent',
};
/** Audit events read per round when listing recently changed cases, and the rounds at most. */
export const RECENT_BATCH = 200;
export const RECENT_REFILL_ROUNDS = 5;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every id an audit event names: its record and any id in its changes, wherever it sits. */
export function refsOf(e: AuditView): string[] {
  return (
    `${e.entityId ?? ''} ${e.changes ? JSON.stringify(e.changes) : ''}`
      .match(UUIDS)
      ?.map((u) => u.toLowerCase()) ?? []
  );
}

/** `nationality` (one, as before) and `nationalities` (all) say the same thing: one of them. */
export function nationalityConflict(input: Partial<DefenderInput>): FieldError[] {
  return input.nationality !== undefined && input.nationalities !== undefined
    ? [
        {
          field: 'nationality',
          message: 'give nationalities (every nationality) or nationality, not both',
        },
      ]
    : [];
}

/** A rank must survive `CAST(... AS real)`: 0, or a normal float4 (else PostgreSQL errors). */
export function assertRank(r: number): void {
  if (!(r === 0 || (r >= 1.2e-38 && r <= 3.4e38)))
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
}

export function assertSeq(s: string): void {
  if (!/^\d{1,18}$/.test(s))
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
}

/** Canonical forms: upper-case country codes, trimmed and de-duplicated lists. */
export function normalise<T extends Partial<DefenderInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input };
  if (typeof input.country === 'string') out.country = input.country.toUpperCase();
  // One nationality, as written before `nationalities`: it is the list of that one.
  if (input.nationality !== undefined && input.nationalities === undefined) {
    out.nationalities =
      typeof input.nationality === 'string' ? [input.nationality.toUpperCase()] : [];
  }
  delete out.nationality;
  if (Array.isArray(input.nationalities)) {
    out.nationalities = [...new Set(input.nationalities.map((n) => n.trim().toUpperCase()))];
  }
  if (typeof input.fullName === 'string') out.fullName = input.fullName.trim();
  for (const k of ['familyName', 'givenNames', 'hrdActivity', 'usualAddress'] as const) {
    const v = input[k];
    if (typeof v === 'string') out[k] = v.trim() === '' ? null : v.trim();
  }
  for (const k of ['otherNames', 'tags', 'hrdFocus'] as const) {
    const v = input[k];
    if (Array.isArray(v)) out[k] = [...new Set(v.map((x: string) => x.trim()).filter(Boolean))];
  }
  if (input.birthDate && input.birthYear === undefined) {
    out.birthYear = Number(input.birthDate.slice(0, 4));
  }
  return out as T;
}

/** The columns a list page reads: every selectable one but the story. */
export function listColumns(repo: Repository<Defender>): string[] {
  return repo.metadata.columns
    .filter((c) => c.isSelect && c.propertyName !== 'story')
    .map((c) => `d.${c.propertyName}`);
}
