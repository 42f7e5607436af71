import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { startApi, type TestApi, type TestResponse } from './support/api';
import { EICAR_SIGNATURE, startClamd, type TestClamd } from './support/clamd';
import {
  CAMERA_MAKE,
  docx,
  download,
  EICAR,
  exifHasGps,
  multipart,
  noise,
  odt,
  pdf,
  photoWithGps,
  postMultipart,
  windowsProgram,
  zip,
  type FilePart,
} from './support/files';
import { createStaff, type TestUser } from './support/users';

/**
 * Documents end to end, on the local filesystem store, with a real clamd (TCP) on a
 * signature database the test writes: every allowed type through the real multipart route,
 * content sniffing, the size limit, metadata removal from photos, encryption at rest and
 * tamper detection, virus scanning, duplicates, versions and no orphaned blobs.
 */

const MAX = 3 * 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('documents: intake, storage and encryption', () => {
  let api: TestApi;
  let clamd: TestClamd;
  let storageDir: string;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let caseId: string;

  const url = (defenderId = caseId) => `/api/v1/defenders/${defenderId}/documents`;

  const upload = (
    user: TestUser,
    fields: Record<string, string | string[]>,
    files: FilePart[],
    defenderId = caseId,
  ) => postMultipart(api, url(defenderId), user.token, multipart(fields, files));

  const uploadOk = async (
    fields: Record<string, string>,
    file: FilePart,
    user = staff.caseworker,
  ) => {
    const res = await upload(user, fields, [file]);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body as {
      id: string;
      version: number;
      confidential: boolean;
      current: {
        id: string;
        versionNo: number;
        fileName: string;
        fileType: string;
        contentType: string;
        sizeBytes: number;
        sha256: string;
        storedSha256: string;
        width: number | null;
        height: number | null;
        hasThumbnail: boolean;
        scan: string;
        metadataRemoved: boolean;
      };
      versionCount: number;
    };
  };

  /** Every file under the storage directory (relative paths). */
  const blobFiles = async (): Promise<string[]> => {
    const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(storageDir, join(e.parentPath, e.name)))
      .sort();
  };

  const counts = async () => {
    const [row] = await api.db.query<{ documents: number; versions: number }[]>(
      `SELECT (SELECT count(*)::int FROM documents) AS documents,
              (SELECT count(*)::int FROM document_versions) AS versions`,
    );
    return { ...row, blobs: (await blobFiles()).length };
  };

  const blobKeyOf = async (documentId: string, versionNo = 1) => {
    const [row] = await api.db.query<{ blob_key: string; thumbnail_key: string | null }[]>(
      `SELECT blob_key, thumbnail_key FROM document_versions WHERE document_id = $1 AND version_no = $2`,
      [documentId, versionNo],
    );
    return row;
  };

  const expectProblem = (
    res: Pick<TestResponse, 'status' | 'headers' | 'body'>,
    status: number,
    field?: string,
  ) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
    expect(res.body.status).toBe(status);
    if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  };

  beforeAll(async () => {
    clamd = await startClamd();
    storageDir = await mkdtemp(join(tmpdir(), 'witness-docs-'));
    api = await startApi({
      env: { STORAGE_DIR: storageDir, UPLOAD_MAX_BYTES: String(MAX), ...clamd.env },
    });
    staff = await createStaff(api);
    const d = await staff.coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Alaa Example', country: 'EG' },
    });
    caseId = d.body.id;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await clamd?.stop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('accepts each allowed type, recognised by its content, and serves it back as an attachment', async () => {
    const arabic = Buffer.from('رسالة من العائلة\nLetter from the family\n', 'utf8');
    const cases: {
      name: string;
      content: Buffer;
      type: string;
      contentType: RegExp;
      file: RegExp;
    }[] = [
      {
        name: 'warrant.pdf',
        content: pdf(),
        type: 'pdf',
        contentType: /^application\/pdf$/,
        file: /^warrant\.pdf$/,
      },
      {
        name: 'letter.docx',
        content: await docx(),
        type: 'docx',
        contentType: /wordprocessingml\.document$/,
        file: /^letter\.docx$/,
      },
      {
        name: 'decision.odt',
        content: await odt(),
        type: 'odt',
        contentType: /^application\/vnd\.oasis\.opendocument\.text$/,
        file: /^decision\.odt$/,
      },
      {
        name: 'note.md',
        content: arabic,
        type: 'txt',
        contentType: /^text\/plain; charset=utf-8$/,
        file: /^note\.md\.txt$/,
      },
      // The name and the client's Content-Type say PDF; the content says JPEG, and wins.
      {
        name: 'scan.pdf',
        content: await photoWithGps('jpeg'),
        type: 'jpeg',
        contentType: /^image\/jpeg$/,
        file: /^scan\.jpg$/,
      },
      {
        name: 'cell.png',
        content: await photoWithGps('png'),
        type: 'png',
        contentType: /^image\/png$/,
        file: /^cell\.png$/,
      },
      {
        name: 'visit.webp',
        content: await photoWithGps('webp'),
        type: 'webp',
        contentType: /^image\/webp$/,
        file: /^visit\.webp$/,
      },
    ];
    for (const c of cases) {
      const doc = await uploadOk(
        {
          title: `Upload of ${c.name}`,
          kind: c.type === 'txt' ? 'correspondence' : 'evidence',
          language: 'ar',
          date: '2026-03-12',
        },
        { name: c.name, content: c.content, contentType: 'application/pdf' },
      );
      expect(doc.current).toMatchObject({ fileType: c.type, versionNo: 1, sha256: sha(c.content) });
      expect(doc.current.fileName).toMatch(c.file);
      expect(doc.current.contentType).toMatch(c.contentType);
      const photo = ['jpeg', 'png', 'webp'].includes(c.type);
      expect(doc.current.scan).toBe(photo ? 'not_applicable' : 'clean');
      expect(doc.current.hasThumbnail).toBe(photo);

      const got = await download(api, `/api/v1/documents/${doc.id}/content`, staff.viewer.token);
      expect(got.status).toBe(200);
      expect(String(got.headers['content-type'])).toMatch(c.contentType);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(String(got.headers['content-disposition'])).toMatch(
        /^attachment; filename="[^"]+"; filename\*=UTF-8''/,
      );
      expect(String(got.headers['content-disposition'])).toContain(
        encodeURIComponent(doc.current.fileName),
      );
      expect(got.headers['cache-control']).toMatch(/no-store/);
      expect(Number(got.headers['content-length'])).toBe(got.bytes.length);
      expect(got.headers['x-content-sha256']).toBe(sha(got.bytes));
      expect(got.bytes.length).toBe(doc.current.sizeBytes);
      expect(sha(got.bytes)).toBe(doc.current.storedSha256);
      if (!photo) expect(got.bytes.equals(c.content)).toBe(true);
    }
  });

  it('refuses a file whose content is not an accepted type, whatever it is called (415), storing nothing', async () => {
    const before = await counts();
    const refused: { name: string; content: Buffer; says: RegExp }[] = [
      { name: 'warrant.pdf', content: windowsProgram(), says: /Windows program/ },
      { name: 'photo.jpg', content: noise(4096), says: /not a recognised document/ },
      {
        name: 'anim.gif',
        content: Buffer.concat([Buffer.from('GIF89a'), noise(100)]),
        says: /GIF/,
      },
      {
        name: 'archive.docx',
        content: await zip([{ name: 'a.txt', data: 'x' }]),
        says: /ZIP archive/,
      },
      {
        name: 'macro.docx',
        content: await docx('x', {
          mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml',
        }),
        says: /macros/,
      },
      {
        name: 'vba.docx',
        content: await docx('x', { extra: [{ name: 'word/vbaProject.bin', data: noise(64) }] }),
        says: /macros/,
      },
      {
        name: 'sheet.odt',
        content: await odt('x', 'application/vnd.oasis.opendocument.spreadsheet'),
        says: /not a text document/,
      },
      { name: 'letter.rtf', content: Buffer.from('{\\rtf1\\ansi Hello}'), says: /RTF/ },
      { name: 'note.txt', content: Buffer.from('text\0with a NUL'), says: /NUL/ },
      { name: 'latin1.txt', content: Buffer.from('caf\xe9', 'latin1'), says: /not UTF-8/ },
      {
        name: 'broken.docx',
        content: Buffer.concat([Buffer.from('PK\x03\x04'), noise(200)]),
        says: /damaged ZIP/,
      },
    ];
    for (const r of refused) {
      const res = await upload(staff.caseworker, { title: 'Refused', kind: 'evidence' }, [
        { name: r.name, content: r.content, contentType: 'application/pdf' },
      ]);
      expectProblem(res, 415, 'file');
      expect(res.body.detail).toMatch(r.says);
      expect(res.body.detail).toMatch(/PDF, JPEG, PNG, WebP, DOCX, ODT or plain UTF-8 text/);
    }
    // A JPEG header on garbage passes the sniffing but not decoding: 422.
    const fakeJpeg = await upload(staff.caseworker, { title: 'Broken photo', kind: 'photo' }, [
      {
        name: 'x.jpg',
        content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise(500)]),
      },
    ]);
    expectProblem(fakeJpeg, 422, 'file');
    expect(fakeJpeg.body.detail).toMatch(/could not be read/);
    const empty = await upload(staff.caseworker, { title: 'Empty', kind: 'other' }, [
      { name: 'empty.pdf', content: Buffer.alloc(0) },
    ]);
    expectProblem(empty, 422, 'file');
    expect(empty.body.detail).toMatch(/empty/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413, and takes one of exactly that size', async () => {
    const before = await counts();
    const over = await upload(staff.caseworker, { title: 'Too big', kind: 'other' }, [
      { name: 'big.txt', content: Buffer.alloc(MAX + 1, 'a') },
    ]);
    expectProblem(over, 413, 'file');
    expect(over.body.detail).toMatch(/larger than 3 MB/);
    expect(over.body.maxBytes).toBe(MAX);
    expect(await counts()).toEqual(before);

    const exact = await uploadOk(
      { title: 'Exactly the limit', kind: 'other' },
      {
        name: 'limit.txt',
        content: Buffer.alloc(MAX, 'b'),
      },
    );
    expect(exact.current.sizeBytes).toBe(MAX);
  });

  it('removes EXIF, GPS, XMP and ICC data from photos, turns them upright and makes a thumbnail', async () => {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const original = await photoWithGps(format);
      const before = await sharp(original).metadata();
      // The fixture really carries what must go.
      expect(exifHasGps(before.exif)).toBe(true);
      expect(before.exif?.includes(Buffer.from(CAMERA_MAKE))).toBe(true);
      expect(before.xmp).toBeDefined();
      expect(before.icc).toBeDefined();
      expect(before.orientation).toBe(6);

      const doc = await uploadOk(
        { title: `Photo ${format}`, kind: 'photo' },
        { name: `p.${format}`, content: original },
      );
      expect(doc.current).toMatchObject({
        metadataRemoved: true,
        width: 32,
        height: 64,
        hasThumbnail: true,
      });

      const got = await download(
        api,
        `/api/v1/documents/${doc.id}/content`,
        staff.caseworker.token,
      );
      const after = await sharp(got.bytes).metadata();
      expect(after.format).toBe(format);
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(after.icc).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect([after.width, after.height]).toEqual([32, 64]);
      expect(got.bytes.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
      expect(got.bytes.includes(Buffer.from('Photographer Name'))).toBe(false);

      const thumb = await download(
        api,
        `/api/v1/documents/${doc.id}/thumbnail`,
        staff.caseworker.token,
      );
      expect(thumb.status).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
      expect(thumb.headers['x-content-type-options']).toBe('nosniff');
      const t = await sharp(thumb.bytes).metadata();
      expect(t.format).toBe('webp');
      expect(t.exif).toBeUndefined();
      expect(Math.max(t.width ?? 0, t.height ?? 0)).toBeLessThanOrEqual(320);

      // The thumbnail is sealed in the store too.
      const keys = await blobKeyOf(doc.id);
      const stored = await readFile(join(storageDir, keys.thumbnail_key as string));
      expect(stored.includes(thumb.bytes.subarray(0, 64))).toBe(false);
    }
    // A large photo is made smaller for the thumbnail, never larger.
    const big = await photoWithGps('jpeg', { width: 1600, height: 900 });
    const doc = await uploadOk(
      { title: 'Large photo', kind: 'photo' },
      { name: 'big.jpg', content: big },
    );
    const thumb = await download(
      api,
      `/api/v1/documents/${doc.id}/thumbnail`,
      staff.caseworker.token,
    );
    const t = await sharp(thumb.bytes).metadata();
    expect([t.width, t.height]).toEqual([180, 320]);
    // Documents that are not photos have no thumbnail.
    const text = await uploadOk(
      { title: 'A note', kind: 'other' },
      { name: 'n.txt', content: Buffer.from('no thumbnail here') },
    );
    const none = await download(
      api,
      `/api/v1/documents/${text.id}/thumbnail`,
      staff.caseworker.token,
    );
    expect(none.status).toBe(404);
  });

  it('refuses infected files naming the signature (422) and stores nothing', async () => {
    const before = await counts();
    const infected: { name: string; content: Buffer }[] = [
      {
        name: 'eicar.pdf',
        content: Buffer.concat([pdf('Looks like a warrant'), Buffer.from(`\n%${EICAR}\n`)]),
      },
      { name: 'eicar.txt', content: Buffer.from(EICAR) },
      {
        name: 'eicar.docx',
        content: await docx('x', { extra: [{ name: 'word/media/eicar.com', data: EICAR }] }),
      },
    ];
    for (const f of infected) {
      const res = await upload(staff.caseworker, { title: 'Infected', kind: 'evidence' }, [f]);
      expectProblem(res, 422, 'file');
      expect(res.body.signature).toBe(EICAR_SIGNATURE);
      expect(res.body.detail).toContain(EICAR_SIGNATURE);
      expect(res.body.detail).toMatch(/nothing was stored/);
    }
    expect(await counts()).toEqual(before);
  });

  it('stores only ciphertext, under a random key, with the data key wrapped by the keyring; tampering is detected', async () => {
    const content = Buffer.from('Charge sheet: Article 86 of the Penal Code. '.repeat(4000)); // ~176 KB, 3 chunks
    const doc = await uploadOk(
      {
        title: 'Charge sheet',
        kind: 'charge_sheet',
        sourceIdentity: 'Lawyer M., +20 100 000 0000',
      },
      {
        name: '../../etc/passwd.txt',
        content,
      },
    );
    // The name the client sent is sanitised, and the blob key has nothing of it.
    expect(doc.current.fileName).toBe('passwd.txt');
    const { blob_key: key } = await blobKeyOf(doc.id);
    expect(key).toMatch(/^documents\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(key).not.toContain(doc.id);
    const path = join(storageDir, key);
    const stored = await readFile(path);
    expect(stored.equals(content)).toBe(false);
    expect(stored.includes(Buffer.from('Charge sheet'))).toBe(false);
    expect(stored.length).toBeGreaterThan(content.length);

    const [row] = await api.db.query<{ data_key_enc: string; source_identity_enc: string }[]>(
      `SELECT v.data_key_enc, d.source_identity_enc FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.id = $1`,
      [doc.id],
    );
    // The key id travels with the wrapped key (keys:rotate-style rotation); nothing in clear.
    expect(row.data_key_enc).toMatch(/^v1\.dev\./);
    expect(row.source_identity_enc).toMatch(/^v1\.dev\./);
    expect(row.source_identity_enc).not.toContain('Lawyer');

    // Untouched, it reads back whole.
    const ok = await download(api, `/api/v1/documents/${doc.id}/content`, staff.caseworker.token);
    expect(ok.bytes.equals(content)).toBe(true);

    // A flipped bit in the first chunk: refused before any answer is sent (500, nothing leaked).
    const early = Buffer.from(stored);
    early[100] ^= 0x01;
    await writeFile(path, early);
    const bad = await download(api, `/api/v1/documents/${doc.id}/content`, staff.caseworker.token);
    expect(bad.status).toBe(500);
    expect(String(bad.headers['content-type'])).toMatch(/problem\+json/);
    expect(bad.bytes.includes(Buffer.from('Charge sheet'))).toBe(false);

    // Damage further on: the answer has started, so the connection is cut (the client sees an
    // incomplete download, never a complete-looking file with unauthenticated bytes).
    const late = Buffer.from(stored);
    late[late.length - 50] ^= 0x01;
    await writeFile(path, late);
    await expect(
      api.app.inject({
        method: 'GET',
        url: `/api/v1/documents/${doc.id}/content`,
        headers: { authorization: `Bearer ${staff.caseworker.token}` },
      }),
    ).rejects.toThrow(/destroyed before completion/);

    // Another version's blob put in its place does not decrypt either (bound to its record).
    const other = await uploadOk(
      { title: 'Other', kind: 'other' },
      { name: 'o.txt', content: Buffer.from('other file') },
    );
    await writeFile(path, await readFile(join(storageDir, (await blobKeyOf(other.id)).blob_key)));
    expect(
      (await download(api, `/api/v1/documents/${doc.id}/content`, staff.caseworker.token)).status,
    ).toBe(500);
    await writeFile(path, stored);
    expect(
      (
        await download(api, `/api/v1/documents/${doc.id}/content`, staff.caseworker.token)
      ).bytes.equals(content),
    ).toBe(true);
  });

  it('recognises the same file twice on one case (409 naming the document), unless allowDuplicate', async () => {
    const file = { name: 'decision.pdf', content: pdf('Court decision 2026/55') };
    const first = await uploadOk({ title: 'Decision', kind: 'court_decision' }, file);
    const before = await counts();
    const again = await upload(
      staff.coordinator,
      { title: 'Decision again', kind: 'court_decision' },
      [{ ...file, name: 'renamed.pdf' }],
    );
    expectProblem(again, 409);
    expect(again.body.duplicateOf).toEqual({
      documentId: first.id,
      versionNo: 1,
      title: 'Decision',
    });
    expect(again.body.detail).toMatch(/already on the case/);
    expect(await counts()).toEqual(before);

    const kept = await uploadOk(
      { title: 'Second copy', kind: 'court_decision', allowDuplicate: 'true' },
      file,
    );
    expect(kept.current.sha256).toBe(first.current.sha256);

    // On another case the same file is new.
    const other = await staff.coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Other Defender', country: 'EG' },
    });
    const res = await upload(
      staff.coordinator,
      { title: 'Decision', kind: 'court_decision' },
      [file],
      other.body.id,
    );
    expect(res.status).toBe(201);

    // A deleted document no longer counts.
    for (const id of [first.id, kept.id]) {
      expect(
        (await staff.caseworker.request({ method: 'DELETE', url: `/api/v1/documents/${id}` }))
          .status,
      ).toBe(204);
    }
    await uploadOk({ title: 'Decision, uploaded again', kind: 'court_decision' }, file);
  });

  it('keeps every version; the list shows the latest, the versions endpoint all of them', async () => {
    const v1 = Buffer.from('Medical report, first draft');
    const v2 = Buffer.from('Medical report, signed by the prison doctor');
    const doc = await uploadOk(
      { title: 'Medical report', kind: 'medical' },
      { name: 'report.txt', content: v1 },
    );
    const before = await counts();

    const bad = await postMultipart(
      api,
      `/api/v1/documents/${doc.id}/versions`,
      staff.caseworker.token,
      multipart({}, [{ name: 'report.pdf', content: windowsProgram() }]),
    );
    expectProblem(bad, 415, 'file');
    const stale = await postMultipart(
      api,
      `/api/v1/documents/${doc.id}/versions`,
      staff.caseworker.token,
      multipart({}, [{ name: 'report.txt', content: v2 }]),
      { 'if-match': '"99"' },
    );
    expectProblem(stale, 412);
    const same = await postMultipart(
      api,
      `/api/v1/documents/${doc.id}/versions`,
      staff.caseworker.token,
      multipart({}, [{ name: 'report.txt', content: v1 }]),
    );
    expectProblem(same, 409);
    expect(await counts()).toEqual(before);

    const res = await postMultipart(
      api,
      `/api/v1/documents/${doc.id}/versions`,
      staff.caseworker.token,
      multipart({}, [{ name: 'report-signed.txt', content: v2 }]),
      { 'if-match': `"${doc.version}"` },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      versionCount: 2,
      current: { versionNo: 2, fileName: 'report-signed.txt' },
    });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);

    const versions = await staff.viewer.request({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/versions`,
    });
    expect(
      versions.body.map((v: { versionNo: number; sha256: string }) => [v.versionNo, v.sha256]),
    ).toEqual([
      [2, sha(v2)],
      [1, sha(v1)],
    ]);
    const list = await staff.viewer.request({ method: 'GET', url: `${url()}?kind=medical` });
    const listed = list.body.data.filter((d: { id: string }) => d.id === doc.id);
    expect(listed).toHaveLength(1);
    expect(listed[0].current.versionNo).toBe(2);

    expect(
      (await download(api, `/api/v1/documents/${doc.id}/content`, staff.viewer.token)).bytes.equals(
        v2,
      ),
    ).toBe(true);
    expect(
      (
        await download(api, `/api/v1/documents/${doc.id}/content?version=1`, staff.viewer.token)
      ).bytes.equals(v1),
    ).toBe(true);
    expect(
      (await download(api, `/api/v1/documents/${doc.id}/content?version=3`, staff.viewer.token))
        .status,
    ).toBe(404);
    const badVersion = await download(
      api,
      `/api/v1/documents/${doc.id}/content?version=zero`,
      staff.viewer.token,
    );
    expect(badVersion.status).toBe(400);
    expect(badVersion.json.errors[0].field).toBe('version');

    const audit = await api.db.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [doc.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['document.create', 'document.version']);
  });

  it('leaves no blob behind when the database write fails, and nothing in the database when the store fails', async () => {
    // A real database failure: a trigger that refuses new documents.
    await api.db.query(`CREATE FUNCTION witness_test_refuse() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await api.db.query(`CREATE TRIGGER witness_test_refuse BEFORE INSERT ON document_versions
      FOR EACH ROW EXECUTE FUNCTION witness_test_refuse()`);
    try {
      const before = await counts();
      const files = await blobFiles();
      for (const file of [
        { name: 'a.pdf', content: pdf('Orphan test') },
        { name: 'p.jpg', content: await photoWithGps('jpeg') },
      ]) {
        const res = await upload(staff.caseworker, { title: 'Will fail', kind: 'evidence' }, [
          file,
        ]);
        expect(res.status).toBe(500);
        expect(res.body.detail).not.toMatch(/refused by the test/);
      }
      expect(await counts()).toEqual(before);
      expect(await blobFiles()).toEqual(files);
    } finally {
      await api.db.query('DROP TRIGGER witness_test_refuse ON document_versions');
      await api.db.query('DROP FUNCTION witness_test_refuse()');
    }

    // A store that cannot be written: its documents directory replaced by a file.
    const before = await counts();
    await rename(join(storageDir, 'documents'), join(storageDir, 'documents.moved'));
    await writeFile(join(storageDir, 'documents'), 'not a directory');
    try {
      const res = await upload(staff.caseworker, { title: 'Store down', kind: 'evidence' }, [
        { name: 'a.pdf', content: pdf('Store failure test') },
      ]);
      expectProblem(res, 503);
      expect(res.body.detail).toMatch(/document store/);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await rm(join(storageDir, 'documents'));
      await rename(join(storageDir, 'documents.moved'), join(storageDir, 'documents'));
    }
    expect(await counts()).toEqual(before);
  });
});
