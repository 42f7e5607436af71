import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnDomainEvent, type DomainEvents } from '../shared/events';

/**
 * Calendar feed URLs end with the account, as sessions do: a deactivated user's feed is
 * revoked, and reactivation brings none back.
 */
@Injectable()
export class FeedRevocation {
  @OnDomainEvent('UserSignInRevoked')
  async revoke(tx: EntityManager, e: DomainEvents['UserSignInRevoked']): Promise<void> {
    if (!e.deactivated) return;
    const [feeds]: { n: number }[] = await tx.query(
      `WITH r AS (UPDATE calendar_feeds SET secret_hash = NULL, revoked_at = now()
                   WHERE user_id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT count(*)::int AS n FROM r`,
      [e.userId],
    );
    e.tally.calendarFeedsRevoked += feeds.n;
  }
}

/** The revocation listener alone (every app loads it; see DomainListenersModule). */
@Module({ providers: [FeedRevocation], exports: [FeedRevocation] })
export class FeedRevocationModule {}
