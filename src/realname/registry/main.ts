/**
 * Standalone development registry:
 *   node src/realname/registry/main.ts [--port 3100] [--host 127.0.0.1] [--data file] [--no-control]
 * Environment: REGISTRY_PORT, REGISTRY_HOST, REGISTRY_SECRET, REGISTRY_CLIENT_ID,
 * REGISTRY_DATA_FILE, REGISTRY_ALLOW_CONTROL=false. Command-line options win.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_FILE, DEV_REGISTRY_DEFAULTS, createRegistryServer } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    control: { type: 'boolean' },
  },
  allowNegative: true,
});

const env = process.env;
const port = Number(values.port ?? env.REGISTRY_PORT ?? DEV_REGISTRY_DEFAULTS.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid port: ${values.port ?? env.REGISTRY_PORT}`);
const host = values.host ?? env.REGISTRY_HOST ?? DEV_REGISTRY_DEFAULTS.host;
const dataFile = path.resolve(values.data ?? env.REGISTRY_DATA_FILE ?? DEFAULT_DATA_FILE);
const allowControl = values.control ?? env.REGISTRY_ALLOW_CONTROL !== 'false';
const secret = env.REGISTRY_SECRET || DEV_REGISTRY_DEFAULTS.secret;
if (!env.REGISTRY_SECRET) {
  console.warn(`警告: 未设置 REGISTRY_SECRET，使用开发默认密钥 "${DEV_REGISTRY_DEFAULTS.secret}" (warning: REGISTRY_SECRET not set, using the development default)`);
}

const server = createRegistryServer({
  dataFile,
  secret,
  clientId: env.REGISTRY_CLIENT_ID || undefined,
  allowControl,
  log: (line) => console.log(`[registry] ${line}`),
});
const url = await server.listen(port, host);
console.log(`开发用实名认证模拟服务已启动 (development identity registry): ${url}`);
console.log(`  数据 (data): ${dataFile}`);
if (allowControl) console.log(`  故障注入 (fault injection): POST ${url}/control {"mode":"normal"|"slow"|"down","delayMs":5000}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
