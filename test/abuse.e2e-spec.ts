import type { AddressInfo } from 'node:net';
import { startApi, type TestApi } from './support/api';
import { createUser, type TestUser } from './support/users';
import { httpCall, RawConnection, type RawAnswer } from './support/fuzz/raw-http';

/**
 * Request abuse against a real listening api: bodies far past the limits, floods of query
 * parameters, very long URLs, clients that trickle a byte a second, hundreds of slow
 * connections. Each is refused with a clear problem+json 4xx (or cut off), resources stay
 * bounded, nothing is written, and the server keeps serving everyone else meanwhile.
 *
 * Socket timeouts are real time (they are the transport's, not the app's), kept short:
 * HTTP_REQUEST_TIMEOUT_MS is 2 s here.
 */

const MB = 1024 * 1024;
/** The api's fixed limits (apps/api/src/http/limits.ts). */
const MAX_URL_LENGTH = 8192;
const MAX_QUERY_PARAMS = 100;
const BODY_LIMIT = 1 * MB;
const IMPORT_MAX_BYTES = 5 * MB;

const isProblem = (a: { headers: Record<string, unknown> }) =>
  String(a.headers['content-type']).startsWith('application/problem+json');

describe('request abuse', () => {
  let api: TestApi;
  let admin: TestUser;
  let port: number;

  const count = async (table: string) =>
    Number((await api.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  /** A request any client could be making meanwhile: it must be served. */
  const normal = () =>
    httpCall(port, {
      path: '/api/v1/defenders?limit=5',
      headers: { authorization: `Bearer ${admin.token}` },
    });

  beforeAll(async () => {
    api = await startApi({
      env: {
        HTTP_BODY_LIMIT: String(BODY_LIMIT),
        IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES),
        HTTP_REQUEST_TIMEOUT_MS: '2000',
        RATE_LIMIT_PER_MINUTE: '1000000',
      },
    });
    admin = await createUser(api, 'admin');
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Amina Haddad', country: 'EG' },
    });
    expect(created.status).toBe(201);
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  }, 60_000);

  /** Connections a test opened, destroyed after it whatever happened. */
  const opened: RawConnection[] = [];
  const connection = async () => {
    const c = new RawConnection(port);
    opened.push(c);
    await c.ready();
    return c;
  };

  afterEach(() => {
    for (const c of opened.splice(0)) c.destroy();
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('bodies past the limits', () => {
    it('refuses a 10 MB JSON body with 413 problem+json and writes nothing', async () => {
      const before = await count('defenders');
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'x'.repeat(10 * MB), country: 'EG' },
      });
      expect(res.status).toBe(413);
      expect(isProblem(res)).toBe(true);
      expect(res.body.status).toBe(413);
      expect(res.body.detail).toMatch(/too large|larger than/i);
      expect(await count('defenders')).toBe(before);
    });

    it('answers 413 from the declared length alone, before 10 MB are sent', async () => {
      const c = await connection();
      await c.write(
        `POST /api/v1/defenders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${admin.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${10 * MB}\r\n\r\n{"fullName":"`,
      );
      await c.write('x'.repeat(64 * 1024));
      const a = await c.answer();
      c.destroy();
      expect(a.status).toBe(413);
      expect(isProblem(a)).toBe(true);
    });

    it('refuses a 10 MB CSV past IMPORT_MAX_BYTES with 413 and imports nothing', async () => {
      const before = await count('defenders');
      const header = 'fullName,country\n';
      const row = 'Amina Haddad,EG\n';
      const csv = header + row.repeat(Math.ceil((10 * MB) / row.length));
      expect(csv.length).toBeGreaterThan(IMPORT_MAX_BYTES);
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/imports/defenders',
        rawBody: csv,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(413);
      expect(isProblem(res)).toBe(true);
      expect(await count('defenders')).toBe(before);
    });
  });

  describe('floods of query parameters and long URLs', () => {
    const repeated = (n: number) => Array.from({ length: n }, (_, i) => `a=${i}`).join('&');
    const distinct = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=1`).join('&');

    it('refuses 5,000 repeated and 5,000 distinct parameters with a clear 4xx', async () => {
      for (const q of [repeated(5000), distinct(5000)]) {
        const res = await admin.request({ method: 'GET', url: `/api/v1/defenders?${q}` });
        // Either flood is longer than any URL this server takes.
        expect(res.status).toBe(414);
        expect(isProblem(res)).toBe(true);
      }
    });

    it('refuses more than the most query parameters with 400 naming the query', async () => {
      const flood = Array.from({ length: 1500 }, () => 'a').join('&');
      expect(flood.length).toBeLessThan(MAX_URL_LENGTH);
      const res = await admin.request({ method: 'GET', url: `/api/v1/defenders?${flood}` });
      expect(res.status).toBe(400);
      expect(isProblem(res)).toBe(true);
      expect(res.body.errors).toEqual([
        { field: 'query', message: `must have at most ${MAX_QUERY_PARAMS} parameters` },
      ]);
      // At the limit the parameters are looked at, and the unknown one is named.
      const atLimit = await admin.request({
        method: 'GET',
        url: `/api/v1/defenders?${repeated(MAX_QUERY_PARAMS)}`,
      });
      expect(atLimit.status).toBe(400);
      expect(atLimit.body.errors.map((e: { field: string }) => e.field)).toEqual(['a']);
      const over = await admin.request({
        method: 'GET',
        url: `/api/v1/defenders?${repeated(MAX_QUERY_PARAMS + 1)}`,
      });
      expect(over.body.errors[0].field).toBe('query');
    });

    it('refuses a very long URL with 414, and one past the header limit with 431', async () => {
      const long = await admin.request({
        method: 'GET',
        url: `/api/v1/defenders?q=${'a'.repeat(MAX_URL_LENGTH)}`,
      });
      expect(long.status).toBe(414);
      expect(isProblem(long)).toBe(true);
      expect(long.body.detail).toBe(`The URL is longer than ${MAX_URL_LENGTH} characters.`);
      // Over a socket, a URL past Node's 16 KiB header limit never reaches the router.
      const huge = await httpCall(port, { path: `/api/v1/defenders?q=${'a'.repeat(20_000)}` });
      expect(huge.status).toBe(431);
      expect(isProblem(huge)).toBe(true);
      // And a path segment past the router's limit: 414 too.
      const segment = await admin.request({
        method: 'GET',
        url: `/api/v1/defenders/${'b'.repeat(300)}`,
      });
      expect(segment.status).toBe(414);
      expect(isProblem(segment)).toBe(true);
    });

    it('answers malformed HTTP with 400 problem+json and closes the connection', async () => {
      const c = await connection();
      await c.write('GARBAGE / NOT-HTTP\r\n\r\n');
      const a = await c.answer();
      await c.done;
      expect(a.status).toBe(400);
      expect(isProblem(a)).toBe(true);
    });

    it('serves other clients while floods of every kind are refused', async () => {
      const floods: Promise<RawAnswer>[] = [];
      for (let i = 0; i < 20; i++) {
        const path =
          i % 4 === 0
            ? `/api/v1/defenders?${repeated(5000)}`
            : i % 4 === 1
              ? `/api/v1/defenders?${distinct(1000)}`
              : i % 4 === 2
                ? `/api/v1/defenders?${Array.from({ length: 2000 }, () => 'a').join('&')}`
                : `/api/v1/defenders/${'c'.repeat(9000)}`;
        floods.push(httpCall(port, { path, headers: { authorization: `Bearer ${admin.token}` } }));
      }
      const [ok, ...refused] = await Promise.all([normal(), ...floods]);
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body).data.length).toBe(await count('defenders'));
      for (const r of refused) {
        expect([400, 414, 431]).toContain(r.status);
        expect(isProblem(r)).toBe(true);
      }
    });
  });

  describe('slow work', () => {
    it('answers 503 problem+json with Retry-After when the work outlasts the timeout, then recovers', async () => {
      // Another session holds the defenders table: the list waits on the lock past 2 s.
      const blocker = api.db.createQueryRunner();
      await blocker.connect();
      await blocker.startTransaction();
      await blocker.query('LOCK TABLE defenders IN ACCESS EXCLUSIVE MODE');
      let stuck: RawAnswer;
      try {
        stuck = await normal();
      } finally {
        await blocker.rollbackTransaction();
        await blocker.release();
      }
      expect(stuck.status).toBe(503);
      expect(isProblem(stuck)).toBe(true);
      expect(stuck.headers['retry-after']).toBe('1');
      expect(JSON.parse(stuck.body)).toMatchObject({
        status: 503,
        detail: 'The request took too long.',
      });
      // The abandoned handler finishes on its own; the next request is served as usual.
      expect((await normal()).status).toBe(200);
    }, 20_000);
  });

  describe('slow clients', () => {
    const slowPost = (length: number) =>
      `POST /api/v1/defenders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${admin.token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

    it('cuts off a client that trickles its body a byte a second, serving others meanwhile', async () => {
      const before = await count('defenders');
      const body = JSON.stringify({ fullName: 'Slow Loris', country: 'EG' });
      const c = await connection();
      await c.write(slowPost(body.length));
      c.startTrickle(body, 1000);
      const served = await normal();
      // Served while the slow client still held its connection.
      expect(c.closed).toBe(false);
      expect(served.status).toBe(200);
      await c.done;
      const a = await c.answer();
      expect(a.status).toBe(408);
      expect(isProblem(a)).toBe(true);
      expect(await count('defenders')).toBe(before);
    });

    it('cuts off a client that trickles its headers (slowloris)', async () => {
      const c = await connection();
      await c.write('GET /api/v1/defenders HTTP/1.1\r\nHost: localhost\r\n');
      c.startTrickle('X-Slow: ' + 'z'.repeat(100), 1000);
      const served = await normal();
      expect(c.closed).toBe(false);
      expect(served.status).toBe(200);
      await c.done;
      expect((await c.answer()).status).toBe(408);
    });

    it('keeps serving while 200 slow connections hang on, and cuts them all off', async () => {
      const slow = await Promise.all(Array.from({ length: 200 }, () => connection()));
      await Promise.all(
        slow.map((c, i) =>
          i % 2
            ? c.write('GET /api/v1/defenders HTTP/1.1\r\nHost: localhost\r\nX-Slow: ')
            : c.write(slowPost(1000)).then(() => c.write('{"fullName":')),
        ),
      );
      const served = await Promise.all([normal(), normal(), normal()]);
      expect(served.map((s) => s.status)).toEqual([200, 200, 200]);
      expect(slow.filter((c) => c.closed).length).toBe(0);
      await Promise.all(slow.map((c) => c.done));
      // Each was answered 408, unless it fell silent long enough to be dropped as idle first.
      const answers = new Set(slow.map((c) => c.received.slice(0, 12)));
      expect([...answers].filter((a) => a !== 'HTTP/1.1 408' && a !== '')).toEqual([]);
      expect(answers.has('HTTP/1.1 408')).toBe(true);
    }, 30_000);
  });
});
