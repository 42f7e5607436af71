import { DispatchService, DossiersService } from '@witness/domain';
import { webSession, type WebApp } from '../support/browser';
import { calendarFeedText } from './calendar-feed';
import { startApi, type TestApi, type TestResponse } from '../support/api';
import { multipart, pdf, postMultipart } from '../support/files';
import { createUser, type TestUser } from '../support/users';

/**
 * Issue 19, finding 2: every list that can touch another case filters or masks other people
 * by the reader's need-to-know. The probe: a visible case A (caseworker `cw` assigned), a
 * restricted co-defender B (cw not assigned) linked with A by shared objects (a group
 * escalation with annexes from B's documents and a dossier, a joint solidarity action), and
 * a standard co-defender C. Every list cw (or a viewer) can read is searched, as raw text, for
 * B's id, B's name, the shared objects' ids and titles. Then the public side: a featured
 * profile and a public group dossier never name a co-defender who is restricted or has not
 * consented to a public profile.
 */

const D = '/api/v1/defenders';
const TODAY = '2026-06-15';

const A_NAME = 'Amal Visible-Probe';
const B_NAME = 'Basma Hidden-Codefender';
const C_NAME = 'Chadi Unconsented-Codefender';
const T_NAME = 'Tarek Tagged-Codefender';
const JOINT_TITLE = 'Joint vigil Quorvex for Basma';
const DOC_TITLE = 'Warrant Zelbrin naming Basma';

describe('security: need-to-know in every list that touches another case', () => {
  let api: TestApi;
  let coordinator: TestUser;
  let cw: TestUser;
  let viewer: TestUser;
  const id: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  /** Shared objects cw may not see (they concern B). */
  const hidden: Record<'E1' | 'S1' | 'doc' | 'dossier', string> = {
    E1: '',
    S1: '',
    doc: '',
    dossier: '',
  };
  /** A group escalation cw may see (A and C): its entries must stay in A's history. */
  let e2 = '';

  /** What must never reach cw (or a viewer), in any answer. */
  const secrets = () => [
    id.B,
    B_NAME,
    'Basma',
    JOINT_TITLE,
    DOC_TITLE,
    hidden.E1,
    hidden.S1,
    hidden.doc,
    hidden.dossier,
  ];
  /** The secrets in an answer; a search's own words (echoed in its page) are not a leak. */
  const leaks = (text: string, url = '') => {
    const q = new URL(url, 'http://x').searchParams.get('q');
    return secrets().filter((s) => s !== q && text.includes(s));
  };

  const ok = async (res: Promise<TestResponse>, status = 200): Promise<TestResponse> => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status}: ${r.text}`);
    return r;
  };
  const mkCase = async (body: Record<string, unknown>) =>
    (await ok(coordinator.request({ method: 'POST', url: D, body }), 201)).body.id as string;
  const consent = (defenderId: string, purpose: string) =>
    ok(
      coordinator.request({
        method: 'POST',
        url: `${D}/${defenderId}/consents`,
        body: {
          purpose,
          decision: 'given',
          givenBy: 'defender',
          method: 'written',
          decidedOn: TODAY,
        },
      }),
      201,
    );
  const transition = async (escalationId: string, to: string) =>
    ok(
      coordinator.request({
        method: 'POST',
        url: `/api/v1/escalations/${escalationId}/transitions`,
        body: { to, date: TODAY },
      }),
    );

  /** A dossier of the group escalation, requested by the coordinator and rendered here. */
  const makeDossier = async (edition: 'public' | 'submission') => {
    const d = await ok(
      coordinator.request({
        method: 'POST',
        url: `/api/v1/escalations/${hidden.E1}/dossiers`,
        body: { language: 'en', format: 'html', edition, acknowledgeIncomplete: true },
      }),
      202,
    );
    await api.app
      .get(DossiersService)
      .render(d.body.id, { render: async () => Buffer.alloc(0) }, true);
    const content = await ok(
      coordinator.request({ method: 'GET', url: `/api/v1/dossiers/${d.body.id}/content` }),
    );
    return { id: d.body.id as string, text: content.text };
  };

  beforeAll(async () => {
    api = await startApi({ now: `${TODAY}T10:00:00Z` });
    [coordinator, cw, viewer] = await Promise.all([
      createUser(api, 'coordinator', 'Cora Coordinator'),
      createUser(api, 'caseworker', 'Casey A-Only'),
      createUser(api, 'viewer', 'Vera Viewer'),
    ]);
    id.A = await mkCase({ fullName: A_NAME, country: 'EG', summary: 'Journalist.' });
    id.B = await mkCase({ fullName: B_NAME, country: 'EG', access: 'restricted' });
    id.C = await mkCase({ fullName: C_NAME, country: 'EG' });
    await ok(
      coordinator.request({
        method: 'POST',
        url: `${D}/${id.A}/assignees`,
        body: { userId: cw.id },
      }),
      201,
    );
    for (const d of [id.A, id.B, id.C]) {
      await consent(d, 'un_submission');
      await consent(d, 'public_un_document');
    }

    // A group escalation of A, B and C (A first: its entries are A's history), taken to the
    // government, with an annex from B's documents and a public dossier.
    const e1 = await ok(
      coordinator.request({
        method: 'POST',
        url: '/api/v1/escalations',
        body: {
          defenderIds: [id.A, id.B, id.C],
          mechanism: 'wgad',
          kind: 'wgad_regular',
          content: {
            circumstances: `${A_NAME}, ${B_NAME} and ${C_NAME} were arrested together at the march.`,
          },
        },
      }),
      201,
    );
    hidden.E1 = e1.body.id;
    for (const to of ['in_review', 'approved', 'submitted', 'transmitted_to_government'])
      await transition(hidden.E1, to);
    const upload = await postMultipart(
      api,
      `${D}/${id.B}/documents`,
      coordinator.token,
      multipart({ title: DOC_TITLE, kind: 'warrant', language: 'ar' }, [
        { name: 'warrant.pdf', content: pdf('Warrant') },
      ]),
    );
    expect(upload.status).toBe(201);
    hidden.doc = upload.body.id;
    const annexUrl = `/api/v1/escalations/${hidden.E1}/annexes`;
    const etag = String((await coordinator.request({ method: 'GET', url: annexUrl })).headers.etag);
    await ok(
      coordinator.request({
        method: 'PUT',
        url: annexUrl,
        headers: { 'if-match': etag },
        body: { documentIds: [hidden.doc] },
      }),
    );
    hidden.dossier = (await makeDossier('public')).id;

    // A joint solidarity action of A and B whose title names B.
    const s1 = await ok(
      coordinator.request({
        method: 'POST',
        url: '/api/v1/solidarity-actions',
        body: {
          defenderIds: [id.A, id.B],
          type: 'public_event',
          title: JOINT_TITLE,
          startsOn: '2026-06-25',
        },
      }),
      201,
    );
    hidden.S1 = s1.body.id;

    // A group escalation of A and C, which cw may see.
    e2 = (
      await ok(
        coordinator.request({
          method: 'POST',
          url: '/api/v1/escalations',
          body: { defenderIds: [id.A, id.C], mechanism: 'wgad', kind: 'wgad_regular' },
        }),
        201,
      )
    ).body.id;

    // A reminder for cw on A, delivered in-app.
    await ok(
      coordinator.request({
        method: 'POST',
        url: '/api/v1/milestones',
        body: {
          defenderId: id.A,
          kind: 'custom',
          title: 'Call the lawyer',
          dueAt: `${TODAY}T11:00:00Z`,
          remindBefore: ['PT1H'],
          assigneeIds: [cw.id],
        },
      }),
      201,
    );
    api.clock.set(new Date(`${TODAY}T10:05:00Z`));
    await api.app.get(DispatchService).claimDue();
  }, 120_000);
  afterAll(() => api.close());

  it('the fixture is real: a coordinator sees B in A’s history (what cw must not)', async () => {
    const res = await ok(coordinator.request({ method: 'GET', url: `${D}/${id.A}/history` }));
    expect(res.text).toContain(id.B);
    expect(res.text).toContain(hidden.E1);
    expect(res.text).toContain(JOINT_TITLE);
  });

  it('case history (API) leaves out entries of shared objects that concern B, and keeps the rest', async () => {
    const res = await ok(cw.request({ method: 'GET', url: `${D}/${id.A}/history?limit=100` }));
    expect(leaks(res.text)).toEqual([]);
    const actions = res.body.data.map((e: { action: string }) => e.action);
    expect(actions).toContain('defender.create');
    // The group escalation cw may see (A and C) stays in the history.
    expect(res.text).toContain(e2);
    const viewerRes = await ok(viewer.request({ method: 'GET', url: `${D}/${id.A}/history` }));
    expect(leaks(viewerRes.text)).toEqual([]);
    expect(viewerRes.text).toContain(e2);
  });

  it('case history pages stay full: a short page after filtering is refilled, and the cursor goes on', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `${D}/${id.A}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await ok(cw.request({ method: 'GET', url }));
      expect(leaks(res.text)).toEqual([]);
      if (res.body.nextCursor) expect(res.body.data).toHaveLength(2);
      all.push(...res.body.data.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const whole = await ok(cw.request({ method: 'GET', url: `${D}/${id.A}/history?limit=100` }));
    expect(all).toEqual(whole.body.data.map((e: { id: string }) => e.id));
  });

  it('lists, search, reports, exports, milestones, notifications and the calendar feed never show B', async () => {
    const urls = [
      `${D}?limit=200`,
      `${D}?q=Basma`,
      `${D}?q=Hidden-Codefender`,
      `${D}?q=Quorvex`,
      `${D}/${id.A}`,
      `${D}/${id.A}/escalations`,
      `${D}/${id.A}/milestones`,
      `${D}/${id.A}/documents`,
      `/api/v1/escalations?limit=200`,
      `/api/v1/escalations?defenderId=${id.A}`,
      `/api/v1/solidarity-actions?limit=200`,
      `/api/v1/solidarity-actions?defenderId=${id.A}`,
      `/api/v1/milestones?limit=200`,
      `/api/v1/notifications`,
      `/api/v1/reports/indicators?from=2026-01-01&to=2026-12-31`,
      `/api/v1/exports/defenders?format=json`,
      `/api/v1/exports/defenders?format=csv`,
    ];
    const indicators = await ok(
      cw.request({
        method: 'GET',
        url: `/api/v1/reports/indicators?from=2026-01-01&to=2026-12-31`,
      }),
    );
    for (const ind of indicators.body.indicators as { name: string }[])
      urls.push(`/api/v1/reports/indicators/${ind.name}?from=2026-01-01&to=2026-12-31`);
    const found: string[] = [];
    for (const who of [cw, viewer]) {
      for (const url of urls) {
        const res = await who.request({ method: 'GET', url });
        if (who === cw || res.status === 200) {
          expect({ url, status: res.status }).toEqual({ url, status: 200 });
        }
        for (const l of leaks(res.text, url)) found.push(`${who.role} ${url}: ${l}`);
      }
    }
    expect(found).toEqual([]);

    // The notification cw got (on A) is there, so the probe read a real inbox.
    const inbox = await ok(cw.request({ method: 'GET', url: '/api/v1/notifications' }));
    expect(inbox.body.data.map((n: { title: string }) => n.title)).toEqual([
      'Reminder: Call the lawyer',
    ]);

    const ics = await calendarFeedText(api, cw);
    expect(ics).toContain('Call the lawyer');
    expect(leaks(ics)).toEqual([]);
  });

  it('a UN session’s opportunities neither list a case for, nor show, an escalation cw may not see', async () => {
    // E1's reply is due 60 days after 15 June: decidable at a session with a later cut-off.
    const entry = await ok(
      coordinator.request({
        method: 'POST',
        url: '/api/v1/un-calendar',
        body: {
          kind: 'wgad_session',
          number: 108,
          title: 'WGAD, 108th session',
          startsOn: '2026-11-16',
          endsOn: '2026-11-25',
          deadlines: [{ kind: 'case_cutoff', dueOn: '2026-10-01' }],
        },
      }),
      201,
    );
    const url = `/api/v1/un-calendar/${entry.body.id}/opportunities`;
    const co = await ok(coordinator.request({ method: 'GET', url }));
    expect(co.body.data.map((o: { defender: { id: string } }) => o.defender.id).sort()).toEqual(
      [id.A, id.B, id.C].sort(),
    );
    for (const who of [cw, viewer]) {
      const res = await ok(who.request({ method: 'GET', url }));
      expect(leaks(res.text)).toEqual([]);
      // A and C are relevant only through E1: not listed for someone who may not see it.
      expect(res.body.data).toEqual([]);
    }
    const web = await webSession(api as WebApp, cw);
    const page = await api.app.inject({
      method: 'GET',
      url: `/app/calendar/entries/${entry.body.id}`,
      headers: { cookie: web.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(leaks(page.body)).toEqual([]);
  });

  it('the group escalation’s deadline does not reach cw through A’s milestones', async () => {
    const res = await ok(cw.request({ method: 'GET', url: `${D}/${id.A}/milestones` }));
    expect(res.body.data.map((m: { kind: string }) => m.kind)).not.toContain('wgad_reply_due');
    const co = await ok(
      coordinator.request({ method: 'GET', url: `/api/v1/milestones?kind=wgad_reply_due` }),
    );
    // It exists, on the restricted co-defender, for those who may see the escalation.
    expect(co.body.data.map((m: { defenderId: string }) => m.defenderId)).toEqual([id.B]);
  });

  it('moves the deadlines of existing group escalations onto their restricted case (migration)', async () => {
    // As the data stood before: the deadline hung on the first case (A).
    await api.db.query(
      `UPDATE milestones SET defender_id = $1 WHERE source = 'escalation' AND source_key LIKE $2`,
      [id.A, `${hidden.E1}:%`],
    );
    const { GroupEscalationDeadlinesOnRestrictedCase1795919100000: Migration } =
      await import('../../migrations/1795919100000-GroupEscalationDeadlinesOnRestrictedCase');
    const runner = api.db.createQueryRunner();
    try {
      await new Migration().up(runner);
    } finally {
      await runner.release();
    }
    const rows = await api.db.query(
      `SELECT defender_id FROM milestones WHERE source = 'escalation' AND source_key LIKE $1`,
      [`${hidden.E1}:%`],
    );
    expect(rows.map((r: { defender_id: string }) => r.defender_id)).toEqual([id.B]);
  });

  it('an escalation cannot be given to an owner who may not see every case it concerns', async () => {
    const res = await coordinator.request({
      method: 'POST',
      url: '/api/v1/escalations',
      body: {
        defenderIds: [id.A, id.B],
        mechanism: 'wgad',
        kind: 'wgad_regular',
        ownerId: cw.id,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['ownerId']);
    expect(leaks(res.text)).toEqual([]);
  });

  it('the dossier of the group escalation does not exist for cw (404 on every door)', async () => {
    const urls = [
      `/api/v1/escalations/${hidden.E1}`,
      `/api/v1/escalations/${hidden.E1}/dossiers`,
      `/api/v1/escalations/${hidden.E1}/annexes`,
      `/api/v1/dossiers/${hidden.dossier}`,
      `/api/v1/dossiers/${hidden.dossier}/content`,
      `/api/v1/dossiers/${hidden.dossier}/bundle`,
      `/api/v1/documents/${hidden.doc}`,
      `/api/v1/solidarity-actions/${hidden.S1}`,
    ];
    for (const url of urls) {
      const res = await cw.request({ method: 'GET', url });
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(leaks(res.text.replaceAll(url.split('/')[4], '<id>'))).toEqual([]);
    }
    const generate = await cw.request({
      method: 'POST',
      url: `/api/v1/escalations/${hidden.E1}/dossiers`,
      body: { language: 'en', format: 'html', edition: 'public' },
    });
    expect(generate.status).toBe(404);
  });

  it('a public dossier of the group never names a restricted or unconsented co-defender, even in its text', async () => {
    await consent(id.A, 'public_profile');
    // B consented too: the restriction alone withholds B's name.
    await consent(id.B, 'public_profile');
    const html = await makeDossier('public');
    expect(html.text).toContain(A_NAME);
    for (const s of [B_NAME, 'Basma', C_NAME, 'Chadi', DOC_TITLE])
      expect(html.text).not.toContain(s);
    // Members of the escalation who may not be named are "Person N" in it (their place in the
    // group), anyone else "[name withheld]".
    expect(html.text).toMatch(/Person [23]\b/);
    // The submission edition, for the UN and those who may see every case, names them all.
    const full = await makeDossier('submission');
    expect(full.text).toContain(B_NAME);
    expect(full.text).toContain(C_NAME);
  });

  describe('the public feed of a group case', () => {
    let slug = '';
    const F_STORY = `I was arrested with ${B_NAME}, ${C_NAME} and ${T_NAME}; ${C_NAME.toUpperCase()} is still held.`;

    beforeAll(async () => {
      const f = await mkCase({
        fullName: 'Farida Featured-Probe',
        country: 'EG',
        tags: ['group:probe-13'],
      });
      // Linked to B by a draft escalation, to C by a joint public action, to T by the group tag.
      await mkCase({ fullName: T_NAME, country: 'EG', tags: ['group:probe-13'] });
      await ok(
        coordinator.request({
          method: 'POST',
          url: '/api/v1/escalations',
          body: { defenderIds: [f, id.B], mechanism: 'wgad', kind: 'wgad_regular' },
        }),
        201,
      );
      await consent(f, 'public_profile');
      for (const [ids, title] of [
        [[f, id.C], `Vigil for Farida and ${C_NAME}`],
        [[f, id.B], `Letters for Farida and ${B_NAME}`],
      ] as const) {
        await ok(
          coordinator.request({
            method: 'POST',
            url: '/api/v1/solidarity-actions',
            body: {
              defenderIds: ids,
              type: 'public_event',
              title,
              startsOn: '2026-06-01',
              status: 'done',
              isPublic: true,
              links: [
                `https://campaign.example.org/free-${C_NAME.toLowerCase().replace(/ /g, '-')}`,
              ],
            },
          }),
          201,
        );
      }
      const pub = await ok(
        coordinator.request({
          method: 'PUT',
          url: `${D}/${f}/publication`,
          body: {
            featured: true,
            displayName: 'Farida F.',
            publicSummary: `Reporter, arrested with ${C_NAME}.`,
            publicStory: F_STORY,
          },
        }),
        201,
      );
      slug = pub.body.slug;
    });

    it('masks the names of co-defenders who are restricted or have not consented, everywhere the public reads', async () => {
      const answers = await Promise.all(
        [`/public/v1/defenders`, `/public/v1/defenders/${slug}`, `/public/v1/defenders.atom`].map(
          (url) => api.request({ method: 'GET', url, anonymous: true }),
        ),
      );
      for (const res of answers) {
        expect(res.status).toBe(200);
        for (const s of [B_NAME, C_NAME, C_NAME.toUpperCase(), T_NAME, id.B, id.C, 'chadi'])
          expect(res.text.toLowerCase()).not.toContain(s.toLowerCase());
      }
      const profile = answers[1].body;
      expect(profile.publicStory).toBe(
        'I was arrested with [name withheld], [name withheld] and [name withheld]; [name withheld] is still held.',
      );
      expect(profile.publicSummary).toBe('Reporter, arrested with [name withheld].');
      // The action with a restricted co-defender stays out; the other is shown, its title masked
      // and a link that names C left out.
      expect(profile.solidarityActions).toEqual([
        expect.objectContaining({ title: 'Vigil for Farida and [name withheld]', links: [] }),
      ]);
      // Coordinators preview exactly what the public gets.
      const f = (
        await api.db.query(`SELECT defender_id FROM publications WHERE slug = $1`, [slug])
      )[0].defender_id;
      const preview = await ok(
        coordinator.request({ method: 'GET', url: `${D}/${f}/publication/preview` }),
      );
      expect(preview.body.publicStory).toBe(profile.publicStory);
    });

    it('names a co-defender again once they consent to a public profile (and are not restricted)', async () => {
      await consent(id.C, 'public_profile');
      const res = await api.request({
        method: 'GET',
        url: `/public/v1/defenders/${slug}`,
        anonymous: true,
      });
      expect(res.body.publicSummary).toBe(`Reporter, arrested with ${C_NAME}.`);
      expect(res.text).not.toContain(B_NAME);
      expect(res.text).not.toContain(T_NAME);
    });
  });

  describe('web app', () => {
    let session: { cookie: string; csrf: string };
    let viewerSession: { cookie: string; csrf: string };
    const page = (url: string, s: { cookie: string }) =>
      api.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

    beforeAll(async () => {
      const web = api as WebApp;
      [session, viewerSession] = await Promise.all([webSession(web, cw), webSession(web, viewer)]);
    });

    it('no page cw or a viewer can open shows B', async () => {
      const urls = [
        '/app',
        '/app/defenders',
        '/app/defenders?q=Basma',
        `/app/defenders/${id.A}`,
        `/app/defenders/${id.A}/history`,
        `/app/defenders/${id.A}/documents`,
        '/app/escalations',
        '/app/solidarity',
        '/app/milestones',
        '/app/notifications',
        '/app/reports',
        '/app/reports/escalations',
        '/app/reports/solidarity_actions',
        '/app/calendar',
      ];
      const found: string[] = [];
      for (const [who, s] of [
        ['caseworker', session],
        ['viewer', viewerSession],
      ] as const) {
        for (const url of urls) {
          const res = await page(url, s);
          if (who === 'caseworker')
            expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
          for (const l of leaks(res.body, url)) found.push(`${who} ${url}: ${l}`);
        }
      }
      expect(found).toEqual([]);
      // The group escalation cw may see (A and C) is still in the page.
      const history = await page(`/app/defenders/${id.A}/history`, session);
      expect(history.body).toContain('escalation.create');
      expect(history.body).toContain(id.C);
    });
  });
});
