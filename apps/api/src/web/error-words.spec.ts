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
    expect(ruleOf('must not be in the future')).toBeNull();
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
