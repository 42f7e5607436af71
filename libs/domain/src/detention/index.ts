// The detention feature's public face: what other features and the apps may use.
export * from './detention-event.entity';
export * from './detention.module';
export * from './detention.service';
export * from './detention.types';
