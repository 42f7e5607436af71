import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Env, validateEnv } from './env';
import { SECRET_SETTINGS } from './secret-files';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('secret settings from files (NAME_FILE)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'witness-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A secret file as Docker mounts one: owner (and group) only. */
  const secret = (name: string, content: string, mode = 0o600): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    chmodSync(path, mode);
    return path;
  };

  it('reads every secret setting from its file, dropping the trailing newline', () => {
    const env = validateEnv({
      DATABASE_URL_FILE: secret('db', 'postgres://app:s3cret@db.internal:5432/witness\n'),
      MIGRATIONS_DATABASE_URL_FILE: secret('owner', 'postgres://owner:o@db.internal/witness'),
      REDIS_URL_FILE: secret('redis', 'redis://:r@redis.internal:6379/0\r\n'),
      WITNESS_ENCRYPTION_KEYS_FILE: secret('enc', `${KEY}\n`, 0o640),
      AUDIT_HMAC_KEYS_FILE: secret('hmac', `${KEY}\n`),
      SMTP_URL_FILE: secret('smtp', 'smtp://u:p@mail.internal:587\n'),
      S3_ACCESS_KEY_ID_FILE: secret('s3id', 'AKIAEXAMPLE\n'),
      S3_SECRET_ACCESS_KEY_FILE: secret('s3key', 'wJalrXUtnFEMI/K7MDENG\n'),
    });
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/witness',
      MIGRATIONS_DATABASE_URL: 'postgres://owner:o@db.internal/witness',
      REDIS_URL: 'redis://:r@redis.internal:6379/0',
      WITNESS_ENCRYPTION_KEYS: KEY,
      AUDIT_HMAC_KEYS: KEY,
      SMTP_URL: 'smtp://u:p@mail.internal:587',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
    });
    // The file names are not settings of their own.
    expect(SECRET_SETTINGS.filter((name) => `${name}_FILE` in env)).toEqual([]);
  });

  it('puts a password from a file into its URL (escaped), leaving the URL in the environment', () => {
    const env = validateEnv({
      DATABASE_URL: 'postgres://witness_app@postgres:5432/witness',
      DATABASE_PASSWORD_FILE: secret('app-pw', 'p@ss/w:rd%\n'),
      MIGRATIONS_DATABASE_URL: 'postgres://witness_owner@postgres:5432/witness',
      MIGRATIONS_DATABASE_PASSWORD: 'owner-pw',
      REDIS_URL: 'redis://redis:6379',
      REDIS_PASSWORD_FILE: secret('redis-pw', 'rpw\n'),
      SMTP_URL: 'smtp://mailer@mail.internal:587',
      SMTP_PASSWORD_FILE: secret('smtp-pw', 'smtp pw\n'),
    });
    expect(env.DATABASE_URL).toBe(
      'postgres://witness_app:p%40ss%2Fw%3Ard%25@postgres:5432/witness',
    );
    expect(decodeURIComponent(new URL(env.DATABASE_URL).password)).toBe('p@ss/w:rd%');
    expect(env.MIGRATIONS_DATABASE_URL).toBe(
      'postgres://witness_owner:owner-pw@postgres:5432/witness',
    );
    expect(env.REDIS_URL).toBe('redis://:rpw@redis:6379');
    expect(decodeURIComponent(new URL(env.SMTP_URL!).password)).toBe('smtp pw');
    expect(env).not.toHaveProperty('DATABASE_PASSWORD');
  });

  it('refuses a setting given both ways, naming it', () => {
    expect(() =>
      validateEnv({
        AUDIT_HMAC_KEYS: KEY,
        AUDIT_HMAC_KEYS_FILE: secret('hmac', KEY),
      }),
    ).toThrow(/AUDIT_HMAC_KEYS, AUDIT_HMAC_KEYS_FILE: set one or the other, not both/);
  });

  it('refuses a file every user can read, and says how to fix it', () => {
    const path = secret('enc', KEY, 0o644);
    expect(() => validateEnv({ WITNESS_ENCRYPTION_KEYS_FILE: path })).toThrow(
      new RegExp(
        `WITNESS_ENCRYPTION_KEYS_FILE: ${path} is readable by every user on the host \\(mode 644\\): chmod o-rwx`,
      ),
    );
  });

  it('refuses missing, empty and directory files, and lists every problem at once', () => {
    let message = '';
    try {
      validateEnv({
        SMTP_URL_FILE: join(dir, 'missing'),
        S3_SECRET_ACCESS_KEY_FILE: secret('empty', '\n'),
        S3_ACCESS_KEY_ID_FILE: dir,
        DATABASE_URL: 'postgres://a:b@h/witness',
        DATABASE_PASSWORD: 'again',
        REDIS_PASSWORD: 'x',
        REDIS_URL: '',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration \(5 variable\(s\)\)/);
    expect(message).toContain(`SMTP_URL_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`);
    expect(message).toContain(`S3_SECRET_ACCESS_KEY_FILE: ${join(dir, 'empty')} is empty`);
    expect(message).toContain(`S3_ACCESS_KEY_ID_FILE: ${dir} is not a file`);
    expect(message).toContain(
      'DATABASE_URL: carries a password already; give it in one place only',
    );
    expect(message).toContain('REDIS_PASSWORD: needs REDIS_URL');
  });

  it('validates a value read from a file like one from the environment', () => {
    expect(() => validateEnv({ AUDIT_HMAC_KEYS_FILE: secret('hmac', 'not-a-key\n') })).toThrow(
      /AUDIT_HMAC_KEYS: AUDIT_HMAC_KEYS must be id:base64key/,
    );
  });

  it('covers every secret setting the configuration declares', () => {
    // A new secret setting must be added to SECRET_SETTINGS (and so accept NAME_FILE).
    const declared = Object.keys(new Env());
    expect(declared).toContain('S3_SECRET_ACCESS_KEY');
    const secretLooking = declared.filter((k) =>
      /(KEYS?|KEY_ID|SECRET|PASSWORD|TOKEN)$|^(DATABASE|MIGRATIONS_DATABASE|REDIS|SMTP)_URL$/.test(
        k,
      ),
    );
    expect(secretLooking.length).toBeGreaterThanOrEqual(8);
    expect(
      secretLooking.filter((k) => !(SECRET_SETTINGS as readonly string[]).includes(k)),
    ).toEqual([]);
  });
});
