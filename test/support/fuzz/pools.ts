import fc from 'fast-check';

/**
 * Ids of records that exist, by collection (the path segment that names them: `defenders`,
 * `events`, `escalations`...). Fixtures fill them first; every 2xx answer adds the ids it
 * shows, so requests reach past the 404 into the handlers, and a new endpoint's records are
 * picked up without naming them here.
 *
 * Arbitraries cannot see ids made while the run goes on, so they draw a `RealId` (a
 * collection and an index) that is resolved only when the request is sent.
 */

interface Entry {
  id: string;
  /** The id of the record it hangs under (an event's defender), when it has one. */
  parent?: string;
}

const MAX_PER_POOL = 400;

export class IdPools {
  private readonly pools = new Map<string, Entry[]>();
  /** Never handed out: the users the fuzzer acts as (deactivating them ends the run). */
  private readonly protectedIds = new Set<string>();

  protect(id: string): void {
    this.protectedIds.add(id);
  }

  add(pool: string, id: string, parent?: string): void {
    if (this.protectedIds.has(id)) return;
    const list = this.pools.get(pool) ?? [];
    if (list.some((e) => e.id === id && e.parent === parent)) return;
    if (list.length >= MAX_PER_POOL) list.splice(0, 1);
    list.push({ id, parent });
    this.pools.set(pool, list);
  }

  has(pool: string): boolean {
    return (this.pools.get(pool)?.length ?? 0) > 0;
  }

  /** The `pick`-th entry of the pool, with the record it hangs under. */
  entry(pool: string, pick: number): Entry | undefined {
    const list = this.pools.get(pool) ?? [];
    return list.length ? list[pick % list.length] : undefined;
  }

  /** The `pick`-th id of the pool, preferring those under `parent`; undefined if empty. */
  get(pool: string, pick: number, parent?: string): string | undefined {
    const list = this.pools.get(pool) ?? [];
    const under = parent ? list.filter((e) => e.parent === parent) : [];
    const from = under.length ? under : list;
    return from.length ? from[pick % from.length].id : undefined;
  }

  /**
   * Learn the ids a 2xx answer shows: the record itself, or the items of a list, filed under
   * the last literal segment of the route (`/defenders/{id}/events` -> events, under the
   * defender). Slugs go to the `slug` pool.
   */
  harvest(template: string, parent: string | undefined, body: unknown): void {
    const segs = template.split('/').filter(Boolean);
    const last = segs[segs.length - 1];
    const collection = last && !last.startsWith('{') ? last : undefined;
    const items: unknown[] = [];
    if (Array.isArray(body)) items.push(...body);
    else if (body && typeof body === 'object') {
      items.push(body);
      for (const k of ['data', 'items']) {
        const v = (body as Record<string, unknown>)[k];
        if (Array.isArray(v)) items.push(...v);
      }
    }
    // A cursor is only good for the list that returned it.
    const next = (body as { nextCursor?: unknown } | null)?.nextCursor;
    if (typeof next === 'string') this.add(`cursor ${template}`, next, parent);
    for (const item of items.slice(0, 200)) {
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, unknown>;
      if (typeof o.slug === 'string') this.add('slug', o.slug);
      // The states an escalation may move to: what POST .../transitions takes as `to`.
      if (Array.isArray(o.allowedTransitions)) {
        for (const t of o.allowedTransitions)
          if (typeof t === 'string') this.add('to', t, o.id as string);
      }
      if (!collection) continue;
      if (typeof o.id === 'string') this.add(collection, o.id, parent);
      else if (typeof o.userId === 'string') this.add(collection, o.userId, parent);
    }
  }
}

/** A placeholder for an existing record's id; becomes the id when serialised. */
export class RealId {
  constructor(
    readonly pools: IdPools,
    readonly pool: string,
    readonly pick: number,
    /** When the pool is empty; undefined leaves the value out. */
    readonly fallback: string | undefined,
  ) {}

  value(parent?: string): string | undefined {
    return this.pools.get(this.pool, this.pick, parent) ?? this.fallback;
  }

  toJSON(): string | undefined {
    return this.value();
  }

  [fc.toStringMethod](): string {
    return `RealId(${this.pool}#${this.pick})`;
  }
}

const ALIASES: Record<string, string> = {
  owner: 'users',
  assignee: 'users',
  user: 'users',
  actor: 'users',
  defender: 'defenders',
  partner: 'partners',
  escalation: 'escalations',
  milestone: 'milestones',
  event: 'events',
  publicChargeEvent: 'events',
  action: 'solidarity-actions',
  dossier: 'dossiers',
  notification: 'notifications',
};

/** The pool a field or query parameter named `defenderId`/`partnerIds`/`ownerId` draws from. */
export function poolForName(name: string): string | undefined {
  const m = /^(.*?)Ids?$/.exec(name);
  if (!m || !m[1]) return undefined;
  return ALIASES[m[1]] ?? `${m[1]}s`;
}

export const realId = (
  pools: IdPools,
  pool: string,
  fallback: 'uuid' | 'none' = 'uuid',
): fc.Arbitrary<RealId> =>
  fc
    .tuple(fc.nat({ max: 10_000 }), fc.uuid({ version: 4 }))
    .map(([pick, uuid]) => new RealId(pools, pool, pick, fallback === 'uuid' ? uuid : undefined));
