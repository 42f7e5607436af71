import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AuditService,
  Clock,
  ConflictError,
  diffForAudit,
  NotFoundError,
  ValidationFailedError,
  type Actor,
  type Env,
  type Page,
} from '@witness/platform';
import { DataSource } from 'typeorm';
import { loadCurrentConsents } from '../consents';
import { type Defender, DefendersService } from '../defenders';
import { DocumentsService } from '../documents';
import { photoDocumentProblem, type PhotoDocumentFacts, type PublicPhotoRef } from './public-photo';
import {
  publicPhotoRefOf,
  PUBLIC_SOURCE_SQL,
  type PublicProfile,
  type PublicProfileSummary,
  type PublicSourceRow,
} from './public-profile';
import { Publication } from './publication.entity';
import { PublicFeed } from './public-feed.service';
import {
  auditable,
  type Consents,
  checkCharges,
  checkPhotoDocument,
  checkPreconditions,
  consentWord,
  gate,
  iso,
  needConsent,
  newSlug,
  nextPhoto,
  PHOTO_UNAVAILABLE,
  photoFacts,
} from './publication-rules';
import type {
  PhotoChoice,
  PublicationBlocker,
  PublicationInput,
  PublicationView,
  PublicListQuery,
  PutPreconditions,
} from './publication.types';

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
    private readonly feed: PublicFeed,
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
      await photoFacts(m, p.photoDocumentId),
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
    const consents = await this.feed.consentsOf(m, [defenderId], today);
    const [profile] = await this.feed.fullProfiles(
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
      ? (await this.feed.consentsOf(m, [defenderId], this.clock.today())).get(defenderId)!
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
      checkPreconditions(current, pre);

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
        await checkCharges(tx, defenderId, input.publicChargeEventIds);
      if (input.photoDocumentId) await checkPhotoDocument(tx, defenderId, input.photoDocumentId);
      const consents = await loadCurrentConsents(tx, defenderId, this.clock.today());
      if (input.featured) gate(d, consents, Boolean(next.photo || next.photoDocumentId));
      // Choosing a photo document needs the consent even for a profile not featured yet.
      else if (input.photoDocumentId) needConsent(consents, 'photo', 'Choosing a photo');

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
        const slug = await newSlug(tx, next.displayName);
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
        view: this.view(saved, d, consents, await photoFacts(tx, saved.photoDocumentId)),
        created: !current,
      };
    });
  }

  // ---- the public feed (PublicFeed) -----------------------------------------------------

  /** Featured profiles, most recently published first (keyset by publication time, slug). */
  publicList(query: PublicListQuery): Promise<Page<PublicProfileSummary>> {
    return this.feed.publicList(query);
  }

  /** One featured profile; the same 404 for a slug that never existed and one unpublished. */
  publicProfile(slug: string): Promise<PublicProfile> {
    return this.feed.publicProfile(slug);
  }

  /** The photo document of a featured profile, while the public may see it (404 otherwise). */
  publicPhoto(slug: string): Promise<PublicPhotoRef> {
    return this.feed.publicPhoto(slug);
  }

  /** The Atom feed: one entry per featured profile, most recently updated first. */
  atomFeed(): Promise<string> {
    return this.feed.atomFeed();
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
}
