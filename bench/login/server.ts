/**
 * The server side of the login benchmark: a fresh platform (test/support/platform.ts) with
 * seeded users, light instrumentation, and the raw argon2 baselines, run in the server's
 * own process so that they share its libuv threadpool.
 *
 * Run by bench/login/run.ts, normally as a child process (fork, commands over IPC); with
 * --in-process the same functions are called directly.
 */
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { loginNameKey } from '../../src/accounts/rules.ts';
import { ARGON2_OPTIONS, argon2Binding } from '../../src/platform/passwords.ts';
import { closedLoop, type LoopResult } from './loop.ts';

export const BENCH_PASSWORD = 'Bench-Passw0rd!';

export interface Counter {
  count: number;
  ms: number;
}

/** Cumulative counters; the runner diffs two snapshots taken at the edges of a measured window. */
export interface ServerSnapshot {
  cpu: NodeJS.CpuUsage;
  /** CPU time of the server's main thread (not its threadpool). */
  mainThreadCpu: NodeJS.CpuUsage;
  /** Event-loop time of the server's main thread (ms): fastify, zod, JSON, PGlite (WASM on this thread) ... */
  elu: { idle: number; active: number };
  sql: Counter;
  statements: Record<string, Counter>;
  argon2: { verify: Counter; hash: Counter };
  /** Server-side request time (request received → response finished) per route. */
  routes: Record<string, Counter>;
}

export interface ServerOptions {
  database: 'pglite' | 'postgres';
  /** PostgreSQL server to create the (temporary) benchmark database on. */
  databaseUrl?: string;
  users: number;
}

export interface ServerInfo {
  baseUrl: string;
  database: string;
  loginNames: string[];
  password: string;
  seedMs: number;
  threadpoolSize: number;
}

export type BaselineOp = 'verify' | 'hash';

export interface ProfileEntry {
  /** A package (node_modules/<name>), a project file, a node: module or a V8 category such as (garbage collector). */
  where: string;
  ms: number;
}

export interface BenchServer {
  info: ServerInfo;
  snapshot(): Promise<ServerSnapshot>;
  baseline(op: BaselineOp, concurrency: number, warmupMs: number, durationMs: number): Promise<LoopResult>;
  /** CPU profile of the server's main thread between start and stop; written to `file`, summarised by where the time went. */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<ProfileEntry[]>;
  close(): Promise<void>;
}

// The untouched binding functions, for the baselines (argon2id is the binding's default); the platform gets timed wrappers.
const rawVerify = argon2Binding.verify;
const rawHash = argon2Binding.hash;

const counter = (): Counter => ({ count: 0, ms: 0 });
const stats = {
  sql: counter(),
  statements: new Map<string, Counter>(),
  argon2: { verify: counter(), hash: counter() },
  routes: new Map<string, Counter>(),
};
let instrumented = false;

function add(target: Counter, ms: number) {
  target.count++;
  target.ms += ms;
}

function keyed(map: Map<string, Counter>, key: string): Counter {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = counter()));
  return entry;
}

/** Wraps the argon2 binding's verify/hash (as used by src/platform/passwords.ts) and times every HTTP request. */
function instrumentProcess() {
  if (instrumented) return;
  instrumented = true;
  const mutable = argon2Binding;
  mutable.verify = (async (...args: Parameters<typeof rawVerify>) => {
    const begin = performance.now();
    try {
      return await rawVerify(...args);
    } finally {
      add(stats.argon2.verify, performance.now() - begin);
    }
  }) as typeof rawVerify;
  mutable.hash = (async (...args: Parameters<typeof rawHash>) => {
    const begin = performance.now();
    try {
      return await (rawHash as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      add(stats.argon2.hash, performance.now() - begin);
    }
  }) as typeof rawHash;

  const started = new WeakMap<IncomingMessage, number>();
  diagnostics.subscribe('http.server.request.start', (message) => {
    started.set((message as { request: IncomingMessage }).request, performance.now());
  });
  diagnostics.subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage; response: ServerResponse };
    const begin = started.get(request);
    if (begin === undefined) return;
    const route = `${request.method} ${(request.url ?? '').split('?')[0]!.replace(/^\/dev\/captcha\/.*/, '/dev/captcha/:id')}`;
    add(keyed(stats.routes, route), performance.now() - begin);
  });
}

/** Statement text as a short key: whitespace collapsed, cut at 70 characters. */
function statementKey(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}

export async function startBenchServer(options: ServerOptions): Promise<BenchServer> {
  // test/support/platform.ts reads these when first imported.
  process.env.TEST_DATABASE = options.database;
  if (options.databaseUrl) process.env.TEST_DATABASE_URL = options.databaseUrl;
  instrumentProcess();

  const { startTestPlatform } = await import('../../test/support/platform.ts');
  // Each simulated login comes from its own client address (X-Forwarded-For), as real logins
  // arrive from many users behind the reverse proxy; otherwise the per-IP captcha limit
  // (120/min) would refuse the benchmark after a few seconds. (The test platform takes its
  // configuration from its arguments, not from the environment.)
  const test = await startTestPlatform({ trustProxy: true });
  const db = test.platform.db;

  // Seed: one hash, reused for every user (same parameters, so no rehash on login).
  const seedStart = performance.now();
  const hash = await rawHash(BENCH_PASSWORD, ARGON2_OPTIONS);
  const loginNames = Array.from({ length: options.users }, (_, i) => `bench_user_${String(i).padStart(5, '0')}`);
  await db.query(
    `insert into accounts (kind, login_name, login_name_key, password_hash)
     select 'natural', n.name, n.key, $3 from unnest($1::text[], $2::text[]) as n(name, key)`,
    [loginNames, loginNames.map(loginNameKey), hash],
  );
  const seedMs = performance.now() - seedStart;

  // Count and time every statement (the kv store, account store and sessions call db.query).
  const query = db.query.bind(db);
  db.query = (async (sql: string, params?: unknown[]) => {
    const begin = performance.now();
    try {
      return await query(sql, params);
    } finally {
      const ms = performance.now() - begin;
      add(stats.sql, ms);
      add(keyed(stats.statements, statementKey(sql)), ms);
    }
  }) as typeof db.query;

  return {
    info: {
      baseUrl: test.baseUrl,
      database: db.kind,
      loginNames,
      password: BENCH_PASSWORD,
      seedMs,
      threadpoolSize: Number(process.env.UV_THREADPOOL_SIZE || 4),
    },
    async snapshot() {
      const elu = performance.eventLoopUtilization();
      return structuredClone({
        cpu: process.cpuUsage(),
        mainThreadCpu: process.threadCpuUsage(),
        elu: { idle: elu.idle, active: elu.active },
        sql: stats.sql,
        statements: Object.fromEntries(stats.statements),
        argon2: stats.argon2,
        routes: Object.fromEntries(stats.routes),
      });
    },
    async baseline(op, concurrency, warmupMs, durationMs) {
      if (op === 'verify') {
        const stored = await rawHash(BENCH_PASSWORD, ARGON2_OPTIONS);
        return closedLoop({ concurrency, warmupMs, durationMs }, async () => {
          if (!(await rawVerify(stored, BENCH_PASSWORD))) throw new Error('argon2.verify returned false');
        });
      }
      return closedLoop({ concurrency, warmupMs, durationMs }, async () => {
        await rawHash(BENCH_PASSWORD, ARGON2_OPTIONS);
      });
    },
    async profileStart() {
      profiler ??= new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
    },
    async profileStop(file) {
      const { profile } = await profiler!.post('Profiler.stop');
      profiler!.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      return summarizeProfile(profile);
    },
    close: () => test.close(),
  };
}

let profiler: Session | undefined;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per package / project file / node: module, from a V8 CPU profile. */
export function summarizeProfile(profile: CpuProfile): ProfileEntry[] {
  const whereById = new Map<number, string>();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    let where: string;
    const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    if (pkg) where = pkg[1]!;
    else if (url.startsWith('node:')) where = url;
    else if (url.startsWith('file://')) where = url.replace(/^file:\/\/.*?\/(src|test|bench)\//, '$1/');
    else if (!url && functionName.startsWith('(')) where = functionName;
    else where = url ? url : `(native) ${functionName || 'anonymous'}`;
    whereById.set(node.id, where);
  }
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const where = whereById.get(samples[i]!) ?? '?';
    // A sample's time is the delta to the next sample.
    totals.set(where, (totals.get(where) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return [...totals].map(([where, ms]) => ({ where, ms })).sort((a, b) => b.ms - a.ms);
}

// ---------------------------------------------------------------------------------------
// Child-process mode: the options come in BENCH_SERVER_OPTIONS, commands over IPC.

interface Command {
  id: number;
  cmd: 'snapshot' | 'baseline' | 'profileStart' | 'profileStop' | 'close';
  args?: unknown[];
}

if (import.meta.main) {
  if (!process.send) throw new Error('bench/login/server.ts is started by bench/login/run.ts');
  const send = (message: unknown) => process.send!(message);
  const server = await startBenchServer(JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as ServerOptions);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= server.close());
  process.on('message', async (message: Command) => {
    try {
      let result: unknown;
      if (message.cmd === 'snapshot') result = await server.snapshot();
      else if (message.cmd === 'baseline') result = await server.baseline(...(message.args as [BaselineOp, number, number, number]));
      else if (message.cmd === 'profileStart') result = await server.profileStart();
      else if (message.cmd === 'profileStop') result = await server.profileStop(message.args![0] as string);
      else if (message.cmd === 'close') {
        await close();
        send({ id: message.id, ok: true });
        process.disconnect();
        return;
      }
      send({ id: message.id, ok: true, result });
    } catch (error) {
      send({ id: message.id, ok: false, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  // The runner went away (crash, Ctrl-C): do not linger, drop the temporary database.
  process.on('disconnect', () => {
    close().finally(() => process.exit(0));
  });
  send({ type: 'ready', info: server.info });
}
