/**
 * What the interleaved benchmark runners (bench/login, bench/sso) share: their common options
 * and how they are read, the database a run measures against, the machine it ran on, the median
 * of round ratios and the ending of a run that failed.
 */
import os from 'node:os';
import { cleanup, startThrowawayPostgres } from './login/throwaway-postgres.ts';

/** When this run started: in the result's file name and its environment. */
export const STARTED = new Date().toISOString();

/** parseArgs options of every runner, with the runner's own defaults; a runner adds its own beside them. */
export function sliceOptions(defaults: { concurrency: string; rounds: string; slice: string; warmup: string }) {
  return {
    postgres: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: defaults.concurrency },
    rounds: { type: 'string', default: defaults.rounds },
    slice: { type: 'string', default: defaults.slice },
    warmup: { type: 'string', default: defaults.warmup },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
  } as const;
}

/** --slice, --warmup, --rounds and --concurrency read; `valid` says whether they make sense (the runner says what is wrong). */
export function readSlicing(args: { slice: string; warmup: string; rounds: string; concurrency: string }) {
  const sliceMs = Number(args.slice) * 1000;
  const warmupMs = Number(args.warmup) * 1000;
  const rounds = Number(args.rounds);
  const concurrencies = args.concurrency.split(',').map(Number);
  const valid = sliceMs > 0 && warmupMs >= 0 && rounds >= 1 && concurrencies.every((c) => Number.isInteger(c) && c > 0);
  return { sliceMs, warmupMs, rounds, concurrencies, valid };
}

export interface BenchDatabase {
  databaseUrl: string | undefined;
  /** The throwaway server's postmaster, whose CPU is then PostgreSQL's, not other processes'. */
  postgresPid: number | undefined;
  databaseLabel: string;
}

/**
 * PGlite, or with --postgres DATABASE_URL when set (the server makes a temporary database on it),
 * else a throwaway server from scripts/pg-test-server.sh (stopped by the cleanups).
 */
export function chooseDatabase(postgres: boolean, prefix: string): BenchDatabase {
  if (!postgres) return { databaseUrl: undefined, postgresPid: undefined, databaseLabel: 'PGlite (in memory)' };
  if (process.env.DATABASE_URL) {
    return { databaseUrl: process.env.DATABASE_URL, postgresPid: undefined, databaseLabel: 'PostgreSQL (DATABASE_URL, temporary database)' };
  }
  console.error('starting a throwaway PostgreSQL (scripts/pg-test-server.sh) ...');
  const { url, pid } = startThrowawayPostgres(prefix);
  return { databaseUrl: url, postgresPid: pid, databaseLabel: 'PostgreSQL (throwaway local server, fsync off)' };
}

/** The machine a result was measured on: the first fields of every result's `environment`. */
export function machine() {
  return {
    date: STARTED,
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: os.availableParallelism(),
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs the runner's main; when it fails, the cleanups (servers stopped) before the error and exit code 1. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    await cleanup();
    console.error(error);
    process.exit(1);
  }
}
