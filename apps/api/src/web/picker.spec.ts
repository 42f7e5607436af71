import { ValidationFailedError } from '@witness/platform';
import { pickAction, picking, pickQuery } from './picker';

describe('the picker without JavaScript', () => {
  it('tells a Search or Remove button from a save', () => {
    expect(pickAction({ title: 'x' })).toBeNull();
    expect(pickAction({ _pick: 'search:defenderIds' })).toEqual({
      op: 'search',
      name: 'defenderIds',
      id: undefined,
    });
    expect(pickAction({ _pick: 'remove:partnerIds:abc' })).toEqual({
      op: 'remove',
      name: 'partnerIds',
      id: 'abc',
    });
    // Anything else is not a picker's button: the form is saved (and validated) as usual.
    expect(pickAction({ _pick: 'drop:defenderIds' })).toBeNull();
    expect(pickAction({ _pick: 'search' })).toBeNull();
  });

  it('keeps everything typed, taking out only the removed value', () => {
    const body = {
      _csrf: 't',
      title: 'Free them',
      defenderIds: ['a', 'b'],
      partnerIds: 'p',
      'q.defenderIds': 'sam',
      _pick: 'remove:defenderIds:a',
    };
    expect(picking(body)).toEqual({
      _csrf: 't',
      title: 'Free them',
      defenderIds: ['b'],
      partnerIds: 'p',
      'q.defenderIds': 'sam',
    });
    // The last one removed: the field is gone (a single choice becomes empty).
    expect(picking({ ownerId: 'u', _pick: 'remove:ownerId:u' })).toEqual({});
    expect(picking({ title: 'x', _pick: 'search:ownerId' })).toEqual({ title: 'x' });
    expect(picking({ title: 'x' })).toBeNull();
  });

  it('takes a search text of up to 100 characters', () => {
    expect(pickQuery('  ana  ')).toBe('ana');
    expect(pickQuery(undefined)).toBe('');
    expect(pickQuery('a'.repeat(100))).toHaveLength(100);
    expect(() => pickQuery('a'.repeat(101))).toThrow(ValidationFailedError);
  });
});
