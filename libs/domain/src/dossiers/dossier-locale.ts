import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '@witness/platform';
import type { DossierLanguage } from './dossier-data';

/**
 * The dossiers' words: one JSON file per language, `templates/dossiers/locales/<lang>.json`,
 * read once. The templates are the same for every language; a new language is a new file.
 *
 * - `common.*`: headings and labels shared by the forms; `labels.<group>.<value>`: the words of
 *   closed vocabularies (event types, statuses...); `categories.<I..V>`: the WGAD's categories
 *   in its own wording; `format.*`: the phrases answers are worded with; `fields.<id>`: each
 *   questionnaire field's label (and, in English, the web app's help text);
 *   `requirements.<id>`: what completeness names in words; `forms.<kind>.*`: each mechanism's
 *   own wording (titles, section headings, numbered items, requests).
 * - French strings carry French typography already (narrow no-break space before : ; ! ?,
 *   guillemets with no-break spaces): the locale test checks every one.
 * - A missing word is an error, never a silent fall back to English.
 */
export class DossierLocale {
  constructor(
    readonly language: DossierLanguage,
    private readonly words: Record<string, unknown>,
  ) {}

  /** The value at a dotted path, or undefined. */
  lookup(path: string): unknown {
    let node: unknown = this.words;
    for (const part of path.split('.')) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  }

  /** The words at `path`, with `{name}` filled from `params`; throws when missing. */
  t(path: string, params: Record<string, unknown> = {}): string {
    const value = this.lookup(path);
    if (typeof value !== 'string') {
      throw new Error(`Missing dossier text ${JSON.stringify(path)} (${this.language})`);
    }
    return fill(value, params);
  }

  /** Like `t`, or undefined when there are no such words. */
  maybe(path: string, params: Record<string, unknown> = {}): string | undefined {
    const value = this.lookup(path);
    return typeof value === 'string' ? fill(value, params) : undefined;
  }

  /** A list of words (the requests of a form). */
  list(path: string): string[] {
    const value = this.lookup(path);
    if (!Array.isArray(value)) {
      throw new Error(`Missing dossier list ${JSON.stringify(path)} (${this.language})`);
    }
    return value.map(String);
  }

  /** A closed vocabulary's value in words; an unknown value is shown humanized. */
  label(group: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return '';
    if (typeof this.lookup(`labels.${group}`) !== 'object') {
      throw new Error(`Unknown dossier label group "${group}"`);
    }
    const words = this.maybe(`labels.${group}.${String(value)}`);
    return words ?? humanize(String(value));
  }

  /**
   * A field's label as the form words it (`forms.<kind>.labels.<group>.<name>`: the WGAD's
   * numbered items), else its generic label (`fields.<group>.<name>.label`).
   */
  fieldLabel(kind: string, group: string, name: string): string {
    return (
      this.maybe(`forms.${kind}.labels.${group}.${name}`) ?? this.t(`fields.${group}.${name}.label`)
    );
  }
}

function fill(text: string, params: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined || params[name] === null ? whole : String(params[name]),
  );
}

function humanize(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const locales = new Map<DossierLanguage, DossierLocale>();

export function dossierLocalesDir(): string {
  return templatesDir('dossiers/locales');
}

/** The words of a dossier language (read once per process). */
export function dossierLocale(language: DossierLanguage): DossierLocale {
  let locale = locales.get(language);
  if (!locale) {
    const words = JSON.parse(
      readFileSync(join(dossierLocalesDir(), `${language}.json`), 'utf8'),
    ) as Record<string, unknown>;
    locales.set(language, (locale = new DossierLocale(language, words)));
  }
  return locale;
}
