// `npm run soak`: the three-node cluster (deploy/cluster.ts, CLUSTER_CONTROL=true) under a steady
// mixed load on loopback, with faults in the middle: kill -9 of a node (started again), a Redis
// restart and a PostgreSQL restart. Bounded in time (SOAK_SECONDS, default 180) and rate
// (SOAK_RATE operations per second, default 2; at most SOAK_MAX_IN_FLIGHT at once, default 12).
// Operations: 自然人注册 (SMS code from the development outbox), 登录 of an account registered during
// the run, 办理入口 of the OIDC demo system (login, authorization code flow through HAProxy, the
// demo system redeeming the code), a CAS sign-in at the CAS demo system's service (ticket, then
// serviceValidate naming the user), 我的信息 saves (联系地址 of an account registered during the
// run set to a new value), and OIDC sign-ins of the demo system's client that keep the refresh
// token, which is then refreshed at intervals (rotation: each refresh answers a new one).
// Afterwards nothing acknowledged may be lost: every registration that got 201 exists and logs
// in; every saved profile holds its last acknowledged value (or a later one whose answer never
// came); every refresh token the soak holds still refreshes (the soak revokes none). The report:
// operations and errors by kind per phase, latency percentiles per phase; exit 1 on a lost
// acknowledged write or an error outside a fault window. SOAK_LOG_FILE=path keeps the cluster's log.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
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
/** 我的信息 saves per account: the last value answered 200, and the values sent after it whose answer never came. */
const saved = new Map<string, { acknowledged: string | undefined; unanswered: string[] }>();
const saving = new Set<string>();
/** Refresh tokens held by the soak's business system: the latest one of each sign-in (rotation). */
interface Held {
  token: string;
  refreshedAt: number;
  busy: boolean;
  /** A refresh went unanswered (connection lost): whether the platform rotated the token is unknown. */
  uncertain: boolean;
}
const held: Held[] = [];
let sequence = 0;
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

/** What the soak's business systems need: the OIDC demo system's client and the CAS demo system's service. */
interface Systems {
  demoUrl: string;
  casService: string;
  client: { id: string; secret: string; redirectUri: string };
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** The business system's call to the token endpoint (client_secret_basic); the answer's JSON or a thrown OpError. */
async function tokenRequest(systems: Systems, params: Record<string, string>, what: string): Promise<Record<string, string>> {
  const response = await fetch(systems.tokenEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(systems.client.id)}:${encodeURIComponent(systems.client.secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams(params).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, string>;
  if (response.status !== 200) throw new OpError(`${what}: HTTP ${response.status}${body.error ? ` ${body.error} (${body.error_description})` : ''}`);
  return body;
}

/** The demo person signs in to the OIDC demo system's client (PKCE) and the system redeems the code: its tokens. */
async function oidcSignIn(base: string, systems: Systems): Promise<Record<string, string>> {
  const user = new User(base);
  expect(await user.login('natural', DEMO.loginName, DEMO.password), 200, 'login');
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(12));
  const url = new URL(systems.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: systems.client.id,
    redirect_uri: systems.client.redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();
  const landed = await followRedirects(user, url.href, { stopAt: systems.client.redirectUri });
  const code = landed.url.searchParams.get('code');
  if (!code || landed.url.searchParams.get('state') !== state) throw new OpError(`authorize: HTTP ${landed.status} at ${landed.url.pathname}`);
  return tokenRequest(systems, { grant_type: 'authorization_code', code, redirect_uri: systems.client.redirectUri, code_verifier: verifier }, 'code');
}

/** One refresh grant of a held token; the new token replaces it once answered. */
async function refresh(systems: Systems, entry: Held, what = 'refresh'): Promise<void> {
  let answer: Record<string, string>;
  try {
    answer = await tokenRequest(systems, { grant_type: 'refresh_token', refresh_token: entry.token }, what);
  } catch (error) {
    // An answer that never came (connection lost, gateway error): the platform may have rotated the token.
    if (!(error instanceof OpError) || /HTTP 5\d\d/.test(error.message)) entry.uncertain = true;
    throw error;
  }
  if (!answer.access_token || !answer.refresh_token) throw new OpError(`${what}: no tokens in the answer`);
  entry.token = answer.refresh_token;
  entry.refreshedAt = Date.now();
  entry.uncertain = false;
}

/** 我的信息 (自然人): GET the form, PUT it back with 联系地址 changed; the new value, or a thrown OpError. */
async function saveAddress(user: User, address: string): Promise<void> {
  const view = await user.get('/api/me/profile');
  expect(view, 200, 'profile');
  expect(await user.put('/api/me/profile/natural-person', { ...view.body.naturalPerson, address }), 200, 'profile save');
}

const operations = (base: string, systems: Systems) => ({
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
    const landed = await followRedirects(user, `${systems.demoUrl}/login`);
    if (landed.status !== 200 || !landed.text.includes(`欢迎，${DEMO.name}`)) throw new OpError(`enter: HTTP ${landed.status} at ${new URL(landed.url).pathname}`);
  },
  async cas() {
    const user = new User(base);
    expect(await user.login('natural', DEMO.loginName, DEMO.password), 200, 'login');
    const service = systems.casService;
    const landed = await followRedirects(user, `${base}/cas/login?service=${encodeURIComponent(service)}`, { stopAt: service });
    const ticket = landed.url.searchParams.get('ticket');
    if (!ticket) throw new OpError(`cas login: HTTP ${landed.status} at ${landed.url.pathname}`);
    const validation = await fetch(`${base}/cas/serviceValidate?${new URLSearchParams({ service, ticket })}`);
    const xml = await validation.text();
    if (validation.status !== 200 || !xml.includes(`<cas:user>${DEMO.loginName}</cas:user>`)) {
      throw new OpError(`cas serviceValidate: HTTP ${validation.status}${/code="([A-Z_]+)"/.exec(xml)?.[1] ? ` ${/code="([A-Z_]+)"/.exec(xml)![1]}` : ''}`);
    }
  },
  async oidcWithRefresh() {
    const tokens = await oidcSignIn(base, systems);
    if (!tokens.refresh_token) throw new OpError('code: no refresh token in the answer');
    held.push({ token: tokens.refresh_token, refreshedAt: Date.now(), busy: false, uncertain: false });
  },
  async refresh() {
    // The token refreshed longest ago (not being refreshed now): each is refreshed at intervals. One
    // whose last refresh went unanswered is left for the final check (presenting it again would be a replay if it was rotated).
    const entry = held.filter((h) => !h.busy && !h.uncertain).sort((a, b) => a.refreshedAt - b.refreshedAt)[0];
    if (!entry) return this.oidcWithRefresh();
    entry.busy = true;
    try {
      await refresh(systems, entry);
    } finally {
      entry.busy = false;
    }
  },
  async profile() {
    // An account registered during the run that is not being saved now (two saves of one account at once have no "last").
    const free = registered.filter((a) => !saving.has(a.loginName));
    const account = free[rand(free.length)];
    if (!account) return this.register();
    saving.add(account.loginName);
    const address = `北京市海淀区复兴路${++sequence}号`;
    const record = saved.get(account.loginName) ?? { acknowledged: undefined, unanswered: [] };
    saved.set(account.loginName, record);
    try {
      const user = new User(base);
      expect(await user.login('natural', account.loginName, account.password), 200, 'login');
      record.unanswered.push(address);
      await saveAddress(user, address);
      record.acknowledged = address;
      record.unanswered = [];
    } finally {
      saving.delete(account.loginName);
    }
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
    const casUrl = /\(CAS\) (http:\/\/\S+)\/login/.exec(log)?.[1];
    const client = /client_id (\S+)\s+client_secret (\S+)\s+回调 ([^\s,]+)/.exec(log);
    if (!casUrl || !client) throw new Error(`the cluster did not name the CAS demo system or the OIDC demo client:\n${log}`);
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const systems: Systems = {
      demoUrl,
      casService: `${casUrl}/soak`,
      client: { id: client[1]!, secret: client[2]!, redirectUri: client[3]! },
      authorizationEndpoint: discovery.authorization_endpoint!,
      tokenEndpoint: discovery.token_endpoint!,
    };
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
    const kinds = operations(base, systems);
    const mix: (keyof typeof kinds)[] = ['register', 'register', 'login', 'login', 'enter', 'cas', 'oidcWithRefresh', 'refresh', 'refresh', 'profile', 'profile'];
    const pending = new Set<Promise<void>>();
    const ticker = setInterval(() => {
      const kind = mix[rand(mix.length)]!;
      const job = run(kind, () => kinds[kind]());
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
    // Every saved profile holds its last acknowledged value (or a later one sent whose answer never came).
    let lostSaves = 0;
    let checkedSaves = 0;
    for (const [loginName, record] of saved) {
      if (record.acknowledged === undefined) continue;
      checkedSaves++;
      const account = registered.find((a) => a.loginName === loginName)!;
      const user = new User(base);
      const login = await user.login('natural', account.loginName, account.password);
      const stored = login.status === 200 ? (await user.get('/api/me/profile')).body?.naturalPerson?.address : undefined;
      if (stored !== record.acknowledged && !record.unanswered.includes(stored)) {
        lostSaves++;
        console.log(`soak: LOST profile save of ${loginName}: holds ${JSON.stringify(stored)}, acknowledged ${JSON.stringify(record.acknowledged)}`);
      }
    }
    // Every refresh token held still refreshes: the soak revoked none.
    let lostTokens = 0;
    let uncertain = 0;
    for (const entry of held) {
      try {
        await refresh(systems, entry, 'final refresh');
      } catch (error) {
        if (entry.uncertain) {
          uncertain++;
          console.log(`soak: refresh token whose last refresh went unanswered no longer works: ${(error as Error).message}`);
        } else {
          lostTokens++;
          console.log(`soak: LOST refresh token: ${(error as Error).message}`);
        }
      }
    }
    const outside = report(lost);
    console.log(`  profile saves acknowledged: ${ops.filter((op) => op.kind === 'profile' && !op.error).length} (${checkedSaves} accounts checked), lost: ${lostSaves}`);
    console.log(`  refresh tokens held: ${held.length}, still refreshing: ${held.length - lostTokens - uncertain}, lost: ${lostTokens}, unanswered rotations: ${uncertain}`);
    const allLost = lost + lostSaves + lostTokens;
    const code = allLost > 0 || outside > 0 || !checkedSaves || !held.length ? 1 : 0;
    console.log(
      `soak: ${code === 0 ? 'PASSED' : 'FAILED'} (${allLost} lost acknowledged writes: ${lost} registrations, ${lostSaves} profile saves, ${lostTokens} refresh tokens; ${outside} errors outside the fault windows)`,
    );
    return code;
  } catch (error) {
    console.error(`soak: ${(error as Error).message}`);
    return 2;
  } finally {
    const code = await stop();
    if (process.env.SOAK_LOG_FILE) (await import('node:fs')).writeFileSync(process.env.SOAK_LOG_FILE, log);
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
