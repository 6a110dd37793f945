/**
 * The configuration: development tools only with NODE_ENV=development exactly, production
 * (anything else) refusing to start without its services and keys, and never both at once.
 * src/platform/main-startup.int.test.ts proves the same through the real entry point.
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, nationalIdpEnabled } from './config.ts';

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

  it('国家政务服务平台账号登录 is on only with NATIONAL_IDP_ISSUER, _CLIENT_ID and _CLIENT_SECRET all set', () => {
    const dev = loadConfig(DEV, inMemory);
    assert.equal(dev.nationalIdp.issuer, undefined);
    assert.equal(dev.nationalIdp.devPort, 3300);
    assert.equal(nationalIdpEnabled(dev), false);
    const all = { NATIONAL_IDP_ISSUER: 'https://idp.example.gov.cn', NATIONAL_IDP_CLIENT_ID: 'most', NATIONAL_IDP_CLIENT_SECRET: 's' };
    assert.equal(nationalIdpEnabled(loadConfig({ ...PRODUCTION, ...all }, inMemory)), true);
    for (const name of Object.keys(all)) {
      assert.equal(nationalIdpEnabled(loadConfig({ ...PRODUCTION, ...all, [name]: '' }, inMemory)), false, name);
    }
    assert.equal(loadConfig({ ...DEV, NATIONAL_IDP_DEV_PORT: '3400' }, inMemory).nationalIdp.devPort, 3400);
  });

  it('CRYPTO_SUITE is international unless set to national; anything else is refused by name', () => {
    assert.equal(loadConfig(DEV, inMemory).cryptoSuite, 'international');
    assert.equal(loadConfig({ ...DEV, CRYPTO_SUITE: '' }, inMemory).cryptoSuite, 'international');
    assert.equal(loadConfig({ ...DEV, CRYPTO_SUITE: 'international' }, inMemory).cryptoSuite, 'international');
    assert.equal(loadConfig({ ...PRODUCTION, CRYPTO_SUITE: 'national' }, inMemory).cryptoSuite, 'national');
    for (const value of ['National', 'sm4', 'gm', ' national']) assertRefused({ ...DEV, CRYPTO_SUITE: value }, /CRYPTO_SUITE: international or national/);
  });

  it('二维码登录 codes live 30 to 600 seconds (QR_LOGIN_TTL_SECONDS), 120 unless set', () => {
    assert.equal(loadConfig(DEV, inMemory).qrLoginTtlMs, 120_000);
    assert.equal(loadConfig({ ...DEV, QR_LOGIN_TTL_SECONDS: '30' }, inMemory).qrLoginTtlMs, 30_000);
    for (const value of ['0', '29', '601', '-5', '1.5', 'abc']) assertRefused({ ...DEV, QR_LOGIN_TTL_SECONDS: value }, /QR_LOGIN_TTL_SECONDS|invalid integer/);
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

describe('configuration of a node among several (issue 19)', () => {
  it('NODE_NAME names the node (default: the host name); METRICS_PORT is off in production unless set, a free port in development', async () => {
    const { hostname } = await import('node:os');
    assert.equal(loadConfig(PRODUCTION, inMemory).nodeName, hostname());
    assert.equal(loadConfig({ ...PRODUCTION, NODE_NAME: 'node2' }, inMemory).nodeName, 'node2');
    assert.equal(loadConfig(PRODUCTION, inMemory).metricsPort, undefined);
    assert.equal(loadConfig({ ...PRODUCTION, METRICS_PORT: '9464' }, inMemory).metricsPort, 9464);
    assert.equal(loadConfig(DEV, inMemory).metricsPort, 0);
    for (const bad of ['http', '70000', '-1', '1.5']) assertRefused({ ...PRODUCTION, METRICS_PORT: bad }, /METRICS_PORT/);
  });

  it('shutdown: no drain delay and 10 s for requests in flight unless set', () => {
    assert.deepEqual(loadConfig(PRODUCTION, inMemory).shutdown, { drainMs: 0, timeoutMs: 10_000 });
    assert.deepEqual(loadConfig({ ...PRODUCTION, SHUTDOWN_DRAIN_SECONDS: '3', SHUTDOWN_TIMEOUT_SECONDS: '25' }, inMemory).shutdown, { drainMs: 3000, timeoutMs: 25_000 });
    assertRefused({ ...PRODUCTION, SHUTDOWN_TIMEOUT_SECONDS: 'soon' }, /invalid integer/);
  });

  it('REDIS_SENTINELS (host:port list) with REDIS_SENTINEL_MASTER; a malformed list or a missing master is refused', () => {
    assert.equal(loadConfig(PRODUCTION, inMemory).redisSentinel, undefined);
    const config = loadConfig({ ...PRODUCTION, REDIS_SENTINELS: 'sentinel-a:26379, 10.0.0.7:26380,[::1]:26381', REDIS_SENTINEL_MASTER: 'most' }, inMemory);
    assert.deepEqual(config.redisSentinel, {
      master: 'most',
      sentinels: [
        { host: 'sentinel-a', port: 26379 },
        { host: '10.0.0.7', port: 26380 },
        { host: '::1', port: 26381 },
      ],
    });
    for (const bad of ['sentinel-a', 'sentinel-a:', 'a:1,,b:2', 'redis://a:26379', 'a:99999']) {
      assertRefused({ ...PRODUCTION, REDIS_SENTINELS: bad, REDIS_SENTINEL_MASTER: 'most' }, /REDIS_SENTINELS/);
    }
    assertRefused({ ...PRODUCTION, REDIS_SENTINELS: 'a:26379' }, /REDIS_SENTINEL_MASTER/);
  });
});

describe('versioned personal-data keys (issue 20.3, src/crypto/keys/)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const { PII_ENCRYPTION_KEY: _single, ...versioned } = PRODUCTION;

  it('PII_ENCRYPTION_KEYS="2:…,1:…" replaces PII_ENCRYPTION_KEY in production: the first is current, every one readable', () => {
    const config = loadConfig({ ...versioned, PII_ENCRYPTION_KEYS: `2:${k2.toString('base64')}, 1:${k1.toString('base64')}` }, inMemory);
    assert.equal(config.keys.ring?.current, 2);
    assert.deepEqual([...config.keys.ring!.keys.keys()], [2, 1]);
    assert.ok(config.keys.personalData.equals(k2));
    assert.deepEqual(config.keyProvider, { kind: 'env' });
    // The single key alone is version 1, without a ring.
    assert.equal(loadConfig(PRODUCTION, inMemory).keys.ring, undefined);
  });

  it('a malformed key list is refused by name, never echoing a key', () => {
    for (const [list, pattern] of [
      ['x:abc', /a key version is a positive integer/],
      [`2:${k2.toString('base64')},2:${k1.toString('base64')}`, /version 2 given twice/],
      ['1:c2hvcnQ=', /32 bytes/],
      [`1:${k1.toString('base64')},`, /expected <version>:<base64 key>/],
      [k1.toString('base64'), /PII_ENCRYPTION_KEYS/],
    ] as const) {
      assert.throws(
        () => loadConfig({ ...versioned, PII_ENCRYPTION_KEYS: list }, inMemory),
        (error: unknown) => error instanceof ConfigError && pattern.test(error.message) && !error.message.includes(k1.toString('base64')),
        list,
      );
    }
  });

  it('KEY_PROVIDER: env unless file (KEY_FILE) or kms (KMS_URL and KMS_SECRET in production); anything else refused', () => {
    assertRefused({ ...versioned, KEY_PROVIDER: 'vault' }, /KEY_PROVIDER: env, file or kms, not "vault"/);
    assertRefused({ ...versioned, KEY_PROVIDER: 'file' }, /KEY_FILE/);
    assertRefused({ ...versioned, KEY_PROVIDER: 'kms' }, /KMS_URL/);
    assertRefused({ ...versioned, KEY_PROVIDER: 'kms', KMS_URL: 'https://kms.example.cn' }, /KMS_SECRET/);
    assertRefused({ ...versioned, KEY_PROVIDER: 'file', KEY_FILE: '/nonexistent/keys.json' }, /KEY_FILE: cannot read \/nonexistent\/keys.json/);
    const kms = loadConfig({ ...versioned, KEY_PROVIDER: 'kms', KMS_URL: 'https://kms.example.cn', KMS_SECRET: 's' }, inMemory);
    assert.equal(kms.keyProvider.kind, 'kms');
    assert.equal(kms.keyProvider.kind === 'kms' && kms.keyProvider.url, 'https://kms.example.cn');
    // Development without KMS_URL: the platform starts its own (src/main.ts).
    const dev = loadConfig({ ...DEV, KEY_PROVIDER: 'kms' }, inMemory);
    assert.equal(dev.keyProvider.kind === 'kms' && dev.keyProvider.url, undefined);
  });
});
