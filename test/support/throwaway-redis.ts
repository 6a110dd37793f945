/**
 * A redis-server of the test's own (scripts/redis-test-server.sh in a temp dir), for tests that
 * stop and restart it underneath a platform. Without redis-server those tests are skipped, with
 * the reason, except in CI (CI=1 or REQUIRE_SERVICES=1), where they fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/redis-test-server.sh');
const required = /^(1|true|yes)$/i.test(process.env.CI ?? '') || /^(1|true|yes)$/i.test(process.env.REQUIRE_SERVICES ?? '');

/** False when redis-server can run here (or must: CI), else why the test is skipped. */
export const skipWithoutRedisServer: string | false =
  required || spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0 ? false : 'redis-server is not installed (apt-get install redis-server)';

export interface ThrowawayRedis {
  url: string;
  port: number;
  stop(): void;
  /** Starts it again on the same port (its data is gone: it keeps none). */
  start(): void;
  remove(): void;
}

export function startThrowawayRedis(): ThrowawayRedis {
  const dir = mkdtempSync(path.join(tmpdir(), 'most-redis-'));
  const url = execFileSync('bash', [SCRIPT, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const port = Number(new URL(url).port);
  const redis: ThrowawayRedis = {
    url,
    port,
    stop: () => void execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' }),
    start: () => void execFileSync('bash', [SCRIPT, 'start', dir, String(port)], { stdio: 'ignore' }),
    remove() {
      redis.stop();
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
  return redis;
}

/**
 * A Redis Sentinel of the test's own (redis-server --sentinel) watching `primaryPort` under the
 * name `master`, quorum 1, quick to call the primary down (1 s) so a failover fits in a test.
 */
export function startThrowawaySentinel(master: string, primaryPort: number): { port: number; log(): string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'most-sentinel-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    writeFileSync(
      path.join(dir, 'sentinel.conf'),
      [
        `port ${port}`,
        'bind 127.0.0.1',
        'daemonize yes',
        `pidfile ${dir}/sentinel.pid`,
        `logfile ${dir}/sentinel.log`,
        `dir ${dir}`,
        `sentinel monitor ${master} 127.0.0.1 ${primaryPort} 1`,
        `sentinel down-after-milliseconds ${master} 1000`,
        `sentinel failover-timeout ${master} 5000`,
        '',
      ].join('\n'),
    );
    const started = spawnSync('redis-server', [path.join(dir, 'sentinel.conf'), '--sentinel'], { stdio: 'ignore' });
    if (started.status !== 0) continue;
    // Daemonized: wait for its pid file.
    for (let i = 0; i < 50 && !existsSync(path.join(dir, 'sentinel.pid')); i++) spawnSync('sleep', ['0.1']);
    if (!existsSync(path.join(dir, 'sentinel.pid'))) continue;
    return {
      port,
      /** The sentinel's log so far (what it saw and did), for a failing test's message. */
      log: () => (existsSync(path.join(dir, 'sentinel.log')) ? readFileSync(path.join(dir, 'sentinel.log'), 'utf8') : ''),
      remove() {
        const pid = Number(readFileSync(path.join(dir, 'sentinel.pid'), 'utf8'));
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        // A sentinel rewrites its configuration file as it stops: the folder is removed once it has gone.
        for (let i = 0; i < 50 && isAlive(pid); i++) spawnSync('sleep', ['0.1']);
        rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      },
    };
  }
  throw new Error(`redis-server --sentinel did not start (log: ${dir}/sentinel.log)`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
