import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { asUser, createStaff, createUser, type TestUser } from './support/users';

/**
 * The public feed (/public/v1) end to end: no sign-in; only featured, consented,
 * standard-access, unarchived profiles; only the allow-listed fields, whatever the case
 * record holds (canaries in every other field never appear); ETag / 304 and Cache-Control;
 * CORS for the configured origins only, never with credentials; a strict per-IP rate limit;
 * keyset paging and filters; the Atom feed; and the public queries' own re-checks, which
 * hide a profile even when the stored publication says it is featured.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

const TODAY = '2026-06-15';
const NOW = `${TODAY}T10:00:00Z`;
const D = '/api/v1/defenders';
const BASE = 'https://witness.example.org';
const CAMPAIGN = 'https://campaign.example.org';
const PARTNER = 'https://partner.example.net';
const STAFF_ORIGIN = 'https://staff.example.org';
const BUDGET = 5;
const MAX_AGE = 120;

/** Every value written into a field the public must never see carries this marker. */
const C = (field: string) => `CANARY-${field}-q7`;
const MARKER = /canary/i;
const SECRETS = ['1985-03-04', '+20 100 555 0199', 'canary-contact@example.net', '987654321'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The allow-list, written out independently of the code under test. */
const SUMMARY_KEYS = [
  'slug',
  'displayName',
  'country',
  'focus',
  'publicSummary',
  'photo',
  'status',
  'detainedSince',
  'daysDetained',
];
const PROFILE_KEYS = [...SUMMARY_KEYS, 'publicStory', 'charges', 'solidarityActions'];
const PHOTO_KEYS = ['url', 'alt'];
const CHARGE_KEYS = ['date', 'type', 'charges', 'legalBasis'];
const ACTION_KEYS = ['title', 'type', 'startsOn', 'endsOn', 'links'];

/** Every key path in a JSON value (`a.b`, `list[].c`), sorted and de-duplicated. */
function keyPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${path}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = path ? `${path}.${k}` : k;
    return [p, ...keyPaths(v, p)];
  });
}
const uniq = (xs: string[]) => [...new Set(xs)].sort();
const profilePaths = (prefix: string) =>
  uniq([
    ...PROFILE_KEYS.map((k) => `${prefix}${k}`),
    ...PHOTO_KEYS.map((k) => `${prefix}photo.${k}`),
    ...CHARGE_KEYS.map((k) => `${prefix}charges[].${k}`),
    ...ACTION_KEYS.map((k) => `${prefix}solidarityActions[].${k}`),
  ]);

const atomParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

interface AtomDoc {
  feed: {
    id: string;
    updated: string;
    link: { '@href': string; '@rel': string }[];
    entry?: {
      id: string;
      title: { '#text': string };
      updated: string;
      published: string;
      summary: { '#text': string };
      content?: { '#text': string };
      link: { '@href': string; '@rel': string; '@type': string }[];
      category?: { '@term': string }[];
    }[];
  };
}

describe('public feed', () => {
  let api: TestApi;
  let staff: Staff;
  let ipCounter = 0;

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  /** An anonymous request from a fresh address (each address has its own small budget). */
  const pub = (url: string, headers: Record<string, string> = {}) => {
    ipCounter += 1;
    return api.request({
      method: 'GET',
      url,
      anonymous: true,
      headers: {
        'x-forwarded-for': `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`,
        ...headers,
      },
    });
  };

  const ok = async (res: Promise<TestResponse> | TestResponse, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
    return r.body;
  };

  const mkDefender = async (body: Record<string, unknown>) =>
    (await ok(as(staff.coordinator, { method: 'POST', url: D, body }))).id as string;

  const consent = (id: string, purpose: string, extra: Record<string, unknown> = {}) =>
    ok(
      as(staff.coordinator, {
        method: 'POST',
        url: `${D}/${id}/consents`,
        body: {
          purpose,
          decision: 'given',
          givenBy: 'defender',
          method: 'written',
          decidedOn: TODAY,
          ...extra,
        },
      }),
    );

  const event = async (id: string, body: Record<string, unknown>) =>
    (await ok(as(staff.coordinator, { method: 'POST', url: `${D}/${id}/events`, body })))
      .id as string;

  const put = (id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    as(staff.coordinator, { method: 'PUT', url: `${D}/${id}/publication`, body, headers });

  /** A consenting defender, featured now. */
  const featured = async (
    defender: Record<string, unknown>,
    publication: Record<string, unknown> = {},
  ) => {
    const id = await mkDefender({ country: 'EG', ...defender });
    await consent(id, 'public_profile');
    const body = await ok(put(id, { featured: true, publicSummary: 'Summary.', ...publication }));
    return { id, slug: body.slug as string };
  };

  const listSlugs = async (query = ''): Promise<string[]> => {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const sep = query ? '&' : '';
      const res = await pub(
        `/public/v1/defenders?${query}${sep}limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      out.push(...res.body.data.map((p: { slug: string }) => p.slug));
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };

  let amina: { id: string; slug: string };

  beforeAll(async () => {
    api = await startApi({
      now: NOW,
      env: {
        PUBLIC_RATE_LIMIT_PER_MINUTE: String(BUDGET),
        PUBLIC_CORS_ORIGINS: `${CAMPAIGN},${PARTNER}`,
        CORS_ORIGINS: STAFF_ORIGIN,
        PUBLIC_CACHE_MAX_AGE: String(MAX_AGE),
        PUBLIC_BASE_URL: `${BASE}/`,
        // Requests come from 127.0.0.1 as from a reverse proxy: each X-Forwarded-For is a client.
        TRUST_PROXY: '127.0.0.1',
      },
    });
    staff = await createStaff(api);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('the allow-list', () => {
    let clearedCharge: string;

    beforeAll(async () => {
      const assignee = await createUser(api, 'caseworker', C('assignee-name'));
      amina = {
        id: await mkDefender({
          fullName: C('fullname'),
          otherNames: [C('othername')],
          sex: 'female',
          birthDate: '1985-03-04',
          nationality: 'TN',
          country: 'EG',
          profession: C('profession'),
          organisation: C('organisation'),
          hrdFocus: ['journalist', 'womens_rights'],
          summary: C('record-summary'),
          story: C('record-story'),
          riskLevel: 'high',
          tags: [C('tag')],
          contacts: [
            {
              name: C('contact-name'),
              relation: 'family',
              phone: '+20 100 555 0199',
              email: 'canary-contact@example.net',
              notes: C('contact-notes'),
            },
          ],
          confidentialNotes: C('confidential-notes'),
        }),
        slug: '',
      };
      const id = amina.id;
      await ok(
        as(staff.coordinator, {
          method: 'POST',
          url: `${D}/${id}/assignees`,
          body: { userId: assignee.id },
        }),
      );
      const secretEvent = (type: string, occurredOn: string, extra: Record<string, unknown> = {}) =>
        event(id, {
          type,
          occurredOn,
          description: C(`${type}-description`),
          place: C(`${type}-place`),
          authority: C(`${type}-authority`),
          source: C(`${type}-source`),
          sourceIdentity: C(`${type}-source-identity`),
          verification: 'confirmed',
          ...extra,
        });
      await secretEvent('arrest', '2026-01-10', {
        charges: [C('arrest-charges')],
        legalBasis: C('arrest-legal-basis'),
      });
      clearedCharge = await secretEvent('charge', '2026-01-12', {
        charges: ['Spreading false news'],
        legalBasis: 'Penal Code art. 80(d)',
        sentence: C('sentence'),
      });
      await secretEvent('charge', '2026-02-01', {
        charges: [C('uncleared-charges')],
        legalBasis: C('uncleared-legal-basis'),
      });
      await secretEvent('hearing', '2026-03-01');
      for (const purpose of ['public_profile', 'photo', 'un_submission']) {
        await consent(id, purpose, { notes: C(`consent-notes-${purpose}`) });
      }
      await ok(
        as(staff.coordinator, {
          method: 'POST',
          url: '/api/v1/escalations',
          body: {
            defenderIds: [id],
            mechanism: 'wgad',
            kind: 'wgad_regular',
            notes: C('escalation-notes'),
            unReference: C('un-reference'),
            sourceIdentity: {
              name: C('escalation-source-name'),
              organisation: C('escalation-source-org'),
              contact: C('escalation-source-contact'),
            },
          },
        }),
      );
      const partner = await ok(
        as(staff.coordinator, {
          method: 'POST',
          url: '/api/v1/partners',
          body: {
            name: C('partner-name'),
            kind: 'partner',
            notes: C('partner-notes'),
            contactPerson: { name: C('partner-contact') },
          },
        }),
      );
      const hidden = await mkDefender({
        fullName: C('restricted-other'),
        country: 'EG',
        access: 'restricted',
      });
      const action = (body: Record<string, unknown>) =>
        ok(as(staff.coordinator, { method: 'POST', url: '/api/v1/solidarity-actions', body }));
      await action({
        defenderIds: [id],
        partnerIds: [partner.id],
        type: 'letter_writing',
        title: 'Letters for Amina',
        description: C('action-description'),
        startsOn: '2026-06-01',
        endsOn: '2026-06-30',
        reach: { signatures: 987654321 },
        outcome: C('action-outcome'),
        links: ['https://campaign.example.org/letters'],
        status: 'done',
        isPublic: true,
      });
      await action({
        defenderIds: [id],
        type: 'joint_statement',
        title: C('private-action'),
        startsOn: '2026-05-01',
      });
      await action({
        defenderIds: [id],
        type: 'petition',
        title: C('cancelled-action'),
        startsOn: '2026-05-02',
        status: 'cancelled',
        isPublic: true,
      });
      await action({
        defenderIds: [id, hidden],
        type: 'social_media',
        title: C('action-with-restricted-case'),
        startsOn: '2026-05-03',
        isPublic: true,
      });
      const body = await ok(
        put(id, {
          featured: true,
          displayName: 'Amina H.',
          publicSummary: 'Journalist detained for her reporting.',
          publicStory: 'I wrote about the river.',
          photo: { url: 'https://cdn.example.org/amina.jpg', alt: 'Amina H., portrait' },
          publicChargeEventIds: [clearedCharge],
        }),
      );
      amina.slug = body.slug;
    }, 60_000);

    const expectedProfile = () => ({
      slug: 'amina-h',
      displayName: 'Amina H.',
      country: 'EG',
      focus: ['journalist', 'womens_rights'],
      publicSummary: 'Journalist detained for her reporting.',
      photo: { url: 'https://cdn.example.org/amina.jpg', alt: 'Amina H., portrait' },
      status: 'detained',
      detainedSince: '2026-01-10',
      // 2026-01-10 -> 2026-06-15: 21 + 28 + 31 + 30 + 31 + 15 days.
      daysDetained: 156,
      publicStory: 'I wrote about the river.',
      charges: [
        {
          date: '2026-01-12',
          type: 'charge',
          charges: ['Spreading false news'],
          legalBasis: 'Penal Code art. 80(d)',
        },
      ],
      solidarityActions: [
        {
          title: 'Letters for Amina',
          type: 'letter_writing',
          startsOn: '2026-06-01',
          endsOn: '2026-06-30',
          links: ['https://campaign.example.org/letters'],
        },
      ],
    });

    it('the detail holds exactly the allow-listed fields', async () => {
      const res = await pub(`/public/v1/defenders/${amina.slug}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expectedProfile());
      expect(uniq(keyPaths(res.body))).toEqual(profilePaths(''));
    });

    it('the preview is the same document the feed serves', async () => {
      const preview = await as(staff.viewer, {
        method: 'GET',
        url: `${D}/${amina.id}/publication/preview`,
      });
      expect(preview.status).toBe(200);
      const detail = await pub(`/public/v1/defenders/${amina.slug}`);
      expect(preview.text).toBe(detail.text);
    });

    it('no canary, secret or internal id appears in the list, the detail, the preview or the Atom feed', async () => {
      const outputs: Record<string, TestResponse> = {
        list: await pub('/public/v1/defenders?limit=50'),
        filtered: await pub('/public/v1/defenders?country=EG&focus=journalist'),
        detail: await pub(`/public/v1/defenders/${amina.slug}`),
        atom: await pub('/public/v1/defenders.atom'),
        preview: await as(staff.admin, {
          method: 'GET',
          url: `${D}/${amina.id}/publication/preview`,
        }),
      };
      const leaks: string[] = [];
      for (const [name, res] of Object.entries(outputs)) {
        expect({ name, status: res.status }).toEqual({ name, status: 200 });
        expect(res.text).toContain('Amina H.');
        if (MARKER.test(res.text)) leaks.push(`${name}: ${res.text.match(/canary-[\w-]+/i)?.[0]}`);
        for (const s of SECRETS) if (res.text.includes(s)) leaks.push(`${name}: ${s}`);
        if (UUID.test(res.text)) leaks.push(`${name}: a uuid`);
      }
      expect(leaks).toEqual([]);
    });

    it('list entries hold exactly the summary fields', async () => {
      const res = await pub('/public/v1/defenders?limit=50');
      const entry = res.body.data.find((p: { slug: string }) => p.slug === amina.slug);
      const { publicStory: _s, charges: _c, solidarityActions: _a, ...summary } = expectedProfile();
      expect(entry).toEqual(summary);
      expect(uniq(keyPaths(res.body))).toEqual(
        uniq([
          'data',
          'nextCursor',
          ...SUMMARY_KEYS.map((k) => `data[].${k}`),
          ...PHOTO_KEYS.map((k) => `data[].photo.${k}`),
        ]),
      );
    });

    it('days detained follow the clock', async () => {
      api.clock.set('2026-06-25T10:00:00Z');
      try {
        const res = await pub(`/public/v1/defenders/${amina.slug}`);
        expect(res.body.daysDetained).toBe(166);
      } finally {
        api.clock.set(NOW);
      }
    });
  });

  describe('visibility is re-checked by every public query', () => {
    const hiddenNow = async (slug: string) => {
      expect((await pub(`/public/v1/defenders/${slug}`)).status).toBe(404);
      expect(await listSlugs()).not.toContain(slug);
      const atom = await pub('/public/v1/defenders.atom');
      expect(atom.text).not.toContain(`/public/v1/defenders/${slug}<`);
    };

    it('unknown and unpublished slugs get the same 404', async () => {
      const { id, slug } = await featured({ fullName: 'Soon Gone' });
      await ok(put(id, { featured: false }, { 'if-match': '"1"' }), 200);
      const gone = await pub(`/public/v1/defenders/${slug}`);
      const never = await pub('/public/v1/defenders/never-existed');
      const shape = (r: TestResponse) => ({
        status: r.status,
        type: r.headers['content-type'],
        cache: r.headers['cache-control'],
        problem: { ...r.body, instance: undefined, requestId: undefined },
      });
      expect(shape(gone)).toEqual(shape(never));
      expect(gone.status).toBe(404);
      expect(gone.headers['cache-control']).toBe('no-store');
      expect(gone.text).not.toContain('Soon Gone');
    });

    it('a change made behind the services’ back (no hook ran) still hides the profile', async () => {
      const restricted = await featured({ fullName: 'Sql Restricted' });
      const archived = await featured({ fullName: 'Sql Archived' });
      const revoked = await featured({ fullName: 'Sql Revoked' });
      const photo = await featured({ fullName: 'Sql Photo' }, { photo: undefined });
      for (const p of [restricted, archived, revoked]) {
        expect((await pub(`/public/v1/defenders/${p.slug}`)).status).toBe(200);
      }
      await api.db.query(`UPDATE defenders SET access = 'restricted' WHERE id = $1`, [
        restricted.id,
      ]);
      await api.db.query(`UPDATE defenders SET archived_at = now() WHERE id = $1`, [archived.id]);
      await api.db.query(
        `INSERT INTO consents (defender_id, purpose, decision, given_by, method, decided_on, recorded_at)
         VALUES ($1, 'public_profile', 'revoked', 'defender', 'written', $2, now())`,
        [revoked.id, TODAY],
      );
      for (const p of [restricted, archived, revoked]) await hiddenNow(p.slug);

      // A photo stored without photo consent is never shown.
      await api.db.query(
        `UPDATE publications SET photo = '{"url": "https://cdn.example.org/x.jpg", "alt": "x"}' WHERE defender_id = $1`,
        [photo.id],
      );
      const res = await pub(`/public/v1/defenders/${photo.slug}`);
      expect(res.status).toBe(200);
      expect(res.body.photo).toBeNull();
      expect(res.text).not.toContain('cdn.example.org/x.jpg');

      // A row marked featured with no consent at all.
      const noConsent = await mkDefender({ fullName: 'Sql No Consent', country: 'EG' });
      await api.db.query(
        `INSERT INTO publications (defender_id, slug, featured, display_name, public_summary, published_at, version)
         VALUES ($1, 'sql-no-consent', true, 'Sql No Consent', 'x', now(), 1)`,
        [noConsent],
      );
      await hiddenNow('sql-no-consent');
    });

    it('revoking consent through the api hides the profile on the very next request, Atom included', async () => {
      const { id, slug } = await featured({ fullName: 'Next Request' });
      const before = await pub('/public/v1/defenders.atom');
      expect(before.text).toContain(`${BASE}/public/v1/defenders/${slug}`);
      await consent(id, 'public_profile', { decision: 'revoked' });
      await hiddenNow(slug);
    });
  });

  describe('paging and filters', () => {
    let made: { slug: string; country: string; focus: string }[];

    beforeAll(async () => {
      await api.db.query(`UPDATE publications SET featured = false, published_at = NULL`);
      made = [];
      const specs = [
        ['Page One', 'TN', 'lawyer'],
        ['Page Two', 'EG', 'journalist'],
        ['Page Three', 'TN', 'journalist'],
        ['Page Four', 'BH', 'lawyer'],
        ['Page Five', 'TN', 'student'],
      ] as const;
      for (const [name, country, focus] of specs) {
        api.clock.advance(60_000);
        const { slug } = await featured({ fullName: name, country, hrdFocus: [focus] });
        made.push({ slug, country, focus });
      }
      // Two published in the same instant: the slug breaks the tie.
      const twinA = await mkDefender({ fullName: 'Twin A', country: 'BH' });
      const twinB = await mkDefender({ fullName: 'Twin B', country: 'BH' });
      for (const id of [twinA, twinB]) {
        await consent(id, 'public_profile');
        await ok(put(id, { featured: true, publicSummary: 'Twin.' }));
      }
      made.push(
        { slug: 'twin-a', country: 'BH', focus: '' },
        { slug: 'twin-b', country: 'BH', focus: '' },
      );
      api.clock.set(NOW);
    });

    it('newest first, keyset pages that neither skip nor repeat', async () => {
      const expected = [
        'twin-b',
        'twin-a',
        ...made
          .slice(0, 5)
          .map((m) => m.slug)
          .reverse(),
      ];
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await pub(`/public/v1/defenders?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.data.map((p: { slug: string }) => p.slug));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen).toEqual(expected);
      expect(pages).toBe(4);
      // The cursor names no internal id.
      const first = await pub('/public/v1/defenders?limit=1');
      expect(Buffer.from(first.body.nextCursor, 'base64url').toString()).not.toMatch(UUID);
    });

    it('filters by country and focus', async () => {
      const want = (pred: (m: (typeof made)[number]) => boolean) =>
        made
          .slice(0, 5)
          .filter(pred)
          .map((m) => m.slug)
          .reverse();
      expect(await listSlugs('country=TN')).toEqual(want((m) => m.country === 'TN'));
      expect(await listSlugs('country=tn&focus=journalist')).toEqual(
        want((m) => m.country === 'TN' && m.focus === 'journalist'),
      );
      expect(await listSlugs('focus=lawyer')).toEqual(want((m) => m.focus === 'lawyer'));
      expect(await listSlugs('country=FR')).toEqual([]);
    });

    it('refuses bad queries with a 400 naming the parameter', async () => {
      const cases: [string, string][] = [
        ['/public/v1/defenders?country=Egypt', 'country'],
        ['/public/v1/defenders?focus=hacker', 'focus'],
        ['/public/v1/defenders?limit=0', 'limit'],
        ['/public/v1/defenders?limit=51', 'limit'],
        ['/public/v1/defenders?limit=ten', 'limit'],
        ['/public/v1/defenders?cursor=not*a*cursor', 'cursor'],
        [
          `/public/v1/defenders?cursor=${Buffer.from('{"k":"x","s":"y"}').toString('base64url')}`,
          'cursor',
        ],
        ['/public/v1/defenders?fields=contacts', 'fields'],
        ['/public/v1/defenders/Not_A_Slug', 'slug'],
        [`/public/v1/defenders/${'a'.repeat(121)}`, 'slug'],
      ];
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const [url, field] of cases) {
        const res = await pub(url);
        got[url] = {
          status: res.status,
          problem: /^application\/problem\+json/.test(String(res.headers['content-type'])),
          names: ((res.body?.errors ?? []) as { field: string }[]).some((e) => e.field === field),
        };
        want[url] = { status: 400, problem: true, names: true };
      }
      expect(got).toEqual(want);
    });
  });

  describe('HTTP caching, headers and Atom', () => {
    it('answers with a strong ETag, Cache-Control and 304 when unchanged', async () => {
      const { id, slug } = await featured({ fullName: 'Cache Person' });
      for (const url of [
        '/public/v1/defenders',
        `/public/v1/defenders/${slug}`,
        '/public/v1/defenders.atom',
      ]) {
        const res = await pub(url);
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe(`public, max-age=${MAX_AGE}`);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        const etag = String(res.headers.etag);
        expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
        const again = await pub(url, { 'if-none-match': etag });
        expect(again.status).toBe(304);
        expect(again.text).toBe('');
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe(`public, max-age=${MAX_AGE}`);
        expect((await pub(url, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
        expect((await pub(url, { 'if-none-match': '"other"' })).status).toBe(200);
      }
      const before = await pub(`/public/v1/defenders/${slug}`);
      await ok(put(id, { featured: true, publicSummary: 'Changed.' }, { 'if-match': '"1"' }), 200);
      const after = await pub(`/public/v1/defenders/${slug}`, {
        'if-none-match': String(before.headers.etag),
      });
      expect(after.status).toBe(200);
      expect(after.body.publicSummary).toBe('Changed.');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(before.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('serves a well-formed Atom feed with one entry per featured profile, linked to PUBLIC_BASE_URL', async () => {
      const hostile = await featured(
        { fullName: 'Atom <Person> & "Co"' },
        { publicSummary: 'Summary with <b>tags</b> & ampersands', publicStory: 'Story ]]> here' },
      );
      const res = await pub('/public/v1/defenders.atom');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(XMLValidator.validate(res.text)).toBe(true);
      const doc = atomParser.parse(res.text) as AtomDoc;
      expect(doc.feed.id).toBe(`${BASE}/public/v1/defenders.atom`);
      expect(doc.feed.link).toEqual([
        {
          '@href': `${BASE}/public/v1/defenders.atom`,
          '@rel': 'self',
          '@type': 'application/atom+xml',
        },
      ]);
      const slugs = await listSlugs();
      const entries = doc.feed.entry ?? [];
      expect(entries.map((e) => e.id).sort()).toEqual(
        slugs.map((s) => `${BASE}/public/v1/defenders/${s}`).sort(),
      );
      const e = entries.find((x) => x.id.endsWith(`/${hostile.slug}`))!;
      expect(e.title['#text']).toBe('Atom <Person> & "Co"');
      expect(e.summary['#text']).toBe('Summary with <b>tags</b> & ampersands');
      expect(e.content!['#text']).toBe('Story ]]> here');
      expect(e.link).toEqual([
        {
          '@href': `${BASE}/public/v1/defenders/${hostile.slug}`,
          '@rel': 'alternate',
          '@type': 'application/json',
        },
      ]);
      expect(e.updated).toBe(new Date(NOW).toISOString());
      // Most recently updated first; the feed is as recent as its newest entry.
      const times = entries.map((x) => x.updated);
      expect([...times].sort().reverse()).toEqual(times);
      expect(doc.feed.updated).toBe(times[0]);
    });
  });

  describe('CORS', () => {
    const cors = (res: TestResponse) => ({
      origin: res.headers['access-control-allow-origin'],
      credentials: res.headers['access-control-allow-credentials'],
    });

    it('allows the configured origins to read, without credentials, and varies on Origin', async () => {
      for (const origin of [CAMPAIGN, PARTNER]) {
        const res = await pub('/public/v1/defenders', { origin });
        expect(res.status).toBe(200);
        expect(cors(res)).toEqual({ origin, credentials: undefined });
        expect(String(res.headers.vary)).toMatch(/\bOrigin\b/);
        expect(String(res.headers['access-control-expose-headers'])).toMatch(/ETag/);
      }
      // Errors carry it too, so a browser can read the problem.
      const missing = await pub('/public/v1/defenders/not-there', { origin: CAMPAIGN });
      expect(missing.status).toBe(404);
      expect(cors(missing).origin).toBe(CAMPAIGN);
    });

    it('gives other origins (the API’s own included) no CORS headers on the feed', async () => {
      for (const origin of ['https://evil.example.com', STAFF_ORIGIN, `${CAMPAIGN}.evil.com`]) {
        const res = await pub('/public/v1/defenders', { origin });
        expect(res.status).toBe(200);
        expect(cors(res)).toEqual({ origin: undefined, credentials: undefined });
      }
      // The API's own CORS (CORS_ORIGINS, with credentials) is unchanged.
      const apiRes = await api.request({
        method: 'GET',
        url: '/health/live',
        headers: { origin: STAFF_ORIGIN },
      });
      expect(cors(apiRes)).toEqual({ origin: STAFF_ORIGIN, credentials: 'true' });
    });

    it('answers preflight for the configured origins only', async () => {
      const preflight = (origin: string) =>
        api.app.inject({
          method: 'OPTIONS',
          url: '/public/v1/defenders/amina-h',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'if-none-match',
            'x-forwarded-for': '198.19.0.1',
          },
        });
      const allowed = await preflight(CAMPAIGN);
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(CAMPAIGN);
      expect(String(allowed.headers['access-control-allow-methods'])).toMatch(/GET/);
      expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/If-None-Match/i);
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      for (const origin of ['https://evil.example.com', STAFF_ORIGIN]) {
        const denied = await preflight(origin);
        expect(denied.statusCode).toBe(204);
        expect(denied.headers['access-control-allow-origin']).toBeUndefined();
        expect(denied.headers['access-control-allow-credentials']).toBeUndefined();
      }
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After once an address spends its budget, until the next minute', async () => {
      api.clock.set('2026-06-15T11:00:10Z');
      try {
        const from = (ip: string) =>
          api.request({
            method: 'GET',
            url: '/public/v1/defenders',
            anonymous: true,
            headers: { 'x-forwarded-for': ip },
          });
        for (let i = 0; i < BUDGET; i++) expect((await from('203.0.113.9')).status).toBe(200);
        const limited = await from('203.0.113.9');
        expect(limited.status).toBe(429);
        expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(limited.headers['retry-after']).toBe('50');
        expect(limited.headers['cache-control']).toBe('no-store');
        expect(limited.body).toMatchObject({ status: 429 });
        // The Atom feed and details share the budget; other addresses have their own.
        expect(
          (await pub('/public/v1/defenders.atom', { 'x-forwarded-for': '203.0.113.9' })).status,
        ).toBe(429);
        expect((await from('203.0.113.10')).status).toBe(200);
        // The staff API keeps its own, larger budget.
        const staffRes = await as(staff.viewer, {
          method: 'GET',
          url: D,
          headers: { 'x-forwarded-for': '203.0.113.9' },
        });
        expect(staffRes.status).toBe(200);

        api.clock.set('2026-06-15T11:01:00Z');
        expect((await from('203.0.113.9')).status).toBe(200);
      } finally {
        api.clock.set(NOW);
      }
    });
  });
});
