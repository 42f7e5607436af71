import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentScans } from '@witness/domain';
import { startApi, type TestApi, type TestResponse } from './support/api';
import { webSession } from './support/browser';
import { startClamd, type TestClamd } from './support/clamd';
import { download, EICAR, multipart, pdf, postMultipart, type FilePart } from './support/files';
import { createStaff, type TestUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';
import { unzip } from './support/zip';

/**
 * A document kept `pending` while clamd was down never goes with a dossier: choosing it as an
 * escalation annex is refused (409 naming the scan state, nothing written), and a bundle that
 * would hold it is refused whole, never sent as a shorter ZIP. Once the worker has found it
 * clean both work; a quarantined one stays refused. Real clamd, api, worker, PostgreSQL.
 */

describe('documents waiting for the virus check: escalation annexes and dossier bundles', () => {
  let api: TestApi;
  let clamd: TestClamd | undefined;
  let port: number;
  let storageDir: string;
  let worker: TestWorker | undefined;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let caseId: string;
  let escalationId: string;
  const docs: Record<'scanned' | 'pending' | 'infected', string> = {
    scanned: '',
    pending: '',
    infected: '',
  };
  let dossierId: string;

  const upload = async (file: FilePart, title: string, status: number) => {
    const res = await postMultipart(
      api,
      `/api/v1/defenders/${caseId}/documents`,
      staff.caseworker.token,
      multipart({ title, kind: 'evidence' }, [file]),
    );
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res.body.id as string;
  };

  const annexUrl = () => `/api/v1/escalations/${escalationId}/annexes`;

  const putAnnexes = async (documentIds: string[]): Promise<TestResponse> => {
    const got = await staff.coordinator.request({ method: 'GET', url: annexUrl() });
    return staff.coordinator.request({
      method: 'PUT',
      url: annexUrl(),
      body: { documentIds },
      headers: { 'if-match': String(got.headers.etag) },
    });
  };

  const annexRows = async () =>
    (
      await api.db.query<{ document_id: string }[]>(
        `SELECT document_id FROM escalation_annexes WHERE escalation_id = $1 ORDER BY position`,
        [escalationId],
      )
    ).map((r) => r.document_id);

  const versionOf = async (documentId: string) =>
    (
      await api.db.query<{ id: string; scan: string }[]>(
        `SELECT id, scan FROM document_versions WHERE document_id = $1 AND version_no = 1`,
        [documentId],
      )
    )[0];

  const expectRefused = (res: TestResponse, scan: string, documentId: string) => {
    expect({ status: res.status, scan: res.body.scan, documentId: res.body.documentId }).toEqual({
      status: 409,
      scan,
      documentId,
    });
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
  };

  /** A dossier of the escalation's current annexes, rendered by the real worker. */
  const renderDossier = async (): Promise<string> => {
    const res = await staff.coordinator.request({
      method: 'POST',
      url: `/api/v1/escalations/${escalationId}/dossiers`,
      body: { language: 'en', format: 'html', edition: 'submission', acknowledgeIncomplete: true },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 202 });
    const id = res.body.id as string;
    const { OutboxRelay } = await import('../apps/worker/src/processors/outbox-relay.service');
    await worker!.app.get(OutboxRelay).relay();
    const end = Date.now() + 30_000;
    for (;;) {
      const d = await staff.coordinator.request({ method: 'GET', url: `/api/v1/dossiers/${id}` });
      if (d.body.state === 'ready') return id;
      if (d.body.state === 'failed') throw new Error(`dossier failed: ${d.body.failureReason}`);
      if (Date.now() > end) throw new Error(`dossier ${id} still ${d.body.state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const bundle = (id: string) =>
    download(api, `/api/v1/dossiers/${id}/bundle`, staff.coordinator.token);

  beforeAll(async () => {
    clamd = await startClamd();
    port = clamd.port;
    storageDir = await mkdtemp(join(tmpdir(), 'witness-scan-annexes-'));
    api = await startApi({
      now: '2026-06-15T10:00:00Z',
      env: { STORAGE_DIR: storageDir, ...clamd.env, CLAMAV_TIMEOUT_MS: '3000' },
    });
    staff = await createStaff(api);
    const d = await staff.coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Defender With Evidence', country: 'EG', nationality: 'EG' },
    });
    caseId = d.body.id;
    await staff.coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${caseId}/consents`,
      body: {
        purpose: 'un_submission',
        decision: 'given',
        givenBy: 'defender',
        method: 'written',
        decidedOn: '2026-05-01',
      },
    });
    const esc = await staff.coordinator.request({
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [caseId], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(esc.status).toBe(201);
    escalationId = esc.body.id;

    // Scanned at upload while clamd answers; the other two kept while it is down.
    docs.scanned = await upload({ name: 'warrant.pdf', content: pdf('Warrant') }, 'Warrant', 201);
    await clamd.stop();
    clamd = undefined;
    docs.pending = await upload(
      { name: 'statement.pdf', content: pdf('Statement taken at night') },
      'Statement',
      202,
    );
    docs.infected = await upload({ name: 'notes.txt', content: Buffer.from(EICAR) }, 'Notes', 202);
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env: { OUTBOX_RELAY_SECONDS: '3600', STORAGE_DIR: storageDir },
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await clamd?.stop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('refuses a pending document as an annex (409 naming the scan state), writing nothing', async () => {
    expect((await putAnnexes([docs.scanned])).status).toBe(200);
    const res = await putAnnexes([docs.scanned, docs.pending]);
    expectRefused(res, 'pending', docs.pending);
    expect(await annexRows()).toEqual([docs.scanned]);

    // The web picker says so next to the ticked document (not an error page), nothing saved.
    const session = await webSession({ ...api, baseUrl: '' }, staff.coordinator);
    const [{ version }] = await api.db.query<{ version: number }[]>(
      `SELECT version FROM escalations WHERE id = $1`,
      [escalationId],
    );
    const form = new URLSearchParams({ _csrf: session.csrf, version: String(version) });
    for (const id of [docs.scanned, docs.pending]) {
      form.append('shownIds', id);
      form.append('documentIds', id);
    }
    const page = await api.app.inject({
      method: 'POST',
      url: `/app/escalations/${escalationId}/annexes`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toMatch(
      new RegExp(`id="annex-${docs.pending}-error">[^<]*waiting for the virus check`),
    );
    expect(await annexRows()).toEqual([docs.scanned]);
  });

  it('refuses a bundle holding a pending version whole, never a shorter ZIP', async () => {
    dossierId = await renderDossier();
    expect((await bundle(dossierId)).status).toBe(200);
    // The api lets no pending version into a dossier; here one is, as if pinned by an older
    // release, to prove the bundle checks each annex itself rather than trusting the choice.
    const pending = await versionOf(docs.pending);
    await api.db.query(
      `UPDATE dossier_annexes SET document_id = $2, document_version_id = $3
        WHERE dossier_id = $1 AND document_id = $4`,
      [dossierId, docs.pending, pending.id, docs.scanned],
    );
    const res = await bundle(dossierId);
    expect({ status: res.status, scan: res.json?.scan, documentId: res.json?.documentId }).toEqual({
      status: 409,
      scan: 'pending',
      documentId: docs.pending,
    });
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
  });

  it('once clamd is back and the worker has scanned them: the clean one is chosen and bundled, the quarantined one stays refused', async () => {
    clamd = await startClamd({ port });
    // The worker reads the same CLAMAV_* settings as the api (process.env).
    await worker!.app.get(DocumentScans).sweep();
    expect((await versionOf(docs.pending)).scan).toBe('clean');
    expect((await versionOf(docs.infected)).scan).toBe('quarantined');

    // The bundle that held the pending version now holds it, clean.
    const was = await bundle(dossierId);
    expect(was.status).toBe(200);
    expect((await unzip(was.bytes)).map((e) => e.name)).toEqual([
      expect.stringMatching(/^00-.*\.html$/),
      '01-Statement.pdf',
    ]);

    const chosen = await putAnnexes([docs.scanned, docs.pending]);
    expect(chosen.status).toBe(200);
    expect(await annexRows()).toEqual([docs.scanned, docs.pending]);
    const fresh = await renderDossier();
    const zip = await bundle(fresh);
    expect(zip.status).toBe(200);
    expect((await unzip(zip.bytes)).map((e) => e.name)).toEqual([
      expect.stringMatching(/^00-.*\.html$/),
      '01-Warrant.pdf',
      '02-Statement.pdf',
    ]);

    const refused = await putAnnexes([docs.scanned, docs.pending, docs.infected]);
    expectRefused(refused, 'quarantined', docs.infected);
    expect(await annexRows()).toEqual([docs.scanned, docs.pending]);
  });
});
