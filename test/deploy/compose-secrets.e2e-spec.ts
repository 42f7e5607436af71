import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET_SETTINGS, validateEnv } from '@witness/platform';
import { composeCommand, loadCompose, ROOT, secretNames } from './support';

/**
 * docker-compose.yml keeps every secret in a file (compose `secrets:`), never in a service's
 * environment, and the files scripts/compose-secrets.sh makes are what Witness accepts.
 */
describe('compose: secrets as files', () => {
  const compose = loadCompose();
  let dir: string;
  let secrets: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'witness-compose-'));
    secrets = join(dir, 'secrets');
    execFileSync('sh', [join(ROOT, 'scripts', 'compose-secrets.sh'), secrets], {
      stdio: 'pipe',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts no secret value in any service environment', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const env = service.environment ?? {};
      for (const setting of SECRET_SETTINGS) {
        const value = env[setting];
        if (value === undefined || value === null) continue;
        // Only the URLs may be there, and without their password.
        expect({ service: name, setting, password: new URL(value).password }).toEqual({
          service: name,
          setting,
          password: '',
        });
      }
      for (const key of [
        'POSTGRES_PASSWORD',
        'WITNESS_DB_OWNER_PASSWORD',
        'WITNESS_DB_APP_PASSWORD',
      ])
        expect({ service: name, key, value: env[key] }).toEqual({
          service: name,
          key,
          value: undefined,
        });
    }
  });

  it('mounts every /run/secrets file a service names, from a declared secret', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const mounted = secretNames(service);
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (!key.endsWith('_FILE') || !value || value.startsWith('${')) continue;
        const secret = value.replace(/^\/run\/secrets\//, '');
        expect({ service: name, key, mounted: mounted.includes(secret) }).toEqual({
          service: name,
          key,
          mounted: true,
        });
        expect(compose.secrets[secret]?.file).toBe(`\${WITNESS_SECRETS_DIR:-./secrets}/${secret}`);
      }
      // A service with secrets joins the group that may read them.
      if (mounted.length > 0) expect(service.group_add).toEqual(['${WITNESS_SECRETS_GID:-10001}']);
    }
  });

  it('makes secret files only their owner and group read, and never overwrites them', () => {
    const before = readFileSync(join(secrets, 'encryption_keys'), 'utf8');
    expect((statSync(secrets).mode & 0o777).toString(8)).toBe('750');
    for (const file of Object.keys(compose.secrets)) {
      expect({ file, mode: (statSync(join(secrets, file)).mode & 0o777).toString(8) }).toEqual({
        file,
        mode: '640',
      });
    }
    execFileSync('sh', [join(ROOT, 'scripts', 'compose-secrets.sh'), secrets], { stdio: 'pipe' });
    expect(readFileSync(join(secrets, 'encryption_keys'), 'utf8')).toBe(before);
  });

  it.each(['api', 'worker', 'migrate', 'backup'])(
    "starts the %s service's configuration from those files (production)",
    (name) => {
      const service = compose.services[name];
      const env: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (value === null || value.startsWith('${')) continue; // unset / empty by default
        env[key] = value.replace(/^\/run\/secrets\//, `${secrets}/`);
      }
      const config = validateEnv(env);
      expect(config.NODE_ENV).toBe('production');
      const appPassword = readFileSync(join(secrets, 'db_app_password'), 'utf8').trim();
      expect(new URL(config.DATABASE_URL).password).toBe(appPassword);
      expect(config.WITNESS_ENCRYPTION_KEYS).toBe(
        readFileSync(join(secrets, 'encryption_keys'), 'utf8').trim(),
      );
      expect(config.AUDIT_HMAC_KEYS).toMatch(/^a1:/);
      if (name === 'migrate' || name === 'backup') {
        expect(new URL(config.MIGRATIONS_DATABASE_URL!).password).toBe(
          readFileSync(join(secrets, 'db_owner_password'), 'utf8').trim(),
        );
      }
    },
  );

  const compose$ = composeCommand();
  (compose$ ? it : it.skip)('validates with docker compose config', () => {
    const [cmd, ...args] = compose$!;
    const run = spawnSync(cmd, [...args, 'config', '-q'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, WITNESS_SECRETS_DIR: secrets },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
