import {
  ACTION_TYPES,
  deriveDetention,
  ESCALATION_KINDS,
  INDICATOR_NAMES,
  isDeprivedOfLiberty,
  MECHANISMS,
  type EventType,
} from '@witness/domain';
import { parse } from 'csv-parse/sync';
import { startApi, type TestApi, type TestResponse } from './support/api';
import { createStaff, createUser, type TestUser } from './support/users';

/**
 * The indicators report end to end: a data set built through the real api (timelines,
 * escalations through their UN steps, solidarity actions, partners; publications and
 * creation times set in SQL, as the api does not let a test choose them), and every figure
 * checked against what this file computes from the fixture itself, for each kind of reader.
 */

const TODAY = '2026-06-15';
const Y2025 = { from: '2025-01-01', to: '2025-12-31' };
const DAY = 86_400_000;

type Who = 'coordinator' | 'caseworker' | 'outsider' | 'viewer';

interface DefenderSpec {
  key: string;
  country: 'EG' | 'TN';
  restricted?: boolean;
  /** Assigned to the (inside) caseworker. */
  assigned?: boolean;
  archived?: boolean;
  createdAt: string;
  featuredAt?: string;
  events: [EventType, string][];
}

const DEFENDERS: DefenderSpec[] = [
  {
    key: 'A',
    country: 'EG',
    createdAt: '2025-03-10T08:00:00Z',
    featuredAt: '2025-05-01T12:00:00Z',
    events: [
      ['arrest', '2024-11-01'],
      ['release', '2025-04-15'],
    ],
  },
  {
    key: 'B',
    country: 'EG',
    createdAt: '2024-12-31T23:59:59Z',
    featuredAt: '2024-12-31T23:59:59Z',
    events: [
      ['arrest', '2025-01-01'],
      ['conditional_release', '2025-12-31'],
      ['rearrest', '2026-02-01'],
    ],
  },
  {
    key: 'C',
    country: 'EG',
    createdAt: '2025-01-01T00:00:00Z',
    featuredAt: '2025-12-31T23:59:59Z',
    events: [
      ['disappearance', '2025-02-01'],
      ['transfer', '2025-03-01'],
      ['release', '2026-01-10'],
    ],
  },
  {
    key: 'D',
    country: 'EG',
    restricted: true,
    assigned: true,
    createdAt: '2025-06-01T10:00:00Z',
    featuredAt: '2025-09-01T00:00:00Z',
    events: [
      ['arrest', '2025-02-10'],
      ['release', '2025-08-20'],
    ],
  },
  {
    key: 'E',
    country: 'TN',
    createdAt: '2025-12-31T23:59:59Z',
    featuredAt: '2026-01-01T00:00:00Z',
    events: [['disappearance', '2025-05-05']],
  },
  {
    key: 'F',
    country: 'EG',
    archived: true,
    createdAt: '2025-07-01T00:00:00Z',
    featuredAt: '2025-06-01T00:00:00Z',
    events: [
      ['arrest', '2025-01-05'],
      ['release', '2025-03-05'],
    ],
  },
  {
    key: 'G',
    country: 'TN',
    createdAt: '2026-01-02T00:00:00Z',
    events: [
      ['arrest', '2023-01-01'],
      ['release', '2024-06-01'],
      ['rearrest', '2024-09-01'],
      ['release', '2025-09-01'],
      // Recorded twice: ends nothing, counts once.
      ['release', '2025-09-02'],
    ],
  },
  {
    key: 'H',
    country: 'EG',
    createdAt: '2025-02-02T00:00:00Z',
    events: [
      ['arrest', '2025-01-20'],
      ['death', '2025-06-01'],
      ['release', '2025-07-01'],
    ],
  },
  {
    key: 'I',
    country: 'EG',
    restricted: true,
    createdAt: '2025-04-04T00:00:00Z',
    events: [
      ['arrest', '2025-03-03'],
      ['hearing', '2026-09-01'],
    ],
  },
  {
    key: 'J',
    country: 'EG',
    createdAt: '2025-05-05T00:00:00Z',
    events: [
      ['arrest', '2025-12-31'],
      ['release', '2026-03-01'],
    ],
  },
  {
    key: 'K',
    country: 'EG',
    createdAt: '2025-08-08T00:00:00Z',
    events: [
      ['arrest', '2025-06-10'],
      ['release', '2025-06-10'],
    ],
  },
  {
    key: 'L',
    country: 'TN',
    createdAt: '2025-10-10T00:00:00Z',
    events: [
      ['arrest', '2025-10-01'],
      ['conditional_release', '2025-11-01'],
      // Already out on conditions: this release ends no detention.
      ['release', '2025-12-01'],
      ['arrest', '2026-02-02'],
    ],
  },
  // House arrest is a deprivation of liberty: it keeps the episode open and counts its days.
  {
    key: 'M',
    country: 'EG',
    createdAt: '2025-03-03T00:00:00Z',
    events: [
      ['arrest', '2025-04-01'],
      ['house_arrest', '2025-09-01'],
    ],
  },
  {
    key: 'N',
    country: 'TN',
    createdAt: '2026-02-01T00:00:00Z',
    events: [
      ['house_arrest', '2025-02-01'],
      ['hunger_strike', '2025-03-01'],
      ['release', '2025-05-01'],
    ],
  },
  {
    key: 'O',
    country: 'EG',
    createdAt: '2026-03-01T00:00:00Z',
    events: [
      ['disappearance', '2025-06-01'],
      ['house_arrest', '2025-07-01'],
      ['hunger_strike', '2025-08-01'],
      ['release', '2026-02-01'],
    ],
  },
];

interface Step {
  to: string;
  date: string;
  arbitrary?: boolean;
  categoriesFound?: string[];
  opinionNumber?: string;
}

interface EscalationSpec {
  key: string;
  defenders: string[];
  mechanism: string;
  kind: string;
  partners: string[];
  steps: Step[];
}

const prep = (submitted: string): Step[] => [
  { to: 'in_review', date: submitted },
  { to: 'approved', date: submitted },
  { to: 'submitted', date: submitted },
];

const ESCALATIONS: EscalationSpec[] = [
  {
    key: 'E1',
    defenders: ['A', 'B'],
    mechanism: 'wgad',
    kind: 'wgad_regular',
    partners: ['P1', 'P2'],
    steps: [
      ...prep('2025-03-01'),
      { to: 'transmitted_to_government', date: '2025-03-10' },
      { to: 'government_replied', date: '2025-06-01' },
      {
        to: 'opinion_adopted',
        date: '2025-11-20',
        arbitrary: true,
        categoriesFound: ['II', 'III'],
        opinionNumber: 'No. 45/2025',
      },
    ],
  },
  {
    key: 'E2',
    defenders: ['D'],
    mechanism: 'wgad',
    kind: 'wgad_regular',
    partners: ['P2', 'P3'],
    steps: [
      ...prep('2025-05-01'),
      { to: 'transmitted_to_government', date: '2025-05-05' },
      { to: 'no_reply', date: '2025-07-10' },
      { to: 'opinion_adopted', date: '2025-12-31', arbitrary: true, categoriesFound: ['I', 'II'] },
    ],
  },
  {
    key: 'E3',
    defenders: ['G'],
    mechanism: 'special_procedures',
    kind: 'sp_urgent_appeal',
    partners: ['P1'],
    steps: [
      ...prep('2025-08-01'),
      { to: 'communication_sent', date: '2025-08-05' },
      { to: 'government_replied', date: '2025-09-15' },
    ],
  },
  {
    key: 'E4',
    defenders: ['C'],
    mechanism: 'wgad',
    kind: 'wgad_regular',
    partners: ['P4'],
    steps: [
      ...prep('2024-12-15'),
      { to: 'transmitted_to_government', date: '2024-12-20' },
      { to: 'no_reply', date: '2025-03-01' },
      { to: 'opinion_adopted', date: '2026-01-15', arbitrary: false },
    ],
  },
  {
    key: 'E5',
    defenders: ['A', 'I'],
    mechanism: 'unhrc',
    kind: 'hrc_statement',
    partners: ['P3'],
    steps: prep('2025-10-10'),
  },
  {
    key: 'E6',
    defenders: ['F'],
    mechanism: 'wgad',
    kind: 'wgad_urgent_action',
    partners: ['P5'],
    steps: prep('2025-04-01'),
  },
  {
    key: 'E7',
    defenders: ['E'],
    mechanism: 'upr',
    kind: 'upr_submission',
    partners: ['P4'],
    steps: prep('2026-01-05'),
  },
  {
    key: 'E8',
    defenders: ['B'],
    mechanism: 'wgad',
    kind: 'wgad_regular',
    partners: [],
    steps: [...prep('2026-04-20'), { to: 'transmitted_to_government', date: '2026-05-01' }],
  },
  {
    key: 'E9',
    defenders: ['L'],
    mechanism: 'achpr',
    kind: 'regional_communication',
    partners: ['P1'],
    steps: [
      ...prep('2025-01-01'),
      { to: 'transmitted_to_government', date: '2025-01-02' },
      { to: 'government_replied', date: '2025-03-03' },
    ],
  },
];

interface ActionSpec {
  key: string;
  defenders: string[];
  type: string;
  startsOn: string;
  status: 'planned' | 'done' | 'cancelled';
  reach: Record<string, number>;
}

const ACTIONS: ActionSpec[] = [
  {
    key: 'S1',
    defenders: ['A'],
    type: 'letter_writing',
    startsOn: '2025-02-14',
    status: 'done',
    reach: { signatures: 1200, organisations: 15 },
  },
  {
    key: 'S2',
    defenders: ['D'],
    type: 'social_media',
    startsOn: '2025-07-18',
    status: 'done',
    reach: { impressions: 50000, participants: 300 },
  },
  {
    key: 'S3',
    defenders: [],
    type: 'joint_statement',
    startsOn: '2025-12-10',
    status: 'done',
    reach: { organisations: 40 },
  },
  {
    key: 'S4',
    defenders: ['C'],
    type: 'trial_monitoring',
    startsOn: '2025-05-05',
    status: 'cancelled',
    reach: { participants: 5 },
  },
  {
    key: 'S5',
    defenders: ['E'],
    type: 'embassy_visit',
    startsOn: '2025-12-31',
    status: 'planned',
    reach: { participants: 12 },
  },
  {
    key: 'S6',
    defenders: ['G'],
    type: 'petition',
    startsOn: '2024-12-31',
    status: 'done',
    reach: { signatures: 999 },
  },
  {
    key: 'S7',
    defenders: ['F'],
    type: 'public_event',
    startsOn: '2025-06-06',
    status: 'done',
    reach: { participants: 70 },
  },
  {
    key: 'S8',
    defenders: ['A', 'I'],
    type: 'solidarity_call',
    startsOn: '2025-03-03',
    status: 'done',
    reach: { participants: 20 },
  },
  {
    key: 'S9',
    defenders: ['A', 'F'],
    type: 'petition',
    startsOn: '2025-01-01',
    status: 'done',
    reach: { signatures: 10 },
  },
];

const PARTNERS = ['P1', 'P2', 'P3', 'P4', 'P5'];

// ---- the oracle: what each figure must be, from the fixture alone -----------------------------

interface Period {
  from: string;
  to: string;
}
interface Filter extends Period {
  country?: string;
}
type Expected = Record<string, { value: number; breakdown: Record<string, number | null> }>;

const inP = (d: string, p: Period) => d >= p.from && d <= p.to;
const stampInP = (ts: string, p: Period) => inP(new Date(ts).toISOString().slice(0, 10), p);
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const spec = (key: string) => DEFENDERS.find((d) => d.key === key)!;
/** The restricted-case rule (archiving aside): who may see a case. */
const sees = (who: Who, d: DefenderSpec) =>
  !d.restricted || who === 'coordinator' || (who === 'caseworker' && !!d.assigned);
const facts = (d: DefenderSpec) =>
  d.events.map(([type, occurredOn], seq) => ({ type, occurredOn, seq }));

function stepDate(e: EscalationSpec, to: string): string | null {
  return e.steps.find((s) => s.to === to)?.date ?? null;
}
/**
 * Each procedure's reply period (days, default settings): the WGAD's 60, Special Procedures'
 * urgent appeals (and the WGAD's) a shorter reminder; a regional communication has none.
 */
const REPLY_DAYS: Record<string, number> = {
  wgad_regular: 60,
  wgad_urgent_action: 30,
  sp_allegation_letter: 60,
  sp_urgent_appeal: 30,
};
function escalationDates(e: EscalationSpec) {
  const transmitted = stepDate(e, 'transmitted_to_government') ?? stepDate(e, 'communication_sent');
  const days = REPLY_DAYS[e.kind];
  return {
    submitted: stepDate(e, 'submitted'),
    replyDue: transmitted && days ? plusDays(transmitted, days) : null,
    replied: stepDate(e, 'government_replied'),
    opinion: e.steps.find((s) => s.to === 'opinion_adopted') ?? null,
  };
}

/** The steps that are an outcome of a procedure (the indicator mechanism_outcomes). */
const OUTCOMES = [
  'opinion_adopted',
  'views_adopted',
  'decision_adopted',
  'filed',
  'clarified',
  'measures_granted',
  'measures_refused',
  'government_replied',
  'no_reply',
  'published',
  'not_included',
];

function count<T>(items: T[], keyOf: (t: T) => string, dim: string, into: Record<string, number>) {
  for (const i of items) into[`${dim}:${keyOf(i)}`] = (into[`${dim}:${keyOf(i)}`] ?? 0) + 1;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface ExpectedRecords {
  [name: string]: string[];
}

function oracle(who: Who, f: Filter, ids: Ids): { figures: Expected; records: ExpectedRecords } {
  const scope = DEFENDERS.filter(
    (d) => !d.archived && sees(who, d) && (!f.country || d.country === f.country),
  );
  const inScope = (k: string) => scope.some((d) => d.key === k);
  const escalations = ESCALATIONS.filter(
    (e) => e.defenders.every((k) => sees(who, spec(k))) && e.defenders.some(inScope),
  );
  const actions = ACTIONS.filter(
    (a) =>
      a.defenders.every((k) => sees(who, spec(k))) &&
      (a.defenders.some(inScope) || (!f.country && a.defenders.length === 0)),
  );

  const figures: Expected = {};
  const records: ExpectedRecords = {};
  const put = (name: string, recs: string[], breakdown: Record<string, number | null>) => {
    figures[name] = { value: recs.length, breakdown };
    records[name] = recs.sort();
  };

  const byCountry = (ds: DefenderSpec[]) => {
    const b: Record<string, number> = {};
    count(ds, (d) => d.country, 'country', b);
    return b;
  };
  const created = scope.filter((d) => stampInP(d.createdAt, f));
  put(
    'new_profiles',
    created.map((d) => ids.defenders[d.key]),
    byCountry(created),
  );
  const featured = scope.filter((d) => d.featuredAt && stampInP(d.featuredAt, f));
  put(
    'profiles_featured',
    featured.map((d) => ids.defenders[d.key]),
    byCountry(featured),
  );

  const atEnd = scope
    .map((d) => ({ d, s: deriveDetention(facts(d), f.to) }))
    .filter(({ s }) => isDeprivedOfLiberty(s.status));
  const detainedB = byCountry(atEnd.map(({ d }) => d));
  count(atEnd, ({ s }) => s.status, 'status', detainedB);
  put(
    'detained_at_period_end',
    atEnd.map(({ d }) => ids.defenders[d.key]),
    detainedB,
  );

  // A release counts when it ends an episode: deriveDetention's closed episodes, by date.
  const releases = scope.flatMap((d) =>
    deriveDetention(facts(d), f.to)
      .episodes.filter(
        (ep) =>
          ep.end &&
          (ep.closedBy === 'release' || ep.closedBy === 'conditional_release') &&
          inP(ep.end, f),
      )
      .map((ep) => ({ d, on: ep.end!, type: ep.closedBy!, days: ep.days })),
  );
  const releasesB: Record<string, number | null> = {};
  count(releases, (r) => r.type, 'type', releasesB as Record<string, number>);
  releasesB['days_detained:median'] = median(releases.map((r) => r.days));
  const releaseId = (r: { d: DefenderSpec; on: string; type: string }) =>
    ids.events[`${r.d.key}:${r.type}:${r.on}`];
  put('releases', releases.map(releaseId), releasesB);

  const after = releases.filter((r) =>
    escalations.some(
      (e) =>
        e.defenders.includes(r.d.key) &&
        escalationDates(e).submitted !== null &&
        escalationDates(e).submitted! <= r.on,
    ),
  );
  const afterB: Record<string, number> = {};
  count(after, (r) => r.type, 'type', afterB);
  // By the mechanism of each escalation submitted before the release (each mechanism once).
  for (const m of MECHANISMS) afterB[`mechanism:${m}`] = 0;
  for (const r of after) {
    const before = escalations.filter(
      (e) =>
        e.defenders.includes(r.d.key) &&
        escalationDates(e).submitted !== null &&
        escalationDates(e).submitted! <= r.on,
    );
    for (const m of new Set(before.map((e) => e.mechanism))) afterB[`mechanism:${m}`] += 1;
  }
  put('releases_after_escalation', after.map(releaseId), afterB);

  const submitted = escalations.filter((e) => {
    const s = escalationDates(e).submitted;
    return s !== null && inP(s, f);
  });
  const escB: Record<string, number> = {};
  count(submitted, (e) => e.mechanism, 'mechanism', escB);
  count(submitted, (e) => e.kind, 'kind', escB);
  put(
    'escalations',
    submitted.map((e) => ids.escalations[e.key]),
    escB,
  );

  const opinions = escalations.filter((e) => {
    const o = escalationDates(e).opinion;
    return e.mechanism === 'wgad' && o !== null && inP(o.date, f);
  });
  const opB: Record<string, number> = {};
  count(
    opinions,
    (e) => {
      const a = escalationDates(e).opinion!.arbitrary;
      return a === true ? 'arbitrary' : a === false ? 'not_arbitrary' : 'not_stated';
    },
    'finding',
    opB,
  );
  for (const e of opinions.filter((e) => escalationDates(e).opinion!.arbitrary === true))
    for (const c of escalationDates(e).opinion!.categoriesFound ?? [])
      opB[`category:${c}`] = (opB[`category:${c}`] ?? 0) + 1;
  put(
    'wgad_opinions',
    opinions.map((e) => ids.escalations[e.key]),
    opB,
  );

  // Outcomes of each procedure reached in the period, per mechanism (each kind once per escalation).
  const outcomeKey = (e: EscalationSpec, st: Step) =>
    st.to === 'opinion_adopted' && e.mechanism === 'wgad'
      ? st.arbitrary === true
        ? 'opinion_arbitrary'
        : st.arbitrary === false
          ? 'opinion_not_arbitrary'
          : 'opinion_adopted'
      : st.to;
  const outB: Record<string, number> = {};
  const reached = escalations.filter((e) => {
    const keys = new Set(
      e.steps
        .filter((st) => OUTCOMES.includes(st.to) && inP(st.date, f))
        .map((st) => outcomeKey(e, st)),
    );
    for (const k of keys) outB[`${e.mechanism}:${k}`] = (outB[`${e.mechanism}:${k}`] ?? 0) + 1;
    return keys.size > 0;
  });
  put(
    'mechanism_outcomes',
    reached.map((e) => ids.escalations[e.key]),
    outB,
  );

  const replies = escalations.filter((e) => {
    const r = escalationDates(e).replied;
    return r !== null && inP(r, f);
  });
  const repB: Record<string, number> = {};
  count(replies, (e) => e.mechanism, 'mechanism', repB);
  count(
    replies,
    (e) => {
      const { replyDue, replied } = escalationDates(e);
      return !replyDue || replied! <= replyDue ? 'on_time' : 'late';
    },
    'timeliness',
    repB,
  );
  put(
    'government_replies',
    replies.map((e) => ids.escalations[e.key]),
    repB,
  );

  const missed = escalations.filter((e) => {
    const { replyDue, replied } = escalationDates(e);
    return (
      replyDue !== null &&
      inP(replyDue, f) &&
      replyDue < TODAY &&
      (replied === null || replied > replyDue)
    );
  });
  const missB: Record<string, number> = {};
  count(missed, (e) => e.mechanism, 'mechanism', missB);
  count(missed, (e) => (escalationDates(e).replied ? 'late' : 'none'), 'reply', missB);
  put(
    'reply_deadlines_missed',
    missed.map((e) => ids.escalations[e.key]),
    missB,
  );

  const acts = actions.filter((a) => inP(a.startsOn, f) && a.status !== 'cancelled');
  const actB: Record<string, number> = {};
  count(acts, (a) => a.type, 'type', actB);
  for (const k of ['signatures', 'participants', 'organisations', 'impressions']) {
    actB[`reach:${k}`] = acts.reduce((s, a) => s + (a.reach[k] ?? 0), 0);
    actB['reach:total'] = (actB['reach:total'] ?? 0) + actB[`reach:${k}`];
  }
  put(
    'solidarity_actions',
    acts.map((a) => ids.actions[a.key]),
    actB,
  );

  const partnerMechs = new Map<string, Set<string>>();
  for (const e of submitted)
    for (const p of e.partners) {
      if (!partnerMechs.has(p)) partnerMechs.set(p, new Set());
      partnerMechs.get(p)!.add(e.mechanism);
    }
  const partB: Record<string, number> = {};
  for (const mechs of partnerMechs.values())
    for (const m of mechs) partB[`mechanism:${m}`] = (partB[`mechanism:${m}`] ?? 0) + 1;
  put(
    'partners_supported',
    [...partnerMechs.keys()].map((p) => ids.partners[p]),
    partB,
  );

  // Zeros are listed in the report, not here.
  for (const fig of Object.values(figures))
    for (const [k, v] of Object.entries(fig.breakdown)) if (v === 0) delete fig.breakdown[k];
  return { figures, records };
}

interface Ids {
  defenders: Record<string, string>;
  /** `${defender}:${type}:${date}` -> event id */
  events: Record<string, string>;
  escalations: Record<string, string>;
  actions: Record<string, string>;
  partners: Record<string, string>;
}

interface IndicatorJson {
  name: string;
  description: string;
  records: string;
  value: number;
  breakdown: { dimension: string; key: string; value: number | null }[];
  href: string;
}

/** The report's figures in the oracle's shape (zero breakdown entries left out). */
function figuresOf(res: TestResponse): Expected {
  const out: Expected = {};
  for (const i of res.body.indicators as IndicatorJson[]) {
    const breakdown: Record<string, number | null> = {};
    for (const b of i.breakdown) if (b.value !== 0) breakdown[`${b.dimension}:${b.key}`] = b.value;
    out[i.name] = { value: i.value, breakdown };
  }
  return out;
}

describe('indicators report', () => {
  let api: TestApi;
  let users: Record<Who, TestUser>;
  const ids: Ids = { defenders: {}, events: {}, escalations: {}, actions: {}, partners: {} };

  const ok = async (res: Promise<TestResponse>, status = 201): Promise<TestResponse> => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status}: ${r.text}`);
    return r;
  };

  const qs = (f: object) =>
    new URLSearchParams(
      Object.entries(f)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)] as [string, string]),
    ).toString();

  const report = (who: Who, f: object, headers = {}) =>
    users[who].request({ method: 'GET', url: `/api/v1/reports/indicators?${qs(f)}`, headers });

  const drill = (who: Who, name: string, f: object) =>
    users[who].request({ method: 'GET', url: `/api/v1/reports/indicators/${name}?${qs(f)}` });

  /** Every record of a drill-down, following nextCursor. */
  const drillAll = async (who: Who, name: string, f: Filter, limit = 200) => {
    const rows: { id: string; date: string }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await drill(who, name, { ...f, limit, cursor });
      expect(res.status).toBe(200);
      rows.push(...res.body.data);
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) return rows;
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    api = await startApi({ now: `${TODAY}T10:00:00Z` });
    const staff = await createStaff(api);
    users = {
      coordinator: staff.coordinator,
      caseworker: staff.caseworker,
      viewer: staff.viewer,
      outsider: await createUser(api, 'caseworker', 'Unassigned Caseworker'),
    };
    const co = users.coordinator;

    for (const p of PARTNERS) {
      const res = await ok(
        co.request({
          method: 'POST',
          url: '/api/v1/partners',
          // P3 makes the HRC statement (E5): it needs ECOSOC consultative status.
          body: {
            name: `Partner ${p}`,
            kind: 'partner',
            country: 'KE',
            ...(p === 'P3' ? { ecosocStatus: 'special' } : {}),
          },
        }),
      );
      ids.partners[p] = res.body.id;
    }

    for (const d of DEFENDERS) {
      const res = await ok(
        co.request({
          method: 'POST',
          url: '/api/v1/defenders',
          body: {
            fullName: `Defender ${d.key}`,
            country: d.country,
            access: d.restricted ? 'restricted' : 'standard',
          },
        }),
      );
      const id = res.body.id as string;
      ids.defenders[d.key] = id;
      for (const [type, occurredOn] of d.events) {
        const ev = await ok(
          co.request({
            method: 'POST',
            url: `/api/v1/defenders/${id}/events`,
            body: { type, occurredOn },
          }),
        );
        ids.events[`${d.key}:${type}:${occurredOn}`] ??= ev.body.id;
      }
      if (d.assigned)
        await ok(
          co.request({
            method: 'POST',
            url: `/api/v1/defenders/${id}/assignees`,
            body: { userId: users.caseworker.id },
          }),
        );
      // Every one is submitted to mechanisms that may publish names: both UN consents.
      for (const purpose of ['un_submission', 'public_un_document'])
        await ok(
          co.request({
            method: 'POST',
            url: `/api/v1/defenders/${id}/consents`,
            body: {
              purpose,
              decision: 'given',
              givenBy: 'defender',
              method: 'written',
              decidedOn: '2024-01-01',
            },
          }),
        );
      // Creation time is the database's clock; the report counts it, so the test sets it.
      await api.db.query(`UPDATE defenders SET created_at = $2 WHERE id = $1`, [id, d.createdAt]);
      if (d.featuredAt) {
        // Featuring is another feature's route; the report only reads first_featured_at.
        await api.db.query(
          `INSERT INTO publications (defender_id, slug, featured, display_name, public_summary,
                                     first_featured_at, published_at, version)
           VALUES ($1, $2, true, $3, 'A defender.', $4, $4, 1)`,
          [id, `defender-${d.key.toLowerCase()}`, `Defender ${d.key}`, d.featuredAt],
        );
      }
    }

    for (const e of ESCALATIONS) {
      const res = await ok(
        co.request({
          method: 'POST',
          url: '/api/v1/escalations',
          body: {
            defenderIds: e.defenders.map((k) => ids.defenders[k]),
            mechanism: e.mechanism,
            kind: e.kind,
            partnerIds: e.partners.map((p) => ids.partners[p]),
          },
        }),
      );
      ids.escalations[e.key] = res.body.id;
      for (const s of e.steps)
        await ok(
          co.request({
            method: 'POST',
            url: `/api/v1/escalations/${res.body.id}/transitions`,
            body: s,
          }),
          200,
        );
    }

    for (const a of ACTIONS) {
      const res = await ok(
        co.request({
          method: 'POST',
          url: '/api/v1/solidarity-actions',
          body: {
            defenderIds: a.defenders.map((k) => ids.defenders[k]),
            type: a.type,
            title: `Action ${a.key}`,
            startsOn: a.startsOn,
            status: a.status,
            reach: a.reach,
          },
        }),
      );
      ids.actions[a.key] = res.body.id;
    }

    for (const d of DEFENDERS.filter((x) => x.archived))
      await ok(
        co.request({ method: 'DELETE', url: `/api/v1/defenders/${ids.defenders[d.key]}` }),
        204,
      );
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  it('gives a coordinator every figure of 2025, as the fixture implies', async () => {
    const res = await report('coordinator', Y2025);
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual(Y2025);
    expect(res.body.country).toBeNull();
    expect(res.body.asOf).toBe(TODAY);
    expect((res.body.indicators as IndicatorJson[]).map((i) => i.name)).toEqual([
      ...INDICATOR_NAMES,
    ]);
    expect(figuresOf(res)).toEqual(oracle('coordinator', Y2025, ids).figures);
  });

  it('spells out the hard cases (derived at the period end, days at release, boundaries)', async () => {
    const figs = figuresOf(await report('coordinator', Y2025));
    // C (disappeared, then seen in a transfer; released only in 2026), E (disappeared),
    // I (restricted), J (arrested on 31 December; released in 2026), M (moved from prison to
    // house arrest) and O (disappeared, then found under house arrest; released in 2026).
    expect(figs.detained_at_period_end).toEqual({
      value: 6,
      breakdown: {
        'status:detained': 3,
        'status:disappeared': 1,
        'status:house_arrest': 2,
        'country:EG': 5,
        'country:TN': 1,
      },
    });
    // A 2024-11-01 -> 2025-04-15, B 2025-01-01 -> 2025-12-31 (conditional), D 2025-02-10 ->
    // 2025-08-20, G 2024-09-01 -> 2025-09-01, K same day, L 2025-10-01 -> 2025-11-01
    // (conditional), N 2025-02-01 -> 2025-05-01 (house arrest: its days count). Not: F
    // (archived), G's duplicate, H after death, L after conditional.
    const days = [165, 364, 191, 365, 0, 31, 89];
    expect(figs.releases.value).toBe(7);
    expect(figs.releases.breakdown['type:conditional_release']).toBe(2);
    expect(figs.releases.breakdown['days_detained:median']).toBe(165);
    expect(median(days)).toBe(165);
    // E1 (A, B), E2 (D), E3 (G), E9 (L): all but K's.
    expect(figs.releases_after_escalation.value).toBe(5);
    // E2 was adopted on 31 December and E9 submitted on 1 January: both ends are in.
    expect(figs.wgad_opinions.breakdown).toMatchObject({
      'finding:arbitrary': 2,
      'category:II': 2,
      'category:I': 1,
      'category:III': 1,
    });
    expect(figs.escalations.value).toBe(5); // E1, E2, E3, E5, E9 (not E6: only archived)
  });

  it.each<Who>(['caseworker', 'outsider', 'viewer'])(
    'counts for a %s only what they may see',
    async (who) => {
      const res = await report(who, Y2025);
      expect(res.status).toBe(200);
      const expected = oracle(who, Y2025, ids).figures;
      expect(figuresOf(res)).toEqual(expected);
      const all = oracle('coordinator', Y2025, ids).figures;
      // The restricted cases do make a difference to these readers.
      expect(expected.escalations.value).toBeLessThan(all.escalations.value);
      expect(expected.partners_supported.value).toBeLessThanOrEqual(all.partners_supported.value);
    },
  );

  it('restricted records are absent for those who may not see them', async () => {
    const viewer = figuresOf(await report('viewer', Y2025));
    // D and I are restricted; E2 (D) and E5 (I) with them, S2 and S8 too.
    expect(viewer.detained_at_period_end.value).toBe(5);
    expect(viewer.escalations.value).toBe(3); // E1, E3, E9
    expect(viewer.escalations.breakdown['mechanism:unhrc']).toBeUndefined();
    expect(viewer.partners_supported.value).toBe(2); // P1, P2 (P3 only via E2 and E5)
    const outsider = figuresOf(await report('outsider', Y2025));
    expect(outsider).toEqual(viewer);
    const assigned = figuresOf(await report('caseworker', Y2025));
    expect(assigned.escalations.value).toBe(4); // + E2 (D is theirs); E5 still hidden (I)
  });

  it.each<[Who, string]>([
    ['coordinator', 'EG'],
    ['coordinator', 'TN'],
    ['viewer', 'EG'],
    ['viewer', 'TN'],
  ])('filters by country for a %s (%s)', async (who, country) => {
    const res = await report(who, { ...Y2025, country: country.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body.country).toBe(country);
    expect(figuresOf(res)).toEqual(oracle(who, { ...Y2025, country }, ids).figures);
  });

  it.each<Filter>([
    { from: '2025-12-31', to: '2025-12-31' },
    { from: '2025-01-01', to: '2025-01-01' },
    { from: '2024-12-31', to: '2024-12-31' },
    { from: '2025-06-01', to: '2025-09-01' },
    { from: '2026-01-01', to: '2026-12-31' },
    { from: '2020-01-01', to: '2026-06-15' },
  ])('includes both ends of the period ($from .. $to)', async (f) => {
    for (const who of ['coordinator', 'viewer'] as const) {
      const res = await report(who, f);
      expect(res.status).toBe(200);
      expect(figuresOf(res)).toEqual(oracle(who, f, ids).figures);
    }
  });

  it('defaults to the current year to date', async () => {
    const res = await report('coordinator', {});
    expect(res.body.period).toEqual({ from: '2026-01-01', to: TODAY });
    expect(figuresOf(res)).toEqual(
      oracle('coordinator', { from: '2026-01-01', to: TODAY }, ids).figures,
    );
    // E8's reply is due on 2026-06-30, after today: not missed yet.
    const missed = figuresOf(await report('coordinator', { from: '2026-01-01', to: '2026-12-31' }));
    expect(missed.reply_deadlines_missed.value).toBe(0);
  });

  it('lists every fixed key of a breakdown, zeros included, and links each drill-down', async () => {
    const res = await report('viewer', { ...Y2025, country: 'EG' });
    const byName = Object.fromEntries(
      (res.body.indicators as IndicatorJson[]).map((i) => [i.name, i]),
    );
    const keys = (name: string, dim: string) =>
      byName[name].breakdown.filter((b) => b.dimension === dim).map((b) => b.key);
    expect(keys('escalations', 'mechanism')).toEqual([...MECHANISMS]);
    expect(keys('escalations', 'kind')).toEqual([...ESCALATION_KINDS]);
    expect(keys('solidarity_actions', 'type')).toEqual([...ACTION_TYPES]);
    expect(keys('wgad_opinions', 'category')).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(byName.releases.href).toBe(
      '/api/v1/reports/indicators/releases?from=2025-01-01&to=2025-12-31&country=EG',
    );
    for (const i of res.body.indicators as IndicatorJson[]) expect(i.description).toBeTruthy();
  });

  it('answers CSV to Accept: text/csv (and format=csv), the same figures as the JSON', async () => {
    const json = await report('coordinator', { ...Y2025, country: 'EG' });
    for (const csv of [
      await report('coordinator', { ...Y2025, country: 'EG' }, { accept: 'text/csv' }),
      await report('coordinator', { ...Y2025, country: 'EG', format: 'csv' }),
    ]) {
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="witness-indicators-2025-01-01-to-2025-12-31-EG.csv"',
      );
      expect(csv.text.startsWith('\ufeff')).toBe(true);
      expect(csv.text).toContain('\r\n');
      const rows = parse(csv.text, { bom: true }) as string[][];
      expect(rows[0]).toEqual([
        'period_from',
        'period_to',
        'country',
        'indicator',
        'dimension',
        'key',
        'value',
      ]);
      const expected: string[][] = [];
      for (const i of json.body.indicators as IndicatorJson[]) {
        expected.push(['2025-01-01', '2025-12-31', 'EG', i.name, '', '', String(i.value)]);
        for (const b of i.breakdown)
          expected.push([
            '2025-01-01',
            '2025-12-31',
            'EG',
            i.name,
            b.dimension,
            b.key,
            b.value === null ? '' : String(b.value),
          ]);
      }
      expect(rows.slice(1)).toEqual(expected);
    }
    // JSON stays the default, and an explicit preference for JSON wins.
    const both = await report('coordinator', Y2025, { accept: 'application/json, text/csv' });
    expect(both.headers['content-type']).toMatch(/application\/json/);
    const none = await report('coordinator', { ...Y2025 });
    expect(none.headers['content-type']).toMatch(/application\/json/);
    const noCountry = await report('coordinator', { ...Y2025, format: 'csv' });
    expect(noCountry.headers['content-disposition']).toMatch(
      /filename="witness-indicators-2025-01-01-to-2025-12-31\.csv"/,
    );
  });

  it.each<[Who, Filter]>([
    ['coordinator', Y2025],
    ['viewer', Y2025],
    ['outsider', { ...Y2025, country: 'EG' }],
    ['caseworker', { from: '2024-01-01', to: '2026-06-15' }],
  ])('drill-downs list exactly the records behind each figure (%s, %j)', async (who, f) => {
    const res = await report(who, f);
    const expected = oracle(who, f, ids).records;
    for (const i of res.body.indicators as IndicatorJson[]) {
      const rows = await drillAll(who, i.name, f);
      expect({ name: i.name, n: rows.length }).toEqual({ name: i.name, n: i.value });
      expect({ name: i.name, ids: rows.map((r) => r.id).sort() }).toEqual({
        name: i.name,
        ids: expected[i.name],
      });
    }
  });

  it('describes each record in a drill-down', async () => {
    const rel = await drill('coordinator', 'releases', { ...Y2025, country: 'EG' });
    expect(rel.status).toBe(200);
    expect(rel.body).toMatchObject({
      indicator: 'releases',
      records: 'release',
      period: Y2025,
      country: 'EG',
      nextCursor: null,
    });
    const a = rel.body.data.find((r: { defenderId: string }) => r.defenderId === ids.defenders.A);
    expect(a).toEqual({
      id: ids.events['A:release:2025-04-15'],
      date: '2025-04-15',
      defenderId: ids.defenders.A,
      fullName: 'Defender A',
      country: 'EG',
      status: 'released',
      access: 'standard',
      type: 'release',
      detainedSince: '2024-11-01',
      daysDetained: 165,
    });
    const det = await drill('coordinator', 'detained_at_period_end', Y2025);
    const c = det.body.data.find((r: { id: string }) => r.id === ids.defenders.C);
    // Released today, detained (seen again after disappearing) at the end of 2025.
    expect(c).toMatchObject({
      date: '2025-02-01',
      status: 'released',
      statusAtPeriodEnd: 'detained',
    });
    const op = await drill('coordinator', 'wgad_opinions', Y2025);
    expect(op.body.data[0]).toMatchObject({
      id: ids.escalations.E1,
      date: '2025-11-20',
      mechanism: 'wgad',
      kind: 'wgad_regular',
      opinionNumber: 'No. 45/2025',
      submittedOn: '2025-03-01',
      replyDueOn: '2025-05-09',
      governmentRepliedOn: '2025-06-01',
      outcome: { arbitrary: true, categoriesFound: ['II', 'III'] },
    });
    const partners = await drill('viewer', 'partners_supported', Y2025);
    expect(partners.body.data).toEqual([
      {
        id: ids.partners.P1,
        date: '2025-01-01',
        name: 'Partner P1',
        country: 'KE',
        kind: 'partner',
        mechanisms: ['achpr', 'special_procedures', 'wgad'],
        escalations: 3,
      },
      {
        id: ids.partners.P2,
        date: '2025-03-01',
        name: 'Partner P2',
        country: 'KE',
        kind: 'partner',
        mechanisms: ['wgad'],
        escalations: 1,
      },
    ]);
    const actions = await drill('viewer', 'solidarity_actions', { ...Y2025, country: 'TN' });
    expect(actions.body.data).toEqual([
      {
        id: ids.actions.S5,
        date: '2025-12-31',
        type: 'embassy_visit',
        title: 'Action S5',
        status: 'planned',
        startsOn: '2025-12-31',
        endsOn: null,
        reach: { participants: 12 },
      },
    ]);
  });

  it('pages a drill-down by date then id, without gaps or repeats', async () => {
    const f = { from: '2020-01-01', to: '2026-06-15' };
    const all = await drillAll('coordinator', 'new_profiles', f, 200);
    const paged = await drillAll('coordinator', 'new_profiles', f, 2);
    expect(all.length).toBeGreaterThan(5);
    expect(paged).toEqual(all);
    const order = all.map((r) => `${r.date} ${r.id}`);
    expect(order).toEqual([...order].sort());
    const first = await drill('coordinator', 'new_profiles', { ...f, limit: 2 });
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
  });

  it('refuses bad input with a problem naming the field', async () => {
    const bad = async (
      url: string,
      field: string | null,
      status = 400,
      who: Who = 'viewer',
    ): Promise<void> => {
      const res = await users[who].request({ method: 'GET', url });
      expect({ url, status: res.status }).toEqual({ url, status });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    const R = '/api/v1/reports/indicators';
    await bad(`${R}?from=2025-02-30`, 'from');
    await bad(`${R}?to=31/12/2025`, 'to');
    await bad(`${R}?from=2025-02-01&to=2025-01-31`, 'to');
    await bad(`${R}?from=2026-07-01`, 'to');
    await bad(`${R}?from=2000-01-01&to=2025-12-31`, 'to');
    await bad(`${R}?country=XX`, 'country');
    await bad(`${R}?country=EGY`, 'country');
    await bad(`${R}?format=xlsx`, 'format');
    await bad(`${R}?limit=5`, 'limit');
    await bad(`${R}?status=detained`, 'status');
    await bad(`${R}/releases?from=2025-13-01`, 'from');
    await bad(`${R}/releases?limit=0`, 'limit');
    await bad(`${R}/releases?limit=201`, 'limit');
    await bad(`${R}/releases?cursor=nonsense`, 'cursor');
    const bogus = Buffer.from(JSON.stringify({ k: '2025-01-01', i: '-'.repeat(36) })).toString(
      'base64url',
    );
    await bad(`${R}/releases?cursor=${bogus}`, 'cursor');
    await bad(`${R}/releases?format=csv`, 'format');
    await bad(`${R}/Releases!`, 'name');
    await bad(`${R}/arrests`, null, 404);
    await bad(`${R}/constructor`, null, 404);
    await bad(`${R}/${'x'.repeat(61)}`, 'name');
    for (const url of [R, `${R}/releases`]) {
      const anon = await api.request({ method: 'GET', url, anonymous: true });
      expect(anon.status).toBe(401);
    }
  });
});
