import pg from 'pg';
import { startApi, type TestApi, type TestResponse } from './support/api';
import { createUser, type TestUser } from './support/users';

/**
 * Issue 24: the list, search and write paths. Need-to-know on every path (list, each filter,
 * full-text and trigram search, every cursor page), the `next` link, a misspelt name found,
 * and the statement counts of the two hot writes (a number, not a time).
 */

const D = '/api/v1/defenders';
const RESTRICTED = 'Zarqa Qelbrin-Restricted';
const ASSIGNED = 'Yusra Qelbrin-Assigned';

describe('list, search and write paths', () => {
  let api: TestApi;
  let coordinator: TestUser;
  let cw: TestUser;
  let viewer: TestUser;
  const id: Record<string, string> = {};

  const ok = async (res: Promise<TestResponse>, status = 200): Promise<TestResponse> => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status}: ${r.text}`);
    return r;
  };
  const mkCase = async (body: Record<string, unknown>) =>
    (await ok(coordinator.request({ method: 'POST', url: D, body }), 201)).body.id as string;
  const arrest = (defenderId: string) =>
    ok(
      coordinator.request({
        method: 'POST',
        url: `${D}/${defenderId}/events`,
        body: { type: 'arrest', occurredOn: '2026-01-10' },
      }),
      201,
    );

  /** Every page of a query, following `next` links; each page's raw text kept. */
  const walk = async (user: TestUser, query: string) => {
    const ids: string[] = [];
    const texts: string[] = [];
    let url: string | null = `${D}?${query}`;
    for (let n = 0; url && n < 100; n++) {
      const res: TestResponse = await ok(user.request({ method: 'GET', url }));
      texts.push(res.text);
      ids.push(...res.body.data.map((d: { id: string }) => d.id));
      expect(res.body.next === null).toBe(res.body.nextCursor === null);
      url = res.body.next;
    }
    return { ids, text: texts.join('\n') };
  };

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    coordinator = await createUser(api, 'coordinator');
    cw = await createUser(api, 'caseworker');
    viewer = await createUser(api, 'viewer');
    // Standard cases around two restricted ones, all detained in KE, so every filter matches
    // them: one restricted case the caseworker is assigned to, one nobody but deciders see.
    for (let i = 0; i < 7; i++) {
      id[`s${i}`] = await mkCase({
        fullName: `Qelbrin Standard ${i}`,
        country: 'KE',
        hrdFocus: ['journalist'],
        tags: ['ntk'],
      });
      await arrest(id[`s${i}`]);
      if (i === 3) {
        id.restricted = await mkCase({
          fullName: RESTRICTED,
          country: 'KE',
          hrdFocus: ['journalist'],
          tags: ['ntk'],
          access: 'restricted',
        });
        await arrest(id.restricted);
        id.assigned = await mkCase({
          fullName: ASSIGNED,
          country: 'KE',
          hrdFocus: ['journalist'],
          tags: ['ntk'],
          access: 'restricted',
        });
        await arrest(id.assigned);
        await ok(
          coordinator.request({
            method: 'POST',
            url: `${D}/${id.assigned}/assignees`,
            body: { userId: cw.id },
          }),
          201,
        );
      }
    }
  });
  afterAll(() => api.close());

  describe('need-to-know on every path', () => {
    const queries = [
      'tag=ntk&limit=2',
      'status=detained&limit=2',
      'country=KE&limit=2',
      'country=KE&status=detained&limit=2',
      'country=KE&status=detained&hrdFocus=journalist&limit=2',
      'q=qelbrin&limit=2',
      'q=qelbrin%20zarqa',
      // A misspelt name: the trigram fallback.
      'q=zarka%20qelbrin-restricted',
    ];

    it.each(queries)('%s: a viewer never sees a restricted case, on any page', async (q) => {
      const { ids, text } = await walk(viewer, q);
      expect(ids).not.toContain(id.restricted);
      expect(ids).not.toContain(id.assigned);
      expect(text).not.toContain(RESTRICTED);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it.each(queries)('%s: a caseworker sees the one assigned, never the other', async (q) => {
      const { ids, text } = await walk(cw, q);
      expect(ids).not.toContain(id.restricted);
      expect(text).not.toContain(RESTRICTED);
      expect(new Set(ids).size).toBe(ids.length);
      if (!q.includes('zarqa') && !q.includes('zarka')) expect(ids).toContain(id.assigned);
    });

    it.each(queries)('%s: a coordinator sees both', async (q) => {
      const { ids } = await walk(coordinator, q);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(id.restricted);
      if (!q.includes('zarqa') && !q.includes('zarka')) expect(ids).toContain(id.assigned);
    });

    it('the filtered lists page newest first through the fitting index, whole', async () => {
      const all = (await walk(coordinator, 'tag=ntk&limit=50')).ids;
      expect(all).toHaveLength(9);
      for (const q of [
        'status=detained&tag=ntk&limit=2',
        'country=KE&tag=ntk&limit=3',
        'country=KE&status=detained&tag=ntk&limit=4',
      ])
        expect((await walk(coordinator, q)).ids).toEqual(all);
    });
  });

  describe('search', () => {
    it('finds a misspelt name by trigrams when the words match nothing', async () => {
      const found = await ok(coordinator.request({ method: 'GET', url: `${D}?q=Zarka%20Qelbrin` }));
      expect(found.body.data.map((d: { id: string }) => d.id)).toEqual([id.restricted]);
      // Every word typed must be like a word of the name.
      const none = await ok(coordinator.request({ method: 'GET', url: `${D}?q=Yusra%20Zarka` }));
      expect(none.body.data).toEqual([]);
    });

    it('pages trigram matches with their own cursor, no duplicates', async () => {
      const { ids } = await walk(coordinator, 'q=Qelbrinn%20Standart&limit=2');
      expect(new Set(ids)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6].map((i) => id[`s${i}`])));
      expect(ids).toHaveLength(7);
    });
  });

  it('the next link repeats the query with the cursor', async () => {
    const page = await ok(
      coordinator.request({ method: 'GET', url: `${D}?country=ke&status=detained&limit=2` }),
    );
    const next = new URL(page.body.next, 'http://x');
    expect(next.pathname).toBe(D);
    expect(Object.fromEntries(next.searchParams)).toEqual({
      country: 'KE',
      status: 'detained',
      limit: '2',
      cursor: page.body.nextCursor,
    });
  });

  describe('statements per write', () => {
    /** The statements `run` sends to PostgreSQL (the app runs in this process). */
    const statements = async (run: () => Promise<unknown>): Promise<string[]> => {
      const sent: string[] = [];
      const original = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const c = args[0] as string | { text?: string };
        sent.push(typeof c === 'string' ? c : (c?.text ?? ''));
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        await run();
      } finally {
        pg.Client.prototype.query = original;
      }
      return sent;
    };

    it('create defender and add detention event', async () => {
      let created = '';
      const create = await statements(async () => {
        const res = await ok(
          cw.request({
            method: 'POST',
            url: D,
            body: { fullName: 'Counted Case', country: 'KE', hrdFocus: ['journalist'] },
          }),
          201,
        );
        created = res.body.id;
      });
      const event = await statements(() =>
        ok(
          cw.request({
            method: 'POST',
            url: `${D}/${created}/events`,
            body: { type: 'arrest', occurredOn: '2026-01-10', description: 'At home.' },
          }),
          201,
        ),
      );
      expect({ create: create.length, event: event.length }).toEqual({
        create: CREATE_STATEMENTS,
        event: EVENT_STATEMENTS,
      });
    });
  });
});

/** Statements of one create and one add-event request, authentication included. */
const CREATE_STATEMENTS = 18;
const EVENT_STATEMENTS = 21;
