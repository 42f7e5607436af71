import type { Translator } from './i18n';

/**
 * What a validation message means, read from the API's own wording (class-validator's
 * defaults and the DTOs' messages), so the web app can say it as a sentence naming the field.
 */
interface Rule {
  rule: string;
  params?: string[];
}

const RULES: [RegExp, Rule][] = [
  [/^(should not be empty|is required|must be a string)$/, { rule: 'required' }],
  [/^must be longer than or equal to 1 characters?$/, { rule: 'required' }],
  [/^must be longer than or equal to (\d+) characters$/, { rule: 'minLength', params: ['min'] }],
  [/^must be shorter than or equal to (\d+) characters$/, { rule: 'maxLength', params: ['max'] }],
  [/^each (value )?must be an ISO 3166-1 alpha-2 country code/, { rule: 'countries' }],
  [/^must be an? (valid )?ISO 3166-1 alpha-2/, { rule: 'country' }],
  [/^must be a language tag/, { rule: 'language' }],
  [/^must be an? (valid )?e-?mail( address)?$/i, { rule: 'email' }],
  [/^(each (value )?)?must be a uuid$/i, { rule: 'choose' }],
  [/^must be one of the following values: /, { rule: 'choose' }],
  [/^must be a workflow state/, { rule: 'choose' }],
  [/^must be a valid ISO 8601 date string$/, { rule: 'date' }],
  [/^must be an ISO 8601 date/, { rule: 'date' }],
  [/^must be a real date written YYYY-MM-DD/, { rule: 'date' }],
  [/^must be an integer number$/, { rule: 'integer' }],
  [/^must be a number conforming/, { rule: 'number' }],
  [/^must not be less than (-?\d+)$/, { rule: 'min', params: ['min'] }],
  [/^must not be greater than (-?\d+)$/, { rule: 'max', params: ['max'] }],
  [/^(each )?must be an http(\(s\)| or https) URL$/, { rule: 'url' }],
  [/^must be true or false$/, { rule: 'boolean' }],
  [/^is not a known field$/, { rule: 'unknown' }],
  // The domain's own checks, so a French or Spanish page says them in its language.
  [/^must not be in the future$/, { rule: 'future' }],
  [/^must not be in the future for an? \w+ event \(only hearing/, { rule: 'futureEvent' }],
  [/^must not be before ([a-z]+[A-Z]?[A-Za-z]*)$/, { rule: 'notBefore', params: ['other'] }],
  [
    /^must be on or after the opinion's adoption \((\d{4}-\d{2}-\d{2})\)$/,
    { rule: 'afterAdoption', params: ['date'] },
  ],
];

/** The rule a message states, with its numbers (`{ rule: 'maxLength', max: '200' }`). */
export function ruleOf(message: string): { rule: string; params: Record<string, string> } | null {
  for (const [re, { rule, params = [] }] of RULES) {
    const m = re.exec(message);
    if (m) return { rule, params: Object.fromEntries(params.map((p, i) => [p, m[i + 1]])) };
  }
  return null;
}

/** `contacts[0].email` -> `email`: the name a field's label and own messages are kept under. */
export function fieldName(path: string): string {
  const last =
    path
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? path;
  return last === '' ? path : last;
}

/** `birthDate` -> `birth date`: a last resort when no label is known. */
function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A label without its aside: "Last day (optional)" -> "Last day". */
function plain(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '') || label;
}

/** A label inside a sentence: "Full name" -> "full name", but "WGAD reference" stays. */
function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/**
 * Field errors in words: every message a person sees is a sentence naming the field by its
 * label, from the catalogues (`errors.fields.<field>.<rule>` for a field's own wording, else
 * `errors.rules.<rule>` with the label). A message the API wrote as a sentence (capital first)
 * is kept; one it wrote as a predicate ("must not be in the future") gets the label before it.
 */
export class ErrorWords {
  constructor(private readonly tr: Translator) {}

  /** The label of a field when the page did not give one: the area's, else a shared one. */
  label(lang: string, path: string, area?: string): string {
    return this.knownLabel(lang, fieldName(path), area) ?? humanise(fieldName(path));
  }

  private knownLabel(lang: string, name: string, area?: string): string | undefined {
    for (const key of [area && `${area}.fields.${name}`, `errors.labels.${name}`]) {
      if (key && this.tr.has(key)) return this.tr.t(lang, key);
    }
    return undefined;
  }

  /** Another field a message names by its code (`before startsOn`), named by its label. */
  private nameFields(lang: string, message: string, area?: string): string {
    return message.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (name) => {
      const label = this.knownLabel(lang, name, area);
      return label ? inSentence(plain(label)) : name;
    });
  }

  sentence(lang: string, path: string, message: string, label?: string, area?: string): string {
    if (path === '_' || path === '' || /^\p{Lu}/u.test(message)) return message;
    const name = fieldName(path);
    const found = ruleOf(message);
    const text = plain(label?.trim() || this.label(lang, path, area));
    const other = found?.params.other;
    const params = {
      ...found?.params,
      // Another field the rule names (`must not be before startsOn`), by its label.
      ...(other ? { other: inSentence(plain(this.knownLabel(lang, other, area) ?? other)) } : {}),
      label: inSentence(text),
      Label: text,
      message: this.nameFields(lang, message, area),
    };
    const rule = found?.rule ?? 'other';
    const own = `errors.fields.${name}.${rule}`;
    return this.tr.t(lang, this.tr.has(own) ? own : `errors.rules.${rule}`, params);
  }
}
