import { startApi, type TestApi, type TestResponse } from './support/api';
import type { RequestBody, ResponseBody } from './support/api-types';

const D = '/api/v1/defenders';
const TODAY = '2026-06-15';
const MISSING_UUID = '3f2b8c1e-0000-4000-8000-000000000000';

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
    expect(res.body.type).toBe('urn:witness:problem:validation-failed');
    const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    expect(fields).toContain(field);
    for (const e of res.body.errors) expect(typeof e.message).toBe('string');
  }
}

describe('case records: /api/v1/defenders', () => {
  let api: TestApi;
  /** Every HTTP call of this file (swap in a signed-in user's `request` once auth lands). */
  let request: TestApi['request'];

  beforeAll(async () => {
    api = await startApi({ now: `${TODAY}T10:00:00Z`, as: 'coordinator' });
    request = api.request;
  });
  afterAll(() => api.close());

  const countDefenders = async (): Promise<number> =>
    (await api.db.query(`SELECT count(*)::int AS n FROM defenders`))[0].n;

  /** The stored row, as the database has it (not as the API shows it). */
  const row = async (id: string): Promise<Record<string, unknown>> =>
    (
      await api.db.query(
        `SELECT full_name, other_names, sex, birth_date::text AS birth_date, birth_year,
                nationalities, country, profession, organisation, hrd_focus, summary, story,
                risk_level, access, tags, status, archived_at, version, updated_at
           FROM defenders WHERE id = $1`,
        [id],
      )
    )[0];

  const create = async (body: Record<string, unknown> = {}) => {
    const res = await request({
      method: 'POST',
      url: D,
      body: { fullName: 'Test Defender', country: 'KE', ...body },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number } & Record<string, unknown>;
  };

  const patch = (id: string, body: unknown, ifMatch?: string) =>
    request({
      method: 'PATCH',
      url: `${D}/${id}`,
      body,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });

  describe('POST /defenders', () => {
    it('creates a full case record, normalised, with derived fields, ETag and Location', async () => {
      const before = await countDefenders();
      const res = await request({
        method: 'POST',
        url: D,
        body: {
          fullName: '  Amina Haddad  ',
          otherNames: ['أمينة حداد', ' Amina H. ', 'Amina H.'],
          sex: 'female',
          birthDate: '1988-04-12',
          nationality: 'eg',
          country: 'eg',
          profession: 'Journalist',
          organisation: 'Cairo Press Freedom Network',
          hrdFocus: ['journalist', 'womens_rights'],
          summary: 'Reporter detained after covering protests.',
          story: '# My story\n\nI wrote about the protests.',
          riskLevel: 'high',
          access: 'restricted',
          tags: ['group:2024-cairo-13', 'press', 'press'],
        },
      });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const d = res.body;
      expect(d).toMatchObject({
        fullName: 'Amina Haddad',
        otherNames: ['أمينة حداد', 'Amina H.'],
        sex: 'female',
        birthDate: '1988-04-12',
        birthYear: 1988,
        nationality: 'EG',
        country: 'EG',
        profession: 'Journalist',
        organisation: 'Cairo Press Freedom Network',
        hrdFocus: ['journalist', 'womens_rights'],
        summary: 'Reporter detained after covering protests.',
        story: '# My story\n\nI wrote about the protests.',
        riskLevel: 'high',
        access: 'restricted',
        tags: ['group:2024-cairo-13', 'press'],
        status: 'unknown',
        detainedSince: null,
        daysDetained: null,
        totalDaysDetained: 0,
        lastEventAt: null,
        archivedAt: null,
        version: 1,
      });
      expect(d.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Date.parse(d.createdAt)).not.toBeNaN();
      expect(Date.parse(d.updatedAt)).not.toBeNaN();
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(`${D}/${d.id}`);

      expect(await countDefenders()).toBe(before + 1);
      expect(await row(d.id)).toMatchObject({
        full_name: 'Amina Haddad',
        country: 'EG',
        nationalities: ['EG'],
        birth_year: 1988,
        access: 'restricted',
        tags: ['group:2024-cairo-13', 'press'],
        version: 1,
      });

      const read = await request({ method: 'GET', url: `${D}/${d.id}` });
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toEqual(d);
    });

    it('keeps people as the UN writes them: names apart, every nationality, an encrypted address', async () => {
      const res = await request({
        method: 'POST',
        url: D,
        body: {
          fullName: 'Amina Haddad',
          familyName: ' Haddad ',
          givenNames: 'Amina',
          nationalities: ['eg', 'FR', 'EG'],
          hrdActivity: 'Reports on the trials of protesters.',
          usualAddress: '12 Example Street, Flat 4, Cairo',
          country: 'EG',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        familyName: 'Haddad',
        givenNames: 'Amina',
        nationalities: ['EG', 'FR'],
        nationality: 'EG',
        hrdActivity: 'Reports on the trials of protesters.',
        usualAddress: '12 Example Street, Flat 4, Cairo',
      });
      const id = res.body.id as string;
      // Encrypted at rest, absent from the list, the audit trail and the export.
      const stored = await api.db.query(
        `SELECT usual_address_enc, family_name, given_names FROM defenders WHERE id = $1`,
        [id],
      );
      expect(stored[0].usual_address_enc).not.toContain('Example Street');
      expect(stored[0]).toMatchObject({ family_name: 'Haddad', given_names: 'Amina' });
      const list = await request({ method: 'GET', url: `${D}?country=EG&limit=200` });
      expect(JSON.stringify(list.body)).not.toContain('Example Street');
      const audit = await api.db.query(
        `SELECT changes::text AS c FROM audit_events WHERE entity_id = $1`,
        [id],
      );
      expect(audit.map((a: { c: string }) => a.c).join()).not.toContain('Example Street');
      const csv = await request({ method: 'GET', url: '/api/v1/exports/defenders?format=csv' });
      expect(csv.text).not.toContain('Example Street');
      expect(csv.text.split('\n')[0]).not.toMatch(/usualAddress/);
      // One nationality, as clients wrote it before, is still understood; both at once is not.
      const one = await patch(id, { nationality: 'tn' }, '"1"');
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ nationalities: ['TN'], nationality: 'TN' });
      const both = await patch(id, { nationality: 'EG', nationalities: ['EG'] }, '"2"');
      expect(both.status).toBe(400);
      expect(both.body.errors[0].field).toBe('nationality');
      const bad = await patch(id, { nationalities: ['EG', 'ZZ'] }, '"2"');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toMatch(/^nationalities/);
      const cleared = await patch(id, { usualAddress: null, familyName: null }, '"2"');
      expect(cleared.body).toMatchObject({ usualAddress: null, familyName: null });
    });

    it('creates a minimal record with defaults', async () => {
      const d = await create({ fullName: 'Minimal Person', country: 'UG' });
      expect(d).toMatchObject({
        fullName: 'Minimal Person',
        country: 'UG',
        otherNames: [],
        sex: null,
        birthDate: null,
        birthYear: null,
        nationality: null,
        profession: null,
        organisation: null,
        hrdFocus: [],
        summary: null,
        story: null,
        riskLevel: null,
        access: 'standard',
        tags: [],
        status: 'unknown',
        version: 1,
      });
    });

    it('accepts values at the limits: 200-character name, 1,000 summary, 50,000 story', async () => {
      const d = await create({
        fullName: 'n'.repeat(200),
        summary: 's'.repeat(1000),
        story: 't'.repeat(50000),
        otherNames: Array.from({ length: 20 }, (_, i) => `alias ${i}`),
        tags: Array.from({ length: 30 }, (_, i) => `tag-${i}`),
        birthYear: 1900,
      });
      expect((d.fullName as string).length).toBe(200);
      expect((d.story as string).length).toBe(50000);
      // 200 emoji are 400 UTF-16 units but 200 characters.
      const emoji = await create({ fullName: '😀'.repeat(200) });
      expect(emoji.fullName).toBe('😀'.repeat(200));
    });

    const valid = { fullName: 'Bad Input', country: 'KE' };
    const badBodies: [string, Record<string, unknown>, string][] = [
      ['missing fullName', { country: 'KE' }, 'fullName'],
      ['missing country', { fullName: 'X' }, 'country'],
      ['empty fullName', { ...valid, fullName: '' }, 'fullName'],
      ['blank fullName', { ...valid, fullName: '   ' }, 'fullName'],
      ['fullName of 201 characters', { ...valid, fullName: 'x'.repeat(201) }, 'fullName'],
      [
        'fullName of 200 characters and a variation selector',
        { ...valid, fullName: 'x'.repeat(200) + '\uFE0F' },
        'fullName',
      ],
      ['summary of 1,001 characters', { ...valid, summary: 's'.repeat(1001) }, 'summary'],
      ['story of 50,001 characters', { ...valid, story: 't'.repeat(50001) }, 'story'],
      ['profession of 201 characters', { ...valid, profession: 'p'.repeat(201) }, 'profession'],
      [
        'organisation of 201 characters',
        { ...valid, organisation: 'o'.repeat(201) },
        'organisation',
      ],
      [
        'an other name of 201 characters',
        { ...valid, otherNames: ['a'.repeat(201)] },
        'otherNames',
      ],
      [
        '21 other names',
        { ...valid, otherNames: Array.from({ length: 21 }, (_, i) => `n${i}`) },
        'otherNames',
      ],
      ['31 tags', { ...valid, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'tags'],
      ['a tag with forbidden characters', { ...valid, tags: ['ok', 'no<script>'] }, 'tags'],
      ['a tag of 51 characters', { ...valid, tags: ['t'.repeat(51)] }, 'tags'],
      ['fullName as a number', { ...valid, fullName: 123 }, 'fullName'],
      ['fullName as an object', { ...valid, fullName: { first: 'A' } }, 'fullName'],
      ['country as a number', { ...valid, country: 7 }, 'country'],
      ['otherNames as a string', { ...valid, otherNames: 'alias' }, 'otherNames'],
      ['otherNames holding objects', { ...valid, otherNames: [{ foo: 1 }] }, 'otherNames'],
      ['birthYear as a string', { ...valid, birthYear: '1990' }, 'birthYear'],
      ['birthYear as a fraction', { ...valid, birthYear: 1990.5 }, 'birthYear'],
      ['birthYear before 1900', { ...valid, birthYear: 1899 }, 'birthYear'],
      ['birthYear in the future', { ...valid, birthYear: 2027 }, 'birthYear'],
      ['hrdFocus as a string', { ...valid, hrdFocus: 'journalist' }, 'hrdFocus'],
      ['tags as a string', { ...valid, tags: 'press' }, 'tags'],
      ['summary as a number', { ...valid, summary: 4 }, 'summary'],
      ['story as an array', { ...valid, story: ['x'] }, 'story'],
      ['access as a boolean', { ...valid, access: true }, 'access'],
      ['sex as a number', { ...valid, sex: 1 }, 'sex'],
      ['country not ISO 3166-1 (XX)', { ...valid, country: 'XX' }, 'country'],
      ['country alpha-3 (KEN)', { ...valid, country: 'KEN' }, 'country'],
      ['country of one letter', { ...valid, country: 'K' }, 'country'],
      ['country empty', { ...valid, country: '' }, 'country'],
      ['nationality not ISO 3166-1', { ...valid, nationality: 'ZZ' }, 'nationality'],
      ['sex not in the list', { ...valid, sex: 'm' }, 'sex'],
      ['hrdFocus not in the list', { ...valid, hrdFocus: ['lawyer', 'journo'] }, 'hrdFocus'],
      ['riskLevel not in the list', { ...valid, riskLevel: 'extreme' }, 'riskLevel'],
      ['access not in the list', { ...valid, access: 'secret' }, 'access'],
      ['an unknown field', { ...valid, favouriteColour: 'blue' }, 'favouriteColour'],
      ['an unknown nested object', { ...valid, meta: { source: 'x' } }, 'meta'],
      ['read-only id', { ...valid, id: MISSING_UUID }, 'id'],
      ['read-only status', { ...valid, status: 'released' }, 'status'],
      ['read-only version', { ...valid, version: 7 }, 'version'],
      ['read-only daysDetained', { ...valid, daysDetained: 3 }, 'daysDetained'],
      ['birthDate in the future', { ...valid, birthDate: '2026-06-16' }, 'birthDate'],
      ['birthDate 2025-02-30', { ...valid, birthDate: '2025-02-30' }, 'birthDate'],
      ['birthDate month 13', { ...valid, birthDate: '1990-13-01' }, 'birthDate'],
      ['birthDate not zero-padded', { ...valid, birthDate: '1990-5-1' }, 'birthDate'],
      ['birthDate with a time', { ...valid, birthDate: '1990-05-01T00:00:00Z' }, 'birthDate'],
      ['birthDate in year 0000', { ...valid, birthDate: '0000-01-01' }, 'birthDate'],
      ['birthDate before 1900', { ...valid, birthDate: '1850-01-01' }, 'birthDate'],
      [
        'birthYear disagreeing with birthDate',
        { ...valid, birthDate: '1990-05-01', birthYear: 1991 },
        'birthYear',
      ],
      ['access null', { ...valid, access: null }, 'access'],
      ['otherNames null', { ...valid, otherNames: null }, 'otherNames'],
      ['hrdFocus null', { ...valid, hrdFocus: null }, 'hrdFocus'],
      ['tags null', { ...valid, tags: null }, 'tags'],
      ['a NUL character in fullName', { ...valid, fullName: 'Ami\u0000na' }, 'fullName'],
      ['a NUL character in a tag', { ...valid, tags: ['ok', 'a\u0000b'] }, 'tags[1]'],
    ];

    it.each(badBodies)(
      'refuses %s with a 400 naming the field, writing nothing',
      async (_l, body, field) => {
        const before = await countDefenders();
        const res = await request({ method: 'POST', url: D, body });
        expectProblem(res, 400, field);
        expect(await countDefenders()).toBe(before);
      },
    );

    it('names every bad field at once', async () => {
      const res = await request({
        method: 'POST',
        url: D,
        body: { fullName: '', country: 'XX', riskLevel: 'extreme', extra: 1 },
      });
      expectProblem(res, 400);
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      expect(fields).toEqual(new Set(['fullName', 'country', 'riskLevel', 'extra']));
      const extra = res.body.errors.find((e: { field: string }) => e.field === 'extra');
      expect(extra.message).toBe('is not a known field');
    });

    const badRaw: [string, string, Record<string, string>?][] = [
      ['malformed JSON', '{"fullName": "A", "country": "KE"'],
      ['JSON with a trailing comma', '{"fullName": "A", "country": "KE",}'],
      ['single-quoted JSON', "{'fullName': 'A', 'country': 'KE'}"],
      ['an empty body', ''],
      ['a JSON array', '[{"fullName": "A", "country": "KE"}]'],
      ['JSON null', 'null'],
      ['a JSON string', '"A"'],
      ['a JSON number', '42'],
      ['a __proto__ key', '{"fullName":"A","country":"KE","__proto__":{"isAdmin":true}}'],
      [
        'a nested __proto__ key',
        '{"fullName":"A","country":"KE","otherNames":[{"__proto__":{"x":1}}]}',
      ],
      [
        'a constructor.prototype key',
        '{"fullName":"A","country":"KE","constructor":{"prototype":{"x":1}}}',
      ],
      [
        'deeply nested arrays',
        `{"fullName":"A","country":"KE","tags":${'['.repeat(100000)}${']'.repeat(100000)}}`,
      ],
    ];

    it.each(badRaw)('refuses %s with a 400 problem, writing nothing', async (_l, rawBody) => {
      const before = await countDefenders();
      const res = await request({ method: 'POST', url: D, rawBody });
      expectProblem(res, 400);
      expect(await countDefenders()).toBe(before);
    });

    it('refuses a body that is not JSON with a 4xx problem', async () => {
      const before = await countDefenders();
      for (const contentType of ['text/plain', 'application/xml']) {
        const res = await request({
          method: 'POST',
          url: D,
          rawBody: '<defender/>',
          headers: { 'content-type': contentType },
        });
        expect([400, 415]).toContain(res.status);
        expectProblem(res, res.status);
      }
      expect(await countDefenders()).toBe(before);
    });

    it('refuses a body over 1 MB with 413 problem+json, writing nothing', async () => {
      const before = await countDefenders();
      const res = await request({
        method: 'POST',
        url: D,
        rawBody: JSON.stringify({ fullName: 'Big', country: 'KE', story: 'x'.repeat(1_100_000) }),
      });
      expectProblem(res, 413);
      expect(await countDefenders()).toBe(before);
    });

    it('never leaks internals in a problem body', async () => {
      const res = await request({ method: 'POST', url: D, rawBody: '{"fullName":' });
      expectProblem(res, 400);
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|QueryFailedError|SELECT/);
    });
  });

  describe('GET /defenders/:id', () => {
    it('answers in the types generated from the OpenAPI document (clients/witness-api.ts)', async () => {
      const body: RequestBody<'/api/v1/defenders', 'post'> = {
        fullName: 'Typed Client',
        country: 'KE',
        sex: null,
        tags: ['typed'],
      };
      const created = await request({ method: 'POST', url: D, body });
      expect(created.status).toBe(201);
      const made: ResponseBody<'/api/v1/defenders', 'post', 201> = created.body;
      const read = await request({ method: 'GET', url: `${D}/${made.id}` });
      const record: ResponseBody<'/api/v1/defenders/{id}', 'get'> = read.body;
      expect(record).toMatchObject({ fullName: body.fullName, sex: null, tags: ['typed'] });
      expect(record.version).toBe(made.version);
    });

    it('answers 404 problem+json for an unknown id', async () => {
      const res = await request({ method: 'GET', url: `${D}/${MISSING_UUID}` });
      expectProblem(res, 404);
      expect(res.body.type).toBe('urn:witness:problem:not-found');
    });

    it.each([
      ['not-a-uuid'],
      ['123'],
      ['3f2b8c1e-0000-4000-8000-00000000000g'],
      ["1'%20OR%20'1'='1"],
    ])('answers 400 naming id for the bad uuid %s', async (bad) => {
      const res = await request({ method: 'GET', url: `${D}/${bad}` });
      expectProblem(res, 400, 'id');
    });

    it('refuses unknown or bad query parameters', async () => {
      const d = await create();
      expectProblem(await request({ method: 'GET', url: `${D}/${d.id}?x=1` }), 400, 'x');
      expectProblem(
        await request({ method: 'GET', url: `${D}/${d.id}?archived=maybe` }),
        400,
        'archived',
      );
    });
  });

  describe('PATCH /defenders/:id', () => {
    it('needs If-Match: 428 when missing, and nothing changes', async () => {
      const d = await create({ summary: 'original' });
      const before = await row(d.id);
      const res = await patch(d.id, { summary: 'changed' });
      expectProblem(res, 428);
      expect(res.body.type).toBe('urn:witness:problem:precondition-required');
      expect(await row(d.id)).toEqual(before);
    });

    it.each([['abc'], ['"abc"'], ['*'], ['"1", "2"'], ['"-1"']])(
      'answers 400 naming If-Match for the unreadable If-Match %s, and nothing changes',
      async (ifMatch) => {
        const d = await create({ summary: 'original' });
        const before = await row(d.id);
        expectProblem(await patch(d.id, { summary: 'changed' }, ifMatch), 400, 'If-Match');
        expect(await row(d.id)).toEqual(before);
      },
    );

    it('applies a change with the current version, bumping version and ETag', async () => {
      const d = await create({ summary: 'v1', riskLevel: 'low' });
      const res = await patch(d.id, { summary: 'v2', riskLevel: 'critical', country: 'ug' }, '"1"');
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({
        id: d.id,
        summary: 'v2',
        riskLevel: 'critical',
        country: 'UG',
        fullName: 'Test Defender',
        version: 2,
      });
      expect(await row(d.id)).toMatchObject({ summary: 'v2', risk_level: 'critical', version: 2 });

      // A weak ETag of the current version is accepted too.
      const again = await patch(d.id, { summary: 'v3' }, 'W/"2"');
      expect(again.status).toBe(200);
      expect(again.headers.etag).toBe('"3"');

      const read = await request({ method: 'GET', url: `${D}/${d.id}` });
      expect(read.headers.etag).toBe('"3"');
      expect(read.body).toMatchObject({ summary: 'v3', version: 3 });
    });

    it('answers 412 to a stale version, changing nothing in the database', async () => {
      const d = await create({ summary: 'first' });
      expect((await patch(d.id, { summary: 'second' }, '"1"')).status).toBe(200);
      const before = await row(d.id);

      // A second caseworker still holding version 1.
      const stale = await patch(d.id, { summary: 'overwrite', tags: ['lost'] }, '"1"');
      expectProblem(stale, 412);
      expect(stale.body).toMatchObject({
        type: 'urn:witness:problem:precondition-failed',
        currentVersion: 2,
      });
      expect(await row(d.id)).toEqual(before);

      // A version from the future is just as stale.
      expectProblem(await patch(d.id, { summary: 'x' }, '"99"'), 412);
      expect(await row(d.id)).toEqual(before);
    });

    it('clears nullable fields with null', async () => {
      const d = await create({
        sex: 'male',
        summary: 's',
        story: 'st',
        riskLevel: 'high',
        profession: 'Lawyer',
        nationality: 'KE',
        birthYear: 1980,
      });
      const res = await patch(
        d.id,
        {
          sex: null,
          summary: null,
          story: null,
          riskLevel: null,
          profession: null,
          nationality: null,
          birthYear: null,
        },
        '"1"',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        sex: null,
        summary: null,
        story: null,
        riskLevel: null,
        profession: null,
        nationality: null,
        birthYear: null,
        version: 2,
      });
    });

    const badPatches: [string, Record<string, unknown>, string][] = [
      ['fullName null', { fullName: null }, 'fullName'],
      ['country null', { country: null }, 'country'],
      ['fullName blank', { fullName: '   ' }, 'fullName'],
      ['access null', { access: null }, 'access'],
      ['tags null', { tags: null }, 'tags'],
      ['otherNames null', { otherNames: null }, 'otherNames'],
      ['hrdFocus null', { hrdFocus: null }, 'hrdFocus'],
      ['fullName of 201 characters', { fullName: 'x'.repeat(201) }, 'fullName'],
      ['summary of 1,001 characters', { summary: 's'.repeat(1001) }, 'summary'],
      ['story of 50,001 characters', { story: 's'.repeat(50001) }, 'story'],
      ['country XX', { country: 'XX' }, 'country'],
      ['nationality as a number', { nationality: 12 }, 'nationality'],
      ['riskLevel not in the list', { riskLevel: 'none' }, 'riskLevel'],
      ['hrdFocus not in the list', { hrdFocus: ['hacker'] }, 'hrdFocus'],
      ['birthDate in the future', { birthDate: '2030-01-01' }, 'birthDate'],
      ['birthDate 2025-02-30', { birthDate: '2025-02-30' }, 'birthDate'],
      ['birthDate before 1900', { birthDate: '1850-01-01' }, 'birthDate'],
      ['an unknown field', { nickname: 'x' }, 'nickname'],
      ['read-only status', { status: 'released' }, 'status'],
      ['read-only detainedSince', { detainedSince: '2020-01-01' }, 'detainedSince'],
      ['read-only archivedAt', { archivedAt: null }, 'archivedAt'],
    ];

    it.each(badPatches)(
      'refuses %s with a 400 naming the field, changing nothing',
      async (_l, body, field) => {
        const d = await create({ summary: 'kept', tags: ['kept'] });
        const before = await row(d.id);
        expectProblem(await patch(d.id, body, '"1"'), 400, field);
        expect(await row(d.id)).toEqual(before);
      },
    );

    it('refuses malformed JSON and __proto__ keys, changing nothing', async () => {
      const d = await create();
      const before = await row(d.id);
      for (const rawBody of [
        '{"summary": ',
        '{"summary":"x","__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
      ]) {
        const res = await request({
          method: 'PATCH',
          url: `${D}/${d.id}`,
          rawBody,
          headers: { 'if-match': '"1"' },
        });
        expectProblem(res, 400);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await row(d.id)).toEqual(before);
    });

    it('answers 404 for an unknown id and 400 naming id for a bad uuid', async () => {
      expectProblem(await patch(MISSING_UUID, { summary: 'x' }, '"1"'), 404);
      expectProblem(await patch('nope', { summary: 'x' }, '"1"'), 400, 'id');
    });
  });

  describe('DELETE /defenders/:id (archive)', () => {
    it('archives: hidden from reads and lists unless archived=true, never erased', async () => {
      const d = await create({ fullName: 'Archive Me', tags: ['archive-test'] });
      const before = await countDefenders();
      const del = await request({ method: 'DELETE', url: `${D}/${d.id}` });
      expect(del.status).toBe(204);
      expect(del.text).toBe('');
      expect(await countDefenders()).toBe(before);
      const stored = await row(d.id);
      expect(stored.archived_at).toBeInstanceOf(Date);
      expect((stored.archived_at as Date).toISOString()).toBe(`${TODAY}T10:00:00.000Z`);

      expectProblem(await request({ method: 'GET', url: `${D}/${d.id}` }), 404);
      const archived = await request({ method: 'GET', url: `${D}/${d.id}?archived=true` });
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({
        id: d.id,
        fullName: 'Archive Me',
        archivedAt: `${TODAY}T10:00:00.000Z`,
      });
      expect(archived.headers.etag).toBe(`"${archived.body.version}"`);
      const explicitFalse = await request({
        method: 'GET',
        url: `${D}/${d.id}?archived=false`,
      });
      expectProblem(explicitFalse, 404);

      const hidden = await request({ method: 'GET', url: `${D}?tag=archive-test` });
      expect(hidden.body.data).toEqual([]);
      const shown = await request({
        method: 'GET',
        url: `${D}?tag=archive-test&archived=true`,
      });
      expect(shown.body.data.map((x: { id: string }) => x.id)).toEqual([d.id]);

      // An archived record cannot be edited or archived again.
      expectProblem(await patch(d.id, { summary: 'x' }, `"${archived.body.version}"`), 404);
      expectProblem(await request({ method: 'DELETE', url: `${D}/${d.id}` }), 404);
    });

    it('answers 404 for an unknown id and 400 naming id for a bad uuid', async () => {
      expectProblem(await request({ method: 'DELETE', url: `${D}/${MISSING_UUID}` }), 404);
      expectProblem(await request({ method: 'DELETE', url: `${D}/xyz` }), 400, 'id');
    });
  });
});
