import {
  AccessModule,
  DefendersModule,
  DefendersService,
  DetentionModule,
  DetentionService,
  EscalationsModule,
  EscalationsService,
  MilestonesModule,
  MilestonesService,
} from '@witness/domain';
import { ForbiddenError, NotFoundError } from '@witness/platform';
import { startServices, type ServiceTier } from '../support/service';

/**
 * Need-to-know: who sees which case, by its access level and its assignees. A restricted case
 * exists only for its assigned caseworkers, coordinators and admins; for anyone else a read is
 * a 404 (recorded as a denial) and every list leaves it out.
 */
describe('access policy (service tier)', () => {
  let t: ServiceTier;
  let defenders: DefendersService;

  beforeAll(async () => {
    t = await startServices({
      imports: [
        AccessModule,
        DefendersModule,
        DetentionModule,
        EscalationsModule,
        MilestonesModule,
      ],
    });
    defenders = t.get(DefendersService);
  });
  afterAll(() => t?.close());

  const denials = async (defenderId: string, userId: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = 'access.denied' AND subject_id = $1 AND actor_id = $2`,
        [defenderId, userId],
      )
    )[0].n as number;

  it('shows a standard case to every role, a restricted one only to its assignees, coordinators and admins', async () => {
    const { admin, coordinator, caseworker, otherCaseworker, viewer } = t.actors;
    const standard = await t.make.defender();
    const restricted = await t.make.restrictedCase([caseworker]);

    for (const who of [admin, coordinator, caseworker, otherCaseworker, viewer]) {
      await expect(defenders.get(standard.id, who)).resolves.toMatchObject({ id: standard.id });
    }
    for (const who of [admin, coordinator, caseworker]) {
      await expect(defenders.get(restricted.id, who)).resolves.toMatchObject({
        id: restricted.id,
      });
    }
    for (const who of [otherCaseworker, viewer]) {
      await expect(defenders.get(restricted.id, who)).rejects.toBeInstanceOf(NotFoundError);
      expect(await denials(restricted.id, who.userId)).toBe(1);
    }
  });

  it('answers a case that does not exist exactly as a restricted one (no existence oracle)', async () => {
    const restricted = await t.make.restrictedCase([]);
    const hidden = await defenders.get(restricted.id, t.actors.otherCaseworker).catch((e) => e);
    const absent = await defenders
      .get('00000000-0000-4000-8000-000000000000', t.actors.otherCaseworker)
      .catch((e) => e);
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(absent).toBeInstanceOf(NotFoundError);
    expect(hidden.message.replace(restricted.id, 'ID')).toBe(
      absent.message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
  });

  it('leaves restricted cases out of lists and names for those who may not see them', async () => {
    const { coordinator, caseworker, otherCaseworker, viewer } = t.actors;
    const tag = 'access-list';
    const standard = await t.make.defender({ tags: [tag] });
    const restricted = await t.make.restrictedCase([caseworker], { tags: [tag] });
    const listed = async (who: typeof coordinator) =>
      (await defenders.list({ tag }, who)).data.map((d) => d.id).sort();

    expect(await listed(coordinator)).toEqual([standard.id, restricted.id].sort());
    expect(await listed(caseworker)).toEqual([standard.id, restricted.id].sort());
    expect(await listed(otherCaseworker)).toEqual([standard.id]);
    expect(await listed(viewer)).toEqual([standard.id]);
    expect([...(await defenders.names([standard.id, restricted.id], viewer)).keys()]).toEqual([
      standard.id,
    ]);
  });

  it('gives a caseworker who opens a restricted case access to it; unassigning removes it at once', async () => {
    const { coordinator, caseworker } = t.actors;
    const d = await t.make.defender({ access: 'restricted' }, caseworker);
    expect((await defenders.assignees(d.id, coordinator)).map((a) => a.userId)).toEqual([
      caseworker.userId,
    ]);
    await expect(defenders.get(d.id, caseworker)).resolves.toMatchObject({ id: d.id });

    await defenders.unassign(d.id, caseworker.userId, coordinator);
    await expect(defenders.get(d.id, caseworker)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('never reaches a restricted case through its records: events, escalations', async () => {
    const { coordinator, caseworker, otherCaseworker } = t.actors;
    const restricted = await t.make.restrictedCase([caseworker]);
    const open = await t.make.defender();
    const event = await t.make.event(restricted.id, 'arrest', '2026-01-10');
    const detention = t.get(DetentionService);
    await expect(detention.get(restricted.id, event.id, caseworker)).resolves.toMatchObject({
      id: event.id,
    });
    await expect(detention.get(restricted.id, event.id, otherCaseworker)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // The event id under a case the caseworker may see is not the way in either.
    await expect(detention.get(open.id, event.id, otherCaseworker)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    // A group escalation with one hidden case is hidden whole, and left out of lists.
    const escalations = t.get(EscalationsService);
    const group = await t.make.escalation([open.id, restricted.id], {}, coordinator);
    await expect(escalations.get(group.id, caseworker)).resolves.toMatchObject({ id: group.id });
    await expect(escalations.get(group.id, otherCaseworker)).rejects.toBeInstanceOf(NotFoundError);
    const ids = async (who: typeof caseworker) =>
      (await escalations.list({ limit: 200 }, who)).data.map((e) => e.id);
    expect(await ids(caseworker)).toContain(group.id);
    expect(await ids(otherCaseworker)).not.toContain(group.id);
  });

  it('hides a restricted case’s milestones from those who may not see the case', async () => {
    const { coordinator, caseworker, otherCaseworker, viewer } = t.actors;
    const d = await t.make.restrictedCase([caseworker]);
    await t.make.event(d.id, 'hearing', '2026-07-20');
    const milestones = t.get(MilestonesService);
    const hearings = async (who: typeof coordinator) =>
      (await milestones.list({ defenderId: d.id, kind: 'hearing' }, who)).data.length;
    expect(await hearings(coordinator)).toBe(1);
    expect(await hearings(caseworker)).toBe(1);
    expect(await hearings(otherCaseworker)).toBe(0);
    expect(await hearings(viewer)).toBe(0);
    const [m] = (await milestones.list({ defenderId: d.id, kind: 'hearing' }, coordinator)).data;
    await expect(milestones.get(m.id, otherCaseworker)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('leaves out of a case’s history what names a case the reader may not see', async () => {
    const { coordinator, caseworker, otherCaseworker } = t.actors;
    const open = await t.make.defender();
    const restricted = await t.make.restrictedCase([caseworker]);
    const group = await t.make.escalation([open.id, restricted.id], {}, coordinator);
    const seen = async (who: typeof coordinator) =>
      (await defenders.history(open.id, who, { limit: 50 })).data.map((e) => e.entityId);
    expect(await seen(caseworker)).toContain(group.id);
    expect(await seen(otherCaseworker)).not.toContain(group.id);
    expect(await seen(otherCaseworker)).toContain(open.id);
  });

  it('refuses an escalation owner who may not see every case it concerns, naming ownerId', async () => {
    const { coordinator, caseworker, otherCaseworker, viewer } = t.actors;
    const restricted = await t.make.restrictedCase([caseworker]);
    await expect(
      t.make.escalation([restricted.id], { ownerId: otherCaseworker.userId }, coordinator),
    ).rejects.toMatchObject({ errors: [{ field: 'ownerId' }] });
    await expect(
      t.make.escalation([restricted.id], { ownerId: viewer.userId }, coordinator),
    ).rejects.toMatchObject({ errors: [{ field: 'ownerId' }] });
    await expect(
      t.make.escalation([restricted.id], { ownerId: caseworker.userId }, coordinator),
    ).resolves.toMatchObject({ ownerId: caseworker.userId });
  });

  it('keeps sensitive fields from viewers, on a case they may see', async () => {
    const d = await t.make.defender({
      contacts: [{ name: 'Lawyer', relation: 'lawyer', phone: '+20 100 000 0000' }],
      confidentialNotes: 'cell 4',
    });
    const asViewer = await defenders.get(d.id, t.actors.viewer);
    expect(asViewer.contacts).toBeUndefined();
    expect(asViewer.confidentialNotes).toBeUndefined();
    const asCaseworker = await defenders.get(d.id, t.actors.caseworker);
    expect(asCaseworker.contacts).toEqual([expect.objectContaining({ name: 'Lawyer' })]);
    expect(asCaseworker.confidentialNotes).toBe('cell 4');
  });

  it('lets only coordinators and admins assign; only caseworkers and coordinators are assignable', async () => {
    const { admin, coordinator, caseworker, otherCaseworker, viewer } = t.actors;
    const d = await t.make.restrictedCase([caseworker]);
    await expect(defenders.assign(d.id, otherCaseworker.userId, caseworker)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await defenders.assignees(d.id, coordinator)).map((a) => a.userId)).toEqual([
      caseworker.userId,
    ]);
    await expect(defenders.assign(d.id, viewer.userId, admin)).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'userId', message: 'must be a caseworker or coordinator' }],
    });
    await defenders.assign(d.id, otherCaseworker.userId, admin);
    await expect(defenders.get(d.id, otherCaseworker)).resolves.toMatchObject({ id: d.id });
  });
});
