import type {
  DossierData,
  DossierEdition,
  DossierProcedure,
  DossierLanguage,
  DossierTemplateKind,
} from '../dossier-data';
import {
  drawAnswers,
  type QuestionnairePerson,
  type QuestionnaireRecord,
} from '../questionnaire/answers';
import type { RecordEvent } from '../questionnaire/values';

/**
 * A dossier's data built the way DossiersService builds it (record -> drawAnswers -> data),
 * without a database: for the renderer's and the questionnaire's unit tests.
 */

export const TODAY = '2026-06-15';

export function event(
  e: Partial<RecordEvent> & Pick<RecordEvent, 'type' | 'occurredOn'>,
): RecordEvent {
  return {
    description: null,
    place: null,
    authority: null,
    legalBasis: null,
    charges: [],
    sentence: null,
    forces: null,
    warrantShown: null,
    takenTo: null,
    endedOn: null,
    outcome: null,
    outcomeOn: null,
    ...e,
  };
}

/** A person with every fact the WGAD questionnaire asks for. */
export function completePerson(id = 'd1', fullName = 'Amina Haddad'): QuestionnairePerson {
  return {
    defenderId: id,
    profile: {
      fullName,
      familyName: fullName.split(' ').slice(-1)[0],
      givenNames: fullName.split(' ')[0],
      otherNames: ['أمينة حداد'],
      sex: 'female',
      birthDate: '1988-04-12',
      birthYear: 1988,
      nationalities: ['EG', 'FR'],
      profession: 'Journalist',
      organisation: 'Cairo Press Freedom Network',
      hrdFocus: ['journalist'],
      hrdActivity: 'Reported on the trials of protesters',
      usualAddress: '12 Example Street, Giza',
    },
    timeline: [
      event({
        type: 'arrest',
        occurredOn: '2024-03-18',
        seq: 1,
        place: 'Her home in Giza',
        forces: 'National Security Agency officers',
        warrantShown: false,
        authority: 'Supreme State Security Prosecution',
        legalBasis: 'Article 86 bis of the Penal Code',
        charges: ['Spreading false news'],
        takenTo: 'Police station of Dokki',
      }),
      event({
        type: 'transfer',
        occurredOn: '2024-03-25',
        seq: 2,
        place: 'Al-Qanater Women’s Prison',
        forces: 'Prison Service',
      }),
      event({ type: 'incommunicado', occurredOn: '2024-03-18', seq: 3, endedOn: '2024-03-24' }),
      event({ type: 'lawyer_denied', occurredOn: '2024-03-19', seq: 4, endedOn: '2024-04-02' }),
      event({ type: 'visit_denied', occurredOn: '2024-05-01', seq: 5 }),
      event({
        type: 'pretrial_extension',
        occurredOn: '2024-04-15',
        seq: 6,
        authority: 'Cairo Criminal Court',
        endedOn: '2024-06-15',
        legalBasis: 'Article 143 of the Code of Criminal Procedure',
      }),
      event({
        type: 'appeal',
        occurredOn: '2024-05-02',
        seq: 7,
        authority: 'Cairo Court of Appeal',
        description: 'Appeal against pre-trial detention',
        outcome: 'Rejected',
        outcomeOn: '2024-05-20',
      }),
      event({
        type: 'complaint',
        occurredOn: '2024-06-01',
        seq: 8,
        authority: 'Public Prosecution',
        description: 'Complaint of ill-treatment',
        outcome: 'No answer',
      }),
    ],
    consent: {
      state: 'given',
      granted: true,
      since: '2026-05-01',
      expiresOn: null,
      givenBy: 'family_member',
      method: 'written',
    },
  };
}

export function record(
  persons: QuestionnairePerson[] = [completePerson()],
  kind: DossierTemplateKind = 'wgad_regular',
): QuestionnaireRecord {
  return {
    kind,
    today: TODAY,
    persons,
    content: {
      summary: 'A journalist held for her reporting.',
      circumstances: 'She was arrested at dawn after reporting on a trial.',
      categories: [{ category: 'II', argument: 'She was detained for her journalism.' }],
      remedies: { exhausted: false, explanation: 'The courts do not examine the appeals.' },
      urgency: 'She has a heart condition and is denied care.',
      previousSubmissions: 'None.',
      namePublicly: true,
      identityDocuments: persons.map((p) => ({
        defenderId: p.defenderId,
        type: 'Passport',
        issuedBy: 'Arab Republic of Egypt',
        issuedOn: '2019-01-10',
        number: 'A77-9912',
      })),
      confidentiality: 'Do not disclose the witnesses.',
    },
    source: { name: true, contact: true },
    overrides: {},
  };
}

/** The dossier data of a record, as the service makes it (answers drawn, overrides applied). */
export function dossierData(
  r: QuestionnaireRecord,
  language: DossierLanguage = 'en',
  edition: DossierEdition = 'submission',
): DossierData {
  const answers = drawAnswers(r);
  return {
    kind: r.kind,
    language,
    edition,
    generatedAt: `${TODAY}T10:00:00Z`,
    reference: 'WIT-2026-0042',
    unReference: 'AL EGY 3/2026',
    versionNo: 2,
    mechanism: FIXTURE_KINDS[r.kind].mechanism,
    escalationKind: FIXTURE_KINDS[r.kind].escalationKind,
    targetRapporteurs: ['Special Rapporteur on human rights defenders'],
    hrcSession: 'HRC 62',
    persons: r.persons.map((p) => ({
      name: p.profile.fullName,
      country: 'EG',
      status: 'detained',
      detainedSince: '2024-03-18',
      daysDetained: 819,
      totalDaysDetained: 819,
      summary: null,
      answers: Object.fromEntries(
        answers.filter((a) => a.defenderId === p.defenderId).map((a) => [a.field, a.value]),
      ),
      identityDocument:
        r.content.identityDocuments?.find((d) => d.defenderId === p.defenderId) ?? null,
      timeline: p.timeline.map((e) => ({ ...e })),
      consents: { un_submission: { state: 'given', granted: true, since: '2026-05-01' } },
      submissionConsent: p.consent,
      contacts: [{ name: 'Youssef Contact', relation: 'lawyer', phone: '+20 100 555 0199' }],
      confidentialNotes: 'Held in wing 4',
    })),
    remedies: answers.find((a) => a.field === 'remedies.steps')?.value ?? null,
    questionnaire: r.content,
    source: {
      name: 'Nadia Source',
      organisation: 'Example Rights Watch',
      contact: 'nadia@example.org',
      relation: 'organisation',
    },
    annexes: [{ title: 'Arrest warrant', date: '2024-03-18', kind: 'warrant', language: 'ar' }],
    ...(PROCEDURE_FORMS.includes(r.kind) ? { procedure: procedureOf(r) } : {}),
  };
}

/** The escalation each form is shown for in the fixture. */
export const FIXTURE_KINDS: Record<
  DossierTemplateKind,
  { escalationKind: string; mechanism: string }
> = {
  wgad_regular: { escalationKind: 'wgad_regular', mechanism: 'wgad' },
  wgad_urgent_action: { escalationKind: 'wgad_urgent_action', mechanism: 'wgad' },
  sp_communication: { escalationKind: 'sp_urgent_appeal', mechanism: 'special_procedures' },
  hrc_brief: { escalationKind: 'hrc_statement', mechanism: 'unhrc' },
  upr_submission: { escalationKind: 'upr_submission', mechanism: 'upr' },
  regional_request: { escalationKind: 'iachr_precautionary_measures', mechanism: 'iachr' },
  disappearance: { escalationKind: 'wgeid_communication', mechanism: 'wgeid' },
  treaty_communication: { escalationKind: 'treaty_communication', mechanism: 'hrcttee' },
};

const PROCEDURE_FORMS: readonly DossierTemplateKind[] = [
  'upr_submission',
  'regional_request',
  'disappearance',
  'treaty_communication',
];

/** What the forms of their own print beyond the questionnaire (as dossier-build.ts makes it). */
function procedureOf(r: QuestionnaireRecord): DossierProcedure {
  return {
    meetingOn: '2026-11-05',
    uprCycle: 4,
    uprCoalition: false,
    recommendations: r.content.recommendations ?? [
      'Release all detained journalists.',
      'Repeal the anti-terrorism law.',
    ],
    locateSteps: r.content.locateSteps ?? 'Her family asked every police station in Giza.',
    irreparableHarm: r.content.irreparableHarm ?? 'Her life is at risk without care.',
    applicationNumber: '12345/26',
    treatyInstrument: r.kind === 'treaty_communication' ? 'hrcttee' : null,
    acceptance: r.kind === 'treaty_communication' ? [{ country: 'EG', accepted: false }] : [],
  };
}
