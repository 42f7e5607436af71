import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { appEnv, DIST, startApiProcess, type AppProcess } from './support/apps';
import { firstAdmin, Http } from './support/http';
import {
  freePort,
  startPostgres,
  startRedis,
  type PgCluster,
  type RedisServer,
} from './support/services';

/**
 * Two api replicas start at the same moment against a server where the database does not
 * exist yet. One creates it and runs the migrations, under the advisory lock; the other waits
 * and finds nothing left to run. Each migration is recorded once, and both replicas serve.
 */

describe('two api replicas start at once against a fresh database', () => {
  let pg: PgCluster;
  let redis: RedisServer;
  const apis: (AppProcess & { baseUrl: string })[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    redis = await startRedis();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.kill()));
    await redis?.destroy();
    pg?.destroy();
  });

  it('runs each migration once and both replicas serve', async () => {
    const database = 'witness_replicas';
    const base = appEnv({ DATABASE_URL: pg.url(database), REDIS_URL: redis.url });
    const [portA, portB] = [await freePort(), await freePort()];
    apis.push(
      ...(await Promise.all([
        startApiProcess({ ...base, PORT: String(portA) }, { name: 'api-a' }),
        startApiProcess({ ...base, PORT: String(portB) }, { name: 'api-b' }),
      ])),
    );
    const [a, b] = apis;

    const files = readdirSync(join(DIST, 'migrations')).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    const recorded = await pg.query<{ name: string; n: number }>(
      database,
      `SELECT name, count(*)::int AS n FROM migrations GROUP BY name`,
    );
    expect(recorded).toHaveLength(files.length);
    expect(recorded.filter((r) => r.n !== 1)).toEqual([]);

    // Between them the replicas created the database once and ran each migration once.
    const said = (p: AppProcess, re: RegExp) =>
      p.records().filter((r) => typeof r.msg === 'string' && re.test(r.msg));
    const created = [...said(a, /^created database/), ...said(b, /^created database/)];
    expect(created).toHaveLength(1);
    const ran = [...said(a, /^migration ran: /), ...said(b, /^migration ran: /)].map(
      (r) => r.msg as string,
    );
    expect(ran).toHaveLength(files.length);
    expect(new Set(ran).size).toBe(files.length);

    // Both serve, from the one database: a session made on one works on the other.
    for (const p of apis) {
      const ready = await new Http(p.baseUrl).req('GET', '/health/ready');
      expect({ replica: p.name, status: ready.status }).toEqual({ replica: p.name, status: 200 });
    }
    const adminA = await firstAdmin(a.baseUrl, base);
    const adminB = new Http(b.baseUrl, adminA.token);
    const me = await adminB.ok('GET', '/api/v1/auth/me');
    expect(me.body.role).toBe('admin');
    const made = await adminB.ok('POST', '/api/v1/defenders', {
      fullName: 'Two Replicas Drill',
      country: 'KE',
    });
    const read = await adminA.ok('GET', `/api/v1/defenders/${made.body.id}`);
    expect(read.body.fullName).toBe('Two Replicas Drill');
    console.log(
      `two-replicas: ${files.length} migrations ran once (${said(a, /^migration ran: /).length} by api-a, ` +
        `${said(b, /^migration ran: /).length} by api-b)`,
    );
  }, 120_000);
});
