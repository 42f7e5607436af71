import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { createStaff, createUser, type TestUser, asUser } from './support/users';

/**
 * Escalations to UN mechanisms end to end through the real api: validation, the WGAD regular
 * procedure with its UN dates, the workflow's 409 naming the allowed steps, who may take
 * which step, the consent gate, the clock (reply and follow-up deadlines as milestones for the
 * owner), access following the defenders', the audit trail and the encrypted source identity.
 * The configured periods are checked in escalations-config.e2e-spec.ts (config is read once
 * per loaded app module, so a different period needs its own file).
 */

const DAY = 24 * 60 * 60_000;
const UNKNOWN_PARTNER = '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab';

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

describe('escalations', () => {
  let api: TestApi;
  let staff: Staff;
  /** A caseworker NOT assigned to the restricted case. */
  let outsider: TestUser;
  let amina: { id: string };
  let restricted: { id: string };

  const as = (user: TestUser, o: RequestOptions): Promise<TestResponse> => asUser(api, user, o);

  const wgad = (defenderIds: string[], extra: Record<string, unknown> = {}) => ({
    defenderIds,
    mechanism: 'wgad',
    kind: 'wgad_regular',
    ...extra,
  });

  const create = async (user: TestUser, body: Record<string, unknown>) => {
    const res = await as(user, { method: 'POST', url: '/api/v1/escalations', body });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; state: string };
  };

  const step = (user: TestUser, id: string, body: Record<string, unknown>) =>
    as(user, { method: 'POST', url: `/api/v1/escalations/${id}/transitions`, body });

  const stepOk = async (user: TestUser, id: string, body: Record<string, unknown>) => {
    const res = await step(user, id, body);
    if (res.status !== 200) throw new Error(`${body.to}: ${res.status} ${res.text}`);
    return res.body;
  };

  const consent = async (
    defenderId: string,
    decidedOn = api.clock.today(),
    purpose = 'un_submission',
  ) => {
    const res = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${defenderId}/consents`,
      body: {
        purpose,
        decision: 'given',
        givenBy: 'defender',
        method: 'written',
        decidedOn,
      },
    });
    expect(res.status).toBe(201);
  };

  const mkDefender = async (body: Record<string, unknown>) => {
    const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/defenders', body });
    expect(res.status).toBe(201);
    return { id: res.body.id as string };
  };

  const milestonesOf = async (defenderId: string) => {
    const res = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/milestones?defenderId=${defenderId}`,
    });
    expect(res.status).toBe(200);
    return res.body.data as {
      id: string;
      kind: string;
      dueAt: string;
      status: string;
      assigneeIds: string[];
      source: string | null;
    }[];
  };

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(api);
    outsider = await createUser(api, 'caseworker', 'Outside Caseworker');
    amina = await mkDefender({ fullName: 'Amina Haddad', country: 'EG' });
    restricted = await mkDefender({
      fullName: 'Samir Khalil',
      country: 'EG',
      access: 'restricted',
    });
    const assign = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${restricted.id}/assignees`,
      body: { userId: staff.caseworker.id },
    });
    expect(assign.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('create: validation', () => {
    const expect400 = async (body: unknown, field: string, message?: RegExp) => {
      const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/escalations', body });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const errors = res.body.errors as { field: string; message: string }[];
      const hit = errors.find((e) => e.field === field);
      expect(hit).toBeDefined();
      if (message) expect(hit!.message).toMatch(message);
      return res;
    };

    it('refuses a kind that does not go to the mechanism, naming mechanism', async () => {
      const res = await expect400(
        wgad([amina.id], { mechanism: 'special_procedures' }),
        'mechanism',
        /wgad/,
      );
      expect(res.body.errors[0].message).toMatch(/wgad_regular/);
      await expect400(
        { defenderIds: [amina.id], mechanism: 'wgad', kind: 'sp_urgent_appeal' },
        'mechanism',
        /special_procedures/,
      );
    });

    it('refuses no defenders, bad uuids, unknown enums and unknown fields', async () => {
      await expect400(wgad([]), 'defenderIds');
      await expect400(wgad(['not-a-uuid']), 'defenderIds', /uuid/);
      await expect400(wgad([amina.id], { mechanism: 'icc' }), 'mechanism');
      await expect400(wgad([amina.id], { kind: 'tweet' }), 'kind');
      await expect400(wgad([amina.id], { ownerId: 'me' }), 'ownerId', /uuid/);
      await expect400(wgad([amina.id], { state: 'approved' }), 'state', /not a known field/);
      await expect400(
        wgad([amina.id], {
          content: { identityDocuments: [{ defenderId: amina.id, issuedOn: '2024-02-30' }] },
        }),
        'content.identityDocuments[0].issuedOn',
      );
      // The arrest is drawn from the timeline, not typed: an old client's typed arrest is refused.
      await expect400(
        wgad([amina.id], { content: { arrest: { place: 'Cairo' } } }),
        'content.arrest',
      );
      await expect400(
        wgad([amina.id], {
          content: {
            identityDocuments: [
              { defenderId: '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab', type: 'Passport' },
            ],
          },
        }),
        'content.identityDocuments[0].defenderId',
      );
      await expect400(
        wgad([amina.id], { content: { categories: [{ category: 'VI', argument: 'x' }] } }),
        'content.categories[0].category',
      );
      const none = await as(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/escalations',
        body: wgad(['7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab']),
      });
      expect(none.status).toBe(404);
      const viewer = await as(staff.viewer, {
        method: 'POST',
        url: '/api/v1/escalations',
        body: wgad([amina.id]),
      });
      expect(viewer.status).toBe(403);
      // Nothing was created by any of these.
      const count = await api.db.query(`SELECT count(*)::int AS n FROM escalations`);
      expect(count[0].n).toBe(0);
    });

    it('creates a draft with Location and ETag, owned by its creator', async () => {
      const res = await as(staff.caseworker, {
        method: 'POST',
        url: '/api/v1/escalations',
        body: wgad([amina.id, amina.id], { unReference: 'AL EGY 1/2026' }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/escalations/${res.body.id}`);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        defenderIds: [amina.id],
        mechanism: 'wgad',
        kind: 'wgad_regular',
        state: 'draft',
        ownerId: staff.caseworker.id,
        // A caseworker only drafts and sends to review; withdrawing is the coordinators'.
        allowedTransitions: ['in_review'],
        replyDueOn: null,
        daysUntilReplyDue: null,
        version: 1,
      });
    });
  });

  describe('the WGAD regular procedure', () => {
    let id: string;
    const D = '2026-06-01';

    it('illegal steps get 409 listing the allowed ones; roles decide who takes which', async () => {
      id = (
        await create(
          staff.caseworker,
          wgad([amina.id], {
            ownerId: staff.coordinator.id,
            content: {
              circumstances: 'Arrested at dawn in Cairo.',
              categories: [{ category: 'II', argument: 'Arrested for her reporting.' }],
            },
          }),
        )
      ).id;

      const illegal = await step(staff.coordinator, id, { to: 'opinion_adopted' });
      expect(illegal.status).toBe(409);
      expect(illegal.body.allowed).toEqual(['in_review', 'withdrawn']);
      expect(illegal.body).toMatchObject({ from: 'draft', to: 'opinion_adopted' });
      expect(illegal.body.detail).toMatch(/in_review, withdrawn/);
      const unknown = await step(staff.coordinator, id, { to: 'teleported' });
      expect(unknown.status).toBe(409);
      expect(unknown.body.allowed).toEqual(['in_review', 'withdrawn']);
      const malformed = await step(staff.coordinator, id, { to: 'In Review!' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('to');

      // The caseworker drafts and sends to review ...
      const review = await stepOk(staff.caseworker, id, { to: 'in_review' });
      expect(review.state).toBe('in_review');
      expect(review.allowedTransitions).toEqual(['draft']);
      // ... but may not approve; a viewer takes no step at all.
      const approve = await step(staff.caseworker, id, { to: 'approved' });
      expect(approve.status).toBe(403);
      expect((await step(staff.viewer, id, { to: 'approved' })).status).toBe(403);
      expect(
        (await as(staff.coordinator, { method: 'GET', url: `/api/v1/escalations/${id}` })).body
          .state,
      ).toBe('in_review');

      const approved = await stepOk(staff.coordinator, id, { to: 'approved', note: 'Good to go' });
      expect(approved.allowedTransitions).toEqual(['submitted', 'draft', 'withdrawn']);
      // The caseworker may not submit either.
      expect((await step(staff.caseworker, id, { to: 'submitted' })).status).toBe(403);
    });

    it("submission needs the defender's un_submission consent (409 naming it), and to be named in a public UN document (422 naming the person)", async () => {
      const refused = await step(staff.coordinator, id, { to: 'submitted', date: '2026-05-20' });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/un_submission/);
      expect(refused.body.detail).toMatch(/consent/i);
      expect(
        (await as(staff.coordinator, { method: 'GET', url: `/api/v1/escalations/${id}` })).body
          .state,
      ).toBe('approved');

      // A refusal is no consent either.
      const refusal = await as(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/defenders/${amina.id}/consents`,
        body: {
          purpose: 'un_submission',
          decision: 'refused',
          givenBy: 'defender',
          method: 'oral',
          decidedOn: '2026-05-01',
        },
      });
      expect(refusal.status).toBe(201);
      expect((await step(staff.coordinator, id, { to: 'submitted' })).status).toBe(409);

      await consent(amina.id, '2026-05-10');
      // A WGAD opinion names the person publicly: consent to a public UN document too (422).
      const unnamed = await step(staff.coordinator, id, { to: 'submitted', date: '2026-05-20' });
      expect(unnamed.status).toBe(422);
      expect(unnamed.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(unnamed.body.detail).toMatch(/Amina Haddad \(not recorded\)/);
      expect(unnamed.body.detail).toMatch(/public_un_document/);
      expect(unnamed.body.missing).toEqual([
        {
          defenderId: amina.id,
          name: 'Amina Haddad',
          consent: 'public_un_document',
          state: 'not recorded',
        },
      ]);
      expect(
        (await as(staff.coordinator, { method: 'GET', url: `/api/v1/escalations/${id}` })).body
          .state,
      ).toBe('approved');
      await consent(amina.id, '2026-05-10', 'public_un_document');
      const submitted = await stepOk(staff.coordinator, id, {
        to: 'submitted',
        date: '2026-05-20',
      });
      expect(submitted).toMatchObject({ state: 'submitted', submittedOn: '2026-05-20' });
    });

    it('transmission sets the reply deadline and a wgad_reply_due milestone for the owner', async () => {
      const future = await step(staff.coordinator, id, {
        to: 'transmitted_to_government',
        date: '2026-07-01',
      });
      expect(future.status).toBe(400);
      expect(future.body.errors[0].field).toBe('date');

      const t = await stepOk(staff.coordinator, id, {
        to: 'transmitted_to_government',
        date: D,
        unReference: 'WGAD/EGY/2026/7',
      });
      expect(t).toMatchObject({
        state: 'transmitted_to_government',
        transmittedOn: D,
        unReference: 'WGAD/EGY/2026/7',
        extensionDays: 0,
        replyDueOn: '2026-07-31', // D + 60
        daysUntilReplyDue: 46, // from 2026-06-15
      });
      const reply = (await milestonesOf(amina.id)).filter((m) => m.kind === 'wgad_reply_due');
      expect(reply).toHaveLength(1);
      expect(reply[0]).toMatchObject({
        status: 'open',
        source: 'escalation',
        assigneeIds: [staff.coordinator.id],
      });
      expect(reply[0].dueAt.slice(0, 10)).toBe('2026-07-31');
    });

    it('an extension (PATCH with If-Match) moves the deadline and its milestone', async () => {
      const url = `/api/v1/escalations/${id}`;
      const current = await as(staff.coordinator, { method: 'GET', url });
      const version = current.body.version as number;
      expect(current.headers.etag).toBe(`"${version}"`);

      const noIfMatch = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { extensionDays: 30 },
      });
      expect(noIfMatch.status).toBe(428);
      const stale = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { extensionDays: 30 },
        headers: { 'if-match': `"${version - 1}"` },
      });
      expect(stale.status).toBe(412);
      const tooLong = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { extensionDays: 45 },
        headers: { 'if-match': `"${version}"` },
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors[0].field).toBe('extensionDays');

      const extended = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { extensionDays: 30 },
        headers: { 'if-match': `"${version}"` },
      });
      expect(extended.status).toBe(200);
      expect(extended.headers.etag).toBe(`"${version + 1}"`);
      expect(extended.body).toMatchObject({
        extensionDays: 30,
        replyDueOn: '2026-08-30', // D + 90
        daysUntilReplyDue: 76,
      });
      const reply = (await milestonesOf(amina.id)).filter((m) => m.kind === 'wgad_reply_due');
      expect(reply).toHaveLength(1);
      expect(reply[0].dueAt.slice(0, 10)).toBe('2026-08-30');
      expect(reply[0].status).toBe('open');
    });

    it('daysUntilReplyDue counts down as the clock moves', async () => {
      const url = `/api/v1/escalations/${id}`;
      api.clock.advance(10 * DAY);
      expect((await as(staff.coordinator, { method: 'GET', url })).body.daysUntilReplyDue).toBe(66);
      api.clock.set(new Date('2026-08-30T09:00:00Z'));
      expect((await as(staff.coordinator, { method: 'GET', url })).body.daysUntilReplyDue).toBe(0);
      api.clock.set(new Date('2026-09-02T09:00:00Z'));
      expect((await as(staff.coordinator, { method: 'GET', url })).body.daysUntilReplyDue).toBe(-3);
      // The list filter finds what falls due.
      const due = await as(staff.coordinator, {
        method: 'GET',
        url: '/api/v1/escalations?dueBefore=2026-08-31&mechanism=wgad',
      });
      expect(due.status).toBe(200);
      expect(due.body.data.map((e: { id: string }) => e.id)).toEqual([id]);
      const notYet = await as(staff.coordinator, {
        method: 'GET',
        url: '/api/v1/escalations?dueBefore=2026-08-29',
      });
      expect(notYet.body.data).toEqual([]);
    });

    it("pending further information: the source's comments deadline is a milestone until they are sent", async () => {
      await stepOk(staff.coordinator, id, { to: 'government_replied', date: '2026-08-25' });
      const pending = await stepOk(staff.coordinator, id, {
        to: 'pending_further_information',
        date: '2026-08-26',
      });
      expect(pending).toMatchObject({
        state: 'pending_further_information',
        commentsRequestedOn: '2026-08-26',
        commentsDueOn: '2026-09-09', // + 14 days (setting)
        daysUntilReplyDue: null,
      });
      expect(pending.deadlines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: 'comments', dueOn: '2026-09-09', open: true }),
          expect.objectContaining({ key: 'reply', open: false }),
        ]),
      );
      let comments = (await milestonesOf(amina.id)).filter((m) => m.kind === 'source_comments_due');
      expect(comments).toHaveLength(1);
      expect(comments[0]).toMatchObject({ status: 'open', assigneeIds: [staff.coordinator.id] });
      expect(comments[0].dueAt.slice(0, 10)).toBe('2026-09-09');
      expect((await milestonesOf(amina.id)).find((m) => m.kind === 'wgad_reply_due')?.status).toBe(
        'cancelled',
      );

      await stepOk(staff.coordinator, id, {
        to: 'source_comments_sent',
        date: '2026-09-01',
        note: 'Final comments sent',
      });
      comments = (await milestonesOf(amina.id)).filter((m) => m.kind === 'source_comments_due');
      expect(comments[0].status).toBe('cancelled');
    });

    it('the opinion: adoption, transmission and publication apart; follow-up six months after the transmission', async () => {
      // Recording a UN outcome is the coordinators' and admins'.
      expect(
        (
          await step(staff.caseworker, id, {
            to: 'opinion_adopted',
            date: '2026-09-02',
            opinionNumber: 'No. 12/2026',
          })
        ).status,
      ).toBe(403);
      const bad = await step(staff.coordinator, id, {
        to: 'opinion_adopted',
        date: '2026-09-02',
        opinionNumber: '12/2026',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('opinionNumber');
      expect(bad.body.errors[0].message).toMatch(/No\. N\/YYYY/);
      const badCategory = await step(staff.coordinator, id, {
        to: 'opinion_adopted',
        categoriesFound: ['VII'],
      });
      expect(badCategory.status).toBe(400);

      const opinion = await stepOk(staff.admin, id, {
        to: 'opinion_adopted',
        date: '2026-09-02',
        opinionNumber: 'No. 12/2026',
        arbitrary: true,
        categoriesFound: ['II', 'III'],
        releaseRequested: true,
        compensationRequested: true,
      });
      expect(opinion).toMatchObject({
        state: 'opinion_adopted',
        opinionNumber: 'No. 12/2026',
        opinionAdoptedOn: '2026-09-02',
        opinionTransmittedOn: null,
        publishedOn: null,
        // Not from the adoption: the follow-up waits for the transmission.
        followUpDueOn: null,
        governmentRepliedOn: '2026-08-25',
        daysUntilReplyDue: null,
        outcome: {
          arbitrary: true,
          categoriesFound: ['II', 'III'],
          releaseRequested: true,
          compensationRequested: true,
        },
      });
      let ms = await milestonesOf(amina.id);
      const reply = ms.filter((m) => m.kind === 'wgad_reply_due');
      expect(reply).toHaveLength(1);
      expect(reply[0].status).toBe('cancelled');
      expect(ms.filter((m) => m.kind === 'wgad_follow_up_due')).toEqual([]);

      // Transmitted weeks after the adoption (never before it).
      const early = await step(staff.coordinator, id, {
        to: 'opinion_transmitted',
        date: '2026-09-01',
      });
      expect(early.status).toBe(400);
      expect(early.body.errors[0].field).toBe('date');
      api.clock.set(new Date('2026-09-30T09:00:00Z'));
      const transmitted = await stepOk(staff.coordinator, id, {
        to: 'opinion_transmitted',
        date: '2026-09-29',
      });
      expect(transmitted).toMatchObject({
        state: 'opinion_transmitted',
        opinionAdoptedOn: '2026-09-02',
        opinionTransmittedOn: '2026-09-29',
        followUpDueOn: '2027-03-29',
        publishedOn: null,
      });
      ms = await milestonesOf(amina.id);
      const follow = ms.filter((m) => m.kind === 'wgad_follow_up_due');
      expect(follow).toHaveLength(1);
      expect(follow[0]).toMatchObject({ status: 'open', assigneeIds: [staff.coordinator.id] });
      expect(follow[0].dueAt.slice(0, 10)).toBe('2027-03-29');

      // The publication date is recorded apart, never before the adoption nor in the future.
      const url = `/api/v1/escalations/${id}`;
      const v = (await as(staff.coordinator, { method: 'GET', url })).body.version as number;
      const patch = (body: Record<string, unknown>, version = v) =>
        as(staff.coordinator, {
          method: 'PATCH',
          url,
          body,
          headers: { 'if-match': `"${version}"` },
        });
      const beforeAdoption = await patch({ publishedOn: '2026-08-01' });
      expect(beforeAdoption.status).toBe(400);
      expect(beforeAdoption.body.errors[0].field).toBe('publishedOn');
      const future = await patch({ publishedOn: '2026-12-01' });
      expect(future.status).toBe(400);
      expect(future.body.errors[0].field).toBe('publishedOn');
      const published = await patch({ publishedOn: '2026-09-30' });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({
        publishedOn: '2026-09-30',
        opinionTransmittedOn: '2026-09-29',
        followUpDueOn: '2027-03-29',
      });

      await stepOk(staff.coordinator, id, { to: 'follow_up', date: '2026-09-30' });
      const closed = await stepOk(staff.coordinator, id, { to: 'closed' });
      expect(closed.allowedTransitions).toEqual([]);
      const after = await step(staff.coordinator, id, { to: 'follow_up' });
      expect(after.status).toBe(409);
      expect(after.body.allowed).toEqual([]);
      const follow2 = (await milestonesOf(amina.id)).filter((m) => m.kind === 'wgad_follow_up_due');
      expect(follow2[0].status).toBe('cancelled');
    });

    it('a release after the submission is attributed to the escalation (derived)', async () => {
      const before = await as(staff.coordinator, {
        method: 'GET',
        url: `/api/v1/escalations/${id}`,
      });
      expect(before.body.releasesAfter).toEqual([]);
      const today = api.clock.today();
      const ev = await as(staff.coordinator, {
        method: 'POST',
        url: `/api/v1/defenders/${amina.id}/events`,
        body: { type: 'release', occurredOn: today, description: 'Released after the opinion' },
      });
      expect(ev.status).toBe(201);
      const after = await as(staff.coordinator, {
        method: 'GET',
        url: `/api/v1/escalations/${id}`,
      });
      expect(after.body.releasesAfter).toEqual([
        { defenderId: amina.id, releasedOn: today, type: 'release' },
      ]);
      expect(after.body.releasesAfter[0].releasedOn >= after.body.submittedOn).toBe(true);
    });

    it('keeps the history and audits every transition', async () => {
      const history = await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/escalations/${id}/transitions`,
      });
      expect(history.status).toBe(200);
      const steps = history.body as { from: string; to: string; date: string; actorId: string }[];
      expect(steps.map((s) => s.to)).toEqual([
        'in_review',
        'approved',
        'submitted',
        'transmitted_to_government',
        'government_replied',
        'pending_further_information',
        'source_comments_sent',
        'opinion_adopted',
        'opinion_transmitted',
        'follow_up',
        'closed',
      ]);
      expect(steps[0]).toMatchObject({ from: 'draft', actorId: staff.caseworker.id });
      expect(steps[3].date).toBe(D);
      expect(steps[7].actorId).toBe(staff.admin.id);

      const audited = await api.db.query<{ actor_id: string; changes: { state: unknown } }[]>(
        `SELECT actor_id, changes FROM audit_events
          WHERE action = 'escalation.transition' AND entity_type = 'escalation' AND entity_id = $1
          ORDER BY id`,
        [id],
      );
      expect(audited).toHaveLength(steps.length);
      expect(audited.map((a) => a.changes.state)).toEqual(
        steps.map((s) => ({ from: s.from, to: s.to })),
      );
      expect(audited[0].actor_id).toBe(staff.caseworker.id);
      // Refused steps (409, 403, 400) left no trace.
      const all = await api.db.query(
        `SELECT count(*)::int AS n FROM escalation_transitions WHERE escalation_id = $1`,
        [id],
      );
      expect(all[0].n).toBe(steps.length);
    });

    it('lists by filter and under the defender', async () => {
      const byState = await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/escalations?state=closed&kind=wgad_regular&defenderId=${amina.id}`,
      });
      expect(byState.status).toBe(200);
      expect(byState.body.data.map((e: { id: string }) => e.id)).toEqual([id]);
      const mine = await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/defenders/${amina.id}/escalations`,
      });
      expect(mine.status).toBe(200);
      expect(mine.body.data.map((e: { id: string }) => e.id)).toContain(id);
      const bad = await as(staff.viewer, {
        method: 'GET',
        url: '/api/v1/escalations?mechanism=icc',
      });
      expect(bad.status).toBe(400);
    });

    it('"no reply" is refused (409 with the date it becomes possible) until the deadline, extension included, has passed', async () => {
      const saved = api.clock.now();
      const e = await create(staff.coordinator, wgad([amina.id]));
      for (const to of ['in_review', 'approved']) await stepOk(staff.coordinator, e.id, { to });
      await stepOk(staff.coordinator, e.id, { to: 'submitted', date: '2026-09-01' });
      const t = await stepOk(staff.coordinator, e.id, {
        to: 'transmitted_to_government',
        date: '2026-09-10',
      });
      expect(t).toMatchObject({ replyDueOn: '2026-11-09', noReplyPossibleFrom: '2026-11-10' });

      const early = await step(staff.coordinator, e.id, { to: 'no_reply' });
      expect(early.status).toBe(409);
      expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(early.body).toMatchObject({ possibleFrom: '2026-11-10', replyDueOn: '2026-11-09' });
      expect(early.body.detail).toMatch(/2026-11-10/);

      const url = `/api/v1/escalations/${e.id}`;
      const v = (await as(staff.coordinator, { method: 'GET', url })).body.version as number;
      const extended = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { extensionDays: 20 },
        headers: { 'if-match': `"${v}"` },
      });
      expect(extended.body).toMatchObject({
        replyDueOn: '2026-11-29',
        noReplyPossibleFrom: '2026-11-30',
      });
      api.clock.set(new Date('2026-11-20T09:00:00Z'));
      const stillEarly = await step(staff.coordinator, e.id, { to: 'no_reply' });
      expect(stillEarly.status).toBe(409);
      expect(stillEarly.body.possibleFrom).toBe('2026-11-30');
      expect(stillEarly.body.detail).toMatch(/extension of 20 days/);

      api.clock.set(new Date('2026-11-30T09:00:00Z'));
      // Dated on the deadline itself: still the government's time.
      expect(
        (await step(staff.coordinator, e.id, { to: 'no_reply', date: '2026-11-29' })).status,
      ).toBe(409);
      expect((await as(staff.coordinator, { method: 'GET', url })).body.state).toBe(
        'transmitted_to_government',
      );
      const none = await stepOk(staff.coordinator, e.id, { to: 'no_reply' });
      expect(none).toMatchObject({ state: 'no_reply', noReplyPossibleFrom: null });
      const reply = await api.db.query<{ status: string }[]>(
        `SELECT status FROM milestones WHERE source = 'escalation' AND source_key = $1`,
        [`${e.id}:reply`],
      );
      expect(reply).toEqual([{ status: 'cancelled' }]);
      api.clock.set(saved);
    });
  });

  describe('access and the source identity', () => {
    let hidden: string;
    let open: string;
    const source = {
      name: 'Nadia Sources-Secret',
      organisation: 'Cairo Watch',
      contact: 'nadia.secret@example.org',
    };

    beforeAll(async () => {
      hidden = (await create(staff.caseworker, wgad([restricted.id], { sourceIdentity: source })))
        .id;
      open = (await create(staff.coordinator, wgad([amina.id], { sourceIdentity: source }))).id;
    });

    it("a restricted defender's escalation is 404 for a viewer and an unassigned caseworker", async () => {
      for (const user of [staff.viewer, outsider]) {
        const get = await as(user, { method: 'GET', url: `/api/v1/escalations/${hidden}` });
        expect(get.status).toBe(404);
        expect(JSON.stringify(get.body)).not.toContain('Samir');
        expect(
          (await as(user, { method: 'GET', url: `/api/v1/escalations/${hidden}/transitions` }))
            .status,
        ).toBe(404);
        const list = await as(user, { method: 'GET', url: '/api/v1/escalations' });
        expect(list.status).toBe(200);
        const ids = list.body.data.map((e: { id: string }) => e.id);
        expect(ids).not.toContain(hidden);
        expect(ids).toContain(open);
        const filtered = await as(user, {
          method: 'GET',
          url: `/api/v1/escalations?defenderId=${restricted.id}`,
        });
        expect(filtered.body.data).toEqual([]);
        expect(
          (await as(user, { method: 'GET', url: `/api/v1/defenders/${restricted.id}/escalations` }))
            .status,
        ).toBe(404);
      }
      // The unassigned caseworker can neither step nor edit it.
      expect((await step(outsider, hidden, { to: 'in_review' })).status).toBe(404);
      expect(
        (
          await as(outsider, {
            method: 'PATCH',
            url: `/api/v1/escalations/${hidden}`,
            body: { notes: 'x' },
            headers: { 'if-match': '"1"' },
          })
        ).status,
      ).toBe(404);
      // The assigned caseworker and a coordinator see it.
      for (const user of [staff.caseworker, staff.coordinator]) {
        expect(
          (await as(user, { method: 'GET', url: `/api/v1/escalations/${hidden}` })).status,
        ).toBe(200);
        const list = await as(user, { method: 'GET', url: '/api/v1/escalations' });
        expect(list.body.data.map((e: { id: string }) => e.id)).toContain(hidden);
      }
      // A caseworker cannot start an escalation for a case they cannot see.
      const start = await as(outsider, {
        method: 'POST',
        url: '/api/v1/escalations',
        body: wgad([restricted.id]),
      });
      expect(start.status).toBe(404);
    });

    it('the source identity is shown to non-viewers only and encrypted at rest', async () => {
      const viewer = await as(staff.viewer, { method: 'GET', url: `/api/v1/escalations/${open}` });
      expect(viewer.status).toBe(200);
      expect(viewer.body).not.toHaveProperty('sourceIdentity');
      expect(viewer.text).not.toContain('Nadia');
      for (const user of [staff.caseworker, staff.coordinator, staff.admin]) {
        const res = await as(user, { method: 'GET', url: `/api/v1/escalations/${open}` });
        expect(res.body.sourceIdentity).toEqual(source);
      }
      // Lists never carry it.
      const list = await as(staff.coordinator, { method: 'GET', url: '/api/v1/escalations' });
      expect(list.text).not.toContain('Nadia');

      const raw = await api.db.query<{ source_identity_enc: string }[]>(
        `SELECT source_identity_enc, escalations::text AS row FROM escalations WHERE id = $1`,
        [open],
      );
      expect(raw[0].source_identity_enc).toBeTruthy();
      const row = JSON.stringify(raw[0]);
      expect(row).not.toContain('Nadia');
      expect(row).not.toContain('nadia.secret@example.org');
      expect(row).not.toContain('Cairo Watch');
      // Neither is it in the audit trail.
      const audit = await api.db.query(
        `SELECT changes::text AS c FROM audit_events WHERE entity_id = $1`,
        [open],
      );
      for (const a of audit as { c: string | null }[]) expect(a.c ?? '').not.toContain('Nadia');

      // Replacing it keeps it encrypted; clearing it leaves nothing.
      const url = `/api/v1/escalations/${open}`;
      const version = (await as(staff.coordinator, { method: 'GET', url })).body.version as number;
      // Created with its source identity in one insert: version 1 (plus the transitions taken).
      const steps = await api.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM escalation_transitions WHERE escalation_id = $1`,
        [open],
      );
      expect(version).toBe(1 + steps[0].n);
      const patched = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { sourceIdentity: { name: 'Omar Other-Secret' } },
        headers: { 'if-match': `"${version}"` },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.sourceIdentity).toMatchObject({ name: 'Omar Other-Secret' });
      const raw2 = await api.db.query(
        `SELECT escalations::text AS row FROM escalations WHERE id = $1`,
        [open],
      );
      expect(raw2[0].row).not.toContain('Omar');
      const audit2 = await api.db.query(
        `SELECT changes::text AS c FROM audit_events WHERE entity_id = $1 AND action = 'escalation.update'`,
        [open],
      );
      expect(audit2[0].c).not.toContain('Omar');
      const cleared = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { sourceIdentity: null },
        headers: { 'if-match': `"${patched.body.version}"` },
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body.sourceIdentity).toBeNull();
    });
  });

  describe('Special Procedures communications on their own clock', () => {
    it('an allegation letter: names withheld or consent, 60 days for the reply, then public', async () => {
      api.clock.set(new Date('2026-09-30T09:00:00Z'));
      const karim = await mkDefender({ fullName: 'Karim Mansour', country: 'EG' });
      await consent(karim.id, '2026-09-01');
      const e = await create(staff.coordinator, {
        defenderIds: [karim.id],
        mechanism: 'special_procedures',
        kind: 'sp_allegation_letter',
        targetRapporteurs: ['SR on human rights defenders'],
      });
      for (const to of ['in_review', 'approved']) await stepOk(staff.coordinator, e.id, { to });
      const named = await step(staff.coordinator, e.id, { to: 'submitted', date: '2026-09-02' });
      expect(named.status).toBe(422);
      expect(named.body.detail).toMatch(/Karim Mansour/);
      expect(named.body.detail).toMatch(/namePublicly/);
      // The source asks that the name be withheld from the communications report.
      const url = `/api/v1/escalations/${e.id}`;
      const v = (await as(staff.coordinator, { method: 'GET', url })).body.version as number;
      const withheld = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { content: { namePublicly: false } },
        headers: { 'if-match': `"${v}"` },
      });
      expect(withheld.status).toBe(200);
      await stepOk(staff.coordinator, e.id, { to: 'submitted', date: '2026-09-02' });
      const sent = await stepOk(staff.coordinator, e.id, {
        to: 'communication_sent',
        date: '2026-09-03',
        unReference: 'AL EGY 5/2026',
      });
      expect(sent).toMatchObject({
        state: 'communication_sent',
        transmittedOn: '2026-09-03',
        replyDueOn: '2026-11-02',
        noReplyPossibleFrom: '2026-11-03',
        followUpDueOn: null,
      });
      expect(sent.deadlines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: 'reply', milestone: 'reply_due', dueOn: '2026-11-02' }),
          expect.objectContaining({
            key: 'publication',
            milestone: 'publication_due',
            dueOn: '2026-11-02',
            open: true,
          }),
        ]),
      );
      const kinds = (await milestonesOf(karim.id))
        .filter((m) => m.source === 'escalation')
        .map((m) => `${m.kind}:${m.status}`)
        .sort();
      expect(kinds).toEqual(['publication_due:open', 'reply_due:open']);
      // No WGAD clock on a Special Procedures letter.
      expect(sent.deadlines.map((d: { milestone: string }) => d.milestone)).not.toContain(
        'wgad_reply_due',
      );
      const early = await step(staff.coordinator, e.id, { to: 'no_reply' });
      expect(early.status).toBe(409);
      expect(early.body.possibleFrom).toBe('2026-11-03');
      // A Special Procedures letter has no extension of the reply period.
      const ext = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        body: { extensionDays: 10 },
        headers: { 'if-match': `"${sent.version}"` },
      });
      expect(ext.status).toBe(400);
      expect(ext.body.errors[0].field).toBe('extensionDays');

      await stepOk(staff.coordinator, e.id, { to: 'government_replied', date: '2026-09-28' });
      let ms = await milestonesOf(karim.id);
      expect(ms.find((m) => m.kind === 'reply_due')?.status).toBe('cancelled');
      expect(ms.find((m) => m.kind === 'publication_due')?.status).toBe('open');
      const published = await stepOk(staff.coordinator, e.id, {
        to: 'published',
        date: '2026-09-30',
      });
      expect(published.publishedOn).toBe('2026-09-30');
      ms = await milestonesOf(karim.id);
      expect(ms.find((m) => m.kind === 'publication_due')?.status).toBe('cancelled');
    });

    it('an urgent appeal asks for a quicker reply than an allegation letter', async () => {
      const nadia = await mkDefender({ fullName: 'Nadia Fathi', country: 'EG' });
      for (const purpose of ['un_submission', 'public_un_document'])
        await consent(nadia.id, '2026-09-01', purpose);
      const e = await create(staff.coordinator, {
        defenderIds: [nadia.id],
        mechanism: 'special_procedures',
        kind: 'sp_urgent_appeal',
      });
      for (const to of ['in_review', 'approved']) await stepOk(staff.coordinator, e.id, { to });
      await stepOk(staff.coordinator, e.id, { to: 'submitted', date: '2026-09-02' });
      const sent = await stepOk(staff.coordinator, e.id, {
        to: 'communication_sent',
        date: '2026-09-10',
      });
      expect(sent).toMatchObject({ replyDueOn: '2026-10-10', daysUntilReplyDue: 10 });
    });
  });

  describe('partners supported', () => {
    const mkPartner = async (name: string) => {
      const res = await as(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/partners',
        body: { name, kind: 'partner', country: 'SN' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };

    it('an escalation names the partners it supported; unknown ones are refused by position', async () => {
      const p1 = await mkPartner('Dakar Defenders Forum');
      const p2 = await mkPartner('Sahel Lawyers Network');
      const before = await api.db.query(`SELECT count(*)::int AS n FROM escalations`);
      const bad = await as(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/escalations',
        body: wgad([amina.id], { partnerIds: [p1, UNKNOWN_PARTNER] }),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['partnerIds[1]']);
      const malformed = await as(staff.coordinator, {
        method: 'POST',
        url: '/api/v1/escalations',
        body: wgad([amina.id], { partnerIds: ['nope'] }),
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['partnerIds']);
      expect(await api.db.query(`SELECT count(*)::int AS n FROM escalations`)).toEqual(before);

      const e = await create(staff.coordinator, wgad([amina.id], { partnerIds: [p2, p1, p2] }));
      const url = `/api/v1/escalations/${e.id}`;
      const read = await as(staff.caseworker, { method: 'GET', url });
      expect([...read.body.partnerIds].sort()).toEqual([p1, p2].sort());
      const listed = await as(staff.caseworker, {
        method: 'GET',
        url: `/api/v1/escalations?defenderId=${amina.id}`,
      });
      const inList = listed.body.data.find((x: { id: string }) => x.id === e.id);
      expect([...inList.partnerIds].sort()).toEqual([p1, p2].sort());

      // Changing only the partners is a change: the version moves, and it is audited.
      const patched = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        headers: { 'if-match': `"${read.body.version}"` },
        body: { partnerIds: [p1] },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.partnerIds).toEqual([p1]);
      expect(patched.body.version).toBe(read.body.version + 1);
      const rows = await api.db.query<{ partner_id: string }[]>(
        `SELECT partner_id FROM escalation_partners WHERE escalation_id = $1`,
        [e.id],
      );
      expect(rows.map((r) => r.partner_id)).toEqual([p1]);
      const audit = await api.db.query<{ changes: { partnerIds?: unknown } }[]>(
        `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'escalation.update'`,
        [e.id],
      );
      expect(audit.map((a) => a.changes.partnerIds)).toEqual([
        { from: expect.arrayContaining([p1, p2]), to: [p1] },
      ]);
      const stale = await as(staff.coordinator, {
        method: 'PATCH',
        url,
        headers: { 'if-match': `"${read.body.version}"` },
        body: { partnerIds: [] },
      });
      expect(stale.status).toBe(412);
    });
  });
});
