import { createHash } from 'node:crypto';
import { DEFENDER_TEMPLATE_COLUMNS } from '@witness/domain';
import { AuditService } from '@witness/platform';
import { parse } from 'csv-parse/sync';
import { startApi, type TestApi, type TestResponse } from './support/api';
import { createStaff, type TestUser } from './support/users';

/**
 * Bulk import of case records from CSV through the real api: the same rules as POST
 * /defenders, every problem by line and column, dry runs, all-or-nothing writes, the audit
 * trail (still a valid hash chain after 10,000 rows), search, limits and roles.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

const URL = '/api/v1/imports/defenders';
/** Small enough to test 413 cheaply, large enough for the 10,000-row file. */
const MAX_BYTES = 3 * 1024 * 1024;
const MAX_ROWS = 10_000;

const HEADER =
  'fullName,otherNames,sex,birthDate,country,profession,hrdFocus,riskLevel,access,tags';

describe('defender import', () => {
  let api: TestApi;
  let staff: Staff;

  const post = async (
    user: TestUser | null,
    body: string | Buffer,
    options: { query?: string; contentType?: string } = {},
  ): Promise<TestResponse> => {
    const res = await api.app.inject({
      method: 'POST',
      url: `${URL}${options.query ?? ''}`,
      payload: body,
      headers: {
        'content-type': options.contentType ?? 'text/csv',
        ...(user ? { authorization: `Bearer ${user.token}` } : {}),
      },
    });
    const json = /json/.test(String(res.headers['content-type'] ?? ''));
    return {
      status: res.statusCode,
      headers: res.headers,
      body: json && res.body ? JSON.parse(res.body) : undefined,
      text: res.body,
    };
  };

  const counts = async () => {
    const [row] = await api.db.query(
      `SELECT (SELECT count(*)::int FROM defenders) AS defenders,
              (SELECT count(*)::int FROM audit_events) AS audit,
              (SELECT count(*)::int FROM milestones) AS milestones`,
    );
    return row as { defenders: number; audit: number; milestones: number };
  };

  /** The places of a 422's problems as `line:column` (column or "-"), each once. */
  const problemKeys = (res: TestResponse): string[] => [
    ...new Set(
      (res.body.errors as { line: number; column: string | null }[]).map(
        (e) => `${e.line}:${e.column ?? '-'}`,
      ),
    ),
  ];

  beforeAll(async () => {
    api = await startApi({
      now: '2026-06-15T10:00:00Z',
      env: { IMPORT_MAX_BYTES: String(MAX_BYTES), IMPORT_MAX_ROWS: String(MAX_ROWS) },
    });
    staff = await createStaff(api);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('imports rows with accents, non-Latin scripts and list columns, each as POST /defenders would create it', async () => {
    const csv =
      `${HEADER}\r\n` +
      `José Núñez,"Хосе Нуньес;José N.",male,1985-03-02,es,Lawyer,lawyer;pro_democracy,high,standard,group:madrid;2024\r\n` +
      `أمينة حداد,Amina Haddad,female,,EG,Journalist,journalist,,restricted,\r\n` +
      `"Zhang Wei, 张伟",,,,CN,,,critical,,"students;"\r\n`;
    const before = await counts();
    const res = await post(staff.coordinator, csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dryRun: false, rows: 3, imported: 3 });
    const ids = res.body.ids as string[];
    expect(new Set(ids).size).toBe(3);
    expect(res.body.sha256).toBe(createHash('sha256').update(csv).digest('hex'));

    const read = async (id: string) =>
      (await staff.coordinator.request({ method: 'GET', url: `/api/v1/defenders/${id}` })).body;
    expect(await read(ids[0])).toMatchObject({
      fullName: 'José Núñez',
      otherNames: ['Хосе Нуньес', 'José N.'],
      sex: 'male',
      birthDate: '1985-03-02',
      birthYear: 1985,
      country: 'ES',
      profession: 'Lawyer',
      hrdFocus: ['lawyer', 'pro_democracy'],
      riskLevel: 'high',
      access: 'standard',
      tags: ['group:madrid', '2024'],
      status: 'unknown',
      contacts: [],
      confidentialNotes: null,
    });
    expect(await read(ids[1])).toMatchObject({
      fullName: 'أمينة حداد',
      otherNames: ['Amina Haddad'],
      birthDate: null,
      access: 'restricted',
    });
    expect(await read(ids[2])).toMatchObject({
      fullName: 'Zhang Wei, 张伟',
      otherNames: [],
      sex: null,
      riskLevel: 'critical',
      access: 'standard',
      tags: ['students'],
    });

    // Need-to-know applies at once: the restricted record does not exist for a caseworker.
    expect(
      (await staff.caseworker.request({ method: 'GET', url: `/api/v1/defenders/${ids[1]}` }))
        .status,
    ).toBe(404);

    // One import event, and a create event per record, as DefendersService.create writes it.
    const after = await counts();
    expect(after.defenders - before.defenders).toBe(3);
    const events = await api.db.query(
      `SELECT action, entity_id, subject_id, actor_id, changes FROM audit_events
        WHERE id > (SELECT max(id) - 10 FROM audit_events) AND action IN ('defender.import', 'defender.create')
        ORDER BY id`,
    );
    const imports = events.filter((e: { action: string }) => e.action === 'defender.import');
    expect(imports).toEqual([
      expect.objectContaining({
        actor_id: staff.coordinator.id,
        entity_id: res.body.sha256,
        changes: { rows: 3, sha256: res.body.sha256, bytes: Buffer.byteLength(csv), dryRun: false },
      }),
    ]);
    const created = events.filter((e: { action: string }) => e.action === 'defender.create');
    expect(created.map((e: { subject_id: string }) => e.subject_id)).toEqual(ids);
    expect(created[0].changes).toMatchObject({
      fullName: { from: null, to: 'José Núñez' },
      country: { from: null, to: 'ES' },
      birthYear: { from: null, to: 1985 },
    });

    // The profile review is the one a record made through the API gets.
    const single = await staff.coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Reference Record', country: 'KE' },
    });
    const reviews = await api.db.query(
      `SELECT defender_id, kind, title, due_at, all_day, remind_before, status, version
         FROM milestones WHERE source = 'profile_review' AND defender_id = ANY($1::uuid[])`,
      [[...ids, single.body.id]],
    );
    expect(reviews).toHaveLength(4);
    const shape = ({ defender_id: _d, ...rest }: Record<string, unknown>) => rest;
    const reference = shape(
      reviews.find((r: { defender_id: string }) => r.defender_id === single.body.id),
    );
    for (const r of reviews) expect(shape(r)).toEqual(reference);
  });

  it('serves a template whose header is the column catalogue; without its example row it imports', async () => {
    for (const user of [staff.viewer, staff.caseworker, staff.admin]) {
      const res = await user.request({ method: 'GET', url: `${URL}/template.csv` });
      expect(res.status).toBe(200);
    }
    const res = await staff.coordinator.request({ method: 'GET', url: `${URL}/template.csv` });
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
    const [header, example, ...rest] = parse(res.text, { bom: true }) as string[][];
    expect(header).toEqual(DEFENDER_TEMPLATE_COLUMNS.map((c) => c.name));
    expect(header).not.toContain('contacts');
    expect(header).not.toContain('confidentialNotes');
    expect(example[header.indexOf('fullName')]).toBe('Example Name');
    expect(rest).toEqual([]);

    // The example row is valid as it stands (a dry run accepts it)...
    const dry = await post(staff.coordinator, res.text, { query: '?dryRun=true' });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ dryRun: true, rows: 1, valid: 1, errors: [] });

    // ...and the template with the example replaced by real rows imports.
    const lines = res.text.split('\r\n');
    const filled = [
      lines[0],
      header.map((h) => ({ fullName: 'Template Person One', country: 'TR' })[h] ?? '').join(','),
      header
        .map((h) => ({ fullName: 'Template Person Two', country: 'TR', tags: 'a;b' })[h] ?? '')
        .join(','),
      '',
    ].join('\r\n');
    const imported = await post(staff.coordinator, filled);
    expect(imported.status).toBe(201);
    expect(imported.body.imported).toBe(2);
    const listed = await staff.coordinator.request({
      method: 'GET',
      url: '/api/v1/defenders?q=template%20person',
    });
    expect(listed.body.data.map((d: { fullName: string }) => d.fullName).sort()).toEqual([
      'Template Person One',
      'Template Person Two',
    ]);
  });

  it('a dry run checks every row and writes nothing', async () => {
    const csv = `${HEADER}\n${['Dry One', 'Dry Two', 'Dry Three'].map((n) => `${n},,,,KE,,,,,`).join('\n')}\n`;
    const before = await counts();
    const res = await post(staff.admin, csv, { query: '?dryRun=true' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dryRun: true, rows: 3, valid: 3, errors: [] });
    expect(await counts()).toEqual(before);

    const bad = await post(staff.admin, `${csv}Dry Four,,,,XX,,,,,\n`, { query: '?dryRun=true' });
    expect(bad.status).toBe(422);
    expect(problemKeys(bad)).toEqual(['5:country']);
    expect(await counts()).toEqual(before);
  });

  it('reports every problem by line and column, with the API rules, and writes nothing', async () => {
    const long = 'x'.repeat(201);
    const csv = [
      'fullName,sex,birthDate,birthYear,country,profession,hrdFocus,tags,story', // 1
      'Good Row,,,,KE,,,,', // 2
      'Wrong Enum,woman,,,KE,,,,', // 3
      'Bad Date,,1988-02-30,,KE,,,,', // 4
      ',,,,KE,,,,', // 5: fullName missing
      'Too Long,,,,KE,' + long + ',,,', // 6
      'Story Person,,,,KE,,,,"a story', // 7
      'over three', // 8
      'lines"', // 9
      'Bad Focus,,,,KE,,"journalist;astronaut",,', // 10
      'Future Birth,,2030-01-01,,KE,,,,', // 11
      'Disagreeing Years,,1990-05-05,1991,KE,,,,', // 12
      'Good Row,,,,ke,,,,', // 13: duplicate of line 2
      'Bad Tag,,,,KE,,,"ok;<script>",', // 14
      'Not A Year,,,nineteen,KE,,,,', // 15
      'No Country,,,,,,,,', // 16
    ].join('\r\n');
    const before = await counts();
    const res = await post(staff.coordinator, `${csv}\r\n`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:witness:problem:import-invalid',
      status: 422,
      errorCount: res.body.errors.length,
      moreErrors: false,
    });
    expect(problemKeys(res)).toEqual([
      '3:sex',
      '4:birthDate',
      '5:fullName',
      '6:profession',
      '10:hrdFocus',
      '11:birthDate',
      '12:birthYear',
      '13:fullName',
      '14:tags',
      '15:birthYear',
      '16:country',
    ]);
    const message = (line: number) =>
      res.body.errors.find((e: { line: number }) => e.line === line).message as string;
    expect(message(5)).toBe('is required');
    expect(message(13)).toMatch(/duplicates line 2/);
    expect(message(11)).toMatch(/future/);
    expect(res.body.errors[0]).toEqual({
      line: 3,
      column: 'sex',
      field: 'sex',
      message: expect.stringMatching(/female, male/),
    });
    expect(await counts()).toEqual(before);

    const unknown = await post(staff.coordinator, 'fullName,country,contacts,Nickname\nA,KE,x,y\n');
    expect(unknown.status).toBe(422);
    expect(problemKeys(unknown)).toEqual(['1:contacts', '1:Nickname']);
    const missing = await post(staff.coordinator, 'fullName,profession\nA,Lawyer\n');
    expect(problemKeys(missing)).toEqual(['1:country']);
    const nul = await post(staff.coordinator, 'fullName,country\nA\u0000B,KE\n');
    expect(problemKeys(nul)).toEqual(['2:fullName']);
    expect(await counts()).toEqual(before);
  });

  it('reports bad encoding, empty files and broken quoting by line', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('fullName,country\nAna,PT\nJo'),
      Buffer.from([0xe3, 0x6f]), // "ão" in Latin-1
      Buffer.from(',PT\n'),
    ]);
    const encoding = await post(staff.coordinator, latin1);
    expect(encoding.status).toBe(422);
    expect(problemKeys(encoding)).toEqual(['3:-']);
    expect(encoding.body.errors[0].message).toMatch(/UTF-8/);

    for (const empty of ['', '\ufeff', '\r\n\r\n']) {
      const res = await post(staff.coordinator, empty);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { line: 1, column: null, field: 'file', message: 'the file is empty' },
      ]);
    }
    const headerOnly = await post(staff.coordinator, '\ufefffullName,country\r\n');
    expect(problemKeys(headerOnly)).toEqual(['2:-']);

    const unclosed = await post(staff.coordinator, 'fullName,country\nA,KE\n"B,KE\nC,KE\n');
    expect(problemKeys(unclosed)).toEqual(['3:fullName']);
  });

  it('is all or nothing: one bad row among many, or a failure while writing, leaves no trace', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `Atomic Person ${i},,,,KE,,,,,`);
    rows[1234] = 'Atomic Person 1234,,,,KE,,,,,nope<>';
    const before = await counts();
    const res = await post(staff.coordinator, `${HEADER}\n${rows.join('\n')}\n`);
    expect(res.status).toBe(422);
    expect(problemKeys(res)).toEqual([`${1234 + 2}:tags`]);
    expect(await counts()).toEqual(before);

    // A row that fails in the database after 1,000 rows were inserted rolls everything back.
    rows[1234] = 'Fail Midway,,,,KE,,,,,';
    await api.db.query(`
      CREATE FUNCTION test_fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.full_name = 'Fail Midway' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`);
    await api.db.query(`
      CREATE TRIGGER test_fail_midway BEFORE INSERT ON defenders
        FOR EACH ROW EXECUTE FUNCTION test_fail_midway()`);
    try {
      const failed = await post(staff.coordinator, `${HEADER}\n${rows.join('\n')}\n`);
      expect(failed.status).toBe(500);
    } finally {
      await api.db.query(`DROP TRIGGER test_fail_midway ON defenders`);
      await api.db.query(`DROP FUNCTION test_fail_midway()`);
    }
    expect(await counts()).toEqual(before);
    expect(await api.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });

  it('imports 10,000 rows in one go; the audit chain verifies and search finds them', async () => {
    const countries = ['EG', 'KE', 'TR', 'IR', 'BY'];
    const rows = Array.from(
      { length: 10_000 },
      (_, i) =>
        `Défenseur Numéro ${i},,,,${countries[i % 5]},Enseignant,student,medium,,bulk;batch-${i % 7}`,
    );
    rows[4321] =
      'Zoé Núñez-Ortiz,Зоя Нуньес,female,1990-01-01,CO,Periodista,journalist,high,restricted,bulk';
    const csv = `${HEADER}\n${rows.join('\n')}\n`;
    const before = await counts();
    const res = await post(staff.coordinator, csv);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(10_000);
    const after = await counts();
    expect(after.defenders - before.defenders).toBe(10_000);
    expect(after.audit - before.audit).toBe(10_001);
    expect(after.milestones - before.milestones).toBe(10_000);
    expect(await api.app.get(AuditService).verify()).toMatchObject({ ok: true });

    // Found without accents, in the list; restricted, so only for those who may see it.
    const search = await staff.coordinator.request({
      method: 'GET',
      url: '/api/v1/defenders?q=zoe%20nunez',
    });
    expect(search.body.data.map((d: { id: string }) => d.id)).toEqual([res.body.ids[4321]]);
    const hidden = await staff.caseworker.request({
      method: 'GET',
      url: '/api/v1/defenders?q=zoe%20nunez',
    });
    expect(hidden.body.data).toEqual([]);
    const tagged = await staff.viewer.request({
      method: 'GET',
      url: '/api/v1/defenders?tag=batch-3&country=KE&limit=200',
    });
    // Rows i with i % 7 = 3 and i % 5 = 1: i = 31 (mod 35); 286 of them below 10,000.
    const expected = Array.from({ length: 10_000 }, (_, i) => i).filter(
      (i) => i % 7 === 3 && i % 5 === 1 && i !== 4321,
    ).length;
    let seen = tagged.body.data.length;
    let cursor = tagged.body.nextCursor as string | null;
    while (cursor) {
      const next = await staff.viewer.request({
        method: 'GET',
        url: `/api/v1/defenders?tag=batch-3&country=KE&limit=200&cursor=${encodeURIComponent(cursor)}`,
      });
      seen += next.body.data.length;
      cursor = next.body.nextCursor;
    }
    expect(seen).toBe(expected);
  }, 120_000);

  it('refuses more rows than IMPORT_MAX_ROWS, naming the first row too many', async () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `Limit Person ${i},KE`);
    const before = await counts();
    const res = await post(staff.coordinator, `fullName,country\n${rows.join('\n')}\n`, {
      query: '?dryRun=true',
    });
    expect(res.status).toBe(422);
    expect(problemKeys(res)).toEqual([`${MAX_ROWS + 2}:-`]);
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('refuses other content types (415), charsets other than UTF-8 (415) and files too large (413)', async () => {
    const json = await staff.coordinator.request({
      method: 'POST',
      url: URL,
      body: { fullName: 'A', country: 'KE' },
    });
    expect(json.status).toBe(415);
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(json.body.detail).toMatch(/text\/csv/);

    const latin = await post(staff.coordinator, 'fullName,country\nA,KE\n', {
      contentType: 'text/csv; charset=iso-8859-1',
    });
    expect(latin.status).toBe(415);
    const utf8 = await post(staff.coordinator, 'fullName,country\nCharset Person,KE\n', {
      contentType: 'text/csv; charset=UTF-8',
      query: '?dryRun=true',
    });
    expect(utf8.status).toBe(200);

    const before = await counts();
    const big = `fullName,country\n${'Big Person,KE\n'.repeat(Math.ceil(MAX_BYTES / 14) + 1)}`;
    const tooLarge = await post(staff.coordinator, big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await counts()).toEqual(before);

    // CSV is a body only the import takes.
    const other = await api.app.inject({
      method: 'POST',
      url: '/api/v1/defenders',
      payload: 'fullName,country\nA,KE\n',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${staff.coordinator.token}` },
    });
    expect(other.statusCode).toBe(415);

    const badQuery = await post(staff.coordinator, 'fullName,country\nA,KE\n', {
      query: '?dryRun=maybe&force=1',
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'dryRun',
      'force',
    ]);
  });

  it('is for coordinators and admins only', async () => {
    const csv = 'fullName,country\nRole Person,KE\n';
    const before = (await counts()).defenders;
    expect((await post(staff.caseworker, csv)).status).toBe(403);
    expect((await post(staff.viewer, csv)).status).toBe(403);
    expect((await post(null, csv)).status).toBe(401);
    expect(
      (await api.request({ method: 'GET', url: `${URL}/template.csv`, anonymous: true })).status,
    ).toBe(401);
    expect((await counts()).defenders).toBe(before);
    expect((await post(staff.admin, csv)).status).toBe(201);
    expect((await counts()).defenders).toBe(before + 1);
  });

  it('refuses the same file twice (a double submit, or a retry after a timeout)', async () => {
    const csv = 'fullName,country\nOnce Only,KE\n';
    expect((await post(staff.coordinator, csv)).status).toBe(201);
    const before = await counts();
    const again = await post(staff.admin, csv);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/imported already/);
    expect(again.body.importedAt).toBe('2026-06-15T10:00:00.000Z');
    expect(await counts()).toEqual(before);
    // A changed file is a new import.
    expect((await post(staff.coordinator, `${csv}Once More,KE\n`)).status).toBe(201);
  });
});
