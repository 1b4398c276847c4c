import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/** Development-only signing secret; a production start refuses it. */
export const DEV_JWT_SECRET = 'lienket-dev-secret-change-me-0123456789';
export const DEFAULT_DATABASE_POOL_SIZE = 10;

/** The process environment, validated once at start. Only this folder reads process.env. */
export class Env {
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' =
    'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';

  /** mysql://user:pass@host:3306/db — absent means the embedded SQLite file. */
  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^/\s]+\/[A-Za-z0-9_$-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like mysql://user:pass@host:3306/database',
  })
  DATABASE_URL?: string;

  /**
   * MySQL/MariaDB connections per process. More than about twice the database server's cores only
   * adds switching between its threads (bench:registry, 2 cores: a search costs the database 13 %
   * less at 4 than at 20, and the API 8 % less).
   */
  @Transform(toInt) @IsInt() @Min(2) @Max(500) DATABASE_POOL_SIZE = DEFAULT_DATABASE_POOL_SIZE;

  @IsString() SQLITE_PATH = './data/lienket.sqlite';

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;
  @Transform(toInt) @IsInt() @Min(30) JWT_ACCESS_TTL_SECONDS = 900;
  @Transform(toInt) @IsInt() @Min(60) JWT_REFRESH_TTL_SECONDS = 7 * 24 * 3600;

  @IsString()
  @Matches(/^[a-z0-9._-]{3,40}$/, { message: 'ADMIN_USERNAME must be 3–40 of a-z 0-9 . _ -' })
  ADMIN_USERNAME = 'admin';
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  /** Seed demo users and data on first start; defaults to on for the embedded SQLite database only. */
  @IsOptional() @Transform(toBool) @IsBoolean() SEED_DEMO?: boolean;

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb, 512kb or 100000b' })
  BODY_LIMIT = '1mb';

  /** Express 'trust proxy': which hops may set X-Forwarded-For (e.g. loopback, 10.0.0.0/8, or 1). */
  // A hop count must reach Express as a number: the string '1' would mean the address 0.0.0.1.
  @Transform(toInt) @IsNotEmpty() TRUST_PROXY: string | number = 'loopback';

  /**
   * How long an idle keep-alive connection stays open (ms). Longer than the idle timeout of a proxy
   * or load balancer in front (60 s is common), so the proxy, not the server, closes idle sockets.
   */
  @Transform(toInt) @IsInt() @Min(1000) KEEP_ALIVE_TIMEOUT_MS = 65_000;

  /** Largest spreadsheet accepted by POST /imports/* (bytes); larger uploads get 413. */
  @Transform(toInt) @IsInt() @Min(1024) IMPORT_MAX_BYTES = 50 * 1024 * 1024;
  /** Most rows one imported sheet may hold (empty ones count); more get 413: split the file. */
  @Transform(toInt) @IsInt() @Min(1) IMPORT_MAX_ROWS = 200_000;
  /** Most bytes an .xlsx may inflate to, all its parts together; more (a zip bomb) get 413. */
  @Transform(toInt) @IsInt() @Min(1024 * 1024) IMPORT_MAX_INFLATED_BYTES = 256 * 1024 * 1024;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';

  @Transform(toInt) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_USERNAME = 5;
  @Transform(toInt) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_IP = 30;
  @Transform(toInt) @IsInt() @Min(1) LOGIN_WINDOW_SECONDS = 900;

  /** Growing-area and packing-facility codes (SPEC §3), until the regulation's format is confirmed. */
  @IsString() CERTIFICATE_CODE_PATTERN = '^[A-Z]{2}-[A-Z]{2,6}-\\d{3,6}$';
  /** Months from one inspection (or the issue date) to the next, per kind. */
  @Transform(toInt) @IsInt() @Min(1) @Max(60) INSPECTION_INTERVAL_EXPORT_MONTHS = 6;
  @Transform(toInt) @IsInt() @Min(1) @Max(60) INSPECTION_INTERVAL_DOMESTIC_MONTHS = 12;
  /** An inspection is "due" this many days before its date (and "overdue" after it). */
  @Transform(toInt) @IsInt() @Min(0) @Max(365) INSPECTION_DUE_LEAD_DAYS = 30;
  /** Code misuse check: volume above area × typical yield × this is flagged (SPEC §2). */
  @Transform(toNumber) @IsNumber() @Min(1) @Max(10) CAPACITY_TOLERANCE = 1.2;
  /** A model is lagging when its disbursed share is below this × the share of its period elapsed. */
  @Transform(toNumber) @IsNumber() @Min(0) @Max(1) DISBURSEMENT_LAG_SHARE = 0.5;

  /** `off`: this process runs no background processors (the outbox relay); `npm run start:worker` does. */
  @IsIn(['on', 'off']) WORKER: 'on' | 'off' = 'on';
  /** The periodic scans' schedule: each period of this length is scanned once, by one process. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400) SCAN_INTERVAL_SECONDS = 3600;
  /** Comma-separated origins allowed to call the API from a browser (CORS); empty: none. */
  @IsString() CORS_ORIGINS = '';
  /** Requests per minute per person (or per address before signing in), and logins per minute per address. */
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_PER_MINUTE = 600;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_LOGIN_PER_MINUTE = 20;
  /** How long an Idempotency-Key's answer is kept for replay. */
  @Transform(toInt) @IsInt() @Min(1) @Max(720) IDEMPOTENCY_TTL_HOURS = 24;
  /** Prefix of every BullMQ key in Redis (lets several deployments, or test runs, share one Redis). */
  @Matches(/^[A-Za-z0-9:_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1–40 of A-Z a-z 0-9 : _ -' })
  QUEUE_PREFIX = 'lienket';
  /** An event published to the queue but not delivered after this long is queued again. */
  @Transform(toInt) @IsInt() @Min(5) OUTBOX_SWEEP_AFTER_SECONDS = 120;
  /** Fault injection for the reliability script (npm run test:faults); refused in production. */
  @IsOptional() @IsIn(['relay-crash-after-enqueue']) FAULT_INJECTION?: 'relay-crash-after-enqueue';

  /** smtp://user:pass@host:587 (smtps:// for TLS) — absent means no e-mail channel. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://user:pass@host:587' })
  SMTP_URL?: string;
  @IsString() MAIL_FROM = 'Liên Kết <no-reply@lienket.local>';

  /** Hosts webhooks may reach although private (production refuses private, loopback, link-local). */
  @IsString() WEBHOOK_ALLOW_HOSTS = '';
  /** Attempts before a delivery is dead-lettered, and the first retry's delay (doubling after). */
  @Transform(toInt) @IsInt() @Min(1) @Max(20) WEBHOOK_MAX_ATTEMPTS = 6;
  @Transform(toInt) @IsInt() @Min(10) WEBHOOK_RETRY_BASE_MS = 2000;
  /** The same for e-mails: attempts before dead-lettering, and the first retry's delay (doubling). */
  @Transform(toInt) @IsInt() @Min(1) @Max(20) EMAIL_MAX_ATTEMPTS = 6;
  @Transform(toInt) @IsInt() @Min(10) EMAIL_RETRY_BASE_MS = 5000;
}

export class InvalidEnvError extends Error {}

/** Validates the raw environment; throws one line per bad variable, naming it. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, stripEmpty(raw), { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false });
  const problems = errors.map((e) => Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`);
  try {
    new RegExp(env.CERTIFICATE_CODE_PATTERN);
  } catch {
    problems.push('CERTIFICATE_CODE_PATTERN must be a regular expression');
  }
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET must be set to a secret of your own in production');
  }
  if (env.NODE_ENV === 'production' && env.FAULT_INJECTION) {
    problems.push('FAULT_INJECTION must not be set in production');
  }
  if (problems.length) throw new InvalidEnvError(`Invalid configuration: ${problems.join('; ')}`);
  return env;
}

function stripEmpty(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
}

/** For entry points: the validated environment, or one line on stderr naming what is wrong and exit 1. */
export function envOrExit(raw: Record<string, unknown> = process.env): Env {
  try {
    return validateEnv(raw);
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
