/**
 * The HTTP platform around the capabilities: CSRF double-submit and Origin checks,
 * health check, development-only routes (absent in production), rate limits, and the
 * shape of error answers.
 */
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, type ApiResponse } from '../../test/support/client.ts';
import { mobile, naturalRegistration, uniqueLoginName } from '../../test/support/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';

type Body = Record<string, any>;

function assertError(res: { status: number; body: any }, status: number, code: string) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.code, code);
  assert.equal(typeof res.body.message, 'string');
  assert.equal(typeof res.body.messageEn, 'string');
}

/** A request sent exactly as given: the client's cookies, but no CSRF header unless passed. */
async function raw(client: ApiClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(client.baseUrl + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(client.cookies.size ? { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

describe('development platform', () => {
  let t: TestPlatform;
  let client: ApiClient;
  let person: Body;

  before(async () => {
    t = await startTestPlatform();
    client = new ApiClient(t.baseUrl);
    person = naturalRegistration({ loginName: uniqueLoginName('http') }) as Body;
    const smsCode = await client.smsCode(person.mobile);
    assert.equal((await client.post('/api/register/natural', { ...person, smsCode })).status, 201);
    assert.equal((await client.login('natural', person.loginName, person.password)).status, 200);
  });
  after(async () => {
    await t?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query(sql, params)).length;

  describe('health check', () => {
    it('GET /healthz answers 200 while the database is reachable', async () => {
      const res = await fetch(`${t.baseUrl}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok' });
    });
  });

  describe('CSRF protection (double submit)', () => {
    it('GET /api/csrf returns the token of the csrf_token cookie; the cookie is not Secure when COOKIE_SECURE=false', async () => {
      const fresh = new ApiClient(t.baseUrl);
      const res = await fresh.get('/api/csrf');
      assert.equal(res.status, 200);
      assert.ok(res.body.token.length >= 20);
      assert.equal(fresh.cookies.get('csrf_token'), res.body.token);
      const cookie = res.headers.getSetCookie().find((line) => line.startsWith('csrf_token='))!;
      assert.doesNotMatch(cookie, /Secure/i);
      // The session cookie is not Secure either in this configuration.
      const login = await fresh.login('natural', person.loginName, person.password);
      assert.doesNotMatch(login.headers.getSetCookie().find((line) => line.startsWith('sid='))!, /Secure/i);
    });

    it('the protocols\' endpoints (OIDC, CAS, discovery), mostly called by business systems\' servers, set no csrf_token cookie; pages and the API do', async () => {
      for (const path of ['/.well-known/openid-configuration', '/oidc/jwks', '/oidc/me', '/cas/serviceValidate?service=x&ticket=y']) {
        const res = await fetch(`${t.baseUrl}${path}`);
        assert.ok(res.status < 500, path);
        assert.equal(res.headers.getSetCookie().filter((line) => line.startsWith('csrf_token=')).length, 0, path);
      }
      for (const path of ['/', '/api/csrf']) {
        const res = await fetch(`${t.baseUrl}${path}`);
        assert.equal(res.headers.getSetCookie().filter((line) => line.startsWith('csrf_token=')).length, 1, path);
      }
    });

    // Every state-changing route's refusals, from the route table: http/csrf.int.test.ts.

    it('refused requests change nothing: the session lives, the profile and password are unchanged, no SMS, no account', async () => {
      const accounts = await count('select 1 from accounts');
      const outbox = await count('select 1 from sms_outbox');
      const phone = mobile();
      await raw(client, 'POST', '/api/logout', {});
      await raw(client, 'PUT', '/api/me/profile/natural-person', { name: '被篡改' });
      await raw(client, 'POST', '/api/sms-codes', { mobile: phone, purpose: 'register' });
      await raw(client, 'POST', '/api/me/password', { oldPassword: person.password, password: 'Csrf-Passw0rd', passwordConfirm: 'Csrf-Passw0rd' });
      const me = await client.get('/api/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.displayName, person.name);
      assert.equal(await count('select 1 from accounts'), accounts);
      assert.equal(await count('select 1 from sms_outbox'), outbox);
      assert.equal(await count('select 1 from update_records'), 0);
      assert.equal((await new ApiClient(t.baseUrl).login('natural', person.loginName, person.password)).status, 200);
    });

    it('a foreign Origin is refused even with a valid token; the own origin is accepted', async () => {
      for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
        const login = await client.request('POST', '/api/login', { kind: 'natural', loginName: person.loginName, password: person.password, ...(await client.captcha()) }, { origin });
        assertError(login, 403, 'CSRF_REJECTED');
        assertError(await client.request('PUT', '/api/me/profile/natural-person', { name: 'x' }, { origin }), 403, 'CSRF_REJECTED');
        assertError(await client.request('POST', '/api/logout', {}, { origin }), 403, 'CSRF_REJECTED');
      }
      assert.equal((await client.get('/api/me')).status, 200, 'still logged in');
      const own = new ApiClient(t.baseUrl);
      const res = await own.request('POST', '/api/login', { kind: 'natural', loginName: person.loginName, password: person.password, ...(await own.captcha()) }, { origin: t.baseUrl });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });

    it('reading needs no token', async () => {
      const res = await raw(client, 'GET', '/api/me');
      assert.equal(res.status, 200);
    });
  });

  describe('errors', () => {
    it('an unknown API path is 404 NOT_FOUND in the error shape', async () => {
      assertError(await client.get('/api/no-such-thing'), 404, 'NOT_FOUND');
    });

    it('a body that is not JSON is 400', async () => {
      const res = await raw(client, 'POST', '/api/login', undefined, {
        'content-type': 'application/json',
        'x-csrf-token': client.cookies.get('csrf_token')!,
      });
      assert.equal(res.status, 400);
      const broken = await fetch(`${t.baseUrl}/api/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `csrf_token=${client.cookies.get('csrf_token')}`,
          'x-csrf-token': client.cookies.get('csrf_token')!,
        },
        body: '{"kind":',
      });
      assert.equal(broken.status, 400);
      assert.equal((await broken.json()).code, 'VALIDATION_FAILED');
    });
  });

  describe('development routes', () => {
    it('/dev/outbox and /dev/outbox.json show the SMS sent', async () => {
      const phone = mobile();
      const code = await client.smsCode(phone);
      const json = await client.get(`/dev/outbox.json?phone=${phone}`);
      assert.equal(json.status, 200);
      assert.equal(json.body.messages.length, 1);
      assert.equal(json.body.messages[0].phone, phone);
      assert.ok(json.body.messages[0].text.includes(code));
      const all = await client.get('/dev/outbox.json');
      assert.ok(all.body.messages.length >= 1);

      const html = await fetch(`${t.baseUrl}/dev/outbox?phone=${phone}`);
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      const page = await html.text();
      assert.ok(page.includes(phone) && page.includes(code));
    });

    it('/dev/captcha/:id tells the answer without spending it; an unknown id is 404', async () => {
      const created = await client.get('/api/captcha');
      const peek = await client.get(`/dev/captcha/${created.body.id}`);
      assert.equal(peek.status, 200);
      assert.match(peek.body.answer, /^\w{4}$/);
      const login = await new ApiClient(t.baseUrl).post('/api/login', {
        kind: 'natural', loginName: person.loginName, password: person.password, captchaId: created.body.id, captcha: peek.body.answer,
      });
      assert.equal(login.status, 200);
      assertError(await client.get(`/dev/captcha/${created.body.id}`), 404, 'NOT_FOUND');
      assertError(await client.get('/dev/captcha/not-a-captcha'), 404, 'NOT_FOUND');
    });
  });

  describe('rate limits', () => {
    it('more than 60 availability checks a minute from one IP are refused (429 RATE_LIMITED)', async () => {
      await t.platform.db.query(`delete from kv where key like 'rl:availability:%'`);
      for (let i = 0; i < 60; i++) {
        const res = await client.get(`/api/availability?field=loginName&value=free_${i}`);
        assert.equal(res.status, 200, `request ${i + 1}`);
      }
      assertError(await client.get('/api/availability?field=loginName&value=free_61'), 429, 'RATE_LIMITED');
      await t.platform.db.query(`delete from kv where key like 'rl:availability:%'`);
    });

    it('more than 120 captchas a minute from one IP are refused (429 RATE_LIMITED)', async () => {
      // 118 captchas are counted as already asked for in this minute.
      await t.platform.kv.set('rl:captcha:127.0.0.1', '118', 60_000);
      assert.equal((await client.get('/api/captcha')).status, 200);
      assert.equal((await client.get('/api/captcha')).status, 200);
      assertError(await client.get('/api/captcha'), 429, 'RATE_LIMITED');
      await t.platform.kv.delete('rl:captcha:127.0.0.1');
      assert.equal((await client.get('/api/captcha')).status, 200);
    });

    it('more than 20 registrations an hour from one IP are refused (429 RATE_LIMITED) before anything is read', async () => {
      await t.platform.kv.set('rl:register:127.0.0.1', '20', 3_600_000);
      assertError(await client.post('/api/register/natural', { ...naturalRegistration(), smsCode: '123456' }), 429, 'RATE_LIMITED');
      assertError(await client.post('/api/register/legal', {}), 429, 'RATE_LIMITED');
      await t.platform.kv.delete('rl:register:127.0.0.1');
    });
  });
});

describe('production platform (NODE_ENV=production)', () => {
  let t: TestPlatform;

  before(async () => {
    const key = () => randomBytes(32).toString('base64');
    t = await startTestPlatform(
      { production: true, sms: { kind: 'http', url: 'http://127.0.0.1:9/none', secret: 'x' } },
      {
        NODE_ENV: 'production',
        PII_ENCRYPTION_KEY: key(),
        PII_LOOKUP_KEY: key(),
        SMS_GATEWAY_URL: 'http://127.0.0.1:9/none',
        SMS_GATEWAY_SECRET: 'x',
        SMTP_URL: 'smtp://127.0.0.1:9',
        REGISTRY_URL: 'http://127.0.0.1:9/registry',
        REGISTRY_SECRET: 'x',
      },
    );
  });
  after(async () => {
    await t?.close();
  });

  it('has no development routes (404)', async () => {
    assert.equal(t.platform.config.production, true);
    const client = new ApiClient(t.baseUrl);
    const created = await client.get('/api/captcha');
    assert.equal(created.status, 200, 'the captcha itself exists');
    for (const path of ['/dev/outbox', '/dev/outbox.json', '/dev/mail', '/dev/mail.json', `/dev/captcha/${created.body.id}`]) {
      const res = await client.get(path);
      assert.equal(res.status, 404, path);
      assert.ok(!JSON.stringify(res.body).includes('answer'), path);
    }
    assert.equal((await t.platform.captcha.peek(created.body.id))?.length, 4, 'the captcha answer exists but is not served');
  });

  it('an SMS gateway failure does not block the retry with SMS_TOO_FREQUENT', async () => {
    const client = new ApiClient(t.baseUrl);
    const phone = mobile();
    const first = await client.post('/api/sms-codes', { mobile: phone, purpose: 'register' });
    assert.ok(first.status >= 500, `gateway down: ${first.status}`);
    const retry = await client.post('/api/sms-codes', { mobile: phone, purpose: 'register' });
    assert.notEqual(retry.body.code, 'SMS_TOO_FREQUENT');
  });

  it('GET /healthz answers 503 once the database is gone', async () => {
    assert.equal((await fetch(`${t.baseUrl}/healthz`)).status, 200);
    const db = t.platform.db;
    await db.close();
    // platform.close() closes it again at the end: that one must be a no-op now.
    db.close = async () => {};
    const res = await fetch(`${t.baseUrl}/healthz`);
    assert.equal(res.status, 503);
    assert.equal((await res.json()).status, 'database unreachable');
  });
});
