import { startApi, type TestApi, type TestResponse } from './support/api';

const D = '/api/v1/defenders';

/** A 4xx answered as RFC 9457 problem details, naming `field` when given. */
function expectProblem(res: TestResponse, status: number, field?: string): void {
  const summary = `${res.status} ${res.text.slice(0, 500)}`;
  expect({ status: res.status, summary }).toEqual({ status, summary });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
    requestId: res.headers['x-request-id'],
  });
  if (field !== undefined) {
    const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    expect(fields).toContain(field);
  }
}

const cursorOf = (value: unknown): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

type Item = { id: string; fullName: string } & Record<string, unknown>;

describe('listing and search: GET /api/v1/defenders', () => {
  let api: TestApi;
  /** Every HTTP call of this file (swap in a signed-in user's `request` once auth lands). */
  let request: TestApi['request'];

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z', as: 'coordinator' });
    request = api.request;
  });
  afterAll(() => api.close());

  const create = async (body: Record<string, unknown>): Promise<string> => {
    const res = await request({ method: 'POST', url: D, body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body.id;
  };

  const addEvent = async (id: string, body: Record<string, unknown>): Promise<string> => {
    const res = await request({ method: 'POST', url: `${D}/${id}/events`, body });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  const list = async (query: string): Promise<{ data: Item[]; nextCursor: string | null }> => {
    const res = await request({ method: 'GET', url: `${D}?${query}` });
    expect({ status: res.status, query, body: res.status === 200 ? null : res.body }).toEqual({
      status: 200,
      query,
      body: null,
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'next', 'nextCursor']);
    return res.body;
  };

  /** Follow nextCursor to the end; `between` runs before each next page is fetched. */
  const walk = async (
    query: string,
    between?: (page: number) => Promise<void>,
  ): Promise<{ ids: string[]; pages: number; items: Item[] }> => {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = query ? '&' : '';
      const page = await list(
        `${query}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.data);
      pages++;
      cursor = page.nextCursor;
      expect(pages).toBeLessThan(500);
      if (cursor && between) await between(pages);
    } while (cursor);
    return { ids: items.map((i) => i.id), pages, items };
  };

  const ids = (page: { data: Item[] }) => page.data.map((d) => d.id);

  describe('filters', () => {
    const f: Record<string, string> = {};

    beforeAll(async () => {
      f.keJournalist = await create({
        fullName: 'Filter Kenyan Journalist',
        country: 'KE',
        hrdFocus: ['journalist'],
        riskLevel: 'high',
        tags: ['flt', 'group:nairobi-7'],
      });
      f.keLawyer = await create({
        fullName: 'Filter Kenyan Lawyer',
        country: 'KE',
        hrdFocus: ['lawyer', 'womens_rights'],
        riskLevel: 'low',
        tags: ['flt'],
      });
      f.ugStudent = await create({
        fullName: 'Filter Ugandan Student',
        country: 'UG',
        hrdFocus: ['student'],
        riskLevel: 'high',
        tags: ['flt', 'group:nairobi-7'],
      });
      f.tzNone = await create({ fullName: 'Filter Tanzanian', country: 'TZ', tags: ['flt'] });
      f.keArchived = await create({
        fullName: 'Filter Archived Kenyan',
        country: 'KE',
        hrdFocus: ['journalist'],
        riskLevel: 'high',
        tags: ['flt'],
      });
      await addEvent(f.keJournalist, { type: 'arrest', occurredOn: '2026-01-01' });
      await addEvent(f.keLawyer, { type: 'arrest', occurredOn: '2025-01-01' });
      await addEvent(f.keLawyer, { type: 'release', occurredOn: '2025-06-01' });
      await addEvent(f.ugStudent, { type: 'disappearance', occurredOn: '2026-05-01' });
      await addEvent(f.keArchived, { type: 'arrest', occurredOn: '2026-02-01' });
      expect((await request({ method: 'DELETE', url: `${D}/${f.keArchived}` })).status).toBe(204);
    });

    const set = (...keys: string[]) => new Set(keys.map((k) => f[k]));
    const found = async (query: string) => new Set(ids(await list(`tag=flt&${query}`)));

    it('lists newest first, as a list shows them, with derived fields', async () => {
      const page = await list('tag=flt');
      expect(ids(page)).toEqual([f.tzNone, f.ugStudent, f.keLawyer, f.keJournalist]);
      // The list representation: a row's fields, never the story, summary or the rest of the
      // record (the detail route has them).
      for (const item of page.data)
        expect(Object.keys(item).sort()).toEqual(
          [
            'access',
            'archivedAt',
            'country',
            'daysDetained',
            'detainedSince',
            'fullName',
            'id',
            'riskLevel',
            'status',
            'updatedAt',
            'version',
          ].sort(),
        );
      const journalist = page.data.find((d) => d.id === f.keJournalist);
      expect(journalist).toMatchObject({
        status: 'detained',
        detainedSince: '2026-01-01',
        daysDetained: 165,
        country: 'KE',
      });
      expect(page.nextCursor).toBeNull();
    });

    it('by country (case-insensitive code)', async () => {
      expect(await found('country=KE')).toEqual(set('keJournalist', 'keLawyer'));
      expect(await found('country=ke')).toEqual(set('keJournalist', 'keLawyer'));
      expect(await found('country=UG')).toEqual(set('ugStudent'));
      expect(await found('country=FR')).toEqual(new Set());
    });

    it('by derived status', async () => {
      expect(await found('status=detained')).toEqual(set('keJournalist'));
      expect(await found('status=released')).toEqual(set('keLawyer'));
      expect(await found('status=disappeared')).toEqual(set('ugStudent'));
      expect(await found('status=unknown')).toEqual(set('tzNone'));
      expect(await found('status=deceased')).toEqual(new Set());
    });

    it('by hrdFocus (any of the record’s areas)', async () => {
      expect(await found('hrdFocus=journalist')).toEqual(set('keJournalist'));
      expect(await found('hrdFocus=womens_rights')).toEqual(set('keLawyer'));
      expect(await found('hrdFocus=student')).toEqual(set('ugStudent'));
    });

    it('by riskLevel', async () => {
      expect(await found('riskLevel=high')).toEqual(set('keJournalist', 'ugStudent'));
      expect(await found('riskLevel=low')).toEqual(set('keLawyer'));
      expect(await found('riskLevel=critical')).toEqual(new Set());
    });

    it('by tag (exact)', async () => {
      expect(new Set(ids(await list('tag=group:nairobi-7')))).toEqual(
        set('keJournalist', 'ugStudent'),
      );
      expect(ids(await list('tag=group:nairobi'))).toEqual([]);
      expect(ids(await list('tag=FLT'))).toEqual([]);
    });

    it('archived only with archived=true', async () => {
      expect(await found('archived=false')).toEqual(
        set('keJournalist', 'keLawyer', 'ugStudent', 'tzNone'),
      );
      expect(await found('archived=true')).toEqual(
        set('keJournalist', 'keLawyer', 'ugStudent', 'tzNone', 'keArchived'),
      );
      const archived = (await list('tag=flt&archived=true')).data.find(
        (d) => d.id === f.keArchived,
      );
      expect(archived?.archivedAt).toBe('2026-06-15T10:00:00.000Z');
    });

    it('combines filters', async () => {
      expect(await found('country=KE&riskLevel=high')).toEqual(set('keJournalist'));
      expect(await found('country=KE&riskLevel=high&archived=true')).toEqual(
        set('keJournalist', 'keArchived'),
      );
      expect(await found('country=UG&status=detained')).toEqual(new Set());
      expect(await found('hrdFocus=journalist&status=detained&archived=true')).toEqual(
        set('keJournalist', 'keArchived'),
      );
    });

    it('pages through a filtered list', async () => {
      const all = await walk('tag=flt&archived=true&limit=2');
      expect(all.pages).toBe(3);
      expect(all.ids).toEqual([f.keArchived, f.tzNone, f.ugStudent, f.keLawyer, f.keJournalist]);
    });
  });

  describe('bad query parameters', () => {
    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['country=XX', 'country'],
      ['country=KEN', 'country'],
      ['status=jailed', 'status'],
      ['hrdFocus=hacker', 'hrdFocus'],
      ['riskLevel=extreme', 'riskLevel'],
      [`tag=${'t'.repeat(51)}`, 'tag'],
      ['tag=a%00b', 'tag'],
      ['archived=yes', 'archived'],
      ['archived=1', 'archived'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      ['q=!!!%20---', 'q'],
      ['q=%26%7C!:*()', 'q'],
      ['q=a&q=b', 'q'],
      ['sort=name', 'sort'],
      ['offset=10', 'offset'],
      ['page=2', 'page'],
    ])('%s is a 400 naming %s', async (query, field) => {
      expectProblem(await request({ method: 'GET', url: `${D}?${query}` }), 400, field);
    });

    it('accepts limit at its bounds, 1 and 200', async () => {
      const visible: number = (
        await api.db.query(`SELECT count(*)::int AS n FROM defenders WHERE archived_at IS NULL`)
      )[0].n;
      expect(visible).toBeGreaterThan(1);
      const one = await list('limit=1');
      expect(one.data.length).toBe(1);
      expect(typeof one.nextCursor).toBe('string');
      const max = await list('limit=200');
      expect(max.data.length).toBe(Math.min(200, visible));
    });

    it.each([
      ['garbage characters', 'not a cursor!'],
      ['base64 of text that is not JSON', Buffer.from('hello').toString('base64url')],
      ['an over-long cursor', 'A'.repeat(600)],
      ['a JSON array', cursorOf([1, 2])],
      ['a JSON string', cursorOf('1')],
      ['JSON null', cursorOf(null)],
      ['the wrong key', cursorOf({ x: '1' })],
      ['a numeric seq', cursorOf({ s: 1 })],
      ['a non-numeric seq', cursorOf({ s: 'abc' })],
      ['a negative seq', cursorOf({ s: '-5' })],
      ['SQL in the seq', cursorOf({ s: "1' OR '1'='1" })],
      ['a seq beyond bigint', cursorOf({ s: '9'.repeat(30) })],
      ['an extra key', cursorOf({ s: '5', x: 1 })],
      ['a search cursor', cursorOf({ r: 0.5, s: '5', m: 0 })],
    ])('a cursor that is %s is a 400 naming cursor', async (_l, cursor) => {
      const res = await request({
        method: 'GET',
        url: `${D}?cursor=${encodeURIComponent(cursor)}`,
      });
      expectProblem(res, 400, 'cursor');
    });

    it.each([
      ['a list cursor', cursorOf({ s: '5' })],
      ['a rank that is a string', cursorOf({ r: '0.5', s: '5', m: 0 })],
      ['a rank too large for a real', cursorOf({ r: 1e300, s: '5', m: 0 })],
      ['a rank too small for a real', cursorOf({ r: 1e-300, s: '5', m: 0 })],
      ['a negative rank', cursorOf({ r: -1, s: '5', m: 0 })],
      ['a bad seq', cursorOf({ r: 0.5, s: '5; DROP TABLE defenders', m: 0 })],
      ['a match mode other than 0 or 1', cursorOf({ r: 0.5, s: '5', m: 2 })],
      ['garbage characters', '%%%'],
    ])('a search cursor that is %s is a 400 naming cursor', async (_l, cursor) => {
      const res = await request({
        method: 'GET',
        url: `${D}?q=filter&cursor=${encodeURIComponent(cursor)}`,
      });
      expectProblem(res, 400, 'cursor');
    });
  });

  describe('search (q)', () => {
    const s: Record<string, string> = {};

    beforeAll(async () => {
      s.jose = await create({
        fullName: 'José Quispe Mamani',
        country: 'PE',
        organisation: 'Frente de Defensa de São Paulo',
        tags: ['srch'],
      });
      s.alvarez = await create({
        fullName: 'María Álvarez Núñez',
        otherNames: ['Pepa Nakamura-Ørsted'],
        country: 'CO',
        summary: 'Indigenous land defender from the Cauca valley.',
        tags: ['srch'],
      });
      s.storyOnly = await create({
        fullName: 'Unrelated Person',
        country: 'BR',
        story: 'My friend Jose taught me to defend the river. Cauca is far away.',
        tags: ['srch'],
      });
      s.event = await create({ fullName: 'Event Person', country: 'MX', tags: ['srch'] });
      await addEvent(s.event, {
        type: 'arrest',
        occurredOn: '2026-03-03',
        description: 'Detained at the Xylofonía checkpoint by the navy.',
      });
    });

    const search = async (q: string, extra = '') =>
      ids(await list(`q=${encodeURIComponent(q)}&limit=200${extra}`));

    it('is accent- and case-insensitive', async () => {
      for (const q of ['jose', 'JOSE', 'José', 'JOSÉ', 'jOsE']) {
        const found = await search(q);
        expect({ q, hasJose: found.includes(s.jose) }).toEqual({ q, hasJose: true });
      }
      expect(await search('sao paulo')).toEqual([s.jose]);
      expect(await search('SÃO PAULO')).toEqual([s.jose]);
      expect(await search('nunez')).toEqual([s.alvarez]);
    });

    it('matches word prefixes', async () => {
      expect(await search('Alv')).toEqual([s.alvarez]);
      expect(await search('alvar nun')).toEqual([s.alvarez]);
      expect(await search('Qui Mam')).toEqual([s.jose]);
    });

    it('takes letters and digits that fold to punctuation or quotes (was a 500)', async () => {
      // witness_unaccent folds ⑴ to "(1)" and ŉ to "'n", which broke the tsquery syntax.
      const circled = await create({ fullName: 'Cell ⑴ Detainee', country: 'EG', tags: ['srch'] });
      // `list` expects 200.
      for (const q of ['⑴', 'ŉ', 'ʼ', 'jose ʼ', 'a\\b']) await list(`q=${encodeURIComponent(q)}`);
      expect(await search('⑴ detainee')).toEqual([circled]);
      expect(await search('(1) cell')).toEqual([circled]);
    });

    it('needs every word to match', async () => {
      expect(await search('jose alvarez')).toEqual([]);
      expect(await search('maria alvarez')).toEqual([s.alvarez]);
    });

    it('matches other names, organisation, summary, story and event descriptions', async () => {
      expect(await search('nakamura')).toEqual([s.alvarez]);
      expect(await search('orsted')).toEqual([s.alvarez]);
      expect(await search('Frente Defensa')).toEqual([s.jose]);
      expect(await search('cauca')).toEqual(expect.arrayContaining([s.alvarez, s.storyOnly]));
      expect(await search('river')).toEqual([s.storyOnly]);
      expect(await search('xylofonia checkpoint')).toEqual([s.event]);
    });

    it('follows corrections of names and event descriptions', async () => {
      const id = await create({ fullName: 'Quentin Zarathustra', country: 'FR', tags: ['srch'] });
      const ev = await addEvent(id, {
        type: 'arrest',
        occurredOn: '2026-01-01',
        description: 'Held at Brontosaurus station.',
      });
      expect(await search('brontosaurus')).toEqual([id]);
      const corrected = await request({
        method: 'PATCH',
        url: `${D}/${id}/events/${ev}`,
        body: { description: 'Held at Stegosaurus station.' },
        headers: { 'if-match': '"1"' },
      });
      expect(corrected.status).toBe(200);
      expect(await search('brontosaurus')).toEqual([]);
      expect(await search('stegosaurus')).toEqual([id]);

      const renamed = await request({
        method: 'PATCH',
        url: `${D}/${id}`,
        body: { fullName: 'Quentin Zoroaster' },
        headers: { 'if-match': '"1"' },
      });
      expect(renamed.status).toBe(200);
      expect(await search('zarathustra')).toEqual([]);
      expect(await search('zoroaster')).toEqual([id]);
      // The event description is still searchable after the record changed.
      expect(await search('stegosaurus')).toEqual([id]);
    });

    it('ranks a name match above a story-only match', async () => {
      const found = await search('jose');
      expect(found).toEqual([s.jose, s.storyOnly]);
      // Same when the story match is the newer record.
      const newer = await create({
        fullName: 'Newest Story Person',
        country: 'BR',
        story: 'Ximena was with me.',
        tags: ['srch'],
      });
      const older = await create({ fullName: 'Ximena Older', country: 'BR', tags: ['srch'] });
      expect(await search('ximena')).toEqual([older, newer]);
      const summaryMatch = await create({
        fullName: 'Summary Person',
        country: 'BR',
        summary: 'Worked with Ximena.',
        tags: ['srch'],
      });
      expect(await search('ximena')).toEqual([older, summaryMatch, newer]);
    });

    it('combines with filters and leaves archived records out', async () => {
      expect(await search('cauca', '&country=BR')).toEqual([s.storyOnly]);
      expect(await search('jose', '&status=detained')).toEqual([]);
      const gone = await create({ fullName: 'Archived José', country: 'PE', tags: ['srch'] });
      expect(await search('jose')).toContain(gone);
      expect((await request({ method: 'DELETE', url: `${D}/${gone}` })).status).toBe(204);
      expect(await search('jose')).not.toContain(gone);
      expect(await search('jose', '&archived=true')).toContain(gone);
    });

    it('pages through ranked results with a cursor, ties included, while rows are added', async () => {
      const mk = (fullName: string, extra: Record<string, unknown> = {}) =>
        create({ fullName, country: 'CL', tags: ['rank'], ...extra });
      // Several rank levels, and many rows sharing one rank (ties broken by insertion order).
      const made: string[] = [];
      for (let i = 0; i < 6; i++) made.push(await mk(`Wolfgang Tie ${i}`));
      for (let i = 0; i < 4; i++) made.push(await mk(`Person ${i}`, { summary: 'Wolfgang' }));
      for (let i = 0; i < 4; i++) made.push(await mk(`Story ${i}`, { story: 'met Wolfgang' }));
      made.push(await mk('Wolfgang Wolfgang Double'));
      made.push(await mk(`Other ${made.length}`, { organisation: 'Wolfgang Institute' }));

      const oneShot = await search('wolfgang');
      expect(new Set(oneShot)).toEqual(new Set(made));
      expect(oneShot.length).toBe(made.length);

      let added = 0;
      const paged = await walk('q=wolfgang&limit=3', async () => {
        await mk(`Wolfgang Late ${added++}`);
      });
      expect(paged.pages).toBeGreaterThanOrEqual(6);
      expect(new Set(paged.ids).size).toBe(paged.ids.length); // no duplicates
      // Every row that existed at the start is seen, in the one-shot order.
      expect(paged.ids.filter((id) => made.includes(id))).toEqual(oneShot);
      // Names before summaries before stories.
      const pos = (id: string) => oneShot.indexOf(id);
      expect(Math.max(...made.slice(0, 6).map(pos))).toBeLessThan(
        Math.min(...made.slice(6, 10).map(pos)),
      );
      expect(Math.max(...made.slice(6, 10).map(pos))).toBeLessThan(
        Math.min(...made.slice(10, 14).map(pos)),
      );
    });
  });

  describe('keyset pagination over 1,000+ rows', () => {
    it('walks every page with no duplicates or gaps while rows are being inserted', async () => {
      await api.db.query(
        `INSERT INTO defenders (full_name, country, version, tags, hrd_focus, risk_level)
         SELECT 'Bulk Defender ' || g, (ARRAY['NG','GH','SN'])[1 + g % 3], 1,
                ARRAY['bulk'], ARRAY['journalist'], (ARRAY['low','high'])[1 + g % 2]
           FROM generate_series(1, 1200) AS g`,
      );
      const atStart: string[] = (
        await api.db.query(`SELECT id FROM defenders WHERE archived_at IS NULL ORDER BY seq DESC`)
      ).map((r: { id: string }) => r.id);
      expect(atStart.length).toBeGreaterThan(1200);

      let inserted = 0;
      const { ids: seen, pages } = await walk('limit=97', async (page) => {
        // New rows arrive between page fetches: in bulk, and through the API.
        await api.db.query(
          `INSERT INTO defenders (full_name, country, version, tags)
           SELECT 'Late Bulk ' || $1::int || '-' || g, 'NG', 1, ARRAY['bulk']
             FROM generate_series(1, 7) AS g`,
          [page],
        );
        await create({ fullName: `Late API ${page}`, country: 'GH', tags: ['bulk'] });
        inserted += 8;
        // And an existing row is edited (it must neither vanish nor repeat).
        const id = atStart[page * 50];
        await api.db.query(`UPDATE defenders SET summary = 'edited' WHERE id = $1`, [id]);
      });
      expect(inserted).toBeGreaterThan(0);
      expect(pages).toBe(Math.ceil(seen.length / 97));
      expect(new Set(seen).size).toBe(seen.length); // no duplicates
      const seenSet = new Set(seen);
      expect(atStart.filter((id) => !seenSet.has(id))).toEqual([]); // no gaps
      // Rows that existed at the start come in one stable order: newest first.
      expect(seen.filter((id) => atStart.includes(id))).toEqual(atStart);
    });

    it('paginates a filtered list the same way', async () => {
      const expected: string[] = (
        await api.db.query(
          `SELECT id FROM defenders
            WHERE archived_at IS NULL AND country = 'GH' AND risk_level = 'high'
              AND hrd_focus @> ARRAY['journalist'] AND tags @> ARRAY['bulk']
            ORDER BY seq DESC`,
        )
      ).map((r: { id: string }) => r.id);
      expect(expected.length).toBeGreaterThan(150);
      const { ids: seen } = await walk(
        'country=GH&riskLevel=high&hrdFocus=journalist&tag=bulk&limit=50',
        async () => {
          await api.db.query(
            `INSERT INTO defenders (full_name, country, version, tags, hrd_focus, risk_level)
             VALUES ('Late GH', 'GH', 1, ARRAY['bulk'], ARRAY['journalist'], 'high')`,
          );
        },
      );
      expect(seen).toEqual(expected);
    });

    it('defaults to 50 per page and the last page has no nextCursor', async () => {
      const first = await list('');
      expect(first.data.length).toBe(50);
      expect(typeof first.nextCursor).toBe('string');
      const total: number = (
        await api.db.query(`SELECT count(*)::int AS n FROM defenders WHERE archived_at IS NULL`)
      )[0].n;
      const { ids: all } = await walk('limit=200');
      expect(all.length).toBe(total);
      const exact = await list(`limit=${Math.min(200, total)}&country=SN`);
      expect(exact.data.every((d) => d.country === 'SN')).toBe(true);
    });
  });

  it('a search for a word in a thousand rows stays a search', async () => {
    // The bulk rows all say "Bulk"; a prefix search pages through them too.
    const { ids: seen } = await walk('q=bulk&limit=200&country=SN');
    const expected: number = (
      await api.db.query(
        `SELECT count(*)::int AS n FROM defenders
          WHERE archived_at IS NULL AND country = 'SN' AND full_name LIKE '%Bulk%'`,
      )
    )[0].n;
    expect(seen.length).toBe(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
