import {
  DefendersService,
  DetentionModule,
  DetentionService,
  type DefenderView,
} from '@witness/domain';
import { ValidationFailedError } from '@witness/platform';
import { startServices, type ServiceTier } from '../support/service';

/**
 * The defender's status and days in detention, derived from the timeline by the service on
 * every change, in the change's transaction: what the record, lists and filters then show.
 * (The derivation's own cases are unit tests beside detention-status.ts; these prove the
 * service keeps the record in step with it.)
 */
describe('detention status derived from events (service tier)', () => {
  let t: ServiceTier;
  let defenders: DefendersService;
  let detention: DetentionService;

  beforeAll(async () => {
    t = await startServices({ imports: [DetentionModule], now: '2026-06-15T10:00:00Z' });
    defenders = t.get(DefendersService);
    detention = t.get(DetentionService);
  });
  afterAll(() => t?.close());
  afterEach(() => t.clock.set('2026-06-15T10:00:00Z'));

  const derived = async (id: string) => {
    const d: DefenderView = await defenders.get(id, t.actors.coordinator);
    return {
      status: d.status,
      detainedSince: d.detainedSince,
      daysDetained: d.daysDetained,
      totalDaysDetained: d.totalDaysDetained,
    };
  };

  it('a new record is unknown, with no days in detention', async () => {
    const d = await t.make.defender();
    expect(await derived(d.id)).toEqual({
      status: 'unknown',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 0,
    });
  });

  it('an arrest makes the defender detained, and the days grow with the clock', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'arrest', '2026-06-05');
    expect(await derived(d.id)).toEqual({
      status: 'detained',
      detainedSince: '2026-06-05',
      daysDetained: 10,
      totalDaysDetained: 10,
    });
    t.clock.set('2026-06-25T10:00:00Z');
    expect(await derived(d.id)).toMatchObject({ daysDetained: 20, totalDaysDetained: 20 });
  });

  it('release closes the episode; a re-arrest opens a new one; the totals add up', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'arrest', '2026-01-01');
    await t.make.event(d.id, 'release', '2026-01-31');
    expect(await derived(d.id)).toEqual({
      status: 'released',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 30,
    });
    await t.make.event(d.id, 'rearrest', '2026-06-10');
    expect(await derived(d.id)).toEqual({
      status: 'detained',
      detainedSince: '2026-06-10',
      daysDetained: 5,
      totalDaysDetained: 35,
    });
  });

  it('house arrest is a deprivation of liberty: its own status, the same episode, its days counted', async () => {
    const d = await t.make.defender({ tags: ['house-arrest'] });
    await t.make.event(d.id, 'arrest', '2026-05-01');
    await t.make.event(d.id, 'house_arrest', '2026-06-01', { place: 'Family home' });
    expect(await derived(d.id)).toEqual({
      status: 'house_arrest',
      detainedSince: '2026-05-01',
      daysDetained: 45,
      totalDaysDetained: 45,
    });
    // Lists say so, and the status filter finds it.
    const listed = await defenders.list(
      { status: 'house_arrest', tag: 'house-arrest' },
      t.actors.coordinator,
    );
    expect(listed.data.map((x) => x.id)).toEqual([d.id]);
    // Conditional release is not house arrest: it ends the deprivation of liberty.
    await t.make.event(d.id, 'conditional_release', '2026-06-10');
    expect(await derived(d.id)).toEqual({
      status: 'conditionally_released',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 40,
    });
  });

  it('house arrest alone opens an episode and counts its days', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'house_arrest', '2026-06-01');
    expect(await derived(d.id)).toEqual({
      status: 'house_arrest',
      detainedSince: '2026-06-01',
      daysDetained: 14,
      totalDaysDetained: 14,
    });
  });

  it('enforced disappearance counts as detention; news of the place of detention ends it', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'disappearance', '2026-06-01');
    expect(await derived(d.id)).toMatchObject({ status: 'disappeared', daysDetained: 14 });
    await t.make.event(d.id, 'transfer', '2026-06-08', { place: 'Prison' });
    expect(await derived(d.id)).toMatchObject({
      status: 'detained',
      detainedSince: '2026-06-01',
      daysDetained: 14,
    });
  });

  it('death is terminal: it closes the episode and later events change nothing', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'arrest', '2026-06-01');
    await t.make.event(d.id, 'death', '2026-06-11');
    await t.make.event(d.id, 'release', '2026-06-12');
    expect(await derived(d.id)).toEqual({
      status: 'deceased',
      detainedSince: null,
      daysDetained: null,
      totalDaysDetained: 10,
    });
  });

  it('events entered out of order give the same result as in order', async () => {
    const inOrder = await t.make.defender();
    const outOfOrder = await t.make.defender();
    const events = [
      ['arrest', '2025-01-01'],
      ['release', '2025-03-01'],
      ['rearrest', '2026-01-01'],
      ['house_arrest', '2026-04-01'],
    ] as const;
    for (const [type, on] of events) await t.make.event(inOrder.id, type, on);
    for (const [type, on] of [...events].reverse()) await t.make.event(outOfOrder.id, type, on);
    expect(await derived(outOfOrder.id)).toEqual(await derived(inOrder.id));
    expect(await derived(inOrder.id)).toEqual({
      status: 'house_arrest',
      detainedSince: '2026-01-01',
      daysDetained: 165,
      totalDaysDetained: 224,
    });
  });

  it('a corrected date or type re-derives the status, without moving the record’s version', async () => {
    const d = await t.make.defender();
    const arrest = await t.make.event(d.id, 'arrest', '2026-06-01');
    const version = (await defenders.get(d.id, t.actors.coordinator)).version;
    const moved = await detention.update(
      d.id,
      arrest.id,
      { occurredOn: '2026-05-01' },
      arrest.version,
      t.actors.caseworker,
    );
    expect(moved.version).toBe(arrest.version + 1);
    expect(await derived(d.id)).toMatchObject({ detainedSince: '2026-05-01', daysDetained: 45 });
    await detention.update(
      d.id,
      arrest.id,
      { type: 'house_arrest' },
      moved.version,
      t.actors.caseworker,
    );
    expect(await derived(d.id)).toMatchObject({ status: 'house_arrest', daysDetained: 45 });
    expect((await defenders.get(d.id, t.actors.coordinator)).version).toBe(version);
  });

  it('a scheduled hearing changes nothing; a release in the future is refused, naming occurredOn', async () => {
    const d = await t.make.defender();
    await t.make.event(d.id, 'arrest', '2026-06-01');
    const hearing = await t.make.event(d.id, 'hearing', '2026-07-01');
    expect(hearing.scheduled).toBe(true);
    expect(await derived(d.id)).toMatchObject({ status: 'detained', daysDetained: 14 });
    const err = await t.make.event(d.id, 'release', '2026-07-02').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(err).toMatchObject({ errors: [{ field: 'occurredOn' }] });
    expect((await detention.list(d.id, t.actors.coordinator)).map((e) => e.type)).toEqual([
      'arrest',
      'hearing',
    ]);
  });

  it('events added at once on one case leave the status of all of them (the case is locked)', async () => {
    const d = await t.make.defender();
    await Promise.all([
      t.make.event(d.id, 'arrest', '2026-06-01'),
      t.make.event(d.id, 'transfer', '2026-06-03'),
      t.make.event(d.id, 'house_arrest', '2026-06-05'),
    ]);
    expect(await derived(d.id)).toEqual({
      status: 'house_arrest',
      detainedSince: '2026-06-01',
      daysDetained: 14,
      totalDaysDetained: 14,
    });
  });
});
