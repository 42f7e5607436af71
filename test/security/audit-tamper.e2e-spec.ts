import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Job, Queue, QueueEvents } from 'bullmq';
import {
  ANCHOR_FOLDER,
  anchorKey,
  AuditAnchors,
  AuditKeyring,
  AuditService,
  dataSourceOptions,
  FsBlobStore,
  MaintenanceJob,
  ManualClock,
  migrate,
  QueueName,
  redisOptions,
  SYSTEM_ACTOR,
  type AuditAnchor,
} from '@witness/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { startApi, type TestApi } from '../support/api';
import { admin, urlFor } from '../support/database';
import { runCli } from '../support/cli';
import { startS3 } from '../support/s3';
import { startWorker, type TestWorker } from '../support/worker';

/**
 * Finding 4 of issue 19: the audit chain must be tamper-evident against whoever controls the
 * database. Every attack here is what a PostgreSQL superuser can do with SQL alone (triggers
 * off: `session_replication_role = replica`), without the AUDIT_HMAC_KEYS key; each must be
 * caught by `audit:verify`, naming the first bad row.
 */

const KEY1 = randomBytes(32).toString('base64');
const KEY2 = randomBytes(32).toString('base64');
const K1 = `k1:${KEY1}`;

/** The unkeyed chain of the AuditTrail migration, as an attacker would bring it back. */
const OLD_METHOD_SQL = `
  CREATE OR REPLACE FUNCTION tamper_payload(a audit_events) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws('|', a.chain_seq::text,
      to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
      coalesce(a.actor_id::text, ''), a.actor_role, a.action, a.entity_type,
      coalesce(a.entity_id, ''), coalesce(a.subject_id::text, ''),
      coalesce(a.changes::text, ''), coalesce(a.request_id, ''), coalesce(a.ip, ''),
      coalesce(a.prev_hash, ''))
  $$;
  CREATE OR REPLACE FUNCTION tamper_old_hash(a audit_events) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(tamper_payload(a), 'UTF8')), 'hex')
  $$;
  CREATE OR REPLACE FUNCTION tamper_any_sha(a audit_events) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(row_to_json(a)::text, 'UTF8')), 'hex')
  $$;
  -- Re-chain every row from position "from_seq" on (up to "upto", when given) with the given
  -- hash function, keeping or dropping the key ids, and move the head: what "editing and
  -- re-chaining" is.
  CREATE OR REPLACE FUNCTION tamper_rechain(from_seq bigint, method text, unkeyed boolean,
                                            upto bigint DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE r audit_events; prev text; h text;
    BEGIN
      SELECT hash INTO prev FROM audit_events WHERE chain_seq = from_seq - 1;
      FOR r IN SELECT * FROM audit_events
                WHERE chain_seq >= from_seq AND (upto IS NULL OR chain_seq <= upto)
                ORDER BY chain_seq LOOP
        r.prev_hash := prev;
        IF unkeyed THEN r.key_id := NULL; END IF;
        h := CASE method WHEN 'old' THEN tamper_old_hash(r) ELSE tamper_any_sha(r) END;
        UPDATE audit_events SET prev_hash = prev, hash = h, key_id = r.key_id WHERE id = r.id;
        prev := h;
      END LOOP;
      IF upto IS NULL THEN
        UPDATE audit_chain_head SET hash = prev,
          key_id = (SELECT key_id FROM audit_events ORDER BY chain_seq DESC LIMIT 1);
      END IF;
    END $$;`;

describe('the audit chain against a database administrator (issue 19, finding 4)', () => {
  let api: TestApi;
  let storageDir: string;
  let cliEnv: Record<string, string>;

  /** As the superuser, with every trigger off (what the append-only guard cannot stop). */
  const asSuperuser = (fn: (m: EntityManager) => Promise<unknown>) =>
    api.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await fn(m);
    });

  const rowAt = async (seq: number) =>
    (
      (await api.db.query(
        `SELECT id::text, action, key_id, hash FROM audit_events WHERE chain_seq = $1`,
        [seq],
      )) as { id: string; action: string; key_id: string | null; hash: string }[]
    )[0];

  const lastSeq = async (): Promise<number> =>
    (await api.db.query(`SELECT max(chain_seq)::int AS n FROM audit_events`))[0].n;

  const verify = (options?: Parameters<AuditService['verify']>[0]) =>
    api.app.get(AuditService).verify(options);

  /** Anchors in this api's storage volume, as the worker and the CLI keep them. */
  const anchors = () =>
    new AuditAnchors(
      new FsBlobStore(storageDir),
      api.app.get(AuditService),
      api.app.get(AuditKeyring),
      api.db,
      api.clock,
    );

  beforeAll(async () => {
    api = await startApi({ as: 'coordinator', env: { AUDIT_HMAC_KEYS: K1 } });
    storageDir = process.env.STORAGE_DIR as string;
    cliEnv = { DATABASE_URL: api.dbUrl, AUDIT_HMAC_KEYS: K1, STORAGE_DIR: storageDir };
    // More than ten rows, so positions compared as text would be caught too.
    for (let i = 0; i < 12; i++) {
      const res = await api.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: `Chain Defender ${i}`, country: 'KE' },
      });
      expect(res.status).toBe(201);
    }
    await api.db.query(OLD_METHOD_SQL);
    // The untouched chain, put back after each attack.
    await api.db.query(`CREATE TABLE tamper_rows AS SELECT * FROM audit_events`);
    await api.db.query(`CREATE TABLE tamper_head AS SELECT * FROM audit_chain_head`);
  }, 60_000);

  afterAll(() => api?.close());

  afterEach(async () => {
    await asSuperuser(async (m) => {
      await m.query(`DELETE FROM audit_events`);
      await m.query(`INSERT INTO audit_events SELECT * FROM tamper_rows`);
      await m.query(
        `UPDATE audit_chain_head h SET seq = t.seq, hash = t.hash, key_id = t.key_id FROM tamper_head t`,
      );
    });
    rmSync(join(storageDir, ANCHOR_FOLDER), { recursive: true, force: true });
  });

  it('an untouched chain verifies: every row signed by the application with the key id', async () => {
    const rows = (await api.db.query(
      `SELECT chain_seq::int AS seq, key_id, hash FROM audit_events ORDER BY chain_seq`,
    )) as { seq: number; key_id: string; hash: string }[];
    expect(rows.length).toBeGreaterThan(12);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (const r of rows) {
      expect(r.key_id).toBe('k1');
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await verify()).toEqual({ ok: true, rows: rows.length, head: rows.at(-1)?.hash });
    // The database holds no key and no hashing function of the chain.
    const fns = await api.db.query(
      `SELECT proname FROM pg_proc WHERE proname LIKE 'witness_audit%' ORDER BY proname`,
    );
    expect(fns.map((f: { proname: string }) => f.proname)).toEqual([
      'witness_audit_head_guard',
      'witness_audit_link',
    ]);

    const anchored = await runCli(['audit:anchor'], cliEnv);
    expect({ code: anchored.code, stderr: anchored.stderr }).toEqual({ code: 0, stderr: '' });
    expect(anchored.stdout).toContain(`anchored chain position ${rows.length}`);
    const clean = await runCli(['audit:verify'], cliEnv);
    expect({ code: clean.code, stderr: clean.stderr }).toEqual({ code: 0, stderr: '' });
    expect(clean.stdout).toContain(`audit trail verified: ${rows.length} rows`);
    expect(clean.stdout).toContain('1 anchor(s) matched');
  }, 60_000);

  it.each([
    ['the old unkeyed method', 'old', false],
    ['a recomputed SHA-256', 'sha', false],
    ['the old method, posing as rows from before the HMAC chain', 'old', true],
  ])(
    'a row edited by SQL and every later row re-chained with %s fails at that row',
    async (_how, method, unkeyed) => {
      const target = await rowAt(5);
      await asSuperuser(async (m) => {
        await m.query(
          `UPDATE audit_events SET changes = '{"fullName":{"from":null,"to":"Someone Else"}}'
            WHERE chain_seq = 5`,
        );
        await m.query(`SELECT tamper_rechain(5, $1, $2)`, [method, unkeyed]);
      });
      // The links are whole again: only the key tells.
      const links = await api.db.query(
        `SELECT count(*)::int AS n FROM audit_events a JOIN audit_events p
            ON p.chain_seq = a.chain_seq - 1 WHERE a.prev_hash IS DISTINCT FROM p.hash`,
      );
      expect(links[0].n).toBe(0);
      expect(await verify()).toEqual({
        ok: false,
        chainSeq: '5',
        id: target.id,
        reason: unkeyed
          ? expect.stringMatching(/not signed although the HMAC chain began before it/)
          : 'content does not match its HMAC',
      });
      if (method === 'old' && !unkeyed) {
        const broken = await runCli(['audit:verify'], cliEnv);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toContain(`chain position 5 (row id ${target.id})`);
        expect(broken.stderr).toContain('does not match its HMAC');
      }
    },
    60_000,
  );

  it('the whole chain rewritten as unkeyed rows is caught by the anchor', async () => {
    const anchor = (await anchors().anchorNow({ force: true })).anchor as AuditAnchor;
    await asSuperuser((m) => m.query(`SELECT tamper_rechain(1, 'old', true)`));
    // Every row now poses as one from before the HMAC chain: none may (AUDIT_UNKEYED_ROWS=0).
    expect(await verify()).toEqual({
      ok: false,
      chainSeq: '1',
      id: (await rowAt(1)).id,
      reason: expect.stringMatching(/only the first 0 row\(s\) may predate the HMAC chain/),
    });
    const fooled = new AuditService(
      api.db,
      api.clock,
      AuditKeyring.parse(K1, Number(anchor.chainSeq)),
    );
    // And should an operator be talked into accepting them, the anchor still tells.
    expect(await fooled.verify()).toMatchObject({ ok: true, legacyRows: Number(anchor.chainSeq) });
    expect(await fooled.verify({ anchors: [anchor] })).toEqual({
      ok: false,
      chainSeq: anchor.chainSeq,
      id: (await rowAt(Number(anchor.chainSeq))).id,
      reason: expect.stringMatching(/does not match the anchor taken at/),
    });
  });

  it('deleting the tail is caught against the anchor (store and CLI)', async () => {
    const last = await lastSeq();
    const { anchor } = await anchors().anchorNow({ force: true });
    expect(anchor).toMatchObject({ chainSeq: String(last), keyId: 'k1' });
    // The anchor is a file in the storage volume, outside the database.
    const found = await anchors().list();
    expect(found).toEqual({ anchors: [anchor], unreadable: [] });
    const file = new FsBlobStore(storageDir).pathOf(anchorKey(anchor as AuditAnchor));
    expect(file).toMatch(
      new RegExp(
        `/${ANCHOR_FOLDER}/\\d{8}/${String(last).padStart(19, '0')}-\\d{8}t\\d{9}z\\.json$`,
      ),
    );
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(anchor);

    await asSuperuser(async (m) => {
      await m.query(`DELETE FROM audit_events WHERE chain_seq > $1`, [last - 3]);
      await m.query(
        `UPDATE audit_chain_head SET seq = a.chain_seq, hash = a.hash, key_id = a.key_id
           FROM audit_events a WHERE a.chain_seq = $1`,
        [last - 3],
      );
    });
    // What is left is a perfect chain: without the anchor nothing shows.
    expect(await verify()).toMatchObject({ ok: true, rows: last - 3 });
    expect(await verify({ anchors: found.anchors })).toEqual({
      ok: false,
      chainSeq: String(last - 2),
      id: null,
      reason: expect.stringMatching(
        new RegExp(
          `chain ends at position ${last - 3}, but the anchor taken at .* records position ${last}`,
        ),
      ),
    });
    const broken = await runCli(['audit:verify'], cliEnv);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`chain position ${last - 2} (row id none)`);
    expect(broken.stderr).toContain(`records position ${last}`);
    // New writes past the cut do not hide it: the anchored position now holds another row.
    while ((await lastSeq()) < last + 1) {
      await api.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'After The Cut', country: 'KE' },
      });
    }
    expect(await verify()).toMatchObject({ ok: true });
    expect(await verify({ anchors: found.anchors })).toMatchObject({
      ok: false,
      chainSeq: String(last),
      reason: expect.stringMatching(/does not match the anchor/),
    });
  }, 60_000);

  it('an anchor copied from the logs is checked too; a forged or damaged anchor fails', async () => {
    const { anchor } = await anchors().anchorNow({ force: true });
    const a = anchor as AuditAnchor;
    expect(await verify({ anchors: [a] })).toMatchObject({ ok: true, anchors: 1 });
    expect(await verify({ anchors: [{ ...a, chainSeq: '3' }] })).toEqual({
      ok: false,
      chainSeq: '3',
      id: null,
      reason: expect.stringMatching(/not genuine/),
    });
    // A log line of the worker, as shipped off the machine.
    const logFile = join(storageDir, 'anchors.log');
    writeFileSync(
      logFile,
      `${JSON.stringify({ level: 30, msg: 'audit chain anchored', auditAnchor: a })}\n`,
    );
    const fromLog = await runCli(['audit:verify', '--anchors-from', logFile], cliEnv);
    expect({ code: fromLog.code, stderr: fromLog.stderr }).toEqual({ code: 0, stderr: '' });
    expect(fromLog.stdout).toContain('2 anchor(s) matched');
    // A file in the anchors folder that is not an anchor is reported, not skipped.
    const store = new FsBlobStore(storageDir);
    const junk = Buffer.from('not json');
    await store.put(`${ANCHOR_FOLDER}/20260101/junk.json`, Readable.from([junk]), junk.length);
    const damaged = await runCli(['audit:verify'], cliEnv);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain(`${ANCHOR_FOLDER}/20260101/junk.json`);
  }, 60_000);

  it('a row inserted by SQL without the key is caught', async () => {
    const last = await lastSeq();
    const head = await rowAt(last);
    // The database itself refuses an unsigned row while its triggers are on.
    await expect(
      api.db.query(
        `INSERT INTO audit_events (chain_seq, at, actor_role, action, entity_type, prev_hash)
         VALUES ($1, now(), 'admin', 'defender.delete', 'defender', $2)`,
        [last + 1, head.hash],
      ),
    ).rejects.toThrow(/signed by the application/);
    // Behind the triggers' back: linked correctly, hashed the old way, with or without a key id.
    for (const keyId of [null, 'k1']) {
      await asSuperuser(async (m) => {
        await m.query(
          `INSERT INTO audit_events (chain_seq, at, actor_role, action, entity_type, key_id, prev_hash)
           VALUES ($1, now(), 'admin', 'defender.delete', 'defender', $2, $3)`,
          [last + 1, keyId, head.hash],
        );
        await m.query(`SELECT tamper_rechain($1, 'old', false)`, [last + 1]);
      });
      const forged = await rowAt(last + 1);
      expect(await verify()).toEqual({
        ok: false,
        chainSeq: String(last + 1),
        id: forged.id,
        reason: keyId
          ? 'content does not match its HMAC'
          : expect.stringMatching(/written without the key/),
      });
      await asSuperuser((m) => m.query(`DELETE FROM audit_events WHERE chain_seq > $1`, [last]));
    }
    // A hole in the sequence.
    await asSuperuser((m) => m.query(`DELETE FROM audit_events WHERE chain_seq = 4`));
    expect(await verify()).toMatchObject({
      ok: false,
      chainSeq: '5',
      reason: 'row(s) missing before chain position 5',
    });
  }, 60_000);

  it('the chain head is guarded like the rows (audit_events itself: authorization.e2e-spec)', async () => {
    await expect(api.db.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/exactly one row/);
    await expect(api.db.query(`TRUNCATE audit_chain_head`)).rejects.toThrow(/exactly one row/);
    await expect(
      api.db.query(`INSERT INTO audit_chain_head (id, seq) VALUES (1, 0)`),
    ).rejects.toThrow(/exactly one row/);
  });

  it('rotating the key: old rows verify with the old key id, new rows with the new', async () => {
    const rotated = AuditKeyring.parse(`k2:${KEY2},${K1}`);
    const after = new AuditService(api.db, api.clock, rotated);
    const first = (await lastSeq()) + 1;
    await api.db.transaction((m) =>
      after.recordMany(m, SYSTEM_ACTOR, [
        { action: 'test.rotated', entityType: 'test' },
        { action: 'test.rotated', entityType: 'test' },
      ]),
    );
    await after.record(null, SYSTEM_ACTOR, { action: 'test.rotated', entityType: 'test' });
    const ids = await api.db.query(
      `SELECT key_id, count(*)::int AS n FROM audit_events GROUP BY key_id ORDER BY key_id`,
    );
    expect(ids).toEqual([
      { key_id: 'k1', n: first - 1 },
      { key_id: 'k2', n: 3 },
    ]);
    expect(await after.verify()).toMatchObject({ ok: true, rows: first + 2 });
    const rotatedEnv = { ...cliEnv, AUDIT_HMAC_KEYS: `k2:${KEY2},${K1}` };
    const ok = await runCli(['audit:verify'], rotatedEnv);
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
    // Without the new key the new rows cannot be checked; without the old one, the old rows.
    expect(await verify()).toMatchObject({
      ok: false,
      chainSeq: String(first),
      reason: expect.stringMatching(/audit key "k2", which is not configured/),
    });
    const withoutOld = new AuditService(api.db, api.clock, AuditKeyring.parse(`k2:${KEY2}`));
    expect(await withoutOld.verify()).toMatchObject({
      ok: false,
      chainSeq: '1',
      reason: expect.stringMatching(/audit key "k1", which is not configured/),
    });
    // A row re-signed with a key the attacker made up is no better.
    const stranger = new AuditService(
      api.db,
      api.clock,
      AuditKeyring.parse(`k2:${randomBytes(32).toString('base64')}`),
    );
    await stranger.record(null, SYSTEM_ACTOR, { action: 'test.forged', entityType: 'test' });
    expect(await after.verify()).toMatchObject({
      ok: false,
      chainSeq: String(first + 3),
      reason: 'content does not match its HMAC',
    });
  }, 60_000);

  it('concurrent writers (separate pools, bulk and single) keep the chain gap-free and in order', async () => {
    const pools = await Promise.all(
      [1, 2].map(async () => {
        const ds = new DataSource(
          dataSourceOptions({ DATABASE_URL: api.dbUrl, DATABASE_POOL_SIZE: 5 }),
        );
        await ds.initialize();
        return ds;
      }),
    );
    try {
      const before = await lastSeq();
      const services = pools.map((ds) => new AuditService(ds, api.clock, AuditKeyring.parse(K1)));
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 60; i++) {
        const s = services[i % 2];
        writes.push(
          i % 10 === 0
            ? pools[i % 2].transaction((m) =>
                s.recordMany(
                  m,
                  SYSTEM_ACTOR,
                  Array.from({ length: 1500 }, (_, j) => ({
                    action: 'test.bulk',
                    entityType: 'test',
                    entityId: `${i}-${j}`,
                  })),
                ),
              )
            : s.record(null, SYSTEM_ACTOR, {
                action: 'test.one',
                entityType: 'test',
                entityId: `${i}`,
              }),
        );
      }
      await Promise.all(writes);
      const expected = before + 6 * 1500 + 54;
      const [{ n, max }] = await api.db.query(
        `SELECT count(*)::int AS n, max(chain_seq)::int AS max FROM audit_events`,
      );
      expect({ n, max }).toEqual({ n: expected, max: expected });
      expect(await verify()).toMatchObject({ ok: true, rows: expected });
      const [head] = await api.db.query(`SELECT seq::int AS seq FROM audit_chain_head`);
      expect(head.seq).toBe(expected);
    } finally {
      await Promise.all(pools.map((ds) => ds.destroy()));
    }
  }, 120_000);

  describe('the worker’s anchor job', () => {
    let worker: TestWorker;
    let queue: Queue;
    let events: QueueEvents;
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

    beforeAll(async () => {
      worker = await startWorker({
        dbUrl: api.dbUrl,
        queuePrefix: api.queuePrefix,
        clock: api.clock,
        env: { AUDIT_HMAC_KEYS: K1, AUDIT_ANCHOR_SECONDS: '3600', STORAGE_DIR: storageDir },
      });
      queue = new Queue(QueueName.Maintenance, {
        prefix: api.queuePrefix,
        connection: redisOptions(redisUrl),
      });
      events = new QueueEvents(QueueName.Maintenance, {
        prefix: api.queuePrefix,
        connection: redisOptions(redisUrl),
      });
      await events.waitUntilReady();
    }, 60_000);

    afterAll(async () => {
      await events?.close();
      await queue?.close();
      await worker?.close();
    });

    const runJob = async () => {
      const job = (await queue.add(MaintenanceJob.AuditAnchor, {})) as Job;
      return job.waitUntilFinished(events, 30_000) as Promise<{ pong: string }>;
    };

    it('is scheduled, anchors the head, and never vouches for a chain broken since', async () => {
      const scheduler = await queue.getJobScheduler('audit-anchor');
      expect(scheduler).toMatchObject({ every: 3_600_000, name: MaintenanceJob.AuditAnchor });
      const last = await lastSeq();
      // The scheduler's first run may have anchored already: either way, the head is anchored.
      expect([String(last), '']).toContain((await runJob()).pong);
      const seqs = async () => (await anchors().list()).anchors.map((a) => a.chainSeq).sort();
      expect(await seqs()).toContain(String(last));
      // Nothing new: no new anchor.
      const count = (await seqs()).length;
      expect(await runJob()).toEqual({ pong: '' });
      expect((await seqs()).length).toBe(count);
      // New rows: they are checked, and the new head anchored.
      await api.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'Anchored Later', country: 'KE' },
      });
      const later = await lastSeq();
      expect(await runJob()).toEqual({ pong: String(later) });
      // A row edited since the last anchor: no anchor, the last good one stands.
      await api.request({
        method: 'POST',
        url: '/api/v1/defenders',
        body: { fullName: 'Tampered Later', country: 'KE' },
      });
      await asSuperuser((m) =>
        m.query(`UPDATE audit_events SET action = 'defender.read' WHERE chain_seq = $1`, [
          later + 1,
        ]),
      );
      expect(await runJob()).toEqual({ pong: '' });
      expect(Math.max(...(await seqs()).map(Number))).toBe(later);
    }, 60_000);
  });

  it('anchors in an S3 bucket when storage is S3', async () => {
    const s3 = await startS3('witness-anchors');
    try {
      const a = new AuditAnchors(
        s3.raw,
        api.app.get(AuditService),
        api.app.get(AuditKeyring),
        api.db,
        api.clock,
      );
      const { anchor } = await a.anchorNow();
      expect(anchor).toMatchObject({ chainSeq: String(await lastSeq()) });
      expect(await s3.keys()).toEqual([expect.stringMatching(new RegExp(`^${ANCHOR_FOLDER}/`))]);
      expect(await a.list()).toEqual({ anchors: [anchor], unreadable: [] });
      expect(await a.latest()).toEqual(anchor);
      expect(existsSync(join(storageDir, ANCHOR_FOLDER))).toBe(false);
    } finally {
      await s3.close();
    }
  }, 60_000);
});

describe('upgrading a database whose audit rows predate the HMAC chain', () => {
  const name = `witness_t_upg_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = urlFor(name);
  let ds: DataSource;
  const clock = new ManualClock(new Date('2026-06-15T10:00:00Z'));
  // The operator sets AUDIT_UNKEYED_ROWS to the number of old rows after upgrading.
  const keys = AuditKeyring.parse(K1, 15);

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    // The schema as it was before the HMAC chain, with rows chained the old way.
    const before = readdirSync(join(__dirname, '..', '..', 'migrations'))
      .filter((f) => /^\d+-.+\.ts$/.test(f) && f < '1795930000000')
      .map((f) => join(__dirname, '..', '..', 'migrations', f));
    const old = new DataSource(
      dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }, { migrations: before }),
    );
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    for (let i = 0; i < 15; i++)
      await old.query(
        `INSERT INTO audit_events (at, actor_role, action, entity_type, entity_id, changes)
         VALUES (now(), 'coordinator', 'defender.update', 'defender', $1, $2)`,
        [`d${i}`, JSON.stringify({ status: { from: 'detained', to: `x${i}` } })],
      );
    await old.destroy();
    await migrate(url);
    ds = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 3 }));
    await ds.initialize();
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('keeps the old rows, seals them with the first signed row, and catches later edits', async () => {
    const audit = new AuditService(ds, clock, keys);
    const [head] = await ds.query(`SELECT seq::int AS seq, hash, key_id FROM audit_chain_head`);
    expect(head).toMatchObject({ seq: 15, key_id: null });
    // Before the seal: the unkeyed chain verifies by its own (weak) hash, once accepted.
    expect(await audit.verify()).toEqual({ ok: true, rows: 15, head: head.hash, legacyRows: 15 });
    const unaccepted = new AuditService(ds, clock, AuditKeyring.parse(K1));
    expect(await unaccepted.verify()).toMatchObject({
      ok: false,
      chainSeq: '1',
      reason: expect.stringMatching(/AUDIT_UNKEYED_ROWS/),
    });
    expect(await unaccepted.unkeyedPrefix()).toBe(15);

    // The worker's first anchor seals them, then anchors the seal.
    const storage = mkdtempSync(join(tmpdir(), 'witness-anchors-'));
    try {
      const anchors = new AuditAnchors(new FsBlobStore(storage), audit, keys, ds, clock);
      const { anchor } = await anchors.anchorNow();
      expect(anchor).toMatchObject({ chainSeq: '16' });
      const [seal] = await ds.query(
        `SELECT action, actor_role, key_id, prev_hash, changes FROM audit_events WHERE chain_seq = 16`,
      );
      expect(seal).toEqual({
        action: 'audit.chain_sealed',
        actor_role: 'system',
        key_id: 'k1',
        prev_hash: head.hash,
        changes: { unkeyedRows: '15', unkeyedHead: head.hash },
      });
      expect(await audit.sealLegacy()).toBe(false);
      await audit.record(null, SYSTEM_ACTOR, { action: 'test.after', entityType: 'test' });
      expect(await audit.verify({ anchors: [anchor as AuditAnchor] })).toMatchObject({
        ok: true,
        rows: 17,
        legacyRows: 15,
        anchors: 1,
      });

      // An old row edited and the old rows re-chained the old way, after the seal: the seal
      // no longer links to them.
      await ds.query(OLD_METHOD_SQL);
      const superuser = (sql: string) =>
        ds.transaction(async (m) => {
          await m.query(`SET LOCAL session_replication_role = replica`);
          await m.query(sql);
        });
      await superuser(`UPDATE audit_events SET entity_id = 'other' WHERE chain_seq = 3`);
      await superuser(`SELECT tamper_rechain(3, 'old', true, 15)`);
      const sealId = (await ds.query(`SELECT id::text FROM audit_events WHERE chain_seq = 16`))[0]
        .id;
      expect(await audit.verify()).toEqual({
        ok: false,
        chainSeq: '16',
        id: sealId,
        reason: 'link to the previous row is broken',
      });
      // Moving the seal's link breaks its HMAC; re-chaining everything after it as unkeyed
      // rows makes more of them than AUDIT_UNKEYED_ROWS accepts (and the anchor disagrees).
      await superuser(
        `UPDATE audit_events SET prev_hash = (SELECT hash FROM audit_events WHERE chain_seq = 15)
          WHERE chain_seq = 16`,
      );
      expect(await audit.verify()).toMatchObject({
        ok: false,
        chainSeq: '16',
        reason: 'content does not match its HMAC',
      });
      await superuser(`SELECT tamper_rechain(16, 'old', true)`);
      expect(await audit.verify({ anchors: [anchor as AuditAnchor] })).toMatchObject({
        ok: false,
        chainSeq: '16',
        reason: expect.stringMatching(/only the first 15 row\(s\) may predate/),
      });
      const lenient = new AuditService(ds, clock, AuditKeyring.parse(K1, 17));
      expect(await lenient.verify({ anchors: [anchor as AuditAnchor] })).toMatchObject({
        ok: false,
        chainSeq: '16',
        reason: expect.stringMatching(/does not match the anchor/),
      });
    } finally {
      rmSync(storage, { recursive: true, force: true });
    }
  }, 60_000);
});
