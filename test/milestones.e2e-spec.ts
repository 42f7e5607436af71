import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DispatchService } from '@witness/domain';
import { verifyWebhook } from '@witness/platform';
import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { header, readable, startSmtp, type Mail } from './support/smtp';
import { createStaff, createUser, type TestUser, asUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * Milestones and their reminders end to end: the real api and the real worker module (both
 * in-process, one database clone, one BullMQ prefix, one ManualClock), a real SMTP server
 * and a real HTTP receiver. Time moves only when a test moves the clock; the worker's
 * recurring tick is an hour of real time away, so each delivery happens on `worker.tick()`.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver for webhooks on 127.0.0.1. */
async function startReceiver(): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/witness`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('milestones and reminders', () => {
  const mails: Mail[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let smtpEnv: Record<string, string>;
  let api: TestApi;
  let worker: TestWorker;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  /** A caseworker NOT assigned to the restricted case. */
  let outsider: TestUser;
  let standardCase: { id: string; fullName: string };
  let restrictedCase: { id: string; fullName: string };

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  const createMilestone = async (user: TestUser, body: Record<string, unknown>) => {
    const res = await as(user, { method: 'POST', url: '/api/v1/milestones', body });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; dueAt: string; title: string };
  };

  const deliveriesOf = (milestoneId: string) =>
    api.db.query<
      {
        id: string;
        offset: string;
        recipient_id: string;
        channel: string;
        state: string;
        send_at: Date;
        late: boolean;
        attempts: number;
        last_error: string | null;
      }[]
    >(
      `SELECT id, "offset", recipient_id, channel, state, send_at, late, attempts, last_error
         FROM deliveries WHERE milestone_id = $1 ORDER BY "offset", channel, recipient_id`,
      [milestoneId],
    );

  const unread = async (user: TestUser) => {
    const res = await as(user, { method: 'GET', url: '/api/v1/notifications?unread=true' });
    expect(res.status).toBe(200);
    return res.body.data as {
      id: string;
      title: string;
      body: string;
      link: string;
      milestoneId: string;
      late: boolean;
    }[];
  };

  const mailsTo = (user: TestUser) => mails.filter((m) => m.to.includes(user.email));

  /** Move the shared clock to `at` (never backwards), tick once and wait for the deliveries. */
  const runAt = async (at: number): Promise<number> => {
    if (at > api.clock.now().getTime()) api.clock.set(new Date(at));
    const n = await worker.tick();
    await worker.drain();
    return n;
  };

  const iso = (ms: number) => new Date(ms).toISOString();
  const dateIn = (days: number) => iso(api.clock.now().getTime() + days * DAY).slice(0, 10);

  beforeAll(async () => {
    smtp = await startSmtp(mails);
    smtpEnv = {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Witness <alerts@witness.test>',
      PUBLIC_BASE_URL: 'https://witness.example.org',
      PROFILE_REVIEW_DAYS: '30',
      // The test's webhook receiver listens on loopback: the operator's allow-list lets it in.
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    };
    api = await startApi({ env: smtpEnv, now: '2026-06-15T10:00:00Z' });
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env: smtpEnv,
    });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');
    const mk = async (body: Record<string, unknown>) => {
      const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/defenders', body });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, fullName: res.body.fullName as string };
    };
    standardCase = await mk({ fullName: 'Amina Haddad', country: 'EG' });
    restrictedCase = await mk({ fullName: 'Samir Khalil', country: 'EG', access: 'restricted' });
    const assign = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${restrictedCase.id}/assignees`,
      body: { userId: staff.caseworker.id },
    });
    expect(assign.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  describe('CRUD', () => {
    it('creates, reads, edits with If-Match, lists with filters and cancels', async () => {
      const cw = staff.caseworker;
      const created = await as(cw, {
        method: 'POST',
        url: '/api/v1/milestones',
        body: {
          defenderId: standardCase.id,
          kind: 'wgad_reply_due',
          title: '  WGAD: government reply due  ',
          dueAt: '2026-07-01T09:30:00+02:00',
          remindBefore: ['P7D', 'P1D', 'PT2H'],
          assigneeIds: [cw.id],
          notes: 'Ask the lawyer for the latest court papers.',
        },
      });
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe('"1"');
      expect(created.headers.location).toBe(`/api/v1/milestones/${created.body.id}`);
      expect(created.body).toMatchObject({
        defenderId: standardCase.id,
        kind: 'wgad_reply_due',
        title: 'WGAD: government reply due',
        dueAt: '2026-07-01T07:30:00.000Z',
        allDay: false,
        remindBefore: ['P7D', 'P1D', 'PT2H'],
        assigneeIds: [cw.id],
        status: 'open',
        source: null,
        version: 1,
      });
      const id = created.body.id as string;

      // One delivery per offset x recipient x channel (in-app and email: SMTP is configured).
      const planned = await deliveriesOf(id);
      expect(planned).toHaveLength(6);
      expect(planned.every((d) => d.state === 'pending' && d.recipient_id === cw.id)).toBe(true);
      const p1d = planned.find((d) => d.offset === 'P1D' && d.channel === 'in_app')!;
      expect(p1d.send_at.toISOString()).toBe('2026-06-30T07:30:00.000Z');

      const read = await as(staff.viewer, { method: 'GET', url: `/api/v1/milestones/${id}` });
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body.notes).toBe('Ask the lawyer for the latest court papers.');

      const url = `/api/v1/milestones/${id}`;
      const noIfMatch = await as(cw, { method: 'PATCH', url, body: { title: 'X' } });
      expect(noIfMatch.status).toBe(428);
      const stale = await as(cw, {
        method: 'PATCH',
        url,
        body: { title: 'X' },
        headers: { 'if-match': '"7"' },
      });
      expect(stale.status).toBe(412);
      expect((await as(cw, { method: 'GET', url })).body.title).toBe('WGAD: government reply due');

      const moved = await as(cw, {
        method: 'PATCH',
        url,
        body: { dueAt: '2026-07-02T09:30:00+02:00', title: 'WGAD reply due' },
        headers: { 'if-match': '"1"' },
      });
      expect(moved.status).toBe(200);
      expect(moved.headers.etag).toBe('"2"');
      expect(moved.body).toMatchObject({ version: 2, dueAt: '2026-07-02T07:30:00.000Z' });
      const replanned = (await deliveriesOf(id)).find(
        (d) => d.offset === 'P1D' && d.channel === 'in_app',
      )!;
      expect(replanned.send_at.toISOString()).toBe('2026-07-01T07:30:00.000Z');
      expect(replanned.id).toBe(p1d.id);

      // A general milestone (no case) is open to all staff.
      const general = await createMilestone(staff.coordinator, {
        kind: 'hrc_session',
        title: 'HRC 62nd session opens',
        dueAt: '2026-07-03T08:00:00Z',
        allDay: false,
        remindBefore: ['P7D'],
      });

      const list = async (user: TestUser, q: string) => {
        const res = await as(user, { method: 'GET', url: `/api/v1/milestones?${q}` });
        expect(res.status).toBe(200);
        return (res.body.data as { id: string }[]).map((m) => m.id);
      };
      expect(await list(cw, `defenderId=${standardCase.id}&kind=wgad_reply_due`)).toEqual([id]);
      expect(await list(cw, `defenderId=${standardCase.id}&status=done`)).toEqual([]);
      expect(await list(cw, `assigneeId=${cw.id}&kind=wgad_reply_due`)).toEqual([id]);
      expect(await list(cw, `assigneeId=${staff.admin.id}&kind=wgad_reply_due`)).toEqual([]);
      expect(
        await list(cw, 'from=2026-07-02T00:00:00Z&to=2026-07-04T00:00:00%2B00:00&limit=200'),
      ).toEqual([id, general.id]);
      expect(await list(staff.viewer, 'from=2026-07-02T07:30:01Z&to=2026-07-04T00:00:00Z')).toEqual(
        [general.id],
      );

      // Keyset pagination by due date.
      const page1 = await as(cw, {
        method: 'GET',
        url: '/api/v1/milestones?from=2026-07-02T00:00:00Z&to=2026-07-04T00:00:00Z&limit=1',
      });
      expect(page1.body.data.map((m: { id: string }) => m.id)).toEqual([id]);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await as(cw, {
        method: 'GET',
        url: `/api/v1/milestones?from=2026-07-02T00:00:00Z&to=2026-07-04T00:00:00Z&limit=1&cursor=${page1.body.nextCursor}`,
      });
      expect(page2.body.data.map((m: { id: string }) => m.id)).toEqual([general.id]);
      expect(page2.body.nextCursor).toBeNull();

      const ofCase = await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/defenders/${standardCase.id}/milestones?kind=wgad_reply_due`,
      });
      expect(ofCase.status).toBe(200);
      expect(ofCase.body.data.map((m: { id: string }) => m.id)).toEqual([id]);

      // Writes need caseworker, coordinator or admin.
      expect(
        (
          await as(staff.viewer, {
            method: 'POST',
            url: '/api/v1/milestones',
            body: { kind: 'custom', title: 'x', dueAt: '2026-07-01T00:00:00Z' },
          })
        ).status,
      ).toBe(403);
      expect((await as(staff.viewer, { method: 'DELETE', url })).status).toBe(403);
      expect((await api.request({ method: 'GET', url, anonymous: true })).status).toBe(401);

      // DELETE cancels: the milestone stays, its pending reminders are cancelled.
      const del = await as(cw, { method: 'DELETE', url });
      expect(del.status).toBe(204);
      const after = await as(cw, { method: 'GET', url });
      expect(after.body).toMatchObject({ status: 'cancelled', version: 3 });
      expect((await deliveriesOf(id)).every((d) => d.state === 'cancelled')).toBe(true);
      expect((await as(cw, { method: 'DELETE', url })).status).toBe(204);
    });

    it('stores an all-day milestone on the date as written, whatever the offset', async () => {
      const m = await createMilestone(staff.caseworker, {
        defenderId: standardCase.id,
        kind: 'sentence_end',
        title: 'End of sentence',
        dueAt: '2026-09-10T00:00:00+03:00',
        allDay: true,
        remindBefore: ['P1D'],
        assigneeIds: [],
      });
      expect(m.dueAt).toBe('2026-09-10T00:00:00.000Z');
    });
  });

  describe('validation', () => {
    const valid = () => ({
      defenderId: standardCase.id,
      kind: 'custom',
      title: 'Call the family',
      dueAt: '2026-08-01T10:00:00Z',
    });
    const post = (body: unknown) =>
      as(staff.caseworker, { method: 'POST', url: '/api/v1/milestones', body });
    /** The fields named, once each (a field can break several rules). */
    const fields = (res: TestResponse) => [
      ...new Set((res.body.errors as { field: string }[]).map((e) => e.field)),
    ];

    it.each([
      [['P1Y'], 'remindBefore[0]'],
      [['7 days'], 'remindBefore[0]'],
      [['P1D', 'PT0H'], 'remindBefore[1]'],
      [['P1D', 'P400D'], 'remindBefore[1]'],
    ])('refuses reminder offsets %j, naming %s', async (remindBefore, field) => {
      const res = await post({ ...valid(), remindBefore });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(res)).toEqual([field]);
    });

    it.each([
      ['2026-08-01T10:00:00', 'without a zone'],
      ['2026-08-01', 'a bare date'],
      ['2026-02-30T10:00:00Z', 'a date that does not exist'],
      ['tomorrow', 'words'],
      [1785578400000, 'a number'],
    ])('refuses dueAt %j (%s)', async (dueAt: string | number, _why: string) => {
      const res = await post({ ...valid(), dueAt });
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['dueAt']);
    });

    it('refuses unknown fields, bad values and bad ids, naming each', async () => {
      const unknown = await post({ ...valid(), priority: 'high' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ field: 'priority', message: 'is not a known field' }]);

      const many = await post({
        ...valid(),
        defenderId: 'not-a-uuid',
        kind: 'party',
        title: '   ',
        allDay: 'yes',
        remindBefore: Array.from({ length: 11 }, () => 'P1D'),
        assigneeIds: ['nope'],
        notes: 'x'.repeat(5001),
        status: 'maybe',
      });
      expect(many.status).toBe(400);
      expect(new Set(fields(many))).toEqual(
        new Set([
          'defenderId',
          'kind',
          'title',
          'allDay',
          'remindBefore',
          'assigneeIds',
          'notes',
          'status',
        ]),
      );
      const tooMany = await post({
        ...valid(),
        assigneeIds: Array.from({ length: 21 }, () => staff.caseworker.id),
      });
      expect(fields(tooMany)).toEqual(['assigneeIds']);

      // Assignees must be active staff who can act on it: not a viewer, not an unknown id.
      const viewer = await post({
        ...valid(),
        assigneeIds: [staff.caseworker.id, staff.viewer.id, '00000000-0000-4000-8000-000000000000'],
      });
      expect(viewer.status).toBe(400);
      expect(fields(viewer)).toEqual(['assigneeIds[1]', 'assigneeIds[2]']);

      expect(
        (await post({ ...valid(), defenderId: '00000000-0000-4000-8000-000000000000' })).status,
      ).toBe(404);

      const badId = await as(staff.viewer, { method: 'GET', url: '/api/v1/milestones/123' });
      expect(badId.status).toBe(400);
      expect(fields(badId)).toEqual(['id']);
      const none = await as(staff.viewer, {
        method: 'GET',
        url: '/api/v1/milestones/00000000-0000-4000-8000-000000000000',
      });
      expect(none.status).toBe(404);
      expect(
        (await as(staff.viewer, { method: 'GET', url: '/api/v1/defenders/xyz/milestones' })).status,
      ).toBe(400);

      // PATCH: null for a non-nullable field, offsets checked the same way.
      const m = await createMilestone(staff.caseworker, valid());
      const patch = (body: unknown) =>
        as(staff.caseworker, {
          method: 'PATCH',
          url: `/api/v1/milestones/${m.id}`,
          body,
          headers: { 'if-match': '"1"' },
        });
      expect(fields(await patch({ status: null }))).toEqual(['status']);
      expect(fields(await patch({ title: null }))).toEqual(['title']);
      expect(fields(await patch({ dueAt: '2026-08-02T10:00' }))).toEqual(['dueAt']);
      expect(fields(await patch({ remindBefore: ['P1D', 'P1M'] }))).toEqual(['remindBefore[1]']);
      expect(
        (
          await as(staff.caseworker, {
            method: 'PATCH',
            url: `/api/v1/milestones/${m.id}`,
            body: {},
            headers: { 'if-match': 'three' },
          })
        ).status,
      ).toBe(400);
    });

    it('refuses bad list filters', async () => {
      const get = (q: string) =>
        as(staff.viewer, { method: 'GET', url: `/api/v1/milestones?${q}` });
      for (const [q, field] of [
        ['from=2026-07-01', 'from'],
        ['to=soon', 'to'],
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['kind=party', 'kind'],
        ['status=late', 'status'],
        ['defenderId=12', 'defenderId'],
        ['assigneeId=12', 'assigneeId'],
        ['cursor=%25%25', 'cursor'],
        ['cursor=eyJ4IjoxfQ', 'cursor'],
        ['sort=dueAt', 'sort'],
      ]) {
        const res = await get(q);
        expect([q, res.status]).toEqual([q, 400]);
        expect(fields(res)).toEqual([field]);
      }
    });
  });

  describe('whom a milestone reminds', () => {
    it('assigneeId lists the milestones a user is reminded of: named, or via the case when none is', async () => {
      // Named by no one: it reminds the case's assigned caseworker (staff.caseworker).
      const viaCase = await createMilestone(staff.coordinator, {
        defenderId: restrictedCase.id,
        kind: 'custom',
        title: 'Call the family',
        dueAt: '2026-11-20T08:00:00Z',
        remindBefore: ['P1D'],
        assigneeIds: [],
      });
      // Named: it reminds the coordinator only, not the case's caseworker.
      const named = await createMilestone(staff.coordinator, {
        defenderId: restrictedCase.id,
        kind: 'custom',
        title: 'Brief the rapporteur',
        dueAt: '2026-11-21T08:00:00Z',
        remindBefore: ['P1D'],
        assigneeIds: [staff.coordinator.id],
      });
      const recipients = async (id: string) =>
        [...new Set((await deliveriesOf(id)).map((d) => d.recipient_id))].sort();
      expect(await recipients(viaCase.id)).toEqual([staff.caseworker.id]);
      expect(await recipients(named.id)).toEqual([staff.coordinator.id]);

      const mine = async (user: TestUser) => {
        const res = await as(user, {
          method: 'GET',
          url: `/api/v1/milestones?assigneeId=${user.id}&kind=custom&limit=200`,
        });
        expect(res.status).toBe(200);
        return (res.body.data as { id: string }[]).map((m) => m.id);
      };
      const cw = await mine(staff.caseworker);
      expect(cw).toContain(viaCase.id);
      expect(cw).not.toContain(named.id);
      const coord = await mine(staff.coordinator);
      expect(coord).toContain(named.id);
      expect(coord).not.toContain(viaCase.id);
    });
  });

  describe('access follows the defender', () => {
    it('hides a restricted case’s milestones from viewers and unassigned caseworkers', async () => {
      const m = await createMilestone(staff.coordinator, {
        defenderId: restrictedCase.id,
        kind: 'trial',
        title: 'Trial session',
        dueAt: '2026-12-01T08:00:00Z',
        remindBefore: ['P7D'],
        assigneeIds: [staff.caseworker.id, outsider.id],
      });
      const url = `/api/v1/milestones/${m.id}`;
      expect((await as(staff.caseworker, { method: 'GET', url })).status).toBe(200);
      expect((await as(staff.admin, { method: 'GET', url })).status).toBe(200);
      for (const user of [staff.viewer, outsider]) {
        expect((await as(user, { method: 'GET', url })).status).toBe(404);
        const list = await as(user, { method: 'GET', url: '/api/v1/milestones?limit=200' });
        expect(list.status).toBe(200);
        expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(m.id);
        expect(
          (
            await as(user, {
              method: 'GET',
              url: `/api/v1/milestones?defenderId=${restrictedCase.id}`,
            })
          ).body.data,
        ).toEqual([]);
        expect(
          (
            await as(user, {
              method: 'GET',
              url: `/api/v1/defenders/${restrictedCase.id}/milestones`,
            })
          ).status,
        ).toBe(404);
      }
      expect(
        (
          await as(outsider, {
            method: 'PATCH',
            url,
            body: { notes: 'x' },
            headers: { 'if-match': '"1"' },
          })
        ).status,
      ).toBe(404);
      expect((await as(outsider, { method: 'DELETE', url })).status).toBe(404);
      expect(
        (
          await as(outsider, {
            method: 'POST',
            url: '/api/v1/milestones',
            body: {
              defenderId: restrictedCase.id,
              kind: 'custom',
              title: 'x',
              dueAt: '2026-12-01T08:00:00Z',
            },
          })
        ).status,
      ).toBe(404);
      const seen = await as(staff.caseworker, {
        method: 'GET',
        url: `/api/v1/defenders/${restrictedCase.id}/milestones?kind=trial`,
      });
      expect(seen.body.data.map((x: { id: string }) => x.id)).toEqual([m.id]);

      // The unassigned caseworker is named as an assignee but is never reminded.
      const planned = await deliveriesOf(m.id);
      expect(new Set(planned.map((d) => d.recipient_id))).toEqual(new Set([staff.caseworker.id]));
    });
  });

  describe('derived milestones', () => {
    const milestonesOf = async (defenderId: string, kind: string) => {
      const res = await as(staff.coordinator, {
        method: 'GET',
        url: `/api/v1/defenders/${defenderId}/milestones?kind=${kind}`,
      });
      expect(res.status).toBe(200);
      return res.body.data as {
        id: string;
        title: string;
        dueAt: string;
        allDay: boolean;
        source: string;
        status: string;
        version: number;
      }[];
    };

    it('a future hearing creates a hearing milestone; moving the event moves it', async () => {
      const on = dateIn(20);
      const ev = await as(staff.caseworker, {
        method: 'POST',
        url: `/api/v1/defenders/${standardCase.id}/events`,
        body: { type: 'hearing', occurredOn: on, place: 'Cairo Criminal Court' },
      });
      expect(ev.status).toBe(201);
      let [hearing] = await milestonesOf(standardCase.id, 'hearing');
      expect(hearing).toMatchObject({
        title: 'Hearing at Cairo Criminal Court',
        dueAt: `${on}T00:00:00.000Z`,
        allDay: true,
        source: 'event',
        status: 'open',
      });

      const later = dateIn(27);
      const moved = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/defenders/${standardCase.id}/events/${ev.body.id}`,
        body: { occurredOn: later },
        headers: { 'if-match': ev.headers.etag as string },
      });
      expect(moved.status).toBe(200);
      const again = await milestonesOf(standardCase.id, 'hearing');
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({ id: hearing.id, dueAt: `${later}T00:00:00.000Z` });
      hearing = again[0];

      // What follows the source cannot be edited here (409); reminders and notes can.
      const url = `/api/v1/milestones/${hearing.id}`;
      const ifMatch = { 'if-match': `"${hearing.version}"` };
      const refused = await as(staff.caseworker, {
        method: 'PATCH',
        url,
        body: { dueAt: `${dateIn(40)}T09:00:00Z` },
        headers: ifMatch,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/dueAt/);
      expect(
        (
          await as(staff.caseworker, {
            method: 'PATCH',
            url,
            body: { title: 'x' },
            headers: ifMatch,
          })
        ).status,
      ).toBe(409);
      const ok = await as(staff.caseworker, {
        method: 'PATCH',
        url,
        body: { remindBefore: ['P3D'], notes: 'Bring the family' },
        headers: ifMatch,
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ remindBefore: ['P3D'], dueAt: `${later}T00:00:00.000Z` });

      // A hearing in the past is history, not a milestone.
      await as(staff.caseworker, {
        method: 'POST',
        url: `/api/v1/defenders/${standardCase.id}/events`,
        body: { type: 'hearing', occurredOn: dateIn(-10) },
      });
      expect(await milestonesOf(standardCase.id, 'hearing')).toHaveLength(1);
    });

    it('a detained defender has the next anniversary of the arrest; release cancels it', async () => {
      const d = await as(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'Leila Nasser', country: 'EG' },
      });
      const id = d.body.id as string;
      const arrest = await as(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/defenders/${id}/events`,
        body: { type: 'arrest', occurredOn: '2024-03-10' },
      });
      expect(arrest.status).toBe(201);
      const [anniversary] = await milestonesOf(id, 'detention_anniversary');
      expect(anniversary).toMatchObject({
        title: '3 years in detention',
        dueAt: '2027-03-10T00:00:00.000Z',
        source: 'anniversary',
        status: 'open',
      });

      await as(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/defenders/${id}/events`,
        body: { type: 'release', occurredOn: dateIn(0) },
      });
      const [closed] = await milestonesOf(id, 'detention_anniversary');
      expect(closed.status).toBe('cancelled');
    });

    it('a profile gets a review PROFILE_REVIEW_DAYS after its last change', async () => {
      const [review] = await milestonesOf(standardCase.id, 'profile_review');
      expect(review).toMatchObject({ source: 'profile_review', allDay: true, status: 'open' });
      // Created at the start (2026-06-15) with PROFILE_REVIEW_DAYS=30.
      expect(review.dueAt).toBe('2026-07-15T00:00:00.000Z');
    });

    it('a consent with an expiry gets a consent review', async () => {
      const expiresOn = dateIn(200);
      const res = await as(staff.caseworker, {
        method: 'POST',
        url: `/api/v1/defenders/${standardCase.id}/consents`,
        body: {
          purpose: 'public_profile',
          decision: 'given',
          givenBy: 'defender',
          method: 'written',
          decidedOn: dateIn(0),
          expiresOn,
        },
      });
      expect(res.status).toBe(201);
      const [review] = await milestonesOf(standardCase.id, 'consent_review');
      expect(review).toMatchObject({
        title: 'Consent review: public profile',
        dueAt: `${expiresOn}T00:00:00.000Z`,
        source: 'consent',
        status: 'open',
      });
    });
  });

  describe('reminders, on the manual clock', () => {
    it('delivers each reminder once in-app and by email, follows moves and cancellation', async () => {
      const user = await createUser(api, 'caseworker', 'Reminded Caseworker');
      const due = api.clock.now().getTime() + 3 * DAY;
      const m = await createMilestone(staff.caseworker, {
        defenderId: standardCase.id,
        kind: 'custom',
        title: 'Call the lawyer about the appeal',
        dueAt: iso(due),
        remindBefore: ['P1D', 'PT2H'],
        assigneeIds: [user.id],
      });
      const planned = await deliveriesOf(m.id);
      expect(planned.map((d) => [d.offset, d.channel, d.state, d.send_at.toISOString()])).toEqual([
        ['P1D', 'email', 'pending', iso(due - DAY)],
        ['P1D', 'in_app', 'pending', iso(due - DAY)],
        ['PT2H', 'email', 'pending', iso(due - 2 * HOUR)],
        ['PT2H', 'in_app', 'pending', iso(due - 2 * HOUR)],
      ]);

      // Not yet due: nothing goes out.
      await runAt(due - DAY - MIN);
      expect(await unread(user)).toHaveLength(0);

      await runAt(due - DAY + MIN);
      const inbox = await unread(user);
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({
        milestoneId: m.id,
        late: false,
        link: `/defenders/${standardCase.id}`,
      });
      expect(inbox[0].title).toContain('Call the lawyer about the appeal');
      const sent = (await deliveriesOf(m.id)).filter((d) => d.offset === 'P1D');
      expect(sent.map((d) => d.state)).toEqual(['sent', 'sent']);
      const email = mailsTo(user);
      expect(email).toHaveLength(1);
      const emailDelivery = sent.find((d) => d.channel === 'email')!;
      expect(header(email[0].raw, 'Message-ID')).toBe(`<delivery-${emailDelivery.id}@witness>`);
      expect(header(email[0].raw, 'Subject')).toContain('Call the lawyer about the appeal');
      // A standard case may be named; never its sensitive fields.
      expect(readable(email[0].raw)).toContain('Amina Haddad');
      expect(readable(email[0].raw)).toContain(
        `https://witness.example.org/defenders/${standardCase.id}`,
      );

      // Ticking again delivers nothing twice.
      await runAt(due - DAY + 2 * MIN);
      expect(await unread(user)).toHaveLength(1);
      expect(mailsTo(user)).toHaveLength(1);

      // Moving dueAt reschedules what is pending; what was sent stays sent.
      const later = due + DAY;
      const patched = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/milestones/${m.id}`,
        body: { dueAt: iso(later) },
        headers: { 'if-match': `"${m.version}"` },
      });
      expect(patched.status).toBe(200);
      const rescheduled = await deliveriesOf(m.id);
      expect(rescheduled.map((d) => [d.offset, d.state, d.send_at.toISOString()])).toEqual([
        ['P1D', 'sent', iso(due - DAY)],
        ['P1D', 'sent', iso(due - DAY)],
        ['PT2H', 'pending', iso(later - 2 * HOUR)],
        ['PT2H', 'pending', iso(later - 2 * HOUR)],
      ]);
      // The old moment of the PT2H reminder passes: nothing goes.
      await runAt(due - 2 * HOUR + MIN);
      expect(await unread(user)).toHaveLength(1);

      // Cancelling cancels what is pending; its moment passes without a reminder.
      expect(
        (await as(staff.caseworker, { method: 'DELETE', url: `/api/v1/milestones/${m.id}` }))
          .status,
      ).toBe(204);
      expect((await deliveriesOf(m.id)).map((d) => d.state)).toEqual([
        'sent',
        'sent',
        'cancelled',
        'cancelled',
      ]);
      await runAt(later - 2 * HOUR + MIN);
      expect(await unread(user)).toHaveLength(1);
      expect(mailsTo(user)).toHaveLength(1);

      // The inbox: read one, read all; someone else's notification does not exist for you.
      const n = inbox[0];
      expect(
        (await as(staff.caseworker, { method: 'POST', url: `/api/v1/notifications/${n.id}/read` }))
          .status,
      ).toBe(404);
      const read = await as(user, { method: 'POST', url: `/api/v1/notifications/${n.id}/read` });
      expect(read.status).toBe(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      expect(await unread(user)).toHaveLength(0);
      const all = await as(user, { method: 'GET', url: '/api/v1/notifications' });
      expect(all.body.data.map((x: { id: string }) => x.id)).toEqual([n.id]);
      const again = await as(user, { method: 'POST', url: `/api/v1/notifications/${n.id}/read` });
      expect(again.body.readAt).toBe(read.body.readAt);
      const readAll = await as(user, { method: 'POST', url: '/api/v1/notifications/read-all' });
      expect(readAll).toMatchObject({ status: 200, body: { updated: 0 } });
      expect(
        (await as(user, { method: 'POST', url: '/api/v1/notifications/abc/read' })).status,
      ).toBe(400);
      expect(
        (await as(user, { method: 'GET', url: '/api/v1/notifications?unread=maybe' })).status,
      ).toBe(400);
    });

    it('a reminder whose moment passed while the system was down is sent once, late', async () => {
      const user = await createUser(api, 'caseworker', 'Late Caseworker');
      const due = api.clock.now().getTime() + 2 * DAY;
      const m = await createMilestone(staff.caseworker, {
        defenderId: standardCase.id,
        kind: 'custom',
        title: 'Submit the urgent appeal',
        dueAt: iso(due),
        remindBefore: ['P1D'],
        assigneeIds: [user.id],
      });
      // Nobody ticked for three hours past its moment.
      await runAt(due - DAY + 3 * HOUR);
      const inbox = await unread(user);
      expect(inbox).toHaveLength(1);
      expect(inbox[0].late).toBe(true);
      expect((await deliveriesOf(m.id)).map((d) => [d.state, d.late])).toEqual([
        ['sent', true],
        ['sent', true],
      ]);
      expect(mailsTo(user)).toHaveLength(1);
      expect(header(mailsTo(user)[0].raw, 'Subject')).toMatch(/^\[Late\] Reminder:/);

      await runAt(due - DAY + 4 * HOUR);
      expect(await unread(user)).toHaveLength(1);
      expect(mailsTo(user)).toHaveLength(1);
    });

    it('a job that ran while its reminder was re-planned does not block the re-planned one', async () => {
      const user = await createUser(api, 'caseworker', 'Replanned Caseworker');
      // By email only: in-app reminders are delivered by the claim itself, with no job.
      const prefs = await asUser(api, user, {
        method: 'PUT',
        url: '/api/v1/me/notification-preferences',
        body: { channels: ['email'] },
      });
      expect(prefs.status).toBe(200);
      const due = api.clock.now().getTime() + 2 * DAY;
      const m = await createMilestone(staff.caseworker, {
        defenderId: standardCase.id,
        kind: 'custom',
        title: 'Re-planned reminder',
        dueAt: iso(due),
        remindBefore: ['P1D'],
        assigneeIds: [user.id],
      });
      api.clock.set(new Date(due - DAY + MIN));
      // The tick claims the reminders and enqueues them...
      const dispatch = worker.app.get(DispatchService);
      const claimed = (await dispatch.claimDue()).fresh;
      const ours = (await deliveriesOf(m.id)).map((d) => d.id);
      expect(claimed).toEqual(expect.arrayContaining(ours));
      // ...but before the jobs run, the milestone is marked done; the jobs then skip.
      const done = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/milestones/${m.id}`,
        body: { status: 'done' },
        headers: { 'if-match': '"1"' },
      });
      expect(done.status).toBe(200);
      // Enqueue what the tick had claimed (the relay step), and let the jobs run.
      const { jobIds, QueueName, ReminderJob } = await import('@witness/platform');
      const { getQueueToken } = await import('@nestjs/bullmq');
      const queue = worker.app.get(getQueueToken(QueueName.Reminders));
      await queue.addBulk(
        claimed.map((deliveryId: string) => ({
          name: ReminderJob.Deliver,
          data: { deliveryId },
          opts: { jobId: jobIds.delivery(deliveryId) },
        })),
      );
      await worker.drain();
      expect((await deliveriesOf(m.id)).map((d) => d.state)).toEqual(['cancelled']);

      // Reopened for a later day: its reminder must go out then.
      const reopened = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/milestones/${m.id}`,
        body: { status: 'open', dueAt: iso(due + 2 * DAY) },
        headers: { 'if-match': '"2"' },
      });
      expect(reopened.status).toBe(200);
      expect((await deliveriesOf(m.id)).map((d) => d.state)).toEqual(['pending']);
      await runAt(due + DAY + MIN);
      expect((await deliveriesOf(m.id)).map((d) => d.state)).toEqual(['sent']);
      expect(
        mailsTo(user).filter((mail) => header(mail.raw, 'Subject')?.includes('Re-planned')),
      ).toHaveLength(1);
    });
  });

  describe('email and webhooks carry no names of restricted cases', () => {
    it('emails a restricted case’s reminder with neither the name nor the typed title', async () => {
      const user = staff.caseworker; // assigned to the restricted case
      const before = mailsTo(user).length;
      const due = api.clock.now().getTime() + DAY + HOUR;
      const m = await createMilestone(staff.coordinator, {
        defenderId: restrictedCase.id,
        kind: 'custom',
        title: 'Prepare the UN brief',
        dueAt: iso(due),
        remindBefore: ['P1D'],
        assigneeIds: [user.id],
      });
      await runAt(due - DAY + MIN);
      const got = mailsTo(user).slice(before);
      expect(got).toHaveLength(1);
      const text = readable(got[0].raw);
      // A typed title can name the person: outside Witness only the kind and a link are said.
      expect(header(got[0].raw, 'Subject')).toMatch(/^Reminder: Reminder – /);
      expect(text).not.toContain('Prepare the UN brief');
      expect(text).toContain('a restricted case');
      expect(text).not.toMatch(/Samir|Khalil/);
      expect(text).toContain(`https://witness.example.org/defenders/${restrictedCase.id}`);
      const inApp = (await unread(user)).find((n) => n.milestoneId === m.id)!;
      expect(`${inApp.title} ${inApp.body}`).not.toMatch(/Samir|Khalil/);
    });

    it('POSTs a signed webhook the receiver can verify, without the name', async () => {
      const receiver = await startReceiver();
      try {
        const user = await createUser(api, 'caseworker', 'Webhook Caseworker');
        await as(staff.coordinator, {
          method: 'POST',
          url: `/api/v1/defenders/${restrictedCase.id}/assignees`,
          body: { userId: user.id },
        });
        const put = (body: unknown) =>
          as(user, { method: 'PUT', url: '/api/v1/me/notification-preferences', body });

        // Validation first.
        const fields = async (body: unknown) => {
          const res = await put(body);
          expect(res.status).toBe(400);
          return (res.body.errors as { field: string }[]).map((e) => e.field);
        };
        expect(await fields({ channels: ['sms'] })).toEqual(['channels']);
        expect(await fields({ channels: ['webhook'], webhookUrl: 'ftp://x.example.org/' })).toEqual(
          ['webhookUrl'],
        );
        expect(await fields({ channels: ['webhook'] })).toEqual(['webhookUrl']);
        expect(await fields({ channels: ['in_app'], digestHour: 24 })).toEqual(['digestHour']);
        expect(
          await fields({
            channels: ['in_app'],
            webhookUrl: `https://x.example.org/${'a'.repeat(500)}`,
          }),
        ).toEqual(['webhookUrl']);
        expect(await fields({ channels: ['in_app'], colour: 'red' })).toEqual(['colour']);

        expect(
          await as(user, { method: 'GET', url: '/api/v1/me/notification-preferences' }),
        ).toMatchObject({
          status: 200,
          body: { channels: ['in_app', 'email'], webhookUrl: null, digestHour: null },
        });
        const first = await put({ channels: ['webhook'], webhookUrl: receiver.url, digestHour: 8 });
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({
          channels: ['webhook'],
          webhookUrl: receiver.url,
          digestHour: 8,
        });
        expect(first.body.webhookSecret).toEqual(expect.any(String));
        const same = await put({ channels: ['webhook'], webhookUrl: receiver.url });
        expect(same.body.webhookSecret).toBeUndefined();
        const regenerated = await put({
          channels: ['webhook'],
          webhookUrl: receiver.url,
          regenerateWebhookSecret: true,
        });
        const secret = regenerated.body.webhookSecret as string;
        expect(secret).toEqual(expect.any(String));
        expect(secret).not.toBe(first.body.webhookSecret);
        const shown = await as(user, { method: 'GET', url: '/api/v1/me/notification-preferences' });
        expect(shown.body.webhookSecret).toBeUndefined();
        expect(JSON.stringify(shown.body)).not.toContain(secret);

        const due = api.clock.now().getTime() + DAY + HOUR;
        const m = await createMilestone(staff.coordinator, {
          defenderId: restrictedCase.id,
          kind: 'verdict',
          title: 'Verdict expected for Samir Khalil',
          dueAt: iso(due),
          remindBefore: ['P1D'],
          assigneeIds: [user.id],
        });
        const planned = await deliveriesOf(m.id);
        expect(planned.map((d) => d.channel)).toEqual(['webhook']);

        await runAt(due - DAY + MIN);
        expect(receiver.hits).toHaveLength(1);
        const hit = receiver.hits[0];
        expect(hit.headers['content-type']).toBe('application/json');
        expect(hit.headers['witness-delivery']).toBe(planned[0].id);
        const signature = hit.headers['witness-signature'] as string;
        expect(verifyWebhook(secret, signature, hit.body, api.clock.now())).toBe(true);
        expect(verifyWebhook(first.body.webhookSecret, signature, hit.body, api.clock.now())).toBe(
          false,
        );
        const payload = JSON.parse(hit.body);
        expect(payload).toMatchObject({
          milestoneId: m.id,
          kind: 'verdict',
          title: 'Verdict',
          late: false,
          defenderName: null,
          link: `https://witness.example.org/defenders/${restrictedCase.id}`,
        });
        expect(hit.body).not.toMatch(/Samir|Khalil|Verdict expected/);
        expect(await unread(user)).toHaveLength(0);

        await runAt(due - DAY + 2 * MIN);
        expect(receiver.hits).toHaveLength(1);
      } finally {
        await receiver.close();
      }
    });
  });

  describe('faults', () => {
    it('SMTP down: retries, then failed and listed for coordinators; the next reminders still go', async () => {
      const user = await createUser(api, 'caseworker', 'Mail Caseworker');
      const due = api.clock.now().getTime() + 3 * DAY;
      const m = await createMilestone(staff.caseworker, {
        defenderId: standardCase.id,
        kind: 'custom',
        title: 'Check on the prison visit',
        dueAt: iso(due),
        remindBefore: ['P1D', 'PT2H'],
        assigneeIds: [user.id],
      });
      const port = smtp.port;
      await smtp.close();

      // The job goes through all its attempts (drain promotes each backoff at once).
      await runAt(due - DAY + MIN);
      const first = (await deliveriesOf(m.id)).filter((d) => d.offset === 'P1D');
      const failed = first.find((d) => d.channel === 'email')!;
      expect(failed).toMatchObject({ state: 'failed', attempts: 8 });
      expect(failed.last_error).toEqual(expect.any(String));
      expect(first.find((d) => d.channel === 'in_app')!.state).toBe('sent');
      expect(await unread(user)).toHaveLength(1);

      const log = await as(staff.coordinator, {
        method: 'GET',
        url: '/api/v1/deliveries?status=failed',
      });
      expect(log.status).toBe(200);
      expect(log.body.find((d: { id: string }) => d.id === failed.id)).toMatchObject({
        milestoneId: m.id,
        offset: 'P1D',
        recipientId: user.id,
        channel: 'email',
        state: 'failed',
        attempts: 8,
      });
      expect(log.body.every((d: { state: string }) => d.state === 'failed')).toBe(true);
      expect(
        (await as(staff.admin, { method: 'GET', url: '/api/v1/deliveries?status=failed&limit=5' }))
          .status,
      ).toBe(200);
      for (const who of [staff.caseworker, staff.viewer]) {
        expect((await as(who, { method: 'GET', url: '/api/v1/deliveries' })).status).toBe(403);
      }
      expect(
        (await as(staff.coordinator, { method: 'GET', url: '/api/v1/deliveries?status=lost' }))
          .status,
      ).toBe(400);

      // SMTP is back: the next reminder goes by email.
      smtp = await startSmtp(mails, port);
      await runAt(due - 2 * HOUR + MIN);
      const second = (await deliveriesOf(m.id)).filter((d) => d.offset === 'PT2H');
      expect(second.map((d) => d.state)).toEqual(['sent', 'sent']);
      const got = mailsTo(user);
      expect(got).toHaveLength(1);
      expect(header(got[0].raw, 'Subject')).toContain('Check on the prison visit');
      expect(header(got[0].raw, 'Message-ID')).toBe(
        `<delivery-${second.find((d) => d.channel === 'email')!.id}@witness>`,
      );
    });

    it('two workers ticking and delivering at once deliver each reminder exactly once', async () => {
      const users = [
        await createUser(api, 'caseworker', 'Race One'),
        await createUser(api, 'caseworker', 'Race Two'),
      ];
      const due = api.clock.now().getTime() + 4 * HOUR;
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const m = await createMilestone(staff.caseworker, {
          defenderId: standardCase.id,
          kind: 'custom',
          title: `Race ${i}`,
          dueAt: iso(due),
          remindBefore: ['PT3H', 'PT2H'],
          assigneeIds: users.map((u) => u.id),
        });
        ids.push(m.id);
      }
      const deliveries = (
        await api.db.query<{ id: string; channel: string }[]>(
          `SELECT id, channel FROM deliveries WHERE milestone_id = ANY($1)`,
          [ids],
        )
      ).map((d) => d);
      expect(deliveries).toHaveLength(10 * 2 * 2 * 2);

      const second = await startWorker({
        dbUrl: api.dbUrl,
        queuePrefix: api.queuePrefix,
        clock: api.clock,
        env: smtpEnv,
      });
      try {
        api.clock.set(new Date(due - 2 * HOUR + MIN));
        const enqueued = await Promise.all([
          worker.tick(),
          second.tick(),
          worker.tick(),
          second.tick(),
        ]);
        expect(enqueued.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(deliveries.length);
        // A job run twice (a stalled job picked up again) changes nothing either.
        const a = worker.app.get(DispatchService);
        const b = second.app.get(DispatchService);
        await Promise.all(
          deliveries.flatMap((d) => [a.deliver(d.id, false), b.deliver(d.id, false)]),
        );
        await Promise.all([worker.drain(), second.drain()]);
      } finally {
        await second.close();
      }

      const states = await api.db.query<{ state: string; n: number }[]>(
        `SELECT state, count(*)::int AS n FROM deliveries WHERE milestone_id = ANY($1) GROUP BY state`,
        [ids],
      );
      expect(states).toEqual([{ state: 'sent', n: deliveries.length }]);
      const perDelivery = await api.db.query<{ delivery_id: string; n: number }[]>(
        `SELECT delivery_id, count(*)::int AS n FROM notifications WHERE milestone_id = ANY($1)
          GROUP BY delivery_id`,
        [ids],
      );
      const inApp = deliveries.filter((d) => d.channel === 'in_app');
      expect(perDelivery).toHaveLength(inApp.length);
      expect(perDelivery.every((r) => r.n === 1)).toBe(true);
      for (const u of users) expect(await unread(u)).toHaveLength(20);

      const emailIds = new Set(deliveries.filter((d) => d.channel === 'email').map((d) => d.id));
      const messageIds = users
        .flatMap((u) => mailsTo(u))
        .map(
          (mail) =>
            /<delivery-([0-9a-f-]+)@witness>/.exec(header(mail.raw, 'Message-ID') ?? '')?.[1],
        );
      expect(messageIds).toHaveLength(emailIds.size);
      expect(new Set(messageIds)).toEqual(emailIds);
    });
  });
});
