// The reports feature's public face: what other features and the apps may use.
export * from './indicators';
export * from './report-csv';
export * from './report-period';
export * from './reports.module';
export * from './reports.service';
