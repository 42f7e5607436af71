import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir as templatesRoot } from '../templates/templates-dir';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type Compiled = { [K in keyof RenderedEmail]: Handlebars.TemplateDelegate };

/** Own Handlebars environment, so helpers registered elsewhere never leak into emails. */
const hbs = Handlebars.create();
hbs.registerHelper('plural', (count: unknown, one: unknown, many: unknown) =>
  count === 1 ? one : many,
);

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;
const cache = new Map<string, Compiled>();
let templatesDir: string | undefined;

export function emailTemplatesDir(): string {
  templatesDir ??= templatesRoot('emails');
  return templatesDir;
}

function load(name: string): Compiled {
  const cached = cache.get(name);
  if (cached) return cached;
  const dir = emailTemplatesDir();
  const read = (suffix: string) => {
    const file = join(dir, `${name}.${suffix}.hbs`);
    if (!existsSync(file))
      throw new Error(`Email template ${name}.${suffix}.hbs not found in ${dir}`);
    return readFileSync(file, 'utf8');
  };
  const compiled: Compiled = {
    // HTML is escaped; subject and text are not HTML, so escaping would show `&amp;` in them.
    html: hbs.compile(read('html'), { strict: false }),
    text: hbs.compile(read('text'), { noEscape: true, strict: false }),
    subject: hbs.compile(read('subject'), { noEscape: true, strict: false }),
  };
  cache.set(name, compiled);
  return compiled;
}

/**
 * Render `templates/emails/<name>.{subject,html,text}.hbs` with `context`. Compiled templates
 * are cached for the life of the process. The subject is collapsed to one line.
 */
export function renderEmail(name: string, context: object): RenderedEmail {
  if (!NAME_RE.test(name)) throw new Error(`Invalid email template name: ${JSON.stringify(name)}`);
  const t = load(name);
  return {
    subject: t.subject(context).replace(/\s+/g, ' ').trim(),
    html: t.html(context),
    text: t
      .text(context)
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
      .concat('\n'),
  };
}
