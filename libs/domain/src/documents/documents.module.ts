import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access';
import { DefendersModule } from '../defenders';
import { DocumentBlobs } from './document-blobs';
import { DocumentChecks } from './document-checks';
import { DocumentIntake } from './document-intake';
import { DocumentScans } from './document-scans';
import { Document, DocumentVersion } from './document.entity';
import { DocumentsService } from './documents.service';

/** Documents and photos of cases. Needs the global StorageModule and ScanModule (platform). */
@Module({
  imports: [TypeOrmModule.forFeature([Document, DocumentVersion]), DefendersModule, AccessModule],
  providers: [DocumentsService, DocumentIntake, DocumentChecks, DocumentBlobs, DocumentScans],
  exports: [DocumentsService, DocumentIntake, DocumentScans],
})
export class DocumentsModule {}
