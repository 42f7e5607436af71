import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type TestApi, type TestResponse } from './support/api';
import { docx, download, multipart, pdf, postMultipart, type FilePart } from './support/files';
import { createStaff, createUser, type TestUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';
import { unzip } from './support/zip';

/**
 * Dossier annexes end to end, against the real api, the real worker (which renders the
 * dossiers), PostgreSQL and the encrypted document store: an escalation chooses its documents
 * (ordered, pinned to the version chosen, confidential ones only for those who may see them),
 * every bad choice is refused naming the field with nothing written, the dossier lists them
 * (the public edition never a confidential one), and the bundle, read back with yauzl, holds
 * the dossier and the very bytes uploaded, named safely, for exactly who may download it.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

interface Annex {
  number: number;
  documentId: string;
  title: string;
  kind: string;
  language: string | null;
  date: string | null;
  confidential: boolean;
  versionNo: number;
  latestVersionNo: number;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The visible text of an HTML document, whitespace collapsed. */
const htmlText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ');

describe('dossier annexes and bundles', () => {
  let api: TestApi;
  let worker: TestWorker | undefined;
  let relay: { relay: () => Promise<number> };
  let storageDir: string;
  let staff: Staff;
  /** A caseworker assigned to no case: sees the case, not its confidential documents. */
  let outsider: TestUser;
  let caseId: string;
  let otherCaseId: string;
  let escalationId: string;
  const files: Record<string, Buffer> = {};
  const docs: Record<string, string> = {};

  const A = (id = escalationId) => `/api/v1/escalations/${id}/annexes`;

  const upload = async (
    defenderId: string,
    fields: Record<string, string>,
    file: FilePart,
    user: TestUser = staff.caseworker,
  ) => {
    const res = await postMultipart(
      api,
      `/api/v1/defenders/${defenderId}/documents`,
      user.token,
      multipart(fields, [file]),
    );
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body.id as string;
  };

  const etag = async (id = escalationId) =>
    String((await staff.coordinator.request({ method: 'GET', url: A(id) })).headers.etag);

  const put = async (
    user: TestUser,
    body: unknown,
    ifMatch?: string | null,
    id = escalationId,
  ): Promise<TestResponse> =>
    user.request({
      method: 'PUT',
      url: A(id),
      body,
      headers: ifMatch === null ? {} : { 'if-match': ifMatch ?? (await etag(id)) },
    });

  const annexes = async (user: TestUser = staff.coordinator): Promise<Annex[]> => {
    const res = await user.request({ method: 'GET', url: A() });
    expect(res.status).toBe(200);
    return res.body.annexes as Annex[];
  };

  const state = async () => {
    const [row] = await api.db.query<{ rows: string; version: number; audit: number }[]>(
      `SELECT (SELECT json_agg(json_build_object('d', document_id, 'v', document_version_id) ORDER BY position)::text
                 FROM escalation_annexes WHERE escalation_id = $1) AS rows,
              (SELECT version FROM escalations WHERE id = $1) AS version,
              (SELECT count(*)::int FROM audit_events WHERE action = 'escalation.annexes') AS audit`,
      [escalationId],
    );
    return row;
  };

  const expectProblem = (res: TestResponse, status: number, fields: string[] = []) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
    const named = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    for (const f of fields) expect(named).toContain(f);
  };

  const requestDossier = async (body: { language: string; format: string; edition: string }) => {
    const res = await staff.coordinator.request({
      method: 'POST',
      url: `/api/v1/escalations/${escalationId}/dossiers`,
      // Annexes, not completeness, are under test here.
      body: { ...body, acknowledgeIncomplete: true },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 202 });
    return res.body.id as string;
  };

  /** The real worker renders what the outbox holds; poll the dossiers until ready. */
  const render = async (ids: string[]) => {
    if (!worker) {
      worker = await startWorker({
        dbUrl: api.dbUrl,
        queuePrefix: api.queuePrefix,
        clock: api.clock,
        env: { OUTBOX_RELAY_SECONDS: '3600', STORAGE_DIR: storageDir },
      });
      const { OutboxRelay } = await import('../apps/worker/src/processors/outbox-relay.service');
      relay = worker.app.get(OutboxRelay);
    }
    await relay.relay();
    const end = Date.now() + 30_000;
    for (const id of ids) {
      for (;;) {
        const d = await staff.coordinator.request({ method: 'GET', url: `/api/v1/dossiers/${id}` });
        if (d.body.state === 'ready') break;
        if (d.body.state === 'failed') throw new Error(`dossier failed: ${d.body.failureReason}`);
        if (Date.now() > end) throw new Error(`dossier ${id} still ${d.body.state}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  const bundle = (id: string, user: TestUser) =>
    download(api, `/api/v1/dossiers/${id}/bundle`, user.token);

  const auditCount = async (action: string, entityId: string, actorId: string) =>
    (
      await api.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2 AND actor_id = $3`,
        [action, entityId, actorId],
      )
    )[0].n;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'witness-annexes-'));
    api = await startApi({ now: '2026-06-15T10:00:00Z', env: { STORAGE_DIR: storageDir } });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');
    const co = staff.coordinator;
    const mk = async (fullName: string) => {
      const res = await co.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName, country: 'EG', nationality: 'EG' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    caseId = await mk('Amina Haddad');
    otherCaseId = await mk('Omar Khalil');
    const assign = await co.request({
      method: 'POST',
      url: `/api/v1/defenders/${caseId}/assignees`,
      body: { userId: staff.caseworker.id },
    });
    expect(assign.status).toBe(201);
    const consent = await co.request({
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
    expect(consent.status).toBe(201);
    const esc = await co.request({
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [caseId], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(esc.status).toBe(201);
    escalationId = esc.body.id;

    files.warrant = pdf('Arrest warrant No. 12/2024');
    // Several of the store's 64 KiB sealed chunks: the bundle streams each one through.
    files.medical = Buffer.from(
      'Medical report: the detainee needs urgent care.\n'.repeat(6000),
      'utf8',
    );
    files.letter = await docx('Letter from the family');
    files.other = pdf('Another case');
    files.doomed = Buffer.from('A note uploaded by mistake.\n', 'utf8');
    docs.warrant = await upload(
      caseId,
      { title: 'Arrest warrant 12/2024', kind: 'warrant', language: 'ar', date: '2024-03-18' },
      { name: 'warrant.pdf', content: files.warrant },
    );
    docs.medical = await upload(
      caseId,
      { title: 'Medical report', kind: 'medical', language: 'en', confidential: 'true' },
      { name: 'medical.txt', content: files.medical },
    );
    docs.letter = await upload(
      caseId,
      { title: '../../Letter from the family', kind: 'correspondence', language: 'fr' },
      { name: 'letter.docx', content: files.letter },
    );
    docs.other = await upload(
      otherCaseId,
      { title: 'Other case', kind: 'evidence' },
      { name: 'other.pdf', content: files.other },
    );
    docs.doomed = await upload(
      caseId,
      { title: 'Uploaded by mistake', kind: 'other' },
      { name: 'doomed.txt', content: files.doomed },
    );
    const del = await staff.coordinator.request({
      method: 'DELETE',
      url: `/api/v1/documents/${docs.doomed}`,
    });
    expect(del.status).toBe(204);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('chooses annexes in order, pinned to the version chosen, with If-Match on the escalation, audited', async () => {
    expect(await annexes()).toEqual([]);
    const before = await etag();
    const res = await put(
      staff.caseworker,
      { documentIds: [docs.warrant, docs.medical, docs.letter] },
      before,
    );
    expect(res.status).toBe(200);
    expect(res.headers.etag).not.toBe(before);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    expect(res.body.annexes.map((a: Annex) => [a.number, a.documentId, a.versionNo])).toEqual([
      [1, docs.warrant, 1],
      [2, docs.medical, 1],
      [3, docs.letter, 1],
    ]);
    expect(res.body.annexes[0]).toMatchObject({
      title: 'Arrest warrant 12/2024',
      kind: 'warrant',
      language: 'ar',
      date: '2024-03-18',
      confidential: false,
      fileType: 'pdf',
    });
    // The escalation itself moved on: an edit with the old version is stale.
    const esc = await staff.coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}`,
    });
    expect(`"${esc.body.version}"`).toBe(res.headers.etag);
    const audit = await api.db.query<{ changes: { annexes: { to: unknown[] } } }[]>(
      `SELECT changes FROM audit_events WHERE action = 'escalation.annexes' AND entity_id = $1`,
      [escalationId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].changes.annexes.to).toEqual([
      { documentId: docs.warrant, versionNo: 1 },
      { documentId: docs.medical, versionNo: 1 },
      { documentId: docs.letter, versionNo: 1 },
    ]);

    // A new version of the warrant is uploaded: the annex stays pinned to what was chosen.
    const v2 = await postMultipart(
      api,
      `/api/v1/documents/${docs.warrant}/versions`,
      staff.caseworker.token,
      multipart({}, [{ name: 'warrant-v2.pdf', content: pdf('Arrest warrant, corrected') }]),
    );
    expect(v2.status).toBe(201);
    expect((await annexes())[0]).toMatchObject({ versionNo: 1, latestVersionNo: 2 });
    // Saving the same list again changes nothing: no write, no new version, no audit.
    const s = await state();
    const same = await put(staff.coordinator, {
      documentIds: [docs.warrant, docs.medical, docs.letter],
    });
    expect(same.status).toBe(200);
    expect(await state()).toEqual(s);
  });

  it('refuses bad choices naming the field, and writes nothing', async () => {
    const before = await state();
    const tag = await etag();
    const cases: [string, unknown, string[], number?][] = [
      ['an unknown document', { documentIds: [docs.warrant, randomUUID()] }, ['documentIds[1]']],
      ["another case's document", { documentIds: [docs.other] }, ['documentIds[0]']],
      ['a deleted document', { documentIds: [docs.doomed, docs.warrant] }, ['documentIds[0]']],
      [
        'a duplicate',
        { documentIds: [docs.warrant, docs.letter, docs.warrant] },
        ['documentIds[2]'],
      ],
      [
        'too many',
        { documentIds: Array.from({ length: 31 }, () => randomUUID()) },
        ['documentIds'],
      ],
      ['not uuids', { documentIds: ['x', 42] }, ['documentIds']],
      ['not a list', { documentIds: docs.warrant }, ['documentIds']],
      ['a missing list', {}, ['documentIds']],
      ['a null flag', { documentIds: [], refreshVersions: null }, ['refreshVersions']],
      ['an unknown field', { documentIds: [], pin: true }, ['pin']],
    ];
    for (const [label, body, fields] of cases) {
      const res = await put(staff.coordinator, body, tag);
      try {
        expectProblem(res, 400, fields);
      } catch (err) {
        throw new Error(`${label}: ${res.status} ${res.text}`, { cause: err });
      }
    }
    const malformed = await staff.coordinator.request({
      method: 'PUT',
      url: A(),
      rawBody: '{"documentIds": [',
      headers: { 'if-match': tag },
    });
    expectProblem(malformed, 400);
    // A confidential document is not there for a caseworker not assigned to the case.
    expectProblem(await put(outsider, { documentIds: [docs.medical] }, tag), 400, [
      'documentIds[0]',
    ]);
    // Versions, roles, sign-in, ids.
    expectProblem(await put(staff.coordinator, { documentIds: [] }, null), 428);
    expectProblem(await put(staff.coordinator, { documentIds: [] }, '"1"'), 412);
    expectProblem(await put(staff.viewer, { documentIds: [] }, tag), 403);
    const anonymous = await api.request({
      method: 'PUT',
      url: A(),
      body: { documentIds: [] },
      headers: { 'if-match': tag },
    });
    expectProblem(anonymous, 401);
    expectProblem(await put(staff.coordinator, { documentIds: [] }, tag, 'not-a-uuid'), 400, [
      'id',
    ]);
    expectProblem(await put(staff.coordinator, { documentIds: [] }, tag, randomUUID()), 404);
    expect(await state()).toEqual(before);
  });

  it('keeps the confidential annexes a caseworker cannot see in their place when they reorder', async () => {
    // The outsider sees the case, not the confidential medical report.
    const seen = await annexes(outsider);
    expect(seen.map((a) => a.documentId)).toEqual([docs.warrant, docs.letter]);
    expect(seen.map((a) => a.number)).toEqual([1, 2]);
    const res = await put(outsider, { documentIds: [docs.letter, docs.warrant] });
    expect(res.status).toBe(200);
    expect(res.body.annexes.map((a: Annex) => a.documentId)).toEqual([docs.letter, docs.warrant]);
    // For those who see it, the medical report kept its place (second).
    expect((await annexes()).map((a) => a.documentId)).toEqual([
      docs.letter,
      docs.medical,
      docs.warrant,
    ]);
    // The warrant kept its pinned version (1) though version 2 exists.
    expect((await annexes()).find((a) => a.documentId === docs.warrant)).toMatchObject({
      versionNo: 1,
      latestVersionNo: 2,
    });
    // Back to the order the rest of the file expects.
    const back = await put(staff.coordinator, {
      documentIds: [docs.warrant, docs.medical, docs.letter],
    });
    expect(back.status).toBe(200);
  });

  it('the dossier lists its annexes; the public edition leaves out the confidential one', async () => {
    // A public edition names Amina (and annexes her documents) only with her consent to a
    // public profile (test/security/need-to-know).
    const consent = await staff.coordinator.request({
      method: 'POST',
      url: `/api/v1/defenders/${caseId}/consents`,
      body: {
        purpose: 'public_profile',
        decision: 'given',
        givenBy: 'defender',
        method: 'written',
        decidedOn: '2026-05-01',
      },
    });
    expect(consent.status).toBe(201);
    const submission = await requestDossier({
      language: 'en',
      format: 'html',
      edition: 'submission',
    });
    const publicFr = await requestDossier({ language: 'fr', format: 'html', edition: 'public' });
    await render([submission, publicFr]);

    const sub = await download(
      api,
      `/api/v1/dossiers/${submission}/content`,
      staff.coordinator.token,
    );
    expect(sub.status).toBe(200);
    const text = htmlText(sub.bytes.toString('utf8'));
    expect(text).toContain('Annex 1 Arrest warrant 12/2024 18 March 2024 Warrant Arabic');
    expect(text).toContain('Annex 2 Medical report Medical report English');
    expect(text).toContain('Annex 3 ../../Letter from the family Correspondence French');
    expect(text).not.toContain('Uploaded by mistake');

    const pub = await download(api, `/api/v1/dossiers/${publicFr}/content`, staff.viewer.token);
    expect(pub.status).toBe(200);
    const ptext = htmlText(pub.bytes.toString('utf8'));
    expect(ptext).toContain('Annexe 1 Arrest warrant 12/2024 18 mars 2024 Mandat arabe');
    expect(ptext).toContain('Annexe 2 ../../Letter from the family Correspondance français');
    expect(ptext).not.toContain('Medical report');
    expect(ptext).not.toContain('Annexe 3');

    // What each dossier recorded: the versions pinned, numbered as rendered.
    const recorded = await api.db.query<
      { dossier_id: string; document_id: string; version_no: number; annex_no: number }[]
    >(
      `SELECT a.dossier_id, a.document_id, v.version_no, a.annex_no FROM dossier_annexes a
         JOIN document_versions v ON v.id = a.document_version_id
        WHERE a.dossier_id = ANY($1::uuid[]) ORDER BY a.dossier_id, a.position`,
      [[submission, publicFr]],
    );
    expect(recorded.filter((r) => r.dossier_id === publicFr).map((r) => r.document_id)).toEqual([
      docs.warrant,
      docs.letter,
    ]);
    expect(
      recorded
        .filter((r) => r.dossier_id === submission)
        .map((r) => [r.document_id, r.version_no, r.annex_no]),
    ).toEqual([
      [docs.warrant, 1, 1],
      [docs.medical, 1, 2],
      [docs.letter, 1, 3],
    ]);

    // Nothing changed since: up to date (a change to the annexes would make it stale).
    const fresh = await staff.coordinator.request({
      method: 'GET',
      url: `/api/v1/dossiers/${submission}`,
    });
    expect(fresh.body.stale).toBe(false);

    // The bundles, read back.
    const zipRes = await bundle(submission, staff.coordinator);
    expect(zipRes.status).toBe(200);
    expect(zipRes.headers['content-type']).toBe('application/zip');
    expect(String(zipRes.headers['content-disposition'])).toMatch(
      /^attachment; filename="WIT-\d{4}-\d{4}-wgad-en-v1-bundle\.zip"/,
    );
    expect(zipRes.headers['x-content-type-options']).toBe('nosniff');
    const entries = await unzip(zipRes.bytes);
    expect(entries.map((e) => e.name)).toEqual([
      expect.stringMatching(/^00-WIT-\d{4}-\d{4}-wgad-en-v1\.html$/),
      '01-Arrest warrant 12-2024.pdf',
      '02-Medical report.txt',
      '03-Letter from the family.docx',
    ]);
    // The dossier file as downloaded alone; the annexes byte for byte as uploaded (the
    // warrant in version 1, the one pinned, though version 2 is the latest).
    expect(sha(entries[0].data)).toBe(sha(sub.bytes));
    expect(entries[1].data.equals(files.warrant)).toBe(true);
    expect(entries[2].data.equals(files.medical)).toBe(true);
    expect(entries[3].data.equals(files.letter)).toBe(true);
    // Audited as a dossier download, and the confidential annex as a document download.
    const dl = await api.db.query<{ changes: unknown }[]>(
      `SELECT changes FROM audit_events WHERE action = 'dossier.download' AND entity_id = $1 AND actor_id = $2`,
      [submission, staff.coordinator.id],
    );
    expect(dl.map((r) => r.changes)).toContainEqual({ part: 'bundle' });
    expect(await auditCount('document.download', docs.medical, staff.coordinator.id)).toBe(1);
    expect(await auditCount('document.download', docs.warrant, staff.coordinator.id)).toBe(0);

    const publicZip = await bundle(publicFr, staff.viewer);
    expect(publicZip.status).toBe(200);
    const pentries = await unzip(publicZip.bytes);
    expect(pentries.map((e) => e.name)).toEqual([
      expect.stringMatching(/^00-WIT-\d{4}-\d{4}-wgad-fr-v2-public\.html$/),
      '01-Arrest warrant 12-2024.pdf',
      '02-Letter from the family.docx',
    ]);
    expect(pentries[0].data.equals(pub.bytes)).toBe(true);
    expect(pentries[2].data.equals(files.letter)).toBe(true);
    // Viewers are not audited for public editions, and nothing confidential was sent.
    expect(await auditCount('dossier.download', publicFr, staff.viewer.id)).toBe(0);
  }, 120_000);

  it('gives the bundle to exactly those who may download the dossier and see its annexes', async () => {
    const [submission, publicFr] = (
      await api.db.query<{ id: string; edition: string }[]>(
        `SELECT id, edition FROM dossiers WHERE escalation_id = $1 AND version_no <= 2 ORDER BY version_no`,
        [escalationId],
      )
    ).map((r) => r.id);
    // Viewers: no submission edition. The outsider: not with a confidential annex in it.
    expectProblemDownload(await bundle(submission, staff.viewer), 403);
    expectProblemDownload(await bundle(submission, outsider), 403);
    expect(await auditCount('dossier.download', submission, outsider.id)).toBe(0);
    expect(await auditCount('document.download', docs.medical, outsider.id)).toBe(0);
    // The assigned caseworker and an admin may.
    for (const user of [staff.caseworker, staff.admin]) {
      const res = await bundle(submission, user);
      expect(res.status).toBe(200);
      expect((await unzip(res.bytes)).length).toBe(4);
    }
    // The public edition's bundle holds nothing confidential: the outsider may have it.
    expect((await bundle(publicFr, outsider)).status).toBe(200);
    // Sign-in, ids, and a dossier not rendered yet.
    const anon = await api.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${submission}/bundle`,
    });
    expect(anon.statusCode).toBe(401);
    expectProblemDownload(await bundle('nope', staff.coordinator), 400);
    expectProblemDownload(await bundle(randomUUID(), staff.coordinator), 404);
    const queued = await requestDossier({ language: 'es', format: 'html', edition: 'public' });
    expectProblemDownload(await bundle(queued, staff.coordinator), 404);
    await render([queued]);
    expect((await bundle(queued, staff.coordinator)).status).toBe(200);
  }, 120_000);

  it('a document deleted after the dossier was made drops out of the choice and of the bundle, said so', async () => {
    const [submission] = (
      await api.db.query<{ id: string }[]>(
        `SELECT id FROM dossiers WHERE escalation_id = $1 AND edition = 'submission' ORDER BY version_no LIMIT 1`,
        [escalationId],
      )
    ).map((r) => r.id);
    const del = await staff.coordinator.request({
      method: 'DELETE',
      url: `/api/v1/documents/${docs.letter}`,
    });
    expect(del.status).toBe(204);
    // The escalation's choice no longer lists it, and the dossier made with it is out of date.
    expect((await annexes()).map((a) => a.documentId)).toEqual([docs.warrant, docs.medical]);
    const d = await staff.coordinator.request({
      method: 'GET',
      url: `/api/v1/dossiers/${submission}`,
    });
    expect(d.body.stale).toBe(true);
    const res = await bundle(submission, staff.coordinator);
    expect(res.status).toBe(200);
    const entries = await unzip(res.bytes);
    expect(entries.map((e) => e.name).slice(1)).toEqual([
      '01-Arrest warrant 12-2024.pdf',
      '02-Medical report.txt',
      'withdrawn-annexes.txt',
    ]);
    expect(entries[3].data.toString('utf8')).toMatch(/no longer available.*: 3\.$/m);

    // Refreshing the pins takes the warrant's latest version into the next dossier.
    const refreshed = await put(staff.coordinator, {
      documentIds: [docs.warrant, docs.medical],
      refreshVersions: true,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.annexes[0]).toMatchObject({ versionNo: 2, latestVersionNo: 2 });
    const next = await requestDossier({ language: 'en', format: 'html', edition: 'submission' });
    await render([next]);
    const nextZip = await unzip((await bundle(next, staff.coordinator)).bytes);
    expect(nextZip.map((e) => e.name).slice(1)).toEqual([
      '01-Arrest warrant 12-2024.pdf',
      '02-Medical report.txt',
    ]);
    expect(nextZip[1].data.equals(files.warrant)).toBe(false);
    expect(nextZip[1].data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('a tampered annex breaks the download off: never a complete-looking ZIP', async () => {
    const [latest] = (
      await api.db.query<{ id: string }[]>(
        `SELECT id FROM dossiers WHERE escalation_id = $1 AND edition = 'submission' ORDER BY version_no DESC LIMIT 1`,
        [escalationId],
      )
    ).map((r) => r.id);
    const [blob] = await api.db.query<{ blob_key: string }[]>(
      `SELECT v.blob_key FROM document_versions v WHERE v.document_id = $1 AND v.version_no = 1`,
      [docs.medical],
    );
    const path = join(storageDir, blob.blob_key);
    const sealed = await readFile(path);
    const damaged = Buffer.from(sealed);
    damaged[damaged.length - 200] ^= 0xff;
    await writeFile(path, damaged);
    try {
      // The connection is cut mid-way (the client sees the answer end early).
      await expect(
        bundle(latest, staff.coordinator).then((res) => unzip(res.bytes)),
      ).rejects.toThrow();
    } finally {
      await writeFile(path, sealed);
    }
    // Put back, the same bundle reads whole again.
    const whole = await unzip((await bundle(latest, staff.coordinator)).bytes);
    expect(whole[2].data.equals(files.medical)).toBe(true);
  });
});

function expectProblemDownload(
  res: { status: number; headers: Record<string, unknown> },
  status: number,
) {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
}
