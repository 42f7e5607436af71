import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Injectable } from '@nestjs/common';
import {
  countryNameFor,
  isUserLanguage,
  UsersService,
  type AuthenticatedActor,
} from '@witness/domain';
import { templatesDir } from '@witness/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { countryInputValues, countryOptions, languageName, languageOptions } from './display-names';
import { milestoneTitle } from './milestone-titles';
import { ErrorWords } from './error-words';
import { LANGUAGES, Translator } from './i18n';
import { csrfFor, LANGUAGE_COOKIE, SESSION_COOKIE } from './web-session';

export type WebRequest = FastifyRequest & { actor?: AuthenticatedActor };

/** Everything the layout needs besides the page's own data. */
export interface PageMeta {
  lang: string;
  /** Translation key of the page title (or plain text when no such key exists). */
  title: string;
  titleParams?: Record<string, unknown>;
  /** Which navigation entry is current. */
  section?: string;
  me?: { id: string; name: string; role: string };
  csrf?: string;
  notice?: string;
  requestId: string;
  assets: { css: string; js: string; icon: string; styles: string[] };
  /** The page's own address, where the language switcher brings the reader back. */
  path?: string;
  /** The language switcher: each language named in itself. */
  uiLanguages?: { code: string; name: string; current: boolean; href: string }[];
}

/** Each language's name in itself, as a switcher shows it to someone who cannot read the rest. */
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'Français', es: 'Español' };

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** The web app's Content-Security-Policy: no inline script or style, nothing from elsewhere. */
export const WEB_CSP = CSP;

const ROLE_RANK: Record<string, number> = { viewer: 0, caseworker: 1, coordinator: 2, admin: 3 };

/**
 * Server-rendered pages: `templates/web/pages/<area>/<name>.hbs` inside
 * `templates/web/layout.hbs`, partials from `templates/web/partials/`, strings from the
 * Translator. One isolated Handlebars environment; templates compiled once per process.
 * Handlebars escapes every `{{value}}`; pages never use triple-stash for data.
 */
@Injectable()
export class Views {
  readonly translator = new Translator();
  readonly errorWords = new ErrorWords(this.translator);
  private readonly hbs = Handlebars.create();
  private readonly summary: Handlebars.TemplateDelegate;
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;
  /** Static assets by file name, with a content hash for cache-busting URLs. */
  readonly assets = new Map<string, { body: Buffer; type: string; hash: string }>();

  constructor(private readonly users: UsersService) {
    const root = templatesDir('web');
    this.registerHelpers();
    for (const file of readdirSync(join(root, 'partials')).filter((f) => f.endsWith('.hbs'))) {
      this.hbs.registerPartial(
        file.slice(0, -4),
        readFileSync(join(root, 'partials', file), 'utf8'),
      );
    }
    this.summary = this.hbs.compile(
      readFileSync(join(root, 'partials', 'error-summary.hbs'), 'utf8'),
      { strict: false },
    );
    this.layout = this.hbs.compile(readFileSync(join(root, 'layout.hbs'), 'utf8'), {
      strict: false,
    });
    for (const file of walk(join(root, 'pages')).filter((f) => f.endsWith('.hbs'))) {
      const name = relative(join(root, 'pages'), file).slice(0, -4).split('\\').join('/');
      this.pages.set(name, this.hbs.compile(readFileSync(file, 'utf8'), { strict: false }));
    }
    const types: Record<string, string> = {
      css: 'text/css; charset=utf-8',
      js: 'text/javascript; charset=utf-8',
      svg: 'image/svg+xml',
      png: 'image/png',
      ico: 'image/x-icon',
    };
    for (const file of readdirSync(join(root, 'assets'))) {
      const ext = file.split('.').pop() ?? '';
      if (!types[ext]) continue;
      const body = readFileSync(join(root, 'assets', file));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
      this.assets.set(file, { body, type: types[ext], hash });
    }
  }

  has(page: string): boolean {
    return this.pages.has(page);
  }

  /** Render a page (in the layout unless `bare`) to an HTML string. */
  render(page: string, data: Record<string, unknown>, meta: PageMeta, bare = false): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`No web page template ${page}`);
    const formErrors = new RenderedErrors();
    const context = { ...data, ...meta, page, [RENDERED_ERRORS]: formErrors };
    const body = this.fillSummaries(template(context), formErrors, meta.lang, page);
    if (bare) return body;
    return this.layout({ ...context, body: new Handlebars.SafeString(body) });
  }

  /**
   * Each form's error summary, now that its fields have been rendered: a link to each field
   * with an error, in the order the fields appear, saying what is wrong in words; errors of no
   * field (`_`) first, and errors of fields the page did not draw last.
   */
  private fillSummaries(body: string, rendered: RenderedErrors, lang: string, page: string) {
    return body.replace(/<!--error-summary:(\d+)-->/g, (_whole, i: string) => {
      const { errors, labels } = rendered.summaries[Number(i)];
      const claimed = rendered.claims.filter((c) => c.errors === errors);
      const seen = new Set(claimed.map((c) => c.key));
      const items: { text: string; href?: string }[] = [];
      if (errors._) items.push({ text: errors._ });
      for (const c of claimed) items.push({ text: c.text, href: `#${c.id}` });
      for (const [key, message] of Object.entries(errors)) {
        if (key === '_' || seen.has(key)) continue;
        const id = `f-${key}`;
        items.push({
          text: this.errorWords.sentence(lang, key, message, labels?.[key], area(page)),
          href: body.includes(`id="${id}"`) ? `#${id}` : undefined,
        });
      }
      return this.summary({ items, lang });
    });
  }

  /**
   * The request's language: the signed-in person's own choice, else the one chosen in this
   * browser (a cookie, also before signing in), else the browser's Accept-Language.
   */
  lang(req: WebRequest): string {
    const chosen = req.actor?.language ?? (req.cookies ?? {})[LANGUAGE_COOKIE];
    if (isUserLanguage(chosen)) return chosen;
    return this.translator.negotiate(req.headers['accept-language']);
  }

  /** A string in the request's language, for a controller (templates use `{{t}}`). */
  tr(req: WebRequest, key: string, params: Record<string, unknown> = {}): string {
    return this.translator.t(this.lang(req), key, params);
  }

  /** The layout's data for a request: language, the signed-in user, the CSRF token. */
  async meta(req: WebRequest, title: string, extra: Partial<PageMeta> = {}): Promise<PageMeta> {
    const lang = this.lang(req);
    const here = pageAddress(req);
    const token = (req.cookies ?? {})[SESSION_COOKIE];
    let me: PageMeta['me'];
    if (req.actor && !req.actor.mfaPending) {
      const user = await this.users.get(req.actor.userId);
      me = { id: user.id, name: user.name, role: user.role };
    }
    const notice = (req.query as Record<string, unknown> | undefined)?.notice;
    return {
      lang,
      title,
      me,
      csrf: req.actor && token ? csrfFor(token) : undefined,
      notice: this.noticeKey(notice),
      requestId: String(req.id),
      path: here,
      uiLanguages: LANGUAGES.map((code) => ({
        code,
        name: LANGUAGE_NAMES[code],
        current: code === lang,
        href: `/app/language?lang=${code}&next=${encodeURIComponent(here)}`,
      })),
      assets: {
        css: this.assetUrl('app.css'),
        js: this.assetUrl('app.js'),
        icon: this.assetUrl('favicon.svg'),
        // Each area may add its own stylesheet (templates/web/assets/<area>.css).
        styles: [...this.assets.keys()]
          .filter((f) => f.endsWith('.css') && f !== 'app.css')
          .sort()
          .map((f) => this.assetUrl(f)),
      },
      ...extra,
    };
  }

  /**
   * A `?notice=` after a redirect names a message: `saved` (from notices.json) or an area's
   * own, e.g. `defenders.notices.archived`. Only keys of a `notices` group are shown.
   */
  private noticeKey(notice: unknown): string | undefined {
    if (typeof notice !== 'string' || notice.length > 100) return undefined;
    const key = notice.includes('.') ? notice : `notices.${notice}`;
    return /(^|\.)notices\./.test(key) && this.translator.has(key) ? key : undefined;
  }

  assetUrl(file: string): string {
    return `/app/assets/${file}?v=${this.assets.get(file)?.hash ?? '0'}`;
  }

  /** Render and send a page with the web app's security headers. */
  async send(
    req: WebRequest,
    reply: FastifyReply,
    page: string,
    data: Record<string, unknown>,
    options: {
      title: string;
      titleParams?: Record<string, unknown>;
      section?: string;
      status?: number;
      csrf?: string;
    } = {
      title: '',
    },
  ): Promise<FastifyReply> {
    const meta = await this.meta(req, options.title, {
      section: options.section,
      titleParams: options.titleParams,
      ...(options.csrf ? { csrf: options.csrf } : {}),
    });
    return sendHtml(reply, this.render(page, data, meta), options.status ?? 200);
  }

  /** A fragment (no layout) for progressive enhancement, e.g. a status that updates itself. */
  async fragment(
    req: WebRequest,
    reply: FastifyReply,
    page: string,
    data: Record<string, unknown>,
  ): Promise<FastifyReply> {
    const meta = await this.meta(req, '');
    return sendHtml(reply, this.render(page, data, meta, true), 200);
  }

  private registerHelpers(): void {
    const hbs = this.hbs;
    const tr = this.translator;
    type Opts = Handlebars.HelperOptions;
    const rootLang = (o: Opts): string =>
      ((o.data as { root?: { lang?: string } })?.root?.lang as string) ?? 'en';
    /** {{t "key" name=value}}: a translated, escaped string. */
    hbs.registerHelper('t', (key: unknown, o: Opts) => tr.t(rootLang(o), String(key), o.hash));
    /** {{term "defenderStatuses" value}}: the translated name of a vocabulary value. */
    hbs.registerHelper('term', (vocab: unknown, value: unknown, o: Opts) =>
      value === null || value === undefined || value === ''
        ? ''
        : tr.t(rootLang(o), `vocab.${String(vocab)}.${String(value)}`),
    );
    /** The page <title>: a key with parameters, or plain text. */
    hbs.registerHelper('pageTitle', function (this: PageMeta, o: Opts) {
      const title = this.title;
      return tr.has(title) ? tr.t(rootLang(o), title, this.titleParams) : title;
    });
    hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
    hbs.registerHelper('not', (a: unknown) => !a);
    hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
    hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    hbs.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
    hbs.registerHelper('lt', (a: unknown, b: unknown) => Number(a) < Number(b));
    hbs.registerHelper(
      'includes',
      (list: unknown, x: unknown) => Array.isArray(list) && list.includes(x),
    );
    /** {{#if (can "coordinator")}}: the signed-in role is at least this one. */
    hbs.registerHelper('can', (role: unknown, o: Opts) => {
      const me = (o.data as { root?: PageMeta }).root?.me;
      return !!me && ROLE_RANK[me.role] >= ROLE_RANK[String(role)];
    });
    /** {{date v}}: a calendar date in the reader's language (English: the house's ISO form). */
    hbs.registerHelper('date', (v: unknown, o: Opts) => localDate(v, rootLang(o)));
    /** {{datetime v}}: a moment in UTC, in the reader's language. */
    hbs.registerHelper('datetime', (v: unknown, o: Opts) => localDateTime(v, rootLang(o)));
    /** {{number n}}: a number with the reader's language's separators. */
    hbs.registerHelper('number', (v: unknown, o: Opts) => localNumber(v, rootLang(o)));
    const words = this.errorWords;
    /**
     * {{fieldError errors "fullName" label=label id=id}}: what is wrong with a field (or its
     * sub-fields), as a sentence naming it by its label; the form's error summary links to it.
     */
    hbs.registerHelper('fieldError', (errors: unknown, field: unknown, o: Opts) => {
      const found = fieldMessage(errors, String(field));
      if (!found) return '';
      const root = o.data.root as Record<symbol, RenderedErrors | undefined>;
      const hash = o.hash as { label?: unknown; id?: unknown };
      const label = typeof hash.label === 'string' ? hash.label : undefined;
      const text = words.sentence(rootLang(o), found.key, found.message, label, area(root));
      root[RENDERED_ERRORS]?.claim(errors as FieldErrorMap, found.key, {
        id: typeof hash.id === 'string' && hash.id ? hash.id : `f-${String(field)}`,
        text,
        labelled: label !== undefined,
      });
      return text;
    });
    /** ` autofocus` on the first field with an error on the page, so focus starts there. */
    hbs.registerHelper('errorFocus', (errors: unknown, field: unknown, o: Opts) => {
      const root = o.data.root as Record<symbol, RenderedErrors | undefined>;
      const found = fieldMessage(errors, String(field));
      return found && root[RENDERED_ERRORS]?.focus() ? new Handlebars.SafeString(' autofocus') : '';
    });
    /** {{errorSummary errors labels}}: where the form's error summary goes (filled in later). */
    hbs.registerHelper('errorSummary', (errors: unknown, labels: unknown, o: Opts) => {
      const root = o.data.root as Record<symbol, RenderedErrors | undefined>;
      const i = root[RENDERED_ERRORS]?.summary(errors as FieldErrorMap, labels);
      return i === undefined ? '' : new Handlebars.SafeString(`<!--error-summary:${i}-->`);
    });
    /** {{errorText field message}}: one error of a problem's list, in words. */
    hbs.registerHelper('errorText', (field: unknown, message: unknown, o: Opts) =>
      words.sentence(rootLang(o), String(field ?? ''), String(message ?? '')),
    );
    hbs.registerHelper('json', (v: unknown) => JSON.stringify(v ?? null));
    hbs.registerHelper('join', (list: unknown, sep: unknown) =>
      Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '',
    );
    /** {{either id (concat "f-" name)}}: the first value given (not empty). */
    hbs.registerHelper('either', (...args: unknown[]) =>
      args.slice(0, -1).find((a) => a !== undefined && a !== null && a !== ''),
    );
    hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
    /** {{country code}}: one country named in the reader's language (the code when unknown). */
    hbs.registerHelper('country', (code: unknown, o: Opts) =>
      typeof code === 'string' && code ? (countryNameFor(code, rootLang(o)) ?? code) : '',
    );
    /** {{language tag}}: a language named in the reader's language ("ar" -> "Arabic"). */
    hbs.registerHelper('language', (tag: unknown, o: Opts) =>
      typeof tag === 'string' && tag ? languageName(tag, rootLang(o)) : '',
    );
    hbs.registerHelper('upper', (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v));
    /** (countryOptions): every country for a select, named and sorted in the reader's language. */
    hbs.registerHelper('countryOptions', (o: Opts) => countryOptions(rootLang(o)));
    /** (languageOptions value): languages for a select, the current one kept if unusual. */
    hbs.registerHelper('languageOptions', (current: unknown, o: Opts) =>
      languageOptions(rootLang(o), current),
    );
    /** {{countries codes}}: country codes named in the reader's language. */
    hbs.registerHelper('countries', (codes: unknown, o: Opts) =>
      (Array.isArray(codes) ? codes : [codes])
        .filter((c): c is string => typeof c === 'string' && c !== '')
        .map((c) => countryNameFor(c, rootLang(o)))
        .join(', '),
    );
    /** {{milestoneTitle m}}: a milestone's title in the reader's language. */
    hbs.registerHelper('milestoneTitle', (m: unknown, o: Opts) =>
      m && typeof m === 'object' && 'title' in m
        ? milestoneTitle(tr, rootLang(o), m as Parameters<typeof milestoneTitle>[2])
        : '',
    );
    /** (countryInputs values): a country-list field's inputs, named, then a blank one. */
    hbs.registerHelper('countryInputs', (values: unknown, o: Opts) =>
      countryInputValues(values, rootLang(o)).map((value, i) => ({ value, n: i + 1 })),
    );
  }
}

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', WEB_CSP)
    .header('Cache-Control', 'no-store')
    .header('Referrer-Policy', 'same-origin')
    .send(html);
}

/** Field errors as `{ field: message }`, first message per field. */
export type FieldErrorMap = Record<string, string>;

function fieldMessage(errors: unknown, field: string): { key: string; message: string } | null {
  if (!errors || typeof errors !== 'object') return null;
  const map = errors as FieldErrorMap;
  if (map[field]) return { key: field, message: map[field] };
  const nested = Object.keys(map).find(
    (k) => k.startsWith(`${field}.`) || k.startsWith(`${field}[`),
  );
  return nested ? { key: nested, message: map[nested] } : null;
}

/** Where a render keeps what its fields' errors said, for the summaries and the focus. */
const RENDERED_ERRORS = Symbol('renderedErrors');

/** The area of a page (`defenders/form` -> `defenders`), whose catalogue names its fields. */
function area(root: { page?: unknown } | string): string | undefined {
  const page = typeof root === 'string' ? root : root.page;
  return typeof page === 'string' ? page.split('/')[0] : undefined;
}

class RenderedErrors {
  readonly claims: { errors: FieldErrorMap; key: string; id: string; text: string }[] = [];
  readonly summaries: { errors: FieldErrorMap; labels?: Record<string, string> }[] = [];
  private focused = false;

  /** A field drew its error (a page may ask twice: once to style, once to say it). */
  claim(errors: FieldErrorMap, key: string, said: { id: string; text: string; labelled: boolean }) {
    const known = this.claims.find((c) => c.errors === errors && c.key === key);
    if (!known) this.claims.push({ errors, key, id: said.id, text: said.text });
    else if (said.labelled) Object.assign(known, { id: said.id, text: said.text });
  }

  summary(errors: FieldErrorMap | undefined, labels: unknown): number | undefined {
    if (!errors || typeof errors !== 'object' || !Object.keys(errors).length) return undefined;
    const named = labels && typeof labels === 'object' ? (labels as Record<string, string>) : {};
    return this.summaries.push({ errors, labels: named }) - 1;
  }

  /** True once: for the first field with an error. */
  focus(): boolean {
    if (this.focused) return false;
    this.focused = true;
    return true;
  }
}

/**
 * The address to come back to after choosing a language: the page itself, or for a form
 * answered with its errors (a POST) the page the form was on.
 */
function pageAddress(req: WebRequest): string {
  if (req.method === 'GET' || req.method === 'HEAD') return req.url;
  const referer = req.headers.referer;
  if (typeof referer !== 'string') return '/app';
  try {
    const url = new URL(referer);
    return url.host === req.headers.host ? `${url.pathname}${url.search}` : '/app';
  } catch {
    return '/app';
  }
}

function toDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' && v) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(id: string, make: () => T): T {
  let f = formats.get(id) as T | undefined;
  if (!f) {
    f = make();
    formats.set(id, f);
  }
  return f;
}

/**
 * A calendar date for a reader: English keeps the unambiguous YYYY-MM-DD the team writes;
 * French and Spanish read it the way they write it ("18 mars 2024", "18 mar 2024").
 */
export function localDate(v: unknown, lang: string): string {
  const iso = isoDate(v);
  if (!iso || lang === 'en') return iso;
  const format = cached(
    `d:${lang}`,
    () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }),
  );
  return format.format(new Date(`${iso}T00:00:00Z`));
}

/** A moment in UTC for a reader (English: `YYYY-MM-DD HH:MM UTC`). */
export function localDateTime(v: unknown, lang: string): string {
  const d = toDate(v);
  if (!d) return '';
  if (lang === 'en') return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const format = cached(
    `dt:${lang}`,
    () =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  );
  return `${format.format(d)} UTC`;
}

/** A number with the separators of the reader's language; anything else as it is. */
export function localNumber(v: unknown, lang: string): string {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return v === null || v === undefined ? '' : String(v);
  return cached(`n:${lang}`, () => new Intl.NumberFormat(lang)).format(n);
}

function isoDate(v: unknown): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = toDate(v);
  return d ? d.toISOString().slice(0, 10) : '';
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
