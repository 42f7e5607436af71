import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { giveConsents } from './support/consents';
import { asUser, createStaff, type TestUser } from './support/users';

/**
 * Each mechanism on its own terms, end to end: the WGEID's six-month rule, the CED's urgent
 * action and the treaty bodies' communications (with the State's acceptance of the procedure),
 * regional measures, the SG's reprisals report and UPR submissions, each walked through its
 * states with the deadlines its procedure table derives; the indicators count each mechanism.
 */

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

describe('escalations to each mechanism', () => {
  let api: TestApi;
  let staff: Staff;
  const as = (o: RequestOptions): Promise<TestResponse> => asUser(api, staff.coordinator, o);

  const person = async (fullName: string, country: string, purposes: string[]) => {
    const res = await as({ method: 'POST', url: '/api/v1/defenders', body: { fullName, country } });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await giveConsents(as, id, purposes, '2026-01-05');
    return id;
  };
  const BOTH = ['un_submission', 'public_un_document'];

  const open = async (body: Record<string, unknown>) => {
    const res = await as({ method: 'POST', url: '/api/v1/escalations', body });
    if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
    return res.body as { id: string; deadlines: { key: string; dueOn: string; open: boolean }[] };
  };
  const step = (id: string, body: Record<string, unknown>) =>
    as({ method: 'POST', url: `/api/v1/escalations/${id}/transitions`, body });
  const walk = async (id: string, ...steps: (string | Record<string, unknown>)[]) => {
    let last: Record<string, unknown> = {};
    for (const s of steps) {
      const body = typeof s === 'string' ? { to: s } : s;
      const res = await step(id, body);
      if (res.status !== 200) throw new Error(`${String(body.to)}: ${res.status} ${res.text}`);
      last = res.body;
    }
    return last as Record<string, unknown> & {
      allowedTransitions: string[];
      deadlines: { key: string; milestone: string; dueOn: string | null; open: boolean }[];
    };
  };
  const escalationMilestones = async (defenderId: string) => {
    const res = await as({ method: 'GET', url: `/api/v1/milestones?defenderId=${defenderId}` });
    return (res.body.data as { kind: string; status: string; dueAt: string; source: string }[])
      .filter((m) => m.source === 'escalation')
      .map((m) => `${m.kind}:${m.status}:${m.dueAt.slice(0, 10)}`)
      .sort();
  };

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(api);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('refuses a kind sent to a mechanism it does not go to, naming the right ones', async () => {
    const d = await person('Omar Said', 'EG', []);
    const res = await as({
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [d], mechanism: 'wgad', kind: 'treaty_communication' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('mechanism');
    expect(res.body.errors[0].message).toMatch(/hrcttee, cat, cedaw/);
  });

  it("WGEID: the government's reply goes to the source, who has six months to comment", async () => {
    const d = await person('Salma Idris', 'EG', ['un_submission']);
    const e = await open({ defenderIds: [d], mechanism: 'wgeid', kind: 'wgeid_communication' });
    await walk(e.id, 'in_review', 'approved', { to: 'submitted', date: '2026-01-10' });
    await walk(e.id, { to: 'transmitted_to_government', date: '2026-02-01' });
    await walk(e.id, { to: 'government_replied', date: '2026-02-28' });
    const pending = await walk(e.id, { to: 'pending_further_information', date: '2026-02-28' });
    expect(pending).toMatchObject({ commentsDueOn: '2026-08-28' });
    expect(await escalationMilestones(d)).toEqual(['source_comments_due:open:2026-08-28']);
    // Without the source's comments the case is clarified.
    const clarified = await walk(e.id, { to: 'clarified', date: '2026-06-15' });
    expect(clarified.allowedTransitions).toEqual(['closed']);
    expect(await escalationMilestones(d)).toEqual(['source_comments_due:cancelled:2026-08-28']);
  });

  it('CED urgent action: only against a State party to the Convention (422 naming it)', async () => {
    const eg = await person('Hany Fawzy', 'EG', ['un_submission']);
    const refused = await open({ defenderIds: [eg], mechanism: 'ced', kind: 'ced_urgent_action' });
    await walk(refused.id, 'in_review', 'approved');
    const r = await step(refused.id, { to: 'submitted' });
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/EG has not accepted the ICPPED \(State party\)/);
    expect(r.body.missing).toEqual([
      { defenderId: eg, country: 'EG', instrument: 'ICPPED (State party)' },
    ]);

    const mx = await person('Rosa Hernández', 'MX', ['un_submission']);
    const e = await open({ defenderIds: [mx], mechanism: 'ced', kind: 'ced_urgent_action' });
    await walk(e.id, 'in_review', 'approved', { to: 'submitted', date: '2026-05-25' });
    const sent = await walk(e.id, { to: 'transmitted_to_government', date: '2026-06-01' });
    expect(sent).toMatchObject({ replyDueOn: '2026-07-01', noReplyPossibleFrom: '2026-07-02' });
    expect(await escalationMilestones(mx)).toEqual(['reply_due:open:2026-07-01']);
    expect((await step(e.id, { to: 'no_reply' })).status).toBe(409);
  });

  it('treaty bodies: an ICCPR communication against a State that accepted the Protocol, six months for its observations, then the author, then Views and their follow-up', async () => {
    const eg = await person('Mona Kamal', 'EG', BOTH);
    const refused = await open({
      defenderIds: [eg],
      mechanism: 'hrcttee',
      kind: 'treaty_communication',
    });
    await walk(refused.id, 'in_review', 'approved');
    const r = await step(refused.id, { to: 'submitted' });
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/ICCPR first Optional Protocol/);

    const tn = await person('Sami Ben Ali', 'TN', BOTH);
    const e = await open({ defenderIds: [tn], mechanism: 'hrcttee', kind: 'treaty_communication' });
    await walk(e.id, 'in_review', 'approved', { to: 'submitted', date: '2025-09-01' });
    const registered = await walk(e.id, { to: 'registered', date: '2025-10-31' });
    expect(registered).toMatchObject({ transmittedOn: '2025-10-31', replyDueOn: '2026-04-30' });
    const observations = await walk(e.id, { to: 'government_replied', date: '2026-04-20' });
    expect(observations).toMatchObject({ commentsDueOn: '2026-06-19' });
    await walk(e.id, { to: 'source_comments_sent', date: '2026-06-10' });
    const views = await walk(e.id, {
      to: 'views_adopted',
      date: '2026-06-12',
      opinionNumber: 'No. 4321/2025',
      arbitrary: true,
    });
    expect(views).toMatchObject({ opinionAdoptedOn: '2026-06-12', followUpDueOn: '2026-12-09' });
    expect(await escalationMilestones(tn)).toEqual([
      'follow_up_due:open:2026-12-09',
      'reply_due:cancelled:2026-04-30',
      'source_comments_due:cancelled:2026-06-19',
    ]);
  });

  it('regional measures: ACHPR provisional measures ask the State to report in 15 days; an ECtHR Rule 39 request has no clock', async () => {
    const et = await person('Meron Tesfaye', 'ET', ['un_submission']);
    const a = await open({
      defenderIds: [et],
      mechanism: 'achpr',
      kind: 'achpr_provisional_measures',
    });
    await walk(a.id, 'in_review', 'approved', { to: 'submitted', date: '2026-06-05' });
    const granted = await walk(a.id, { to: 'measures_granted', date: '2026-06-10' });
    expect(granted).toMatchObject({ replyDueOn: '2026-06-25', daysUntilReplyDue: 10 });
    await walk(a.id, { to: 'government_replied', date: '2026-06-14' }, 'follow_up', 'closed');

    const tr = await person('Baris Ozturk', 'TR', ['un_submission']);
    const r39 = await open({ defenderIds: [tr], mechanism: 'ecthr', kind: 'ecthr_rule_39' });
    await walk(r39.id, 'in_review', 'approved', { to: 'submitted', date: '2026-06-05' });
    const refused = await walk(r39.id, { to: 'measures_refused', date: '2026-06-12' });
    expect(refused).toMatchObject({ deadlines: [], replyDueOn: null });
    expect(refused.allowedTransitions).toEqual(['closed']);
  });

  it("the SG's reprisals report: the input is due by the call's deadline, and the report names people (consent)", async () => {
    const bh = await person('Ali Hassan', 'BH', ['un_submission']);
    const e = await open({
      defenderIds: [bh],
      mechanism: 'sg_reprisals',
      kind: 'reprisals_report',
    });
    expect(e.deadlines).toEqual([
      expect.objectContaining({ key: 'submission', dueOn: '2027-05-15', open: true }),
    ]);
    expect(await escalationMilestones(bh)).toEqual(['submission_due:open:2027-05-15']);
    await walk(e.id, 'in_review', 'approved');
    const unnamed = await step(e.id, { to: 'submitted' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.detail).toMatch(/Ali Hassan/);
  });

  it('UPR: a stakeholder submission is due months before the review; the indicators count each mechanism', async () => {
    const vn = await person('Tran Thi Lan', 'VN', ['un_submission']);
    const e = await open({
      defenderIds: [vn],
      mechanism: 'upr',
      kind: 'upr_submission',
      meetingOn: '2027-01-20',
    });
    expect(e.deadlines).toEqual([
      expect.objectContaining({ key: 'submission', dueOn: '2026-06-20', open: true }),
    ]);
    await walk(e.id, 'in_review', 'approved', 'submitted');
    expect(await escalationMilestones(vn)).toEqual(['submission_due:cancelled:2026-06-20']);

    const report = await as({
      method: 'GET',
      url: '/api/v1/reports/indicators?from=2025-01-01&to=2026-12-31',
    });
    expect(report.status).toBe(200);
    const escalations = (
      report.body.indicators as {
        name: string;
        breakdown: { dimension: string; key: string; value: number }[];
      }[]
    ).find((i) => i.name === 'escalations')!;
    const counts = Object.fromEntries(
      escalations.breakdown.map((b) => [`${b.dimension}:${b.key}`, b.value]),
    );
    expect(counts).toMatchObject({
      'mechanism:wgeid': 1,
      'mechanism:ced': 1,
      'mechanism:hrcttee': 1,
      'mechanism:achpr': 1,
      'mechanism:ecthr': 1,
      'mechanism:upr': 1,
      'mechanism:sg_reprisals': 0,
      'mechanism:cat': 0,
      'kind:treaty_communication': 1,
      'kind:ced_urgent_action': 1,
    });
  });

  it('the indicators count the outcomes per mechanism, and the releases after an escalation per mechanism', async () => {
    // A Special Procedures letter answered by the government, and the defender released later.
    const ma = await person('Youssef Amrani', 'MA', BOTH);
    for (const ev of [
      { type: 'arrest', occurredOn: '2025-03-01' },
      { type: 'release', occurredOn: '2026-06-14' },
    ]) {
      const res = await as({ method: 'POST', url: `/api/v1/defenders/${ma}/events`, body: ev });
      expect(res.status).toBe(201);
    }
    const sp = await open({
      defenderIds: [ma],
      mechanism: 'special_procedures',
      kind: 'sp_allegation_letter',
    });
    await walk(sp.id, 'in_review', 'approved', { to: 'submitted', date: '2026-03-01' });
    await walk(sp.id, { to: 'communication_sent', date: '2026-03-10' });
    await walk(sp.id, { to: 'government_replied', date: '2026-05-01' });

    const report = await as({
      method: 'GET',
      url: '/api/v1/reports/indicators?from=2025-01-01&to=2026-12-31',
    });
    expect(report.status).toBe(200);
    const indicators = report.body.indicators as {
      name: string;
      value: number;
      breakdown: { dimension: string; key: string; value: number }[];
    }[];
    const counts = (name: string) =>
      Object.fromEntries(
        indicators
          .find((i) => i.name === name)!
          .breakdown.map((b) => [`${b.dimension}:${b.key}`, b.value]),
      );
    // Each mechanism's own outcomes, as its procedure names them.
    expect(counts('mechanism_outcomes')).toEqual({
      'wgeid:government_replied': 1,
      'wgeid:clarified': 1,
      'hrcttee:government_replied': 1,
      'hrcttee:views_adopted': 1,
      'achpr:measures_granted': 1,
      'achpr:government_replied': 1,
      'ecthr:measures_refused': 1,
      'special_procedures:government_replied': 1,
    });
    expect(indicators.find((i) => i.name === 'mechanism_outcomes')!.value).toBe(5);
    const releases = counts('releases_after_escalation');
    expect(releases).toMatchObject({
      'mechanism:special_procedures': 1,
      'mechanism:wgad': 0,
      'mechanism:achpr': 0,
    });
  });

  it('suggests the thematic mandates that fit the case, with reasons (HRC mandate map)', async () => {
    const res = await as({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Yara Haddad', country: 'EG', hrdFocus: ['journalist'], tags: ['media'] },
    });
    expect(res.status).toBe(201);
    const d = res.body.id as string;
    for (const [type, extra] of [
      ['arrest', { charges: ['Spreading false news'] }],
      ['ill_treatment', {}],
    ] as const) {
      const ev = await as({
        method: 'POST',
        url: `/api/v1/defenders/${d}/events`,
        body: { type, occurredOn: '2026-03-01', description: 'Recorded', ...extra },
      });
      expect(ev.status).toBe(201);
    }
    const e = await open({
      defenderIds: [d],
      mechanism: 'special_procedures',
      kind: 'sp_allegation_letter',
    });
    const m = await as({ method: 'GET', url: `/api/v1/escalations/${e.id}/mandates` });
    expect(m.status).toBe(200);
    const ids = (m.body as { id: string; reasons: string[] }[]).map((x) => x.id);
    expect(ids[0]).toBe('human_rights_defenders');
    expect(ids).toEqual(expect.arrayContaining(['expression', 'arbitrary_detention', 'torture']));
    expect(
      (m.body as { id: string; reasons: string[] }[]).find((x) => x.id === 'expression')!.reasons,
    ).toEqual(expect.arrayContaining(['focus:journalist', 'charge:false news']));
    // A viewer may read it; an unknown escalation is 404.
    expect(
      (
        await asUser(api, staff.viewer, {
          method: 'GET',
          url: `/api/v1/escalations/${e.id}/mandates`,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await as({
          method: 'GET',
          url: '/api/v1/escalations/00000000-0000-4000-8000-000000000000/mandates',
        })
      ).status,
    ).toBe(404);
  });

  it('an HRC statement needs a partner in ECOSOC consultative status (422 otherwise)', async () => {
    const d = await person('Lina Saleh', 'SY', ['un_submission']);
    const partner = await as({
      method: 'POST',
      url: '/api/v1/partners',
      body: { name: 'Local Rights Group', kind: 'partner' },
    });
    expect(partner.status).toBe(201);
    expect(partner.body.ecosocStatus).toBe('none');
    const bad = await as({
      method: 'POST',
      url: '/api/v1/partners',
      body: { name: 'X', kind: 'partner', ecosocStatus: 'observer' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('ecosocStatus');

    const e = await open({
      defenderIds: [d],
      mechanism: 'unhrc',
      kind: 'hrc_statement',
      partnerIds: [partner.body.id],
      meetingOn: '2026-09-08',
    });
    expect(e.deadlines).toEqual([
      expect.objectContaining({ key: 'submission', dueOn: '2026-08-25', open: true }),
    ]);
    await walk(e.id, 'in_review', 'approved');
    const refused = await step(e.id, { to: 'submitted' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/ECOSOC consultative status/);

    const p = await as({
      method: 'PATCH',
      url: `/api/v1/partners/${partner.body.id}`,
      body: { ecosocStatus: 'special' },
      headers: { 'if-match': `"${partner.body.version}"` },
    });
    expect(p.status).toBe(200);
    expect(p.body.ecosocStatus).toBe('special');
    const ok = await walk(e.id, 'submitted');
    expect(ok.state).toBe('submitted');
  });

  it('the OpenAPI document lists every mechanism and kind, and the mandate map', async () => {
    const res = await api.request({ method: 'GET', url: '/docs-json' });
    expect(res.status).toBe(200);
    const schemas = res.body.components.schemas as Record<
      string,
      { properties: Record<string, { enum?: string[] }> }
    >;
    const create = schemas.CreateEscalationDto.properties;
    expect(create.mechanism.enum).toEqual(
      expect.arrayContaining([
        'wgeid',
        'ced',
        'hrcttee',
        'cat',
        'sg_reprisals',
        'ecthr',
        'african_court',
      ]),
    );
    expect(create.kind.enum).toEqual(
      expect.arrayContaining([
        'wgeid_urgent_action',
        'ced_urgent_action',
        'treaty_communication',
        'reprisals_report',
        'ecthr_rule_39',
        'african_court_provisional',
      ]),
    );
    expect(res.body.paths['/api/v1/escalations/{id}/mandates'].get.description).toMatch(/mandates/);
  });
});
