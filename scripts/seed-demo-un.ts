/**
 * The UN part of `npm run seed:demo`: a case whose record holds every fact the WGAD
 * questionnaire asks for (its WGAD dossier has no "Not known" at all), a WGAD escalation for
 * a group arrested together, and one WGAD regular escalation at each stage of its workflow,
 * so a newcomer sees the whole procedure. EVERY PERSON AND ORGANISATION IS FICTIONAL.
 *
 * Idempotent like the rest of the seed: the complete case is found by its tag, and each demo
 * escalation by the marker in its notes (`demo-escalation:<key>`); nothing is made twice.
 */
import type { INestApplicationContext } from '@nestjs/common';
import {
  ConsentsService,
  DefendersService,
  DetentionService,
  EscalationsService,
  SYSTEM_ACTOR,
  type ConsentPurpose,
  type DefenderInput,
  type DetentionEventInput,
  type EscalationContent,
  type SourceIdentity,
} from '@witness/domain';

export const COMPLETE_CASE_TAG = 'demo:complete-wgad-case';

const FICTIONAL = 'Fictional demo profile.';

/** The complete case's profile (every field the questionnaire's section I asks). */
const PROFILE: DefenderInput = {
  fullName: 'Yasmine Ben Ammar',
  familyName: 'Ben Ammar',
  givenNames: 'Yasmine',
  otherNames: ['ياسمين بن عمار'],
  sex: 'female',
  birthDate: '1991-02-17',
  nationalities: ['TN', 'FR'],
  country: 'TN',
  profession: 'Journalist and blogger',
  organisation: 'Collectif Sentinelle (fictional)',
  hrdFocus: ['journalist', 'womens_rights'],
  hrdActivity: 'Investigated the diversion of public funds in the phosphate basin',
  usualAddress: '14 rue des Orangers, Gafsa (fictional address)',
  summary: `${FICTIONAL} Journalist held for her reporting on public funds; every fact the WGAD asks for is on her record.`,
  riskLevel: 'high',
  contacts: [
    { name: 'Maître Karim Jaziri (fictional)', relation: 'lawyer', phone: '+216 00 000 000' },
  ],
};

/** Her timeline: `days` before today (a negative `until` is ahead of today). */
function completeTimeline(day: (daysAgo: number) => string): DetentionEventInput[] {
  const source = { source: 'Family and lawyer', verification: 'corroborated' as const };
  return [
    {
      type: 'arrest',
      occurredOn: day(420),
      place: 'Her home, Gafsa',
      forces: 'National Guard brigade (fictional unit)',
      warrantShown: false,
      authority: 'Public prosecutor, Court of First Instance of Gafsa',
      legalBasis: 'Decree-Law No. 2022-54, art. 24',
      charges: ['spreading false news'],
      takenTo: 'National Guard post, Gafsa',
      description: 'Arrested at dawn; her laptop and phone were seized.',
      ...source,
    },
    { type: 'incommunicado', occurredOn: day(420), endedOn: day(415), ...source },
    { type: 'lawyer_denied', occurredOn: day(419), endedOn: day(410), ...source },
    {
      type: 'transfer',
      occurredOn: day(412),
      place: 'Women’s prison of Manouba',
      forces: 'General Directorate of Prisons',
      ...source,
    },
    {
      type: 'pretrial_extension',
      occurredOn: day(300),
      endedOn: day(-60),
      authority: 'Investigating judge, Court of First Instance of Tunis',
      legalBasis: 'Code of Criminal Procedure, art. 85',
      ...source,
    },
    {
      type: 'hearing',
      occurredOn: day(290),
      place: 'Court of First Instance of Tunis',
      outcome: 'Detention maintained',
      ...source,
    },
    {
      type: 'appeal',
      occurredOn: day(280),
      authority: 'Indictment Chamber, Court of Appeal of Tunis',
      description: 'Appeal against the detention order',
      outcome: 'Rejected without reasons',
      outcomeOn: day(270),
      ...source,
    },
    {
      type: 'complaint',
      occurredOn: day(260),
      authority: 'Public prosecutor, Court of First Instance of Tunis',
      description: 'Complaint about the denial of access to her lawyer',
      outcome: 'No answer',
      ...source,
    },
    {
      type: 'release_request',
      occurredOn: day(200),
      authority: 'Investigating judge, Court of First Instance of Tunis',
      outcome: 'Refused',
      outcomeOn: day(190),
      ...source,
    },
    {
      type: 'visit_denied',
      occurredOn: day(150),
      endedOn: day(120),
      description: 'Family visits suspended after she spoke to the press from prison',
      ...source,
    },
  ];
}

const SOURCE: SourceIdentity = {
  name: 'Witness demo coalition (fictional)',
  organisation: 'Witness demo coalition (fictional)',
  contact: 'un-desk@example.org, +41 00 000 00 00',
  relation: 'organisation',
};

function completeContent(defenderId: string): EscalationContent {
  return {
    summary:
      'Yasmine Ben Ammar, a fictional journalist, has been held for over a year for reporting on the diversion of public funds; she was held incommunicado, denied a lawyer and her appeals were rejected without reasons.',
    circumstances:
      'She was arrested at dawn at her home after publishing an investigation into the diversion of public funds in the phosphate basin. No warrant was shown. She was held incommunicado for five days and questioned without a lawyer about her sources.',
    categories: [
      {
        category: 'II',
        argument:
          'She is detained for her journalism: the charge of spreading false news targets the investigation she published, an exercise of the freedom of expression (UDHR art. 19; ICCPR art. 19).',
      },
      {
        category: 'III',
        argument:
          'She was held incommunicado, denied access to her lawyer during questioning, and her appeal was rejected without reasons (ICCPR art. 14).',
      },
    ],
    remedies: {
      exhausted: false,
      explanation:
        'Every remedy tried was rejected without reasons or left unanswered; the courts do not examine the lawfulness of her detention.',
    },
    identityDocuments: [
      {
        defenderId,
        type: 'National identity card',
        issuedBy: 'Ministry of the Interior (fictional)',
        issuedOn: '2015-06-01',
        number: 'DEMO-00000000',
      },
    ],
    confidentiality: 'The names of her sources must not be disclosed to the Government.',
  };
}

/** The stages of a WGAD regular communication, each reached by the steps before it. */
const APPROVED = ['in_review', 'approved'];
const SUBMITTED = [...APPROVED, 'submitted'];
const TRANSMITTED = [...SUBMITTED, 'transmitted_to_government'];
const REPLIED = [...TRANSMITTED, 'government_replied'];
const OPINION = [...TRANSMITTED, 'no_reply', 'opinion_adopted'];
const STAGES: { key: string; path: string[] }[] = [
  { key: 'draft', path: [] },
  { key: 'in_review', path: ['in_review'] },
  { key: 'approved', path: APPROVED },
  { key: 'submitted', path: SUBMITTED },
  { key: 'transmitted', path: TRANSMITTED },
  { key: 'replied', path: REPLIED },
  { key: 'no_reply', path: [...TRANSMITTED, 'no_reply'] },
  { key: 'pending', path: [...REPLIED, 'pending_further_information'] },
  { key: 'comments', path: [...REPLIED, 'source_comments_sent'] },
  { key: 'opinion', path: OPINION },
  { key: 'opinion_transmitted', path: [...OPINION, 'opinion_transmitted'] },
  { key: 'follow_up', path: [...OPINION, 'opinion_transmitted', 'follow_up'] },
  { key: 'closed', path: [...OPINION, 'opinion_transmitted', 'follow_up', 'closed'] },
  { key: 'filed', path: [...SUBMITTED, 'filed'] },
  { key: 'withdrawn', path: ['withdrawn'] },
];

/** Demo defenders the stages are shown on (fictional, from the main seed). */
const STAGE_CASES = [
  'tr-elif-yildirim',
  'ir-shirin-rahimi',
  'by-alyaksandr-karpovich',
  'vn-tran-thi-lan',
  'et-meron-tesfaye',
  'bh-ali-al-mahroos',
  'az-rashad-huseynli',
  'cn-nurmemet-qasim',
  'sa-reem-al-subaie',
  'tr-baris-ozturk',
  'ir-arash-tavakoli',
  'vn-nguyen-van-duc',
  'ke-grace-wanjiru-mwangi',
];

export interface UnSeedResult {
  completeCaseId: string;
  escalationsCreated: number;
}

export async function seedUnDemo(
  app: INestApplicationContext,
  today: string,
  day: (daysAgo: number) => string,
  groupTag: string,
): Promise<UnSeedResult> {
  const defenders = app.get(DefendersService);
  const detention = app.get(DetentionService);
  const consents = app.get(ConsentsService);
  const escalations = app.get(EscalationsService);
  const actor = SYSTEM_ACTOR;
  let made = 0;

  const bySlug = async (slug: string) =>
    (await defenders.list({ tag: `demo:${slug}`, limit: 1 }, actor)).data[0];
  const consentTo = async (
    defenderId: string,
    purpose: ConsentPurpose,
    givenBy = 'family_member',
  ) => {
    const current = (await defenders.get(defenderId, actor)).consents?.[purpose];
    if (current?.granted) return;
    await consents.add(
      defenderId,
      {
        purpose,
        decision: 'given',
        givenBy: givenBy as never,
        method: 'written',
        decidedOn: day(30),
      },
      actor,
    );
  };
  /** Each demo escalation carries its marker in its notes: found again, never made twice. */
  const escalation = async (
    key: string,
    defenderIds: string[],
    path: string[],
    content: EscalationContent,
    source: SourceIdentity | null,
  ) => {
    const marker = `demo-escalation:${key}`;
    const existing = await escalations.list({ defenderId: defenderIds[0], limit: 200 }, actor);
    if (existing.data.some((e) => e.notes?.includes(marker))) return;
    const e = await escalations.create(
      {
        defenderIds,
        mechanism: 'wgad',
        kind: 'wgad_regular',
        notes: `${FICTIONAL} ${marker}`,
        content,
        sourceIdentity: source,
      },
      actor,
    );
    // The steps a month apart, the last a few days ago, with the UN's dates and numbers; "no
    // reply" only once the government's 60 days have passed.
    const gap = (to: string) => (to === 'no_reply' ? 62 : 30);
    let at = path.reduce((sum, to) => sum + gap(to), 5);
    for (const to of path) {
      at -= gap(to);
      await escalations.transition(
        e.id,
        {
          to,
          date: day(Math.max(at, 1)),
          ...(to === 'submitted' ? { unReference: `WGAD/DEMO/${today.slice(0, 4)}/${key}` } : {}),
          ...(to === 'opinion_adopted'
            ? {
                opinionNumber: `No. ${10 + STAGES.findIndex((s) => s.key === key)}/${today.slice(0, 4)}`,
                arbitrary: true,
                categoriesFound: ['II', 'III'],
                releaseRequested: true,
                compensationRequested: true,
              }
            : {}),
        },
        actor,
      );
    }
    made++;
  };

  // The complete case.
  let complete = (await defenders.list({ tag: COMPLETE_CASE_TAG, archived: true, limit: 1 }, actor))
    .data[0];
  if (!complete) {
    complete = await defenders.create({ ...PROFILE, tags: ['demo', COMPLETE_CASE_TAG] }, actor);
    for (const event of completeTimeline(day)) await detention.add(complete.id, event, actor);
  }
  await consentTo(complete.id, 'un_submission');
  await consentTo(complete.id, 'public_un_document');
  await consentTo(complete.id, 'public_profile', 'defender');
  await escalation('complete-case', [complete.id], APPROVED, completeContent(complete.id), SOURCE);

  // The group arrested together, in one communication (section I repeats per person).
  const group = (await defenders.list({ tag: groupTag, limit: 10 }, actor)).data;
  if (group.length > 1) {
    for (const g of group) {
      await consentTo(g.id, 'un_submission');
      await consentTo(g.id, 'public_un_document');
    }
    await escalation(
      'group',
      group.map((g) => g.id),
      SUBMITTED,
      {
        summary: `${FICTIONAL} Three members of a fictional rights group arrested together in one raid and held on the same charges.`,
        circumstances: 'They were arrested together during a raid on their office.',
        categories: [
          { category: 'II', argument: 'They are detained for their work for the group.' },
        ],
        remedies: {
          exhausted: false,
          explanation: 'Their detention is renewed without a hearing.',
        },
      },
      SOURCE,
    );
  }

  // One escalation at each stage of the WGAD regular procedure.
  for (const [i, stage] of STAGES.entries()) {
    const d = await bySlug(STAGE_CASES[i % STAGE_CASES.length]);
    if (!d) continue;
    if (stage.path.includes('submitted')) {
      await consentTo(d.id, 'un_submission');
      await consentTo(d.id, 'public_un_document');
    }
    await escalation(
      `stage-${stage.key}`,
      [d.id],
      stage.path,
      {
        summary: `${FICTIONAL} A WGAD communication at the "${stage.key}" stage.`,
        circumstances: 'Arrested for their human rights work (fictional).',
        categories: [
          { category: 'II', argument: 'Detained for exercising their rights (fictional).' },
        ],
      },
      SOURCE,
    );
  }
  return { completeCaseId: complete.id, escalationsCreated: made };
}
