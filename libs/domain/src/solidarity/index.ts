// The solidarity feature's public face: what other features and the apps may use.
export * from './solidarity.entity';
export * from './solidarity.module';
export * from './solidarity.service';
