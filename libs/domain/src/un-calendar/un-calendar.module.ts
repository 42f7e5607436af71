import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MilestoneSyncModule } from '../milestones';
import { UnCalendarOpportunities } from './un-calendar-opportunities';
import { UnCalendarSync } from './un-calendar-sync.service';
import { UnCalendarDeadline, UnCalendarEntry } from './un-calendar.entity';
import { UnCalendarService } from './un-calendar.service';

/** The UN calendar: entries, opportunities, and (in the worker) their milestones. */
@Module({
  imports: [TypeOrmModule.forFeature([UnCalendarEntry, UnCalendarDeadline]), MilestoneSyncModule],
  providers: [UnCalendarService, UnCalendarOpportunities, UnCalendarSync],
  exports: [UnCalendarService, UnCalendarSync],
})
export class UnCalendarModule {}
