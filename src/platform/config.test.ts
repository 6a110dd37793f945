/**
 * The configuration: development tools only with NODE_ENV=development exactly, production
 * (anything else) refusing to start without its services and keys, and never both at once.
 * src/platform/main-startup.int.test.ts proves the same through the real entry point.
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

const key = randomBytes(32).toString('base64');
const PRODUCTION = {
  PII_ENCRYPTION_KEY: key,
  PII_LOOKUP_KEY: key,
  SMS_GATEWAY_URL: 'http://gw',
  SMS_GATEWAY_SECRET: 's',
  SMTP_URL: 'smtp://mail.example.cn:587',
  REGISTRY_URL: 'http://registry',
  REGISTRY_SECRET: 'r',
};
const ALL_REQUIRED = /PII_ENCRYPTION_KEY, PII_LOOKUP_KEY, REGISTRY_URL, REGISTRY_SECRET, SMS_GATEWAY_URL, SMS_GATEWAY_SECRET, SMTP_URL/;
const DEV = { NODE_ENV: 'development' };
const inMemory = { inMemoryDatabase: true };

const assertRefused = (env: Record<string, string>, pattern: RegExp) =>
  assert.throws(
    () => loadConfig(env, inMemory),
    (error: unknown) => error instanceof ConfigError && pattern.test(error.message),
  );

describe('configuration', () => {
  it('cookies are Secure unless COOKIE_SECURE=false', () => {
    assert.equal(loadConfig(DEV, inMemory).cookieSecure, true);
    assert.equal(loadConfig({ ...DEV, COOKIE_SECURE: 'true' }, inMemory).cookieSecure, true);
    assert.equal(loadConfig({ ...DEV, COOKIE_SECURE: 'false' }, inMemory).cookieSecure, false);
  });

  it('NODE_ENV=development turns the development tools on: outbox, development SMTP server and registry, demo data', () => {
    const config = loadConfig(DEV, inMemory);
    assert.equal(config.production, false);
    assert.equal(config.seedDemoData, true);
    assert.deepEqual(config.sms, { kind: 'outbox' });
    assert.equal(config.mail.kind, 'dev');
    assert.equal(config.registry.url, undefined);
    assert.equal(loadConfig({ ...DEV, SEED_DEMO_DATA: 'false' }, inMemory).seedDemoData, false);
  });

  it('NODE_ENV unset, misspelt or anything but development is production, naming every missing setting at once', () => {
    assertRefused({}, ALL_REQUIRED);
    assertRefused({}, /NODE_ENV 未设置/);
    for (const value of ['productoin', 'test', 'Development', 'dev', '']) assertRefused({ NODE_ENV: value }, ALL_REQUIRED);
    assertRefused({ NODE_ENV: 'productoin' }, /生产环境缺少必需的配置.*NODE_ENV=productoin/);
  });

  it('production refuses to start without PII keys, registry, SMS gateway or SMTP server', () => {
    const without = (...names: string[]) => Object.fromEntries(Object.entries(PRODUCTION).filter(([name]) => !names.includes(name)));
    assertRefused(without('PII_ENCRYPTION_KEY', 'PII_LOOKUP_KEY'), /required settings: PII_ENCRYPTION_KEY, PII_LOOKUP_KEY \(/);
    for (const name of ['REGISTRY_URL', 'REGISTRY_SECRET', 'SMS_GATEWAY_URL', 'SMS_GATEWAY_SECRET', 'SMTP_URL']) {
      assertRefused(without(name), new RegExp(`required settings: ${name} \\(`));
    }
    assertRefused({ ...PRODUCTION, S3_BUCKET: 'uploads' }, /S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
    assertRefused({ ...PRODUCTION, PII_ENCRYPTION_KEY: 'c2hvcnQ=' }, /32 bytes/);
  });

  it('production with everything set: real services, no demo data even when asked for', () => {
    for (const env of [PRODUCTION, { ...PRODUCTION, NODE_ENV: 'production' }, { ...PRODUCTION, SEED_DEMO_DATA: 'true' }]) {
      const config = loadConfig(env, inMemory);
      assert.equal(config.production, true);
      assert.equal(config.seedDemoData, false);
      assert.deepEqual(config.sms, { kind: 'http', url: 'http://gw', secret: 's' });
      assert.deepEqual(config.mail, { kind: 'smtp', url: 'smtp://mail.example.cn:587', from: '科学技术部政务服务平台 <noreply@most.example.cn>' });
      assert.equal(config.registry.url, 'http://registry');
    }
  });

  it('development refuses to run beside any production gateway', () => {
    for (const name of ['SMS_GATEWAY_URL', 'SMTP_URL', 'REGISTRY_URL'] as const) {
      assertRefused({ ...DEV, [name]: PRODUCTION[name] }, new RegExp(`开发模式不能与生产网关同时使用：${name}`));
    }
    assertRefused({ ...PRODUCTION, ...DEV }, /开发模式不能与生产网关同时使用：SMS_GATEWAY_URL, SMTP_URL, REGISTRY_URL/);
  });
});
