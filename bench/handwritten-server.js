// The bench's hand-written layer: node:http + pg answering the api's bench requests with the SQL
// a PostgreSQL expert would write for the same user need, to measure how far the api is from
// the limit (issue 24). Unlike the replay (bench/baseline-server.js) it does not inherit the
// api's SQL or its answers: it
//  - checks the session (token hash, expiry, idle time, revocation, active user) in one query;
//  - applies the need-to-know filter (a caseworker sees standard cases and restricted ones
//    assigned to them) in the same query as the read;
//  - answers a list or a search with the fields a list shows (not the whole record), keyset
//    paginated by seq, and ranks a search among a bounded set of candidates (the newest
//    SEARCH_CANDIDATES matches) instead of every match;
//  - answers the detail with the whole record, its derived days in detention, the sensitive
//    fields decrypted for a reader who may see them and the consents in force (one query for
//    the record and its consent ledger);
//  - writes a case or a timeline event with its derived status and the audit chain's HMAC row
//    (head locked FOR UPDATE, as the api does), in one transaction, with prepared statements.
// It reuses the project's pure functions (tsquery folding, consent rules, status derivation,
// HMAC row payload, field cipher) from dist/, so both layers compute the same answer.
//
// Routes (those the bench drives): GET /api/v1/defenders?status&country&hrdFocus&q&limit&cursor,
// GET /api/v1/defenders/:id, POST /api/v1/defenders, POST /api/v1/defenders/:id/events.
// Started by bench/run.js with an IPC channel: {type:'listen', port} (answered 'listening').
'use strict';

const { Buffer } = require('node:buffer');
const { createHash, randomUUID } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { URL } = require('node:url');
const { Pool } = require('pg');
const { apiPoolOptions, requireBuilt } = require('./lib/common');

const { SEARCH_TSQUERY_SQL, toPrefixTsquery } = requireBuilt('libs/domain/src/shared/text-search.js'); // prettier-ignore
const { CONSENT_LEDGER_COLUMNS, consentsFromLedger } = requireBuilt('libs/domain/src/shared/consent-rules.js'); // prettier-ignore
const { deriveDetention, isDeprivedOfLiberty, openEpisodeDays } = requireBuilt('libs/domain/src/shared/detention-status.js'); // prettier-ignore
const { AuditKeyring, asStoredJson, chainTime } = requireBuilt('libs/platform/src/audit/audit-chain.js'); // prettier-ignore
const { FieldCipher, parseKeyring } = requireBuilt('libs/platform/src/crypto/field-cipher.js');

/** How many of the newest matches a search ranks (the rest are older, rarely wanted). */
const SEARCH_CANDIDATES = Number(process.env.BENCH_SEARCH_CANDIDATES || 1000);
const IDLE_MS = Number(process.env.AUTH_IDLE_TIMEOUT_MINUTES || 30) * 60_000;

const pool = new Pool(apiPoolOptions('witness-bench-handwritten'));
const keyring = AuditKeyring.parse(process.env.AUDIT_HMAC_KEYS);
const cipher = new FieldCipher(parseKeyring(process.env.WITNESS_ENCRYPTION_KEYS));
const ctx = (column, id) => FieldCipher.context('defenders', column, id);

const today = () => new Date().toISOString().slice(0, 10);
const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const seesAll = (role) => role === 'coordinator' || role === 'admin' || role === 'system';

// --- SQL ---------------------------------------------------------------------------------------

const SESSION_SQL = `SELECT s.id, s.user_id, s.last_seen_at, u.role
  FROM sessions s JOIN users u ON u.id = s.user_id
 WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`;

/** Need-to-know for alias d: a reader who does not see every case ($n: their id) sees standard cases and those assigned to them. */
const visible = (n) => `(d.access = 'standard' OR EXISTS (
  SELECT 1 FROM defender_assignees da WHERE da.defender_id = d.id AND da.user_id = $${n}))`;

/** What a list row shows (the list page's columns) and what its cursor needs. */
const LIST_COLUMNS = `d.id, d.seq::text AS seq, d.full_name, d.country, d.status, d.detained_since::text AS detained_since,
  d.closed_detention_days, d.risk_level, d.hrd_focus, d.access, d.last_event_at`;

const DETAIL_SQL = `SELECT d.id, d.seq::text AS seq, d.full_name, d.family_name, d.given_names, d.other_names, d.sex,
       d.birth_date::text AS birth_date, d.birth_year, d.nationalities, d.country, d.profession, d.organisation,
       d.hrd_activity, d.hrd_focus, d.summary, d.story, d.risk_level, d.access, d.tags, d.status,
       d.detained_since::text AS detained_since, d.closed_detention_days, d.last_event_at, d.archived_at,
       d.version, d.created_at, d.updated_at, d.contacts_enc, d.confidential_notes_enc, d.usual_address_enc,
       ARRAY(SELECT json_build_array(${CONSENT_LEDGER_COLUMNS}) FROM defender_consent_facts c WHERE c.defender_id = d.id) AS ledger
  FROM defenders d
 WHERE d.id = $1 AND d.archived_at IS NULL`;

/** The lock a write takes on the case (need-to-know included) before it changes it. */
const LOCK_SQL = `SELECT d.id FROM defenders d WHERE d.id = $1 AND d.archived_at IS NULL`;

const HEAD_SQL = `SELECT h.seq::text AS seq, h.hash, nextval('audit_events_id_seq')::text AS id
  FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE`;

const AUDIT_SQL = `INSERT INTO audit_events (id, chain_seq, at, actor_id, actor_role, action, entity_type,
  entity_id, subject_id, changes, request_id, ip, key_id, prev_hash, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, $13, $14)`;

// --- helpers -----------------------------------------------------------------------------------

class HttpError extends Error {
  constructor(status, title) {
    super(title);
    this.status = status;
  }
}

async function session(client, req) {
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization || '');
  if (!m) throw new HttpError(401, 'Sign in');
  const { rows } = await client.query({ name: 'hw-session', text: SESSION_SQL, values: [sha256(m[1])] }); // prettier-ignore
  const s = rows[0];
  if (!s || s.last_seen_at.getTime() + IDLE_MS <= Date.now()) throw new HttpError(401, 'Sign in');
  if (Date.now() - s.last_seen_at.getTime() > 60_000) {
    await client.query({ name: 'hw-touch', text: 'UPDATE sessions SET last_seen_at = now() WHERE id = $1', values: [s.id] }); // prettier-ignore
  }
  return { userId: s.user_id, role: s.role, reader: seesAll(s.role) ? null : s.user_id, ip: req.socket.remoteAddress }; // prettier-ignore
}

function daysOf(status, detainedSince, closedDays, day) {
  const open = detainedSince !== null && isDeprivedOfLiberty(status);
  const days = open ? openEpisodeDays(detainedSince, day) : null;
  return { detainedSince: open ? detainedSince : null, daysDetained: days, totalDaysDetained: closedDays + (days ?? 0) }; // prettier-ignore
}

function listItem(r, day) {
  return {
    id: r.id,
    fullName: r.full_name,
    country: r.country,
    status: r.status,
    ...daysOf(r.status, r.detained_since, r.closed_detention_days, day),
    riskLevel: r.risk_level,
    hrdFocus: r.hrd_focus,
    access: r.access,
    lastEventAt: r.last_event_at ? r.last_event_at.toISOString() : null,
  };
}

const cursorOf = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function parseCursor(s) {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (typeof c.s !== 'string' || !/^\d{1,18}$/.test(c.s)) throw new Error('seq');
    if (c.r !== undefined && typeof c.r !== 'number') throw new Error('rank');
    return c;
  } catch {
    throw new HttpError(400, 'cursor: is not a cursor this list returned');
  }
}

/** Append one signed row to the audit chain (the caller's transaction holds the head lock). */
async function audit(client, actor, entry) {
  const { rows } = await client.query({ name: 'hw-head', text: HEAD_SQL });
  const head = rows[0];
  const at = new Date();
  const unsigned = {
    id: head.id,
    at: chainTime(at),
    actorId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    subjectId: entry.subjectId,
    changes: asStoredJson(entry.changes),
    requestId: null,
    ip: actor.ip ?? null,
    chainSeq: (BigInt(head.seq) + 1n).toString(),
    prevHash: head.hash,
  };
  const { keyId, hash } = keyring.signRow(unsigned);
  await client.query({
    name: 'hw-audit',
    text: AUDIT_SQL,
    values: [unsigned.id, unsigned.chainSeq, at.toISOString(), unsigned.actorId, unsigned.actorRole, unsigned.action, unsigned.entityType, unsigned.entityId, unsigned.subjectId, JSON.stringify(unsigned.changes), unsigned.ip, keyId, unsigned.prevHash, hash], // prettier-ignore
  });
}

async function inTransaction(client, fn) {
  await client.query('BEGIN');
  try {
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

// --- handlers ----------------------------------------------------------------------------------

async function list(client, actor, params) {
  const limit = Math.min(Math.max(Number(params.get('limit') || 50), 1), 100);
  const values = actor.reader ? [actor.reader] : [];
  const where = ['d.archived_at IS NULL', ...(actor.reader ? [visible(1)] : [])];
  const add = (sql, v) => {
    values.push(v);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (params.get('status')) add('d.status = ?', params.get('status'));
  if (params.get('country')) add('d.country = ?', params.get('country'));
  if (params.get('hrdFocus')) add('d.hrd_focus @> ARRAY[?]::text[]', params.get('hrdFocus'));
  const cursor = params.get('cursor') ? parseCursor(params.get('cursor')) : null;
  const q = params.get('q');
  const day = today();
  if (q !== null) {
    let tsq;
    try {
      tsq = toPrefixTsquery(q);
    } catch {
      throw new HttpError(400, 'q: must contain at least one letter or digit');
    }
    values.push(tsq);
    const tsqSql = SEARCH_TSQUERY_SQL.replace(':tsq', `$${values.length}`);
    // Rank only the newest SEARCH_CANDIDATES matches (a GIN bitmap, then a top-N sort by seq),
    // then keep the best `limit`: ts_rank over thousands of matches is what costs.
    const after = cursor ? `WHERE (c.rank, c.seqn) < ($${values.length + 1}::real, $${values.length + 2}::bigint)` : ''; // prettier-ignore
    if (cursor) values.push(cursor.r ?? 0, cursor.s);
    const sql = `WITH q AS (SELECT ${tsqSql} AS tsq),
      c AS (SELECT ${LIST_COLUMNS}, d.seq AS seqn, ts_rank(d.search_vector, q.tsq) AS rank
              FROM (SELECT d.* FROM defenders d, q WHERE ${where.join(' AND ')} AND d.search_vector @@ q.tsq
                     ORDER BY d.seq DESC LIMIT ${SEARCH_CANDIDATES}) d, q)
      SELECT * FROM c ${after} ORDER BY rank DESC, seqn DESC LIMIT ${limit + 1}`;
    const { rows } = await client.query(sql, values);
    const data = rows.slice(0, limit).map((r) => listItem(r, day));
    const last = rows.length > limit ? rows[limit - 1] : null;
    return { data, nextCursor: last ? cursorOf({ r: last.rank, s: last.seq }) : null };
  }
  if (cursor) add('d.seq < ?', cursor.s);
  const sql = `SELECT ${LIST_COLUMNS} FROM defenders d WHERE ${where.join(' AND ')} ORDER BY d.seq DESC LIMIT ${limit + 1}`; // prettier-ignore
  const { rows } = await client.query(sql, values);
  const data = rows.slice(0, limit).map((r) => listItem(r, day));
  const last = rows.length > limit ? rows[limit - 1] : null;
  return { data, nextCursor: last ? cursorOf({ s: last.seq }) : null };
}

async function detail(client, actor, id) {
  const { rows } = await client.query(
    actor.reader
      ? {
          name: 'hw-detail-ntk',
          text: `${DETAIL_SQL} AND ${visible(2)}`,
          values: [id, actor.reader],
        }
      : { name: 'hw-detail', text: DETAIL_SQL, values: [id] },
  );
  const d = rows[0];
  if (!d) throw new HttpError(404, 'Defender not found');
  const day = today();
  const sensitive = actor.role !== 'viewer';
  const ledger = d.ledger.map(([purpose, decision, decidedOn, expiresOn, seq]) => ({ purpose, decision, decided_on: decidedOn, expires_on: expiresOn, seq })); // prettier-ignore
  return {
    id: d.id,
    fullName: d.full_name,
    familyName: d.family_name,
    givenNames: d.given_names,
    otherNames: d.other_names,
    sex: d.sex,
    birthDate: d.birth_date,
    birthYear: d.birth_year,
    nationalities: d.nationalities,
    nationality: d.nationalities[0] ?? null,
    country: d.country,
    profession: d.profession,
    organisation: d.organisation,
    hrdActivity: d.hrd_activity,
    hrdFocus: d.hrd_focus,
    summary: d.summary,
    story: d.story,
    riskLevel: d.risk_level,
    access: d.access,
    tags: d.tags,
    status: d.status,
    ...daysOf(d.status, d.detained_since, d.closed_detention_days, day),
    lastEventAt: d.last_event_at ? d.last_event_at.toISOString() : null,
    archivedAt: null,
    version: d.version,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
    ...(sensitive
      ? {
          contacts: d.contacts_enc ? JSON.parse(cipher.decrypt(d.contacts_enc, ctx('contactsEnc', d.id))) : [], // prettier-ignore
          confidentialNotes: d.confidential_notes_enc ? cipher.decrypt(d.confidential_notes_enc, ctx('confidentialNotesEnc', d.id)) : null, // prettier-ignore
          usualAddress: d.usual_address_enc ? cipher.decrypt(d.usual_address_enc, ctx('usualAddressEnc', d.id)) : null, // prettier-ignore
        }
      : {}),
    consents: consentsFromLedger(ledger, day),
  };
}

const CREATE_SQL = `INSERT INTO defenders (id, full_name, country, hrd_focus, summary, tags, version)
  VALUES ($1, $2, $3, $4, $5, $6, 1)
  RETURNING id, full_name, country, hrd_focus, summary, tags, status, access, version, created_at, updated_at`;

// The profile review every new case gets (MilestoneSync), due PROFILE_REVIEW_DAYS after today.
const REVIEW_SQL = `INSERT INTO milestones (defender_id, kind, title, due_at, all_day, remind_before, assignee_ids, status, source, source_key, version)
  VALUES ($1, 'profile_review', 'Profile review', $2::date::timestamp AT TIME ZONE 'UTC', true, '{P7D}', '{}', 'open', 'profile_review', $1::text, 1)`;
const REVIEW_DAYS = Number(process.env.PROFILE_REVIEW_DAYS || 90);

async function create(client, actor, body) {
  if (typeof body.fullName !== 'string' || !body.fullName.trim()) throw new HttpError(400, 'fullName: is required'); // prettier-ignore
  if (typeof body.country !== 'string' || !/^[A-Z]{2}$/.test(body.country)) throw new HttpError(400, 'country: is not a country code'); // prettier-ignore
  const id = randomUUID();
  const focus = body.hrdFocus ?? [];
  const tags = body.tags ?? [];
  return inTransaction(client, async () => {
    const { rows } = await client.query({ name: 'hw-create', text: CREATE_SQL, values: [id, body.fullName.trim(), body.country, focus, body.summary ?? null, tags] }); // prettier-ignore
    if (actor.role === 'caseworker') {
      await client.query({ name: 'hw-assign', text: 'INSERT INTO defender_assignees (defender_id, user_id, assigned_by, assigned_at) VALUES ($1, $2, $2, now())', values: [id, actor.userId] }); // prettier-ignore
    }
    const due = new Date(Date.now() + REVIEW_DAYS * 86_400_000).toISOString().slice(0, 10);
    await client.query({ name: 'hw-review', text: REVIEW_SQL, values: [id, due] });
    const changes = {
      fullName: { from: null, to: body.fullName.trim() },
      country: { from: null, to: body.country },
      hrdFocus: { from: null, to: focus },
      ...(body.summary ? { summary: { from: null, to: body.summary } } : {}),
      tags: { from: null, to: tags },
    };
    await audit(client, actor, { action: 'defender.create', entityType: 'defender', entityId: id, subjectId: id, changes }); // prettier-ignore
    const d = rows[0];
    return { id: d.id, fullName: d.full_name, country: d.country, hrdFocus: d.hrd_focus, summary: d.summary, tags: d.tags, status: d.status, access: d.access, version: d.version, createdAt: d.created_at.toISOString(), updatedAt: d.updated_at.toISOString() }; // prettier-ignore
  });
}

const EVENT_SQL = `INSERT INTO detention_events (id, defender_id, type, occurred_on, description, place, version)
  VALUES ($1, $2, $3, $4, $5, $6, 1)
  RETURNING id, type, occurred_on::text AS occurred_on, description, place, version, created_at`;
const FACTS_SQL = `SELECT type, occurred_on::text AS "occurredOn", seq FROM detention_events WHERE defender_id = $1`;
const DERIVED_SQL = `UPDATE defenders SET status = $2, detained_since = $3, closed_detention_days = $4, last_event_at = now()
  WHERE id = $1`;

async function addEvent(client, actor, defenderId, body) {
  if (typeof body.type !== 'string') throw new HttpError(400, 'type: is required');
  if (typeof body.occurredOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.occurredOn)) throw new HttpError(400, 'occurredOn: is not a date'); // prettier-ignore
  const id = randomUUID();
  return inTransaction(client, async () => {
    const locked = await client.query(
      actor.reader
        ? {
            name: 'hw-lock-ntk',
            text: `${LOCK_SQL} AND ${visible(2)} FOR UPDATE`,
            values: [defenderId, actor.reader],
          }
        : { name: 'hw-lock', text: `${LOCK_SQL} FOR UPDATE`, values: [defenderId] },
    );
    if (!locked.rowCount) throw new HttpError(404, 'Defender not found');
    const { rows } = await client.query({ name: 'hw-event', text: EVENT_SQL, values: [id, defenderId, body.type, body.occurredOn, body.description ?? null, body.place ?? null] }); // prettier-ignore
    const facts = await client.query({ name: 'hw-facts', text: FACTS_SQL, values: [defenderId] });
    const summary = deriveDetention(facts.rows.map((f) => ({ ...f, seq: Number(f.seq) })), today()); // prettier-ignore
    await client.query({ name: 'hw-derived', text: DERIVED_SQL, values: [defenderId, summary.status, summary.detainedSince, summary.closedDays] }); // prettier-ignore
    const changes = {
      type: { from: null, to: body.type },
      occurredOn: { from: null, to: body.occurredOn },
      ...(body.description ? { description: { from: null, to: body.description } } : {}),
      ...(body.place ? { place: { from: null, to: body.place } } : {}),
      status: { from: null, to: summary.status },
    };
    await audit(client, actor, { action: 'event.create', entityType: 'event', entityId: id, subjectId: defenderId, changes }); // prettier-ignore
    const e = rows[0];
    return { id: e.id, defenderId, type: e.type, occurredOn: e.occurred_on, description: e.description, place: e.place, version: e.version, createdAt: e.created_at.toISOString(), status: summary.status }; // prettier-ignore
  });
}

// --- server ------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function route(req, body) {
  const url = new URL(req.url, 'http://x');
  const parts = url.pathname.split('/').filter(Boolean); // api v1 defenders [id] [events]
  if (parts[0] !== 'api' || parts[1] !== 'v1' || parts[2] !== 'defenders') throw new HttpError(404, 'Not found'); // prettier-ignore
  if (parts[3] !== undefined && !UUID.test(parts[3])) throw new HttpError(400, 'id: is not a uuid');
  const client = await pool.connect();
  try {
    const actor = await session(client, req);
    if (req.method === 'GET' && parts.length === 3) return [200, await list(client, actor, url.searchParams)]; // prettier-ignore
    if (req.method === 'GET' && parts.length === 4) return [200, await detail(client, actor, parts[3])]; // prettier-ignore
    if (req.method === 'POST' && parts.length === 3)
      return [201, await create(client, actor, body)];
    if (req.method === 'POST' && parts.length === 5 && parts[4] === 'events') return [201, await addEvent(client, actor, parts[3], body)]; // prettier-ignore
    throw new HttpError(404, 'Not found');
  } finally {
    client.release();
  }
}

/** The upload baseline: stream the request body to a file, hashing it (no parsing, no crypto). */
function upload(req, res) {
  const file = path.join(os.tmpdir(), `witness-bench-upload-${process.pid}-${Date.now()}`);
  const hash = createHash('sha256');
  const out = fs.createWriteStream(file);
  req.on('data', (c) => hash.update(c));
  req.pipe(out);
  out.on('finish', () => {
    fs.rm(file, { force: true }, () => undefined);
    res
      .writeHead(201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ sha256: hash.digest('hex') }));
  });
  out.on('error', (err) => res.writeHead(500).end(String(err.message)));
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/bench/upload') {
    upload(req, res);
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body = null;
    if (chunks.length) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/problem+json' }).end('{"status":400,"title":"body: is not JSON"}'); // prettier-ignore
        return;
      }
    }
    route(req, body || {}).then(
      ([status, answer]) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      },
      (err) => {
        const status = err instanceof HttpError ? err.status : 500;
        res.writeHead(status, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ status, title: String(err && err.message) }));
      },
    );
  });
});

process.on('message', (msg) => {
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'listen') {
    server.listen(msg.port, '127.0.0.1', () => process.send({ type: 'listening', id: msg.id }));
  }
});

process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
