/**
 * PostgreSQL servers of the test's own (scripts/pg-test-server.sh in a temp dir), for tests that
 * stop one underneath the platform. Without the PostgreSQL binaries those tests are skipped, with
 * the reason, except in CI (CI=1 or REQUIRE_SERVICES=1), where they fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/pg-test-server.sh');
const required = /^(1|true|yes)$/i.test(process.env.CI ?? '') || /^(1|true|yes)$/i.test(process.env.REQUIRE_SERVICES ?? '');
const installed = () =>
  spawnSync('sh', ['-c', 'command -v initdb || command -v pg_config || ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' }).status === 0;

export const skipWithoutPostgresServer: string | false = required || installed() ? false : 'PostgreSQL server binaries are not installed (apt-get install postgresql)';

export interface ThrowawayPostgres {
  url: string;
  port: number;
  stop(): void;
  remove(): void;
}

export function startThrowawayPostgres(): ThrowawayPostgres {
  const dir = mkdtempSync(path.join(tmpdir(), 'most-pg-'));
  const url = execFileSync('bash', [SCRIPT, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const server: ThrowawayPostgres = {
    url,
    port: Number(new URL(url).port),
    stop: () => void execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' }),
    remove() {
      if (existsSync(dir)) server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
