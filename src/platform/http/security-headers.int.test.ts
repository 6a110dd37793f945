/**
 * Security headers on every kind of answer: the portal's page, an API answer, errors, the CAS
 * and OpenID Connect pages (the provider writes its own, past Fastify's hooks); the provider's
 * form_post page keeps its inline script through the hash it adds, and the pages whose forms end
 * at a business system allow that system's origin in form-action; HSTS only with an https BASE_URL.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { authorize, oidcBusinessSystem } from '../../../test/support/oidc-rp.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { startTestPlatform } from '../../../test/support/platform.ts';
import { CONTENT_SECURITY_POLICY, withFormActions } from './security-headers.ts';

// A portal of one page, so that the page answers are tested whether or not dist/web is built.
const web = mkdtempSync(path.join(tmpdir(), 'most-web-'));
writeFileSync(path.join(web, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');

const t = testPlatformForFile({ webDistDir: web });

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

/** The headers every answer carries (the CSP may have grown, never lost, a source). */
function assertSecured(headers: Headers, what: string) {
  const csp = headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy`);
  const policy = directives(csp);
  assert.deepEqual(policy.get('default-src'), ["'self'"], what);
  assert.equal(policy.get('script-src')?.[0], "'self'", what);
  assert.ok(!policy.get('script-src')!.includes("'unsafe-inline'"), `${what}: no unsafe-inline scripts`);
  assert.ok(!policy.get('script-src')!.includes("'unsafe-eval'"), what);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], what);
  assert.deepEqual(policy.get('object-src'), ["'none'"], what);
  assert.deepEqual(policy.get('base-uri'), ["'self'"], what);
  assert.equal(policy.get('form-action')?.[0], "'self'", what);
  assert.deepEqual(policy.get('img-src'), ["'self'", 'data:'], what);
  assert.deepEqual(policy.get('media-src'), ["'self'", 'blob:'], `${what}: the audio captcha plays from a blob: URL`);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(headers.get('referrer-policy'), 'strict-origin-when-cross-origin', what);
  assert.equal(headers.get('x-frame-options'), 'DENY', what);
  assert.equal(headers.get('strict-transport-security'), null, `${what}: no HSTS over http`);
  return policy;
}

const get = (url: string, client?: ApiClient) =>
  fetch(new URL(url, t.baseUrl), { redirect: 'manual', headers: client ? { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {} });

/** Follows redirects (keeping the client's cookies) to the first page that is not one. */
async function pageAfterRedirects(client: ApiClient, url: string) {
  let current = new URL(url, t.baseUrl);
  for (let hop = 0; hop < 10; hop++) {
    const res = await get(current.href, client);
    for (const line of res.headers.getSetCookie()) client.storeCookie(line);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { res, text: await res.text() };
    current = new URL(location, current);
  }
  throw new Error('too many redirects');
}

describe('security headers', () => {
  it('the portal page (/ and client-side routes) and its files', async () => {
    for (const url of ['/', '/login', '/services']) {
      const res = await get(url);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/, url);
      assertSecured(res.headers, url);
    }
    assertSecured((await get('/index.html')).headers, '/index.html');
  });

  it('API answers and error answers (404, 403 CSRF, 400 validation, 415)', async () => {
    assertSecured((await get('/api/csrf')).headers, 'GET /api/csrf');
    assertSecured((await get('/healthz')).headers, 'GET /healthz');
    const missing = await get('/api/no-such-thing');
    assert.equal(missing.status, 404);
    assertSecured(missing.headers, '404');
    const csrf = await fetch(`${t.baseUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(csrf.status, 403);
    assertSecured(csrf.headers, '403 CSRF');
    const client = new ApiClient(t.baseUrl);
    const invalid = await client.post('/api/legacy/lookup', { nothing: true });
    assert.equal(invalid.status, 400);
    assertSecured(invalid.headers, '400');
    const unsupported = await client.request('POST', '/api/login', undefined, { 'content-type': 'application/xml' });
    assert.equal(unsupported.status, 415);
    assertSecured(unsupported.headers, '415');
  });

  it('the CAS pages', async () => {
    const loggedOut = await get('/cas/logout');
    assert.equal(loggedOut.status, 200);
    assert.match(await loggedOut.text(), /您已安全退出/);
    assertSecured(loggedOut.headers, '/cas/logout');
    const unregistered = await get(`/cas/login?service=${encodeURIComponent('https://unknown.example.cn/app/')}`);
    assert.match(await unregistered.text(), /未注册的业务系统/);
    assertSecured(unregistered.headers, '/cas/login, unregistered service');
  });

  it("the OpenID Connect provider's own pages and JSON (past Fastify's hooks), and the platform's interaction page", async () => {
    const error = await get('/oidc/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fx.example.cn%2Fcb');
    assert.equal(error.status, 400);
    assert.match(await error.text(), /登录请求无效/);
    assertSecured(error.headers, 'oidc-provider error page');
    assertSecured((await get('/.well-known/openid-configuration')).headers, 'discovery');
    assertSecured((await get('/oidc/jwks')).headers, 'jwks');
    const gone = await get('/sso/interaction/gone');
    assert.equal(gone.status, 400);
    assertSecured(gone.headers, 'interaction gone');
  });

  it('form_post: the inline auto-submit script runs by its hash, and the form may post to the business system', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('csp') });
    const query = new URLSearchParams({
      client_id: rp.system.oidc!.clientId,
      response_type: 'code',
      response_mode: 'form_post',
      scope: 'openid',
      redirect_uri: rp.redirectUri,
      state: 'csp-state',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const { res, text } = await pageAfterRedirects(me.client, `/oidc/auth?${query}`);
    assert.equal(res.status, 200, text);
    assert.match(text, new RegExp(`<form method="post" action="${rp.redirectUri}"`));
    const policy = assertSecured(res.headers, 'form_post page');
    const script = text.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    assert.ok(policy.get('script-src')!.includes(`'sha256-${createHash('sha256').update(script).digest('base64')}'`), 'the inline script is allowed by its hash only');
    assert.deepEqual(policy.get('form-action'), ["'self'", new URL(rp.redirectUri).origin]);
  });

  it("the logout confirmation's form may end at the system's post-logout redirect URI (with and without a provider session)", async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('csp') });
    const query = new URLSearchParams({ client_id: rp.system.oidc!.clientId, post_logout_redirect_uri: rp.postLogout });
    const origins = ["'self'", new URL(rp.postLogout).origin];

    // No provider session yet: the provider's own auto-submitting form (inline script by its hash).
    const bare = await pageAfterRedirects(me.client, `/oidc/session/end?${query}`);
    assert.equal(bare.res.status, 200);
    assert.match(bare.text, /document\.forms\[0\]\.submit/);
    assert.deepEqual(assertSecured(bare.res.headers, 'logout, auto-submit').get('form-action'), origins);

    // Signed in to the system: the platform's confirmation page (sso/oidc/pages.ts).
    await authorize(rp, me.client);
    const { res, text } = await pageAfterRedirects(me.client, `/oidc/session/end?${query}`);
    assert.equal(res.status, 200);
    assert.match(text, /退出统一身份认证平台/);
    assert.deepEqual(assertSecured(res.headers, 'logout page').get('form-action'), origins);
  });

  it('withFormActions adds origins to form-action once, and leaves a policy without it alone', () => {
    const widened = withFormActions(CONTENT_SECURITY_POLICY, ['https://a.example.cn', 'https://a.example.cn']);
    assert.deepEqual(directives(widened).get('form-action'), ["'self'", 'https://a.example.cn']);
    assert.equal(withFormActions("default-src 'self'", ['https://a.example.cn']), "default-src 'self'");
  });
});

describe('HSTS', () => {
  let https: Awaited<ReturnType<typeof startTestPlatform>>;
  before(async () => {
    https = await startTestPlatform({ baseUrl: 'https://id.example.cn' });
  });
  after(async () => {
    await https?.close();
  });

  it('Strict-Transport-Security on every answer when BASE_URL is https, never over http', async () => {
    for (const url of ['/api/csrf', '/api/no-such-thing', '/cas/logout', '/.well-known/openid-configuration']) {
      const res = await fetch(https.baseUrl + url);
      assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000', url);
    }
    assert.equal((await get('/api/csrf')).headers.get('strict-transport-security'), null);
  });
});
