/**
 * The OpenID Connect provider seen by a business system: openid-client is the relying party,
 * the browser is fetch with manual redirects carrying the cookies of a platform login.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { registerAndLogIn, type Body } from '../../../test/support/accounts.ts';
import { eventually } from '../../../test/support/assertions.ts';
import { followRedirects } from '../../../test/support/browse.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { oidcBusinessSystem } from '../../../test/support/oidc-rp.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { recordStatements } from '../../../test/support/statements.ts';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../../demo/business-systems.ts';
import { authorizationService } from '../../grants/service.ts';
import { approveHolding } from '../entry/service.ts';
import { systemsStore, type BusinessSystem } from '../systems-store.ts';
import { endSsoSessionsFor, rotateSigningKey, systemsChanged } from './provider.ts';

const t = testPlatformForFile();

// A person the development registry knows, so the account is verified (国家平台实名认证通过).
const WANG_WU = { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };
const SCOPE = 'openid profile verification phone organization';

/** Logout tokens the business systems received on their back-channel URI. */
const logoutTokens: Record<string, unknown>[] = [];
let backchannel: Server;
let backchannelUrl: string;

before(async () => {
  backchannel = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const token = new URLSearchParams(body).get('logout_token') ?? '';
      logoutTokens.push(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => backchannel.listen(0, '127.0.0.1', resolve));
  const address = backchannel.address();
  backchannelUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/backchannel-logout`;
});
after(() => backchannel.close());

// Many registrations from one address: the per-IP registration limit is not what this file tests.
beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

/** A business system with an OIDC client registered by the test, its back-channel logout URI this file's listener. */
const system = (overrides: Partial<BusinessSystem> = {}) => oidcBusinessSystem(t, overrides, { backchannelLogoutUri: backchannelUrl });

type Rp = Awaited<ReturnType<typeof system>>;

const browse = (browser: ApiClient, url: string, stopAt: string, init: RequestInit = {}) => followRedirects(browser, url, { stopAt, init });

/** The authorization request of a business system, with PKCE S256 (unless left out). */
async function authorizationRequest(rp: Rp, extra: Record<string, string> = {}, pkce = true) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const params: Record<string, string> = { redirect_uri: rp.redirectUri, scope: SCOPE, state, ...extra };
  if (pkce) Object.assign(params, { code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
  return { url: oidc.buildAuthorizationUrl(rp.config, params).href, verifier, state };
}

/** A complete sign-in of a logged-in browser into the business system: the token response. */
async function signIn(rp: Rp, browser: ApiClient, extra: Record<string, string> = {}) {
  const request = await authorizationRequest(rp, extra);
  const landed = await browse(browser, request.url, rp.redirectUri);
  assert.ok(landed.url.href.startsWith(rp.redirectUri), `expected a redirect to the system, got ${landed.status} ${landed.url} ${landed.text.slice(0, 300)}`);
  return oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state });
}

const natural = (overrides: Body = {}) => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('sso'), ...overrides });

describe('discovery and keys', () => {
  it('publishes the provider metadata with the platform as issuer and endpoints under /oidc', async () => {
    const response = await fetch(`${t.baseUrl}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const metadata = (await response.json()) as Record<string, any>;
    assert.equal(metadata.issuer, t.baseUrl);
    assert.equal(metadata.authorization_endpoint, `${t.baseUrl}/oidc/auth`);
    assert.equal(metadata.token_endpoint, `${t.baseUrl}/oidc/token`);
    assert.equal(metadata.userinfo_endpoint, `${t.baseUrl}/oidc/me`);
    assert.equal(metadata.jwks_uri, `${t.baseUrl}/oidc/jwks`);
    assert.equal(metadata.end_session_endpoint, `${t.baseUrl}/oidc/session/end`);
    assert.ok(metadata.introspection_endpoint && metadata.revocation_endpoint);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(metadata.response_types_supported, ['code']);
    assert.equal(metadata.backchannel_logout_supported, true);
    for (const scope of ['openid', 'profile', 'verification', 'phone', 'organization']) assert.ok(metadata.scopes_supported.includes(scope), scope);
    assert.ok(metadata.claims_supported.includes('verification_status'));
  });

  it('JWKS holds public RS256 and ES256 keys; a rotation publishes a new key beside the old one', async () => {
    const jwks = async () => ((await (await fetch(`${t.baseUrl}/oidc/jwks`)).json()) as { keys: Record<string, string>[] }).keys;
    const before = await jwks();
    assert.deepEqual(before.map((k) => k.alg).sort(), ['ES256', 'RS256']);
    for (const key of before) assert.equal(key.d, undefined, 'no private part');

    const rp = await system();
    const browser = (await natural()).client;
    const kids = await rotateSigningKey(t.platform);
    assert.equal(kids.length, 3, 'RS256, ES256 and SM2SM3');
    // The SM2 key is published only while a system has its ID tokens signed with it (sm2-id-tokens.int.test.ts).
    const rotated = await jwks();
    assert.equal(rotated.length, 4);
    assert.deepEqual(rotated.slice(0, 2).map((k) => k.kid).sort(), kids.slice(0, 2).sort());
    const tokens = await signIn(rp, browser);
    const header = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()) as { kid: string };
    assert.ok(kids.includes(header.kid), 'new tokens are signed with the new key');
  });
});

describe('authorization code with PKCE', () => {
  it('a verified person: id_token and userinfo carry the claims; no mobile for a system not allowed it', async () => {
    const rp = await system();
    const me = await natural(WANG_WU);
    const tokens = await signIn(rp, me.client);
    const claims = tokens.claims()!;
    assert.equal(claims.sub, me.accountId);
    assert.equal(claims.iss, t.baseUrl);
    assert.equal(claims.aud, rp.system.oidc!.clientId);
    assert.equal(claims.name, '王五');
    assert.equal(claims.login_name, me.body.loginName);
    assert.equal(claims.account_type, 'natural');
    assert.equal(claims.verified, true);
    assert.equal(claims.verification_status, 'registry_verified');
    assert.equal(claims.verification_method, 'registry');
    assert.equal(claims.document_type, 'resident_id');
    assert.equal(typeof claims.document_number_masked, 'string');
    assert.notEqual(claims.document_number_masked, WANG_WU.documentNumber);
    assert.equal(claims.mobile, undefined);
    assert.ok(tokens.refresh_token, 'a refresh token for a client with the refresh_token grant');
    assert.equal(tokens.expires_in, 600);

    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, me.accountId);
    assert.equal(info.name, '王五');
    assert.equal(info.verification_status, 'registry_verified');
    assert.equal(info.mobile, undefined);
  });

  it('mobile only for a system allowed it', async () => {
    const rp = await system({ mobileAllowed: true });
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    assert.equal(tokens.claims()!.mobile, me.body.mobile);
    assert.equal((await oidc.fetchUserInfo(rp.config, tokens.access_token, me.accountId)).mobile, me.body.mobile);
  });

  it('scopes limit the claims: openid alone gives only the subject', async () => {
    const rp = await system({ mobileAllowed: true });
    const me = await natural();
    const tokens = await signIn(rp, me.client, { scope: 'openid' });
    const claims = tokens.claims()!;
    assert.equal(claims.sub, me.accountId);
    assert.equal(claims.name, undefined);
    assert.equal(claims.mobile, undefined);
  });

  it('a legal account gets its organisation', async () => {
    const rp = await system();
    const org = await registerAndLogIn(t.baseUrl, 'legal');
    const tokens = await signIn(rp, org.client);
    const claims = tokens.claims()!;
    assert.equal(claims.account_type, 'legal');
    assert.equal(claims.name, org.body.organization.name);
    const organization = claims.organization as Record<string, string>;
    assert.equal(organization.name, org.body.organization.name);
    assert.equal(organization.credit_code, org.body.organization.code);
    assert.equal(organization.type, 'enterprise');
    assert.equal(claims.acts_for, null);
  });

  it('a second system signs in without another login (single sign-on)', async () => {
    const first = await system();
    const second = await system();
    const me = await natural();
    await signIn(first, me.client);
    const tokens = await signIn(second, me.client);
    assert.equal(tokens.claims()!.sub, me.accountId);
  });
});

describe('interactions: the platform login', () => {
  it('not logged in: sent to /login?return=<interaction>; after logging in the sign-in completes', async () => {
    const rp = await system();
    const me = await natural();
    const browser = new ApiClient(t.baseUrl);
    const request = await authorizationRequest(rp);
    const stopped = await browse(browser, request.url, `${t.baseUrl}/login`);
    assert.equal(stopped.url.pathname, '/login');
    const back = stopped.url.searchParams.get('return')!;
    assert.match(back, /^\/sso\/interaction\/[\w-]+$/);
    assert.equal(stopped.url.searchParams.get('force'), null);

    assert.equal((await browser.login('natural', me.body.loginName, me.body.password)).status, 200);
    const landed = await browse(browser, back, rp.redirectUri);
    const tokens = await oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    assert.equal(tokens.claims()!.sub, me.accountId);
  });

  it('prompt=login asks for a new login even with a session, then completes', async () => {
    const rp = await system();
    const me = await natural();
    const request = await authorizationRequest(rp, { prompt: 'login' });
    const stopped = await browse(me.client, request.url, `${t.baseUrl}/login`);
    assert.equal(stopped.url.searchParams.get('force'), '1');
    const back = stopped.url.searchParams.get('return')!;
    // What the login page does with force=1: log out, then log in again.
    await me.client.post('/api/logout');
    assert.equal((await me.client.login('natural', me.body.loginName, me.body.password)).status, 200);
    const landed = await browse(me.client, back, rp.redirectUri);
    const tokens = await oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    assert.equal(tokens.claims()!.sub, me.accountId);
  });

  it('after a platform logout the next sign-in asks for login again; prompt=none answers login_required', async () => {
    const rp = await system();
    const me = await natural();
    await signIn(rp, me.client);
    await me.client.post('/api/logout');
    const request = await authorizationRequest(rp);
    const stopped = await browse(me.client, request.url, `${t.baseUrl}/login`);
    assert.equal(stopped.url.pathname, '/login');
    const silent = await authorizationRequest(rp, { prompt: 'none' });
    const answered = await browse(me.client, silent.url, rp.redirectUri);
    assert.equal(answered.url.searchParams.get('error'), 'login_required');
  });
});

describe('tokens', () => {
  it('refresh: new tokens, and the old refresh token is refused once rotated', async () => {
    const rp = await system();
    const me = await natural();
    const first = await signIn(rp, me.client);
    const second = await oidc.refreshTokenGrant(rp.config, first.refresh_token!);
    assert.ok(second.access_token && second.refresh_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal((await oidc.fetchUserInfo(rp.config, second.access_token, me.accountId)).sub, me.accountId);
    await assert.rejects(oidc.refreshTokenGrant(rp.config, first.refresh_token!), (error: any) => error.error === 'invalid_grant');
  });

  it("a refresh reads the account's claims beside its refresh token, as they are at that moment", async () => {
    const rp = await system();
    const me = await natural();
    const first = await signIn(rp, me.client);
    await t.db.query(`update identities set name = '张改名' where account_id = $1 and role = 'natural_person'`, [me.accountId]);
    const claimsReadsDuring = async <T>(work: () => Promise<T>): Promise<[T, string[]]> => {
      const [result, statements] = await recordStatements(t.db, work);
      return [result, statements.map((s) => s.sql).filter((sql) => /from accounts a\b/.test(sql))];
    };
    const [second, claimsReads] = await claimsReadsDuring(() => oidc.refreshTokenGrant(rp.config, first.refresh_token!));
    assert.equal(second.claims()?.name, '张改名', 'the new ID token has the name changed just before');
    assert.equal(claimsReads.length, 1, 'the claims are read once');
    assert.match(claimsReads[0]!, /where t\.model = \$1 and t\.id = \$2/, 'by the refresh token, beside it, not after it by the account');
    // Elsewhere a refresh token is read without its claims (introspection looks for every kind of token).
    const [, introspecting] = await claimsReadsDuring(() => oidc.tokenIntrospection(rp.config, second.refresh_token!));
    assert.ok(!introspecting.some((sql) => /where t\.model = \$1 and t\.id = \$2/.test(sql)), 'no claims read beside a token at introspection');
  });

  it('introspection and revocation for the client that holds the token', async () => {
    const rp = await system();
    const other = await system();
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    const active = await oidc.tokenIntrospection(rp.config, tokens.access_token);
    assert.equal(active.active, true);
    assert.equal(active.sub, me.accountId);
    assert.equal(active.client_id, rp.system.oidc!.clientId);
    assert.equal((await oidc.tokenIntrospection(other.config, tokens.access_token)).active, false, 'another system learns nothing');

    await oidc.tokenRevocation(rp.config, tokens.access_token);
    assert.equal((await oidc.tokenIntrospection(rp.config, tokens.access_token)).active, false);
    await assert.rejects(oidc.fetchUserInfo(rp.config, tokens.access_token, me.accountId));
  });

  it("a disabled account's token is refused at userinfo and refresh", async () => {
    const rp = await system();
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    await t.db.query('update accounts set disabled = true where id = $1', [me.accountId]);
    await assert.rejects(oidc.fetchUserInfo(rp.config, tokens.access_token, me.accountId));
    await assert.rejects(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!), (error: any) => error.error === 'invalid_grant');
  });
});

describe('failures', () => {
  it('an unknown client gets an error page, never a redirect', async () => {
    const rp = await system();
    const me = await natural();
    const url = new URL(rp.config.serverMetadata().authorization_endpoint!);
    url.search = new URLSearchParams({ client_id: 'no-such-client', redirect_uri: rp.redirectUri, response_type: 'code', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }).toString();
    const answer = await browse(me.client, url.href, rp.redirectUri);
    assert.equal(answer.status, 400);
    assert.match(answer.text, /invalid_client/);
  });

  it('a redirect URI not registered gets an error page', async () => {
    const rp = await system();
    const me = await natural();
    const request = await authorizationRequest(rp, { redirect_uri: 'http://localhost:4999/evil' });
    const answer = await browse(me.client, request.url, 'http://localhost:4999');
    assert.equal(answer.status, 400);
    assert.match(answer.text, /redirect_uri/);
  });

  it('without PKCE the request is refused', async () => {
    const rp = await system();
    const me = await natural();
    const request = await authorizationRequest(rp, {}, false);
    const answer = await browse(me.client, request.url, rp.redirectUri);
    assert.equal(answer.url.searchParams.get('error'), 'invalid_request');
    assert.match(answer.url.searchParams.get('error_description') ?? '', /PKCE/);
  });

  it('a replayed code is refused and revokes what it gave', async () => {
    const rp = await system();
    const me = await natural();
    const request = await authorizationRequest(rp);
    const landed = await browse(me.client, request.url, rp.redirectUri);
    const tokens = await oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    await assert.rejects(
      oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state }),
      (error: any) => error.error === 'invalid_grant',
    );
    assert.equal((await oidc.tokenIntrospection(rp.config, tokens.access_token)).active, false);
  });
});

describe('logout', () => {
  it('RP-initiated logout to a registered post_logout_redirect_uri: back-channel logout, platform session ended', async () => {
    const rp = await system();
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    const sid = tokens.claims()!.sid;
    logoutTokens.length = 0;

    const endSession = oidc.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: rp.postLogout, state: 'bye' });
    const confirm = await browse(me.client, endSession.href, rp.postLogout);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /退出统一身份认证平台/);
    const action = confirm.text.match(/action="([^"]+)"/)![1]!;
    const xsrf = confirm.text.match(/name="xsrf" value="([^"]+)"/)![1]!;
    const done = await browse(me.client, action, rp.postLogout, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    assert.equal(done.url.href, `${rp.postLogout}?state=bye`);

    const received = logoutTokens.find((token) => token.sid === sid);
    assert.ok(received, 'the system received a logout token for its session');
    assert.equal(received.sub, me.accountId);
    assert.ok((received.events as Record<string, unknown>)['http://schemas.openid.net/event/backchannel-logout']);
    // The provider reports the logout as an event after answering: the platform session ends just after.
    let status = 0;
    for (let tries = 0; tries < 40 && status !== 401; tries++) {
      status = (await me.client.get('/api/me')).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(status, 401, 'the platform session ended too');
    await assert.rejects(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!));
  });

  it('a post_logout_redirect_uri not registered is refused', async () => {
    const rp = await system();
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    const endSession = oidc.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://localhost:4999/' });
    const answer = await browse(me.client, endSession.href, 'http://localhost:4999');
    assert.equal(answer.status, 400);
    assert.match(answer.text, /post_logout_redirect_uri/);
  });

  it('endSsoSessionsFor ends every SSO session of the account with back-channel logout', async () => {
    const first = await system();
    const second = await system();
    const me = await natural();
    const a = await signIn(first, me.client);
    const b = await signIn(second, me.client);
    logoutTokens.length = 0;
    assert.equal(await endSsoSessionsFor(t.platform, me.accountId), 1);
    const sids = logoutTokens.map((token) => token.sid);
    assert.ok(sids.includes(a.claims()!.sid) && sids.includes(b.claims()!.sid), 'both systems were told');
    await assert.rejects(oidc.refreshTokenGrant(first.config, a.refresh_token!));
    assert.equal((await oidc.tokenIntrospection(second.config, b.access_token)).active, false);
  });
});

describe('single logout from the platform', () => {
  it('退出登录 (POST /api/logout) tells every system the account signed in to, and its tokens stop working', async () => {
    const rp = await system();
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    logoutTokens.length = 0;
    assert.equal((await me.client.post('/api/logout')).status, 200);
    assert.ok(logoutTokens.some((token) => token.sid === tokens.claims()!.sid), 'the system received a back-channel logout token');
    await assert.rejects(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!));
  });
});

describe('demo business systems', () => {
  it('are seeded once, and hgr-demo is a client of the provider', async () => {
    await seedBusinessSystems(t.platform);
    await seedBusinessSystems(t.platform);
    const systems = await systemsStore(t.platform.db, t.platform.cipher).list();
    for (const name of ['人类遗传资源管理', '外国人来华工作许可', '科技型中小企业评价', '高新技术企业认定', '火炬中心业务办理平台', '全国技术合同管理与服务系统']) {
      assert.equal(systems.filter((s) => s.name === name).length, 1, name);
    }
    const torch = systems.find((s) => s.key === 'high-tech-enterprise')!;
    assert.deepEqual(torch.requirements, ['organization_basic_complete', 'organization_other_complete', 'primary_agent_verified']);

    const config = await oidc.discovery(new URL(t.baseUrl), DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret, undefined, { execute: [oidc.allowInsecureRequests] });
    const rp = { system: systems.find((s) => s.key === 'hgr')!, config, redirectUri: `${DEMO_OIDC_CLIENT.baseUrl}/callback`, postLogout: `${DEMO_OIDC_CLIENT.baseUrl}/` };
    // 人类遗传资源管理 requires verification (the entry checks): a person the development registry knows,
    // and natural persons enter it for an organisation that authorised them there (授权).
    const me = await natural({ name: '刘晓雯', documentNumber: '510107199502034624', validFrom: '2017-07-20', validTo: '2027-07-20', longTerm: false });
    const org = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('hgrorg') });
    await approveHolding(t.platform, org.accountId, rp.system.id);
    const authorizations = authorizationService(t.platform);
    const granted = await authorizations.grant(org.accountId, me.accountId, { systems: [{ key: 'hgr', roles: ['item_handler'] }], maintainInfo: false, validFrom: null, validTo: null });
    const tokens = await signIn(rp, me.client);
    assert.equal(tokens.claims()!.mobile, me.body.mobile, 'the demo system may have the mobile');
    const actsFor = { organization_name: org.body.organization.name, credit_code: org.body.organization.code, roles: [{ code: 'item_handler', name: '事项办理员' }] };
    assert.deepEqual(tokens.claims()!.acts_for, actsFor);

    // userinfo reads them through this node's caches (change-feed.ts), and follows a change of the authorisation at once.
    await eventually(() => t.platform.changes.live, 'the feed listening');
    const userinfo = () => fetch(`${t.baseUrl}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.deepEqual((await (await userinfo()).json()).acts_for, actsFor);
    assert.deepEqual((await (await userinfo()).json()).acts_for, actsFor);
    assert.ok(t.platform.changes.cache('claims').size >= 1 && t.platform.changes.cache('grant').size >= 1);
    await authorizations.change(org.accountId, granted.id, { systems: [{ key: 'hgr', roles: ['item_admin'] }], maintainInfo: false, validFrom: null, validTo: null });
    await eventually(async () => (await (await userinfo()).json()).acts_for?.roles?.[0]?.code === 'item_admin', 'the new role in userinfo');
    await t.platform.db.query('update accounts set disabled = true where id = $1', [org.accountId]);
    await eventually(async () => (await userinfo()).status === 401, 'refused once the organisation is disabled');
    await t.platform.db.query('update accounts set disabled = false where id = $1', [org.accountId]);
    await eventually(async () => (await userinfo()).status === 200, 'answered again');
    await authorizations.revoke(org.accountId, granted.id);
    await eventually(async () => (await userinfo()).status === 401, 'refused once the authorisation is revoked');
  });
});

describe('client authentication: client_secret_basic and client_secret_post', () => {
  /** The system's client configured for one method, recording how each of its requests carried the secret. */
  async function clientWith(rp: Rp, method: 'basic' | 'post', secret = rp.system.oidc!.clientSecret) {
    const auth = method === 'basic' ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret);
    const config = await oidc.discovery(new URL(t.baseUrl), rp.system.oidc!.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
    const sent: { header: boolean; body: boolean }[] = [];
    config[oidc.customFetch] = (url, options) => {
      const headers = new Headers(options.headers);
      sent.push({ header: headers.get('authorization')?.startsWith('Basic ') ?? false, body: new URLSearchParams(String(options.body ?? '')).has('client_secret') });
      return fetch(url, options as RequestInit);
    };
    return { rp: { ...rp, config }, sent };
  }

  it("discovery advertises both, and one system's client signs in, refreshes, introspects and revokes with either", async () => {
    const rp = await system();
    assert.deepEqual(rp.config.serverMetadata().token_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post']);
    const me = await natural();
    for (const method of ['basic', 'post'] as const) {
      const { rp: client, sent } = await clientWith(rp, method);
      const tokens = await signIn(client, me.client);
      const refreshed = await oidc.refreshTokenGrant(client.config, tokens.refresh_token!);
      assert.equal((await oidc.tokenIntrospection(client.config, refreshed.access_token)).active, true, method);
      await oidc.tokenRevocation(client.config, refreshed.access_token);
      assert.equal((await oidc.tokenIntrospection(client.config, refreshed.access_token)).active, false, method);
      // Every request carried the secret the chosen way only: in the Authorization header, or in the body.
      assert.ok(sent.length >= 5, method);
      for (const request of sent) assert.deepEqual(request, method === 'basic' ? { header: true, body: false } : { header: false, body: true }, method);
    }
  });

  it('a wrong secret is refused either way (invalid_client), and a secret sent both ways at once is a bad request', async () => {
    const rp = await system();
    const me = await natural();
    const request = await authorizationRequest(rp);
    const landed = await browse(me.client, request.url, rp.redirectUri);
    const code = landed.url.searchParams.get('code')!;
    for (const method of ['basic', 'post'] as const) {
      const { rp: wrong } = await clientWith(rp, method, 'not-the-secret-0123456789abcdef0123456789');
      await assert.rejects(
        oidc.authorizationCodeGrant(wrong.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state }),
        // With Basic, the refusal comes as a WWW-Authenticate challenge (RFC 6749 §5.2).
        (error: any) => (error.error ?? error.cause?.[0]?.parameters?.error) === 'invalid_client',
        method,
      );
    }
    const client = rp.system.oidc!;
    const both = await fetch(rp.config.serverMetadata().token_endpoint!, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: rp.redirectUri, code_verifier: request.verifier, client_id: client.clientId, client_secret: client.clientSecret }),
    });
    assert.equal(both.status, 400);
    assert.equal(((await both.json()) as { error: string }).error, 'invalid_request');
    // None of these used the code up: with one method, it still gives tokens.
    const tokens = await oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    assert.ok(tokens.access_token);
  });
});

describe('single use under concurrency, and changes to a system', () => {
  it('a code presented twice at the same moment gives tokens at most once, and then none of them hold', async () => {
    const rp = await system();
    const me = await natural();
    const request = await authorizationRequest(rp);
    const landed = await browse(me.client, request.url, rp.redirectUri);
    const exchange = () => oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    const results = await Promise.allSettled([exchange(), exchange(), exchange()]);
    const granted = results.filter((r) => r.status === 'fulfilled');
    assert.equal(granted.length, 1, 'one exchange succeeds');
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { error?: string }).error, 'invalid_grant');
    const tokens = (granted[0] as PromiseFulfilledResult<oidc.TokenEndpointResponse>).value;
    // A code used twice is a stolen code: what it gave is revoked (oidc-provider's rule for replays).
    assert.equal((await oidc.tokenIntrospection(rp.config, tokens.access_token)).active, false);
    await assert.rejects(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!), (error: any) => error.error === 'invalid_grant');
  });

  it('a refresh token presented twice at the same moment is rotated at most once', async () => {
    const rp = await system();
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    const results = await Promise.allSettled([1, 2, 3].map(() => oidc.refreshTokenGrant(rp.config, tokens.refresh_token!)));
    assert.ok(results.filter((r) => r.status === 'fulfilled').length <= 1, 'at most one refresh succeeds');
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { error?: string }).error, 'invalid_grant');
  });

  it('a system disabled in the back office (systemsChanged) signs in no more and its tokens no longer refresh; enabled again, it does', async () => {
    const rp = await system();
    const me = await natural();
    const tokens = await signIn(rp, me.client);
    await t.db.query('update business_systems set enabled = false where id = $1', [rp.system.id]);
    systemsChanged(t.platform);
    const request = await authorizationRequest(rp);
    const answer = await browse(me.client, request.url, rp.redirectUri);
    assert.equal(answer.status, 400);
    assert.match(answer.text, /invalid_client/);
    await assert.rejects(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!), (error: any) => error.error === 'invalid_client');

    await t.db.query('update business_systems set enabled = true where id = $1', [rp.system.id]);
    systemsChanged(t.platform);
    assert.ok((await signIn(rp, me.client)).access_token);
  });

  it("a disabled account gets no code, though its browser still holds a provider session", async () => {
    const rp = await system();
    const other = await system();
    const me = await natural();
    await signIn(rp, me.client);
    await t.db.query('update accounts set disabled = true where id = $1', [me.accountId]);
    const request = await authorizationRequest(other);
    const answer = await browse(me.client, request.url, other.redirectUri);
    assert.ok(!answer.url.href.startsWith(other.redirectUri) || !answer.url.searchParams.has('code'), `no code: ${answer.url}`);
  });
});
