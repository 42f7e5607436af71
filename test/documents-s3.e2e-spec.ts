import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { startApi, type TestApi } from './support/api';
import { EICAR_SIGNATURE, startClamd, type TestClamd } from './support/clamd';
import {
  download,
  EICAR,
  exifHasGps,
  multipart,
  pdf,
  photoWithGps,
  postMultipart,
  type FilePart,
} from './support/files';
import { startS3, type TestS3 } from './support/s3';
import { createStaff, type TestUser } from './support/users';

/**
 * Documents on the S3 driver, against an S3-compatible server (s3rver) the test starts, with
 * clamd reached over its Unix socket, at the default size limit (25 MB). Also: what happens
 * when the store goes away (503, nothing half-written) or the scanner does (kept, pending,
 * never served), and comes back.
 */

const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('documents on S3-compatible storage, scanned through a Unix socket', () => {
  let api: TestApi;
  let s3: TestS3;
  let clamd: TestClamd;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let caseId: string;

  const upload = (fields: Record<string, string>, file: FilePart, user = staff.caseworker) =>
    postMultipart(
      api,
      `/api/v1/defenders/${caseId}/documents`,
      user.token,
      multipart(fields, [file]),
    );
  const keyOf = async (documentId: string) =>
    (
      await api.db.query<{ blob_key: string; thumbnail_key: string | null }[]>(
        'SELECT blob_key, thumbnail_key FROM document_versions WHERE document_id = $1 ORDER BY version_no DESC LIMIT 1',
        [documentId],
      )
    )[0];
  const counts = async () => {
    const [row] = await api.db.query<{ documents: number; versions: number }[]>(
      `SELECT (SELECT count(*)::int FROM documents) AS documents, (SELECT count(*)::int FROM document_versions) AS versions`,
    );
    return { ...row, objects: (await s3.keys()).length };
  };

  beforeAll(async () => {
    s3 = await startS3();
    clamd = await startClamd({ socket: true });
    api = await startApi({ env: { ...s3.env, ...clamd.env, CLAMAV_TIMEOUT_MS: '5000' } });
    staff = await createStaff(api);
    caseId = (
      await staff.coordinator.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'Mahienour Example', country: 'EG' },
      })
    ).body.id;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await clamd?.stop();
    await s3?.close();
  });

  it('stores sealed objects in the bucket and streams them back decrypted', async () => {
    const file = pdf('Warrant kept in S3');
    const res = await upload(
      { title: 'Warrant', kind: 'warrant' },
      { name: 'warrant.pdf', content: file },
    );
    expect(res.status).toBe(201);
    expect(res.body.current.scan).toBe('clean');
    const { blob_key: key } = await keyOf(res.body.id);
    expect(await s3.keys()).toContain(key);
    const stored = await buffer(await s3.raw.get(key));
    expect(stored.equals(file)).toBe(false);
    expect(stored.includes(Buffer.from('Warrant kept in S3'))).toBe(false);
    const got = await download(api, `/api/v1/documents/${res.body.id}/content`, staff.viewer.token);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(file)).toBe(true);

    const photo = await photoWithGps('jpeg');
    expect(exifHasGps((await sharp(photo).metadata()).exif)).toBe(true);
    const p = await upload(
      { title: 'Visit', kind: 'photo' },
      { name: 'visit.jpg', content: photo },
    );
    expect(p.status).toBe(201);
    const keys = await keyOf(p.body.id);
    expect(await s3.keys()).toEqual(expect.arrayContaining([keys.blob_key, keys.thumbnail_key]));
    const served = await download(
      api,
      `/api/v1/documents/${p.body.id}/content`,
      staff.viewer.token,
    );
    expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();
    const thumb = await download(
      api,
      `/api/v1/documents/${p.body.id}/thumbnail`,
      staff.viewer.token,
    );
    expect((await sharp(thumb.bytes).metadata()).format).toBe('webp');

    // Tampering with the object in the bucket is detected.
    const bad = Buffer.from(stored);
    bad[20] ^= 0x80;
    await s3.raw.put(key, Readable.from([bad]), bad.length);
    expect(
      (await download(api, `/api/v1/documents/${res.body.id}/content`, staff.viewer.token)).status,
    ).toBe(500);
    await s3.raw.put(key, Readable.from([stored]), stored.length);
    expect(
      (
        await download(api, `/api/v1/documents/${res.body.id}/content`, staff.viewer.token)
      ).bytes.equals(file),
    ).toBe(true);
  });

  it('takes a file near the default 25 MB limit, streaming it to the store, and refuses one over it (413)', async () => {
    const big = Buffer.alloc(24 * MB, 'Witness document body. ');
    const res = await upload(
      { title: 'Large transcript', kind: 'evidence' },
      { name: 'transcript.txt', content: big },
    );
    expect(res.status).toBe(201);
    expect(res.body.current).toMatchObject({
      sizeBytes: big.length,
      sha256: sha(big),
      scan: 'clean',
    });
    const got = await download(api, `/api/v1/documents/${res.body.id}/content`, staff.viewer.token);
    expect(got.bytes.length).toBe(big.length);
    expect(sha(got.bytes)).toBe(sha(big));

    const before = await counts();
    const over = await upload(
      { title: 'Too large', kind: 'evidence' },
      { name: 'x.txt', content: Buffer.alloc(25 * MB + 1, 'a') },
    );
    expect(over.status).toBe(413);
    expect(over.body.detail).toMatch(/25 MB/);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('keeps versions in the bucket', async () => {
    const first = await upload(
      { title: 'Decision', kind: 'court_decision' },
      { name: 'd.txt', content: Buffer.from('first') },
    );
    const second = await postMultipart(
      api,
      `/api/v1/documents/${first.body.id}/versions`,
      staff.caseworker.token,
      multipart({}, [{ name: 'd.txt', content: Buffer.from('second') }]),
    );
    expect(second.status).toBe(201);
    const v1 = await download(
      api,
      `/api/v1/documents/${first.body.id}/content?version=1`,
      staff.viewer.token,
    );
    const v2 = await download(
      api,
      `/api/v1/documents/${first.body.id}/content`,
      staff.viewer.token,
    );
    expect([v1.bytes.toString(), v2.bytes.toString()]).toEqual(['first', 'second']);
  });

  it('refuses EICAR through the socket, and keeps uploads unserved (202, pending) while clamd is down', async () => {
    const before = await counts();
    const infected = await upload(
      { title: 'Infected', kind: 'evidence' },
      { name: 'e.pdf', content: Buffer.concat([pdf(), Buffer.from(EICAR)]) },
    );
    expect(infected.status).toBe(422);
    expect(infected.body.signature).toBe(EICAR_SIGNATURE);
    expect(await counts()).toEqual(before);

    await clamd.stop();
    const down = await upload(
      { title: 'While down', kind: 'evidence' },
      { name: 'w.pdf', content: pdf('Scanner down') },
    );
    // Kept (sealed in the store like any other) but never served until the worker scans it.
    expect({ status: down.status, scan: down.body.current?.scan }).toEqual({
      status: 202,
      scan: 'pending',
    });
    expect(await counts()).toEqual({
      documents: before.documents + 1,
      versions: before.versions + 1,
      objects: before.objects + 1,
    });
    const held = await download(
      api,
      `/api/v1/documents/${down.body.id}/content`,
      staff.admin.token,
    );
    expect({ status: held.status, scan: held.json?.scan }).toEqual({
      status: 409,
      scan: 'pending',
    });
    // Photos are not scanned (they are re-encoded from their pixels), so they still go in.
    const photo = await upload(
      { title: 'Photo', kind: 'photo' },
      { name: 'p.png', content: await photoWithGps('png') },
    );
    expect(photo.status).toBe(201);
  });

  it('answers 503 and writes nothing while the store is down; removes the objects when the database refuses', async () => {
    const before = await counts();
    await s3.stop();
    try {
      // A photo: clamd is down since the test before, and photos are not scanned.
      const res = await upload(
        { title: 'Store down', kind: 'photo' },
        { name: 'x.jpg', content: await photoWithGps() },
      );
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/document store/);
      const [doc] = await api.db.query<{ id: string }[]>(
        `SELECT document_id AS id FROM document_versions WHERE scan <> 'pending' LIMIT 1`,
      );
      const read = await download(api, `/api/v1/documents/${doc.id}/content`, staff.admin.token);
      expect(read.status).toBe(503);
    } finally {
      await s3.start();
    }
    expect(await counts()).toEqual(before);

    await api.db.query(`CREATE FUNCTION witness_test_refuse() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await api.db.query(`CREATE TRIGGER witness_test_refuse BEFORE INSERT ON documents
      FOR EACH ROW EXECUTE FUNCTION witness_test_refuse()`);
    try {
      const res = await upload(
        { title: 'DB refuses', kind: 'photo' },
        { name: 'p.webp', content: await photoWithGps('webp') },
      );
      expect(res.status).toBe(500);
    } finally {
      await api.db.query('DROP TRIGGER witness_test_refuse ON documents');
      await api.db.query('DROP FUNCTION witness_test_refuse()');
    }
    expect(await counts()).toEqual(before);
  });
});
