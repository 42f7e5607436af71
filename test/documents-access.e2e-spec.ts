import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type TestApi, type TestResponse } from './support/api';
import {
  download,
  multipart,
  pdf,
  photoWithGps,
  postMultipart,
  type FilePart,
} from './support/files';
import { createStaff, createUser, type TestUser } from './support/users';

/**
 * Documents: who sees what (need-to-know for restricted cases, confidential documents for
 * assigned caseworkers, coordinators and admins only), what is audited, editing, soft
 * deletion, links to events and escalations, and bad input of every kind. No virus scanner
 * is configured here: files are accepted and marked not scanned.
 */

describe('documents: access, editing and bad input', () => {
  let api: TestApi;
  let storageDir: string;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  /** A caseworker assigned to no case. */
  let outsider: TestUser;
  let standardId: string;
  let restrictedId: string;
  let otherId: string;
  let eventId: string;
  let otherEventId: string;
  let escalationId: string;
  let n = 0;

  const D = '/api/v1/defenders';
  const uploadTo = (
    user: TestUser | null,
    defenderId: string,
    fields: Record<string, string | string[]>,
    files: FilePart[],
  ) =>
    postMultipart(
      api,
      `${D}/${defenderId}/documents`,
      user?.token ?? null,
      multipart(fields, files),
    );
  /** A fresh text file each time (never a duplicate). */
  const textFile = (name = 'note.txt'): FilePart => ({
    name,
    content: Buffer.from(`Note number ${++n}`),
  });

  const create = async (
    user: TestUser,
    defenderId: string,
    fields: Record<string, string> = {},
  ) => {
    const res = await uploadTo(
      user,
      defenderId,
      { title: `Document ${n}`, kind: 'evidence', ...fields },
      [textFile()],
    );
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body as { id: string; version: number; confidential: boolean };
  };

  const get = (user: TestUser, id: string) =>
    user.request({ method: 'GET', url: `/api/v1/documents/${id}` });
  const listIds = async (
    user: TestUser,
    defenderId: string,
    query = '',
  ): Promise<string[] | number> => {
    const res = await user.request({ method: 'GET', url: `${D}/${defenderId}/documents${query}` });
    return res.status === 200 ? res.body.data.map((d: { id: string }) => d.id) : res.status;
  };

  const blobCount = async () =>
    (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
      .length;
  const counts = async () => {
    const [row] = await api.db.query<{ documents: number; versions: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM documents) AS documents,
              (SELECT count(*)::int FROM document_versions) AS versions,
              (SELECT count(*)::int FROM audit_events WHERE entity_type = 'document' AND action <> 'access.denied') AS audit`,
    );
    return { ...row, blobs: await blobCount() };
  };
  const auditOf = (entityId: string, action?: string) =>
    api.db.query<{ action: string; actor_id: string; changes: Record<string, unknown> | null }[]>(
      `SELECT action, actor_id, changes FROM audit_events WHERE entity_id = $1 ${action ? 'AND action = $2' : ''} ORDER BY id`,
      action ? [entityId, action] : [entityId],
    );

  const expectProblem = (res: TestResponse, status: number, fields: string[] = []) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
    const named = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    for (const f of fields) expect(named).toContain(f);
  };

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'witness-docs-access-'));
    api = await startApi({ env: { STORAGE_DIR: storageDir } });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');
    const co = staff.coordinator;
    const mk = async (fullName: string, access: string) =>
      (await co.request({ method: 'POST', url: D, body: { fullName, country: 'EG', access } })).body
        .id as string;
    standardId = await mk('Standard Case', 'standard');
    restrictedId = await mk('Restricted Case', 'restricted');
    otherId = await mk('Other Case', 'standard');
    for (const id of [standardId, restrictedId]) {
      const a = await co.request({
        method: 'POST',
        url: `${D}/${id}/assignees`,
        body: { userId: staff.caseworker.id },
      });
      expect(a.status).toBe(201);
    }
    const ev = async (id: string) =>
      (
        await co.request({
          method: 'POST',
          url: `${D}/${id}/events`,
          body: { type: 'arrest', occurredOn: '2026-01-10' },
        })
      ).body.id as string;
    eventId = await ev(standardId);
    otherEventId = await ev(otherId);
    const esc = await co.request({
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [standardId], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(esc.status).toBe(201);
    escalationId = esc.body.id;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('without a scanner configured, accepts documents and marks them not scanned', async () => {
    const res = await uploadTo(
      staff.caseworker,
      standardId,
      { title: 'Warrant', kind: 'warrant' },
      [{ name: 'w.pdf', content: pdf('Unscanned warrant') }],
    );
    expect(res.status).toBe(201);
    expect(res.body.current.scan).toBe('not_scanned');
    expect(res.headers.location).toBe(`/api/v1/documents/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
  });

  it("follows need-to-know: a restricted case's documents exist only for those who may see the case, and reads are audited", async () => {
    const doc = await create(staff.caseworker, restrictedId, { title: 'Restricted warrant' });
    const before = await counts();
    for (const user of [outsider, staff.viewer]) {
      expect(await listIds(user, restrictedId)).toBe(404);
      expectProblem(await get(user, doc.id), 404);
      expect((await download(api, `/api/v1/documents/${doc.id}/content`, user.token)).status).toBe(
        404,
      );
      expect(
        (await user.request({ method: 'GET', url: `/api/v1/documents/${doc.id}/versions` })).status,
      ).toBe(404);
    }
    // The outsider cannot add to it, edit it or delete it either, and nothing is written.
    expectProblem(
      await uploadTo(outsider, restrictedId, { title: 'x', kind: 'other' }, [textFile()]),
      404,
    );
    const patch = await outsider.request({
      method: 'PATCH',
      url: `/api/v1/documents/${doc.id}`,
      body: { title: 'Changed' },
      headers: { 'if-match': '"1"' },
    });
    expectProblem(patch, 404);
    expectProblem(
      await outsider.request({ method: 'DELETE', url: `/api/v1/documents/${doc.id}` }),
      404,
    );
    expect(await counts()).toEqual(before);
    // The 404 says nothing that a made-up id would not.
    const made = await get(outsider, '00000000-0000-4000-8000-000000000000');
    expect((await get(outsider, doc.id)).body.detail).toBe(
      made.body.detail.replace('00000000-0000-4000-8000-000000000000', doc.id),
    );

    const reads = async () =>
      (
        await api.db.query(
          `SELECT 1 FROM audit_events WHERE action = 'defender.read_restricted' AND subject_id = $1`,
          [restrictedId],
        )
      ).length;
    const r0 = await reads();
    expect(await listIds(staff.caseworker, restrictedId)).toContain(doc.id);
    expect(
      (await download(api, `/api/v1/documents/${doc.id}/content`, staff.caseworker.token)).status,
    ).toBe(200);
    expect((await get(staff.admin, doc.id)).status).toBe(200);
    expect(await reads()).toBe(r0 + 3);
    const denials = await api.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'access.denied' AND subject_id = $1 AND actor_id = $2`,
      [restrictedId, outsider.id],
    );
    expect(denials.length).toBeGreaterThan(0);
  });

  it('shows confidential documents only to assigned caseworkers, coordinators and admins, and audits every download', async () => {
    const secret = await create(staff.caseworker, standardId, {
      title: 'Medical file',
      kind: 'medical',
      confidential: 'true',
    });
    const photo = await uploadTo(
      staff.coordinator,
      standardId,
      { title: 'Injuries', kind: 'photo', confidential: 'true' },
      [{ name: 'injuries.jpg', content: await photoWithGps() }],
    );
    expect(photo.status).toBe(201);
    const open = await create(staff.caseworker, standardId, {
      title: 'Open letter',
      kind: 'correspondence',
    });

    for (const user of [staff.viewer, outsider]) {
      const ids = await listIds(user, standardId);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(secret.id);
      expect(ids).not.toContain(photo.body.id);
      expectProblem(await get(user, secret.id), 404);
      expect(
        (await download(api, `/api/v1/documents/${secret.id}/content`, user.token)).status,
      ).toBe(404);
      expect(
        (await download(api, `/api/v1/documents/${photo.body.id}/thumbnail`, user.token)).status,
      ).toBe(404);
      expect(
        (await user.request({ method: 'GET', url: `/api/v1/documents/${secret.id}/versions` }))
          .status,
      ).toBe(404);
    }
    const denied = await api.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'access.denied' AND entity_id = $1 AND actor_id = $2`,
      [secret.id, outsider.id],
    );
    expect(denied.length).toBeGreaterThan(0);

    const downloads = async (id: string) => (await auditOf(id, 'document.download')).length;
    let expected = 0;
    for (const user of [staff.caseworker, staff.coordinator, staff.admin]) {
      expect(await listIds(user, standardId)).toEqual(
        expect.arrayContaining([secret.id, photo.body.id, open.id]),
      );
      expect((await get(user, secret.id)).body.confidential).toBe(true);
      const got = await download(api, `/api/v1/documents/${secret.id}/content`, user.token);
      expect(got.status).toBe(200);
      expected++;
      expect(await downloads(secret.id)).toBe(expected);
    }
    const [row] = await auditOf(secret.id, 'document.download');
    expect(row).toMatchObject({
      actor_id: staff.caseworker.id,
      changes: { versionNo: 1, part: 'content', confidential: true },
    });
    expect(
      (await download(api, `/api/v1/documents/${photo.body.id}/thumbnail`, staff.caseworker.token))
        .status,
    ).toBe(200);
    expect(await auditOf(photo.body.id, 'document.download')).toEqual([
      expect.objectContaining({ changes: expect.objectContaining({ part: 'thumbnail' }) }),
    ]);
    // A document that is not confidential is not audited per download.
    await download(api, `/api/v1/documents/${open.id}/content`, staff.viewer.token);
    expect(await downloads(open.id)).toBe(0);

    // Only those who would still see it may make a document confidential (403, nothing written).
    const before = await counts();
    expectProblem(
      await uploadTo(outsider, standardId, { title: 'Mine', kind: 'other', confidential: 'true' }, [
        textFile(),
      ]),
      403,
    );
    const patch = await outsider.request({
      method: 'PATCH',
      url: `/api/v1/documents/${open.id}`,
      body: { confidential: true },
      headers: { 'if-match': `"${open.version}"` },
    });
    expectProblem(patch, 403);
    expect(patch.body.detail).toMatch(/assigned/);
    expect(await counts()).toEqual(before);
    const made = await staff.caseworker.request({
      method: 'PATCH',
      url: `/api/v1/documents/${open.id}`,
      body: { confidential: true },
      headers: { 'if-match': `"${open.version}"` },
    });
    expect(made.status).toBe(200);
    expectProblem(await get(staff.viewer, open.id), 404);

    // Declassifying is a decision (like a case's access): an assigned caseworker may not clear
    // the mark (403 naming the field, audited, nothing written); a coordinator may.
    const stillSecret = (await get(staff.caseworker, open.id)).body as { version: number };
    const cleared = await staff.caseworker.request({
      method: 'PATCH',
      url: `/api/v1/documents/${open.id}`,
      body: { confidential: false, title: 'Renamed while declassifying' },
      headers: { 'if-match': `"${stillSecret.version}"` },
    });
    expectProblem(cleared, 403, ['confidential']);
    const kept = (await get(staff.coordinator, open.id)).body;
    expect(kept).toMatchObject({ confidential: true, version: stillSecret.version });
    expect(kept.title).not.toBe('Renamed while declassifying');
    const refusals = await api.db.query(
      `SELECT changes FROM audit_events WHERE action = 'access.denied' AND entity_id = $1 AND actor_id = $2`,
      [open.id, staff.caseworker.id],
    );
    expect(refusals).toEqual([
      expect.objectContaining({ changes: expect.objectContaining({ fields: ['confidential'] }) }),
    ]);
    // Sending the mark unchanged is no decision.
    const same = await staff.caseworker.request({
      method: 'PATCH',
      url: `/api/v1/documents/${open.id}`,
      body: { confidential: true, title: 'Open letter (kept)' },
      headers: { 'if-match': `"${stillSecret.version}"` },
    });
    expect(same.status).toBe(200);
    const declassified = await staff.coordinator.request({
      method: 'PATCH',
      url: `/api/v1/documents/${open.id}`,
      body: { confidential: false },
      headers: { 'if-match': `"${same.body.version}"` },
    });
    expect(declassified.status).toBe(200);
    expect((await get(staff.viewer, open.id)).status).toBe(200);
  });

  it('keeps the source identity encrypted, shows it only on the single document and never to viewers, and redacts it in the trail', async () => {
    const source = 'Brother of the defender, +20 111 222 3333';
    const doc = await create(staff.caseworker, standardId, {
      title: 'Family letter',
      sourceIdentity: source,
    });
    expect((await get(staff.caseworker, doc.id)).body.sourceIdentity).toBe(source);
    const viewer = await get(staff.viewer, doc.id);
    expect(viewer.status).toBe(200);
    expect(viewer.body).not.toHaveProperty('sourceIdentity');
    const list = await staff.coordinator.request({
      method: 'GET',
      url: `${D}/${standardId}/documents`,
    });
    expect(list.text).not.toContain('+20 111');
    const [stored] = await api.db.query<{ source_identity_enc: string }[]>(
      'SELECT source_identity_enc FROM documents WHERE id = $1',
      [doc.id],
    );
    expect(stored.source_identity_enc).not.toContain('Brother');

    const patch = await staff.caseworker.request({
      method: 'PATCH',
      url: `/api/v1/documents/${doc.id}`,
      body: { sourceIdentity: 'Cousin, by hand' },
      headers: { 'if-match': `"${doc.version}"` },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.sourceIdentity).toBe('Cousin, by hand');
    const trail = JSON.stringify(await auditOf(doc.id));
    expect(trail).not.toContain('Brother');
    expect(trail).not.toContain('Cousin');
    expect(trail).toContain('[redacted]');
  });

  it("links documents to the case's events and escalations, filters by them, and pages", async () => {
    const withEvent = await create(staff.caseworker, standardId, { eventId, kind: 'warrant' });
    const withEscalation = await create(staff.caseworker, standardId, {
      escalationId,
      kind: 'court_decision',
    });
    expect(await listIds(staff.viewer, standardId, `?eventId=${eventId}`)).toEqual([withEvent.id]);
    expect(await listIds(staff.viewer, standardId, `?escalationId=${escalationId}`)).toEqual([
      withEscalation.id,
    ]);
    expect(await listIds(staff.viewer, standardId, '?kind=court_decision')).toEqual([
      withEscalation.id,
    ]);

    const before = await counts();
    const wrong = await uploadTo(
      staff.caseworker,
      standardId,
      { title: 'x', kind: 'other', eventId: otherEventId },
      [textFile()],
    );
    expectProblem(wrong, 400, ['eventId']);
    const wrongEsc = await uploadTo(
      staff.caseworker,
      otherId,
      { title: 'x', kind: 'other', escalationId },
      [textFile()],
    );
    expectProblem(wrongEsc, 400, ['escalationId']);
    expect(await counts()).toEqual(before);

    // Keyset pages, newest first, no document twice.
    const all = (await listIds(staff.admin, standardId)) as string[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await staff.admin.request({
        method: 'GET',
        url: `${D}/${standardId}/documents${q}`,
      });
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((d: { id: string }) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expectProblem(
      await staff.admin.request({
        method: 'GET',
        url: `${D}/${standardId}/documents?cursor=nonsense`,
      }),
      400,
      ['cursor'],
    );
  });

  it('edits with If-Match, names each bad field, and audits the change', async () => {
    const doc = await create(staff.caseworker, standardId, { title: 'Draft title' });
    const u = (body: unknown, ifMatch?: string) =>
      staff.caseworker.request({
        method: 'PATCH',
        url: `/api/v1/documents/${doc.id}`,
        body,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      });
    expectProblem(await u({ title: 'x' }), 428);
    expectProblem(await u({ title: 'x' }, '"7"'), 412);
    expectProblem(
      await u(
        {
          title: '',
          kind: 'passport',
          confidential: 'yes',
          date: '2026-02-30',
          language: 'not a tag!',
          extra: 1,
        },
        '"1"',
      ),
      400,
      ['title', 'kind', 'confidential', 'date', 'language', 'extra'],
    );
    expectProblem(await u({ title: null }, '"1"'), 400, ['title']);
    expectProblem(await u({ eventId: otherEventId }, '"1"'), 400, ['eventId']);
    const ok = await u(
      { title: 'Arrest warrant', kind: 'warrant', language: 'fr', date: '2026-01-09', eventId },
      '"1"',
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      title: 'Arrest warrant',
      kind: 'warrant',
      language: 'fr',
      date: '2026-01-09',
      eventId,
      version: 2,
    });
    expect(ok.headers.etag).toBe('"2"');
    const [change] = await auditOf(doc.id, 'document.update');
    expect(change.changes).toMatchObject({
      title: { from: 'Draft title', to: 'Arrest warrant' },
      kind: { from: 'evidence', to: 'warrant' },
    });
    const unlink = await u({ eventId: null, language: null }, '"2"');
    expect(unlink.body).toMatchObject({ eventId: null, language: null });
  });

  it('deletes softly: gone from lists and reads, kept in the database and the store, audited', async () => {
    const doc = await create(staff.caseworker, standardId, { title: 'To delete' });
    const blobs = await blobCount();
    expectProblem(
      await staff.viewer.request({ method: 'DELETE', url: `/api/v1/documents/${doc.id}` }),
      403,
    );
    const del = await staff.caseworker.request({
      method: 'DELETE',
      url: `/api/v1/documents/${doc.id}`,
    });
    expect(del.status).toBe(204);
    expectProblem(await get(staff.admin, doc.id), 404);
    expect(await listIds(staff.admin, standardId)).not.toContain(doc.id);
    expect(
      (await download(api, `/api/v1/documents/${doc.id}/content`, staff.admin.token)).status,
    ).toBe(404);
    expectProblem(
      await staff.caseworker.request({ method: 'DELETE', url: `/api/v1/documents/${doc.id}` }),
      404,
    );
    const [row] = await api.db.query<{ deleted_at: Date; deleted_by: string }[]>(
      'SELECT deleted_at, deleted_by FROM documents WHERE id = $1',
      [doc.id],
    );
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(row.deleted_by).toBe(staff.caseworker.id);
    expect(await blobCount()).toBe(blobs);
    expect((await auditOf(doc.id, 'document.delete')).length).toBe(1);
  });

  it('refuses bad uploads with problem+json naming the field, writing nothing', async () => {
    const before = await counts();
    const url = `${D}/${standardId}/documents`;
    const send = (
      fields: Record<string, string | string[]>,
      files: FilePart[] = [textFile()],
      user: TestUser | null = staff.caseworker,
    ) => uploadTo(user, standardId, fields, files);

    expectProblem(await send({ title: 'No file', kind: 'other' }, []), 400, ['file']);
    expectProblem(await send({ kind: 'other' }, []), 400, ['title', 'file']);
    expectProblem(await send({ title: 'x', kind: 'other', colour: 'red', 'owner[id]': '1' }), 400, [
      'colour',
      'owner[id]',
    ]);
    expectProblem(
      await send({
        title: 'x',
        kind: 'passport',
        confidential: 'yes',
        date: '2026-02-30',
        eventId: 'abc',
        escalationId: '123',
        language: 'english please',
        allowDuplicate: 'maybe',
      }),
      400,
      ['kind', 'confidential', 'date', 'eventId', 'escalationId', 'language', 'allowDuplicate'],
    );
    expectProblem(await send({ title: 'x'.repeat(301), kind: 'other' }), 400, ['title']);
    const huge = await send({ title: 'x'.repeat(1024 * 1024), kind: 'other' });
    expectProblem(huge, 400, ['title']);
    expect(huge.body.errors.find((e: { field: string }) => e.field === 'title').message).toMatch(
      /too long/,
    );
    expectProblem(await send({ title: ['a', 'b'], kind: 'other' }), 400, ['title']);
    expectProblem(await send({ title: '   ', kind: 'other' }), 400, ['title']);
    expectProblem(await send({ title: 'x\u0000y', kind: 'other' }), 400, ['title']);
    expectProblem(
      await send({ title: 'Two files', kind: 'other' }, [textFile('a.txt'), textFile('b.txt')]),
      400,
      ['file'],
    );
    expectProblem(
      await send({ title: 'Wrong part', kind: 'other' }, [{ ...textFile(), field: 'document' }]),
      400,
      ['document'],
    );

    // Bad ids, no or bad auth, the wrong role.
    expectProblem(
      await uploadTo(staff.caseworker, 'not-a-uuid', { title: 'x', kind: 'other' }, [textFile()]),
      400,
      ['id'],
    );
    expectProblem(
      await uploadTo(
        staff.caseworker,
        '00000000-0000-4000-8000-000000000000',
        { title: 'x', kind: 'other' },
        [textFile()],
      ),
      404,
    );
    expectProblem(await send({ title: 'x', kind: 'other' }, [textFile()], null), 401);
    expectProblem(await send({ title: 'x', kind: 'other' }, [textFile()], staff.viewer), 403);

    // Not multipart at all, or cut short.
    const json = await staff.caseworker.request({
      method: 'POST',
      url,
      body: { title: 'x', kind: 'other' },
    });
    expectProblem(json, 415, ['body']);
    expect(json.body.detail).toMatch(/multipart\/form-data/);
    const full = multipart({ title: 'Cut short', kind: 'other' }, [textFile()]);
    const cut = await postMultipart(api, url, staff.caseworker.token, {
      payload: full.payload.subarray(0, full.payload.length - 30),
      contentType: full.contentType,
    });
    expectProblem(cut, 400, ['body']);
    const noBoundary = await postMultipart(api, url, staff.caseworker.token, {
      payload: Buffer.from('garbage'),
      contentType: 'multipart/form-data',
    });
    expect(noBoundary.status).toBe(400);
    expect(String(noBoundary.headers['content-type'])).toMatch(/problem\+json/);

    // Multipart is for uploads only.
    const elsewhere = await postMultipart(
      api,
      D,
      staff.coordinator.token,
      multipart({ fullName: 'Multipart Person', country: 'EG' }),
    );
    expectProblem(elsewhere, 415);

    // Other routes: bad ids and queries.
    expectProblem(
      await staff.viewer.request({ method: 'GET', url: '/api/v1/documents/abc' }),
      400,
      ['id'],
    );
    expectProblem(
      await staff.viewer.request({ method: 'GET', url: `${url}?kind=passport&limit=0&eventId=x` }),
      400,
      ['kind', 'limit', 'eventId'],
    );
    expectProblem(
      await staff.viewer.request({
        method: 'GET',
        url: '/api/v1/documents/00000000-0000-4000-8000-000000000000/content',
      }),
      404,
    );
    expectProblem(
      await api.request({
        method: 'GET',
        url: '/api/v1/documents/00000000-0000-4000-8000-000000000000',
      }),
      401,
    );

    expect(await counts()).toEqual(before);
  });
});
