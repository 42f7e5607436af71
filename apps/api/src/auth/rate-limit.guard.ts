import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IpBudgetGuard } from '../http/ip-budget';

/** Per-IP request budget over the whole API (RATE_LIMIT_PER_MINUTE; see IpBudget). */
@Injectable()
export class RateLimitGuard extends IpBudgetGuard {
  protected readonly limitVariable = 'RATE_LIMIT_PER_MINUTE';
  protected readonly scope = 'ratelimit';
  protected readonly message = 'Too many requests from your address. Slow down.';

  protected override exempt(req: FastifyRequest): boolean {
    return req.url.startsWith('/health/');
  }
}
