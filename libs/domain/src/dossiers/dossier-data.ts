import type {
  IdentityDocument,
  QuestionnaireContent,
  SubmissionConsent,
} from './questionnaire/answers';
import type { AnswerValue, RecordEvent } from './questionnaire/values';

/**
 * The data a dossier is rendered from: a plain, serialisable snapshot of an escalation, its
 * people and their answers, assembled by the caller (who decides what the edition may carry:
 * DossiersService.buildData draws every answer from the record and applies the overrides) and
 * turned into HTML by `renderDossierHtml` (dossier-renderer.ts). Dates are calendar dates
 * 'YYYY-MM-DD' unless said otherwise.
 */
export type DossierLanguage = 'en' | 'fr' | 'es';
export type DossierEdition = 'submission' | 'public';
export type DossierTemplateKind =
  | 'wgad_regular'
  | 'wgad_urgent_action'
  | 'sp_communication'
  | 'hrc_brief'
  | 'upr_submission'
  | 'regional_request'
  | 'disappearance'
  | 'treaty_communication';
export type WgadCategory = 'I' | 'II' | 'III' | 'IV' | 'V';

/** One event of a person's chronology, as the dossier lists it. */
export type DossierTimelineEntry = Pick<
  RecordEvent,
  'occurredOn' | 'description' | 'place' | 'authority' | 'legalBasis' | 'charges' | 'sentence'
> &
  Partial<Pick<RecordEvent, 'forces' | 'endedOn' | 'outcome'>> & { type: string };

export interface DossierPerson {
  /** The display name; null when it may not be shown (a public edition without consent). */
  name: string | null;
  /** Country of detention (ISO 3166-1 alpha-2). */
  country: string;
  status: string;
  detainedSince: string | null;
  daysDetained: number | null;
  totalDaysDetained: number;
  summary: string | null;
  /**
   * Sections I-III: `identity.*`, `arrest.*` and `detention.*` answers by field id, each
   * drawn from the record or overridden; null (or absent) is "Not known".
   */
  answers: Record<string, AnswerValue | null>;
  identityDocument: IdentityDocument | null;
  timeline: DossierTimelineEntry[];
  consents: Record<string, { state: string; granted: boolean; since: string | null }>;
  /** The consent to a UN submission with who gave it and how (submission edition only). */
  submissionConsent?: SubmissionConsent | null;
  /** Sensitive: present only in the submission edition (the caller strips them for public). */
  contacts?: { name: string; relation: string; phone?: string | null; email?: string | null }[];
  confidentialNotes?: string | null;
}

/**
 * What a form of its own needs beyond the questionnaire (UPR, regional requests, WGEID/CED,
 * treaty bodies). Absent for the WGAD, Special Procedures and case-brief forms, so their
 * dossiers' fingerprints do not move.
 */
export interface DossierProcedure {
  /** The review or session date (UPR review, HRC session). */
  meetingOn: string | null;
  /** UPR: the cycle the recommendations are for (4 = "4th cycle"). */
  uprCycle: number | null;
  /** UPR: a joint (coalition) submission, with the larger word limit. */
  uprCoalition: boolean;
  recommendations: string[];
  /** WGEID: steps taken to search for and locate the person. */
  locateSteps: string | null;
  /** Regional requests: the irreparable harm the measures must prevent. */
  irreparableHarm: string | null;
  /** ECtHR: the application number, if an application is lodged. */
  applicationNumber: string | null;
  /**
   * Treaty bodies: the instrument the State must have accepted (a key of TREATY_INSTRUMENTS,
   * null when the table has none for the committee), and per country whether it did
   * (null: unknown, check before submitting).
   */
  treatyInstrument: string | null;
  acceptance: { country: string; accepted: boolean | null }[];
}

export interface DossierData {
  kind: DossierTemplateKind;
  language: DossierLanguage;
  edition: DossierEdition;
  /** ISO date-time. */
  generatedAt: string;
  /** Our reference, WIT-YYYY-NNNN. */
  reference: string | null;
  unReference: string | null;
  versionNo: number | null;
  mechanism: string;
  escalationKind: string;
  targetRapporteurs: string[];
  hrcSession: string | null;
  persons: DossierPerson[];
  /** Present for the forms that need it (see DossierProcedure). */
  procedure?: DossierProcedure;
  /** Section V's steps, drawn from every person's timeline (or an override). */
  remedies: AnswerValue | null;
  /** The questionnaire's own answers, typed on the escalation. */
  questionnaire: QuestionnaireContent;
  /** Sensitive; only in the submission edition. */
  source: {
    name: string;
    organisation: string | null;
    contact: string | null;
    relation: string | null;
  } | null;
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
