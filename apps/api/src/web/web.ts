import { AdminWebController } from './admin-web.controller';
import { CalendarWebController } from './calendar-web.controller';
import { DefendersWebController } from './defenders-web.controller';
import { DocumentsWebController } from './documents-web.controller';
import { EscalationWebController } from './escalations/detail';
import { EscalationPage } from './escalations/detail.page';
import { DossiersWebController } from './escalations/dossiers';
import { EscalationsListWebController } from './escalations/list';
import { QuestionnaireWebController } from './escalations/questionnaire';
import { HomeWebController } from './home.controller';
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
  DocumentsWebController,
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
  ReportsWebController,
  AdminWebController,
  PickerWebController,
];

export const WEB_PROVIDERS = [Views, WebErrorPages, Pickers, EscalationPage];
