import type { Clock, FieldCipher } from '@witness/platform';
import type { EntityManager } from 'typeorm';
import { loadCurrentConsents, withheldCoDefenderNames } from '../consents';
import { caseNamesAndAccess } from '../defenders';
import { acceptsProcedure, instrumentFor, type Escalation } from '../escalations';
import { withholdNamesDeep } from '../shared/withheld-names';
import { annexData, escalationAnnexRows, listedAnnexes, type AnnexRow } from './annexes.data';
import type {
  DossierData,
  DossierEdition,
  DossierLanguage,
  DossierPerson,
  DossierTemplateKind,
} from './dossier-data';
import { dossierLocale } from './dossier-locale';
import { loadDossierRecord, questionnaireRecord } from './dossier-record';
import { templateKindFor } from './dossier-renderer';
import { drawAnswers } from './questionnaire/answers';
import type { AnswerValue } from './questionnaire/values';

/** What a public edition never shows of a person who has not consented to be named. */
const WITHHELD_UNNAMED = [
  'identity.familyName',
  'identity.givenNames',
  'identity.otherNames',
  'identity.birth',
];

/**
 * The data a dossier shows: every answer drawn from the record, with the escalation's
 * overrides. The public edition is built from an allow-list: no contacts, confidential notes,
 * address, source or consent details, and a person whose public-profile consent is not in
 * force is not named (not even in what was typed about them).
 */
export async function buildDossierData(
  m: EntityManager,
  cipher: FieldCipher,
  clock: Pick<Clock, 'today' | 'now'>,
  e: Escalation,
  defenderIds: string[],
  d: { language: DossierLanguage; edition: DossierEdition; versionNo?: number | null },
  /** The annexes to list: the dossier's recorded set; by default the escalation's choice now. */
  annexRows?: readonly AnnexRow[],
): Promise<DossierData> {
  const today = clock.today();
  const submission = d.edition === 'submission';
  const loaded = await loadDossierRecord(m, cipher, e, defenderIds, today, {
    sensitive: submission,
  });
  const answers = drawAnswers(questionnaireRecord(e, loaded, today));
  // A public edition names no one the public may not read (need-to-know holds for the public
  // too): without the public_profile consent in force, or with a restricted case.
  const persons: DossierPerson[] = loaded.persons.map((p) => {
    const named =
      submission || (p.consents.public_profile.granted && p.view.access !== 'restricted');
    const mine: Record<string, AnswerValue | null> = {};
    for (const a of answers.filter((x) => x.defenderId === p.id)) {
      const withheld =
        (!submission && a.field === 'identity.address') ||
        (!named && WITHHELD_UNNAMED.includes(a.field));
      let value = withheld ? null : a.value;
      // Who someone works with names them too: left out of an unnamed public profession.
      if (!named && value?.kind === 'profession') value = { ...value, organisation: null };
      mine[a.field] = value;
    }
    const doc = e.content?.identityDocuments?.find((x) => x.defenderId === p.id) ?? null;
    const person: DossierPerson = {
      name: named ? p.view.fullName : null,
      country: p.view.country,
      status: p.view.status,
      detainedSince: p.view.detainedSince,
      daysDetained: p.view.daysDetained,
      totalDaysDetained: p.view.totalDaysDetained,
      summary: p.view.summary,
      answers: mine,
      identityDocument:
        named && doc
          ? { type: doc.type, issuedBy: doc.issuedBy, issuedOn: doc.issuedOn, number: doc.number }
          : null,
      timeline: p.events
        .filter((ev) => ev.occurredOn <= today)
        .map((ev) => ({
          type: ev.type,
          occurredOn: ev.occurredOn,
          description: ev.description,
          place: ev.place,
          authority: ev.authority,
          legalBasis: ev.legalBasis,
          charges: ev.charges,
          sentence: ev.sentence,
          forces: ev.forces,
          endedOn: ev.endedOn,
          outcome: ev.outcome,
        })),
      consents: Object.fromEntries(
        Object.entries(p.consents).map(([k, c]) => [
          k,
          { state: c.state, granted: c.granted, since: c.since },
        ]),
      ),
    };
    if (submission) {
      person.submissionConsent = p.submissionConsent;
      // Family members are named only with the consent to name them.
      person.contacts = (p.contacts ?? [])
        .filter((c) => c.relation !== 'family' || p.consents.name_family_members.granted)
        .map((c) => ({
          name: c.name,
          relation: c.relation,
          phone: c.phone ?? null,
          email: c.email ?? null,
        }));
      person.confidentialNotes = p.confidentialNotes ?? null;
    }
    return person;
  });
  const remedies = answers.find((a) => a.field === 'remedies.steps');
  const source = submission ? loaded.source : null;
  // A public edition names no one without consent, not even in what was typed about them.
  const hide = withholdNames(
    loaded.persons.map((p, i) => ({
      named: persons[i].name !== null,
      names: [p.view.fullName, p.view.familyName, p.view.givenNames, ...p.view.otherNames],
      as: dossierLocale(d.language).t('common.personN', { n: i + 1 }),
    })),
  );
  const c = hideInContent(e.content ?? {}, hide);
  for (const p of persons) {
    p.timeline = p.timeline.map((ev) => ({
      ...ev,
      description: hide(ev.description),
      outcome: hide(ev.outcome ?? null),
    }));
  }
  const unnamed = new Set(
    loaded.persons.filter((_, i) => persons[i].name === null).map((p) => p.id),
  );
  const data: DossierData = {
    kind: templateKindFor(e.kind),
    language: d.language,
    edition: d.edition,
    generatedAt: clock.now().toISOString(),
    reference: e.reference,
    unReference: e.unReference,
    versionNo: d.versionNo ?? null,
    mechanism: e.mechanism,
    escalationKind: e.kind,
    targetRapporteurs: e.targetRapporteurs,
    hrcSession: e.hrcSession,
    persons,
    remedies: hideInSteps(remedies?.value ?? null, hide),
    questionnaire: {
      summary: c.summary ?? null,
      circumstances: c.circumstances ?? null,
      categories: c.categories ?? [],
      remedies: c.remedies ?? null,
      urgency: c.urgency ?? null,
      previousSubmissions: c.previousSubmissions ?? null,
      namePublicly: c.namePublicly ?? null,
      confidentiality: submission ? (c.confidentiality ?? null) : null,
    },
    source: source
      ? {
          name: source.name,
          organisation: source.organisation ?? null,
          contact: source.contact ?? null,
          relation: source.relation ?? null,
        }
      : null,
    // A withheld person's documents are not annexed to a public edition: their titles and
    // contents would tell who they are.
    annexes: annexData(
      listedAnnexes(annexRows ?? (await escalationAnnexRows(m, e.id)), d.edition, unnamed),
    ),
  };
  if (FORMS_WITH_PROCEDURE.has(data.kind)) {
    const instrument = instrumentFor(e.kind, e.mechanism);
    const countries = [...new Set(persons.map((p) => p.country).filter(Boolean))];
    data.procedure = {
      meetingOn: e.meetingOn,
      uprCycle: c.uprCycle ?? null,
      uprCoalition: c.uprCoalition === true,
      recommendations: (c.recommendations ?? []).filter((r) => r.trim()),
      locateSteps: c.locateSteps ?? null,
      irreparableHarm: c.irreparableHarm ?? null,
      applicationNumber: c.applicationNumber ?? null,
      treatyInstrument: data.kind === 'treaty_communication' ? instrument : null,
      acceptance:
        data.kind === 'treaty_communication'
          ? countries.map((country) => ({
              country,
              accepted: instrument ? acceptsProcedure(instrument, country) : null,
            }))
          : [],
    };
  }
  if (submission) return data;
  // Nor does it name, in any text, their co-defenders outside this escalation (other group
  // communications, joint actions, `group:` tags) who are restricted or have not consented.
  const coDefenders = [...(await withheldCoDefenderNames(m, defenderIds, today)).values()].flat();
  return withholdNamesDeep(data, coDefenders);
}

/**
 * The defenders a public edition does not name (none in a submission, which goes to the UN and
 * to those who may see every case): without the public_profile consent in force, or with a
 * restricted case. Their documents are not annexed to it either.
 */
export async function withheldCases(
  m: EntityManager,
  defenderIds: readonly string[],
  edition: DossierEdition,
  today: string,
): Promise<Set<string>> {
  const out = new Set<string>();
  if (edition === 'submission' || !defenderIds.length) return out;
  for (const r of (await caseNamesAndAccess(m, defenderIds)).values()) {
    const consents = await loadCurrentConsents(m, r.id, today);
    if (r.access === 'restricted' || !consents.public_profile.granted) out.add(r.id);
  }
  return out;
}

/** The forms that print what DossierProcedure holds. */
const FORMS_WITH_PROCEDURE = new Set<DossierTemplateKind>([
  'upr_submission',
  'regional_request',
  'disappearance',
  'treaty_communication',
]);

type Hide = (text: string | null) => string | null;

/**
 * Replace the names of people who may not be named (their full, family, given and other
 * names) by "Person N" in free text. Identity when everyone may be named.
 */
function withholdNames(people: { named: boolean; names: (string | null)[]; as: string }[]): Hide {
  const rules = people
    .filter((p) => !p.named)
    .flatMap((p) =>
      p.names
        .filter((n): n is string => !!n && n.trim().length >= 3)
        .sort((a, b) => b.length - a.length)
        .map((n) => ({
          re: new RegExp(n.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'),
          as: p.as,
        })),
    );
  if (!rules.length) return (text) => text;
  return (text) => (text ? rules.reduce((t, r) => t.replace(r.re, r.as), text) : text);
}

function hideInContent(c: Escalation['content'], hide: Hide): Escalation['content'] {
  return {
    ...c,
    summary: hide(c.summary ?? null),
    circumstances: hide(c.circumstances ?? null),
    urgency: hide(c.urgency ?? null),
    previousSubmissions: hide(c.previousSubmissions ?? null),
    categories: (c.categories ?? []).map((x) => ({ ...x, argument: hide(x.argument) ?? '' })),
    remedies: c.remedies ? { ...c.remedies, explanation: hide(c.remedies.explanation) } : null,
    recommendations: (c.recommendations ?? []).map((r) => hide(r) ?? ''),
    locateSteps: hide(c.locateSteps ?? null),
    irreparableHarm: hide(c.irreparableHarm ?? null),
  };
}

function hideInSteps(v: AnswerValue | null, hide: Hide): AnswerValue | null {
  if (!v) return v;
  if (v.kind === 'text') return { kind: 'text', text: hide(v.text) ?? '' };
  if (v.kind !== 'steps') return v;
  return {
    kind: 'steps',
    items: v.items.map((s) => ({
      ...s,
      person: hide(s.person ?? null) ?? undefined,
      description: hide(s.description),
      outcome: hide(s.outcome),
    })),
  };
}
