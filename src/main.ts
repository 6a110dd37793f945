import { seedDemoData } from './demo/seed.ts';
import { loadConfig } from './platform/config.ts';
import { buildApp } from './platform/http/app.ts';
import { createPlatform } from './platform/platform.ts';

const config = loadConfig();
const platform = await createPlatform(config);
const app = await buildApp(platform);
await app.listen({ host: config.host, port: config.port });

const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${config.dataDir}/pglite)`;
console.log(`统一身份认证平台已启动: ${config.baseUrl}  数据库: ${database}`);
if (!config.production) {
  console.log(`开发工具: 短信发件箱 ${config.baseUrl}/dev/outbox`);
  if (config.seedDemoData) for (const line of await seedDemoData(platform)) console.log(line);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await platform.close();
    process.exit(0);
  });
}
