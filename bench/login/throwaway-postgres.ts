/**
 * What every benchmark runner needs around its measurements: cleanups run in reverse order
 * (also on Ctrl-C), and a throwaway PostgreSQL server from scripts/pg-test-server.sh.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PG_SCRIPT = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'pg-test-server.sh');

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
