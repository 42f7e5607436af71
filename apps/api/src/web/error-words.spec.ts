import { ErrorWords, fieldName, ruleOf } from './error-words';
import { Translator } from './i18n';

describe('ErrorWords', () => {
  const words = new ErrorWords(new Translator());

  it('reads the rule a validation message states, with its numbers', () => {
    expect(ruleOf('must be longer than or equal to 1 characters')).toEqual({
      rule: 'required',
      params: {},
    });
    expect(ruleOf('must be shorter than or equal to 200 characters')).toEqual({
      rule: 'maxLength',
      params: { max: '200' },
    });
    expect(ruleOf('must be an ISO 3166-1 alpha-2 country code, e.g. KE')?.rule).toBe('country');
    expect(ruleOf('must be one of the following values: a, b')?.rule).toBe('choose');
    expect(ruleOf('must not be in the future')?.rule).toBe('future');
    expect(ruleOf('must not be upside down')).toBeNull();
  });

  it('says the domain’s own checks in the reader’s language, another field by its label', () => {
    expect(
      words.sentence('fr', 'birthYear', 'must not be in the future', 'Année de naissance'),
    ).toBe('Le champ «\u00a0Année de naissance\u00a0» ne peut pas être dans le futur');
    expect(
      words.sentence(
        'es',
        'occurredOn',
        'must not be in the future for a release event (only hearing, trial and verdict can be scheduled)',
        'Fecha',
      ),
    ).toMatch(/^El campo «Fecha» no puede estar en el futuro para este evento/);
    expect(words.sentence('en', 'to', 'must not be before from', 'To', 'admin')).toMatch(
      /^To must not be before /,
    );
    expect(
      words.sentence(
        'fr',
        'opinionTransmittedOn',
        "must be on or after the opinion's adoption (2026-03-01)",
        'Transmis le',
      ),
    ).toBe(
      'Le champ «\u00a0Transmis le\u00a0» doit être égal ou postérieur à l’adoption de l’avis (2026-03-01)',
    );
  });

  it('names a nested field by its last name', () => {
    expect(fieldName('contacts[0].email')).toBe('email');
    expect(fieldName('deadlines[2].dueOn')).toBe('dueOn');
    expect(fieldName('fullName')).toBe('fullName');
  });

  it("says what is wrong as a sentence naming the field by its label, never the API's words", () => {
    expect(
      words.sentence('en', 'fullName', 'must be longer than or equal to 1 characters', 'Full name'),
    ).toBe("Enter the person's full name");
    expect(words.sentence('en', 'country', 'must be an ISO 3166-1 alpha-2 country code')).toBe(
      'Choose a country from the list',
    );
    expect(
      words.sentence('en', 'title', 'must be shorter than or equal to 200 characters', 'Title'),
    ).toBe('Title must be 200 characters or fewer');
    expect(words.sentence('en', 'arrestDate', 'should not be empty', 'Date of arrest')).toBe(
      'Enter date of arrest',
    );
    // An acronym keeps its capitals inside the sentence.
    expect(words.sentence('en', 'ref', 'should not be empty', 'WGAD reference')).toBe(
      'Enter WGAD reference',
    );
  });

  it("finds the label in the page's area when the page gave none", () => {
    expect(words.sentence('en', 'fullName', 'must be a string', undefined, 'defenders')).toBe(
      "Enter the person's full name",
    );
    expect(
      words.sentence('en', 'birthYear', 'must not be greater than 2026', undefined, 'defenders'),
    ).toBe(`${words.label('en', 'birthYear', 'defenders')} must be 2026 or less`);
    expect(words.label('en', 'startsOn')).toBe('Start date');
    expect(words.label('en', 'someNewField')).toBe('Some new field');
  });

  it('puts the label before a rule of the domain, and keeps a message already a sentence', () => {
    expect(words.sentence('en', 'arrestedOn', 'must not be in the future', 'Date of arrest')).toBe(
      'Date of arrest must not be in the future',
    );
    expect(words.sentence('en', 'file', 'This file is already kept.', 'File')).toBe(
      'This file is already kept.',
    );
    expect(words.sentence('en', '_', 'someone else changed it')).toBe('someone else changed it');
    // Another field named by its code is named by its label; an aside in a label is left out.
    expect(
      words.sentence('en', 'endsOn', 'must not be before startsOn', 'Last day (optional)'),
    ).toBe('Last day must not be before start date');
  });
});
