import { seedDemoData } from './demo/seed.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { DEV_SMTP_HOST } from './platform/dev-smtp.ts';
import { buildApp } from './platform/http/app.ts';
import { createPlatform } from './platform/platform.ts';
import { DEFAULT_DATA_FILE, DEV_REGISTRY_DEFAULTS, createRegistryServer } from './realname/registry/server.ts';

const config = configOrExit();

// Development: the stand-in for the national identity registry runs beside the platform on its own port.
const devRegistry =
  !config.production && !config.registry.url
    ? createRegistryServer({ dataFile: config.registry.dataFile ?? DEFAULT_DATA_FILE, secret: config.registry.secret, clientId: config.registry.clientId, allowControl: true })
    : undefined;
if (devRegistry) config.registry.url = await devRegistry.listen(config.registry.devPort, DEV_REGISTRY_DEFAULTS.host);
const platform = await createPlatform(config);
const app = await buildApp(platform);
await app.listen({ host: config.host, port: config.port });

const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${config.dataDir}/pglite)`;
console.log(`统一身份认证平台已启动: ${config.baseUrl}  数据库: ${database}`);
if (!config.production) {
  console.log(`开发工具: 短信发件箱 ${config.baseUrl}/dev/outbox`);
  if (config.mail.kind === 'dev') console.log(`开发工具: 邮件收件箱 ${config.baseUrl}/dev/mail (开发SMTP服务器 smtp://${DEV_SMTP_HOST}:${config.mail.port})`);
  if (devRegistry) console.log(`开发工具: 模拟国家身份核验服务 ${config.registry.url} (数据 ${config.registry.dataFile ?? DEFAULT_DATA_FILE}; 故障注入 POST /control)`);
}
// Development: the two demo business systems (examples/) start first, on OIDC_DEMO_PORT / CAS_DEMO_PORT,
// and the seed registers them where they listen (src/demo/business-systems.ts).
const demoSystems = !config.production && config.seedDemoData ? await (await import('../examples/start.ts')).startDemoSystems(config.baseUrl) : undefined;
if (demoSystems) for (const line of await seedDemoData(platform, demoSystems.urls)) console.log(line);
for (const line of demoSystems?.lines ?? []) console.log(line);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await demoSystems?.close();
    await devRegistry?.close();
    await platform.close();
    process.exit(0);
  });
}

/** The configuration; a refused one ends the process with its message alone (no stack), before anything listens. */
function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`统一身份认证平台无法启动 (cannot start): ${error.message}`);
    process.exit(1);
  }
}
