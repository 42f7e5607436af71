import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DocumentScans } from '@witness/domain';
import { jobIds, ScannerUnavailableError } from '@witness/platform';
import { startApi, type TestApi } from './support/api';
import { webSession } from './support/browser';
import { EICAR_SIGNATURE, startClamd, type TestClamd } from './support/clamd';
import { download, EICAR, multipart, pdf, postMultipart, type FilePart } from './support/files';
import { createStaff, type TestUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * Uploads while clamd is unreachable (a real clamd, stopped and started again on its port):
 * kept `pending` (202), listed but never served (409 naming the state); when clamd is back
 * the worker scans them (at its start, or the job itself): clean ones become available and
 * their uploader is told; malware is quarantined for good, its key and bytes destroyed,
 * audited, the uploader and the coordinators told.
 */
describe('documents: uploads kept while the virus scanner is down', () => {
  let api: TestApi;
  let clamd: TestClamd | undefined;
  let port: number;
  let storageDir: string;
  let worker: TestWorker | undefined;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let caseId: string;

  const upload = (file: FilePart, title: string) =>
    postMultipart(
      api,
      `/api/v1/defenders/${caseId}/documents`,
      staff.caseworker.token,
      multipart({ title, kind: 'evidence' }, [file]),
    );

  const blobFiles = async (): Promise<string[]> => {
    const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(storageDir, join(e.parentPath, e.name)));
  };

  const versionRow = async (documentId: string) => {
    const [row] = await api.db.query<
      { id: string; scan: string; blob_key: string; has_key: boolean }[]
    >(
      `SELECT id, scan, blob_key, data_key_enc IS NOT NULL AS has_key
         FROM document_versions WHERE document_id = $1 AND version_no = 1`,
      [documentId],
    );
    return row;
  };

  /** Bounded polling on the real state (the worker's scan committed), never a fixed sleep. */
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const clean = pdf('Statement of a witness, taken at night');
  const infected = Buffer.from(EICAR);
  let cleanId: string;
  let infectedId: string;

  beforeAll(async () => {
    clamd = await startClamd();
    port = clamd.port;
    storageDir = await mkdtemp(join(tmpdir(), 'witness-scan-pending-'));
    api = await startApi({
      env: { STORAGE_DIR: storageDir, ...clamd.env, CLAMAV_TIMEOUT_MS: '3000' },
    });
    staff = await createStaff(api);
    const d = await staff.coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Defender Under Watch', country: 'EG' },
    });
    caseId = d.body.id;
    await clamd.stop();
    clamd = undefined;
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await clamd?.stop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('keeps an upload while clamd is down (202, pending, listed) and serves none of it', async () => {
    const res = await upload({ name: 'statement.pdf', content: clean }, 'Witness statement');
    expect({ status: res.status, scan: res.body.current?.scan }).toEqual({
      status: 202,
      scan: 'pending',
    });
    expect(res.headers.location).toBe(`/api/v1/documents/${res.body.id}`);
    cleanId = res.body.id;

    const bad = await upload({ name: 'notes.txt', content: infected }, 'Notes from the visit');
    expect({ status: bad.status, scan: bad.body.current?.scan }).toEqual({
      status: 202,
      scan: 'pending',
    });
    infectedId = bad.body.id;

    // Stored, sealed as usual, and a scan job asked for in the same transaction.
    const v = await versionRow(cleanId);
    expect(v).toMatchObject({ scan: 'pending', has_key: true });
    expect(await blobFiles()).toContain(v.blob_key);
    const [job] = await api.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE job_id = $1 AND done_at IS NULL`,
      [jobIds.documentScan(v.id)],
    );
    expect(job.n).toBe(1);

    // Listed, marked as waiting.
    const list = await staff.caseworker.request({
      method: 'GET',
      url: `/api/v1/defenders/${caseId}/documents`,
    });
    expect(
      list.body.data.map((d: { id: string; current: { scan: string } }) => [d.id, d.current.scan]),
    ).toEqual(
      expect.arrayContaining([
        [cleanId, 'pending'],
        [infectedId, 'pending'],
      ]),
    );

    // Never served: 409 problem+json naming the state, for the latest or an explicit version.
    for (const url of [
      `/api/v1/documents/${cleanId}/content`,
      `/api/v1/documents/${cleanId}/content?version=1`,
      `/api/v1/documents/${infectedId}/content`,
      `/api/v1/documents/${cleanId}/thumbnail`,
    ]) {
      const got = await download(api, url, staff.coordinator.token);
      expect({ url, status: got.status, scan: got.json?.scan }).toEqual({
        url,
        status: 409,
        scan: 'pending',
      });
      expect(String(got.headers['content-type'])).toMatch(/application\/problem\+json/);
    }

    // The web page says so in plain words, and offers no download.
    const session = await webSession({ ...api, baseUrl: '' }, staff.caseworker);
    const page = await api.app.inject({
      method: 'GET',
      url: `/app/documents/${cleanId}`,
      headers: { cookie: session.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('waiting for the virus check');
    expect(page.body).not.toContain(`/app/documents/${cleanId}/download`);

    // The operator sees the backlog: readiness detail and metrics.
    const ready = await api.request({ method: 'GET', url: '/health/ready' });
    expect(ready.body.details.virusScans).toMatchObject({ status: 'up', pending: 2 });
    const metrics = await staff.admin.request({ method: 'GET', url: '/metrics' });
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^witness_documents_pending_scan\{[^}]*\} 2$/m);
    expect(metrics.text).toMatch(/^witness_documents_pending_scan_oldest_age_seconds\{[^}]*\} \d/m);
  });

  it('a scan while clamd is still down fails, to be retried, and changes nothing', async () => {
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
    });
    const scans = worker.app.get(DocumentScans);
    const v = await versionRow(cleanId);
    await expect(scans.scanPending(v.id)).rejects.toBeInstanceOf(ScannerUnavailableError);
    expect(await scans.sweep()).toMatchObject({ clean: 0, quarantined: 0, left: 2 });
    expect((await versionRow(cleanId)).scan).toBe('pending');
    await worker.close();
    worker = undefined;
  });

  it('when clamd is back, a restarted worker scans what is pending: clean served, malware quarantined', async () => {
    clamd = await startClamd({ port });
    const infectedVersion = await versionRow(infectedId);
    expect(await blobFiles()).toContain(infectedVersion.blob_key);

    // The worker's start sweeps (no job needed: the per-upload jobs may be long gone).
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
    });
    await until('both pending versions scanned', async () => {
      const [row] = await api.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM document_versions WHERE scan = 'pending'`,
      );
      return row.n === 0;
    });

    // Clean: available, the very bytes uploaded.
    expect((await versionRow(cleanId)).scan).toBe('clean');
    const got = await download(api, `/api/v1/documents/${cleanId}/content`, staff.caseworker.token);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(clean)).toBe(true);

    // Infected: quarantined for good, the key and the bytes destroyed, audited.
    const q = await versionRow(infectedId);
    expect(q).toMatchObject({ scan: 'quarantined', has_key: false });
    expect(await blobFiles()).not.toContain(q.blob_key);
    const refused = await download(
      api,
      `/api/v1/documents/${infectedId}/content`,
      staff.coordinator.token,
    );
    expect({ status: refused.status, scan: refused.json?.scan }).toEqual({
      status: 409,
      scan: 'quarantined',
    });
    const audit = await api.db.query<{ action: string; changes: Record<string, unknown> }[]>(
      `SELECT action, changes FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [infectedId],
    );
    const quarantine = audit.find((a) => a.action === 'document.quarantine');
    expect(quarantine?.changes).toMatchObject({
      signature: EICAR_SIGNATURE,
      contentDestroyed: true,
    });

    // Told: the uploader either way, the coordinators about malware (and only them).
    const notes = await api.db.query<{ user_id: string; title: string }[]>(
      `SELECT user_id, title FROM notifications WHERE defender_id = $1 ORDER BY title`,
      [caseId],
    );
    const to = (userId: string) => notes.filter((n) => n.user_id === userId).map((n) => n.title);
    expect(to(staff.caseworker.id)).toEqual([
      '"Notes from the visit" was quarantined: malware found',
      '"Witness statement" passed the virus check',
    ]);
    expect(to(staff.coordinator.id)).toEqual([
      '"Notes from the visit" was quarantined: malware found',
    ]);
    expect(to(staff.viewer.id)).toEqual([]);

    // Nothing left waiting; the scan jobs' outbox rows are done.
    const [left] = await api.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE job_id LIKE 'document-scan-%' AND done_at IS NULL`,
    );
    expect(left.n).toBe(0);
    const ready = await api.request({ method: 'GET', url: '/health/ready' });
    expect(ready.body.details.virusScans).toEqual({
      status: 'up',
      pending: 0,
      oldestPendingSeconds: 0,
    });
  });

  it('the scan job of one upload (outbox to worker) records it once, whoever runs it', async () => {
    await clamd?.stop();
    clamd = undefined;
    const res = await upload({ name: 'second.pdf', content: pdf('A second statement') }, 'Second');
    expect(res.status).toBe(202);
    const v = await versionRow(res.body.id);
    clamd = await startClamd({ port });
    const scans = worker!.app.get(DocumentScans);
    // The job (or the sweep) may already be at it: both end in one clean result.
    const outcomes = await Promise.all([scans.scanPending(v.id), scans.scanPending(v.id)]);
    expect(outcomes.filter((o) => o === 'clean').length).toBeLessThanOrEqual(1);
    expect((await versionRow(res.body.id)).scan).toBe('clean');
    const [audits] = await api.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'document.scan_clean'`,
      [res.body.id],
    );
    expect(audits.n).toBe(1);
  });
});
