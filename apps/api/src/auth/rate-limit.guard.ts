import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { REDIS, type Env } from '@witness/platform';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { Clock } from '@witness/platform';
import { spendIpBudget } from '../http/ip-budget';

/** Per-IP request budget over the whole API (RATE_LIMIT_PER_MINUTE; see spendIpBudget). */
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
    await spendIpBudget(this.redis, this.clock, {
      scope: `${this.prefix}:ratelimit`,
      ip: req.ip,
      limit: this.limit,
      message: 'Too many requests from your address. Slow down.',
    });
    return true;
  }
}
