import { parse } from 'csv-parse/sync';
import { ENCRYPTED_COLUMNS } from '@witness/domain';
import { startApi, type TestApi } from './support/api';
import { createStaff, createUser, type TestUser } from './support/users';

/**
 * Exports of case records through the real api: the same records and values as the list for
 * the same filters (CSV and JSON), streamed over several pages, need-to-know, never the
 * encrypted fields, spreadsheet-safe cells, the audit trail, bad filters and roles.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
type Record_ = Record<string, unknown>;

const D = '/api/v1/defenders';
const X = '/api/v1/exports/defenders';
const TODAY = '2026-06-15';
const IMPORTED = 2500;

/** Written into the encrypted fields; must never appear in an export. */
const CANARY_CONTACT = 'Canary-Contact-Nadia';
const CANARY_PHONE = '+20 100 999 4242';
const CANARY_NOTES = 'Canary-Notes-meets-at-the-old-mill';
const CANARY_ADDRESS = 'Canary-Address 12 Old Mill Lane';

const FORMULA_NAMES = ['=1+2 Formula', '+Plus Person', '-Minus Person', '@At Person'];
const LISTS = new Set(['otherNames', 'hrdFocus', 'tags', 'nationalities']);
const NUMBERS = new Set(['birthYear', 'daysDetained', 'totalDaysDetained', 'version']);

describe('defender export', () => {
  let api: TestApi;
  let staff: Staff;
  /** A caseworker assigned to no case. */
  let outsider: TestUser;
  let restrictedId: string;
  let detainedId: string;
  let archivedId: string;
  const formulaIds: string[] = [];

  const exportAs = async (user: TestUser, query = '', headers: Record<string, string> = {}) => {
    const res = await api.app.inject({
      method: 'GET',
      url: `${X}${query}`,
      headers: { authorization: `Bearer ${user.token}`, ...headers },
    });
    return { status: res.statusCode, headers: res.headers, text: res.body };
  };

  /** Every page of the list for the same filters. */
  const listAll = async (user: TestUser, query = ''): Promise<Record_[]> => {
    const out: Record_[] = [];
    let cursor: string | null = null;
    do {
      const sep = query ? '&' : '?';
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await user.request({ method: 'GET', url: `${D}${query}${sep}limit=200${after}` });
      expect(res.status).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };

  /** A CSV export read back into typed records (lists split, numbers, empty = null). */
  const readCsv = (text: string): Record_[] => {
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, raw]) => {
          const v = /^'[=+\-@]/.test(raw) ? raw.slice(1) : raw;
          if (LISTS.has(k)) return [k, v ? v.split(';') : []];
          if (v === '') return [k, null];
          if (NUMBERS.has(k)) return [k, Number(v)];
          return [k, v];
        }),
      ),
    );
  };

  const withoutStory = ({ story: _s, ...rest }: Record_) => rest;

  beforeAll(async () => {
    api = await startApi({ now: `${TODAY}T10:00:00Z` });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Unassigned Caseworker');

    // Many records through the import: every 10th restricted, five countries.
    const countries = ['EG', 'KE', 'TR', 'IR', 'BY'];
    const rows = Array.from(
      { length: IMPORTED },
      (_, i) =>
        `Exported Person ${i},${countries[i % 5]},${1950 + (i % 60)},${i % 10 === 0 ? 'restricted' : 'standard'},bulk;n${i % 3},"Story ${i}, with a comma"`,
    );
    const imported = await api.app.inject({
      method: 'POST',
      url: '/api/v1/imports/defenders',
      payload: `fullName,country,birthYear,access,tags,story\n${rows.join('\n')}\n`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${staff.coordinator.token}` },
    });
    expect(imported.statusCode).toBe(201);

    const create = async (body: Record_) => {
      const res = await staff.coordinator.request({ method: 'POST', url: D, body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const sensitive = {
      contacts: [{ name: CANARY_CONTACT, relation: 'family', phone: CANARY_PHONE }],
      confidentialNotes: CANARY_NOTES,
      usualAddress: CANARY_ADDRESS,
    };
    for (const fullName of FORMULA_NAMES) {
      formulaIds.push(
        await create({
          fullName,
          country: 'EG',
          birthYear: 1990,
          otherNames: ['-minus', 'ok'],
          ...sensitive,
        }),
      );
    }
    restrictedId = await create({
      fullName: 'Assigned Restricted',
      country: 'EG',
      access: 'restricted',
      ...sensitive,
    });
    const assign = await staff.coordinator.request({
      method: 'POST',
      url: `${D}/${restrictedId}/assignees`,
      body: { userId: staff.caseworker.id },
    });
    expect(assign.status).toBe(201);
    detainedId = await create({ fullName: 'Detained Person', country: 'EG', ...sensitive });
    const event = await staff.coordinator.request({
      method: 'POST',
      url: `${D}/${detainedId}/events`,
      body: { type: 'arrest', occurredOn: '2026-06-01' },
    });
    expect(event.status).toBe(201);
    archivedId = await create({ fullName: 'Archived Person', country: 'EG' });
    expect(
      (await staff.coordinator.request({ method: 'DELETE', url: `${D}/${archivedId}` })).status,
    ).toBe(204);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('exports what the list shows for the same filters, as CSV and as JSON', async () => {
    for (const query of [
      '?country=EG',
      '?country=EG&archived=true',
      '?q=exported%20person%2012',
      '?tag=n1&country=KE',
    ]) {
      const listed = await listAll(staff.coordinator, query);
      expect(listed.length).toBeGreaterThan(0);
      const sep = query ? '&' : '?';

      const csv = await exportAs(staff.coordinator, `${query}${sep}format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers['content-disposition']).toBe(
        `attachment; filename="witness-defenders-${TODAY}.csv"`,
      );
      const fromCsv = readCsv(csv.text);

      const json = await exportAs(staff.coordinator, `${query}${sep}format=json`);
      expect(json.status).toBe(200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      expect(json.headers['content-disposition']).toBe(
        `attachment; filename="witness-defenders-${TODAY}.json"`,
      );
      const fromJson = JSON.parse(json.text) as Record_[];

      // The same cases, each with the values the list shows: the list carries a list's
      // fields, the export the whole record (as the detail route, the story included).
      const byId = (rows: Record_[]) =>
        Object.fromEntries(rows.map((r) => [r.id as string, withoutStory(r)]));
      const ids = (rows: Record_[]) => rows.map((r) => r.id as string).sort();
      expect(ids(fromJson)).toEqual(ids(listed));
      expect(ids(fromCsv)).toEqual(ids(listed));
      const jsonById = byId(fromJson);
      const csvById = byId(fromCsv);
      for (const item of listed) {
        expect(jsonById[item.id as string]).toMatchObject(item);
        expect(csvById[item.id as string]).toMatchObject(item);
      }
      // The CSV has every nationality in `nationalities`, not the older one-nationality alias.
      expect(fromCsv.every((r) => !('nationality' in r))).toBe(true);
      expect(Number(csv.headers['x-total-count'])).toBe(listed.length);
    }
    // Archived only when asked for, as in the list.
    const eg = readCsv((await exportAs(staff.coordinator, '?country=EG')).text);
    expect(eg.map((r) => r.id)).not.toContain(archivedId);
    const egAll = readCsv((await exportAs(staff.coordinator, '?country=EG&archived=true')).text);
    expect(egAll.map((r) => r.id)).toContain(archivedId);
  });

  it('streams every record over several pages, newest first like the list, with the derived fields', async () => {
    const listed = await listAll(staff.coordinator);
    expect(listed.length).toBe(IMPORTED + FORMULA_NAMES.length + 2);
    const csv = readCsv((await exportAs(staff.coordinator)).text);
    expect(csv.map((r) => r.id)).toEqual(listed.map((r) => r.id));
    const json = JSON.parse((await exportAs(staff.coordinator, '?format=json')).text) as Record_[];
    expect(json.map((r) => r.id)).toEqual(listed.map((r) => r.id));

    const detained = json.find((r) => r.id === detainedId)!;
    expect(detained).toMatchObject({
      status: 'detained',
      detainedSince: '2026-06-01',
      daysDetained: 14,
    });
    expect(csv.find((r) => r.id === detainedId)).toMatchObject({ daysDetained: 14 });
    const story = json.find((r) => r.fullName === 'Exported Person 7')!;
    expect(story.story).toBe('Story 7, with a comma');
    expect(csv.find((r) => r.id === story.id)!.story).toBe('Story 7, with a comma');
  });

  it('follows need-to-know: restricted records only for those who may see them', async () => {
    const ids = async (user: TestUser) =>
      new Set(readCsv((await exportAs(user)).text).map((r) => r.id as string));
    const restrictedImported = (await listAll(staff.coordinator, '?tag=bulk'))
      .filter((r) => r.access === 'restricted')
      .map((r) => r.id as string);
    expect(restrictedImported).toHaveLength(IMPORTED / 10);

    const coordinator = await ids(staff.coordinator);
    const assigned = await ids(staff.caseworker);
    const unassigned = await ids(outsider);
    for (const id of [...restrictedImported, restrictedId]) expect(coordinator.has(id)).toBe(true);
    expect(assigned.has(restrictedId)).toBe(true);
    expect(unassigned.has(restrictedId)).toBe(false);
    for (const id of restrictedImported) {
      expect(assigned.has(id)).toBe(false);
      expect(unassigned.has(id)).toBe(false);
    }
    // The same records as the list shows each of them.
    expect(unassigned).toEqual(new Set((await listAll(outsider)).map((r) => r.id)));
    expect(assigned).toEqual(new Set((await listAll(staff.caseworker)).map((r) => r.id)));
  });

  it('never carries an encrypted field of the case record, in clear or as ciphertext', async () => {
    // They are there, for a single read by someone allowed.
    const one = await staff.coordinator.request({ method: 'GET', url: `${D}/${restrictedId}` });
    expect(JSON.stringify(one.body)).toContain(CANARY_CONTACT);
    // Every encrypted column of the defenders table, by column, property and field name.
    const encryptedNames = ENCRYPTED_COLUMNS.filter((c) => c.table === 'defenders').flatMap((c) => [
      c.column,
      c.property,
      c.property.replace(/Enc$/, ''),
    ]);
    expect(encryptedNames).toEqual(expect.arrayContaining(['contacts', 'confidentialNotes']));

    for (const user of [staff.coordinator, staff.admin, staff.caseworker]) {
      for (const format of ['csv', 'json']) {
        const res = await exportAs(user, `?format=${format}&country=EG`);
        expect(res.status).toBe(200);
        for (const canary of [
          CANARY_CONTACT,
          CANARY_PHONE,
          CANARY_NOTES,
          CANARY_ADDRESS,
          ...encryptedNames,
          'v1.dev.',
        ]) {
          expect(res.text).not.toContain(canary);
        }
      }
    }
  });

  it('writes cells a spreadsheet would run as formulas as text, keeps numbers numbers, and re-imports them', async () => {
    const res = await exportAs(staff.coordinator, '?country=EG');
    const raw = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    const rows = raw.filter((r) => formulaIds.includes(r.id));
    expect(rows.map((r) => r.fullName).sort()).toEqual(FORMULA_NAMES.map((n) => `'${n}`).sort());
    for (const r of rows) {
      expect(r.birthYear).toBe('1990');
      expect(r.otherNames).toBe("'-minus;ok");
    }
    const detained = raw.find((r) => r.id === detainedId)!;
    expect(detained.daysDetained).toBe('14');
    const json = JSON.parse((await exportAs(staff.coordinator, '?country=EG&format=json')).text);
    expect(
      json
        .filter((r: Record_) => formulaIds.includes(r.id as string))
        .map((r: Record_) => r.fullName)
        .sort(),
    ).toEqual([...FORMULA_NAMES].sort());

    // Back in through the import (the importable columns of the export), names unchanged.
    const columns = ['fullName', 'country', 'birthYear', 'otherNames'];
    const lines = res.text.replace(/^\ufeff/, '').split('\r\n');
    const header = parse(lines[0])[0] as string[];
    const picked = rows.map((r) =>
      columns.map((c) => {
        const cell = r[c];
        return /[",;\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
      }),
    );
    expect(header).toEqual(expect.arrayContaining(columns));
    const again = await api.app.inject({
      method: 'POST',
      url: '/api/v1/imports/defenders',
      payload: `${columns.join(',')}\r\n${picked.map((p) => p.join(',')).join('\r\n')}\r\n`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${staff.coordinator.token}` },
    });
    expect(again.statusCode).toBe(201);
    for (const id of JSON.parse(again.body).ids as string[]) {
      const d = (await staff.coordinator.request({ method: 'GET', url: `${D}/${id}` })).body;
      expect(FORMULA_NAMES).toContain(d.fullName);
      expect(d.otherNames).toEqual(['-minus', 'ok']);
      expect(d.birthYear).toBe(1990);
    }
  });

  it('records each export in the audit trail, with the reads of restricted records', async () => {
    const before: number = (await api.db.query(`SELECT max(id)::int AS id FROM audit_events`))[0]
      .id;
    const res = await exportAs(staff.admin, '?country=EG&format=json');
    const exported = JSON.parse(res.text) as Record_[];
    const events = await api.db.query(
      `SELECT action, actor_id, entity_id, subject_id, changes FROM audit_events WHERE id > $1 ORDER BY id`,
      [before],
    );
    expect(events[0]).toMatchObject({
      action: 'defender.export',
      actor_id: staff.admin.id,
      changes: { format: 'json', filters: { country: 'EG' }, rows: exported.length },
    });
    const restricted = exported
      .filter((r) => r.access === 'restricted')
      .map((r) => r.id)
      .sort();
    expect(restricted.length).toBeGreaterThan(1);
    const reads = events.filter((e: Record_) => e.action === 'defender.read_restricted');
    expect(reads.map((e: Record_) => e.subject_id).sort()).toEqual(restricted);
    expect(reads[0].changes).toEqual({ via: 'export' });
    expect(events).toHaveLength(1 + restricted.length);
  });

  it('chooses the format from the Accept header when none is given', async () => {
    const json = await exportAs(staff.caseworker, '?country=TR', { accept: 'application/json' });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(Array.isArray(JSON.parse(json.text))).toBe(true);
    const csv = await exportAs(staff.caseworker, '?country=TR', { accept: 'text/csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const neither = await exportAs(staff.caseworker, '?country=TR', { accept: '*/*' });
    expect(neither.headers['content-type']).toMatch(/^text\/csv/);
    // An explicit format wins over Accept.
    const explicit = await exportAs(staff.caseworker, '?country=TR&format=json', {
      accept: 'text/csv',
    });
    expect(explicit.headers['content-type']).toMatch(/^application\/json/);
    // Empty results are still well-formed.
    const none = await exportAs(staff.caseworker, '?country=FR&format=json');
    expect(JSON.parse(none.text)).toEqual([]);
    const noneCsv = readCsv((await exportAs(staff.caseworker, '?country=FR')).text);
    expect(noneCsv).toEqual([]);
  });

  it('refuses bad filters with a 400 naming the field, and writes no audit event', async () => {
    const before: number = (await api.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
    const cases: [string, string][] = [
      ['?country=ZZ', 'country'],
      ['?status=jailed', 'status'],
      ['?riskLevel=extreme', 'riskLevel'],
      ['?hrdFocus=astronaut', 'hrdFocus'],
      ['?archived=perhaps', 'archived'],
      ['?format=xml', 'format'],
      ['?limit=5', 'limit'],
      ['?cursor=abc', 'cursor'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?contacts=1', 'contacts'],
    ];
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const [query, field] of cases) {
      const res = await exportAs(staff.coordinator, query);
      const body = JSON.parse(res.text);
      got[query] = {
        status: res.status,
        problem: /application\/problem\+json/.test(String(res.headers['content-type'])),
        names: (body.errors ?? []).some((e: { field: string }) => e.field === field),
      };
      want[query] = { status: 400, problem: true, names: true };
    }
    expect(got).toEqual(want);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(before);
  });

  it('is for caseworkers, coordinators and admins', async () => {
    expect((await exportAs(staff.viewer)).status).toBe(403);
    const anonymous = await api.app.inject({ method: 'GET', url: X });
    expect(anonymous.statusCode).toBe(401);
    for (const user of [staff.caseworker, staff.coordinator, staff.admin]) {
      expect((await exportAs(user, '?country=BY')).status).toBe(200);
    }
  });
});
