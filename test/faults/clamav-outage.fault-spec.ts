import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueName } from '@witness/platform';
import { startClamd, type TestClamd } from '../support/clamd';
import { EICAR, multipart, pdf } from '../support/files';
import { caseWithEscalation, createPeople, type Http } from './support/http';
import { trace, waitFor } from './support/wait';
import { startWorld, type World } from './support/world';

/**
 * clamd goes down while caseworkers upload evidence (the built api and worker, a real clamd
 * stopped and started again on its port). Every upload is kept, not refused and not served:
 * 202 with `scan: pending`, sealed in the store, its content refused with 409 naming the state;
 * the worker's scans fail and are retried. When clamd is back on the same port, the worker
 * (its per-upload jobs, or its periodic sweep) scans each once: clean files are served byte
 * for byte, the malware is quarantined and never served.
 */

const CLEAN = 4;

describe('ClamAV down during uploads, then back', () => {
  let world: World;
  let clamd: TestClamd | undefined;
  let port: number;
  let coordinator: Http;
  let defenderId: string;
  const store = mkdtempSync(join(tmpdir(), 'witness-faults-clamav-'));

  const upload = async (title: string, name: string, content: Buffer) => {
    const body = multipart({ title, kind: 'evidence' }, [{ name, content }]);
    const res = await fetch(`${world.api.baseUrl}/api/v1/defenders/${defenderId}/documents`, {
      method: 'POST',
      headers: { 'content-type': body.contentType, authorization: `Bearer ${coordinator.token}` },
      body: new Uint8Array(body.payload),
    });
    return {
      status: res.status,
      body: (await res.json()) as { id: string; current: { scan: string } },
    };
  };

  const content = async (id: string) => {
    const res = await fetch(`${world.api.baseUrl}/api/v1/documents/${id}/content`, {
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const json = /json/.test(type)
      ? (JSON.parse(bytes.toString('utf8')) as { scan?: string })
      : null;
    return { status: res.status, type, bytes, scan: json?.scan };
  };

  const scans = () =>
    world.sql<{ document_id: string; scan: string }>(
      `SELECT document_id, scan FROM document_versions ORDER BY created_at`,
    );

  beforeAll(async () => {
    clamd = await startClamd();
    port = clamd.port;
    world = await startWorld({
      env: {
        STORAGE_DIR: store,
        ...clamd.env,
        CLAMAV_TIMEOUT_MS: '3000',
        // The shortest sweep allowed: a backlog left by exhausted retries is still cleared.
        CLAMAV_SWEEP_SECONDS: '10',
      },
    });
    [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    ({ defenderId } = await caseWithEscalation(coordinator, 'Rania Saleh'));
    await world.startWorker();
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    await clamd?.stop();
    rmSync(store, { recursive: true, force: true });
  });

  it('keeps uploads pending and unserved while clamd is down, and scans each once when it is back', async () => {
    // Up: scanned at upload, served at once.
    const before = await upload('Before the outage', 'before.pdf', pdf('Before'));
    expect({ status: before.status, scan: before.body.current.scan }).toEqual({
      status: 201,
      scan: 'clean',
    });

    await clamd!.stop();
    clamd = undefined;
    trace('clamd stopped; uploading');
    const files = Array.from({ length: CLEAN }, (_, i) => pdf(`Statement ${i + 1} of a witness`));
    const uploads = await Promise.all([
      ...files.map((f, i) => upload(`Statement ${i + 1}`, `statement-${i + 1}.pdf`, f)),
      upload('Notes from the visit', 'notes.txt', Buffer.from(EICAR)),
    ]);
    // Kept, never refused, never accepted as clean.
    expect(uploads.map((u) => [u.status, u.body.current.scan])).toEqual(
      Array.from({ length: CLEAN + 1 }, () => [202, 'pending']),
    );
    const ids = uploads.map((u) => u.body.id);
    const infectedId = ids[CLEAN];

    // Not served while waiting; the worker's scans fail (clamd refuses) and are retried.
    for (const id of ids) {
      const got = await content(id);
      expect({ status: got.status, scan: got.scan }).toEqual({ status: 409, scan: 'pending' });
      expect(got.type).toContain('application/problem+json');
    }
    expect((await content(before.body.id)).status).toBe(200);
    await waitFor(
      async () => {
        const counts = await world.jobCounts(QueueName.Documents);
        return (counts.delayed ?? 0) + (counts.failed ?? 0) > 0;
      },
      {
        timeout: 30_000,
        interval: 250,
        what: 'a scan job failed and set to retry while clamd is down',
        last: () => world.jobCounts(QueueName.Documents),
      },
    );
    expect((await scans()).filter((s) => s.scan === 'pending')).toHaveLength(CLEAN + 1);

    // Back, on the same port: every pending version scanned, without restarting anything.
    clamd = await startClamd({ port });
    trace('clamd back');
    await waitFor(async () => (await scans()).every((s) => s.scan !== 'pending'), {
      timeout: 90_000,
      interval: 250,
      what: 'every pending version scanned after clamd came back',
      last: scans,
    });

    for (const [i, id] of ids.slice(0, CLEAN).entries()) {
      const got = await content(id);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(files[i])).toBe(true);
    }
    const refused = await content(infectedId);
    expect({ status: refused.status, scan: refused.scan }).toEqual({
      status: 409,
      scan: 'quarantined',
    });
    // Each scanned once: one audited outcome per version.
    const outcomes = await world.sql<{ entity_id: string; action: string; n: number }>(
      `SELECT entity_id, action, count(*)::int AS n FROM audit_events
        WHERE action IN ('document.scan_clean', 'document.quarantine') AND entity_id = ANY($1::text[])
        GROUP BY 1, 2`,
      [ids],
    );
    expect(outcomes.map((o) => [o.entity_id, o.action, o.n]).sort()).toEqual(
      [
        ...ids.slice(0, CLEAN).map((id) => [id, 'document.scan_clean', 1]),
        [infectedId, 'document.quarantine', 1],
      ].sort(),
    );
    console.log(
      `clamav-outage: ${CLEAN + 1} uploads kept while clamd was down, scanned once after`,
    );
  }, 300_000);
});
