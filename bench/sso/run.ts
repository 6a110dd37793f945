/**
 * SSO benchmark: authorization-code flows, refresh-token grants and CAS ticket validations
 * per second through the platform's HTTP API, beside a bare oidc-provider (in-memory adapter)
 * doing the same OIDC requests in the same run, interleaved with it. See bench/README.md.
 *
 *   npm run bench:sso [-- options]
 *     --postgres          PostgreSQL instead of PGlite: DATABASE_URL if set (a temporary
 *                         database is created on it and dropped), else a throwaway server
 *                         started with scripts/pg-test-server.sh
 *     --redis             several nodes' configuration: PostgreSQL (as --postgres) with the
 *                         provider's artefacts and the key-value store in a throwaway Redis
 *                         (scripts/redis-test-server.sh), the reference row's store too
 *     --concurrency 1,2   client counts (default 1)
 *     --rounds <n>        rounds of [bare code flow, bare + store code flow, platform code
 *                         flow, the same three for refresh and for userinfo, bare and platform
 *                         introspection, CAS]
 *                         per client count (default 3)
 *     --slice <s>         measured seconds per slice (default 5)
 *     --warmup <s>        uncounted seconds before each slice (default 0.5)
 *     --out <file>        JSON result (default bench/results/sso-<db>-<time>.json)
 *     --profile           afterwards, one uncounted slice of each platform flow with V8's
 *                         sampling profiler on the server process (.cpuprofile files beside
 *                         the JSON result), summarised by package / project file
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanup, cleanups, startThrowawayRedis } from '../login/throwaway-postgres.ts';
import { STARTED, chooseDatabase, machine, median, readSlicing, runMain, sliceOptions } from '../common.ts';
import { processTreeCpuMs } from '../login/cpu.ts';
import { closedLoop, summarize, type LoopResult, type Steps } from '../login/loop.ts';
import { PLATFORM_PATHS, casValidation, codeFlow, introspection, refreshGrant, userinfo, type Target } from './flows.ts';
import type { Counter, ProfileEntry } from '../login/server.ts';
import type { ServerInfo, ServerOptions, ServerSnapshot } from './server.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TARGET_RATIO = 0.7;
/** A slice during which other processes used more than this many cores counts as disturbed (reported, not re-run). */
const DISTURBED_CORES = 0.2;

const { values: args } = parseArgs({
  options: {
    ...sliceOptions({ concurrency: '1', rounds: '3', slice: '5', warmup: '0.5' }),
    redis: { type: 'boolean', default: false },
  },
});
const { sliceMs, warmupMs, rounds, concurrencies, valid } = readSlicing(args);
if (!valid) throw new Error('invalid --slice, --warmup, --rounds or --concurrency');

type Kind =
  | 'bare-code'
  | 'store-code'
  | 'code'
  | 'bare-refresh'
  | 'store-refresh'
  | 'refresh'
  | 'bare-userinfo'
  | 'store-userinfo'
  | 'userinfo'
  | 'bare-introspection'
  | 'introspection'
  | 'cas';
const LABELS: Record<Kind, string> = {
  'bare-code': 'code flow, bare oidc-provider (baseline)',
  'store-code': 'code flow, bare oidc-provider + platform store (reference)',
  code: 'code flow, platform',
  'bare-refresh': 'refresh grant, bare oidc-provider (baseline)',
  'store-refresh': 'refresh grant, bare oidc-provider + platform store (reference)',
  refresh: 'refresh grant, platform',
  'bare-userinfo': 'userinfo, bare oidc-provider (baseline)',
  'store-userinfo': 'userinfo, bare oidc-provider + platform store (reference)',
  userinfo: 'userinfo, platform',
  'bare-introspection': 'introspection, bare oidc-provider (baseline)',
  introspection: 'introspection, platform',
  cas: 'CAS login + p3/serviceValidate, platform',
};
/**
 * What each row is divided by: the bare provider in memory. CAS has no library baseline: the
 * bare provider's code flow stands in. The reference rows (the bare provider keeping its
 * artefacts in the platform's store) show what durable, shared storage alone costs.
 */
const BASELINE: Partial<Record<Kind, Kind>> = {
  'store-code': 'bare-code',
  code: 'bare-code',
  'store-refresh': 'bare-refresh',
  refresh: 'bare-refresh',
  'store-userinfo': 'bare-userinfo',
  userinfo: 'bare-userinfo',
  introspection: 'bare-introspection',
  cas: 'bare-code',
};
/** The platform ÷ the bare provider with the same store: what the platform adds beyond storage. */
const REFERENCE: Partial<Record<Kind, Kind>> = { code: 'store-code', refresh: 'store-refresh', userinfo: 'store-userinfo' };


/** The platform and the bare provider in a child process; `snapshot` reads its counters over IPC. */
async function startServer(options: ServerOptions) {
  const child = fork(path.join(import.meta.dirname, 'server.ts'), [], {
    env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: any) => void>();
  let nextId = 0;
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.on('message', (message: any) => {
      if (message.type === 'ready') return resolve(message.info);
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    });
    child.once('exit', (code) => reject(new Error(`the benchmark server exited (code ${code})`)));
  });
  const call = <T>(cmd: string, args?: unknown[]) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ id, cmd, args });
    });
  return {
    info,
    snapshot: () => call<ServerSnapshot>('snapshot'),
    profileStart: () => call<void>('profileStart'),
    profileStop: (file: string) => call<ProfileEntry[]>('profileStop', [file]),
    async close() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await call('close');
      await gone;
    },
  };
}

interface Slice {
  kind: Kind;
  concurrency: number;
  round: number;
  result: LoopResult;
  /** Mean cores used by processes other than the benchmark's during the window. */
  foreignCores: number;
  /** What the server process did during the window (differences of two snapshots). */
  server: { cpuMs: number; sql: Counter; statements: Record<string, Counter>; routes: Record<string, Counter> };
}

function counterDiff(a: Counter | undefined, b: Counter | undefined): Counter {
  return { count: (b?.count ?? 0) - (a?.count ?? 0), ms: (b?.ms ?? 0) - (a?.ms ?? 0) };
}

function mapDiff(a: Record<string, Counter>, b: Record<string, Counter>): Record<string, Counter> {
  const out: Record<string, Counter> = {};
  for (const key of Object.keys(b)) {
    const d = counterDiff(a[key], b[key]);
    if (d.count > 0) out[key] = d;
  }
  return out;
}

function mapSum(maps: Record<string, Counter>[]): Record<string, Counter> {
  const out: Record<string, Counter> = {};
  for (const map of maps) for (const [key, c] of Object.entries(map)) out[key] = { count: (out[key]?.count ?? 0) + c.count, ms: (out[key]?.ms ?? 0) + c.ms };
  return out;
}

function snapshotDiff(a: ServerSnapshot, b: ServerSnapshot): Slice['server'] {
  return {
    cpuMs: (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1000,
    sql: counterDiff(a.sql, b.sql),
    statements: mapDiff(a.statements, b.statements),
    routes: mapDiff(a.routes, b.routes),
  };
}

async function main() {
  if (args.redis) args.postgres = true;
  const database = chooseDatabase(args.postgres, 'bench-sso');
  const { databaseUrl, postgresPid } = database;
  let { databaseLabel } = database;
  let redisUrl: string | undefined;
  let redisPid: number | undefined;
  if (args.redis) {
    ({ url: redisUrl, pid: redisPid } = startThrowawayRedis('bench-sso'));
    databaseLabel += ' + Redis (throwaway local server, in memory) for the artefacts and key-value store';
  }
  /** The servers' CPU is theirs, not other processes'. */
  const serversCpuMs = () => (postgresPid ? processTreeCpuMs(postgresPid) : 0) + (redisPid ? processTreeCpuMs(redisPid) : 0);
  const runStart = performance.now();
  const server = await startServer({ database: args.postgres ? 'postgres' : 'pglite', databaseUrl, redisUrl });
  cleanups.push(() => server.close());
  const { info } = server;
  console.error(`platform at ${info.platform.baseUrl} (${databaseLabel}), bare oidc-provider at ${info.bare.baseUrl}; ${os.availableParallelism()} CPUs`);

  const platform: Target = { ...info.platform, ...PLATFORM_PATHS };
  const bareTarget = { authorizePath: '/auth', tokenPath: '/token', userinfoPath: '/me', introspectionPath: '/token/introspection', cookies: [] };
  const bare: Target = { ...info.bare, ...bareTarget };
  const bareStore: Target = { ...info.bareStore, ...bareTarget };
  const targets: Partial<Record<Kind, Target>> = { 'bare-refresh': bare, 'store-refresh': bareStore, refresh: platform };
  /** Rows that use an access token per client, taken (with its refresh token) before each slice. */
  const accessTargets: Partial<Record<Kind, Target>> = { 'bare-userinfo': bare, 'store-userinfo': bareStore, userinfo: platform, 'bare-introspection': bare, introspection: platform };
  const maxConcurrency = Math.max(...concurrencies);
  // One refresh token per client and target, rotated at each grant. Taken afresh before each
  // refresh slice: the library's in-memory adapter is an LRU of limited size, and the code
  // flows of the slices before would have pushed an older grant out of it.
  const refreshTokens = new Map<Target, string[]>();
  const accessTokens = new Map<Target, string[]>();
  async function freshRefreshTokens(target: Target) {
    const tokens: string[] = [];
    const access: string[] = [];
    for (let i = 0; i < maxConcurrency; i++) {
      const flow = await codeFlow(target, {});
      tokens.push(flow.refresh_token ?? '');
      access.push(flow.access_token);
    }
    if (tokens.some((t) => !t)) throw new Error('the code flow returned no refresh token');
    refreshTokens.set(target, tokens);
    accessTokens.set(target, access);
  }
  const freshTokensFor = (kind: Kind) => {
    const target = targets[kind] ?? accessTargets[kind];
    return target ? freshRefreshTokens(target) : undefined;
  };
  const ops: Record<Kind, (worker: number) => Promise<Steps>> = {
    'bare-code': async () => {
      const steps: Steps = {};
      await codeFlow(bare, steps);
      return steps;
    },
    'store-code': async () => {
      const steps: Steps = {};
      await codeFlow(bareStore, steps);
      return steps;
    },
    code: async () => {
      const steps: Steps = {};
      await codeFlow(platform, steps);
      return steps;
    },
    'bare-refresh': async (worker) => {
      const tokens = refreshTokens.get(bare)!;
      tokens[worker] = await refreshGrant(bare, tokens[worker]!);
      return {};
    },
    'store-refresh': async (worker) => {
      const tokens = refreshTokens.get(bareStore)!;
      tokens[worker] = await refreshGrant(bareStore, tokens[worker]!);
      return {};
    },
    refresh: async (worker) => {
      const tokens = refreshTokens.get(platform)!;
      tokens[worker] = await refreshGrant(platform, tokens[worker]!);
      return {};
    },
    'bare-userinfo': async (worker) => {
      await userinfo(bare, accessTokens.get(bare)![worker]!);
      return {};
    },
    'store-userinfo': async (worker) => {
      await userinfo(bareStore, accessTokens.get(bareStore)![worker]!);
      return {};
    },
    userinfo: async (worker) => {
      await userinfo(platform, accessTokens.get(platform)![worker]!);
      return {};
    },
    'bare-introspection': async (worker) => {
      await introspection(bare, accessTokens.get(bare)![worker]!);
      return {};
    },
    introspection: async (worker) => {
      await introspection(platform, accessTokens.get(platform)![worker]!);
      return {};
    },
    cas: async () => {
      const steps: Steps = {};
      await casValidation(platform.baseUrl, platform.cookies, info.platform.casService, steps);
      return steps;
    },
  };

  // Warm up JIT, connections and caches: every operation for 1 s, uncounted.
  for (const kind of Object.keys(ops) as Kind[]) {
    await freshTokensFor(kind);
    await closedLoop({ concurrency: maxConcurrency, warmupMs: 0, durationMs: 1000 }, ops[kind]);
  }

  const slices: Slice[] = [];
  console.error(`${concurrencies.length} × ${rounds} rounds of [${Object.keys(ops).join(', ')}]; ${warmupMs / 1000} s warm-up + ${sliceMs / 1000} s measured per slice`);
  for (const concurrency of concurrencies) {
    for (let round = 0; round < rounds; round++) {
      for (const kind of Object.keys(ops) as Kind[]) {
        await freshTokensFor(kind);
        let serversCpu = 0;
        let before: Promise<ServerSnapshot> | undefined;
        let after: Promise<ServerSnapshot> | undefined;
        const result = await closedLoop(
          {
            concurrency,
            warmupMs,
            durationMs: sliceMs,
            onWindowStart() {
              before = server.snapshot();
              serversCpu -= serversCpuMs();
            },
            onWindowEnd() {
              after = server.snapshot();
              serversCpu += serversCpuMs();
            },
          },
          ops[kind],
        );
        const serverDiff = snapshotDiff(await before!, await after!);
        const foreignMs = result.cpu.machineMs - result.cpu.processMs - serverDiff.cpuMs - serversCpu;
        const foreignCores = foreignMs / (result.seconds * 1000);
        slices.push({ kind, concurrency, round, result, foreignCores, server: serverDiff });
        const note = foreignCores > DISTURBED_CORES ? `  disturbed: other processes used ${foreignCores.toFixed(2)} cores` : '';
        console.error(`  c=${concurrency} round ${round + 1}  ${LABELS[kind].padEnd(46)} ${result.rate.toFixed(1).padStart(7)}/s  p50 ${result.latency.p50.toFixed(1).padStart(6)} ms${note}`);
      }
    }
  }
  const profiles: Profile[] = [];
  if (args.profile) {
    for (const kind of ['code', 'refresh', 'userinfo', 'introspection', 'cas'] as const) {
      await freshTokensFor(kind);
      const file = outFile().replace(/\.json$/, `-${kind}.cpuprofile`);
      mkdirSync(path.dirname(file), { recursive: true });
      let entries: Promise<ProfileEntry[]> | undefined;
      let started: Promise<void> | undefined;
      const result = await closedLoop(
        { concurrency: 1, warmupMs, durationMs: sliceMs, onWindowStart: () => void (started = server.profileStart()), onWindowEnd: () => void (entries = started!.then(() => server.profileStop(file))) },
        ops[kind],
      );
      profiles.push({ kind, file, ops: result.ops, entries: await entries! });
    }
  }
  await cleanup();
  report(slices, databaseLabel, (performance.now() - runStart) / 1000, profiles);
}

interface Profile {
  kind: Kind;
  file: string;
  ops: number;
  entries: ProfileEntry[];
}

const outFile = () => path.resolve(args.out ?? path.join(ROOT, 'bench', 'results', `sso-${args.redis ? 'postgres-redis' : args.postgres ? 'postgres' : 'pglite'}-${STARTED.replace(/[:.]/g, '-')}.json`));

function report(slices: Slice[], databaseLabel: string, seconds: number, profiles: Profile[]) {
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
  const of = (kind: Kind, concurrency: number) => slices.filter((s) => s.kind === kind && s.concurrency === concurrency);
  const roundRatios = (kind: Kind, concurrency: number, baseline = BASELINE[kind]!) =>
    of(kind, concurrency).map((s) => s.result.rate / of(baseline, concurrency).find((b) => b.round === s.round)!.result.rate);
  const { cpu, cpus } = machine();
  const lines = [
    `SSO benchmark — ${databaseLabel}, servers in a separate process, client over node:http; ${cpu}, ${cpus} CPUs, Node ${process.version}; ` +
      `${rounds} round(s) of ${sliceMs / 1000} s per row, interleaved`,
    '',
    '| what | clients | per second | mean ms | p50 ms | p95 ms | ÷ bare library (median of rounds) | per round | other processes, cores |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const pooled: Record<string, unknown>[] = [];
  for (const concurrency of concurrencies) {
    for (const kind of Object.keys(LABELS) as Kind[]) {
      const mine = of(kind, concurrency);
      const ops = mine.reduce((sum, s) => sum + s.result.ops, 0);
      const secs = mine.reduce((sum, s) => sum + s.result.seconds, 0);
      const latency = summarize(mine.flatMap((s) => s.result.samples.latency));
      const steps = Object.fromEntries([...new Set(mine.flatMap((s) => Object.keys(s.result.samples.steps)))].map((n) => [n, summarize(mine.flatMap((s) => s.result.samples.steps[n] ?? []))]));
      const ratios = BASELINE[kind] ? roundRatios(kind, concurrency) : [];
      const foreign = mine.reduce((sum, s) => sum + s.foreignCores * s.result.seconds, 0) / secs;
      const bold = (text: string) => (kind === 'code' || kind === 'refresh' ? `**${text}**` : text);
      const ratioCell = ratios.length ? `${bold(f2(median(ratios)))}${kind === 'cas' ? ' (÷ bare code flow)' : ''}` : '';
      const range = ratios.length > 1 ? `${f2(Math.min(...ratios))}–${f2(Math.max(...ratios))}` : '';
      lines.push(`| ${LABELS[kind]} | ${concurrency} | ${f1(ops / secs)} | ${f1(latency.mean)} | ${f1(latency.p50)} | ${f1(latency.p95)} | ${ratioCell} | ${range} | ${f2(foreign)} |`);
      pooled.push({ kind, label: LABELS[kind], concurrency, ops, seconds: secs, rate: ops / secs, latency, steps, ratios, ratio: median(ratios), foreignCores: foreign });
    }
  }
  lines.push('');
  for (const concurrency of concurrencies) {
    const code = median(roundRatios('code', concurrency));
    const refresh = median(roundRatios('refresh', concurrency));
    const verdict = (r: number) => (r >= TARGET_RATIO ? 'meets' : 'BELOW');
    lines.push(
      `platform ÷ bare oidc-provider at ${concurrency} client${concurrency === 1 ? '' : 's'}: code flow ${f2(code)} (${verdict(code)} the ${TARGET_RATIO} aim), refresh ${f2(refresh)} (${verdict(refresh)} the ${TARGET_RATIO} aim); ` +
        `CAS has no library baseline: its ratio is CAS validations ÷ bare code flows (${f2(median(roundRatios('cas', concurrency)))}), a different protocol, for scale only`,
    );
    lines.push(
      `what durable storage costs: bare oidc-provider with the platform's store ÷ in memory: code flow ${f2(median(roundRatios('store-code', concurrency)))}, refresh ${f2(median(roundRatios('store-refresh', concurrency)))}; ` +
        `what the platform adds beyond it: platform ÷ bare with the platform's store: code flow ${f2(median(roundRatios('code', concurrency, REFERENCE.code)))}, refresh ${f2(median(roundRatios('refresh', concurrency, REFERENCE.refresh)))}`,
    );
    lines.push(
      `userinfo: platform ÷ bare ${f2(median(roundRatios('userinfo', concurrency)))}, bare + store ÷ bare ${f2(median(roundRatios('store-userinfo', concurrency)))}, ` +
        `platform ÷ bare + store ${f2(median(roundRatios('userinfo', concurrency, REFERENCE.userinfo)))}; introspection: platform ÷ bare ${f2(median(roundRatios('introspection', concurrency)))}`,
    );
  }
  // Where the time goes: per operation, at the server, for each row (first client count).
  const first = concurrencies[0]!;
  lines.push('', `Per operation at the server (${first} client${first === 1 ? '' : 's'}; the server process runs both the platform and the bare provider, one at a time):`, '');
  lines.push('| what | server CPU ms | SQL statements | SQL ms (summed) | requests: server ms each |', '|---|---:|---:|---:|---|');
  for (const kind of Object.keys(LABELS) as Kind[]) {
    const mine = of(kind, first);
    const ops = mine.reduce((sum, s) => sum + s.result.ops, 0);
    const sql = mine.reduce((sum, s) => ({ count: sum.count + s.server.sql.count, ms: sum.ms + s.server.sql.ms }), { count: 0, ms: 0 });
    const cpuMs = mine.reduce((sum, s) => sum + s.server.cpuMs, 0);
    const routes = Object.entries(mapSum(mine.map((s) => s.server.routes)))
      .filter(([, c]) => c.count >= ops / 2)
      .map(([route, c]) => `${route.replace(/^\S+ /, '')} ${f1(c.ms / c.count)}${Math.round(c.count / ops) > 1 ? ` (×${f1(c.count / ops)})` : ''}`)
      .join('; ');
    lines.push(`| ${LABELS[kind]} | ${f2(cpuMs / ops)} | ${f1(sql.count / ops)} | ${f2(sql.ms / ops)} | ${routes} |`);
  }
  for (const kind of ['code', 'refresh', 'userinfo', 'introspection', 'cas'] as const) {
    const mine = of(kind, first);
    const ops = mine.reduce((sum, s) => sum + s.result.ops, 0);
    const statements = Object.entries(mapSum(mine.map((s) => s.server.statements))).sort(([, a], [, b]) => b.count - a.count || b.ms - a.ms);
    lines.push('', `SQL statements of one ${LABELS[kind]}:`, '', '| statement | per operation | mean ms |', '|---|---:|---:|');
    for (const [sql, c] of statements) lines.push(`| \`${sql.replace(/\|/g, '\\|')}\` | ${f1(c.count / ops)} | ${f2(c.ms / c.count)} |`);
  }
  for (const profile of profiles) {
    const total = profile.entries.reduce((sum, e) => sum + e.ms, 0);
    lines.push('', `Server process during ${profile.ops} × ${LABELS[profile.kind]} (1 client), CPU profile ${path.relative(process.cwd(), profile.file)}: ${f2(total / profile.ops)} ms sampled per operation`, '');
    lines.push('| where | ms per operation | share |', '|---|---:|---:|');
    for (const e of profile.entries.slice(0, 15)) lines.push(`| ${e.where} | ${f2(e.ms / profile.ops)} | ${((100 * e.ms) / total).toFixed(0)} % |`);
  }
  lines.push('');
  const disturbed = slices.filter((s) => s.foreignCores > DISTURBED_CORES);
  lines.push(`other processes on this machine: ${disturbed.length} of ${slices.length} slices disturbed (> ${DISTURBED_CORES} cores)${disturbed.length ? ': FIGURES NOISY, run again on a quieter machine' : ''}`);
  console.log(lines.join('\n'));

  const out = outFile();
  mkdirSync(path.dirname(out), { recursive: true });
  const environment = { ...machine(), database: databaseLabel, rounds, sliceSeconds: sliceMs / 1000, warmupSeconds: warmupMs / 1000, runSeconds: seconds };
  const strip = ({ samples: _samples, ...rest }: LoopResult) => rest;
  writeFileSync(out, JSON.stringify({ environment, pooled, slices: slices.map((s) => ({ ...s, result: strip(s.result) })), profiles }, null, 2) + '\n');
  console.error(`\n${seconds.toFixed(0)} s; result written to ${path.relative(process.cwd(), out)}`);
}

await runMain(main);
