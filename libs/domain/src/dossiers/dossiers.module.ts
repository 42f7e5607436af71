import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EscalationsModule } from '../escalations/escalations.module';
import { Dossier } from './dossier.entity';
import { DossiersService } from './dossiers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Dossier]), EscalationsModule],
  providers: [DossiersService],
  exports: [DossiersService],
})
export class DossiersModule {}
