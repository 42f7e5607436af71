import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access';
import { DefendersModule } from '../defenders';
import {
  Escalation,
  EscalationDefender,
  EscalationPartner,
  EscalationTransition,
} from './escalation.entity';
import { EscalationDeadlines } from './escalation-deadlines';
import { EscalationGates } from './escalation-gates';
import { EscalationQueries } from './escalation-queries';
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
  ],
  providers: [EscalationDeadlines, EscalationQueries, EscalationGates, EscalationsService],
  exports: [EscalationsService],
})
export class EscalationsModule {}
