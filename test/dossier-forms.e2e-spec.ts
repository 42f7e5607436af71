import { DossiersService, EscalationsService, renderDossierHtml } from '@witness/domain';
import { PdfRenderer } from '@witness/platform';
import { extractPdfText } from '@witness/platform/pdf/pdf-text';
import { startApi, type TestApi } from './support/api';
import {
  content,
  notKnown,
  PROFILE,
  recordCompleteCase,
  SOURCE,
  squash,
  type Language,
} from './support/dossier-case';
import { createStaff, type TestUser } from './support/users';

/**
 * The forms of their own (UPR submission, regional measures, WGEID/CED, treaty bodies), each
 * rendered from a case recorded through the api, as the worker renders it (buildData, the
 * template, Chromium) and read back from the PDF's own text: the form's headings in each
 * language, the record's facts, and nothing "Not known" that the record holds.
 */

interface Form {
  kind: string;
  mechanism: string;
  extra?: Record<string, unknown>;
  content?: Record<string, unknown>;
  /** Headings and words of the form, per language. */
  words: Record<Language, string[]>;
  /** Facts of the record or the escalation, the same in every language. */
  facts: string[];
}

const FORMS: Form[] = [
  {
    kind: 'upr_submission',
    mechanism: 'upr',
    extra: { hrcSession: 'UPR 52', meetingOn: '2026-11-05' },
    content: {
      uprCycle: 4,
      recommendations: ['Ilgha qanun 94/2015.', 'Itlaq sarah al-sahafiyyin.'],
    },
    words: {
      en: [
        'I. Summary',
        'IV. Recommendations (4th cycle)',
        'State under review Egypt',
        '4th cycle',
      ],
      fr: ['I. Résumé', 'IV. Recommandations (4e cycle)', 'État examiné Égypte'],
      es: ['I. Resumen', 'IV. Recomendaciones (4.º ciclo)', 'Estado examinado Egipto'],
    },
    facts: ['UPR 52', 'Ilgha qanun 94/2015.', 'Itlaq sarah al-sahafiyyin.'],
  },
  {
    kind: 'iachr_precautionary_measures',
    mechanism: 'iachr',
    content: { urgency: 'Marad al-qalb.', irreparableHarm: 'Khatar ala hayatiha.' },
    words: {
      en: ['Request for precautionary measures', 'Article 25 of the Rules', '4. Irreparable harm'],
      fr: [
        'Demande de mesures conservatoires',
        'Article 25 du Règlement',
        '4. Préjudice irréparable',
      ],
      es: ['Solicitud de medidas cautelares', 'Artículo 25 del Reglamento', '4. Daño irreparable'],
    },
    facts: ['Marad al-qalb.', 'Khatar ala hayatiha.'],
  },
  {
    kind: 'wgeid_communication',
    mechanism: 'wgeid',
    content: { locateSteps: 'Bahth fi kull al-aqsam.' },
    words: {
      en: ['3. Forces believed to be responsible', '4. Steps taken to search for and locate'],
      fr: ['3. Forces présumées responsables', '4. Démarches entreprises pour rechercher'],
      es: ['3. Fuerzas presuntamente responsables', '4. Gestiones realizadas para buscar'],
    },
    facts: ['Bahth fi kull al-aqsam.', 'Amn al-Watani', 'Rue Tahrir 14, Dokki'],
  },
  {
    kind: 'treaty_communication',
    mechanism: 'hrcttee',
    content: { previousSubmissions: 'La.' },
    words: {
      en: [
        'Individual communication',
        '4. Exhaustion of domestic remedies',
        'First Optional Protocol',
        'Accepted by Egypt No',
      ],
      fr: [
        'Communication individuelle',
        '4. Épuisement des recours internes',
        'Premier Protocole facultatif',
        'Acceptée par Égypte Non',
      ],
      es: [
        'Comunicación individual',
        '4. Agotamiento de los recursos internos',
        'Primer Protocolo Facultativo',
        'Aceptado por Egipto No',
      ],
    },
    facts: ['La.', 'Mahkamat al-Istinaf', 'Al-mahakim la tanzur.'],
  },
];

/** Facts every form draws from the record. */
const RECORD_FACTS = ['Haddad', 'Amina', 'Amn al-Watani', 'Sijn al-Qanatir'];

describe('dossier forms of their own, as PDFs', () => {
  let api: TestApi;
  let coordinator: TestUser;
  let amina: string;
  const pdf = new PdfRenderer({ timeoutMs: 30_000 });

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    const staff = await createStaff(api);
    coordinator = staff.coordinator;
    amina = await recordCompleteCase(staff.caseworker.request, PROFILE);
  }, 60_000);

  afterAll(async () => {
    await pdf.onApplicationShutdown();
    await api?.close();
  });

  async function pdfText(escalationId: string, language: Language): Promise<string> {
    const m = api.db.manager;
    const actor = { userId: null, role: 'system' as const };
    const { e, defenderIds } = await api.app
      .get(EscalationsService)
      .load(m, escalationId, actor, { sensitive: true });
    const data = await api.app
      .get(DossiersService)
      .buildData(m, e, defenderIds, { language, edition: 'submission' });
    const bytes = await pdf.render(renderDossierHtml(data));
    return squash(await extractPdfText(bytes, 20_000, { raw: true }));
  }

  it.each(FORMS.map((f) => [f.kind, f] as const))(
    '%s: its headings in en, fr and es, the record’s facts, nothing "Not known"',
    async (_kind, form) => {
      const res = await coordinator.request({
        method: 'POST',
        url: '/api/v1/escalations',
        body: {
          defenderIds: [amina],
          mechanism: form.mechanism,
          kind: form.kind,
          content: { ...content(amina), ...form.content },
          sourceIdentity: SOURCE,
          ...form.extra,
        },
      });
      expect(res.status).toBe(201);
      for (const language of ['en', 'fr', 'es'] as const) {
        const text = await pdfText(res.body.id, language);
        const flat = text.replace(/\s/g, '');
        for (const words of [...form.words[language], ...form.facts, ...RECORD_FACTS]) {
          // Line breaks in table cells fall anywhere: compared without spaces.
          expect({ language, words, found: flat.includes(words.replace(/\s/g, '')) }).toEqual({
            language,
            words,
            found: true,
          });
        }
        expect(text).not.toContain(notKnown(language));
      }
    },
    120_000,
  );
});
