/**
 * 全国技术合同管理与服务系统（演示系统） alone, against a running platform: `npm run demo:cas`.
 * PLATFORM_URL (default http://localhost:3000), CAS_DEMO_PORT (4002).
 */
import { startCasDemoFromEnv } from '../start.ts';

const platformUrl = process.env.PLATFORM_URL ?? 'http://localhost:3000';
const demo = await startCasDemoFromEnv(platformUrl);
console.log(`全国技术合同管理与服务系统（演示系统）: ${demo.url}/login  平台 ${platformUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void demo.close().then(() => process.exit(0)));
