import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { asUser, createStaff, createUser, type TestUser } from './support/users';

/**
 * Publication end to end through the real api: coordinators feature, edit and unpublish a
 * profile (If-Match, audit), gated by the defender's current consents and the case's access;
 * revoking a consent, archiving or restricting the case unpublishes at once (the very next
 * public request no longer shows it); slugs are unique and stable; the preview is what the
 * public feed shows; bad input and wrong roles are refused and write nothing.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

const TODAY = '2026-06-15';
const D = '/api/v1/defenders';
const UNKNOWN = '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab';

describe('publication', () => {
  let api: TestApi;
  let staff: Staff;
  let outsider: TestUser;

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  const mkDefender = async (body: Record<string, unknown> = {}) => {
    const res = await as(staff.coordinator, {
      method: 'POST',
      url: D,
      body: { fullName: 'Amina Haddad', country: 'EG', ...body },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const consent = async (
    id: string,
    purpose: string,
    decision: 'given' | 'refused' | 'revoked',
    extra: Record<string, unknown> = {},
    user = staff.caseworker,
  ) => {
    const res = await as(user, {
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
    });
    expect(res.status).toBe(201);
  };

  /** A defender with public_profile consent given today. */
  const consenting = async (body: Record<string, unknown> = {}) => {
    const id = await mkDefender(body);
    // The coordinator sees restricted cases too.
    await consent(id, 'public_profile', 'given', {}, staff.coordinator);
    return id;
  };

  const put = (
    id: string,
    body: unknown,
    headers: Record<string, string> = {},
    user = staff.coordinator,
  ) => as(user, { method: 'PUT', url: `${D}/${id}/publication`, body, headers });

  const getPub = (id: string, user = staff.coordinator) =>
    as(user, { method: 'GET', url: `${D}/${id}/publication` });

  const publicGet = (url: string) => api.request({ method: 'GET', url, anonymous: true });

  const publicSlugs = async (): Promise<string[]> => {
    const res = await publicGet('/public/v1/defenders?limit=50');
    expect(res.status).toBe(200);
    return res.body.data.map((p: { slug: string }) => p.slug);
  };

  const row = async (id: string) =>
    (
      await api.db.query(
        `SELECT slug, featured, display_name, public_summary, photo, version,
                first_featured_at, published_at, unpublished_at, unpublished_reason, updated_by
           FROM publications WHERE defender_id = $1`,
        [id],
      )
    )[0];

  const audits = async (id: string) =>
    api.db.query(
      `SELECT action, actor_id, changes FROM audit_events
        WHERE entity_type = 'publication' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  const feature = { featured: true, publicSummary: 'Journalist detained for her reporting.' };

  beforeAll(async () => {
    api = await startApi({ now: `${TODAY}T10:00:00Z` });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('featuring', () => {
    it('features a consenting profile: 201, ETag, slug from the display name, times, audit, public at once', async () => {
      const id = await consenting({ fullName: 'José Ñúñez' });
      const res = await put(id, { ...feature, publicStory: 'In my own words.' });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(`${D}/${id}/publication`);
      expect(res.body).toMatchObject({
        defenderId: id,
        slug: 'jose-nunez',
        featured: true,
        live: true,
        displayName: 'José Ñúñez',
        publicSummary: feature.publicSummary,
        publicStory: 'In my own words.',
        photo: null,
        publicChargeEventIds: [],
        firstFeaturedAt: `${TODAY}T10:00:00.000Z`,
        publishedAt: `${TODAY}T10:00:00.000Z`,
        unpublishedAt: null,
        unpublishedReason: null,
        blockers: [],
        version: 1,
      });
      expect(res.body.publicUrl).toMatch(/\/public\/v1\/defenders\/jose-nunez$/);
      expect(await row(id)).toMatchObject({ featured: true, updated_by: staff.coordinator.id });

      const trail = await audits(id);
      expect(trail.map((a: { action: string }) => a.action)).toEqual(['publication.feature']);
      expect(trail[0].actor_id).toBe(staff.coordinator.id);
      expect(trail[0].changes.featured).toEqual({ from: null, to: true });

      const pub = await publicGet('/public/v1/defenders/jose-nunez');
      expect(pub.status).toBe(200);
      expect(pub.body).toMatchObject({ slug: 'jose-nunez', displayName: 'José Ñúñez' });

      const got = await getPub(id);
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('"1"');
      expect(got.body).toEqual(res.body);
    });

    it('uses a given display name (a known public name) instead of the full name', async () => {
      const id = await consenting({ fullName: 'Private Birth Name' });
      const res = await put(id, { ...feature, displayName: 'Nadia the Poet' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ displayName: 'Nadia the Poet', slug: 'nadia-the-poet' });
      const pub = await publicGet('/public/v1/defenders/nadia-the-poet');
      expect(pub.text).not.toContain('Private Birth Name');
    });

    it('refuses to feature without the current public_profile consent, naming the purpose, and writes nothing', async () => {
      const none = await mkDefender();
      const refused = await mkDefender();
      await consent(refused, 'public_profile', 'refused');
      const revoked = await mkDefender();
      await consent(revoked, 'public_profile', 'given', { decidedOn: '2026-01-10' });
      await consent(revoked, 'public_profile', 'revoked', { decidedOn: '2026-03-01' });
      const expired = await mkDefender();
      await consent(expired, 'public_profile', 'given', {
        decidedOn: '2025-01-10',
        expiresOn: '2026-06-14',
      });
      const otherPurpose = await mkDefender();
      await consent(otherPurpose, 'un_submission', 'given');

      const got: Record<string, unknown> = {};
      for (const [name, id] of Object.entries({ none, refused, revoked, expired, otherPurpose })) {
        const res = await put(id, feature);
        got[name] = {
          status: res.status,
          type: res.headers['content-type'],
          code: res.body.code,
          purpose: res.body.purpose,
          state: res.body.consentState,
          rows: (await api.db.query(`SELECT 1 FROM publications WHERE defender_id = $1`, [id]))
            .length,
        };
      }
      const refusal = (state: string) => ({
        status: 409,
        type: expect.stringMatching(/^application\/problem\+json/),
        code: 'consent_required',
        purpose: 'public_profile',
        state,
        rows: 0,
      });
      expect(got).toEqual({
        none: refusal('none'),
        refused: refusal('refused'),
        revoked: refusal('revoked'),
        expired: refusal('expired'),
        otherPurpose: refusal('none'),
      });
    });

    it('a draft (featured: false) needs no consent, is not public, and can be previewed', async () => {
      const id = await mkDefender({ fullName: 'Draft Person', hrdFocus: ['lawyer'] });
      const res = await put(id, { featured: false, publicSummary: 'A lawyer.' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        featured: false,
        live: false,
        slug: 'draft-person',
        firstFeaturedAt: null,
        publishedAt: null,
        blockers: [{ code: 'consent_required', message: expect.stringMatching(/not recorded/) }],
      });
      expect((await audits(id)).map((a: { action: string }) => a.action)).toEqual([
        'publication.create',
      ]);
      expect((await publicGet('/public/v1/defenders/draft-person')).status).toBe(404);
      const preview = await as(staff.viewer, {
        method: 'GET',
        url: `${D}/${id}/publication/preview`,
      });
      expect(preview.status).toBe(200);
      expect(preview.body).toEqual({
        slug: 'draft-person',
        displayName: 'Draft Person',
        country: 'EG',
        focus: ['lawyer'],
        publicSummary: 'A lawyer.',
        photo: null,
        status: 'unknown',
        detainedSince: null,
        daysDetained: null,
        publicStory: null,
        charges: [],
        solidarityActions: [],
      });
    });

    it('a photo needs the photo consent; with it, the photo is public', async () => {
      const id = await consenting({ fullName: 'Photo Person' });
      const photo = { url: 'https://cdn.example.org/p/1.jpg', alt: 'Photo Person smiling' };
      const refused = await put(id, { ...feature, photo });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'consent_required',
        purpose: 'photo',
        consentState: 'none',
      });
      expect(await row(id)).toBeUndefined();

      await consent(id, 'photo', 'given');
      const ok = await put(id, { ...feature, photo });
      expect(ok.status).toBe(201);
      expect(ok.body.photo).toEqual(photo);
      expect((await publicGet(`/public/v1/defenders/${ok.body.slug}`)).body.photo).toEqual(photo);
    });

    it('a restricted case cannot be featured, nor an archived one (409 with a code)', async () => {
      const restricted = await consenting({ fullName: 'Restricted Person', access: 'restricted' });
      const r = await put(restricted, feature);
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('defender_restricted');

      const archived = await consenting({ fullName: 'Archived Person' });
      expect(
        (await as(staff.coordinator, { method: 'DELETE', url: `${D}/${archived}` })).status,
      ).toBe(204);
      const a = await put(archived, feature);
      expect(a.status).toBe(409);
      expect(a.body.code).toBe('defender_archived');
      const rows = await api.db.query(
        `SELECT 1 FROM publications WHERE defender_id = ANY($1::uuid[])`,
        [[restricted, archived]],
      );
      expect(rows).toEqual([]);
    });
  });

  describe('versions and editing', () => {
    it('needs If-Match to change an existing publication (428, 412), and If-None-Match: * only creates', async () => {
      const id = await consenting({ fullName: 'Version Person' });
      expect((await put(id, feature, { 'if-match': '"1"' })).status).toBe(412);
      expect((await put(id, feature, { 'if-none-match': '"1"' })).status).toBe(400);
      const created = await put(id, feature, { 'if-none-match': '*' });
      expect(created.status).toBe(201);

      const again = await put(id, feature, { 'if-none-match': '*' });
      expect(again.status).toBe(412);
      const missing = await put(id, { ...feature, publicSummary: 'Changed' });
      expect(missing.status).toBe(428);
      const garbled = await put(id, feature, { 'if-match': 'yesterday' });
      expect(garbled.status).toBe(400);
      expect(garbled.body.errors[0].field).toBe('If-Match');
      const stale = await put(id, { ...feature, publicSummary: 'Changed' }, { 'if-match': '"7"' });
      expect(stale.status).toBe(412);
      expect(stale.body.currentVersion).toBe(1);
      expect((await row(id)).public_summary).toBe(feature.publicSummary);

      const edited = await put(
        id,
        { featured: true, publicSummary: 'Changed' },
        { 'if-match': created.headers.etag as string },
      );
      expect(edited.status).toBe(200);
      expect(edited.headers.etag).toBe('"2"');
      expect(edited.body).toMatchObject({
        publicSummary: 'Changed',
        version: 2,
        slug: 'version-person',
      });
      // Fields left out keep their value; null clears.
      const cleared = await put(
        id,
        { featured: true, publicStory: 'A story' },
        { 'if-match': '"2"' },
      );
      expect(cleared.body).toMatchObject({ publicSummary: 'Changed', publicStory: 'A story' });
      const noStory = await put(id, { featured: true, publicStory: null }, { 'if-match': '"3"' });
      expect(noStory.body).toMatchObject({ publicSummary: 'Changed', publicStory: null });
      expect((await audits(id)).map((a: { action: string }) => a.action)).toEqual([
        'publication.feature',
        'publication.update',
        'publication.update',
        'publication.update',
      ]);
      expect((await audits(id))[1].changes).toEqual({
        publicSummary: { from: feature.publicSummary, to: 'Changed' },
      });
    });

    it('featured: false unpublishes at once; featuring again keeps the slug and the first date', async () => {
      const id = await consenting({ fullName: 'Again Person' });
      const first = await put(id, feature);
      expect(first.status).toBe(201);
      expect(await publicSlugs()).toContain('again-person');

      api.clock.advance(2 * 86_400_000);
      const off = await put(id, { featured: false }, { 'if-match': '"1"' });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({
        featured: false,
        live: false,
        publishedAt: null,
        unpublishedAt: '2026-06-17T10:00:00.000Z',
        unpublishedReason: 'coordinator',
        firstFeaturedAt: `${TODAY}T10:00:00.000Z`,
      });
      expect((await publicGet('/public/v1/defenders/again-person')).status).toBe(404);
      expect(await publicSlugs()).not.toContain('again-person');

      api.clock.advance(86_400_000);
      const on = await put(id, { featured: true }, { 'if-match': '"2"' });
      expect(on.status).toBe(200);
      expect(on.body).toMatchObject({
        slug: 'again-person',
        featured: true,
        publishedAt: '2026-06-18T10:00:00.000Z',
        firstFeaturedAt: `${TODAY}T10:00:00.000Z`,
        unpublishedAt: null,
        unpublishedReason: null,
      });
      expect((await publicGet('/public/v1/defenders/again-person')).status).toBe(200);
      expect((await audits(id)).map((a: { action: string }) => a.action)).toEqual([
        'publication.feature',
        'publication.unpublish',
        'publication.feature',
      ]);
      api.clock.set(`${TODAY}T10:00:00Z`);
    });

    it('slugs are unique: the same name gets a number, other scripts a neutral slug', async () => {
      const a = await consenting({ fullName: 'Same Name' });
      const b = await consenting({ fullName: 'Same Name' });
      const c = await consenting({ fullName: 'Säme Name' });
      const arabic = await consenting({ fullName: 'علاء عبد الفتاح' });
      const slugs = [];
      for (const id of [a, b, c, arabic]) slugs.push((await put(id, feature)).body.slug);
      expect(slugs).toEqual(['same-name', 'same-name-2', 'same-name-3', 'profile']);
      // Renaming does not move the address.
      const renamed = await put(
        b,
        { featured: true, displayName: 'Other Name' },
        { 'if-match': '"1"' },
      );
      expect(renamed.body).toMatchObject({ slug: 'same-name-2', displayName: 'Other Name' });
    });

    it('clears charges only from charge-like events on the defender’s own timeline', async () => {
      const id = await consenting({ fullName: 'Charged Person' });
      const other = await mkDefender({ fullName: 'Someone Else' });
      const ev = async (defender: string, body: Record<string, unknown>) => {
        const res = await as(staff.caseworker, {
          method: 'POST',
          url: `${D}/${defender}/events`,
          body,
        });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const arrest = await ev(id, { type: 'arrest', occurredOn: '2026-01-10' });
      const charge = await ev(id, {
        type: 'charge',
        occurredOn: '2026-01-12',
        charges: ['spreading false news'],
        legalBasis: 'Penal Code art. 80(d)',
      });
      const transfer = await ev(id, { type: 'transfer', occurredOn: '2026-02-01' });
      const foreign = await ev(other, { type: 'charge', occurredOn: '2026-01-12' });

      const bad = await put(id, {
        ...feature,
        publicChargeEventIds: [charge, transfer, foreign, UNKNOWN],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'publicChargeEventIds[1]',
        'publicChargeEventIds[2]',
        'publicChargeEventIds[3]',
      ]);
      expect(await row(id)).toBeUndefined();

      const ok = await put(id, { ...feature, publicChargeEventIds: [charge, arrest] });
      expect(ok.status).toBe(201);
      const pub = await publicGet(`/public/v1/defenders/${ok.body.slug}`);
      expect(pub.body.charges).toEqual([
        { date: '2026-01-10', type: 'arrest', charges: [], legalBasis: null },
        {
          date: '2026-01-12',
          type: 'charge',
          charges: ['spreading false news'],
          legalBasis: 'Penal Code art. 80(d)',
        },
      ]);
      expect(pub.body).toMatchObject({ status: 'detained', detainedSince: '2026-01-10' });
      // 2026-01-10 -> 2026-06-15
      expect(pub.body.daysDetained).toBe(156);
    });
  });

  describe('withdrawal takes effect at once', () => {
    const featured = async (name: string, extra: Record<string, unknown> = {}) => {
      const id = await consenting({ fullName: name });
      const res = await put(id, { ...feature, ...extra });
      expect(res.status).toBe(201);
      expect(await publicSlugs()).toContain(res.body.slug);
      return { id, slug: res.body.slug as string };
    };

    it('revoking the public_profile consent unpublishes (reason consent_revoked, audited)', async () => {
      const { id, slug } = await featured('Revoke Person');
      await consent(id, 'public_profile', 'revoked');
      expect((await publicGet(`/public/v1/defenders/${slug}`)).status).toBe(404);
      expect(await publicSlugs()).not.toContain(slug);
      expect(await row(id)).toMatchObject({
        featured: false,
        published_at: null,
        unpublished_reason: 'consent_revoked',
        version: 2,
      });
      const trail = await audits(id);
      expect(trail.at(-1)).toMatchObject({
        action: 'publication.unpublish',
        actor_id: staff.caseworker.id,
        changes: {
          featured: { from: true, to: false },
          unpublishedReason: { from: null, to: 'consent_revoked' },
          publishedAt: { from: `${TODAY}T10:00:00.000Z`, to: null },
        },
      });
      // Featuring again is refused until consent is given again.
      const again = await put(id, feature, { 'if-match': '"2"' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('consent_required');
    });

    it('a case with nothing featured: revoking, archiving and restricting touch no publication', async () => {
      const draft = await consenting({ fullName: 'Quiet Draft' });
      expect((await put(draft, { featured: false, publicSummary: 'x' })).status).toBe(201);
      const never = await consenting({ fullName: 'Never Featured' });
      await consent(draft, 'public_profile', 'revoked');
      await consent(never, 'public_profile', 'revoked');
      await consent(never, 'photo', 'revoked');
      for (const id of [draft, never]) {
        expect((await as(staff.coordinator, { method: 'DELETE', url: `${D}/${id}` })).status).toBe(
          204,
        );
      }
      expect((await audits(draft)).map((a: { action: string }) => a.action)).toEqual([
        'publication.create',
      ]);
      expect(await audits(never)).toEqual([]);
      expect(await row(draft)).toMatchObject({ version: 1, unpublished_reason: null });
    });

    it('a refusal recorded after consent also unpublishes', async () => {
      const { id, slug } = await featured('Refuse Person');
      await consent(id, 'public_profile', 'refused');
      expect((await publicGet(`/public/v1/defenders/${slug}`)).status).toBe(404);
      expect((await row(id)).unpublished_reason).toBe('consent_revoked');
    });

    it('revoking the photo consent removes the photo but keeps the profile', async () => {
      const id = await consenting({ fullName: 'Photo Revoke' });
      await consent(id, 'photo', 'given');
      const photo = { url: 'https://cdn.example.org/p/2.jpg', alt: 'Portrait' };
      const res = await put(id, { ...feature, photo });
      expect(res.status).toBe(201);
      await consent(id, 'photo', 'revoked');
      const pub = await publicGet(`/public/v1/defenders/${res.body.slug}`);
      expect(pub.status).toBe(200);
      expect(pub.body.photo).toBeNull();
      expect(await row(id)).toMatchObject({ featured: true, photo: null });
      expect((await audits(id)).at(-1)).toMatchObject({
        action: 'publication.photo_removed',
        changes: { reason: 'photo_consent_revoked', photo: { from: photo, to: null } },
      });
    });

    it('archiving the case unpublishes (reason archived)', async () => {
      const { id, slug } = await featured('Archive Person');
      expect((await as(staff.coordinator, { method: 'DELETE', url: `${D}/${id}` })).status).toBe(
        204,
      );
      expect((await publicGet(`/public/v1/defenders/${slug}`)).status).toBe(404);
      expect((await row(id)).unpublished_reason).toBe('archived');
      // The coordinators can still read why.
      const got = await getPub(id);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ featured: false, unpublishedReason: 'archived' });
    });

    it('making the case restricted unpublishes (reason restricted); other edits do not', async () => {
      const { id, slug } = await featured('Restrict Person');
      const current = await as(staff.coordinator, { method: 'GET', url: `${D}/${id}` });
      const edit = await as(staff.coordinator, {
        method: 'PATCH',
        url: `${D}/${id}`,
        body: { profession: 'Teacher' },
        headers: { 'if-match': current.headers.etag as string },
      });
      expect(edit.status).toBe(200);
      expect((await publicGet(`/public/v1/defenders/${slug}`)).status).toBe(200);

      const restrict = await as(staff.coordinator, {
        method: 'PATCH',
        url: `${D}/${id}`,
        body: { access: 'restricted' },
        headers: { 'if-match': edit.headers.etag as string },
      });
      expect(restrict.status).toBe(200);
      expect((await publicGet(`/public/v1/defenders/${slug}`)).status).toBe(404);
      expect((await row(id)).unpublished_reason).toBe('restricted');
    });
  });

  describe('who may do what, and bad input', () => {
    let id: string;
    let restricted: string;

    beforeAll(async () => {
      id = await consenting({ fullName: 'Roles Person' });
      restricted = await consenting({ fullName: 'Hidden Person', access: 'restricted' });
      expect((await put(id, feature)).status).toBe(201);
      expect((await put(restricted, { featured: false, publicSummary: 'x' })).status).toBe(201);
    });

    it('caseworkers and viewers cannot PUT (403), anonymous callers get 401; admins can', async () => {
      for (const user of [staff.caseworker, staff.viewer]) {
        const res = await put(id, { featured: false }, { 'if-match': '"1"' }, user);
        expect(res.status).toBe(403);
      }
      const anon = await api.request({
        method: 'PUT',
        url: `${D}/${id}/publication`,
        body: { featured: false },
        anonymous: true,
      });
      expect(anon.status).toBe(401);
      expect((await row(id)).featured).toBe(true);
      const admin = await put(
        id,
        { featured: true, publicSummary: 'By admin' },
        { 'if-match': '"1"' },
        staff.admin,
      );
      expect(admin.status).toBe(200);
    });

    it('every staff role reads a standard case’s publication and preview; a restricted one is 404 to the unassigned', async () => {
      for (const user of [staff.viewer, staff.caseworker, staff.coordinator, staff.admin]) {
        expect((await getPub(id, user)).status).toBe(200);
        expect(
          (await as(user, { method: 'GET', url: `${D}/${id}/publication/preview` })).status,
        ).toBe(200);
      }
      for (const user of [outsider, staff.viewer]) {
        expect((await getPub(restricted, user)).status).toBe(404);
        expect(
          (await as(user, { method: 'GET', url: `${D}/${restricted}/publication/preview` })).status,
        ).toBe(404);
      }
      expect((await getPub(restricted, staff.coordinator)).status).toBe(200);
      expect((await getPub(UNKNOWN)).status).toBe(404);
      expect((await getPub('not-a-uuid')).status).toBe(400);
      const never = await mkDefender({ fullName: 'Never Published' });
      expect((await getPub(never)).status).toBe(404);
      expect(
        (await as(staff.viewer, { method: 'GET', url: `${D}/${never}/publication/preview` }))
          .status,
      ).toBe(404);
    });

    it('refuses bad bodies with a 400 naming the field, and writes nothing', async () => {
      const fresh = await consenting({ fullName: 'Bad Input Person' });
      const cases: [string, unknown, string][] = [
        ['no featured', { publicSummary: 'x' }, 'featured'],
        ['featured not boolean', { featured: 'yes', publicSummary: 'x' }, 'featured'],
        ['unknown field', { ...feature, slug: 'chosen' }, 'slug'],
        ['unknown field 2', { ...feature, fullName: 'x' }, 'fullName'],
        ['blank summary', { featured: true, publicSummary: '   ' }, 'publicSummary'],
        ['no summary on create', { featured: true }, 'publicSummary'],
        ['summary too long', { featured: true, publicSummary: 'x'.repeat(1001) }, 'publicSummary'],
        ['story too long', { ...feature, publicStory: 'x'.repeat(20001) }, 'publicStory'],
        ['name too long', { ...feature, displayName: 'x'.repeat(201) }, 'displayName'],
        ['null display name', { ...feature, displayName: null }, 'displayName'],
        ['photo not an object', { ...feature, photo: 'https://x.org/a.jpg' }, 'photo'],
        [
          'photo not http',
          { ...feature, photo: { url: 'javascript:alert(1)', alt: 'a' } },
          'photo.url',
        ],
        ['photo without alt', { ...feature, photo: { url: 'https://x.org/a.jpg' } }, 'photo.alt'],
        [
          'photo extra key',
          { ...feature, photo: { url: 'https://x.org/a.jpg', alt: 'a', w: 1 } },
          'photo.w',
        ],
        ['bad charge id', { ...feature, publicChargeEventIds: ['nope'] }, 'publicChargeEventIds'],
        [
          'charges not array',
          { ...feature, publicChargeEventIds: UNKNOWN },
          'publicChargeEventIds',
        ],
        ['NUL in summary', { featured: true, publicSummary: 'a\u0000b' }, 'publicSummary'],
      ];
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const [name, body, field] of cases) {
        const res = await put(fresh, body);
        got[name] = {
          status: res.status,
          problem: /application\/problem\+json/.test(String(res.headers['content-type'])),
          names: ((res.body?.errors ?? []) as { field: string }[]).some((e) => e.field === field),
        };
        want[name] = { status: 400, problem: true, names: true };
      }
      expect(got).toEqual(want);
      const malformed = await as(staff.coordinator, {
        method: 'PUT',
        url: `${D}/${fresh}/publication`,
        rawBody: '{"featured": true,',
      });
      expect(malformed.status).toBe(400);
      expect((await put(UNKNOWN, feature)).status).toBe(404);
      expect((await put('nope', feature)).status).toBe(400);
      expect(await row(fresh)).toBeUndefined();
    });
  });

  describe('defence in depth', () => {
    it('an expired consent hides the profile without any hook, and the publication says why', async () => {
      const id = await mkDefender({ fullName: 'Expiring Person' });
      await consent(id, 'public_profile', 'given', { expiresOn: '2026-06-20' });
      const res = await put(id, feature);
      expect(res.status).toBe(201);
      expect((await publicGet('/public/v1/defenders/expiring-person')).status).toBe(200);

      api.clock.set('2026-06-21T10:00:00Z');
      try {
        expect((await publicGet('/public/v1/defenders/expiring-person')).status).toBe(404);
        expect(await publicSlugs()).not.toContain('expiring-person');
        const got = await getPub(id);
        expect(got.body).toMatchObject({
          featured: true,
          live: false,
          blockers: [{ code: 'consent_required', message: expect.stringMatching(/expired/) }],
        });
      } finally {
        api.clock.set(`${TODAY}T10:00:00Z`);
      }
    });
  });
});
