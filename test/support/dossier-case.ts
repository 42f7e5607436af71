import type { TestResponse } from './api';

/**
 * A case whose record holds every fact the WGAD questionnaire asks for, recorded through the
 * api as a caseworker would (profile, timeline, consent, escalation), and what each edition
 * of its dossier must say in each language, section by section. The values are the same in
 * every language (names, places, laws), and none is an English word, so a French or Spanish
 * dossier can be checked for English left in it.
 */

type Request = (o: {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}) => Promise<TestResponse>;

export const PROFILE = {
  fullName: 'Amina Haddad',
  familyName: 'Haddad',
  givenNames: 'Amina',
  otherNames: ['أمينة حداد'],
  sex: 'female',
  birthDate: '1988-04-12',
  nationalities: ['EG', 'TN'],
  country: 'EG',
  profession: 'Sahafiyya',
  organisation: 'Shabakat Huriyyat al-Sahafa',
  hrdFocus: ['journalist'],
  hrdActivity: 'Taghtiyat al-muhakamat',
  usualAddress: "Shari' al-Nil 12, Giza",
  contacts: [{ name: 'Youssef Muhami', relation: 'lawyer', phone: '+20 100 555 0199' }],
  confidentialNotes: 'Janah 4',
};

export const EVENTS = [
  {
    type: 'arrest',
    occurredOn: '2024-03-18',
    place: 'Rue Tahrir 14, Dokki',
    forces: 'Amn al-Watani',
    warrantShown: false,
    authority: 'Niyabat Amn al-Dawla al-Ulya',
    legalBasis: 'Qanun 94/2015, madda 12',
    charges: ['Nashr akhbar kadhiba'],
    takenTo: 'Qism Dokki',
  },
  { type: 'incommunicado', occurredOn: '2024-03-18', endedOn: '2024-03-24' },
  { type: 'lawyer_denied', occurredOn: '2024-03-19', endedOn: '2024-04-02' },
  {
    type: 'transfer',
    occurredOn: '2024-03-25',
    place: 'Sijn al-Qanatir',
    forces: 'Maslahat al-Sujun',
  },
  {
    type: 'pretrial_extension',
    occurredOn: '2024-04-15',
    endedOn: '2024-06-15',
    authority: 'Mahkamat Jinayat al-Qahira',
    legalBasis: 'Madda 143',
  },
  {
    type: 'hearing',
    occurredOn: '2024-04-16',
    place: 'Mahkamat Badr',
    outcome: 'Tajdid al-habs',
  },
  { type: 'visit_denied', occurredOn: '2024-05-01' },
  {
    type: 'appeal',
    occurredOn: '2024-05-02',
    authority: 'Mahkamat al-Istinaf',
    outcome: 'Rafd',
    outcomeOn: '2024-05-20',
  },
  {
    type: 'complaint',
    occurredOn: '2024-06-01',
    authority: 'al-Niyaba al-Amma',
    outcome: 'La radd',
  },
  { type: 'habeas_corpus', occurredOn: '2024-06-10', outcome: "Mu'allaq" },
];

export const SOURCE = {
  name: 'Nadia Masdar',
  organisation: 'Munazzamat Shuhud',
  contact: 'nadia@example.org',
  relation: 'organisation',
};

export function content(defenderId: string) {
  return {
    summary: 'Amina Haddad, sahafiyya, mahtujaza mundhu 2024.',
    circumstances: "Qubida 'alayha fajran.",
    categories: [{ category: 'II', argument: 'Tajrim al-sahafa.' }],
    remedies: { exhausted: false, explanation: 'Al-mahakim la tanzur.' },
    identityDocuments: [
      {
        defenderId,
        type: 'Jawaz safar',
        issuedBy: 'Misr',
        issuedOn: '2019-01-10',
        number: 'A77-9912',
      },
    ],
    confidentiality: 'Sirri.',
  };
}

/** Values that must never be in a public edition. */
export const SENSITIVE = [
  PROFILE.usualAddress,
  'Youssef Muhami',
  '+20 100 555 0199',
  'Janah 4',
  SOURCE.name,
  SOURCE.contact,
  'A77-9912',
  'Sirri.',
];

/** Record the profile, its timeline and consent; returns the defender's id. */
export async function recordCompleteCase(
  request: Request,
  profile: Record<string, unknown> = PROFILE,
  options: { consent?: boolean } = {},
): Promise<string> {
  const d = await request({ method: 'POST', url: '/api/v1/defenders', body: profile });
  if (d.status !== 201) throw new Error(`defender: ${d.status} ${d.text}`);
  const id = d.body.id as string;
  for (const e of EVENTS) {
    const res = await request({ method: 'POST', url: `/api/v1/defenders/${id}/events`, body: e });
    if (res.status !== 201) throw new Error(`event ${e.type}: ${res.status} ${res.text}`);
  }
  if (options.consent === false) return id;
  const consent = await request({
    method: 'POST',
    url: `/api/v1/defenders/${id}/consents`,
    body: {
      purpose: 'un_submission',
      decision: 'given',
      givenBy: 'family_member',
      method: 'written',
      decidedOn: '2026-05-01',
    },
  });
  if (consent.status !== 201) throw new Error(`consent: ${consent.status} ${consent.text}`);
  return id;
}

/** A WGAD regular escalation of the case with every questionnaire answer. */
export async function openCompleteEscalation(request: Request, defenderId: string) {
  const res = await request({
    method: 'POST',
    url: '/api/v1/escalations',
    body: {
      defenderIds: [defenderId],
      mechanism: 'wgad',
      kind: 'wgad_regular',
      content: content(defenderId),
      sourceIdentity: SOURCE,
    },
  });
  if (res.status !== 201) throw new Error(`escalation: ${res.status} ${res.text}`);
  return res.body as { id: string; reference: string; version: number };
}

export type Language = 'en' | 'fr' | 'es';

/** The WGAD questionnaire's sections as they start in each language (in order). */
export const SECTION_STARTS: Record<Language, string[]> = {
  en: [
    'I. Identity',
    'II. Arrest',
    'III. Detention',
    'IV. Describe',
    'V. Indicate',
    'VI. Full name',
    'Consent and confidentiality',
  ],
  fr: [
    'I. Identité',
    'II. Arrestation',
    'III. Détention',
    'IV. Décrire',
    'V. Indiquer',
    'VI. Nom et adresse',
    'Consentement et confidentialité',
  ],
  es: [
    'I. Identidad',
    'II. Arresto',
    'III. Detención',
    'IV. Describa',
    'V. Indique',
    'VI. Nombre y dirección',
    'Consentimiento y confidencialidad',
  ],
};

const DATES: Record<Language, Record<string, string>> = {
  en: {
    arrest: '18 March 2024',
    transfer: '25 March 2024',
    appeal: '2 May 2024',
    habeas: '10 June 2024',
  },
  fr: {
    arrest: '18 mars 2024',
    transfer: '25 mars 2024',
    appeal: '2 mai 2024',
    habeas: '10 juin 2024',
  },
  es: {
    arrest: '18 de marzo de 2024',
    transfer: '25 de marzo de 2024',
    appeal: '2 de mayo de 2024',
    habeas: '10 de junio de 2024',
  },
};
const COUNTRY: Record<Language, string> = { en: 'Egypt', fr: 'Égypte', es: 'Egipto' };
const NOT_KNOWN: Record<Language, string> = { en: 'Not known', fr: 'Inconnu', es: 'Se desconoce' };

/** Every fact of the record, by the section it belongs in (submission edition). */
export function factsBySection(language: Language): string[][] {
  const d = DATES[language];
  return [
    [
      // (The Arabic-script other name is checked in the HTML: PDF text extraction reorders it.)
      'Haddad',
      'Amina',
      COUNTRY[language],
      'Jawaz safar',
      'A77-9912',
      'Sahafiyya',
      'Shabakat Huriyyat al-Sahafa',
      'Taghtiyat al-muhakamat',
      PROFILE.usualAddress,
    ],
    [
      d.arrest,
      'Rue Tahrir 14, Dokki',
      'Amn al-Watani',
      'Niyabat Amn al-Dawla al-Ulya',
      'Nashr akhbar kadhiba',
      'Qanun 94/2015, madda 12',
    ],
    [
      'Qism Dokki',
      d.transfer,
      'Sijn al-Qanatir',
      'Maslahat al-Sujun',
      'Mahkamat Jinayat al-Qahira',
      'Madda 143',
    ],
    ["Qubida 'alayha fajran.", 'Tajrim al-sahafa.'],
    [
      d.appeal,
      'Mahkamat al-Istinaf',
      'Rafd',
      'al-Niyaba al-Amma',
      'La radd',
      'Mahkamat Badr',
      'Tajdid al-habs',
      d.habeas,
      "Mu'allaq",
      'Al-mahakim la tanzur.',
    ],
    [SOURCE.name, SOURCE.organisation, SOURCE.contact],
    ['Youssef Muhami', 'Janah 4', 'Sirri.'],
  ];
}

export const notKnown = (language: Language) => NOT_KNOWN[language];

/** Whitespace (PDF line breaks, no-break spaces) collapsed to one space. */
export const squash = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

/**
 * A dossier's text cut at its section headings: the text of each section in order (the first
 * element is what comes before section I). Throws when a heading is missing or out of order.
 */
export function sectionsOf(text: string, language: Language): string[] {
  const flat = squash(text);
  const out: string[] = [];
  let rest = flat;
  for (const start of SECTION_STARTS[language]) {
    const at = rest.indexOf(start);
    if (at < 0) throw new Error(`section "${start}" not found (${language})`);
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}
