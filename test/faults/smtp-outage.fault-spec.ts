import { header, startSmtp, type Mail } from '../support/smtp';
import { freePort } from './support/services';
import { caseWithEscalation, createPeople, type Http, type Person } from './support/http';
import { pause, trace, waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * The SMTP server is down (nothing listens on SMTP_URL's port: every connection is refused)
 * when email reminders fall due. The worker retries each one with backoff, recording the
 * error; when the server comes back on the same port each reminder is delivered, exactly once.
 */

const CASEWORKERS = 3;
const OFFSETS = ['P1D', 'PT12H'];
const DELIVERIES = CASEWORKERS * OFFSETS.length;

describe('SMTP down while email reminders fall due, then back', () => {
  let world: World;
  let smtpPort: number;
  let smtp: { close(): Promise<void> } | undefined;
  const received: Mail[] = [];
  let caseworkers: Person[];

  beforeAll(async () => {
    smtpPort = await freePort();
    world = await startWorld({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
    const [coordinator]: Http[] = (await createPeople(world.admin, 'coordinator', 1)).map(
      (p) => p.http,
    );
    caseworkers = await createPeople(world.admin, 'caseworker', CASEWORKERS);
    for (const cw of caseworkers)
      await cw.http.ok('PUT', '/api/v1/me/notification-preferences', { channels: ['email'] });
    const c = await caseWithEscalation(coordinator, 'Samir Benali');
    await coordinator.ok('POST', '/api/v1/milestones', {
      defenderId: c.defenderId,
      kind: 'custom',
      title: 'SMTP drill',
      dueAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
      remindBefore: OFFSETS,
      assigneeIds: caseworkers.map((p) => p.id),
    });
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    await smtp?.close();
  });

  it('retries while the server refuses and delivers each reminder once when it is back', async () => {
    const planned = await world.sql<{ channel: string; n: number }>(
      `SELECT channel, count(*)::int AS n FROM deliveries WHERE state = 'pending' GROUP BY 1`,
    );
    expect(planned).toEqual([{ channel: 'email', n: DELIVERIES }]);
    await world.sql(`UPDATE deliveries SET send_at = now()`);
    await world.startWorker();

    // Down: every delivery is tried at least twice, the refusal recorded, none given up on.
    const tried = async () =>
      (
        await world.sql<{ state: string; attempts: number; last_error: string | null }>(
          `SELECT state, attempts, last_error FROM deliveries`,
        )
      ).every((d) => d.state === 'queued' && d.attempts >= 2 && d.last_error);
    await waitFor(tried, {
      timeout: 60_000,
      interval: 250,
      what: 'every email delivery tried twice while SMTP is down',
      last: () => world.sql(`SELECT state, attempts, last_error FROM deliveries`),
    });
    const down = await world.sql<{ last_error: string }>(`SELECT last_error FROM deliveries`);
    expect(down.filter((d) => !/ECONNREFUSED|connect/i.test(d.last_error))).toEqual([]);
    expect(received).toHaveLength(0);
    trace('SMTP down: every delivery retried; starting the server');

    // Back, on the same port.
    smtp = await startSmtp(received, smtpPort);
    await waitFor(
      async () =>
        (
          await world.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM deliveries WHERE state = 'sent'`,
          )
        )[0].n === DELIVERIES,
      {
        timeout: 120_000,
        interval: 250,
        what: `${DELIVERIES} email reminders sent after SMTP came back`,
        last: () => world.sql(`SELECT state, attempts, last_error FROM deliveries`),
      },
    );
    // A retry left over after a success would send again: give stray jobs time to run.
    await pause(5000);

    const rows = await world.sql<{ id: string; state: string; last_error: string | null }>(
      `SELECT id, state, last_error FROM deliveries`,
    );
    expect(rows.filter((d) => d.state !== 'sent' || d.last_error !== null)).toEqual([]);
    expect(received).toHaveLength(DELIVERIES);
    const ids = received.map((m) => header(m.raw, 'Message-ID'));
    expect(new Set(ids).size).toBe(DELIVERIES);
    expect(ids.sort()).toEqual(rows.map((d) => `<delivery-${d.id}@witness>`).sort());
    // Each caseworker got one email per reminder offset.
    const perRecipient = new Map<string, number>();
    for (const m of received)
      for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(Object.fromEntries(perRecipient)).toEqual(
      Object.fromEntries(caseworkers.map((p) => [p.email, OFFSETS.length])),
    );
    console.log(`smtp-outage: ${DELIVERIES} email reminders retried while refused, sent once`);
  }, 300_000);
});
