// The milestones feature's public face: what other features and the apps may use.
export * from './milestone-reads';
export * from './milestone-sync.module';
export * from './milestone-sync.service';
export * from './milestone.entity';
export * from './milestones.module';
export * from './milestones.service';
