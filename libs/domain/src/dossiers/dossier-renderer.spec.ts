import Handlebars from 'handlebars';
import type { DossierData, DossierLanguage, DossierTemplateKind } from './dossier-data';
import { formatAnswer } from './dossier-format';
import { dossierLocale } from './dossier-locale';
import {
  dossierLabel,
  DOSSIER_LANGUAGES,
  DOSSIER_TEMPLATE_KINDS,
  DOSSIER_TEMPLATE_VERSION,
  formatDossierDate,
  formatDossierDays,
  renderDossierHtml,
  templateKindFor,
  wgadCategoryText,
} from './dossier-renderer';
import { overrideKey } from './questionnaire/answers';
import type { AnswerValue } from './questionnaire/values';
import { completePerson, dossierData, event, record } from './testing/dossier-fixture';
import { englishWordsIn } from './testing/english-words';
import { htmlText } from './testing/html-text';

/** The text of each h2 section: heading -> text up to the next h2. */
function sections(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  const parts = html.split(/<h2[^>]*>/).slice(1);
  for (const part of parts) {
    const heading = htmlText(part.split('</h2>')[0]).trim();
    out[heading] = htmlText(part);
  }
  return out;
}

const NOT_KNOWN: Record<DossierLanguage, string> = {
  en: 'Not known',
  fr: 'Inconnu',
  es: 'Se desconoce',
};

const render = (
  kind: DossierTemplateKind,
  language: DossierLanguage,
  edition: 'submission' | 'public' = 'submission',
  r = record(undefined, kind),
) => renderDossierHtml(dossierData(r, language, edition));

describe('renderDossierHtml: every form x language x edition', () => {
  describe.each(
    DOSSIER_TEMPLATE_KINDS.flatMap((k) => DOSSIER_LANGUAGES.map((l) => [k, l] as const)),
  )('%s in %s', (kind, language) => {
    it('is a complete HTML document in the language, with our reference on every page', () => {
      const html = render(kind, language);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain('@page { size: A4;');
      // The repeated page header (thead) carries the reference and the UN's.
      const banner = html.split('<tbody>')[0];
      expect(htmlText(banner)).toContain('WIT-2026-0042');
      expect(htmlText(banner)).toContain('AL EGY 3/2026');
    });

    it('a complete record leaves nothing "Not known"', () => {
      expect(htmlText(render(kind, language))).not.toContain(NOT_KNOWN[language]);
    });

    if (language !== 'en') {
      it('has no English left in its own words', () => {
        const r = record(undefined, kind);
        // Record values that are the same in every language (names, places, laws).
        r.persons[0].timeline = [
          event({ type: 'arrest', occurredOn: '2024-03-18', place: 'Giza' }),
        ];
        r.content = {
          ...r.content,
          summary: 'Amina Haddad.',
          circumstances: 'Giza.',
          urgency: 'Giza.',
          previousSubmissions: '—',
          categories: [{ category: 'II', argument: '—' }],
          remedies: { exhausted: true, explanation: '—' },
          confidentiality: '—',
          recommendations: ['—'],
          locateSteps: '—',
          irreparableHarm: '—',
          identityDocuments: [
            { defenderId: 'd1', type: 'Pasaporte', issuedBy: 'Misr', issuedOn: null, number: 'A1' },
          ],
        };
        const data = dossierData(r, language);
        data.persons[0].answers['identity.profession'] = null;
        data.persons[0].contacts = [];
        data.persons[0].confidentialNotes = null;
        data.annexes = [];
        data.source = {
          name: 'Nadia',
          organisation: null,
          contact: 'nadia@example.org',
          relation: 'family',
        };
        data.targetRapporteurs = [];
        data.unReference = 'AL 3/2026';
        expect(englishWordsIn(htmlText(renderDossierHtml(data)), language)).toEqual([]);
      });
    }

    it('the public edition carries no sensitive value', () => {
      const html = render(kind, language, 'public');
      for (const secret of [
        'Youssef Contact',
        '+20 100 555 0199',
        'Held in wing 4',
        'Nadia Source',
        'nadia@example.org',
        '12 Example Street',
        'A77-9912',
        'Do not disclose the witnesses',
      ]) {
        expect(html).not.toContain(secret);
      }
      expect(htmlText(html)).not.toContain(NOT_KNOWN[language]);
    });
  });
});

describe('the WGAD questionnaire', () => {
  const html = render('wgad_regular', 'en');
  const s = sections(html);
  const heading = (prefix: string) => Object.keys(s).find((h) => h.startsWith(prefix))!;

  it('keeps the model questionnaire’s section numbers and headings', () => {
    expect(Object.keys(s)).toEqual([
      'Summary of the case',
      'I. Identity',
      'II. Arrest',
      'III. Detention',
      'IV. Describe the circumstances of the arrest and/or detention and indicate precise reasons why you consider the arrest or detention to be arbitrary',
      'V. Indicate internal steps, including domestic remedies, taken especially with the legal and administrative authorities, particularly for the purpose of establishing the detention and, as appropriate, their results or the reasons why such steps or remedies were ineffective or why they were not taken',
      'VI. Full name and address of the person(s) submitting the information (telephone and fax number, if possible)',
      'Consent and confidentiality',
      'Annexes',
    ]);
  });

  it('puts every fact of the record in its section', () => {
    const I = s['I. Identity'];
    for (const f of [
      '1. Family name Haddad',
      '2. First name Amina',
      '3. Sex Female',
      '12 April 1988 (aged 35 at the time of detention)',
      'Egypt; France',
      '(d) No. A77-9912',
      'Journalist',
      'Reported on the trials of protesters',
      '12 Example Street, Giza',
    ])
      expect(I).toContain(f);
    const II = s['II. Arrest'];
    for (const f of [
      '1. Date of arrest 18 March 2024',
      'Her home in Giza',
      'National Security Agency officers',
      'by a public authority? No',
      'Supreme State Security Prosecution',
      'Spreading false news',
      'Article 86 bis of the Penal Code',
    ])
      expect(II).toContain(f);
    const III = s['III. Detention'];
    for (const f of [
      '819 days, since 18 March 2024 (continuing)',
      '18 March 2024: taken to Police station of Dokki',
      '25 March 2024: transferred to Al-Qanater Women’s Prison (present place of detention)',
      'Prison Service',
      'Cairo Criminal Court',
      'Article 143 of the Code of Criminal Procedure',
      'extended until 15 June 2024',
      'Periods of incommunicado detention from 18 March 2024 to 24 March 2024',
      'Denial of access to a lawyer from 19 March 2024 to 2 April 2024',
      'Denial of family visits since 1 May 2024 (continuing)',
    ])
      expect(III).toContain(f);
    const V = s[heading('V.')];
    for (const f of [
      '2 May 2024',
      'Appeal',
      'Appeal against pre-trial detention',
      'Cairo Court of Appeal',
      'Rejected (20 May 2024)',
      'Complaint of ill-treatment',
      'No answer',
      'The courts do not examine the appeals.',
    ])
      expect(V).toContain(f);
    expect(s[heading('IV.')]).toContain('She was detained for her journalism.');
    expect(s[heading('VI.')]).toContain('Nadia Source');
    expect(s[heading('VI.')]).toContain('Organisation');
  });

  it('says who consented to the submission, when and how', () => {
    expect(s['Consent and confidentiality']).toContain(
      'Consent to this submission was given by a family member, in writing, on 1 May 2026.',
    );
  });

  it('says "Not known" for each fact the record lacks, in the submission edition only', () => {
    const r = record();
    r.persons[0].profile = { ...r.persons[0].profile, familyName: null, givenNames: null };
    r.persons[0].timeline = [event({ type: 'arrest', occurredOn: '2024-03-18' })];
    const sub = sections(renderDossierHtml(dossierData(r, 'en')));
    expect(sub['I. Identity']).toContain('1. Family name Not known');
    expect(sub['I. Identity']).toContain('2. First name Not known');
    // The display name is still there: never split to guess.
    expect(sub['I. Identity']).toContain('Amina Haddad');
    expect(sub['II. Arrest']).toContain('2. Place of arrest (as detailed as possible) Not known');
    const pub = sections(renderDossierHtml(dossierData(r, 'en', 'public')));
    expect(pub['II. Arrest']).not.toContain('Not known');
    expect(pub['II. Arrest']).not.toContain('2. Place of arrest');
  });

  it('prints an override instead of the drawn value', () => {
    const r = record();
    r.overrides = {
      [overrideKey('arrest.place', 'd1')]: {
        value: 'A café in Dokki',
        by: 'u',
        at: '2026-06-01T00:00:00Z',
      },
      'remedies.steps': {
        value: 'Every appeal is listed in annex 2.',
        by: 'u',
        at: '2026-06-01T00:00:00Z',
      },
    };
    const o = sections(renderDossierHtml(dossierData(r, 'en')));
    expect(o['II. Arrest']).toContain('A café in Dokki');
    expect(o['II. Arrest']).not.toContain('Her home in Giza');
    expect(o[Object.keys(o).find((h) => h.startsWith('V.'))!]).toContain(
      'Every appeal is listed in annex 2.',
    );
  });

  it('repeats section I (and II, III) per person in a group, each with their own facts', () => {
    const b = completePerson('d2', 'Omar Salem');
    b.profile = { ...b.profile, nationalities: ['VN'], birthDate: '1990-01-01' };
    b.timeline = [
      event({ type: 'house_arrest', occurredOn: '2024-04-01', place: 'His flat in Hanoi' }),
    ];
    const g = sections(renderDossierHtml(dossierData(record([completePerson(), b]), 'en')));
    expect(g['I. Identity']).toContain('Person 1 · Amina Haddad');
    expect(g['I. Identity']).toContain('Person 2 · Omar Salem');
    expect(g['I. Identity']).toContain('Viet Nam');
    expect(g['III. Detention']).toContain(
      '1 April 2024: under house arrest at His flat in Hanoi (present place of detention)',
    );
    expect(g['III. Detention']).toContain(
      'Periods of house arrest since 1 April 2024 (continuing)',
    );
  });
});

describe('language quality', () => {
  it('French: dates, the first of the month, typography and UN country names', () => {
    const t = render('wgad_regular', 'fr').replace(/<[^>]+>/g, ' ');
    expect(t).toContain('1er mai 2024');
    expect(t).toContain('18 mars 2024');
    expect(t).toContain('Égypte\u202f; France');
    // A narrow no-break space before the colon, the semicolon and the question mark.
    expect(t).toContain('Notre référence\u202f: WIT-2026-0042');
    expect(t).toContain('autorité publique\u202f?');
    expect(t).not.toMatch(/ [:;?!] /);
  });

  it('Spanish: "8 de septiembre de 2026"', () => {
    expect(formatDossierDate('2026-09-08', 'es')).toBe('8 de septiembre de 2026');
    expect(formatDossierDate('2026-09-08', 'fr')).toBe('8 septembre 2026');
    expect(formatDossierDate('2026-09-01', 'fr')).toBe('1er septembre 2026');
    expect(formatDossierDate('2026-09-08', 'en')).toBe('8 September 2026');
    expect(formatDossierDate('2026-09-08T23:30:00Z', 'en')).toBe('8 September 2026');
    expect(formatDossierDate(null, 'en')).toBe('');
  });

  it('days with the language’s grouping and plural', () => {
    expect(formatDossierDays(1, 'en')).toBe('1\u00a0day');
    expect(formatDossierDays(1234, 'en')).toBe('1,234\u00a0days');
    expect(formatDossierDays(1234, 'fr')).toBe('1\u202f234\u00a0jours');
    expect(formatDossierDays(1234, 'es')).toBe(
      '1234\u00a0días'.replace(
        '1234',
        new Intl.NumberFormat('es-ES', { useGrouping: 'always' }).format(1234),
      ),
    );
  });

  it('States by their UN short names in each language', () => {
    const codes: AnswerValue = { kind: 'countries', codes: ['VN', 'TR', 'IR', 'BO'] };
    expect(formatAnswer(codes, dossierLocale('en'))).toBe(
      'Viet Nam; Türkiye; Iran (Islamic Republic of); Bolivia (Plurinational State of)',
    );
    expect(formatAnswer(codes, dossierLocale('fr'))).toBe(
      "Viet Nam\u202f; Türkiye\u202f; Iran (République islamique d')\u202f; Bolivie (État plurinational de)",
    );
    expect(formatAnswer(codes, dossierLocale('es'))).toContain('Irán (República Islámica del)');
  });
});

describe('other forms', () => {
  it('Special Procedures: urgent appeal or allegation letter, to whom, and whether the person may be named', () => {
    const t = htmlText(render('sp_communication', 'en'));
    expect(t).toContain('Urgent appeal: the violations described below are ongoing');
    expect(t).toContain('Special Rapporteur on human rights defenders');
    expect(t).toContain('May the person(s) be named in the public report on communications? Yes');
    expect(t).toContain('Summary of the allegations');
  });

  it('the urgent action is humanitarian, does not prejudge, and says the risk', () => {
    const t = htmlText(render('wgad_urgent_action', 'en'));
    expect(t).toContain('on purely humanitarian grounds');
    expect(t).toContain('She has a heart condition and is denied care.');
    expect(t).toContain('Incommunicado detention');
  });

  it('the HRC brief has its own headings and asks', () => {
    const t = htmlText(render('hrc_brief', 'es'));
    expect(t).toContain('Nota sobre el caso');
    expect(t).toContain('Pedimos a las autoridades que');
  });
});

describe('escaping', () => {
  it.each(DOSSIER_TEMPLATE_KINDS)('%s: user data comes out as text, never as markup', (kind) => {
    const r = record(undefined, kind);
    r.persons[0].profile = {
      ...r.persons[0].profile,
      fullName: '<img src=x onerror=alert(1)>',
      profession: '<script>alert(2)</script>',
    };
    r.content = {
      ...r.content,
      circumstances: '</p><script>alert(3)</script>',
      categories: [{ category: 'I', argument: '"><svg onload=alert(4)>' }],
    };
    const html = renderDossierHtml(dossierData(r, 'en'));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<svg');
    expect(htmlText(html)).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('the renderer', () => {
  it('is deterministic and records the template version', () => {
    const data = dossierData(record(), 'fr');
    expect(renderDossierHtml(data)).toBe(renderDossierHtml(data));
    expect(renderDossierHtml(data)).toContain(`version du modèle ${DOSSIER_TEMPLATE_VERSION}`);
  });

  it('keeps its helpers out of the global Handlebars', () => {
    render('wgad_regular', 'en');
    expect(Handlebars.helpers.fl).toBeUndefined();
    expect(Handlebars.helpers.t).toBeUndefined();
  });

  it('renders an escalation with no facts at all without failing', () => {
    const r = record([
      {
        ...completePerson(),
        timeline: [],
        profile: {
          ...completePerson().profile,
          familyName: null,
          givenNames: null,
          otherNames: [],
          sex: null,
          birthDate: null,
          birthYear: null,
          nationalities: [],
          profession: null,
          organisation: null,
          hrdFocus: [],
          hrdActivity: null,
          usualAddress: null,
        },
      },
    ]);
    r.content = {};
    for (const kind of DOSSIER_TEMPLATE_KINDS) {
      const data: DossierData = { ...dossierData({ ...r, kind }, 'es'), source: null, annexes: [] };
      expect(htmlText(renderDossierHtml(data))).toContain('Se desconoce');
    }
  });

  it('refuses an unknown form, language or edition', () => {
    const data = dossierData(record());
    expect(() => renderDossierHtml({ ...data, kind: 'x' as never })).toThrow(/kind/);
    expect(() => renderDossierHtml({ ...data, language: 'de' as never })).toThrow(/language/);
    expect(() => renderDossierHtml({ ...data, edition: 'x' as never })).toThrow(/edition/);
  });

  it.each([
    ['wgad_regular', 'wgad_regular'],
    ['wgad_urgent_action', 'wgad_urgent_action'],
    ['sp_urgent_appeal', 'sp_communication'],
    ['sp_allegation_letter', 'sp_communication'],
    ['hrc_statement', 'hrc_brief'],
    ['upr_submission', 'upr_submission'],
    ['regional_communication', 'hrc_brief'],
    ['iachr_precautionary_measures', 'regional_request'],
    ['achpr_provisional_measures', 'regional_request'],
    ['ecthr_rule_39', 'regional_request'],
    ['african_court_provisional', 'regional_request'],
    ['wgeid_communication', 'disappearance'],
    ['wgeid_urgent_action', 'disappearance'],
    ['ced_urgent_action', 'disappearance'],
    ['treaty_communication', 'treaty_communication'],
    ['treaty_interim_measures', 'treaty_communication'],
    ['reprisals_report', 'hrc_brief'],
  ])('the %s escalation uses the %s form', (kind, form) => {
    expect(templateKindFor(kind)).toBe(form);
  });

  it.each(['', 'unknown', 'toString', '__proto__'])('has no form for %j', (kind) => {
    expect(() => templateKindFor(kind)).toThrow(/No dossier template/);
  });

  it('gives the WGAD categories and labels in each language', () => {
    expect(wgadCategoryText('II', 'fr')).toMatch(/^Lorsque la privation de liberté résulte/);
    expect(wgadCategoryText('VI', 'en')).toBe('');
    expect(dossierLabel('status', 'house_arrest', 'es')).toBe('En arresto domiciliario');
    expect(dossierLabel('event', 'habeas_corpus', 'fr')).toBe('Habeas corpus');
  });
});

describe('the forms of their own', () => {
  const data = (kind: DossierTemplateKind, language: DossierLanguage = 'en') =>
    dossierData(record(undefined, kind), language);

  it('UPR: numbered paragraphs, recommendations numbered with the cycle, the State and the word count', () => {
    const text = htmlText(renderDossierHtml(data('upr_submission')));
    expect(text).toContain('State under review Egypt');
    expect(text).toContain('Session of the Working Group HRC 62');
    expect(text).toContain('Date of the review 5 November 2026');
    expect(text).toContain('Cycle 4th cycle');
    expect(text).toContain('1. A journalist held for her reporting.');
    expect(text).toContain('2. She was arrested at dawn after reporting on a trial.');
    expect(text).toContain('IV. Recommendations (4th cycle)');
    expect(text).toContain('3. Recommendation 4.1. Release all detained journalists.');
    expect(text).toContain('4. Recommendation 4.2. Repeal the anti-terrorism law.');
    // 6 + 10 + 4 + 4 words; an individual stakeholder's limit.
    expect(text).toContain('Word count 24 words (limit 2,815)');
    expect(text).not.toContain('over the word limit');
    const fr = htmlText(renderDossierHtml(data('upr_submission', 'fr')));
    expect(fr).toContain('4e cycle');
    expect(fr).toMatch(/limite 2\s815/);
    expect(htmlText(renderDossierHtml(data('upr_submission', 'es')))).toContain('4.º ciclo');
  });

  it('UPR: over the limit, the dossier says so', () => {
    const d = data('upr_submission');
    d.questionnaire = { ...d.questionnaire, circumstances: 'word '.repeat(2900) };
    expect(htmlText(renderDossierHtml(d))).toContain(
      'This submission is over the word limit: it must be shortened before it is sent.',
    );
  });

  it('regional requests: each body its own title, addressee and legal basis', () => {
    const cases: [string, string, RegExp][] = [
      ['iachr_precautionary_measures', 'Inter-American Commission', /Article 25 of the Rules/],
      ['achpr_provisional_measures', 'African Commission', /Rule 100 of the Rules of Procedure/],
      ['ecthr_rule_39', 'European Court of Human Rights', /imminent risk of irreparable harm/],
      ['african_court_provisional', 'African Court', /Article 27\(2\) of the Protocol/],
    ];
    for (const [escalationKind, addressee, basis] of cases) {
      const text = htmlText(renderDossierHtml({ ...data('regional_request'), escalationKind }));
      expect(text).toContain(addressee);
      expect(text).toMatch(basis);
      expect(text).toContain('4. Irreparable harm Her life is at risk without care.');
    }
  });

  it('treaty bodies: the instrument, and "check before submitting" when the table does not say', () => {
    const d = data('treaty_communication');
    expect(htmlText(renderDossierHtml(d))).toContain('Accepted by Egypt No');
    const unknown = {
      ...d,
      procedure: { ...d.procedure!, acceptance: [{ country: 'EG', accepted: null }] },
    };
    expect(htmlText(renderDossierHtml(unknown))).toContain(
      'Accepted by Egypt Check before submitting',
    );
    expect(htmlText(renderDossierHtml(d))).toContain(
      'First Optional Protocol to the International Covenant on Civil and Political Rights',
    );
  });

  it('WGEID: the forces believed responsible and the steps taken to locate the person', () => {
    const text = htmlText(renderDossierHtml(data('disappearance')));
    expect(text).toMatch(
      /3\. Forces believed to be responsible .*National Security Agency officers/,
    );
    expect(text).toMatch(/4\. Steps taken .*Her family asked every police station in Giza\./);
  });
});
