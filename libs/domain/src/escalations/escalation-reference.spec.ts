import { formatEscalationReference, parseEscalationReference } from './escalation-reference';

describe('escalation references', () => {
  it('are WIT-YYYY-NNNN, padded to four digits and wider past 9,999', () => {
    expect(formatEscalationReference(2026, 42)).toBe('WIT-2026-0042');
    expect(formatEscalationReference(2026, 1)).toBe('WIT-2026-0001');
    expect(formatEscalationReference(2027, 12345)).toBe('WIT-2027-12345');
  });

  it('refuses numbers and years that cannot be one', () => {
    expect(() => formatEscalationReference(2026, 0)).toThrow(RangeError);
    expect(() => formatEscalationReference(26, 1)).toThrow(RangeError);
    expect(() => formatEscalationReference(2026, 1.5)).toThrow(RangeError);
  });

  it('reads back what it writes', () => {
    expect(parseEscalationReference('WIT-2026-0042')).toEqual({ year: 2026, n: 42 });
    expect(parseEscalationReference('WIT-26-0042')).toBeNull();
    expect(parseEscalationReference('ABC')).toBeNull();
  });
});
