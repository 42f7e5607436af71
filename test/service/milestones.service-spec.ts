import {
  DefendersService,
  DetentionService,
  MilestonesModule,
  MilestonesService,
  type MilestoneKind,
} from '@witness/domain';
import { startServices, type ServiceTier } from '../support/service';

/**
 * Milestones derived in the transaction of the change they come from: a scheduled hearing,
 * the next anniversary of the arrest while the person is deprived of liberty (house arrest
 * included), the profile's review after its last change; and the reminders they plan, only
 * for those who may see the case.
 */
describe('milestones derived after an event (service tier)', () => {
  let t: ServiceTier;
  let milestones: MilestonesService;
  let detention: DetentionService;

  beforeAll(async () => {
    t = await startServices({
      imports: [MilestonesModule],
      now: '2026-06-15T10:00:00Z',
      env: { PROFILE_REVIEW_DAYS: '30' },
    });
    milestones = t.get(MilestonesService);
    detention = t.get(DetentionService);
  });
  afterAll(() => t?.close());

  const of = async (defenderId: string, kind: MilestoneKind) =>
    (await milestones.forDefender(defenderId, { kind }, t.actors.coordinator)).data;

  it('a scheduled hearing is a milestone; moving the event moves it; one in the past is none', async () => {
    const d = await t.make.defender();
    const ev = await t.make.event(d.id, 'hearing', '2026-07-05', { place: 'Cairo Criminal Court' });
    const [hearing] = await of(d.id, 'hearing');
    expect(hearing).toMatchObject({
      title: 'Hearing at Cairo Criminal Court',
      dueAt: '2026-07-05T00:00:00.000Z',
      allDay: true,
      source: 'event',
      status: 'open',
    });

    const moved = await detention.update(
      d.id,
      ev.id,
      { occurredOn: '2026-07-12' },
      ev.version,
      t.actors.caseworker,
    );
    expect(await of(d.id, 'hearing')).toEqual([
      expect.objectContaining({
        id: hearing.id,
        dueAt: '2026-07-12T00:00:00.000Z',
        status: 'open',
      }),
    ]);
    // Corrected to a date that has passed: history, no longer a milestone.
    await detention.update(
      d.id,
      ev.id,
      { occurredOn: '2026-06-10' },
      moved.version,
      t.actors.caseworker,
    );
    expect(await of(d.id, 'hearing')).toEqual([
      expect.objectContaining({ id: hearing.id, status: 'cancelled' }),
    ]);
    await t.make.event(d.id, 'trial', '2026-06-01');
    expect(await of(d.id, 'trial')).toEqual([]);
  });

  it('a detained defender has the next anniversary of the arrest; release cancels it, re-arrest brings one back', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'arrest', '2024-03-10');
    expect(await of(d.id, 'detention_anniversary')).toEqual([
      expect.objectContaining({
        title: '3 years in detention',
        dueAt: '2027-03-10T00:00:00.000Z',
        source: 'anniversary',
        status: 'open',
      }),
    ]);
    await t.make.event(d.id, 'release', '2026-06-01');
    expect((await of(d.id, 'detention_anniversary'))[0].status).toBe('cancelled');
    await t.make.event(d.id, 'rearrest', '2026-06-10');
    expect(await of(d.id, 'detention_anniversary')).toEqual([
      expect.objectContaining({
        title: '1 year in detention',
        dueAt: '2027-06-10T00:00:00.000Z',
        status: 'open',
      }),
    ]);
  });

  it('house arrest keeps the anniversary (a deprivation of liberty); conditional release ends it', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'arrest', '2025-07-01');
    await t.make.event(d.id, 'house_arrest', '2026-01-15');
    expect(await of(d.id, 'detention_anniversary')).toEqual([
      expect.objectContaining({
        title: '1 year in detention',
        dueAt: '2026-07-01T00:00:00.000Z',
        status: 'open',
      }),
    ]);
    const alone = await t.make.defender();
    await t.make.event(alone.id, 'house_arrest', '2025-09-01');
    expect(await of(alone.id, 'detention_anniversary')).toEqual([
      expect.objectContaining({ dueAt: '2026-09-01T00:00:00.000Z', status: 'open' }),
    ]);
    await t.make.event(d.id, 'conditional_release', '2026-06-01');
    expect((await of(d.id, 'detention_anniversary'))[0].status).toBe('cancelled');
  });

  it('the profile review falls PROFILE_REVIEW_DAYS after the last change; archiving cancels every open milestone', async () => {
    const defenders = t.get(DefendersService);
    const d = await t.make.defender();
    expect(await of(d.id, 'profile_review')).toEqual([
      expect.objectContaining({ dueAt: '2026-07-15T00:00:00.000Z', status: 'open' }),
    ]);
    t.clock.set('2026-06-20T10:00:00Z');
    try {
      await defenders.update(d.id, { summary: 'New facts' }, d.version, t.actors.caseworker);
      await t.make.event(d.id, 'hearing', '2026-07-30');
      expect((await of(d.id, 'profile_review'))[0].dueAt).toBe('2026-07-20T00:00:00.000Z');

      await defenders.archive(d.id, t.actors.coordinator);
      const left = await t.db.query(
        `SELECT kind, status FROM milestones WHERE defender_id = $1 ORDER BY kind`,
        [d.id],
      );
      expect(left).toEqual([
        { kind: 'hearing', status: 'cancelled' },
        { kind: 'profile_review', status: 'cancelled' },
      ]);
    } finally {
      t.clock.set('2026-06-15T10:00:00Z');
    }
  });

  it('a restricted case’s reminders go only to those who may see it, and leave with an unassignment', async () => {
    const { caseworker, otherCaseworker, coordinator } = t.actors;
    const d = await t.make.restrictedCase([caseworker, otherCaseworker]);
    await t.make.event(d.id, 'hearing', '2026-07-20');
    const [hearing] = await of(d.id, 'hearing');
    const pending = async () =>
      (
        await t.db.query(
          `SELECT DISTINCT recipient_id FROM deliveries
            WHERE milestone_id = $1 AND state = 'pending' ORDER BY recipient_id`,
          [hearing.id],
        )
      ).map((r: { recipient_id: string }) => r.recipient_id);
    expect(await pending()).toEqual([caseworker.userId, otherCaseworker.userId].sort());

    await t.get(DefendersService).unassign(d.id, otherCaseworker.userId, coordinator);
    expect(await pending()).toEqual([caseworker.userId]);
  });
  it('archiving a case cancels its reminders not yet sent', async () => {
    const { caseworker, coordinator } = t.actors;
    const d = await t.make.restrictedCase([caseworker]);
    await t.make.event(d.id, 'hearing', '2026-07-20');
    const deliveries = () =>
      t.db.query(
        `SELECT DISTINCT l.state, l.last_error FROM deliveries l
           JOIN milestones m ON m.id = l.milestone_id WHERE m.defender_id = $1`,
        [d.id],
      );
    expect(await deliveries()).toEqual([{ state: 'pending', last_error: null }]);
    await t.get(DefendersService).archive(d.id, coordinator);
    const after: { state: string; last_error: string }[] = await deliveries();
    expect(after.map((r) => r.state)).toEqual(after.map(() => 'cancelled'));
    expect(after).toContainEqual({ state: 'cancelled', last_error: 'case archived' });
  });
});
