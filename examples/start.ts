/**
 * Both demo business systems, started beside the platform in development (src/main.ts) or
 * alone (npm run demo:oidc / demo:cas). They sign in to the systems the development seed
 * registers (src/demo/business-systems.ts): hgr-demo at http://localhost:4001 and the CAS
 * service prefix http://localhost:4002/. Another port needs another registration.
 */
import { DEMO_OIDC_CLIENT } from '../src/demo/business-systems.ts';
import { startCasDemo, TITLE as CAS_TITLE } from './cas-demo/server.ts';
import type { DemoServer } from './common/http.ts';
import { startOidcDemo, TITLE as OIDC_TITLE } from './oidc-demo/server.ts';

export const DEMO_PORTS = { oidc: 4001, cas: 4002 } as const;

const port = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

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
 * reported and left out, never stopping the platform. Returns the lines to print.
 */
export async function startDemoSystems(platformBaseUrl: string): Promise<{ lines: string[]; close: () => Promise<void> }> {
  const demos = [
    { title: OIDC_TITLE, protocol: 'OIDC', start: startOidcDemoFromEnv },
    { title: CAS_TITLE, protocol: 'CAS', start: startCasDemoFromEnv },
  ];
  const lines: string[] = [];
  const running: DemoServer[] = [];
  for (const demo of demos) {
    try {
      const server = await demo.start(platformBaseUrl);
      running.push(server);
      lines.push(`演示业务系统: ${demo.title} (${demo.protocol}) ${server.url}/login`);
    } catch (error) {
      lines.push(`演示业务系统: ${demo.title} 未启动: ${(error as Error).message}`);
    }
  }
  return { lines, close: async () => void (await Promise.all(running.map((server) => server.close()))) };
}
