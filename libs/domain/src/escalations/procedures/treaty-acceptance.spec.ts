import { isISO31661Alpha2 } from 'class-validator';
import { UN_MEMBER_STATES, UN_OBSERVER_STATES } from '../../shared/un-country-names';
import {
  TREATY_ACCEPTANCE,
  TREATY_INSTRUMENTS,
  acceptsProcedure,
  type TreatyInstrument,
} from './treaty-acceptance';

const instruments = Object.keys(TREATY_INSTRUMENTS) as TreatyInstrument[];
/** Only States can accept a treaty procedure: the UN's Member and Observer States. */
const STATES = new Set([...Object.keys(UN_MEMBER_STATES), ...Object.keys(UN_OBSERVER_STATES)]);

describe('the treaty acceptance table', () => {
  it('has a row for every instrument and nothing else', () => {
    expect(Object.keys(TREATY_ACCEPTANCE).sort()).toEqual([...instruments].sort());
  });

  describe.each(instruments)('%s', (instrument) => {
    const { yes, no } = TREATY_ACCEPTANCE[instrument];

    it.each([
      ['yes', yes],
      ['no', no],
    ])(
      'its %s list is sorted, without repeats, of ISO 3166-1 alpha-2 codes of States',
      (_, list) => {
        expect(list.length).toBeGreaterThan(0);
        expect([...list]).toEqual([...new Set(list)].sort());
        for (const code of list) {
          expect(code).toMatch(/^[A-Z]{2}$/);
          expect(isISO31661Alpha2(code)).toBe(true);
          expect(STATES.has(code)).toBe(true);
        }
      },
    );

    it('its yes and no lists are disjoint', () => {
      expect(yes.filter((c) => no.includes(c))).toEqual([]);
    });

    it('acceptsProcedure reads the row, in any case, and does not guess for other States', () => {
      for (const c of yes) expect(acceptsProcedure(instrument, c.toLowerCase())).toBe(true);
      for (const c of no) expect(acceptsProcedure(instrument, c)).toBe(false);
      const unlisted = [...STATES].find((c) => !yes.includes(c) && !no.includes(c));
      expect(acceptsProcedure(instrument, unlisted as string)).toBeNull();
    });
  });

  it('the CED art. 31 declaration is made only by States parties to the Convention', () => {
    for (const c of TREATY_ACCEPTANCE.ced.yes)
      expect(acceptsProcedure('ced_party', c)).not.toBe(false);
    for (const c of TREATY_ACCEPTANCE.ced_party.no) expect(acceptsProcedure('ced', c)).toBe(false);
  });
});
