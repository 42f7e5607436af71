// The defenders feature's public face: what other features and the apps may use.
export * from './case-anchor';
export * from './case-derivation';
export * from './case-facts';
export * from './defender-csv';
export * from './defender-export.service';
export * from './defender-import.service';
export * from './defender.entity';
export * from './defender.types';
export * from './defender.view';
export * from './defenders.module';
export * from './defenders.service';
