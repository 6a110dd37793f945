/**
 * SSO benchmark: authorization-code flows, refresh-token grants and CAS ticket validations
 * per second through the platform's HTTP API, beside a bare oidc-provider (in-memory adapter)
 * doing the same OIDC requests in the same run, interleaved with it. See bench/README.md.
 *
 *   npm run bench:sso [-- options]
 *     --postgres          PostgreSQL instead of PGlite: DATABASE_URL if set (a temporary
 *                         database is created on it and dropped), else a throwaway server
 *                         started with scripts/pg-test-server.sh
 *     --concurrency 1,2   client counts (default 1)
 *     --rounds <n>        rounds of [bare code flow, platform code flow, bare refresh,
 *                         platform refresh, CAS] per client count (default 3)
 *     --slice <s>         measured seconds per slice (default 5)
 *     --warmup <s>        uncounted seconds before each slice (default 0.5)
 *     --out <file>        JSON result (default bench/results/sso-<db>-<time>.json)
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanup, cleanups, startThrowawayPostgres } from '../login/throwaway-postgres.ts';
import { processTreeCpuMs } from '../login/cpu.ts';
import { closedLoop, summarize, type LoopResult, type Steps } from '../login/loop.ts';
import { casValidation, codeFlow, refreshGrant, type Target } from './flows.ts';
import type { ServerInfo, ServerOptions } from './server.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const STARTED = new Date().toISOString();
const TARGET_RATIO = 0.7;
/** A slice during which other processes used more than this many cores counts as disturbed (reported, not re-run). */
const DISTURBED_CORES = 0.2;

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    slice: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '0.5' },
    out: { type: 'string' },
  },
});
const sliceMs = Number(args.slice) * 1000;
const warmupMs = Number(args.warmup) * 1000;
const rounds = Number(args.rounds);
const concurrencies = args.concurrency.split(',').map(Number);
if (!(sliceMs > 0) || !(warmupMs >= 0) || !(rounds >= 1) || concurrencies.some((c) => !(Number.isInteger(c) && c > 0))) {
  throw new Error('invalid --slice, --warmup, --rounds or --concurrency');
}

type Kind = 'bare-code' | 'code' | 'bare-refresh' | 'refresh' | 'cas';
const LABELS: Record<Kind, string> = {
  'bare-code': 'code flow, bare oidc-provider (baseline)',
  code: 'code flow, platform',
  'bare-refresh': 'refresh grant, bare oidc-provider (baseline)',
  refresh: 'refresh grant, platform',
  cas: 'CAS login + p3/serviceValidate, platform',
};
/** What each platform row is divided by. CAS has no library baseline: the bare provider's code flow stands in. */
const BASELINE: Partial<Record<Kind, Kind>> = { code: 'bare-code', refresh: 'bare-refresh', cas: 'bare-code' };


/** The platform and the bare provider in a child process; `cpuMs` reads its CPU time over IPC. */
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
  const call = <T>(cmd: string) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ id, cmd });
    });
  return {
    info,
    async cpuMs() {
      const { cpu } = await call<{ cpu: NodeJS.CpuUsage }>('snapshot');
      return (cpu.user + cpu.system) / 1000;
    },
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
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main() {
  let databaseUrl: string | undefined;
  let postgresPid: number | undefined;
  let databaseLabel = 'PGlite (in memory)';
  if (args.postgres) {
    if (process.env.DATABASE_URL) {
      databaseUrl = process.env.DATABASE_URL;
      databaseLabel = 'PostgreSQL (DATABASE_URL, temporary database)';
    } else {
      console.error('starting a throwaway PostgreSQL (scripts/pg-test-server.sh) ...');
      ({ url: databaseUrl, pid: postgresPid } = startThrowawayPostgres('bench-sso'));
      databaseLabel = 'PostgreSQL (throwaway local server, fsync off)';
    }
  }
  const runStart = performance.now();
  const server = await startServer({ database: args.postgres ? 'postgres' : 'pglite', databaseUrl });
  cleanups.push(() => server.close());
  const { info } = server;
  console.error(`platform at ${info.platform.baseUrl} (${databaseLabel}), bare oidc-provider at ${info.bare.baseUrl}; ${os.availableParallelism()} CPUs`);

  const platform: Target = { ...info.platform, authorizePath: '/oidc/auth', tokenPath: '/oidc/token' };
  const bare: Target = { ...info.bare, authorizePath: '/auth', tokenPath: '/token', cookies: [] };
  const maxConcurrency = Math.max(...concurrencies);
  // One refresh token per client and target, rotated at each grant. Taken afresh before each
  // refresh slice: the library's in-memory adapter is an LRU of limited size, and the code
  // flows of the slices before would have pushed an older grant out of it.
  const refreshTokens = new Map<Target, string[]>();
  async function freshRefreshTokens(target: Target) {
    const tokens: string[] = [];
    for (let i = 0; i < maxConcurrency; i++) tokens.push((await codeFlow(target, {})).refresh_token ?? '');
    if (tokens.some((t) => !t)) throw new Error('the code flow returned no refresh token');
    refreshTokens.set(target, tokens);
  }
  const ops: Record<Kind, (worker: number) => Promise<Steps>> = {
    'bare-code': async () => {
      const steps: Steps = {};
      await codeFlow(bare, steps);
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
    refresh: async (worker) => {
      const tokens = refreshTokens.get(platform)!;
      tokens[worker] = await refreshGrant(platform, tokens[worker]!);
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
    if (kind === 'refresh' || kind === 'bare-refresh') await freshRefreshTokens(kind === 'refresh' ? platform : bare);
    await closedLoop({ concurrency: maxConcurrency, warmupMs: 0, durationMs: 1000 }, ops[kind]);
  }

  const slices: Slice[] = [];
  console.error(`${concurrencies.length} × ${rounds} rounds of [${Object.keys(ops).join(', ')}]; ${warmupMs / 1000} s warm-up + ${sliceMs / 1000} s measured per slice`);
  for (const concurrency of concurrencies) {
    for (let round = 0; round < rounds; round++) {
      for (const kind of Object.keys(ops) as Kind[]) {
        if (kind === 'refresh' || kind === 'bare-refresh') await freshRefreshTokens(kind === 'refresh' ? platform : bare);
        let serverCpu = 0;
        let postgresCpu = 0;
        let before: Promise<number> | undefined;
        let after: Promise<number> | undefined;
        const result = await closedLoop(
          {
            concurrency,
            warmupMs,
            durationMs: sliceMs,
            onWindowStart() {
              before = server.cpuMs();
              postgresCpu -= processTreeCpuMs(postgresPid);
            },
            onWindowEnd() {
              after = server.cpuMs();
              postgresCpu += processTreeCpuMs(postgresPid);
            },
          },
          ops[kind],
        );
        serverCpu = (await after!) - (await before!);
        const foreignMs = result.cpu.machineMs - result.cpu.processMs - serverCpu - (postgresPid ? postgresCpu : 0);
        const foreignCores = foreignMs / (result.seconds * 1000);
        slices.push({ kind, concurrency, round, result, foreignCores });
        const note = foreignCores > DISTURBED_CORES ? `  disturbed: other processes used ${foreignCores.toFixed(2)} cores` : '';
        console.error(`  c=${concurrency} round ${round + 1}  ${LABELS[kind].padEnd(46)} ${result.rate.toFixed(1).padStart(7)}/s  p50 ${result.latency.p50.toFixed(1).padStart(6)} ms${note}`);
      }
    }
  }
  await cleanup();
  report(slices, databaseLabel, (performance.now() - runStart) / 1000);
}

function report(slices: Slice[], databaseLabel: string, seconds: number) {
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
  const of = (kind: Kind, concurrency: number) => slices.filter((s) => s.kind === kind && s.concurrency === concurrency);
  const roundRatios = (kind: Kind, concurrency: number) =>
    of(kind, concurrency).map((s) => s.result.rate / of(BASELINE[kind]!, concurrency).find((b) => b.round === s.round)!.result.rate);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    `SSO benchmark — ${databaseLabel}, servers in a separate process, client over node:http; ${cpu}, ${os.availableParallelism()} CPUs, Node ${process.version}; ` +
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
      const ratioCell = ratios.length ? `**${f2(median(ratios))}**${kind === 'cas' ? ' (÷ bare code flow)' : ''}` : '';
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
  }
  const disturbed = slices.filter((s) => s.foreignCores > DISTURBED_CORES);
  lines.push(`other processes on this machine: ${disturbed.length} of ${slices.length} slices disturbed (> ${DISTURBED_CORES} cores)${disturbed.length ? ': FIGURES NOISY, run again on a quieter machine' : ''}`);
  console.log(lines.join('\n'));

  const out = path.resolve(args.out ?? path.join(ROOT, 'bench', 'results', `sso-${args.postgres ? 'postgres' : 'pglite'}-${STARTED.replace(/[:.]/g, '-')}.json`));
  mkdirSync(path.dirname(out), { recursive: true });
  const environment = { date: STARTED, node: process.version, cpu, cpus: os.availableParallelism(), platform: `${os.platform()} ${os.release()}`, database: databaseLabel, rounds, sliceSeconds: sliceMs / 1000, warmupSeconds: warmupMs / 1000, runSeconds: seconds };
  const strip = ({ samples: _samples, ...rest }: LoopResult) => rest;
  writeFileSync(out, JSON.stringify({ environment, pooled, slices: slices.map((s) => ({ ...s, result: strip(s.result) })) }, null, 2) + '\n');
  console.error(`\n${seconds.toFixed(0)} s; result written to ${path.relative(process.cwd(), out)}`);
}

try {
  await main();
} catch (error) {
  await cleanup();
  console.error(error);
  process.exit(1);
}
