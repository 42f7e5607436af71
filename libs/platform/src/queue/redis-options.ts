/** Connection options understood by both ioredis and BullMQ. */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
  enableOfflineQueue?: boolean;
  maxRetriesPerRequest?: number | null;
  lazyConnect?: boolean;
  connectTimeout?: number;
  connectionName?: string;
}

/** Options from a `redis://[user:pass@]host:port[/db]` (or `rediss://`) URL. */
export function redisOptions(
  url: string,
  extra: Partial<RedisConnectionOptions> = {},
): RedisConnectionOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    ...extra,
  };
}
