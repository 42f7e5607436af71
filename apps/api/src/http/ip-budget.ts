import { TooManyRequestsError, type Clock } from '@witness/platform';
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
