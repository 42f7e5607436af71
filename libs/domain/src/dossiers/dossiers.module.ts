import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EscalationsModule } from '../escalations';
import { Dossier } from './dossier.entity';
import { DossiersService } from './dossiers.service';
import { QuestionnaireService } from './questionnaire.service';

@Module({
  imports: [TypeOrmModule.forFeature([Dossier]), EscalationsModule],
  providers: [DossiersService, QuestionnaireService],
  exports: [DossiersService, QuestionnaireService],
})
export class DossiersModule {}
