import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../test/support/assertions.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { skipWithoutRedisServer, startThrowawayRedis, type ThrowawayRedis } from '../../test/support/throwaway-redis.ts';
import { closeGracefully } from './readiness.ts';

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;

async function readyz(baseUrl: string) {
  const res = await fetch(`${baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
}

describe('readiness (/readyz), request ids and the node header', () => {
  let t: TestPlatform;
  before(async () => {
    t = await startTestPlatform({ trustProxy: true }, { NODE_NAME: 'node-t1' });
  });
  after(() => t.close());

  it('answers 200 when the database, migrations and signing keys are there (no Redis configured: skipped)', async () => {
    const { status, body } = await readyz(t.baseUrl);
    assert.equal(status, 200);
    assert.deepEqual(body, { status: 'ready', checks: { database: 'ok', redis: 'skipped', migrations: 'ok', signingKeys: 'ok' } });
    assert.equal((await fetch(`${t.baseUrl}/healthz`)).status, 200);
  });

  it('every response names the node and carries a request id; a well-formed one from the trusted load balancer is kept', async () => {
    const plain = await fetch(`${t.baseUrl}/api/csrf`);
    assert.equal(plain.headers.get('x-node'), 'node-t1');
    assert.match(plain.headers.get('x-request-id') ?? '', UUID);
    const other = await fetch(`${t.baseUrl}/api/csrf`);
    assert.notEqual(other.headers.get('x-request-id'), plain.headers.get('x-request-id'));
    const kept = await fetch(`${t.baseUrl}/api/csrf`, { headers: { 'x-request-id': 'lb-7f3a9c20e1d4-0001' } });
    assert.equal(kept.headers.get('x-request-id'), 'lb-7f3a9c20e1d4-0001');
    // Errors and unknown paths too.
    const missing = await fetch(`${t.baseUrl}/api/no-such-thing`, { headers: { 'x-request-id': 'lb-7f3a9c20e1d4-0002' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-request-id'), 'lb-7f3a9c20e1d4-0002');
    assert.equal(missing.headers.get('x-node'), 'node-t1');
  });

  it('a malformed incoming X-Request-Id is replaced by a new one', async () => {
    for (const bad of ['short', 'a'.repeat(129), 'id with spaces 1234', 'id"<script>-1234', 'id%0d%0a-injected-1234']) {
      const res = await fetch(`${t.baseUrl}/api/csrf`, { headers: { 'x-request-id': bad } });
      assert.match(res.headers.get('x-request-id') ?? '', UUID, bad);
    }
  });

  it('answers 503 naming the database while it does not answer, and 200 again once it does', async () => {
    const ping = t.platform.db.ping;
    t.platform.db.ping = async () => false;
    try {
      const { status, body } = await readyz(t.baseUrl);
      assert.equal(status, 503);
      assert.equal(body.status, 'not ready');
      assert.equal(body.checks.database, 'unavailable');
    } finally {
      t.platform.db.ping = ping;
    }
    assert.equal((await readyz(t.baseUrl)).status, 200);
  });

  it('answers 503 while a migration is not applied', async () => {
    const [last] = await t.platform.db.query<{ name: string }>('select name from schema_migrations order by name desc limit 1');
    await t.platform.db.query('delete from schema_migrations where name = $1', [last!.name]);
    try {
      const { status, body } = await readyz(t.baseUrl);
      assert.equal(status, 503);
      assert.equal(body.checks.migrations, 'pending');
      assert.equal(body.checks.database, 'ok');
    } finally {
      await t.platform.db.query('insert into schema_migrations (name) values ($1)', [last!.name]);
    }
    assert.equal((await readyz(t.baseUrl)).status, 200);
  });

  it('once shutdown has begun: 503 "shutting down" while draining, then no new connections', async () => {
    const closing = closeGracefully(t.app, { drainMs: 600, timeoutMs: 5000 });
    const { status, body } = await readyz(t.baseUrl);
    assert.equal(status, 503);
    assert.equal(body.status, 'shutting down');
    assert.equal(body.checks.database, 'ok', 'the parts themselves are fine');
    assert.equal(await closing, 'finished');
    await assert.rejects(fetch(`${t.baseUrl}/healthz`), 'the port is closed');
  });
});

describe('readiness and requests while Redis is away', { skip: skipWithoutRedisServer }, () => {
  let t: TestPlatform;
  let redis: ThrowawayRedis;
  before(async () => {
    redis = startThrowawayRedis();
    t = await startTestPlatform({ redisUrl: redis.url, redisKeyPrefix: 'readiness-test:' });
  });
  after(async () => {
    await t?.close();
    redis?.remove();
  });

  it('names Redis in /readyz, answers 503 with a clear message where Redis is needed, and recovers by itself', async () => {
    const ready = await readyz(t.baseUrl);
    assert.equal(ready.status, 200);
    assert.equal(ready.body.checks.redis, 'ok');
    assert.equal((await fetch(`${t.baseUrl}/api/captcha`)).status, 200);

    redis.stop();
    const down = await readyz(t.baseUrl);
    assert.equal(down.status, 503);
    assert.equal(down.body.checks.redis, 'unavailable');
    assert.equal(down.body.checks.database, 'ok');
    assert.ok(!JSON.stringify(down.body).includes(String(redis.port)), 'no address in the answer');
    // A captcha lives in Redis: a clear 503 with the Chinese message, not a 500.
    const captcha = await fetch(`${t.baseUrl}/api/captcha`);
    assert.equal(captcha.status, 503);
    const body = (await captcha.json()) as { code: string; message: string };
    assert.equal(body.code, 'SERVICE_UNAVAILABLE');
    assert.equal(body.message, '服务暂时不可用，请稍后重试');
    // The database is not Redis: /healthz stays up.
    assert.equal((await fetch(`${t.baseUrl}/healthz`)).status, 200);

    redis.start();
    await eventually(async () => (await readyz(t.baseUrl)).status === 200, 'ready again', { timeoutMs: 15_000, everyMs: 200 });
    assert.equal((await fetch(`${t.baseUrl}/api/captcha`)).status, 200);
  });
});

describe('request ids in the log', () => {
  let t: TestPlatform;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'most-reqlog-'));
    t = await startTestPlatform({ trustProxy: true }, { LOG_LEVEL: 'info', LOG_FILE: path.join(dir, 'platform.log') });
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('every log line of a request carries the id the response returns', async () => {
    const kept = await fetch(`${t.baseUrl}/api/csrf`, { headers: { 'x-request-id': 'lb-log-0123456789' } });
    const made = await fetch(`${t.baseUrl}/api/no-such-thing`);
    const id = made.headers.get('x-request-id')!;
    assert.equal(kept.headers.get('x-request-id'), 'lb-log-0123456789');
    // pino writes synchronously to the file (LOG_FILE).
    const lines = (await readFile(path.join(dir, 'platform.log'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { reqId?: string; msg?: string; req?: { path?: string } });
    for (const wanted of ['lb-log-0123456789', id]) {
      const mine = lines.filter((line) => line.reqId === wanted);
      assert.ok(mine.some((line) => line.msg === 'incoming request') && mine.some((line) => line.msg === 'request completed'), `${wanted}: ${JSON.stringify(mine)}`);
    }
    const requestLines = lines.filter((line) => line.msg === 'incoming request' || line.msg === 'request completed');
    assert.ok(requestLines.length >= 4 && requestLines.every((line) => typeof line.reqId === 'string' && line.reqId.length >= 8));
  });
});
