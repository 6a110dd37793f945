import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openChangeFeed, type ChangeFeed } from './change-feed.ts';
import { captchaService, type CaptchaService } from './captcha.ts';
import { ConfigError, type Config } from './config.ts';
import { openPglite, openPostgres, type Db } from './db.ts';
import { DEV_SMTP_HOST, createDevSmtpServer, type DevSmtpServer } from './dev-smtp.ts';
import { HOUSEKEEPING_INTERVAL_MS, housekeeping } from './housekeeping.ts';
import { sessionStore, type SessionStore } from './http/sessions.ts';
import { postgresKeyValueStore, type KeyValueStore } from './kv.ts';
import { createLogger, type Logger } from './logging.ts';
import { redisKeyValueStore } from './kv-redis.ts';
import { smtpMail, type MailSender } from './mail.ts';
import { migrate } from './migrations.ts';
import { personalDataCipher, type PersonalDataCipher } from './personal-data.ts';
import { openRedis, type RedisConnection } from './redis.ts';
import { httpGatewaySms, outboxSms, signedSms, type SmsSender } from './sms.ts';
import { verificationCodes, type VerificationCodes } from './verification-codes.ts';
import { checkCryptoSuite } from '../crypto/suite-record.ts';
import { KeyRingError } from '../crypto/keys/key-ring.ts';
import { resolveKeys } from '../crypto/keys/provider.ts';
import { localDiskStorage } from './storage/local-disk.ts';
import { s3Storage } from './storage/s3.ts';
import type { ObjectStorage } from './storage/object-storage.ts';
import { RegistryUnavailableError, httpIdentityRegistry, type IdentityRegistry } from '../realname/registry-client.ts';
import { RETRY } from '../realname/rules.ts';
import { retryPending } from '../realname/service.ts';

/** The shared services every capability is built from, each behind its interface. */
export interface Platform {
  config: Config;
  /** JSON log lines without personal data (src/platform/logging.ts); Fastify logs requests through it too. */
  log: Logger;
  db: Db;
  /** Caches of rows every node may change, forgotten when the database announces a change (change-feed.ts). */
  changes: ChangeFeed;
  kv: KeyValueStore;
  /** Several nodes (REDIS_URL): where kv and the OIDC provider's artefacts live. */
  redis: RedisConnection | undefined;
  cipher: PersonalDataCipher;
  sms: SmsSender;
  /** E-mail through SMTP; in development to the platform's own SMTP server (/dev/mail). */
  mail: MailSender;
  captcha: CaptchaService;
  codes: VerificationCodes;
  sessions: SessionStore;
  /** The national identity registry (国家平台实名认证). */
  registry: IdentityRegistry;
  /** Uploaded files, encrypted before they get here. */
  storage: ObjectStorage;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  if (config.inMemoryDatabase) return openPglite(undefined);
  const dir = path.join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}

export async function createPlatform(config: Config, db?: Db): Promise<Platform> {
  const log = createLogger(config.log);
  // KEY_PROVIDER=kms: the keys are fetched once, now (never logged); a refusal stops the start with its message.
  config.keys = await resolveKeys(config.keys, config.keyProvider).catch((error: unknown) => {
    throw error instanceof KeyRingError ? new ConfigError(error.message) : error;
  });
  const database = db ?? (await openDatabase(config));
  await migrate(database);
  await checkCryptoSuite(database, config.cryptoSuite);
  const changes = await openChangeFeed(database);
  const { mail, devSmtp } = await openMail(config, database);
  const redisTarget = config.redisSentinel ? { ...config.redisSentinel, url: config.redisUrl } : config.redisUrl;
  const redis = redisTarget ? await openRedis(redisTarget, config.redisKeyPrefix) : undefined;
  const kv = redis ? redisKeyValueStore(redis.client, `${redis.prefix}kv:`) : postgresKeyValueStore(database);
  const sms = signedSms(config.sms.kind === 'http' ? httpGatewaySms(config.sms.url, config.sms.secret) : outboxSms(database), config.smsSignature);
  const sessions = sessionStore(database, config.cryptoSuite);
  const tidying = backgroundJob(HOUSEKEEPING_INTERVAL_MS, log);
  tidying.start(housekeeping(database, kv, sessions));
  const cipher = personalDataCipher(config.keys, config.cryptoSuite);
  const registry = config.registry.url
    ? httpIdentityRegistry({ url: config.registry.url, clientId: config.registry.clientId, secret: config.registry.secret })
    : unconfiguredRegistry();
  const retries = backgroundJob(RETRY.pollIntervalMs, log);
  const platform: Platform = {
    config,
    log,
    db: database,
    changes,
    kv,
    redis,
    cipher,
    sms,
    mail,
    captcha: captchaService(kv),
    codes: verificationCodes(kv, { sms, mail }, (kind, value) => cipher.lookupHash(kind, value)),
    sessions,
    registry,
    storage: openStorage(config),
    async close() {
      await tidying.stop();
      await retries.stop();
      await devSmtp?.close();
      await redis?.close();
      await changes.close();
      await database.close();
    },
  };
  // Verifications the registry could not answer are retried by every node; rows are claimed, not shared.
  retries.start(() => retryPending(platform));
  return platform;
}

/**
 * Mail always goes out through SMTP. In development the platform first starts its own SMTP
 * server on config.mail.port; port 0 picks a free one, written back so config tells which.
 */
async function openMail(config: Config, db: Db): Promise<{ mail: MailSender; devSmtp?: DevSmtpServer }> {
  const settings = config.mail;
  if (settings.kind === 'smtp') return { mail: smtpMail(settings) };
  const devSmtp = createDevSmtpServer(db);
  settings.port = await devSmtp.listen(settings.port, DEV_SMTP_HOST);
  return { mail: smtpMail({ url: `smtp://${DEV_SMTP_HOST}:${settings.port}`, from: settings.from }), devSmtp };
}

export function openStorage(config: Config): ObjectStorage {
  const storage = config.storage;
  return storage.kind === 'local' ? localDiskStorage(storage.dir) : s3Storage(storage);
}

/**
 * No registry configured (tests that do not need one): every call is an outage, so
 * verifications stay pending instead of pretending an answer.
 */
export function unconfiguredRegistry(): IdentityRegistry {
  const unavailable = async (): Promise<never> => {
    throw new RegistryUnavailableError('network', 0, undefined, 'no registry configured');
  };
  return { verifyPerson: unavailable, verifyOrganization: unavailable };
}

/** A periodic job that never overlaps itself, keeps no process alive and is awaited on stop. */
function backgroundJob(intervalMs: number, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    start(work: () => Promise<unknown>) {
      timer = setInterval(() => {
        if (running) return;
        running = work()
          .catch((error: unknown) => log.error({ err: error }, 'background job failed'))
          .finally(() => (running = undefined));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
