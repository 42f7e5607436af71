import { Module } from '@nestjs/common';
import { SessionRevocationModule } from './auth/session-revocation';
import { FeedRevocationModule } from './calendar-feeds/feed-revocation';
import { MilestoneSyncModule } from './milestones/milestone-sync.module';
import { RemindersModule } from './notifications/reminders.module';
import { ScanNoticesModule } from './notifications/scan-notices';
import { PublicationWithdrawalModule } from './publication/publication-withdrawal';

/**
 * Every listener of the event map (shared/events.ts), for the apps to load whole: a feature
 * that announces a fact does not import its listeners, so an app that loaded only the
 * announcer would otherwise change the record without what must follow.
 */
@Module({
  imports: [
    MilestoneSyncModule,
    RemindersModule,
    PublicationWithdrawalModule,
    SessionRevocationModule,
    FeedRevocationModule,
    ScanNoticesModule,
  ],
})
export class DomainListenersModule {}
