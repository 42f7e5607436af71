import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MilestonesModule } from '../milestones';
import { UnCalendarModule } from '../un-calendar';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedsService } from './calendar-feeds.service';

/** Private iCalendar feeds of each user's milestones and the UN calendar. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeed]), MilestonesModule, UnCalendarModule],
  providers: [CalendarFeedsService],
  exports: [CalendarFeedsService],
})
export class CalendarFeedsModule {}
