#!/usr/bin/env node
// `npm run bench:seed -- --defenders 100000`: a campaign-scale data set in its own database.
//
// Drops and recreates the bench database (its name must contain "bench"), runs the project's
// migrations (the built `migrate()`), then loads with COPY: defenders over 63 countries (names
// in many scripts, with accents), ~10 timeline events each, escalations, milestones, solidarity
// actions, partners, consents, publications, assignees of restricted cases and the bench users.
// Derived fields (status, detainedSince, closed days) come from the project's own
// `deriveDetention`, search vectors from the database's own trigger, so the data is what the
// application would have written. No audit events are seeded (the hash chain starts empty).
//
// Flags: --defenders N (100000)  --events-per-defender N (10)  --seed N (1)
//        --database-url URL (BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/witness_bench)
'use strict';

const { randomUUID } = require('node:crypto');
const { Client } = require('pg');
const {
  DEFAULT_DATABASE_URL,
  PASSWORD,
  USERS,
  adminUrl,
  assertBenchDatabase,
  intArg,
  parseArgs,
  requireBuilt,
  rng,
  say,
} = require('./lib/common');
const { copyInto, copyRow } = require('./lib/copy');
const { COUNTRY_POOLS, POOLS, personName } = require('./lib/names');

const DAY = 86_400_000;
const HRD_FOCUSES = ['journalist', 'lawyer', 'environmental', 'land_rights', 'womens_rights', 'lgbtqi_rights', 'labour_rights', 'student', 'indigenous_rights', 'minority_rights', 'pro_democracy', 'other']; // prettier-ignore
const PROFESSIONS = ['journalist', 'lawyer', 'teacher', 'trade unionist', 'blogger', 'doctor', 'student', 'farmer', 'poet', 'researcher', 'community organiser']; // prettier-ignore
const ORGS = ['Centre for Human Rights', 'Association for Justice', 'Observatoire des libertés', 'Defenders Network', 'Comité de défense', 'Legal Aid Collective', 'Free Press Union', 'Land Rights Forum']; // prettier-ignore
const TAGS = ['priority', 'health', 'family-contact', 'trial-watch', 'un-case', 'media', 'transfer-risk', 'women-hrd']; // prettier-ignore
const CHARGES = ['spreading false news', 'membership of a terrorist group', 'insulting the head of state', 'undermining national unity', 'unauthorised assembly', 'incitement', 'espionage', 'tax evasion']; // prettier-ignore
const FORCES = ['plain-clothes officers', 'the national security agency', 'military intelligence', 'riot police', 'unidentified armed men']; // prettier-ignore
const MIDDLE = [['charge', 3], ['hearing', 6], ['transfer', 3], ['hunger_strike', 1], ['health_concern', 2], ['visit_denied', 2], ['ill_treatment', 1], ['trial', 1], ['appeal', 1], ['verdict', 1], ['sentence', 1], ['other', 1]]; // prettier-ignore
const MIDDLE_BAG = MIDDLE.flatMap(([t, w]) => Array(w).fill(t));
const COUNTRY_WEIGHTS = COUNTRY_POOLS.map((_, k) => 1 + Math.floor(rng(42 + k)() ** 2 * 20));
const COUNTRY_BAG = COUNTRY_POOLS.flatMap((cp, k) => Array(COUNTRY_WEIGHTS[k]).fill(cp));

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (s) => Date.parse(`${s}T00:00:00Z`);

/** A well-mixed 32-bit seed per defender (splitmix-style), so generators do not overlap. */
function mix(seed, i) {
  let z = (Math.imul(seed, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

function describe(r, type, pool, place, city) {
  switch (type) {
    case 'arrest':
      return `Arrested at home in ${city} by ${r.pick(FORCES)}; no warrant was shown.`;
    case 'rearrest':
      return `Re-arrested in ${city} days after release.`;
    case 'disappearance':
      return `Taken from a street in ${city} by ${r.pick(FORCES)}; the authorities deny holding them.`;
    case 'charge':
      return `Charged with ${r.pick(CHARGES)} before the court in ${city}.`;
    case 'hearing':
      return `Hearing in ${city}; the judge adjourned the case again.`;
    case 'transfer':
      return `Transferred to ${place} prison without notice to the family.`;
    case 'hunger_strike':
      return `Began a hunger strike in ${place} prison against solitary confinement.`;
    case 'health_concern':
      return `Family reports untreated illness in ${place} prison; medication refused.`;
    case 'ill_treatment':
      return `Lawyer reports beatings during interrogation at ${place}.`;
    case 'visit_denied':
      return `Lawyer denied a visit at ${place} prison.`;
    case 'trial':
      return `Trial opened in ${city}; observers were refused entry.`;
    case 'appeal':
      return `Appeal lodged against the verdict.`;
    case 'verdict':
      return `Found guilty of ${r.pick(CHARGES)}.`;
    case 'sentence':
      return `Sentenced to ${2 + r.int(12)} years in prison.`;
    case 'release':
      return `Released from ${place} prison.`;
    case 'conditional_release':
      return `Released on bail from ${place}; must report weekly to the police in ${city}.`;
    case 'death':
      return `Died in custody at ${place}.`;
    default:
      return r.chance(0.5) ? `Family visit allowed at ${place}.` : null;
  }
}

/** One defender's profile (drawn first from its generator) and its timeline. */
function makeDefender(seed, i, n, today, todayMs, eventsPer) {
  const r = rng(mix(seed, i));
  const [country, poolName] = r.pick(COUNTRY_BAG);
  const pool = POOLS[poolName];
  const { fullName, otherNames } = personName(r, poolName);
  const city = r.pick(pool.cities);
  const birthYear = r.chance(0.8) ? 1950 + r.int(54) : null;
  const focus = [r.pick(HRD_FOCUSES)];
  if (r.chance(0.3)) focus.push(r.pick(HRD_FOCUSES));
  const createdMs = todayMs - 8 * 365 * DAY + Math.floor(((i + r()) / n) * 8 * 365 * DAY);
  const profile = {
    fullName,
    otherNames,
    sex: r.pick(['female', 'male', 'male', 'female', 'non_binary', 'undisclosed', null]),
    birthDate:
      birthYear && r.chance(0.6)
        ? `${birthYear}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`
        : null,
    birthYear,
    nationality: r.chance(0.9) ? country : r.pick(COUNTRY_POOLS)[0],
    country,
    profession: r.pick(PROFESSIONS),
    organisation: r.chance(0.7) ? `${r.pick(ORGS)} – ${city}` : null,
    hrdFocus: [...new Set(focus)],
    summary: `${otherNames[0] || fullName} is a ${r.pick(PROFESSIONS)} from ${city} working on ${focus[0].replace(/_/g, ' ')}.`,
    story: r.chance(0.4)
      ? `Known in ${city} for documenting abuses, ${fullName} received threats for years before the arrest. ` +
        `Colleagues at ${r.pick(ORGS)} say the case is reprisal for their work. `.repeat(
          1 + r.int(3),
        )
      : null,
    riskLevel: r.pick(['low', 'medium', 'high', 'critical', null]),
    access: r.chance(0.1) ? 'restricted' : 'standard',
    tags: [...new Set(Array.from({ length: r.int(3) }, () => r.pick(TAGS)))],
    archived: r.chance(0.01),
    createdMs,
    updatedMs: Math.min(todayMs - DAY, createdMs + r.int(400) * DAY),
  };

  const events = [];
  if (!r.chance(0.04)) {
    const count = Math.max(1, Math.round(eventsPer * 1.1 * (0.3 + 1.4 * r())));
    const startMs = dayMs('2012-01-01');
    let d = startMs + Math.floor(r() ** 0.6 * (todayMs - 30 * DAY - startMs));
    const place = () => r.pick(pool.prisons);
    const push = (type, ms) => {
      const p = place();
      events.push({
        id: randomUUID(),
        type,
        occurredOn: isoDay(ms),
        description: describe(r, type, pool, p, city),
        place: ['arrest', 'disappearance', 'rearrest'].includes(type) ? city : p,
        authority: type === 'hearing' || type === 'trial' ? `Court of ${city}` : null,
        legalBasis: type === 'charge' ? `Penal code art. ${100 + r.int(300)}` : null,
        charges: type === 'charge' || type === 'verdict' ? [r.pick(CHARGES)] : [],
        sentence: type === 'sentence' ? `${2 + r.int(12)} years` : null,
        verification: r.pick(['unverified', 'corroborated', 'confirmed']),
      });
    };
    push(r.chance(0.05) ? 'disappearance' : 'arrest', d);
    const outcome = r();
    const closing =
      outcome < 0.25
        ? 'release'
        : outcome < 0.37
          ? 'conditional_release'
          : outcome < 0.385
            ? 'death'
            : null;
    const middle = count - 1 - (closing ? 1 : 0);
    for (let k = 0; k < middle; k++) {
      const next = d + (3 + r.int(90)) * DAY;
      if (next > todayMs - DAY) break;
      d = next;
      push(r.pick(MIDDLE_BAG), d);
    }
    if (closing && d + 2 * DAY < todayMs) {
      d = Math.min(todayMs - DAY, d + (3 + r.int(60)) * DAY);
      push(closing, d);
      if (closing !== 'death' && r.chance(0.1) && d + 10 * DAY < todayMs) {
        d = Math.min(todayMs - DAY, d + (5 + r.int(200)) * DAY);
        push('rearrest', d);
      }
    }
    if (!closing && r.chance(0.12)) push('hearing', todayMs + (5 + r.int(120)) * DAY);
  }
  return { profile, events, today };
}

async function recreateDatabase(url, name) {
  const admin = new Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const n = intArg(args.defenders, 100_000, 'defenders');
  const eventsPer = intArg(args.eventsPerDefender, 10, 'events-per-defender');
  const seed = intArg(args.seed, 1, 'seed');
  const url = args.databaseUrl || process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
  const dbName = assertBenchDatabase(url);
  if (n < 100) throw new Error('--defenders must be at least 100');

  const { migrate } = requireBuilt('libs/platform/src/database/migrate.js');
  const { deriveDetention } = requireBuilt('libs/domain/src/shared/detention-status.js');
  const { ESCALATION_KINDS, KIND_MECHANISMS, statesOf } = requireBuilt(
    'libs/domain/src/escalations/escalation-workflow.js',
  );
  const { ARGON2_OPTIONS } = requireBuilt('libs/domain/src/users/users.service.js');
  const argon2 = require('argon2');

  const started = Date.now();
  const lap = (what) => say('seed', `${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const todayMs = dayMs(new Date().toISOString().slice(0, 10));
  const today = isoDay(todayMs);
  const nowIso = new Date().toISOString();

  await recreateDatabase(url, dbName);
  await migrate(url, { log: () => undefined }, { createDatabase: false });
  lap(`database ${dbName} recreated and migrated`);

  const client = new Client({ connectionString: url, application_name: 'witness-bench-seed' });
  await client.connect();
  const r = rng(seed * 31 + 7);
  try {
    // Triggers and foreign keys off while loading rows whose consistency we build here; the
    // defenders' own trigger stays on (below) so search vectors are the database's.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`SET synchronous_commit = off`);

    // --- users -------------------------------------------------------------------------------
    const hash = await argon2.hash(PASSWORD, ARGON2_OPTIONS);
    const caseworkers = Math.max(5, Math.round(n / 2000));
    const users = [
      { id: randomUUID(), ...USERS.coordinator, role: 'coordinator' },
      { id: randomUUID(), ...USERS.caseworker, role: 'caseworker' },
      { id: randomUUID(), email: 'bench-admin@example.org', name: 'Bench Admin', role: 'admin' },
    ];
    for (let k = 1; k < caseworkers; k++)
      users.push({ id: randomUUID(), email: `caseworker-${k}@example.org`, name: `Caseworker ${k}`, role: 'caseworker' }); // prettier-ignore
    for (let k = 1; k <= 5; k++)
      users.push({ id: randomUUID(), email: `viewer-${k}@example.org`, name: `Viewer ${k}`, role: 'viewer' }); // prettier-ignore
    const cwIds = users.filter((u) => u.role === 'caseworker').map((u) => u.id);
    const coordinatorId = users[0].id;
    await copyInto(
      client,
      'users',
      ['id', 'email', 'name', 'role', 'time_zone', 'active', 'password_hash', 'version'],
      users.map(
        (u) =>
        copyRow([u.id, u.email, u.name, u.role, r.pick(['UTC', 'Europe/Geneva', 'Africa/Nairobi', 'America/Bogota']), true, hash, 1]), // prettier-ignore
      ),
    );

    // --- pass 1: timeline events (and what the other tables need from each defender) -------
    const ids = new Array(n);
    const summaries = new Array(n);
    const meta = new Array(n);
    const futureHearings = [];
    let eventCount = 0;
    function* eventLines() {
      for (let i = 0; i < n; i++) {
        const { profile, events } = makeDefender(seed, i, n, today, todayMs, eventsPer);
        profile.id = ids[i] = randomUUID();
        summaries[i] = deriveDetention(
          events.map((e, k) => ({ type: e.type, occurredOn: e.occurredOn, seq: k })),
          today,
        );
        meta[i] = {
          country: profile.country,
          access: profile.access,
          archived: profile.archived,
          updatedMs: profile.updatedMs,
          name: profile.fullName,
        };
        const created = new Date(profile.createdMs).toISOString();
        for (const e of events) {
          eventCount++;
          if (e.occurredOn > today) futureHearings.push({ i, id: e.id, on: e.occurredOn });
          yield copyRow([e.id, profile.id, e.type, e.occurredOn, e.description, e.place, e.authority, e.legalBasis, e.charges, e.sentence, e.verification, 1, created, created]); // prettier-ignore
        }
      }
    }
    await copyInto(
      client,
      'detention_events',
      ['id', 'defender_id', 'type', 'occurred_on', 'description', 'place', 'authority', 'legal_basis', 'charges', 'sentence', 'verification', 'version', 'created_at', 'updated_at'], // prettier-ignore
      eventLines(),
    );
    lap(`${eventCount} timeline events`);

    // --- pass 2: defenders, with the search trigger on (it reads their events) -------------
    await client.query(`SET session_replication_role = origin`);
    function* defenderLines() {
      for (let i = 0; i < n; i++) {
        const { profile: p } = makeDefender(seed, i, n, today, todayMs, eventsPer);
        p.id = ids[i];
        const s = summaries[i];
        const created = new Date(p.createdMs).toISOString();
        const updated = new Date(p.updatedMs).toISOString();
        yield copyRow([p.id, p.fullName, p.otherNames, p.sex, p.birthDate, p.birthYear, [p.nationality], p.country, p.profession, p.organisation, p.hrdFocus, p.summary, p.story, p.riskLevel, p.access, p.tags, s.status, s.detainedSince, s.closedDays, s.episodes.length ? updated : null, p.archived ? updated : null, 1, created, updated]); // prettier-ignore
      }
    }
    await copyInto(
      client,
      'defenders',
      ['id', 'full_name', 'other_names', 'sex', 'birth_date', 'birth_year', 'nationalities', 'country', 'profession', 'organisation', 'hrd_focus', 'summary', 'story', 'risk_level', 'access', 'tags', 'status', 'detained_since', 'closed_detention_days', 'last_event_at', 'archived_at', 'version', 'created_at', 'updated_at'], // prettier-ignore
      defenderLines(),
    );
    lap(`${n} defenders (search vectors by the trigger)`);
    await client.query(`SET session_replication_role = replica`);

    // --- assignees of restricted cases (the bench caseworker gets its share) ---------------
    const assignees = [];
    for (let i = 0; i < n; i++) {
      if (meta[i].access !== 'restricted') continue;
      const a = r.pick(cwIds);
      assignees.push(copyRow([ids[i], a, coordinatorId, nowIso]));
      if (r.chance(0.3)) {
        const b = r.pick(cwIds);
        if (b !== a) assignees.push(copyRow([ids[i], b, coordinatorId, nowIso]));
      }
    }
    await copyInto(client, 'defender_assignees', ['defender_id', 'user_id', 'assigned_by', 'assigned_at'], assignees); // prettier-ignore

    // --- consents --------------------------------------------------------------------------
    const consentOf = new Uint8Array(n);
    function* consentLines() {
      for (let i = 0; i < n; i++) {
        for (const purpose of ['public_profile', 'un_submission', 'photo']) {
          if (!r.chance(purpose === 'photo' ? 0.15 : 0.4)) continue;
          const on = isoDay(meta[i].updatedMs - r.int(300) * DAY);
          if (purpose === 'public_profile') consentOf[i] = 1;
          yield copyRow([ids[i], purpose, 'given', r.pick(['defender', 'family_member', 'lawyer']), r.pick(['written', 'oral', 'via_representative']), on, null, null, coordinatorId, nowIso]); // prettier-ignore
          if (r.chance(0.05)) {
            if (purpose === 'public_profile') consentOf[i] = 0;
            yield copyRow([ids[i], purpose, 'revoked', 'defender', 'oral', isoDay(Math.min(todayMs, dayMs(on) + (1 + r.int(200)) * DAY)), null, 'Family asked to stop.', coordinatorId, nowIso]); // prettier-ignore
          }
        }
      }
    }
    await copyInto(
      client,
      'consents',
      ['defender_id', 'purpose', 'decision', 'given_by', 'method', 'decided_on', 'expires_on', 'notes', 'recorded_by', 'recorded_at'], // prettier-ignore
      consentLines(),
    );

    // --- publications (featured profiles of consenting, standard cases) --------------------
    const pubs = [];
    for (let i = 0; i < n; i++) {
      if (!consentOf[i] || meta[i].access !== 'standard' || meta[i].archived || !r.chance(0.08))
        continue;
      const at = new Date(meta[i].updatedMs + r.int(200) * DAY);
      const featured = r.chance(0.5);
      pubs.push(copyRow([ids[i], `case-${i + 1}`, featured, meta[i].name, `Detained for defending rights.`, null, featured ? at.toISOString() : null, at.toISOString(), 1])); // prettier-ignore
    }
    await copyInto(client, 'publications', ['defender_id', 'slug', 'featured', 'display_name', 'public_summary', 'public_story', 'first_featured_at', 'published_at', 'version'], pubs); // prettier-ignore

    // --- partners ----------------------------------------------------------------------------
    const partnerIds = [];
    const partnerLines = [];
    for (let k = 0; k < Math.min(300, Math.max(20, Math.round(n / 300))); k++) {
      const id = randomUUID();
      partnerIds.push(id);
      const [country, poolName] = r.pick(COUNTRY_POOLS);
      partnerLines.push(copyRow([id, `${r.pick(ORGS)} ${r.pick(POOLS[poolName].cities)} ${k + 1}`, country, r.pick(['member', 'partner', 'network', 'other']), 1])); // prettier-ignore
    }
    await copyInto(client, 'partners', ['id', 'name', 'country', 'kind', 'version'], partnerLines);

    // --- escalations -------------------------------------------------------------------------
    const escalations = Math.round(n / 5);
    const escLinks = [];
    const escPartners = [];
    const KIND_WEIGHTS = { wgad_regular: 35, wgad_urgent_action: 15, sp_urgent_appeal: 20, sp_allegation_letter: 10, hrc_statement: 8, hrc_side_event: 4, upr_submission: 5, regional_communication: 3 }; // prettier-ignore
    const kindBag = ESCALATION_KINDS.flatMap((k) => Array(KIND_WEIGHTS[k] || 1).fill(k));
    function* escalationLines() {
      for (let k = 0; k < escalations; k++) {
        const id = randomUUID();
        const kind = r.pick(kindBag);
        const states = statesOf(kind);
        const state = states[Math.floor(r() ** 0.8 * states.length)];
        const at = (name) => states.indexOf(state) >= states.indexOf(name) && states.includes(name);
        const first = r.int(n);
        const group = r.chance(0.2) ? 2 + r.int(3) : 1;
        for (let g = 0; g < group; g++) escLinks.push(copyRow([id, ids[(first + g) % n]]));
        if (r.chance(0.3)) escPartners.push(copyRow([id, r.pick(partnerIds)]));
        const createdMs = todayMs - r.int(6 * 365) * DAY;
        const submitted = at('submitted') ? createdMs + (5 + r.int(40)) * DAY : null;
        const transmitted =
          submitted && (at('transmitted_to_government') || at('communication_sent'))
            ? submitted + (10 + r.int(60)) * DAY
            : null;
        const replied = transmitted && at('government_replied') && r.chance(0.6) ? transmitted + r.int(80) * DAY : null; // prettier-ignore
        const opinion = transmitted && at('opinion_adopted') ? transmitted + (120 + r.int(200)) * DAY : null; // prettier-ignore
        const wgad = kind.startsWith('wgad');
        // The arrest, detention and remedies are drawn from the timelines: only the
        // questionnaire's own answers are typed.
        const content = wgad
          ? {
              summary: `Detained for their work; ${r.pick(FORCES)} made the arrest.`,
              circumstances: 'Arrested after publishing a report on abuses. '.repeat(3),
              categories: [{ category: 'II', argument: 'Detained for exercising freedom of expression.' }, { category: 'III', argument: 'No access to a lawyer of their choice.' }], // prettier-ignore
              remedies: { exhausted: false, explanation: `Habeas corpus (${r.pick(CHARGES)}) rejected.` }, // prettier-ignore
              confidentiality: 'The source asks that the family not be named.',
            }
          : {};
        const year = new Date(createdMs).getUTCFullYear();
        yield copyRow([id, `WIT-${year}-${String(k + 1).padStart(5, '0')}`, KIND_MECHANISMS[kind][0], kind, state, r.pick(cwIds), transmitted ? `UA ${k}/${new Date(transmitted).getUTCFullYear()}` : null, opinion ? `No. ${1 + (k % 90)}/${new Date(opinion).getUTCFullYear()}` : null, content, submitted && isoDay(submitted), transmitted && isoDay(transmitted), transmitted && isoDay(transmitted + 60 * DAY), replied && isoDay(replied), opinion && isoDay(opinion), opinion && isoDay(opinion + 182 * DAY), opinion ? { arbitrary: r.chance(0.9), categoriesFound: ['II', 'III'], releaseRequested: true, compensationRequested: r.chance(0.5) } : null, coordinatorId, 1, new Date(createdMs).toISOString(), new Date(Math.min(Date.now(), (opinion || replied || transmitted || submitted || createdMs) + DAY)).toISOString()]); // prettier-ignore
      }
    }
    await copyInto(
      client,
      'escalations',
      ['id', 'reference', 'mechanism', 'kind', 'state', 'owner_id', 'un_reference', 'opinion_number', 'content', 'submitted_on', 'transmitted_on', 'reply_due_on', 'government_replied_on', 'opinion_adopted_on', 'follow_up_due_on', 'outcome', 'created_by', 'version', 'created_at', 'updated_at'], // prettier-ignore
      escalationLines(),
    );
    await copyInto(client, 'escalation_defenders', ['escalation_id', 'defender_id'], [...new Set(escLinks)]); // prettier-ignore
    // The counters go on from the highest reference given in each year.
    await client.query(`INSERT INTO escalation_reference_counters (year, last_number)
      SELECT split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
        FROM escalations GROUP BY 1
      ON CONFLICT (year) DO UPDATE SET last_number = EXCLUDED.last_number`);
    await copyInto(client, 'escalation_partners', ['escalation_id', 'partner_id'], escPartners);
    lap(`${escalations} escalations`);

    // --- milestones (and future reminder deliveries) -----------------------------------------
    const target = 2 * n;
    let milestoneCount = 0;
    const deliveries = [];
    function* milestoneLines() {
      const row = (m) => {
        milestoneCount++;
        return copyRow([m.id || randomUUID(), m.defenderId, m.kind, m.title, m.dueAt, m.allDay, m.remind, m.assignees || [], null, m.status || 'open', m.source || null, m.key || null, m.source ? null : coordinatorId, 1, nowIso, nowIso]); // prettier-ignore
      };
      for (let i = 0; i < n; i++) {
        if (meta[i].archived) continue;
        yield row({ defenderId: ids[i], kind: 'profile_review', title: 'Review the profile', dueAt: new Date(meta[i].updatedMs + 90 * DAY).toISOString(), allDay: true, remind: ['P7D'], source: 'profile_review', key: ids[i] }); // prettier-ignore
        const s = summaries[i];
        if (s.detainedSince) {
          const since = new Date(dayMs(s.detainedSince));
          let year = new Date(todayMs).getUTCFullYear();
          let due = Date.UTC(year, since.getUTCMonth(), Math.min(28, since.getUTCDate()));
          if (due < todayMs) due = Date.UTC(++year, since.getUTCMonth(), Math.min(28, since.getUTCDate())); // prettier-ignore
          yield row({ defenderId: ids[i], kind: 'detention_anniversary', title: `${year - since.getUTCFullYear()} years in detention`, dueAt: new Date(due).toISOString(), allDay: true, remind: ['P14D', 'P1D'], source: 'anniversary', key: ids[i] }); // prettier-ignore
        }
      }
      for (const h of futureHearings) {
        yield row({ defenderId: ids[h.i], kind: 'hearing', title: 'Hearing', dueAt: `${h.on}T00:00:00.000Z`, allDay: true, remind: ['P7D', 'P1D'], source: 'event', key: h.id }); // prettier-ignore
      }
      while (milestoneCount < target) {
        const id = randomUUID();
        const i = r.int(n);
        const dueMs = todayMs + (r.int(730) - 365) * DAY + r.int(DAY);
        const open = dueMs > todayMs ? r.chance(0.9) : r.chance(0.2);
        const assignee = r.pick(cwIds);
        if (open && dueMs > todayMs + 2 * DAY)
          deliveries.push(copyRow([id, 'P1D', assignee, 'in_app', new Date(dueMs - DAY).toISOString(), 'pending'])); // prettier-ignore
        yield row({ id, defenderId: ids[i], kind: r.pick(['custom', 'custom', 'hrc_session', 'upr_review', 'consent_review']), title: r.pick(['Call the family', 'Check on the lawyer', 'Send the follow-up', 'Prepare the statement']), dueAt: new Date(dueMs).toISOString(), allDay: false, remind: ['P1D'], assignees: [assignee], status: open ? 'open' : 'done' }); // prettier-ignore
      }
    }
    await copyInto(
      client,
      'milestones',
      ['id', 'defender_id', 'kind', 'title', 'due_at', 'all_day', 'remind_before', 'assignee_ids', 'notes', 'status', 'source', 'source_key', 'created_by', 'version', 'created_at', 'updated_at'], // prettier-ignore
      milestoneLines(),
    );
    await copyInto(client, 'deliveries', ['milestone_id', 'offset', 'recipient_id', 'channel', 'send_at', 'state'], deliveries); // prettier-ignore
    lap(`${milestoneCount} milestones, ${deliveries.length} future deliveries`);

    // --- solidarity actions ------------------------------------------------------------------
    const actions = Math.round(n / 2);
    const actionDefenders = [];
    const actionPartners = [];
    const ACTION_TYPES = ['letter_writing', 'joint_statement', 'social_media', 'petition', 'solidarity_call', 'trial_monitoring', 'embassy_visit', 'side_event', 'public_event', 'media_outreach', 'other']; // prettier-ignore
    function* actionLines() {
      for (let k = 0; k < actions; k++) {
        const id = randomUUID();
        const i = r.int(n);
        actionDefenders.push(copyRow([id, ids[i]]));
        if (r.chance(0.2)) actionDefenders.push(copyRow([id, ids[(i + 1) % n]]));
        if (r.chance(0.4)) actionPartners.push(copyRow([id, r.pick(partnerIds)]));
        const startMs = todayMs + (r.int(5 * 365) - 4 * 365) * DAY;
        const status = startMs > todayMs ? 'planned' : r.chance(0.9) ? 'done' : 'cancelled';
        const type = r.pick(ACTION_TYPES);
        yield copyRow([id, type, `${type.replace(/_/g, ' ')} for ${meta[i].name}`, 'Campaigners wrote to the authorities and the embassy.', isoDay(startMs), r.chance(0.5) ? isoDay(startMs + r.int(10) * DAY) : null, { signatures: r.int(5000), participants: r.int(300), organisations: r.int(40), impressions: r.int(100000) }, status === 'done' ? 'Letters delivered.' : null, [], status, coordinatorId, 1, r.chance(0.3) && meta[i].access === 'standard']); // prettier-ignore
      }
    }
    await copyInto(
      client,
      'solidarity_actions',
      ['id', 'type', 'title', 'description', 'starts_on', 'ends_on', 'reach', 'outcome', 'links', 'status', 'created_by', 'version', 'is_public'], // prettier-ignore
      actionLines(),
    );
    await copyInto(client, 'solidarity_action_defenders', ['action_id', 'defender_id'], actionDefenders); // prettier-ignore
    await copyInto(client, 'solidarity_action_partners', ['action_id', 'partner_id'], [...new Set(actionPartners)]); // prettier-ignore
    lap(`${actions} solidarity actions`);

    await client.query(`SET session_replication_role = origin`);
    await client.query('VACUUM (ANALYZE)');
    lap('vacuumed and analysed');
    const counts = (
      await client.query(`SELECT
        (SELECT count(*) FROM defenders)::int AS defenders,
        (SELECT count(*) FROM defenders WHERE access = 'restricted')::int AS restricted,
        (SELECT count(DISTINCT country) FROM defenders)::int AS countries,
        (SELECT count(*) FROM detention_events)::int AS events,
        (SELECT count(*) FROM escalations)::int AS escalations,
        (SELECT count(*) FROM milestones)::int AS milestones,
        (SELECT count(*) FROM solidarity_actions)::int AS solidarity_actions`)
    ).rows[0];
    say(
      'seed',
      `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`,
    );
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  say('seed', `failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
