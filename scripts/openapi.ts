/**
 * `npm run openapi`: write the OpenAPI document of the api to `docs/openapi.json`, and the
 * TypeScript types generated from it (openapi-typescript) to `clients/witness-api.ts`.
 * `npm run openapi:check` (`--check`) writes nothing: it fails when either file differs from
 * what the code generates now, i.e. when a change to the API was not followed by
 * `npm run openapi`.
 *
 * The document is built from the controllers by the real api app (`createApiApp`), which is
 * initialised but never listens. Initialising it connects to PostgreSQL and Redis, so both must
 * be reachable (DATABASE_URL's server, REDIS_URL); it runs on a scratch database it creates and
 * drops, and writes nothing to Redis.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '..');
export const DOCUMENT_FILE = resolve(ROOT, 'docs', 'openapi.json');
export const CLIENT_FILE = resolve(ROOT, 'clients', 'witness-api.ts');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/witness';

/** A scratch database on DATABASE_URL's server, so the app boots without a migrated one. */
async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const name = `witness_openapi_${process.pid}_${randomBytes(3).toString('hex')}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminUrl.toString() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** The document and the client types, as the code generates them now. */
async function generate(): Promise<{ document: string; client: string; paths: number }> {
  // Keep the output to the result unless asked otherwise. Set before the app is imported:
  // its config module reads process.env when it is loaded.
  process.env.LOG_LEVEL ??= 'warn';
  const database = await scratchDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    const { createApiApp } = await import('../apps/api/src/app.factory');
    const { buildOpenApi } = await import('../apps/api/src/docs/openapi');
    let app;
    try {
      app = await createApiApp();
    } catch (err) {
      console.error(
        'openapi: could not start the api (PostgreSQL and Redis must be reachable; see DATABASE_URL and REDIS_URL)',
      );
      throw err;
    }
    try {
      const document = buildOpenApi(app);
      const { default: openapiTS, astToString } = await import('openapi-typescript');
      const ast = await openapiTS(structuredClone(document) as never, {
        alphabetize: false,
        exportType: false,
        // A property with a default may be left out of a request: optional, as documented.
        defaultNonNullable: false,
      });
      const client =
        '/**\n * Types of the Witness API, generated from docs/openapi.json by `npm run openapi`\n' +
        ' * (openapi-typescript). Do not edit: change the controllers and regenerate.\n */\n\n' +
        astToString(ast);
      return {
        document: `${JSON.stringify(document, null, 2)}\n`,
        client,
        paths: Object.keys(document.paths).length,
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.drop();
  }
}

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first line where two texts differ, for a short message. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return `line ${i + 1}:\n  committed: ${left[i] ?? '(end)'}\n  generated: ${right[i] ?? '(end)'}`;
    }
  }
  return '(same)';
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const generated = await generate();
  const files: [string, string][] = [
    [DOCUMENT_FILE, generated.document],
    [CLIENT_FILE, generated.client],
  ];
  if (check) {
    const stale = files.filter(([file, text]) => readOr(file) !== text);
    for (const [file, text] of stale) {
      console.error(
        `openapi: ${relative(ROOT, file)} is stale; run \`npm run openapi\` and commit it. First ` +
          `difference at ${firstDifference(readOr(file) ?? '', text)}`,
      );
    }
    if (stale.length > 0) process.exit(1);
    console.log(`openapi: docs/openapi.json and clients/witness-api.ts are up to date`);
    return;
  }
  for (const [file, text] of files) writeFileSync(file, text);
  console.log(
    `openapi: wrote ${relative(ROOT, DOCUMENT_FILE)} (${generated.paths} paths) and ` +
      relative(ROOT, CLIENT_FILE),
  );
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
