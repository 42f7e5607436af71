export * from './calendar-dates';
export * from './procedure.types';
export * from './procedure-tables';
export * from './procedure-clock';
export * from './treaty-acceptance';
export * from './mandate-map';
