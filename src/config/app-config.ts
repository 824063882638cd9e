import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import { LANGUAGES, type Language } from '../common/i18n/i18n.js';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** The environment as the service reads it; every variable is listed in .env.example with its default. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @Max(65535) @Min(0) @IsInt()
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  MIGRATION_DATABASE_URL?: string;

  @IsString()
  EMBEDDED_PG_DIR = './.data/postgres';

  @Transform(toInt) @Max(65535) @Min(1024) @IsInt()
  EMBEDDED_PG_PORT = 54329;

  @Transform(toInt) @Max(200) @Min(1) @IsInt()
  DB_POOL_SIZE = 10;

  @Transform(toInt) @Max(60000) @Min(100) @IsInt()
  DB_CONNECT_TIMEOUT_MS = 3000;

  @Transform(toInt) @Max(600000) @Min(100) @IsInt()
  DB_STATEMENT_TIMEOUT_MS = 15000;

  @Transform(toInt) @Max(600000) @Min(50) @IsInt()
  OPERATION_TIMEOUT_MS = 10000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional() @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt) @Max(86400) @Min(30) @IsInt()
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt) @Max(31536000) @Min(300) @IsInt()
  REFRESH_TOKEN_TTL_SECONDS = 2592000;

  @Transform(toInt) @Max(1048576) @Min(1024) @IsInt()
  ARGON2_MEMORY_KIB = 65536;

  @Transform(toInt) @Max(20) @Min(1) @IsInt()
  ARGON2_TIME_COST = 3;

  @Transform(toInt) @Max(1000) @Min(1) @IsInt()
  LOGIN_RATE_LIMIT = 10;

  @Transform(toInt) @Max(3600) @Min(1) @IsInt()
  LOGIN_RATE_WINDOW_SECONDS = 60;

  @Transform(toInt) @Max(50) @Min(2) @IsInt()
  GRAPHQL_MAX_DEPTH = 10;

  @Transform(toInt) @Max(200) @Min(1) @IsInt()
  GRAPHQL_MAX_ALIASES = 15;

  @Transform(toInt) @Max(100) @Min(1) @IsInt()
  GRAPHQL_MAX_ROOT_FIELDS = 10;

  @Transform(toInt) @Max(100) @Min(0) @IsInt()
  GRAPHQL_MAX_DIRECTIVES = 10;

  @Transform(toInt) @Max(100000) @Min(100) @IsInt()
  GRAPHQL_MAX_TOKENS = 3000;

  @Transform(toInt) @Max(10000000) @Min(10) @IsInt()
  GRAPHQL_MAX_COST = 20000;

  @IsOptional() @IsIn(['true', 'false'], { message: 'must be true or false' })
  GRAPHQL_INTROSPECTION?: 'true' | 'false';

  @IsOptional() @IsIn(['true', 'false'], { message: 'must be true or false' })
  GRAPHQL_IDE?: 'true' | 'false';

  @Transform(toInt) @Max(10485760) @Min(1024) @IsInt()
  HTTP_BODY_LIMIT_BYTES = 102400;

  @IsString()
  TRUST_PROXY = 'loopback';

  /** The language of messages, labels and export headers when a request's Accept-Language names none of ours. */
  @IsIn([...LANGUAGES], { message: 'must be id or en' })
  DEFAULT_LANGUAGE: Language = 'id';

  /** How often expired agreements are noted in the history (timeline, audit trail); 0 turns the sweep off. */
  @Transform(toInt) @Max(1440) @Min(0) @IsInt()
  EXPIRY_SWEEP_MINUTES = 60;
}

/** Every variable the configuration knows (the optional ones have no default to list them). */
export const KNOWN_VARIABLES: string[] = [
  ...Object.keys(new EnvironmentVariables()),
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'LOG_FORMAT',
  'JWT_SECRET',
  'GRAPHQL_INTROSPECTION',
  'GRAPHQL_IDE',
];

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    /** Which proxies' X-Forwarded-For is believed for the client address. */
    trustProxy: string;
  };
  database: {
    /** Absent when the service should start its own embedded PostgreSQL. */
    url?: string;
    /** Who runs migrations (the schema's owner); absent: the same as `url`, with no separation of rights. */
    migrationUrl?: string;
    embedded: { dataDir: string; port: number };
    poolSize: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    /** Time budget of one HTTP request's operation; its database work is cancelled when it runs out. */
    operationTimeoutMs: number;
  };
  log: { level: string; format: 'json' | 'pretty' };
  defaultLanguage: Language;
  expirySweepMinutes: number;
  graphql: {
    maxDepth: number;
    maxAliases: number;
    maxRootFields: number;
    maxDirectives: number;
    maxTokens: number;
    maxCost: number;
    introspection: boolean;
    /** The in-browser IDE at /ide. */
    ide: boolean;
    /** Field suggestions ("Did you mean …?") help in development and map the schema for an attacker in production. */
    suggestions: boolean;
  };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    argon2: { memoryCost: number; timeCost: number };
    loginRateLimit: number;
    loginRateWindowSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets that stand in examples (the compose file, .env.example, the tests): never good enough for production. */
const PLACEHOLDER_SECRET = /change-?me|^test-secret|example|placeholder/i;
const PLACEHOLDER_DB_PASSWORDS = new Set(['mitra', 'postgres', 'password', 'secret', 'change-me', 'changeme']);

function productionProblems(vars: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if (!vars.JWT_SECRET) problems.push('JWT_SECRET: is required when NODE_ENV=production');
  else if (PLACEHOLDER_SECRET.test(vars.JWT_SECRET)) problems.push('JWT_SECRET: is a placeholder from an example; set a long random secret');
  for (const [name, url] of [['DATABASE_URL', vars.DATABASE_URL], ['MIGRATION_DATABASE_URL', vars.MIGRATION_DATABASE_URL]] as const) {
    const password = url ? decodeURIComponent(new URL(url).password) : '';
    if (PLACEHOLDER_DB_PASSWORDS.has(password.toLowerCase())) {
      problems.push(`${name}: its password is a placeholder from an example; give the database user a random password`);
    }
  }
  return problems;
}

/** Reads and validates the environment once; a bad value names the variable and what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => KNOWN_VARIABLES.includes(key) && value !== undefined && value !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(vars, { stopAtFirstError: true });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((msg) => `${e.property}: ${msg.replace(`${e.property} `, '')}`),
  );
  if (vars.NODE_ENV === 'production') problems.push(...productionProblems(vars));
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: vars.NODE_ENV,
    http: { host: vars.HOST, port: vars.PORT, bodyLimitBytes: vars.HTTP_BODY_LIMIT_BYTES, trustProxy: vars.TRUST_PROXY },
    defaultLanguage: vars.DEFAULT_LANGUAGE,
    expirySweepMinutes: vars.EXPIRY_SWEEP_MINUTES,
    graphql: {
      maxDepth: vars.GRAPHQL_MAX_DEPTH,
      maxAliases: vars.GRAPHQL_MAX_ALIASES,
      maxRootFields: vars.GRAPHQL_MAX_ROOT_FIELDS,
      maxDirectives: vars.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: vars.GRAPHQL_MAX_TOKENS,
      maxCost: vars.GRAPHQL_MAX_COST,
      introspection: vars.GRAPHQL_INTROSPECTION ? vars.GRAPHQL_INTROSPECTION === 'true' : vars.NODE_ENV !== 'production',
      suggestions: vars.NODE_ENV !== 'production',
      ide: vars.GRAPHQL_IDE ? vars.GRAPHQL_IDE === 'true' : vars.NODE_ENV !== 'production',
    },
    database: {
      url: vars.DATABASE_URL,
      migrationUrl: vars.MIGRATION_DATABASE_URL,
      embedded: { dataDir: vars.EMBEDDED_PG_DIR, port: vars.EMBEDDED_PG_PORT },
      poolSize: vars.DB_POOL_SIZE,
      connectTimeoutMs: vars.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS,
      operationTimeoutMs: vars.OPERATION_TIMEOUT_MS,
    },
    log: {
      level: vars.LOG_LEVEL,
      format: vars.LOG_FORMAT ?? (vars.NODE_ENV === 'development' ? 'pretty' : 'json'),
    },
    auth: {
      // Outside production a per-process secret keeps development free of setup; tokens end with the process.
      jwtSecret: vars.JWT_SECRET ?? randomBytes(32).toString('hex'),
      accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: vars.REFRESH_TOKEN_TTL_SECONDS,
      argon2: { memoryCost: vars.ARGON2_MEMORY_KIB, timeCost: vars.ARGON2_TIME_COST },
      loginRateLimit: vars.LOGIN_RATE_LIMIT,
      loginRateWindowSeconds: vars.LOGIN_RATE_WINDOW_SECONDS,
    },
  };
}
