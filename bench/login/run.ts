/**
 * Login benchmark: password logins per second through the real HTTP API at 1 and 2
 * concurrent clients, beside the raw argon2id verify/hash rate with the same parameters,
 * measured in the same run and interleaved with it. See bench/README.md.
 *
 *   npm run bench:login [-- options]
 *     --postgres          PostgreSQL instead of PGlite: DATABASE_URL if set (a temporary
 *                         database is created on it and dropped), else a throwaway server
 *                         started with scripts/pg-test-server.sh
 *     --in-process        run the server in this process (default: a child process)
 *     --concurrency 1,2   client counts (default 1,2)
 *     --rounds <n>        clean rounds of [raw verify, login POST only, login whole flow]
 *                         per client count (default 5)
 *     --extra-rounds <n>  rounds added, at most, when other processes disturbed some (default 2)
 *     --slice <s>         measured seconds per phase and round (default 2)
 *     --warmup <s>        uncounted seconds before each slice (default 0.25)
 *     --users <n>         seeded accounts (default 100)
 *     --out <file>        JSON result (default bench/results/login-<db>-<time>.json)
 *     --client http|fetch the load generator's transport (default http, see BenchClient)
 *     --profile           afterwards, profile the server's main thread during an extra POST-only
 *                         slice at 1 client (.cpuprofile beside the JSON result; not counted)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanup, cleanups } from './throwaway-postgres.ts';
import { STARTED, chooseDatabase, machine, median, readSlicing, runMain, sliceOptions } from '../common.ts';
import { ARGON2_OPTIONS } from '../../src/platform/passwords.ts';
import { ApiClient, type ApiResponse } from '../../test/support/client.ts';
import { processTreeCpuMs } from './cpu.ts';
import { closedLoop, OUT_OF_WORK, summarize, type LoopResult, type Steps, type Summary } from './loop.ts';
import type { BaselineOp, BenchServer, Counter, ProfileEntry, ServerInfo, ServerOptions, ServerSnapshot } from './server.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SERVER_SCRIPT = path.join(import.meta.dirname, 'server.ts');
const RESULTS = path.join(ROOT, 'bench', 'results');
const TARGET_RATIO = 0.85;
/** A slice during which other processes used more than this many cores counts as disturbed. */
const DISTURBED_CORES = 0.2;

const { values: args } = parseArgs({
  options: {
    ...sliceOptions({ concurrency: '1,2', rounds: '5', slice: '2', warmup: '0.25' }),
    'in-process': { type: 'boolean', default: false },
    'extra-rounds': { type: 'string', default: '2' },
    users: { type: 'string', default: '100' },
    client: { type: 'string', default: 'http' },
  },
});
const { sliceMs, warmupMs, rounds, concurrencies, valid } = readSlicing(args);
const extraRounds = Number(args['extra-rounds']);
const users = Number(args.users);
const inProcess = args['in-process'];
if (args.client !== 'http' && args.client !== 'fetch') throw new Error('--client is http or fetch');
if (!valid || !(users > 0) || !(extraRounds >= 0)) {
  throw new Error('invalid --slice, --warmup, --rounds, --extra-rounds, --users or --concurrency');
}

/** ApiClient whose requests appear to come from `ip` (X-Forwarded-For; the bench server trusts the proxy header). */
/**
 * The test suite's ApiClient (cookies, CSRF double submit, dev captcha reading), whose requests
 * appear to come from `ip` (X-Forwarded-For: the bench server trusts the proxy header).
 * By default its transport is node:http with keep-alive rather than fetch: fetch (undici) costs
 * the client about 0.5–1 ms of CPU more per request, which at 1 client is added to every
 * login's cycle and at 2 clients on a small machine takes CPU from the server.
 * `--client fetch` keeps ApiClient's own transport.
 */
class BenchClient extends ApiClient {
  static readonly agent = new http.Agent({ keepAlive: true });

  override request<T = any>(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const all = this.ip ? { 'x-forwarded-for': this.ip, ...headers } : headers;
    if (args.client === 'fetch') return super.request<T>(method, urlPath, body, all);
    return this.viaHttp<T>(method, urlPath, body, all);
  }

  /** ApiClient.request's behaviour (cookies, CSRF header, JSON) over node:http. */
  private async viaHttp<T>(method: string, urlPath: string, body: unknown, headers: Record<string, string>): Promise<ApiResponse<T>> {
    if (method !== 'GET' && !this.cookies.has('csrf_token')) await this.viaHttp('GET', '/api/csrf', undefined, headers);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const url = new URL(urlPath, this.baseUrl);
    const response = await new Promise<{ status: number; text: string; setCookies: string[] }>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          agent: BenchClient.agent,
          headers: {
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
            ...(method !== 'GET' ? { 'x-csrf-token': this.cookies.get('csrf_token') ?? '' } : {}),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, setCookies: res.headers['set-cookie'] ?? [] }));
          res.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
    const responseHeaders = new Headers();
    for (const line of response.setCookies) {
      responseHeaders.append('set-cookie', line);
      this.storeCookie(line);
    }
    let parsed: unknown = response.text;
    try {
      parsed = response.text ? JSON.parse(response.text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: responseHeaders };
  }
}

let addressCounter = 0;
/** A new client address per login: 10.0.0.1, 10.0.0.2, ... */
function nextAddress(): string {
  const n = ++addressCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function expectStatus(response: ApiResponse, status: number, what: string) {
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
}

// ---------------------------------------------------------------------------------------
// The server: a child process (default) or this process.

async function startServer(options: ServerOptions): Promise<BenchServer & { pid: number }> {
  if (inProcess) {
    const { startBenchServer } = await import('./server.ts');
    return { ...(await startBenchServer(options)), pid: process.pid };
  }
  const child: ChildProcess = fork(SERVER_SCRIPT, [], {
    env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited = false;
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.on('message', (message: any) => {
      if (message.type === 'ready') return resolve(message.info);
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`server: ${message.error}`));
    });
    child.once('exit', (code) => {
      exited = true;
      const error = new Error(`the benchmark server exited (code ${code})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
    });
  });
  const call = <T>(cmd: string, commandArgs?: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('the benchmark server is gone'));
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, cmd, args: commandArgs });
    });
  return {
    info,
    pid: child.pid!,
    snapshot: () => call<ServerSnapshot>('snapshot'),
    baseline: (op: BaselineOp, concurrency: number, warmup: number, duration: number) => call<LoopResult>('baseline', [op, concurrency, warmup, duration]),
    profileStart: () => call<void>('profileStart'),
    profileStop: (file: string) => call<ProfileEntry[]>('profileStop', [file]),
    async close() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => {});
      await gone;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Slices and their accounting

type PhaseKind = 'hash' | 'verify' | 'login-post' | 'login-flow';
const PHASE_LABELS: Record<PhaseKind, string> = {
  hash: 'argon2id hash, raw',
  verify: 'argon2id verify, raw (baseline)',
  'login-post': 'login: POST /api/login only',
  'login-flow': 'login: captcha + dev read + POST',
};

/** What the server and PostgreSQL did during a login slice (differences of two snapshots). */
interface ServerUse {
  cpuMs: number;
  /** Event-loop busy time (wall: includes time the thread was preempted) and CPU time of the main thread. */
  mainThreadMs: number;
  mainThreadCpuMs: number;
  postgresCpuMs: number;
  sql: Counter;
  statements: Record<string, Counter>;
  verify: Counter;
  routes: Record<string, Counter>;
}

interface Slice {
  kind: PhaseKind;
  concurrency: number;
  round: number;
  result: LoopResult;
  server?: ServerUse;
  /** Mean cores used by other processes during the window (NaN when unknown). */
  foreignCores: number;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
/** Not disturbed by other processes (unknown counts as not), and measured over its whole window. */
const isClean = (slice: Slice) => !(slice.foreignCores > DISTURBED_CORES) && !slice.result.endedEarly;

const zero = (): Counter => ({ count: 0, ms: 0 });
const minus = (a: Counter | undefined, b: Counter | undefined): Counter => ({ count: (a?.count ?? 0) - (b?.count ?? 0), ms: (a?.ms ?? 0) - (b?.ms ?? 0) });
const plus = (a: Counter | undefined, b: Counter | undefined): Counter => ({ count: (a?.count ?? 0) + (b?.count ?? 0), ms: (a?.ms ?? 0) + (b?.ms ?? 0) });
function mapDiff(after: Record<string, Counter>, before: Record<string, Counter>) {
  return Object.fromEntries(Object.keys(after).map((key) => [key, minus(after[key], before[key])] as const).filter(([, c]) => c.count > 0));
}
function mapSum(a: Record<string, Counter>, b: Record<string, Counter>) {
  return Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((key) => [key, plus(a[key], b[key])]));
}

interface Context {
  server: BenchServer & { pid: number };
  postgresPid: number | undefined;
  postgresCpuKnown: boolean;
}

/** Runs one client-side slice while taking server (and PostgreSQL) snapshots at the window edges. */
async function loginSlice(
  ctx: Context,
  concurrency: number,
  op: (worker: number) => Promise<Steps | typeof OUT_OF_WORK>,
  hooks?: { start: () => Promise<void>; stop: () => Promise<void> },
): Promise<{ result: LoopResult; server: ServerUse; foreignCores: number }> {
  let before: Promise<ServerSnapshot> | undefined;
  let after: Promise<ServerSnapshot> | undefined;
  let started: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  let postgresCpu = 0;
  const result = await closedLoop(
    {
      concurrency,
      warmupMs,
      durationMs: sliceMs,
      onWindowStart() {
        before = ctx.server.snapshot();
        postgresCpu -= processTreeCpuMs(ctx.postgresPid);
        started = hooks?.start();
      },
      onWindowEnd() {
        after = ctx.server.snapshot();
        postgresCpu += processTreeCpuMs(ctx.postgresPid);
        stopped = started?.then(() => hooks?.stop());
      },
    },
    op,
  );
  await stopped;
  const [b, a] = [await before!, await after!];
  const server: ServerUse = {
    cpuMs: cpuMs(a.cpu) - cpuMs(b.cpu),
    mainThreadMs: a.elu.active - b.elu.active,
    mainThreadCpuMs: cpuMs(a.mainThreadCpu) - cpuMs(b.mainThreadCpu),
    postgresCpuMs: ctx.postgresPid ? postgresCpu : 0,
    sql: minus(a.sql, b.sql),
    statements: mapDiff(a.statements, b.statements),
    verify: minus(a.argon2.verify, b.argon2.verify),
    routes: mapDiff(a.routes, b.routes),
  };
  const benchCpu = inProcess ? result.cpu.processMs : result.cpu.processMs + server.cpuMs;
  const foreignMs = ctx.postgresCpuKnown ? result.cpu.machineMs - benchCpu - server.postgresCpuMs : NaN;
  return { result, server, foreignCores: foreignMs / (result.seconds * 1000) };
}

async function baselineSlice(ctx: Context, op: BaselineOp, concurrency: number) {
  const result = await ctx.server.baseline(op, concurrency, warmupMs, sliceMs);
  // The runner idles meanwhile; PostgreSQL too.
  return { result, foreignCores: (result.cpu.machineMs - result.cpu.processMs) / (result.seconds * 1000) };
}

interface Captcha {
  captchaId: string;
  captcha: string;
  ip: string;
}

async function main() {
  const { databaseUrl, postgresPid, databaseLabel } = chooseDatabase(args.postgres, 'bench-login');

  const runStart = performance.now();
  const server = await startServer({ database: args.postgres ? 'postgres' : 'pglite', databaseUrl, users });
  cleanups.push(() => server.close());
  const ctx: Context = { server, postgresPid, postgresCpuKnown: !args.postgres || postgresPid !== undefined };
  const { info } = server;
  console.error(
    `server ${inProcess ? 'in this process' : 'in a child process'} at ${info.baseUrl}, ${databaseLabel}, ` +
      `${users} users seeded in ${info.seedMs.toFixed(0)} ms; ${os.availableParallelism()} CPUs, libuv threadpool ${info.threadpoolSize}`,
  );

  const maxConcurrency = Math.max(...concurrencies);
  const clients = Array.from({ length: maxConcurrency }, () => new BenchClient(info.baseUrl));
  for (const client of clients) expectStatus(await client.get('/api/csrf'), 200, 'GET /api/csrf');
  let userCounter = 0;
  const nextUser = () => info.loginNames[userCounter++ % info.loginNames.length]!;

  async function fetchCaptcha(client: BenchClient, steps?: Steps): Promise<Captcha> {
    client.ip = nextAddress();
    let t = performance.now();
    const created = await client.get<{ id: string }>('/api/captcha');
    expectStatus(created, 200, 'GET /api/captcha');
    if (steps) steps.captcha = performance.now() - t;
    t = performance.now();
    const answer = await client.get<{ answer: string }>(`/dev/captcha/${created.body.id}`);
    expectStatus(answer, 200, 'GET /dev/captcha/:id');
    if (steps) steps.devRead = performance.now() - t;
    return { captchaId: created.body.id, captcha: answer.body.answer, ip: client.ip };
  }

  async function postLogin(client: BenchClient, captcha: Captcha, steps: Steps) {
    client.ip = captcha.ip;
    const t = performance.now();
    const response = await client.post('/api/login', { kind: 'natural', loginName: nextUser(), password: info.password, captchaId: captcha.captchaId, captcha: captcha.captcha });
    steps.post = performance.now() - t;
    expectStatus(response, 200, 'POST /api/login');
    // The next login is a fresh one: no session cookie (else the session lookup would run too).
    client.cookies.delete('sid');
  }

  const flowOp = async (worker: number) => {
    const steps: Steps = {};
    const client = clients[worker]!;
    await postLogin(client, await fetchCaptcha(client, steps), steps);
    return steps;
  };
  const pool: Captcha[] = [];
  const postOnlyOp = async (worker: number) => {
    const captcha = pool.shift();
    if (!captcha) return OUT_OF_WORK;
    const steps: Steps = {};
    await postLogin(clients[worker]!, captcha, steps);
    return steps;
  };
  async function fillPool(size: number) {
    await Promise.all(
      clients.map(async (client) => {
        while (pool.length < size) pool.push(await fetchCaptcha(client));
      }),
    );
  }

  // Warm up JIT, connections and database caches once: the whole flow at the highest concurrency.
  await closedLoop({ concurrency: maxConcurrency, warmupMs: 0, durationMs: 2000 }, flowOp);

  const slices: Slice[] = [];
  async function measure(kind: PhaseKind, concurrency: number, round: number, run: () => Promise<{ result: LoopResult; server?: ServerUse; foreignCores: number }>) {
    const { result, server: use, foreignCores } = await run();
    const slice: Slice = { kind, concurrency, round, result, server: use, foreignCores };
    const note = `${foreignCores > DISTURBED_CORES ? `  disturbed: other processes used ${foreignCores.toFixed(2)} cores` : ''}${result.endedEarly ? '  ran out of pre-fetched captchas' : ''}`;
    console.error(`  c=${concurrency} round ${round + 1}  ${PHASE_LABELS[kind].padEnd(34)} ${result.rate.toFixed(1).padStart(6)}/s  p50 ${result.latency.p50.toFixed(1).padStart(6)} ms${note}`);
    slices.push(slice);
    return slice;
  }

  console.error(
    `${concurrencies.length} × ${rounds} rounds of [raw verify, login POST only, login whole flow] (up to ${extraRounds} more if disturbed) + raw hash; ` +
      `${warmupMs / 1000} s warm-up + ${sliceMs / 1000} s measured per slice`,
  );
  let poolRate = 0;
  for (const concurrency of concurrencies) {
    let clean = 0;
    for (let round = 0; clean < rounds && round < rounds + extraRounds; round++) {
      const verify = await measure('verify', concurrency, round, () => baselineSlice(ctx, 'verify', concurrency));
      poolRate = Math.max(poolRate, verify.result.rate);
      // Captchas for the POST-only slice, fetched outside its timed window. A login can hardly beat
      // a raw verify, but the verify slice may have been slowed down by other processes: if the
      // pool runs dry, the round does not count and the pool grows.
      const post = await measure('login-post', concurrency, round, async () => {
        await fillPool(Math.ceil(((poolRate * (warmupMs + sliceMs)) / 1000) * 1.3) + 10 * concurrency);
        const measured = await loginSlice(ctx, concurrency, postOnlyOp);
        if (measured.result.endedEarly) poolRate *= 2;
        return measured;
      });
      const flow = await measure('login-flow', concurrency, round, () => loginSlice(ctx, concurrency, flowOp));
      if ([verify, post, flow].every(isClean)) clean++;
    }
    // One slice of raw hashing (a second or third one if other processes disturbed it).
    for (let attempt = 0; attempt < 3; attempt++) {
      if (isClean(await measure('hash', concurrency, attempt, () => baselineSlice(ctx, 'hash', concurrency)))) break;
    }
  }

  let profile: { file: string; logins: number; entries: ProfileEntry[] } | undefined;
  if (args.profile) {
    const file = outFile().replace(/(\.json)?$/, '.cpuprofile');
    mkdirSync(path.dirname(file), { recursive: true });
    await fillPool(Math.ceil(((poolRate * (warmupMs + sliceMs)) / 1000) * 1.3) + 10);
    let entries: ProfileEntry[] = [];
    const { result } = await loginSlice(ctx, 1, postOnlyOp, {
      start: () => server.profileStart(),
      stop: async () => {
        entries = await server.profileStop(file);
      },
    });
    profile = { file, logins: result.ops, entries };
  }

  await cleanup();
  report({ slices, info, databaseLabel, seconds: (performance.now() - runStart) / 1000, profile });
}

// ---------------------------------------------------------------------------------------
// Report

/** bench/results/login-<db>-<start time>.json unless --out says otherwise. */
function outFile(): string {
  return path.resolve(args.out ?? path.join(RESULTS, `login-${args.postgres ? 'postgres' : 'pglite'}-${STARTED.replace(/[:.]/g, '-')}.json`));
}

interface Pooled {
  kind: PhaseKind;
  concurrency: number;
  ops: number;
  seconds: number;
  rate: number;
  latency: Summary;
  steps: Record<string, Summary>;
  sliceRates: number[];
  foreignCores: number;
  server?: ServerUse;
  clientCpuMs: number;
}

function pool(slices: Slice[]): Pooled {
  const first = slices[0]!;
  const ops = slices.reduce((sum, s) => sum + s.result.ops, 0);
  const seconds = slices.reduce((sum, s) => sum + s.result.seconds, 0);
  const stepNames = [...new Set(slices.flatMap((s) => Object.keys(s.result.samples.steps)))];
  let server: ServerUse | undefined;
  for (const s of slices) {
    if (!s.server) continue;
    server = server
      ? {
          cpuMs: server.cpuMs + s.server.cpuMs,
          mainThreadMs: server.mainThreadMs + s.server.mainThreadMs,
          mainThreadCpuMs: server.mainThreadCpuMs + s.server.mainThreadCpuMs,
          postgresCpuMs: server.postgresCpuMs + s.server.postgresCpuMs,
          sql: plus(server.sql, s.server.sql),
          statements: mapSum(server.statements, s.server.statements),
          verify: plus(server.verify, s.server.verify),
          routes: mapSum(server.routes, s.server.routes),
        }
      : s.server;
  }
  return {
    kind: first.kind,
    concurrency: first.concurrency,
    ops,
    seconds,
    rate: ops / seconds,
    latency: summarize(slices.flatMap((s) => s.result.samples.latency)),
    steps: Object.fromEntries(stepNames.map((name) => [name, summarize(slices.flatMap((s) => s.result.samples.steps[name] ?? []))])),
    sliceRates: slices.map((s) => s.result.rate),
    foreignCores: slices.reduce((sum, s) => sum + s.foreignCores * s.result.seconds, 0) / seconds,
    server,
    clientCpuMs: inProcess ? NaN : slices.reduce((sum, s) => sum + s.result.cpu.processMs, 0),
  };
}

function report(run: {
  slices: Slice[];
  info: ServerInfo;
  databaseLabel: string;
  seconds: number;
  profile: { file: string; logins: number; entries: ProfileEntry[] } | undefined;
}) {
  // The rounds that count: those whose three slices were all clean (all rounds if none was).
  const roundsRun = new Map<number, number>();
  const roundsClean = new Map<number, number>();
  const roundsUsed = new Map<number, number[]>();
  for (const concurrency of concurrencies) {
    const mine = run.slices.filter((s) => s.concurrency === concurrency && s.kind !== 'hash');
    const all = [...new Set(mine.map((s) => s.round))];
    const clean = all.filter((round) => mine.filter((s) => s.round === round).every(isClean));
    roundsRun.set(concurrency, all.length);
    roundsClean.set(concurrency, clean.length);
    roundsUsed.set(concurrency, clean.length ? clean : all);
  }
  const used = (kind: PhaseKind, concurrency: number) => {
    const mine = run.slices.filter((s) => s.kind === kind && s.concurrency === concurrency);
    if (kind !== 'hash') return mine.filter((s) => roundsUsed.get(concurrency)!.includes(s.round));
    return mine.some(isClean) ? mine.filter(isClean) : mine;
  };
  const pooled = new Map<string, Pooled>();
  for (const concurrency of concurrencies) {
    for (const kind of ['hash', 'verify', 'login-post', 'login-flow'] as const) pooled.set(`${kind}/${concurrency}`, pool(used(kind, concurrency)));
  }
  const get = (kind: PhaseKind, concurrency: number) => pooled.get(`${kind}/${concurrency}`)!;
  /** The ratio within each round (login slice ÷ the verify slice just before it). */
  const roundRatios = (kind: PhaseKind, concurrency: number) => {
    const verify = used('verify', concurrency);
    return used(kind, concurrency).map((slice) => slice.result.rate / verify.find((v) => v.round === slice.round)!.result.rate);
  };
  /** The headline: the median of the per-round ratios (a round disturbed in one slice only cannot drag it). */
  const ratio = (kind: PhaseKind, concurrency: number) => median(roundRatios(kind, concurrency));
  const pooledRatio = (kind: PhaseKind, concurrency: number) => get(kind, concurrency).rate / get('verify', concurrency).rate;
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
  const range = (values: number[]) => (values.length > 1 ? `${f2(Math.min(...values))}–${f2(Math.max(...values))}` : '');

  const environment = {
    ...machine(),
    threadpoolSize: run.info.threadpoolSize,
    argon2: { memoryCost: ARGON2_OPTIONS.memoryCost, timeCost: ARGON2_OPTIONS.timeCost, parallelism: ARGON2_OPTIONS.parallelism },
    database: run.databaseLabel,
    server: inProcess ? 'in-process' : 'child process',
    client: args.client,
    users: run.info.loginNames.length,
    rounds,
    extraRounds,
    roundsRun: Object.fromEntries(roundsRun),
    roundsClean: Object.fromEntries(roundsClean),
    roundsUsed: Object.fromEntries(roundsUsed),
    sliceSeconds: sliceMs / 1000,
    warmupSeconds: warmupMs / 1000,
    runSeconds: run.seconds,
  };

  const lines: string[] = [];
  lines.push(
    `Login benchmark — ${run.databaseLabel}, server in a ${environment.server === 'in-process' ? 'shared' : 'separate'} process, client over ${args.client === 'http' ? 'node:http' : 'fetch'}; ${environment.cpu}, ${environment.cpus} CPUs, Node ${process.version}, ` +
      `argon2id m=${ARGON2_OPTIONS.memoryCost} KiB t=${ARGON2_OPTIONS.timeCost} p=${ARGON2_OPTIONS.parallelism}, threadpool ${run.info.threadpoolSize}; ` +
      `rounds of ${sliceMs / 1000} s per row, interleaved (clean rounds: ${concurrencies.map((c) => `${roundsClean.get(c)} of ${roundsRun.get(c)} at ${c} client${c === 1 ? '' : 's'}`).join(', ')}; hash: 1 × ${sliceMs / 1000} s)`,
    '',
    '| what | clients | per second | mean ms | p50 ms | p95 ms | ÷ raw verify (median of rounds) | per round |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const concurrency of concurrencies) {
    for (const kind of ['hash', 'verify', 'login-post', 'login-flow'] as const) {
      const p = get(kind, concurrency);
      const isLogin = kind.startsWith('login');
      lines.push(
        `| ${PHASE_LABELS[kind]} | ${concurrency} | ${f1(p.rate)} | ${f1(p.latency.mean)} | ${f1(p.latency.p50)} | ${f1(p.latency.p95)} | ${isLogin ? `**${f2(ratio(kind, concurrency))}**` : ''} | ${isLogin ? range(roundRatios(kind, concurrency)) : ''} |`,
      );
    }
  }

  lines.push('', 'Where a login spends its time (means per login; server side unless noted):', '');
  lines.push('| what | clients | POST at server ms | of which argon2 verify ms | rest ms | SQL statements | SQL ms (summed) | server main thread CPU ms | server CPU ms | PostgreSQL CPU ms | client CPU ms | captcha GET ms | dev read ms |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const concurrency of concurrencies) {
    for (const kind of ['login-post', 'login-flow'] as const) {
      const p = get(kind, concurrency);
      const s = p.server!;
      const per = (v: number) => v / p.ops;
      const post = s.routes['POST /api/login'];
      const postMs = post ? post.ms / post.count : NaN;
      const verifyMs = s.verify.count ? s.verify.ms / s.verify.count : NaN;
      lines.push(
        `| ${PHASE_LABELS[kind]} | ${concurrency} | ${f1(postMs)} | ${f1(verifyMs)} | ${f1(postMs - verifyMs)} | ${f1(per(s.sql.count))} | ${f1(per(s.sql.ms))} | ${f1(per(s.mainThreadCpuMs))} | ${f1(per(s.cpuMs))} | ${args.postgres ? f1(ctxPostgres(per(s.postgresCpuMs))) : '–'} | ${f1(per(p.clientCpuMs))} | ${f1(p.steps.captcha?.mean ?? NaN)} | ${f1(p.steps.devRead?.mean ?? NaN)} |`,
      );
    }
  }
  function ctxPostgres(value: number) {
    return run.databaseLabel.includes('DATABASE_URL') ? NaN : value;
  }

  const postOnly = get('login-post', concurrencies[0]!);
  lines.push('', `SQL statements of one login (POST only, ${concurrencies[0]} client${concurrencies[0] === 1 ? '' : 's'}):`, '');
  lines.push('| statement | per login | mean ms |', '|---|---:|---:|');
  const statements = Object.entries(postOnly.server!.statements).sort(([, a], [, b]) => b.ms - a.ms);
  for (const [sql, c] of statements) lines.push(`| \`${sql.replace(/\|/g, '\\|')}\` | ${f1(c.count / postOnly.ops)} | ${f2(c.ms / c.count)} |`);

  if (run.profile) {
    const { entries, logins } = run.profile;
    const busy = entries.filter((e) => e.where !== '(idle)');
    const total = busy.reduce((sum, e) => sum + e.ms, 0);
    lines.push('', `Server main thread during ${logins} logins (POST only, 1 client), CPU profile ${path.relative(process.cwd(), run.profile.file)}:`, '');
    lines.push('| where | ms per login | share |', '|---|---:|---:|');
    for (const e of busy.slice(0, 15)) lines.push(`| ${e.where} | ${f2(e.ms / logins)} | ${((e.ms / total) * 100).toFixed(0)} % |`);
    lines.push(`| all (busy) | ${f2(total / logins)} | 100 % |`);
  }

  lines.push('');
  for (const concurrency of concurrencies) {
    const r = ratio('login-post', concurrency);
    lines.push(
      `logins/s ÷ raw verify/s at ${concurrency} client${concurrency === 1 ? ' ' : 's'}: POST only ${f2(r)} ${r >= TARGET_RATIO ? '(meets' : '(BELOW'} the ${TARGET_RATIO} aim), whole flow incl. captcha ${f2(ratio('login-flow', concurrency))}`,
    );
  }
  const disturbed = run.slices.filter((s) => s.foreignCores > DISTURBED_CORES);
  const meanForeign = run.slices.reduce((sum, s) => sum + (Number.isFinite(s.foreignCores) ? s.foreignCores : 0), 0) / run.slices.length;
  const short = concurrencies.filter((c) => roundsClean.get(c)! < rounds);
  lines.push(
    `other processes on this machine: ${f2(meanForeign)} cores on average during the measured windows; ${disturbed.length} of ${run.slices.length} slices disturbed (> ${DISTURBED_CORES} cores), their rounds left out` +
      (short.length
        ? ` — only ${short.map((c) => `${roundsClean.get(c)} clean round(s) at ${c} client${c === 1 ? '' : 's'}`).join(', ')}${short.some((c) => roundsClean.get(c) === 0) ? ' (no clean round: all rounds used)' : ''}: FIGURES UNRELIABLE, run again on a quieter machine`
        : ''),
  );
  console.log(lines.join('\n'));

  const out = outFile();
  mkdirSync(path.dirname(out), { recursive: true });
  const strip = ({ samples: _samples, ...rest }: LoopResult) => rest;
  writeFileSync(
    out,
    JSON.stringify(
      {
        environment,
        ratios: Object.fromEntries(
          concurrencies.map((c) => [
            c,
            {
              postOnly: ratio('login-post', c),
              wholeFlow: ratio('login-flow', c),
              postOnlyPooled: pooledRatio('login-post', c),
              wholeFlowPooled: pooledRatio('login-flow', c),
              postOnlyPerRound: roundRatios('login-post', c),
              wholeFlowPerRound: roundRatios('login-flow', c),
            },
          ]),
        ),
        pooled: [...pooled.values()].map((p) => ({ label: PHASE_LABELS[p.kind], ...p })),
        slices: run.slices.map((s) => ({ ...s, result: strip(s.result) })),
        profile: run.profile,
      },
      null,
      2,
    ) + '\n',
  );
  console.error(`\n${run.seconds.toFixed(0)} s; result written to ${path.relative(process.cwd(), out)}`);
}

await runMain(main);
