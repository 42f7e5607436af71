import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsJSON,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import { AddressList } from '../net/address-list';
import { resolveSecretFiles } from './secret-files';

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
 * (`ConfigModule.forRoot({ validate })`). docs/configuration.md is generated from this class and
 * its doc comments (`npm run docs:config`).
 */
export class Env {
  /**
   * `production` requires WITNESS_ENCRYPTION_KEYS and AUDIT_HMAC_KEYS and https webhooks;
   * `development` and `test` use development keys when none are set.
   */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /**
   * PostgreSQL; in production the application role (the database is created if missing, where
   * the role may).
   */
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like postgres://user[:password]@host[:port]/database',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/witness';

  /**
   * The OWNER role's connection, used only to run migrations (and by backup/restore): it owns
   * the tables, while the api and worker connect with DATABASE_URL as the application role.
   * Unset: DATABASE_URL (one role, as in local development).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message:
      'MIGRATIONS_DATABASE_URL must look like postgres://user[:password]@host[:port]/database',
  })
  MIGRATIONS_DATABASE_URL?: string;

  /**
   * The application role migrations grant their privileges to (SELECT/INSERT/UPDATE/DELETE on
   * the app's tables, INSERT-only on the append-only ones). A role that does not exist is
   * skipped (local development with one role).
   */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'DATABASE_APP_ROLE must be a lower-case PostgreSQL role name',
  })
  DATABASE_APP_ROLE = 'witness_app';

  /** Connections per process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** The api runs pending migrations at start (under an advisory lock). */
  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  /** Redis for BullMQ and rate limits (set `maxmemory-policy noeviction`). */
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:port[/db]' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so several deployments (or test files) can share a Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'QUEUE_PREFIX must be 1-40 letters, digits, - or _',
  })
  QUEUE_PREFIX = 'witness';

  /** Where the api listens (also the port of PUBLIC_BASE_URL when that is unset). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The address the api listens on; `0.0.0.0` is every IPv4 interface. */
  @IsString()
  HOST = '0.0.0.0';

  /** The least severe log entries written; `silent` writes none. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * `json` (one JSON object per line, for log collectors) or `pretty` (one readable line per
   * entry). Unset: `pretty` in development, `json` otherwise.
   */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT!: 'json' | 'pretty';

  /** Largest request body accepted, in bytes (413 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  HTTP_BODY_LIMIT = 1024 * 1024;

  /** Largest CSV file accepted by the defenders import, in bytes (413 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(500 * 1024 * 1024)
  IMPORT_MAX_BYTES = 20 * 1024 * 1024;

  /** Most data rows in one import file (more: split the file). Sized so an import stays well
   *  inside HTTP_REQUEST_TIMEOUT_MS (10,000 rows take a few seconds). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  IMPORT_MAX_ROWS = 20000;

  /** A request that takes longer is answered 503 and its work abandoned. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  HTTP_REQUEST_TIMEOUT_MS = 30000;

  /**
   * The web app's session cookie carries `Secure`: `auto` when the request came over TLS
   * (directly or through a trusted proxy's X-Forwarded-Proto), `always`, or `never` (only for
   * local development over plain HTTP).
   */
  @IsIn(['auto', 'always', 'never'])
  WEB_COOKIE_SECURE: 'auto' | 'always' | 'never' = 'auto';

  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host are believed: a
   * comma-separated list of addresses and CIDR ranges (e.g. `10.0.0.5` or `172.16.0.0/12`,
   * the reverse proxy in front of the api). Unset: none, and the client is the address of the
   * socket everywhere (rate limits, the audit trail, the public feed's limit). Set it only to
   * the proxies' own addresses: anyone else could write any address into the header.
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,]+)(,https?:\/\/[^\s,]+)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /**
   * Encryption keys for sensitive fields: `id:base64(32 bytes),...`, the first one active.
   * Required outside development and test. Losing a key loses the data encrypted under it.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'WITNESS_ENCRYPTION_KEYS must be id:base64key[,id:base64key...] with 32-byte keys',
  })
  WITNESS_ENCRYPTION_KEYS?: string;

  /**
   * Keys of the audit trail's HMAC chain: `id:base64(32 bytes),...`, the first one signs new
   * rows, the others only verify older ones (keep every key rows were signed with). Required
   * outside development and test; never stored in the database.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'AUDIT_HMAC_KEYS must be id:base64key[,id:base64key...] with 32-byte keys',
  })
  AUDIT_HMAC_KEYS?: string;

  /**
   * How many rows at the start of the audit chain predate the HMAC chain (a database upgraded
   * from a Witness without it): set it once, after the upgrade, to the number `audit:verify`
   * reports. 0 for a database that began with the HMAC chain. Unsigned rows beyond it fail.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AUDIT_UNKEYED_ROWS = 0;

  /**
   * How often the worker writes a signed anchor of the audit chain's head outside the
   * database (the storage volume or bucket, and the log).
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  AUDIT_ANCHOR_SECONDS = 900;

  /** Require a second factor (TOTP) for admins and coordinators. */
  @Transform(toBool)
  @IsBoolean()
  AUTH_REQUIRE_MFA = true;

  /** A session unused for this long ends. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  AUTH_IDLE_TIMEOUT_MINUTES = 30;

  /** A session ends this long after sign-in, whatever the activity. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  AUTH_SESSION_MAX_HOURS = 12;

  /** Failed sign-ins for one account within the window before it is throttled (429). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  AUTH_LOCKOUT_ATTEMPTS = 5;

  /** The window over which AUTH_LOCKOUT_ATTEMPTS failed sign-ins lock an account (429). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  AUTH_LOCKOUT_WINDOW_MINUTES = 15;

  /** Requests per minute per client IP over the whole API (Redis-backed, across replicas). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  RATE_LIMIT_PER_MINUTE = 600;

  /** How often the worker moves committed outbox messages into the queues. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  OUTBOX_RELAY_SECONDS = 5;

  /** An outbox message enqueued this long ago and still not done (job lost) is enqueued again. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  OUTBOX_REQUEUE_SECONDS = 300;

  /** Scheduler tick: how often due reminders are claimed and dispatched. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  REMINDER_TICK_SECONDS = 60;

  /** A reminder sent more than this after its moment is marked late. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  REMINDER_LATE_GRACE_SECONDS = 300;

  /** A reminder queued this long without being sent (job lost, Redis flushed) is enqueued again. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  REMINDER_REQUEUE_SECONDS = 300;

  /** Local hour at which reminders for all-day milestones are computed from. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  REMINDER_ALL_DAY_HOUR = 9;

  /** Days after a profile's last change when its review falls due. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  PROFILE_REVIEW_DAYS = 90;

  /**
   * UN calendar deadlines this many days ahead (or nearer) become milestones for the cases
   * they fit; further ones wait for the daily sweep to come into range.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(730)
  UN_CALENDAR_HORIZON_DAYS = 120;

  /** Days a government has to reply to a WGAD communication after transmission. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  WGAD_REPLY_DAYS = 60;

  /** Longest extension of the reply period the WGAD may grant. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  WGAD_MAX_EXTENSION_DAYS = 30;

  /** Months after an opinion when follow-up information is requested. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  WGAD_FOLLOW_UP_MONTHS = 6;

  /**
   * Periods of the UN and regional procedures' clocks that differ from their documented
   * defaults (docs/procedures.md), as a JSON object of whole numbers, e.g.
   * `{"sp_urgent_reply_days":21,"wgad_source_comments_days":10}`. The WGAD_* variables above
   * set the WGAD's own; an unknown name stops the boot.
   */
  @IsOptional()
  @IsJSON({ message: 'PROCEDURE_PERIODS must be a JSON object of period names to whole numbers' })
  PROCEDURE_PERIODS?: string;

  /** SMTP server for email reminders, e.g. smtp://user:pass@mail.example.org:587; unset = email off. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://[user:pass@]host:port' })
  SMTP_URL?: string;

  /** Sender of reminder emails. */
  @IsString()
  MAIL_FROM = 'Witness <witness@localhost>';

  /**
   * Webhook receivers the operator vouches for although they are not public: a
   * comma-separated list of host names, addresses and CIDR ranges (e.g.
   * `chat.internal.example.org,10.20.0.0/16`). Everyone else's webhook URLs must point to a
   * public address (no loopback, private, link-local, unique local, metadata... ranges), and
   * use https in production; a listed host may use http.
   */
  @IsOptional()
  @IsString()
  WEBHOOK_ALLOW_HOSTS?: string;

  /**
   * Where people reach Witness; links in emails, webhooks and the calendar and public feeds
   * point here. Unset: the address the api listens on (`http://localhost:PORT`, or HOST when it
   * names one), which suits a try-out; set it in production (a warning at start otherwise).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL!: string;

  /**
   * Origins allowed to read the public feed (/public/v1) from a browser: a comma-separated
   * list, or `*` for any. Empty: no CORS headers (same-origin only). Never with credentials.
   */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, {
    message: 'PUBLIC_CORS_ORIGINS must be * or a comma-separated list of http(s) origins',
  })
  PUBLIC_CORS_ORIGINS?: string;

  /** Requests per minute per client IP to the public feed (on top of RATE_LIMIT_PER_MINUTE). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 60;

  /** How long browsers and shared caches may keep a public feed answer (Cache-Control max-age). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  PUBLIC_CACHE_MAX_AGE = 60;

  /** Worker: how many jobs one worker process runs at once per queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 5;

  /**
   * Worker: a file the worker rewrites every WORKER_HEARTBEAT_SECONDS while PostgreSQL and
   * Redis answer it, for a container healthcheck (the worker serves no HTTP); a file older
   * than four periods means the worker is stuck or cut off. Unset: no heartbeat.
   */
  @IsOptional()
  @IsString()
  WORKER_HEARTBEAT_FILE?: string;

  /** Worker: how often it checks PostgreSQL and Redis and rewrites WORKER_HEARTBEAT_FILE. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  WORKER_HEARTBEAT_SECONDS = 15;

  /**
   * Serve Prometheus metrics at /metrics on this port, without authentication (keep it on the
   * private network). Unset: the api serves /metrics to admins on its main port and the
   * worker serves none. Give the api and the worker different ports on one host.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  /** Address the metrics port listens on. */
  @IsString()
  METRICS_HOST = '0.0.0.0';

  /** Where `npm run backup` writes its dumps and manifests. */
  @IsString()
  BACKUP_DIR = './backups';

  /**
   * Where uploaded documents are kept: `fs` (a local directory, STORAGE_DIR) or `s3` (an
   * S3-compatible object store: AWS, MinIO, Ceph). Either way the content is encrypted first.
   */
  @IsIn(['fs', 's3'])
  STORAGE_DRIVER: 'fs' | 's3' = 'fs';

  /** The documents directory of the `fs` driver (created 0700 if missing). */
  @IsString()
  STORAGE_DIR = './var/documents';

  /** The S3 endpoint, e.g. https://minio.internal:9000; unset = AWS's for S3_REGION. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  /** The bucket's region. */
  @IsString()
  S3_REGION = 'us-east-1';

  /** The bucket documents go in (required with STORAGE_DRIVER=s3; it must exist). */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots, hyphens)',
  })
  S3_BUCKET?: string;

  /** Credentials; unset = the SDK's default chain (environment, instance role...). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  /** The secret of S3_ACCESS_KEY_ID; set both or neither (none: the SDK's default chain). */
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Address buckets as endpoint/bucket/key (MinIO, most self-hosted stores) instead of bucket.endpoint. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  /** Largest document accepted, in bytes (413 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 25 * 1024 * 1024;

  /** clamd's address (TCP) for scanning uploads; unset (and no CLAMAV_SOCKET) = no scanning. */
  @IsOptional()
  @IsString()
  CLAMAV_HOST?: string;

  /** clamd's TCP port, with CLAMAV_HOST. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  CLAMAV_PORT = 3310;

  /** clamd's Unix socket (instead of CLAMAV_HOST), e.g. /run/clamav/clamd.ctl. */
  @IsOptional()
  @IsString()
  CLAMAV_SOCKET?: string;

  /**
   * How often the worker scans document versions kept while clamd was unreachable (also
   * once at its start); each is also retried on its own with backoff.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  CLAMAV_SWEEP_SECONDS = 300;

  /** How long a scan may take before clamd counts as unavailable (the upload is kept pending). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  CLAMAV_TIMEOUT_MS = 30000;
}

/**
 * Validate the environment and return a typed, defaulted copy. Throws one error
 * listing every bad variable at once, so an operator fixes them in one go. Every secret
 * setting may come from a file instead (`NAME_FILE`, see secret-files.ts).
 */
export function validateEnv(raw: Record<string, unknown>): Env {
  // Secrets may come from files (NAME_FILE, Docker secrets): read them first.
  const secrets = resolveSecretFiles(raw);
  const present = Object.fromEntries(
    Object.entries(secrets.values).filter(([, v]) => v !== undefined && v !== ''),
  );
  const env = plainToInstance(Env, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  const lines = secrets.problems.map((p) => `  - ${p}`);
  lines.push(
    ...errors.map((e) => `  - ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
  );
  if (env.NODE_ENV === 'production' && !env.WITNESS_ENCRYPTION_KEYS) {
    lines.push('  - WITNESS_ENCRYPTION_KEYS: is required in production (id:base64key,...)');
  }
  if (env.NODE_ENV === 'production' && !env.AUDIT_HMAC_KEYS) {
    lines.push('  - AUDIT_HMAC_KEYS: is required in production (id:base64key,...)');
  }
  if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
    lines.push('  - S3_BUCKET: is required with STORAGE_DRIVER=s3');
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    lines.push('  - S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither');
  }
  for (const [name, hostNames] of [
    ['TRUST_PROXY', false],
    ['WEBHOOK_ALLOW_HOSTS', true],
  ] as const) {
    const problems = AddressList.parse(env[name], { hostNames }).problems;
    if (problems.length) lines.push(`  - ${name}: ${problems.join('; ')}`);
  }
  if (env.CLAMAV_HOST && env.CLAMAV_SOCKET) {
    lines.push('  - CLAMAV_HOST, CLAMAV_SOCKET: set one or the other, not both');
  }
  if (lines.length > 0) {
    throw new Error(`Invalid configuration (${lines.length} variable(s)):\n${lines.join('\n')}`);
  }
  env.PUBLIC_BASE_URL ??= listeningUrl(env);
  env.LOG_FORMAT ??= env.NODE_ENV === 'development' ? 'pretty' : 'json';
  return env;
}

/**
 * The address the api listens on, as a browser on this machine reaches it: HOST unless it is
 * a wildcard (then localhost), and PORT.
 */
export function listeningUrl(env: Pick<Env, 'HOST' | 'PORT'>): string {
  const wildcard = ['', '0.0.0.0', '::', '[::]'].includes(env.HOST.trim());
  const bare = env.HOST.trim();
  const host = wildcard
    ? 'localhost'
    : bare.includes(':') && !bare.startsWith('[')
      ? `[${bare}]`
      : bare;
  return `http://${host}${env.PORT === 80 ? '' : `:${env.PORT}`}`;
}

/** Warnings worth one line at start: configuration that works but is wrong for production. */
export function startupWarnings(env: Env, raw: Record<string, unknown> = process.env): string[] {
  const warnings: string[] = [];
  if (env.NODE_ENV === 'production' && !raw.PUBLIC_BASE_URL) {
    warnings.push(
      `PUBLIC_BASE_URL is unset: links in emails, webhooks and feeds say ${env.PUBLIC_BASE_URL}; ` +
        'set it to the address people reach Witness at',
    );
  }
  return warnings;
}

/** Typed config lookup for code outside Nest's DI (CLI, data source, scripts). */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return validateEnv(source as Record<string, unknown>);
}
