import fs from 'node:fs';
import Handlebars from 'handlebars';
import type {
  DossierData,
  DossierEdition,
  DossierLanguage,
  DossierTemplateKind,
} from './dossier-data';
import {
  DOSSIER_TEMPLATE_VERSION,
  dossierLabel,
  formatDossierDate,
  formatDossierDays,
  languageName,
  renderDossierHtml,
  templateKindFor,
  wgadCategoryText,
} from './dossier-renderer';

const KINDS: DossierTemplateKind[] = [
  'wgad_regular',
  'wgad_urgent_action',
  'sp_communication',
  'hrc_brief',
];
const LANGUAGES: DossierLanguage[] = ['en', 'fr', 'es'];
const EDITIONS: DossierEdition[] = ['submission', 'public'];

const ESCALATION_KIND: Record<DossierTemplateKind, string> = {
  wgad_regular: 'wgad_regular',
  wgad_urgent_action: 'wgad_urgent_action',
  sp_communication: 'sp_urgent_appeal',
  hrc_brief: 'hrc_statement',
};
const MECHANISM: Record<DossierTemplateKind, string> = {
  wgad_regular: 'wgad',
  wgad_urgent_action: 'wgad',
  sp_communication: 'special_procedures',
  hrc_brief: 'unhrc',
};

// Sensitive values: each must appear in the submission edition and never in the public one.
const SECRET = {
  contact1Name: 'Karim Lefèvre-Contact',
  contact1Phone: '+216 98 765 432',
  contact1Email: 'karim.family@example.org',
  contact2Name: 'Maître Hédi Trabelsi',
  contact2Phone: '+216 71 222 333',
  contact2Email: 'h.trabelsi@example.org',
  contact3Name: 'سامي عبد الله',
  contact3Phone: '+216 55 444 666',
  notes1: 'Brother threatened by plain-clothes officers on 2 April; do not name him.',
  notes2: 'ملاحظة سرية: العائلة تحت المراقبة',
  sourceName: 'Samira Ben Salah',
  sourceOrganisation: 'Réseau Solidarité Maghreb',
  sourceContact: 'samira.source@example.org, +216 20 111 222',
  address: '12 rue de Marseille, 1000 Tunis',
  idNumber: 'P-0998877',
  confidentiality: 'The names of family members must not be disclosed to the Government.',
};

const NAME_1 = 'Zoé Lefèvre-Ñúñez';
const NAME_2 = 'ليلى عبد الله';

function fixture(
  kind: DossierTemplateKind = 'wgad_regular',
  language: DossierLanguage = 'en',
  edition: DossierEdition = 'submission',
): DossierData {
  return {
    kind,
    language,
    edition,
    generatedAt: '2025-06-01T09:30:00.000Z',
    reference: 'WIT-2025-014',
    unReference: 'UA TUN 3/2025',
    mechanism: MECHANISM[kind],
    escalationKind: ESCALATION_KIND[kind],
    targetRapporteurs: [
      'Special Rapporteur on the situation of human rights defenders',
      'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression',
    ],
    hrcSession: 'HRC 59',
    defenders: [
      {
        fullName: NAME_1,
        otherNames: ['Zoé L.'],
        sex: 'female',
        birthDate: '1986-07-04',
        birthYear: 1986,
        nationality: 'Tunisian and French',
        country: 'Tunisia',
        profession: 'Investigative journalist',
        organisation: 'Nawaat',
        hrdFocus: ['journalist', 'womens_rights'],
        summary: 'Journalist who reported on corruption in public procurement.',
        status: 'detained',
        detainedSince: '2024-03-18',
        daysDetained: 440,
        totalDaysDetained: 1234,
        usualAddress: SECRET.address,
        timeline: [
          {
            type: 'hunger_strike',
            occurredOn: '2024-09-01',
            description: 'Began a hunger strike against her continued pre-trial detention.',
            place: 'Manouba women’s prison',
            authority: null,
            legalBasis: null,
            charges: [],
            sentence: null,
          },
          {
            type: 'arrest',
            occurredOn: '2024-03-18',
            description: 'Arrested at her home at dawn.',
            place: 'Tunis',
            authority: 'Public prosecutor, Tunis Court of First Instance',
            legalBasis: 'Decree-Law No. 2022-54, article 24',
            charges: ['Spreading false news'],
            sentence: null,
          },
          {
            type: 'sentence',
            occurredOn: '2025-01-20',
            description: null,
            place: 'Tunis',
            authority: 'Tunis Court of First Instance',
            legalBasis: 'Decree-Law No. 2022-54, article 24',
            charges: ['Spreading false news'],
            sentence: 'Five years’ imprisonment',
          },
        ],
        contacts: [
          {
            name: SECRET.contact1Name,
            relation: 'family',
            phone: SECRET.contact1Phone,
            email: SECRET.contact1Email,
          },
          {
            name: SECRET.contact2Name,
            relation: 'lawyer',
            phone: SECRET.contact2Phone,
            email: SECRET.contact2Email,
          },
        ],
        confidentialNotes: SECRET.notes1,
        consents: {
          public_profile: { state: 'given', granted: true, since: '2024-04-02' },
          un_submission: { state: 'given', granted: true, since: '2024-04-02' },
          name_family_members: { state: 'refused', granted: false, since: '2024-04-02' },
        },
      },
      {
        fullName: NAME_2,
        otherNames: ['Layla Abdallah'],
        sex: 'female',
        birthDate: null,
        birthYear: 1992,
        nationality: 'Tunisian',
        country: 'Tunisia',
        profession: 'Lawyer',
        organisation: null,
        hrdFocus: ['lawyer'],
        summary: null,
        status: 'detained',
        detainedSince: '2024-03-18',
        daysDetained: 440,
        totalDaysDetained: 440,
        timeline: [
          {
            type: 'arrest',
            occurredOn: '2024-03-18',
            description: null,
            place: 'Tunis',
            authority: 'Public prosecutor, Tunis Court of First Instance',
            legalBasis: 'Decree-Law No. 2022-54, article 24',
            charges: ['Spreading false news'],
            sentence: null,
          },
        ],
        contacts: [{ name: SECRET.contact3Name, relation: 'family', phone: SECRET.contact3Phone }],
        confidentialNotes: SECRET.notes2,
        consents: {
          un_submission: { state: 'given', granted: true, since: '2024-04-10' },
        },
      },
    ],
    identityDocument: {
      type: 'Passport',
      issuedBy: 'Republic of Tunisia',
      issuedOn: '2019-05-02',
      number: SECRET.idNumber,
    },
    arrest: {
      date: '2024-03-18',
      place: 'Tunis, at their homes',
      forces: 'Anti-terrorism brigade of the National Guard',
      warrantShown: false,
      authority: 'Public prosecutor, Tunis Court of First Instance',
      reasons: 'Articles criticising the management of public procurement',
      legalBasis: 'Decree-Law No. 2022-54, article 24',
    },
    detention: {
      date: '2024-03-19',
      duration: 'Indefinite pre-trial detention, then five years',
      forces: 'General Directorate of Prisons',
      places: 'Bouchoucha detention centre; Manouba women’s prison (since 2024-03-25)',
      authority: 'Investigating judge, Tunis Court of First Instance',
      reasons: 'Spreading false news',
      legalBasis: 'Decree-Law No. 2022-54, article 24; Code of Criminal Procedure, article 85',
    },
    circumstances:
      'Both defenders were arrested together after publishing an investigation.\nNo warrant was shown.',
    categories: [
      { category: 'III', argument: 'Held incommunicado for six days; lawyers denied the file.' },
      { category: 'II', argument: 'Detained for their journalism and legal work.' },
    ],
    domesticRemedies: [
      {
        step: 'Request for release to the investigating judge',
        date: '2024-04-05',
        result: 'Rejected',
      },
      { step: 'Appeal to the indictment chamber', date: '2024-05-12', result: 'Rejected' },
    ],
    source: {
      name: SECRET.sourceName,
      organisation: SECRET.sourceOrganisation,
      contact: SECRET.sourceContact,
    },
    confidentiality: SECRET.confidentiality,
    annexes: [
      { title: 'Indictment (translation)', date: '2024-03-20', kind: 'court_document' },
      { title: 'Medical certificate', date: '2024-09-10', kind: 'medical' },
      { title: 'Published article', date: null, kind: 'press' },
    ],
  };
}

/** Recursively freezes the fixture: the renderer must not mutate its input. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
};

/** The text a reader (or a PDF text extraction) sees: no tags, entities decoded, spaces normalised. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#x27|#x3D|#x60);/g, (e) => ENTITIES[e])
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');
}

/** The texts of the h1 and h2 headings. */
function headings(html: string): string[] {
  return [...html.matchAll(/<h[12][^>]*>([\s\S]*?)<\/h[12]>/g)].map((m) =>
    visibleText(m[1]).trim(),
  );
}

// Section headings (prefixes) per template and language; `source` only in the submission edition.
const HEADINGS: Record<
  DossierTemplateKind,
  Record<DossierLanguage, { always: string[]; source: string }>
> = {
  wgad_regular: {
    en: {
      always: [
        'Model questionnaire to be completed by persons alleging arbitrary arrest or detention',
        'I. Identity',
        'II. Arrest',
        'III. Detention',
        'IV. Describe the circumstances of the arrest',
        'V. Indicate internal steps, including domestic remedies',
        'Consent and confidentiality',
      ],
      source: 'VI. Full name and address of the person(s) submitting the information',
    },
    fr: {
      always: [
        'Questionnaire type à remplir par les personnes alléguant une arrestation ou une détention arbitraire',
        'I. Identité',
        'II. Arrestation',
        'III. Détention',
        'IV. Décrire les circonstances de l’arrestation',
        'V. Indiquer les démarches internes',
        'Consentement et confidentialité',
      ],
      source: 'VI. Nom et adresse complète de la (des) personne(s)',
    },
    es: {
      always: [
        'Cuestionario modelo que deberán completar las personas que aleguen arresto o detención arbitrarios',
        'I. Identidad',
        'II. Arresto',
        'III. Detención',
        'IV. Describa las circunstancias del arresto',
        'V. Indique las gestiones internas',
        'Consentimiento y confidencialidad',
      ],
      source: 'VI. Nombre y dirección completos de la(s) persona(s)',
    },
  },
  wgad_urgent_action: {
    en: {
      always: [
        'Request for urgent action',
        '1. Identity of the person(s) concerned',
        '2. Current situation',
        '3. Risk to health, physical integrity or life',
        '4. Chronology',
        '5. Grounds on which the detention is considered arbitrary',
        '6. Domestic steps and remedies',
        '7. Action requested',
        'Consent and confidentiality',
      ],
      source: '8. Source of the information',
    },
    fr: {
      always: [
        'Demande d’action urgente',
        '1. Identité de la (des) personne(s) concernée(s)',
        '2. Situation actuelle',
        '3. Risques pour la santé',
        '4. Chronologie',
        '5. Motifs pour lesquels la détention est considérée comme arbitraire',
        '6. Démarches et recours internes',
        '7. Mesures demandées',
        'Consentement et confidentialité',
      ],
      source: '8. Source de l’information',
    },
    es: {
      always: [
        'Solicitud de acción urgente',
        '1. Identidad de la(s) persona(s) afectada(s)',
        '2. Situación actual',
        '3. Riesgo para la salud',
        '4. Cronología',
        '5. Motivos por los que se considera arbitraria la detención',
        '6. Gestiones y recursos internos',
        '7. Medidas solicitadas',
        'Consentimiento y confidencialidad',
      ],
      source: '8. Fuente de la información',
    },
  },
  sp_communication: {
    en: {
      always: [
        'Communication to the Special Procedures of the Human Rights Council',
        '1. Alleged victim(s)',
        '2. Facts',
        '3. Legal concerns',
        '4. Action requested',
        'Consent and confidentiality',
      ],
      source: '5. Source of the information (confidential)',
    },
    fr: {
      always: [
        'Communication aux procédures spéciales du Conseil des droits de l’homme',
        '1. Victime(s) présumée(s)',
        '2. Faits',
        '3. Préoccupations juridiques',
        '4. Mesures demandées',
        'Consentement et confidentialité',
      ],
      source: '5. Source de l’information (confidentielle)',
    },
    es: {
      always: [
        'Comunicación a los procedimientos especiales del Consejo de Derechos Humanos',
        '1. Presunta(s) víctima(s)',
        '2. Hechos',
        '3. Preocupaciones jurídicas',
        '4. Medidas solicitadas',
        'Consentimiento y confidencialidad',
      ],
      source: '5. Fuente de la información (confidencial)',
    },
  },
  hrc_brief: {
    en: {
      always: [
        'Case brief',
        '1. Summary',
        '3. Facts',
        '4. Key dates',
        '5. Why the detention is arbitrary',
        '7. Asks',
        'Consent and confidentiality',
        'Annexes',
      ],
      source: '8. Source of the information (confidential)',
    },
    fr: {
      always: [
        'Note de cas',
        '1. Résumé',
        '3. Faits',
        '4. Dates clés',
        '5. Pourquoi la détention est arbitraire',
        '7. Demandes',
        'Consentement et confidentialité',
        'Annexes',
      ],
      source: '8. Source de l’information (confidentielle)',
    },
    es: {
      always: [
        'Nota sobre el caso',
        '1. Resumen',
        '3. Hechos',
        '4. Fechas clave',
        '5. Por qué la detención es arbitraria',
        '7. Peticiones',
        'Consentimiento y confidencialidad',
        'Anexos',
      ],
      source: '8. Fuente de la información (confidencial)',
    },
  },
};

const ARREST_DATE: Record<DossierLanguage, string> = {
  en: '18 March 2024',
  fr: '18 mars 2024',
  es: '18 de marzo de 2024',
};
const TOTAL_DAYS: Record<DossierLanguage, string> = {
  en: '1,234 days',
  fr: '1 234 jours',
  es: '1.234 días',
};
const BANNER: Record<DossierLanguage, { submission: string; public: string }> = {
  en: { submission: 'CONFIDENTIAL', public: 'Public edition' },
  fr: { submission: 'CONFIDENTIEL', public: 'Édition publique' },
  es: { submission: 'CONFIDENCIAL', public: 'Edición pública' },
};

const COMBINATIONS = KINDS.flatMap((kind) =>
  LANGUAGES.flatMap((language) => EDITIONS.map((edition) => [kind, language, edition] as const)),
);

describe('renderDossierHtml: every template x language x edition', () => {
  describe.each(COMBINATIONS)('%s / %s / %s', (kind, language, edition) => {
    const data = deepFreeze(fixture(kind, language, edition));
    const html = renderDossierHtml(data);
    const text = visibleText(html);

    it('renders a complete HTML document in that language with A4 print CSS', () => {
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain('size: A4');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
    });

    it('contains the section headings of that language', () => {
      const found = headings(html);
      const { always, source } = HEADINGS[kind][language];
      for (const heading of always) {
        expect(found.some((h) => h.startsWith(heading))).toBe(true);
      }
      expect(found.some((h) => h.startsWith(source))).toBe(edition === 'submission');
    });

    it('contains the key facts: names, country, arrest date, legal basis, categories', () => {
      expect(text).toContain(NAME_1);
      expect(text).toContain(NAME_2);
      expect(text).toContain('Tunisia');
      expect(text).toContain(ARREST_DATE[language]);
      expect(text).toContain('Decree-Law No. 2022-54, article 24');
      expect(text).toContain(wgadCategoryText('II', language));
      expect(text).toContain(wgadCategoryText('III', language));
      expect(text).toContain('Detained for their journalism and legal work.');
      expect(text).toContain(TOTAL_DAYS[language]);
      expect(text).not.toContain(wgadCategoryText('I', language));
    });

    it('renders the Arabic-script names as they are, isolated for bidi', () => {
      expect(html).toContain(`<bdi>${NAME_2}</bdi>`);
    });

    it('lists the annexes', () => {
      expect(text).toContain('Indictment (translation)');
      expect(text).toContain('Medical certificate');
    });

    if (edition === 'submission') {
      it('is marked confidential and includes contacts, confidential notes and the source', () => {
        expect(html).toContain('class="banner banner-confidential"');
        expect(text).toContain(BANNER[language].submission);
        for (const [key, value] of Object.entries(SECRET)) {
          // The HRC brief is an advocacy document: no identity document.
          if (key === 'idNumber' && kind === 'hrc_brief') continue;
          expect(text).toContain(value);
        }
      });
    } else {
      it('says "Public edition" and contains no sensitive value', () => {
        expect(html).toContain('class="banner banner-public"');
        expect(html).not.toContain('class="banner banner-confidential"');
        expect(text).toContain(BANNER[language].public);
        for (const value of Object.values(SECRET)) {
          expect(html).not.toContain(value);
          expect(text).not.toContain(value);
        }
      });
    }
  });
});

describe('renderDossierHtml: public edition', () => {
  it('leaves out the rows of fields the caller left out; submission says they are not known', () => {
    const base = fixture('wgad_regular', 'en', 'public');
    const data: DossierData = {
      ...base,
      arrest: { ...base.arrest!, forces: null, reasons: null },
      defenders: base.defenders.map((d) => {
        const { contacts: _c, confidentialNotes: _n, usualAddress: _a, ...rest } = d;
        return rest;
      }),
      source: null,
      confidentiality: null,
    };
    const publicText = visibleText(renderDossierHtml(data));
    expect(publicText).not.toContain('3. Forces who carried out the arrest');
    expect(publicText).not.toContain('6. Reasons for the arrest');
    expect(publicText).not.toContain('8. Address of usual residence');
    expect(publicText).not.toContain('Not known');
    expect(publicText).toContain('7. Legal basis for the arrest');

    const submissionText = visibleText(renderDossierHtml({ ...data, edition: 'submission' }));
    expect(submissionText).toContain('3. Forces who carried out the arrest');
    expect(submissionText).toContain('Not known');
  });

  it('does not output the contacts, notes or source sections at all', () => {
    for (const kind of KINDS) {
      const html = renderDossierHtml(fixture(kind, 'en', 'public'));
      const text = visibleText(html);
      expect(text).not.toContain('Contacts of the family and lawyers');
      expect(text).not.toContain('Confidential notes');
      expect(text).not.toContain('Information to be kept confidential');
      expect(html).not.toContain('class="fields signature"');
    }
  });
});

describe('renderDossierHtml: escaping', () => {
  const XSS = '<img src=x onerror=alert(1)>';

  it.each(KINDS)('%s: user data comes out as text, never as markup', (kind) => {
    const base = fixture(kind, 'en', 'submission');
    const data: DossierData = {
      ...base,
      reference: XSS,
      targetRapporteurs: [XSS],
      circumstances: XSS,
      categories: [{ category: 'II', argument: XSS }],
      domesticRemedies: [{ step: XSS, date: '2024-04-05', result: XSS }],
      source: { name: XSS, organisation: XSS, contact: XSS },
      annexes: [{ title: XSS, date: null, kind: XSS }],
      defenders: base.defenders.map((d) => ({
        ...d,
        fullName: XSS,
        profession: XSS,
        summary: XSS,
        confidentialNotes: XSS,
        contacts: [{ name: XSS, relation: 'family', phone: XSS, email: XSS }],
        timeline: d.timeline.map((e) => ({ ...e, description: XSS, place: XSS })),
      })),
      arrest: { ...base.arrest!, legalBasis: XSS, place: XSS },
    };
    const html = renderDossierHtml(data);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('onerror=alert');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(visibleText(html)).toContain(XSS);
  });
});

describe('renderDossierHtml: templates', () => {
  it('says whether the communication is an urgent appeal or an allegation letter, and to whom', () => {
    const appeal = visibleText(renderDossierHtml(fixture('sp_communication', 'en')));
    expect(appeal).toContain('Urgent appeal');
    expect(appeal).toContain('Special Rapporteur on the situation of human rights defenders');
    expect(appeal).toContain(
      'The identity of the source is confidential and must not be disclosed to the Government concerned.',
    );
    const letter = visibleText(
      renderDossierHtml({
        ...fixture('sp_communication', 'fr'),
        escalationKind: 'sp_allegation_letter',
      }),
    );
    expect(letter).toContain('Lettre d’allégation');
    // The confidentiality of the source is stated in the public edition too.
    const pub = visibleText(renderDossierHtml(fixture('sp_communication', 'es', 'public')));
    expect(pub).toContain('La identidad de la fuente es confidencial');
  });

  it('the urgent action is humanitarian, does not prejudge arbitrariness, and lists the risks', () => {
    const text = visibleText(renderDossierHtml(fixture('wgad_urgent_action', 'en')));
    expect(text).toContain('on purely humanitarian grounds');
    expect(text).toContain('does not prejudge');
    expect(text).toContain('1 September 2024: Hunger strike');
    const fr = visibleText(renderDossierHtml(fixture('wgad_urgent_action', 'fr')));
    expect(fr).toContain('ne préjuge en rien');
    expect(fr).toContain('1 septembre 2024 : Grève de la faim');
  });

  it('the HRC brief names the session, the status and the days detained', () => {
    const text = visibleText(renderDossierHtml(fixture('hrc_brief', 'es')));
    expect(text).toContain('HRC 59');
    expect(text).toContain('En detención');
    expect(text).toContain('En detención desde el 18 de marzo de 2024 (440 días)');
  });

  it('the WGAD questionnaire puts a single defender’s identity document in section I', () => {
    const base = fixture('wgad_regular', 'fr');
    const html = renderDossierHtml({ ...base, defenders: [base.defenders[0]] });
    const text = visibleText(html);
    expect(text).toContain('6. a) Pièce d’identité (le cas échéant) Passport');
    expect(text).toContain('d) No ' + SECRET.idNumber);
    expect(text).not.toContain('Personne 1');
    expect(text).toContain(
      '4. Date de naissance ou âge (au moment de la détention) 4 juillet 1986',
    );
  });

  it('a group gets one block per defender', () => {
    const text = visibleText(renderDossierHtml(fixture('wgad_regular', 'en')));
    expect(text).toContain(`Person 1: ${NAME_1}`);
    expect(text).toContain(`Person 2: ${NAME_2}`);
    expect(text).toContain('4. Birth date or age (at the time of detention) Born in 1992');
  });

  it('lists the chronology by date and translates event types and statuses', () => {
    const text = visibleText(renderDossierHtml(fixture('wgad_regular', 'es')));
    const arrest = text.indexOf('18 de marzo de 2024 Arresto');
    const strike = text.indexOf('1 de septiembre de 2024 Huelga de hambre');
    const sentence = text.indexOf('20 de enero de 2025 Condena');
    expect(arrest).toBeGreaterThan(-1);
    expect(strike).toBeGreaterThan(arrest);
    expect(sentence).toBeGreaterThan(strike);
    expect(text).toContain('Pena: Five years’ imprisonment');
    expect(text).toContain('Femenino');
  });

  it('renders the consent state per purpose', () => {
    const text = visibleText(renderDossierHtml(fixture('hrc_brief', 'en', 'public')));
    expect(text).toContain('Submission to the United Nations Given 2 April 2024');
    expect(text).toContain('Naming family members Refused');
  });

  it('is deterministic and records the template version', () => {
    const data = fixture('hrc_brief', 'fr');
    const html = renderDossierHtml(data);
    expect(renderDossierHtml(data)).toBe(html);
    expect(html).toContain(`template version ${DOSSIER_TEMPLATE_VERSION}`);
    expect(DOSSIER_TEMPLATE_VERSION).toBe('2');
  });

  it('compiles each template once and keeps its helpers out of the global Handlebars', () => {
    renderDossierHtml(fixture('sp_communication', 'es'));
    const read = jest.spyOn(fs, 'readFileSync');
    try {
      renderDossierHtml(fixture('sp_communication', 'es', 'public'));
      expect(read).not.toHaveBeenCalled();
      // The spy is live on the module object the renderer reads with.
      fs.readFileSync(__filename);
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
    expect(Handlebars.helpers.t).toBeUndefined();
    expect(Handlebars.helpers.category).toBeUndefined();
    expect(Handlebars.partials.layout).toBeUndefined();
  });

  it('renders a sparse record without failing', () => {
    const data: DossierData = {
      ...fixture('wgad_regular', 'en', 'submission'),
      identityDocument: null,
      arrest: null,
      detention: null,
      circumstances: null,
      categories: [],
      domesticRemedies: [],
      source: null,
      confidentiality: null,
      annexes: [],
      reference: null,
      unReference: null,
      hrcSession: null,
      defenders: [
        {
          ...fixture().defenders[1],
          timeline: [],
          consents: {},
          contacts: undefined,
          confidentialNotes: undefined,
        },
      ],
    };
    for (const kind of KINDS) {
      for (const edition of EDITIONS) {
        const text = visibleText(renderDossierHtml({ ...data, kind, edition }));
        expect(text).toContain(NAME_2);
        expect(text).toContain('No category of arbitrary detention is claimed.');
        expect(text).toContain('No consent is recorded.');
        expect(text).not.toContain('undefined');
        expect(text).not.toContain('null');
      }
    }
  });

  it('rejects an unknown template kind, language or edition', () => {
    expect(() =>
      renderDossierHtml({ ...fixture(), kind: '../partials' as DossierTemplateKind }),
    ).toThrow(/template kind/);
    expect(() => renderDossierHtml({ ...fixture(), language: 'de' as DossierLanguage })).toThrow(
      /language/,
    );
    expect(() => renderDossierHtml({ ...fixture(), edition: 'draft' as DossierEdition })).toThrow(
      /edition/,
    );
  });
});

describe('renderDossierHtml: annexes', () => {
  const annexes: DossierData['annexes'] = [
    { number: 1, title: 'Arrest warrant', date: '2024-03-18', kind: 'warrant', language: 'ar' },
    { number: 2, title: 'Medical report', date: null, kind: 'medical', language: 'fr' },
  ];

  it.each(KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const)))(
    '%s/%s: numbers them and names their date, kind and language',
    (kind, language) => {
      const text = visibleText(renderDossierHtml({ ...fixture(kind, language), annexes }));
      const expected = {
        en: [
          'Annex 1 Arrest warrant 18 March 2024 Warrant Arabic',
          'Annex 2 Medical report Medical report French',
        ],
        fr: [
          'Annexe 1 Arrest warrant 18 mars 2024 Mandat arabe',
          'Annexe 2 Medical report Rapport médical français',
        ],
        es: [
          'Anexo 1 Arrest warrant 18 de marzo de 2024 Orden judicial árabe',
          'Anexo 2 Medical report Informe médico francés',
        ],
      }[language];
      for (const row of expected) expect(text).toContain(row);
    },
  );

  it('keeps the numbers it is given (a public edition numbers only what it lists)', () => {
    const text = visibleText(
      renderDossierHtml({
        ...fixture('wgad_regular', 'en', 'public'),
        annexes: [{ number: 3, title: 'Court decision', date: null, kind: 'court_decision' }],
      }),
    );
    expect(text).toContain('Annex 3 Court decision');
    expect(text).not.toContain('Annex 1');
  });

  it('leaves the section out when there is no annex', () => {
    const html = renderDossierHtml({ ...fixture('sp_communication', 'fr'), annexes: [] });
    expect(html).not.toContain('class="annexes"');
  });

  it("names languages in the reader's language, and leaves an unknown tag as it is", () => {
    expect(languageName('ar', 'en')).toBe('Arabic');
    expect(languageName('pt-BR', 'fr')).toMatch(/portugais/);
    expect(languageName('not a tag!', 'en')).toBe('not a tag!');
    expect(languageName(null, 'en')).toBe('');
  });
});

describe('templateKindFor', () => {
  it.each([
    ['wgad_regular', 'wgad_regular'],
    ['wgad_urgent_action', 'wgad_urgent_action'],
    ['sp_urgent_appeal', 'sp_communication'],
    ['sp_allegation_letter', 'sp_communication'],
    ['hrc_statement', 'hrc_brief'],
    ['hrc_side_event', 'hrc_brief'],
    ['upr_submission', 'hrc_brief'],
    ['regional_communication', 'hrc_brief'],
  ])('%s -> %s', (escalationKind, kind) => {
    expect(templateKindFor(escalationKind)).toBe(kind);
  });

  it.each(['', 'unknown', 'toString', '__proto__'])('throws for %j', (escalationKind) => {
    expect(() => templateKindFor(escalationKind)).toThrow(/No dossier template/);
  });
});

describe('locale helpers', () => {
  it('formats dates per language in UTC', () => {
    expect(formatDossierDate('2024-03-18', 'en')).toBe('18 March 2024');
    expect(formatDossierDate('2024-03-18', 'fr')).toBe('18 mars 2024');
    expect(formatDossierDate('2024-03-18', 'es')).toBe('18 de marzo de 2024');
    expect(formatDossierDate('2024-12-31T23:30:00Z', 'en')).toBe('31 December 2024');
    expect(formatDossierDate(null, 'en')).toBe('');
    expect(formatDossierDate('sometime in 2023', 'fr')).toBe('sometime in 2023');
  });

  it('formats days with the language’s grouping and plural', () => {
    const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(formatDossierDays(1234, 'en')).toBe('1,234 days');
    expect(norm(formatDossierDays(1234, 'fr'))).toBe('1 234 jours');
    expect(formatDossierDays(1234, 'es')).toBe('1.234 días');
    expect(formatDossierDays(1, 'en')).toBe('1 day');
    expect(formatDossierDays(1, 'fr')).toBe('1 jour');
    expect(formatDossierDays(0, 'fr')).toBe('0 jour');
    expect(formatDossierDays(1, 'es')).toBe('1 día');
    expect(formatDossierDays(null, 'en')).toBe('');
  });

  it('gives the WGAD category texts in each language', () => {
    expect(wgadCategoryText('I', 'en')).toContain(
      'clearly impossible to invoke any legal basis justifying the deprivation of liberty',
    );
    expect(wgadCategoryText('II', 'en')).toContain(
      'results from the exercise of the rights or freedoms guaranteed by',
    );
    expect(wgadCategoryText('III', 'en')).toContain(
      'is of such gravity as to give the deprivation of liberty an arbitrary character',
    );
    expect(wgadCategoryText('IV', 'en')).toContain(
      'asylum seekers, immigrants or refugees are subjected to prolonged administrative custody without the possibility of administrative or judicial review or remedy',
    );
    expect(wgadCategoryText('V', 'en')).toContain(
      'constitutes a violation of international law on the grounds of discrimination',
    );
    expect(wgadCategoryText('I', 'fr')).toContain('manifestement impossible d’invoquer');
    expect(wgadCategoryText('III', 'fr')).toContain('droit à un procès équitable');
    expect(wgadCategoryText('I', 'es')).toContain('manifiestamente imposible invocar');
    expect(wgadCategoryText('III', 'es')).toContain('derecho a un juicio imparcial');
    for (const language of LANGUAGES) {
      for (const c of ['I', 'II', 'III', 'IV', 'V']) {
        expect(wgadCategoryText(c, language).length).toBeGreaterThan(80);
      }
    }
    expect(wgadCategoryText('VI', 'en')).toBe('');
  });

  it('labels enum values, falling back to a readable form', () => {
    expect(dossierLabel('sex', 'male', 'fr')).toBe('Masculin');
    expect(dossierLabel('relation', 'lawyer', 'es')).toBe('Abogado/a');
    expect(dossierLabel('event', 'conditional_release', 'fr')).toBe('Libération conditionnelle');
    expect(dossierLabel('status', 'disappeared', 'en')).toBe('Disappeared');
    expect(dossierLabel('annexKind', 'court_document', 'en')).toBe('Court document');
    expect(dossierLabel('annexKind', 'court_decision', 'fr')).toBe('Décision de justice');
    expect(dossierLabel('annexKind', 'charge_sheet', 'es')).toBe('Escrito de acusación');
    expect(dossierLabel('sex', null, 'en')).toBe('');
    expect(() => dossierLabel('nope', 'x', 'en')).toThrow(/label group/);
  });
});
