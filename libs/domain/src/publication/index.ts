// The publication feature's public face: what other features and the apps may use.
export * from './atom';
export * from './public-photo';
export * from './public-photo.service';
export * from './public-profile';
export * from './publication-withdrawal';
export * from './publication.entity';
export * from './publication.module';
export * from './publication.service';
export * from './publication.types';
export * from './slug';
