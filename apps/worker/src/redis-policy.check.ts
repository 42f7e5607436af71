import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { redisOptions, type Env } from '@witness/platform';
import Redis from 'ioredis';

/**
 * BullMQ needs Redis to keep every key: with any eviction policy but `noeviction`, Redis
 * under memory pressure silently drops jobs. Warn loudly at start when it is not set.
 */
@Injectable()
export class RedisPolicyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('redis');

  constructor(private readonly config: ConfigService<Env, true>) {}

  async onApplicationBootstrap(): Promise<void> {
    const client = new Redis(
      redisOptions(this.config.get('REDIS_URL', { infer: true }), {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
      }),
    );
    try {
      await client.connect();
      const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply?.[1];
      if (policy !== 'noeviction') {
        this.logger.error(
          `Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis may drop queued jobs. Set maxmemory-policy noeviction.`,
        );
      } else {
        this.logger.log('Redis maxmemory-policy is noeviction');
      }
    } catch (e) {
      this.logger.warn(`could not read Redis maxmemory-policy: ${(e as Error).message}`);
    } finally {
      client.disconnect();
    }
  }
}
