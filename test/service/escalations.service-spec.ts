import {
  EscalationsModule,
  EscalationsService,
  MilestonesModule,
  MilestonesService,
  type EscalationView,
} from '@witness/domain';
import { ConflictError, ForbiddenError, ValidationFailedError } from '@witness/platform';
import { startServices, type ServiceTier, type TestActor } from '../support/service';

/**
 * The escalation workflow (who may take which step, what is legal from where) and the
 * government's reply clock: transmission starts it (60 days, extendable by up to a month),
 * the opinion retires it and starts the follow-up; both drive milestones for the owner.
 */
describe('escalation workflow and reply clock (service tier)', () => {
  let t: ServiceTier;
  let escalations: EscalationsService;
  let milestones: MilestonesService;

  beforeAll(async () => {
    t = await startServices({ imports: [EscalationsModule, MilestonesModule] });
    escalations = t.get(EscalationsService);
    milestones = t.get(MilestonesService);
  });
  afterAll(() => t?.close());
  afterEach(() => t.clock.set('2026-06-15T10:00:00Z'));

  const step = (e: { id: string }, to: string, as: TestActor, extra = {}) =>
    escalations.transition(e.id, { to, ...extra }, as);

  /** A WGAD communication of a detained defender with consent, taken to `submitted`. */
  const submitted = async (): Promise<{ e: EscalationView; defenderId: string }> => {
    const d = await t.make.defender();
    await t.make.consent(d.id, 'un_submission');
    // A WGAD opinion names the person: consent to a public UN document as well.
    await t.make.consent(d.id, 'public_un_document');
    const e = await t.make.escalation([d.id]);
    for (const to of ['in_review', 'approved', 'submitted'])
      await step(e, to, t.actors.coordinator, { date: '2026-05-20' });
    return { e, defenderId: d.id };
  };

  const clockMilestones = async (defenderId: string) =>
    (await milestones.forDefender(defenderId, {}, t.actors.coordinator)).data
      .filter((m) => m.source === 'escalation')
      .map((m) => ({ kind: m.kind, status: m.status, due: m.dueAt.slice(0, 10) }));

  it('refuses an illegal step with the allowed ones; roles decide who takes which', async () => {
    const { caseworker, coordinator, viewer } = t.actors;
    const d = await t.make.defender();
    const e = await t.make.escalation([d.id], { ownerId: coordinator.userId }, caseworker);
    // The steps shown are the viewer's own: a caseworker may only send a draft to review.
    expect(e).toMatchObject({ state: 'draft', allowedTransitions: ['in_review'] });

    for (const to of ['opinion_adopted', 'teleported']) {
      const err = await step(e, to, coordinator).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(ConflictError);
      expect(err).toMatchObject({ extra: { allowed: ['in_review', 'withdrawn'] } });
    }
    // The caseworker drafts and sends to review, but may not approve; a viewer takes no step.
    const review = await step(e, 'in_review', caseworker);
    expect(review).toMatchObject({ state: 'in_review', allowedTransitions: ['draft'] });
    await expect(step(e, 'approved', caseworker)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(step(e, 'approved', viewer)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await escalations.get(e.id, coordinator)).state).toBe('in_review');

    const approved = await step(e, 'approved', coordinator, { note: 'Good to go' });
    expect(approved.allowedTransitions).toEqual(['submitted', 'draft', 'withdrawn']);
    await expect(step(e, 'submitted', caseworker)).rejects.toBeInstanceOf(ForbiddenError);
    expect(
      (await escalations.transitions(e.id, coordinator)).map((x) => `${x.from}->${x.to}`),
    ).toEqual(['draft->in_review', 'in_review->approved']);
  });

  it('a closed escalation takes no step; a step dated in the future is refused, naming date', async () => {
    const { coordinator } = t.actors;
    const d = await t.make.defender();
    const e = await t.make.escalation([d.id]);
    await expect(step(e, 'in_review', coordinator, { date: '2026-06-16' })).rejects.toMatchObject({
      errors: [{ field: 'date' }],
    });
    const withdrawn = await step(e, 'withdrawn', coordinator);
    expect(withdrawn.allowedTransitions).toEqual([]);
    await expect(step(e, 'draft', coordinator)).rejects.toMatchObject({
      code: 'conflict',
      extra: { allowed: [] },
    });
  });

  it('transmission starts the reply clock (60 days) with a milestone for the owner; it counts down', async () => {
    const { coordinator } = t.actors;
    const { e, defenderId } = await submitted();
    const transmitted = await step(e, 'transmitted_to_government', coordinator, {
      date: '2026-06-01',
      unReference: 'WGAD/EGY/2026/7',
    });
    expect(transmitted).toMatchObject({
      transmittedOn: '2026-06-01',
      extensionDays: 0,
      replyDueOn: '2026-07-31',
      daysUntilReplyDue: 46,
    });
    expect(await clockMilestones(defenderId)).toEqual([
      { kind: 'wgad_reply_due', status: 'open', due: '2026-07-31' },
    ]);
    const [reply] = (await milestones.forDefender(defenderId, {}, coordinator)).data;
    expect(reply.assigneeIds).toEqual([coordinator.userId]);

    t.clock.set('2026-07-31T09:00:00Z');
    expect((await escalations.get(e.id, coordinator)).daysUntilReplyDue).toBe(0);
    t.clock.set('2026-08-03T09:00:00Z');
    expect((await escalations.get(e.id, coordinator)).daysUntilReplyDue).toBe(-3);
    expect(
      (await escalations.list({ dueBefore: '2026-07-31' }, coordinator)).data.map((x) => x.id),
    ).toContain(e.id);
    expect(
      (await escalations.list({ dueBefore: '2026-07-30' }, coordinator)).data.map((x) => x.id),
    ).not.toContain(e.id);
  });

  it('an extension of up to a month moves the deadline and its milestone; a longer one is refused', async () => {
    const { coordinator } = t.actors;
    const { e, defenderId } = await submitted();
    const tx = await step(e, 'transmitted_to_government', coordinator, { date: '2026-06-01' });
    const tooLong = await escalations
      .update(e.id, { extensionDays: 45 }, tx.version, coordinator)
      .catch((x: unknown) => x);
    expect(tooLong).toBeInstanceOf(ValidationFailedError);
    expect(tooLong).toMatchObject({ errors: [{ field: 'extensionDays' }] });
    await expect(
      escalations.update(e.id, { extensionDays: 30 }, tx.version - 1, coordinator),
    ).rejects.toMatchObject({ code: 'precondition_failed' });

    const extended = await escalations.update(e.id, { extensionDays: 30 }, tx.version, coordinator);
    expect(extended).toMatchObject({ extensionDays: 30, replyDueOn: '2026-08-30' });
    expect(await clockMilestones(defenderId)).toEqual([
      { kind: 'wgad_reply_due', status: 'open', due: '2026-08-30' },
    ]);
  });

  // A transition that grants a longer extension than the maximum is refused, as the same
  // extension by update is, naming extensionDays, nothing half-written.
  it('refuses a too-long extension granted with the transmission, naming extensionDays', async () => {
    const { e } = await submitted();
    const err = await step(e, 'transmitted_to_government', t.actors.coordinator, {
      date: '2026-06-01',
      extensionDays: 45,
    }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(err).toMatchObject({ errors: [{ field: 'extensionDays' }] });
    expect((await escalations.get(e.id, t.actors.coordinator)).state).toBe('submitted');
  });

  // A step cannot be dated before the step it follows (a government reply before the
  // transmission would drive the clock from an impossible sequence), but a step recorded late,
  // with its true past date after the previous step's, is taken as it is.
  it('refuses a step dated before the step it follows, naming date and that date', async () => {
    const { e } = await submitted();
    await step(e, 'transmitted_to_government', t.actors.coordinator, { date: '2026-06-01' });
    const err = await step(e, 'government_replied', t.actors.coordinator, {
      date: '2026-05-01',
    }).catch((x: unknown) => x);
    expect(err).toMatchObject({
      code: 'incomplete',
      extra: { field: 'date', previousStepOn: '2026-06-01' },
    });
    expect((await escalations.get(e.id, t.actors.coordinator)).state).toBe(
      'transmitted_to_government',
    );
    // Recorded late (today is 2026-06-15), with its true date after the transmission.
    const late = await step(e, 'government_replied', t.actors.coordinator, {
      date: '2026-06-05',
    });
    expect(late).toMatchObject({ state: 'government_replied', governmentRepliedOn: '2026-06-05' });
    // A case entered late: reviewed and approved today, submitted and transmitted months ago.
    const d = await t.make.defender();
    await t.make.consent(d.id, 'un_submission');
    await t.make.consent(d.id, 'public_un_document');
    const old = await t.make.escalation([d.id]);
    for (const to of ['in_review', 'approved']) await step(old, to, t.actors.coordinator);
    await step(old, 'submitted', t.actors.coordinator, { date: '2026-01-10' });
    expect(
      await step(old, 'transmitted_to_government', t.actors.coordinator, { date: '2026-02-01' }),
    ).toMatchObject({ submittedOn: '2026-01-10', transmittedOn: '2026-02-01' });
    // The same day as the previous step is not before it.
    const same = await submitted();
    await step(same.e, 'transmitted_to_government', t.actors.coordinator, { date: '2026-05-20' });
    expect((await escalations.get(same.e.id, t.actors.coordinator)).transmittedOn).toBe(
      '2026-05-20',
    );
  });

  it("corrects a step's date: the clock and its milestone are derived again from it", async () => {
    const { coordinator } = t.actors;
    const { e, defenderId } = await submitted();
    const sent = await step(e, 'transmitted_to_government', coordinator, { date: '2026-06-01' });
    expect(sent.replyDueOn).toBe('2026-07-31');
    const transmission = (await escalations.transitions(e.id, coordinator)).at(-1)!;

    const fixed = await escalations.correctStepDate(
      e.id,
      transmission.id,
      '2026-05-25',
      sent.version,
      coordinator,
    );
    expect(fixed).toMatchObject({ transmittedOn: '2026-05-25', replyDueOn: '2026-07-24' });
    expect(fixed.version).toBeGreaterThan(sent.version);
    expect((await escalations.transitions(e.id, coordinator)).at(-1)).toMatchObject({
      id: transmission.id,
      date: '2026-05-25',
    });
    expect(await clockMilestones(defenderId)).toEqual([
      { kind: 'wgad_reply_due', status: 'open', due: '2026-07-24' },
    ]);
    const audit = await t.db.query(
      `SELECT changes FROM audit_events WHERE action = 'escalation.step_date_correct' AND entity_id = $1`,
      [e.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).toMatchObject({
      occurredOn: { from: '2026-06-01', to: '2026-05-25' },
    });
  });

  it('refuses a corrected date out of order, in the future, by the wrong role or version', async () => {
    const { coordinator, caseworker } = t.actors;
    const { e } = await submitted();
    await step(e, 'transmitted_to_government', coordinator, { date: '2026-06-01' });
    const replied = await step(e, 'government_replied', coordinator, { date: '2026-06-10' });
    const [, , submission, transmission] = await escalations.transitions(e.id, coordinator);
    expect(submission.to).toBe('submitted');
    const correct = (
      transitionId: string,
      on: string,
      version = replied.version,
      as = coordinator,
    ) => escalations.correctStepDate(e.id, transitionId, on, version, as);

    // Before the submission (2026-05-20), after the reply (2026-06-10), in the future.
    await expect(correct(transmission.id, '2026-05-19')).rejects.toMatchObject({
      code: 'incomplete',
      extra: { field: 'occurredOn', previousStepOn: '2026-05-20' },
    });
    await expect(correct(transmission.id, '2026-06-11')).rejects.toMatchObject({
      code: 'incomplete',
      extra: { field: 'occurredOn', nextStepOn: '2026-06-10' },
    });
    await expect(correct(transmission.id, '2026-06-16')).rejects.toMatchObject({
      errors: [{ field: 'occurredOn' }],
    });
    await expect(
      correct(transmission.id, '2026-06-02', replied.version, caseworker),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(correct(transmission.id, '2026-06-02', replied.version - 1)).rejects.toMatchObject(
      {
        code: 'precondition_failed',
      },
    );
    const other = await submitted();
    await expect(
      escalations.correctStepDate(
        other.e.id,
        transmission.id,
        '2026-06-02',
        replied.version,
        coordinator,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    // Nothing changed.
    expect((await escalations.get(e.id, coordinator)).transmittedOn).toBe('2026-06-01');
  });

  it('the opinion retires the reply clock and starts the follow-up; closing ends it', async () => {
    const { coordinator, caseworker, admin } = t.actors;
    const { e, defenderId } = await submitted();
    await step(e, 'transmitted_to_government', coordinator, { date: '2026-06-01' });
    await step(e, 'government_replied', coordinator, { date: '2026-06-10' });
    // Recording a UN outcome is the coordinators' and admins'; its number is No. N/YYYY.
    await expect(step(e, 'opinion_adopted', caseworker)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      step(e, 'opinion_adopted', coordinator, { opinionNumber: '12/2026' }),
    ).rejects.toMatchObject({ errors: [{ field: 'opinionNumber' }] });

    const opinion = await step(e, 'opinion_adopted', admin, {
      date: '2026-06-12',
      opinionNumber: 'No. 12/2026',
      arbitrary: true,
      categoriesFound: ['II', 'III'],
    });
    // The WGAD counts the six months from the opinion's transmission, not its adoption.
    expect(opinion).toMatchObject({
      state: 'opinion_adopted',
      governmentRepliedOn: '2026-06-10',
      opinionAdoptedOn: '2026-06-12',
      followUpDueOn: null,
      daysUntilReplyDue: null,
      outcome: { arbitrary: true, categoriesFound: ['II', 'III'] },
    });
    expect(await clockMilestones(defenderId)).toEqual([
      { kind: 'wgad_reply_due', status: 'cancelled', due: '2026-07-31' },
    ]);
    const sent = await step(e, 'opinion_transmitted', coordinator, { date: '2026-06-12' });
    expect(sent).toMatchObject({ opinionTransmittedOn: '2026-06-12', followUpDueOn: '2026-12-12' });
    expect(await clockMilestones(defenderId)).toEqual([
      { kind: 'wgad_reply_due', status: 'cancelled', due: '2026-07-31' },
      { kind: 'wgad_follow_up_due', status: 'open', due: '2026-12-12' },
    ]);
    await step(e, 'follow_up', coordinator);
    await step(e, 'closed', coordinator);
    expect(await clockMilestones(defenderId)).toEqual([
      { kind: 'wgad_reply_due', status: 'cancelled', due: '2026-07-31' },
      { kind: 'wgad_follow_up_due', status: 'cancelled', due: '2026-12-12' },
    ]);
  });

  it('each kind has its own steps: a Special Procedures appeal awaits a reply once sent; a WGAD case may be filed', async () => {
    const { coordinator } = t.actors;
    const d = await t.make.defender();
    await t.make.consent(d.id, 'un_submission');
    await t.make.consent(d.id, 'public_un_document');
    const appeal = await t.make.escalation([d.id], {
      mechanism: 'special_procedures',
      kind: 'sp_urgent_appeal',
    });
    // Submitted the day before the communication was sent (a step never precedes the last).
    for (const to of ['in_review', 'approved', 'submitted'])
      await step(appeal, to, coordinator, { date: '2026-06-04' });
    await expect(step(appeal, 'transmitted_to_government', coordinator)).rejects.toMatchObject({
      extra: { allowed: ['communication_sent', 'withdrawn'] },
    });
    // An urgent appeal has its own, shorter, reply clock (not the WGAD's 60 days).
    const sent = await step(appeal, 'communication_sent', coordinator, { date: '2026-06-05' });
    expect(sent).toMatchObject({ replyDueOn: '2026-07-05', daysUntilReplyDue: 20 });
    expect(sent.allowedTransitions).toEqual([
      'government_replied',
      'no_reply',
      'published',
      'closed',
    ]);
    // A kind that goes to another mechanism is refused, naming mechanism.
    await expect(
      t.make.escalation([d.id], { mechanism: 'wgad', kind: 'sp_urgent_appeal' }),
    ).rejects.toMatchObject({ errors: [{ field: 'mechanism' }] });

    const { e } = await submitted();
    const filed = await step(e, 'filed', coordinator, { note: 'Released; the WGAD filed it' });
    expect(filed).toMatchObject({ state: 'filed', allowedTransitions: [] });
  });

  it('a release after the submission is attributed to the escalation (derived from the timeline)', async () => {
    const { e, defenderId } = await submitted();
    expect((await escalations.get(e.id, t.actors.coordinator)).releasesAfter).toEqual([]);
    await t.make.event(defenderId, 'arrest', '2026-01-01');
    await t.make.event(defenderId, 'release', '2026-06-02');
    expect((await escalations.get(e.id, t.actors.coordinator)).releasesAfter).toEqual([
      { defenderId, releasedOn: '2026-06-02', type: 'release' },
    ]);
  });
});

describe('reply clock periods come from the configuration (service tier)', () => {
  let t: ServiceTier;
  beforeAll(async () => {
    t = await startServices({
      imports: [EscalationsModule],
      env: { WGAD_REPLY_DAYS: '30', WGAD_MAX_EXTENSION_DAYS: '10', WGAD_FOLLOW_UP_MONTHS: '3' },
    });
  });
  afterAll(() => t?.close());

  it('uses WGAD_REPLY_DAYS, WGAD_MAX_EXTENSION_DAYS and WGAD_FOLLOW_UP_MONTHS', async () => {
    const escalations = t.get(EscalationsService);
    const { coordinator } = t.actors;
    const d = await t.make.defender();
    await t.make.consent(d.id, 'un_submission');
    await t.make.consent(d.id, 'public_un_document');
    const e = await t.make.escalation([d.id]);
    for (const to of ['in_review', 'approved', 'submitted'])
      await escalations.transition(e.id, { to, date: '2026-05-20' }, coordinator);
    const tx = await escalations.transition(
      e.id,
      { to: 'transmitted_to_government', date: '2026-06-01' },
      coordinator,
    );
    expect(tx.replyDueOn).toBe('2026-07-01');
    await expect(
      escalations.update(e.id, { extensionDays: 30 }, tx.version, coordinator),
    ).rejects.toMatchObject({
      errors: [{ field: 'extensionDays', message: expect.stringMatching(/10/) }],
    });
    expect(
      (await escalations.update(e.id, { extensionDays: 10 }, tx.version, coordinator)).replyDueOn,
    ).toBe('2026-07-11');
    const o = await escalations.transition(
      e.id,
      { to: 'opinion_adopted', date: '2026-06-10', opinionNumber: 'No. 3/2026' },
      coordinator,
    );
    expect(o.followUpDueOn).toBeNull();
    const sent = await escalations.transition(
      e.id,
      { to: 'opinion_transmitted', date: '2026-06-12' },
      coordinator,
    );
    expect(sent.followUpDueOn).toBe('2026-09-12');
  });
});
