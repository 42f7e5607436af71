import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnDomainEvent, type DomainEvents } from '../shared/events';
import { Session } from './session.entity';

/** Ends a user's open sessions when users/ announces that their sign-in was revoked. */
@Injectable()
export class SessionRevocation {
  @OnDomainEvent('UserSignInRevoked')
  async revoke(tx: EntityManager, e: DomainEvents['UserSignInRevoked']): Promise<void> {
    const res = await tx
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId: e.userId })
      .execute();
    e.tally.sessionsRevoked += res.affected ?? 0;
  }
}

/** The revocation listener alone (every app loads it; see DomainListenersModule). */
@Module({ providers: [SessionRevocation], exports: [SessionRevocation] })
export class SessionRevocationModule {}
