// The escalations feature's public face: what other features and the apps may use.
export * from './escalation-clock';
export { recordedDates } from './escalation-deadlines';
export * from './escalation-reference';
export * from './escalation-workflow';
export * from './escalation.entity';
export * from './escalation.types';
export * from './escalations.module';
export * from './escalations.service';
export {
  acceptsProcedure,
  instrumentFor,
  TREATY_INSTRUMENTS,
  type TreatyInstrument,
} from './procedures';
