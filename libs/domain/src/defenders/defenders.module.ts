import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { MilestoneSyncModule } from '../milestones/milestone-sync.module';
import { PublicationWithdrawalModule } from '../publication/publication-withdrawal';
import { Defender } from './defender.entity';
import { DefenderExportService } from './defender-export.service';
import { DefenderImportService } from './defender-import.service';
import { DefendersService } from './defenders.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Defender]),
    AccessModule,
    MilestoneSyncModule,
    PublicationWithdrawalModule,
  ],
  providers: [DefendersService, DefenderImportService, DefenderExportService],
  exports: [DefendersService, DefenderImportService, DefenderExportService],
})
export class DefendersModule {}
