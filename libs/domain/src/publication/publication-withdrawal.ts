import { Injectable, Module } from '@nestjs/common';
import { AuditService, Clock, type Actor } from '@witness/platform';
import type { EntityManager } from 'typeorm';
import type { UnpublishReason } from './publication.entity';

/**
 * Takes a profile off the public feed, inside the transaction of the change that requires it
 * (a consent revoked, the case archived or restricted), audited in the same transaction.
 * It depends on nothing but the audit trail, so the consents and defenders modules can use
 * it without importing the publication module (which imports them).
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

  /** Remove the photo from the defender's publication (photo consent no longer in force). */
  async removePhoto(tx: EntityManager, defenderId: string, actor: Actor): Promise<boolean> {
    const now = this.clock.now();
    const [rows]: [{ photo: unknown }[], number] = await tx.query(
      `UPDATE publications p
          SET photo = NULL, updated_by = $3, updated_at = $2, version = p.version + 1
         FROM (SELECT defender_id, photo FROM publications
                WHERE defender_id = $1 AND photo IS NOT NULL FOR UPDATE) prev
        WHERE p.defender_id = prev.defender_id
        RETURNING prev.photo`,
      [defenderId, now, actor.userId],
    );
    if (!rows.length) return false;
    await this.audit.record(tx, actor, {
      action: 'publication.photo_removed',
      entityType: 'publication',
      entityId: defenderId,
      subjectId: defenderId,
      changes: {
        photo: { from: rows[0].photo, to: null },
        reason: 'photo_consent_revoked' satisfies UnpublishReason,
      },
    });
    return true;
  }
}

/** The withdrawal hook alone, for the modules the publication module itself depends on. */
@Module({
  providers: [PublicationWithdrawal],
  exports: [PublicationWithdrawal],
})
export class PublicationWithdrawalModule {}
