// The calendar-feeds feature's public face: what other features and the apps may use.
export * from './calendar-feed-content';
export * from './calendar-feed.entity';
export * from './calendar-feeds.module';
export * from './calendar-feeds.service';
export * from './feed-revocation';
