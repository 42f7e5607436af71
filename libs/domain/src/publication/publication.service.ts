import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AppError,
  assertVersion,
  AuditService,
  Clock,
  ConflictError,
  decodeCursor,
  diffForAudit,
  encodeCursor,
  NotFoundError,
  PreconditionRequiredError,
  ValidationFailedError,
  type Actor,
  type Env,
  type FieldError,
  type Page,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  currentConsents,
  loadCurrentConsents,
  type CurrentConsent,
  type ConsentDecision,
  type ConsentPurpose,
  withheldCoDefenderNames,
} from '../consents';
import { type Defender, DefendersService } from '../defenders';
import { DocumentsService } from '../documents';
import type { HrdFocus } from '../shared/vocabulary';
import { renderAtom, type AtomLink } from './atom';
import {
  PUBLIC_PHOTO_CONTENT_TYPE,
  photoDocumentProblem,
  photoDocumentProblemText,
  type PhotoDocumentFacts,
  type PhotoDocumentProblem,
  type PublicPhotoRef,
} from './public-photo';
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
  type PublicPhoto,
  type PublicProfile,
  type PublicProfileSummary,
  type PublicSourceRow,
} from './public-profile';
import { Publication, type UnpublishReason } from './publication.entity';
import { SLUG_PATTERN, slugBase, uniqueSlug } from './slug';

/** What a coordinator sets. Fields left out keep their current value (or default). */
export interface PublicationInput {
  featured: boolean;
  /** Defaults to the defender's full name when the publication is first saved. */
  displayName?: string;
  publicSummary?: string;
  publicStory?: string | null;
  photo?: PublicPhoto | null;
  /**
   * A `photo` document of this defender (live, not confidential) as the public photo; null
   * removes it. Choosing one needs the current photo consent; it replaces a photo by address.
   */
  photoDocumentId?: string | null;
  /** Text alternative of the photo document (default: "Photo of <display name>"). */
  photoAlt?: string | null;
  publicChargeEventIds?: string[];
}

export type PublicationBlockerCode =
  | 'consent_required'
  | 'photo_consent_required'
  | 'photo_unavailable'
  | 'defender_restricted'
  | 'defender_archived';

/** Why the public feed does not (or would not) show a profile, or leaves its photo out. */
export interface PublicationBlocker {
  code: PublicationBlockerCode;
  message: string;
}

export interface PublicationView {
  defenderId: string;
  slug: string;
  featured: boolean;
  /** The public feed shows it right now: featured, and every condition still holds. */
  live: boolean;
  publicUrl: string;
  displayName: string;
  publicSummary: string;
  publicStory: string | null;
  photo: PublicPhoto | null;
  photoDocumentId: string | null;
  photoAlt: string | null;
  publicChargeEventIds: string[];
  firstFeaturedAt: string | null;
  publishedAt: string | null;
  unpublishedAt: string | null;
  unpublishedReason: UnpublishReason | null;
  blockers: PublicationBlocker[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PublicListQuery {
  country?: string;
  focus?: HrdFocus;
  limit?: number;
  cursor?: string;
}

/** Preconditions of a PUT: `If-Match` for an existing publication, `If-None-Match: *` to create only. */
export interface PutPreconditions {
  ifMatch?: number;
  ifNoneMatchAny?: boolean;
}

/** A photo document a coordinator may choose for the public profile. */
export interface PhotoChoice {
  documentId: string;
  title: string;
  date: string | null;
  width: number | null;
  height: number | null;
}

export const PUBLIC_PAGE_DEFAULT = 20;
export const ATOM_MAX_ENTRIES = 100;

type Consents = Record<ConsentPurpose, CurrentConsent>;
type Live = { row: PublicSourceRow; consents: Consents };
type KeyCursor = { k: string; s: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The stored fields as the audit trail compares them. */
function auditable(p: Publication | null): Record<string, unknown> | null {
  if (!p) return null;
  return {
    slug: p.slug,
    featured: p.featured,
    displayName: p.displayName,
    publicSummary: p.publicSummary,
    publicStory: p.publicStory,
    photo: p.photo,
    photoDocumentId: p.photoDocumentId,
    photoAlt: p.photoAlt,
    publicChargeEventIds: p.publicChargeEventIds,
    firstFeaturedAt: iso(p.firstFeaturedAt),
    publishedAt: iso(p.publishedAt),
    unpublishedAt: iso(p.unpublishedAt),
    unpublishedReason: p.unpublishedReason,
  };
}

function consentWord(state: CurrentConsent['state']): string {
  return state === 'none' ? 'not recorded' : state;
}

/**
 * Publication of profiles (coordinators decide) and the public feed built from them.
 *
 * The feed shows a profile only while it is featured, the case is neither archived nor
 * restricted and the defender's `public_profile` consent is in force; its photo only while
 * the `photo` consent is (and, for a photo from the documents, while that document is a live,
 * non-confidential photo of the defender). Hooks unpublish at once when a consent is revoked or the case is
 * archived or restricted (`PublicationWithdrawal`), and every public query checks all of it
 * again, so a missed hook or an expired consent can never publish anything.
 */
@Injectable()
export class PublicationService {
  private readonly baseUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly defenders: DefendersService,
    private readonly documents: DocumentsService,
    config: ConfigService<Env, true>,
  ) {
    this.baseUrl = config.get('PUBLIC_BASE_URL', { infer: true }).replace(/\/+$/, '');
  }

  // ---- coordinators -------------------------------------------------------------------

  /** The stored publication of a case the actor can see (archived ones too: read-only). */
  async get(defenderId: string, actor: Actor): Promise<PublicationView> {
    const m = this.dataSource.manager;
    const d = await this.defenders.find(m, defenderId, { actor, archived: true });
    const p = await m.findOneBy(Publication, { defenderId });
    if (!p) throw new NotFoundError('Publication of defender', defenderId);
    return this.view(
      p,
      d,
      await loadCurrentConsents(m, defenderId, this.clock.today()),
      await this.photoFacts(m, p.photoDocumentId),
    );
  }

  /**
   * The profile exactly as the public feed shows (or would show) it, built by the same code
   * from the saved publication, featured or not. Whether it is live: `get` (`live`, `blockers`).
   */
  async preview(defenderId: string, actor: Actor): Promise<PublicProfile> {
    const m = this.dataSource.manager;
    await this.defenders.find(m, defenderId, { actor, archived: true });
    const rows: PublicSourceRow[] = await m.query(`${PUBLIC_SOURCE_SQL} WHERE p.defender_id = $1`, [
      defenderId,
    ]);
    if (!rows.length) throw new NotFoundError('Publication of defender', defenderId);
    const today = this.clock.today();
    const consents = await this.consentsOf(m, [defenderId], today);
    const [profile] = await this.fullProfiles(
      m,
      [{ row: rows[0], consents: consents.get(defenderId)! }],
      today,
    );
    return profile;
  }

  /**
   * The photo document the preview shows (the copy the public feed serves, or would once the
   * profile is featured): 404 when the preview shows none.
   */
  async previewPhoto(defenderId: string, actor: Actor): Promise<PublicPhotoRef> {
    const m = this.dataSource.manager;
    await this.defenders.find(m, defenderId, { actor, archived: true });
    const rows: PublicSourceRow[] = await m.query(`${PUBLIC_SOURCE_SQL} WHERE p.defender_id = $1`, [
      defenderId,
    ]);
    const consents = rows.length
      ? (await this.consentsOf(m, [defenderId], this.clock.today())).get(defenderId)!
      : null;
    const ref = rows.length && consents ? publicPhotoRefOf(rows[0], consents.photo.granted) : null;
    if (!ref) throw new NotFoundError('Photo of the public profile of defender', defenderId);
    return ref;
  }

  /**
   * The case's documents a coordinator may choose as the public photo: live, non-confidential
   * photo documents whose current version is an image (newest first, up to 100).
   */
  async photoChoices(defenderId: string, actor: Actor): Promise<PhotoChoice[]> {
    const page = await this.documents.list(defenderId, { kind: 'photo', limit: 100 }, actor);
    return page.data
      .filter(
        (doc) =>
          photoDocumentProblem(
            {
              defenderId: doc.defenderId,
              kind: doc.kind,
              confidential: doc.confidential,
              deleted: false,
              fileType: doc.current.fileType,
              metadataRemoved: doc.current.metadataRemoved,
            },
            defenderId,
          ) === null,
      )
      .map((doc) => ({
        documentId: doc.id,
        title: doc.title,
        date: doc.date,
        width: doc.current.width,
        height: doc.current.height,
      }));
  }

  /**
   * Create or change the publication (coordinators, admins). Fields left out keep their
   * value; `null` clears the story or the photo. Featuring needs the current public_profile
   * consent (and photo consent for a photo), a standard-access case and a summary;
   * `featured: false` unpublishes.
   */
  async put(
    defenderId: string,
    input: PublicationInput,
    pre: PutPreconditions,
    actor: Actor,
  ): Promise<{ view: PublicationView; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const d = await this.defenders.find(tx, defenderId, {
        actor,
        archived: true,
        lock: true,
        reading: false,
      });
      if (d.archivedAt) {
        throw new ConflictError(
          'This case is archived: its profile cannot be published or edited.',
          {
            code: 'defender_archived',
          },
        );
      }
      const current = await tx.findOne(Publication, {
        where: { defenderId },
        lock: { mode: 'pessimistic_write' },
      });
      this.checkPreconditions(current, pre);

      const next = {
        displayName: input.displayName ?? current?.displayName ?? d.fullName,
        publicSummary: input.publicSummary ?? current?.publicSummary ?? null,
        publicStory:
          input.publicStory !== undefined ? input.publicStory : (current?.publicStory ?? null),
        ...nextPhoto(input, current),
        publicChargeEventIds: [
          ...new Set(input.publicChargeEventIds ?? current?.publicChargeEventIds ?? []),
        ],
      };
      if (!next.publicSummary) {
        throw ValidationFailedError.field(
          'publicSummary',
          'is required: the public summary of the profile',
        );
      }
      if (input.publicChargeEventIds)
        await this.checkCharges(tx, defenderId, input.publicChargeEventIds);
      if (input.photoDocumentId)
        await this.checkPhotoDocument(tx, defenderId, input.photoDocumentId);
      const consents = await loadCurrentConsents(tx, defenderId, this.clock.today());
      if (input.featured) this.gate(d, consents, Boolean(next.photo || next.photoDocumentId));
      // Choosing a photo document needs the consent even for a profile not featured yet.
      else if (input.photoDocumentId) this.needConsent(consents, 'photo', 'Choosing a photo');

      const now = this.clock.now();
      const wasFeatured = current?.featured ?? false;
      // Featuring starts a featured period (unless one is running); unfeaturing ends it.
      const state = {
        firstFeaturedAt: current?.firstFeaturedAt ?? (input.featured ? now : null),
        publishedAt: current?.publishedAt ?? null,
        unpublishedAt: current?.unpublishedAt ?? null,
        unpublishedReason: current?.unpublishedReason ?? null,
      };
      if (input.featured) {
        if (!wasFeatured) state.publishedAt = now;
        state.unpublishedAt = null;
        state.unpublishedReason = null;
      } else if (wasFeatured) {
        state.publishedAt = null;
        state.unpublishedAt = now;
        state.unpublishedReason = 'coordinator';
      }
      const values = [
        defenderId,
        input.featured,
        next.displayName,
        next.publicSummary,
        next.publicStory,
        next.photo ? JSON.stringify({ url: next.photo.url, alt: next.photo.alt }) : null,
        next.publicChargeEventIds,
        state.firstFeaturedAt,
        state.publishedAt,
        state.unpublishedAt,
        state.unpublishedReason,
        actor.userId,
        now,
        next.photoDocumentId,
        next.photoAlt,
      ];
      if (current) {
        await tx.query(
          `UPDATE publications SET featured = $2, display_name = $3, public_summary = $4,
                  public_story = $5, photo = $6::jsonb, public_charge_event_ids = $7::uuid[],
                  first_featured_at = $8, published_at = $9, unpublished_at = $10,
                  unpublished_reason = $11, updated_by = $12, updated_at = $13,
                  photo_document_id = $14, photo_alt = $15, version = version + 1
            WHERE defender_id = $1`,
          values,
        );
      } else {
        const slug = await this.newSlug(tx, next.displayName);
        await tx.query(
          `INSERT INTO publications (defender_id, featured, display_name, public_summary, public_story,
                  photo, public_charge_event_ids, first_featured_at, published_at, unpublished_at,
                  unpublished_reason, updated_by, updated_at, photo_document_id, photo_alt,
                  created_at, version, slug)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::uuid[], $8, $9, $10, $11, $12, $13, $14, $15,
                   $13, 1, $16)`,
          [...values, slug],
        );
      }
      const saved = await tx.findOneByOrFail(Publication, { defenderId });
      await this.audit.record(tx, actor, {
        action:
          input.featured && !wasFeatured
            ? 'publication.feature'
            : !input.featured && wasFeatured
              ? 'publication.unpublish'
              : current
                ? 'publication.update'
                : 'publication.create',
        entityType: 'publication',
        entityId: defenderId,
        subjectId: defenderId,
        changes: diffForAudit(auditable(current), auditable(saved)),
      });
      return {
        view: this.view(saved, d, consents, await this.photoFacts(tx, saved.photoDocumentId)),
        created: !current,
      };
    });
  }

  // ---- the public feed ----------------------------------------------------------------

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

  // ---- internals ----------------------------------------------------------------------

  private checkPreconditions(current: Publication | null, pre: PutPreconditions): void {
    if (current) {
      if (pre.ifNoneMatchAny) {
        throw new AppError(
          'precondition_failed',
          'This defender already has a publication: send If-Match with its ETag to change it.',
          { currentVersion: current.version },
        );
      }
      if (pre.ifMatch === undefined) throw new PreconditionRequiredError();
      assertVersion('publication', pre.ifMatch, current.version);
    } else if (pre.ifMatch !== undefined) {
      throw new AppError(
        'precondition_failed',
        'This defender has no publication yet: send no If-Match (or If-None-Match: *) to create it.',
      );
    }
  }

  /** Refuse to feature what must not be public (409 with a `code`). */
  private gate(d: Defender, consents: Consents, hasPhoto: boolean): void {
    if (d.access === 'restricted') {
      throw new ConflictError(
        'A restricted case cannot be featured. Only a case with standard access can have a public profile.',
        { code: 'defender_restricted' },
      );
    }
    this.needConsent(consents, 'public_profile', 'Featuring a profile');
    if (hasPhoto) this.needConsent(consents, 'photo', 'Publishing a photo');
  }

  /** 409 `consent_required` naming the purpose, unless its consent is in force. */
  private needConsent(consents: Consents, purpose: ConsentPurpose, what: string): void {
    const c = consents[purpose];
    if (c.granted) return;
    throw new ConflictError(
      `${what} needs the defender's ${purpose} consent, given and not expired (it is ${consentWord(c.state)}). Record it first.`,
      { code: 'consent_required', purpose, consentState: c.state },
    );
  }

  /**
   * A chosen photo document must be a live, non-confidential `photo` document of this
   * defender whose current version is an image (400 naming photoDocumentId). The row is
   * share-locked, so it cannot be made confidential or deleted until this save commits.
   */
  private async checkPhotoDocument(
    tx: EntityManager,
    defenderId: string,
    documentId: string,
  ): Promise<void> {
    const facts = await this.photoFacts(tx, documentId, true);
    const problem = photoDocumentProblem(facts, defenderId);
    if (problem) {
      throw ValidationFailedError.field(
        'photoDocumentId',
        photoDocumentProblemText(problem, facts?.kind),
      );
    }
  }

  /** What decides whether a document may be the public photo (null: there is no such document). */
  private async photoFacts(
    m: EntityManager,
    documentId: string | null,
    lock = false,
  ): Promise<PhotoDocumentFacts | null> {
    if (!documentId) return null;
    const rows: {
      defender_id: string;
      kind: PhotoDocumentFacts['kind'];
      confidential: boolean;
      deleted: boolean;
      file_type: string;
      metadata_removed: boolean;
    }[] = await m.query(
      `SELECT doc.defender_id, doc.kind, doc.confidential, doc.deleted_at IS NOT NULL AS deleted,
              v.file_type, v.metadata_removed
         FROM documents doc
         JOIN document_versions v ON v.document_id = doc.id AND v.version_no = doc.current_version_no
        WHERE doc.id = $1${lock ? ' FOR SHARE OF doc' : ''}`,
      [documentId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      defenderId: r.defender_id,
      kind: r.kind,
      confidential: r.confidential,
      deleted: r.deleted,
      fileType: r.file_type,
      metadataRemoved: r.metadata_removed,
    };
  }

  /** Cleared charges must be charge-like events on this defender's own timeline. */
  private async checkCharges(tx: EntityManager, defenderId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const rows: { id: string; type: string }[] = await tx.query(
      `SELECT id, type FROM detention_events WHERE defender_id = $1 AND id = ANY($2::uuid[])`,
      [defenderId, ids],
    );
    const types = new Map(rows.map((r) => [r.id, r.type]));
    const errors: FieldError[] = [];
    ids.forEach((id, i) => {
      const type = types.get(id);
      if (!type) {
        errors.push({
          field: `publicChargeEventIds[${i}]`,
          message: "is not an event on this defender's timeline",
        });
      } else if (!(PUBLIC_CHARGE_EVENT_TYPES as readonly string[]).includes(type)) {
        errors.push({
          field: `publicChargeEventIds[${i}]`,
          message: `is a ${type} event; only ${PUBLIC_CHARGE_EVENT_TYPES.join(', ')} events carry charges`,
        });
      }
    });
    if (errors.length) throw new ValidationFailedError(errors);
  }

  /** A unique slug from the display name (serialised per base, so two saves cannot race). */
  private async newSlug(tx: EntityManager, displayName: string): Promise<string> {
    const base = slugBase(displayName);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `witness:publication-slug:${base}`,
    ]);
    const taken: { slug: string }[] = await tx.query(
      `SELECT slug FROM publications WHERE slug = $1 OR slug LIKE $2`,
      [base, `${base}-%`],
    );
    return uniqueSlug(
      base,
      taken.map((r) => r.slug),
    );
  }

  private view(
    p: Publication,
    d: Defender,
    consents: Consents,
    photoFacts: PhotoDocumentFacts | null,
  ): PublicationView {
    const blockers: PublicationBlocker[] = [];
    if (d.archivedAt)
      blockers.push({ code: 'defender_archived', message: 'The case is archived.' });
    if (d.access === 'restricted') {
      blockers.push({ code: 'defender_restricted', message: 'The case is restricted.' });
    }
    if (!consents.public_profile.granted) {
      blockers.push({
        code: 'consent_required',
        message: `The public_profile consent is ${consentWord(consents.public_profile.state)}.`,
      });
    }
    const live = p.featured && blockers.length === 0;
    if ((p.photo || p.photoDocumentId) && !consents.photo.granted) {
      blockers.push({
        code: 'photo_consent_required',
        message: `The photo consent is ${consentWord(consents.photo.state)}: the photo is left out.`,
      });
    }
    const problem = p.photoDocumentId ? photoDocumentProblem(photoFacts, p.defenderId) : null;
    if (problem) {
      blockers.push({
        code: 'photo_unavailable',
        message: `The chosen photo document ${PHOTO_UNAVAILABLE[problem]}: the photo is left out.`,
      });
    }
    return {
      defenderId: p.defenderId,
      slug: p.slug,
      featured: p.featured,
      live,
      publicUrl: `${this.baseUrl}/public/v1/defenders/${p.slug}`,
      displayName: p.displayName,
      publicSummary: p.publicSummary,
      publicStory: p.publicStory,
      photo: p.photo ? { url: p.photo.url, alt: p.photo.alt } : null,
      photoDocumentId: p.photoDocumentId,
      photoAlt: p.photoAlt,
      publicChargeEventIds: p.publicChargeEventIds ?? [],
      firstFeaturedAt: iso(p.firstFeaturedAt),
      publishedAt: iso(p.publishedAt),
      unpublishedAt: iso(p.unpublishedAt),
      unpublishedReason: p.unpublishedReason,
      blockers,
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  /** The consent in force per purpose for each defender (the ledger's own rule). */
  private async consentsOf(
    m: EntityManager,
    defenderIds: string[],
    today: string,
  ): Promise<Map<string, Consents>> {
    const rows: {
      defender_id: string;
      purpose: ConsentPurpose;
      decision: ConsentDecision;
      decided_on: string;
      expires_on: string | null;
      seq: string;
    }[] = defenderIds.length
      ? await m.query(
          `SELECT defender_id, purpose, decision, decided_on::text, expires_on::text, seq::text
             FROM consents WHERE defender_id = ANY($1::uuid[]) AND purpose IN ('public_profile', 'photo')`,
          [defenderIds],
        )
      : [];
    const out = new Map<string, Consents>();
    for (const id of defenderIds) {
      const facts = rows
        .filter((r) => r.defender_id === id)
        .map((r) => ({
          purpose: r.purpose,
          decision: r.decision,
          decidedOn: r.decided_on,
          expiresOn: r.expires_on,
          seq: Number(r.seq),
        }));
      out.set(id, currentConsents(facts, today));
    }
    return out;
  }

  /**
   * Profiles the public may see, in order, at most `limit`. SQL narrows to featured, not
   * archived, standard-access cases with a public_profile consent on record; the consent in
   * force is then decided by the ledger's rule (`currentConsents`), so a revoked or expired
   * consent hides the profile even if no hook ran.
   */
  private async liveSources(
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
        `EXISTS (SELECT 1 FROM consents c WHERE c.defender_id = p.defender_id
                  AND c.purpose = 'public_profile' AND c.decision = 'given')`,
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
  private async fullProfiles(
    m: EntityManager,
    live: Live[],
    today: string,
  ): Promise<PublicProfile[]> {
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
  private withheld(m: EntityManager, live: Live[], today: string) {
    return withheldCoDefenderNames(
      m,
      live.map((l) => l.row.defender_id),
      today,
    );
  }
}

/** Why a chosen photo document is left out, for the coordinators (after "The chosen photo document"). */
const PHOTO_UNAVAILABLE: Record<PhotoDocumentProblem, string> = {
  other_defender: "is not a document of this defender's case",
  deleted: 'was deleted',
  not_photo_kind: 'is no longer of kind photo',
  not_image: 'is no longer an image (its current version is another type of file)',
  confidential: 'is marked confidential',
};

/**
 * The photo fields after a PUT: a profile has one photo, from its documents or by address, so
 * choosing one removes the other; the alt text goes with the photo document.
 */
function nextPhoto(
  input: PublicationInput,
  current: Publication | null,
): { photo: PublicPhoto | null; photoDocumentId: string | null; photoAlt: string | null } {
  if (input.photo && input.photoDocumentId) {
    throw ValidationFailedError.field(
      'photoDocumentId',
      'cannot be sent with photo: a profile has one photo, from its documents or by address',
    );
  }
  let photo = input.photo !== undefined ? input.photo : (current?.photo ?? null);
  let photoDocumentId =
    input.photoDocumentId !== undefined
      ? input.photoDocumentId
      : (current?.photoDocumentId ?? null);
  let photoAlt = input.photoAlt !== undefined ? input.photoAlt : (current?.photoAlt ?? null);
  if (input.photo) photoDocumentId = null;
  if (input.photoDocumentId) photo = null;
  if (!photoDocumentId) {
    if (input.photoAlt) {
      throw ValidationFailedError.field(
        'photoAlt',
        'describes a photo document: send photoDocumentId too (a photo by address has its own alt)',
      );
    }
    photoAlt = null;
  }
  return { photo, photoDocumentId, photoAlt };
}

function decodePublicCursor(cursor: string): KeyCursor {
  const c = decodeCursor<KeyCursor>(cursor, { k: 'string', s: 'string' });
  const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
  if (!isoTime.test(c.k) || Number.isNaN(Date.parse(c.k)) || !SLUG_PATTERN.test(c.s)) {
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
  }
  return c;
}
