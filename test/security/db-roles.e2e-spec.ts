import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { MaintenanceJob, migrate, QueueName, redisOptions } from '@witness/platform';
import { startApi, type TestApi } from '../support/api';
import { runCli } from '../support/cli';
import { admin, cloneTestDatabase, TEST_PG_BASE } from '../support/database';
import { startWorker, type TestWorker } from '../support/worker';

/**
 * Finding 5 of issue 19: least privilege. The roles are made by the same script that
 * docker-compose mounts in PostgreSQL's /docker-entrypoint-initdb.d; the migrations run as the
 * OWNER role, and the real api and worker run as the APPLICATION role, which can do their work
 * and nothing a database administrator could use to rewrite history.
 */

const ROOT = resolve(__dirname, '..', '..');
const INIT_SCRIPT = join(ROOT, 'scripts', 'postgres-init', '10-witness-roles.sh');
const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
const OWNER = `wt_owner_${tag}`;
const APP = `wt_app_${tag}`;
const OWNER_PW = randomBytes(12).toString('hex');
const APP_PW = randomBytes(12).toString('hex');

/** `postgres://role:pw@host/db` on the test server. */
function urlAs(role: string, password: string, db: string): string {
  const u = new URL(`${TEST_PG_BASE}/${db}`);
  u.username = role;
  u.password = password;
  return u.toString();
}

/** Run the init script as the test server's superuser, as the PostgreSQL image would. */
function runInitScript(db: string): Promise<{ code: number | null; out: string }> {
  const server = new URL(TEST_PG_BASE);
  return new Promise((done, fail) => {
    const child = spawn('sh', [INIT_SCRIPT], {
      env: {
        PATH: process.env.PATH,
        PGHOST: server.hostname,
        PGPORT: server.port || '5432',
        POSTGRES_USER: decodeURIComponent(server.username) || 'postgres',
        ...(server.password ? { PGPASSWORD: decodeURIComponent(server.password) } : {}),
        WITNESS_DB_NAME: db,
        WITNESS_DB_OWNER: OWNER,
        WITNESS_DB_APP_ROLE: APP,
        WITNESS_DB_OWNER_PASSWORD: OWNER_PW,
        WITNESS_DB_APP_PASSWORD: APP_PW,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

async function asRole<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The SQLSTATE a statement fails with (null when it succeeds). */
async function sqlState(c: Client, sql: string): Promise<string | null> {
  try {
    await c.query('SAVEPOINT probe');
    await c.query(sql);
    await c.query('ROLLBACK TO SAVEPOINT probe');
    return null;
  } catch (e) {
    await c.query('ROLLBACK TO SAVEPOINT probe');
    return (e as { code?: string }).code ?? 'unknown';
  }
}

describe('least privilege: an owner role migrates, the api and worker run as the app role', () => {
  const freshDb = `witness_t_roles_fresh_${tag}`;
  let cloneName: string;
  let api: TestApi;
  let worker: TestWorker | undefined;
  let appUrl: string;
  let ownerUrl: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    // An existing deployment upgraded: a database made and migrated by the superuser (a clone
    // of the test template) is handed to the owner by the init script...
    const clone = await cloneTestDatabase();
    cloneName = clone.name;
    const init = await runInitScript(cloneName);
    expect({ code: init.code, out: init.out }).toEqual({ code: 0, out: expect.any(String) });
    ownerUrl = urlAs(OWNER, OWNER_PW, cloneName);
    appUrl = urlAs(APP, APP_PW, cloneName);
    // ... which migrates it (nothing left to run) and grants the application role its part.
    const logs: string[] = [];
    expect(await migrate(ownerUrl, { log: (m) => logs.push(m) }, { appRole: APP })).toEqual([]);
    expect(logs).toContain(`privileges granted to ${APP}`);
    api = await startApi({
      as: 'caseworker',
      database: { url: appUrl, drop: clone.drop },
      env: { MIGRATIONS_RUN: 'false' },
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${freshDb}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${cloneName}_restored" WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS "${APP}"`);
      await c.query(`DROP ROLE IF EXISTS "${OWNER}"`);
    });
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a fresh database: the init script makes it, the owner runs every migration', async () => {
    const init = await runInitScript(freshDb);
    expect(init.code).toBe(0);
    const [db] = (
      await admin((c) =>
        c.query(`SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`, [
          freshDb,
        ]),
      )
    ).rows;
    expect(db).toEqual({ owner: OWNER });
    const ran = await migrate(urlAs(OWNER, OWNER_PW, freshDb), undefined, { appRole: APP });
    expect(ran.length).toBeGreaterThan(10);
    await asRole(urlAs(APP, APP_PW, freshDb), async (c) => {
      const { rows } = await c.query(
        `SELECT rolsuper, (SELECT count(*)::int FROM audit_events) AS audit FROM pg_roles
          WHERE rolname = current_user`,
      );
      expect(rows).toEqual([{ rolsuper: false, audit: 0 }]);
    });
    // The roles are made again without harm (a second run of the script, e.g. by hand).
    expect((await runInitScript(freshDb)).code).toBe(0);
  }, 120_000);

  it('the api and the worker do their work as the application role', async () => {
    const [who] = await api.db.query(
      `SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user`,
    );
    expect(who).toEqual({ name: APP, rolsuper: false });

    // Create, read, history (the audit trail), an access-controlled update.
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Least Privilege', country: 'KE' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const read = await api.request({ method: 'GET', url: `/api/v1/defenders/${id}` });
    expect(read.status).toBe(200);
    const updated = await api.request({
      method: 'PATCH',
      url: `/api/v1/defenders/${id}`,
      headers: { 'if-match': String(read.headers.etag) },
      body: { profession: 'Lawyer' },
    });
    expect(updated.status).toBe(200);
    const history = await api.request({ method: 'GET', url: `/api/v1/defenders/${id}/history` });
    expect(history.status).toBe(200);
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['defender.create', 'defender.update']),
    );

    // A job through the queue (the audit anchor: reads the chain, writes the store) and the
    // reminder tick (claims with FOR UPDATE SKIP LOCKED, writes notifications).
    const storage = mkdtempSync(join(tmpdir(), 'witness-roles-'));
    dirs.push(storage);
    worker = await startWorker({
      dbUrl: appUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env: { STORAGE_DIR: storage, MIGRATIONS_RUN: 'false' },
    });
    const me = await api.request({ method: 'GET', url: '/api/v1/auth/me' });
    const due = api.clock.now().getTime() + 24 * 3600_000;
    const milestone = await api.request({
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        defenderId: id,
        kind: 'custom',
        title: 'Visit in prison',
        dueAt: new Date(due).toISOString(),
        remindBefore: ['PT2H'],
        assigneeIds: [me.body.id],
      },
    });
    expect(milestone.status).toBe(201);
    api.clock.set(new Date(due - 2 * 3600_000 + 60_000));
    await worker.tick();
    await worker.drain();
    const notes = await api.request({ method: 'GET', url: '/api/v1/notifications' });
    expect(notes.status).toBe(200);
    expect(JSON.stringify(notes.body)).toContain('Visit in prison');

    const redis = redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const queue = new Queue(QueueName.Maintenance, { prefix: api.queuePrefix, connection: redis });
    const events = new QueueEvents(QueueName.Maintenance, {
      prefix: api.queuePrefix,
      connection: redis,
    });
    try {
      await events.waitUntilReady();
      const job = (await queue.add(MaintenanceJob.AuditAnchor, {})) as Job;
      const [{ n }] = await api.db.query(`SELECT max(chain_seq)::text AS n FROM audit_events`);
      const done = (await job.waitUntilFinished(events, 30_000)) as { pong: string };
      expect(Number(done.pong)).toBeGreaterThanOrEqual(Number(n));
    } finally {
      await events.close();
      await queue.close();
    }

    // The operator's CLI works with the application role alone.
    const verify = await runCli(['audit:verify'], {
      DATABASE_URL: appUrl,
      MIGRATIONS_RUN: 'false',
      STORAGE_DIR: storage,
    });
    expect({ code: verify.code, stderr: verify.stderr }).toEqual({ code: 0, stderr: '' });
    expect(verify.stdout).toContain('anchor(s) matched');
  }, 120_000);

  it('the application role cannot alter, disable triggers, rewrite the audit trail or read migrations', async () => {
    await asRole(appUrl, async (c) => {
      await c.query('BEGIN');
      const denied = async (sql: string) => ({ sql, state: await sqlState(c, sql) });
      const attempts = [
        `ALTER TABLE defenders ADD COLUMN pwned int`,
        `ALTER TABLE audit_events DISABLE TRIGGER ALL`,
        `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`,
        `DROP TRIGGER audit_events_append_only ON audit_events`,
        `UPDATE audit_events SET action = 'x' WHERE chain_seq = 1`,
        `DELETE FROM audit_events WHERE chain_seq = 1`,
        `TRUNCATE audit_events`,
        `TRUNCATE defenders CASCADE`,
        `UPDATE consents SET purpose = purpose`,
        `DELETE FROM consents`,
        `DELETE FROM audit_chain_head`,
        `INSERT INTO audit_chain_head (id, seq) VALUES (2, 0)`,
        `SET session_replication_role = replica`,
        `SELECT * FROM migrations`,
        `CREATE TABLE pwned (a int)`,
        `CREATE OR REPLACE FUNCTION witness_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
        `DROP TABLE outbox`,
        `ALTER ROLE ${APP} SUPERUSER`,
      ];
      const results = [];
      for (const sql of attempts) results.push(await denied(sql));
      // 42501: insufficient privilege, for every one of them.
      expect(results).toEqual(attempts.map((sql) => ({ sql, state: '42501' })));
      // What it needs, it has.
      expect(await sqlState(c, `SELECT count(*) FROM users`)).toBeNull();
      expect(await sqlState(c, `SELECT seq FROM audit_chain_head FOR UPDATE`)).toBeNull();
      await c.query('ROLLBACK');
    });
  });

  it('a table a later migration adds is the application’s at once (default privileges)', async () => {
    await asRole(ownerUrl, (c) => c.query(`CREATE TABLE later_feature (id int PRIMARY KEY)`));
    await asRole(appUrl, async (c) => {
      await c.query('BEGIN');
      await c.query(`INSERT INTO later_feature VALUES (1)`);
      expect((await c.query(`SELECT count(*)::int AS n FROM later_feature`)).rows[0].n).toBe(1);
      expect(await sqlState(c, `TRUNCATE later_feature`)).toBe('42501');
      await c.query('ROLLBACK');
    });
    await asRole(ownerUrl, (c) => c.query(`DROP TABLE later_feature`));
  });

  it('backups run as the owner (the application role cannot take one), and restore grants again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'witness-roles-backup-'));
    dirs.push(dir);
    const asApp = await runCli(['backup', '--dir', dir], {
      DATABASE_URL: appUrl,
      MIGRATIONS_RUN: 'false',
    });
    expect(asApp.code).toBe(1);
    expect(asApp.stderr).toMatch(/permission denied/);
    const env = {
      DATABASE_URL: appUrl,
      MIGRATIONS_DATABASE_URL: ownerUrl,
      MIGRATIONS_RUN: 'false',
    };
    const backup = await runCli(['backup', '--dir', dir], env);
    expect({ code: backup.code, stderr: backup.stderr }).toEqual({ code: 0, stderr: '' });
    const dump = /backup written: (\S+\.dump)/.exec(backup.stdout)?.[1] as string;

    // Into an empty database the owner may use (made as the init script makes them).
    const target = `${cloneName}_restored`;
    await admin((c) => c.query(`CREATE DATABASE "${target}" OWNER "${OWNER}"`));
    const restored = await runCli(
      ['restore', dump, '--database-url', urlAs(OWNER, OWNER_PW, target)],
      { ...env, DATABASE_APP_ROLE: APP },
    );
    expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: '' });
    expect(restored.stdout).toContain('audit chain verified');
    await asRole(urlAs(APP, APP_PW, target), async (c) => {
      await c.query('BEGIN');
      expect((await c.query(`SELECT count(*)::int AS n FROM defenders`)).rows[0].n).toBe(1);
      expect(await sqlState(c, `SELECT * FROM migrations`)).toBe('42501');
      expect(await sqlState(c, `DELETE FROM audit_events`)).toBe('42501');
      await c.query('ROLLBACK');
    });
  }, 120_000);
});
