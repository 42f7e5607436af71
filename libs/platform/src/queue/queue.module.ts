import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues';
import { redisOptions } from './redis-options';

/**
 * BullMQ wiring shared by both apps. `role: 'producer'` (the api) never waits on a
 * Redis that is down: commands fail at once instead of queueing in memory, so a
 * caseworker's save never hangs on Redis (the outbox picks the work up later).
 */
@Module({})
export class QueueModule {
  static forRoot(role: 'producer' | 'consumer'): DynamicModule {
    const queues = Object.values(QueueName).map((name) => ({ name }));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Env, true>) => ({
            prefix: config.get('QUEUE_PREFIX', { infer: true }),
            connection: redisOptions(
              config.get('REDIS_URL', { infer: true }),
              role === 'producer'
                ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
                : // Workers must keep retrying forever (BullMQ requires null here).
                  { maxRetriesPerRequest: null },
            ),
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...queues),
      ],
      exports: [BullModule],
    };
  }
}
