import type { EventType } from '../../shared/detention-status';

/**
 * What the questionnaires' answers are made of: the facts drawn from the case record (and the
 * override typed in their place), as plain serialisable values. They are worded in each
 * language only when shown (answer-format.ts), so one drawn answer serves every edition.
 * Dates are calendar dates 'YYYY-MM-DD'.
 */

/** A dated fact of the timeline, as the questionnaires read it. */
export interface RecordEvent {
  type: EventType;
  occurredOn: string;
  /** Insertion order, for events of the same day. */
  seq?: number;
  description: string | null;
  place: string | null;
  authority: string | null;
  legalBasis: string | null;
  charges: string[];
  sentence: string | null;
  forces: string | null;
  warrantShown: boolean | null;
  takenTo: string | null;
  endedOn: string | null;
  outcome: string | null;
  outcomeOn: string | null;
}

/** A place of detention, in order: where the person was taken, transfers, house arrest. */
export interface PlaceItem {
  date: string;
  place: string;
  how: 'taken' | 'transfer' | 'house_arrest';
  /** The present place of detention (the last one, while the episode is open). */
  present: boolean;
}

/** A period (incommunicado, house arrest, visits or a lawyer denied); `to` null: ongoing. */
export interface PeriodItem {
  from: string;
  to: string | null;
  note: string | null;
}

/** An extension of pre-trial detention. */
export interface ExtensionItem {
  date: string;
  until: string | null;
  authority: string | null;
  legalBasis: string | null;
}

/** A domestic step (hearing, appeal, complaint, habeas corpus...) and its result. */
export interface StepItem {
  date: string;
  type: EventType;
  authority: string | null;
  place: string | null;
  description: string | null;
  outcome: string | null;
  outcomeOn: string | null;
  /** Whose step it was, in a group case (the display name). */
  person?: string;
}

export type AnswerValue =
  | { kind: 'text'; text: string }
  /** Distinct texts in the order met (forces, authorities, charges, laws). */
  | { kind: 'texts'; items: string[] }
  | { kind: 'date'; date: string }
  | { kind: 'boolean'; value: boolean }
  /** A closed-vocabulary value (sex), worded by its label in each language. */
  | { kind: 'label'; group: 'sex'; value: string }
  /** ISO 3166-1 alpha-2 codes, named as the UN names them. */
  | { kind: 'countries'; codes: string[] }
  | {
      kind: 'birth';
      birthDate: string | null;
      birthYear: number | null;
      /** Age at the start of the detention, when both are known. */
      age: number | null;
      /** Only the year of birth is known: the age may be one year off. */
      approximate: boolean;
    }
  | { kind: 'duration'; from: string; to: string | null; days: number }
  | {
      kind: 'profession';
      profession: string | null;
      organisation: string | null;
      focus: string[];
      activity: string | null;
    }
  | { kind: 'places'; items: PlaceItem[] }
  | { kind: 'periods'; items: PeriodItem[] }
  | { kind: 'extensions'; items: ExtensionItem[] }
  | { kind: 'steps'; items: StepItem[] };

/** An override: what a coordinator typed in place of the drawn answer. */
export type OverrideType = 'text' | 'date' | 'boolean';

/** The value stored for an override, as typed. */
export type OverrideValue = string | boolean;

/** The override as an answer value. */
export function overrideAnswer(type: OverrideType, value: OverrideValue): AnswerValue {
  if (type === 'boolean') return { kind: 'boolean', value: value === true };
  if (type === 'date') return { kind: 'date', date: String(value) };
  return { kind: 'text', text: String(value) };
}

/** Distinct non-empty texts, trimmed, in the order met. */
export function distinct(values: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = v?.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A list answer, or null when it holds nothing (the record lacks the fact). */
export function texts(values: readonly (string | null | undefined)[]): AnswerValue | null {
  const items = distinct(values);
  return items.length ? { kind: 'texts', items } : null;
}

export function text(value: string | null | undefined): AnswerValue | null {
  const t = value?.trim();
  return t ? { kind: 'text', text: t } : null;
}
