/**
 * The HRC mandate map: which thematic Special Procedures mandates fit a case, suggested from
 * what the record says (the defenders' focus and tags, their status, the timeline's events and
 * charges). Pure: a suggestion with its reasons, for a coordinator to choose the addressees of
 * a communication (joint communications usually go to several mandates).
 */

export interface MandateFacts {
  /** The defenders' areas of work (HRD focus), tags, statuses, event types and charges. */
  focus: readonly string[];
  tags: readonly string[];
  statuses: readonly string[];
  events: readonly string[];
  charges: readonly string[];
}

export interface Mandate {
  id: string;
  /** The mandate's title as the Human Rights Council named it. */
  title: string;
}

export const MANDATES = {
  human_rights_defenders: 'Special Rapporteur on the situation of human rights defenders',
  arbitrary_detention: 'Working Group on Arbitrary Detention',
  expression:
    'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression',
  assembly_association:
    'Special Rapporteur on the rights to freedom of peaceful assembly and of association',
  torture:
    'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment',
  judges_lawyers: 'Special Rapporteur on the independence of judges and lawyers',
  disappearances: 'Working Group on Enforced or Involuntary Disappearances',
  health:
    'Special Rapporteur on the right of everyone to the enjoyment of the highest attainable standard of physical and mental health',
  executions: 'Special Rapporteur on extrajudicial, summary or arbitrary executions',
  environment:
    'Special Rapporteur on the human right to a clean, healthy and sustainable environment',
  indigenous: 'Special Rapporteur on the rights of Indigenous Peoples',
  women_girls: 'Working Group on discrimination against women and girls',
  sogi: 'Independent Expert on protection against violence and discrimination based on sexual orientation and gender identity',
  minorities: 'Special Rapporteur on minority issues',
  counter_terrorism:
    'Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism',
} as const;
export type MandateId = keyof typeof MANDATES;

interface Rule {
  mandate: MandateId;
  focus?: readonly string[];
  tags?: readonly string[];
  statuses?: readonly string[];
  events?: readonly string[];
  /** Words in the charges (lower case). */
  charges?: readonly string[];
}

/** Which facts point to which mandate (data: extend it as practice teaches). */
const RULES: readonly Rule[] = [
  {
    mandate: 'arbitrary_detention',
    statuses: ['detained', 'house_arrest'],
    events: ['house_arrest', 'pretrial_extension', 'incommunicado'],
  },
  {
    mandate: 'expression',
    focus: ['journalist'],
    tags: ['journalist', 'blogger', 'media', 'expression', 'online'],
    charges: ['false news', 'fake news', 'insult', 'defamation', 'spreading', 'publication'],
  },
  {
    mandate: 'assembly_association',
    focus: ['labour_rights', 'student', 'pro_democracy'],
    tags: ['protest', 'assembly', 'association', 'trade_union', 'union', 'ngo'],
    charges: ['gathering', 'assembly', 'protest', 'unlicensed', 'association', 'demonstration'],
  },
  { mandate: 'torture', events: ['ill_treatment', 'incommunicado'], tags: ['torture'] },
  {
    mandate: 'judges_lawyers',
    focus: ['lawyer'],
    tags: ['lawyer', 'judge', 'fair_trial'],
    events: ['lawyer_denied'],
  },
  { mandate: 'disappearances', statuses: ['disappeared'], events: ['disappearance'] },
  { mandate: 'health', events: ['health_concern', 'hunger_strike'] },
  { mandate: 'executions', statuses: ['deceased'], events: ['death'], tags: ['death_penalty'] },
  {
    mandate: 'environment',
    focus: ['environmental', 'land_rights'],
    tags: ['environment', 'land', 'climate'],
  },
  { mandate: 'indigenous', focus: ['indigenous_rights'], tags: ['indigenous'] },
  { mandate: 'women_girls', focus: ['womens_rights'], tags: ['women', 'gender'] },
  { mandate: 'sogi', focus: ['lgbtqi_rights'], tags: ['lgbtqi', 'lgbt', 'sogi'] },
  { mandate: 'minorities', focus: ['minority_rights'], tags: ['minority'] },
  { mandate: 'counter_terrorism', tags: ['terrorism'], charges: ['terror', 'extremis'] },
];

export interface MandateSuggestion extends Mandate {
  /** Why, in the record's words: `focus:journalist`, `event:ill_treatment`, `charge:false news`. */
  reasons: string[];
}

/**
 * The mandates that fit the facts, the Special Rapporteur on human rights defenders first
 * (always: the campaign's cases are defenders), then by the number of reasons.
 */
export function suggestMandates(facts: MandateFacts): MandateSuggestion[] {
  const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());
  const tags = lower(facts.tags);
  const charges = lower(facts.charges);
  const out: MandateSuggestion[] = [];
  for (const rule of RULES) {
    const reasons = [
      ...(rule.focus ?? []).filter((f) => facts.focus.includes(f)).map((f) => `focus:${f}`),
      ...(rule.tags ?? []).filter((t) => tags.includes(t)).map((t) => `tag:${t}`),
      ...(rule.statuses ?? []).filter((s) => facts.statuses.includes(s)).map((s) => `status:${s}`),
      ...(rule.events ?? []).filter((e) => facts.events.includes(e)).map((e) => `event:${e}`),
      ...(rule.charges ?? [])
        .filter((w) => charges.some((c) => c.includes(w)))
        .map((w) => `charge:${w}`),
    ];
    if (reasons.length) out.push({ id: rule.mandate, title: MANDATES[rule.mandate], reasons });
  }
  out.sort((a, b) => b.reasons.length - a.reasons.length || a.id.localeCompare(b.id));
  return [
    {
      id: 'human_rights_defenders',
      title: MANDATES.human_rights_defenders,
      reasons: ['a human rights defender'],
    },
    ...out,
  ];
}
