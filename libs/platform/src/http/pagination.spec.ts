import { ValidationFailedError } from '../errors';
import { decodeKeyCursor, encodeCursor, encodeKeyCursor } from './pagination';

const ID = '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab';

describe('decodeKeyCursor', () => {
  it('round-trips the keys the lists encode: a date or an ISO timestamp, and a uuid', () => {
    for (const key of ['2026-06-15', '2024-02-29', '2026-06-15T10:00:00.000Z']) {
      expect(decodeKeyCursor(encodeKeyCursor(key, ID))).toEqual({ key, id: ID });
    }
  });

  it('refuses keys PostgreSQL would choke on, naming cursor', () => {
    const tampered = [
      { k: '1', i: ID },
      { k: '2024-02-30', i: ID },
      { k: '0000-01-01', i: ID },
      { k: '275760-09-13T00:00:00.000Z', i: ID },
      { k: 'Tuesday 1 March 2024', i: ID },
      { k: '2026-06-15T10:00:00Z', i: ID },
      { k: "2026-06-15' OR 1=1 --", i: ID },
      { k: '2026-06-15', i: '-'.repeat(36) },
      { k: '2026-06-15', i: `${ID}0` },
    ];
    for (const c of tampered) {
      let err: unknown;
      try {
        decodeKeyCursor(encodeCursor(c));
      } catch (e) {
        err = e;
      }
      expect({ c, err: err instanceof ValidationFailedError && err.errors[0].field }).toEqual({
        c,
        err: 'cursor',
      });
    }
  });
});
