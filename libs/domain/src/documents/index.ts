// The documents feature's public face: what other features and the apps may use.
export * from './document-access';
export * from './document-intake';
export * from './document.entity';
export * from './document.types';
export * from './documents.module';
export * from './documents.service';
export * from './document-views';
export * from './document-scans';
export * from './file-names';
export * from './file-types';
