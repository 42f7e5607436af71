import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

/**
 * Every environment variable Witness reads, with its default. Validated once at boot
 * (`ConfigModule.forRoot({ validate })`); the README's configuration table mirrors this class.
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like postgres://user[:password]@host[:port]/database',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/witness';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:port[/db]' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so several deployments (or test files) can share a Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'QUEUE_PREFIX must be 1-40 letters, digits, - or _',
  })
  QUEUE_PREFIX = 'witness';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Largest request body accepted, in bytes (413 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  HTTP_BODY_LIMIT = 1024 * 1024;

  /** A request that takes longer is answered 503 and its work abandoned. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  HTTP_REQUEST_TIMEOUT_MS = 30000;

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,]+)(,https?:\/\/[^\s,]+)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** Worker: how many jobs one worker process runs at once per queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 5;
}

/**
 * Validate the environment and return a typed, defaulted copy. Throws one error
 * listing every bad variable at once, so an operator fixes them in one go.
 */
export function validateEnv(raw: Record<string, unknown>): Env {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''),
  );
  const env = plainToInstance(Env, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  - ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid configuration (${errors.length} variable(s)):\n${lines.join('\n')}`);
  }
  return env;
}

/** Typed config lookup for code outside Nest's DI (CLI, data source, scripts). */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return validateEnv(source as Record<string, unknown>);
}
