// The whole test run: `npm test` (= node scripts/test.ts).
//
// Stages, in order:
//   typecheck             tsc --noEmit -p tsconfig.json
//   unit                  src/**/*.test.ts, web/src/**/*.test.ts (not *.int.test.ts)
//   integration:pglite    src/**/*.int.test.ts, test/integration/**/*.test.ts
//                         with TEST_DATABASE=pglite
//   integration:postgres  the same files with TEST_DATABASE=postgres and
//                         TEST_DATABASE_URL (given, or a throwaway server
//                         started with scripts/pg-test-server.sh), and
//                         TEST_REDIS_URL for the Redis variants (given, or a
//                         throwaway scripts/redis-test-server.sh; without
//                         redis-server those tests are skipped, with the reason,
//                         except in CI: see REQUIRE_SERVICES)
//   build                 vite build (dist/web), for the browser tests
//   e2e                   test/e2e/**/*.e2e.ts with CHROMIUM_PATH
//   logs                  test/logs/no-personal-data.test.ts: the log every test
//                         platform of this run wrote (TEST_LOG_DIR) holds no personal data
//
// Usage: npm test [-- <stage|group|file filter>...]
//   npm test -- unit                 only the unit tests
//   npm test -- integration          both integration stages (pglite, postgres)
//   npm test -- pglite               only integration on PGlite
//   npm test -- e2e                  web build + browser tests
//   npm test -- src/platform/kv      only test files whose path contains it
// Environment:
//   TEST_DATABASE_URL=postgres://…   use this server instead of starting one
//   TEST_REDIS_URL=redis://…         use this Redis instead of starting one
//   SKIP_POSTGRES=1                  skip integration on PostgreSQL
//   REQUIRE_SERVICES=1 (or CI=1)     PostgreSQL and Redis must be there: a missing
//                                    server, or SKIP_POSTGRES=1, fails the
//                                    PostgreSQL stage instead of skipping (.ci/run sets CI=1)
//   SKIP_E2E=1                       skip the web build and the browser tests
//   CHROMIUM_PATH=/path/to/chromium  default /usr/bin/chromium
//   TEST_STAGE_TIMEOUT_MIN=30        a stage running longer is killed
//   TEST_CRYPTO_SUITE=international  CRYPTO_SUITE of the test platforms (test/support/platform.ts);
//                                    unset: PGlite international, PostgreSQL national
//
// Every stage runs even if an earlier one failed (except the browser tests
// after a failed build); the exit code is non-zero if any stage failed. The
// last line printed is `N passed, N failed[, N skipped]`, summed over all
// stages; a stage that failed without a failing test (typecheck, build, a
// crash, a missing prerequisite) counts as one failure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, globSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Counts } from './count-reporter.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = process.execPath; // Node 24 from node_modules, never the system's node
const REPORTER = path.join(ROOT, 'scripts', 'count-reporter.ts');
const PG_SCRIPT = path.join(ROOT, 'scripts', 'pg-test-server.sh');
const REDIS_SCRIPT = path.join(ROOT, 'scripts', 'redis-test-server.sh');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VITE = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const UNIT_GLOBS = ['src/**/*.test.ts', 'web/src/**/*.test.ts'];
const UNIT_EXCLUDE = /\.int\.test\.ts$/;
const INTEGRATION_GLOBS = ['src/**/*.int.test.ts', 'test/integration/**/*.test.ts'];
const E2E_GLOBS = ['test/e2e/**/*.e2e.ts'];
const LOG_CHECK = 'test/logs/no-personal-data.test.ts';

type StageName = 'typecheck' | 'unit' | 'integration:pglite' | 'integration:postgres' | 'build' | 'e2e' | 'logs';
const STAGES: readonly StageName[] = ['typecheck', 'unit', 'integration:pglite', 'integration:postgres', 'build', 'e2e', 'logs'];
const GROUPS: Record<string, readonly StageName[]> = {
  typecheck: ['typecheck'],
  tsc: ['typecheck'],
  unit: ['unit'],
  integration: ['integration:pglite', 'integration:postgres'],
  int: ['integration:pglite', 'integration:postgres'],
  pglite: ['integration:pglite'],
  'integration:pglite': ['integration:pglite'],
  postgres: ['integration:postgres'],
  pg: ['integration:postgres'],
  'integration:postgres': ['integration:postgres'],
  build: ['build'],
  e2e: ['build', 'e2e'],
  browser: ['build', 'e2e'],
  logs: ['logs'],
};

interface StageResult {
  name: StageName;
  status: 'passed' | 'failed' | 'skipped';
  note?: string;
  counts?: Counts;
  ms: number;
}

/**
 * The cipher suite (issue 20) of the PostgreSQL stage's platforms: TEST_CRYPTO_SUITE, else
 * national. The PGlite stage runs international (the default suite), so the whole integration
 * suite runs once with each, at no extra time.
 */
const POSTGRES_CRYPTO_SUITE = process.env.TEST_CRYPTO_SUITE || 'national';

const isTrue = (value: string | undefined): boolean => value !== undefined && /^(1|true|yes)$/i.test(value);

/**
 * In CI (CI is set, as CI services and .ci/run do) or with REQUIRE_SERVICES=1, a run without
 * PostgreSQL or Redis must not pass by skipping their tests: a machine that lost a package
 * would otherwise go green while testing less.
 */
const requireServices = isTrue(process.env.REQUIRE_SERVICES) || isTrue(process.env.CI);
const REQUIRED_BY = isTrue(process.env.REQUIRE_SERVICES) ? 'REQUIRE_SERVICES=1' : `CI=${process.env.CI}`;

// ---------------------------------------------------------------------------
// Arguments

function usage(): string {
  return [
    'usage: npm test [-- <stage|group|path filter>...]',
    `  stages/groups: ${Object.keys(GROUPS).join(', ')}`,
    '  a path filter (an argument containing "/" or ".ts") keeps only the test files whose path contains it',
    '  env: TEST_DATABASE_URL, TEST_REDIS_URL, SKIP_POSTGRES=1, SKIP_E2E=1, REQUIRE_SERVICES=1 (CI=1), CHROMIUM_PATH, TEST_STAGE_TIMEOUT_MIN',
  ].join('\n');
}

function parseArgs(argv: readonly string[]): { stages: Set<StageName>; fileFilters: string[] } {
  const stages = new Set<StageName>();
  const fileFilters: string[] = [];
  for (const arg of argv) {
    if (arg === '-h' || arg === '--help') {
      console.log(usage());
      process.exit(0);
    }
    const group = GROUPS[arg];
    if (group) for (const stage of group) stages.add(stage);
    else if (arg.includes('/') || arg.endsWith('.ts')) fileFilters.push(arg.replace(/^\.\//, ''));
    else {
      console.error(`scripts/test.ts: unknown stage "${arg}"\n${usage()}`);
      process.exit(2);
    }
  }
  if (stages.size === 0) {
    for (const stage of STAGES) {
      // With only path filters, skip the whole-project checks.
      if (fileFilters.length > 0 && (stage === 'typecheck' || stage === 'build')) continue;
      stages.add(stage);
    }
  }
  return { stages, fileFilters };
}

function findFiles(patterns: readonly string[], fileFilters: readonly string[], exclude?: RegExp): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    for (const file of globSync(pattern, { cwd: ROOT })) {
      const posix = file.split(path.sep).join('/');
      if (posix.split('/').includes('node_modules')) continue;
      if (exclude?.test(posix)) continue;
      if (fileFilters.length > 0 && !fileFilters.some((filter) => posix.includes(filter))) continue;
      files.add(posix);
    }
  }
  return [...files].sort();
}

// ---------------------------------------------------------------------------
// Child processes, interruption and cleanup

let current: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;
const cleanups: Array<() => void> = [];

function runCleanups(): void {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    try {
      cleanup?.();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}

function signalChild(signal: NodeJS.Signals): void {
  const child = current;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // its whole process group
  } catch {
    child.kill(signal);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) {
    // Second signal: stop waiting.
    signalChild('SIGKILL');
    runCleanups();
    process.exit(130);
  }
  interrupted = signal;
  console.error(`\n${signal}: stopping the current stage (again to force)…`);
  signalChild(signal);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);
process.on('exit', runCleanups);

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Anything the tests spawn as `node` must be this Node, not the system's.
  env.PATH = [path.dirname(NODE), path.join(ROOT, 'node_modules', '.bin'), process.env.PATH ?? '']
    .filter(Boolean)
    .join(path.delimiter);
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a command in its own process group, output to our stdout/stderr. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\nstage timed out after ${Math.round(timeoutMs / 60000)} min (TEST_STAGE_TIMEOUT_MIN): killing it`);
      signalChild('SIGTERM');
      setTimeout(() => signalChild('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    timer.unref();
    child.on('error', (error) => {
      console.error(`could not run ${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ code: code ?? (signal ? 128 : 1), timedOut });
    });
  });
}

// ---------------------------------------------------------------------------
// Stages

const stageTimeoutMs = (Number(process.env.TEST_STAGE_TIMEOUT_MIN) || 30) * 60_000;
let workDir: string | undefined;

function tempDir(): string {
  if (!workDir) {
    const dir = mkdtempSync(path.join(tmpdir(), 'identity-test-'));
    workDir = dir;
    cleanups.unshift(() => rmSync(dir, { recursive: true, force: true }));
  }
  return workDir;
}

function header(title: string): void {
  const line = '═'.repeat(Math.max(8, 72 - title.length - 4));
  console.log(`\n══ ${title} ${line}`);
}

async function runCommandStage(name: StageName, args: readonly string[]): Promise<StageResult> {
  const start = Date.now();
  const { code, timedOut } = await run(NODE, args, childEnv({}), stageTimeoutMs);
  const ms = Date.now() - start;
  if (code === 0) return { name, status: 'passed', ms };
  return { name, status: 'failed', note: timedOut ? 'timed out' : `exit code ${code}`, ms };
}

interface TestStageOptions {
  files: readonly string[];
  env: Record<string, string | undefined>;
  concurrency?: number;
  timeoutMs: number;
}

async function runTestStage(name: StageName, options: TestStageOptions): Promise<StageResult> {
  const start = Date.now();
  const countsFile = path.join(tempDir(), `${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
  const args = [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${REPORTER}`,
    `--test-reporter-destination=${countsFile}`,
    `--test-timeout=${options.timeoutMs}`,
    // No --test-force-exit: it ends a file as soon as the tests registered so far are done,
    // silently dropping tests that register later. A file that hangs is stopped by the stage timeout.
    ...(options.concurrency ? [`--test-concurrency=${options.concurrency}`] : []),
    ...options.files,
  ];
  const { code, timedOut } = await run(NODE, args, childEnv(options.env), stageTimeoutMs);
  const ms = Date.now() - start;
  let counts: Counts | undefined;
  try {
    const lines = readFileSync(countsFile, 'utf8').trim().split('\n');
    counts = JSON.parse(lines[lines.length - 1] ?? '') as Counts;
  } catch {
    counts = undefined;
  }
  const failed = code !== 0 || !counts || counts.failed > 0;
  let note: string | undefined;
  if (timedOut) note = 'timed out';
  else if (!counts) note = `no results (exit code ${code})`;
  else if (failed && counts.failed === 0) note = `exit code ${code}`;
  return { name, status: failed ? 'failed' : 'passed', counts, note, ms };
}

const skipped = (name: StageName, note: string): StageResult => ({ name, status: 'skipped', note, ms: 0 });
let filterNote = '';
const failedStage = (name: StageName, note: string): StageResult => ({ name, status: 'failed', note, ms: 0 });

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Set while a throwaway PostgreSQL server of ours may be running. */
let stopPostgres: (() => void) | undefined;

/** The PostgreSQL URL for the integration tests: given, or from a server we start. */
async function postgresUrl(): Promise<{ url: string } | { error: string }> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    console.log(`Using TEST_DATABASE_URL=${redactUrl(given)}`);
    return { url: given };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'identity-pg-'));
  stopPostgres = () => {
    // Stops the server (if it runs) before its directory goes.
    stopPostgres = undefined;
    spawnSync('bash', [PG_SCRIPT, 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(() => stopPostgres?.());
  console.log(`Starting a throwaway PostgreSQL server in ${dir} (scripts/pg-test-server.sh)…`);
  const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
    // Own process group: a Ctrl-C must not kill it half-started; cleanup stops it.
    const child = spawn('bash', [PG_SCRIPT, 'start', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error) => console.error(`could not run bash: ${error.message}`));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
  const url = result.stdout.trim().split('\n').pop() ?? '';
  if (result.code === 3) {
    return {
      error:
        'PostgreSQL server binaries not found. Install Debian\'s "postgresql" package ' +
        '(sudo apt-get install postgresql), or run .ci/run, or point TEST_DATABASE_URL at a server' +
        (requireServices ? ` (${REQUIRED_BY} requires the PostgreSQL tests to run).` : ', or set SKIP_POSTGRES=1 to skip this stage.'),
    };
  }
  if (result.code !== 0 || !url.startsWith('postgres://')) {
    return { error: `could not start PostgreSQL (scripts/pg-test-server.sh exit code ${result.code}); see the messages above` };
  }
  console.log(`PostgreSQL ready: ${url}`);
  return { url };
}

/** Set while a throwaway Redis server of ours may be running. */
let stopRedis: (() => void) | undefined;

/**
 * The Redis URL for the Redis variants of the integration tests: given, or from a server we
 * start. Without redis-server they are skipped (each says why), not failed; when services are
 * required, `error` says why the stage fails instead.
 */
async function redisUrl(): Promise<{ url?: string; error?: string }> {
  const given = process.env.TEST_REDIS_URL;
  if (given) {
    console.log(`Using TEST_REDIS_URL=${redactUrl(given)}`);
    return { url: given };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'identity-redis-'));
  stopRedis = () => {
    stopRedis = undefined;
    spawnSync('bash', [REDIS_SCRIPT, 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(() => stopRedis?.());
  const result = spawnSync('bash', [REDIS_SCRIPT, 'start', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const url = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  if (result.status === 0 && url.startsWith('redis://')) {
    console.log(`Redis ready: ${url}`);
    return { url };
  }
  stopRedis?.();
  const missing =
    result.status === 3
      ? 'redis-server not found. Install Debian\'s "redis-server" package, or run .ci/run, or set TEST_REDIS_URL'
      : `could not start Redis (scripts/redis-test-server.sh exit code ${result.status})`;
  if (requireServices) return { error: `${missing}; ${REQUIRED_BY} requires the Redis tests to run, so this stage fails instead of skipping them.` };
  console.log(`Note: ${missing}: the Redis tests are skipped.`);
  return {};
}

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Main

function formatMs(ms: number): string {
  if (ms === 0) return '-';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

function printSummary(results: readonly StageResult[], totalMs: number): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = 0;
  let skippedTests = 0;
  const rows: string[][] = [['stage', 'result', 'passed', 'failed', 'skipped', 'time']];
  for (const result of results) {
    const c = result.counts;
    if (c) {
      passed += c.passed;
      failed += c.failed;
      skippedTests += c.skipped;
    }
    if (result.status === 'failed' && (!c || c.failed === 0)) failed += 1; // a stage failure without a failed test
    const label = result.status === 'passed' ? 'ok' : result.status === 'failed' ? 'FAILED' : 'skipped';
    rows.push([
      result.name,
      label,
      c ? String(c.passed) : '-',
      c ? String(c.failed) : '-',
      c ? String(c.skipped) : '-',
      formatMs(result.ms),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const format = (row: string[]): string =>
    row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ');

  header(`Summary (${formatMs(totalMs)})`);
  console.log(format(rows[0]!));
  console.log(widths.map((w) => '─'.repeat(w)).join('   '));
  for (const row of rows.slice(1)) console.log(format(row));

  const notes = results.filter((r) => r.note);
  if (notes.length > 0) {
    console.log('');
    for (const r of notes) console.log(`${r.status === 'failed' ? '✖' : '-'} ${r.name}: ${r.note}`);
  }
  const failures = results.flatMap((r) => (r.counts?.failures ?? []).map((f) => `${r.name}: ${f}`));
  if (failures.length > 0) {
    console.log('\nFailed tests:');
    for (const f of failures) console.log(`  ✖ ${f}`);
  }
  console.log('');
  return { passed, failed, skipped: skippedTests };
}

async function main(): Promise<number> {
  process.chdir(ROOT);
  const started = Date.now();
  const { stages, fileFilters } = parseArgs(process.argv.slice(2));
  const skipPostgres = isTrue(process.env.SKIP_POSTGRES);
  const skipE2E = isTrue(process.env.SKIP_E2E);

  const unitFiles = findFiles(UNIT_GLOBS, fileFilters, UNIT_EXCLUDE);
  const integrationFiles = findFiles(INTEGRATION_GLOBS, fileFilters);
  const e2eFiles = findFiles(E2E_GLOBS, fileFilters);

  console.log(`Node ${process.version} (${NODE}); stages: ${STAGES.filter((s) => stages.has(s)).join(', ')}`);
  if (fileFilters.length > 0) {
    console.log(`Only test files whose path contains: ${fileFilters.join(', ')}`);
    filterNote = ` and contains ${fileFilters.join(' or ')}`;
  }

  // Every test platform of this run logs into one directory; the last stage searches it for personal data.
  const logDir = path.join(tempDir(), 'logs');
  process.env.TEST_LOG_DIR = logDir;

  const results: StageResult[] = [];
  let buildFailed = false;
  for (const name of STAGES) {
    if (!stages.has(name)) continue;
    if (interrupted) {
      results.push(skipped(name, `not run (${interrupted})`));
      continue;
    }
    const step = `[${results.length + 1}] ${name}`;
    switch (name) {
      case 'typecheck': {
        header(`${step}: tsc --noEmit -p tsconfig.json`);
        if (!existsSync(TSC)) {
          results.push(failedStage(name, 'typescript is not installed (run npm ci)'));
          break;
        }
        results.push(await runCommandStage(name, [TSC, '--noEmit', '-p', 'tsconfig.json']));
        break;
      }
      case 'unit': {
        header(`${step}: ${unitFiles.length} file(s) ${UNIT_GLOBS.join(' ')} (not *.int.test.ts)`);
        if (unitFiles.length === 0) {
          console.log('No unit test files: skipped.');
          results.push(skipped(name, `no file matches ${UNIT_GLOBS.join(' ')}${filterNote}`));
          break;
        }
        results.push(
          await runTestStage(name, { files: unitFiles, env: { TEST_DATABASE: 'pglite', TEST_DATABASE_URL: undefined, TEST_REDIS_URL: undefined }, timeoutMs: 60_000 }),
        );
        break;
      }
      case 'integration:pglite': {
        header(`${step}: ${integrationFiles.length} file(s) ${INTEGRATION_GLOBS.join(' ')}, TEST_DATABASE=pglite`);
        if (integrationFiles.length === 0) {
          console.log('No integration test files: skipped.');
          results.push(skipped(name, `no file matches ${INTEGRATION_GLOBS.join(' ')}${filterNote}`));
          break;
        }
        results.push(
          await runTestStage(name, {
            files: integrationFiles,
            env: { TEST_DATABASE: 'pglite', TEST_DATABASE_URL: undefined, TEST_REDIS_URL: undefined },
            concurrency: 1,
            timeoutMs: 120_000,
          }),
        );
        break;
      }
      case 'integration:postgres': {
        header(`${step}: ${integrationFiles.length} file(s) ${INTEGRATION_GLOBS.join(' ')}, TEST_DATABASE=postgres`);
        if (integrationFiles.length === 0) {
          console.log('No integration test files: skipped.');
          results.push(skipped(name, `no file matches ${INTEGRATION_GLOBS.join(' ')}${filterNote}`));
          break;
        }
        if (skipPostgres && requireServices) {
          const message = `SKIP_POSTGRES=1 while ${REQUIRED_BY} requires the PostgreSQL tests to run: failed instead of skipped.`;
          console.error(`✖ ${message}`);
          results.push(failedStage(name, message));
          break;
        }
        if (skipPostgres) {
          console.log('SKIP_POSTGRES=1: skipped.');
          results.push(skipped(name, 'SKIP_POSTGRES=1'));
          break;
        }
        const pg = await postgresUrl();
        if ('error' in pg) {
          console.error(`✖ ${pg.error}`);
          stopPostgres?.();
          results.push(failedStage(name, pg.error));
          break;
        }
        const redis = await redisUrl();
        if (interrupted) {
          results.push(skipped(name, `not run (${interrupted})`));
          break;
        }
        if (redis.error) {
          console.error(`✖ ${redis.error}`);
          stopPostgres?.();
          results.push(failedStage(name, redis.error));
          break;
        }
        results.push(
          await runTestStage(name, {
            files: integrationFiles,
            env: { TEST_DATABASE: 'postgres', TEST_DATABASE_URL: pg.url, TEST_REDIS_URL: redis.url, TEST_CRYPTO_SUITE: POSTGRES_CRYPTO_SUITE },
            concurrency: 1,
            timeoutMs: 120_000,
          }),
        );
        stopPostgres?.(); // free its memory for the browser tests
        stopRedis?.();
        break;
      }
      case 'build': {
        header(`${step}: vite build (dist/web)`);
        if (skipE2E) {
          console.log('SKIP_E2E=1: skipped.');
          results.push(skipped(name, 'SKIP_E2E=1'));
          break;
        }
        const hasConfig = ['vite.config.ts', 'vite.config.js', 'vite.config.mjs'].some((f) => existsSync(path.join(ROOT, f)));
        if (!hasConfig && e2eFiles.length === 0) {
          console.log('No vite.config.ts and no browser tests: skipped.');
          results.push(skipped(name, 'no vite.config.ts and no browser tests'));
          break;
        }
        if (!existsSync(VITE)) {
          buildFailed = true;
          results.push(failedStage(name, 'vite is not installed (run npm ci)'));
          break;
        }
        const result = await runCommandStage(name, [VITE, 'build']);
        buildFailed = result.status === 'failed';
        results.push(result);
        break;
      }
      case 'e2e': {
        header(`${step}: ${e2eFiles.length} file(s) ${E2E_GLOBS.join(' ')}`);
        if (e2eFiles.length === 0) {
          console.log('No browser test files: skipped.');
          results.push(skipped(name, `no file matches ${E2E_GLOBS.join(' ')}${filterNote}`));
          break;
        }
        if (skipE2E) {
          console.log('SKIP_E2E=1: skipped.');
          results.push(skipped(name, 'SKIP_E2E=1'));
          break;
        }
        const chromium = chromiumPath();
        if (!isExecutable(chromium)) {
          const message =
            `Chromium not found at ${chromium}. Install Debian's "chromium" package (sudo apt-get install chromium), ` +
            'or run .ci/run, or set CHROMIUM_PATH, or set SKIP_E2E=1 to skip the browser tests.';
          console.error(`✖ ${message}`);
          results.push(failedStage(name, message));
          break;
        }
        if (buildFailed) {
          results.push(failedStage(name, 'not run: the web build failed'));
          break;
        }
        if (!stages.has('build') && !existsSync(path.join(ROOT, 'dist', 'web'))) {
          console.log('Note: dist/web does not exist; run the "build" stage first.');
        }
        results.push(
          await runTestStage(name, {
            files: e2eFiles,
            env: { CHROMIUM_PATH: chromium, TEST_DATABASE: 'pglite', TEST_DATABASE_URL: undefined, TEST_REDIS_URL: undefined },
            concurrency: 1,
            timeoutMs: 120_000,
          }),
        );
        break;
      }
      case 'logs': {
        header(`${step}: ${LOG_CHECK} over the log of this run (${logDir})`);
        if (!existsSync(logDir)) {
          console.log('No test platform logged anything in this run: skipped.');
          results.push(skipped(name, 'no integration or browser tests ran'));
          break;
        }
        results.push(await runTestStage(name, { files: [LOG_CHECK], env: {}, timeoutMs: 60_000 }));
        break;
      }
    }
  }

  runCleanups();
  const totals = printSummary(results, Date.now() - started);
  const failed = results.some((r) => r.status === 'failed');
  console.log(
    `${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`,
  );
  if (interrupted) return 130;
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    runCleanups();
    process.exitCode = 1;
  },
);
