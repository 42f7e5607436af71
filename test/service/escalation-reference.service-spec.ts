import { allocateEscalationReference, EscalationsService } from '@witness/domain';
import { startServices, type ServiceTier } from '../support/service';

/**
 * Our reference of an escalation, WIT-YYYY-NNNN: the year it was opened and its number in that
 * year, from 1, with no gaps: a creation that fails or rolls back gives its number back, and
 * creations at once wait in turn for the year's counter.
 */
describe('WIT-YYYY-NNNN reference allocation (service tier)', () => {
  let t: ServiceTier;
  let escalations: EscalationsService;
  let defenderId: string;

  beforeAll(async () => {
    t = await startServices({ now: '2026-06-15T10:00:00Z' });
    escalations = t.get(EscalationsService);
    defenderId = (await t.make.defender()).id;
  });
  afterAll(() => t?.close());

  const open = () =>
    t.make.escalation([defenderId], { kind: 'wgad_urgent_action' }).then((e) => e.reference);

  it('numbers the year’s escalations from 1, gap-free, even when many are opened at once', async () => {
    expect(await open()).toBe('WIT-2026-0001');
    const refs = await Promise.all(Array.from({ length: 12 }, open));
    expect(refs.sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `WIT-2026-${String(i + 2).padStart(4, '0')}`),
    );
  });

  it('gives the number back when the creation fails or its transaction rolls back', async () => {
    const last = await open();
    // Refused (a viewer cannot own an escalation): no number taken.
    await expect(
      t.make.escalation([defenderId], { ownerId: t.actors.viewer.userId }),
    ).rejects.toMatchObject({ errors: [{ field: 'ownerId' }] });
    // Taken inside a transaction that then rolls back: given back.
    await t.db
      .transaction(async (tx) => {
        await allocateEscalationReference(tx, 2026);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const next = await open();
    expect(Number(next.slice(-4))).toBe(Number(last.slice(-4)) + 1);
  });

  it('starts each year at 1; an escalation keeps the year it was opened in', async () => {
    const before = await open();
    t.clock.set('2027-01-01T00:30:00Z');
    expect(await open()).toBe('WIT-2027-0001');
    expect(await open()).toBe('WIT-2027-0002');
    t.clock.set('2026-12-31T23:00:00Z');
    expect(await open()).toBe(`WIT-2026-${String(Number(before.slice(-4)) + 1).padStart(4, '0')}`);
    const all = (await escalations.list({ limit: 200 }, t.actors.coordinator)).data.map(
      (e) => e.reference,
    );
    expect(new Set(all).size).toBe(all.length);
  });
});
