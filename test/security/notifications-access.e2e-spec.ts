import { DispatchService } from '@witness/domain';
import { webSession, type WebApp } from '../support/browser';
import { calendarFeedText } from './calendar-feed';
import { startApi, type TestApi, type TestResponse } from '../support/api';
import { readable, startSmtp, type Mail } from '../support/smtp';
import { asUser, createUser, type TestUser } from '../support/users';
import type { RequestOptions } from '../support/api';

/**
 * Issue 19, finding 8: notifications do not outlive need-to-know. A caseworker unassigned
 * from a restricted case can no longer read what its notifications said (in-app list, one
 * notification, the web inbox), checked at read time so a new assignment gives them back;
 * reminders not yet sent to them (in-app, email, digest, webhook) are cancelled at once, and
 * checked again when they fall due, whatever path they take.
 */

const D = '/api/v1/defenders';
const NOW = '2026-06-15T10:00:00Z';
const CASE_NAME = 'Rima Secret-Probe';
const HOUR = 3_600_000;

describe('security: notifications follow need-to-know', () => {
  let api: TestApi;
  let smtp: { port: number; close(): Promise<void> };
  const mails: Mail[] = [];
  let coordinator: TestUser;
  /** In-app and email, one reminder each. */
  let cw: TestUser;
  /** A daily digest of email reminders. */
  let digester: TestUser;
  /** Reminders by webhook. */
  let hooked: TestUser;
  let caseId: string;
  let milestoneAt = 0;
  const milestones: string[] = [];

  /** As a user; signed in again when the clock has moved past the session. */
  const as = (u: TestUser, o: RequestOptions) => asUser(api, u, o);
  const ok = async (res: Promise<TestResponse>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status}: ${r.text}`);
    return r;
  };
  const dispatch = () => api.app.get(DispatchService);
  const assign = (user: TestUser) =>
    ok(
      as(coordinator, {
        method: 'POST',
        url: `${D}/${caseId}/assignees`,
        body: { userId: user.id },
      }),
      201,
    );
  const unassign = (user: TestUser) =>
    ok(as(coordinator, { method: 'DELETE', url: `${D}/${caseId}/assignees/${user.id}` }), 204);
  /** A milestone on the restricted case due `hoursAhead` from now, reminding these users. */
  const milestone = async (title: string, hoursAhead: number, users: TestUser[]) => {
    const res = await ok(
      as(coordinator, {
        method: 'POST',
        url: '/api/v1/milestones',
        body: {
          defenderId: caseId,
          kind: 'hearing',
          title,
          dueAt: new Date(api.clock.now().getTime() + hoursAhead * HOUR).toISOString(),
          remindBefore: ['PT1H'],
          assigneeIds: users.map((u) => u.id),
        },
      }),
      201,
    );
    milestones.push(res.body.id);
    return res.body.id as string;
  };
  const deliveries = async (userId: string) =>
    (await api.db.query(
      `SELECT d.id, d.channel, d.state, d.last_error, m.title FROM deliveries d
         JOIN milestones m ON m.id = d.milestone_id
        WHERE d.recipient_id = $1 AND m.id = ANY($2::uuid[]) ORDER BY m.title, d.channel`,
      [userId, milestones],
    )) as {
      id: string;
      channel: string;
      state: string;
      last_error: string | null;
      title: string;
    }[];
  const mailsTo = (u: TestUser) => mails.filter((m) => m.to.includes(u.email));

  beforeAll(async () => {
    smtp = await startSmtp(mails);
    api = await startApi({
      now: NOW,
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, AUTH_IDLE_TIMEOUT_MINUTES: '1440' },
    });
    [coordinator, cw, digester, hooked] = await Promise.all([
      createUser(api, 'coordinator', 'Cora Coordinator'),
      createUser(api, 'caseworker', 'Casey Unassigned-Later'),
      createUser(api, 'caseworker', 'Dina Digest'),
      createUser(api, 'caseworker', 'Hana Hook'),
    ]);
    await ok(
      as(digester, {
        method: 'PUT',
        url: '/api/v1/me/notification-preferences',
        body: { channels: ['email'], digestHour: 7 },
      }),
    );
    // Set in the database: the webhook's own rules (address checks) are another test's.
    await api.db.query(
      `INSERT INTO notification_preferences (user_id, channels, webhook_url)
       VALUES ($1, '{webhook}', 'https://hooks.example.org/witness')`,
      [hooked.id],
    );
    const created = await ok(
      as(coordinator, {
        method: 'POST',
        url: D,
        body: { fullName: CASE_NAME, country: 'EG', access: 'restricted' },
      }),
      201,
    );
    caseId = created.body.id;
    for (const u of [cw, digester, hooked]) await assign(u);
    // One reminder falls due and is delivered (in-app and by email)...
    await milestone(`Hearing of ${CASE_NAME} at Tora`, 1.5, [cw]);
    api.clock.set(new Date(api.clock.now().getTime() + 0.6 * HOUR));
    for (const id of (await dispatch().claimDue()).fresh) await dispatch().deliver(id, true);
    milestoneAt = api.clock.now().getTime();
    // ...and others are planned for later.
    await milestone(`Visit to ${CASE_NAME}`, 48, [cw, digester, hooked]);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('before: the assigned caseworker reads the notification in full', async () => {
    const res = await ok(as(cw, { method: 'GET', url: '/api/v1/notifications' }));
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({
      title: `Hearing: Hearing of ${CASE_NAME} at Tora`,
      link: `/defenders/${caseId}`,
      defenderId: caseId,
      withheld: false,
    });
    expect((await deliveries(cw.id)).map((d) => [d.title, d.channel, d.state])).toEqual([
      [`Hearing of ${CASE_NAME} at Tora`, 'email', 'sent'],
      [`Hearing of ${CASE_NAME} at Tora`, 'in_app', 'sent'],
      [`Visit to ${CASE_NAME}`, 'email', 'pending'],
      [`Visit to ${CASE_NAME}`, 'in_app', 'pending'],
    ]);
  });

  it('once unassigned: the list, the notification itself and the web inbox say nothing of the case', async () => {
    await unassign(cw);
    const list = await ok(as(cw, { method: 'GET', url: '/api/v1/notifications' }));
    expect(list.body.data).toHaveLength(1);
    const [n] = list.body.data;
    expect(n).toMatchObject({ link: null, defenderId: null, milestoneId: null, withheld: true });
    expect(list.text).not.toContain(CASE_NAME);
    expect(list.text).not.toContain(caseId);
    expect(list.text).not.toContain('Tora');

    const one = await ok(as(cw, { method: 'POST', url: `/api/v1/notifications/${n.id}/read` }));
    expect(one.body).toMatchObject({ id: n.id, withheld: true, link: null });
    expect(one.text).not.toContain(CASE_NAME);
    expect(one.text).not.toContain(caseId);

    const session = await webSession(api as WebApp, cw);
    const inbox = await api.app.inject({
      method: 'GET',
      url: '/app/notifications',
      headers: { cookie: session.cookie },
    });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).not.toContain(CASE_NAME);
    expect(inbox.body).not.toContain(caseId);
    expect(inbox.body).not.toContain('Tora');

    const ics = await calendarFeedText(api, cw);
    expect(ics).not.toContain(CASE_NAME);
    expect(ics).not.toContain(caseId);
  });

  it('once unassigned: reminders not yet sent are cancelled at once, on every channel', async () => {
    const pending = (await deliveries(cw.id)).filter((d) => d.title.startsWith('Visit'));
    expect(pending.map((d) => [d.channel, d.state])).toEqual([
      ['email', 'cancelled'],
      ['in_app', 'cancelled'],
    ]);
    // The others are still assigned: theirs stand.
    expect((await deliveries(digester.id)).map((d) => d.state)).toEqual(['pending']);
    expect((await deliveries(hooked.id)).map((d) => d.state)).toEqual(['pending']);
  });

  it('a reminder that falls due for someone who lost access meanwhile is cancelled when it is sent, whatever its channel', async () => {
    // Access lost in a way that re-planned nothing (e.g. a change made before this release):
    // the assignments go, the deliveries stay pending.
    await api.db.query(
      `DELETE FROM defender_assignees WHERE defender_id = $1 AND user_id = ANY($2::uuid[])`,
      [caseId, [digester.id, hooked.id]],
    );
    // Bring cw's cancelled ones back as if never re-planned, too.
    await api.db.query(
      `UPDATE deliveries SET state = 'pending', last_error = NULL WHERE recipient_id = $1 AND state = 'cancelled'`,
      [cw.id],
    );
    const before = mails.length;
    api.clock.set(new Date(milestoneAt + 48 * HOUR - 0.5 * HOUR));
    const claimed = await dispatch().claimDue();
    for (const id of [...claimed.fresh, ...claimed.stale]) await dispatch().deliver(id, true);
    for (const d of await dispatch().claimDigests())
      await dispatch().deliverDigest(d.userId, d.moment, true);
    // The digest hour (07:00) of the next day, for the digest's email.
    api.clock.set(new Date(milestoneAt + 72 * HOUR));
    for (const d of await dispatch().claimDigests())
      await dispatch().deliverDigest(d.userId, d.moment, true);

    for (const u of [cw, digester, hooked]) {
      const visit = (await deliveries(u.id)).filter((d) => d.title.startsWith('Visit'));
      expect({ user: u.name, states: visit.map((d) => d.state) }).toEqual({
        user: u.name,
        states: visit.map(() => 'cancelled'),
      });
      for (const d of visit) expect(d.last_error).toBe('recipient may no longer see the case');
    }
    expect(
      mails
        .slice(before)
        .map((m) => readable(m.raw))
        .join('\n'),
    ).not.toContain(CASE_NAME);
    expect(mailsTo(digester)).toHaveLength(0);
    const inApp = await api.db.query(
      `SELECT title FROM notifications WHERE user_id = $1 ORDER BY created_at`,
      [cw.id],
    );
    expect(inApp).toHaveLength(1);
  });

  it('assigned again: the earlier notification reads in full again', async () => {
    await assign(cw);
    const res = await ok(as(cw, { method: 'GET', url: '/api/v1/notifications' }));
    expect(res.body.data[0]).toMatchObject({
      title: `Hearing: Hearing of ${CASE_NAME} at Tora`,
      link: `/defenders/${caseId}`,
      withheld: false,
    });
  });

  it('a case made restricted hides its notifications from staff who are not assigned', async () => {
    const open = await ok(
      as(coordinator, {
        method: 'POST',
        url: D,
        body: { fullName: 'Omar Open-Then-Restricted', country: 'EG' },
      }),
      201,
    );
    const other = await createUser(api, 'caseworker', 'Otto Other');
    await ok(
      as(coordinator, {
        method: 'POST',
        url: '/api/v1/milestones',
        body: {
          defenderId: open.body.id,
          kind: 'hearing',
          title: 'Hearing of Omar Open-Then-Restricted',
          dueAt: new Date(api.clock.now().getTime() + 1.5 * HOUR).toISOString(),
          remindBefore: ['PT1H'],
          assigneeIds: [other.id],
        },
      }),
      201,
    );
    api.clock.set(new Date(api.clock.now().getTime() + 0.6 * HOUR));
    await dispatch().claimDue();
    const before = await ok(as(other, { method: 'GET', url: '/api/v1/notifications' }));
    expect(before.text).toContain('Omar Open-Then-Restricted');
    await ok(
      as(coordinator, {
        method: 'PATCH',
        url: `${D}/${open.body.id}`,
        headers: { 'if-match': `"${open.body.version}"` },
        body: { access: 'restricted' },
      }),
    );
    const after = await ok(as(other, { method: 'GET', url: '/api/v1/notifications' }));
    expect(after.text).not.toContain('Omar Open-Then-Restricted');
    expect(after.body.data[0].withheld).toBe(true);
  });
});
