import {
  DefendersModule,
  DefendersService,
  PublicationModule,
  PublicationService,
  SolidarityModule,
  SolidarityService,
} from '@witness/domain';
import { ForbiddenError, NotFoundError } from '@witness/platform';
import { startServices, type ServiceTier } from '../support/service';

/**
 * Who may know of a case (its access level, its assignees) and what the public sees (a
 * solidarity action's isPublic) are decided by coordinators and admins. A caseworker who sends
 * one of those fields is refused whole (403 naming the field), nothing is saved, and the
 * attempt is audited; opening a case as restricted is theirs to do.
 */
describe('decision fields: caseworker vs coordinator (service tier)', () => {
  let t: ServiceTier;
  let defenders: DefendersService;
  let solidarity: SolidarityService;

  beforeAll(async () => {
    t = await startServices({ imports: [DefendersModule, SolidarityModule, PublicationModule] });
    defenders = t.get(DefendersService);
    solidarity = t.get(SolidarityService);
  });
  afterAll(() => t?.close());

  const refusals = async (userId: string) =>
    (await t.db.query(
      `SELECT entity_type, changes FROM audit_events
        WHERE action = 'access.denied' AND actor_id = $1 ORDER BY id`,
      [userId],
    )) as { entity_type: string; changes: { fields: string[] } }[];

  it('refuses a caseworker who changes a case’s access, whole: nothing saved, the field named, audited', async () => {
    const { caseworker, coordinator } = t.actors;
    const d = await t.make.defender({ summary: 'before' });
    const before = await refusals(caseworker.userId);
    const err = await defenders
      .update(d.id, { access: 'restricted', summary: 'after' }, d.version, caseworker)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toMatchObject({ errors: [{ field: 'access' }] });
    const now = await defenders.get(d.id, coordinator);
    expect(now).toMatchObject({ access: 'standard', summary: 'before', version: d.version });
    const after = await refusals(caseworker.userId);
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({
        entity_type: 'defender',
        changes: expect.objectContaining({ fields: ['access'] }),
      }),
    ]);

    // The same change by a coordinator is theirs to make.
    await expect(
      defenders.update(d.id, { access: 'restricted' }, d.version, coordinator),
    ).resolves.toMatchObject({ access: 'restricted' });
  });

  it('a coordinator restricting a featured case unpublishes its profile in the same change', async () => {
    const { coordinator } = t.actors;
    const publication = t.get(PublicationService);
    const d = await t.make.defender();
    await t.make.consent(d.id, 'public_profile');
    const { view } = await publication.put(
      d.id,
      { featured: true, publicSummary: 'A featured profile.' },
      {},
      coordinator,
    );
    await defenders.update(d.id, { access: 'restricted' }, d.version, coordinator);
    await expect(publication.publicProfile(view.slug)).rejects.toBeInstanceOf(NotFoundError);
    expect(await publication.get(d.id, coordinator)).toMatchObject({
      featured: false,
      unpublishedReason: 'restricted',
    });
  });

  it('lets a caseworker open a case as restricted (and assigns them), and edit it without its access', async () => {
    const { caseworker } = t.actors;
    const d = await t.make.defender({ access: 'restricted' }, caseworker);
    expect(d.access).toBe('restricted');
    await expect(
      defenders.update(d.id, { summary: 'kept' }, d.version, caseworker),
    ).resolves.toMatchObject({ summary: 'kept', access: 'restricted' });
    // Sending back the level it already has is still a decision it may not make.
    await expect(
      defenders.update(d.id, { access: 'restricted' }, d.version + 1, caseworker),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a caseworker who assigns or unassigns people', async () => {
    const { caseworker, otherCaseworker, coordinator } = t.actors;
    const d = await t.make.restrictedCase([caseworker]);
    await expect(defenders.assign(d.id, otherCaseworker.userId, caseworker)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(defenders.unassign(d.id, caseworker.userId, caseworker)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await defenders.assignees(d.id, coordinator)).map((a) => a.userId)).toEqual([
      caseworker.userId,
    ]);
  });

  it('refuses a caseworker who makes a solidarity action public, on creation and on change', async () => {
    const { caseworker, coordinator } = t.actors;
    const d = await t.make.defender();
    const input = {
      defenderIds: [d.id],
      type: 'letter_writing' as const,
      title: 'Letters for the anniversary',
      startsOn: '2026-07-18',
    };
    await expect(
      solidarity.createAction({ ...input, isPublic: true }, caseworker),
    ).rejects.toMatchObject({ code: 'forbidden', errors: [{ field: 'isPublic' }] });
    const privateOne = await solidarity.createAction(input, caseworker);
    expect(privateOne.isPublic).toBe(false);
    await expect(
      solidarity.updateAction(
        privateOne.id,
        { isPublic: true, title: 'changed' },
        privateOne.version,
        caseworker,
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await solidarity.action(privateOne.id, coordinator)).toMatchObject({
      isPublic: false,
      title: input.title,
      version: privateOne.version,
    });
    const fields = (await refusals(caseworker.userId))
      .filter((r) => r.entity_type === 'solidarity_action')
      .map((r) => r.changes.fields);
    expect(fields).toEqual([['isPublic'], ['isPublic']]);

    await expect(
      solidarity.updateAction(privateOne.id, { isPublic: true }, privateOne.version, coordinator),
    ).resolves.toMatchObject({ isPublic: true });
  });
});
