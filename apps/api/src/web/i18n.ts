import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USER_LANGUAGES } from '@witness/domain';
import { templatesDir } from '@witness/platform';
import { IntlMessageFormat } from 'intl-messageformat';

export const DEFAULT_LANGUAGE = 'en';

/** The languages a person can choose for the web app (each has a complete catalogue). */
export const LANGUAGES = USER_LANGUAGES;

/** A message with an ICU argument of its own: `{count, plural, one {…} other {…}}`, `{n, number}`. */
const ICU_ARGUMENT = /\{\s*\w+\s*,\s*(plural|selectordinal|select|number)\s*[,}]/;

type Catalogue = Map<string, string>;

/**
 * The web app's one translation layer. Strings live in `templates/web/locales/<lang>/*.json`;
 * a file `defenders.json` holds the keys `defenders.*`. A language is added by dropping in a
 * folder (e.g. `fr/`); a key it lacks falls back to English, so a partial translation works.
 * Messages interpolate `{name}` from the parameters; a message that counts uses an ICU
 * plural (`{count, plural, one {# case} other {# cases}}`), formatted by intl-messageformat
 * with the language's plural rules and number format.
 */
export class Translator {
  private readonly catalogues = new Map<string, Catalogue>();
  private readonly compiled = new Map<string, IntlMessageFormat>();

  constructor(dir = templatesDir('web/locales')) {
    for (const lang of readdirSync(dir)) {
      const folder = join(dir, lang);
      if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(lang) || !existsSync(folder)) continue;
      const catalogue: Catalogue = new Map();
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
        const ns = file.slice(0, -'.json'.length);
        flatten(JSON.parse(readFileSync(join(folder, file), 'utf8')), ns, catalogue);
      }
      this.catalogues.set(lang, catalogue);
    }
    if (!this.catalogues.has(DEFAULT_LANGUAGE)) {
      throw new Error(`No ${DEFAULT_LANGUAGE} strings in ${dir}`);
    }
  }

  get languages(): string[] {
    return [...this.catalogues.keys()];
  }

  has(key: string): boolean {
    return this.catalogues.get(DEFAULT_LANGUAGE)!.has(key);
  }

  keys(lang = DEFAULT_LANGUAGE): string[] {
    return [...(this.catalogues.get(lang)?.keys() ?? [])];
  }

  /** The message for `key` in `lang` (else English, else the key itself, so a gap shows). */
  t(lang: string, key: string, params: Record<string, unknown> = {}): string {
    const own = this.catalogues.get(lang)?.get(key);
    const message = own ?? this.catalogues.get(DEFAULT_LANGUAGE)!.get(key) ?? key;
    if (ICU_ARGUMENT.test(message)) {
      const formatted = this.icu(own === undefined ? DEFAULT_LANGUAGE : lang, key, message, params);
      if (formatted !== undefined) return formatted;
    }
    return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined || params[name] === null ? whole : String(params[name]),
    );
  }

  /**
   * An ICU message formatted in `lang` (plural rules, numbers); undefined when a parameter it
   * needs is missing, so the caller shows the message with the gap visible instead of failing.
   */
  private icu(
    lang: string,
    key: string,
    message: string,
    params: Record<string, unknown>,
  ): string | undefined {
    const id = `${lang}\u0000${key}\u0000${message}`;
    let format = this.compiled.get(id);
    if (!format) {
      format = new IntlMessageFormat(message, lang, undefined, { ignoreTag: true });
      this.compiled.set(id, format);
    }
    try {
      const values: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(params)) {
        if (value === undefined || value === null) continue;
        // A count may arrive as text (a form value, a query): plural rules need the number.
        values[name] =
          typeof value === 'number' || /^-?\d+$/.test(String(value))
            ? Number(value)
            : String(value);
      }
      return String(format.format(values));
    } catch {
      return undefined;
    }
  }

  /** The best language for an Accept-Language header among those we have. */
  negotiate(acceptLanguage: string | undefined): string {
    if (!acceptLanguage) return DEFAULT_LANGUAGE;
    const wanted = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag, ...rest] = part.trim().split(';');
        const q = rest.find((r) => r.trim().startsWith('q='));
        return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
      })
      .sort((a, b) => b.q - a.q);
    for (const { tag } of wanted) {
      if (this.catalogues.has(tag)) return tag;
      const base = tag.split('-')[0].toLowerCase();
      if (this.catalogues.has(base)) return base;
    }
    return DEFAULT_LANGUAGE;
  }
}

function flatten(value: unknown, prefix: string, out: Catalogue): void {
  if (typeof value === 'string') {
    out.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}.${k}`, out);
  }
}
