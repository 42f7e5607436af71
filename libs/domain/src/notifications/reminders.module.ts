import { Module } from '@nestjs/common';
import { RemindersService } from './reminders.service';

/** Reminder planning: listens to milestones (MilestoneChanged) and to archived cases. */
@Module({
  providers: [RemindersService],
  exports: [RemindersService],
})
export class RemindersModule {}
