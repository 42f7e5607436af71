import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access';
import { DefendersModule } from '../defenders';
import { Milestone } from './milestone.entity';
import { MilestoneSyncModule } from './milestone-sync.module';
import { MilestonesService } from './milestones.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Milestone]),
    DefendersModule,
    AccessModule,
    MilestoneSyncModule,
  ],
  providers: [MilestonesService],
  exports: [MilestonesService],
})
export class MilestonesModule {}
