import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, REDIS, TooManyRequestsError, type Env } from '@witness/platform';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';

/**
 * Spend one request of a per-IP budget counted in Redis, so it holds across replicas (fixed
 * one-minute windows). Over budget: 429 with Retry-After. If Redis is down the request is
 * let through: a rate limit must never stop caseworkers from working, nor take the feed down.
 */
export async function spendIpBudget(
  redis: Redis,
  clock: Clock,
  budget: { scope: string; ip: string; limit: number; message: string },
): Promise<void> {
  const now = clock.now().getTime();
  const window = Math.floor(now / 60_000);
  const key = `${budget.scope}:${budget.ip}:${window}`;
  let count: number;
  try {
    const res = await redis.multi().incr(key).expire(key, 61).exec();
    count = Number(res?.[0]?.[1] ?? 0);
  } catch {
    return;
  }
  if (count > budget.limit) {
    const retryAfter = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
    throw new TooManyRequestsError(budget.message, retryAfter);
  }
}

/** A guard spending one per-IP budget (the API-wide one, the public feed's own). */
@Injectable()
export abstract class IpBudgetGuard implements CanActivate {
  private readonly prefix: string;
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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.exempt(req)) return true;
    await spendIpBudget(this.redis, this.clock, {
      scope: `${this.prefix}:${this.scope}`,
      ip: req.ip,
      limit: Number(this.config.get(this.limitVariable, { infer: true })),
      message: this.message,
    });
    return true;
  }
}
