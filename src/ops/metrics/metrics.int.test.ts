import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { authorize, oidcBusinessSystem } from '../../../test/support/oidc-rp.ts';
import { startTestPlatform, testDatabaseKind, type TestPlatform } from '../../../test/support/platform.ts';
import { startMetricsServer, type MetricsServer } from './server.ts';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([\w:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('metrics (/metrics on its own port)', () => {
  let t: TestPlatform;
  let metrics: MetricsServer;
  before(async () => {
    t = await startTestPlatform({ lockout: { accountThreshold: 3, ipThreshold: 100, lockMinutes: 15 } });
    metrics = await startMetricsServer(0, '127.0.0.1');
  });
  after(async () => {
    await metrics.close();
    await t.close();
  });

  const scrape = async () => {
    const res = await fetch(metrics.url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('is not served on the public port, and its own port serves nothing else', async () => {
    assert.equal((await fetch(`${t.baseUrl}/metrics`)).status, 404);
    assert.equal((await fetch(metrics.url.replace('/metrics', '/'))).status, 404);
    assert.equal((await fetch(metrics.url, { method: 'POST' })).status, 404);
  });

  it('without TRUST_PROXY an incoming X-Request-Id is not believed (anyone could send one)', async () => {
    const res = await fetch(`${t.baseUrl}/api/csrf`, { headers: { 'x-request-id': 'spoofed-0123456789' } });
    assert.match(res.headers.get('x-request-id') ?? '', /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/);
  });

  it('counts requests by route pattern and status with a latency histogram; ids and personal data stay out of the labels', async () => {
    const before = sample(await scrape(), 'most_http_requests_total', { method: 'GET', route: '/api/csrf', status: '200' }) ?? 0;
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${t.baseUrl}/api/csrf`)).status, 200);
    const client = new ApiClient(t.baseUrl);
    const { captchaId } = await client.captcha(); // GET /dev/captcha/:id
    await fetch(`${t.baseUrl}/api/no-such-page/13800138000`);
    const text = await scrape();
    assert.equal(sample(text, 'most_http_requests_total', { method: 'GET', route: '/api/csrf', status: '200' }), before + 3);
    assert.ok((sample(text, 'most_http_request_duration_seconds_count', { method: 'GET', route: '/api/csrf', status: '200' }) ?? 0) >= 3);
    assert.ok(sample(text, 'most_http_request_duration_seconds_bucket', { route: '/api/csrf', le: '+Inf' })! >= 3);
    assert.ok(sample(text, 'most_http_requests_total', { route: '/dev/captcha/:id', status: '200' })! >= 1, 'the pattern, not the URL');
    assert.ok(sample(text, 'most_http_requests_total', { route: 'unmatched', status: '404' })! >= 1);
    assert.ok(!text.includes(captchaId), 'no id in a label');
    assert.ok(!text.includes('13800138000'), 'no raw URL in a label');
  });

  it('counts logins by outcome (ok, failed, locked) and SMS sends', async () => {
    const read = async () => {
      const text = await scrape();
      return { text, ok: sample(text, 'most_logins_total', { outcome: 'ok' }) ?? 0, failed: sample(text, 'most_logins_total', { outcome: 'failed' }) ?? 0, locked: sample(text, 'most_logins_total', { outcome: 'locked' }) ?? 0 };
    };
    const start = await read();
    const { client, body } = await registerAndLogIn(t.baseUrl, 'natural');
    for (let i = 0; i < 2; i++) assert.equal((await client.login('natural', body.loginName, 'Wrong-password-1')).status, 401);
    // The third failure locks the account (LOCK_ACCOUNT_THRESHOLD 3 here): counted as locked.
    assert.equal((await client.login('natural', body.loginName, 'Wrong-password-1')).status, 429);
    const end = await read();
    assert.equal(end.ok - start.ok, 1);
    assert.equal(end.failed - start.failed, 2);
    assert.equal(end.locked - start.locked, 1);
    assert.ok(!end.text.includes(body.loginName), 'no login name in the metrics');
    assert.ok((sample(end.text, 'most_sms_sends_total', { outcome: 'ok' }) ?? 0) >= 1, 'the registration SMS');
  });

  it('counts sign-ins to a business system by protocol and client id', async () => {
    const rp = await oidcBusinessSystem(t);
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    await authorize(rp, client);
    const clientId = rp.system.oidc!.clientId;
    assert.equal(sample(await scrape(), 'most_sign_ins_total', { protocol: 'oidc', system: clientId }), 1);
  });

  it('reports the registry circuit breaker, the retry queue, event-loop lag and process metrics; declares sign-ins and registry calls', async () => {
    const text = await scrape();
    assert.equal(sample(text, 'most_circuit_breaker_state', { breaker: 'registry' }), 0, 'closed');
    assert.equal(typeof sample(text, 'most_verification_retries_pending'), 'number');
    assert.equal(typeof sample(text, 'most_nodejs_eventloop_lag_seconds'), 'number');
    assert.equal(typeof sample(text, 'most_process_resident_memory_bytes'), 'number');
    assert.match(text, /^# TYPE most_sign_ins_total counter$/m);
    assert.match(text, /^# TYPE most_registry_calls_total counter$/m);
    assert.match(text, /^# TYPE most_db_pool_connections gauge$/m);
    // PGlite has no pool; PostgreSQL's is reported.
    if (testDatabaseKind === 'postgres') assert.ok((sample(text, 'most_db_pool_connections', { state: 'total' }) ?? 0) >= 1);
    else assert.equal(sample(text, 'most_db_pool_connections', { state: 'total' }), undefined);
  });
});
