import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, REDIS, type Env } from '@witness/platform';
import { spendIpBudget } from '../http/ip-budget';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';

/**
 * The public feed's own, stricter per-IP budget (PUBLIC_RATE_LIMIT_PER_MINUTE), counted in
 * Redis like the API-wide one (`RateLimitGuard`: fixed one-minute windows, shared across
 * replicas) under its own keys, on top of it. Like that guard it lets requests through
 * while Redis is down: the feed is read-only, cached and cheap, and a Redis outage must not
 * take it (or the API) down.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limit: number;
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<Env, true>,
    private readonly clock: Clock,
  ) {
    this.limit = config.get('PUBLIC_RATE_LIMIT_PER_MINUTE', { infer: true });
    this.prefix = config.get('QUEUE_PREFIX', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    await spendIpBudget(this.redis, this.clock, {
      scope: `${this.prefix}:ratelimit:public`,
      ip: req.ip,
      limit: this.limit,
      message: 'Too many requests to the public feed from your address. Slow down.',
    });
    return true;
  }
}
