import type { ClockRule, Procedure } from './procedure.types';

/**
 * One table per procedure: states, allowed steps, the dates the steps record and the
 * deadlines derived from them. docs/procedures.md explains each with its sources; a change of
 * a mechanism's methods of work is a change of this data (or of a period setting), not of code.
 */

/** Preparation is ours: a caseworker drafts, a coordinator approves and submits. */
const PREPARATION = {
  draft: ['in_review', 'withdrawn'],
  in_review: ['draft', 'approved', 'withdrawn'],
  approved: ['submitted', 'draft', 'withdrawn'],
} as const;
const PREPARING = ['draft', 'in_review', 'approved'] as const;
const ENDS = { closed: [], withdrawn: [] } as const;

/** Special Procedures' communications (and WGAD urgent appeals, sent the same way). */
function communication(
  kind: string,
  mechanisms: string[],
  title: string,
  replyDays: ClockRule['offset'],
  sent: 'communication_sent' | 'transmitted_to_government',
  sources: string[],
  replyMilestone: 'reply_due' | 'wgad_reply_due' = 'reply_due',
): Procedure {
  return {
    kind,
    mechanisms,
    title,
    states: {
      ...PREPARATION,
      submitted: [sent, 'withdrawn'],
      [sent]: ['government_replied', 'no_reply', 'published', 'closed'],
      government_replied: ['published', 'closed'],
      no_reply: ['published', 'closed'],
      published: ['closed'],
      ...ENDS,
    },
    records: {
      submitted: 'submittedOn',
      [sent]: 'transmittedOn',
      government_replied: 'governmentRepliedOn',
      published: 'publishedOn',
    },
    awaitingReply: [sent],
    clocks: [
      {
        key: 'reply',
        milestone: replyMilestone,
        title: 'Government reply to the communication due',
        from: 'transmittedOn',
        offset: replyDays,
        openIn: [sent],
      },
      {
        key: 'publication',
        milestone: 'publication_due',
        title: 'Communication public in the communications report',
        from: 'transmittedOn',
        offset: { days: 'sp_publication_days' },
        openIn: [sent, 'government_replied', 'no_reply'],
      },
    ],
    noReplyAfter: 'reply',
    publishes: 'names_unless_withheld',
    sources,
  };
}

/** Provisional, precautionary or interim measures: granted or not, then complied with or not. */
function measures(
  kind: string,
  mechanisms: string[],
  title: string,
  report: ClockRule['offset'] | null,
  sources: string[],
): Procedure {
  return {
    kind,
    mechanisms,
    title,
    states: {
      ...PREPARATION,
      submitted: ['measures_granted', 'measures_refused', 'withdrawn'],
      measures_granted: ['government_replied', 'no_reply', 'follow_up', 'closed'],
      government_replied: ['follow_up', 'closed'],
      no_reply: ['follow_up', 'closed'],
      measures_refused: ['closed'],
      follow_up: ['closed'],
      ...ENDS,
    },
    records: {
      submitted: 'submittedOn',
      measures_granted: 'opinionAdoptedOn',
      government_replied: 'governmentRepliedOn',
    },
    awaitingReply: report ? ['measures_granted'] : [],
    clocks: report
      ? [
          {
            key: 'reply',
            milestone: 'reply_due',
            title: 'State report on the measures due',
            from: 'opinionAdoptedOn',
            offset: report,
            openIn: ['measures_granted'],
          },
        ]
      : [],
    ...(report ? { noReplyAfter: 'reply' as const } : {}),
    publishes: 'none',
    sources,
  };
}

const WGAD_MOW = 'WGAD methods of work, A/HRC/36/38 (paras. 15-16, 20)';
const SP_MOW = 'Manual of Operations of the Special Procedures; communications reports (60 days)';

export const PROCEDURE_TABLES: readonly Procedure[] = [
  {
    kind: 'wgad_regular',
    mechanisms: ['wgad'],
    title: 'WGAD regular communication (opinion)',
    states: {
      ...PREPARATION,
      submitted: ['transmitted_to_government', 'filed', 'withdrawn'],
      transmitted_to_government: [
        'government_replied',
        'no_reply',
        'opinion_adopted',
        'filed',
        'withdrawn',
      ],
      government_replied: [
        'pending_further_information',
        'source_comments_sent',
        'opinion_adopted',
        'filed',
        'withdrawn',
      ],
      pending_further_information: [
        'source_comments_sent',
        'opinion_adopted',
        'filed',
        'withdrawn',
      ],
      no_reply: ['opinion_adopted', 'filed', 'withdrawn'],
      source_comments_sent: ['opinion_adopted', 'filed', 'withdrawn'],
      opinion_adopted: ['opinion_transmitted', 'closed'],
      opinion_transmitted: ['follow_up', 'closed'],
      follow_up: ['closed'],
      ...ENDS,
      filed: [],
    },
    records: {
      submitted: 'submittedOn',
      transmitted_to_government: 'transmittedOn',
      government_replied: 'governmentRepliedOn',
      pending_further_information: 'commentsRequestedOn',
      opinion_adopted: 'opinionAdoptedOn',
      opinion_transmitted: 'opinionTransmittedOn',
    },
    awaitingReply: ['transmitted_to_government'],
    clocks: [
      {
        key: 'reply',
        milestone: 'wgad_reply_due',
        title: 'Government reply due',
        from: 'transmittedOn',
        offset: { days: 'wgad_reply_days' },
        extension: 'wgad_max_extension_days',
        openIn: ['transmitted_to_government'],
      },
      {
        key: 'comments',
        milestone: 'source_comments_due',
        title: "Source's comments on the government's reply due",
        from: 'commentsRequestedOn',
        offset: { days: 'wgad_source_comments_days' },
        openIn: ['pending_further_information'],
      },
      {
        key: 'follow_up',
        milestone: 'wgad_follow_up_due',
        title: 'Follow-up on the opinion due',
        from: 'opinionTransmittedOn',
        offset: { months: 'wgad_follow_up_months' },
        openIn: ['opinion_transmitted', 'follow_up'],
      },
    ],
    noReplyAfter: 'reply',
    publishes: 'names',
    sources: [WGAD_MOW],
  },
  communication(
    'wgad_urgent_action',
    ['wgad'],
    'WGAD urgent action (urgent appeal)',
    { days: 'wgad_urgent_reply_days' },
    'transmitted_to_government',
    [WGAD_MOW + ' (paras. 22-24)', SP_MOW],
    'wgad_reply_due',
  ),
  communication(
    'sp_urgent_appeal',
    ['special_procedures'],
    'Special Procedures urgent appeal',
    { days: 'sp_urgent_reply_days' },
    'communication_sent',
    [SP_MOW],
  ),
  communication(
    'sp_allegation_letter',
    ['special_procedures'],
    'Special Procedures allegation letter',
    { days: 'sp_reply_days' },
    'communication_sent',
    [SP_MOW],
  ),
  {
    kind: 'hrc_statement',
    mechanisms: ['unhrc'],
    title: 'Human Rights Council written or oral statement',
    states: {
      ...PREPARATION,
      submitted: ['delivered', 'withdrawn'],
      delivered: ['closed'],
      ...ENDS,
    },
    records: { submitted: 'submittedOn' },
    awaitingReply: [],
    clocks: [
      {
        key: 'submission',
        milestone: 'submission_due',
        title: 'Written statement due before the session',
        from: 'meetingOn',
        offset: { days: 'hrc_statement_days_before', before: true },
        openIn: PREPARING,
      },
    ],
    publishes: 'none',
    sources: ['HRC: NGO participation (ECOSOC resolution 1996/31)'],
  },
  {
    kind: 'hrc_side_event',
    mechanisms: ['unhrc'],
    title: 'Human Rights Council side event',
    states: {
      ...PREPARATION,
      submitted: ['delivered', 'withdrawn'],
      delivered: ['closed'],
      ...ENDS,
    },
    records: { submitted: 'submittedOn' },
    awaitingReply: [],
    clocks: [],
    publishes: 'none',
    sources: ['HRC: NGO participation (ECOSOC resolution 1996/31)'],
  },
  {
    kind: 'upr_submission',
    mechanisms: ['upr'],
    title: 'UPR stakeholder submission',
    states: {
      ...PREPARATION,
      submitted: ['reviewed', 'withdrawn'],
      reviewed: ['closed'],
      ...ENDS,
    },
    records: { submitted: 'submittedOn' },
    awaitingReply: [],
    clocks: [
      {
        key: 'submission',
        milestone: 'submission_due',
        title: 'UPR stakeholder submission due',
        from: 'meetingOn',
        offset: { months: 'upr_submission_months_before', before: true },
        openIn: PREPARING,
      },
    ],
    publishes: 'none',
    sources: ['OHCHR, technical guidelines for stakeholder submissions (UPR)'],
  },
  {
    kind: 'regional_communication',
    mechanisms: ['achpr', 'iachr', 'other'],
    title: 'Regional communication or petition',
    states: {
      ...PREPARATION,
      submitted: ['transmitted_to_government', 'withdrawn'],
      transmitted_to_government: [
        'government_replied',
        'no_reply',
        'decision_adopted',
        'withdrawn',
      ],
      government_replied: ['decision_adopted', 'withdrawn'],
      no_reply: ['decision_adopted', 'withdrawn'],
      decision_adopted: ['follow_up', 'closed'],
      follow_up: ['closed'],
      ...ENDS,
    },
    records: {
      submitted: 'submittedOn',
      transmitted_to_government: 'transmittedOn',
      government_replied: 'governmentRepliedOn',
      decision_adopted: 'opinionAdoptedOn',
    },
    awaitingReply: ['transmitted_to_government'],
    clocks: [
      {
        key: 'follow_up',
        milestone: 'follow_up_due',
        title: 'Follow-up on the decision due',
        from: 'opinionAdoptedOn',
        offset: { months: 'regional_follow_up_months' },
        openIn: ['decision_adopted', 'follow_up'],
      },
    ],
    publishes: 'none',
    sources: ['The regional body’s rules of procedure'],
  },
  {
    kind: 'wgeid_communication',
    mechanisms: ['wgeid'],
    title: 'WGEID standard procedure (case of enforced disappearance)',
    states: {
      ...PREPARATION,
      submitted: ['transmitted_to_government', 'withdrawn'],
      transmitted_to_government: ['government_replied', 'clarified', 'closed', 'withdrawn'],
      government_replied: ['pending_further_information', 'clarified', 'closed'],
      pending_further_information: ['source_comments_sent', 'clarified', 'closed'],
      source_comments_sent: ['clarified', 'closed'],
      clarified: ['closed'],
      ...ENDS,
    },
    records: {
      submitted: 'submittedOn',
      transmitted_to_government: 'transmittedOn',
      government_replied: 'governmentRepliedOn',
      pending_further_information: 'commentsRequestedOn',
    },
    awaitingReply: ['transmitted_to_government'],
    clocks: [
      {
        key: 'comments',
        milestone: 'source_comments_due',
        title: "Source's comments due (six-month rule: the case is clarified without them)",
        from: 'commentsRequestedOn',
        offset: { months: 'wgeid_source_comments_months' },
        openIn: ['pending_further_information'],
      },
    ],
    publishes: 'none',
    sources: ['WGEID methods of work, A/HRC/WGEID/102/2 (six-month rule)'],
  },
  {
    kind: 'wgeid_urgent_action',
    mechanisms: ['wgeid'],
    title: 'WGEID urgent action',
    states: {
      ...PREPARATION,
      submitted: ['transmitted_to_government', 'withdrawn'],
      transmitted_to_government: ['government_replied', 'no_reply', 'clarified', 'closed'],
      government_replied: ['clarified', 'closed'],
      no_reply: ['clarified', 'closed'],
      clarified: ['closed'],
      ...ENDS,
    },
    records: {
      submitted: 'submittedOn',
      transmitted_to_government: 'transmittedOn',
      government_replied: 'governmentRepliedOn',
    },
    awaitingReply: ['transmitted_to_government'],
    clocks: [
      {
        key: 'reply',
        milestone: 'reply_due',
        title: 'Government reply to the urgent action due',
        from: 'transmittedOn',
        offset: { days: 'wgeid_urgent_reply_days' },
        openIn: ['transmitted_to_government'],
      },
    ],
    noReplyAfter: 'reply',
    publishes: 'none',
    sources: ['WGEID methods of work, A/HRC/WGEID/102/2 (urgent action procedure)'],
  },
  {
    kind: 'ced_urgent_action',
    mechanisms: ['ced'],
    title: 'CED urgent action (art. 30 of the Convention)',
    states: {
      ...PREPARATION,
      submitted: ['transmitted_to_government', 'withdrawn'],
      transmitted_to_government: ['government_replied', 'no_reply', 'closed'],
      government_replied: ['source_comments_sent', 'follow_up', 'closed'],
      no_reply: ['follow_up', 'closed'],
      source_comments_sent: ['follow_up', 'closed'],
      follow_up: ['closed'],
      ...ENDS,
    },
    records: {
      submitted: 'submittedOn',
      transmitted_to_government: 'transmittedOn',
      government_replied: 'governmentRepliedOn',
    },
    awaitingReply: ['transmitted_to_government'],
    clocks: [
      {
        key: 'reply',
        milestone: 'reply_due',
        title: "State party's reply to the urgent action due",
        from: 'transmittedOn',
        offset: { days: 'ced_urgent_reply_days' },
        openIn: ['transmitted_to_government'],
      },
    ],
    noReplyAfter: 'reply',
    publishes: 'none',
    sources: ['ICPPED art. 30; CED rules of procedure and urgent action guidelines'],
  },
  {
    kind: 'treaty_communication',
    mechanisms: ['hrcttee', 'cat', 'cedaw', 'ced', 'cerd', 'cescr', 'crc', 'crpd', 'cmw'],
    title: 'Treaty body individual communication',
    states: {
      ...PREPARATION,
      submitted: ['registered', 'withdrawn'],
      registered: ['government_replied', 'no_reply', 'withdrawn'],
      government_replied: ['source_comments_sent', 'views_adopted', 'withdrawn'],
      no_reply: ['views_adopted', 'withdrawn'],
      source_comments_sent: ['views_adopted', 'withdrawn'],
      views_adopted: ['follow_up', 'closed'],
      follow_up: ['closed'],
      ...ENDS,
    },
    records: {
      submitted: 'submittedOn',
      registered: 'transmittedOn',
      government_replied: 'governmentRepliedOn',
      views_adopted: 'opinionAdoptedOn',
    },
    awaitingReply: ['registered'],
    clocks: [
      {
        key: 'reply',
        milestone: 'reply_due',
        title: "State party's observations due",
        from: 'transmittedOn',
        offset: { months: 'treaty_state_observations_months' },
        openIn: ['registered'],
      },
      {
        key: 'comments',
        milestone: 'source_comments_due',
        title: "Author's comments on the State party's observations due",
        from: 'governmentRepliedOn',
        offset: { days: 'treaty_author_comments_days' },
        openIn: ['government_replied'],
      },
      {
        key: 'follow_up',
        milestone: 'follow_up_due',
        title: "State party's follow-up report on the Views due",
        from: 'opinionAdoptedOn',
        offset: { days: 'treaty_follow_up_days' },
        openIn: ['views_adopted', 'follow_up'],
      },
    ],
    noReplyAfter: 'reply',
    publishes: 'names_unless_withheld',
    sources: [
      'ICCPR-OP1; CAT art. 22; CEDAW-OP art. 6; ICPPED art. 31; HRCttee rules of procedure (rule 92)',
    ],
  },
  measures(
    'treaty_interim_measures',
    ['hrcttee', 'cat', 'cedaw', 'ced', 'cerd', 'cescr', 'crc', 'crpd', 'cmw'],
    'Treaty body interim measures',
    { days: 'interim_measures_reply_days' },
    ['HRCttee rules of procedure (rule 94); CAT rule 114; CEDAW-OP art. 5'],
  ),
  {
    kind: 'reprisals_report',
    mechanisms: ['sg_reprisals'],
    title: "Input to the Secretary-General's annual report on reprisals",
    states: {
      ...PREPARATION,
      submitted: ['published', 'not_included', 'withdrawn'],
      published: ['closed'],
      not_included: ['closed'],
      ...ENDS,
    },
    records: { submitted: 'submittedOn', published: 'publishedOn' },
    awaitingReply: [],
    clocks: [
      {
        key: 'submission',
        milestone: 'submission_due',
        title: "Input to the SG's reprisals report due",
        from: 'createdOn',
        offset: { yearly: { month: 'reprisals_input_month', day: 'reprisals_input_day' } },
        openIn: PREPARING,
      },
    ],
    publishes: 'names',
    sources: ['HRC resolution 12/2 and later; the SG’s annual report on cooperation with the UN'],
  },
  measures(
    'iachr_precautionary_measures',
    ['iachr'],
    'IACHR precautionary measures (art. 25 of its Rules)',
    { days: 'iachr_state_info_days' },
    ['IACHR Rules of Procedure, art. 25'],
  ),
  measures(
    'achpr_provisional_measures',
    ['achpr'],
    'African Commission provisional measures',
    { days: 'achpr_report_days' },
    ['ACHPR Rules of Procedure (2020), rule 100'],
  ),
  measures('ecthr_rule_39', ['ecthr'], 'ECtHR interim measures (Rule 39)', null, [
    'Rules of Court, Rule 39; Practice Direction on requests for interim measures',
  ]),
  measures(
    'african_court_provisional',
    ['african_court'],
    'African Court provisional measures (art. 27(2) of the Protocol)',
    { days: 'african_court_report_days' },
    ['Protocol to the African Charter on the Establishment of the African Court, art. 27(2)'],
  ),
];

/**
 * The kinds whose deadlines count from a meeting's date (`meetingOn`: a UPR review, an HRC
 * session): the forms ask for that date only for these.
 */
export const MEETING_DATED_KINDS: readonly string[] = PROCEDURE_TABLES.filter((p) =>
  p.clocks.some((c) => c.from === 'meetingOn'),
).map((p) => p.kind);
