/**
 * Stock clients (issue 15.5): a throwaway Apache 2.4 from Debian, configured with
 * examples/apache/sso-vhost.conf, protects /oidc/ with mod_auth_openidc (code + PKCE,
 * client_secret_basic) and /cas/ with mod_auth_cas, in front of examples/apache/whoami.cgi.
 * Chromium signs in on the platform's login page through /oidc/ and sees the claims (sub), then
 * opens /cas/ without a second login and sees the CAS attributes (accountId); the other way
 * round, CAS first, OIDC needs no second login either. After 退出登录 on
 * the platform, both Apache sessions are gone: the platform's back-channel logout token reaches
 * mod_auth_openidc (`?logout=backchannel`) and its CAS LogoutRequest reaches mod_auth_cas
 * (CASSSOEnabled), so the next request to /oidc/ and to /cas/ lands on the platform's login page.
 *
 * Without /usr/sbin/apache2 or the modules the file is skipped, except under CI=1 (.ci/run
 * installs them), where it fails.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemsStore } from '../../src/sso/systems-store.ts';
import { registerAccount } from '../support/accounts.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { loginThroughUi, logoutThroughUi } from './account-helpers.ts';
import { browserSuiteForFile } from './support.ts';

const APACHE = process.env.APACHE2_PATH ?? '/usr/sbin/apache2';
const MODULES_DIR = '/usr/lib/apache2/modules';
const MODULES = ['mpm_prefork', 'authn_core', 'authz_core', 'authz_user', 'alias', 'cgi', 'auth_openidc', 'auth_cas'];
const EXAMPLE_DIR = path.resolve('examples/apache');

const missing = [APACHE, ...MODULES.map((name) => `${MODULES_DIR}/mod_${name}.so`)].filter((file) => !existsSync(file));
const isCi = !!process.env.CI && process.env.CI !== '0' && process.env.CI !== 'false';
const skipReason = missing.length && !isCi ? `Apache or its modules are not installed (missing ${missing.join(', ')}; apt-get install apache2 libapache2-mod-auth-openidc libapache2-mod-auth-cas)` : undefined;

const CLIENT_ID = 'apache-stock-client';
const CLIENT_SECRET = 'apache-stock-client-secret-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Apache {
  url: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** Apache in the foreground with its own ServerRoot, PidFile and logs in a temp dir, running examples/apache/sso-vhost.conf. */
async function startApache(platformUrl: string): Promise<Apache> {
  const dir = mkdtempSync(path.join(tmpdir(), 'apache-sso-'));
  chmodSync(dir, 0o755);
  const cacheDir = path.join(dir, 'cas-cache');
  mkdirSync(cacheDir, { mode: 0o777 });
  chmodSync(cacheDir, 0o777);
  // The CGI page copied next to the config, so Apache's user can run it wherever the checkout lives.
  const cgiDir = path.join(dir, 'cgi');
  mkdirSync(cgiDir, { mode: 0o755 });
  copyFileSync(path.join(EXAMPLE_DIR, 'whoami.cgi'), path.join(cgiDir, 'whoami.cgi'));
  chmodSync(path.join(cgiDir, 'whoami.cgi'), 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const runAs = process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : [];
  const config = [
    `ServerRoot ${dir}`,
    `PidFile ${dir}/apache.pid`,
    `ErrorLog ${dir}/error.log`,
    'LogLevel warn auth_openidc:info auth_cas:info',
    `Mutex file:${dir} default`,
    ...runAs,
    `Listen 127.0.0.1:${port}`,
    'ServerName 127.0.0.1',
    'StartServers 2',
    ...MODULES.map((name) => `LoadModule ${name === 'auth_openidc' ? 'auth_openidc_module' : `${name}_module`} ${MODULES_DIR}/mod_${name}.so`),
    `Define PLATFORM_URL ${platformUrl}`,
    `Define APP_URL ${url}`,
    `Define APP_PORT ${port}`,
    `Define OIDC_CLIENT_ID ${CLIENT_ID}`,
    `Define OIDC_CLIENT_SECRET ${CLIENT_SECRET}`,
    'Define OIDC_PASSPHRASE apache-stock-client-test-passphrase',
    `Define EXAMPLE_DIR ${cgiDir}`,
    `Define CAS_CACHE_DIR ${cacheDir}/`,
    `Include ${EXAMPLE_DIR}/sso-vhost.conf`,
    '',
  ].join('\n');
  const configFile = path.join(dir, 'httpd.conf');
  writeFileSync(configFile, config);
  const errorLog = () => (existsSync(`${dir}/error.log`) ? readFileSync(`${dir}/error.log`, 'utf8') : '');
  let output = '';
  // Its own process group, so stopping it also ends its children (prefork workers, CGI).
  const child: ChildProcess = spawn(APACHE, ['-f', configFile, '-DFOREGROUND'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  // Should the test process end without its after hooks, Apache goes with it.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    signalGroup('SIGTERM');
    // Polled: a pending timer keeps the test process alive while Apache winds down.
    for (let waited = 0; alive() && waited < 3_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    signalGroup('SIGKILL');
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`apache2 exited (${child.exitCode}): ${output}\n${errorLog()}`);
      const ok = await fetch(`${url}/nothing-here`).then(() => true, () => false);
      if (ok) break;
      if (attempt > 100) throw new Error(`apache2 did not answer on ${url}: ${output}\n${errorLog()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, errorLog, stop };
}

/** The CGI page's list: NAME=value lines. */
async function received(page: Page): Promise<Map<string, string>> {
  await page.locator('#remote-user').waitFor();
  const lines = await page.locator('li').allInnerTexts();
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('stock Apache mod_auth_openidc and mod_auth_cas against the platform', { skip: skipReason }, () => {
  const suite = browserSuiteForFile();
  let apache: Apache | undefined;

  before(async () => {
    if (missing.length) throw new Error(`CI=${process.env.CI}: Apache and its modules must be installed (.ci/run APT_PACKAGES); missing ${missing.join(', ')}`);
    apache = await startApache(suite.baseUrl);
    const systems = systemsStore(suite.platform.db, suite.platform.cipher);
    await systems.create({
      key: 'apache-stock',
      name: 'Apache 示例系统',
      department: '社会发展科技司',
      audience: 'both',
      requiresVerification: false,
      requirements: [],
      requiresApproval: false,
      roles: [],
      mobileAllowed: true,
      enabled: true,
      entryUrl: `${apache.url}/oidc/`,
      oidc: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${apache.url}/oidc/redirect_uri`],
        postLogoutRedirectUris: [`${apache.url}/`],
        backchannelLogoutUri: `${apache.url}/oidc/redirect_uri?logout=backchannel`,
      },
      casServicePrefix: `${apache.url}/cas/`,
    });
  });
  after(async () => {
    await apache?.stop();
  });

  test('OIDC sign-in, SSO into CAS, and 退出登录 on the platform ends both', async () => {
    try {
      await signInAndOut();
    } catch (error) {
      console.log(`# apache error.log:\n${apache?.errorLog()}`);
      throw error;
    }
  });

  test('CAS sign-in first, then OIDC without a second login', async () => {
    try {
      const me = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('apache') });
      const page = await suite.newPage();
      const base = apache!.url;
      await page.goto(`${base}/cas/`);
      await page.waitForURL(/\/login/);
      await loginThroughUi(page, suite.baseUrl, '自然人登录', me.body.loginName, me.body.password);
      await page.waitForURL(new RegExp(`^${base}/cas/`));
      assert.equal((await received(page)).get('HTTP_CAS_ACCOUNTID'), me.accountId);

      await page.goto(`${base}/oidc/`);
      assert.equal(page.url(), `${base}/oidc/`, 'no login page on the way');
      assert.equal((await received(page)).get('OIDC_CLAIM_sub'), me.accountId);
      await page.context().close();
    } catch (error) {
      console.log(`# apache error.log:\n${apache?.errorLog()}`);
      throw error;
    }
  });

  async function signInAndOut() {
    const me = await registerAccount(suite.baseUrl, 'natural', { loginName: uniqueLoginName('apache') });
    const page = await suite.newPage();
    const base = apache!.url;

    // OIDC: Apache sends the browser to the platform, which asks for a login first.
    await page.goto(`${base}/oidc/`);
    await page.waitForURL(/\/login/);
    await loginThroughUi(page, suite.baseUrl, '自然人登录', me.body.loginName, me.body.password);
    await page.waitForURL(`${base}/oidc/`);
    const claims = await received(page);
    assert.equal(claims.get('OIDC_CLAIM_sub'), me.accountId, [...claims].join('\n'));
    assert.equal(await page.locator('#remote-user').innerText(), `REMOTE_USER=${me.accountId}`);

    // CAS: the platform session signs the browser in without a second login.
    await page.goto(`${base}/cas/`);
    assert.equal(page.url(), `${base}/cas/`, 'no login page on the way');
    const attributes = await received(page);
    assert.equal(attributes.get('HTTP_CAS_ACCOUNTID'), me.accountId, [...attributes].join('\n'));
    assert.equal(attributes.get('HTTP_CAS_USER'), me.body.loginName);

    // 退出登录 on the platform ends both Apache sessions.
    await page.goto(suite.baseUrl + '/');
    await logoutThroughUi(page);
    assert.equal((await fetch(`${suite.baseUrl}/api/me`, { headers: { cookie: (await page.context().cookies(suite.baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ') } })).status, 401, 'the platform session ended');
    for (const where of ['/oidc/', '/cas/']) {
      await page.goto(`${base}${where}`);
      // Apache no longer knows the browser: it sends it to the platform, which asks for a login.
      await page.getByRole('tab', { name: '自然人登录' }).waitFor();
      assert.equal(new URL(page.url()).origin, new URL(suite.baseUrl).origin, `${where} led to ${page.url()}`);
      assert.equal(await page.locator('#remote-user').count(), 0);
    }
    await page.context().close();
  }
});
