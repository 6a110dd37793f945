/**
 * 人类遗传资源管理（演示系统） alone, against a running platform: `npm run demo:oidc`.
 * PLATFORM_URL (default http://localhost:3000), OIDC_DEMO_PORT (4001),
 * OIDC_DEMO_CLIENT_ID / OIDC_DEMO_CLIENT_SECRET (default: the development seed's hgr-demo).
 */
import { startOidcDemoFromEnv } from '../start.ts';

const platformUrl = process.env.PLATFORM_URL ?? 'http://localhost:3000';
const demo = await startOidcDemoFromEnv(platformUrl);
console.log(`人类遗传资源管理（演示系统）: ${demo.url}/login  平台 ${platformUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void demo.close().then(() => process.exit(0)));
