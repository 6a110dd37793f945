// `npm run cluster`: the platform as several nodes behind HAProxy, on this machine, to try out and
// to test (test/e2e/cluster.e2e.ts). Starts a throwaway PostgreSQL and Redis (scripts/pg-test-server.sh,
// scripts/redis-test-server.sh), three platform nodes (node1..3, development mode: SMS outbox,
// captcha answers and demo data, seeded by node1, which also runs the demo business systems),
// and HAProxy with deploy/haproxy.cfg in front; prints the public URL; stops everything on
// Ctrl-C or SIGTERM (the nodes drain and exit first, then HAProxy, Redis and PostgreSQL).
//
// Environment:
//   CLUSTER_PORT=8080        the public port (HAProxy); 0 picks a free one
//   CLUSTER_NODES=3          how many nodes (1..9)
//   CLUSTER_DIR=/tmp/...     where the servers keep their data (default: a new temp dir, removed at the end)
//   WEB_DIST_DIR=dist/web    the built portal the nodes serve (npm run build:web)
//   CLUSTER_NODE_OPTIONS=…    the nodes' NODE_OPTIONS (default --max-semi-space-size=16 --max-old-space-size=192, as in production)
// Real hosts: deploy/haproxy.cfg, deploy/most-identity@.service and deploy/node.env.example.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = process.execPath;
const HAPROXY = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find((file) => existsSync(file)) ?? 'haproxy';

const count = Number(process.env.CLUSTER_NODES ?? 3);
/**
 * A young generation of 2 × 16 MB instead of Node's 2 × 64 MB, and an old generation of at most
 * 192 MB (a node's live heap is 50–70 MB): V8 then collects before it grows, and a node under all
 * of the sign-on load stays near 220 MB instead of 380 MB (bench/README.md, "Peers"). As
 * deploy/most-identity@.service sets them.
 */
const NODE_V8_OPTIONS = '--max-semi-space-size=16 --max-old-space-size=192';
if (!Number.isInteger(count) || count < 1 || count > 9) fail(`CLUSTER_NODES must be 1..9, got ${process.env.CLUSTER_NODES}`);
const ownDir = !process.env.CLUSTER_DIR;
const dir = process.env.CLUSTER_DIR ? path.resolve(process.env.CLUSTER_DIR) : mkdtempSync(path.join(tmpdir(), 'most-cluster-'));
mkdirSync(dir, { recursive: true });
// PostgreSQL runs as the postgres user when this runs as root: it must be able to reach its directory.
chmodSync(dir, 0o755);

const children: { name: string; child: ChildProcess }[] = [];
const stops: (() => void)[] = [];
let stopping = false;

function fail(message: string): never {
  console.error(`cluster: ${message}`);
  process.exit(1);
}

/**
 * A free port below Linux's ephemeral range (32768-60999): a port the kernel hands out for port 0
 * or for an outgoing connection (the nodes' own to PostgreSQL and Redis) could be taken again
 * between this check and the node binding it, as CI once saw (EADDRINUSE). Never the same twice.
 */
const handedOut = new Set<number>();
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    handedOut.add(port);
    return port;
  }
  return fail('no free port between 20000 and 32000');
}

/** Runs one of the throwaway-server scripts; its URL is the last line it prints. */
function script(name: string, ...args: string[]): string {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', name), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`${name} ${args[0]} failed (exit ${result.status})`);
  return result.stdout.trim();
}

/** Prints a child's lines with its name in front. */
function prefixed(name: string, child: ChildProcess) {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) console.log(`[${name}] ${line}`);
    });
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Stopping: stopAll ends the process; nothing after this wait may run.
    if (stopping) await new Promise(() => {});
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

const nodeEnvs = new Map<string, Record<string, string>>();

/** Starts (or starts again) a node with the environment it was first given. */
function startNode(name: string) {
  const child = spawn(NODE, ['src/main.ts'], { cwd: ROOT, env: nodeEnvs.get(name), stdio: ['ignore', 'pipe', 'pipe'] });
  prefixed(name, child);
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`cluster: ${name} exited (${code ?? signal})`);
  });
  children.push({ name, child });
}

const running = (name: string) => children.find((c) => c.name === name && c.child.exitCode === null && c.child.signalCode === null);

/**
 * CLUSTER_CONTROL=true (the soak test, deploy/soak.ts): faults on request, on a loopback port:
 * POST /nodes/<name>/kill (kill -9), /nodes/<name>/start, /redis/restart, /postgres/restart.
 */
async function startControl(pgDir: string, redisDir: string, redisPort: string) {
  const server = createHttpServer((request, response) => {
    const answer = (status: number, text: string) => response.writeHead(status, { 'content-type': 'text/plain' }).end(`${text}\n`);
    const [, what, name, action] = /^\/(nodes|redis|postgres)(?:\/(node\d))?\/(kill|start|restart)$/.exec(request.url ?? '') ?? [];
    if (request.method !== 'POST' || !what) return answer(404, 'not found');
    try {
      if (what === 'nodes' && name && nodeEnvs.has(name)) {
        if (action === 'kill') running(name)?.child.kill('SIGKILL');
        else if (action === 'start' && !running(name)) startNode(name);
      } else if (what === 'redis' && action === 'restart') {
        script('redis-test-server.sh', 'stop', redisDir);
        script('redis-test-server.sh', 'start', redisDir, redisPort);
      } else if (what === 'postgres' && action === 'restart') {
        restartPostgres(pgDir);
      } else return answer(404, 'not found');
      console.log(`cluster: control: ${request.url} done`);
      return answer(200, 'done');
    } catch (error) {
      return answer(500, (error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => server.close());
  console.log(`cluster: control http://127.0.0.1:${(server.address() as { port: number }).port}`);
}

/** pg_ctl restart (fast shutdown) as the owner of the data directory, as scripts/pg-test-server.sh runs it. */
function restartPostgres(pgDir: string) {
  const command = [
    'set -e',
    'bindir=$( (pg_config --bindir 2>/dev/null) || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)',
    `data="${pgDir}/data"`,
    'owner=$(stat -c %U "$data")',
    'cd "$(dirname "$data")"',
    'if [ "$(id -un)" = "$owner" ]; then "$bindir/pg_ctl" -D "$data" -l "$(dirname "$data")/postgres.log" -m fast -w -t 60 -s restart; ' +
      'else runuser -u "$owner" -- "$bindir/pg_ctl" -D "$data" -l "$(dirname "$data")/postgres.log" -m fast -w -t 60 -s restart; fi',
  ].join('\n');
  const result = spawnSync('bash', ['-c', command], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`PostgreSQL did not restart (exit ${result.status})`);
}

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('cluster: stopping (the nodes drain and finish their requests first)…');
  const nodes = children.filter((c) => c.name !== 'haproxy');
  await Promise.all(
    nodes.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          child.once('exit', () => (clearTimeout(timer), resolve()));
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const { name, child } of children) if (name === 'haproxy' && child.exitCode === null) child.kill('SIGTERM');
  for (const stop of stops.reverse()) {
    try {
      stop();
    } catch (error) {
      console.error(`cluster: ${(error as Error).message}`);
    }
  }
  if (ownDir) rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));

try {
  if (spawnSync(HAPROXY, ['-v'], { stdio: 'ignore' }).status !== 0) throw new Error('haproxy not found (apt-get install haproxy)');
  const databaseUrl = script('pg-test-server.sh', 'start', path.join(dir, 'postgres'));
  stops.push(() => script('pg-test-server.sh', 'stop', path.join(dir, 'postgres')));
  const redisUrl = script('redis-test-server.sh', 'start', path.join(dir, 'redis'));
  stops.push(() => script('redis-test-server.sh', 'stop', path.join(dir, 'redis')));

  const publicPort = process.env.CLUSTER_PORT === '0' ? await freePort() : Number(process.env.CLUSTER_PORT ?? 8080);
  const publicUrl = `http://127.0.0.1:${publicPort}`;
  // Every node: the same database, Redis, keys and public URL.
  const shared = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    BASE_URL: publicUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_LOOKUP_KEY: randomBytes(32).toString('base64'),
    TRUST_PROXY: 'true',
    COOKIE_SECURE: 'false',
    SHUTDOWN_DRAIN_SECONDS: '2',
    SMTP_DEV_PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    WEB_DIST_DIR: path.resolve(ROOT, process.env.WEB_DIST_DIR ?? 'dist/web'),
    // The nodes' V8 settings, as deploy/most-identity@.service sets them (bench/peers --node-options to try others).
    NODE_OPTIONS: process.env.CLUSTER_NODE_OPTIONS ?? NODE_V8_OPTIONS,
  };
  const nodes: { name: string; port: number }[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `node${i}`;
    const port = await freePort();
    const env = {
      ...shared,
      NODE_NAME: name,
      PORT: String(port),
      DATA_DIR: path.join(dir, name),
      METRICS_PORT: String(await freePort()),
      // Development stand-ins each node starts beside itself, on ports of its own.
      REGISTRY_PORT: String(await freePort()),
      NATIONAL_IDP_DEV_PORT: String(await freePort()),
      // The demo data and the demo business systems: node1's.
      SEED_DEMO_DATA: i === 1 ? 'true' : 'false',
      OIDC_DEMO_PORT: String(await freePort()),
      CAS_DEMO_PORT: String(await freePort()),
    };
    // All at once: the migrations run once (an advisory lock), whoever comes first.
    nodeEnvs.set(name, env);
    startNode(name);
    nodes.push({ name, port });
  }
  if (process.env.CLUSTER_CONTROL === 'true') await startControl(path.join(dir, 'postgres'), path.join(dir, 'redis'), new URL(redisUrl).port);
  const haproxyEnv: Record<string, string> = { PATH: process.env.PATH ?? '', MOST_PUBLIC_BIND: `127.0.0.1:${publicPort}` };
  // deploy/haproxy.cfg names three servers; fewer nodes: the missing ones point at node1.
  for (let i = 1; i <= 3; i++) haproxyEnv[`MOST_NODE${i}`] = `127.0.0.1:${(nodes[i - 1] ?? nodes[0]!).port}`;
  const haproxy = spawn(HAPROXY, ['-db', '-f', path.join(ROOT, 'deploy', 'haproxy.cfg')], { env: haproxyEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  if (process.env.CLUSTER_HAPROXY_LOG === 'true') prefixed('haproxy', haproxy);
  else haproxy.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[haproxy] ${chunk}`));
  haproxy.once('exit', (code) => {
    if (!stopping) {
      console.error(`cluster: haproxy exited (${code})`);
      void stopAll(1);
    }
  });
  children.push({ name: 'haproxy', child: haproxy });
  // HAProxy runs while the nodes start (node1's seed already goes through it); it sends traffic to a node once /readyz says so.
  for (const node of nodes) await waitFor(`${node.name} ready`, async () => (await fetch(`http://127.0.0.1:${node.port}/readyz`)).status === 200);
  // Ready once HAProxy sends requests to every node (each is checked up twice, then ramps up over slowstart).
  const seen = new Set<string>();
  await waitFor('HAProxy sending to every node', async () => {
    const res = await fetch(`${publicUrl}/readyz`);
    if (res.status === 200) seen.add(res.headers.get('x-node') ?? '');
    return nodes.every((node) => seen.has(node.name));
  });
  console.log(`cluster: 统一身份认证平台 (${count} nodes behind HAProxy): ${publicUrl}`);
  for (const node of nodes) console.log(`cluster:   ${node.name} http://127.0.0.1:${node.port}`);
  console.log('cluster: Ctrl-C stops everything');
} catch (error) {
  console.error(`cluster: ${(error as Error).message}`);
  await stopAll(1);
}
