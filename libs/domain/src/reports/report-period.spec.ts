import { ValidationFailedError } from '@witness/platform';
import { addYears, resolvePeriod } from './report-period';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationFailedError) return e.errors[0].field;
    throw e;
  }
  return undefined;
};

describe('resolvePeriod', () => {
  const today = '2026-06-15';

  it('defaults to the current year to date', () => {
    expect(resolvePeriod({}, today)).toEqual({ from: '2026-01-01', to: today });
  });

  it('defaults from to 1 January of the year of to, and to to today', () => {
    expect(resolvePeriod({ to: '2024-03-31' }, today)).toEqual({
      from: '2024-01-01',
      to: '2024-03-31',
    });
    expect(resolvePeriod({ from: '2025-07-01' }, today)).toEqual({
      from: '2025-07-01',
      to: today,
    });
  });

  it('accepts a one-day period and a period ending in the future', () => {
    expect(resolvePeriod({ from: '2025-12-31', to: '2025-12-31' }, today)).toEqual({
      from: '2025-12-31',
      to: '2025-12-31',
    });
    expect(resolvePeriod({ from: '2026-01-01', to: '2026-12-31' }, today).to).toBe('2026-12-31');
  });

  it('refuses from after to, naming to (also when to is the default)', () => {
    expect(fieldOf(() => resolvePeriod({ from: '2025-02-01', to: '2025-01-31' }, today))).toBe(
      'to',
    );
    expect(() => resolvePeriod({ from: '2026-07-01' }, today)).toThrow(ValidationFailedError);
    expect(fieldOf(() => resolvePeriod({ from: '2026-07-01' }, today))).toBe('to');
  });

  it('refuses a span over 20 years; exactly 20 is fine', () => {
    expect(resolvePeriod({ from: '2006-06-15', to: '2026-06-15' }, today).from).toBe('2006-06-15');
    expect(fieldOf(() => resolvePeriod({ from: '2006-06-14', to: '2026-06-15' }, today))).toBe(
      'to',
    );
  });

  it('refuses dates that are not real calendar dates, naming the field', () => {
    expect(fieldOf(() => resolvePeriod({ from: '2025-02-30' }, today))).toBe('from');
    expect(fieldOf(() => resolvePeriod({ to: '2025-13-01' }, today))).toBe('to');
  });
});

describe('addYears', () => {
  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2006-06-15', 20)).toBe('2026-06-15');
  });
});
