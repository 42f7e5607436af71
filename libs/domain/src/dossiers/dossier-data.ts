/**
 * The data a dossier is rendered from: a plain, serialisable snapshot of an escalation and its
 * defenders, assembled by the caller (who decides what the edition may carry) and turned into
 * HTML by `renderDossierHtml` (dossier-renderer.ts). Dates are calendar dates 'YYYY-MM-DD'
 * unless said otherwise.
 */
export type DossierLanguage = 'en' | 'fr' | 'es';
export type DossierEdition = 'submission' | 'public';
export type DossierTemplateKind =
  'wgad_regular' | 'wgad_urgent_action' | 'sp_communication' | 'hrc_brief';
export type WgadCategory = 'I' | 'II' | 'III' | 'IV' | 'V';

export interface DossierDefender {
  fullName: string;
  otherNames: string[];
  sex: string | null;
  birthDate: string | null;
  birthYear: number | null;
  nationality: string | null;
  country: string;
  profession: string | null;
  organisation: string | null;
  hrdFocus: string[];
  summary: string | null;
  status: string;
  detainedSince: string | null;
  daysDetained: number | null;
  totalDaysDetained: number;
  usualAddress?: string | null;
  timeline: {
    type: string;
    occurredOn: string;
    description: string | null;
    place: string | null;
    authority: string | null;
    legalBasis: string | null;
    charges: string[];
    sentence: string | null;
  }[];
  /** Sensitive: present only in the submission edition (the caller strips them for public). */
  contacts?: { name: string; relation: string; phone?: string | null; email?: string | null }[];
  confidentialNotes?: string | null;
  consents: Record<string, { state: string; granted: boolean; since: string | null }>;
}

export interface DossierData {
  kind: DossierTemplateKind;
  language: DossierLanguage;
  edition: DossierEdition;
  /** ISO date-time. */
  generatedAt: string;
  reference: string | null;
  unReference: string | null;
  mechanism: string;
  escalationKind: string;
  targetRapporteurs: string[];
  hrcSession: string | null;
  defenders: DossierDefender[];
  identityDocument: {
    type: string | null;
    issuedBy: string | null;
    issuedOn: string | null;
    number: string | null;
  } | null;
  arrest: {
    date: string | null;
    place: string | null;
    forces: string | null;
    warrantShown: boolean | null;
    authority: string | null;
    reasons: string | null;
    legalBasis: string | null;
  } | null;
  detention: {
    date: string | null;
    duration: string | null;
    forces: string | null;
    places: string | null;
    authority: string | null;
    reasons: string | null;
    legalBasis: string | null;
  } | null;
  circumstances: string | null;
  categories: { category: WgadCategory; argument: string }[];
  domesticRemedies: { step: string; date: string | null; result: string | null }[];
  /** Sensitive; only in the submission edition. */
  source: { name: string; organisation: string | null; contact: string | null } | null;
  confidentiality: string | null;
  /**
   * The documents that go with the dossier, in order. `number` is the annex number the dossier
   * shows ("Annex 2"; the position in the list when left out); `language` a BCP 47 tag;
   * `versionNo` the pinned version (not shown: it makes a re-pinned annex a change).
   */
  annexes: {
    number?: number;
    title: string;
    date: string | null;
    kind: string;
    language?: string | null;
    versionNo?: number;
  }[];
}
