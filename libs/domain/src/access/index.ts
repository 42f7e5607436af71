// The access feature's public face: what other features and the apps may use.
export * from './access-policy';
export * from './access.module';
export * from './access.service';
export * from './case-assignees';
export * from './defender-assignee.entity';
