import {
  COUNTRY_CODES,
  countryCode,
  countryCodes,
  countryInputValues,
  countryOptions,
  languageName,
  languageOptions,
} from './display-names';

describe('display names', () => {
  it('offers every country the API accepts, named and sorted in the reader’s language', () => {
    expect(COUNTRY_CODES).toContain('KE');
    expect(COUNTRY_CODES).not.toContain('ZZ');
    expect(COUNTRY_CODES.length).toBeGreaterThan(240);
    const en = countryOptions('en');
    expect(en.find((o) => o.value === 'KE')?.label).toBe('Kenya');
    expect(en.find((o) => o.value === 'DE')?.label).toBe('Germany');
    const fr = countryOptions('fr');
    expect(fr.find((o) => o.value === 'DE')?.label).toBe('Allemagne');
    const es = countryOptions('es');
    expect(es.find((o) => o.value === 'DE')?.label).toBe('Alemania');
    const labels = fr.map((o) => o.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('fr').compare));
  });

  it('names a language in the reader’s language, and keeps an unusual current value', () => {
    expect(languageName('ar', 'en')).toBe('Arabic');
    expect(languageName('ar', 'fr')).toBe('arabe');
    expect(languageName('pt-BR', 'en')).toBe('Brazilian Portuguese');
    expect(languageOptions('en').some((o) => o.value === 'ar' && o.label === 'Arabic')).toBe(true);
    const withCurrent = languageOptions('en', 'gsw');
    expect(withCurrent.at(-1)).toEqual({ value: 'gsw', label: languageName('gsw', 'en') });
    expect(languageOptions('en', 'fr').filter((o) => o.value === 'fr')).toHaveLength(1);
  });

  it('reads a country typed by name, in any page language or as a code, as its code', () => {
    expect(countryCode('Kenya')).toBe('KE');
    expect(countryCode('  éthiopie ')).toBe('ET');
    expect(countryCode('Etiopía')).toBe('ET');
    expect(countryCode('Viet Nam')).toBe('VN');
    expect(countryCode('Côte d’Ivoire')).toBe('CI');
    expect(countryCode('cote d ivoire')).toBe('CI');
    expect(countryCode('eg')).toBe('EG');
    expect(countryCode('Narnia')).toBe('Narnia');
    expect(countryCode('ZZ')).toBe('ZZ');
    expect(countryCodes(['Kenya', '', ' ', 'FR'])).toEqual(['KE', 'FR']);
  });

  it('shows a country field’s values by name in the reader’s language, then a blank input', () => {
    expect(countryInputValues(['EG', 'Narnia'], 'fr')).toEqual(['Égypte', 'Narnia', '']);
    expect(countryInputValues('KE, ET', 'es')).toEqual(['Kenia', 'Etiopía', '']);
    expect(countryInputValues(undefined, 'en')).toEqual(['']);
  });
});
