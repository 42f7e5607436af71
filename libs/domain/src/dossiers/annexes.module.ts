import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '../documents';
import { EscalationsModule } from '../escalations';
import { DossierAnnex, EscalationAnnex } from './annexes.entity';
import { AnnexesService } from './annexes.service';
import { DossiersModule } from './dossiers.module';

/**
 * Dossier annexes and bundles (the api). Needs the documents feature, hence the global
 * StorageModule; the worker renders annex lists with DossiersModule alone.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([EscalationAnnex, DossierAnnex]),
    EscalationsModule,
    DossiersModule,
    DocumentsModule,
  ],
  providers: [AnnexesService],
  exports: [AnnexesService],
})
export class AnnexesModule {}
