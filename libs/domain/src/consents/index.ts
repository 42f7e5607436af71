// The consents feature's public face: what other features and the apps may use.
export * from './consent-giver';
export * from './consent-rules';
export * from './consent.entity';
export * from './consents.module';
export * from './consents.service';
export * from './public-naming';
