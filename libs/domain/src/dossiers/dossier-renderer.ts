import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir as templatesRoot } from '@witness/platform';
import { renderContext } from './dossier-context';
import type { DossierData, DossierLanguage, DossierTemplateKind } from './dossier-data';
import { formatDossierDate, formatDossierDays } from './dossier-format';
import { dossierLocale, type DossierLocale } from './dossier-locale';

export { formatDossierDate, formatDossierDays, languageName } from './dossier-format';

/**
 * Dossier HTML renderer. Pure: data in, HTML string out (templates and words are read from
 * disk once and cached for the life of the process). No Nest, no database.
 *
 * - One template per form: `templates/dossiers/<kind>.hbs`, the same for every language; its
 *   words come from `templates/dossiers/locales/<lang>.json` (dossier-locale.ts), so a new
 *   language is a translation. Shared partials, including the `layout` with the print CSS, in
 *   `templates/dossiers/partials/*.hbs`, registered by file name.
 * - One ISOLATED Handlebars environment per language (`Handlebars.create()`), so the
 *   locale-aware helpers (`t`, `ft`, `fl`, `date`, `days`, `label`...) are bound to their
 *   language and nothing registered elsewhere leaks in or out.
 * - HTML escaping stays on everywhere: helpers return plain strings (escaped by Handlebars),
 *   never SafeString, and templates never use triple-stash for data.
 * - Defence in depth for the `public` edition: the render context (dossier-context.ts) leaves
 *   the sensitive fields out whatever the data holds, and the templates also guard those
 *   sections with `@root.submission`. A field the record lacks is "Not known" in the
 *   submission edition and left out of the public one.
 *
 * Bump DOSSIER_TEMPLATE_VERSION whenever a template, a partial, a locale file or a helper
 * changes the output: each generated dossier records the version it was made with.
 */
export const DOSSIER_TEMPLATE_VERSION = '4';

export const DOSSIER_TEMPLATE_KINDS: readonly DossierTemplateKind[] = [
  'wgad_regular',
  'wgad_urgent_action',
  'sp_communication',
  'hrc_brief',
  'upr_submission',
  'regional_request',
  'disappearance',
  'treaty_communication',
];
export const DOSSIER_LANGUAGES: readonly DossierLanguage[] = ['en', 'fr', 'es'];

const KIND_BY_ESCALATION: Readonly<Record<string, DossierTemplateKind>> = {
  wgad_regular: 'wgad_regular',
  wgad_urgent_action: 'wgad_urgent_action',
  sp_urgent_appeal: 'sp_communication',
  sp_allegation_letter: 'sp_communication',
  hrc_statement: 'hrc_brief',
  hrc_side_event: 'hrc_brief',
  upr_submission: 'upr_submission',
  // A petition on the merits: a case brief until it has its own form.
  regional_communication: 'hrc_brief',
  wgeid_communication: 'disappearance',
  wgeid_urgent_action: 'disappearance',
  ced_urgent_action: 'disappearance',
  treaty_communication: 'treaty_communication',
  treaty_interim_measures: 'treaty_communication',
  reprisals_report: 'hrc_brief',
  iachr_precautionary_measures: 'regional_request',
  achpr_provisional_measures: 'regional_request',
  ecthr_rule_39: 'regional_request',
  african_court_provisional: 'regional_request',
};

/** The dossier template for an escalation kind. Throws on an unknown kind. */
export function templateKindFor(escalationKind: string): DossierTemplateKind {
  const kind = Object.hasOwn(KIND_BY_ESCALATION, escalationKind)
    ? KIND_BY_ESCALATION[escalationKind]
    : undefined;
  if (!kind)
    throw new Error(`No dossier template for escalation kind ${JSON.stringify(escalationKind)}`);
  return kind;
}

/** The WGAD's text of a category in a language; empty for anything else. */
export function wgadCategoryText(category: unknown, language: DossierLanguage): string {
  return typeof category === 'string'
    ? (dossierLocale(language).maybe(`categories.${category}`) ?? '')
    : '';
}

/** The label of an enum value in a language; unknown values are shown humanized. */
export function dossierLabel(group: string, value: unknown, language: DossierLanguage): string {
  return dossierLocale(language).label(group, value);
}

type HelperArgs = unknown[];
/** A helper's last argument is Handlebars' options object. */
const params = (args: HelperArgs): unknown[] => args.slice(0, -1);
const hashOf = (args: HelperArgs): Record<string, unknown> =>
  (args[args.length - 1] as { hash?: Record<string, unknown> }).hash ?? {};
const rootKind = (args: HelperArgs): string =>
  String((args[args.length - 1] as { data?: { root?: { kind?: string } } }).data?.root?.kind);

function registerHelpers(hbs: typeof Handlebars, l: DossierLocale): void {
  const language = l.language;
  /** {{t 'common.arrest'}}, {{t 'format.x' name=value}}: words from the locale file. */
  hbs.registerHelper('t', (...args: HelperArgs) => l.t(String(params(args)[0]), hashOf(args)));
  /** {{ft 'headings.II'}}: the form's own words (`forms.<kind>.<key>`). */
  hbs.registerHelper('ft', (...args: HelperArgs) =>
    l.t(`forms.${rootKind(args)}.${String(params(args)[0])}`, hashOf(args)),
  );
  /** {{fl 'arrest' 'date'}}: a field's label, as the form words it. */
  hbs.registerHelper('fl', (...args: HelperArgs) => {
    const [group, name] = params(args);
    return l.fieldLabel(rootKind(args), String(group), String(name));
  });
  hbs.registerHelper('date', (...args: HelperArgs) => formatDossierDate(params(args)[0], language));
  hbs.registerHelper('days', (...args: HelperArgs) => formatDossierDays(params(args)[0], language));
  hbs.registerHelper('label', (...args: HelperArgs) => {
    const [group, value] = params(args);
    return l.label(String(group), value);
  });
  hbs.registerHelper('labels', (...args: HelperArgs) => {
    const [group, values] = params(args);
    return Array.isArray(values) ? values.map((v) => l.label(String(group), v)).join(', ') : '';
  });
  /** {{join (array a b) ', '}}: several values as one list. */
  hbs.registerHelper('array', (...args: HelperArgs) => params(args));
  /** {{join list}}: the values with the language's list separator ("; ", French " ; "). */
  hbs.registerHelper('join', (...args: HelperArgs) => {
    const [values, separator] = params(args);
    if (!Array.isArray(values)) return '';
    return values
      .filter((v) => v !== null && v !== undefined && v !== '')
      .join(typeof separator === 'string' ? separator : l.t('format.listSeparator'));
  });
}

let templatesDir: string | undefined;

export function dossierTemplatesDir(): string {
  templatesDir ??= templatesRoot('dossiers');
  return templatesDir;
}

const environments = new Map<DossierLanguage, typeof Handlebars>();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function environment(language: DossierLanguage): typeof Handlebars {
  const existing = environments.get(language);
  if (existing) return existing;
  const hbs = Handlebars.create();
  registerHelpers(hbs, dossierLocale(language));
  const partialsDir = join(dossierTemplatesDir(), 'partials');
  for (const file of readdirSync(partialsDir).sort()) {
    if (!file.endsWith('.hbs')) continue;
    // Compiled once here: a partial registered as source is recompiled at every render.
    hbs.registerPartial(
      basename(file, '.hbs'),
      hbs.compile(readFileSync(join(partialsDir, file), 'utf8'), { strict: false }),
    );
  }
  environments.set(language, hbs);
  return hbs;
}

function template(kind: DossierTemplateKind, language: DossierLanguage) {
  const key = `${kind}/${language}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const file = join(dossierTemplatesDir(), `${kind}.hbs`);
  if (!existsSync(file)) throw new Error(`Dossier template ${kind}.hbs not found`);
  const delegate = environment(language).compile(readFileSync(file, 'utf8'), { strict: false });
  compiled.set(key, delegate);
  return delegate;
}

/**
 * Render a dossier as a complete HTML document (A4 print CSS), in the data's language and
 * edition, with the template of `data.kind`.
 */
export function renderDossierHtml(data: DossierData): string {
  if (!DOSSIER_TEMPLATE_KINDS.includes(data.kind)) {
    throw new Error(`Unknown dossier template kind ${JSON.stringify(data.kind)}`);
  }
  if (!DOSSIER_LANGUAGES.includes(data.language)) {
    throw new Error(`Unsupported dossier language ${JSON.stringify(data.language)}`);
  }
  if (data.edition !== 'submission' && data.edition !== 'public') {
    throw new Error(`Unknown dossier edition ${JSON.stringify(data.edition)}`);
  }
  const l = dossierLocale(data.language);
  return template(data.kind, data.language)(renderContext(data, l, DOSSIER_TEMPLATE_VERSION));
}
