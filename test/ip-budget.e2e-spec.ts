import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { ManualClock, TooManyRequestsError } from '@witness/platform';

/**
 * The per-IP budget behind RATE_LIMIT_PER_MINUTE and the public feed's limit, on real Redis:
 * fixed minutes of the app's clock, 429 with the seconds left in the minute, one budget per
 * address and scope, and requests let through when Redis is down.
 */
describe('IpBudget (rate-limiter-flexible on Redis)', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const scope = `t${randomBytes(4).toString('hex')}:budget`;
  const clock = new ManualClock(new Date('2026-06-15T11:00:10Z'));
  type Module = typeof import('../apps/api/src/http/ip-budget');
  let IpBudget: Module['IpBudget'];
  let budget: InstanceType<Module['IpBudget']>;

  beforeAll(async () => {
    // Loaded the way the test harness loads the api's modules.
    ({ IpBudget } = await import('../apps/api/src/http/ip-budget'));
    budget = new IpBudget(redis, clock, { scope, limit: 3, message: 'Slow down.' });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${scope}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('allows the limit per minute, then 429 with Retry-After until the next minute', async () => {
    for (let i = 0; i < 3; i++) await budget.spend('203.0.113.9');
    const refusal = await budget.spend('203.0.113.9').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect(refusal).toMatchObject({ retryAfterSeconds: 50, message: 'Slow down.' });
    // Another address has its own budget.
    await expect(budget.spend('203.0.113.10')).resolves.toBeUndefined();
    // The count lives in Redis under the scope, the address and the minute.
    const window = Math.floor(clock.now().getTime() / 60_000);
    expect(await redis.get(`${scope}:203.0.113.9:${window}`)).toBe('4');
    expect(await redis.ttl(`${scope}:203.0.113.9:${window}`)).toBeGreaterThan(55);

    clock.set('2026-06-15T11:01:00Z');
    await expect(budget.spend('203.0.113.9')).resolves.toBeUndefined();
  });

  it('is shared by every process counting in the same Redis', async () => {
    const other = new IpBudget(redis, clock, { scope, limit: 3, message: 'Slow down.' });
    clock.set('2026-06-15T11:05:00Z');
    await budget.spend('198.51.100.1');
    await other.spend('198.51.100.1');
    await budget.spend('198.51.100.1');
    await expect(other.spend('198.51.100.1')).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it('lets requests through when Redis does not answer', async () => {
    const down = new Redis({
      host: '127.0.0.1',
      port: 1, // nothing listens there
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const offline = new IpBudget(down, clock, { scope, limit: 1, message: 'Slow down.' });
    try {
      for (let i = 0; i < 3; i++) await expect(offline.spend('192.0.2.1')).resolves.toBeUndefined();
    } finally {
      down.disconnect();
    }
  });
});
