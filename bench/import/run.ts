/**
 * Import benchmark: generated legacy files of growing size imported into PostgreSQL by the
 * import command itself (`scripts/import-legacy.ts`, a child process), with rows per second
 * and the command's peak memory (RSS sampled during the run). See bench/README.md.
 *
 *   npm run bench:import [-- options]
 *     --rows 100000,1000000   file sizes, each imported into a fresh database (default)
 *     --source torch-personal the legacy source (default torch-personal: the most personal data per row)
 *     --batch-size <n>        rows per batch (default: the command's, 2000)
 *     --no-report             without the per-row report file (default: with, as an operator runs it)
 *     --out <file>            JSON result (default bench/results/import-postgres-<time>.json)
 *     --tuned                 the throwaway server with TUNED_SETTINGS (memory for the indexes), not its defaults
 * PostgreSQL: DATABASE_URL if set (a temporary database per size is created on it and dropped),
 * else a throwaway server started with scripts/pg-test-server.sh (its settings: 128 MB of
 * shared_buffers, PostgreSQL's default, fsync off; with --tuned, TUNED_SETTINGS on top).
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cleanup, cleanups, startThrowawayPostgres } from '../login/throwaway-postgres.ts';
import { processTreeCpuMs } from '../login/cpu.ts';
import { seedBusinessSystems } from '../../src/demo/business-systems.ts';
import type { PlatformFixture } from '../../src/legacy/facts.ts';
import { FIXTURE_PASSWORD, writeLegacyFiles } from '../../src/legacy/generator.ts';
import { createPlatformFixtures } from '../../src/legacy/import/fixtures.ts';
import { isLegacySource, type LegacySource } from '../../src/legacy/sources.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { hashPassword } from '../../src/platform/passwords.ts';
import { createPlatform } from '../../src/platform/platform.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'scripts', 'import-legacy.ts');
const RESULTS = path.join(ROOT, 'bench', 'results');
const SAMPLE_MS = 250;
const TARGET_ROWS_PER_SECOND = 20_000;
/**
 * --tuned: a production-like server for a machine of this size (24 GB): PostgreSQL's documentation
 * suggests a quarter of the memory of a dedicated server for shared_buffers; 4 GB holds the
 * indexes a million imported accounts touch (~600 MB) with room to spare. A larger max_wal_size
 * spaces the checkpoints of a bulk load.
 */
const TUNED_SETTINGS = ['shared_buffers = 4GB', 'max_wal_size = 8GB'];

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    source: { type: 'string', default: 'torch-personal' },
    'batch-size': { type: 'string' },
    'no-report': { type: 'boolean', default: false },
    out: { type: 'string' },
    tuned: { type: 'boolean', default: false },
  },
});
if (args.tuned && process.env.DATABASE_URL) throw new Error('--tuned configures the throwaway server; with DATABASE_URL, configure that server');
const sizes = args.rows.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows: whole numbers, comma-separated');
if (!isLegacySource(args.source)) throw new Error('--source: torch-company, torch-personal, foreign-work or foreign-expert');
const source: LegacySource = args.source;

interface Sample {
  ms: number;
  rssMb: number;
}

interface SizeResult {
  rows: number;
  fileMb: number;
  fixtures: number;
  generateSeconds: number;
  fixtureSeconds: number;
  /** The command, start to exit (Node start, checksum, migrations check, import). */
  wallSeconds: number;
  /** importLegacyFile alone, as the command prints it. */
  importSeconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** RSS at a quarter, half, three quarters of the run and at the end. */
  rssQuartilesMb: number[];
  cliCpuSeconds: number;
  postgresCpuSeconds: number;
  counts: Record<string, number>;
  accountsAfter: number;
  samples: Sample[];
}

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** A fresh database on the server for one size; dropped at the end. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function* readFixtures(file: string): AsyncGenerator<PlatformFixture> {
  for await (const line of createInterface({ input: createReadStream(file) })) if (line) yield JSON.parse(line) as PlatformFixture;
}

async function benchSize(serverUrl: string, postgresPid: number | undefined, rows: number, work: string): Promise<SizeResult> {
  const env = { ...process.env, NODE_ENV: 'development', DATA_DIR: path.join(work, `data-${rows}`), DATABASE_URL: await freshDatabase(serverUrl, `bench_import_${rows}`), SMTP_DEV_PORT: '0', SEED_DEMO_DATA: 'false' };
  const csv = path.join(work, `${source}-${rows}.csv`);
  const fixturesFile = path.join(work, `${source}-${rows}.fixtures.jsonl`);

  let started = performance.now();
  await writeLegacyFiles({ source, rows, seed: 1 }, { csv, fixtures: fixturesFile });
  const generateSeconds = (performance.now() - started) / 1000;

  // The platform as the command will see it: migrated, the business systems registered, the
  // accounts the generated conflicts need; same keys (DATA_DIR/dev-keys.json).
  started = performance.now();
  const platform = await createPlatform(loadConfig(env));
  await seedBusinessSystems(platform);
  const fixtures = await createPlatformFixtures(platform.db, platform.cipher, readFixtures(fixturesFile), await hashPassword(FIXTURE_PASSWORD));
  await platform.db.exec('vacuum analyze');
  await platform.close();
  const fixtureSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`  ${rows} rows: generated in ${generateSeconds.toFixed(1)} s, ${fixtures} platform accounts in ${fixtureSeconds.toFixed(1)} s; importing…\n`);

  const cliArgs = [CLI, '--source', source, '--file', csv];
  if (!args['no-report']) cliArgs.push('--report', path.join(work, `${source}-${rows}.report.csv`));
  if (args['batch-size']) cliArgs.push('--batch-size', args['batch-size']);
  const postgresCpuBefore = processTreeCpuMs(postgresPid);
  const t0 = performance.now();
  const child = spawn(process.execPath, cliArgs, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: Sample[] = [];
  let peak = 0;
  let cliCpuMs = 0;
  const timer = setInterval(() => {
    const memory = memoryOf(child.pid!);
    // An exiting process has no memory lines left.
    if (!memory || !Number.isFinite(memory.rss) || !Number.isFinite(memory.hwm)) return;
    samples.push({ ms: Math.round(performance.now() - t0), rssMb: Math.round(memory.rss * 10) / 10 });
    peak = Math.max(peak, memory.hwm);
    cliCpuMs = processTreeCpuMs(child.pid) || cliCpuMs;
  }, SAMPLE_MS);
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const wallSeconds = (performance.now() - t0) / 1000;
  const postgresCpuSeconds = (processTreeCpuMs(postgresPid) - postgresCpuBefore) / 1000;
  if (code !== 0) throw new Error(`import-legacy exited with ${code}:\n${stdout}`);

  const counts: Record<string, number> = {};
  for (const [, key, n] of stdout.matchAll(/^\s{2}(\S+)\s+(\d+)\s/gm)) if (key !== 'total') counts[key!] = Number(n);
  const importSeconds = Number(/total\s+\d+\s+([\d.]+) s/.exec(stdout)?.[1] ?? NaN);
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const accountsAfter = Number((await client.query('select count(*) as n from accounts')).rows[0].n);
  await client.end();
  const at = (fraction: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * fraction))]?.rssMb ?? NaN;
  return {
    rows,
    fileMb: Math.round(statSync(csv).size / 1024 / 102.4) / 10,
    fixtures,
    generateSeconds,
    fixtureSeconds,
    wallSeconds,
    importSeconds,
    rowsPerSecond: Math.round(rows / importSeconds),
    peakRssMb: Math.round(peak * 10) / 10,
    rssQuartilesMb: [at(0.25), at(0.5), at(0.75), at(1)],
    cliCpuSeconds: cliCpuMs / 1000,
    postgresCpuSeconds,
    counts,
    accountsAfter,
    samples,
  };
}

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  let serverUrl = process.env.DATABASE_URL;
  let postgresPid: number | undefined;
  if (!serverUrl) {
    if (args.tuned) process.env.PG_TEST_SERVER_SETTINGS = TUNED_SETTINGS.join('\n');
    const server = startThrowawayPostgres('bench-import');
    serverUrl = server.url;
    postgresPid = server.pid;
  }
  const settings = postgresPid ? (args.tuned ? TUNED_SETTINGS.join(', ') : 'defaults of scripts/pg-test-server.sh') : 'DATABASE_URL';
  process.stderr.write(`bench:import ${source}, sizes ${sizes.join(', ')}, PostgreSQL ${postgresPid ? 'throwaway server' : 'DATABASE_URL'} (${settings})\n`);
  const results: SizeResult[] = [];
  for (const rows of sizes) results.push(await benchSize(serverUrl, postgresPid, rows, work));

  const mb = (n: number) => n.toFixed(0);
  console.log(`\n| rows | file MB | import s | rows/s | peak RSS MB | RSS at ¼ ½ ¾ end MB | command CPU s | PostgreSQL CPU s |`);
  console.log(`|---:|---:|---:|---:|---:|---|---:|---:|`);
  for (const r of results) {
    const pgCpu = postgresPid ? r.postgresCpuSeconds.toFixed(1) : 'n/a';
    console.log(`| ${r.rows.toLocaleString('en')} | ${r.fileMb} | ${r.importSeconds.toFixed(1)} | **${r.rowsPerSecond.toLocaleString('en')}** | ${mb(r.peakRssMb)} | ${r.rssQuartilesMb.map(mb).join(' ')} | ${r.cliCpuSeconds.toFixed(1)} | ${pgCpu} |`);
  }
  for (const r of results) console.log(`\n${r.rows} rows: ${Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join(', ')}; accounts after ${r.accountsAfter} (${r.fixtures} before)`);
  const slowest = Math.min(...results.map((r) => r.rowsPerSecond));
  console.log(`\naim ≥ ${TARGET_ROWS_PER_SECOND.toLocaleString('en')} rows/s: ${slowest >= TARGET_ROWS_PER_SECOND ? 'met' : 'NOT met'} (slowest ${slowest.toLocaleString('en')})`);
  if (results.length > 1) {
    const [small, large] = [results[0]!, results[results.length - 1]!];
    console.log(`peak RSS ${mb(small.peakRssMb)} MB at ${small.rows.toLocaleString('en')} rows, ${mb(large.peakRssMb)} MB at ${large.rows.toLocaleString('en')} rows (×${(large.rows / small.rows).toFixed(0)} rows, ×${(large.peakRssMb / small.peakRssMb).toFixed(2)} memory)`);
  }

  mkdirSync(RESULTS, { recursive: true });
  const out = args.out ?? path.join(RESULTS, `import-postgres-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const environment = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, postgres: settings, source, batchSize: args['batch-size'] ?? 'default', report: !args['no-report'] };
  writeFileSync(out, JSON.stringify({ environment, results }, null, 2));
  console.log(`\n${out}`);
}

try {
  await main();
} finally {
  await cleanup();
}
