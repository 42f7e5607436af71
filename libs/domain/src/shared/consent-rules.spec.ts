import { currentConsents, type ConsentFact } from './consent-rules';

const fact = (p: Partial<ConsentFact>): ConsentFact => ({
  purpose: 'public_profile',
  decision: 'given',
  decidedOn: '2026-01-01',
  expiresOn: null,
  seq: 1,
  ...p,
});

describe('currentConsents', () => {
  const today = '2026-06-15';

  it('is none for every purpose with no entry', () => {
    const c = currentConsents([], today);
    expect(c.public_profile).toEqual({
      state: 'none',
      granted: false,
      since: null,
      expiresOn: null,
    });
    expect(c.un_submission.granted).toBe(false);
  });

  it('a later revocation wins at once', () => {
    const c = currentConsents(
      [fact({ seq: 1 }), fact({ decision: 'revoked', decidedOn: '2026-06-15', seq: 2 })],
      today,
    );
    expect(c.public_profile).toMatchObject({ state: 'revoked', granted: false });
  });

  it('orders by decision date, not entry order (a late-recorded older consent does not override)', () => {
    const c = currentConsents(
      [
        fact({ decision: 'revoked', decidedOn: '2026-05-01', seq: 1 }),
        fact({ decidedOn: '2026-02-01', seq: 2 }),
      ],
      today,
    );
    expect(c.public_profile.state).toBe('revoked');
  });

  it('same day: the later entry wins', () => {
    const c = currentConsents([fact({ decision: 'refused', seq: 2 }), fact({ seq: 1 })], today);
    expect(c.public_profile.state).toBe('refused');
  });

  it('expired consent is not granted', () => {
    const c = currentConsents([fact({ expiresOn: '2026-06-14' })], today);
    expect(c.public_profile).toMatchObject({
      state: 'expired',
      granted: false,
      expiresOn: '2026-06-14',
    });
    expect(currentConsents([fact({ expiresOn: '2026-06-15' })], today).public_profile.granted).toBe(
      true,
    );
  });

  it('purposes are independent', () => {
    const c = currentConsents([fact({ purpose: 'photo' })], today);
    expect(c.photo.granted).toBe(true);
    expect(c.public_profile.granted).toBe(false);
  });

  it('ignores decisions dated in the future', () => {
    expect(currentConsents([fact({ decidedOn: '2026-07-01' })], today).public_profile.state).toBe(
      'none',
    );
  });
});
