import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templatesDir } from '@witness/platform';
import { Translator } from './i18n';

function catalogue(files: Record<string, Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'witness-i18n-'));
  for (const [path, content] of Object.entries(files)) {
    const [lang, ns] = path.split('/');
    mkdirSync(join(dir, lang), { recursive: true });
    writeFileSync(join(dir, lang, `${ns}.json`), JSON.stringify(content));
  }
  return dir;
}

describe('Translator', () => {
  const dir = catalogue({
    'en/app': { save: 'Save', greet: 'Hello {name}', nav: { home: 'Home' } },
    'fr/app': { save: 'Enregistrer' },
  });
  const tr = new Translator(dir);

  it('reads one namespace per file, nested keys joined by dots', () => {
    expect(tr.t('en', 'app.nav.home')).toBe('Home');
    expect(tr.languages.sort()).toEqual(['en', 'fr']);
  });

  it('adds a language by dropping in a folder; what it lacks falls back to English', () => {
    expect(tr.t('fr', 'app.save')).toBe('Enregistrer');
    expect(tr.t('fr', 'app.nav.home')).toBe('Home');
  });

  it('interpolates parameters and leaves unknown ones visible', () => {
    expect(tr.t('en', 'app.greet', { name: 'Nasrin' })).toBe('Hello Nasrin');
    expect(tr.t('en', 'app.greet')).toBe('Hello {name}');
  });

  it('shows the key itself when no language has it, so a gap is seen, not hidden', () => {
    expect(tr.t('en', 'app.nope')).toBe('app.nope');
  });

  it('negotiates Accept-Language by quality, then by base language', () => {
    expect(tr.negotiate('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(tr.negotiate('de, en;q=0.5')).toBe('en');
    expect(tr.negotiate('de;q=0.9, fr;q=0.1')).toBe('fr');
    expect(tr.negotiate(undefined)).toBe('en');
    expect(tr.negotiate('***')).toBe('en');
  });
});

/** Every key the pages and controllers use exists in English (the fallback of every language). */
describe('the shipped strings', () => {
  const tr = new Translator();
  const root = templatesDir('web');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) =>
      statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
    );

  it('has every translation key used by a template', () => {
    const missing: string[] = [];
    for (const file of walk(root).filter((f) => f.endsWith('.hbs'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/[({]t\s+"([A-Za-z0-9_.-]+)"/g)) {
        if (!tr.has(m[1])) missing.push(`${file.slice(root.length + 1)}: ${m[1]}`);
      }
      for (const m of text.matchAll(/[({]term\s+"([A-Za-z0-9_]+)"/g)) {
        if (!tr.keys().some((k) => k.startsWith(`vocab.${m[1]}.`))) {
          missing.push(`${file.slice(root.length + 1)}: vocab.${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has every page title and string a controller names', () => {
    const missing: string[] = [];
    for (const file of walk(__dirname).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'),
    )) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/title:\s*'([a-z][A-Za-z0-9_.]+)'/g)) {
        if (!tr.has(m[1])) missing.push(`${file.slice(__dirname.length + 1)}: ${m[1]}`);
      }
      // ...and every string a controller translates itself (`views.tr(req, 'key')`).
      for (const m of text.matchAll(/\.tr\(\s*req,\s*'([a-z][A-Za-z0-9_.]+)'/g)) {
        if (!tr.has(m[1])) missing.push(`${file.slice(__dirname.length + 1)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('Translator plurals and numbers', () => {
  const dir = catalogue({
    'en/app': { n: '{count, plural, one {# case} other {# cases}}', plain: '{count} cases' },
    'fr/app': { n: '{count, plural, one {# cas} other {# cas}} ouverts' },
  });
  const tr = new Translator(dir);

  it('picks the plural form by the language’s rules and formats the number', () => {
    expect(tr.t('en', 'app.n', { count: 1 })).toBe('1 case');
    expect(tr.t('en', 'app.n', { count: 1200 })).toBe('1,200 cases');
    expect(tr.t('fr', 'app.n', { count: 1200 })).toBe('1\u202f200 cas ouverts');
  });

  it('formats a fallback message with English rules', () => {
    expect(tr.t('fr', 'app.plain', { count: 3 })).toBe('3 cases');
  });

  it('shows the message with its gap when a counted parameter is missing, never throws', () => {
    expect(tr.t('en', 'app.n')).toBe('{count, plural, one {# case} other {# cases}}');
  });
});
