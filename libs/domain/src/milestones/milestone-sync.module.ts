import { Module } from '@nestjs/common';
import { MilestoneListeners } from './milestone-listeners';
import { MilestoneSync } from './milestone-sync.service';

/** Derived milestones: MilestoneSync and the listeners that keep them in step. */
@Module({
  providers: [MilestoneSync, MilestoneListeners],
  exports: [MilestoneSync],
})
export class MilestoneSyncModule {}
