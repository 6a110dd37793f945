/**
 * Both demo business systems, started beside the platform in development (src/main.ts) or
 * alone (npm run demo:oidc / demo:cas). They sign in to the systems the development seed
 * registers (src/demo/business-systems.ts): hgr-demo at http://localhost:4001 and the CAS
 * service prefix http://localhost:4002/, or on OIDC_DEMO_PORT / CAS_DEMO_PORT: src/main.ts
 * starts them first and registers them where they listen. Started alone on another port,
 * they need the platform started with the same setting (or the registration changed).
 */
import { DEMO_OIDC_CLIENT, type DemoSystemUrls } from '../src/demo/business-systems.ts';
import { startCasDemo, TITLE as CAS_TITLE } from './cas-demo/server.ts';
import type { DemoServer } from './common/http.ts';
import { startOidcDemo, TITLE as OIDC_TITLE } from './oidc-demo/server.ts';

export const DEMO_PORTS = { oidc: 4001, cas: 4002 } as const;

const port = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

/** Where the demos are reached when they listen on their configured ports (the demo servers' own URL form). */
export function demoUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): DemoSystemUrls {
  return { oidc: `http://localhost:${port(env.OIDC_DEMO_PORT, DEMO_PORTS.oidc)}`, cas: `http://localhost:${port(env.CAS_DEMO_PORT, DEMO_PORTS.cas)}` };
}

export function startOidcDemoFromEnv(platformBaseUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<DemoServer> {
  return startOidcDemo({
    platformUrl: platformBaseUrl,
    clientId: env.OIDC_DEMO_CLIENT_ID ?? DEMO_OIDC_CLIENT.clientId,
    clientSecret: env.OIDC_DEMO_CLIENT_SECRET ?? DEMO_OIDC_CLIENT.secret,
    port: port(env.OIDC_DEMO_PORT, DEMO_PORTS.oidc),
  });
}

export function startCasDemoFromEnv(platformBaseUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<DemoServer> {
  return startCasDemo({ platformUrl: platformBaseUrl, port: port(env.CAS_DEMO_PORT, DEMO_PORTS.cas) });
}

/**
 * Starts both; one that cannot start (its port is taken, e.g. by `npm run demo:oidc`) is
 * reported and left out, never stopping the platform. Returns the lines to print and where
 * the demos are (`urls`, for the seed to register): where each listens, or for one that did
 * not start, its configured port (where `npm run demo:*` with the same setting listens).
 */
export async function startDemoSystems(
  platformBaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ lines: string[]; urls: DemoSystemUrls; close: () => Promise<void> }> {
  const demos = [
    { name: 'oidc', title: OIDC_TITLE, protocol: 'OIDC', start: startOidcDemoFromEnv },
    { name: 'cas', title: CAS_TITLE, protocol: 'CAS', start: startCasDemoFromEnv },
  ] as const;
  const lines: string[] = [];
  const urls = demoUrlsFromEnv(env);
  const running: DemoServer[] = [];
  for (const demo of demos) {
    try {
      const server = await demo.start(platformBaseUrl, env);
      running.push(server);
      urls[demo.name] = server.url;
      lines.push(`演示业务系统: ${demo.title} (${demo.protocol}) ${server.url}/login`);
    } catch (error) {
      lines.push(`演示业务系统: ${demo.title} 未启动: ${(error as Error).message}`);
    }
  }
  return { lines, urls, close: async () => void (await Promise.all(running.map((server) => server.close()))) };
}
