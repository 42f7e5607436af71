import { Module } from '@nestjs/common';
import { KeyRotationService, UsersModule } from '@witness/domain';
import {
  AuditModule,
  ClockModule,
  CryptoModule,
  DatabaseModule,
  LoggingModule,
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
    UsersModule,
  ],
  providers: [KeyRotationService],
})
export class CliModule {}
