import {
  countryNameFor,
  UN_MEMBER_STATES,
  UN_OBSERVER_STATES,
  unCountryName,
} from './un-country-names';

describe('UN short names of States', () => {
  it('lists the 193 Member States and the 2 Observer States, each a real ISO code', () => {
    expect(Object.keys(UN_MEMBER_STATES)).toHaveLength(193);
    expect(Object.keys(UN_OBSERVER_STATES).sort()).toEqual(['PS', 'VA']);
    const cldr = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of [...Object.keys(UN_MEMBER_STATES), ...Object.keys(UN_OBSERVER_STATES)]) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(cldr.of(code)).not.toBe(code);
    }
    for (const names of Object.values(UN_MEMBER_STATES)) {
      expect(names).toHaveLength(3);
      for (const n of names) expect(n.trim()).toBe(n);
    }
  });

  it.each([
    ['VN', 'en', 'Viet Nam'],
    ['TR', 'en', 'Türkiye'],
    ['IR', 'en', 'Iran (Islamic Republic of)'],
    ['BO', 'en', 'Bolivia (Plurinational State of)'],
    ['VE', 'en', 'Venezuela (Bolivarian Republic of)'],
    ['VN', 'fr', 'Viet Nam'],
    ['TR', 'fr', 'Türkiye'],
    ['IR', 'fr', "Iran (République islamique d')"],
    ['BO', 'fr', 'Bolivie (État plurinational de)'],
    ['VE', 'fr', 'Venezuela (République bolivarienne du)'],
    ['EG', 'fr', 'Égypte'],
    ['IR', 'es', 'Irán (República Islámica del)'],
    ['BO', 'es', 'Bolivia (Estado Plurinacional de)'],
    ['VE', 'es', 'Venezuela (República Bolivariana de)'],
    ['NL', 'en', 'Netherlands (Kingdom of the)'],
    ['CZ', 'es', 'Chequia'],
    ['PS', 'fr', 'État de Palestine'],
    ['va', 'en', 'Holy See'],
  ])('%s in %s is %s', (code, language, name) => {
    expect(unCountryName(code, language)).toBe(name);
  });

  it('differs from CLDR where the UN does (the reason for the table)', () => {
    expect(new Intl.DisplayNames(['en'], { type: 'region' }).of('VN')).not.toBe('Viet Nam');
    expect(unCountryName('VN', 'en')).toBe('Viet Nam');
  });

  it('falls back to CLDR for a non-member, and to the code when nothing knows it', () => {
    expect(unCountryName('XK', 'fr')).toBe(
      new Intl.DisplayNames(['fr'], { type: 'region' }).of('XK'),
    );
    expect(unCountryName('HK', 'es')).toBe(
      new Intl.DisplayNames(['es'], { type: 'region' }).of('HK'),
    );
    expect(unCountryName('AA', 'en')).toBe('AA');
    expect(unCountryName(null, 'en')).toBeNull();
  });

  it('elsewhere, names in the reader’s language', () => {
    expect(countryNameFor('EG', 'fr')).toBe('Égypte');
    expect(countryNameFor('VN', 'en')).toBe(
      new Intl.DisplayNames(['en'], { type: 'region' }).of('VN'),
    );
  });
});
