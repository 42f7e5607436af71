// The acting user is an infrastructure concept shared with the audit trail.
export { SYSTEM_ACTOR, type Actor } from '@witness/platform';
