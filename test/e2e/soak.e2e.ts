/**
 * The short soak-and-fault run (deploy/soak.ts, `npm run soak`): the three-node cluster under a steady
 * mixed load (registrations, logins, 办理入口 of the OIDC demo system, CAS sign-ins, profile saves,
 * OIDC sign-ins keeping a refresh token and refreshes of it) while a node is killed with kill -9
 * and started again, Redis restarts and PostgreSQL restarts. Passes only with no acknowledged
 * write lost (registrations, profile saves, refresh tokens) and no error outside the fault
 * windows; the report is printed.
 * SOAK_SECONDS (default here 120). Without /usr/sbin/haproxy it is skipped, except under CI=1.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const isCi = !!process.env.CI && process.env.CI !== '0' && process.env.CI !== 'false';
const skip = !existsSync('/usr/sbin/haproxy') && !isCi ? 'haproxy is not installed (apt-get install haproxy)' : undefined;

test('soak with faults: nothing acknowledged lost, errors only inside the fault windows', { skip, timeout: 15 * 60_000 }, async () => {
  const child = spawn(process.execPath, ['deploy/soak.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, SOAK_SECONDS: process.env.SOAK_SECONDS ?? '120', WEB_DIST_DIR: path.resolve(process.env.E2E_WEB_DIST_DIR ?? 'dist/web') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  // The report, in the test's output whether it passed or not.
  console.log(output.slice(output.indexOf('soak report')));
  assert.equal(code, 0, output.slice(-4000));
  assert.match(output, /soak: PASSED \(0 lost acknowledged writes: 0 registrations, 0 profile saves, 0 refresh tokens; 0 errors outside the fault windows\)/);
  assert.match(output, /acknowledged registrations: [1-9]\d*, lost: 0/);
  assert.match(output, /profile saves acknowledged: [1-9]\d* \([1-9]\d* accounts checked\), lost: 0/);
  assert.match(output, /refresh tokens held: [1-9]\d*, still refreshing: [1-9]\d*, lost: 0/);
  // Every operation of the mix ran.
  for (const kind of ['register', 'login', 'enter', 'cas', 'oidcWithRefresh', 'refresh', 'profile']) assert.match(output, new RegExp(`(\\(|, )${kind} [1-9]`), kind);
});
