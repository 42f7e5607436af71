import { join, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { Env } from '../config/env';
import { SnakeNamingStrategy } from './naming-strategy';

/**
 * Root of the compiled or source tree: `<repo>` when running TypeScript, `<repo>/dist`
 * when running the build. Entities and migrations are found relative to it, so the
 * same options serve the apps, the TypeORM CLI and the tests.
 */
export const TREE_ROOT = resolve(__dirname, '../../../..');

export function dataSourceOptions(
  env: Pick<Env, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    entities: [join(TREE_ROOT, 'libs/**/*.entity.{ts,js}')],
    migrations: [join(TREE_ROOT, 'migrations/*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // Never let TypeORM alter the schema: migrations do, reviewed by hand.
    synchronize: false,
    migrationsRun: false,
    // uuids come from PostgreSQL's built-in gen_random_uuid(); start-up needs no
    // superuser right (migrations create any extension the schema needs).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: 'witness',
    extra: {
      max: env.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // A runaway query must not hold a connection forever.
      statement_timeout: 30000,
      // No JIT compilation: Witness's queries are short, and for the report's aggregates the
      // planner's estimates are far above their real cost, so JIT spent longer compiling
      // than running them (it was turned off per report; now per connection).
      options: '-c jit=off',
    },
    ...overrides,
  } as DataSourceOptions;
}
