import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { asUser, createStaff, createUser, type TestUser } from './support/users';

/**
 * Private calendar feeds end to end, against the real api: a user creates a feed URL, a
 * calendar app (no sign-in) fetches it, and ical.js (a standard parser) reads what it got.
 * Milestones are created through the milestones API and UN calendar entries through the UN
 * calendar API; cases carry recognisable strings in their sensitive fields, so the raw feed
 * can be searched for any of them.
 */

const BASE = 'https://witness.example.org';
/** The public routes' per-address budget, small here so the limit can be reached. */
const BUDGET = 5;
const FEED_PREFIX = `${BASE}/api/v1/calendar-feeds/`;

/** Values that must never appear in a feed. */
const SENSITIVE = {
  contactName: 'Yasmin Contactperson',
  contactPhone: '+20 100 555 0199',
  contactEmail: 'yasmin.secret@example.org',
  confidential: 'CONFIDENTIAL-NOTE-Qx7 the source is a prison guard',
  milestoneNote: 'MILESTONE-NOTE-Zk4 call the lawyer on her private line',
};
const RESTRICTED_NAME = 'Samir Khalil';
const STANDARD_NAME = 'Amina Haddad';

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

interface FeedEvent {
  uid: string;
  summary: string;
  description: string | null;
  start: InstanceType<typeof ICAL.Time>;
  end: InstanceType<typeof ICAL.Time>;
  status: string | null;
  url: string | null;
  component: InstanceType<typeof ICAL.Component>;
}

function parseFeed(ics: string): FeedEvent[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description ?? null,
      start: e.startDate,
      end: e.endDate,
      status: (c.getFirstPropertyValue('status') as string | null) ?? null,
      url: (c.getFirstPropertyValue('url') as string | null) ?? null,
      component: c,
    };
  });
}

describe('calendar feeds', () => {
  let api: TestApi;
  let staff: Staff;
  /** A caseworker NOT assigned to the restricted case. */
  let outsider: TestUser;
  const ids: Record<string, string> = {};

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  const ok = async (user: TestUser, o: RequestOptions, status = 200) => {
    const res = await as(user, o);
    if (res.status !== status)
      throw new Error(`${o.method} ${o.url}: ${res.status} ${res.text.slice(0, 500)}`);
    return res.body;
  };

  const milestone = async (body: Record<string, unknown>) =>
    (await ok(staff.coordinator, { method: 'POST', url: '/api/v1/milestones', body }, 201))
      .id as string;

  /** Create (or rotate) the user's feed; returns its URL. */
  const issue = async (user: TestUser, body?: Record<string, unknown>): Promise<string> => {
    const res = await as(user, { method: 'POST', url: '/api/v1/me/calendar-feed', body });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.url.startsWith(FEED_PREFIX)).toBe(true);
    return res.body.url as string;
  };

  /**
   * Fetch a feed URL as a calendar app does: no Authorization, no cookie. Each fetch from an
   * address of its own, so the small budget is reached only where a test means to.
   */
  let addresses = 0;
  const fetchFeed = (
    url: string,
    ip = `10.9.${Math.floor(++addresses / 250)}.${addresses % 250}`,
  ) =>
    api.request({
      method: 'GET',
      url: url.slice(BASE.length),
      anonymous: true,
      headers: { 'x-forwarded-for': ip },
    });

  const secretOf = (url: string) => url.slice(FEED_PREFIX.length, -'.ics'.length);

  beforeAll(async () => {
    api = await startApi({
      now: '2026-06-15T10:00:00Z',
      env: {
        PUBLIC_BASE_URL: BASE,
        PUBLIC_RATE_LIMIT_PER_MINUTE: String(BUDGET),
        // Requests come from 127.0.0.1 as from a reverse proxy: each X-Forwarded-For is a client.
        TRUST_PROXY: '127.0.0.1',
      },
    });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');

    const sensitive = {
      contacts: [
        {
          name: SENSITIVE.contactName,
          relation: 'family',
          phone: SENSITIVE.contactPhone,
          email: SENSITIVE.contactEmail,
        },
      ],
      confidentialNotes: SENSITIVE.confidential,
    };
    ids.standard = (
      await ok(
        staff.coordinator,
        {
          method: 'POST',
          url: '/api/v1/defenders',
          body: { fullName: STANDARD_NAME, country: 'EG', ...sensitive },
        },
        201,
      )
    ).id;
    ids.restricted = (
      await ok(
        staff.coordinator,
        {
          method: 'POST',
          url: '/api/v1/defenders',
          body: { fullName: RESTRICTED_NAME, country: 'EG', access: 'restricted', ...sensitive },
        },
        201,
      )
    ).id;
    await ok(
      staff.coordinator,
      {
        method: 'POST',
        url: `/api/v1/defenders/${ids.restricted}/assignees`,
        body: { userId: staff.caseworker.id },
      },
      201,
    );

    const cw = staff.caseworker.id;
    // A timed hearing on the standard case (09:30 in Cairo = 06:30Z), with notes.
    ids.hearing = await milestone({
      defenderId: ids.standard,
      kind: 'hearing',
      title: 'Appeal hearing',
      dueAt: '2026-07-01T09:30:00+03:00',
      assigneeIds: [cw],
      notes: SENSITIVE.milestoneNote,
    });
    // An all-day one on the restricted case whose typed title names the person; the
    // outsider is (wrongly) among its assignees but cannot see the case.
    ids.restrictedTrial = await milestone({
      defenderId: ids.restricted,
      kind: 'trial',
      title: `${RESTRICTED_NAME} trial at Tora`,
      dueAt: '2026-07-10T00:00:00Z',
      allDay: true,
      assigneeIds: [cw, outsider.id],
      notes: SENSITIVE.milestoneNote,
    });
    // General ones: in the window, before it, after it, someone else's, and cancelled.
    ids.general = await milestone({
      kind: 'custom',
      title: 'Campaign planning day',
      dueAt: '2026-06-01T00:00:00Z',
      allDay: true,
      assigneeIds: [cw, outsider.id],
    });
    ids.tooOld = await milestone({
      kind: 'custom',
      title: 'Long past',
      dueAt: '2026-05-01T00:00:00Z',
      allDay: true,
      assigneeIds: [cw],
    });
    ids.tooFar = await milestone({
      kind: 'custom',
      title: 'Far ahead',
      dueAt: '2027-08-01T00:00:00Z',
      allDay: true,
      assigneeIds: [cw],
    });
    ids.notMine = await milestone({
      kind: 'custom',
      title: 'Not for the caseworker',
      dueAt: '2026-08-01T00:00:00Z',
      allDay: true,
      assigneeIds: [staff.coordinator.id],
    });
    ids.cancelled = await milestone({
      kind: 'custom',
      title: 'Cancelled meeting',
      dueAt: '2026-08-02T12:00:00Z',
      assigneeIds: [cw],
    });
    await ok(
      staff.coordinator,
      { method: 'DELETE', url: `/api/v1/milestones/${ids.cancelled}` },
      204,
    );

    // The UN calendar, through its API.
    const hrc = await ok(
      staff.coordinator,
      {
        method: 'POST',
        url: '/api/v1/un-calendar',
        body: {
          kind: 'hrc_session',
          number: 63,
          title: 'Human Rights Council, 63rd regular session',
          startsOn: '2026-09-14',
          endsOn: '2026-10-09',
          location: 'Geneva, Palais des Nations',
          deadlines: [
            { kind: 'written_statement', dueOn: '2026-08-24' },
            { kind: 'side_event_request', dueOn: '2026-08-31' },
          ],
          sourceUrl: 'https://www.ohchr.org/en/hr-bodies/hrc/regular-sessions/session63',
        },
      },
      201,
    );
    ids.hrc = hrc.id;
    const upr = await ok(
      staff.coordinator,
      {
        method: 'POST',
        url: '/api/v1/un-calendar',
        body: {
          kind: 'upr_session',
          number: 52,
          title: 'UPR Working Group, 52nd session',
          startsOn: '2026-11-02',
          endsOn: '2026-11-13',
          countries: ['BD', 'EG'],
          deadlines: [
            { kind: 'stakeholder_submission', dueOn: '2026-07-20', country: 'BD' },
            { kind: 'stakeholder_submission', dueOn: '2026-07-27', country: 'EG' },
          ],
          sample: true,
        },
      },
      201,
    );
    ids.upr = upr.id;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('the feed', () => {
    let url: string;
    let res: TestResponse;
    let events: FeedEvent[];
    const byUid = (uid: string) => events.find((e) => e.uid === uid);
    const milestoneUid = (id: string) => `milestone-${id}@witness.example.org`;

    beforeAll(async () => {
      url = await issue(staff.caseworker);
      res = await fetchFeed(url);
      events = parseFeed(res.text);
    });

    it('is an iCalendar document, private and never cached, fetched without signing in', () => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      const cal = new ICAL.Component(ICAL.parse(res.text));
      expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Witness');
    });

    it('has the milestones the user is reminded of, in the window, with the right dates', () => {
      const hearing = byUid(milestoneUid(ids.hearing))!;
      expect(hearing.summary).toBe('Appeal hearing');
      expect(hearing.start.isDate).toBe(false);
      expect(hearing.start.toJSDate().toISOString()).toBe('2026-07-01T06:30:00.000Z');
      expect(hearing.url).toBe(`${BASE}/app/milestones/${ids.hearing}`);
      expect(hearing.status).toBe('CONFIRMED');

      const general = byUid(milestoneUid(ids.general))!;
      expect(general.start.isDate).toBe(true);
      expect(general.start.toString()).toBe('2026-06-01');
      expect(general.end.toString()).toBe('2026-06-02');

      for (const id of [ids.tooOld, ids.tooFar, ids.notMine]) {
        expect(byUid(milestoneUid(id))).toBeUndefined();
      }
    });

    it('lists a recently cancelled milestone as CANCELLED, so calendars drop it', () => {
      expect(byUid(milestoneUid(ids.cancelled))!.status).toBe('CANCELLED');
    });

    it("shows a restricted case's milestone without any name, and no name of a standard case by default", () => {
      const trial = byUid(milestoneUid(ids.restrictedTrial))!;
      expect(trial.summary).toBe('Trial — restricted case');
      expect(trial.start.toString()).toBe('2026-07-10');
      expect(res.text).not.toContain('Samir');
      expect(res.text).not.toContain('Khalil');
      expect(res.text).not.toContain('Tora');
      expect(res.text).not.toContain('Amina');
      expect(res.text).not.toContain('Haddad');
    });

    it('holds no sensitive field: no contacts, confidential notes or milestone notes', () => {
      for (const value of Object.values(SENSITIVE)) {
        expect(res.text).not.toContain(value);
        // Folding could split a value across lines: search the unfolded text too.
        expect(res.text.replace(/\r\n /g, '')).not.toContain(value);
      }
      expect(res.text.replace(/\r\n /g, '')).not.toMatch(/Yasmin|CONFIDENTIAL|MILESTONE-NOTE/);
    });

    it('has each UN entry (by the import mapping) and each of its deadlines as an all-day event', () => {
      const hrc = byUid(`un-calendar-${ids.hrc}@witness.example.org`)!;
      expect(hrc.summary).toBe('Human Rights Council, 63rd regular session');
      expect(hrc.start.isDate).toBe(true);
      expect(hrc.start.toString()).toBe('2026-09-14');
      expect(hrc.end.toString()).toBe('2026-10-10');
      expect(hrc.url).toBe('https://www.ohchr.org/en/hr-bodies/hrc/regular-sessions/session63');
      expect(hrc.component.getFirstPropertyValue('x-witness-kind')).toBe('hrc_session');
      expect(hrc.component.getFirstPropertyValue('x-witness-number')).toBe('63');
      expect(hrc.component.getFirstPropertyValue('x-witness-app-url')).toBe(
        `${BASE}/app/calendar/entries/${ids.hrc}`,
      );
      expect(
        hrc.component
          .getAllProperties('x-witness-deadline')
          .map((p) => [p.getParameter('x-kind'), p.getFirstValue()]),
      ).toEqual([
        ['written_statement', '20260824'],
        ['side_event_request', '20260831'],
      ]);

      const upr = byUid(`un-calendar-${ids.upr}@witness.example.org`)!;
      expect(upr.component.getFirstPropertyValue('x-witness-countries')).toBe('BD,EG');
      expect(upr.component.getFirstPropertyValue('x-witness-sample')).toBe('TRUE');
      expect(upr.status).toBe('TENTATIVE');

      const deadlines = events.filter((e) => e.component.hasProperty('x-witness-deadline-of'));
      expect(
        deadlines
          .map((d) => [
            d.component.getFirstPropertyValue('x-witness-deadline-of'),
            d.start.toString(),
            d.start.isDate,
          ])
          .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      ).toEqual([
        [upr.uid, '2026-07-20', true],
        [upr.uid, '2026-07-27', true],
        [hrc.uid, '2026-08-24', true],
        [hrc.uid, '2026-08-31', true],
      ]);
      const egDeadline = deadlines.find((d) => d.start.toString() === '2026-07-27')!;
      expect(egDeadline.summary).toBe('UPR 52: stakeholder submission due (EG)');
      expect(egDeadline.url).toBe(`${BASE}/app/calendar/entries/${ids.upr}`);
    });

    it("an unassigned caseworker's feed leaves out the restricted case's milestones", async () => {
      const own = await fetchFeed(await issue(outsider));
      expect(own.status).toBe(200);
      const uids = parseFeed(own.text).map((e) => e.uid);
      expect(uids).toContain(milestoneUid(ids.general));
      expect(uids).not.toContain(milestoneUid(ids.restrictedTrial));
      expect(own.text).not.toContain('restricted case');
      // The UN calendar is for everyone.
      expect(uids).toContain(`un-calendar-${ids.hrc}@witness.example.org`);
    });

    it('names standard cases only when asked to, and restricted ones never', async () => {
      const named = await fetchFeed(await issue(staff.caseworker, { includeNames: true }));
      expect(named.status).toBe(200);
      const all = parseFeed(named.text);
      expect(all.find((e) => e.uid === milestoneUid(ids.hearing))!.summary).toBe(
        `Appeal hearing — ${STANDARD_NAME}`,
      );
      expect(all.find((e) => e.uid === milestoneUid(ids.restrictedTrial))!.summary).toBe(
        'Trial — restricted case',
      );
      expect(named.text).not.toContain('Samir');
      expect(named.text).not.toContain('Khalil');
      // Rotating without the option keeps it.
      const kept = await fetchFeed(await issue(staff.caseworker));
      expect(kept.text).toContain(STANDARD_NAME);
      const off = await fetchFeed(await issue(staff.caseworker, { includeNames: false }));
      expect(off.text).not.toContain(STANDARD_NAME);
    });

    it('drops a case the user can no longer see', async () => {
      const user = await createUser(api, 'caseworker', 'Soon Unassigned');
      await ok(
        staff.coordinator,
        {
          method: 'POST',
          url: `/api/v1/defenders/${ids.restricted}/assignees`,
          body: { userId: user.id },
        },
        201,
      );
      const id = await milestone({
        defenderId: ids.restricted,
        kind: 'hearing',
        title: 'Bail hearing',
        dueAt: '2026-07-20T00:00:00Z',
        allDay: true,
        assigneeIds: [user.id],
      });
      const feedUrl = await issue(user);
      expect(parseFeed((await fetchFeed(feedUrl)).text).map((e) => e.uid)).toContain(
        milestoneUid(id),
      );
      await ok(
        staff.coordinator,
        { method: 'DELETE', url: `/api/v1/defenders/${ids.restricted}/assignees/${user.id}` },
        204,
      );
      expect(parseFeed((await fetchFeed(feedUrl)).text).map((e) => e.uid)).not.toContain(
        milestoneUid(id),
      );
    });
  });

  describe('secrets', () => {
    it('keeps only a SHA-256 of the secret, and audits each change without it', async () => {
      const user = await createUser(api, 'viewer', 'Secret Keeper');
      const first = await issue(user);
      const second = await issue(user);
      await ok(user, { method: 'DELETE', url: '/api/v1/me/calendar-feed' }, 204);
      const rows = await api.db.query(
        `SELECT to_jsonb(f)::text AS row, secret_hash FROM calendar_feeds f WHERE user_id = $1`,
        [user.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].secret_hash).toBeNull();
      expect(rows[0].row).not.toContain(secretOf(second));

      const audit = await api.db.query(
        `SELECT action, to_jsonb(a)::text AS row FROM audit_events a
          WHERE entity_type = 'calendar_feed' AND actor_id = $1 ORDER BY id`,
        [user.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'calendar_feed.create',
        'calendar_feed.rotate',
        'calendar_feed.revoke',
      ]);
      for (const secret of [secretOf(first), secretOf(second)]) {
        const hash = createHash('sha256').update(secret).digest('hex');
        for (const a of audit) {
          expect(a.row).not.toContain(secret);
          expect(a.row).not.toContain(hash);
        }
      }
    });

    it('rotating: the old URL answers 404 at once, the new one works', async () => {
      const user = await createUser(api, 'caseworker', 'Rotator');
      const old = await issue(user);
      expect((await fetchFeed(old)).status).toBe(200);
      const fresh = await issue(user);
      expect(fresh).not.toBe(old);
      expect((await fetchFeed(old)).status).toBe(404);
      expect((await fetchFeed(fresh)).status).toBe(200);
    });

    it('revoking: 404 at once; a new feed can be created afterwards', async () => {
      const user = await createUser(api, 'caseworker', 'Revoker');
      const url = await issue(user);
      expect((await fetchFeed(url)).status).toBe(200);
      await ok(user, { method: 'DELETE', url: '/api/v1/me/calendar-feed' }, 204);
      expect((await fetchFeed(url)).status).toBe(404);
      const status = await ok(user, { method: 'GET', url: '/api/v1/me/calendar-feed' });
      expect(status.active).toBe(false);
      expect(status.revokedAt).toBe(api.clock.now().toISOString());
      // Revoking again is not an error, and audits nothing more.
      await ok(user, { method: 'DELETE', url: '/api/v1/me/calendar-feed' }, 204);
      const again = await issue(user);
      expect((await fetchFeed(again)).status).toBe(200);
      expect((await fetchFeed(url)).status).toBe(404);
    });

    it("a deactivated user's feed answers 404, and reactivation does not bring it back", async () => {
      const user = await createUser(api, 'caseworker', 'Leaving Soon');
      const url = await issue(user);
      expect((await fetchFeed(url)).status).toBe(200);
      await ok(staff.admin, { method: 'POST', url: `/api/v1/users/${user.id}/deactivate` });
      expect((await fetchFeed(url)).status).toBe(404);
      await ok(staff.admin, { method: 'POST', url: `/api/v1/users/${user.id}/reactivate` });
      expect((await fetchFeed(url)).status).toBe(404);
      const audit = await api.db.query(
        `SELECT changes FROM audit_events WHERE action = 'user.deactivate' AND entity_id = $1`,
        [user.id],
      );
      expect(audit[0].changes.calendarFeedRevoked).toBe(true);
    });

    it('unknown, revoked and malformed secrets all get the same 404, with no database error', async () => {
      const user = await createUser(api, 'caseworker', 'Prober');
      const revoked = await issue(user);
      await ok(user, { method: 'DELETE', url: '/api/v1/me/calendar-feed' }, 204);
      const unknown = 'A'.repeat(43);
      const paths = [
        revoked.slice(BASE.length),
        `/api/v1/calendar-feeds/${unknown}.ics`,
        `/api/v1/calendar-feeds/${'A'.repeat(44)}.ics`,
        `/api/v1/calendar-feeds/${'A'.repeat(196)}.ics`,
        `/api/v1/calendar-feeds/${'A'.repeat(42)}'.ics`,
        `/api/v1/calendar-feeds/${encodeURIComponent("' OR 1=1 --")}.ics`,
        `/api/v1/calendar-feeds/${'%00'.repeat(20)}.ics`,
        `/api/v1/calendar-feeds/${encodeURIComponent('é'.repeat(43))}.ics`,
      ];
      const answers = await Promise.all(paths.map((path) => fetchFeed(`${BASE}${path}`)));
      for (const [i, r] of answers.entries()) {
        expect([paths[i], r.status]).toEqual([paths[i], 404]);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(r.body.detail).toBe('Calendar feed was not found.');
        expect(r.headers['cache-control']).toBe('private, no-store');
      }
      // Past the router's parameter limit (200), the app's usual 414, before any lookup.
      const huge = await fetchFeed(`${FEED_PREFIX}${'A'.repeat(5000)}.ics`);
      expect(huge.status).toBe(414);
      expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('records the last use at most once per 15 minutes', async () => {
      const user = await createUser(api, 'caseworker', 'Poller');
      const url = await issue(user);
      const lastUsed = async () =>
        (await ok(user, { method: 'GET', url: '/api/v1/me/calendar-feed' })).lastUsedAt;
      expect(await lastUsed()).toBeNull();
      const t0 = api.clock.now().getTime();
      await fetchFeed(url);
      expect(await lastUsed()).toBe(new Date(t0).toISOString());
      api.clock.set(new Date(t0 + 10 * 60_000));
      await fetchFeed(url);
      expect(await lastUsed()).toBe(new Date(t0).toISOString());
      api.clock.set(new Date(t0 + 16 * 60_000));
      await fetchFeed(url);
      expect(await lastUsed()).toBe(new Date(t0 + 16 * 60_000).toISOString());
    });
  });

  it('spends the public routes’ per-address budget: 429 with Retry-After past it', async () => {
    const url = await issue(await createUser(api, 'caseworker', 'Eager Poller'));
    const ip = '203.0.113.9';
    for (let i = 0; i < BUDGET; i++) expect((await fetchFeed(url, ip)).status).toBe(200);
    const limited = await fetchFeed(url, ip);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The same budget as the public feed's.
    const pub = await api.request({
      method: 'GET',
      url: '/public/v1/defenders',
      anonymous: true,
      headers: { 'x-forwarded-for': ip },
    });
    expect(pub.status).toBe(429);
    expect((await fetchFeed(url)).status).toBe(200);
  });

  describe('management API', () => {
    it('shows whether there is a feed and its options, never the URL', async () => {
      const user = await createUser(api, 'coordinator', 'Status Reader');
      const none = await ok(user, { method: 'GET', url: '/api/v1/me/calendar-feed' });
      expect(none).toEqual({
        active: false,
        includeNames: false,
        createdAt: null,
        rotatedAt: null,
        lastUsedAt: null,
        revokedAt: null,
      });
      const url = await issue(user, { includeNames: true });
      const res = await as(user, { method: 'GET', url: '/api/v1/me/calendar-feed' });
      expect(res.body).toMatchObject({ active: true, includeNames: true, rotatedAt: null });
      expect(res.text).not.toContain(secretOf(url));
      await issue(user);
      const rotated = await ok(user, { method: 'GET', url: '/api/v1/me/calendar-feed' });
      expect(rotated.rotatedAt).toBe(api.clock.now().toISOString());
    });

    it('returns the URL once, with a webcal:// twin', async () => {
      const user = await createUser(api, 'caseworker', 'Webcal');
      const res = await as(user, { method: 'POST', url: '/api/v1/me/calendar-feed' });
      expect(res.status).toBe(201);
      expect(res.body.webcalUrl).toBe(res.body.url.replace(/^https:/, 'webcal:'));
      expect(secretOf(res.body.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it.each([
      ['GET', undefined],
      ['POST', {}],
      ['DELETE', undefined],
    ] as const)('%s without signing in: 401', async (method, body) => {
      const res = await api.request({
        method,
        url: '/api/v1/me/calendar-feed',
        body,
        anonymous: true,
      });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses unknown fields, wrong types and malformed JSON (400 naming the field), writing nothing', async () => {
      const user = await createUser(api, 'caseworker', 'Bad Input');
      const cases: [RequestOptions, string][] = [
        [{ method: 'POST', url: '/api/v1/me/calendar-feed', body: { secret: 'mine' } }, 'secret'],
        [
          { method: 'POST', url: '/api/v1/me/calendar-feed', body: { includeNames: 'yes' } },
          'includeNames',
        ],
        [
          { method: 'POST', url: '/api/v1/me/calendar-feed', body: { includeNames: null } },
          'includeNames',
        ],
      ];
      for (const [o, field] of cases) {
        const res = await as(user, o);
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const malformed = await as(user, {
        method: 'POST',
        url: '/api/v1/me/calendar-feed',
        rawBody: '{"includeNames": tru',
      });
      expect(malformed.status).toBe(400);
      const rows = await api.db.query(`SELECT 1 FROM calendar_feeds WHERE user_id = $1`, [user.id]);
      expect(rows).toHaveLength(0);
    });
  });
});
