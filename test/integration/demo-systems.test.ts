/**
 * The two demo business systems of examples/ against a test platform: a browser (fetch with
 * manual redirects and one cookie jar, as a browser shares cookies between ports of a host)
 * signs in through each, and one logout from the platform ends both demo sessions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { startCasDemo } from '../../examples/cas-demo/server.ts';
import type { DemoServer } from '../../examples/common/http.ts';
import { BACKCHANNEL_LOGOUT_EVENT } from '../../examples/oidc-demo/logout-token.ts';
import { startOidcDemo } from '../../examples/oidc-demo/server.ts';
import { systemsStore, type NewBusinessSystem } from '../../src/sso/systems-store.ts';
import { registerAndLogIn } from '../support/accounts.ts';
import { followRedirects } from '../support/browse.ts';
import { ApiClient } from '../support/client.ts';
import { uniqueLoginName } from '../support/fixtures.ts';
import { testPlatformForFile } from '../support/platform-for-file.ts';

const t = testPlatformForFile();

// People the development registry knows, so their accounts are verified (国家平台实名认证通过).
const WANG_WU = { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };
const CHEN_JING = { name: '陈静', documentNumber: '310104198508124021', validFrom: '2015-09-01', validTo: '2035-09-01', longTerm: false };
const CLIENT = { clientId: 'hgr-demo-test', clientSecret: 'hgr-demo-test-secret-0123456789abcdef' };

let oidcDemo: DemoServer;
let casDemo: DemoServer;

const browse = (browser: ApiClient, url: string, init: RequestInit = {}) => followRedirects(browser, url, { init });

const signedIn = (page: { text: string }, name: string) => {
  assert.match(page.text, new RegExp(`欢迎，${name}`), page.text.slice(0, 2000));
  assert.match(page.text, /国家平台实名认证通过/);
  assert.match(page.text, /registry_verified/);
  assert.match(page.text, /退出/);
};
const signedOut = (page: { status: number; text: string }) => {
  assert.equal(page.status, 200);
  assert.match(page.text, /您尚未登录本系统/);
};

/** Retries an assertion for up to two seconds. */
async function eventually(check: () => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('demo business systems', () => {
  // In the suite, not at the top: node:test runs a file's top-level before hooks concurrently,
  // and these need the platform of testPlatformForFile.
  before(async () => {
    oidcDemo = await startOidcDemo({ platformUrl: t.baseUrl, ...CLIENT, port: 0, host: '127.0.0.1' });
    casDemo = await startCasDemo({ platformUrl: t.baseUrl, port: 0, host: '127.0.0.1' });
    // What an operator enters in the back office for each (examples/README.md).
    const systems = systemsStore(t.platform.db, t.platform.cipher);
    const common = { department: '测试司', audience: 'both', requiresVerification: true, requirements: [], requiresApproval: false, roles: [], mobileAllowed: false, enabled: true } satisfies Partial<NewBusinessSystem>;
    await systems.create({
      ...common,
      key: 'hgr-demo-test',
      name: '人类遗传资源管理',
      oidc: {
        ...CLIENT,
        redirectUris: [`${oidcDemo.url}/callback`],
        postLogoutRedirectUris: [`${oidcDemo.url}/`],
        backchannelLogoutUri: `${oidcDemo.url}/backchannel-logout`,
      },
      casServicePrefix: null,
    });
    await systems.create({ ...common, key: 'tech-contract-test', name: '全国技术合同管理与服务系统', oidc: null, casServicePrefix: `${casDemo.url}/` });
  });
  after(async () => {
    await oidcDemo?.close();
    await casDemo?.close();
  });

  let browser: ApiClient;
  let accountId: string;

  it('OIDC demo: /login → platform → /callback shows the claims received', async () => {
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('demo'), ...WANG_WU });
    browser = me.client;
    accountId = me.accountId;
    const page = await browse(browser, `${oidcDemo.url}/login`);
    assert.equal(page.url.href, `${oidcDemo.url}/`);
    signedIn(page, '王五');
    assert.match(page.text, /人类遗传资源管理（演示系统）/);
    assert.match(page.text, new RegExp(me.body.loginName));
    assert.match(page.text, /自然人/);
    assert.match(page.text, /居民身份证/);
    assert.doesNotMatch(page.text, /110108199206203018/, 'the document number only masked');
  });

  it('CAS demo: /login → platform → ticket validated shows the attributes received', async () => {
    const page = await browse(browser, `${casDemo.url}/login`);
    assert.equal(page.url.href, `${casDemo.url}/`);
    signedIn(page, '王五');
    assert.match(page.text, /全国技术合同管理与服务系统（演示系统）/);
    assert.match(page.text, /国家平台核验/);
    // The camelCase attributes reach the demo: the account id (accountId) and the type (accountType).
    assert.ok(page.text.includes(`<code>${accountId}</code>`), 'the account id received');
    assert.match(page.text, /自然人/);
  });

  it('退出登录 at the platform ends both demo sessions (back-channel logout, CAS logout request)', async () => {
    assert.equal((await browser.post('/api/logout')).status, 200);
    signedOut(await browse(browser, `${oidcDemo.url}/`));
    signedOut(await browse(browser, `${casDemo.url}/`));
  });

  it('退出 in the OIDC demo: RP-initiated logout back to the demo, and the CAS demo session ends too', async () => {
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('demo'), ...CHEN_JING });
    signedIn(await browse(me.client, `${oidcDemo.url}/login`), '陈静');
    signedIn(await browse(me.client, `${casDemo.url}/login`), '陈静');

    // The platform asks to confirm leaving it (退出统一身份认证平台).
    const confirm = await browse(me.client, oidcDemo.url + '/logout', { method: 'POST' });
    assert.ok(confirm.url.href.startsWith(`${t.baseUrl}/oidc/session/end`), confirm.url.href);
    assert.match(confirm.text, /退出统一身份认证平台/);
    const action = confirm.text.match(/action="([^"]+)"/)![1]!;
    const xsrf = confirm.text.match(/name="xsrf" value="([^"]+)"/)![1]!;
    const back = await browse(me.client, new URL(action, confirm.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    assert.equal(back.url.origin, oidcDemo.url);
    signedOut(back);
    // The platform ends its session and tells the CAS services just after answering the logout.
    await eventually(async () => signedOut(await browse(me.client, `${casDemo.url}/`)));
    assert.equal((await me.client.get('/api/me')).status, 401, 'the platform session ended');
  });

  it('退出 in the CAS demo: to the platform /cas/logout and back to the demo', async () => {
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('demo') });
    await browse(me.client, `${casDemo.url}/login`);
    const back = await browse(me.client, `${casDemo.url}/logout`, { method: 'POST' });
    assert.equal(back.url.href, `${casDemo.url}/`);
    signedOut(back);
    assert.equal((await me.client.get('/api/me')).status, 401, 'the platform session ended');
  });

  it('the back-channel endpoint refuses a logout token not signed by the platform, or without the event', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, sub: 'someone', jti: 'forged-1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-the-platform' })
      .setIssuer(t.baseUrl)
      .setAudience(CLIENT.clientId)
      .setIssuedAt()
      .sign(privateKey);
    for (const token of [forged, 'not.a.token', '']) {
      const response = await fetch(`${oidcDemo.url}/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }).toString(),
      });
      assert.equal(response.status, 400, token);
      assert.equal(((await response.json()) as { error: string }).error, 'invalid_request');
    }
  });

  it('the CAS callback refuses an unknown ticket with the platform\'s failure code', async () => {
    const page = await browse(new ApiClient(t.baseUrl), `${casDemo.url}/callback?ticket=ST-00000000000000000000000000000`);
    assert.equal(page.status, 400);
    assert.match(page.text, /INVALID_TICKET/);
  });
});

