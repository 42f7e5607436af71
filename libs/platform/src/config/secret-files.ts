import { readFileSync, statSync } from 'node:fs';

/**
 * The settings that carry a secret. Each also accepts `NAME_FILE`, the path of a file holding
 * the value (Docker and compose `secrets:` mount them under /run/secrets), so the secret is
 * not in the container's environment (`docker inspect`, /proc, crash reports).
 *
 * The `*_PASSWORD` ones are not settings of their own: each is written into the URL it belongs
 * to, so a deployment can keep the URL (without its password) in the environment and only the
 * password in a file.
 */
export const SECRET_SETTINGS = [
  'DATABASE_URL',
  'DATABASE_PASSWORD',
  'MIGRATIONS_DATABASE_URL',
  'MIGRATIONS_DATABASE_PASSWORD',
  'REDIS_URL',
  'REDIS_PASSWORD',
  'WITNESS_ENCRYPTION_KEYS',
  'AUDIT_HMAC_KEYS',
  'SMTP_URL',
  'SMTP_PASSWORD',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;

/** Which URL each password setting goes into. */
const PASSWORD_OF: Record<string, string> = {
  DATABASE_PASSWORD: 'DATABASE_URL',
  MIGRATIONS_DATABASE_PASSWORD: 'MIGRATIONS_DATABASE_URL',
  REDIS_PASSWORD: 'REDIS_URL',
  SMTP_PASSWORD: 'SMTP_URL',
};

export interface ResolvedSecrets {
  /** The settings with every NAME_FILE read into NAME and every password put in its URL. */
  values: Record<string, unknown>;
  /** One line per problem, naming the variable (empty when all is well). */
  problems: string[];
}

function readSecretFile(name: string, path: string): { value?: string; problem?: string } {
  const file = `${name}_FILE`;
  let mode: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { problem: `${file}: ${path} is not a file` };
    mode = st.mode;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `${file}: cannot read ${path} (${code ?? 'error'})` };
  }
  if (mode & 0o004) {
    return {
      problem:
        `${file}: ${path} is readable by every user on the host (mode ` +
        `${(mode & 0o777).toString(8).padStart(3, '0')}): chmod o-rwx it (0600 or 0640)`,
    };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `${file}: cannot read ${path} (${code ?? 'error'})` };
  }
  // Editors and `echo` end files with a newline; no secret ends with one.
  const value = text.replace(/[\r\n]+$/, '');
  if (!value) return { problem: `${file}: ${path} is empty` };
  return { value };
}

function withPassword(
  urlName: string,
  url: string,
  password: string,
): string | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: `${urlName}: is not a URL, so no password can be added to it` };
  }
  if (!parsed.host) return { problem: `${urlName}: has no host to add a password to` };
  if (parsed.password) {
    return { problem: `${urlName}: carries a password already; give it in one place only` };
  }
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Resolve `NAME_FILE` for every secret setting: the file's content (a trailing newline
 * dropped) becomes NAME. Refuses NAME and NAME_FILE both set, and files that every user on the
 * host can read, that are missing or empty. Then writes each `*_PASSWORD` into its URL.
 * Variables set to '' count as unset.
 */
export function resolveSecretFiles(raw: Record<string, unknown>): ResolvedSecrets {
  const values: Record<string, unknown> = { ...raw };
  const problems: string[] = [];
  const isSet = (v: unknown) => v !== undefined && v !== '';
  for (const name of SECRET_SETTINGS) {
    const file = `${name}_FILE`;
    const path = raw[file];
    delete values[file];
    if (!isSet(path)) continue;
    if (isSet(raw[name])) {
      problems.push(`${name}, ${file}: set one or the other, not both`);
      continue;
    }
    const read = readSecretFile(name, String(path));
    if (read.problem) problems.push(read.problem);
    else values[name] = read.value;
  }
  for (const [passwordName, urlName] of Object.entries(PASSWORD_OF)) {
    const password = values[passwordName];
    delete values[passwordName];
    if (!isSet(password)) continue;
    const url = values[urlName];
    if (!isSet(url)) {
      problems.push(`${passwordName}: needs ${urlName} (the URL it is the password of)`);
      continue;
    }
    const merged = withPassword(urlName, String(url), String(password));
    if (typeof merged === 'string') values[urlName] = merged;
    else problems.push(merged.problem);
  }
  return { values, problems };
}
