// `npm run soak`: the three-node cluster (deploy/cluster.ts, CLUSTER_CONTROL=true) under a steady
// mixed load on loopback, with faults in the middle: kill -9 of a node (started again), a Redis
// restart and a PostgreSQL restart. Bounded in time (SOAK_SECONDS, default 180) and rate
// (SOAK_RATE operations per second, default 2; at most SOAK_MAX_IN_FLIGHT at once, default 12).
// Operations: 自然人注册 (SMS code from the development outbox), 登录 of an account registered during
// the run, and 办理入口 of the OIDC demo system (login, authorization code flow through HAProxy,
// the demo system redeeming the code). Afterwards every registration that was acknowledged (201)
// must exist and log in. The report: operations and errors by kind per phase, latency
// percentiles per phase; exit 1 on a lost acknowledged write or an error outside a fault window.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { registerNatural } from '../test/support/accounts.ts';
import { followRedirects } from '../test/support/browse.ts';
import { ApiClient, type ApiResponse } from '../test/support/client.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const RATE = Number(process.env.SOAK_RATE ?? 2);
const MAX_IN_FLIGHT = Number(process.env.SOAK_MAX_IN_FLIGHT ?? 12);
/** How long after a fault begins its errors are the fault's (reconnections, health checks, a node starting again). */
const FAULT_WINDOW_MS = Number(process.env.SOAK_FAULT_WINDOW_SECONDS ?? 25) * 1000;
const DEMO = { loginName: 'demo_person', password: 'Demo@2026pass', name: '张三' };

/** A client with an address of its own (X-Forwarded-For, believed behind HAProxy), so per-address limits apply per simulated user. */
class User extends ApiClient {
  private readonly address = `10.${rand(256)}.${rand(256)}.${1 + rand(254)}`;
  override request<T = any>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return super.request<T>(method, p, body, { 'x-forwarded-for': this.address, ...headers });
  }
}
const rand = (n: number) => Math.floor(Math.random() * n);

interface Op {
  kind: string;
  at: number;
  ms: number;
  error?: string;
}
const ops: Op[] = [];
const faults: { name: string; at: number }[] = [];
const registered: { loginName: string; password: string }[] = [];
let inFlight = 0;
let overload = 0;

class OpError extends Error {}
const expect = (res: ApiResponse, status: number, what: string) => {
  if (res.status !== status) throw new OpError(`${what}: HTTP ${res.status}${res.body?.code ? ` ${res.body.code}` : ''}`);
};

async function run(kind: string, work: () => Promise<void>) {
  if (inFlight >= MAX_IN_FLIGHT) return void overload++;
  inFlight++;
  const at = Date.now();
  try {
    await work();
    ops.push({ kind, at, ms: Date.now() - at });
  } catch (error) {
    const message = error instanceof OpError ? error.message : `${(error as Error).name}: ${(error as Error).message.slice(0, 160)}`;
    ops.push({ kind, at, ms: Date.now() - at, error: message });
  } finally {
    inFlight--;
  }
}

const operations = (base: string, demoUrl: string) => ({
  async register() {
    const { body, res } = await registerNatural(new User(base));
    expect(res, 201, 'register');
    registered.push({ loginName: body.loginName, password: body.password });
  },
  async login() {
    const account = registered[rand(registered.length)] ?? { loginName: DEMO.loginName, password: DEMO.password };
    const user = new User(base);
    expect(await user.login('natural', account.loginName, account.password), 200, 'login');
    expect(await user.get('/api/me'), 200, 'me');
  },
  async enter() {
    const user = new User(base);
    expect(await user.login('natural', DEMO.loginName, DEMO.password), 200, 'login');
    const landed = await followRedirects(user, `${demoUrl}/login`);
    if (landed.status !== 200 || !landed.text.includes(`欢迎，${DEMO.name}`)) throw new OpError(`enter: HTTP ${landed.status} at ${new URL(landed.url).pathname}`);
  },
});

/** Groups by a key (Object.groupBy is newer than this project's TypeScript library setting). */
function groupBy<T>(list: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups];
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

function phaseOf(at: number): string {
  const fault = [...faults].reverse().find((f) => at >= f.at && at < f.at + FAULT_WINDOW_MS);
  return fault ? `fault: ${fault.name}` : 'steady';
}

async function main() {
  const cluster = spawn(process.execPath, ['deploy/cluster.ts'], { cwd: ROOT, env: { ...process.env, CLUSTER_PORT: '0', CLUSTER_CONTROL: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  cluster.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  cluster.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => cluster.once('exit', (code, signal) => resolve(code ?? signal ?? '?')));
  const stop = async () => {
    if (cluster.exitCode === null) cluster.kill('SIGTERM');
    return exited;
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const deadline = Date.now() + 240_000;
    while (!log.includes('Ctrl-C stops everything')) {
      if (cluster.exitCode !== null || Date.now() > deadline) throw new Error(`the cluster did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const base = /behind HAProxy\): (http:\/\/\S+)/.exec(log)![1]!;
    const control = /cluster: control (http:\/\/\S+)/.exec(log)![1]!;
    const demoUrl = /\(OIDC\) (http:\/\/\S+)\/login/.exec(log)![1]!;
    const fault = async (name: string, ...paths: string[]) => {
      faults.push({ name, at: Date.now() });
      console.log(`soak: ${Math.round((Date.now() - started) / 1000)} s: ${name}`);
      for (const p of paths) {
        const res = await fetch(`${control}${p}`, { method: 'POST' });
        if (res.status !== 200) throw new Error(`fault ${p}: ${res.status} ${await res.text()}`);
        if (p.endsWith('/kill')) await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    };
    const started = Date.now();
    console.log(`soak: ${SECONDS} s at ${RATE} operations/s against ${base}`);
    const kinds = operations(base, demoUrl);
    const mix: (keyof typeof kinds)[] = ['register', 'register', 'login', 'login', 'login', 'enter', 'enter'];
    const pending = new Set<Promise<void>>();
    const ticker = setInterval(() => {
      const kind = mix[rand(mix.length)]!;
      const job = run(kind, kinds[kind]);
      pending.add(job);
      void job.finally(() => pending.delete(job));
    }, 1000 / RATE);
    const schedule: [number, () => Promise<void>][] = [
      [0.2, () => fault('kill -9 node2, then start it again', '/nodes/node2/kill', '/nodes/node2/start')],
      [0.45, () => fault('restart Redis', '/redis/restart')],
      [0.7, () => fault('restart PostgreSQL', '/postgres/restart')],
    ];
    for (const [fraction, inject] of schedule) {
      const wait = started + fraction * SECONDS * 1000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await inject();
    }
    const rest = started + SECONDS * 1000 - Date.now();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    clearInterval(ticker);
    await Promise.allSettled([...pending]);

    // Nothing acknowledged was lost: every registration that got 201 exists and logs in.
    let lost = 0;
    for (const account of registered) {
      const res = await new User(base).login('natural', account.loginName, account.password);
      if (res.status !== 200) {
        lost++;
        console.log(`soak: LOST ${account.loginName}: login ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    const outside = report(lost);
    const code = lost > 0 || outside > 0 ? 1 : 0;
    console.log(`soak: ${code === 0 ? 'PASSED' : 'FAILED'} (${lost} lost acknowledged registrations, ${outside} errors outside the fault windows)`);
    return code;
  } catch (error) {
    console.error(`soak: ${(error as Error).message}`);
    return 2;
  } finally {
    const code = await stop();
    if (code !== 0) console.error(`soak: the cluster stopped with ${code}:\n${log.slice(-3000)}`);
  }
}

/** Prints the report; returns the number of errors outside the fault windows. */
function report(lost: number): number {
  const phases = new Map<string, Op[]>();
  for (const op of ops) phases.set(phaseOf(op.at), [...(phases.get(phaseOf(op.at)) ?? []), op]);
  console.log('\nsoak report');
  console.log(`  operations: ${ops.length} (${groupBy(ops, (op) => op.kind).map(([kind, list]) => `${kind} ${list.length}`).join(', ')}); not started (too many in flight): ${overload}`);
  console.log(`  acknowledged registrations: ${registered.length}, lost: ${lost}`);
  for (const [phase, list] of phases) {
    const ms = list.map((op) => op.ms).sort((a, b) => a - b);
    const errors = groupBy(list.filter((op) => op.error), (op) => `${op.kind}: ${op.error}`);
    console.log(`  ${phase}: ${list.length} operations, ${errors.reduce((n, [, l]) => n + l.length, 0)} errors; latency ms p50 ${percentile(ms, 50)} p95 ${percentile(ms, 95)} p99 ${percentile(ms, 99)} max ${ms.at(-1) ?? 0}`);
    for (const [kind, l] of errors) console.log(`      ${l.length} × ${kind}`);
  }
  return ops.filter((op) => op.error && phaseOf(op.at) === 'steady').length;
}

process.exit(await main());
