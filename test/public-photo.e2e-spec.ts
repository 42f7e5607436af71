import { XMLParser } from 'fast-xml-parser';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import type { TestResponse } from './support/api';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  signIn,
  startWebApp,
  watchConsole,
  type WebApp,
} from './support/browser';
import {
  CAMERA_MAKE,
  exifHasGps,
  multipart,
  pdf,
  photoWithGps,
  postMultipart,
  type FilePart,
} from './support/files';
import { asUser, createStaff, createUser, type TestUser } from './support/users';

/**
 * The public profile's photo from the case's documents, end to end: a coordinator chooses a
 * photo document (uploaded with GPS EXIF through the real multipart route) through the
 * publication API or the web preview; the feed names a sized copy, and its photo route serves
 * it resized and re-encoded with no metadata at all, with the feed's caching headers; every
 * refusal is a clear 4xx naming the field and writes nothing; each way a photo stops being
 * publishable (consent revoked or expired, unfeatured, document confidential, deleted or no
 * longer a photo, case restricted) takes it off the feed on the very next request; and no
 * public answer names a document, a version or anything stored.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

const TODAY = '2026-06-15';
const D = '/api/v1/defenders';
const BASE = 'https://witness.example.org';
const MAX_AGE = 45;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PHOTO_URL = new RegExp(
  `^${BASE.replace(/[.]/g, '\\.')}/public/v1/defenders/([a-z0-9-]+)/photo\\?v=([A-Za-z0-9_-]{22})$`,
);

interface Raw {
  status: number;
  headers: Record<string, unknown>;
  bytes: Buffer;
  text: string;
}

describe('public photo from the documents', () => {
  let app: WebApp;
  let staff: Staff;

  const as = (user: TestUser, o: Parameters<typeof asUser>[2]): Promise<TestResponse> =>
    asUser(app, user, o);

  const ok = async (res: Promise<TestResponse> | TestResponse, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
    return r.body;
  };

  const mkDefender = async (fullName: string, extra: Record<string, unknown> = {}) =>
    (
      await ok(
        as(staff.coordinator, {
          method: 'POST',
          url: D,
          body: { fullName, country: 'EG', ...extra },
        }),
      )
    ).id as string;

  const consent = (
    id: string,
    purpose: 'public_profile' | 'photo',
    decision: 'given' | 'revoked' = 'given',
    extra: Record<string, unknown> = {},
  ) =>
    ok(
      as(staff.coordinator, {
        method: 'POST',
        url: `${D}/${id}/consents`,
        body: {
          purpose,
          decision,
          givenBy: 'defender',
          method: 'written',
          decidedOn: TODAY,
          ...extra,
        },
      }),
    );

  const upload = async (
    defenderId: string,
    fields: Record<string, string>,
    file: FilePart,
    user = staff.caseworker,
  ) => {
    const res = await postMultipart(
      app,
      `${D}/${defenderId}/documents`,
      user.token,
      multipart({ title: 'Portrait', kind: 'photo', ...fields }, [file]),
    );
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
    return res.body as { id: string; version: number; current: { id: string } };
  };

  const put = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    as(staff.coordinator, { method: 'PUT', url: `${D}/${id}/publication`, body, headers });

  const pubRow = async (id: string) =>
    (
      await app.db.query(
        `SELECT version, photo, photo_document_id, photo_alt, featured FROM publications WHERE defender_id = $1`,
        [id],
      )
    )[0];

  /** PUT with the current version as If-Match. */
  const change = async (id: string, body: Record<string, unknown>) => {
    const row = await pubRow(id);
    return put(id, body, row ? { 'if-match': `"${row.version}"` } : {});
  };

  /** An anonymous request, raw. */
  const raw = async (url: string, headers: Record<string, string> = {}): Promise<Raw> => {
    const res = await app.app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
  };

  const pathOf = (url: string) => url.slice(BASE.length);

  const profile = async (slug: string) => {
    const res = await raw(`/public/v1/defenders/${slug}`);
    return { status: res.status, body: res.status === 200 ? JSON.parse(res.text) : undefined };
  };

  const atomEnclosures = async (): Promise<Record<string, string>> => {
    const res = await raw('/public/v1/defenders.atom');
    expect(res.status).toBe(200);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (name) => ['entry', 'link'].includes(name),
    }).parse(res.text) as {
      feed: {
        entry?: { id: string; link: { '@href': string; '@rel': string; '@type': string }[] }[];
      };
    };
    const out: Record<string, string> = {};
    for (const e of doc.feed.entry ?? []) {
      const enclosure = e.link.find((l) => l['@rel'] === 'enclosure');
      if (enclosure) {
        expect(enclosure['@type']).toBe('image/webp');
        out[e.id.split('/').pop()!] = enclosure['@href'];
      }
    }
    return out;
  };

  /**
   * A featured, consenting defender with a photo document (a 2400x1200 phone photo with EXIF
   * orientation 6, so stored upright as 1200x2400) chosen as the public photo.
   */
  const withPhoto = async (name: string, options: { photoAlt?: string } = {}) => {
    const id = await mkDefender(name);
    await consent(id, 'public_profile');
    await consent(id, 'photo');
    const doc = await upload(
      id,
      {},
      {
        name: 'IMG_2041.jpg',
        content: await photoWithGps('jpeg', { width: 2400, height: 1200 }),
      },
    );
    const res = await put(id, {
      featured: true,
      publicSummary: 'Journalist detained for her reporting.',
      photoDocumentId: doc.id,
      ...(options.photoAlt ? { photoAlt: options.photoAlt } : {}),
    });
    if (res.status !== 201) throw new Error(`publication: ${res.status} ${res.text}`);
    return { id, doc, slug: res.body.slug as string, view: res.body };
  };

  /** The feed shows the profile without a photo, and the photo route is a 404, URL or not. */
  const expectNoPublicPhoto = async (slug: string, oldUrl: string) => {
    const p = await profile(slug);
    expect(p.body?.photo ?? null).toBeNull();
    for (const url of [pathOf(oldUrl), `/public/v1/defenders/${slug}/photo`]) {
      const res = await raw(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect(Object.keys(await atomEnclosures())).not.toContain(slug);
  };

  beforeAll(async () => {
    app = await startWebApp({
      now: `${TODAY}T10:00:00Z`,
      env: {
        PUBLIC_BASE_URL: `${BASE}/`,
        PUBLIC_CACHE_MAX_AGE: String(MAX_AGE),
        PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    staff = await createStaff(app);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  describe('choosing and serving', () => {
    it('a photo uploaded with GPS EXIF is chosen; the feed serves a resized WebP copy with no metadata at all', async () => {
      const { id, doc, slug, view } = await withPhoto('Amina Haddad');
      expect(view).toMatchObject({
        live: true,
        photo: null,
        photoDocumentId: doc.id,
        photoAlt: null,
        blockers: [],
      });
      const trail = await app.db.query(
        `SELECT action, changes FROM audit_events WHERE entity_type = 'publication' AND entity_id = $1`,
        [id],
      );
      expect(trail[0].changes.photoDocumentId).toEqual({ from: null, to: doc.id });

      const p = await profile(slug);
      expect(p.status).toBe(200);
      expect(Object.keys(p.body.photo)).toEqual(['url', 'width', 'height', 'alt']);
      expect(p.body.photo).toEqual({
        url: expect.stringMatching(PHOTO_URL),
        width: 400,
        height: 800,
        alt: 'Photo of Amina Haddad',
      });
      const token = PHOTO_URL.exec(p.body.photo.url)![2];

      const res = await raw(pathOf(p.body.photo.url));
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({
        'content-type': 'image/webp',
        'cache-control': `public, max-age=${MAX_AGE}`,
        'x-content-type-options': 'nosniff',
        etag: `"${token}"`,
        'content-length': String(res.bytes.length),
      });
      const meta = await sharp(res.bytes).metadata();
      expect({
        format: meta.format,
        width: meta.width,
        height: meta.height,
        exif: meta.exif,
        xmp: meta.xmp,
        icc: meta.icc,
        iptc: meta.iptc,
        orientation: meta.orientation,
      }).toEqual({
        format: 'webp',
        width: 400,
        height: 800,
        exif: undefined,
        xmp: undefined,
        icc: undefined,
        iptc: undefined,
        orientation: undefined,
      });
      expect(exifHasGps(meta.exif)).toBe(false);
      expect(res.bytes.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
      expect(res.bytes.includes(Buffer.from('Photographer Name'))).toBe(false);
      expect(res.bytes.length).toBeLessThan(200_000);

      // The same copy again (from the cache), and 304 for a client that has it.
      const again = await raw(`/public/v1/defenders/${slug}/photo`);
      expect(again.status).toBe(200);
      expect(again.bytes.equals(res.bytes)).toBe(true);
      const cached = await raw(pathOf(p.body.photo.url), { 'if-none-match': `"${token}"` });
      expect(cached.status).toBe(304);
      expect(cached.bytes.length).toBe(0);

      // The list and the Atom feed carry the same photo.
      const list = JSON.parse((await raw('/public/v1/defenders?limit=50')).text);
      const entry = list.data.find((e: { slug: string }) => e.slug === slug);
      expect(entry.photo).toEqual(p.body.photo);
      expect((await atomEnclosures())[slug]).toBe(p.body.photo.url);
    });

    it('keeps a small photo at its size, uses the alt text given, and re-encodes PNG and WebP too', async () => {
      const id = await mkDefender('Small Photo');
      await consent(id, 'public_profile');
      await consent(id, 'photo');
      const png = await upload(id, {}, { name: 'p.png', content: await photoWithGps('png') });
      const res = await put(id, {
        featured: true,
        publicSummary: 'A lawyer.',
        photoDocumentId: png.id,
        photoAlt: 'Portrait, smiling',
      });
      expect(res.status).toBe(201);
      const p = await profile(res.body.slug);
      // 64x32 with orientation 6: stored upright as 32x64, not enlarged.
      expect(p.body.photo).toMatchObject({ width: 32, height: 64, alt: 'Portrait, smiling' });
      const img = await raw(pathOf(p.body.photo.url));
      const meta = await sharp(img.bytes).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: 32, height: 64 });
      expect([meta.exif, meta.xmp, meta.icc]).toEqual([undefined, undefined, undefined]);

      const webp = await upload(id, {}, { name: 'w.webp', content: await photoWithGps('webp') });
      const changed = await change(id, { featured: true, photoDocumentId: webp.id });
      expect(changed.status).toBe(200);
      // A new photo: a new token, so caches see the change; the old address is gone.
      const next = await profile(res.body.slug);
      expect(next.body.photo.url).not.toBe(p.body.photo.url);
      // The alt text given stays with the photo document chosen in its place.
      expect(next.body.photo.alt).toBe('Portrait, smiling');
      expect((await raw(pathOf(p.body.photo.url))).status).toBe(404);
      const served = await raw(pathOf(next.body.photo.url));
      expect(served.status).toBe(200);
      expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();
    });

    it('a new version of the document changes the token; the old address answers 404', async () => {
      const { doc, slug } = await withPhoto('Versioned Photo');
      const before = (await profile(slug)).body.photo.url as string;
      const v2 = await postMultipart(
        app,
        `/api/v1/documents/${doc.id}/versions`,
        staff.caseworker.token,
        multipart({}, [
          { name: 'v2.jpg', content: await photoWithGps('jpeg', { width: 300, height: 200 }) },
        ]),
      );
      expect(v2.status).toBe(201);
      const after = (await profile(slug)).body.photo;
      expect(after).toMatchObject({ width: 200, height: 300 });
      expect(after.url).not.toBe(before);
      expect((await raw(pathOf(before))).status).toBe(404);
      const img = await raw(pathOf(after.url));
      expect(await sharp(img.bytes).metadata()).toMatchObject({ width: 200, height: 300 });
    });

    it('refuses a bad token with a 400 naming v, and unknown slugs with the same 404', async () => {
      const { slug } = await withPhoto('Token Checks');
      const bad = await raw(
        `/public/v1/defenders/${slug}/photo?v=${encodeURIComponent("x'; DROP")}`,
      );
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.text).errors.map((e: { field: string }) => e.field)).toContain('v');
      const unknown = await raw('/public/v1/defenders/no-such-person/photo');
      const wrongToken = await raw(`/public/v1/defenders/${slug}/photo?v=${'A'.repeat(22)}`);
      expect([unknown.status, wrongToken.status]).toEqual([404, 404]);
      expect(JSON.parse(unknown.text).detail).toBe(JSON.parse(wrongToken.text).detail);
    });

    it('staff preview the copy before featuring; the preview shows it exactly when the feed would', async () => {
      const id = await mkDefender('Draft Photo');
      await consent(id, 'photo');
      const doc = await upload(id, {}, { name: 'd.jpg', content: await photoWithGps() });
      const res = await put(id, {
        featured: false,
        publicSummary: 'Draft.',
        photoDocumentId: doc.id,
      });
      expect(res.status).toBe(201);
      const preview = await ok(
        as(staff.viewer, { method: 'GET', url: `${D}/${id}/publication/preview` }),
        200,
      );
      expect(preview.photo).toMatchObject({ width: 32, height: 64, alt: 'Photo of Draft Photo' });
      // Not featured: the public route does not serve it.
      expect((await raw(pathOf(preview.photo.url))).status).toBe(404);
      const staffCopy = await as(staff.viewer, {
        method: 'GET',
        url: `${D}/${id}/publication/preview/photo`,
      });
      expect(staffCopy.status).toBe(200);
      expect(staffCopy.headers).toMatchObject({
        'content-type': 'image/webp',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
      const anonymous = await raw(`${D}/${id}/publication/preview/photo`);
      expect(anonymous.status).toBe(401);

      // Consent revoked: neither the preview nor its photo route show it.
      await consent(id, 'photo', 'revoked');
      const after = await ok(
        as(staff.viewer, { method: 'GET', url: `${D}/${id}/publication/preview` }),
        200,
      );
      expect(after.photo).toBeNull();
      expect(
        (await as(staff.viewer, { method: 'GET', url: `${D}/${id}/publication/preview/photo` }))
          .status,
      ).toBe(404);
    });

    it('a restricted case’s preview photo is a 404 for the unassigned', async () => {
      const id = await mkDefender('Restricted Photo', { access: 'restricted' });
      await consent(id, 'photo');
      const doc = await upload(
        id,
        {},
        { name: 'r.jpg', content: await photoWithGps() },
        staff.coordinator,
      );
      expect(
        (await put(id, { featured: false, publicSummary: 'R.', photoDocumentId: doc.id })).status,
      ).toBe(201);
      const outsider = await createUser(app, 'caseworker', 'Unassigned Caseworker');
      const res = await as(outsider, {
        method: 'GET',
        url: `${D}/${id}/publication/preview/photo`,
      });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(doc.id);
      expect(
        (
          await as(staff.coordinator, {
            method: 'GET',
            url: `${D}/${id}/publication/preview/photo`,
          })
        ).status,
      ).toBe(200);
    });
  });

  describe('refusals', () => {
    let id: string;
    let other: string;
    let docs: Record<string, string>;

    beforeAll(async () => {
      id = await mkDefender('Refusal Case');
      other = await mkDefender('Other Case');
      await consent(id, 'public_profile');
      await consent(id, 'photo');
      await consent(other, 'photo');
      const photo = async () => ({ name: 'x.jpg', content: await photoWithGps() });
      docs = {
        otherDefender: (await upload(other, {}, await photo())).id,
        warrant: (await upload(id, { kind: 'warrant' }, { name: 'w.pdf', content: pdf() })).id,
        photoKindPdf: (await upload(id, {}, { name: 'p.pdf', content: pdf('A photo, really?') }))
          .id,
        evidenceJpeg: (await upload(id, { kind: 'evidence' }, await photo())).id,
        confidential: (await upload(id, { confidential: 'true' }, await photo(), staff.coordinator))
          .id,
        deleted: (await upload(id, {}, await photo())).id,
        unknown: '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab',
      };
      expect(
        (await as(staff.caseworker, { method: 'DELETE', url: `/api/v1/documents/${docs.deleted}` }))
          .status,
      ).toBe(204);
      // A publication to refuse changes to.
      expect((await put(id, { featured: true, publicSummary: 'Refusals.' })).status).toBe(201);
    });

    const expectField = (res: TestResponse, status: number, field: string) => {
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
        status,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };

    it('refuses a document that is not a live, non-confidential photo of this defender (400 naming photoDocumentId), writing nothing', async () => {
      const before = await pubRow(id);
      const messages: Record<string, string> = {};
      for (const [name, documentId] of Object.entries(docs)) {
        for (const featured of [true, false]) {
          const res = await change(id, { featured, photoDocumentId: documentId });
          expectField(res, 400, 'photoDocumentId');
          messages[name] = res.body.errors[0].message;
        }
      }
      expect(messages).toEqual({
        otherDefender: "is not a document of this defender's case",
        warrant: expect.stringMatching(/is a warrant document; only documents of kind photo/),
        photoKindPdf: expect.stringMatching(/is not an image/),
        evidenceJpeg: expect.stringMatching(
          /^is an evidence document; only documents of kind photo/,
        ),
        confidential: expect.stringMatching(/is confidential/),
        deleted: 'is a deleted document',
        unknown: "is not a document of this defender's case",
      });
      expect(await pubRow(id)).toEqual(before);
    });

    it('refuses bad photo fields with a 400 naming the field', async () => {
      const good = (await upload(id, {}, { name: 'g.jpg', content: await photoWithGps() })).id;
      const before = await pubRow(id);
      const cases: [string, Record<string, unknown>, string][] = [
        ['not a uuid', { photoDocumentId: 'abc' }, 'photoDocumentId'],
        ['a number', { photoDocumentId: 12 }, 'photoDocumentId'],
        [
          'both photos',
          { photoDocumentId: good, photo: { url: 'https://x.org/a.jpg', alt: 'a' } },
          'photoDocumentId',
        ],
        ['alt without a document', { photoAlt: 'A portrait' }, 'photoAlt'],
        ['alt too long', { photoDocumentId: good, photoAlt: 'a'.repeat(301) }, 'photoAlt'],
        ['alt empty', { photoDocumentId: good, photoAlt: '   ' }, 'photoAlt'],
        ['alt not a string', { photoDocumentId: good, photoAlt: ['x'] }, 'photoAlt'],
      ];
      for (const [, body, field] of cases) {
        expectField(await change(id, { featured: true, ...body }), 400, field);
      }
      expect(await pubRow(id)).toEqual(before);
    });

    it('needs the current photo consent to choose a photo, even before featuring (409 naming the purpose)', async () => {
      const states: Record<string, string> = {};
      for (const [name, setUp] of Object.entries({
        none: async () => undefined,
        revoked: async (d: string) => {
          await consent(d, 'photo', 'given', { decidedOn: '2026-01-01' });
          await consent(d, 'photo', 'revoked', { decidedOn: '2026-02-01' });
        },
        expired: async (d: string) =>
          consent(d, 'photo', 'given', { decidedOn: '2025-01-01', expiresOn: '2026-06-14' }),
      })) {
        const d = await mkDefender(`Consent ${name}`);
        await consent(d, 'public_profile');
        await setUp(d);
        const doc = await upload(d, {}, { name: 'c.jpg', content: await photoWithGps() });
        for (const featured of [false, true]) {
          const res = await put(d, { featured, publicSummary: 'S.', photoDocumentId: doc.id });
          expect({ status: res.status, code: res.body.code, purpose: res.body.purpose }).toEqual({
            status: 409,
            code: 'consent_required',
            purpose: 'photo',
          });
          states[name] = res.body.consentState;
        }
        expect(await pubRow(d)).toBeUndefined();
      }
      expect(states).toEqual({ none: 'none', revoked: 'revoked', expired: 'expired' });
    });

    it('only coordinators and admins choose (403 for caseworkers and viewers, 401 anonymous)', async () => {
      const good = (await upload(id, {}, { name: 'h.jpg', content: await photoWithGps() })).id;
      const row = await pubRow(id);
      const body = { featured: true, photoDocumentId: good };
      const headers = { 'if-match': `"${row.version}"` };
      for (const user of [staff.caseworker, staff.viewer]) {
        const res = await as(user, { method: 'PUT', url: `${D}/${id}/publication`, body, headers });
        expect(res.status).toBe(403);
      }
      const anon = await app.request({
        method: 'PUT',
        url: `${D}/${id}/publication`,
        body,
        headers,
        anonymous: true,
      });
      expect(anon.status).toBe(401);
      expect(await pubRow(id)).toEqual(row);
      // And a stale If-Match is 412, as for any change of the publication.
      const stale = await put(id, body, { 'if-match': `"${row.version - 1}"` });
      expect(stale.status).toBe(412);
      const admin = await as(staff.admin, {
        method: 'PUT',
        url: `${D}/${id}/publication`,
        body,
        headers,
      });
      expect(admin.status).toBe(200);
    });
  });

  describe('revocation takes effect at once', () => {
    /** A photo served (and so cached) before the change. */
    const served = async (name: string) => {
      const p = await withPhoto(name);
      const url = (await profile(p.slug)).body.photo.url as string;
      expect((await raw(pathOf(url))).status).toBe(200);
      return { ...p, url };
    };

    it('revoking the photo consent removes the photo (audited), the profile stays', async () => {
      const { id, doc, slug, url } = await served('Revoke Photo');
      await consent(id, 'photo', 'revoked');
      await expectNoPublicPhoto(slug, url);
      expect((await profile(slug)).status).toBe(200);
      expect(await pubRow(id)).toMatchObject({ featured: true, photo_document_id: null });
      const [removed] = await app.db.query(
        `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'publication.photo_removed'`,
        [id],
      );
      expect(removed.changes).toMatchObject({
        reason: 'photo_consent_revoked',
        photoDocumentId: { from: doc.id, to: null },
      });
    });

    it('an expired photo consent hides it with no hook at all', async () => {
      const id = await mkDefender('Expiring Photo');
      await consent(id, 'public_profile');
      await consent(id, 'photo', 'given', { expiresOn: '2026-06-20' });
      const doc = await upload(id, {}, { name: 'e.jpg', content: await photoWithGps() });
      const res = await put(id, { featured: true, publicSummary: 'E.', photoDocumentId: doc.id });
      const url = (await profile(res.body.slug)).body.photo.url as string;
      expect((await raw(pathOf(url))).status).toBe(200);
      app.clock.set(new Date('2026-06-21T10:00:00Z'));
      try {
        await expectNoPublicPhoto(res.body.slug, url);
      } finally {
        app.clock.set(new Date(`${TODAY}T10:00:00Z`));
      }
    });

    it('unfeaturing takes the profile and its photo off the feed', async () => {
      const { id, slug, url } = await served('Unfeature Photo');
      expect((await change(id, { featured: false })).status).toBe(200);
      expect((await profile(slug)).status).toBe(404);
      expect((await raw(pathOf(url))).status).toBe(404);
      expect(Object.keys(await atomEnclosures())).not.toContain(slug);
    });

    it('marking the document confidential lets the photo go for good, audited', async () => {
      const { id, doc, slug, url } = await served('Confidential Photo');
      const res = await as(staff.coordinator, {
        method: 'PATCH',
        url: `/api/v1/documents/${doc.id}`,
        body: { confidential: true },
        headers: { 'if-match': `"${doc.version}"` },
      });
      expect(res.status).toBe(200);
      await expectNoPublicPhoto(slug, url);
      const pub = await ok(
        as(staff.coordinator, { method: 'GET', url: `${D}/${id}/publication` }),
        200,
      );
      expect(pub).toMatchObject({ live: true, photoDocumentId: null });
      const [removed] = await app.db.query(
        `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'publication.photo_removed'`,
        [id],
      );
      expect(removed.changes).toMatchObject({
        reason: 'photo_document_confidential',
        photoDocumentId: { from: doc.id, to: null },
      });
      // Made public again, the document does not come back on the feed by itself.
      const back = await as(staff.coordinator, {
        method: 'PATCH',
        url: `/api/v1/documents/${doc.id}`,
        body: { confidential: false },
        headers: { 'if-match': `"${res.body.version}"` },
      });
      expect(back.status).toBe(200);
      expect((await profile(slug)).body.photo ?? null).toBeNull();
      expect((await raw(pathOf(url))).status).toBe(404);
    });

    it('deleting the document removes the photo', async () => {
      const { doc, slug, url } = await served('Deleted Photo');
      const res = await as(staff.caseworker, {
        method: 'DELETE',
        url: `/api/v1/documents/${doc.id}`,
      });
      expect(res.status).toBe(204);
      await expectNoPublicPhoto(slug, url);
    });

    it('a document no longer of kind photo is not shown', async () => {
      const { doc, slug, url } = await served('Rekinded Photo');
      const res = await as(staff.caseworker, {
        method: 'PATCH',
        url: `/api/v1/documents/${doc.id}`,
        body: { kind: 'evidence' },
        headers: { 'if-match': `"${doc.version}"` },
      });
      expect(res.status).toBe(200);
      await expectNoPublicPhoto(slug, url);
    });

    it('restricting the case takes it all off the feed', async () => {
      const { id, slug, url } = await served('Restricted Later');
      const d = await as(staff.coordinator, { method: 'GET', url: `${D}/${id}` });
      const res = await as(staff.coordinator, {
        method: 'PATCH',
        url: `${D}/${id}`,
        body: { access: 'restricted' },
        headers: { 'if-match': d.headers.etag as string },
      });
      expect(res.status).toBe(200);
      expect((await profile(slug)).status).toBe(404);
      expect((await raw(pathOf(url))).status).toBe(404);
    });
  });

  describe('nothing internal in public answers', () => {
    it('no document or version id, blob key, storage path, hash or file name in any public response', async () => {
      const { doc, slug } = await withPhoto('Leak Check');
      const [version] = await app.db.query(
        `SELECT id, blob_key, thumbnail_key, sha256, stored_sha256, file_name FROM document_versions WHERE document_id = $1`,
        [doc.id],
      );
      const p = await profile(slug);
      const urls = [
        '/public/v1/defenders?limit=50',
        `/public/v1/defenders/${slug}`,
        '/public/v1/defenders.atom',
        pathOf(p.body.photo.url),
        `/public/v1/defenders/${slug}/photo?v=${'B'.repeat(22)}`,
        '/public/v1/defenders/nobody/photo',
      ];
      const secrets = [
        doc.id,
        version.id,
        version.blob_key,
        version.thumbnail_key,
        version.sha256,
        version.stored_sha256,
        version.file_name,
        'IMG_2041',
        'documents/',
        process.env.STORAGE_DIR!,
      ];
      for (const url of urls) {
        const res = await raw(url);
        const text = `${JSON.stringify(res.headers)}\n${res.bytes.toString('latin1')}`;
        for (const secret of secrets) {
          expect({ url, leaks: text.includes(secret) ? secret : null }).toEqual({
            url,
            leaks: null,
          });
        }
        // No uuid at all but the request's own id (headers, problem bodies), which names no record.
        const requestId = String(res.headers['x-request-id']);
        expect(res.bytes.toString('latin1').split(requestId).join('')).not.toMatch(UUID);
      }
    });

    it('the detail and list hold exactly the allow-listed fields, photo included', async () => {
      const { slug } = await withPhoto('Allow List');
      const p = await profile(slug);
      expect(Object.keys(p.body).sort()).toEqual(
        [
          'slug',
          'displayName',
          'country',
          'focus',
          'publicSummary',
          'photo',
          'status',
          'detainedSince',
          'daysDetained',
          'publicStory',
          'charges',
          'solidarityActions',
        ].sort(),
      );
      expect(Object.keys(p.body.photo)).toEqual(['url', 'width', 'height', 'alt']);
    });
  });

  describe('the web preview', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('the coordinator chooses among eligible photos; the preview shows the feed’s copy, and not when the feed would not', async () => {
      const id = await mkDefender('Web Photo');
      await consent(id, 'public_profile');
      await consent(id, 'photo');
      const chosen = await upload(
        id,
        { title: 'Family portrait' },
        {
          name: 'a.jpg',
          content: await photoWithGps('jpeg', { width: 1600, height: 1200 }),
        },
      );
      await upload(
        id,
        { title: 'Confidential snapshot', confidential: 'true' },
        { name: 'b.jpg', content: await photoWithGps() },
        staff.coordinator,
      );
      await upload(
        id,
        { title: 'Charge sheet', kind: 'charge_sheet' },
        { name: 'c.pdf', content: pdf() },
      );
      await put(id, { featured: true, publicSummary: 'A web test.' });

      const { context, page } = await newPage(browser, app);
      const problems = watchConsole(page);
      await signIn(page, staff.coordinator);
      await page.goto(`/app/defenders/${id}/publication`);
      const select = page.getByLabel('Photo from the case’s documents');
      const options = await select.locator('option').allTextContents();
      expect(options).toEqual([
        'No photo from the documents',
        expect.stringMatching(/^Family portrait/),
      ]);
      await select.selectOption({ label: options[1] });
      await page.getByLabel('Photo description').fill('Portrait of Web Photo');
      await page.getByRole('button', { name: 'Save (stays featured)' }).click();
      await page.waitForURL(/notice=publication\.notices\.featured/);
      expect(await pubRow(id)).toMatchObject({
        photo_document_id: chosen.id,
        photo_alt: 'Portrait of Web Photo',
      });

      const pub = await ok(
        as(staff.coordinator, { method: 'GET', url: `${D}/${id}/publication` }),
        200,
      );
      const feed = (await profile(pub.slug)).body;
      // 1600x1200 with EXIF orientation 6: upright, 600x800.
      expect(feed.photo).toMatchObject({ width: 600, height: 800, alt: 'Portrait of Web Photo' });
      const img = page.locator('#public-preview img#public-photo');
      expect(await img.getAttribute('alt')).toBe('Portrait of Web Photo');
      expect(
        await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth),
      ).toBe(600);
      await expect(
        page.locator('#public-preview [data-field="photo"]').textContent(),
      ).resolves.toContain(feed.photo.url);
      expect(await select.inputValue()).toBe(chosen.id);
      await expectAccessible(page, 'publication preview with a photo');
      expect(problems).toEqual([]);

      // Once the feed would not show it, neither does the preview.
      await consent(id, 'photo', 'revoked');
      await page.reload();
      expect(await page.locator('#public-preview img').count()).toBe(0);
      await expect(
        page.locator('#public-preview [data-field="photo"]').textContent(),
      ).resolves.toBe('No photo');
      await context.close();
    }, 60_000);
  });
});
