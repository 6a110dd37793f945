/**
 * The server side of the SSO benchmark, in its own process (as in bench/login, so that the
 * load generator's work does not run on the servers' event loop): a fresh platform
 * (test/support/platform.ts) with one business system (OIDC client and CAS service) and one
 * verified, signed-in person, and beside it the bare oidc-provider baseline (bare.ts).
 * Started by bench/sso/run.ts with fork; commands over IPC.
 */
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Session } from 'node:inspector/promises';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { platformArtefactStore } from '../../src/sso/oidc/provider.ts';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { summarizeProfile, type Counter, type ProfileEntry } from '../login/server.ts';
import { startBareProvider, type BareClient } from './bare.ts';

export interface ServerOptions {
  database: 'pglite' | 'postgres';
  databaseUrl?: string;
  /** The platform's artefacts and key-value store in Redis (several nodes), the reference's artefacts too. */
  redisUrl?: string;
}

export interface ServerInfo {
  database: string;
  platform: { baseUrl: string; client: BareClient; scope: string; casService: string; cookies: [string, string][] };
  bare: { baseUrl: string; client: BareClient; scope: string };
  /** The bare provider with the platform's artefact store (same database; with Redis split as the platform's, store-split.ts) instead of memory. */
  bareStore: { baseUrl: string; client: BareClient; scope: string };
}

// A person the development registry knows, so the account is verified (国家平台实名认证通过).
const WANG_WU = { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };
/** What a business system asks for: every claim the platform releases except mobile. */
const PLATFORM_SCOPE = 'openid profile verification organization';
// Never called: the benchmark reads the code and ticket from the redirect.
const SYSTEM_BASE = 'http://127.0.0.1:1/bench-system/';

/** Cumulative counters; the runner diffs two snapshots taken at the edges of a measured window. */
export interface ServerSnapshot {
  cpu: NodeJS.CpuUsage;
  /** Statements the platform issued (db.query), in all and by statement text. */
  sql: Counter;
  statements: Record<string, Counter>;
  /** Server-side request time (received → response finished) per method and path, both servers. */
  routes: Record<string, Counter>;
}

const counter = (): Counter => ({ count: 0, ms: 0 });
const stats = { sql: counter(), statements: new Map<string, Counter>(), routes: new Map<string, Counter>() };

function add(map: Map<string, Counter> | undefined, key: string, ms: number, total?: Counter) {
  if (total) {
    total.count++;
    total.ms += ms;
  }
  if (!map) return;
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = counter()));
  entry.count++;
  entry.ms += ms;
}

const keys = new Map<string, string>();
/** Statement text as a short key: whitespace collapsed, cut at 90 characters (remembered: the counting must cost the platform little). */
function statementKey(sql: string): string {
  let key = keys.get(sql);
  if (key === undefined) {
    const flat = sql.replace(/\s+/g, ' ').trim();
    key = flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
    if (keys.size < 1000) keys.set(sql, key);
  }
  return key;
}

/** Paths with their variable parts named, so that requests group by route. */
function routeKey(request: IncomingMessage, servers: Map<string, string>): string {
  const path = (request.url ?? '').split('?')[0]!
    .replace(/^\/sso\/interaction\/[^/]+/, '/sso/interaction/:uid')
    .replace(/^(\/oidc)?\/auth\/[^/]+/, '$1/auth/:uid')
    .replace(/^\/interaction\/[^/]+/, '/interaction/:uid');
  const server = servers.get(request.headers.host?.split(':')[1] ?? '') ?? 'platform';
  return `${server} ${request.method} ${path}`;
}

export async function startBenchServer(options: ServerOptions) {
  process.env.TEST_DATABASE = options.database;
  if (options.databaseUrl) process.env.TEST_DATABASE_URL = options.databaseUrl;
  const { startTestPlatform } = await import('../../test/support/platform.ts');
  const test = await startTestPlatform(options.redisUrl ? { redisUrl: options.redisUrl, redisKeyPrefix: 'bench:platform:' } : {});

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
  const bareStore = await startBareProvider(platformArtefactStore(test.platform, 'reference:'));

  // From here on, count and time every statement the platform issues (the stores call
  // db.query on this object; statements inside a transaction go through its tx and are not counted).
  const db = test.platform.db;
  const query = db.query.bind(db);
  db.query = (async (sql: string, params?: unknown[]) => {
    const begin = performance.now();
    try {
      return await query(sql, params);
    } finally {
      // The provider's artefacts by model (Session, Interaction, Grant, AuthorizationCode, ...).
      const model = /oidc_payloads/.test(sql) && typeof params?.[0] === 'string' && params[0].length < 40 ? ` [${params[0]}]` : '';
      add(stats.statements, statementKey(sql) + model, performance.now() - begin, stats.sql);
    }
  }) as typeof db.query;
  const servers = new Map([
    [new URL(bare.issuer).port, 'bare'],
    [new URL(bareStore.issuer).port, 'bare+store'],
  ]);
  const started = new WeakMap<IncomingMessage, number>();
  diagnostics.subscribe('http.server.request.start', (message) => {
    started.set((message as { request: IncomingMessage }).request, performance.now());
  });
  diagnostics.subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage };
    const begin = started.get(request);
    if (begin !== undefined) add(stats.routes, routeKey(request, servers), performance.now() - begin);
  });
  let profiler: Session | undefined;

  const info: ServerInfo = {
    database: test.platform.db.kind,
    platform: { baseUrl: test.baseUrl, client, scope: PLATFORM_SCOPE, casService: `${SYSTEM_BASE}cas`, cookies: [...person.client.cookies] },
    bare: { baseUrl: bare.issuer, client: bare.client, scope: PLATFORM_SCOPE },
    bareStore: { baseUrl: bareStore.issuer, client: bareStore.client, scope: PLATFORM_SCOPE },
  };
  return {
    /** The platform's database (instrumented), for bench/sso/trace.ts. */
    db,
    info,
    snapshot: (): ServerSnapshot =>
      structuredClone({ cpu: process.cpuUsage(), sql: stats.sql, statements: Object.fromEntries(stats.statements), routes: Object.fromEntries(stats.routes) }),
    /** V8's sampling profiler on this process's main thread (both servers, PGlite's WebAssembly included). */
    async profileStart() {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
    },
    async profileStop(file: string): Promise<ProfileEntry[]> {
      const { profile } = await profiler!.post('Profiler.stop');
      profiler!.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      return summarizeProfile(profile);
    },
    async close() {
      await bare.close();
      await bareStore.close();
      await test.close();
    },
  };
}

interface Command {
  id: number;
  cmd: 'snapshot' | 'profileStart' | 'profileStop' | 'close';
  args?: unknown[];
}

if (import.meta.main) {
  if (!process.send) throw new Error('bench/sso/server.ts is started by bench/sso/run.ts');
  const send = (message: unknown) => process.send!(message);
  const server = await startBenchServer(JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as ServerOptions);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= server.close());
  process.on('message', async (message: Command) => {
    if (message.cmd === 'snapshot') return send({ id: message.id, ok: true, result: server.snapshot() });
    if (message.cmd === 'profileStart') return send({ id: message.id, ok: true, result: await server.profileStart() });
    if (message.cmd === 'profileStop') return send({ id: message.id, ok: true, result: await server.profileStop(String(message.args?.[0])) });
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
