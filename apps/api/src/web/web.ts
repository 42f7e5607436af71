import { AdminWebController } from './admin-web.controller';
import { CalendarEntriesWebController } from './calendar/entries';
import { CalendarWebController } from './calendar/month';
import { DefenderHistoryWebController } from './defenders/history';
import { DefenderProfileWebController } from './defenders/profile';
import { DefenderProfilePage } from './defenders/profile.page';
import { DefendersWebController } from './defenders/records';
import { DocumentEditWebController } from './documents/edit';
import { DocumentsListWebController } from './documents/list';
import { DocumentPageParts } from './documents/parts';
import { DocumentWebController } from './documents/show';
import { EscalationWebController } from './escalations/detail';
import { EscalationPage } from './escalations/detail.page';
import { DossiersWebController } from './escalations/dossiers';
import { EscalationsListWebController } from './escalations/list';
import { QuestionnaireWebController } from './escalations/questionnaire';
import { HomeWebController } from './home.controller';
import { LanguageWebController } from './language-web.controller';
import { MilestonesWebController } from './milestones/pages';
import { NotificationsWebController } from './notifications/pages';
import { Pickers } from './picker';
import { PickerWebController } from './picker-web.controller';
import { PublicationWebController } from './publication/preview';
import { ReportsWebController } from './reports-web.controller';
import { SolidarityWebController } from './solidarity/actions';
import { PartnersWebController } from './solidarity/partners';
import { Views } from './views';
import { WebAuthController } from './web-auth.controller';
import { WebErrorPages } from './web-errors';

/**
 * The web app: server-rendered pages under /app, beside the JSON API in the same process.
 * Its controllers call the same domain services with the same actor and the same @Roles
 * policies as the API's; there is no second path around them.
 */
export const WEB_CONTROLLERS = [
  WebAuthController,
  HomeWebController,
  DefendersWebController,
  DefenderProfileWebController,
  DefenderHistoryWebController,
  DefenderProfileWebController,
  DefenderHistoryWebController,
  DocumentsListWebController,
  DocumentWebController,
  DocumentEditWebController,
  EscalationsListWebController,
  EscalationWebController,
  DossiersWebController,
  PublicationWebController,
  QuestionnaireWebController,
  MilestonesWebController,
  NotificationsWebController,
  PartnersWebController,
  SolidarityWebController,
  CalendarWebController,
  CalendarEntriesWebController,
  ReportsWebController,
  AdminWebController,
  PickerWebController,
  LanguageWebController,
];

export const WEB_PROVIDERS = [
  Views,
  WebErrorPages,
  Pickers,
  EscalationPage,
  DocumentPageParts,
  DefenderProfilePage,
];
