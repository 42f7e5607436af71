import type { DossierTemplateKind } from '../dossier-data';
import type { OverrideType } from './values';

/**
 * The questionnaires as data. Each answer field is drawn from the case record (and may then be
 * overridden on the escalation), typed on the escalation as the questionnaire's own answer,
 * or read from the source record or the consent ledger. Each mechanism's form lists the
 * sections and fields it asks, and what it requires before a submission (or public) edition is
 * generated: a new mechanism is a new entry here, its words in the locale files
 * (templates/dossiers/locales/<lang>.json: `fields.*`, `forms.<kind>.*`, `requirements.*`).
 */

export type FieldScope = 'person' | 'escalation';
export type FieldOrigin = 'record' | 'questionnaire' | 'source' | 'consent';

export interface AnswerField {
  id: string;
  scope: FieldScope;
  origin: FieldOrigin;
  /** How an override is typed; null: the answer cannot be overridden (edit its source). */
  override: OverrideType | null;
  /** Submission edition only (never in a public edition). */
  sensitive?: true;
}

const record = (id: string, override: OverrideType, scope: FieldScope = 'person'): AnswerField => ({
  id,
  scope,
  origin: 'record',
  override,
});
const typed = (id: string, scope: FieldScope = 'escalation'): AnswerField => ({
  id,
  scope,
  origin: 'questionnaire',
  override: null,
});

export const ANSWER_FIELDS: readonly AnswerField[] = [
  record('identity.familyName', 'text'),
  record('identity.givenNames', 'text'),
  record('identity.otherNames', 'text'),
  record('identity.sex', 'text'),
  record('identity.birth', 'text'),
  record('identity.nationalities', 'text'),
  typed('identity.document', 'person'),
  record('identity.profession', 'text'),
  // The address is encrypted on the profile: corrected there, never copied into an override.
  { id: 'identity.address', scope: 'person', origin: 'record', override: null, sensitive: true },
  record('arrest.date', 'date'),
  record('arrest.place', 'text'),
  record('arrest.forces', 'text'),
  record('arrest.warrantShown', 'boolean'),
  record('arrest.authority', 'text'),
  record('arrest.reasons', 'text'),
  record('arrest.legalBasis', 'text'),
  record('detention.date', 'date'),
  record('detention.duration', 'text'),
  record('detention.forces', 'text'),
  record('detention.places', 'text'),
  record('detention.authority', 'text'),
  record('detention.reasons', 'text'),
  record('detention.legalBasis', 'text'),
  record('detention.pretrialExtensions', 'text'),
  record('detention.incommunicado', 'text'),
  record('detention.houseArrest', 'text'),
  record('detention.lawyerDenied', 'text'),
  record('detention.familyDenied', 'text'),
  { id: 'consent.unSubmission', scope: 'person', origin: 'consent', override: null },
  typed('questionnaire.summary'),
  typed('questionnaire.circumstances'),
  typed('questionnaire.categories'),
  typed('questionnaire.urgency'),
  record('remedies.steps', 'text', 'escalation'),
  typed('questionnaire.remedies'),
  typed('questionnaire.previousSubmissions'),
  typed('questionnaire.namePublicly'),
  typed('questionnaire.confidentiality'),
  typed('questionnaire.recommendations'),
  typed('questionnaire.locateSteps'),
  typed('questionnaire.irreparableHarm'),
  typed('questionnaire.applicationNumber'),
  { id: 'source.identity', scope: 'escalation', origin: 'source', override: null, sensitive: true },
];

const BY_ID = new Map(ANSWER_FIELDS.map((f) => [f.id, f]));

export function answerField(id: string): AnswerField | undefined {
  return BY_ID.get(id);
}

export type RequirementLevel = 'required' | 'recommended';

/**
 * What a mechanism needs before a dossier is generated: met when any of `fields` has an answer
 * (for a person-scoped requirement: for every person). `id` names the words in the locale
 * files (`requirements.<id>`): "date of arrest", "domestic remedies or why not".
 */
export interface Requirement {
  id: string;
  level: RequirementLevel;
  scope: FieldScope;
  fields: readonly string[];
}

export interface FormSection {
  /** The section's key in the locale files (`forms.<kind>.sections.<id>`). */
  id: string;
  fields: readonly string[];
}

export interface FormDefinition {
  kind: DossierTemplateKind;
  sections: readonly FormSection[];
  requirements: { submission: readonly Requirement[]; public: readonly Requirement[] };
  /** The longest concise summary the mechanism takes (a warning beyond it), or null. */
  summaryWordLimit: number | null;
}

/** A requirement on fields of one scope (a person's, or the escalation's). */
const req = (
  id: string,
  fields: readonly string[],
  level: RequirementLevel = 'required',
): Requirement => {
  const scope = answerField(fields[0])?.scope;
  if (!scope || fields.some((f) => answerField(f)?.scope !== scope)) {
    throw new Error(`Requirement ${id}: unknown fields or mixed scopes (${fields.join(', ')})`);
  }
  return { id, level, scope, fields };
};

const IDENTITY = [
  'identity.familyName',
  'identity.givenNames',
  'identity.otherNames',
  'identity.sex',
  'identity.birth',
  'identity.nationalities',
  'identity.document',
  'identity.profession',
  'identity.address',
];
const ARREST = [
  'arrest.date',
  'arrest.place',
  'arrest.forces',
  'arrest.warrantShown',
  'arrest.authority',
  'arrest.reasons',
  'arrest.legalBasis',
];
const DETENTION = [
  'detention.date',
  'detention.duration',
  'detention.forces',
  'detention.places',
  'detention.authority',
  'detention.reasons',
  'detention.legalBasis',
  'detention.pretrialExtensions',
  'detention.incommunicado',
  'detention.houseArrest',
  'detention.lawyerDenied',
  'detention.familyDenied',
];

const NAMES = [
  req('familyName', ['identity.familyName']),
  req('givenNames', ['identity.givenNames']),
];
const CONSENT = req('consent', ['consent.unSubmission']);
const SOURCE = req('source', ['source.identity']);

const SUMMARY = req('summary', ['questionnaire.summary']);
const ARREST_DATE = req('arrestDate', ['arrest.date']);
const CIRCUMSTANCES = req('circumstances', ['questionnaire.circumstances']);
const SUMMARY_SECTION: FormSection = { id: 'summary', fields: ['questionnaire.summary'] };
const FACTS = ['questionnaire.circumstances', ...ARREST, ...DETENTION];
const REMEDIES = ['remedies.steps', 'questionnaire.remedies'];
const SOURCE_SECTION: FormSection = { id: 'source', fields: ['source.identity'] };
const CONSENT_SECTION: FormSection = {
  id: 'consent',
  fields: ['consent.unSubmission', 'questionnaire.confidentiality'],
};

export const FORMS: Readonly<Record<DossierTemplateKind, FormDefinition>> = {
  wgad_regular: {
    kind: 'wgad_regular',
    sections: [
      SUMMARY_SECTION,
      { id: 'I', fields: IDENTITY },
      { id: 'II', fields: ARREST },
      { id: 'III', fields: DETENTION },
      { id: 'IV', fields: ['questionnaire.circumstances', 'questionnaire.categories'] },
      { id: 'V', fields: REMEDIES },
      { id: 'VI', fields: ['source.identity'] },
      CONSENT_SECTION,
    ],
    requirements: {
      submission: [
        SUMMARY,
        ...NAMES,
        req('sex', ['identity.sex'], 'recommended'),
        req('birth', ['identity.birth'], 'recommended'),
        req('nationality', ['identity.nationalities']),
        req('profession', ['identity.profession'], 'recommended'),
        req('address', ['identity.address'], 'recommended'),
        ARREST_DATE,
        req('arrestPlace', ['arrest.place']),
        req('forcesOrAuthority', ['arrest.forces', 'arrest.authority']),
        req('warrant', ['arrest.warrantShown'], 'recommended'),
        req('arrestReasons', ['arrest.reasons'], 'recommended'),
        req('legalBasis', ['arrest.legalBasis', 'detention.legalBasis'], 'recommended'),
        req('detentionPlaces', ['detention.places']),
        req('detentionAuthority', ['detention.authority'], 'recommended'),
        CIRCUMSTANCES,
        req('category', ['questionnaire.categories']),
        req('remedies', REMEDIES),
        SOURCE,
        CONSENT,
      ],
      public: [ARREST_DATE, CIRCUMSTANCES, req('category', ['questionnaire.categories'])],
    },
    summaryWordLimit: 300,
  },
  wgad_urgent_action: {
    kind: 'wgad_urgent_action',
    sections: [
      { id: 'identity', fields: IDENTITY },
      { id: 'situation', fields: FACTS },
      { id: 'risk', fields: ['questionnaire.urgency'] },
      { id: 'grounds', fields: ['questionnaire.categories'] },
      { id: 'remedies', fields: REMEDIES },
      SOURCE_SECTION,
      CONSENT_SECTION,
    ],
    requirements: {
      submission: [
        ...NAMES,
        req('nationality', ['identity.nationalities']),
        ARREST_DATE,
        req('detentionPlaces', ['detention.places']),
        req('urgency', ['questionnaire.urgency']),
        req('circumstances', ['questionnaire.circumstances'], 'recommended'),
        SOURCE,
        CONSENT,
      ],
      public: [ARREST_DATE, req('urgency', ['questionnaire.urgency'])],
    },
    summaryWordLimit: null,
  },
  sp_communication: {
    kind: 'sp_communication',
    sections: [
      SUMMARY_SECTION,
      { id: 'victims', fields: IDENTITY },
      { id: 'facts', fields: FACTS },
      {
        id: 'concerns',
        fields: ['questionnaire.categories', 'remedies.steps', 'questionnaire.remedies'],
      },
      { id: 'previous', fields: ['questionnaire.previousSubmissions'] },
      SOURCE_SECTION,
      {
        id: 'consent',
        fields: [
          'consent.unSubmission',
          'questionnaire.namePublicly',
          'questionnaire.confidentiality',
        ],
      },
    ],
    requirements: {
      submission: [
        SUMMARY,
        ...NAMES,
        req('nationality', ['identity.nationalities'], 'recommended'),
        ARREST_DATE,
        CIRCUMSTANCES,
        req('namePublicly', ['questionnaire.namePublicly']),
        req('remedies', REMEDIES, 'recommended'),
        SOURCE,
        CONSENT,
      ],
      public: [SUMMARY, ARREST_DATE],
    },
    summaryWordLimit: 300,
  },
  upr_submission: {
    kind: 'upr_submission',
    sections: [
      SUMMARY_SECTION,
      {
        id: 'facts',
        fields: ['questionnaire.circumstances', ...IDENTITY, ...ARREST, ...DETENTION],
      },
      { id: 'remedies', fields: REMEDIES },
      { id: 'recommendations', fields: ['questionnaire.recommendations'] },
      SOURCE_SECTION,
      CONSENT_SECTION,
    ],
    requirements: {
      submission: [
        SUMMARY,
        CIRCUMSTANCES,
        req('recommendations', ['questionnaire.recommendations']),
        req('arrestDate', ['arrest.date'], 'recommended'),
        CONSENT,
      ],
      public: [SUMMARY, req('recommendations', ['questionnaire.recommendations'])],
    },
    // The whole submission has its limit (questionnaire/upr.ts), not the summary.
    summaryWordLimit: null,
  },
  regional_request: {
    kind: 'regional_request',
    sections: [
      { id: 'beneficiaries', fields: IDENTITY },
      { id: 'facts', fields: FACTS },
      { id: 'urgency', fields: ['questionnaire.urgency'] },
      { id: 'harm', fields: ['questionnaire.irreparableHarm'] },
      {
        id: 'remedies',
        fields: ['remedies.steps', 'questionnaire.remedies', 'questionnaire.previousSubmissions'],
      },
      { id: 'application', fields: ['questionnaire.applicationNumber'] },
      SOURCE_SECTION,
      CONSENT_SECTION,
    ],
    requirements: {
      submission: [
        ...NAMES,
        ARREST_DATE,
        CIRCUMSTANCES,
        req('urgency', ['questionnaire.urgency']),
        req('irreparableHarm', ['questionnaire.irreparableHarm']),
        req('remedies', REMEDIES, 'recommended'),
        SOURCE,
        CONSENT,
      ],
      public: [ARREST_DATE, req('urgency', ['questionnaire.urgency'])],
    },
    summaryWordLimit: null,
  },
  disappearance: {
    kind: 'disappearance',
    sections: [
      { id: 'identity', fields: IDENTITY },
      { id: 'deprivation', fields: FACTS },
      { id: 'locate', fields: ['questionnaire.locateSteps', 'remedies.steps'] },
      { id: 'urgency', fields: ['questionnaire.urgency'] },
      SOURCE_SECTION,
      CONSENT_SECTION,
    ],
    requirements: {
      // The WGEID's required elements: identity, date and place of the deprivation of liberty
      // or abduction, the forces believed responsible, the steps taken to locate the person.
      submission: [
        ...NAMES,
        ARREST_DATE,
        req('arrestPlace', ['arrest.place']),
        req('forcesOrAuthority', ['arrest.forces', 'arrest.authority']),
        req('locateSteps', ['questionnaire.locateSteps', 'remedies.steps']),
        req('circumstances', ['questionnaire.circumstances'], 'recommended'),
        SOURCE,
        CONSENT,
      ],
      public: [ARREST_DATE],
    },
    summaryWordLimit: null,
  },
  treaty_communication: {
    kind: 'treaty_communication',
    sections: [
      { id: 'author', fields: IDENTITY },
      { id: 'facts', fields: FACTS },
      SUMMARY_SECTION,
      { id: 'remedies', fields: REMEDIES },
      { id: 'otherProcedure', fields: ['questionnaire.previousSubmissions'] },
      { id: 'interim', fields: ['questionnaire.urgency'] },
      SOURCE_SECTION,
      CONSENT_SECTION,
    ],
    requirements: {
      submission: [
        ...NAMES,
        req('nationality', ['identity.nationalities'], 'recommended'),
        ARREST_DATE,
        CIRCUMSTANCES,
        req('remedies', REMEDIES),
        req('otherProcedure', ['questionnaire.previousSubmissions']),
        SOURCE,
        CONSENT,
      ],
      public: [ARREST_DATE, CIRCUMSTANCES],
    },
    summaryWordLimit: null,
  },
  hrc_brief: {
    kind: 'hrc_brief',
    sections: [
      SUMMARY_SECTION,
      { id: 'defenders', fields: IDENTITY },
      { id: 'facts', fields: FACTS },
      { id: 'arbitrary', fields: ['questionnaire.categories'] },
      { id: 'remedies', fields: REMEDIES },
      SOURCE_SECTION,
      CONSENT_SECTION,
    ],
    requirements: {
      submission: [
        SUMMARY,
        ARREST_DATE,
        CIRCUMSTANCES,
        req('category', ['questionnaire.categories'], 'recommended'),
        CONSENT,
      ],
      public: [SUMMARY, ARREST_DATE],
    },
    summaryWordLimit: 500,
  },
};
