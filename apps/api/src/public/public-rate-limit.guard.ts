import { Injectable } from '@nestjs/common';
import { IpBudgetGuard } from '../http/ip-budget';

/**
 * The public feed's own, stricter per-IP budget (PUBLIC_RATE_LIMIT_PER_MINUTE), under its
 * own keys, on top of the API-wide one. Like that one it lets requests through while Redis
 * is down: the feed is read-only, cached and cheap, and a Redis outage must not take it down.
 */
@Injectable()
export class PublicRateLimitGuard extends IpBudgetGuard {
  protected readonly limitVariable = 'PUBLIC_RATE_LIMIT_PER_MINUTE';
  protected readonly scope = 'ratelimit:public';
  protected readonly message = 'Too many requests to the public feed from your address. Slow down.';
}
