import { localDate, localDateTime, localNumber } from './views';

describe('dates and numbers in the reader’s language', () => {
  it('keeps ISO dates in English and writes them out in French and Spanish', () => {
    expect(localDate('2024-03-18', 'en')).toBe('2024-03-18');
    expect(localDate('2024-03-18', 'fr')).toBe('18 mars 2024');
    expect(localDate('2024-03-18', 'es')).toBe('18 mar 2024');
    expect(localDate(new Date('2024-03-18T23:30:00Z'), 'fr')).toBe('18 mars 2024');
    expect(localDate(null, 'fr')).toBe('');
  });

  it('gives moments in UTC, said so, in each language', () => {
    const at = new Date('2026-07-01T09:30:00Z');
    expect(localDateTime(at, 'en')).toBe('2026-07-01 09:30 UTC');
    expect(localDateTime(at, 'fr')).toBe('1 juil. 2026, 09:30 UTC');
    expect(localDateTime(at.toISOString(), 'es')).toMatch(/^1 jul 2026, 9:30 UTC$/);
    expect(localDateTime('not a date', 'es')).toBe('');
  });

  it('separates thousands as each language does', () => {
    expect(localNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(localNumber(1234567.5, 'fr')).toBe('1\u202f234\u202f567,5');
    expect(localNumber('12000', 'es')).toBe('12.000');
    expect(localNumber('n/a', 'fr')).toBe('n/a');
  });
});
