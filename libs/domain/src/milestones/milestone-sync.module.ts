import { Module } from '@nestjs/common';
import { RemindersService } from '../notifications/reminders.service';
import { MilestoneSync } from './milestone-sync.service';

/** Derived milestones and reminder planning, usable by any feature without cycles. */
@Module({
  providers: [MilestoneSync, RemindersService],
  exports: [MilestoneSync, RemindersService],
})
export class MilestoneSyncModule {}
