import { Injectable } from '@nestjs/common';
import {
  DefendersService,
  seesAllCases,
  SolidarityService,
  UsersService,
  type AuthenticatedActor,
  type Role,
} from '@witness/domain';
import { ValidationFailedError } from '@witness/platform';
import { Views, type WebRequest } from './views';
import { many, text, type FormBody } from './web-form';

/**
 * The typeahead picker (docs/web/picker.md): one way to choose a case, a partner
 * organisation or a user on every form, by searching on the server. Without JavaScript it is
 * a search box whose "Search" button sends the form back to the page it is on, which shows
 * the matches as radio buttons or checkboxes; app.js turns it into a combobox that asks
 * /app/pick/<source> as the person types. Either way the form posts the chosen ids under the
 * field's own name, as a select or checkboxes did.
 */

/** What a picker chooses from. */
export const PICK_SOURCES = ['defenders', 'partners', 'users'] as const;
export type PickSource = (typeof PICK_SOURCES)[number];

/** Matches shown at most, for one search. */
export const PICK_LIMIT = 20;
/** The longest search accepted (a name or two, not a story). */
export const PICK_QUERY_MAX = 100;

/** The form field a picker's Search and Remove buttons send: `search:<name>`, `remove:<name>:<id>`. */
export const PICK_FIELD = '_pick';

export interface PickOption {
  id: string;
  label: string;
  hint?: string;
}

export interface PickerSpec {
  /** The form field the controller reads (`defenderIds`, `ownerId`), as before the picker. */
  name: string;
  source: PickSource;
  /** Several values (checkboxes, chips) or one (radio buttons). */
  multiple?: boolean;
  /** A single choice that cannot be emptied here (no "remove"; choosing another replaces it). */
  required?: boolean;
  /** Users: the roles that may be chosen (any when absent). */
  roles?: readonly Role[];
  /** Users: deactivated accounts too (an audit filter); otherwise only active ones. */
  inactive?: boolean;
  /** Ids never offered (the users already assigned, the page's own case). */
  exclude?: readonly string[];
  /** The search box's DOM id (default `f-<name>`), where error summaries link. */
  id?: string;
}

/** What the picker partial shows (templates/web/partials/picker.hbs). */
export interface PickerView {
  name: string;
  id: string;
  multiple: boolean;
  required: boolean;
  /** The JSON search the script asks (without `q`). */
  url: string;
  /** Ids the script must not offer, space-separated. */
  exclude: string;
  chosen: PickOption[];
  /** What was typed in the search box (no-JavaScript search). */
  q: string;
  /** A search was asked for: the matches are shown. */
  searched: boolean;
  results: PickOption[];
  more: boolean;
  searchError?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The search box's field for a picker: `q.defenderIds`. */
export function queryField(name: string): string {
  return `q.${name}`;
}

/** A picker's Search or Remove button, if that is what sent the form. */
export function pickAction(
  body: FormBody | undefined,
): { op: 'search' | 'remove'; name: string; id?: string } | null {
  const raw = text(body ?? {}, PICK_FIELD);
  if (!raw) return null;
  const [op, name, id] = raw.split(':');
  if ((op !== 'search' && op !== 'remove') || !name) return null;
  return { op, name, id };
}

/**
 * The values to show the form with again when a picker's Search or Remove button sent it
 * (nothing is saved then), or null when the form was sent to be saved. A removed id is
 * taken out of its field; everything else typed is kept.
 */
export function picking(body: FormBody | undefined): FormBody | null {
  const action = pickAction(body);
  if (!action) return null;
  const values: FormBody = { ...(body ?? {}) };
  delete values[PICK_FIELD];
  if (action.op === 'remove') {
    const kept = many(values, action.name).filter((v) => v !== action.id);
    if (kept.length) values[action.name] = kept;
    else delete values[action.name];
  }
  return values;
}

/** The search text of a request: trimmed, at most PICK_QUERY_MAX characters (else 400). */
export function pickQuery(q: string | undefined): string {
  const s = (q ?? '').trim();
  if (s.length > PICK_QUERY_MAX) {
    throw ValidationFailedError.field('q', `must be at most ${PICK_QUERY_MAX} characters`);
  }
  return s;
}

@Injectable()
export class Pickers {
  private readonly regions = new Map<string, Intl.DisplayNames>();

  constructor(
    private readonly views: Views,
    private readonly defenders: DefendersService,
    private readonly solidarity: SolidarityService,
    private readonly users: UsersService,
  ) {}

  /**
   * Up to PICK_LIMIT choices matching `q` that this actor may see and choose (need-to-know
   * applied by the services, as everywhere): every word typed is the prefix of a word of
   * the name, accents and case folded. An empty `q` gives the first ones. A `q` with no
   * letter or digit is a 400 naming `q`.
   */
  async search(
    req: WebRequest,
    actor: AuthenticatedActor,
    source: PickSource,
    q: string,
    options: { roles?: readonly Role[]; inactive?: boolean } = {},
  ): Promise<{ data: PickOption[]; more: boolean }> {
    const lang = this.views.lang(req);
    const query = pickQuery(q);
    if (source === 'defenders') {
      const page = await this.defenders.list(
        { ...(query ? { q: query } : {}), limit: PICK_LIMIT },
        actor,
      );
      return {
        data: page.data.map((d) => ({
          id: d.id,
          label: d.fullName,
          hint: this.hint([
            this.country(lang, d.country),
            this.views.translator.t(lang, `vocab.defenderStatuses.${d.status}`),
            d.access === 'restricted' ? this.views.translator.t(lang, 'picker.restricted') : '',
          ]),
        })),
        more: page.nextCursor !== null,
      };
    }
    if (source === 'partners') {
      const rows = await this.solidarity.searchPartners(query, actor, PICK_LIMIT);
      return {
        data: rows.slice(0, PICK_LIMIT).map((p) => ({
          id: p.id,
          label: p.name,
          hint: this.hint([
            this.views.translator.t(lang, `vocab.partnerKinds.${p.kind}`),
            this.country(lang, p.country),
          ]),
        })),
        more: rows.length > PICK_LIMIT,
      };
    }
    const rows = await this.users.search(query, {
      roles: options.roles,
      inactive: options.inactive,
      // Found by address only by those who are shown addresses.
      emails: seesAllCases(actor),
      limit: PICK_LIMIT,
    });
    return {
      data: rows.slice(0, PICK_LIMIT).map((u) => this.userOption(lang, actor, u)),
      more: rows.length > PICK_LIMIT,
    };
  }

  /**
   * The picker as a form shows it: the chosen values (named; need-to-know applied: a case
   * the actor may not see is named as unknown), what was typed, and the matches when a
   * search was asked for (the Search button, or a search text sent with the form).
   */
  async view(
    req: WebRequest,
    actor: AuthenticatedActor,
    spec: PickerSpec,
    values: FormBody | Record<string, unknown>,
  ): Promise<PickerView> {
    const form = values as FormBody;
    const multiple = !!spec.multiple;
    const raw = many(form, spec.name).filter((v) => typeof v === 'string');
    const ids = [...new Set(multiple ? raw : raw.slice(0, 1))];
    const q = (text(form, queryField(spec.name)) ?? '').slice(0, PICK_QUERY_MAX * 2);
    const action = pickAction(form);
    const searched = q !== '' || (action?.op === 'search' && action.name === spec.name);
    const chosen = await this.named(req, actor, spec.source, ids);
    let results: PickOption[] = [];
    let more = false;
    let searchError: string | undefined;
    if (searched) {
      try {
        const found = await this.search(req, actor, spec.source, q, spec);
        const skip = new Set([...ids, ...(spec.exclude ?? [])]);
        results = found.data.filter((o) => !skip.has(o.id));
        more = found.more;
      } catch (err) {
        if (!(err instanceof ValidationFailedError)) throw err;
        searchError = this.views.tr(
          req,
          q.length > PICK_QUERY_MAX ? 'picker.tooLong' : 'picker.lettersOrDigits',
          { max: PICK_QUERY_MAX },
        );
      }
    }
    const params = new URLSearchParams();
    for (const role of spec.roles ?? []) params.append('role', role);
    if (spec.inactive) params.set('inactive', 'true');
    const query = params.toString();
    return {
      name: spec.name,
      id: spec.id ?? `f-${spec.name}`,
      multiple,
      required: !!spec.required,
      url: `/app/pick/${spec.source}${query ? `?${query}` : ''}`,
      exclude: (spec.exclude ?? []).join(' '),
      chosen,
      q,
      searched,
      results,
      more,
      searchError,
    };
  }

  /** The pickers of one form or filter, by field name: the partial's `p=pickers.<name>`. */
  async form(
    req: WebRequest,
    actor: AuthenticatedActor,
    values: FormBody | Record<string, unknown>,
    specs: PickerSpec[],
  ): Promise<Record<string, PickerView>> {
    const views = await Promise.all(specs.map((s) => this.view(req, actor, s, values)));
    return Object.fromEntries(views.map((v) => [v.name, v]));
  }

  /** Options for these ids, in their order: the ones the actor may not see say so. */
  private async named(
    req: WebRequest,
    actor: AuthenticatedActor,
    source: PickSource,
    ids: string[],
  ): Promise<PickOption[]> {
    const lang = this.views.lang(req);
    const valid = ids.filter((id) => UUID.test(id));
    const known = new Map<string, PickOption>();
    if (valid.length && source === 'defenders') {
      for (const [id, name] of await this.defenders.names(valid, actor)) {
        known.set(id, { id, label: name });
      }
    } else if (valid.length && source === 'partners') {
      for (const p of await this.solidarity.partnersById(valid, actor)) {
        known.set(p.id, { id: p.id, label: p.name });
      }
    } else if (valid.length) {
      for (const u of await this.users.byIds(valid)) {
        known.set(u.id, this.userOption(lang, actor, u));
      }
    }
    const unknown = this.views.translator.t(lang, 'picker.unknown');
    return ids.map((id) => known.get(id) ?? { id, label: unknown });
  }

  private userOption(
    lang: string,
    actor: AuthenticatedActor,
    u: { id: string; name: string; email: string; role: string; active: boolean },
  ): PickOption {
    const tr = this.views.translator;
    return {
      id: u.id,
      label: u.name,
      hint: this.hint([
        tr.t(lang, `vocab.roles.${u.role}`),
        // Addresses only for those who manage people (coordinators and admins).
        seesAllCases(actor) ? u.email : '',
        u.active ? '' : tr.t(lang, 'picker.deactivated'),
      ]),
    };
  }

  private hint(parts: (string | null | undefined)[]): string | undefined {
    const kept = parts.filter((p): p is string => !!p);
    return kept.length ? kept.join(' · ') : undefined;
  }

  /** A country's name in the page's language (the code when the runtime has none). */
  private country(lang: string, code: string | null | undefined): string | undefined {
    if (!code) return undefined;
    let names = this.regions.get(lang);
    if (!names) {
      names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
      this.regions.set(lang, names);
    }
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  }
}
