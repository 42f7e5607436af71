import {
  ConsentsModule,
  ConsentsService,
  DossiersModule,
  DossiersService,
  EscalationsModule,
  EscalationsService,
  MilestonesModule,
  MilestonesService,
  PublicationModule,
  PublicationService,
} from '@witness/domain';
import { ConflictError, NotFoundError, ValidationFailedError } from '@witness/platform';
import { startServices, type ServiceTier } from '../support/service';

/**
 * Consent is recorded per purpose, append-only; the one in force is the latest decision. A
 * withdrawal takes effect at once, in the transaction that records it: the public profile
 * leaves the feed, the photo leaves the profile, a UN submission is refused, the review
 * reminder goes.
 */
describe('consents and the effects of a withdrawal (service tier)', () => {
  let t: ServiceTier;
  let consents: ConsentsService;
  let publication: PublicationService;

  beforeAll(async () => {
    t = await startServices({
      imports: [
        ConsentsModule,
        PublicationModule,
        EscalationsModule,
        MilestonesModule,
        DossiersModule,
      ],
    });
    consents = t.get(ConsentsService);
    publication = t.get(PublicationService);
  });
  afterAll(() => t?.close());
  afterEach(() => t.clock.set('2026-06-15T10:00:00Z'));

  const photo = { url: 'https://cdn.example.org/p/1.jpg', alt: 'Photo of the defender' };

  /** A featured profile with a photo: both consents given, then published by a coordinator. */
  const featured = async () => {
    const d = await t.make.defender();
    await t.make.consent(d.id, 'public_profile');
    await t.make.consent(d.id, 'photo');
    const { view } = await publication.put(
      d.id,
      { featured: true, publicSummary: 'A journalist detained for her reporting.', photo },
      { ifNoneMatchAny: true },
      t.actors.coordinator,
    );
    expect(view).toMatchObject({ featured: true, live: true, photo });
    return { d, slug: view.slug };
  };

  it('derives the consent in force: given, then revoked at once; every entry stays', async () => {
    const d = await t.make.defender();
    await t.make.consent(d.id, 'un_submission', { decidedOn: '2026-06-01' });
    await t.make.consent(d.id, 'un_submission', { decision: 'revoked', givenBy: 'lawyer' });
    const ledger = await consents.ledger(d.id, t.actors.caseworker);
    expect(ledger.current.un_submission).toEqual({
      state: 'revoked',
      granted: false,
      since: '2026-06-15',
      expiresOn: null,
    });
    expect(ledger.current.public_profile.state).toBe('none');
    expect(ledger.entries.map((e) => e.decision)).toEqual(['given', 'revoked']);
  });

  it('revoking the public-profile consent takes the profile off the public feed at once', async () => {
    const { d, slug } = await featured();
    await expect(publication.publicProfile(slug)).resolves.toMatchObject({ slug });

    await t.make.consent(d.id, 'public_profile', { decision: 'revoked' }, t.actors.caseworker);

    await expect(publication.publicProfile(slug)).rejects.toBeInstanceOf(NotFoundError);
    expect((await publication.publicList({ limit: 100 })).data.map((p) => p.slug)).not.toContain(
      slug,
    );
    expect(await publication.get(d.id, t.actors.coordinator)).toMatchObject({
      featured: false,
      live: false,
      unpublishedReason: 'consent_revoked',
      publishedAt: null,
    });
    const [row] = await t.db.query(
      `SELECT actor_id FROM audit_events WHERE action = 'publication.unpublish' AND subject_id = $1`,
      [d.id],
    );
    expect(row.actor_id).toBe(t.actors.caseworker.userId);
  });

  it('revoking the photo consent removes the photo and leaves the profile published', async () => {
    const { d, slug } = await featured();
    await t.make.consent(d.id, 'photo', { decision: 'revoked' });
    expect(await publication.publicProfile(slug)).toMatchObject({ slug, photo: null });
    expect(await publication.get(d.id, t.actors.coordinator)).toMatchObject({
      featured: true,
      photo: null,
    });
  });

  it('a refusal recorded after consent was given is a withdrawal too', async () => {
    const { d, slug } = await featured();
    await t.make.consent(d.id, 'public_profile', { decision: 'refused' });
    await expect(publication.publicProfile(slug)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a public-profile consent past its expiry takes the profile off the feed, with no one acting', async () => {
    const d = await t.make.defender();
    await t.make.consent(d.id, 'public_profile', { expiresOn: '2026-06-30' });
    const { view } = await publication.put(
      d.id,
      { featured: true, publicSummary: 'Featured until her consent expires.' },
      {},
      t.actors.coordinator,
    );
    await expect(publication.publicProfile(view.slug)).resolves.toMatchObject({ slug: view.slug });
    t.clock.set('2026-07-01T10:00:00Z');
    await expect(publication.publicProfile(view.slug)).rejects.toBeInstanceOf(NotFoundError);
    expect((await publication.publicList({ limit: 100 })).data.map((p) => p.slug)).not.toContain(
      view.slug,
    );
  });

  it('names family members in a dossier only while the consent to name them is in force', async () => {
    const d = await t.make.defender({
      contacts: [
        { name: 'Samira Haddad', relation: 'family', phone: '+20 100 000 0001' },
        { name: 'Youssef Muhami', relation: 'lawyer' },
      ],
    });
    const esc = await t.make.escalation([d.id]);
    const named = async () => {
      const m = t.db.manager;
      const { e, defenderIds } = await t
        .get(EscalationsService)
        .load(m, esc.id, t.actors.coordinator, { sensitive: true });
      const data = await t
        .get(DossiersService)
        .buildData(m, e, defenderIds, { language: 'en', edition: 'submission' });
      return data.persons.flatMap((p) => (p.contacts ?? []).map((c) => c.name));
    };
    expect(await named()).toEqual(['Youssef Muhami']);
    await t.make.consent(d.id, 'name_family_members');
    expect(await named()).toEqual(['Samira Haddad', 'Youssef Muhami']);
    await t.make.consent(d.id, 'name_family_members', { decision: 'revoked' });
    expect(await named()).toEqual(['Youssef Muhami']);
  });

  it('refuses to feature a profile, or submit to the UN, without the consent in force', async () => {
    const d = await t.make.defender();
    await expect(
      publication.put(d.id, { featured: true, publicSummary: 'Summary' }, {}, t.actors.coordinator),
    ).rejects.toMatchObject({ code: 'conflict', extra: { code: 'consent_required' } });

    const escalations = t.get(EscalationsService);
    await t.make.consent(d.id, 'un_submission');
    const e = await t.make.escalation([d.id]);
    for (const to of ['in_review', 'approved'])
      await escalations.transition(e.id, { to }, t.actors.coordinator);
    await t.make.consent(d.id, 'un_submission', { decision: 'revoked' });
    const err = await escalations
      .transition(e.id, { to: 'submitted' }, t.actors.coordinator)
      .catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({
      extra: { missingConsents: [{ field: 'consents.un_submission' }] },
    });
    expect((await escalations.get(e.id, t.actors.coordinator)).state).toBe('approved');
  });

  it('a given consent past its expiry is expired, not granted; its review milestone goes with a withdrawal', async () => {
    const d = await t.make.defender();
    await t.make.consent(d.id, 'photo', { expiresOn: '2026-07-01' });
    const milestones = t.get(MilestonesService);
    const review = async () =>
      (await milestones.forDefender(d.id, { kind: 'consent_review' }, t.actors.coordinator)).data;
    expect(await review()).toEqual([
      expect.objectContaining({ status: 'open', dueAt: '2026-07-01T00:00:00.000Z' }),
    ]);

    t.clock.set('2026-07-02T10:00:00Z');
    expect((await consents.ledger(d.id, t.actors.coordinator)).current.photo).toMatchObject({
      state: 'expired',
      granted: false,
    });

    t.clock.set('2026-06-20T10:00:00Z');
    await t.make.consent(d.id, 'photo', { decision: 'revoked' });
    expect(await review()).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });

  it('refuses a decision dated in the future and an expiry on anything but a given consent', async () => {
    const d = await t.make.defender();
    await expect(t.make.consent(d.id, 'photo', { decidedOn: '2026-06-16' })).rejects.toMatchObject({
      errors: [{ field: 'decidedOn', message: 'must not be in the future' }],
    });
    const err = await t.make
      .consent(d.id, 'photo', { decision: 'refused', expiresOn: '2027-01-01' })
      .catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(err).toMatchObject({ errors: [{ field: 'expiresOn' }] });
    expect((await consents.ledger(d.id, t.actors.coordinator)).entries).toEqual([]);
  });
});
