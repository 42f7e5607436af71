import { startApi, type TestApi, type TestResponse } from './support/api';
import { giveConsents } from './support/consents';
import { createStaff, type TestUser } from './support/users';

/**
 * The WGAD opinion embargo in public output: an opinion adopted and transmitted but not yet
 * published (no `publishedOn`, or one still in the future) appears nowhere the public reads:
 * the feed's list, the profile, the Atom feed. The opinion's number, its note and the
 * escalation's id are the markers looked for.
 */
describe('public feed: the opinion embargo', () => {
  let api: TestApi;
  let coordinator: TestUser;
  let ip = 0;
  const D = '/api/v1/defenders';
  const OPINION = 'No. 77/2026';
  const NOTE = 'EMBARGO-opinion-note-k3';

  const ok = async (res: Promise<TestResponse>, status: number) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
    return r.body;
  };
  const pub = (url: string) => {
    ip += 1;
    return api.request({
      method: 'GET',
      url,
      anonymous: true,
      headers: { 'x-forwarded-for': `198.18.9.${ip}` },
    });
  };

  /** The public outputs: the list, the profile and the Atom feed. */
  const PUBLIC_OUTPUTS = (slug: string) => [
    '/public/v1/defenders?limit=50',
    `/public/v1/defenders/${slug}`,
    '/public/v1/defenders.atom',
  ];
  /** Every public output, as one lower-cased text. */
  const publicText = async (slug: string) => {
    const answers = await Promise.all(PUBLIC_OUTPUTS(slug).map(pub));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    return answers.map((r) => r.text.toLowerCase()).join('\n');
  };

  beforeAll(async () => {
    api = await startApi({
      now: '2026-06-15T10:00:00Z',
      env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000', PUBLIC_BASE_URL: 'https://witness.example.org' },
    });
    coordinator = (await createStaff(api)).coordinator;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('an adopted and transmitted opinion is cited by no public output before its publication date', async () => {
    const id = (
      await ok(
        coordinator.request({
          method: 'POST',
          url: D,
          body: { fullName: 'Nour Haddad', country: 'TN' },
        }),
        201,
      )
    ).id as string;
    await giveConsents(
      coordinator.request,
      id,
      ['public_profile', 'un_submission', 'public_un_document'],
      '2026-01-05',
    );
    const slug = (
      await ok(
        coordinator.request({
          method: 'PUT',
          url: `${D}/${id}/publication`,
          body: { featured: true, publicSummary: 'Detained for her reporting.' },
        }),
        201,
      )
    ).slug as string;

    const esc = (
      await ok(
        coordinator.request({
          method: 'POST',
          url: '/api/v1/escalations',
          body: { defenderIds: [id], mechanism: 'wgad', kind: 'wgad_regular' },
        }),
        201,
      )
    ).id as string;
    const step = (body: Record<string, unknown>) =>
      ok(
        coordinator.request({
          method: 'POST',
          url: `/api/v1/escalations/${esc}/transitions`,
          body,
        }),
        200,
      );
    for (const to of ['in_review', 'approved']) await step({ to });
    await step({ to: 'submitted', date: '2026-01-10' });
    await step({ to: 'transmitted_to_government', date: '2026-01-20' });
    await step({ to: 'government_replied', date: '2026-03-01' });
    await step({ to: 'pending_further_information', date: '2026-03-02' });
    await step({ to: 'source_comments_sent', date: '2026-03-10' });
    await step({
      to: 'opinion_adopted',
      date: '2026-05-20',
      opinionNumber: OPINION,
      arbitrary: true,
      categoriesFound: ['II'],
      note: NOTE,
    });
    const sent = await step({ to: 'opinion_transmitted', date: '2026-06-01', note: NOTE });
    expect(sent).toMatchObject({
      state: 'opinion_transmitted',
      opinionNumber: OPINION,
      publishedOn: null,
    });

    const markers = [OPINION, '77/2026', NOTE, esc, 'wgad', 'opinion', 'arbitrary'];
    const embargoed = await publicText(slug);
    expect(embargoed).toContain(slug);
    for (const m of markers) expect(embargoed).not.toContain(m.toLowerCase());

    // Once published, the opinion may be cited; the feed still carries no escalation data at
    // all (docs/procedures.md), so nothing changes there.
    const v = (
      await ok(coordinator.request({ method: 'GET', url: `/api/v1/escalations/${esc}` }), 200)
    ).version as number;
    const published = await ok(
      coordinator.request({
        method: 'PATCH',
        url: `/api/v1/escalations/${esc}`,
        body: { publishedOn: '2026-06-15' },
        headers: { 'if-match': `"${v}"` },
      }),
      200,
    );
    expect(published.publishedOn).toBe('2026-06-15');
    const after = await publicText(slug);
    for (const m of markers) expect(after).not.toContain(m.toLowerCase());
  });
});
