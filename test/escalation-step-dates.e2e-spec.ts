import { startWebApp, webSession, type WebApp } from './support/browser';
import { createStaff, asUser, type TestUser } from './support/users';
import type { RequestOptions, TestResponse } from './support/api';

/**
 * The order of an escalation's dated steps, and a step's date corrected: a step dated before
 * the previous one is a 422 naming the field and that date; a coordinator corrects a step's
 * date (If-Match, audited) and the clock and its milestone follow, through the API and the
 * escalation page's form (post, redirect, a one-line message).
 */
describe("an escalation's step dates", () => {
  let app: WebApp;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(app, user, o);

  beforeAll(async () => {
    app = await startWebApp({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(app);
  }, 120_000);
  afterAll(() => app?.close());

  const step = (id: string, body: Record<string, unknown>) =>
    as(staff.coordinator, { method: 'POST', url: `/api/v1/escalations/${id}/transitions`, body });

  /** A WGAD communication, reviewed today, submitted 2026-05-20, transmitted 2026-06-01. */
  async function transmitted(): Promise<{ id: string; defenderId: string }> {
    const d = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Leila Nasser', country: 'EG' },
    });
    expect(d.status).toBe(201);
    for (const purpose of ['un_submission', 'public_un_document']) {
      const c = await as(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/defenders/${d.body.id}/consents`,
        body: {
          purpose,
          decision: 'given',
          givenBy: 'defender',
          method: 'written',
          decidedOn: '2026-05-01',
        },
      });
      expect(c.status).toBe(201);
    }
    const e = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [d.body.id], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(e.status).toBe(201);
    for (const body of [
      { to: 'in_review' },
      { to: 'approved' },
      { to: 'submitted', date: '2026-05-20' },
      { to: 'transmitted_to_government', date: '2026-06-01' },
    ]) {
      const res = await step(e.body.id, body);
      if (res.status !== 200) throw new Error(`${body.to}: ${res.status} ${res.text}`);
    }
    return { id: e.body.id as string, defenderId: d.body.id as string };
  }

  const lastStep = async (id: string) => {
    const res = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/escalations/${id}/transitions`,
    });
    return res.body.at(-1) as { id: string; date: string; to: string };
  };

  const replyMilestone = async (defenderId: string) => {
    const res = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/milestones?defenderId=${defenderId}`,
    });
    return (res.body.data as { kind: string; dueAt: string; status: string }[])
      .filter((m) => m.kind === 'wgad_reply_due')
      .map((m) => ({ status: m.status, due: m.dueAt.slice(0, 10) }));
  };

  it('refuses a step dated before the previous one: 422 naming date and its date', async () => {
    const { id } = await transmitted();
    const early = await step(id, { to: 'government_replied', date: '2026-05-31' });
    expect(early.status).toBe(422);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.body).toMatchObject({ field: 'date', previousStepOn: '2026-06-01' });
    expect(early.body.detail).toContain('2026-06-01');
    // Recorded late with its true date, after the transmission: taken.
    const late = await step(id, { to: 'government_replied', date: '2026-06-03' });
    expect(late.status).toBe(200);
    expect(late.body.governmentRepliedOn).toBe('2026-06-03');
  });

  it("corrects a step's date with If-Match: the deadline and its milestone follow, audited", async () => {
    const { id, defenderId } = await transmitted();
    const sent = await lastStep(id);
    const url = `/api/v1/escalations/${id}/transitions/${sent.id}`;
    const read = await as(staff.coordinator, { method: 'GET', url: `/api/v1/escalations/${id}` });
    const version = read.body.version as number;
    expect(read.body.replyDueOn).toBe('2026-07-31');
    const patch = (user: TestUser, body: unknown, ifMatch?: number) =>
      as(user, {
        method: 'PATCH',
        url,
        body,
        headers: ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` },
      });

    expect((await patch(staff.coordinator, { occurredOn: '2026-05-25' })).status).toBe(428);
    expect((await patch(staff.coordinator, { occurredOn: '2026-05-25' }, version - 1)).status).toBe(
      412,
    );
    expect((await patch(staff.caseworker, { occurredOn: '2026-05-25' }, version)).status).toBe(403);
    const bad = await patch(staff.coordinator, { occurredOn: '25/05/2026' }, version);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('occurredOn');
    const before = await patch(staff.coordinator, { occurredOn: '2026-05-19' }, version);
    expect(before.status).toBe(422);
    expect(before.body).toMatchObject({ field: 'occurredOn', previousStepOn: '2026-05-20' });

    const fixed = await patch(staff.coordinator, { occurredOn: '2026-05-25' }, version);
    expect(fixed.status).toBe(200);
    expect(fixed.headers.etag).toBe(`"${version + 1}"`);
    expect(fixed.body).toMatchObject({ transmittedOn: '2026-05-25', replyDueOn: '2026-07-24' });
    expect(await lastStep(id)).toMatchObject({ id: sent.id, date: '2026-05-25' });
    expect(await replyMilestone(defenderId)).toEqual([{ status: 'open', due: '2026-07-24' }]);
    const audit = await app.db.query(
      `SELECT actor_id, changes FROM audit_events WHERE action = 'escalation.step_date_correct' AND entity_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: staff.coordinator.id,
      changes: { occurredOn: { from: '2026-06-01', to: '2026-05-25' } },
    });
  });

  it("the escalation page: a coordinator corrects a step's date (post, redirect, message)", async () => {
    const { id } = await transmitted();
    const sent = await lastStep(id);
    const coordinator = await webSession(app, staff.coordinator);
    const caseworker = await webSession(app, staff.caseworker);
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (s: { cookie: string }, fields: Record<string, string>) =>
      app.app.inject({
        method: 'POST',
        url: `/app/escalations/${id}/transitions/${sent.id}/date`,
        headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form(fields),
      });
    const page = (s: { cookie: string }, url = `/app/escalations/${id}`) =>
      app.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

    // The form is the coordinators' (and admins'): a caseworker sees none, and is refused.
    expect((await page(caseworker)).body).not.toContain(`/transitions/${sent.id}/date`);
    const shown = (await page(coordinator)).body;
    expect(shown).toContain(`action="/app/escalations/${id}/transitions/${sent.id}/date"`);
    const version = /name="version" value="(\d+)"/.exec(shown)![1];
    const refusedRole = await post(caseworker, {
      _csrf: caseworker.csrf,
      version,
      occurredOn: '2026-05-25',
    });
    expect(refusedRole.statusCode).toBe(403);

    // Out of order: said next to the field, with the previous step's date.
    const early = await post(coordinator, {
      _csrf: coordinator.csrf,
      version,
      occurredOn: '2026-05-19',
    });
    expect(early.statusCode).toBe(422);
    expect(early.body).toMatch(new RegExp(`id="step-date-${sent.id}-error">[^<]*2026-05-20`));
    expect(early.body).toContain('value="2026-05-19"');

    const ok = await post(coordinator, {
      _csrf: coordinator.csrf,
      version,
      occurredOn: '2026-05-25',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(
      `/app/escalations/${id}?notice=escalations.notices.stepDateCorrected#history`,
    );
    const after = await page(coordinator, String(ok.headers.location).split('#')[0]);
    expect(after.body).toContain('The step’s date was corrected; the deadlines follow it.');
    expect((await lastStep(id)).date).toBe('2026-05-25');

    // The same version again: someone (this form) saved first.
    const stale = await post(coordinator, {
      _csrf: coordinator.csrf,
      version,
      occurredOn: '2026-05-26',
    });
    expect(stale.statusCode).toBe(412);
  });
});
