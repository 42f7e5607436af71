import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { cipherContext, ENCRYPTED_COLUMNS } from '@witness/domain';
import {
  BackupError,
  createBackup,
  DEVELOPMENT_KEYRING,
  FieldCipher,
  inspectDatabase,
  manifestPathFor,
  parseKeyring,
  restoreBackup,
  type BackupManifest,
  type BackupResult,
} from '@witness/platform';
import { startApi, type TestApi } from './support/api';
import { runCli } from './support/cli';
import { admin, urlFor } from './support/database';
import { createStaff, TEST_PASSWORD, type TestUser } from './support/users';
import { deleteKeys } from './support/worker';

/**
 * Backups: `npm run backup` takes a consistent dump and manifest while the api keeps writing,
 * `npm run restore` puts it into an empty database and proves it against the manifest, and
 * the restored database serves the api. Damaged dumps, wrong manifests and non-empty targets
 * are refused.
 */
describe('backup and restore', () => {
  let api: TestApi;
  let staff: Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;
  let dir: string;
  let backup: BackupResult;
  const created: string[] = [];
  const databases: string[] = [];

  /** The name of a new database for this file (global setup drops leftovers `witness_t_*`). */
  const newDatabase = (): { name: string; url: string } => {
    const name = `witness_t_${process.pid}_bk${randomBytes(3).toString('hex')}`;
    databases.push(name);
    return { name, url: urlFor(name) };
  };
  const exists = async (name: string): Promise<boolean> =>
    (await admin((c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])))
      .rowCount === 1;
  const query = async <T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> => {
    const { Client } = await import('pg');
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const cliEnv = () => ({ DATABASE_URL: api.dbUrl });
  /** Sensitive values written before the backup, as they were sent (and must never be dumped). */
  const secrets: { mfa: string; webhook: string; partnerId: string; contactName: string } = {
    mfa: '',
    webhook: '',
    partnerId: '',
    contactName: 'Wanjiru Backup-Contact',
  };

  beforeAll(async () => {
    api = await startApi();
    staff = await createStaff(api);
    dir = await mkdtemp(join(tmpdir(), 'witness-backup-'));
    // Values of encrypted columns (outside the defenders table, whose count the load test reads).
    const enrol = await staff.caseworker.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' });
    expect(enrol.status).toBe(200);
    secrets.mfa = enrol.body.secret;
    const prefs = await staff.caseworker.request({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      body: { channels: ['webhook'], webhookUrl: 'https://hooks.example.org/backup' },
    });
    expect(prefs.status).toBe(200);
    secrets.webhook = prefs.body.webhookSecret;
    const partner = await staff.coordinator.request({
      method: 'POST',
      url: '/api/v1/partners',
      body: {
        name: 'Backup Partners Guild',
        country: 'ke',
        kind: 'member',
        contactPerson: { name: secrets.contactName, email: 'wanjiru.backup@example.org' },
      },
    });
    expect(partner.status).toBe(201);
    secrets.partnerId = partner.body.id;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await admin(async (c) => {
      for (const name of databases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('under write load', () => {
    /** Records committed before the backup began (their 201 had arrived). */
    let before: { defenders: string[]; events: string[] };
    let afterBackup: string[];

    it('takes a backup in one snapshot while the api keeps writing', async () => {
      let stop = false;
      const defenders: string[] = [];
      const events: string[] = [];
      const failures: string[] = [];
      const waiters: { n: number; resolve: () => void }[] = [];
      const committed = (id: string) => {
        defenders.push(id);
        for (const w of waiters.filter((x) => defenders.length >= x.n)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      };
      const reached = (n: number) =>
        new Promise<void>((resolve) =>
          defenders.length >= n ? resolve() : waiters.push({ n, resolve }),
        );
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const d = await staff.coordinator.request({
            method: 'POST',
            url: '/api/v1/defenders',
            body: { fullName: `Load Writer ${w}-${i}`, country: 'EG' },
          });
          if (d.status !== 201) {
            failures.push(`defender ${d.status}`);
            continue;
          }
          const e = await staff.coordinator.request({
            method: 'POST',
            url: `/api/v1/defenders/${d.body.id}/events`,
            body: { type: 'hearing', occurredOn: '2026-02-01' },
          });
          if (e.status === 201) events.push(e.body.id);
          else failures.push(`event ${e.status}`);
          committed(d.body.id);
        }
      };
      const writers = [1, 2, 3, 4].map(writer);

      await reached(20);
      before = { defenders: [...defenders], events: [...events] };
      let duringDump = 0;
      backup = await createBackup({
        databaseUrl: api.dbUrl,
        dir,
        onSnapshot: async () => {
          // Writes go on once the snapshot is taken, before and while pg_dump runs.
          const at = defenders.length;
          await reached(at + 10);
          duringDump = defenders.length - at;
        },
      });
      await reached(defenders.length + 5);
      stop = true;
      await Promise.all(writers);
      afterBackup = defenders.slice(before.defenders.length);
      expect(failures).toEqual([]);
      expect(duringDump).toBeGreaterThanOrEqual(10);

      const m = backup.manifest;
      expect(backup.dumpPath).toMatch(/witness-\d{8}T\d{6}Z\.dump$/);
      expect(backup.manifestPath).toBe(manifestPathFor(backup.dumpPath));
      expect(JSON.parse(await readFile(backup.manifestPath, 'utf8'))).toEqual(m);
      // pg_dump's custom format starts with PGDMP.
      expect((await readFile(backup.dumpPath)).subarray(0, 5).toString('latin1')).toBe('PGDMP');
      expect(m.dump.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.migration.last).toMatch(/^\w+\d{13}$/);
      expect(m.serverVersion).toMatch(/^\d+/);
      // The snapshot holds at least what was committed before, and not what came after.
      expect(m.tables.defenders).toBeGreaterThanOrEqual(before.defenders.length);
      expect(m.tables.defenders).toBeLessThan(before.defenders.length + afterBackup.length);
      const [live] = await query<{ n: number; head: string }>(
        api.dbUrl,
        `SELECT (SELECT count(*)::int FROM defenders) AS n,
                (SELECT hash FROM audit_events ORDER BY chain_seq DESC LIMIT 1) AS head`,
      );
      expect(live.n).toBe(before.defenders.length + afterBackup.length);
      expect(m.audit.head).not.toBe(live.head);
      // The head recorded is a row of the chain at the position the count says.
      const [row] = await query<{ chain_seq: string }>(
        api.dbUrl,
        `SELECT chain_seq::text FROM audit_events WHERE hash = $1`,
        [m.audit.head],
      );
      expect(Number(row.chain_seq)).toBe(m.audit.rows);
    }, 120_000);

    it('restores into an empty database with `npm run restore`, verified against the manifest', async () => {
      const target = newDatabase();
      const res = await runCli(
        ['restore', backup.dumpPath, '--database-url', target.url],
        cliEnv(),
      );
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`into ${target.name}`);
      expect(res.stdout).toContain(`audit chain verified (${backup.manifest.audit.rows} rows`);

      // Everything committed before the backup began is there.
      const restored = await query<{ id: string }>(target.url, `SELECT id FROM defenders`);
      const ids = new Set(restored.map((r) => r.id));
      expect(before.defenders.filter((id) => !ids.has(id))).toEqual([]);
      const restoredEvents = new Set(
        (await query<{ id: string }>(target.url, `SELECT id FROM detention_events`)).map(
          (r) => r.id,
        ),
      );
      expect(before.events.filter((id) => !restoredEvents.has(id))).toEqual([]);
      expect(restored.length).toBe(backup.manifest.tables.defenders);
      // What was committed once the backup had returned is not.
      expect(ids.has(afterBackup[afterBackup.length - 1])).toBe(false);

      const found = await inspectDatabase(target.url);
      expect(found.audit).toEqual({
        ok: true,
        rows: backup.manifest.audit.rows,
        head: backup.manifest.audit.head,
      });
      expect(found.tables).toEqual(backup.manifest.tables);
      created.push(target.url);
    }, 120_000);

    it('the dump holds every encrypted column as ciphertext only, bound to its record', async () => {
      // The whole dump as SQL text: none of the sensitive values appears in it.
      const { stdout: sql } = await promisify(execFile)(
        'pg_restore',
        ['--file', '-', backup.dumpPath],
        { maxBuffer: 256 * 1024 * 1024 },
      );
      expect(sql).toContain('COPY public.partners');
      for (const secret of [secrets.mfa, secrets.webhook, 'Backup-Contact', 'wanjiru.backup']) {
        expect({ secret, dumped: sql.includes(secret) }).toEqual({ secret, dumped: false });
      }
      // Every registered column came back, each value in the cipher's format under the key.
      const restored = created[0];
      const values: Record<string, number> = {};
      for (const c of ENCRYPTED_COLUMNS) {
        const rows = await query<{ v: string }>(
          restored,
          `SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.column} IS NOT NULL`,
        );
        values[`${c.table}.${c.column}`] = rows.length;
        for (const { v } of rows) {
          expect({ c: c.column, v }).toEqual({
            c: c.column,
            v: expect.stringMatching(/^v1\.dev\.[A-Za-z0-9_-]+$/),
          });
        }
      }
      expect(values).toMatchObject({
        'users.mfa_secret_enc': 1,
        'notification_preferences.webhook_secret_enc': 1,
        'partners.contact_person_enc': 1,
      });
      // And they still decrypt, each with its record's associated data.
      const cipher = new FieldCipher(parseKeyring(DEVELOPMENT_KEYRING));
      const [row] = await query<{ mfa: string; hook: string }>(
        restored,
        `SELECT u.mfa_secret_enc AS mfa, p.webhook_secret_enc AS hook
           FROM users u JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
        [staff.caseworker.id],
      );
      expect(
        cipher.decrypt(row.mfa, cipherContext('users', 'mfaSecretEnc', staff.caseworker.id)),
      ).toBe(secrets.mfa);
      expect(
        cipher.decrypt(
          row.hook,
          cipherContext('notification_preferences', 'webhookSecretEnc', staff.caseworker.id),
        ),
      ).toBe(secrets.webhook);
      const [partner] = await query<{ v: string }>(
        restored,
        `SELECT contact_person_enc AS v FROM partners WHERE id = $1`,
        [secrets.partnerId],
      );
      expect(
        cipher.decryptJson(
          partner.v,
          cipherContext('partners', 'contactPersonEnc', secrets.partnerId),
        ),
      ).toMatchObject({ name: secrets.contactName });
    }, 60_000);

    it('the restored database serves the api: sign-in, reads, new writes extend the audit chain', async () => {
      const url = created[0];
      const prefix = `t${randomBytes(4).toString('hex')}`;
      Object.assign(process.env, { DATABASE_URL: url, QUEUE_PREFIX: prefix });
      let app: NestFastifyApplication | undefined;
      try {
        // A fresh module registry: the api's configuration is read when its module loads.
        await jest.isolateModulesAsync(async () => {
          const { createApiApp } = await import('../apps/api/src/app.factory');
          // The Clock token of this registry, not the file's.
          const platform = await import('@witness/platform');
          app = await createApiApp((b) =>
            b
              .overrideProvider(platform.Clock)
              .useValue(new platform.ManualClock(new Date('2026-06-16T10:00:00Z'))),
          );
          await app.getHttpAdapter().getInstance().ready();
        });
        const http = app as NestFastifyApplication;
        // Users and their password hashes came back with the rest.
        const login = await http.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: staff.coordinator.email, password: TEST_PASSWORD },
        });
        expect(login.statusCode).toBe(200);
        const auth = { authorization: `Bearer ${JSON.parse(login.body).token}` };
        const read = await http.inject({
          method: 'GET',
          url: `/api/v1/defenders/${before.defenders[0]}`,
          headers: auth,
        });
        expect(read.statusCode).toBe(200);
        expect(JSON.parse(read.body).id).toBe(before.defenders[0]);
        const write = await http.inject({
          method: 'POST',
          url: '/api/v1/defenders',
          headers: auth,
          payload: { fullName: 'Written After Restore', country: 'EG' },
        });
        expect(write.statusCode).toBe(201);
      } finally {
        await app?.close();
        await deleteKeys(prefix);
        Object.assign(process.env, { DATABASE_URL: api.dbUrl, QUEUE_PREFIX: api.queuePrefix });
      }
      // The chain continues from the restored head and still verifies end to end.
      const found = await inspectDatabase(url);
      expect(found.audit.ok).toBe(true);
      expect(found.audit.rows).toBeGreaterThan(backup.manifest.audit.rows);
      const [next] = await query<{ prev_hash: string }>(
        url,
        `SELECT prev_hash FROM audit_events WHERE chain_seq = $1`,
        [backup.manifest.audit.rows + 1],
      );
      expect(next.prev_hash).toBe(backup.manifest.audit.head);
    }, 120_000);
  });

  describe('refusals', () => {
    /** A copy of the backup (dump and manifest) under a new name, to damage. */
    const copyBackup = async (edit?: {
      dump?: (b: Buffer) => void;
      manifest?: (m: BackupManifest) => void;
    }): Promise<string> => {
      const dump = join(dir, `copy-${randomBytes(3).toString('hex')}.dump`);
      const bytes = await readFile(backup.dumpPath);
      edit?.dump?.(bytes);
      await writeFile(dump, bytes);
      const manifest = JSON.parse(await readFile(backup.manifestPath, 'utf8')) as BackupManifest;
      edit?.manifest?.(manifest);
      await writeFile(manifestPathFor(dump), JSON.stringify(manifest));
      return dump;
    };

    it('refuses a database that is not empty, and leaves it as it was', async () => {
      const [{ n }] = await query<{ n: number }>(
        api.dbUrl,
        `SELECT count(*)::int AS n FROM defenders`,
      );
      const err = await restoreBackup({ dumpPath: backup.dumpPath, databaseUrl: api.dbUrl }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BackupError);
      expect((err as Error).message).toMatch(/is not empty/);
      const [after] = await query<{ n: number }>(
        api.dbUrl,
        `SELECT count(*)::int AS n FROM defenders`,
      );
      expect(after.n).toBe(n);
    });

    it('refuses a damaged dump by its checksum before touching any database', async () => {
      const dump = await copyBackup({
        dump: (b) => {
          // Flip a few bytes in the middle (compressed table data), keeping the size.
          for (let i = 0; i < 4; i++) b[Math.floor(b.length / 2) + i] ^= 0xff;
        },
      });
      const target = newDatabase();
      await expect(restoreBackup({ dumpPath: dump, databaseUrl: target.url })).rejects.toThrow(
        /does not match its manifest \(SHA-256\)/,
      );
      expect(await exists(target.name)).toBe(false);

      // A truncated dump: refused on its size.
      const short = await copyBackup();
      await writeFile(short, (await readFile(short)).subarray(0, 1000));
      await expect(restoreBackup({ dumpPath: short, databaseUrl: target.url })).rejects.toThrow(
        /has 1000 bytes, the manifest says/,
      );
      // No manifest beside it: refused.
      const alone = join(dir, 'alone.dump');
      await copyFile(backup.dumpPath, alone);
      await expect(restoreBackup({ dumpPath: alone, databaseUrl: target.url })).rejects.toThrow(
        /cannot read the manifest/,
      );
      expect(await exists(target.name)).toBe(false);
    });

    it('fails verification (exit 1, naming what differs) when the manifest does not match', async () => {
      const dump = await copyBackup({
        manifest: (m) => {
          m.tables.defenders += 1;
          m.audit.head = 'f'.repeat(64);
        },
      });
      const target = newDatabase();
      const res = await runCli(['restore', dump, '--database-url', target.url], cliEnv());
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('does NOT match');
      expect(res.stderr).toContain(
        `table defenders: ${backup.manifest.tables.defenders} rows, the manifest says ${backup.manifest.tables.defenders + 1}`,
      );
      expect(res.stderr).toContain(
        `audit chain head ${backup.manifest.audit.head} is not the manifest's`,
      );
      // Nothing about the cases themselves is ever printed.
      expect(res.stderr + res.stdout).not.toContain('Load Writer');
    }, 120_000);

    it('`npm run backup` writes into BACKUP_DIR and never overwrites', async () => {
      const out = join(dir, 'cli');
      const res = await runCli(['backup'], { ...cliEnv(), BACKUP_DIR: out });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const dump = /backup written: (\S+\.dump) /.exec(res.stdout)?.[1] as string;
      expect(dump.startsWith(out)).toBe(true);
      const manifest = JSON.parse(await readFile(manifestPathFor(dump), 'utf8')) as BackupManifest;
      const [{ n }] = await query<{ n: number }>(
        api.dbUrl,
        `SELECT count(*)::int AS n FROM defenders`,
      );
      expect(manifest.tables.defenders).toBe(n);
      expect(res.stdout).toContain(`sha256 ${manifest.dump.sha256}`);
      // The same second again (the file name is the snapshot time): refused, nothing lost.
      await expect(
        createBackup({ databaseUrl: api.dbUrl, dir: out, now: new Date(manifest.createdAt) }),
      ).rejects.toThrow(/already exists/);
      expect(JSON.parse(await readFile(manifestPathFor(dump), 'utf8'))).toEqual(manifest);
    }, 120_000);
  });
});
