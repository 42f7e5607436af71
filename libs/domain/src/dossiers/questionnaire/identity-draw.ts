import { daysBetween } from '../../shared/detention-status';
import { text, type AnswerValue } from './values';

/** The profile fields section I of the questionnaires reads. */
export interface PersonProfile {
  fullName: string;
  familyName: string | null;
  givenNames: string | null;
  otherNames: string[];
  sex: string | null;
  birthDate: string | null;
  birthYear: number | null;
  nationalities: string[];
  profession: string | null;
  organisation: string | null;
  hrdFocus: string[];
  hrdActivity: string | null;
  /** Sensitive: present only for the submission edition. */
  usualAddress?: string | null;
}

export interface IdentityAnswers {
  familyName: AnswerValue | null;
  givenNames: AnswerValue | null;
  otherNames: AnswerValue | null;
  sex: AnswerValue | null;
  birth: AnswerValue | null;
  nationalities: AnswerValue | null;
  profession: AnswerValue | null;
  address: AnswerValue | null;
}

/** Full years from a birth date to a date ('YYYY-MM-DD' both). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Section I from the profile. Family and given names are never guessed from the full name:
 * a record that does not hold them apart answers "Not known" for each, and the full name is
 * still shown as the person's name. The age is the age at the start of the detention.
 */
export function drawIdentity(p: PersonProfile, detentionStart: string | null): IdentityAnswers {
  let birth: AnswerValue | null = null;
  if (p.birthDate || p.birthYear) {
    const age =
      detentionStart && p.birthDate && daysBetween(p.birthDate, detentionStart) >= 0
        ? ageOn(p.birthDate, detentionStart)
        : detentionStart && p.birthYear && !p.birthDate
          ? Number(detentionStart.slice(0, 4)) - p.birthYear
          : null;
    birth = {
      kind: 'birth',
      birthDate: p.birthDate,
      birthYear: p.birthYear,
      age: age !== null && age >= 0 ? age : null,
      approximate: !p.birthDate,
    };
  }
  const hasWork = p.profession || p.organisation || p.hrdFocus.length || p.hrdActivity;
  return {
    familyName: text(p.familyName),
    givenNames: text(p.givenNames),
    otherNames: p.otherNames.length ? { kind: 'texts', items: [...p.otherNames] } : null,
    sex: p.sex ? { kind: 'label', group: 'sex', value: p.sex } : null,
    birth,
    nationalities: p.nationalities.length
      ? { kind: 'countries', codes: [...p.nationalities] }
      : null,
    profession: hasWork
      ? {
          kind: 'profession',
          profession: p.profession?.trim() || null,
          organisation: p.organisation?.trim() || null,
          focus: [...p.hrdFocus],
          activity: p.hrdActivity?.trim() || null,
        }
      : null,
    address: text(p.usualAddress),
  };
}
