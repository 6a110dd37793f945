/**
 * The server side of the SSO benchmark, in its own process (as in bench/login, so that the
 * load generator's work does not run on the servers' event loop): a fresh platform
 * (test/support/platform.ts) with one business system (OIDC client and CAS service) and one
 * verified, signed-in person, and beside it the bare oidc-provider baseline (bare.ts).
 * Started by bench/sso/run.ts with fork; commands over IPC.
 */
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { startBareProvider, type BareClient } from './bare.ts';

export interface ServerOptions {
  database: 'pglite' | 'postgres';
  databaseUrl?: string;
}

export interface ServerInfo {
  database: string;
  platform: { baseUrl: string; client: BareClient; scope: string; casService: string; cookies: [string, string][] };
  bare: { baseUrl: string; client: BareClient; scope: string };
}

// A person the development registry knows, so the account is verified (国家平台实名认证通过).
const WANG_WU = { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };
/** What a business system asks for: every claim the platform releases except mobile. */
const PLATFORM_SCOPE = 'openid profile verification organization';
// Never called: the benchmark reads the code and ticket from the redirect.
const SYSTEM_BASE = 'http://127.0.0.1:1/bench-system/';

export async function startBenchServer(options: ServerOptions) {
  process.env.TEST_DATABASE = options.database;
  if (options.databaseUrl) process.env.TEST_DATABASE_URL = options.databaseUrl;
  const { startTestPlatform } = await import('../../test/support/platform.ts');
  const test = await startTestPlatform();

  const client: BareClient = { clientId: 'bench-system', clientSecret: 'bench-system-secret-0123456789abcdef0123456789', redirectUri: `${SYSTEM_BASE}callback` };
  await systemsStore(test.platform.db, test.platform.cipher).create({
    key: 'bench-system',
    name: '基准测试业务系统',
    department: '测试司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    roles: [],
    oidc: { clientId: client.clientId, clientSecret: client.clientSecret, redirectUris: [client.redirectUri], postLogoutRedirectUris: [SYSTEM_BASE], backchannelLogoutUri: null },
    casServicePrefix: SYSTEM_BASE,
    mobileAllowed: false,
    enabled: true,
  });
  const person = await registerAndLogIn(test.baseUrl, 'natural', WANG_WU);
  const bare = await startBareProvider();

  const info: ServerInfo = {
    database: test.platform.db.kind,
    platform: { baseUrl: test.baseUrl, client, scope: PLATFORM_SCOPE, casService: `${SYSTEM_BASE}cas`, cookies: [...person.client.cookies] },
    bare: { baseUrl: bare.issuer, client: bare.client, scope: 'openid profile' },
  };
  return {
    info,
    snapshot: () => ({ cpu: process.cpuUsage() }),
    async close() {
      await bare.close();
      await test.close();
    },
  };
}

interface Command {
  id: number;
  cmd: 'snapshot' | 'close';
}

if (import.meta.main) {
  if (!process.send) throw new Error('bench/sso/server.ts is started by bench/sso/run.ts');
  const send = (message: unknown) => process.send!(message);
  const server = await startBenchServer(JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as ServerOptions);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= server.close());
  process.on('message', async (message: Command) => {
    if (message.cmd === 'snapshot') return send({ id: message.id, ok: true, result: server.snapshot() });
    await close();
    send({ id: message.id, ok: true });
    process.disconnect();
  });
  // The runner went away (crash, Ctrl-C): do not linger, drop the temporary database.
  process.on('disconnect', () => {
    close().finally(() => process.exit(0));
  });
  send({ type: 'ready', info: server.info });
}
