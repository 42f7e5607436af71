import { Module } from '@nestjs/common';
import { AuditAnchors } from './audit-anchors';

/**
 * Anchors of the audit chain, for the worker (its scheduler) and the CLI (`audit:anchor`,
 * `audit:verify`). Needs the global StorageModule and AuditModule.
 */
@Module({
  providers: [AuditAnchors],
  exports: [AuditAnchors],
})
export class AuditAnchorsModule {}
