import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir as templatesRoot } from '@witness/platform';
import type {
  DossierData,
  DossierDefender,
  DossierLanguage,
  DossierTemplateKind,
  WgadCategory,
} from './dossier-data';

/**
 * Dossier HTML renderer. Pure: data in, HTML string out (the templates are read from disk once
 * and cached for the life of the process). No Nest, no database.
 *
 * - Templates: `templates/dossiers/<kind>/<language>.hbs`; shared partials, including the
 *   `layout` with the print CSS, in `templates/dossiers/partials/*.hbs`, registered by file name.
 * - One ISOLATED Handlebars environment per language (`Handlebars.create()`), so the
 *   locale-aware helpers (`t`, `date`, `days`, `category`, `label`, ...) are bound to their
 *   language and nothing registered elsewhere leaks in or out.
 * - HTML escaping stays on everywhere: helpers return plain strings (escaped by Handlebars),
 *   never SafeString, and templates never use triple-stash for data.
 * - Defence in depth for the `public` edition: the renderer drops contacts, confidential notes,
 *   the source, the confidentiality statement, the usual address and the identity document
 *   number from the data before the template sees it, and the templates also guard those
 *   sections with `@root.submission`. A field the caller leaves out is left out of the public
 *   edition altogether (its row is not rendered); the submission edition says "Not known".
 *
 * Bump DOSSIER_TEMPLATE_VERSION whenever a template, a partial or a helper changes the output:
 * each generated dossier records the version it was made with.
 */
export const DOSSIER_TEMPLATE_VERSION = '2';

export const DOSSIER_TEMPLATE_KINDS: readonly DossierTemplateKind[] = [
  'wgad_regular',
  'wgad_urgent_action',
  'sp_communication',
  'hrc_brief',
];
export const DOSSIER_LANGUAGES: readonly DossierLanguage[] = ['en', 'fr', 'es'];

const KIND_BY_ESCALATION: Readonly<Record<string, DossierTemplateKind>> = {
  wgad_regular: 'wgad_regular',
  wgad_urgent_action: 'wgad_urgent_action',
  sp_urgent_appeal: 'sp_communication',
  sp_allegation_letter: 'sp_communication',
  hrc_statement: 'hrc_brief',
  hrc_side_event: 'hrc_brief',
  upr_submission: 'hrc_brief',
  regional_communication: 'hrc_brief',
};

/** The dossier template for an escalation kind. Throws on an unknown kind. */
export function templateKindFor(escalationKind: string): DossierTemplateKind {
  const kind = Object.hasOwn(KIND_BY_ESCALATION, escalationKind)
    ? KIND_BY_ESCALATION[escalationKind]
    : undefined;
  if (!kind)
    throw new Error(`No dossier template for escalation kind ${JSON.stringify(escalationKind)}`);
  return kind;
}

// ---------------------------------------------------------------------------------------------
// Locale: fixed headings, enum labels, category texts
// ---------------------------------------------------------------------------------------------

const EN = {
  confidential: 'CONFIDENTIAL',
  confidentialBanner:
    'Submission edition: contains personal data of detained persons, their families and sources. Do not forward or publish.',
  publicEdition: 'Public edition',
  publicBanner:
    'Contacts, the source’s identity and confidential information are left out of this edition.',
  documentFooter: 'Witness dossier',
  templateVersion: 'template version',
  generatedOn: 'Generated on',
  ourReference: 'Our reference',
  unReference: 'UN reference',
  mechanism: 'Mechanism',
  procedure: 'Procedure',
  hrcSession: 'Session',
  edition: 'Edition',
  editionSubmission: 'Submission (confidential)',
  editionPublic: 'Public',
  person: 'Person',
  fullName: 'Full name',
  otherNames: 'Other names',
  sex: 'Sex',
  birth: 'Date of birth or age',
  bornIn: 'Born in',
  nationality: 'Nationality',
  country: 'Country',
  profession: 'Profession and/or activity',
  organisation: 'Organisation',
  hrdFocus: 'Human rights work',
  summary: 'Summary',
  status: 'Current situation',
  detainedSince: 'Detained since',
  daysDetained: 'Days in detention (current episode)',
  totalDaysDetained: 'Days in detention (in total)',
  usualAddress: 'Address of usual residence',
  identityDocument: 'Identity document',
  idType: 'Identity document',
  idIssuedBy: 'Issued by',
  idIssuedOn: 'On (date)',
  idNumber: 'No.',
  arrest: 'Arrest',
  arrestDate: 'Date of arrest',
  arrestPlace: 'Place of arrest',
  arrestForces: 'Forces who carried out the arrest or are believed to have carried it out',
  warrantShown: 'Warrant or other decision by a public authority shown',
  arrestAuthority: 'Authority who issued the warrant or decision',
  arrestReasons: 'Reasons for the arrest imputed by the authorities',
  arrestLegalBasis: 'Legal basis for the arrest, including relevant legislation applied',
  detention: 'Detention',
  detentionDate: 'Date of detention',
  detentionDuration: 'Duration of detention (if not known, probable duration)',
  detentionForces: 'Forces holding the detainee under custody',
  detentionPlaces: 'Places of detention (transfers and present place)',
  detentionAuthority: 'Authorities that ordered the detention',
  detentionReasons: 'Reasons for the detention imputed by the authorities',
  detentionLegalBasis: 'Legal basis for the detention, including relevant legislation applied',
  circumstances: 'Circumstances',
  category: 'Category',
  argument: 'Why this category applies',
  noCategories: 'No category of arbitrary detention is claimed.',
  remedyStep: 'Step or remedy',
  remedyDate: 'Date',
  remedyResult: 'Result',
  noRemedies: 'No domestic step or remedy is recorded.',
  timeline: 'Chronology',
  tlDate: 'Date',
  tlEvent: 'Event',
  tlPlace: 'Place',
  tlAuthority: 'Authority',
  tlLegalBasis: 'Legal basis',
  tlCharges: 'Charges',
  tlSentence: 'Sentence',
  tlDescription: 'Details',
  noEvents: 'No event is recorded.',
  sourceName: 'Full name',
  sourceOrganisation: 'Organisation',
  sourceContact: 'Contact',
  date: 'Date',
  signature: 'Signature',
  sourceConfidential:
    'The identity of the source is confidential and must not be disclosed to the Government concerned.',
  consentAndConfidentiality: 'Consent and confidentiality',
  consentPurpose: 'Purpose',
  consentState: 'Consent',
  consentSince: 'Since',
  noConsents: 'No consent is recorded.',
  confidentiality: 'Information to be kept confidential',
  contacts: 'Contacts of the family and lawyers',
  contactName: 'Name',
  contactRelation: 'Relation',
  contactPhone: 'Telephone',
  contactEmail: 'Email',
  confidentialNotes: 'Confidential notes',
  annexes: 'Annexes',
  annexTitle: 'Document',
  annexDate: 'Date',
  annexKind: 'Type',
  annex: 'Annex',
  annexNumber: 'No.',
  annexLanguage: 'Language',
  annexesIntro: 'The following documents are annexed to this communication.',
  notKnown: 'Not known',
  yes: 'Yes',
  no: 'No',
  addressedTo: 'Addressed to',
  keyDates: 'Key dates',
} as const;

type TKey = keyof typeof EN;
type Dictionary = Record<TKey, string>;

const FR: Dictionary = {
  confidential: 'CONFIDENTIEL',
  confidentialBanner:
    'Édition pour soumission : contient des données personnelles des personnes détenues, de leurs familles et des sources. Ne pas transférer ni publier.',
  publicEdition: 'Édition publique',
  publicBanner:
    'Les coordonnées, l’identité de la source et les informations confidentielles sont omises de cette édition.',
  documentFooter: 'Dossier Witness',
  templateVersion: 'version du modèle',
  generatedOn: 'Établi le',
  ourReference: 'Notre référence',
  unReference: 'Référence ONU',
  mechanism: 'Mécanisme',
  procedure: 'Procédure',
  hrcSession: 'Session',
  edition: 'Édition',
  editionSubmission: 'Soumission (confidentielle)',
  editionPublic: 'Publique',
  person: 'Personne',
  fullName: 'Nom complet',
  otherNames: 'Autres noms',
  sex: 'Sexe',
  birth: 'Date de naissance ou âge',
  bornIn: 'Né(e) en',
  nationality: 'Nationalité',
  country: 'Pays',
  profession: 'Profession et/ou activité',
  organisation: 'Organisation',
  hrdFocus: 'Domaine de défense des droits de l’homme',
  summary: 'Résumé',
  status: 'Situation actuelle',
  detainedSince: 'Détenu(e) depuis le',
  daysDetained: 'Jours de détention (période en cours)',
  totalDaysDetained: 'Jours de détention (au total)',
  usualAddress: 'Adresse de résidence habituelle',
  identityDocument: 'Pièce d’identité',
  idType: 'Pièce d’identité',
  idIssuedBy: 'Délivrée par',
  idIssuedOn: 'Le (date)',
  idNumber: 'No',
  arrest: 'Arrestation',
  arrestDate: 'Date de l’arrestation',
  arrestPlace: 'Lieu de l’arrestation',
  arrestForces: 'Forces ayant procédé à l’arrestation ou présumées l’avoir fait',
  warrantShown: 'Présentation d’un mandat ou d’une autre décision d’une autorité publique',
  arrestAuthority: 'Autorité ayant délivré le mandat ou la décision',
  arrestReasons: 'Motifs de l’arrestation invoqués par les autorités',
  arrestLegalBasis: 'Fondement juridique, y compris la législation pertinente appliquée',
  detention: 'Détention',
  detentionDate: 'Date de la détention',
  detentionDuration: 'Durée de la détention (si elle n’est pas connue, durée probable)',
  detentionForces: 'Forces détenant la personne détenue',
  detentionPlaces: 'Lieux de détention (transferts et lieu actuel)',
  detentionAuthority: 'Autorités ayant ordonné la détention',
  detentionReasons: 'Motifs de la détention invoqués par les autorités',
  detentionLegalBasis: 'Fondement juridique, y compris la législation pertinente appliquée',
  circumstances: 'Circonstances',
  category: 'Catégorie',
  argument: 'Raisons pour lesquelles cette catégorie s’applique',
  noCategories: 'Aucune catégorie de détention arbitraire n’est invoquée.',
  remedyStep: 'Démarche ou recours',
  remedyDate: 'Date',
  remedyResult: 'Résultat',
  noRemedies: 'Aucune démarche ni aucun recours interne n’est enregistré.',
  timeline: 'Chronologie',
  tlDate: 'Date',
  tlEvent: 'Événement',
  tlPlace: 'Lieu',
  tlAuthority: 'Autorité',
  tlLegalBasis: 'Fondement juridique',
  tlCharges: 'Chefs d’accusation',
  tlSentence: 'Peine',
  tlDescription: 'Précisions',
  noEvents: 'Aucun événement n’est enregistré.',
  sourceName: 'Nom complet',
  sourceOrganisation: 'Organisation',
  sourceContact: 'Coordonnées',
  date: 'Date',
  signature: 'Signature',
  sourceConfidential:
    'L’identité de la source est confidentielle et ne doit pas être communiquée au gouvernement concerné.',
  consentAndConfidentiality: 'Consentement et confidentialité',
  consentPurpose: 'Finalité',
  consentState: 'Consentement',
  consentSince: 'Depuis le',
  noConsents: 'Aucun consentement n’est enregistré.',
  confidentiality: 'Informations à garder confidentielles',
  contacts: 'Coordonnées de la famille et des avocats',
  contactName: 'Nom',
  contactRelation: 'Lien',
  contactPhone: 'Téléphone',
  contactEmail: 'Courriel',
  confidentialNotes: 'Notes confidentielles',
  annexes: 'Annexes',
  annexTitle: 'Document',
  annexDate: 'Date',
  annexKind: 'Type',
  annex: 'Annexe',
  annexNumber: 'No',
  annexLanguage: 'Langue',
  annexesIntro: 'Les documents suivants sont joints à la présente communication.',
  notKnown: 'Inconnu',
  yes: 'Oui',
  no: 'Non',
  addressedTo: 'Destinataires',
  keyDates: 'Dates clés',
};

const ES: Dictionary = {
  confidential: 'CONFIDENCIAL',
  confidentialBanner:
    'Edición para presentación: contiene datos personales de las personas detenidas, sus familias y las fuentes. No reenviar ni publicar.',
  publicEdition: 'Edición pública',
  publicBanner:
    'Los datos de contacto, la identidad de la fuente y la información confidencial se omiten en esta edición.',
  documentFooter: 'Expediente Witness',
  templateVersion: 'versión de la plantilla',
  generatedOn: 'Elaborado el',
  ourReference: 'Nuestra referencia',
  unReference: 'Referencia de las Naciones Unidas',
  mechanism: 'Mecanismo',
  procedure: 'Procedimiento',
  hrcSession: 'Período de sesiones',
  edition: 'Edición',
  editionSubmission: 'Presentación (confidencial)',
  editionPublic: 'Pública',
  person: 'Persona',
  fullName: 'Nombre completo',
  otherNames: 'Otros nombres',
  sex: 'Sexo',
  birth: 'Fecha de nacimiento o edad',
  bornIn: 'Nacido/a en',
  nationality: 'Nacionalidad',
  country: 'País',
  profession: 'Profesión y/o actividad',
  organisation: 'Organización',
  hrdFocus: 'Labor de defensa de los derechos humanos',
  summary: 'Resumen',
  status: 'Situación actual',
  detainedSince: 'Detenido/a desde el',
  daysDetained: 'Días de detención (período actual)',
  totalDaysDetained: 'Días de detención (en total)',
  usualAddress: 'Domicilio habitual',
  identityDocument: 'Documento de identidad',
  idType: 'Documento de identidad',
  idIssuedBy: 'Expedido por',
  idIssuedOn: 'En fecha',
  idNumber: 'N.º',
  arrest: 'Arresto',
  arrestDate: 'Fecha del arresto',
  arrestPlace: 'Lugar del arresto',
  arrestForces: 'Fuerzas que efectuaron el arresto o que se cree que lo efectuaron',
  warrantShown: 'Se mostró un mandamiento u otra decisión de una autoridad pública',
  arrestAuthority: 'Autoridad que emitió el mandamiento o la decisión',
  arrestReasons: 'Motivos del arresto aducidos por las autoridades',
  arrestLegalBasis: 'Fundamentos jurídicos del arresto, incluida la legislación aplicada',
  detention: 'Detención',
  detentionDate: 'Fecha de la detención',
  detentionDuration: 'Duración de la detención (si no se conoce, duración probable)',
  detentionForces: 'Fuerzas que mantienen al detenido bajo custodia',
  detentionPlaces: 'Lugares de detención (traslados y lugar actual)',
  detentionAuthority: 'Autoridades que ordenaron la detención',
  detentionReasons: 'Motivos de la detención aducidos por las autoridades',
  detentionLegalBasis: 'Fundamentos jurídicos de la detención, incluida la legislación aplicada',
  circumstances: 'Circunstancias',
  category: 'Categoría',
  argument: 'Razones por las que se aplica esta categoría',
  noCategories: 'No se invoca ninguna categoría de detención arbitraria.',
  remedyStep: 'Gestión o recurso',
  remedyDate: 'Fecha',
  remedyResult: 'Resultado',
  noRemedies: 'No consta ninguna gestión ni recurso interno.',
  timeline: 'Cronología',
  tlDate: 'Fecha',
  tlEvent: 'Hecho',
  tlPlace: 'Lugar',
  tlAuthority: 'Autoridad',
  tlLegalBasis: 'Fundamento jurídico',
  tlCharges: 'Cargos',
  tlSentence: 'Pena',
  tlDescription: 'Detalles',
  noEvents: 'No consta ningún hecho.',
  sourceName: 'Nombre completo',
  sourceOrganisation: 'Organización',
  sourceContact: 'Datos de contacto',
  date: 'Fecha',
  signature: 'Firma',
  sourceConfidential:
    'La identidad de la fuente es confidencial y no debe revelarse al Gobierno interesado.',
  consentAndConfidentiality: 'Consentimiento y confidencialidad',
  consentPurpose: 'Finalidad',
  consentState: 'Consentimiento',
  consentSince: 'Desde el',
  noConsents: 'No consta ningún consentimiento.',
  confidentiality: 'Información que debe mantenerse confidencial',
  contacts: 'Datos de contacto de la familia y de los abogados',
  contactName: 'Nombre',
  contactRelation: 'Relación',
  contactPhone: 'Teléfono',
  contactEmail: 'Correo electrónico',
  confidentialNotes: 'Notas confidenciales',
  annexes: 'Anexos',
  annexTitle: 'Documento',
  annexDate: 'Fecha',
  annexKind: 'Tipo',
  annex: 'Anexo',
  annexNumber: 'N.º',
  annexLanguage: 'Idioma',
  annexesIntro: 'Se adjuntan a la presente comunicación los documentos siguientes.',
  notKnown: 'Se desconoce',
  yes: 'Sí',
  no: 'No',
  addressedTo: 'Destinatarios',
  keyDates: 'Fechas clave',
};

const DICTIONARIES: Record<DossierLanguage, Dictionary> = { en: EN, fr: FR, es: ES };

/**
 * The categories of arbitrary detention in the WGAD's own wording (methods of work of the
 * Working Group on Arbitrary Detention, A/HRC/36/38, para. 8), in each language.
 */
export const WGAD_CATEGORY_TEXTS: Record<DossierLanguage, Record<WgadCategory, string>> = {
  en: {
    I: 'When it is clearly impossible to invoke any legal basis justifying the deprivation of liberty (as when a person is kept in detention after the completion of his or her sentence or despite an amnesty law applicable to him or her)',
    II: 'When the deprivation of liberty results from the exercise of the rights or freedoms guaranteed by articles 7, 13, 14, 18, 19, 20 and 21 of the Universal Declaration of Human Rights and, insofar as States parties are concerned, by articles 12, 18, 19, 21, 22, 25, 26 and 27 of the International Covenant on Civil and Political Rights',
    III: 'When the total or partial non-observance of the international norms relating to the right to a fair trial, established in the Universal Declaration of Human Rights and in the relevant international instruments accepted by the States concerned, is of such gravity as to give the deprivation of liberty an arbitrary character',
    IV: 'When asylum seekers, immigrants or refugees are subjected to prolonged administrative custody without the possibility of administrative or judicial review or remedy',
    V: 'When the deprivation of liberty constitutes a violation of international law on the grounds of discrimination based on birth, national, ethnic or social origin, language, religion, economic condition, political or other opinion, gender, sexual orientation, disability, or any other status, that aims towards or can result in ignoring the equality of human beings',
  },
  fr: {
    I: 'Lorsqu’il est manifestement impossible d’invoquer un quelconque fondement légal qui justifie la privation de liberté (comme dans le cas où une personne est maintenue en détention au-delà de l’exécution de sa peine ou malgré une loi d’amnistie qui lui serait applicable)',
    II: 'Lorsque la privation de liberté résulte de l’exercice de droits ou de libertés garantis par les articles 7, 13, 14, 18, 19, 20 et 21 de la Déclaration universelle des droits de l’homme et, en ce qui concerne les États parties, par les articles 12, 18, 19, 21, 22, 25, 26 et 27 du Pacte international relatif aux droits civils et politiques',
    III: 'Lorsque l’inobservation, totale ou partielle, des normes internationales relatives au droit à un procès équitable, établies dans la Déclaration universelle des droits de l’homme et dans les instruments internationaux pertinents acceptés par les États intéressés, est d’une gravité telle qu’elle rend la privation de liberté arbitraire',
    IV: 'Lorsque des demandeurs d’asile, des immigrants ou des réfugiés font l’objet d’une rétention administrative prolongée sans possibilité de contrôle ou de recours administratif ou juridictionnel',
    V: 'Lorsque la privation de liberté constitue une violation du droit international en ce qu’elle découle d’une discrimination fondée sur la naissance, l’origine nationale, ethnique ou sociale, la langue, la religion, la situation économique, l’opinion politique ou autre, le sexe, l’orientation sexuelle, le handicap ou toute autre situation, qui tend ou peut conduire au non-respect du principe de l’égalité des êtres humains',
  },
  es: {
    I: 'Cuando es manifiestamente imposible invocar fundamento jurídico alguno que justifique la privación de libertad (como el mantenimiento en reclusión de una persona tras haber cumplido su condena o a pesar de una ley de amnistía que le sea aplicable)',
    II: 'Cuando la privación de libertad resulta del ejercicio de los derechos o libertades garantizados por los artículos 7, 13, 14, 18, 19, 20 y 21 de la Declaración Universal de Derechos Humanos y, respecto de los Estados partes, por los artículos 12, 18, 19, 21, 22, 25, 26 y 27 del Pacto Internacional de Derechos Civiles y Políticos',
    III: 'Cuando la inobservancia, total o parcial, de las normas internacionales relativas al derecho a un juicio imparcial, establecidas en la Declaración Universal de Derechos Humanos y en los instrumentos internacionales pertinentes aceptados por los Estados interesados, es de una gravedad tal que confiere a la privación de libertad carácter arbitrario',
    IV: 'Cuando los solicitantes de asilo, inmigrantes o refugiados son objeto de detención administrativa prolongada sin posibilidad de examen o recurso administrativo o judicial',
    V: 'Cuando la privación de libertad constituye una violación del derecho internacional por tratarse de discriminación por motivos de nacimiento, origen nacional, étnico o social, idioma, religión, condición económica, opinión política o de otra índole, género, orientación sexual, discapacidad u otra condición, que lleva o puede llevar a ignorar el principio de igualdad de los seres humanos',
  },
};

const CATEGORY_ORDER: readonly WgadCategory[] = ['I', 'II', 'III', 'IV', 'V'];

type LabelGroup =
  | 'sex'
  | 'relation'
  | 'event'
  | 'status'
  | 'consentPurpose'
  | 'consentState'
  | 'hrdFocus'
  | 'mechanism'
  | 'escalationKind'
  | 'annexKind';

type Labels = Record<LabelGroup, Record<string, string>>;

const LABELS: Record<DossierLanguage, Labels> = {
  en: {
    sex: {
      female: 'Female',
      male: 'Male',
      non_binary: 'Non-binary',
      other: 'Other',
      undisclosed: 'Not disclosed',
    },
    relation: { family: 'Family', lawyer: 'Lawyer', colleague: 'Colleague', other: 'Other' },
    event: {
      arrest: 'Arrest',
      charge: 'Charge',
      hearing: 'Hearing',
      trial: 'Trial',
      verdict: 'Verdict',
      sentence: 'Sentence',
      appeal: 'Appeal',
      transfer: 'Transfer',
      hunger_strike: 'Hunger strike',
      health_concern: 'Health concern',
      ill_treatment: 'Ill-treatment',
      visit_denied: 'Visits denied',
      release: 'Release',
      conditional_release: 'Conditional release',
      rearrest: 'Re-arrest',
      disappearance: 'Enforced disappearance',
      death: 'Death',
      other: 'Other',
    },
    status: {
      detained: 'Detained',
      conditionally_released: 'Conditionally released',
      released: 'Released',
      disappeared: 'Disappeared',
      deceased: 'Deceased',
      unknown: 'Unknown',
    },
    consentPurpose: {
      public_profile: 'Public profile',
      photo: 'Photograph',
      un_submission: 'Submission to the United Nations',
      name_family_members: 'Naming family members',
    },
    consentState: {
      given: 'Given',
      refused: 'Refused',
      revoked: 'Revoked',
      expired: 'Expired',
      none: 'Not recorded',
    },
    hrdFocus: {
      journalist: 'Journalist',
      lawyer: 'Lawyer',
      environmental: 'Environmental defender',
      land_rights: 'Land rights defender',
      womens_rights: 'Women’s rights defender',
      lgbtqi_rights: 'LGBTQI+ rights defender',
      labour_rights: 'Trade unionist / labour rights defender',
      student: 'Student',
      indigenous_rights: 'Indigenous peoples’ rights defender',
      minority_rights: 'Minority rights defender',
      pro_democracy: 'Pro-democracy activist',
      other: 'Other',
    },
    mechanism: {
      wgad: 'Working Group on Arbitrary Detention',
      special_procedures: 'Special Procedures of the Human Rights Council',
      unhrc: 'Human Rights Council',
      upr: 'Universal Periodic Review',
      achpr: 'African Commission on Human and Peoples’ Rights',
      iachr: 'Inter-American Commission on Human Rights',
      other: 'Other',
    },
    escalationKind: {
      wgad_regular: 'Individual communication (regular procedure)',
      wgad_urgent_action: 'Urgent action',
      sp_urgent_appeal: 'Urgent appeal',
      sp_allegation_letter: 'Allegation letter',
      hrc_statement: 'Statement to the Human Rights Council',
      hrc_side_event: 'Side event at the Human Rights Council',
      upr_submission: 'Universal Periodic Review stakeholder submission',
      regional_communication: 'Communication to a regional mechanism',
    },
    annexKind: {
      warrant: 'Warrant',
      charge_sheet: 'Charge sheet',
      court_decision: 'Court decision',
      medical: 'Medical report',
      correspondence: 'Correspondence',
      photo: 'Photograph',
      evidence: 'Evidence',
      other: 'Other document',
    },
  },
  fr: {
    sex: {
      female: 'Féminin',
      male: 'Masculin',
      non_binary: 'Non binaire',
      other: 'Autre',
      undisclosed: 'Non communiqué',
    },
    relation: { family: 'Famille', lawyer: 'Avocat(e)', colleague: 'Collègue', other: 'Autre' },
    event: {
      arrest: 'Arrestation',
      charge: 'Inculpation',
      hearing: 'Audience',
      trial: 'Procès',
      verdict: 'Jugement',
      sentence: 'Condamnation',
      appeal: 'Appel',
      transfer: 'Transfert',
      hunger_strike: 'Grève de la faim',
      health_concern: 'Problème de santé',
      ill_treatment: 'Mauvais traitements',
      visit_denied: 'Visites refusées',
      release: 'Libération',
      conditional_release: 'Libération conditionnelle',
      rearrest: 'Nouvelle arrestation',
      disappearance: 'Disparition forcée',
      death: 'Décès',
      other: 'Autre',
    },
    status: {
      detained: 'En détention',
      conditionally_released: 'En liberté conditionnelle',
      released: 'En liberté',
      disappeared: 'Disparu(e)',
      deceased: 'Décédé(e)',
      unknown: 'Inconnue',
    },
    consentPurpose: {
      public_profile: 'Profil public',
      photo: 'Photographie',
      un_submission: 'Soumission à l’Organisation des Nations Unies',
      name_family_members: 'Mention des membres de la famille',
    },
    consentState: {
      given: 'Donné',
      refused: 'Refusé',
      revoked: 'Révoqué',
      expired: 'Expiré',
      none: 'Non recueilli',
    },
    hrdFocus: {
      journalist: 'Journaliste',
      lawyer: 'Avocat(e)',
      environmental: 'Défenseur(e) de l’environnement',
      land_rights: 'Défenseur(e) des droits fonciers',
      womens_rights: 'Défenseur(e) des droits des femmes',
      lgbtqi_rights: 'Défenseur(e) des droits des personnes LGBTQI+',
      labour_rights: 'Syndicaliste / défenseur(e) des droits des travailleurs',
      student: 'Étudiant(e)',
      indigenous_rights: 'Défenseur(e) des droits des peuples autochtones',
      minority_rights: 'Défenseur(e) des droits des minorités',
      pro_democracy: 'Militant(e) pour la démocratie',
      other: 'Autre',
    },
    mechanism: {
      wgad: 'Groupe de travail sur la détention arbitraire',
      special_procedures: 'Procédures spéciales du Conseil des droits de l’homme',
      unhrc: 'Conseil des droits de l’homme',
      upr: 'Examen périodique universel',
      achpr: 'Commission africaine des droits de l’homme et des peuples',
      iachr: 'Commission interaméricaine des droits de l’homme',
      other: 'Autre',
    },
    escalationKind: {
      wgad_regular: 'Communication individuelle (procédure ordinaire)',
      wgad_urgent_action: 'Action urgente',
      sp_urgent_appeal: 'Appel urgent',
      sp_allegation_letter: 'Lettre d’allégation',
      hrc_statement: 'Déclaration devant le Conseil des droits de l’homme',
      hrc_side_event: 'Manifestation parallèle au Conseil des droits de l’homme',
      upr_submission: 'Contribution des parties prenantes à l’Examen périodique universel',
      regional_communication: 'Communication à un mécanisme régional',
    },
    annexKind: {
      warrant: 'Mandat',
      charge_sheet: 'Acte d’accusation',
      court_decision: 'Décision de justice',
      medical: 'Rapport médical',
      correspondence: 'Correspondance',
      photo: 'Photographie',
      evidence: 'Élément de preuve',
      other: 'Autre document',
    },
  },
  es: {
    sex: {
      female: 'Femenino',
      male: 'Masculino',
      non_binary: 'No binario',
      other: 'Otro',
      undisclosed: 'No se indica',
    },
    relation: { family: 'Familia', lawyer: 'Abogado/a', colleague: 'Colega', other: 'Otra' },
    event: {
      arrest: 'Arresto',
      charge: 'Acusación',
      hearing: 'Audiencia',
      trial: 'Juicio',
      verdict: 'Fallo',
      sentence: 'Condena',
      appeal: 'Apelación',
      transfer: 'Traslado',
      hunger_strike: 'Huelga de hambre',
      health_concern: 'Problema de salud',
      ill_treatment: 'Malos tratos',
      visit_denied: 'Visitas denegadas',
      release: 'Puesta en libertad',
      conditional_release: 'Libertad condicional',
      rearrest: 'Nuevo arresto',
      disappearance: 'Desaparición forzada',
      death: 'Fallecimiento',
      other: 'Otro',
    },
    status: {
      detained: 'En detención',
      conditionally_released: 'En libertad condicional',
      released: 'En libertad',
      disappeared: 'Desaparecido/a',
      deceased: 'Fallecido/a',
      unknown: 'Se desconoce',
    },
    consentPurpose: {
      public_profile: 'Perfil público',
      photo: 'Fotografía',
      un_submission: 'Presentación a las Naciones Unidas',
      name_family_members: 'Mención de familiares',
    },
    consentState: {
      given: 'Otorgado',
      refused: 'Denegado',
      revoked: 'Revocado',
      expired: 'Vencido',
      none: 'No registrado',
    },
    hrdFocus: {
      journalist: 'Periodista',
      lawyer: 'Abogado/a',
      environmental: 'Defensor/a del medio ambiente',
      land_rights: 'Defensor/a del derecho a la tierra',
      womens_rights: 'Defensor/a de los derechos de las mujeres',
      lgbtqi_rights: 'Defensor/a de los derechos de las personas LGBTQI+',
      labour_rights: 'Sindicalista / defensor/a de los derechos laborales',
      student: 'Estudiante',
      indigenous_rights: 'Defensor/a de los derechos de los pueblos indígenas',
      minority_rights: 'Defensor/a de los derechos de las minorías',
      pro_democracy: 'Activista por la democracia',
      other: 'Otro',
    },
    mechanism: {
      wgad: 'Grupo de Trabajo sobre la Detención Arbitraria',
      special_procedures: 'Procedimientos especiales del Consejo de Derechos Humanos',
      unhrc: 'Consejo de Derechos Humanos',
      upr: 'Examen Periódico Universal',
      achpr: 'Comisión Africana de Derechos Humanos y de los Pueblos',
      iachr: 'Comisión Interamericana de Derechos Humanos',
      other: 'Otro',
    },
    escalationKind: {
      wgad_regular: 'Comunicación individual (procedimiento ordinario)',
      wgad_urgent_action: 'Acción urgente',
      sp_urgent_appeal: 'Llamamiento urgente',
      sp_allegation_letter: 'Carta de denuncia',
      hrc_statement: 'Declaración ante el Consejo de Derechos Humanos',
      hrc_side_event: 'Actividad paralela en el Consejo de Derechos Humanos',
      upr_submission: 'Contribución de las partes interesadas al Examen Periódico Universal',
      regional_communication: 'Comunicación a un mecanismo regional',
    },
    annexKind: {
      warrant: 'Orden judicial',
      charge_sheet: 'Escrito de acusación',
      court_decision: 'Resolución judicial',
      medical: 'Informe médico',
      correspondence: 'Correspondencia',
      photo: 'Fotografía',
      evidence: 'Prueba',
      other: 'Otro documento',
    },
  },
};

const DAY_WORDS: Record<DossierLanguage, { one: string; other: string }> = {
  en: { one: 'day', other: 'days' },
  fr: { one: 'jour', other: 'jours' },
  es: { one: 'día', other: 'días' },
};

const INTL_LOCALE: Record<DossierLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

/** Events that show a risk to the health, integrity or life of the person (urgent action). */
const RISK_EVENT_TYPES = new Set([
  'health_concern',
  'hunger_strike',
  'ill_treatment',
  'visit_denied',
  'disappearance',
]);

// ---------------------------------------------------------------------------------------------
// Locale-aware formatting (exported for the tests and for callers that name files, etc.)
// ---------------------------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * Intl formatters are costly to build and a dossier formats hundreds of values: one of each
 * per language, built on first use.
 */
function perLanguage<T>(build: (language: DossierLanguage) => T): (language: DossierLanguage) => T {
  const cache = new Map<DossierLanguage, T>();
  return (language) => {
    let value = cache.get(language);
    if (value === undefined) cache.set(language, (value = build(language)));
    return value;
  };
}

const dateFormat = perLanguage(
  (language) =>
    new Intl.DateTimeFormat(INTL_LOCALE[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
);
const daysFormat = perLanguage(
  (language) =>
    new Intl.NumberFormat(INTL_LOCALE[language], {
      useGrouping: 'always',
      maximumFractionDigits: 0,
    }),
);
const pluralRules = perLanguage((language) => new Intl.PluralRules(INTL_LOCALE[language]));
const languageNames = perLanguage(
  (language) => new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }),
);
const regionNames = perLanguage(
  (language) => new Intl.DisplayNames([language], { type: 'region' }),
);

/**
 * '2024-03-18' (or an ISO date-time, whose calendar date in UTC is used) as "18 March 2024",
 * "18 mars 2024", "18 de marzo de 2024". Empty for null; anything unparseable comes back as is.
 */
export function formatDossierDate(value: unknown, language: DossierLanguage): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const m = DATE_RE.exec(text);
  let date: Date;
  if (m && text.length === 10) {
    date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  } else {
    date = new Date(text);
  }
  if (!m || Number.isNaN(date.getTime())) return text;
  return dateFormat(language).format(date);
}

/** 1234 as "1,234 days", "1 234 jours" (narrow no-break space), "1.234 días". */
export function formatDossierDays(value: unknown, language: DossierLanguage): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  const number = daysFormat(language).format(n);
  const plural = pluralRules(language).select(n);
  const word = plural === 'one' ? DAY_WORDS[language].one : DAY_WORDS[language].other;
  return `${number} ${word}`;
}

/** The WGAD's text of a category in a language; empty for anything else. */
export function wgadCategoryText(category: unknown, language: DossierLanguage): string {
  const texts = WGAD_CATEGORY_TEXTS[language];
  return typeof category === 'string' && Object.hasOwn(texts, category)
    ? texts[category as WgadCategory]
    : '';
}

function humanize(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label of an enum value in a language; unknown values are shown humanized. */
export function dossierLabel(group: string, value: unknown, language: DossierLanguage): string {
  const labels = LABELS[language];
  if (!Object.hasOwn(labels, group)) throw new Error(`Unknown dossier label group "${group}"`);
  if (value === null || value === undefined || value === '') return '';
  const key = String(value);
  const table = labels[group as LabelGroup];
  return Object.hasOwn(table, key) ? table[key] : humanize(key);
}

// ---------------------------------------------------------------------------------------------
// Handlebars environments and templates
// ---------------------------------------------------------------------------------------------

type HelperArgs = unknown[];
/** A helper's last argument is Handlebars' options object; drop it. */
const params = (args: HelperArgs): unknown[] => args.slice(0, -1);

function registerHelpers(hbs: typeof Handlebars, language: DossierLanguage): void {
  const dict = DICTIONARIES[language];
  const t = (key: unknown): string => {
    if (typeof key !== 'string' || !Object.hasOwn(dict, key)) {
      throw new Error(`Missing dossier text ${JSON.stringify(key)} (${language})`);
    }
    return dict[key as TKey];
  };
  hbs.registerHelper('t', (...args: HelperArgs) => t(params(args)[0]));
  hbs.registerHelper('date', (...args: HelperArgs) => formatDossierDate(params(args)[0], language));
  hbs.registerHelper('days', (...args: HelperArgs) => formatDossierDays(params(args)[0], language));
  hbs.registerHelper('category', (...args: HelperArgs) =>
    wgadCategoryText(params(args)[0], language),
  );
  hbs.registerHelper('label', (...args: HelperArgs) => {
    const [group, value] = params(args);
    return dossierLabel(String(group), value, language);
  });
  /** Labels of a list of enum values, joined. */
  hbs.registerHelper('labels', (...args: HelperArgs) => {
    const [group, values] = params(args);
    if (!Array.isArray(values)) return '';
    return values.map((v) => dossierLabel(String(group), v, language)).join(', ');
  });
  hbs.registerHelper('join', (...args: HelperArgs) => {
    const [values, separator] = params(args);
    if (!Array.isArray(values)) return '';
    return values
      .filter((v) => v !== null && v !== undefined && v !== '')
      .join(typeof separator === 'string' ? separator : ', ');
  });
  hbs.registerHelper('yesNo', (...args: HelperArgs) => {
    const [value] = params(args);
    if (value === true) return t('yes');
    if (value === false) return t('no');
    return '';
  });
  /** Date of birth, else "Born in <year>", else empty. */
  hbs.registerHelper('birth', (...args: HelperArgs) => {
    const [birthDate, birthYear] = params(args);
    if (birthDate) return formatDossierDate(birthDate, language);
    if (typeof birthYear === 'number') return `${t('bornIn')} ${birthYear}`;
    return '';
  });
}

let templatesDir: string | undefined;

export function dossierTemplatesDir(): string {
  templatesDir ??= templatesRoot('dossiers');
  return templatesDir;
}

const environments = new Map<DossierLanguage, typeof Handlebars>();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function environment(language: DossierLanguage): typeof Handlebars {
  const existing = environments.get(language);
  if (existing) return existing;
  const hbs = Handlebars.create();
  registerHelpers(hbs, language);
  const partialsDir = join(dossierTemplatesDir(), 'partials');
  for (const file of readdirSync(partialsDir).sort()) {
    if (!file.endsWith('.hbs')) continue;
    // Compiled once here: a partial registered as source is recompiled at every render.
    hbs.registerPartial(
      basename(file, '.hbs'),
      hbs.compile(readFileSync(join(partialsDir, file), 'utf8'), { strict: false }),
    );
  }
  environments.set(language, hbs);
  return hbs;
}

function template(kind: DossierTemplateKind, language: DossierLanguage) {
  const key = `${kind}/${language}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const file = join(dossierTemplatesDir(), kind, `${language}.hbs`);
  if (!existsSync(file)) throw new Error(`Dossier template ${key}.hbs not found`);
  const delegate = environment(language).compile(readFileSync(file, 'utf8'), { strict: false });
  compiled.set(key, delegate);
  return delegate;
}

// ---------------------------------------------------------------------------------------------
// The render context
// ---------------------------------------------------------------------------------------------

type TimelineEvent = DossierDefender['timeline'][number];

const byDate = (a: TimelineEvent, b: TimelineEvent) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0;

/** A country code as the reader's language names it: "Égypte (EG)". */
export function countryName(code: string | null, language: DossierLanguage): string | null {
  if (!code) return null;
  try {
    const name = regionNames(language).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** A document's language tag as the reader's language names it: `ar` as "Arabic", "arabe". */
export function languageName(tag: string | null | undefined, language: DossierLanguage): string {
  if (!tag) return '';
  try {
    return languageNames(language).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function defenderContext(
  defender: DossierDefender,
  index: number,
  submission: boolean,
  language: DossierLanguage,
) {
  const timeline = [...(defender.timeline ?? [])].sort(byDate);
  const base = {
    fullName: defender.fullName,
    otherNames: defender.otherNames ?? [],
    sex: defender.sex,
    birthDate: defender.birthDate,
    birthYear: defender.birthYear,
    nationality: countryName(defender.nationality, language),
    country: countryName(defender.country, language),
    profession: defender.profession,
    organisation: defender.organisation,
    hrdFocus: defender.hrdFocus ?? [],
    summary: defender.summary,
    status: defender.status,
    detainedSince: defender.detainedSince,
    daysDetained: defender.daysDetained,
    totalDaysDetained: defender.totalDaysDetained,
    timeline,
    riskEvents: timeline.filter((e) => RISK_EVENT_TYPES.has(e.type)),
    consents: defender.consents ?? {},
    number: index + 1,
  };
  if (!submission) return base;
  // Sensitive fields: only ever copied for the submission edition.
  return {
    ...base,
    usualAddress: defender.usualAddress ?? null,
    contacts: defender.contacts ?? [],
    confidentialNotes: defender.confidentialNotes ?? null,
  };
}

/** The first arrest (or disappearance) on record when the escalation gives no arrest date. */
function firstArrestDate(defenders: DossierDefender[]): string | null {
  const dates = defenders
    .flatMap((d) => d.timeline ?? [])
    .filter((e) => e.type === 'arrest' || e.type === 'rearrest' || e.type === 'disappearance')
    .map((e) => e.occurredOn)
    .sort();
  return dates[0] ?? null;
}

/**
 * What the templates see. Built field by field (never `...data`), so for the public edition the
 * sensitive fields are simply not there, whatever the caller passed.
 */
function renderContext(data: DossierData) {
  const submission = data.edition === 'submission';
  const defenders = (data.defenders ?? []).map((d, i) =>
    defenderContext(d, i, submission, data.language),
  );
  const categories = [...(data.categories ?? [])]
    .filter((c) => CATEGORY_ORDER.includes(c.category))
    .sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
  const identityDocument = data.identityDocument
    ? {
        type: data.identityDocument.type,
        issuedBy: data.identityDocument.issuedBy,
        issuedOn: data.identityDocument.issuedOn,
        // The document number can be used to trace and target the person: submission only.
        number: submission ? data.identityDocument.number : null,
      }
    : null;
  return {
    kind: data.kind,
    language: data.language,
    edition: data.edition,
    submission,
    publicEdition: !submission,
    templateVersion: DOSSIER_TEMPLATE_VERSION,
    generatedAt: data.generatedAt,
    reference: data.reference,
    unReference: data.unReference,
    mechanism: data.mechanism,
    escalationKind: data.escalationKind,
    urgentAppeal: data.escalationKind === 'sp_urgent_appeal',
    targetRapporteurs: data.targetRapporteurs ?? [],
    hrcSession: data.hrcSession,
    defenders,
    singleDefender: defenders.length === 1,
    hasRiskEvents: defenders.some((d) => d.riskEvents.length > 0),
    identityDocument,
    arrest: data.arrest,
    arrestDate: data.arrest?.date ?? firstArrestDate(data.defenders ?? []),
    detention: data.detention,
    circumstances: data.circumstances,
    categories,
    domesticRemedies: data.domesticRemedies ?? [],
    // Numbered as the caller numbered them (their position otherwise), with the language named.
    annexes: (data.annexes ?? []).map((a, i) => ({
      number: a.number ?? i + 1,
      title: a.title,
      date: a.date,
      kind: a.kind,
      language: languageName(a.language, data.language),
    })),
    source: submission ? data.source : null,
    confidentiality: submission ? data.confidentiality : null,
  };
}

/**
 * Render a dossier as a complete HTML document (A4 print CSS), in the data's language and
 * edition, with the template of `data.kind`.
 */
export function renderDossierHtml(data: DossierData): string {
  if (!DOSSIER_TEMPLATE_KINDS.includes(data.kind)) {
    throw new Error(`Unknown dossier template kind ${JSON.stringify(data.kind)}`);
  }
  if (!DOSSIER_LANGUAGES.includes(data.language)) {
    throw new Error(`Unsupported dossier language ${JSON.stringify(data.language)}`);
  }
  if (data.edition !== 'submission' && data.edition !== 'public') {
    throw new Error(`Unknown dossier edition ${JSON.stringify(data.edition)}`);
  }
  return template(data.kind, data.language)(renderContext(data));
}
