import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobIds, QueueName, redisOptions } from '@witness/platform';
import { Queue } from 'bullmq';
import { caseWithEscalation, createPeople, type Http } from './support/http';
import { waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * Chromium crashes in the middle of a PDF dossier: the worker's CHROMIUM_PATH is a wrapper
 * that, the first time it is launched, starts the real browser and SIGKILLs it as soon as it
 * opens the page to print. That attempt fails with a reason naming the browser and the job is
 * retried; the next launch is a healthy browser and the dossier is ready, one whole PDF.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A Chromium that crashes mid-render on its first launch and works after that. */
function crashingChromium(dir: string): { path: string; launches(): number } {
  const log = join(dir, 'launches');
  const path = join(dir, 'chromium');
  writeFileSync(
    path,
    `#!/bin/sh
echo launch >> '${log}'
if mkdir '${join(dir, 'crashed')}' 2>/dev/null; then
  '${CHROMIUM}' "$@" &
  browser=$!
  # Only the browser holds Playwright's pipe (fds 3 and 4), so its death closes it.
  exec 3>&- 4>&-
  # Playwright makes this script a process-group leader: the browser's children are in it.
  i=0
  while [ $i -lt 1200 ] && ! pgrep -g $$ -f -- '--type=renderer' >/dev/null; do
    sleep 0.05; i=$((i + 1))
  done
  kill -9 $browser
  wait $browser
  exit 137
fi
exec '${CHROMIUM}' "$@"
`,
  );
  chmodSync(path, 0o755);
  return {
    path,
    launches: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0),
  };
}

describe('Chromium crashes in the middle of a PDF dossier', () => {
  let world: World;
  let coordinator: Http;
  let escalationId: string;
  const dir = mkdtempSync(join(tmpdir(), 'witness-faults-chromium-'));
  const chromium = crashingChromium(dir);

  beforeAll(async () => {
    world = await startWorld();
    [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    ({ escalationId } = await caseWithEscalation(coordinator, 'Leila Nasser'));
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails the attempt with a clear reason, retries, and the next attempt is ready', async () => {
    await world.startWorker('worker', { CHROMIUM_PATH: chromium.path });
    const res = await coordinator.ok(
      'POST',
      `/api/v1/escalations/${escalationId}/dossiers`,
      { language: 'en', format: 'pdf', edition: 'public', acknowledgeIncomplete: true },
      202,
    );
    const id = res.body.id as string;

    // Watch the job in the queue: the failed attempt's reason is there while it waits to retry.
    const queue = new Queue(QueueName.Dossiers, {
      prefix: world.env.QUEUE_PREFIX,
      connection: redisOptions(world.redis.url, { maxRetriesPerRequest: 1 }),
    });
    let failedReason = '';
    let attemptsMade = 0;
    try {
      await waitFor(
        async () => {
          const job = await queue.getJob(jobIds.dossier(id));
          if (job?.failedReason) failedReason = job.failedReason;
          if (job) attemptsMade = Math.max(attemptsMade, job.attemptsMade);
          const [d] = await world.sql<{ state: string }>(
            `SELECT state FROM dossiers WHERE id = $1`,
            [id],
          );
          return d?.state === 'ready' || d?.state === 'failed';
        },
        {
          timeout: 120_000,
          interval: 50,
          what: `dossier ${id} rendered after the crash`,
          last: () => world.sql(`SELECT state, failure_reason FROM dossiers WHERE id = $1`, [id]),
        },
      );
      const job = await queue.getJob(jobIds.dossier(id));
      if (job) attemptsMade = Math.max(attemptsMade, job.attemptsMade);
    } finally {
      await queue.close();
    }

    // The crash happened (on the first launch), was retried on a fresh launch, and said so.
    expect(chromium.launches()).toBe(2);
    expect(existsSync(join(dir, 'crashed'))).toBe(true);
    // One line that says what happened, not Playwright's message with the browser's log.
    expect(failedReason).toMatch(/^Chromium stopped while rendering the PDF \(/);
    expect(failedReason).not.toContain('\n');
    expect(failedReason.length).toBeLessThan(400);
    expect(attemptsMade).toBeGreaterThanOrEqual(2);

    const [d] = await world.sql<{ state: string; sha256: string; failure_reason: string | null }>(
      `SELECT state, sha256, failure_reason FROM dossiers WHERE id = $1`,
      [id],
    );
    expect({ state: d.state, failureReason: d.failure_reason }).toEqual({
      state: 'ready',
      failureReason: null,
    });
    const file = await fetch(`${world.api.baseUrl}/api/v1/dossiers/${id}/content`, {
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
    console.log(
      `chromium-crash: attempt 1 failed ("${failedReason}"), attempt ${attemptsMade} ready`,
    );
  }, 300_000);
});
