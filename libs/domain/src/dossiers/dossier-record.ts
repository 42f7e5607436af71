import { FieldCipher, NotFoundError } from '@witness/platform';
import type { EntityManager } from 'typeorm';
import {
  latestConsentGiver,
  loadCurrentConsents,
  type CurrentConsent,
  type ConsentPurpose,
} from '../consents';
import { Defender, type Contact, type DefenderView, toDefenderView } from '../defenders';
import { DetentionEvent } from '../detention';
import type { Escalation, SourceIdentity } from '../escalations';
import type { QuestionnaireRecord, SubmissionConsent } from './questionnaire/answers';
import { templateKindFor } from './dossier-renderer';
import type { RecordEvent } from './questionnaire/values';
import { cipherContext } from '../shared/encrypted-columns';

/**
 * Reading what a questionnaire is drawn from: each person's profile, timeline and consents,
 * and (only when asked for sensitive data) their contacts, confidential notes and address,
 * and the escalation's source. Shared by the dossiers (render, staleness) and the answers and
 * completeness views.
 */

const contactsContext = (id: string) => cipherContext('defenders', 'contactsEnc', id);
const notesContext = (id: string) => cipherContext('defenders', 'confidentialNotesEnc', id);
const addressContext = (id: string) => cipherContext('defenders', 'usualAddressEnc', id);
const sourceContext = (id: string) => cipherContext('escalations', 'sourceIdentityEnc', id);

export interface LoadedPerson {
  id: string;
  view: DefenderView;
  events: DetentionEvent[];
  consents: Record<ConsentPurpose, CurrentConsent>;
  submissionConsent: SubmissionConsent;
  /** Sensitive: only when loaded with `sensitive`. */
  contacts?: Contact[];
  confidentialNotes?: string | null;
  usualAddress?: string | null;
}

export interface LoadedRecord {
  persons: LoadedPerson[];
  /** Sensitive: only when loaded with `sensitive`. */
  source: SourceIdentity | null;
}

/** The consent to a UN submission in force, with who gave it and how (the ledger's entry). */
async function submissionConsent(
  m: EntityManager,
  defenderId: string,
  current: CurrentConsent,
  today: string,
): Promise<SubmissionConsent> {
  const giver = await latestConsentGiver(m, defenderId, 'un_submission', today);
  return {
    state: current.state,
    granted: current.granted,
    since: current.since,
    expiresOn: current.expiresOn,
    givenBy: giver?.givenBy ?? null,
    method: giver?.method ?? null,
  };
}

export async function loadDossierRecord(
  m: EntityManager,
  cipher: FieldCipher,
  e: Escalation,
  defenderIds: readonly string[],
  today: string,
  options: { sensitive: boolean },
): Promise<LoadedRecord> {
  const persons: LoadedPerson[] = [];
  for (const id of defenderIds) {
    const qb = m.createQueryBuilder(Defender, 'x').where('x.id = :id', { id });
    if (options.sensitive)
      qb.addSelect(['x.contactsEnc', 'x.confidentialNotesEnc', 'x.usualAddressEnc']);
    const row = await qb.getOne();
    if (!row) throw new NotFoundError('Defender', id);
    const events = await m.find(DetentionEvent, {
      where: { defenderId: id },
      order: { occurredOn: 'ASC', seq: 'ASC' },
    });
    const consents = await loadCurrentConsents(m, id, today);
    const person: LoadedPerson = {
      id,
      view: toDefenderView(row, today),
      events,
      consents,
      submissionConsent: await submissionConsent(m, id, consents.un_submission, today),
    };
    if (options.sensitive) {
      person.contacts = row.contactsEnc
        ? cipher.decryptJson<Contact[]>(row.contactsEnc, contactsContext(id))
        : [];
      person.confidentialNotes = row.confidentialNotesEnc
        ? cipher.decrypt(row.confidentialNotesEnc, notesContext(id))
        : null;
      person.usualAddress = row.usualAddressEnc
        ? cipher.decrypt(row.usualAddressEnc, addressContext(id))
        : null;
    }
    persons.push(person);
  }
  const source =
    options.sensitive && e.sourceIdentityEnc
      ? cipher.decryptJson<SourceIdentity>(e.sourceIdentityEnc, sourceContext(e.id))
      : null;
  return { persons, source };
}

/** A timeline event as the questionnaires read it (dated today or before). */
export function recordEvent(ev: DetentionEvent): RecordEvent {
  return {
    type: ev.type,
    occurredOn: ev.occurredOn,
    seq: Number(ev.seq),
    description: ev.description,
    place: ev.place,
    authority: ev.authority,
    legalBasis: ev.legalBasis,
    charges: ev.charges ?? [],
    sentence: ev.sentence,
    forces: ev.forces,
    warrantShown: ev.warrantShown,
    takenTo: ev.takenTo,
    endedOn: ev.endedOn,
    outcome: ev.outcome,
    outcomeOn: ev.outcomeOn,
  };
}

/**
 * The questionnaire's input. The source is given as presence only (name and contact there or
 * not): the answers never carry its values. `hasSource` lets a caller that did not decrypt the
 * source still tell whether one is recorded.
 */
export function questionnaireRecord(
  e: Escalation,
  loaded: LoadedRecord,
  today: string,
  hasSource?: { name: boolean; contact: boolean } | null,
): QuestionnaireRecord {
  return {
    kind: templateKindFor(e.kind),
    today,
    persons: loaded.persons.map((p) => ({
      defenderId: p.id,
      profile: {
        fullName: p.view.fullName,
        familyName: p.view.familyName,
        givenNames: p.view.givenNames,
        otherNames: p.view.otherNames,
        sex: p.view.sex,
        birthDate: p.view.birthDate,
        birthYear: p.view.birthYear,
        nationalities: p.view.nationalities,
        profession: p.view.profession,
        organisation: p.view.organisation,
        hrdFocus: p.view.hrdFocus,
        hrdActivity: p.view.hrdActivity,
        usualAddress: p.usualAddress ?? null,
      },
      timeline: p.events.filter((ev) => ev.occurredOn <= today).map(recordEvent),
      consent: p.submissionConsent,
    })),
    content: e.content ?? {},
    source:
      hasSource !== undefined
        ? hasSource
        : loaded.source
          ? { name: !!loaded.source.name?.trim(), contact: !!loaded.source.contact?.trim() }
          : null,
    overrides: e.answerOverrides ?? {},
  };
}
