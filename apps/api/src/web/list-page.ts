import type { Type } from '@nestjs/common';
import { ValidationFailedError } from '@witness/platform';
import type { FieldErrorMap } from './views';
import { errorMap, text, validateAs, type FormBody } from './web-form';
import { PAGE_SIZE } from './work-web.shared';
import { queryWith } from './work-web.util';

/**
 * The plumbing of the filtered, paged list pages (milestones, solidarity actions): filters
 * read from the query string, the query validated with the API's own list DTO and one page
 * loaded, and the links to the next and the first page. What each list filters on stays
 * with its page.
 */

/** A page of a list, as the services answer it. */
export interface ListPage<T> {
  data: T[];
  nextCursor: string | null;
}

/** Text filters of the query string, in the order given; '' when not given. */
export function textFilters<K extends string>(
  query: FormBody,
  names: readonly K[],
): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, text(query, name) ?? ''])) as Record<
    K,
    string
  >;
}

/**
 * One page: `plain` (the filters as the API's list query takes them) with the query's cursor
 * and the page size, validated with `dto`, then `load`ed. A refused filter is a field error
 * and an empty page, never a 500; so is any error found before (`known`), and then nothing
 * is loaded. `errors` is undefined when there are none.
 */
export async function loadListPage<Q, T>(
  query: FormBody,
  dto: Type<Q>,
  plain: Record<string, unknown>,
  load: (q: Q) => Promise<ListPage<T>>,
  known: FieldErrorMap = {},
): Promise<{ page: ListPage<T>; errors?: FieldErrorMap }> {
  const errors: FieldErrorMap = { ...known };
  let page: ListPage<T> = { data: [], nextCursor: null };
  try {
    const cursor = text(query, 'cursor');
    const q = await validateAs(dto, {
      ...plain,
      ...(cursor ? { cursor } : {}),
      limit: PAGE_SIZE,
    });
    if (!Object.keys(errors).length) page = await load(q);
  } catch (err) {
    if (!(err instanceof ValidationFailedError)) throw err;
    Object.assign(errors, errorMap(err.errors));
  }
  return { page, errors: Object.keys(errors).length ? errors : undefined };
}

/** The links to a list's next page (when there is one) and back to its first (when paged). */
export function pageLinks(
  path: string,
  params: Record<string, string | undefined>,
  query: FormBody,
  nextCursor: string | null,
): { nextUrl?: string; firstUrl?: string } {
  return {
    nextUrl: nextCursor ? `${path}${queryWith(params, { cursor: nextCursor })}` : undefined,
    firstUrl: text(query, 'cursor') ? `${path}${queryWith(params, {})}` : undefined,
  };
}
