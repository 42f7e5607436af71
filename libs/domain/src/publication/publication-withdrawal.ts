import { Injectable, Module } from '@nestjs/common';
import { AuditService, Clock, type Actor } from '@witness/platform';
import type { EntityManager } from 'typeorm';
import { OnDomainEvent, type DomainEvents } from '../shared/events';
import type { UnpublishReason } from './publication.entity';

/**
 * Takes a profile off the public feed, inside the transaction of the change that requires it
 * (a consent revoked, the case archived or restricted, a photo document no longer showable),
 * audited in the same transaction: it listens to what the consents, defenders and documents
 * features announce, so they need not know the public feed exists.
 *
 * The public queries re-check every condition themselves; this keeps the stored state
 * truthful (the coordinators see that and why a profile was unpublished).
 */
@Injectable()
export class PublicationWithdrawal {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** An archived case leaves the public feed (after its milestones and reminders end). */
  @OnDomainEvent('DefenderChanged', { order: 20 })
  async defenderChanged(tx: EntityManager, e: DomainEvents['DefenderChanged']): Promise<void> {
    if (e.archived) await this.unpublish(tx, e.defenderId, 'archived', e.actor);
  }

  /** A restricted case has no public profile (nor can it be featured while restricted). */
  @OnDomainEvent('DefenderAccessChanged', { order: 20 })
  async accessChanged(tx: EntityManager, e: DomainEvents['DefenderAccessChanged']): Promise<void> {
    if (e.becameRestricted) await this.unpublish(tx, e.defenderId, 'restricted', e.actor);
  }

  /** Revocation takes effect at once: the public feed stops showing the profile (or photo). */
  @OnDomainEvent('ConsentWithdrawn', { order: 20 })
  async consentWithdrawn(tx: EntityManager, e: DomainEvents['ConsentWithdrawn']): Promise<void> {
    if (e.purpose === 'public_profile')
      await this.unpublish(tx, e.defenderId, 'consent_revoked', e.actor);
    if (e.purpose === 'photo') await this.removePhoto(tx, e.defenderId, e.actor);
  }

  /** A chosen public photo that became confidential, stopped being a photo or was deleted. */
  @OnDomainEvent('DocumentChanged')
  async documentChanged(tx: EntityManager, e: DomainEvents['DocumentChanged']): Promise<void> {
    await releasePhotoDocument(tx, this.audit, e.documentId, e.actor, e.change, e.at);
  }

  /** Unpublish the defender's profile if it is featured. Returns whether it was. */
  async unpublish(
    tx: EntityManager,
    defenderId: string,
    reason: UnpublishReason,
    actor: Actor,
  ): Promise<boolean> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows]: [{ slug: string; published_at: Date | null }[], number] = await tx.query(
      `UPDATE publications p
          SET featured = false, published_at = NULL, unpublished_at = $2,
              unpublished_reason = $3, updated_by = $4, updated_at = $2, version = p.version + 1
         FROM (SELECT defender_id, published_at FROM publications
                WHERE defender_id = $1 AND featured FOR UPDATE) prev
        WHERE p.defender_id = prev.defender_id
        RETURNING p.slug, prev.published_at`,
      [defenderId, now, reason, actor.userId],
    );
    if (!rows.length) return false;
    await this.audit.record(tx, actor, {
      action: 'publication.unpublish',
      entityType: 'publication',
      entityId: defenderId,
      subjectId: defenderId,
      changes: {
        featured: { from: true, to: false },
        unpublishedReason: { from: null, to: reason },
        publishedAt: { from: rows[0].published_at?.toISOString() ?? null, to: null },
      },
    });
    return true;
  }

  /** Remove the photo (by address or document) from the defender's publication (photo consent no longer in force). */
  async removePhoto(tx: EntityManager, defenderId: string, actor: Actor): Promise<boolean> {
    const now = this.clock.now();
    // The photo given by address, or the photo document chosen (and its alt text).
    const [rows]: [
      { photo: unknown; photo_document_id: string | null; photo_alt: string | null }[],
      number,
    ] = await tx.query(
      `UPDATE publications p
          SET photo = NULL, photo_document_id = NULL, photo_alt = NULL,
              updated_by = $3, updated_at = $2, version = p.version + 1
         FROM (SELECT defender_id, photo, photo_document_id, photo_alt FROM publications
                WHERE defender_id = $1 AND (photo IS NOT NULL OR photo_document_id IS NOT NULL)
                  FOR UPDATE) prev
        WHERE p.defender_id = prev.defender_id
        RETURNING prev.photo, prev.photo_document_id, prev.photo_alt`,
      [defenderId, now, actor.userId],
    );
    if (!rows.length) return false;
    const prev = rows[0];
    const changes: Record<string, unknown> = {
      reason: 'photo_consent_revoked' satisfies UnpublishReason,
    };
    if (prev.photo !== null) changes.photo = { from: prev.photo, to: null };
    if (prev.photo_document_id !== null) {
      changes.photoDocumentId = { from: prev.photo_document_id, to: null };
      changes.photoAlt = { from: prev.photo_alt, to: null };
    }
    await this.audit.record(tx, actor, {
      action: 'publication.photo_removed',
      entityType: 'publication',
      entityId: defenderId,
      subjectId: defenderId,
      changes,
    });
    return true;
  }
}

/**
 * A chosen photo document that may no longer be shown (made confidential, no longer a photo,
 * deleted): the publication lets go of it for good, so undoing the change later does not put
 * it back on the public feed without a coordinator choosing it again. Audited.
 */
export async function releasePhotoDocument(
  tx: EntityManager,
  audit: AuditService,
  documentId: string,
  actor: Actor,
  why: 'confidential' | 'not_a_photo' | 'deleted',
  now: Date,
): Promise<boolean> {
  // An UPDATE answers [rows, count] through TypeORM's query().
  const [rows]: [{ defender_id: string; photo_alt: string | null }[], number] = await tx.query(
    `WITH prev AS (SELECT defender_id, photo_alt FROM publications
                    WHERE photo_document_id = $1 FOR UPDATE)
     UPDATE publications p SET photo_document_id = NULL, photo_alt = NULL,
            updated_by = $2, updated_at = $3, version = p.version + 1
       FROM prev WHERE p.defender_id = prev.defender_id
     RETURNING prev.defender_id, prev.photo_alt`,
    [documentId, actor.userId, now],
  );
  for (const r of rows) {
    await audit.record(tx, actor, {
      action: 'publication.photo_removed',
      entityType: 'publication',
      entityId: r.defender_id,
      subjectId: r.defender_id,
      changes: {
        reason: `photo_document_${why}`,
        photoDocumentId: { from: documentId, to: null },
        photoAlt: { from: r.photo_alt, to: null },
      },
    });
  }
  return rows.length > 0;
}

/** The withdrawal listeners alone (every app loads them; see DomainListenersModule). */
@Module({
  providers: [PublicationWithdrawal],
  exports: [PublicationWithdrawal],
})
export class PublicationWithdrawalModule {}
