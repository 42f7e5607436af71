import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { createStaff, createUser, type TestUser, asUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * The UN calendar end to end: entries through the real api (who may edit, validation naming
 * each field, If-Match), the opportunity rules of each kind of session against real cases and
 * escalations taken through their workflow, and the milestones the real worker derives from
 * the deadlines (through the outbox relay and the reminders pipeline), moving and cancelled as
 * the calendar and the cases change. Time moves only by the ManualClock.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

interface Milestone {
  id: string;
  kind: string;
  title: string;
  dueAt: string;
  status: string;
  source: string | null;
  assigneeIds: string[];
}

describe('UN calendar', () => {
  let api: TestApi;
  let worker: TestWorker;
  let relay: { relay: () => Promise<number> };
  let staff: Staff;
  let outsider: TestUser;
  let owner: TestUser;
  const ids: Record<string, string> = {};

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  const ok = async (user: TestUser, o: RequestOptions, status = 200) => {
    const res = await as(user, o);
    if (res.status !== status)
      throw new Error(`${o.method} ${o.url}: ${res.status} ${res.text.slice(0, 500)}`);
    return res.body;
  };

  const defender = async (fullName: string, country: string, extra: object = {}) =>
    (
      await ok(
        staff.coordinator,
        {
          method: 'POST',
          url: '/api/v1/defenders',
          body: { fullName, country, ...extra },
        },
        201,
      )
    ).id as string;

  const event = (id: string, type: string, occurredOn: string) =>
    ok(
      staff.coordinator,
      { method: 'POST', url: `/api/v1/defenders/${id}/events`, body: { type, occurredOn } },
      201,
    );

  const escalation = async (body: Record<string, unknown>, by: TestUser = staff.coordinator) =>
    (await ok(by, { method: 'POST', url: '/api/v1/escalations', body }, 201)).id as string;

  const step = (id: string, to: string, extra: object = {}) =>
    ok(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/escalations/${id}/transitions`,
      body: { to, ...extra },
    });

  /** A WGAD regular communication taken to "transmitted" on the given day. */
  const transmitted = async (defenderId: string, on: string, by: TestUser) => {
    for (const purpose of ['un_submission', 'public_un_document'])
      await ok(
        staff.coordinator,
        {
          method: 'POST',
          url: `/api/v1/defenders/${defenderId}/consents`,
          body: {
            purpose,
            decision: 'given',
            givenBy: 'family_member',
            method: 'written',
            decidedOn: '2026-01-05',
          },
        },
        201,
      );
    const id = await escalation({
      defenderIds: [defenderId],
      mechanism: 'wgad',
      kind: 'wgad_regular',
      ownerId: by.id,
    });
    await step(id, 'in_review');
    await step(id, 'approved');
    await step(id, 'submitted', { date: '2026-01-10' });
    await step(id, 'transmitted_to_government', { date: on });
    return id;
  };

  const create = (body: object, user: TestUser = staff.coordinator) =>
    as(user, { method: 'POST', url: '/api/v1/un-calendar', body });

  const opportunities = async (entryId: string, user: TestUser, query = '') => {
    const res = await as(user, {
      method: 'GET',
      url: `/api/v1/un-calendar/${entryId}/opportunities${query}`,
    });
    expect(res.status).toBe(200);
    return res.body as {
      entry: { id: string };
      data: {
        defender: { id: string; fullName: string; country: string };
        reason: string;
        escalations: { id: string; ownerId: string | null }[];
        deadlines: { kind: string; country: string | null }[];
      }[];
      nextCursor: string | null;
    };
  };

  const calendarMilestones = async (defenderId: string) => {
    const res = await as(staff.admin, {
      method: 'GET',
      url: `/api/v1/defenders/${defenderId}/milestones?limit=200`,
    });
    expect(res.status).toBe(200);
    return (res.body.data as Milestone[]).filter((m) => m.source === 'un_calendar');
  };

  /** What the worker does after a change: relay the outbox, run the sync jobs. */
  const settle = async () => {
    await relay.relay();
    await worker.drain();
  };

  const UPR = {
    kind: 'upr_session',
    number: 50,
    title: 'UPR Working Group, 50th session',
    startsOn: '2026-11-02',
    endsOn: '2026-11-13',
    location: 'Geneva',
    countries: ['BD', 'td'],
    deadlines: [
      { kind: 'stakeholder_submission', dueOn: '2026-07-20', country: 'BD' },
      { kind: 'stakeholder_submission', dueOn: '2026-07-27', country: 'TD' },
    ],
    sample: true,
  };

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');
    owner = await createUser(api, 'coordinator', 'Escalation Owner');
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env: { OUTBOX_RELAY_SECONDS: '3600' },
    });
    const { OutboxRelay } = await import('../apps/worker/src/processors/outbox-relay.service');
    relay = worker.app.get(OutboxRelay);

    // UPR: detained in a state under review (standard and restricted), released there, and
    // detained elsewhere.
    ids.rahim = await defender('Rahim Uddin', 'BD');
    await event(ids.rahim, 'arrest', '2025-03-01');
    await ok(
      staff.coordinator,
      {
        method: 'POST',
        url: `/api/v1/defenders/${ids.rahim}/assignees`,
        body: { userId: staff.caseworker.id },
      },
      201,
    );
    ids.hidden = await defender('Nusrat Jahan', 'BD', { access: 'restricted' });
    await event(ids.hidden, 'arrest', '2025-09-01');
    ids.freed = await defender('Kamal Hossain', 'BD');
    await event(ids.freed, 'arrest', '2025-01-01');
    await event(ids.freed, 'release', '2025-12-01');
    ids.kenya = await defender('Wanjiru Kamau', 'KE');
    await event(ids.kenya, 'arrest', '2025-05-01');
    ids.chad = await defender('Mahamat Idriss', 'TD');
    await event(ids.chad, 'arrest', '2026-02-01');

    // WGAD: reply period ended by the cut-off, not ended, and a draft.
    ids.decidable = await defender('Amina Haddad', 'EG');
    ids.decidableEsc = await transmitted(ids.decidable, '2026-04-01', owner);
    ids.early = await defender('Samir Khalil', 'EG');
    await transmitted(ids.early, '2026-06-10', owner);
    ids.draft = await defender('Laila Nour', 'EG');
    await escalation({ defenderIds: [ids.draft], mechanism: 'wgad', kind: 'wgad_regular' });

    // HRC: flagged for session 64, for another session, and flagged but withdrawn.
    ids.flagged = await defender('Ana Beltrán', 'NI');
    ids.flaggedEsc = await escalation({
      defenderIds: [ids.flagged],
      mechanism: 'unhrc',
      kind: 'hrc_statement',
      hrcSession: 'HRC 64',
      ownerId: owner.id,
    });
    ids.otherSession = await defender('José Pérez', 'NI');
    await escalation({
      defenderIds: [ids.otherSession],
      mechanism: 'unhrc',
      kind: 'hrc_statement',
      hrcSession: '65th session',
    });
    ids.withdrawn = await defender('María López', 'NI');
    const w = await escalation({
      defenderIds: [ids.withdrawn],
      mechanism: 'unhrc',
      kind: 'hrc_side_event',
      hrcSession: 'HRC64',
    });
    await step(w, 'withdrawn');

    // Regional: an open communication to the ACHPR, and one to the IACHR.
    ids.achpr = await defender('Chidi Okafor', 'NG');
    await escalation({
      defenderIds: [ids.achpr],
      mechanism: 'achpr',
      kind: 'regional_communication',
    });
    ids.iachr = await defender('Lucía Gómez', 'VE');
    await escalation({
      defenderIds: [ids.iachr],
      mechanism: 'iachr',
      kind: 'regional_communication',
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  describe('entries', () => {
    it('coordinators add them; every role reads them; capitals and ETag as elsewhere', async () => {
      const res = await create(UPR);
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      expect(res.headers.location).toBe(`/api/v1/un-calendar/${res.body.id}`);
      expect(res.body).toMatchObject({
        kind: 'upr_session',
        number: 50,
        body: null,
        countries: ['BD', 'TD'],
        sample: true,
      });
      expect(res.body.deadlines.map((d: { country: string }) => d.country)).toEqual(['BD', 'TD']);
      ids.upr = res.body.id;
      for (const user of [staff.viewer, staff.caseworker]) {
        const read = await as(user, { method: 'GET', url: `/api/v1/un-calendar/${ids.upr}` });
        expect(read.status).toBe(200);
        expect(read.body.title).toBe(UPR.title);
      }
      const audit = await api.db.query(
        `SELECT action FROM audit_events WHERE entity_type = 'un_calendar_entry' AND entity_id = $1`,
        [ids.upr],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['un_calendar.create']);
    });

    it('caseworkers and viewers may not edit; no token is a 401', async () => {
      for (const user of [staff.caseworker, staff.viewer]) {
        const res = await create({ ...UPR, number: 51 }, user);
        expect(res.status).toBe(403);
      }
      const anon = await api.request({
        method: 'POST',
        url: '/api/v1/un-calendar',
        body: UPR,
        anonymous: true,
      });
      expect(anon.status).toBe(401);
      const n = await api.db.query(`SELECT count(*)::int AS n FROM un_calendar_entries`);
      expect(n[0].n).toBe(1);
    });

    it.each([
      [{ kind: 'plenary' }, 'kind'],
      [{ title: 'x'.repeat(301) }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ startsOn: '2026-02-30' }, 'startsOn'],
      [{ endsOn: '2026-10-01' }, 'endsOn'],
      [{ countries: [] }, 'countries'],
      [{ countries: ['XX'] }, 'countries'],
      [{ number: 'fifty' }, 'number'],
      [{ number: 0 }, 'number'],
      [{ body: 'achpr' }, 'body'],
      [{ deadlines: [{ kind: 'case_cutoff', dueOn: '2026-07-01' }] }, 'deadlines[0].kind'],
      [
        { deadlines: [{ kind: 'stakeholder_submission', dueOn: '2026-07-01', country: 'KE' }] },
        'deadlines[0].country',
      ],
      [
        { deadlines: [{ kind: 'stakeholder_submission', dueOn: '2026-12-01' }] },
        'deadlines[0].dueOn',
      ],
      [{ deadlines: [{ kind: 'stakeholder_submission' }] }, 'deadlines[0].dueOn'],
      [{ sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
      [{ unknownField: 1 }, 'unknownField'],
    ])('refuses %j naming %s, writing nothing', async (patch, field) => {
      const res = await create({ ...UPR, number: 99, ...patch });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
      const n = await api.db.query(`SELECT count(*)::int AS n FROM un_calendar_entries`);
      expect(n[0].n).toBe(1);
    });

    it('refuses malformed JSON, the same session twice, and a regional one without its body', async () => {
      const bad = await as(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/un-calendar',
        rawBody: '{"kind": "hrc_session",',
        headers: { 'content-type': 'application/json' },
      });
      expect(bad.status).toBe(400);
      const twin = await create(UPR);
      expect(twin.status).toBe(400);
      expect(twin.body.errors[0].field).toBe('number');
      const regional = await create({
        kind: 'regional_session',
        title: 'ACHPR ordinary session',
        startsOn: '2026-10-20',
        endsOn: '2026-11-09',
      });
      expect(regional.status).toBe(400);
      expect(regional.body.errors[0].field).toBe('body');
    });

    it('bad and unknown ids: 400 and 404', async () => {
      expect(
        (await as(staff.viewer, { method: 'GET', url: '/api/v1/un-calendar/nope' })).status,
      ).toBe(400);
      const missing = await as(staff.viewer, {
        method: 'GET',
        url: '/api/v1/un-calendar/7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab/opportunities',
      });
      expect(missing.status).toBe(404);
    });

    it('edits need If-Match; a stale version is a 412', async () => {
      const url = `/api/v1/un-calendar/${ids.upr}`;
      const none = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { location: 'Genève' },
      });
      expect(none.status).toBe(428);
      const stale = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { location: 'Genève' },
        headers: { 'if-match': '"99"' },
      });
      expect(stale.status).toBe(412);
    });

    it('lists by first day, filtered by window, kind and state', async () => {
      const hrc = await create({
        kind: 'hrc_session',
        number: 64,
        title: 'Human Rights Council, 64th session',
        startsOn: '2026-09-14',
        endsOn: '2026-10-09',
        deadlines: [{ kind: 'written_statement', dueOn: '2026-08-24' }],
      });
      expect(hrc.status).toBe(201);
      ids.hrc = hrc.body.id;
      const all = await ok(staff.viewer, { method: 'GET', url: '/api/v1/un-calendar' });
      expect(all.data.map((e: { id: string }) => e.id)).toEqual([ids.hrc, ids.upr]);
      const upr = await ok(staff.viewer, { method: 'GET', url: '/api/v1/un-calendar?country=bd' });
      expect(upr.data.map((e: { id: string }) => e.id)).toEqual([ids.upr]);
      const window = await ok(staff.viewer, {
        method: 'GET',
        url: '/api/v1/un-calendar?from=2026-10-10&to=2026-12-31',
      });
      expect(window.data.map((e: { id: string }) => e.id)).toEqual([ids.upr]);
      const paged = await ok(staff.viewer, { method: 'GET', url: '/api/v1/un-calendar?limit=1' });
      expect(paged.data).toHaveLength(1);
      const next = await ok(staff.viewer, {
        method: 'GET',
        url: `/api/v1/un-calendar?limit=1&cursor=${paged.nextCursor}`,
      });
      expect(next.data.map((e: { id: string }) => e.id)).toEqual([ids.upr]);
      const badCursor = await as(staff.viewer, {
        method: 'GET',
        url: '/api/v1/un-calendar?cursor=notacursor',
      });
      expect(badCursor.status).toBe(400);
    });
  });

  describe('opportunities', () => {
    it('UPR: every detained defender of a state under review, as far as the caller may see', async () => {
      const forCoordinator = await opportunities(ids.upr, staff.coordinator);
      expect(forCoordinator.data.map((o) => o.defender.id).sort()).toEqual(
        [ids.rahim, ids.hidden, ids.chad].sort(),
      );
      const rahim = forCoordinator.data.find((o) => o.defender.id === ids.rahim)!;
      expect(rahim.reason).toBe('upr_state_under_review');
      // Only Bangladesh's deadline applies to a Bangladeshi case.
      expect(rahim.deadlines.map((d) => d.country)).toEqual(['BD']);
      const forOutsider = await opportunities(ids.upr, outsider);
      expect(forOutsider.data.map((o) => o.defender.id).sort()).toEqual(
        [ids.rahim, ids.chad].sort(),
      );
      const chadOnly = await opportunities(ids.upr, staff.coordinator, '?country=TD');
      expect(chadOnly.data.map((o) => o.defender.id)).toEqual([ids.chad]);
      const first = await opportunities(ids.upr, staff.coordinator, '?limit=2');
      const rest = await opportunities(
        ids.upr,
        staff.coordinator,
        `?limit=2&cursor=${first.nextCursor}`,
      );
      expect([...first.data, ...rest.data].map((o) => o.defender.fullName)).toEqual([
        'Mahamat Idriss',
        'Nusrat Jahan',
        'Rahim Uddin',
      ]);
      expect(rest.nextCursor).toBeNull();
    });

    it('WGAD: transmitted communications whose reply period ends by the cut-off', async () => {
      const res = await create({
        kind: 'wgad_session',
        number: 107,
        title: 'WGAD, 107th session',
        startsOn: '2026-08-24',
        endsOn: '2026-09-02',
        deadlines: [{ kind: 'case_cutoff', dueOn: '2026-07-15' }],
      });
      expect(res.status).toBe(201);
      ids.wgad = res.body.id;
      const o = await opportunities(ids.wgad, staff.viewer);
      // Transmitted 1 April: reply due 31 May, before the cut-off. Transmitted 10 June: due
      // 9 August, after it. The draft has not been sent.
      expect(o.data.map((x) => x.defender.id)).toEqual([ids.decidable]);
      expect(o.data[0].reason).toBe('wgad_decidable');
      expect(o.data[0].escalations).toEqual([
        expect.objectContaining({ id: ids.decidableEsc, ownerId: owner.id }),
      ]);
    });

    it('HRC: escalations flagged for the session, not for another, not ended', async () => {
      const o = await opportunities(ids.hrc, staff.caseworker);
      expect(o.data.map((x) => x.defender.id)).toEqual([ids.flagged]);
      expect(o.data[0].escalations[0].id).toBe(ids.flaggedEsc);
    });

    it('regional: open communications before that body', async () => {
      const res = await create({
        kind: 'regional_session',
        body: 'achpr',
        number: 87,
        title: 'ACHPR, 87th ordinary session',
        startsOn: '2026-09-21',
        endsOn: '2026-10-05',
      });
      expect(res.status).toBe(201);
      ids.achprSession = res.body.id;
      const o = await opportunities(ids.achprSession, staff.viewer);
      expect(o.data.map((x) => x.defender.id)).toEqual([ids.achpr]);
    });
  });

  describe('milestones', () => {
    it('the worker gives each fitting case a milestone per deadline in range, for the right people', async () => {
      await settle();
      const rahim = await calendarMilestones(ids.rahim);
      expect(rahim).toHaveLength(1);
      expect(rahim[0]).toMatchObject({
        kind: 'upr_review',
        status: 'open',
        title: 'UPR 50: stakeholder submission due (BD)',
        // No escalation owner: the case's assignees are reminded.
        assigneeIds: [],
      });
      expect(rahim[0].dueAt.slice(0, 10)).toBe('2026-07-20');
      expect((await calendarMilestones(ids.chad))[0].dueAt.slice(0, 10)).toBe('2026-07-27');
      expect(await calendarMilestones(ids.freed)).toEqual([]);
      expect(await calendarMilestones(ids.kenya)).toEqual([]);
      // WGAD: the owner of the communication.
      const amina = await calendarMilestones(ids.decidable);
      expect(amina).toHaveLength(1);
      expect(amina[0]).toMatchObject({
        kind: 'wgad_session',
        assigneeIds: [owner.id],
        title: 'WGAD 107: cut-off for cases to be considered',
      });
      // The HRC session's statement deadline (24 August) is within the 120-day horizon too.
      const ana = await calendarMilestones(ids.flagged);
      expect(ana.map((m) => m.kind)).toEqual(['hrc_session']);
      // The regional session has no deadline: its first day stands in.
      const chidi = await calendarMilestones(ids.achpr);
      expect(chidi[0].dueAt.slice(0, 10)).toBe('2026-09-21');
      expect(chidi[0].title).toBe('ACHPR 87: session opens');
      // Running again changes nothing (the jobs are done; a daily sweep finds all in step).
      const before = await api.db.query(
        `SELECT count(*)::int AS n, max(version)::int AS v FROM milestones WHERE source = 'un_calendar'`,
      );
      const swept = await worker.app
        .get((await import('@witness/domain')).UnCalendarSync)
        .syncUpcoming();
      expect(swept).toEqual({ changed: 0, cancelled: 0 });
      const after = await api.db.query(
        `SELECT count(*)::int AS n, max(version)::int AS v FROM milestones WHERE source = 'un_calendar'`,
      );
      expect(after).toEqual(before);
    });

    it('a moved deadline moves its milestones (same ids); a removed one cancels them', async () => {
      const [before] = await calendarMilestones(ids.rahim);
      const entry = await ok(staff.viewer, {
        method: 'GET',
        url: `/api/v1/un-calendar/${ids.upr}`,
      });
      const moved = await as(staff.coordinator, {
        method: 'PATCH',
        url: `/api/v1/un-calendar/${ids.upr}`,
        headers: { 'if-match': `"${entry.version}"` },
        body: {
          deadlines: [
            { kind: 'stakeholder_submission', dueOn: '2026-07-22', country: 'BD' },
            // Chad's deadline is dropped.
          ],
        },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.version).toBeGreaterThan(entry.version);
      // Bangladesh's deadline kept its id.
      expect(moved.body.deadlines[0].id).toBe(
        entry.deadlines.find((d: { country: string }) => d.country === 'BD').id,
      );
      await settle();
      const [after] = await calendarMilestones(ids.rahim);
      expect(after.id).toBe(before.id);
      expect(after.dueAt.slice(0, 10)).toBe('2026-07-22');
      expect(after.status).toBe('open');
      const chad = await calendarMilestones(ids.chad);
      expect(chad.map((m) => m.status)).toEqual(['cancelled']);
      // The pending reminders of the moved milestone follow it.
      const sends = await api.db.query(
        `SELECT to_char(send_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS d FROM deliveries
          WHERE milestone_id = $1 AND state = 'pending' ORDER BY send_at`,
        [after.id],
      );
      expect(sends.length).toBeGreaterThan(0);
      expect(sends.every((s: { d: string }) => s.d < '2026-07-22')).toBe(true);
    });

    it('a case that stops fitting loses its milestone at the daily sweep', async () => {
      await event(ids.rahim, 'release', '2026-06-14');
      await worker.app.get((await import('@witness/domain')).UnCalendarSync).syncUpcoming();
      const rahim = await calendarMilestones(ids.rahim);
      expect(rahim.map((m) => m.status)).toEqual(['cancelled']);
      // The opportunity is gone too.
      const o = await opportunities(ids.upr, staff.coordinator);
      expect(o.data.map((x) => x.defender.id)).not.toContain(ids.rahim);
    });

    it('deadlines beyond the horizon wait until the daily sweep brings them in range', async () => {
      const res = await create({
        kind: 'hrc_session',
        number: 65,
        title: 'Human Rights Council, 65th session',
        startsOn: '2027-02-22',
        endsOn: '2027-04-02',
        deadlines: [{ kind: 'written_statement', dueOn: '2027-02-01' }],
      });
      expect(res.status).toBe(201);
      await settle();
      expect(
        (await calendarMilestones(ids.otherSession)).filter((m) => m.status === 'open'),
      ).toEqual([]);
      api.clock.set(new Date('2026-10-15T10:00:00Z'));
      await worker.app.get((await import('@witness/domain')).UnCalendarSync).syncUpcoming();
      const jose = await calendarMilestones(ids.otherSession);
      expect(jose.map((m) => [m.kind, m.dueAt.slice(0, 10), m.status])).toEqual([
        ['hrc_session', '2027-02-01', 'open'],
      ]);
      api.clock.set(new Date('2026-06-15T10:00:00Z'));
    });

    it('reminders of a calendar milestone reach its owner through the ordinary pipeline', async () => {
      const [m] = await calendarMilestones(ids.decidable);
      // P14D before 15 July.
      api.clock.set(new Date('2026-07-01T12:00:00Z'));
      await worker.tick();
      await worker.drain();
      const inbox = await as(owner, { method: 'GET', url: '/api/v1/notifications?unread=true' });
      expect(inbox.status).toBe(200);
      const mine = (inbox.body.data as { milestoneId: string; title: string }[]).filter(
        (n) => n.milestoneId === m.id,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0].title).toContain('WGAD 107');
      api.clock.set(new Date('2026-06-15T10:00:00Z'));
    });

    it('removing an entry cancels its open milestones', async () => {
      const res = await as(staff.coordinator, {
        method: 'DELETE',
        url: `/api/v1/un-calendar/${ids.achprSession}`,
      });
      expect(res.status).toBe(204);
      await settle();
      const chidi = await calendarMilestones(ids.achpr);
      expect(chidi.map((m) => m.status)).toEqual(['cancelled']);
      const gone = await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/un-calendar/${ids.achprSession}`,
      });
      expect(gone.status).toBe(404);
    });
  });
});
