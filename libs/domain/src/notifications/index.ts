// The notifications feature's public face: what other features and the apps may use.
export * from './delivery.entity';
export * from './dispatch.service';
export * from './notification-preferences.entity';
export * from './notification.entity';
export * from './notifications.module';
export * from './notifications.service';
export * from './reminders.module';
export * from './reminders.service';
