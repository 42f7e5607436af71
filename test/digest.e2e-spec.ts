import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { header, readable, startSmtp, type Mail } from './support/smtp';
import { createUser, type TestUser, asUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * The daily digest end to end: a caseworker in Europe/Paris asks for her email reminders as
 * one email at 08:00 local. The real api and worker (one database, one BullMQ prefix, one
 * ManualClock), a real SMTP server. In-app reminders still go at their own moment; the
 * emails wait for the digest, which follows the Paris wall clock across a DST change.
 */

describe('daily digest', () => {
  const mails: Mail[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let api: TestApi;
  let worker: TestWorker;
  let admin: TestUser;
  let coordinator: TestUser;
  let defender: { id: string; fullName: string };

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  /** Move the shared clock to `at` (never backwards), tick once and wait for the deliveries. */
  const runAt = async (at: string): Promise<void> => {
    const ms = Date.parse(at);
    if (ms > api.clock.now().getTime()) api.clock.set(new Date(ms));
    await worker.tick();
    await worker.drain();
  };

  const mailsTo = (user: TestUser) => mails.filter((m) => m.to.includes(user.email));

  const unread = async (user: TestUser) => {
    const res = await as(user, { method: 'GET', url: '/api/v1/notifications?unread=true' });
    expect(res.status).toBe(200);
    return res.body.data as { milestoneId: string; title: string }[];
  };

  const deliveriesOf = (user: TestUser) =>
    api.db.query<{ milestone_id: string; channel: string; state: string; send_at: Date }[]>(
      `SELECT milestone_id, channel, state, send_at FROM deliveries
        WHERE recipient_id = $1 ORDER BY send_at, channel`,
      [user.id],
    );

  const emailStates = async (user: TestUser, milestoneIds: string[]) =>
    (await deliveriesOf(user))
      .filter((d) => d.channel === 'email' && milestoneIds.includes(d.milestone_id))
      .map((d) => d.state);

  /** A caseworker in Paris who asked for a digest at 08:00 local, in-app and email. */
  const parisCaseworker = async (name: string): Promise<TestUser> => {
    const user = await createUser(api, 'caseworker', name);
    const tz = await as(admin, {
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      body: { timeZone: 'Europe/Paris' },
    });
    expect(tz.status).toBe(200);
    expect(tz.body.timeZone).toBe('Europe/Paris');
    const prefs = await as(user, {
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      body: { channels: ['in_app', 'email'], digestHour: 8 },
    });
    expect(prefs.status).toBe(200);
    expect(prefs.body).toMatchObject({ channels: ['in_app', 'email'], digestHour: 8 });
    return user;
  };

  /** A milestone of the (standard) case, for `user` alone, reminded one calendar day before. */
  const milestoneFor = async (user: TestUser, title: string, dueAt: string): Promise<string> => {
    const res = await as(coordinator, {
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        defenderId: defender.id,
        kind: 'custom',
        title,
        dueAt,
        remindBefore: ['P1D'],
        assigneeIds: [user.id],
      },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    smtp = await startSmtp(mails);
    const env = {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Witness <alerts@witness.test>',
      PUBLIC_BASE_URL: 'https://witness.example.org',
    };
    api = await startApi({ env, now: '2026-06-15T10:00:00Z' });
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env,
    });
    admin = await createUser(api, 'admin');
    coordinator = await createUser(api, 'coordinator');
    // Opened by a coordinator: nobody is assigned, so the case's own derived milestones
    // (profile review) remind nobody; each test's milestones name their one recipient.
    const res = await as(coordinator, {
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Amina Haddad', country: 'EG' },
    });
    expect(res.status).toBe(201);
    defender = { id: res.body.id as string, fullName: res.body.fullName as string };
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  it('batches the day’s email reminders into one email at 08:00 Paris; in-app goes at its moment', async () => {
    const user = await parisCaseworker('Paris Caseworker');
    // Due on Wednesday 17 June 2026 (CEST, UTC+2): reminded on Tuesday 16 June, 10:00 and
    // 18:30 Paris time; the digest that gathers them is Wednesday's, 08:00 Paris = 06:00Z.
    const first = await milestoneFor(
      user,
      'Call the lawyer about the appeal',
      '2026-06-17T10:00:00+02:00',
    );
    const second = await milestoneFor(
      user,
      'Send the UN follow-up letter',
      '2026-06-17T18:30:00+02:00',
    );
    const planned = await deliveriesOf(user);
    expect(planned.map((d) => [d.channel, d.state, d.send_at.toISOString()])).toEqual([
      ['email', 'pending', '2026-06-16T08:00:00.000Z'],
      ['in_app', 'pending', '2026-06-16T08:00:00.000Z'],
      ['email', 'pending', '2026-06-16T16:30:00.000Z'],
      ['in_app', 'pending', '2026-06-16T16:30:00.000Z'],
    ]);

    // Each in-app reminder at its moment; the emails wait.
    await runAt('2026-06-16T08:01:00Z');
    expect((await unread(user)).map((n) => n.milestoneId)).toEqual([first]);
    await runAt('2026-06-16T16:31:00Z');
    expect(new Set((await unread(user)).map((n) => n.milestoneId))).toEqual(
      new Set([first, second]),
    );
    expect(mailsTo(user)).toHaveLength(0);
    expect(await emailStates(user, [first, second])).toEqual(['pending', 'pending']);

    // 07:59 Paris the next morning: not yet.
    await runAt('2026-06-17T05:59:00Z');
    expect(mailsTo(user)).toHaveLength(0);
    expect(await emailStates(user, [first, second])).toEqual(['pending', 'pending']);

    // Just after 08:00 Paris: one email with both reminders.
    await runAt('2026-06-17T06:01:00Z');
    const got = mailsTo(user);
    expect(got).toHaveLength(1);
    expect(got[0].to).toEqual([user.email]);
    expect(header(got[0].raw, 'Subject')).toBe('Witness: 2 reminders for 2026-06-17');
    expect(header(got[0].raw, 'Message-ID')).toBe(
      `<digest-${user.id}-${Date.parse('2026-06-17T06:00:00Z')}@witness>`,
    );
    const text = readable(got[0].raw);
    expect(text).toContain('Call the lawyer about the appeal');
    expect(text).toContain('Send the UN follow-up letter');
    expect(text).toContain(defender.fullName);
    expect(text).toContain(`https://witness.example.org/defenders/${defender.id}`);
    expect(await emailStates(user, [first, second])).toEqual(['sent', 'sent']);
    expect((await deliveriesOf(user)).every((d) => d.state === 'sent')).toBe(true);

    // Ticking again, later that day and the next morning, sends nothing more.
    await runAt('2026-06-17T06:02:00Z');
    await runAt('2026-06-17T12:00:00Z');
    await runAt('2026-06-18T06:01:00Z');
    expect(mailsTo(user)).toHaveLength(1);
    expect(await unread(user)).toHaveLength(2);
  });

  it('follows the Paris wall clock across the spring DST change (last Sunday of March 2027)', async () => {
    api.clock.set(new Date('2027-03-25T12:00:00Z'));
    const user = await parisCaseworker('DST Caseworker');
    // Reminded on Friday 26 March (CET, UTC+1): the digest is Saturday 27, 08:00 CET = 07:00Z.
    const fri = [
      await milestoneFor(user, 'Friday morning reminder', '2027-03-27T09:15:00+01:00'),
      await milestoneFor(user, 'Friday evening reminder', '2027-03-27T19:00:00+01:00'),
    ];
    // Reminded on Saturday 27 March (CET): the digest is Sunday 28, the day the clocks go
    // forward at 02:00 -> 03:00; 08:00 CEST = 06:00Z.
    const sat = [
      await milestoneFor(user, 'Saturday morning reminder', '2027-03-28T10:00:00+02:00'),
      await milestoneFor(user, 'Saturday evening reminder', '2027-03-28T21:00:00+02:00'),
    ];
    const emails = (await deliveriesOf(user)).filter((d) => d.channel === 'email');
    // One calendar day before in Paris: 10:00 CEST on Sunday is 10:00 CET on Saturday.
    expect(emails.map((d) => d.send_at.toISOString())).toEqual([
      '2027-03-26T08:15:00.000Z',
      '2027-03-26T18:00:00.000Z',
      '2027-03-27T09:00:00.000Z',
      '2027-03-27T20:00:00.000Z',
    ]);

    await runAt('2027-03-26T08:16:00Z');
    await runAt('2027-03-26T18:01:00Z');
    expect(await unread(user)).toHaveLength(2);
    // Saturday 07:00 CET (06:00Z) and 07:59 CET (06:59Z): not yet.
    await runAt('2027-03-27T06:00:00Z');
    await runAt('2027-03-27T06:59:00Z');
    expect(mailsTo(user)).toHaveLength(0);
    // Saturday 08:00 CET = 07:00Z: Friday's two.
    await runAt('2027-03-27T07:00:00Z');
    expect(mailsTo(user)).toHaveLength(1);
    const saturday = readable(mailsTo(user)[0].raw);
    expect(header(mailsTo(user)[0].raw, 'Subject')).toBe('Witness: 2 reminders for 2027-03-27');
    expect(saturday).toContain('Friday morning reminder');
    expect(saturday).toContain('Friday evening reminder');
    expect(saturday).not.toContain('Saturday');
    expect(await emailStates(user, fri)).toEqual(['sent', 'sent']);
    expect(await emailStates(user, sat)).toEqual(['pending', 'pending']);

    await runAt('2027-03-27T09:01:00Z');
    await runAt('2027-03-27T20:01:00Z');
    expect(await unread(user)).toHaveLength(4);
    // Sunday 06:59 CEST (04:59Z) and 07:59 CEST (05:59Z): not yet.
    await runAt('2027-03-28T04:59:00Z');
    await runAt('2027-03-28T05:59:00Z');
    expect(mailsTo(user)).toHaveLength(1);
    // Sunday 08:00 CEST = 06:00Z (not 07:00Z as the day before): Saturday's two.
    await runAt('2027-03-28T06:00:00Z');
    expect(mailsTo(user)).toHaveLength(2);
    const sunday = mailsTo(user)[1].raw;
    expect(header(sunday, 'Subject')).toBe('Witness: 2 reminders for 2027-03-28');
    expect(header(sunday, 'Message-ID')).toBe(
      `<digest-${user.id}-${Date.parse('2027-03-28T06:00:00Z')}@witness>`,
    );
    expect(readable(sunday)).toContain('Saturday morning reminder');
    expect(readable(sunday)).toContain('Saturday evening reminder');
    expect(readable(sunday)).not.toContain('Friday');
    expect(await emailStates(user, [...fri, ...sat])).toEqual(['sent', 'sent', 'sent', 'sent']);

    // Nothing more: later on Sunday, and on Monday at 08:00 CEST.
    await runAt('2027-03-28T07:00:00Z');
    await runAt('2027-03-29T06:01:00Z');
    expect(mailsTo(user)).toHaveLength(2);
  });
});
