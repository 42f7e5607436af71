import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { DefendersModule } from '../defenders/defenders.module';
import { MilestoneSyncModule } from '../milestones/milestone-sync.module';
import {
  Escalation,
  EscalationDefender,
  EscalationPartner,
  EscalationTransition,
} from './escalation.entity';
import { EscalationsService } from './escalations.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Escalation,
      EscalationDefender,
      EscalationPartner,
      EscalationTransition,
    ]),
    AccessModule,
    DefendersModule,
    MilestoneSyncModule,
  ],
  providers: [EscalationsService],
  exports: [EscalationsService],
})
export class EscalationsModule {}
