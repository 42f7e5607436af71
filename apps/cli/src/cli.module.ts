import { Module } from '@nestjs/common';
import {
  DomainListenersModule,
  KeyRotationService,
  UnCalendarModule,
  UsersModule,
} from '@witness/domain';
import {
  AuditAnchorsModule,
  AuditModule,
  ClockModule,
  CryptoModule,
  DatabaseModule,
  EventsModule,
  LoggingModule,
  OutboxModule,
  PlatformConfigModule,
  StorageModule,
} from '@witness/platform';

@Module({
  imports: [
    PlatformConfigModule.forRoot(),
    LoggingModule.forRoot({ app: 'cli' }),
    ClockModule,
    DatabaseModule,
    CryptoModule,
    AuditModule,
    StorageModule,
    AuditAnchorsModule,
    OutboxModule,
    EventsModule,
    DomainListenersModule,
    UsersModule,
    UnCalendarModule,
  ],
  providers: [KeyRotationService],
})
export class CliModule {}
