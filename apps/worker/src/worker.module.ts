import { Module } from '@nestjs/common';
import { MilestoneSyncModule, NotificationsModule } from '@witness/domain';
import {
  ClockModule,
  CryptoModule,
  DatabaseModule,
  LoggingModule,
  MailModule,
  OutboxModule,
  PlatformConfigModule,
  QueueModule,
} from '@witness/platform';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { OutboxRelay } from './processors/outbox-relay.service';
import { RemindersProcessor } from './processors/reminders.processor';
import { RedisPolicyCheck } from './redis-policy.check';

/** The worker: BullMQ processors and schedulers, no HTTP server. */
@Module({
  imports: [
    PlatformConfigModule.forRoot(),
    LoggingModule.forRoot({ app: 'worker' }),
    ClockModule,
    DatabaseModule,
    CryptoModule,
    MailModule,
    OutboxModule,
    QueueModule.forRoot('consumer'),
    MilestoneSyncModule,
    NotificationsModule,
  ],
  providers: [MaintenanceProcessor, RemindersProcessor, OutboxRelay, RedisPolicyCheck],
})
export class WorkerModule {}
