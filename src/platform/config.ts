import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import type { LogConfig } from './logging.ts';
import { DEFAULT_SMS_SIGNATURE } from './sms-texts.ts';
import { KeyRingError, currentKey, parseKeyList, type KeyRing } from '../crypto/keys/key-ring.ts';
import { KEY_PROVIDERS, readKeyFile, type KeyProviderConfig } from '../crypto/keys/provider.ts';

export interface Config {
  production: boolean;
  host: string;
  port: number;
  baseUrl: string;
  dataDir: string;
  /** A PostgreSQL connection string; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  /** Use an in-memory PGlite (tests). */
  inMemoryDatabase: boolean;
  /** Several nodes: short-lived shared state (kv) and the OIDC provider's artefacts go to this Redis server instead of PostgreSQL. */
  redisUrl: string | undefined;
  /** Put before every Redis key of this platform (REDIS_KEY_PREFIX), so that one server can serve several. */
  redisKeyPrefix: string;
  /** Redis through Sentinel (REDIS_SENTINELS=host:port,host:port and REDIS_SENTINEL_MASTER), instead of REDIS_URL. */
  redisSentinel: { sentinels: { host: string; port: number }[]; master: string } | undefined;
  /** Several nodes: this node's name (NODE_NAME, default the host name), in the X-Node response header and the metrics. */
  nodeName: string;
  /** Prometheus /metrics on its own port (METRICS_PORT), never the public one; off when unset (development: a free port). */
  metricsPort: number | undefined;
  /** On SIGTERM: answer /readyz 503 for drainMs first (SHUTDOWN_DRAIN_SECONDS, default 0), then wait at most timeoutMs for requests in flight (SHUTDOWN_TIMEOUT_SECONDS, default 10). */
  shutdown: { drainMs: number; timeoutMs: number };
  cookieSecure: boolean;
  /** Behind a reverse proxy: believe its X-Forwarded-* headers (the app and the OIDC provider alike). */
  trustProxy: boolean;
  /**
   * personalData is the current personal-data key; ring, when keys are versioned (PII_ENCRYPTION_KEYS,
   * KEY_FILE, the KMS), every version still readable (src/crypto/keys/). With KEY_PROVIDER=kms the
   * ring is fetched at start (resolveKeys), and personalData is empty until then.
   */
  keys: { personalData: Buffer; lookup: Buffer; ring?: KeyRing };
  /** KEY_PROVIDER: env (default), file (KEY_FILE) or kms (KMS_URL, KMS_SECRET). */
  keyProvider: KeyProviderConfig;
  /** CRYPTO_SUITE: international (AES-256-GCM, HMAC-SHA-256) or national (SM4, HMAC-SM3, SM3); recorded at first start (src/crypto/). */
  cryptoSuite: CryptoSuite;
  passwordMaxAgeDays: number;
  lockout: { accountThreshold: number; ipThreshold: number; lockMinutes: number };
  sms: { kind: 'outbox' } | { kind: 'http'; url: string; secret: string };
  /** Outgoing e-mail: an SMTP server, or in development the platform's own SMTP server on `port` (0: a free one). */
  mail: MailConfig;
  seedDemoData: boolean;
  webDistDir: string;
  /** The national identity registry; in development, without REGISTRY_URL, the platform starts its own. */
  registry: { url: string | undefined; clientId: string; secret: string; devPort: number; dataFile: string | undefined };
  /** Where uploaded files go (encrypted): a directory, or an S3-compatible bucket when S3_BUCKET is set. */
  storage: StorageConfig;
  /** 【…】 before every SMS (SMS_SIGNATURE), the one signature the gateway has registered. */
  smsSignature: string;
  /** JSON log lines (LOG_LEVEL, LOG_FILE): standard output unless a file is named. */
  log: LogConfig;
  /** How long a 二维码登录 request can be scanned and confirmed (QR_LOGIN_TTL_SECONDS, default 120). */
  qrLoginTtlMs: number;
  /**
   * 国家政务服务平台账号登录: the upstream OIDC provider (NATIONAL_IDP_ISSUER, _CLIENT_ID, _CLIENT_SECRET).
   * Production: off unless all three are set. Development without an issuer: the platform starts its
   * own development upstream on devPort (NATIONAL_IDP_DEV_PORT) and fills these in.
   */
  nationalIdp: NationalIdpConfig;
}

export interface NationalIdpConfig {
  issuer: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  devPort: number;
}

export const CRYPTO_SUITES = ['international', 'national'] as const;
export type CryptoSuite = (typeof CRYPTO_SUITES)[number];

export type MailConfig = { kind: 'smtp'; url: string; from: string } | { kind: 'dev'; port: number; from: string };

export type StorageConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; endpoint: string | undefined; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };

const DEFAULT_PASSWORD_MAX_AGE_DAYS = 90;
const DEFAULT_ACCOUNT_LOCK_THRESHOLD = 5;
const DEFAULT_IP_LOCK_THRESHOLD = 30;
const DEFAULT_LOCK_MINUTES = 15;
const DEFAULT_MAIL_FROM = '科学技术部政务服务平台 <noreply@most.example.cn>';
const DEFAULT_DEV_SMTP_PORT = 2525;
const DEFAULT_REDIS_KEY_PREFIX = 'most:';
const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;
const DEFAULT_QR_LOGIN_TTL_SECONDS = 120;
const DEFAULT_NATIONAL_IDP_DEV_PORT = 3300;
const DEFAULT_KMS_DEV_PORT = 3400;

type Env = Record<string, string | undefined>;

/** Settings production cannot run without (S3 credentials only with S3_BUCKET). */
const PRODUCTION_REQUIRED = ['PII_ENCRYPTION_KEY', 'PII_LOOKUP_KEY', 'REGISTRY_URL', 'REGISTRY_SECRET', 'SMS_GATEWAY_URL', 'SMS_GATEWAY_SECRET', 'SMTP_URL'] as const;
/** Real outside services: development tools beside one of them would serve real people's codes and captchas. */
const PRODUCTION_GATEWAYS = ['SMS_GATEWAY_URL', 'SMTP_URL', 'REGISTRY_URL'] as const;

/** A configuration the platform must not start with; src/main.ts prints its message alone. */
export class ConfigError extends Error {}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  // Development tools fail closed: only NODE_ENV=development exactly turns them on; unset or misspelt is production.
  const production = env.NODE_ENV !== 'development';
  checkMode(env, production);
  const port = Number(env.PORT ?? 3000);
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const inMemoryDatabase = overrides.inMemoryDatabase ?? false;
  const config: Config = {
    production,
    host: env.HOST ?? '0.0.0.0',
    port,
    baseUrl: (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    inMemoryDatabase,
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || DEFAULT_REDIS_KEY_PREFIX,
    redisSentinel: redisSentinelConfig(env),
    nodeName: env.NODE_NAME || hostname(),
    metricsPort: env.METRICS_PORT ? portFrom(env.METRICS_PORT, 'METRICS_PORT') : production ? undefined : 0,
    shutdown: { drainMs: intFrom(env.SHUTDOWN_DRAIN_SECONDS, 0) * 1000, timeoutMs: intFrom(env.SHUTDOWN_TIMEOUT_SECONDS, DEFAULT_SHUTDOWN_TIMEOUT_SECONDS) * 1000 },
    cookieSecure: env.COOKIE_SECURE !== 'false',
    trustProxy: env.TRUST_PROXY === 'true',
    keys: loadKeys(env, production, dataDir, inMemoryDatabase),
    keyProvider: keyProviderFrom(env, production, dataDir),
    cryptoSuite: cryptoSuiteFrom(env.CRYPTO_SUITE),
    passwordMaxAgeDays: intFrom(env.PASSWORD_MAX_AGE_DAYS, DEFAULT_PASSWORD_MAX_AGE_DAYS),
    lockout: {
      accountThreshold: intFrom(env.LOCK_ACCOUNT_THRESHOLD, DEFAULT_ACCOUNT_LOCK_THRESHOLD),
      ipThreshold: intFrom(env.LOCK_IP_THRESHOLD, DEFAULT_IP_LOCK_THRESHOLD),
      lockMinutes: intFrom(env.LOCK_MINUTES, DEFAULT_LOCK_MINUTES),
    },
    sms: env.SMS_GATEWAY_URL
      ? { kind: 'http', url: env.SMS_GATEWAY_URL, secret: required(env, 'SMS_GATEWAY_SECRET') }
      : { kind: 'outbox' },
    mail: env.SMTP_URL
      ? { kind: 'smtp', url: env.SMTP_URL, from: env.MAIL_FROM || DEFAULT_MAIL_FROM }
      : { kind: 'dev', port: intFrom(env.SMTP_DEV_PORT, DEFAULT_DEV_SMTP_PORT), from: env.MAIL_FROM || DEFAULT_MAIL_FROM },
    seedDemoData: !production && (env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === 'true' : true),
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? 'dist/web'),
    registry: {
      url: env.REGISTRY_URL || undefined,
      clientId: env.REGISTRY_CLIENT_ID ?? 'most-identity',
      secret: production ? required(env, 'REGISTRY_SECRET') : (env.REGISTRY_SECRET ?? 'dev-registry-secret'),
      devPort: intFrom(env.REGISTRY_PORT, 3100),
      dataFile: env.REGISTRY_DATA_FILE || undefined,
    },
    storage: storageConfig(env, dataDir),
    smsSignature: env.SMS_SIGNATURE || DEFAULT_SMS_SIGNATURE,
    log: { level: env.LOG_LEVEL || (production ? 'info' : 'warn'), file: env.LOG_FILE || undefined },
    qrLoginTtlMs: secondsBetween(env.QR_LOGIN_TTL_SECONDS, DEFAULT_QR_LOGIN_TTL_SECONDS, 30, 600, 'QR_LOGIN_TTL_SECONDS') * 1000,
    nationalIdp: {
      issuer: env.NATIONAL_IDP_ISSUER || undefined,
      clientId: env.NATIONAL_IDP_CLIENT_ID || undefined,
      clientSecret: env.NATIONAL_IDP_CLIENT_SECRET || undefined,
      devPort: intFrom(env.NATIONAL_IDP_DEV_PORT, DEFAULT_NATIONAL_IDP_DEV_PORT),
    },
    ...overrides,
  };
  return config;
}

/**
 * Production needs every real service and key, all missing ones named in one message; development
 * (its outbox, mail box and captcha answers open to anyone) must not run beside a real gateway.
 */
function checkMode(env: Env, production: boolean) {
  // A misspelt provider would otherwise be reported as a missing PII_ENCRYPTION_KEY.
  if (env.KEY_PROVIDER && !KEY_PROVIDERS.includes(env.KEY_PROVIDER as KeyProviderConfig['kind'])) throw new ConfigError(`KEY_PROVIDER: env, file or kms, not "${env.KEY_PROVIDER}"`);
  if (production) {
    const required = env.S3_BUCKET ? [...PRODUCTION_REQUIRED, 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] : PRODUCTION_REQUIRED;
    // Versioned keys (a list, a key file or a KMS) replace the single PII_ENCRYPTION_KEY.
    const versioned = Boolean(env.PII_ENCRYPTION_KEYS) || env.KEY_PROVIDER === 'file' || env.KEY_PROVIDER === 'kms';
    const missing = required.filter((name) => !env[name] && !(versioned && name === 'PII_ENCRYPTION_KEY'));
    if (missing.length === 0) return;
    const [zh, en] = env.NODE_ENV ? [`NODE_ENV=${env.NODE_ENV}`, `NODE_ENV=${env.NODE_ENV}`] : ['NODE_ENV 未设置', 'NODE_ENV not set'];
    throw new ConfigError(
      `生产环境缺少必需的配置：${missing.join(', ')}（${zh}，按生产环境启动；本地开发请用 npm start 或设置 NODE_ENV=development）` +
        ` / production is missing required settings: ${missing.join(', ')} (${en} means production; for local development use npm start or NODE_ENV=development)`,
    );
  }
  const gateways = PRODUCTION_GATEWAYS.filter((name) => env[name]);
  if (gateways.length) {
    throw new ConfigError(
      `开发模式不能与生产网关同时使用：${gateways.join(', ')}（NODE_ENV=development 会公开短信发件箱、邮件和验证码答案）` +
        ` / development mode cannot run with production gateways: ${gateways.join(', ')} (NODE_ENV=development serves the SMS outbox, mail and captcha answers to anyone)`,
    );
  }
}

function storageConfig(env: Env, dataDir: string): StorageConfig {
  if (!env.S3_BUCKET) return { kind: 'local', dir: path.resolve(env.UPLOADS_DIR ?? path.join(dataDir, 'uploads')) };
  return {
    kind: 's3',
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION ?? 'us-east-1',
    bucket: env.S3_BUCKET,
    accessKeyId: required(env, 'S3_ACCESS_KEY_ID'),
    secretAccessKey: required(env, 'S3_SECRET_ACCESS_KEY'),
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
  };
}

/** 国家政务服务平台账号登录 is on only with an issuer, a client id and a secret (all three). */
export function nationalIdpEnabled(config: Pick<Config, 'nationalIdp'>): boolean {
  const { issuer, clientId, clientSecret } = config.nationalIdp;
  return Boolean(issuer && clientId && clientSecret);
}

/** REDIS_SENTINELS=host:port,host:port with REDIS_SENTINEL_MASTER (the name the sentinels know the primary by). */
function redisSentinelConfig(env: Env): Config['redisSentinel'] {
  if (!env.REDIS_SENTINELS) return undefined;
  const sentinels = env.REDIS_SENTINELS.split(',').map((entry) => {
    const match = /^\s*([\w.-]+|\[[\da-f:]+\]):(\d{1,5})\s*$/i.exec(entry);
    if (!match) throw new ConfigError(`REDIS_SENTINELS: expected host:port[,host:port…], got "${entry.trim()}"`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port: portFrom(match[2]!, 'REDIS_SENTINELS') };
  });
  return { sentinels, master: required(env, 'REDIS_SENTINEL_MASTER') };
}

function cryptoSuiteFrom(value: string | undefined): CryptoSuite {
  if (value === undefined || value === '') return 'international';
  const suite = CRYPTO_SUITES.find((name) => name === value);
  if (!suite) throw new ConfigError(`CRYPTO_SUITE: international or national, not "${value}"`);
  return suite;
}

function portFrom(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name}: not a port number: ${value}`);
  return port;
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`invalid integer setting: ${value}`);
  return n;
}

/** A time in seconds that only makes sense within bounds (a QR code nobody can scan in time is no use). */
function secondsBetween(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  const seconds = intFrom(value, fallback);
  if (seconds < min || seconds > max) throw new ConfigError(`${name}: ${min} to ${max} seconds, not ${seconds}`);
  return seconds;
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`missing setting ${name}`);
  return value;
}

/**
 * Keys for personal data at rest. Production must supply them; development keeps
 * generated keys beside the embedded database so that restarts can still decrypt.
 */
function loadKeys(env: Env, production: boolean, dataDir: string, ephemeral: boolean): Config['keys'] {
  const keys = unversionedKeys(env, production, dataDir, ephemeral);
  const ring = keyRingFrom(env);
  return ring ? { ...keys, personalData: currentKey(ring), ring } : keys;
}

/** Versioned keys read with the configuration: PII_ENCRYPTION_KEYS, or KEY_PROVIDER=file (kms: at start, resolveKeys). */
function keyRingFrom(env: Env): KeyRing | undefined {
  try {
    if (env.KEY_PROVIDER === 'file') return readKeyFile(required(env, 'KEY_FILE'));
    if (env.KEY_PROVIDER === 'kms') return undefined;
    return env.PII_ENCRYPTION_KEYS ? parseKeyList(env.PII_ENCRYPTION_KEYS, 'PII_ENCRYPTION_KEYS') : undefined;
  } catch (error) {
    if (error instanceof KeyRingError) throw new ConfigError(error.message);
    throw error;
  }
}

function keyProviderFrom(env: Env, production: boolean, dataDir: string): KeyProviderConfig {
  const kind = env.KEY_PROVIDER || 'env';
  if (!KEY_PROVIDERS.includes(kind as KeyProviderConfig['kind'])) throw new ConfigError(`KEY_PROVIDER: env, file or kms, not "${kind}"`);
  if (kind === 'file') return { kind, file: path.resolve(required(env, 'KEY_FILE')) };
  if (kind === 'env') return { kind };
  return {
    kind: 'kms',
    url: production ? required(env, 'KMS_URL') : env.KMS_URL || undefined,
    secret: production ? required(env, 'KMS_SECRET') : env.KMS_SECRET || 'dev-kms-secret',
    devPort: intFrom(env.KMS_DEV_PORT, DEFAULT_KMS_DEV_PORT),
    dataFile: path.join(dataDir, 'dev-kms.json'),
  };
}

function unversionedKeys(env: Env, production: boolean, dataDir: string, ephemeral: boolean): Config['keys'] {
  const versioned = Boolean(env.PII_ENCRYPTION_KEYS) || env.KEY_PROVIDER === 'file' || env.KEY_PROVIDER === 'kms';
  if ((env.PII_ENCRYPTION_KEY || versioned) && env.PII_LOOKUP_KEY) {
    return { personalData: env.PII_ENCRYPTION_KEY ? key32(env.PII_ENCRYPTION_KEY, 'PII_ENCRYPTION_KEY') : Buffer.alloc(0), lookup: key32(env.PII_LOOKUP_KEY, 'PII_LOOKUP_KEY') };
  }
  if (production) throw new ConfigError('production requires PII_ENCRYPTION_KEY (or PII_ENCRYPTION_KEYS, KEY_FILE, a KMS) and PII_LOOKUP_KEY (32 bytes, base64)');
  if (ephemeral) return { personalData: randomBytes(32), lookup: randomBytes(32) };
  const file = path.join(dataDir, 'dev-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const keys = { personalData: randomBytes(32).toString('base64'), lookup: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { personalData: string; lookup: string };
  return { personalData: key32(stored.personalData, 'personalData'), lookup: key32(stored.lookup, 'lookup') };
}

function key32(base64: string, name: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new ConfigError(`${name} must be 32 bytes encoded in base64`);
  return key;
}
