import { DossiersService, Escalation, renderDossierHtml } from '@witness/domain';
import { htmlText } from '@witness/domain/dossiers/testing/html-text';
import { PdfRenderer } from '@witness/platform';
import { extractPdfText } from '@witness/platform/pdf/pdf-text';
import { startApi, type TestApi } from './support/api';
import { cloneTestDatabase } from './support/database';
import { runSeedDemo } from './support/seed-demo';
import { createStaff, type TestUser } from './support/users';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../scripts/seed-demo-accounts';

/**
 * `npm run seed:demo` against a test database, twice (it is idempotent), then the demo as a
 * newcomer sees it: the complete case's WGAD dossier has no "Not known" in any language, a
 * group case, a house-arrest case, and one WGAD escalation at each stage of its workflow.
 */

const seed = runSeedDemo;

describe('npm run seed:demo', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let api: TestApi;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    const first = await seed({ DATABASE_URL: db.url });
    expect({ code: first.code, out: first.out }).toMatchObject({ code: 0 });
    expect(first.out).toContain('17 demo WGAD escalations created');
    expect(first.out).toContain(`password "${DEMO_PASSWORD}"`);
    const again = await seed({ DATABASE_URL: db.url });
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 created with 0 timeline events, 30 already present');
    expect(again.out).toContain('0 demo WGAD escalations created');
    // The seed dates everything from today: the api reads it on the same day.
    api = await startApi({ now: new Date().toISOString(), env: { DATABASE_URL: db.url } });
    staff = await createStaff(api);
  }, 240_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('makes the demo accounts the README names, which sign in with the published password', async () => {
    const caseworker = await api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: DEMO_ACCOUNTS[0].email, password: DEMO_PASSWORD },
    });
    expect(caseworker.status).toBe(200);
    const list = await api.request({
      method: 'GET',
      url: '/api/v1/defenders?limit=5',
      headers: { authorization: `Bearer ${caseworker.body.token}` },
    });
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    const roles = await api.db.query(
      `SELECT role FROM users WHERE email LIKE '%@demo.invalid' ORDER BY role`,
    );
    expect(roles.map((r: { role: string }) => r.role)).toEqual(['caseworker', 'coordinator']);
  });

  it('has one WGAD regular escalation at each stage of the workflow, a group and a house arrest', async () => {
    const states = await api.db.query(
      `SELECT e.state, count(DISTINCT ed.defender_id)::int AS people
         FROM escalations e JOIN escalation_defenders ed ON ed.escalation_id = e.id
        WHERE e.kind = 'wgad_regular' GROUP BY e.id, e.state`,
    );
    expect(new Set(states.map((s: { state: string }) => s.state))).toEqual(
      new Set([
        'draft',
        'in_review',
        'approved',
        'submitted',
        'transmitted_to_government',
        'government_replied',
        'no_reply',
        'pending_further_information',
        'source_comments_sent',
        'opinion_adopted',
        'opinion_transmitted',
        'follow_up',
        'closed',
        'filed',
        'withdrawn',
      ]),
    );
    expect(states.some((s: { people: number }) => s.people === 3)).toBe(true);
    const houseArrest = await api.db.query(
      `SELECT count(*)::int AS n FROM defenders WHERE status = 'house_arrest' AND 'demo' = ANY(tags)`,
    );
    expect(houseArrest[0].n).toBeGreaterThanOrEqual(1);
    // Every demo person is clearly fictional.
    const unmarked = await api.db.query(
      `SELECT count(*)::int AS n FROM defenders WHERE NOT ('demo' = ANY(tags)) OR summary NOT LIKE 'Fictional demo profile.%'`,
    );
    expect(unmarked[0].n).toBe(0);
  });

  it('the complete case is complete, and its WGAD dossier has no "Not known" in any language', async () => {
    const [row] = await api.db.query(
      `SELECT id FROM escalations WHERE notes LIKE '%demo-escalation:complete-case%'`,
    );
    const completeness = await staff.coordinator.request({
      method: 'GET',
      url: `/api/v1/escalations/${row.id}/completeness`,
    });
    expect(completeness.body).toMatchObject({ complete: true, missing: [], warnings: [] });
    const e = await api.db.manager
      .createQueryBuilder(Escalation, 'e')
      .addSelect('e.sourceIdentityEnc')
      .where('e.id = :id', { id: row.id })
      .getOneOrFail();
    const links = await api.db.query(
      `SELECT defender_id FROM escalation_defenders WHERE escalation_id = $1`,
      [row.id],
    );
    const dossiers = api.app.get(DossiersService);
    const html: Record<string, string> = {};
    for (const language of ['en', 'fr', 'es'] as const) {
      const data = await dossiers.buildData(
        api.db.manager,
        e,
        links.map((l: { defender_id: string }) => l.defender_id),
        { language, edition: 'submission', versionNo: 1 },
      );
      html[language] = renderDossierHtml(data);
    }
    expect(htmlText(html.en)).not.toContain('Not known');
    expect(htmlText(html.fr)).not.toContain('Inconnu');
    expect(htmlText(html.es)).not.toContain('Se desconoce');
    expect(htmlText(html.fr)).toContain('Tunisie');
    // And the PDF a desk officer receives.
    const renderer = new PdfRenderer();
    try {
      const text = await extractPdfText(await renderer.render(html.en));
      expect(text).toContain('Yasmine');
      expect(text).not.toContain('Not known');
    } finally {
      await renderer.onApplicationShutdown();
    }
  }, 120_000);
});
