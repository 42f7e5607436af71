import { Module } from '@nestjs/common';
import { KeyRotationService, UnCalendarModule, UsersModule } from '@witness/domain';
import {
  AuditModule,
  ClockModule,
  CryptoModule,
  DatabaseModule,
  LoggingModule,
  OutboxModule,
  PlatformConfigModule,
} from '@witness/platform';

@Module({
  imports: [
    PlatformConfigModule.forRoot(),
    LoggingModule.forRoot({ app: 'cli' }),
    ClockModule,
    DatabaseModule,
    CryptoModule,
    AuditModule,
    OutboxModule,
    UsersModule,
    UnCalendarModule,
  ],
  providers: [KeyRotationService],
})
export class CliModule {}
