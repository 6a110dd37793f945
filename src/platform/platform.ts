import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { captchaService, type CaptchaService } from './captcha.ts';
import type { Config } from './config.ts';
import { openPglite, openPostgres, type Db } from './db.ts';
import { sessionStore, type SessionStore } from './http/sessions.ts';
import { postgresKeyValueStore, type KeyValueStore } from './kv.ts';
import { migrate } from './migrations.ts';
import { personalDataCipher, type PersonalDataCipher } from './personal-data.ts';
import { httpGatewaySms, outboxSms, type SmsSender } from './sms.ts';
import { verificationCodes, type VerificationCodes } from './verification-codes.ts';

/** The shared services every capability is built from, each behind its interface. */
export interface Platform {
  config: Config;
  db: Db;
  kv: KeyValueStore;
  cipher: PersonalDataCipher;
  sms: SmsSender;
  captcha: CaptchaService;
  codes: VerificationCodes;
  sessions: SessionStore;
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
  const database = db ?? (await openDatabase(config));
  await migrate(database);
  const kv = postgresKeyValueStore(database);
  const sms = config.sms.kind === 'http' ? httpGatewaySms(config.sms.url, config.sms.secret) : outboxSms(database);
  const housekeeping = setInterval(() => {
    kv.purgeExpired().catch(() => {});
  }, 60_000);
  housekeeping.unref();
  const cipher = personalDataCipher(config.keys);
  return {
    config,
    db: database,
    kv,
    cipher,
    sms,
    captcha: captchaService(kv),
    codes: verificationCodes(kv, sms, (phone) => cipher.lookupHash('mobile', phone)),
    sessions: sessionStore(database),
    async close() {
      clearInterval(housekeeping);
      await database.close();
    },
  };
}
