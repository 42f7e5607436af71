import { createHash } from 'node:crypto';
import { QueueName } from '@witness/platform';
import type { AppProcess } from './support/apps';
import { caseWithEscalation, createPeople, type Http, type Person } from './support/http';
import { startReceiver, type WebhookReceiver } from './support/receiver';
import { faultSeed, pause, seededRandom, trace, waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * The worker is SIGKILLed (with its Chromium) at random moments, again and again, while it
 * dispatches reminders (in-app and signed webhooks) and renders dossiers (HTML and PDF);
 * each time a new one starts. In the end every reminder is delivered once, every webhook
 * reaches the receiver (which applies each delivery id once), and every dossier request is
 * one ready version.
 */

const KILLS = 20;
const CASEWORKERS = 10;
const MILESTONES = 3;
const OFFSETS = ['P1D', 'PT20H', 'PT16H', 'PT12H', 'PT8H'];
/** Per caseworker, milestone and offset: one in-app and one webhook delivery. */
const DELIVERIES = MILESTONES * OFFSETS.length * CASEWORKERS * 2;
/** Reminders fall due in waves (one per milestone and offset), this far apart. */
const WAVE_MS = 4000;
const DOSSIERS_BEFORE = 10;
const DOSSIERS = DOSSIERS_BEFORE + KILLS;
const LANGUAGES = ['en', 'fr', 'es'] as const;

describe('worker SIGKILLed repeatedly while it dispatches and renders', () => {
  const seed = faultSeed();
  const random = seededRandom(seed);
  let world: World;
  let receiver: WebhookReceiver;
  let coordinator: Http;
  let caseworkers: Person[];
  let escalationId: string;
  let dossierNo = 0;

  const requestDossier = async () => {
    const n = dossierNo++;
    const res = await coordinator.ok(
      'POST',
      `/api/v1/escalations/${escalationId}/dossiers`,
      {
        language: LANGUAGES[n % 3],
        // One in five is a PDF through Chromium; the rest HTML, to keep the drill short.
        format: n % 5 === 0 ? 'pdf' : 'html',
        edition: 'public',
        acknowledgeIncomplete: true,
      },
      202,
    );
    return res.body.id as string;
  };

  beforeAll(async () => {
    // A receiver slow enough that kills land between a webhook's call and its record.
    receiver = await startReceiver({ delayMs: () => Math.floor(random() * 40) });
    world = await startWorld();
    [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    caseworkers = await createPeople(world.admin, 'caseworker', CASEWORKERS);
    for (const cw of caseworkers) {
      const prefs = await cw.http.ok('PUT', '/api/v1/me/notification-preferences', {
        channels: ['in_app', 'webhook'],
        webhookUrl: receiver.url(cw.id),
      });
      receiver.setSecret(cw.id, prefs.body.webhookSecret as string);
    }
    const c = await caseWithEscalation(coordinator, 'Amina Haddad');
    escalationId = c.escalationId;
    // Milestones the day after tomorrow, each reminding every caseworker at OFFSETS.
    const dueAt = new Date(Date.now() + 2 * 86400_000).toISOString();
    for (let k = 0; k < MILESTONES; k++) {
      await coordinator.ok('POST', '/api/v1/milestones', {
        defenderId: c.defenderId,
        kind: 'custom',
        title: `Fault drill ${k + 1}`,
        dueAt,
        remindBefore: OFFSETS,
        assigneeIds: caseworkers.map((p) => p.id),
      });
    }
    for (let i = 0; i < DOSSIERS_BEFORE; i++) await requestDossier();
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  it(`every reminder is delivered once and every dossier is ready once after ${KILLS} kills`, async () => {
    const planned = await world.sql<{ channel: string; n: number }>(
      `SELECT channel, count(*)::int AS n FROM deliveries WHERE state = 'pending' GROUP BY 1 ORDER BY 1`,
    );
    expect(planned).toEqual([
      { channel: 'in_app', n: DELIVERIES / 2 },
      { channel: 'webhook', n: DELIVERIES / 2 },
    ]);

    // Time passes: the reminders fall due in waves from now on (the worker runs on the real
    // clock), so the kills keep meeting fresh work.
    await world.sql(
      `WITH g AS (SELECT milestone_id, "offset", row_number() OVER (ORDER BY milestone_id, "offset") - 1 AS k
                    FROM deliveries GROUP BY milestone_id, "offset")
       UPDATE deliveries d SET send_at = now() + g.k * $1 * interval '1 millisecond'
         FROM g WHERE d.milestone_id = g.milestone_id AND d."offset" = g."offset"`,
      [WAVE_MS],
    );

    const progress = async () => {
      const [r] = await world.sql<{
        sent: number;
        claimed: number;
        ready: number;
        rendering: number;
      }>(
        `SELECT (SELECT count(*)::int FROM deliveries WHERE state = 'sent') AS sent,
                (SELECT count(*)::int FROM deliveries WHERE state = 'queued') AS claimed,
                (SELECT count(*)::int FROM dossiers WHERE state = 'ready') AS ready,
                (SELECT count(*)::int FROM dossiers WHERE state = 'rendering') AS rendering`,
      );
      return r;
    };

    const kills: { at: number; done: number; sent: number; claimed: number; ready: number }[] = [];
    let worker: AppProcess | undefined;
    for (let i = 0; i < KILLS; i++) {
      const t = Date.now();
      worker = await world.startWorker(`worker-${i + 1}`);
      trace(`worker ${i + 1} ready in ${Date.now() - t} ms`);
      // Caseworkers keep asking for dossiers while the workers come and go.
      await requestDossier();
      // A random moment of this worker's life (seeded: FAULTS_SEED replays a run).
      const atReady = await progress();
      await pause(150 + Math.floor(random() * 1800));
      const before = await progress();
      const exit = await worker.kill();
      expect(exit.signal).toBe('SIGKILL');
      // What this worker finished in its short life (the previous one was dead by then).
      const done = before.sent + before.ready - (atReady.sent + atReady.ready);
      kills.push({ at: i + 1, done, ...before });
      trace(`kill ${i + 1}: ${JSON.stringify(before)}`);
    }
    // Kills were not idle: many workers were killed while they delivered and rendered.
    const busy = kills.filter((k) => k.done > 0).length;
    const final = await world.startWorker('worker-final');

    const done = async () => {
      const p = await progress();
      trace(`after the kills: ${JSON.stringify(p)}`);
      return p.sent === DELIVERIES && p.ready === DOSSIERS ? p : null;
    };
    await waitFor(done, {
      timeout: 240_000,
      interval: 1000,
      what: `${DELIVERIES} reminders sent and ${DOSSIERS} dossiers ready (seed ${seed})`,
      last: progress,
    });

    // Reminders: every delivery sent, none failed, cancelled or left behind.
    const states = await world.sql<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM deliveries GROUP BY 1`,
    );
    expect(states).toEqual([{ state: 'sent', n: DELIVERIES }]);
    // In-app: exactly one notification per in-app delivery.
    const inApp = await world.sql<{ deliveries: number; notifications: number; doubled: number }>(
      `SELECT (SELECT count(*)::int FROM deliveries WHERE channel = 'in_app') AS deliveries,
              (SELECT count(*)::int FROM notifications) AS notifications,
              (SELECT count(*)::int FROM (SELECT delivery_id FROM notifications
                  GROUP BY 1 HAVING count(*) > 1) x) AS doubled`,
    );
    expect(inApp).toEqual([
      { deliveries: DELIVERIES / 2, notifications: DELIVERIES / 2, doubled: 0 },
    ]);
    // Webhooks: every delivery reached the receiver with a valid signature (none lost), and
    // applied once. A worker killed after the receiver answered but before it recorded the
    // delivery sends it again (at-least-once): same Witness-Delivery id, same body.
    const hooks = (
      await world.sql<{ id: string }>(`SELECT id FROM deliveries WHERE channel = 'webhook'`)
    ).map((r) => r.id);
    const lost = hooks.filter((id) => !receiver.applied.has(id));
    expect(lost).toEqual([]);
    expect(receiver.applied.size).toBe(DELIVERIES / 2);
    expect(receiver.rejected).toBe(0);
    expect(receiver.changedBodies).toBe(0);
    const repeats = [...receiver.calls.values()].reduce((s, n) => s + n - 1, 0);
    // Only a call that a kill cut off before its record can repeat: at most one per job a
    // killed worker was running (WORKER_CONCURRENCY 5 per kill).
    expect(repeats).toBeLessThanOrEqual(KILLS * 5);

    // Dossiers: one version per request, each ready, its outbox message done.
    const dossiers = await world.sql<{
      version_no: number;
      state: string;
      format: string;
      sha256: string | null;
    }>(`SELECT version_no, state, format, sha256 FROM dossiers ORDER BY version_no`);
    expect(dossiers.map((d) => d.version_no)).toEqual(
      Array.from({ length: DOSSIERS }, (_, i) => i + 1),
    );
    expect(dossiers.filter((d) => d.state !== 'ready' || !d.sha256)).toEqual([]);
    const outbox = await world.sql<{ n: number; done: number }>(
      `SELECT count(*)::int AS n, count(done_at)::int AS done FROM outbox WHERE queue = 'dossiers'`,
    );
    expect(outbox).toEqual([{ n: DOSSIERS, done: DOSSIERS }]);
    // A PDF made across the kills is a whole PDF whose bytes match its recorded hash.
    const pdf = await world.sql<{ id: string; sha256: string }>(
      `SELECT id, sha256 FROM dossiers WHERE format = 'pdf' ORDER BY version_no DESC LIMIT 1`,
    );
    const file = await fetch(`${world.api.baseUrl}/api/v1/dossiers/${pdf[0].id}/content`, {
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf[0].sha256);

    // Nothing is left running or waiting in the queues.
    for (const q of [QueueName.Reminders, QueueName.Dossiers]) {
      const counts = await world.jobCounts(q);
      expect({ queue: q, active: counts.active, waiting: counts.waiting }).toEqual({
        queue: q,
        active: 0,
        waiting: 0,
      });
    }
    expect(kills).toHaveLength(KILLS);
    expect(busy).toBeGreaterThanOrEqual(KILLS / 4);
    console.log(
      `worker-kill: seed ${seed}, ${KILLS} kills (${busy} with work in flight), ` +
        `${DELIVERIES} reminders, ${DOSSIERS} dossiers, ${repeats} webhook calls repeated after a kill`,
    );
    expect(final.running()).toBe(true);
  }, 600_000);
});
