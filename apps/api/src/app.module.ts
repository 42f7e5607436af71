import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  AccessModule,
  AnnexesModule,
  AuthModule,
  CalendarFeedsModule,
  ConsentsModule,
  DefendersModule,
  DetentionModule,
  DossiersModule,
  DocumentsModule,
  EscalationsModule,
  SolidarityModule,
  ReportsModule,
  PublicationModule,
  MilestonesModule,
  NotificationsModule,
  UsersModule,
  UnCalendarModule,
} from '@witness/domain';
import {
  AuditModule,
  ClockModule,
  CryptoModule,
  DatabaseModule,
  LoggingModule,
  MailModule,
  MetricsModule,
  PlatformConfigModule,
  OutboxModule,
  QueueModule,
  RedisModule,
  ScanModule,
  StorageModule,
} from '@witness/platform';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { RateLimitGuard } from './auth/rate-limit.guard';
import {
  CalendarFeedController,
  MyCalendarFeedController,
} from './calendar-feeds/calendar-feeds.controller';
import { CaseAccessController } from './cases/case-access.controller';
import { DefendersController } from './defenders/defenders.controller';
import { EventsController } from './defenders/events.controller';
import { ExportsController } from './defenders/exports.controller';
import { ImportsController } from './defenders/imports.controller';
import { DocumentsController } from './documents/documents.controller';
import { DossiersController } from './dossiers/dossiers.controller';
import { AnnexesController } from './escalations/annexes.controller';
import { EscalationsController } from './escalations/escalations.controller';
import { QuestionnaireController } from './escalations/questionnaire.controller';
import { SolidarityController } from './solidarity/solidarity.controller';
import { ReportsController } from './reports/reports.controller';
import { PublicationController } from './publication/publication.controller';
import { PublicController } from './public/public.controller';
import { HealthController } from './health/health.controller';
import { FrontDoorController } from './http/front-door.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MilestonesController } from './milestones/milestones.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { ProblemFilter } from './http/problem.filter';
import { UsersController } from './users/users.controller';
import { UnCalendarController } from './un-calendar/un-calendar.controller';
import { WEB_CONTROLLERS, WEB_PROVIDERS } from './web/web';

@Module({
  imports: [
    PlatformConfigModule.forRoot(),
    LoggingModule.forRoot({ app: 'api' }),
    ClockModule,
    DatabaseModule,
    RedisModule,
    // Producer side: commands fail at once while Redis is down (no offline queue).
    QueueModule.forRoot('producer'),
    OutboxModule,
    CryptoModule,
    AuditModule,
    TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' }),
    AccessModule,
    UsersModule,
    AuthModule,
    DefendersModule,
    DetentionModule,
    EscalationsModule,
    DossiersModule,
    // Documents: the encrypted blob store and the virus scanner they need.
    StorageModule,
    ScanModule,
    DocumentsModule,
    // Dossier annexes and bundles (documents chosen by escalations).
    AnnexesModule,
    SolidarityModule,
    ReportsModule,
    PublicationModule,
    ConsentsModule,
    UnCalendarModule,
    // DispatchService (in NotificationsModule) injects the Mailer.
    MailModule,
    MilestonesModule,
    NotificationsModule,
    CalendarFeedsModule,
    MetricsModule.forRoot({ app: 'api' }),
  ],
  controllers: [
    FrontDoorController,
    HealthController,
    AuthController,
    UsersController,
    UnCalendarController,
    DefendersController,
    EventsController,
    ImportsController,
    ExportsController,
    EscalationsController,
    QuestionnaireController,
    AnnexesController,
    DossiersController,
    DocumentsController,
    SolidarityController,
    ReportsController,
    PublicationController,
    PublicController,
    CaseAccessController,
    AuditController,
    MilestonesController,
    NotificationsController,
    MyCalendarFeedController,
    CalendarFeedController,
    MetricsController,
    ...WEB_CONTROLLERS,
  ],
  providers: [
    ...WEB_PROVIDERS,
    { provide: APP_FILTER, useClass: ProblemFilter },
    // Order matters: the per-IP budget is spent before authentication is attempted.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AppModule {}
