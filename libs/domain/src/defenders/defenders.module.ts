import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access';
import { Defender } from './defender.entity';
import { DefenderExportService } from './defender-export.service';
import { DefenderImportService } from './defender-import.service';
import { DefendersService } from './defenders.service';

@Module({
  imports: [TypeOrmModule.forFeature([Defender]), AccessModule],
  providers: [DefendersService, DefenderImportService, DefenderExportService],
  exports: [DefendersService, DefenderImportService, DefenderExportService],
})
export class DefendersModule {}
