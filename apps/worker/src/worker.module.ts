import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import {
  DocumentsModule,
  DomainListenersModule,
  DossiersModule,
  MilestoneSyncModule,
  NotificationsModule,
  UnCalendarModule,
} from '@witness/domain';
import {
  AuditAnchorsModule,
  ClockModule,
  CryptoModule,
  DatabaseModule,
  EventsModule,
  LoggingModule,
  MailModule,
  MetricsModule,
  AuditModule,
  OutboxModule,
  PdfModule,
  PlatformConfigModule,
  QueueModule,
  ScanModule,
  StorageModule,
} from '@witness/platform';
import { DocumentsProcessor } from './processors/documents.processor';
import { DossiersProcessor } from './processors/dossiers.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { OutboxRelay } from './processors/outbox-relay.service';
import { RemindersProcessor } from './processors/reminders.processor';
import { RedisPolicyCheck } from './redis-policy.check';
import { WorkerHeartbeat } from './heartbeat.service';
import { WorkerMetrics } from './metrics/worker-metrics';

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
    EventsModule,
    DomainListenersModule,
    AuditModule,
    StorageModule,
    ScanModule,
    AuditAnchorsModule,
    PdfModule,
    QueueModule.forRoot('consumer'),
    MilestoneSyncModule,
    NotificationsModule,
    DossiersModule,
    DocumentsModule,
    UnCalendarModule,
    DiscoveryModule,
    MetricsModule.forRoot({ app: 'worker' }),
  ],
  providers: [
    MaintenanceProcessor,
    RemindersProcessor,
    DossiersProcessor,
    DocumentsProcessor,
    OutboxRelay,
    RedisPolicyCheck,
    WorkerMetrics,
    WorkerHeartbeat,
  ],
})
export class WorkerModule {}
