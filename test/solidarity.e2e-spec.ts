import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { createStaff, createUser, type TestUser, asUser } from './support/users';

/**
 * Partners and solidarity actions end to end through the real api: create, read and edit
 * with If-Match, validation naming the field, who may do what, the partner's contact person
 * (encrypted, never in lists, never shown to viewers), actions about restricted cases following
 * the defenders' access, the list's filters and keyset pagination, and the audit trail.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

interface Action {
  id: string;
  startsOn: string;
  version: number;
}

const UNKNOWN = '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab';

describe('solidarity', () => {
  let api: TestApi;
  let staff: Staff;
  /** A caseworker NOT assigned to the restricted case. */
  let outsider: TestUser;
  let amina: string;
  let restricted: string;
  let network: { id: string; version: number };

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  const mkDefender = async (body: Record<string, unknown>) => {
    const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/defenders', body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const mkPartner = async (body: Record<string, unknown>) => {
    const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/partners', body });
    if (res.status !== 201) throw new Error(`partner: ${res.status} ${res.text}`);
    return res.body as { id: string; version: number };
  };

  const mkAction = async (user: TestUser, body: Record<string, unknown>): Promise<Action> => {
    const res = await as(user, { method: 'POST', url: '/api/v1/solidarity-actions', body });
    if (res.status !== 201) throw new Error(`action: ${res.status} ${res.text}`);
    return res.body as Action;
  };

  const ids = (res: TestResponse): string[] => res.body.data.map((a: { id: string }) => a.id);

  /** Status and the fields named by the problem, for a table of refused requests. */
  const outcome = (res: TestResponse) => ({
    status: res.status,
    fields: ((res.body?.errors ?? []) as { field: string }[]).map((e) => e.field),
  });

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');
    amina = await mkDefender({ fullName: 'Amina Haddad', country: 'EG' });
    restricted = await mkDefender({
      fullName: 'Samir Khalil',
      country: 'EG',
      access: 'restricted',
    });
    const assign = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${restricted}/assignees`,
      body: { userId: staff.caseworker.id },
    });
    expect(assign.status).toBe(201);
    network = await mkPartner({ name: 'Free Them Network', kind: 'network', country: 'KE' });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('validation and roles', () => {
    const postAction = (body: unknown, user = staff.coordinator) =>
      as(user, { method: 'POST', url: '/api/v1/solidarity-actions', body });
    const base = { type: 'letter_writing', title: 'Letters to Amina', startsOn: '2026-06-20' };

    it('refuses bad actions with a 400 naming the field, and creates nothing', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['endsOn before startsOn', { ...base, endsOn: '2026-06-19' }, 'endsOn'],
        ['unknown partner', { ...base, partnerIds: [UNKNOWN] }, 'partnerIds[0]'],
        ['bad partner uuid', { ...base, partnerIds: ['nope'] }, 'partnerIds'],
        ['bad defender uuid', { ...base, defenderIds: ['nope'] }, 'defenderIds'],
        ['negative reach', { ...base, reach: { signatures: -1 } }, 'reach.signatures'],
        ['fractional reach', { ...base, reach: { participants: 1.5 } }, 'reach.participants'],
        ['unknown reach field', { ...base, reach: { likes: 3 } }, 'reach.likes'],
        ['bad type', { ...base, type: 'tweet' }, 'type'],
        ['bad status', { ...base, status: 'ongoing' }, 'status'],
        ['impossible date', { ...base, startsOn: '2026-02-30' }, 'startsOn'],
        ['no startsOn', { type: 'petition', title: 'x' }, 'startsOn'],
        ['blank title', { ...base, title: '   ' }, 'title'],
        ['title too long', { ...base, title: 'x'.repeat(301) }, 'title'],
        ['not http(s)', { ...base, links: ['javascript:alert(1)'] }, 'links'],
        ['unknown field', { ...base, createdBy: staff.viewer.id }, 'createdBy'],
      ];
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const [name, body, field] of cases) {
        const res = await postAction(body);
        if (res.status === 400) {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        }
        got[name] = { status: res.status, names: outcome(res).fields.includes(field) };
        want[name] = { status: 400, names: true };
      }
      expect(got).toEqual(want);
      const unknownField = await postAction({ ...base, createdBy: staff.viewer.id });
      expect(unknownField.body.errors[0].message).toMatch(/not a known field/);

      // Unknown and invisible defenders are not found.
      expect((await postAction({ ...base, defenderIds: [UNKNOWN] })).status).toBe(404);
      expect((await postAction({ ...base, defenderIds: [restricted] }, outsider)).status).toBe(404);

      const count = await api.db.query(`SELECT count(*)::int AS n FROM solidarity_actions`);
      expect(count[0].n).toBe(0);
    });

    it('names the position of an unknown partner as sent, duplicates included', async () => {
      const res = await postAction({ ...base, partnerIds: [network.id, network.id, UNKNOWN] });
      expect(res.status).toBe(400);
      expect(outcome(res).fields).toEqual(['partnerIds[2]']);
    });

    it('refuses bad partners with a 400 naming the field', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['no name', { kind: 'member' }, 'name'],
        ['blank name', { name: '  ', kind: 'member' }, 'name'],
        ['name too long', { name: 'x'.repeat(201), kind: 'member' }, 'name'],
        ['bad kind', { name: 'X', kind: 'donor' }, 'kind'],
        ['bad country', { name: 'X', kind: 'member', country: 'Kenya' }, 'country'],
        [
          'bad contact email',
          { name: 'X', kind: 'member', contactPerson: { name: 'A', email: 'nope' } },
          'contactPerson.email',
        ],
        [
          'contact without name',
          { name: 'X', kind: 'member', contactPerson: {} },
          'contactPerson.name',
        ],
        ['unknown field', { name: 'X', kind: 'member', version: 7 }, 'version'],
      ];
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const [name, body, field] of cases) {
        const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/partners', body });
        got[name] = { status: res.status, names: outcome(res).fields.includes(field) };
        want[name] = { status: 400, names: true };
      }
      expect(got).toEqual(want);
    });

    it('refuses malformed ids in paths and queries', async () => {
      for (const url of [
        '/api/v1/partners/123',
        '/api/v1/solidarity-actions/not-a-uuid',
        '/api/v1/solidarity-actions?defenderId=nope',
        '/api/v1/solidarity-actions?partnerId=nope',
        '/api/v1/solidarity-actions?type=tweet',
        '/api/v1/solidarity-actions?status=ongoing',
        '/api/v1/solidarity-actions?from=2026-13-01',
        '/api/v1/solidarity-actions?limit=0',
        '/api/v1/solidarity-actions?cursor=garbage',
        '/api/v1/solidarity-actions?sort=title',
      ]) {
        const res = await as(staff.viewer, { method: 'GET', url });
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
      }
      const patch = await as(staff.coordinator, {
        method: 'PATCH',
        url: '/api/v1/partners/123',
        body: { notes: 'x' },
        headers: { 'if-match': '"1"' },
      });
      expect(patch.status).toBe(400);
      expect(outcome(patch).fields).toContain('id');
      for (const url of [`/api/v1/partners/${UNKNOWN}`, `/api/v1/solidarity-actions/${UNKNOWN}`]) {
        expect((await as(staff.coordinator, { method: 'GET', url })).status).toBe(404);
      }
    });

    it('lets only the right roles write', async () => {
      const partner = { name: 'Some Org', kind: 'partner' };
      expect(
        (await as(staff.caseworker, { method: 'POST', url: '/api/v1/partners', body: partner }))
          .status,
      ).toBe(403);
      expect(
        (await as(staff.viewer, { method: 'POST', url: '/api/v1/partners', body: partner })).status,
      ).toBe(403);
      expect((await postAction(base, staff.viewer)).status).toBe(403);
      expect(
        (
          await as(staff.caseworker, {
            method: 'PATCH',
            url: `/api/v1/partners/${network.id}`,
            body: { notes: 'x' },
            headers: { 'if-match': `"${network.version}"` },
          })
        ).status,
      ).toBe(403);
      const anonymous = await api.request({ method: 'GET', url: '/api/v1/partners' });
      expect(anonymous.status).toBe(401);
      // Every staff role reads.
      for (const user of Object.values(staff)) {
        expect((await as(user, { method: 'GET', url: '/api/v1/partners' })).status).toBe(200);
        expect((await as(user, { method: 'GET', url: '/api/v1/solidarity-actions' })).status).toBe(
          200,
        );
      }
      const count = await api.db.query(`SELECT count(*)::int AS n FROM partners`);
      expect(count[0].n).toBe(1);
    });
  });

  describe('an action: create, read, edit', () => {
    let action: Action;
    const url = () => `/api/v1/solidarity-actions/${action.id}`;

    it('a caseworker records an action, with Location and ETag', async () => {
      const res = await as(staff.caseworker, {
        method: 'POST',
        url: '/api/v1/solidarity-actions',
        body: {
          defenderIds: [amina, amina],
          partnerIds: [network.id],
          type: 'letter_writing',
          title: '  Write to Amina  ',
          description: 'Postcards for her birthday',
          startsOn: '2026-06-20',
          endsOn: '2026-06-30',
          reach: { signatures: 1200, organisations: 0 },
          links: ['https://example.org/amina-letters'],
        },
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/solidarity-actions/${res.body.id}`);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        defenderIds: [amina],
        partnerIds: [network.id],
        type: 'letter_writing',
        title: 'Write to Amina',
        description: 'Postcards for her birthday',
        startsOn: '2026-06-20',
        endsOn: '2026-06-30',
        reach: { signatures: 1200, organisations: 0 },
        outcome: null,
        links: ['https://example.org/amina-letters'],
        status: 'planned',
        version: 1,
      });
      action = res.body;
    });

    it('every staff role reads it, with its ETag', async () => {
      for (const user of Object.values(staff)) {
        const res = await as(user, { method: 'GET', url: url() });
        expect(res.status).toBe(200);
        expect(res.headers.etag).toBe('"1"');
        expect(res.body).toMatchObject({ id: action.id, defenderIds: [amina], version: 1 });
      }
    });

    it('edits need If-Match (428 without, 412 when stale) and keep the rules', async () => {
      const noIfMatch = await as(staff.caseworker, {
        method: 'PATCH',
        url: url(),
        body: { status: 'done' },
      });
      expect(noIfMatch.status).toBe(428);
      const stale = await as(staff.caseworker, {
        method: 'PATCH',
        url: url(),
        body: { status: 'done' },
        headers: { 'if-match': '"0"' },
      });
      expect(stale.status).toBe(412);
      const backwards = await as(staff.caseworker, {
        method: 'PATCH',
        url: url(),
        body: { endsOn: '2026-06-01' },
        headers: { 'if-match': '"1"' },
      });
      expect(backwards.status).toBe(400);
      expect(outcome(backwards).fields).toEqual(['endsOn']);
      const negative = await as(staff.caseworker, {
        method: 'PATCH',
        url: url(),
        body: { reach: { impressions: -5 } },
        headers: { 'if-match': '"1"' },
      });
      expect(negative.status).toBe(400);
      expect(outcome(negative).fields).toEqual(['reach.impressions']);
      const viewer = await as(staff.viewer, {
        method: 'PATCH',
        url: url(),
        body: { status: 'done' },
        headers: { 'if-match': '"1"' },
      });
      expect(viewer.status).toBe(403);

      const done = await as(staff.caseworker, {
        method: 'PATCH',
        url: url(),
        body: {
          status: 'done',
          outcome: '3,400 letters delivered to the prison',
          reach: { signatures: 3400, participants: 120 },
          partnerIds: [],
        },
        headers: { 'if-match': '"1"' },
      });
      expect(done.status).toBe(200);
      expect(done.headers.etag).toBe('"2"');
      expect(done.body).toMatchObject({
        status: 'done',
        outcome: '3,400 letters delivered to the prison',
        reach: { signatures: 3400, participants: 120 },
        defenderIds: [amina],
        partnerIds: [],
        title: 'Write to Amina',
        version: 2,
      });
      const again = await as(staff.viewer, { method: 'GET', url: url() });
      expect(again.body).toMatchObject({ status: 'done', partnerIds: [], version: 2 });
      // The old version no longer applies.
      const late = await as(staff.coordinator, {
        method: 'PATCH',
        url: url(),
        body: { title: 'Late' },
        headers: { 'if-match': '"1"' },
      });
      expect(late.status).toBe(412);
    });

    it('cannot clear a required field (400 naming it, not a server error)', async () => {
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const field of ['type', 'title', 'startsOn', 'status', 'reach', 'links']) {
        const res = await as(staff.caseworker, {
          method: 'PATCH',
          url: url(),
          body: { [field]: null },
          headers: { 'if-match': '"2"' },
        });
        got[field] = { status: res.status, names: outcome(res).fields.includes(field) };
        want[field] = { status: 400, names: true };
      }
      expect(got).toEqual(want);
      const unchanged = await as(staff.caseworker, { method: 'GET', url: url() });
      expect(unchanged.body).toMatchObject({ version: 2, title: 'Write to Amina' });
    });

    it('is audited', async () => {
      const rows = await api.db.query<{ action: string; actor_id: string; subject_id: string }[]>(
        `SELECT action, actor_id, subject_id FROM audit_events
          WHERE entity_type = 'solidarity_action' AND entity_id = $1 ORDER BY id`,
        [action.id],
      );
      expect(rows.map((r) => r.action)).toEqual([
        'solidarity_action.create',
        'solidarity_action.update',
      ]);
      expect(rows[0]).toMatchObject({ actor_id: staff.caseworker.id, subject_id: amina });
    });
  });

  describe('partners and their contact person', () => {
    let partner: { id: string; version: number };
    const contact = {
      name: 'Wanjiru Secret-Contact',
      email: 'wanjiru.secret@example.org',
      phone: '+254 700 123456',
    };
    const url = () => `/api/v1/partners/${partner.id}`;

    it('a coordinator adds a partner with a contact person', async () => {
      const res = await as(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/partners',
        body: {
          name: 'Nairobi Lawyers Guild',
          country: 'ke',
          kind: 'member',
          contactPerson: contact,
          notes: 'Founding member',
        },
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/partners/${res.body.id}`);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      expect(res.body).toMatchObject({
        name: 'Nairobi Lawyers Guild',
        country: 'KE',
        kind: 'member',
        contactPerson: contact,
        notes: 'Founding member',
      });
      partner = res.body;
    });

    it('shows the contact person to non-viewers on the partner only', async () => {
      for (const user of [staff.caseworker, staff.coordinator, staff.admin]) {
        const res = await as(user, { method: 'GET', url: url() });
        expect(res.status).toBe(200);
        expect(res.headers.etag).toBe(`"${partner.version}"`);
        expect(res.body.contactPerson).toEqual(contact);
      }
      const viewer = await as(staff.viewer, { method: 'GET', url: url() });
      expect(viewer.status).toBe(200);
      expect(viewer.body).toMatchObject({ id: partner.id, name: 'Nairobi Lawyers Guild' });
      expect(viewer.body).not.toHaveProperty('contactPerson');
      expect(viewer.text).not.toContain('Wanjiru');
      for (const user of Object.values(staff)) {
        const list = await as(user, { method: 'GET', url: '/api/v1/partners' });
        expect(list.status).toBe(200);
        const names = (list.body as { name: string }[]).map((p) => p.name);
        expect(names).toEqual(['Free Them Network', 'Nairobi Lawyers Guild']);
        expect(list.text).not.toContain('Wanjiru');
        expect(list.text).not.toContain('+254');
        for (const p of list.body as object[]) expect(p).not.toHaveProperty('contactPerson');
      }
    });

    it('keeps the contact person encrypted at rest and out of the audit trail', async () => {
      const raw = await api.db.query<{ contact_person_enc: string; row: string }[]>(
        `SELECT contact_person_enc, partners::text AS row FROM partners WHERE id = $1`,
        [partner.id],
      );
      expect(raw[0].contact_person_enc).toBeTruthy();
      for (const secret of ['Wanjiru', 'wanjiru.secret@example.org', '700 123456']) {
        expect(raw[0].row).not.toContain(secret);
      }
      const audit = await api.db.query<{ action: string; actor_id: string; c: string }[]>(
        `SELECT action, actor_id, changes::text AS c FROM audit_events
          WHERE entity_type = 'partner' AND entity_id = $1`,
        [partner.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['partner.create']);
      expect(audit[0].actor_id).toBe(staff.coordinator.id);
      expect(audit[0].c).not.toContain('Wanjiru');
    });

    it('edits need If-Match; replacing the contact keeps it encrypted', async () => {
      const v = partner.version;
      const noIfMatch = await as(staff.coordinator, {
        method: 'PATCH',
        url: url(),
        body: { notes: 'x' },
      });
      expect(noIfMatch.status).toBe(428);
      const stale = await as(staff.coordinator, {
        method: 'PATCH',
        url: url(),
        body: { notes: 'x' },
        headers: { 'if-match': `"${v - 1}"` },
      });
      expect(stale.status).toBe(412);
      const bad = await as(staff.coordinator, {
        method: 'PATCH',
        url: url(),
        body: { kind: 'donor' },
        headers: { 'if-match': `"${v}"` },
      });
      expect(bad.status).toBe(400);
      expect(outcome(bad).fields).toEqual(['kind']);

      const res = await as(staff.admin, {
        method: 'PATCH',
        url: url(),
        body: { kind: 'partner', contactPerson: { name: 'Otieno Other-Secret' } },
        headers: { 'if-match': `"${v}"` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`"${v + 1}"`);
      expect(res.body).toMatchObject({
        kind: 'partner',
        name: 'Nairobi Lawyers Guild',
        contactPerson: { name: 'Otieno Other-Secret' },
        version: v + 1,
      });
      partner = res.body;
      const raw = await api.db.query(`SELECT partners::text AS row FROM partners WHERE id = $1`, [
        partner.id,
      ]);
      expect(raw[0].row).not.toContain('Otieno');
      const audit = await api.db.query<{ actor_id: string; c: string }[]>(
        `SELECT actor_id, changes::text AS c FROM audit_events
          WHERE action = 'partner.update' AND entity_id = $1`,
        [partner.id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_id).toBe(staff.admin.id);
      expect(audit[0].c).toContain('contactPerson');
      expect(audit[0].c).not.toContain('Otieno');
    });

    it('cannot clear its name or kind (400 naming the field, not a server error)', async () => {
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const field of ['name', 'kind']) {
        const res = await as(staff.coordinator, {
          method: 'PATCH',
          url: url(),
          body: { [field]: null },
          headers: { 'if-match': `"${partner.version}"` },
        });
        got[field] = { status: res.status, names: outcome(res).fields.includes(field) };
        want[field] = { status: 400, names: true };
      }
      expect(got).toEqual(want);
    });
  });

  describe('actions about a restricted case', () => {
    let hidden: Action;
    let open: Action;
    let mixed: Action;
    let guild: { id: string };

    beforeAll(async () => {
      guild = await mkPartner({ name: 'Guild For Samir', kind: 'partner' });
      hidden = await mkAction(staff.coordinator, {
        defenderIds: [restricted],
        partnerIds: [guild.id],
        type: 'trial_monitoring',
        title: 'Monitoring the Khalil trial',
        startsOn: '2026-07-01',
      });
      mixed = await mkAction(staff.coordinator, {
        defenderIds: [amina, restricted],
        type: 'joint_statement',
        title: 'Statement on the Khalil and Haddad cases',
        startsOn: '2026-07-02',
      });
      open = await mkAction(staff.coordinator, {
        defenderIds: [amina],
        partnerIds: [guild.id],
        type: 'social_media',
        title: 'Day of action for Amina',
        startsOn: '2026-07-03',
      });
    });

    it('is 404 for a viewer and an unassigned caseworker, and absent from their lists', async () => {
      for (const user of [staff.viewer, outsider]) {
        for (const a of [hidden, mixed]) {
          const get = await as(user, { method: 'GET', url: `/api/v1/solidarity-actions/${a.id}` });
          expect(get.status).toBe(404);
          expect(get.text).not.toContain('Khalil');
        }
        const list = await as(user, { method: 'GET', url: '/api/v1/solidarity-actions' });
        expect(list.status).toBe(200);
        expect(ids(list)).not.toContain(hidden.id);
        expect(ids(list)).not.toContain(mixed.id);
        expect(ids(list)).toContain(open.id);
        expect(list.text).not.toContain('Khalil');
        const byDefender = await as(user, {
          method: 'GET',
          url: `/api/v1/solidarity-actions?defenderId=${restricted}`,
        });
        expect(byDefender.body.data).toEqual([]);
        const byPartner = await as(user, {
          method: 'GET',
          url: `/api/v1/solidarity-actions?partnerId=${guild.id}`,
        });
        expect(ids(byPartner)).toEqual([open.id]);
      }
      const edit = await as(outsider, {
        method: 'PATCH',
        url: `/api/v1/solidarity-actions/${hidden.id}`,
        body: { title: 'x' },
        headers: { 'if-match': '"1"' },
      });
      expect(edit.status).toBe(404);
      // An outsider cannot pull a restricted case into an action they can see either.
      const link = await as(outsider, {
        method: 'PATCH',
        url: `/api/v1/solidarity-actions/${open.id}`,
        body: { defenderIds: [amina, restricted] },
        headers: { 'if-match': '"1"' },
      });
      expect(link.status).toBe(404);
    });

    it('is visible to the coordinator and the assigned caseworker', async () => {
      for (const user of [staff.coordinator, staff.admin, staff.caseworker]) {
        for (const a of [hidden, mixed]) {
          const get = await as(user, { method: 'GET', url: `/api/v1/solidarity-actions/${a.id}` });
          expect(get.status).toBe(200);
        }
        const list = await as(user, {
          method: 'GET',
          url: `/api/v1/solidarity-actions?defenderId=${restricted}`,
        });
        expect(ids(list)).toEqual([mixed.id, hidden.id]);
      }
    });
  });

  describe('the list', () => {
    let lina: string;
    let omar: string;
    let p1: string;
    let p2: string;
    const a: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5', Action> = {} as never;

    /** Newest startsOn first, then by id (the keyset order). */
    const ordered = (...xs: Action[]) =>
      [...xs]
        .sort((x, y) =>
          x.startsOn === y.startsOn ? (x.id < y.id ? 1 : -1) : x.startsOn < y.startsOn ? 1 : -1,
        )
        .map((x) => x.id);

    const list = async (query: string, user = staff.coordinator) => {
      const res = await as(user, { method: 'GET', url: `/api/v1/solidarity-actions?${query}` });
      expect(res.status).toBe(200);
      return res;
    };

    beforeAll(async () => {
      lina = await mkDefender({ fullName: 'Lina Mansour', country: 'TN' });
      omar = await mkDefender({ fullName: 'Omar Said', country: 'TN' });
      p1 = (await mkPartner({ name: 'Partner One', kind: 'partner' })).id;
      p2 = (await mkPartner({ name: 'Partner Two', kind: 'member' })).id;
      // Far from the other tests' dates, so date windows isolate these five.
      a.a1 = await mkAction(staff.caseworker, {
        defenderIds: [lina],
        partnerIds: [p1],
        type: 'letter_writing',
        title: 'A1',
        startsOn: '2030-01-10',
        status: 'done',
      });
      a.a2 = await mkAction(staff.caseworker, {
        defenderIds: [lina],
        partnerIds: [p1, p2],
        type: 'petition',
        title: 'A2',
        startsOn: '2030-02-01',
        endsOn: '2030-03-15',
      });
      a.a3 = await mkAction(staff.caseworker, {
        defenderIds: [omar],
        partnerIds: [p2],
        type: 'social_media',
        title: 'A3',
        startsOn: '2030-03-20',
        status: 'done',
      });
      a.a4 = await mkAction(staff.coordinator, {
        partnerIds: [p1],
        type: 'letter_writing',
        title: 'A4',
        startsOn: '2030-04-05',
        status: 'cancelled',
      });
      // Same day as A4: the id breaks the tie.
      a.a5 = await mkAction(staff.coordinator, {
        defenderIds: [omar],
        partnerIds: [p2],
        type: 'trial_monitoring',
        title: 'A5',
        startsOn: '2030-04-05',
      });
    });

    it('filters by defender, partner, type, status and dates, newest first', async () => {
      const { a1, a2, a3, a4, a5 } = a;
      expect(ids(await list(`defenderId=${lina}`))).toEqual(ordered(a1, a2));
      expect(ids(await list(`defenderId=${omar}`))).toEqual(ordered(a3, a5));
      expect(ids(await list(`partnerId=${p1}`))).toEqual(ordered(a1, a2, a4));
      expect(ids(await list(`partnerId=${p2}`))).toEqual(ordered(a2, a3, a5));
      expect(ids(await list(`from=2030-01-01`))).toEqual(ordered(a1, a2, a3, a4, a5));
      expect(ids(await list('type=letter_writing&from=2030-01-01'))).toEqual(ordered(a1, a4));
      expect(ids(await list('type=petition'))).toEqual([a2.id]);
      expect(ids(await list('status=planned&from=2030-01-01'))).toEqual(ordered(a2, a5));
      expect(ids(await list('status=done&from=2030-01-01'))).toEqual(ordered(a1, a3));
      expect(ids(await list('status=cancelled'))).toEqual([a4.id]);
      // A window takes what runs within it: A2 (1 Feb - 15 Mar) still runs on 1 March.
      expect(ids(await list('from=2030-03-01&to=2030-04-04'))).toEqual(ordered(a2, a3));
      expect(ids(await list('from=2030-04-05&to=2030-04-05'))).toEqual(ordered(a4, a5));
      expect(ids(await list(`to=2029-12-31&partnerId=${p1}`))).toEqual([]);
      expect(ids(await list(`defenderId=${lina}&partnerId=${p2}&status=planned`))).toEqual([a2.id]);
      // Each item carries its links.
      const one = await list(`defenderId=${omar}&type=social_media`);
      expect(one.body.data).toEqual([
        expect.objectContaining({ id: a3.id, defenderIds: [omar], partnerIds: [p2], title: 'A3' }),
      ]);
      // A viewer sees these (none is restricted).
      expect(ids(await list('from=2030-01-01', staff.viewer))).toHaveLength(5);
    });

    it('pages with a keyset cursor, each action once', async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `from=2030-01-01&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await list(q);
        sizes.push(page.body.data.length);
        seen.push(...ids(page));
        cursor = page.body.nextCursor;
      } while (cursor && sizes.length < 10);
      expect(sizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(ordered(...Object.values(a)));
      expect(new Set(seen).size).toBe(5);
      // Filters hold across pages.
      const first = await list(`partnerId=${p2}&limit=2`);
      expect(first.body.nextCursor).toBeTruthy();
      const second = await list(
        `partnerId=${p2}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expect([...ids(first), ...ids(second)]).toEqual(ordered(a.a2, a.a3, a.a5));
      expect(second.body.nextCursor).toBeNull();
    });

    it('every action and partner created left an audit row', async () => {
      const rows = await api.db.query<{ action: string; n: number }[]>(
        `SELECT action, count(*)::int AS n FROM audit_events
          WHERE action IN ('solidarity_action.create', 'partner.create') GROUP BY action`,
      );
      const n = Object.fromEntries(rows.map((r) => [r.action, r.n]));
      const actions = await api.db.query(`SELECT count(*)::int AS n FROM solidarity_actions`);
      const partners = await api.db.query(`SELECT count(*)::int AS n FROM partners`);
      expect(n).toEqual({
        'solidarity_action.create': actions[0].n,
        'partner.create': partners[0].n,
      });
      const forA1 = await api.db.query<{ actor_id: string; subject_id: string }[]>(
        `SELECT actor_id, subject_id FROM audit_events
          WHERE action = 'solidarity_action.create' AND entity_id = $1`,
        [a.a1.id],
      );
      expect(forA1).toEqual([{ actor_id: staff.caseworker.id, subject_id: lina }]);
    });
  });

  describe('planned actions carry milestones', () => {
    interface Row {
      id: string;
      kind: string;
      status: string;
      due_at: Date;
      defender_id: string | null;
      assignee_ids: string[];
    }
    const milestoneOf = async (actionId: string): Promise<Row | undefined> =>
      (
        await api.db.query<Row[]>(
          `SELECT id, kind, status, due_at, defender_id, assignee_ids FROM milestones
            WHERE source = 'solidarity' AND source_key = $1`,
          [actionId],
        )
      )[0];
    const deliveriesOf = (milestoneId: string) =>
      api.db.query<{ offset: string; recipient_id: string; state: string; send_at: Date }[]>(
        `SELECT "offset", recipient_id, state, send_at FROM deliveries
          WHERE milestone_id = $1 AND channel = 'in_app' ORDER BY "offset"`,
        [milestoneId],
      );
    const edit = async (user: TestUser, a: Action, body: Record<string, unknown>) => {
      const res = await as(user, {
        method: 'PATCH',
        url: `/api/v1/solidarity-actions/${a.id}`,
        headers: { 'if-match': `"${a.version}"` },
        body,
      });
      expect(res.status).toBe(200);
      return res.body as Action;
    };

    it('a planned action starting later is a milestone for its organiser, with reminders', async () => {
      const a = await mkAction(staff.caseworker, {
        defenderIds: [amina],
        type: 'embassy_visit',
        title: 'Visit the embassy with the family',
        startsOn: '2026-07-10',
      });
      const m = await milestoneOf(a.id);
      expect(m).toMatchObject({
        kind: 'solidarity_action',
        status: 'open',
        defender_id: amina,
        assignee_ids: [staff.caseworker.id],
      });
      expect(m!.due_at.toISOString()).toBe('2026-07-10T00:00:00.000Z');
      const planned = await deliveriesOf(m!.id);
      expect(planned.map((d) => d.offset).sort()).toEqual(['P1D', 'P7D']);
      expect(planned.every((d) => d.recipient_id === staff.caseworker.id)).toBe(true);
      expect(planned.every((d) => d.state === 'pending')).toBe(true);

      const listed = await as(staff.caseworker, {
        method: 'GET',
        url: `/api/v1/milestones?kind=solidarity_action&assigneeId=${staff.caseworker.id}`,
      });
      expect(listed.status).toBe(200);
      expect(listed.body.data.map((x: { id: string }) => x.id)).toContain(m!.id);
    });

    it('moves with the action, closes when it is done or cancelled, and reopens', async () => {
      let a = await mkAction(staff.coordinator, {
        type: 'public_event',
        title: 'Vigil on 18 July',
        startsOn: '2026-07-18',
      });
      const id = (await milestoneOf(a.id))!.id;
      expect((await milestoneOf(a.id))!.defender_id).toBeNull();

      a = await edit(staff.coordinator, a, { startsOn: '2026-07-25' });
      const moved = await milestoneOf(a.id);
      expect(moved!.id).toBe(id);
      expect(moved!.due_at.toISOString()).toBe('2026-07-25T00:00:00.000Z');
      const sendAts = (await deliveriesOf(id))
        .filter((d) => d.state === 'pending')
        .map((d) => d.send_at.getTime());
      expect(Math.max(...sendAts)).toBeLessThanOrEqual(Date.parse('2026-07-25T00:00:00Z'));
      expect(Math.min(...sendAts)).toBeGreaterThan(Date.parse('2026-07-18T00:00:00Z') - 86_400_000);

      a = await edit(staff.coordinator, a, { status: 'cancelled' });
      expect((await milestoneOf(a.id))!.status).toBe('cancelled');
      expect((await deliveriesOf(id)).every((d) => d.state === 'cancelled')).toBe(true);

      a = await edit(staff.coordinator, a, { status: 'planned' });
      expect((await milestoneOf(a.id))!.status).toBe('open');

      a = await edit(staff.coordinator, a, { status: 'done', reach: { participants: 80 } });
      expect((await milestoneOf(a.id))!.status).toBe('cancelled');
    });

    it('an action already started, or recorded as done, has no open milestone', async () => {
      const past = await mkAction(staff.caseworker, {
        type: 'trial_monitoring',
        title: 'Monitored the first hearing',
        startsOn: '2026-06-01',
      });
      expect(await milestoneOf(past.id)).toBeUndefined();
      const done = await mkAction(staff.caseworker, {
        type: 'petition',
        title: 'Petition handed in',
        startsOn: '2026-08-01',
        status: 'done',
      });
      expect(await milestoneOf(done.id)).toBeUndefined();
    });

    it('hangs on the restricted case, so it stays hidden from those who cannot see it', async () => {
      const a = await mkAction(staff.caseworker, {
        defenderIds: [amina, restricted],
        type: 'solidarity_call',
        title: 'Call with the families',
        startsOn: '2026-07-02',
      });
      const m = await milestoneOf(a.id);
      expect(m!.defender_id).toBe(restricted);
      const seen = async (user: TestUser) => {
        const res = await as(user, { method: 'GET', url: `/api/v1/milestones/${m!.id}` });
        return res.status;
      };
      expect(await seen(staff.caseworker)).toBe(200);
      expect(await seen(staff.coordinator)).toBe(200);
      expect(await seen(outsider)).toBe(404);
      expect(await seen(staff.viewer)).toBe(404);
    });
  });

  describe('public actions', () => {
    it('are private unless marked; the mark is validated, edited with If-Match and audited', async () => {
      const a = await mkAction(staff.caseworker, {
        defenderIds: [amina],
        type: 'joint_statement',
        title: 'Joint statement for Amina',
        startsOn: '2026-06-10',
        status: 'done',
      });
      expect((a as unknown as { isPublic: boolean }).isPublic).toBe(false);
      const bad = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/solidarity-actions/${a.id}`,
        headers: { 'if-match': `"${a.version}"` },
        body: { isPublic: 'yes' },
      });
      expect(outcome(bad)).toEqual({ status: 400, fields: ['isPublic'] });
      const nulled = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/solidarity-actions/${a.id}`,
        headers: { 'if-match': `"${a.version}"` },
        body: { isPublic: null },
      });
      expect(outcome(nulled)).toEqual({ status: 400, fields: ['isPublic'] });
      // Publishing is a coordinator's (or admin's) decision (test/security/case-access-change).
      const byCaseworker = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/solidarity-actions/${a.id}`,
        headers: { 'if-match': `"${a.version}"` },
        body: { isPublic: true },
      });
      expect(outcome(byCaseworker)).toEqual({ status: 403, fields: ['isPublic'] });
      const res = await as(staff.coordinator, {
        method: 'PATCH',
        url: `/api/v1/solidarity-actions/${a.id}`,
        headers: { 'if-match': `"${a.version}"` },
        body: { isPublic: true },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ isPublic: true, version: a.version + 1 });
      const rows = await api.db.query<{ is_public: boolean }[]>(
        `SELECT is_public FROM solidarity_actions WHERE id = $1`,
        [a.id],
      );
      expect(rows[0].is_public).toBe(true);
      const audit = await api.db.query<{ changes: Record<string, unknown> }[]>(
        `SELECT changes FROM audit_events
          WHERE action = 'solidarity_action.update' AND entity_id = $1`,
        [a.id],
      );
      expect(audit.map((r) => r.changes.isPublic)).toEqual([{ from: false, to: true }]);
    });
  });
});
