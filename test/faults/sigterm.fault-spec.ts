import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { QueueName } from '@witness/platform';
import { createPeople, caseWithEscalation, type Http, type Person } from './support/http';
import { startReceiver, type WebhookReceiver } from './support/receiver';
import { waitFor, within } from './support/wait';
import { DATABASE, startWorld, type World } from './support/world';

/**
 * SIGTERM (a deploy, a scale-down) in the middle of work. The worker stops taking jobs,
 * finishes the ones it runs (webhook reminders, PDF dossiers) and exits: none is left held in
 * Redis, none is sent twice. The api stops taking requests, finishes the ones it serves (large
 * streamed exports, writes) and exits: no answer is cut off, no acknowledged write is lost.
 */

const REMINDERS = 50;
const OFFSETS = [
  'P1D',
  'PT23H',
  'PT22H',
  'PT21H',
  'PT20H',
  'PT19H',
  'PT18H',
  'PT17H',
  'PT16H',
  'PT15H',
];
const PDFS = 4;
const DEFENDERS = 2000;
const EXPORTS = 3;
/** Fewer than the api's pool (DATABASE_POOL_SIZE 10): each write holds a connection. */
const WRITES = 8;

describe('SIGTERM during work', () => {
  let world: World;
  let receiver: WebhookReceiver;
  let coordinator: Http;
  let caseworker: Person;

  beforeAll(async () => {
    // Slow webhooks: a shutdown always meets some in flight.
    receiver = await startReceiver({ delayMs: () => 300 });
    world = await startWorld();
    [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    [caseworker] = await createPeople(world.admin, 'caseworker', 1);
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  it('the worker finishes its running jobs, leaves none held, and sends nothing twice', async () => {
    const prefs = await caseworker.http.ok('PUT', '/api/v1/me/notification-preferences', {
      channels: ['webhook'],
      webhookUrl: receiver.url(caseworker.id),
    });
    receiver.setSecret(caseworker.id, prefs.body.webhookSecret as string);
    const { defenderId, escalationId } = await caseWithEscalation(coordinator, 'Narges Mohammadi');
    for (let k = 0; k < REMINDERS / OFFSETS.length; k++) {
      await coordinator.ok('POST', '/api/v1/milestones', {
        defenderId,
        kind: 'custom',
        title: `Shutdown drill ${k + 1}`,
        dueAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
        remindBefore: OFFSETS,
        assigneeIds: [caseworker.id],
      });
    }
    for (let i = 0; i < PDFS; i++) {
      await coordinator.ok(
        'POST',
        `/api/v1/escalations/${escalationId}/dossiers`,
        { language: 'en', format: 'pdf', edition: 'public', acknowledgeIncomplete: true },
        202,
      );
    }
    const typed = `d.milestone_id IN (SELECT id FROM milestones WHERE title LIKE 'Shutdown drill %')`;
    await world.sql(`UPDATE deliveries d SET send_at = now() - interval '1 minute' WHERE ${typed}`);
    const progress = async () =>
      (
        await world.sql<{ sent: number; claimed: number; rendering: number; ready: number }>(
          `SELECT (SELECT count(*)::int FROM deliveries d WHERE state = 'sent' AND ${typed}) AS sent,
                  (SELECT count(*)::int FROM deliveries d WHERE state = 'queued' AND ${typed}) AS claimed,
                  (SELECT count(*)::int FROM dossiers WHERE state = 'rendering') AS rendering,
                  (SELECT count(*)::int FROM dossiers WHERE state = 'ready') AS ready`,
        )
      )[0];

    const worker = await world.startWorker('worker-1');
    await waitFor(
      async () => {
        const p = await progress();
        return p.rendering >= 1 && receiver.calls.size >= 3 && p.sent < REMINDERS;
      },
      { timeout: 60_000, interval: 20, what: 'webhooks and a PDF in flight', last: progress },
    );
    const termAt = Date.now();
    worker.signal('SIGTERM');
    const exit = await within(worker.exited, 60_000, 'the worker to exit after SIGTERM');
    const stopMs = Date.now() - termAt;
    // A clean stop: Nest re-raises SIGTERM once it has closed everything.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

    // Nothing held by the stopped worker: no job active in Redis, no dossier half-rendered.
    for (const q of [QueueName.Reminders, QueueName.Dossiers]) {
      expect({ queue: q, active: (await world.jobCounts(q)).active }).toEqual({
        queue: q,
        active: 0,
      });
    }
    const atStop = await progress();
    expect(atStop.rendering).toBe(0);
    // Every webhook that reached the receiver was recorded as sent before the exit.
    const sentIds = new Set(
      (
        await world.sql<{ id: string }>(
          `SELECT id FROM deliveries d WHERE state = 'sent' AND ${typed}`,
        )
      ).map((r) => r.id),
    );
    expect([...receiver.applied].filter((id) => !sentIds.has(id))).toEqual([]);

    // A new worker takes the rest at once: nothing waits out a stalled lock.
    const next = await world.startWorker('worker-2');
    const restartAt = Date.now();
    await waitFor(
      async () => {
        const p = await progress();
        return p.sent === REMINDERS && p.ready === PDFS;
      },
      { timeout: 90_000, interval: 100, what: 'the rest of the work', last: progress },
    );
    const restMs = Date.now() - restartAt;
    expect(receiver.applied.size).toBe(REMINDERS);
    expect([...receiver.calls.values()].filter((n) => n !== 1)).toEqual([]);
    const dossiers = await world.sql<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM dossiers GROUP BY 1`,
    );
    expect(dossiers).toEqual([{ state: 'ready', n: PDFS }]);
    expect(next.running()).toBe(true);
    console.log(
      `sigterm (worker): stopped ${stopMs} ms after SIGTERM with ${atStop.sent} reminders and ` +
        `${atStop.ready} PDFs done; the next worker finished the rest in ${restMs} ms, nothing sent twice`,
    );
  }, 240_000);

  it('the api finishes the exports and writes in flight, refuses new ones, then exits', async () => {
    // Enough records that an export is several megabytes: it is still streaming at SIGTERM.
    const story = 'A long account of the case. '.repeat(80);
    const lines = ['fullName,country,story'];
    for (let i = 0; i < DEFENDERS; i++) lines.push(`Export Drill ${i},KE,${story}`);
    const res = await fetch(`${world.api.baseUrl}/api/v1/imports/defenders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinator.token}`, 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
    expect(res.status).toBe(201);
    const [{ n: total }] = await world.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM defenders WHERE archived_at IS NULL`,
    );

    // Exports started, their headers in, their bodies not yet read (the api must wait for
    // the client), and a burst of writes, when SIGTERM comes.
    const exports = await Promise.all(
      Array.from({ length: EXPORTS }, () =>
        fetch(`${world.api.baseUrl}/api/v1/exports/defenders?format=csv`, {
          headers: { authorization: `Bearer ${caseworker.http.token}` },
        }),
      ),
    );
    for (const e of exports) expect(e.status).toBe(200);
    const post = (name: string) =>
      caseworker.http.req('POST', '/api/v1/defenders', { fullName: name, country: 'KE' }).then(
        (r) => ({ status: r.status, id: r.body?.id as string | undefined, error: '' }),
        (e: Error) => ({
          status: 0,
          id: undefined,
          error: String((e.cause as { code?: string } | undefined)?.code ?? e.message),
        }),
      );
    // Writes held in flight: every write is audited in its own transaction, so while the test
    // holds a lock on the audit table each one waits inside the api, mid-transaction.
    const holder = new Client({ connectionString: world.pg.url(DATABASE) });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE');
    const writes = Array.from({ length: WRITES }, (_, i) => post(`Shutdown Write ${i}`));
    await waitFor(
      async () =>
        (
          await world.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
            [DATABASE],
          )
        )[0].n === WRITES,
      {
        timeout: 30_000,
        interval: 20,
        what: `${WRITES} writes waiting inside the api`,
        last: () =>
          world.sql(
            `SELECT application_name, state, wait_event_type, left(query, 60) AS q FROM pg_stat_activity WHERE datname = $1`,
            [DATABASE],
          ),
      },
    );
    const termAt = Date.now();
    world.api.signal('SIGTERM');
    // The api stops taking requests (its port closes) while those are still in flight.
    await waitFor(
      async () => {
        const r = await fetch(`${world.api.baseUrl}/health/live`).catch(() => null);
        return r === null || r.status === 503;
      },
      { timeout: 15_000, interval: 20, what: 'the api to stop taking requests' },
    );
    const late = await post('Shutdown Late Write');
    expect(world.api.running()).toBe(true);
    await holder.query('ROLLBACK');
    await holder.end();

    const bodies = await Promise.all(exports.map((e) => e.text()));
    const readAt = Date.now();
    for (const [i, body] of bodies.entries()) {
      const rows = parse(body.replace(/^\uFEFF/, ''), { columns: true }) as { fullName: string }[];
      expect({ exportNo: i, rows: rows.length }).toEqual({ exportNo: i, rows: total });
      expect(Number(exports[i].headers.get('x-total-count'))).toBe(total);
    }
    const outcomes = await Promise.all(writes);
    const exit = await within(world.api.exited, 30_000, 'the api to exit after SIGTERM');
    const exitMs = Date.now() - termAt;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    // Every write in flight finished and is stored; the one that came after was refused whole.
    expect(outcomes.filter((o) => o.status !== 201)).toEqual([]);
    const stored = await world.sql<{ id: string }>(
      `SELECT id FROM defenders WHERE full_name LIKE 'Shutdown Write %'`,
    );
    expect(stored.map((r) => r.id).sort()).toEqual(outcomes.map((o) => o.id).sort());
    expect(late.status === 503 || late.error === 'ECONNREFUSED').toBe(true);
    expect(
      await world.sql(`SELECT id FROM defenders WHERE full_name = 'Shutdown Late Write'`),
    ).toEqual([]);
    console.log(
      `sigterm (api): ${EXPORTS} exports of ${total} records and ${WRITES} writes in flight finished ` +
        `${readAt - termAt} ms after SIGTERM, exit ${exitMs} ms after SIGTERM`,
    );
  }, 240_000);
});
