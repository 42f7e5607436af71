import type { TestApi } from '../api';
import type { TestUser } from '../users';
import type { Body, FuzzRequest, PathValue, QueryPair } from './arbitraries';
import { encodeLoose } from './hostile';
import type { Operation } from './openapi';
import { RealId, type IdPools } from './pools';

/** What one fuzzed request did. */
export interface Sent {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  /** Tables whose rows changed while the request ran (write requests only). */
  changed: string[];
  /** The Authorization header sent was the actor's real token. */
  authenticated: boolean;
}

/**
 * Tables a request may touch without writing anything of its own: sessions (every
 * authenticated request refreshes last_seen_at); the audit chain's head moves with every audit
 * event, which are checked on their own below.
 */
const VOLATILE_TABLES = new Set([
  'sessions',
  'migrations',
  'typeorm_metadata',
  'audit_events',
  'audit_chain_head',
]);

/**
 * Audit events a refused request writes by design: the guard records every request a role
 * may not make (the security trail). Any other audit event on a refused write is a leak.
 */
const REFUSAL_AUDIT: Record<number, string[]> = { 403: ['access.denied'] };

/**
 * Sends fuzzed requests through the real Fastify stack (inject) as the admin, the viewer or
 * nobody, signing in again when a session has ended (the fuzzer may have logged it out).
 * For writes it takes a snapshot of every table (row count and newest row version) before
 * and after, so a refused write that left a row behind is caught.
 */
export class FuzzClient {
  private readonly tokens: Record<'admin' | 'viewer', string>;
  private snapshotSql = '';

  constructor(
    private readonly api: TestApi,
    private readonly users: Record<'admin' | 'viewer', TestUser>,
    private readonly pools: IdPools,
  ) {
    this.tokens = { admin: users.admin.token, viewer: users.viewer.token };
  }

  async init(): Promise<void> {
    const tables: { table_name: string }[] = await this.api.db.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const cols = tables
      .map((t) => t.table_name)
      .filter((t) => !VOLATILE_TABLES.has(t))
      .map(
        (t) =>
          `'${t}', (SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${t}")`,
      );
    cols.push(`'audit_events', (SELECT coalesce(max(chain_seq), 0)::text FROM audit_events)`);
    this.snapshotSql = `SELECT json_build_object(${cols.join(', ')}) AS s`;
  }

  /** Row count and newest row version of every table. */
  async snapshot(): Promise<Record<string, string>> {
    const [row] = await this.api.db.query(this.snapshotSql);
    return row.s;
  }

  private async login(actor: 'admin' | 'viewer'): Promise<void> {
    const u = this.users[actor];
    const res = await this.api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: u.email, password: u.password },
    });
    if (res.statusCode !== 200)
      throw new Error(`re-login of ${actor}: ${res.statusCode} ${res.body}`);
    this.tokens[actor] = JSON.parse(res.body).token;
  }

  /** The concrete URL of `req` for `op`, with ids resolved now. */
  url(op: Operation, req: FuzzRequest): { url: string; parent?: string } {
    let parent: string | undefined;
    let path = op.path;
    // A record under another (an event under its defender): take the pair that exists.
    const [first, second] = req.path;
    let pair: { id: string; parent?: string } | undefined;
    if (first && second && 'real' in first && 'real' in second) {
      pair = this.pools.entry(second.real.pool, second.real.pick);
      if (!pair?.parent) pair = undefined;
    }
    op.pathParams.forEach((p, i) => {
      const v: PathValue = req.path[i];
      let seg: string;
      if ('real' in v) {
        const id =
          (pair && i < 2 ? (i === 0 ? pair.parent : pair.id) : v.real.value(parent)) ??
          v.real.fallback ??
          'none';
        seg = encodeURIComponent(id);
        parent ??= id;
      } else {
        seg = v.raw;
        parent ??= v.raw;
      }
      path = path.replace(`{${p.name}}`, seg);
    });
    const q = queryString(req.query);
    return { url: q ? `${path}?${q}` : path, parent };
  }

  async send(op: Operation, req: FuzzRequest): Promise<Sent> {
    const { url, parent } = this.url(op, req);
    const write = op.method !== 'GET';
    const { payload, contentType } = serialise(req.body);
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {};
      const token = req.actor === 'anonymous' ? undefined : this.tokens[req.actor];
      if (req.auth !== undefined) headers.authorization = req.auth;
      else if (token) headers.authorization = `Bearer ${token}`;
      if (contentType) headers['content-type'] = contentType;
      for (const [name, v] of Object.entries(req.headers)) {
        if ('value' in v) headers[name] = v.value;
        else {
          const etag = await this.currentEtag(url);
          if (etag) headers[name] = etag;
        }
      }
      const before = write ? await this.snapshot() : undefined;
      const res = await this.api.app.inject({ method: op.method, url, payload, headers });
      let changed: string[] = [];
      if (before) {
        const after = await this.snapshot();
        changed = Object.keys(after).filter((t) => t !== 'audit_events' && after[t] !== before[t]);
        if (after.audit_events !== before.audit_events) {
          const rows: { action: string }[] = await this.api.db.query(
            `SELECT action FROM audit_events WHERE chain_seq > $1 ORDER BY chain_seq`,
            [before.audit_events],
          );
          const allowed = REFUSAL_AUDIT[res.statusCode] ?? [];
          const unexpected = rows.map((r) => r.action).filter((a) => !allowed.includes(a));
          if (unexpected.length)
            changed.push(`audit_events (${rows.map((r) => r.action).join(', ')})`);
        }
      }
      const authenticated = req.auth === undefined && token !== undefined;
      // The session ended (the fuzzer logged out, or a user change revoked it): sign in again
      // and repeat, once.
      if (res.statusCode === 401 && authenticated && attempt === 0) {
        await this.login(req.actor as 'admin' | 'viewer');
        continue;
      }
      if (
        res.statusCode >= 200 &&
        res.statusCode < 300 &&
        /json/.test(String(res.headers['content-type']))
      ) {
        try {
          this.pools.harvest(op.path, parent, JSON.parse(res.body));
        } catch {
          // Not JSON after all: the checks report it.
        }
      }
      return {
        method: op.method,
        url,
        status: res.statusCode,
        headers: res.headers,
        text: res.body,
        changed,
        authenticated,
      };
    }
  }

  /** The ETag of the record at `url` as the admin reads it (for If-Match). */
  private async currentEtag(url: string): Promise<string | undefined> {
    const path = url.split('?')[0];
    const res = await this.api.app.inject({
      method: 'GET',
      url: path,
      headers: { authorization: `Bearer ${this.tokens.admin}` },
    });
    if (res.statusCode === 401) {
      await this.login('admin');
      return this.currentEtag(url);
    }
    const etag = res.headers.etag;
    return typeof etag === 'string' ? etag : undefined;
  }
}

export function queryString(pairs: QueryPair[]): string {
  return pairs
    .map(([k, v, encoded]) => {
      if (encoded) return k;
      const value = v instanceof RealId ? v.value() : v;
      return value === undefined ? '' : `${encodeLoose(k)}=${encodeLoose(value)}`;
    })
    .filter(Boolean)
    .join('&');
}

function serialise(body: Body | undefined): { payload?: string; contentType?: string } {
  if (!body) return {};
  if ('json' in body)
    return { payload: JSON.stringify(body.json), contentType: 'application/json' };
  return { payload: body.raw, contentType: body.contentType ?? 'application/json' };
}

/** A short, readable account of a request for failure messages. */
export function describeSent(s: Sent, req: FuzzRequest): string {
  const body = req.body
    ? 'json' in req.body
      ? JSON.stringify(req.body.json)
      : `${req.body.contentType ?? 'application/json'}: ${JSON.stringify(req.body.raw)}`
    : '';
  const cut = (t: string, n: number) =>
    t.length > n ? `${t.slice(0, n)}... (${t.length} chars)` : t;
  return `${req.actor}${req.auth !== undefined ? ' (hostile auth)' : ''} ${s.method} ${cut(s.url, 300)} ${cut(body ?? '', 600)} -> ${s.status} ${cut(s.text, 400)}`;
}
