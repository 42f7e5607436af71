// The users feature's public face: what other features and the apps may use.
export * from './password-policy';
export * from './user.entity';
export * from './users.module';
export * from './users.service';
