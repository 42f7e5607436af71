import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { ENCRYPTED_COLUMNS } from '@witness/domain';
import {
  AuditService,
  CryptoModule,
  DEVELOPMENT_KEYRING,
  FieldCipher,
  validateEnv,
} from '@witness/platform';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from './support/api';
import { runCli } from './support/cli';
import { multipart, pdf, postMultipart } from './support/files';
import { createUser, type TestUser } from './support/users';

const D = '/api/v1/defenders';
const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');

/**
 * Key rotation: data written under key `a`, then `npm run cli -- keys:rotate` with `b` in front
 * re-encrypts every sensitive value under `b`, readable with `b` alone.
 */
describe('encryption keys: rotation and production refusal', () => {
  let api: TestApi;
  let caseworker: TestUser;
  const defenders: { id: string; contacts: unknown[]; notes: string; version: number }[] = [];
  let eventId: string;
  let mfaSecret: string;
  let documentId: string;
  let webhookSecret: string;

  beforeAll(async () => {
    api = await startApi({
      env: {
        WITNESS_ENCRYPTION_KEYS: `a:${KEY_A}`,
        STORAGE_DIR: mkdtempSync(join(tmpdir(), 'witness-keys-')),
      },
    });
    caseworker = await createUser(api, 'caseworker');
    for (let i = 0; i < 3; i++) {
      const contacts = [
        { name: `Relative ${i} Nadia`, relation: 'family', phone: `+20 100 555 01${i}${i}` },
      ];
      const notes = `Confidential note number ${i}`;
      const res = await caseworker.request({
        method: 'POST',
        url: D,
        body: {
          fullName: `Keyed Defender ${i}`,
          country: 'EG',
          contacts,
          confidentialNotes: notes,
        },
      });
      expect(res.status).toBe(201);
      defenders.push({ id: res.body.id, contacts, notes, version: res.body.version });
    }
    const ev = await caseworker.request({
      method: 'POST',
      url: `${D}/${defenders[0].id}/events`,
      body: {
        type: 'arrest',
        occurredOn: '2026-01-10',
        sourceIdentity: 'A prison guard, via cousin',
      },
    });
    expect(ev.status).toBe(201);
    eventId = ev.body.id;
    const enrol = await caseworker.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' });
    expect(enrol.status).toBe(200);
    mfaSecret = enrol.body.secret;
    // A document: its source identity and its file's data key are wrapped by the keyring.
    const doc = await postMultipart(
      api,
      `${D}/${defenders[0].id}/documents`,
      caseworker.token,
      multipart(
        { title: 'Arrest warrant', kind: 'warrant', sourceIdentity: 'A clerk at the court' },
        [{ name: 'warrant.pdf', content: pdf() }],
      ),
    );
    expect(doc.status).toBe(201);
    documentId = doc.body.id;
    // A webhook's signing secret: its row is keyed by the user, not by an id of its own.
    const prefs = await caseworker.request({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      body: { channels: ['webhook'], webhookUrl: 'https://hooks.example.org/witness' },
    });
    expect(prefs.status).toBe(200);
    webhookSecret = prefs.body.webhookSecret;
    expect(webhookSecret).toBeTruthy();
  });
  afterAll(() => api.close());

  /** Every `*_enc` column of the schema, with its non-null values. */
  const encryptedValues = async (): Promise<Record<string, string[]>> => {
    const cols: { table_name: string; column_name: string }[] = await api.db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name LIKE '%\\_enc' ORDER BY 1, 2`,
    );
    const out: Record<string, string[]> = {};
    for (const { table_name, column_name } of cols) {
      const rows: { v: string }[] = await api.db.query(
        `SELECT "${column_name}" AS v FROM "${table_name}" WHERE "${column_name}" IS NOT NULL`,
      );
      out[`${table_name}.${column_name}`] = rows.map((r) => r.v);
    }
    return out;
  };

  it('the registry of encrypted columns names every `*_enc` column of the schema, and only those', async () => {
    const inSchema = Object.keys(await encryptedValues());
    const registered = ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`);
    expect({ notRegistered: inSchema.filter((c) => !registered.includes(c)) }).toEqual({
      notRegistered: [],
    });
    expect({ notInSchema: registered.filter((c) => !inSchema.includes(c)) }).toEqual({
      notInSchema: [],
    });
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('each registered column is its entity property, never loaded unless asked for', () => {
    const ds = api.app.get(DataSource);
    for (const c of ENCRYPTED_COLUMNS) {
      const entity = ds.entityMetadatas.find((m) => m.tableName === c.table);
      const mapped = entity?.columns.find((col) => col.databaseName === c.column);
      expect({ c, property: mapped?.propertyName, select: mapped?.isSelect }).toEqual({
        c,
        property: c.property,
        select: false,
      });
      expect(entity?.columns.some((col) => col.databaseName === c.idColumn)).toBe(true);
    }
  });

  it('keys:rotate re-encrypts everything under the new active key, readable with it alone', async () => {
    const before = await encryptedValues();
    const all = Object.values(before).flat();
    expect(all.length).toBe(3 + 3 + 1 + 1 + 2 + 1);
    for (const v of all) expect(v).toMatch(/^v1\.a\./);

    const env = { DATABASE_URL: api.dbUrl, WITNESS_ENCRYPTION_KEYS: `b:${KEY_B},a:${KEY_A}` };
    const run = await runCli(['keys:rotate'], env);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain('defenders.contacts_enc: 3 re-encrypted');
    expect(run.stdout).toContain('defenders.confidential_notes_enc: 3 re-encrypted');
    expect(run.stdout).toContain('detention_events.source_identity_enc: 1 re-encrypted');
    expect(run.stdout).toContain('users.mfa_secret_enc: 1 re-encrypted');
    expect(run.stdout).toContain('notification_preferences.webhook_secret_enc: 1 re-encrypted');

    const after = await encryptedValues();
    for (const [col, values] of Object.entries(after)) {
      expect({ col, n: values.length }).toEqual({ col, n: before[col].length });
      for (const v of values)
        expect({ col, v }).toEqual({ col, v: expect.stringMatching(/^v1\.b\./) });
    }

    // Key b alone reads every value back, bound to its record.
    const onlyB = new FieldCipher([{ id: 'b', key: Buffer.from(KEY_B, 'base64') }]);
    const onlyA = new FieldCipher([{ id: 'a', key: Buffer.from(KEY_A, 'base64') }]);
    for (const d of defenders) {
      const [row] = await api.db.query(
        `SELECT contacts_enc, confidential_notes_enc, version FROM defenders WHERE id = $1`,
        [d.id],
      );
      expect(onlyB.decryptJson(row.contacts_enc, `defenders.contacts:${d.id}`)).toEqual(d.contacts);
      expect(
        onlyB.decrypt(row.confidential_notes_enc, `defenders.confidential_notes:${d.id}`),
      ).toBe(d.notes);
      expect(() => onlyA.decrypt(row.contacts_enc, `defenders.contacts:${d.id}`)).toThrow(/"b"/);
      // Rotation changes no content, so no version.
      expect(row.version).toBe(d.version);
    }
    const [ev] = await api.db.query(
      `SELECT source_identity_enc FROM detention_events WHERE id = $1`,
      [eventId],
    );
    expect(
      onlyB.decrypt(ev.source_identity_enc, `detention_events.source_identity:${eventId}`),
    ).toBe('A prison guard, via cousin');
    const [user] = await api.db.query(`SELECT mfa_secret_enc FROM users WHERE id = $1`, [
      caseworker.id,
    ]);
    expect(onlyB.decrypt(user.mfa_secret_enc, `users.mfa_secret:${caseworker.id}`)).toBe(mfaSecret);
    const [hook] = await api.db.query(
      `SELECT webhook_secret_enc FROM notification_preferences WHERE user_id = $1`,
      [caseworker.id],
    );
    expect(
      onlyB.decrypt(
        hook.webhook_secret_enc,
        `notification_preferences.webhook_secret:${caseworker.id}`,
      ),
    ).toBe(webhookSecret);
    const [document] = await api.db.query(
      `SELECT d.source_identity_enc, v.id AS version_id, v.data_key_enc
         FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.id = $1`,
      [documentId],
    );
    expect(
      onlyB.decrypt(document.source_identity_enc, `documents.source_identity:${documentId}`),
    ).toBe('A clerk at the court');
    // The file's data key unwraps with b alone (the file itself needs no rewriting).
    expect(() =>
      onlyB.decrypt(document.data_key_enc, `document_versions.data_key:${document.version_id}`),
    ).not.toThrow();

    // Recorded in the (still intact) audit trail.
    const [audit] = await api.db.query(
      `SELECT actor_id, actor_role, entity_id, changes FROM audit_events WHERE action = 'keys.rotate'`,
    );
    expect(audit).toMatchObject({ actor_id: null, actor_role: 'system', entity_id: 'b' });
    expect(audit.changes).toMatchObject({ 'defenders.contacts_enc': 3 });
    expect(await api.app.get(AuditService).verify()).toMatchObject({ ok: true });

    // Running it again finds nothing left to do.
    const again = await runCli(['keys:rotate'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('defenders.contacts_enc: 0 re-encrypted');
  }, 90_000);

  describe('configuration', () => {
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/witness' };

    it('refuses to start in production without encryption keys, naming the variable', () => {
      expect(() => validateEnv({ ...base, NODE_ENV: 'production' })).toThrow(
        /WITNESS_ENCRYPTION_KEYS/,
      );
      expect(() =>
        validateEnv({ ...base, NODE_ENV: 'production', WITNESS_ENCRYPTION_KEYS: 'a:tooshort' }),
      ).toThrow(/WITNESS_ENCRYPTION_KEYS/);
      expect(
        validateEnv({
          ...base,
          NODE_ENV: 'production',
          WITNESS_ENCRYPTION_KEYS: `a:${KEY_A}`,
          AUDIT_HMAC_KEYS: `audit:${KEY_B}`,
        }).WITNESS_ENCRYPTION_KEYS,
      ).toBe(`a:${KEY_A}`);
      // Development and test fall back to the development key.
      for (const NODE_ENV of ['development', 'test']) {
        expect(validateEnv({ ...base, NODE_ENV }).WITNESS_ENCRYPTION_KEYS).toBeUndefined();
      }
    });

    /** Build the FieldCipher as the apps do, from a given configuration. */
    const cipherFor = async (env: Record<string, string | undefined>): Promise<FieldCipher> => {
      @Global()
      @Module({
        providers: [{ provide: ConfigService, useValue: new ConfigService(env) }],
        exports: [ConfigService],
      })
      class FixedConfigModule {}
      const moduleRef = await Test.createTestingModule({
        imports: [FixedConfigModule, CryptoModule],
      }).compile();
      return moduleRef.get(FieldCipher);
    };

    it('refuses the public development key in production', async () => {
      await expect(
        cipherFor({ NODE_ENV: 'production', WITNESS_ENCRYPTION_KEYS: DEVELOPMENT_KEYRING }),
      ).rejects.toThrow(/development key/);
      await expect(
        cipherFor({
          NODE_ENV: 'production',
          WITNESS_ENCRYPTION_KEYS: `new:${KEY_A},${DEVELOPMENT_KEYRING}`,
        }),
      ).rejects.toThrow(/development key/);
      expect(
        (await cipherFor({ NODE_ENV: 'production', WITNESS_ENCRYPTION_KEYS: `a:${KEY_A}` }))
          .activeKeyId,
      ).toBe('a');
    });
  });
});
