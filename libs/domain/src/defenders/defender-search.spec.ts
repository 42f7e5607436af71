import fc from 'fast-check';
import { ValidationFailedError } from '@witness/platform';
import { toPrefixTsquery } from './defender-search';

describe('toPrefixTsquery', () => {
  it('makes every word a prefix term joined with AND', () => {
    expect(toPrefixTsquery('jose  Garcia')).toBe('jose:* & Garcia:*');
  });

  it('keeps accents and non-Latin scripts (folded in SQL)', () => {
    expect(toPrefixTsquery('José Müller')).toBe('José:* & Müller:*');
    expect(toPrefixTsquery('علي')).toBe('علي:*');
  });

  it('drops tsquery operators and punctuation', () => {
    expect(toPrefixTsquery("a' | b & !c:*")).toBe('a:* & b:* & c:*');
  });

  it('refuses input with no word, naming the q field', () => {
    expect(() => toPrefixTsquery(' !!! ')).toThrow(ValidationFailedError);
    try {
      toPrefixTsquery('--');
    } catch (e) {
      expect((e as ValidationFailedError).errors[0].field).toBe('q');
    }
  });

  it('never emits anything but words, ":*" and " & " (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (s) => {
        let out: string;
        try {
          out = toPrefixTsquery(s);
        } catch (e) {
          return e instanceof ValidationFailedError;
        }
        return out.split(' & ').every((t) => /^[\p{L}\p{N}]+:\*$/u.test(t));
      }),
    );
  });
});
