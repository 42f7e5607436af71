import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env';
import { AuditKeyring } from './audit-chain';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

/** The audit trail and its keys (`AUDIT_HMAC_KEYS`, validated at boot). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [
    {
      provide: AuditKeyring,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        AuditKeyring.fromConfig(
          config.get('AUDIT_HMAC_KEYS', { infer: true }),
          config.get('NODE_ENV', { infer: true }),
          config.get('AUDIT_UNKEYED_ROWS', { infer: true }),
        ),
    },
    AuditService,
  ],
  exports: [AuditService, AuditKeyring],
})
export class AuditModule {}
