import type { AppProcess } from './support/apps';
import { caseWithEscalation, createPeople, type Http } from './support/http';
import { waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * PostgreSQL goes down and comes back (pg_ctl stop -m fast, then start) while clients keep
 * reading and writing. During the outage every answer is a 503 problem+json with Retry-After
 * that names no internals, never a 500; afterwards the same api and worker processes serve
 * again within seconds, by themselves. No write that was acknowledged is lost.
 */

const CLIENTS = 4;
/** Internals a 503 must not show: driver errors, SQL, stack frames. */
const INTERNALS =
  /ECONN|EPIPE|ETIMEDOUT|terminat|Connection|QueryFailed|SELECT|INSERT|UPDATE|relation|pg_|\.js:\d+|\bat \w+ \(/;

interface Answer {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  text: string;
  method: string;
}

describe('PostgreSQL restarted under load', () => {
  let world: World;
  let caseworker: Http;
  let coordinator: Http;
  let escalationId: string;
  let worker: AppProcess;

  beforeAll(async () => {
    world = await startWorld();
    [caseworker, coordinator] = [
      ...(await createPeople(world.admin, 'caseworker', 1)),
      ...(await createPeople(world.admin, 'coordinator', 1)),
    ].map((p) => p.http);
    ({ escalationId } = await caseWithEscalation(coordinator, 'Germain Rukuki'));
    worker = await world.startWorker('worker');
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('answers 503 with Retry-After during the outage and recovers by itself', async () => {
    const answers: Answer[] = [];
    const acknowledged: string[] = [];
    const failures: string[] = [];
    let n = 0;
    let running = true;

    const client = async (c: number) => {
      while (running) {
        const i = n++;
        const write = i % 2 === 0;
        try {
          const res = write
            ? await caseworker.req(
                'POST',
                '/api/v1/defenders',
                { fullName: `Restart Drill ${i}`, country: 'BI' },
                {},
                15_000,
              )
            : await caseworker.req('GET', '/api/v1/defenders?limit=5', undefined, {}, 15_000);
          answers.push({
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            contentType: res.headers.get('content-type'),
            text: res.text.slice(0, 2000),
            method: write ? 'POST' : 'GET',
          });
          if (write && res.status === 201) acknowledged.push(res.body.id as string);
        } catch (e) {
          // The api itself never went away: a refused or cut connection is a failure.
          failures.push(`client ${c}: ${(e as Error).message}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const count = (status: number) => answers.filter((a) => a.status === status).length;

    await waitFor(() => count(201) >= 20, { timeout: 30_000, what: 'the load to run' });
    const downAt = Date.now();
    await world.pg.stop();
    // Down long enough for every client to meet the outage several times.
    await waitFor(() => count(503) >= 5 * CLIENTS, {
      timeout: 30_000,
      interval: 20,
      what: 'answers during the outage',
    });
    const outageMs = Date.now() - downAt;
    await world.pg.start();
    const upAt = Date.now();
    const firstOk = answers.length;
    await waitFor(
      () => answers.slice(firstOk).some((a) => a.method === 'POST' && a.status === 201),
      { timeout: 15_000, interval: 20, what: 'a write to succeed again' },
    );
    const recoveredMs = Date.now() - upAt;
    // And it stays recovered.
    const settled = answers.length;
    await waitFor(() => answers.length - settled >= 40, { timeout: 30_000, what: 'more answers' });
    running = false;
    await load;

    expect(failures).toEqual([]);
    // Only successes and 503s; never a 500 (what the api logged for one is shown).
    const errors = world.api
      .records()
      .filter((r) => r.msg === 'unhandled error')
      .map((r) => JSON.stringify(r).slice(0, 1500));
    expect({ answered500: answers.filter((a) => a.status === 500).length, errors }).toEqual({
      answered500: 0,
      errors: [],
    });
    const statuses = [...new Set(answers.map((a) => a.status))].sort();
    expect(statuses).toEqual([200, 201, 503]);
    const unavailable = answers.filter((a) => a.status === 503);
    for (const a of unavailable) {
      expect(a.contentType).toMatch(/^application\/problem\+json/);
      expect(a.retryAfter).toMatch(/^[1-9]\d*$/);
      const body = JSON.parse(a.text) as { status: number; detail: string; requestId: string };
      expect(body.status).toBe(503);
      expect(body.requestId).toBeTruthy();
      expect(a.text).not.toMatch(INTERNALS);
    }
    // Answers after recovery are all successes again.
    expect(answers.slice(settled).filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
    expect(recoveredMs).toBeLessThan(10_000);
    // Same processes: nobody restarted them.
    expect(world.api.running()).toBe(true);
    expect(worker.running()).toBe(true);

    // No acknowledged write is lost, none is doubled.
    const rows = await world.sql<{ id: string; full_name: string }>(
      `SELECT id, full_name FROM defenders WHERE full_name LIKE 'Restart Drill %'`,
    );
    const stored = new Set(rows.map((r) => r.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(new Set(rows.map((r) => r.full_name)).size).toBe(rows.length);

    // The worker recovered too: a dossier asked for now is rendered.
    const d = await coordinator.ok(
      'POST',
      `/api/v1/escalations/${escalationId}/dossiers`,
      { language: 'en', format: 'html', edition: 'public', acknowledgeIncomplete: true },
      202,
    );
    await waitFor(
      async () =>
        (await coordinator.ok('GET', `/api/v1/dossiers/${d.body.id}`)).body.state === 'ready',
      { timeout: 60_000, what: 'a dossier rendered after the restart' },
    );
    console.log(
      `postgres-restart: down ${outageMs} ms, ${unavailable.length} answers 503 with Retry-After, ` +
        `writes again ${recoveredMs} ms after PostgreSQL returned; ${answers.length} answers, ${acknowledged.length} writes kept`,
    );
  }, 180_000);
});
