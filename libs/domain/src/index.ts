export * from './shared/actor';
export * from './shared/vocabulary';
export * from './shared/events';
export * from './shared/encrypted-columns';
export * from './defenders/defender.entity';
export * from './defenders/defender.types';
export * from './defenders/defender.view';
export * from './defenders/defenders.service';
export * from './defenders/defenders.module';
export * from './defenders/defender-csv';
export * from './defenders/defender-import.service';
export * from './defenders/defender-export.service';
export * from './shared/detention-status';
export * from './detention/detention-event.entity';
export * from './detention/detention.types';
export * from './detention/detention.service';
export * from './detention/detention.module';
export * from './users/user.entity';
export * from './users/users.service';
export * from './users/users.module';
export * from './users/password-policy';
export * from './auth/session.entity';
export * from './auth/auth.service';
export * from './auth/password-verifier';
export * from './auth/auth.module';
export * from './auth/totp';
export * from './access/access-policy';
export * from './access/defender-assignee.entity';
export * from './access/access.service';
export * from './access/access.module';
export * from './consents/consent.entity';
export * from './consents/consent-rules';
export * from './shared/consent-rules';
export * from './security/key-rotation.service';
export * from './consents/consents.service';
export * from './consents/consents.module';
export * from './milestones/milestone.entity';
export * from './milestones/milestone-sync.service';
export * from './milestones/milestone-sync.module';
export * from './notifications/delivery.entity';
export * from './notifications/notification.entity';
export * from './notifications/notification-preferences.entity';
export * from './notifications/reminders.service';
export * from './notifications/reminders.module';
export * from './notifications/dispatch.service';
export * from './notifications/notifications.module';
export * from './shared/schedule';
export * from './milestones/milestones.service';
export * from './milestones/milestones.module';
export * from './notifications/notifications.service';
export * from './escalations/escalation-workflow';
export * from './escalations/escalation-clock';
export {
  acceptsProcedure,
  DEFAULT_PERIODS,
  deadlines,
  MANDATES,
  MEETING_DATED_KINDS,
  procedureOf,
  PROCEDURE_TABLES,
  suggestMandates,
  TREATY_INSTRUMENTS,
  type DerivedDeadline,
  type MandateSuggestion,
  type Procedure,
} from './escalations/procedures';
export * from './escalations/escalation.entity';
export * from './escalations/escalation.types';
export { recordedDates } from './escalations/escalation-deadlines';
export * from './escalations/escalations.service';
export * from './escalations/escalations.module';
export * from './dossiers/dossier.entity';
export * from './dossiers/dossier-data';
export * from './dossiers/dossier-renderer';
export * from './dossiers/dossier-format';
export * from './dossiers/dossier-locale';
export * from './dossiers/dossier-file-name';
export * from './dossiers/questionnaire.service';
export * from './dossiers/questionnaire/answers';
export * from './dossiers/questionnaire/completeness';
export * from './dossiers/questionnaire/forms';
export * from './dossiers/questionnaire/values';
export * from './dossiers/questionnaire/timeline-draw';
export * from './dossiers/questionnaire/identity-draw';
export * from './escalations/escalation-reference';
export * from './shared/un-country-names';
export * from './dossiers/dossiers.service';
export * from './dossiers/dossiers.module';
export * from './dossiers/annexes.entity';
export * from './dossiers/annexes.rules';
export * from './dossiers/annexes.service';
export * from './dossiers/annexes.module';
export * from './solidarity/solidarity.entity';
export * from './solidarity/solidarity.service';
export * from './solidarity/solidarity.module';
export * from './publication/publication.entity';
export * from './publication/slug';
export * from './publication/atom';
export * from './publication/public-profile';
export * from './publication/public-photo';
export * from './publication/public-photo.service';
export * from './publication/publication-withdrawal';
export * from './publication/publication.service';
export * from './publication/publication.types';
export * from './publication/publication.module';
export * from './reports/report-period';
export * from './reports/indicators';
export * from './reports/report-csv';
export * from './reports/reports.service';
export * from './reports/reports.module';
export * from './un-calendar/un-calendar.types';
export * from './un-calendar/un-calendar.entity';
export * from './un-calendar/un-calendar-rules';
export * from './un-calendar/un-calendar-relevance';
export * from './un-calendar/un-calendar.service';
export { calendarEntryView, normalise, relevanceOf } from './un-calendar/un-calendar-entries';
export * from './un-calendar/un-calendar-opportunities';
export * from './un-calendar/un-calendar-sync.service';
export * from './un-calendar/un-calendar.module';
export * from './un-calendar/calendar-parse';
export * from './un-calendar/calendar-csv';
export * from './un-calendar/calendar-ical';
export * from './calendar-feeds/calendar-feed.entity';
export * from './calendar-feeds/calendar-feed-content';
export * from './calendar-feeds/calendar-feeds.service';
export * from './calendar-feeds/calendar-feeds.module';
export * from './documents/file-types';
export * from './documents/file-names';
export * from './documents/document.entity';
export * from './documents/document.types';
export * from './documents/document-access';
export * from './documents/document-intake';
export * from './documents/documents.service';
export * from './documents/documents.module';
export * from './documents/document-scans';
export * from './auth/session-revocation';
export * from './calendar-feeds/feed-revocation';
export * from './listeners.module';
