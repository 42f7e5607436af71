// The un-calendar feature's public face: what other features and the apps may use.
export * from './calendar-csv';
export * from './calendar-ical';
export * from './calendar-parse';
export { calendarEntryView, normalise, relevanceOf } from './un-calendar-entries';
export * from './un-calendar-opportunities';
export * from './un-calendar-relevance';
export * from './un-calendar-rules';
export * from './un-calendar-sync.service';
export * from './un-calendar.entity';
export * from './un-calendar.module';
export * from './un-calendar.service';
export * from './un-calendar.types';
