/**
 * What every benchmark runner needs around its measurements: cleanups run in reverse order
 * (also on Ctrl-C), a throwaway PostgreSQL server from scripts/pg-test-server.sh and a
 * throwaway Redis from scripts/redis-test-server.sh.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPTS = path.resolve(import.meta.dirname, '..', '..', 'scripts');
const PG_SCRIPT = path.join(SCRIPTS, 'pg-test-server.sh');
const REDIS_SCRIPT = path.join(SCRIPTS, 'redis-test-server.sh');

export const cleanups: (() => Promise<void> | void)[] = [];

export async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error('cleanup:', error);
    }
  }
}

process.once('SIGINT', () => {
  cleanup().finally(() => process.exit(130));
});

/** Starts scripts/pg-test-server.sh in a temporary directory; returns its URL and the postmaster's pid. */
export function startThrowawayPostgres(prefix: string): { url: string; pid: number | undefined } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-pg-`));
  const stop = () => {
    spawnSync('bash', [PG_SCRIPT, 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(dir, { recursive: true, force: true });
  };
  const started = spawnSync('bash', [PG_SCRIPT, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (started.status !== 0) {
    stop();
    throw new Error(`scripts/pg-test-server.sh start failed (exit ${started.status})`);
  }
  cleanups.push(stop);
  let pid: number | undefined;
  try {
    pid = Number(readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n', 1)[0]) || undefined;
  } catch {
    /* not readable: PostgreSQL's CPU is then not accounted separately */
  }
  return { url: started.stdout.trim(), pid };
}

/** Starts scripts/redis-test-server.sh in a temporary directory; returns its URL and the server's pid. */
export function startThrowawayRedis(prefix: string): { url: string; pid: number | undefined } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-redis-`));
  const stop = () => {
    spawnSync('bash', [REDIS_SCRIPT, 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(dir, { recursive: true, force: true });
  };
  const started = spawnSync('bash', [REDIS_SCRIPT, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (started.status !== 0) {
    stop();
    throw new Error(`scripts/redis-test-server.sh start failed (exit ${started.status})`);
  }
  cleanups.push(stop);
  const pid = Number(readFileSync(path.join(dir, 'redis.pid'), 'utf8').trim()) || undefined;
  return { url: started.stdout.trim(), pid };
}
