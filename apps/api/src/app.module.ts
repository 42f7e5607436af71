import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { DefendersModule, DetentionModule } from '@witness/domain';
import {
  ClockModule,
  DatabaseModule,
  LoggingModule,
  PlatformConfigModule,
  RedisModule,
} from '@witness/platform';
import { DefendersController } from './defenders/defenders.controller';
import { EventsController } from './defenders/events.controller';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { TimeoutInterceptor } from './http/timeout.interceptor';

@Module({
  imports: [
    PlatformConfigModule.forRoot(),
    LoggingModule.forRoot({ app: 'api' }),
    ClockModule,
    DatabaseModule,
    RedisModule,
    TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' }),
    DefendersModule,
    DetentionModule,
  ],
  controllers: [HealthController, DefendersController, EventsController],
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_INTERCEPTOR, useClass: TimeoutInterceptor },
  ],
})
export class AppModule {}
