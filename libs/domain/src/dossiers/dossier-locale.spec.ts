import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dossierLocale, dossierLocalesDir } from './dossier-locale';
import { ENGLISH_WORDS, englishWordsIn } from './testing/english-words';

type Tree = Record<string, unknown>;
const read = (lang: string) =>
  JSON.parse(readFileSync(join(dossierLocalesDir(), `${lang}.json`), 'utf8')) as Tree;

/** Every string of a locale file with its path. */
function strings(tree: unknown, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (Array.isArray(tree)) return tree.flatMap((v, i) => strings(v, `${path}[${i}]`));
  return Object.entries(tree as Tree).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

/** The web app's help texts are English only (the web app is): not dossier words. */
const isHelp = (path: string) => /^fields\.[^.]+\.[^.]+\.help$/.test(path);

describe('dossier locale files', () => {
  const en = new Map(strings(read('en')).filter(([p]) => !isHelp(p)));

  it.each(['fr', 'es'])('%s has every word English has, and nothing else', (lang) => {
    const other = new Map(strings(read(lang)));
    expect([...en.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !en.has(k))).toEqual([]);
    for (const [k, v] of other) expect({ k, empty: v.trim() === '' }).toEqual({ k, empty: false });
  });

  it('French follows French typography: narrow no-break space before : ; ! ?, « guillemets »', () => {
    for (const [path, text] of strings(read('fr'))) {
      const bad = [
        ...text.matchAll(/(?<!\u202f)[:;!?](?=\s|$)/g),
        ...text.matchAll(/«(?!\u00a0)|(?<!\u00a0)»/g),
      ];
      expect({
        path,
        bad: bad.map((m) => text.slice(Math.max(0, m.index! - 10), m.index! + 2)),
      }).toEqual({
        path,
        bad: [],
      });
    }
  });

  it.each(['fr', 'es'] as const)('no English is left in %s', (lang) => {
    const found = strings(read(lang))
      .map(([path, text]) => ({ path, words: englishWordsIn(text, lang) }))
      .filter((x) => x.words.length);
    expect(found).toEqual([]);
  });

  it('the English check would see English', () => {
    expect(ENGLISH_WORDS.length).toBeGreaterThan(20);
    expect(englishWordsIn('Date of arrest: Not known', 'fr')).toEqual(['Not known', 'arrest']);
    expect(englishWordsIn('No consta', 'es')).toEqual([]);
  });

  it('fills parameters and refuses a missing word rather than fall back to English', () => {
    const fr = dossierLocale('fr');
    expect(fr.t('common.personN', { n: 2 })).toBe('Personne 2');
    expect(() => fr.t('common.noSuchWord')).toThrow(/Missing dossier text/);
    expect(fr.label('event', 'house_arrest')).toBe('Assignation à résidence');
    expect(fr.label('event', 'some_new_type')).toBe('Some new type');
    expect(fr.fieldLabel('wgad_regular', 'arrest', 'date')).toBe('1. Date de l’arrestation');
    expect(fr.fieldLabel('sp_communication', 'arrest', 'date')).toBe('Date de l’arrestation');
  });
});
