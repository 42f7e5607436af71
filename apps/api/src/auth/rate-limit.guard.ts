import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { REDIS, TooManyRequestsError, type Env } from '@witness/platform';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { Clock } from '@witness/platform';

/**
 * Per-IP request budget over the whole API, counted in Redis so it holds across replicas
 * (fixed one-minute windows). If Redis is down the request is let through: a rate limit
 * must never stop caseworkers from working.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limit: number;
  private readonly prefix: string;
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<Env, true>,
    private readonly clock: Clock,
  ) {
    this.limit = config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
    this.prefix = config.get('QUEUE_PREFIX', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (req.url.startsWith('/health/')) return true;
    const now = this.clock.now().getTime();
    const window = Math.floor(now / 60_000);
    const key = `${this.prefix}:ratelimit:${req.ip}:${window}`;
    let count: number;
    try {
      const res = await this.redis.multi().incr(key).expire(key, 61).exec();
      count = Number(res?.[0]?.[1] ?? 0);
    } catch {
      return true;
    }
    if (count > this.limit) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
      throw new TooManyRequestsError('Too many requests from your address. Slow down.', retryAfter);
    }
    return true;
  }
}
