/**
 * The real entry point (src/main.ts as a child process, configured by its environment only):
 * development tools fail closed. NODE_ENV unset or misspelt is production and refuses to start
 * without its services, naming every missing setting; development refuses to run beside a
 * production gateway; production serves no /dev/* and prints no demo account or TOTP secret;
 * NODE_ENV=development serves the development tools.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKind } from '../../test/support/platform.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'main.ts');
const STARTED = '统一身份认证平台已启动';
const START_TIMEOUT_MS = 90_000;

let work: string;
let runs = 0;

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

interface Run {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts src/main.ts with only these settings (beside PATH and a fresh DATA_DIR, free ports for
 * the platform, its development registry and national platform, SMTP server and demo systems, and no built portal).
 */
async function startMain(settings: Record<string, string>): Promise<Run> {
  const port = await freePort();
  const dataDir = path.join(work, `data-${++runs}`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    WEB_DIST_DIR: path.join(work, 'no-web'),
    REGISTRY_PORT: '0',
    NATIONAL_IDP_DEV_PORT: '0',
    SMTP_DEV_PORT: '0',
    OIDC_DEMO_PORT: '0',
    CAS_DEMO_PORT: '0',
    ...settings,
  };
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Waits until the platform says it listens, or fails with what it printed. */
async function untilStarted(run: Run): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let ended = false;
  void run.exited.then(() => (ended = true));
  while (!run.output().includes(STARTED)) {
    if (ended) assert.fail(`src/main.ts ended before it started:\n${run.output()}`);
    if (Date.now() > deadline) assert.fail(`src/main.ts did not start in ${START_TIMEOUT_MS} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ends a run (SIGTERM, then SIGKILL if it lingers). */
async function stop(run: Run): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  run.child.kill('SIGTERM');
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 10_000);
  await run.exited;
  clearTimeout(timer);
}

/** The process refuses to start: a non-zero exit with the message, never listening. */
async function assertRefused(settings: Record<string, string>, message: RegExp): Promise<string> {
  const run = await startMain(settings);
  try {
    const code = await Promise.race([run.exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), START_TIMEOUT_MS).unref())]);
    assert.notEqual(code, 'timeout', `still running:\n${run.output()}`);
    assert.notEqual(code, 0, run.output());
    assert.match(run.output(), message);
    assert.doesNotMatch(run.output(), new RegExp(STARTED));
    assert.doesNotMatch(run.output(), /\n\s+at /, 'the message alone, no stack trace');
    assert.equal(await listening(run.port), false, 'nothing listens on PORT');
    return run.output();
  } finally {
    await stop(run);
  }
}

const key = () => randomBytes(32).toString('base64');
const MISSING_ALL = 'PII_ENCRYPTION_KEY, PII_LOOKUP_KEY, REGISTRY_URL, REGISTRY_SECRET, SMS_GATEWAY_URL, SMS_GATEWAY_SECRET, SMTP_URL';

// The entry point's own decisions: the database under it changes nothing, so once (PGlite) is enough.
describe('src/main.ts: development tools fail closed', { skip: testDatabaseKind === 'postgres' ? 'runs once, on PGlite' : false }, () => {
  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'most-main-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('NODE_ENV unset, no gateways: refuses to start and names every missing setting', async () => {
    const output = await assertRefused({}, new RegExp(`生产环境缺少必需的配置：${MISSING_ALL}`));
    assert.match(output, /NODE_ENV 未设置/);
  });

  it('NODE_ENV misspelt (productoin): production too, refused the same way', async () => {
    await assertRefused({ NODE_ENV: 'productoin' }, new RegExp(`生产环境缺少必需的配置：${MISSING_ALL}（NODE_ENV=productoin`));
  });

  it('NODE_ENV=development beside SMS_GATEWAY_URL, SMTP_URL or REGISTRY_URL: refuses to start', async () => {
    const gateways = { SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms', SMTP_URL: 'smtp://127.0.0.1:9', REGISTRY_URL: 'http://127.0.0.1:9/registry' };
    for (const [name, value] of Object.entries(gateways)) {
      await assertRefused({ NODE_ENV: 'development', [name]: value }, new RegExp(`开发模式不能与生产网关同时使用：${name}`));
    }
  });

  it('production with every setting starts; /dev/* answers 404 and no demo account or TOTP secret is printed', async () => {
    // Nothing listens on port 9: starting must not need the gateways, and nothing here sends.
    const run = await startMain({
      PII_ENCRYPTION_KEY: key(),
      PII_LOOKUP_KEY: key(),
      REGISTRY_URL: 'http://127.0.0.1:9/registry',
      REGISTRY_SECRET: 'registry-secret',
      SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
      SMS_GATEWAY_SECRET: 'sms-secret',
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    try {
      await untilStarted(run);
      const captcha = await fetch(`${run.base}/api/captcha`);
      assert.equal(captcha.status, 200, 'the captcha itself is served');
      const { id } = (await captcha.json()) as { id: string };
      for (const devPath of [`/dev/captcha/${id}`, '/dev/captcha/x', '/dev/outbox', '/dev/outbox.json', '/dev/mail', '/dev/mail.json']) {
        const res = await fetch(run.base + devPath);
        assert.equal(res.status, 404, devPath);
        assert.doesNotMatch(await res.text(), /answer/, devPath);
      }
      const output = run.output();
      assert.doesNotMatch(output, /TOTP|演示账号|demo_person|demo_company|Demo@2026|开发工具|演示业务系统/, output);
    } finally {
      await stop(run);
    }
  });

  it('NODE_ENV=development starts with the development tools: /dev/outbox, captcha answers, demo accounts', async () => {
    const run = await startMain({ NODE_ENV: 'development' });
    try {
      await untilStarted(run);
      assert.equal((await fetch(`${run.base}/dev/outbox`)).status, 200);
      const { id } = (await (await fetch(`${run.base}/api/captcha`)).json()) as { id: string };
      const answer = await fetch(`${run.base}/dev/captcha/${id}`);
      assert.equal(answer.status, 200);
      assert.equal(((await answer.json()) as { answer: string }).answer.length, 4);
      // The demo lines come after the start line: wait for the last of them.
      for (let tries = 0; tries < 600 && !/TOTP 密钥 \S+/.test(run.output()); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.match(run.output(), /开发工具: 短信发件箱/);
      assert.match(run.output(), /TOTP 密钥 \S+/);
      // The demo systems listen on their configured ports (0 here: any free one) and are registered there, so their sign-ins are accepted.
      for (let tries = 0; tries < 100 && !/\(CAS\) http/.test(run.output()); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      for (const [protocol, platformPath] of [
        ['OIDC', '/oidc/auth'],
        ['CAS', '/cas/login'],
      ] as const) {
        const demoUrl = run.output().match(new RegExp(`演示业务系统: \\S+ \\(${protocol}\\) (http://localhost:\\d+)/login`))?.[1];
        assert.ok(demoUrl, run.output());
        const toPlatform = await fetch(`${demoUrl}/login`, { redirect: 'manual' });
        const target = new URL(toPlatform.headers.get('location') ?? '', demoUrl);
        assert.equal(target.pathname, platformPath, protocol);
        const answer = await fetch(new URL(target.pathname + target.search, run.base), { redirect: 'manual' });
        assert.ok([302, 303].includes(answer.status), `${protocol}: the platform accepts the demo where it listens, got ${answer.status}`);
      }
    } finally {
      await stop(run);
    }
  });
});
