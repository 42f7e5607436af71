import { Module } from '@nestjs/common';
import {
  ClockModule,
  DatabaseModule,
  LoggingModule,
  PlatformConfigModule,
  QueueModule,
} from '@witness/platform';
import { MaintenanceProcessor } from './processors/maintenance.processor';

/** The worker: BullMQ processors and schedulers, no HTTP server. */
@Module({
  imports: [
    PlatformConfigModule.forRoot(),
    LoggingModule.forRoot({ app: 'worker' }),
    ClockModule,
    DatabaseModule,
    QueueModule.forRoot('consumer'),
  ],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}
