import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '@witness/platform';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, LANGUAGES, Translator } from './i18n';

/**
 * French and Spanish are complete translations of the English catalogue: the same keys, the
 * same parameters, no English sentence left behind, and French typography.
 */
const tr = new Translator();
const english = new Map(tr.keys().map((k) => [k, tr.t(DEFAULT_LANGUAGE, k)]));
const raw = (lang: string, key: string): string => {
  // The stored text, not formatted: `t` without parameters leaves `{name}` visible and an ICU
  // message would be formatted, so read the catalogue through a parameter-free lookup.
  return (tr as unknown as { catalogues: Map<string, Map<string, string>> }).catalogues
    .get(lang)!
    .get(key)!;
};

/**
 * Words that are the same in English and in the other language (compared without their
 * `{placeholders}`): anything else left identical to English is an untranslated string.
 */
const SAME: Record<string, string[]> = {
  fr: [
    'Action',
    'Actions',
    'Active',
    'Administration',
    'Annexes',
    'Code',
    'Contact',
    'Contacts',
    'Date',
    'Dates',
    'Description',
    'Document',
    'Documents',
    'Dossiers',
    'Forces',
    'Format',
    'Habeas corpus',
    'Impressions',
    'Note',
    'Notes',
    'Organisation',
    'Organisations',
    'Pages',
    'Participants',
    'Photo',
    'Profession',
    'Question',
    'Questionnaire',
    'Secret',
    'Signatures',
    'Source',
    'Total',
    'Type',
    'Version',
    'Versions',
    'Webhook',
  ],
  es: ['Total', 'Webhook'],
};

/** A value with no word to translate: a code, a placeholder, a symbol, a URL. */
const untranslatable = (value: string): boolean =>
  !/\p{L}{3,}/u.test(value.replace(/\{[^{}]*\}/g, '')) ||
  /^[A-Z0-9_.:/-]+$/.test(value) ||
  /^https?:\/\//.test(value);

function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]): void => {
    for (const node of nodes as Array<{
      value?: unknown;
      options?: Record<string, { value: unknown[] }>;
    }>) {
      if (typeof node.value === 'string' && 'type' in node && (node as { type: number }).type > 0)
        names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

describe.each(LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE))('the %s catalogue', (lang) => {
  const own = new Set(tr.keys(lang));

  it('has every English key', () => {
    expect([...english.keys()].filter((k) => !own.has(k))).toEqual([]);
  });

  it('has no key English lacks', () => {
    expect([...own].filter((k) => !english.has(k))).toEqual([]);
  });

  it('keeps the parameters of each English message, and parses as ICU', () => {
    const differ: string[] = [];
    for (const key of english.keys()) {
      if (!own.has(key)) continue;
      const want = argumentsOf(raw(DEFAULT_LANGUAGE, key)).join(',');
      const got = argumentsOf(raw(lang, key)).join(',');
      if (want !== got) differ.push(`${key}: {${got}} instead of {${want}}`);
    }
    expect(differ).toEqual([]);
  });

  it('keeps any HTML markup of the English message', () => {
    const tags = (s: string): string => [...s.matchAll(/<\/?[a-z][^>]*>/g)].join('');
    const differ = [...english.keys()].filter(
      (k) => own.has(k) && tags(raw(lang, k)) !== tags(raw(DEFAULT_LANGUAGE, k)),
    );
    expect(differ).toEqual([]);
  });

  it('leaves no English sentence untranslated', () => {
    const same = [...english.keys()].filter((k) => {
      const value = own.has(k) ? raw(lang, k) : undefined;
      return (
        value === raw(DEFAULT_LANGUAGE, k) &&
        !untranslatable(value) &&
        !SAME[lang].includes(value.replace(/\{[^{}]*\}/g, '').trim())
      );
    });
    expect(same.map((k) => `${k}: ${raw(lang, k)}`)).toEqual([]);
  });
});

describe('French typography', () => {
  const keys = tr.keys('fr');
  const text = (k: string): string => raw('fr', k).replace(/\{[^{}]*\}/g, 'x');

  it('puts a non-breaking space before : ; ! ? and inside « »', () => {
    const wrong = keys.filter((k) => {
      const v = raw('fr', k).replace(/https?:\/\/\S+/g, '');
      return (
        / [:;!?»]/.test(v) ||
        /« /.test(v) ||
        /[^\s\u00a0\u202f][;!?»]/.test(v.replace(/\{[^{}]*\}/g, 'x')) ||
        /[^\s\u00a0\u202f]:(\s|$)/.test(v.replace(/\{[^{}]*\}/g, 'x')) ||
        /«[^\u00a0\u202f]/.test(v)
      );
    });
    expect(wrong.map((k) => `${k}: ${raw('fr', k)}`)).toEqual([]);
  });

  it('uses the typographic apostrophe, which an ICU message never reads as a quote', () => {
    expect(keys.filter((k) => text(k).includes("'"))).toEqual([]);
  });
});

describe('Spanish', () => {
  it('uses the typographic apostrophe and quotes, never a straight quote', () => {
    expect(tr.keys('es').filter((k) => /'/.test(raw('es', k)))).toEqual([]);
  });
});

describe('ICU messages', () => {
  it('say one day, several days and thousands as each language does', () => {
    expect(tr.t('en', 'home.deadlines.inDays', { days: 1 })).toBe('in 1 day');
    expect(tr.t('en', 'home.deadlines.inDays', { days: 3 })).toBe('in 3 days');
    expect(tr.t('fr', 'home.deadlines.inDays', { days: 1 })).toBe('dans 1 jour');
    expect(tr.t('es', 'home.deadlines.overdueBy', { days: '2' })).toBe('vencido hace 2 días');
    expect(tr.t('en', 'admin.users.caption', { count: 1 })).toBe('The only account, by email');
    expect(tr.t('fr', 'admin.users.caption', { count: 1500 })).toBe(
      'Les 1\u202f500 comptes, par adresse électronique',
    );
    expect(tr.t('es', 'work.milestones.others', { count: 1 })).toBe('1 persona más');
  });

  it('are never shown by a template without the parameters they count', () => {
    const root = templatesDir('web');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
      );
    const bare = new Set<string>();
    for (const file of walk(root).filter((f) => f.endsWith('.hbs'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/[({]t\s+"([A-Za-z0-9_.-]+)"\s*[)}]/g))
        bare.add(m[1]);
    }
    const icu = /\{\s*\w+\s*,\s*(plural|selectordinal|select|number)\s*[,}]/;
    const wrong = LANGUAGES.flatMap((lang) =>
      [...bare].filter((k) => tr.keys(lang).includes(k) && icu.test(raw(lang, k))),
    );
    expect(wrong).toEqual([]);
  });
});
