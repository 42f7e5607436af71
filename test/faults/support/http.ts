import { randomBytes } from 'node:crypto';
import { runBuiltCli } from './apps';

/** Talks to an api process over real HTTP, as a caseworker's browser would. */

export interface Res {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export const PASSWORD = 'correct horse battery staple in Nairobi';

export class Http {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async req(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 30_000,
  ): Promise<Res> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  /** A request that must answer `status`; throws with the answer otherwise. */
  async ok(method: string, path: string, body?: unknown, status?: number): Promise<Res> {
    const res = await this.req(method, path, body);
    const expected = status ?? (method === 'POST' ? 201 : 200);
    if (res.status !== expected)
      throw new Error(`${method} ${path}: expected ${expected}, got ${res.status} ${res.text}`);
    return res;
  }
}

export async function signIn(baseUrl: string, email: string): Promise<Http> {
  const res = await new Http(baseUrl).req('POST', '/api/v1/auth/login', {
    email,
    password: PASSWORD,
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${res.text}`);
  return new Http(baseUrl, res.body.token as string);
}

/** The first admin, made as an operator does on a fresh install (the built CLI), signed in. */
export async function firstAdmin(baseUrl: string, env: Record<string, string>): Promise<Http> {
  const email = `admin-${randomBytes(3).toString('hex')}@example.org`;
  const r = await runBuiltCli(
    ['users:create', '--email', email, '--name', 'Fault Drill Admin', '--role', 'admin'],
    env,
    PASSWORD,
  );
  if (r.code !== 0) throw new Error(`users:create failed (${r.code}):\n${r.output}`);
  return signIn(baseUrl, email);
}

export interface Person {
  id: string;
  email: string;
  http: Http;
}

/** Users made by the admin through the api, each signed in. */
export async function createPeople(
  admin: Http,
  role: 'admin' | 'coordinator' | 'caseworker' | 'viewer',
  count: number,
): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${role}-${i}-${randomBytes(3).toString('hex')}@example.org`;
    const res = await admin.ok('POST', '/api/v1/users', {
      email,
      name: `Fault ${role} ${i}`,
      role,
      password: PASSWORD,
    });
    out.push({ id: res.body.id as string, email, http: await signIn(admin.baseUrl, email) });
  }
  return out;
}

/** A defender with an arrest on the timeline, and a WGAD escalation for it. */
export async function caseWithEscalation(
  coordinator: Http,
  name: string,
): Promise<{ defenderId: string; escalationId: string }> {
  const d = await coordinator.ok('POST', '/api/v1/defenders', {
    fullName: name,
    country: 'EG',
    profession: 'Journalist',
  });
  const defenderId = d.body.id as string;
  await coordinator.ok('POST', `/api/v1/defenders/${defenderId}/events`, {
    type: 'arrest',
    occurredOn: '2024-03-18',
    place: 'Cairo',
  });
  const e = await coordinator.ok('POST', '/api/v1/escalations', {
    defenderIds: [defenderId],
    mechanism: 'wgad',
    kind: 'wgad_regular',
  });
  return { defenderId, escalationId: e.body.id as string };
}
