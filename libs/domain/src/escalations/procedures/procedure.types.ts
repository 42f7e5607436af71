/**
 * The shape of a procedure's table: its states, the steps allowed between them, the dates the
 * steps record, and the deadlines derived from those dates (offsets are named periods, read
 * from settings, never constants in code).
 */

/** Dates an escalation records as the UN (or regional body) gives them. */
export const NAMED_DATES = [
  'submittedOn',
  'transmittedOn',
  'governmentRepliedOn',
  'commentsRequestedOn',
  'opinionAdoptedOn',
  'opinionTransmittedOn',
  'publishedOn',
  'meetingOn',
  'createdOn',
] as const;
export type NamedDate = (typeof NAMED_DATES)[number];

/** Milestone kinds the clocks derive. */
export type ClockMilestone =
  | 'wgad_reply_due'
  | 'wgad_follow_up_due'
  | 'source_comments_due'
  | 'reply_due'
  | 'publication_due'
  | 'follow_up_due'
  | 'submission_due';

/** The deadline a rule derives; the escalation keeps reply, comments and follow-up in columns. */
export type ClockKey = 'reply' | 'comments' | 'follow_up' | 'publication' | 'submission';

export interface ClockRule {
  key: ClockKey;
  milestone: ClockMilestone;
  /** The milestone's title (what a reminder says). */
  title: string;
  /** The date the period runs from. */
  from: NamedDate;
  /**
   * The offset: a named period in days or months, after the date (or before it, for
   * submissions due ahead of a session or review); `yearly` is the next (month, day) on or
   * after the date, both named periods.
   */
  offset:
    | { days: PeriodName; before?: boolean }
    | { months: PeriodName; before?: boolean }
    | { yearly: { month: PeriodName; day: PeriodName } };
  /** A granted extension (escalation.extensionDays) adds to it, capped at this period. */
  extension?: PeriodName;
  /** States in which the deadline is open (a milestone); elsewhere it is retired. */
  openIn: readonly string[];
}

/** Who may read what the mechanism publishes (the consent it needs before submission). */
export type Publication =
  /** Published with the person's name (WGAD opinions, the SG's reprisals report). */
  | 'names'
  /** Published with the name unless the source asks that it be withheld (SP reports). */
  | 'names_unless_withheld'
  /** Nothing public names the person through the mechanism itself. */
  | 'none';

export interface Procedure {
  /** The escalation kind this table is for. */
  kind: string;
  /** Mechanisms the kind goes to. */
  mechanisms: readonly string[];
  /** In words, for documentation and forms. */
  title: string;
  /** state -> the states it may move to. */
  states: Readonly<Record<string, readonly string[]>>;
  /** Entering a state records its date as this named date. */
  records: Readonly<Record<string, NamedDate>>;
  /** States in which the reply of the government (State) is awaited. */
  awaitingReply: readonly string[];
  clocks: readonly ClockRule[];
  /**
   * `no_reply` may be recorded only once this deadline (incl. any extension) has passed.
   */
  noReplyAfter?: ClockKey;
  publishes: Publication;
  /** Where the procedure and its periods come from. */
  sources: readonly string[];
}

/**
 * The periods the clocks use, with their defaults. Each is a setting (PROCEDURE_PERIODS, and
 * the older WGAD_* variables for the WGAD's): methods of work change.
 */
export const DEFAULT_PERIODS = {
  /** WGAD methods of work, para. 15: the government replies within 60 days. */
  wgad_reply_days: 60,
  /** WGAD methods of work, para. 16: an extension of up to one month may be granted. */
  wgad_max_extension_days: 30,
  /** The source's final comments on the government's reply (house default, set per practice). */
  wgad_source_comments_days: 14,
  /** WGAD methods of work, para. 20: follow-up six months after the opinion's transmission. */
  wgad_follow_up_months: 6,
  /** WGAD urgent action: the reply reminder (house default; the appeal asks for a prompt reply). */
  wgad_urgent_reply_days: 30,
  /** Special Procedures: the letters ask for a reply within 60 days. */
  sp_reply_days: 60,
  /** Urgent appeals: reminder of the awaited reply (house default, shorter than 60 days). */
  sp_urgent_reply_days: 30,
  /** Special Procedures: communications are made public after 60 days (communications report). */
  sp_publication_days: 60,
  /** WGEID urgent action: reminder of the awaited reply (house default). */
  wgeid_urgent_reply_days: 30,
  /** WGEID six-month rule: a case is clarified unless the source comments within six months. */
  wgeid_source_comments_months: 6,
  /** CED art. 30: the State replies within the time limit the Committee sets (house default). */
  ced_urgent_reply_days: 30,
  /** Treaty bodies: six months for the State party's observations (e.g. HRCttee rule 92). */
  treaty_state_observations_months: 6,
  /** Treaty bodies: the author's comments on the State's observations (usual two months). */
  treaty_author_comments_days: 60,
  /** Interim measures: reminder to check the State's compliance (house default). */
  interim_measures_reply_days: 15,
  /** IACHR precautionary measures: the State's information (the Commission sets it; default). */
  iachr_state_info_days: 10,
  /** ACHPR provisional measures: the State reports on implementation within 15 days. */
  achpr_report_days: 15,
  /** African Court provisional measures: the State reports within the period ordered (default). */
  african_court_report_days: 15,
  /** The SG's reprisals report: month and day of the call for inputs' deadline (house default). */
  reprisals_input_month: 5,
  reprisals_input_day: 15,
  /** UPR: stakeholder submissions are due roughly six to seven months before the review. */
  upr_submission_months_before: 7,
  /** HRC written statements are due about two weeks before the session. */
  hrc_statement_days_before: 14,
  /** Treaty bodies: the State party reports on its follow-up to Views within 180 days. */
  treaty_follow_up_days: 180,
  /** Follow-up of a regional decision (house default). */
  regional_follow_up_months: 6,
} as const;
export type PeriodName = keyof typeof DEFAULT_PERIODS;
export type ProcedurePeriods = Record<PeriodName, number>;

/** An escalation's recorded dates (and extension) as the clocks read them. */
export type RecordedDates = Partial<Record<NamedDate, string | null>> & {
  extensionDays?: number;
};
