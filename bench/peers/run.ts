/**
 * `npm run bench:peers`: the platform and LemonLDAP::NG side by side, in one run, alternating.
 *
 * 1. Starts LemonLDAP::NG 2.16 (Debian's lemonldap-ng behind nginx, 7 FastCGI workers) with
 *    llng-setup.sh (the peer's own setup, ../shared/peers/lemonldap/setup.sh: installs the
 *    packages and wrk when missing, demo users, one OIDC client, one CAS service, loopback only).
 * 2. Starts the platform in the several-nodes configuration (deploy/cluster.ts: throwaway
 *    PostgreSQL and Redis, --nodes nodes, HAProxy in front) and uses its demo OIDC client
 *    (hgr-demo) and demo CAS service, signed in as demo_person.
 * 3. --rounds rounds; in each, every scenario runs against one target and then the other (the
 *    order swaps every round, so a slow period of the machine hits both):
 *      oidc_flow  flowbench.mjs: authorize → code → token of signed-in users, flows/s
 *      cas_flow   flowbench.mjs MODE=cas: login → ticket → serviceValidate, flows/s
 *      authorize  flowbench.mjs MODE=mint: codes pre-minted for token (codes/s, reported too), for
 *                 3 × --seconds (at most 45 s: the platform's codes live 60 s)
 *      token      wrk: authorization_code grants with those codes, right after the same target's authorize
 *      userinfo   wrk: one bearer token
 *      refresh    wrk: refresh_token grants, each connection rotating its own token (platform only:
 *                 the peer's client has no refresh tokens)
 *    and prints the median per scenario and the ratio platform ÷ LemonLDAP::NG.
 * 4. Memory: VmRSS of each platform node idle (before any load), after the rounds, during and
 *    after PEERS_MEMORY_MINUTES (default 2; the aim is about 10) of sign-on load (OIDC and CAS
 *    flows at once), and 30 s after it; with --heap-snapshot, a heap snapshot of node1 before and
 *    after the load, summarised (bench/peers/heap.ts).
 * 5. Stops everything it started (also on Ctrl-C and failure) and writes bench/results/peers-<time>.json.
 *
 * Options: --rounds 3, --seconds 10, --concurrency 8, --nodes (one per core, at least 2: DEFAULT_NODES), --memory-minutes (PEERS_MEMORY_MINUTES),
 * --heap-snapshot, --skip-rounds (memory only), --only userinfo,token (those scenarios), --node-options
 * =--max-semi-space-size=16 (the nodes' NODE_OPTIONS; with '=': its value starts with a dash), --out <file>.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
// Not ../common.ts: it imports bench/login/throwaway-postgres.ts, whose SIGINT handler would end
// this process before what it started is stopped.
import { heapSnapshot, type HeapSummary } from './heap.ts';
import { cleanup, cpuByCommand, cpuSpent, environOf, onCleanup, parseResult, run, runMain, statusKb, treeOf } from './processes.ts';

const STARTED = new Date().toISOString();
const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '..', '..');
const NODE = process.execPath;
const FLOWBENCH = path.join(HERE, 'flowbench.mjs');
const SETUP = path.join(HERE, 'llng-setup.sh');
const WRK = path.join(HERE, 'wrk');

/**
 * Node runs JavaScript on one thread: a node per core uses the machine, more only add context
 * switches and HAProxy hops (on 2 cores, 3 nodes exchanged codes for tokens 15–25% slower than 2).
 * Never fewer than 2: the several-nodes configuration, with a store shared by nodes.
 */
const DEFAULT_NODES = Math.max(2, os.availableParallelism());

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    nodes: { type: 'string', default: String(DEFAULT_NODES) },
    'memory-minutes': { type: 'string', default: process.env.PEERS_MEMORY_MINUTES ?? '2' },
    'heap-snapshot': { type: 'boolean', default: false },
    'skip-rounds': { type: 'boolean', default: false },
    only: { type: 'string' },
    'node-options': { type: 'string' },
    out: { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const SECS = Number(args.seconds);
const CONC = Number(args.concurrency);
const NODES = Number(args.nodes);
const MEMORY_MINUTES = Number(args['memory-minutes']);
for (const [name, value, min] of [['rounds', ROUNDS, 1], ['seconds', SECS, 1], ['concurrency', CONC, 1], ['nodes', NODES, 1], ['memory-minutes', MEMORY_MINUTES, 0]] as const) {
  if (!Number.isFinite(value) || value < min) {
    console.error(`peers: --${name} must be a number ≥ ${min}`);
    process.exit(2);
  }
}

type TargetName = 'llng' | 'platform';
interface Target {
  name: TargetName;
  label: string;
  base: string;
  tokenPath: string;
  userinfoPath: string;
  redirect: string;
  basic: string;
  /** Environment of flowbench.mjs for this target. */
  env: Record<string, string>;
}
type Result = Record<string, number | string>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function machine() {
  return {
    date: STARTED,
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: os.availableParallelism(),
    platform: `${os.platform()} ${os.release()}`,
  };
}

const basic = (id: string, secret: string) => 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
const say = (line: string) => console.error(`peers: ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- LemonLDAP::NG

async function startLemonldap(): Promise<Target> {
  say('starting LemonLDAP::NG (llng-setup.sh: installs the packages once, then nginx + FastCGI on 127.0.0.1:19080) ...');
  onCleanup('LemonLDAP::NG and nginx (llng-setup.sh stop)', () => run('bash', [SETUP, 'stop']).then(() => undefined));
  await run('bash', [SETUP]);
  const version = await run('dpkg-query', ['-W', '-f', '${Version}', 'lemonldap-ng']).catch(() => '?');
  const base = 'http://auth.example.test:19080';
  return {
    name: 'llng',
    label: `LemonLDAP::NG ${version}`,
    base,
    tokenPath: '/oauth2/token',
    userinfoPath: '/oauth2/userinfo',
    redirect: 'http://rp.example.test:19180/oidc/redirect_uri',
    basic: basic('rp-client', 'rp-secret'),
    env: { LLNG_BASE: base },
  };
}

/** As the peer's bench.sh before each run: an empty session store and session cache (file-backed; directories never shrink). */
async function freshLemonldapSessions() {
  const sessions = '/var/lib/lemonldap-ng/sessions';
  await run('bash', ['-c', `rm -rf ${sessions} /var/lib/lemonldap-ng/cache/lemonldap-ng-sessions && install -d -o www-data -g www-data -m 770 ${sessions} ${sessions}/lock && sync`]);
  await sleep(5000);
}

/** The FastCGI manager and its Perl workers (RSS summed: forked workers share pages, so this overcounts). */
function lemonldapRssKb(): number | undefined {
  try {
    const pid = Number(readFileSync('/run/llng-fastcgi-server/llng-bench.pid', 'utf8').trim());
    const kb = treeOf(pid).map((p) => statusKb(p, 'VmRSS') ?? 0);
    return kb.reduce((a, b) => a + b, 0) || undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- the platform

interface Cluster {
  target: Target;
  nodes: { name: string; pid: number }[];
}

async function startCluster(): Promise<Cluster> {
  say(`starting the platform: deploy/cluster.ts, ${NODES} node(s) on PostgreSQL + Redis behind HAProxy ...`);
  const child = spawn(NODE, [path.join(ROOT, 'deploy', 'cluster.ts')], {
    cwd: ROOT,
    env: { ...process.env, CLUSTER_PORT: '0', CLUSTER_NODES: String(NODES), LOG_LEVEL: 'warn', ...(args['node-options'] ? { CLUSTER_NODE_OPTIONS: args['node-options'] } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      say(`deploy/cluster.ts ended (${code ?? signal})`);
      resolve();
    }),
  );
  onCleanup('the platform (deploy/cluster.ts: nodes, HAProxy, Redis, PostgreSQL)', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  });
  let publicUrl: string | undefined, oidcDemo: string | undefined, casDemo: string | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    let rest = '';
    const read = (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        // Keep the cluster's warnings and errors visible; not its request lines.
        if (/error|exited|failed|cluster:/i.test(line) && !/\[haproxy\].*(UP|DOWN)/.test(line)) console.error(line);
        publicUrl ??= /^cluster: .*\): (http:\/\/\S+)$/.exec(line)?.[1];
        oidcDemo ??= /^\[node1\] 演示业务系统: .*\(OIDC\) (http:\/\/\S+)\/login$/.exec(line)?.[1];
        casDemo ??= /^\[node1\] 演示业务系统: .*\(CAS\) (http:\/\/\S+)\/login$/.exec(line)?.[1];
        if (publicUrl && oidcDemo && casDemo) resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`deploy/cluster.ts ended (${code}) before it was ready`)));
    setTimeout(() => reject(new Error('the platform was not ready within 240 s')), 240_000).unref();
  });
  await ready;
  // The nodes: deploy/cluster.ts's children running src/main.ts, named by their NODE_NAME.
  const nodes = treeOf(child.pid!)
    .map((pid) => ({ pid, name: environOf(pid, 'NODE_NAME') }))
    .filter((n): n is { pid: number; name: string } => !!n.name && readFileSync(`/proc/${n.pid}/cmdline`, 'utf8').includes('src/main.ts'))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (nodes.length !== NODES) throw new Error(`found ${nodes.length} platform node processes, expected ${NODES}`);
  say(`platform ready at ${publicUrl} (nodes: ${nodes.map((n) => `${n.name} pid ${n.pid}`).join(', ')})`);
  const redirect = `${oidcDemo}/callback`;
  return {
    nodes,
    target: {
      name: 'platform',
      label: `platform (${NODES} node${NODES > 1 ? 's' : ''} + HAProxy, PostgreSQL + Redis)`,
      base: publicUrl!,
      tokenPath: '/oidc/token',
      userinfoPath: '/oidc/me',
      redirect,
      basic: basic('hgr-demo', 'HgrDemo@2026-oidc-client-secret'),
      env: { BASE: publicUrl!, REDIRECT: redirect, SERVICE: `${casDemo}/` },
    },
  };
}

// ---------------------------------------------------------------- scenarios

const work = mkdtempSync(path.join(os.tmpdir(), 'peers-'));
onCleanup('temporary files', () => rmSync(work, { recursive: true, force: true }));

function flowbench(target: Target, mode: string, seconds: number, extra: Record<string, string> = {}, conc = CONC) {
  return run(NODE, [FLOWBENCH, target.name, String(conc), String(seconds)], { ...target.env, MODE: mode, ...extra });
}

function wrk(url: string, headers: string[], script: string, scriptArgs: string[]) {
  return run('wrk', [`-t${CONC}`, `-c${CONC}`, `-d${SECS}s`, ...headers.flatMap((h) => ['-H', h]), '-s', path.join(WRK, script), url, '--', ...scriptArgs]);
}

const SCENARIOS = ['oidc_flow', 'cas_flow', 'authorize', 'token', 'userinfo', 'refresh'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** What runs for one target before the other: authorize mints the codes that token then uses at once (they expire). */
const ALL_STEPS: Scenario[][] = [['oidc_flow'], ['cas_flow'], ['authorize', 'token'], ['userinfo'], ['refresh']];
/** --only userinfo,token: those scenarios (token brings its authorize along). */
const ONLY = args.only?.split(',').map((name) => name.trim());
const unknownScenario = ONLY?.find((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknownScenario !== undefined) {
  console.error(`peers: --only takes ${SCENARIOS.join(', ')}; not ${JSON.stringify(unknownScenario)}`);
  process.exit(2);
}
const STEPS = ONLY ? ALL_STEPS.filter((step) => step.some((scenario) => ONLY.includes(scenario))) : ALL_STEPS;
const LABELS: Record<Scenario, string> = {
  oidc_flow: 'OIDC code flow of a signed-in user (authorize → code → token), flows/s',
  cas_flow: 'CAS login → ticket → serviceValidate, flows/s',
  authorize: 'authorize of a signed-in user → code (pre-minting for token), codes/s',
  token: 'token exchange (authorization_code, pre-minted codes), requests/s',
  userinfo: 'userinfo (one bearer token), requests/s',
  refresh: 'refresh grant (rotated, platform only), requests/s',
};

/** One round's measurements of one target: every scenario, in order. */
async function measure(target: Target, scenario: Scenario): Promise<Result | undefined> {
  const form = 'Content-Type: application/x-www-form-urlencoded';
  switch (scenario) {
    case 'oidc_flow':
      return parseResult(await flowbench(target, 'oidc', SECS));
    case 'cas_flow':
      return parseResult(await flowbench(target, 'cas', SECS));
    case 'authorize': {
      // Three times the slice: the token slice should not run out of codes (it may be faster than
      // authorize); a connection that does stops, and req.lua counts the rate over the time answered.
      // At most 45 s: the platform's codes live 60 s, and token runs right after (see STEPS).
      const out = await flowbench(target, 'mint', Math.min(3 * SECS, 45), { OUT: path.join(work, `${target.name}-code`) });
      const verifier = /^VERIFIER (\S+)$/m.exec(out)?.[1];
      if (!verifier) throw new Error('flowbench mint: no VERIFIER');
      writeFileSync(path.join(work, `${target.name}-verifier`), verifier);
      return parseResult(out);
    }
    case 'token': {
      const verifier = readFileSync(path.join(work, `${target.name}-verifier`), 'utf8');
      const body = `grant_type=authorization_code&code=@@&redirect_uri=${encodeURIComponent(target.redirect)}&code_verifier=${verifier}`;
      return parseResult(await wrk(`${target.base}/`, [form, `Authorization: ${target.basic}`], 'req.lua',
        [path.join(work, `${target.name}-code`), 'POST', target.tokenPath, body, '200', '"access_token"']));
    }
    case 'userinfo': {
      const out = await flowbench(target, 'tokens', 1, { OUT: path.join(work, `${target.name}-refresh`) });
      const token = /^ACCESS_TOKEN (\S+)$/m.exec(out)?.[1];
      if (!token) throw new Error('flowbench tokens: no ACCESS_TOKEN');
      return parseResult(await wrk(`${target.base}/`, [`Authorization: Bearer ${token}`], 'req.lua', ['-', 'GET', target.userinfoPath, '-', '200', '"sub"']));
    }
    case 'refresh': {
      if (target.name !== 'platform') return undefined;
      const file = path.join(work, `${target.name}-refresh`);
      if (readFileSync(file, 'utf8').trim().split('\n').length < CONC) throw new Error('fewer refresh tokens than connections');
      return parseResult(await wrk(`${target.base}${target.tokenPath}`, [`Authorization: ${target.basic}`], 'refresh.lua', [file]));
    }
  }
}

// ---------------------------------------------------------------- memory

interface MemorySample {
  at: string;
  seconds: number;
  nodesMb: Record<string, number>;
  hwmMb: Record<string, number>;
  /** RSS split: anonymous memory (heaps, malloc) and file-backed pages (the node binary, libraries). */
  anonMb: Record<string, number>;
  fileMb: Record<string, number>;
  lemonldapMb?: number;
}

function sampleMemory(nodes: Cluster['nodes'], at: string, t0: number): MemorySample {
  const mb = (kb: number | undefined) => Math.round((kb ?? NaN) / 102.4) / 10;
  const llng = lemonldapRssKb();
  return {
    at,
    seconds: Math.round((Date.now() - t0) / 1000),
    nodesMb: Object.fromEntries(nodes.map((n) => [n.name, mb(statusKb(n.pid, 'VmRSS'))])),
    hwmMb: Object.fromEntries(nodes.map((n) => [n.name, mb(statusKb(n.pid, 'VmHWM'))])),
    anonMb: Object.fromEntries(nodes.map((n) => [n.name, mb(statusKb(n.pid, 'RssAnon'))])),
    fileMb: Object.fromEntries(nodes.map((n) => [n.name, mb(statusKb(n.pid, 'RssFile'))])),
    ...(llng ? { lemonldapMb: mb(llng) } : {}),
  };
}

/** Resident memory of a process by mapping (the file's name, [heap], [stack], or anonymous), largest first. */
function smapsSummary(pid: number): { name: string; rssMb: number }[] {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return [];
  }
  const sums = new Map<string, number>();
  let name = '';
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) name = header[1] ? path.basename(header[1]) : '(anonymous)';
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) sums.set(name, (sums.get(name) ?? 0) + Number(rss[1]));
  }
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([n, kb]) => ({ name: n, rssMb: Math.round(kb / 102.4) / 10 }));
}

// ---------------------------------------------------------------- report

function table(results: Record<Scenario, Record<TargetName, Result[]>>, labels: Record<TargetName, string>) {
  const rows: string[] = [
    `| what | ${labels.llng} | platform | platform ÷ peer | rounds, peer | rounds, platform | p50 ms peer · platform | bad peer · platform |`,
    '|---|---:|---:|---:|---|---|---|---|',
  ];
  const summary: Record<string, unknown> = {};
  for (const scenario of SCENARIOS.filter((s) => results[s].platform.length)) {
    const rps = (t: TargetName) => results[scenario][t].map((r) => Number(r.rps));
    const p50 = (t: TargetName) => median(results[scenario][t].map((r) => Number(r.p50_ms)));
    const bad = (t: TargetName) => results[scenario][t].reduce((sum, r) => sum + Number(r.bad ?? 0) + Number(r.exhausted_threads ?? 0), 0);
    const peer = median(rps('llng'));
    const ours = median(rps('platform'));
    const ratio = ours / peer;
    summary[scenario] = { peer, platform: ours, ratio: Number.isFinite(ratio) ? ratio : null };
    const fmt = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
    const fmtP50 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
    rows.push(
      `| ${LABELS[scenario]} | ${fmt(peer)} | ${fmt(ours)} | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—'} | ${rps('llng').map(fmt).join(', ') || '—'} | ${rps('platform').map(fmt).join(', ')} | ${fmtP50(p50('llng'))} · ${fmtP50(p50('platform'))} | ${results[scenario].llng.length ? bad('llng') : '—'} · ${bad('platform')} |`,
    );
  }
  return { markdown: rows.join('\n'), summary };
}

// ---------------------------------------------------------------- main

await runMain(async () => {
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const out = args.out ?? path.join(ROOT, 'bench', 'results', `peers-${STARTED.replace(/[:.]/g, '-')}.json`);
  const loadBefore = os.loadavg();
  const llng = await startLemonldap();
  if (!existsSync('/usr/bin/wrk')) throw new Error('wrk not found (llng-setup.sh installs it)');
  const cluster = await startCluster();
  const platform = cluster.target;
  const t0 = Date.now();
  const memory: MemorySample[] = [];
  const heap: Record<string, HeapSummary> = {};

  await sleep(10_000);
  memory.push(sampleMemory(cluster.nodes, 'idle (started, no load yet)', t0));
  say(`RSS idle: ${JSON.stringify(memory.at(-1)!.nodesMb)} MB`);

  const results = Object.fromEntries(SCENARIOS.map((s) => [s, { llng: [], platform: [] }])) as unknown as Record<Scenario, Record<TargetName, Result[]>>;
  if (!args['skip-rounds']) {
    // Warm-up, uncounted: JIT, connections, caches; every FastCGI worker.
    say('warm-up (3 s each, uncounted) ...');
    for (const target of [llng, platform]) await flowbench(target, 'oidc', 3);
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? [llng, platform] : [platform, llng];
      say(`round ${round}/${ROUNDS}: fresh LemonLDAP::NG session store (as its bench.sh), then ${order.map((t) => t.name).join(' → ')} per scenario`);
      await freshLemonldapSessions();
      for (const step of STEPS) {
        for (const target of order) {
          for (const scenario of step) {
            const cpuBefore = cpuByCommand();
            const result = await measure(target, scenario);
            if (!result) continue;
            // Where the CPU went, per operation answered (ms by command name: node, haproxy, postgres, perl ...).
            const ok = Number(result.ok) || 1;
            result.cpu_ms_per_op = JSON.stringify(Object.fromEntries(Object.entries(cpuSpent(cpuBefore, cpuByCommand())).map(([command, ms]) => [command, Number((ms / ok).toFixed(3))])));
            // The machine's 1-minute load average at the end of the slice: how busy other work kept it.
            result.load1 = Number(os.loadavg()[0]!.toFixed(2));
            results[scenario][target.name].push(result);
            say(`round ${round} ${scenario.padEnd(9)} ${target.name.padEnd(8)} ${result.rps}/s  p50 ${result.p50_ms} ms  p99 ${result.p99_ms} ms  ok ${result.ok} bad ${result.bad}${result.exhausted_threads ? ` exhausted ${result.exhausted_threads}` : ''}  CPU ms per op ${result.cpu_ms_per_op}`);
          }
        }
      }
    }
    memory.push(sampleMemory(cluster.nodes, `after the ${ROUNDS} rounds`, t0));
  }

  if (args['heap-snapshot']) {
    say('heap snapshot of node1 before the sign-on load ...');
    heap.before = await heapSnapshot(cluster.nodes[0]!.pid, path.join(path.dirname(out), `peers-heap-before-${STARTED.replace(/[:.]/g, '-')}.heapsnapshot`));
    memory.push(sampleMemory(cluster.nodes, 'after the first heap snapshot', t0));
  }

  if (MEMORY_MINUTES > 0) {
    say(`sign-on load for ${MEMORY_MINUTES} min (OIDC code flows and CAS flows at once, ${CONC / 2} users each), RSS every 10 s ...`);
    const seconds = Math.round(MEMORY_MINUTES * 60);
    const half = Math.max(1, CONC / 2);
    const load = Promise.all([flowbench(platform, 'oidc', seconds, {}, half), flowbench(platform, 'cas', seconds, {}, half)]);
    let done = false;
    void load.finally(() => (done = true)).catch(() => undefined);
    const started = Date.now();
    while (!done) {
      await sleep(10_000);
      if (!done) memory.push(sampleMemory(cluster.nodes, `load, ${Math.round((Date.now() - started) / 1000)} s`, t0));
    }
    const [oidc, cas] = (await load).map(parseResult);
    say(`load: ${oidc!.ok} OIDC flows (${oidc!.bad} bad), ${cas!.ok} CAS flows (${cas!.bad} bad)`);
    memory.push(sampleMemory(cluster.nodes, `end of ${MEMORY_MINUTES} min load (${oidc!.ok} OIDC + ${cas!.ok} CAS flows)`, t0));
    await sleep(30_000);
    memory.push(sampleMemory(cluster.nodes, '30 s after the load', t0));
  }

  if (args['heap-snapshot']) {
    say('heap snapshot of node1 after the sign-on load ...');
    heap.after = await heapSnapshot(cluster.nodes[0]!.pid, path.join(path.dirname(out), `peers-heap-after-${STARTED.replace(/[:.]/g, '-')}.heapsnapshot`));
  }

  const mappings = smapsSummary(cluster.nodes[0]!.pid);
  const loadAfter = os.loadavg();
  const env = {
    ...machine(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    peer: llng.label,
    target: platform.label,
    options: { rounds: ROUNDS, seconds: SECS, concurrency: CONC, nodes: NODES, memoryMinutes: MEMORY_MINUTES },
    loadAverageBefore: loadBefore.map((l) => l.toFixed(2)).join(' '),
    loadAverageAfter: loadAfter.map((l) => l.toFixed(2)).join(' '),
  };
  const labels = { llng: llng.label, platform: platform.label };
  const report = args['skip-rounds'] ? undefined : table(results, labels);
  writeFileSync(out, JSON.stringify({ environment: env, summary: report?.summary, results, memory, mappings, heap }, null, 2));

  console.log(`\n## Peers: ${llng.label} and the ${platform.label}, alternating, ${STARTED}`);
  console.log(`${env.cpu}, ${env.cpus} cores, ${env.memoryGb} GB, Node ${env.node}; load average ${env.loadAverageBefore} before, ${env.loadAverageAfter} after (other work ran too)`);
  if (report) {
    console.log(`${CONC} concurrent signed-in users / wrk -t${CONC} -c${CONC}, ${SECS} s per slice, median of ${ROUNDS} rounds\n`);
    console.log(report.markdown);
  }
  console.log('\nRSS (MB) of each platform node' + (memory.some((m) => m.lemonldapMb) ? ', and LemonLDAP::NG FastCGI manager + workers summed (shared pages counted in each)' : '') + ':\n');
  const names = cluster.nodes.map((n) => n.name);
  console.log(`| when | s | ${names.join(' | ')} | anonymous · file-backed | peak (VmHWM) | LL::NG |`);
  console.log(`|---|---:|${names.map(() => '---:|').join('')}---|---|---:|`);
  const each = (values: Record<string, number>) => names.map((n) => values[n]).join(' · ');
  for (const m of memory) {
    console.log(`| ${m.at} | ${m.seconds} | ${names.map((n) => m.nodesMb[n]).join(' | ')} | ${names.map((n) => `${m.anonMb[n]} · ${m.fileMb[n]}`).join(', ')} | ${each(m.hwmMb)} | ${m.lemonldapMb ?? '—'} |`);
  }
  if (mappings.length) {
    console.log(`\nnode1's resident memory by mapping at the end (/proc/<pid>/smaps, MB): ${mappings.map((m) => `${m.name} ${m.rssMb}`).join(', ')}`);
  }
  for (const [when, summary] of Object.entries(heap)) {
    console.log(`\nnode1 ${when} the load, process.memoryUsage() MB: ${JSON.stringify(summary.memoryUsageMb)}; after the snapshot's full collection: ${JSON.stringify(summary.memoryUsageAfterGcMb)}`);
    console.log(`heap spaces before it (used/size MB): ${summary.spaces.map((s) => `${s.name} ${s.usedMb}/${s.sizeMb}`).join(', ')}`);
    console.log(`snapshot: ${summary.totalSelfMb} MB live; largest by constructor / kind, self size (MB, count):`);
    for (const row of summary.top) console.log(`  ${row.selfMb.toFixed(2).padStart(8)} MB  ${String(row.count).padStart(8)}  ${row.name}`);
  }
  console.log(`\nresult: ${path.relative(ROOT, out)}`);
});
