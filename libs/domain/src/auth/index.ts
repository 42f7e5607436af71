// The auth feature's public face: what other features and the apps may use.
export * from './auth.module';
export * from './auth.service';
export * from './password-verifier';
export * from './session-revocation';
export * from './session.entity';
export * from './totp';
