import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, REDIS, TooManyRequestsError, type Env } from '@witness/platform';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * A per-IP budget counted in Redis by rate-limiter-flexible, so it holds across replicas.
 * Windows are fixed minutes of the app's Clock (the key names the minute, so a test's manual
 * clock moves them too); over budget: 429 with Retry-After until the next minute. If Redis is
 * down the request is let through: a rate limit must never stop caseworkers from working, nor
 * take the feed down.
 */
export class IpBudget {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    private readonly clock: Clock,
    private readonly budget: { scope: string; limit: number; message: string },
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: budget.scope,
      points: budget.limit,
      // A little past the window's minute, as the key names the minute it counts.
      duration: 61,
    });
  }

  /** Spend one request of `ip`'s budget for the current minute. */
  async spend(ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / 60_000);
    try {
      await this.limiter.consume(`${ip}:${window}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return; // Redis is down: let it through
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
      throw new TooManyRequestsError(this.budget.message, retryAfter);
    }
  }
}

/** A guard spending one per-IP budget (the API-wide one, the public feed's own). */
@Injectable()
export abstract class IpBudgetGuard implements CanActivate {
  private readonly prefix: string;
  private ipBudget?: IpBudget;
  protected abstract readonly limitVariable: keyof Env;
  protected abstract readonly scope: string;
  protected abstract readonly message: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService<Env, true>,
    private readonly clock: Clock,
  ) {
    this.prefix = config.get('QUEUE_PREFIX', { infer: true });
  }

  /** Requests that do not spend this budget. */
  protected exempt(_req: FastifyRequest): boolean {
    return false;
  }

  /** Made on first use: the subclass's fields are not set yet in this constructor. */
  private get budget(): IpBudget {
    this.ipBudget ??= new IpBudget(this.redis, this.clock, {
      scope: `${this.prefix}:${this.scope}`,
      limit: Number(this.config.get(this.limitVariable, { infer: true })),
      message: this.message,
    });
    return this.ipBudget;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.exempt(req)) return true;
    await this.budget.spend(req.ip);
    return true;
  }
}
