import { seedDemoData } from './demo/seed.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { DEV_SMTP_HOST } from './platform/dev-smtp.ts';
import { buildApp } from './platform/http/app.ts';
import { closeGracefully } from './ops/readiness.ts';
import { startMetricsServer } from './ops/metrics/server.ts';
import { createPlatform } from './platform/platform.ts';
import { DEFAULT_DATA_FILE, DEV_REGISTRY_DEFAULTS, createRegistryServer } from './realname/registry/server.ts';
import { startDevUpstream } from './federation/national/dev-upstream/start.ts';
import { DEV_KMS_HOST, createDevKms } from './crypto/keys/dev-kms.ts';

const config = configOrExit();

// Development: the stand-in for the national identity registry runs beside the platform on its own port.
const devRegistry =
  !config.production && !config.registry.url
    ? createRegistryServer({ dataFile: config.registry.dataFile ?? DEFAULT_DATA_FILE, secret: config.registry.secret, clientId: config.registry.clientId, allowControl: true })
    : undefined;
if (devRegistry) config.registry.url = await devRegistry.listen(config.registry.devPort, DEV_REGISTRY_DEFAULTS.host);
// Development with KEY_PROVIDER=kms and no KMS_URL: a key service of its own (version 1 = the development key so far).
const keyProvider = config.keyProvider;
const devKms =
  !config.production && keyProvider.kind === 'kms' && !keyProvider.url
    ? createDevKms({ dataFile: keyProvider.dataFile, secret: keyProvider.secret, initialKey: config.keys.personalData.length ? config.keys.personalData : undefined })
    : undefined;
if (devKms && keyProvider.kind === 'kms') keyProvider.url = await devKms.listen(keyProvider.devPort, DEV_KMS_HOST);
// Development: the stand-in for 国家政务服务平台 (an OIDC provider of its own) runs beside it too.
const devNational = !config.production && !config.nationalIdp.issuer ? await startDevUpstream(config) : undefined;
devNational?.registerPlatform(config.baseUrl);
// A refused start (CRYPTO_SUITE differs from the suite the database was set up with) prints its message alone.
const platform = await createPlatform(config).catch(exitOnConfigError);
const app = await buildApp(platform);
await app.listen({ host: config.host, port: config.port });
// Prometheus scrapes /metrics on its own port, never the public one (METRICS_PORT; development: a free port).
const metrics = config.metricsPort === undefined ? undefined : await startMetricsServer(config.metricsPort, config.host);

const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${config.dataDir}/pglite)`;
console.log(`统一身份认证平台已启动: ${config.baseUrl}  数据库: ${database}`);
if (metrics) console.log(`监控指标 (metrics): ${metrics.url}`);
if (!config.production) {
  console.log(`开发工具: 短信发件箱 ${config.baseUrl}/dev/outbox`);
  if (config.mail.kind === 'dev') console.log(`开发工具: 邮件收件箱 ${config.baseUrl}/dev/mail (开发SMTP服务器 smtp://${DEV_SMTP_HOST}:${config.mail.port})`);
  if (devNational) console.log(`开发工具: 模拟国家政务服务平台 ${devNational.upstream.url} (账号 gjzw01 … 密码 Gjzw@2024-01 …，见其登录页)`);
  if (devKms && keyProvider.kind === 'kms') console.log(`开发工具: 开发密钥管理服务 ${keyProvider.url} (密钥 ${keyProvider.dataFile}; POST /v1/keys/rotate 新增版本)`);
  if (devRegistry) console.log(`开发工具: 模拟国家身份核验服务 ${config.registry.url} (数据 ${config.registry.dataFile ?? DEFAULT_DATA_FILE}; 故障注入 POST /control)`);
}
// Development: the two demo business systems (examples/) start first, on OIDC_DEMO_PORT / CAS_DEMO_PORT,
// and the seed registers them where they listen (src/demo/business-systems.ts).
const demoSystems = !config.production && config.seedDemoData ? await (await import('../examples/start.ts')).startDemoSystems(config.baseUrl) : undefined;
if (demoSystems) for (const line of await seedDemoData(platform, demoSystems.urls)) console.log(line);
for (const line of demoSystems?.lines ?? []) console.log(line);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    // Not ready at once (the load balancer drains this node), then the requests in flight finish (bounded).
    await closeGracefully(app, config.shutdown);
    await metrics?.close();
    await demoSystems?.close();
    await devRegistry?.close();
    await devKms?.close();
    await devNational?.upstream.close();
    await platform.close();
    process.exit(0);
  });
}

/** The configuration; a refused one ends the process with its message alone (no stack), before anything listens. */
function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    return exitOnConfigError(error);
  }
}

function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`统一身份认证平台无法启动 (cannot start): ${error.message}`);
  process.exit(1);
}
