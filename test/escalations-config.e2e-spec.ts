import { startApi, type TestApi } from './support/api';
import { createStaff, type TestUser } from './support/users';

/**
 * The escalation clock's periods are configuration, not literals: an api started with other
 * periods (its own file, since config is read once when the app module loads) derives its
 * deadlines and milestones from them.
 */
describe('escalation clock periods from configuration', () => {
  let api: TestApi;
  let coordinator: TestUser;
  let defenderId: string;

  beforeAll(async () => {
    api = await startApi({
      now: '2026-06-15T10:00:00Z',
      env: {
        WGAD_REPLY_DAYS: '30',
        WGAD_MAX_EXTENSION_DAYS: '10',
        WGAD_FOLLOW_UP_MONTHS: '3',
        PROCEDURE_PERIODS: '{"wgad_source_comments_days":5,"sp_urgent_reply_days":21}',
      },
    });
    coordinator = (await createStaff(api)).coordinator;
    const d = await coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Layla Mansour', country: 'TN' },
    });
    expect(d.status).toBe(201);
    defenderId = d.body.id as string;
    for (const purpose of ['un_submission', 'public_un_document']) {
      const c = await coordinator.request({
        method: 'POST',
        url: `/api/v1/defenders/${defenderId}/consents`,
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
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('uses WGAD_REPLY_DAYS, WGAD_MAX_EXTENSION_DAYS and WGAD_FOLLOW_UP_MONTHS', async () => {
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [defenderId], mechanism: 'wgad', kind: 'wgad_regular' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const step = async (body: Record<string, unknown>) => {
      const res = await coordinator.request({
        method: 'POST',
        url: `/api/v1/escalations/${id}/transitions`,
        body,
      });
      expect(res.status).toBe(200);
      return res.body;
    };
    for (const to of ['in_review', 'approved']) await step({ to });
    await step({ to: 'submitted', date: '2026-05-25' });
    const t = await step({ to: 'transmitted_to_government', date: '2026-06-01' });
    expect(t).toMatchObject({ replyDueOn: '2026-07-01', daysUntilReplyDue: 16 });

    const milestones = async (kind: string) => {
      const res = await coordinator.request({
        method: 'GET',
        url: `/api/v1/milestones?defenderId=${defenderId}&kind=${kind}`,
      });
      expect(res.status).toBe(200);
      return res.body.data as { dueAt: string; status: string }[];
    };
    expect((await milestones('wgad_reply_due')).map((m) => m.dueAt.slice(0, 10))).toEqual([
      '2026-07-01',
    ]);

    const url = `/api/v1/escalations/${id}`;
    const tooLong = await coordinator.request({
      method: 'PATCH',
      url,
      body: { extensionDays: 30 },
      headers: { 'if-match': `"${t.version}"` },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0]).toMatchObject({ field: 'extensionDays' });
    expect(tooLong.body.errors[0].message).toMatch(/10/);
    const extended = await coordinator.request({
      method: 'PATCH',
      url,
      body: { extensionDays: 10 },
      headers: { 'if-match': `"${t.version}"` },
    });
    expect(extended.status).toBe(200);
    expect(extended.body.replyDueOn).toBe('2026-07-11');
    expect((await milestones('wgad_reply_due'))[0].dueAt.slice(0, 10)).toBe('2026-07-11');

    const o = await step({
      to: 'opinion_adopted',
      date: '2026-06-10',
      opinionNumber: 'No. 3/2026',
    });
    // Follow-up runs from the opinion's transmission, not its adoption.
    expect(o.followUpDueOn).toBeNull();
    const sent = await step({ to: 'opinion_transmitted', date: '2026-06-12' });
    expect(sent.followUpDueOn).toBe('2026-09-12');
    expect((await milestones('wgad_follow_up_due')).map((m) => m.dueAt.slice(0, 10))).toEqual([
      '2026-09-12',
    ]);
  });

  it('PROCEDURE_PERIODS sets the other periods: the source’s comments, an urgent appeal’s reply', async () => {
    const open = async (body: Record<string, unknown>) => {
      const res = await coordinator.request({ method: 'POST', url: '/api/v1/escalations', body });
      expect(res.status).toBe(201);
      const id = res.body.id as string;
      return async (step: Record<string, unknown>) => {
        const r = await coordinator.request({
          method: 'POST',
          url: `/api/v1/escalations/${id}/transitions`,
          body: step,
        });
        expect(r.status).toBe(200);
        return r.body;
      };
    };
    const wgad = await open({ defenderIds: [defenderId], mechanism: 'wgad', kind: 'wgad_regular' });
    for (const to of ['in_review', 'approved']) await wgad({ to });
    await wgad({ to: 'submitted', date: '2026-05-25' });
    await wgad({ to: 'transmitted_to_government', date: '2026-06-01' });
    await wgad({ to: 'government_replied', date: '2026-06-08' });
    const pending = await wgad({ to: 'pending_further_information', date: '2026-06-09' });
    expect(pending.commentsDueOn).toBe('2026-06-14');

    const ua = await open({
      defenderIds: [defenderId],
      mechanism: 'special_procedures',
      kind: 'sp_urgent_appeal',
      content: { namePublicly: false },
    });
    for (const to of ['in_review', 'approved']) await ua({ to });
    await ua({ to: 'submitted', date: '2026-05-25' });
    const sent = await ua({ to: 'communication_sent', date: '2026-06-01' });
    expect(sent.replyDueOn).toBe('2026-06-22');
  });
});
