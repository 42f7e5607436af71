import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  Clock,
  decodeCursor,
  encodeCursor,
  NotFoundError,
  ValidationFailedError,
  type Env,
  type Page,
} from '@witness/platform';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { consentEverGivenSql, loadCurrentConsentsOf, withheldCoDefenderNames } from '../consents';
import type { HrdFocus } from '../shared/vocabulary';
import { renderAtom, type AtomLink } from './atom';
import { PUBLIC_PHOTO_CONTENT_TYPE, type PublicPhotoRef } from './public-photo';
import {
  buildPublicProfile,
  buildPublicSummary,
  publicPhotoRefOf,
  PUBLIC_ACTION_SQL,
  PUBLIC_CHARGE_EVENT_TYPES,
  PUBLIC_CHARGE_SQL,
  PUBLIC_SOURCE_SQL,
  type PublicActionRow,
  type PublicChargeRow,
  type PublicProfile,
  type PublicProfileSummary,
  type PublicSourceRow,
} from './public-profile';
import type { Consents } from './publication-rules';
import { ATOM_MAX_ENTRIES, PUBLIC_PAGE_DEFAULT, type PublicListQuery } from './publication.types';
import { SLUG_PATTERN } from './slug';

type Live = { row: PublicSourceRow; consents: Consents };
type KeyCursor = { k: string; s: string };

/**
 * The public feed: featured profiles, one profile, its photo and the Atom feed, each built
 * only from what may be public now (PublicationService's rules, checked again on every read).
 */
@Injectable()
export class PublicFeed {
  private readonly baseUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<Env, true>,
  ) {
    this.baseUrl = config.get('PUBLIC_BASE_URL', { infer: true }).replace(/\/+$/, '');
  }

  /** Featured profiles, most recently published first (keyset by publication time, slug). */
  async publicList(query: PublicListQuery): Promise<Page<PublicProfileSummary>> {
    const limit = query.limit ?? PUBLIC_PAGE_DEFAULT;
    const after = query.cursor ? decodePublicCursor(query.cursor) : undefined;
    const today = this.clock.today();
    const live = await this.liveSources(
      this.dataSource.manager,
      query,
      'published',
      limit + 1,
      after,
    );
    const page = live.slice(0, limit);
    const last = page.at(-1);
    const withheld = await this.withheld(this.dataSource.manager, page, today);
    return {
      data: page.map(({ row, consents }) =>
        buildPublicSummary(
          row,
          consents.photo.granted,
          today,
          this.baseUrl,
          withheld.get(row.defender_id),
        ),
      ),
      nextCursor:
        live.length > limit && last
          ? encodeCursor({ k: last.row.published_at!.toISOString(), s: last.row.slug })
          : null,
    };
  }

  /** One featured profile; the same 404 for a slug that never existed and one unpublished. */
  async publicProfile(slug: string): Promise<PublicProfile> {
    const m = this.dataSource.manager;
    const live = SLUG_PATTERN.test(slug) ? await this.liveSources(m, { slug }, 'published', 1) : [];
    if (!live.length) throw new NotFoundError('Public profile');
    const [profile] = await this.fullProfiles(m, live, this.clock.today());
    return profile;
  }

  /**
   * The photo document of a featured profile, while the public may see it (the photo consent
   * in force, the document a live, non-confidential photo of the defender): the same 404
   * otherwise, whatever the reason.
   */
  async publicPhoto(slug: string): Promise<PublicPhotoRef> {
    const m = this.dataSource.manager;
    const live = SLUG_PATTERN.test(slug) ? await this.liveSources(m, { slug }, 'published', 1) : [];
    const ref = live.length ? publicPhotoRefOf(live[0].row, live[0].consents.photo.granted) : null;
    if (!ref) throw new NotFoundError('Public photo');
    return ref;
  }

  /** The Atom feed: one entry per featured profile, most recently updated first. */
  async atomFeed(): Promise<string> {
    const m = this.dataSource.manager;
    const today = this.clock.today();
    const live = await this.liveSources(m, {}, 'updated', ATOM_MAX_ENTRIES);
    const feedUrl = `${this.baseUrl}/public/v1/defenders.atom`;
    const withheld = await this.withheld(m, live, today);
    const entries = live.map(({ row, consents }) => {
      const p = buildPublicProfile(
        row,
        consents.photo.granted,
        [],
        [],
        today,
        this.baseUrl,
        withheld.get(row.defender_id),
      );
      const url = `${this.baseUrl}/public/v1/defenders/${p.slug}`;
      // A photo from the documents is the feed's own copy: linked as the entry's enclosure,
      // under the same rules as in the JSON (`p.photo` is null when it may not be shown).
      const photo: AtomLink[] =
        p.photo?.width !== undefined
          ? [{ href: p.photo.url, rel: 'enclosure', type: PUBLIC_PHOTO_CONTENT_TYPE }]
          : [];
      return {
        id: url,
        title: p.displayName,
        updated: row.updated_at,
        published: row.published_at,
        links: [{ href: url, rel: 'alternate' as const, type: 'application/json' }, ...photo],
        summary: p.publicSummary,
        content: p.publicStory,
        categories: p.focus,
      };
    });
    return renderAtom({
      id: feedUrl,
      title: 'Featured human rights defenders',
      subtitle: 'Arbitrarily detained human rights defenders whose profiles the campaign features.',
      updated: entries[0]?.updated ?? new Date(0),
      author: 'Witness',
      links: [{ href: feedUrl, rel: 'self', type: 'application/atom+xml' }],
      entries,
    });
  }

  /** The consent in force per purpose for each defender (the ledger's own rule). */
  async consentsOf(
    m: EntityManager,
    defenderIds: string[],
    today: string,
  ): Promise<Map<string, Consents>> {
    return loadCurrentConsentsOf(m, defenderIds, ['public_profile', 'photo'], today);
  }

  /**
   * Profiles the public may see, in order, at most `limit`. SQL narrows to featured, not
   * archived, standard-access cases with a public_profile consent on record; the consent in
   * force is then decided by the ledger's rule (`currentConsents`), so a revoked or expired
   * consent hides the profile even if no hook ran.
   */
  async liveSources(
    m: EntityManager,
    filter: { country?: string; focus?: HrdFocus; slug?: string },
    order: 'published' | 'updated',
    limit: number,
    after?: KeyCursor,
  ): Promise<Live[]> {
    const today = this.clock.today();
    const key = order === 'published' ? 'p.published_at' : 'p.updated_at';
    const out: Live[] = [];
    let cursor = after;
    for (;;) {
      const params: unknown[] = [];
      const where = [
        'p.featured',
        'p.published_at IS NOT NULL',
        'd.archived_at IS NULL',
        `d.access = 'standard'`,
        consentEverGivenSql('p.defender_id', 'public_profile'),
      ];
      const param = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      if (filter.slug !== undefined) where.push(`p.slug = ${param(filter.slug)}`);
      if (filter.country) where.push(`d.country = ${param(filter.country)}`);
      if (filter.focus) where.push(`d.hrd_focus @> ARRAY[${param(filter.focus)}]::text[]`);
      if (cursor) {
        where.push(`(${key}, p.slug) < (${param(cursor.k)}::timestamptz, ${param(cursor.s)})`);
      }
      const batch = Math.max(limit - out.length, 20);
      const rows: PublicSourceRow[] = await m.query(
        `${PUBLIC_SOURCE_SQL} WHERE ${where.join(' AND ')}
          ORDER BY ${key} DESC, p.slug DESC LIMIT ${param(batch)}`,
        params,
      );
      const consents = await this.consentsOf(
        m,
        rows.map((r) => r.defender_id),
        today,
      );
      for (const row of rows) {
        const c = consents.get(row.defender_id)!;
        if (!c.public_profile.granted) continue;
        out.push({ row, consents: c });
        if (out.length >= limit) return out;
      }
      const last = rows.at(-1);
      if (rows.length < batch || !last) return out;
      const lastKey = order === 'published' ? last.published_at! : last.updated_at;
      cursor = { k: lastKey.toISOString(), s: last.slug };
    }
  }

  /** Full profiles: the cleared charges and public solidarity actions of each. */
  async fullProfiles(m: EntityManager, live: Live[], today: string): Promise<PublicProfile[]> {
    const ids = live.map((l) => l.row.defender_id);
    const charges: PublicChargeRow[] = await m.query(PUBLIC_CHARGE_SQL, [
      ids,
      today,
      PUBLIC_CHARGE_EVENT_TYPES,
    ]);
    const actions: PublicActionRow[] = await m.query(PUBLIC_ACTION_SQL, [ids]);
    const withheld = await this.withheld(m, live, today);
    return live.map(({ row, consents }) =>
      buildPublicProfile(
        row,
        consents.photo.granted,
        charges.filter((c) => c.defender_id === row.defender_id),
        actions.filter((a) => a.defender_id === row.defender_id),
        today,
        this.baseUrl,
        withheld.get(row.defender_id),
      ),
    );
  }

  /**
   * Per profile, the names of its co-defenders the public may not read (restricted, or
   * without a public_profile consent in force): masked in everything the feed shows.
   */
  withheld(m: EntityManager, live: Live[], today: string) {
    return withheldCoDefenderNames(
      m,
      live.map((l) => l.row.defender_id),
      today,
    );
  }
}

function decodePublicCursor(cursor: string): KeyCursor {
  const c = decodeCursor<KeyCursor>(cursor, { k: 'string', s: 'string' });
  const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
  if (!isoTime.test(c.k) || Number.isNaN(Date.parse(c.k)) || !SLUG_PATTERN.test(c.s)) {
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
  }
  return c;
}
