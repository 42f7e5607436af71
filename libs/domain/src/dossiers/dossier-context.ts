import type { DossierData, DossierPerson, WgadCategory } from './dossier-data';
import {
  dossierCountryName,
  formatAnswer,
  formatDossierDate,
  formatDossierDays,
  languageName,
} from './dossier-format';
import type { DossierLocale } from './dossier-locale';
import { procedureContext } from './dossier-procedure-context';

/**
 * What the templates see: the data worded in the dossier's language. Built field by field
 * (never `...data`), so for the public edition the sensitive fields are simply not there,
 * whatever the caller passed: contacts, confidential notes, the source, the confidentiality
 * statement, the address, the identity document's number and the consent's details.
 */

export const DOSSIER_CATEGORIES: readonly WgadCategory[] = ['I', 'II', 'III', 'IV', 'V'];

/** Events that show a risk to the health, integrity or life of the person (urgent action). */
const RISK_EVENT_TYPES = new Set([
  'health_concern',
  'hunger_strike',
  'ill_treatment',
  'visit_denied',
  'lawyer_denied',
  'incommunicado',
  'disappearance',
]);

const IDENTITY = [
  'familyName',
  'givenNames',
  'otherNames',
  'sex',
  'birth',
  'nationalities',
  'profession',
  'address',
];
const ARREST = ['date', 'place', 'forces', 'warrantShown', 'authority', 'reasons', 'legalBasis'];
const DETENTION = ['date', 'duration', 'forces', 'places', 'authority', 'reasons', 'legalBasis'];
/** Section III's further facts: shown when the record has them. */
const FURTHER = [
  'pretrialExtensions',
  'incommunicado',
  'houseArrest',
  'lawyerDenied',
  'familyDenied',
];

const byDate = (a: { occurredOn: string }, b: { occurredOn: string }) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0;

function personContext(p: DossierPerson, index: number, data: DossierData, l: DossierLocale) {
  const submission = data.edition === 'submission';
  const group = (prefix: string, names: string[]) =>
    Object.fromEntries(names.map((n) => [n, formatAnswer(p.answers?.[`${prefix}.${n}`], l)]));
  const identity = group('identity', IDENTITY);
  // Never in a public edition, whatever the caller passed.
  if (!submission) identity.address = null;
  const timeline = [...(p.timeline ?? [])].sort(byDate);
  const doc = p.identityDocument;
  const consent = submission ? p.submissionConsent : null;
  return {
    number: index + 1,
    named: p.name !== null,
    name: p.name,
    heading: p.name ?? l.t('common.personN', { n: index + 1 }),
    country: dossierCountryName(p.country, l.language),
    status: l.label('status', p.status),
    statusLine: p.detainedSince
      ? l.t('common.sinceDate', {
          status: l.label('status', p.status),
          date: formatDossierDate(p.detainedSince, l.language),
          days: formatDossierDays(p.daysDetained ?? 0, l.language),
        })
      : l.label('status', p.status),
    detainedSince: p.detainedSince,
    daysDetained: p.daysDetained,
    totalDaysDetained: p.totalDaysDetained,
    summary: p.summary,
    identity,
    identityDocument: doc
      ? {
          type: doc.type,
          issuedBy: doc.issuedBy,
          issuedOn: formatDossierDate(doc.issuedOn, l.language) || null,
          // The number can be used to trace and target the person: submission only.
          number: submission ? doc.number : null,
        }
      : null,
    arrest: group('arrest', ARREST),
    detention: group('detention', DETENTION),
    further: FURTHER.map((n) => ({
      label: l.fieldLabel(data.kind, 'detention', n),
      value: formatAnswer(p.answers?.[`detention.${n}`], l),
    })).filter((f) => f.value !== null),
    timeline,
    riskEvents: timeline.filter((e) => RISK_EVENT_TYPES.has(e.type)),
    consents: p.consents ?? {},
    consentSentence: consent
      ? consent.granted && consent.givenBy && consent.method && consent.since
        ? l.t('common.consentGiven', {
            giver: l.label('consentGiver', consent.givenBy),
            method: l.label('consentMethod', consent.method),
            date: formatDossierDate(consent.since, l.language),
          })
        : l.t('common.consentNotGiven')
      : null,
    contacts: submission ? (p.contacts ?? []) : [],
    confidentialNotes: submission ? (p.confidentialNotes ?? null) : null,
  };
}

export function renderContext(data: DossierData, l: DossierLocale, templateVersion: string) {
  const submission = data.edition === 'submission';
  const q = data.questionnaire ?? {};
  const persons = (data.persons ?? []).map((p, i) => personContext(p, i, data, l));
  const categories = [...(q.categories ?? [])]
    .filter((c) => DOSSIER_CATEGORIES.includes(c.category))
    .sort(
      (a, b) => DOSSIER_CATEGORIES.indexOf(a.category) - DOSSIER_CATEGORIES.indexOf(b.category),
    );
  const remedies = data.remedies;
  const procedure = procedureContext(data, l);
  const yesNo = (v: boolean | null | undefined) =>
    v === true ? l.t('common.yes') : v === false ? l.t('common.no') : null;
  return {
    kind: data.kind,
    language: data.language,
    edition: data.edition,
    submission,
    publicEdition: !submission,
    templateVersion,
    generatedAt: data.generatedAt,
    reference: data.reference,
    unReference: data.unReference,
    versionNo: data.versionNo,
    mechanism: data.mechanism,
    escalationKind: data.escalationKind,
    urgentAppeal: data.escalationKind === 'sp_urgent_appeal',
    targetRapporteurs: data.targetRapporteurs ?? [],
    hrcSession: data.hrcSession,
    persons,
    singlePerson: persons.length === 1,
    hasRiskEvents: persons.some((p) => p.riskEvents.length > 0),
    summary: q.summary ?? null,
    circumstances: q.circumstances ?? null,
    urgency: q.urgency ?? null,
    previousSubmissions: q.previousSubmissions ?? null,
    namePublicly: yesNo(q.namePublicly),
    categories: categories.map((c) => ({
      category: c.category,
      text: l.t(`categories.${c.category}`),
      argument: c.argument,
    })),
    remedies: {
      // An override replaces the table with its text.
      text: remedies && remedies.kind !== 'steps' ? formatAnswer(remedies, l) : null,
      steps:
        remedies?.kind === 'steps'
          ? remedies.items.map((s) => ({
              ...s,
              stepLabel: l.label('event', s.type),
              outcomeOn: formatDossierDate(s.outcomeOn, l.language) || null,
            }))
          : [],
      group: persons.length > 1,
      exhausted: yesNo(q.remedies?.exhausted),
      explanation: q.remedies?.explanation ?? null,
    },
    // Numbered as the caller numbered them (their position otherwise), with the language named.
    annexes: (data.annexes ?? []).map((a, i) => ({
      number: a.number ?? i + 1,
      title: a.title,
      date: a.date,
      kind: a.kind,
      language: languageName(a.language, data.language),
    })),
    source:
      submission && data.source
        ? {
            ...data.source,
            relation: data.source.relation ? l.label('sourceRelation', data.source.relation) : null,
          }
        : null,
    confidentiality: submission ? (q.confidentiality ?? null) : null,
    // A procedure's own requests (the kind's) before its form's.
    asks: procedure?.asks.length
      ? procedure.asks
      : l.maybe(`forms.${data.kind}.asksIntro`)
        ? l.list(`forms.${data.kind}.asks`)
        : [],
    procedure,
  };
}
