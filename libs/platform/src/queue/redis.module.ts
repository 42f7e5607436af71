import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { Env } from '../config/env';
import { redisOptions } from './redis-options';

export const REDIS = Symbol('REDIS');

/**
 * A plain Redis client for checks and counters. It never queues commands while Redis is
 * down (`enableOfflineQueue: false`): callers get an error at once instead of hanging.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        new Redis(
          redisOptions(config.get('REDIS_URL', { infer: true }), {
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            connectTimeout: 2000,
            connectionName: 'witness-api',
          }),
        ).on('error', () => undefined), // state is reported by /health/ready, not by crashing
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
