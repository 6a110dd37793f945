/**
 * Single logout per platform session (issue 15 item 2): the same account logged in in two
 * browsers (two cookie jars), each signed in to OIDC systems with back-channel logout and to
 * a CAS service. Logging out in one tells only the systems signed in from that session, with
 * its sid; the other session and its systems go on. Ending every session of the account
 * (endEverySession: password reset, operator's action, disabled account) tells every system.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { authorize, oidcBusinessSystem } from '../../test/support/oidc-rp.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { endEverySession } from './logout.ts';
import { systemsStore } from './systems-store.ts';

const t = testPlatformForFile();

/** What the business systems received: OIDC logout tokens' claims, CAS logout requests. */
const logoutTokens: Record<string, unknown>[] = [];
const casLogouts: { path: string; logoutRequest: string }[] = [];
let receiver: Server;
let receiverBase: string;

before(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const token = form.get('logout_token');
      if (token) logoutTokens.push(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()));
      else if (request.method === 'POST') casLogouts.push({ path: request.url ?? '', logoutRequest: form.get('logoutRequest') ?? '' });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(() => receiver.close());

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
  logoutTokens.length = 0;
  casLogouts.length = 0;
});

const oidcSystem = () => oidcBusinessSystem(t, {}, { backchannelLogoutUri: `${receiverBase}/backchannel-logout` });
type Rp = Awaited<ReturnType<typeof oidcSystem>>;

/** A complete OIDC sign-in of a browser into the system (code + PKCE): the token response. */
const signIn = async (rp: Rp, browser: ApiClient) => (await authorize(rp, browser)).exchange();

let casCount = 0;
async function casSystem() {
  const n = ++casCount;
  const prefix = `${receiverBase}/slo${n}-${Date.now()}/`;
  await systemsStore(t.platform.db, t.platform.cipher).create({
    key: `slo-cas-${n}-${Date.now()}`,
    name: `单点退出测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: false,
    requirements: [],
    requiresApproval: false,
    roles: [],
    oidc: null,
    casServicePrefix: prefix,
    mobileAllowed: false,
    enabled: true,
  });
  return { prefix, service: `${prefix}cas` };
}

/** A CAS ticket for the browser's session (no login asked: the session signs in). */
async function casTicket(browser: ApiClient, service: string): Promise<string> {
  const res = await browser.get(`/cas/login?service=${encodeURIComponent(service)}`);
  assert.equal(res.status, 302, String(res.body));
  const location = res.headers.get('location') ?? '';
  assert.ok(location.startsWith(`${service}?ticket=`), location);
  return new URL(location).searchParams.get('ticket') ?? '';
}

/** One account logged in in two browsers, each signed in to two OIDC systems and a CAS service. */
async function twoBrowsers() {
  const [first, second, cas] = await Promise.all([oidcSystem(), oidcSystem(), casSystem()]);
  const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('slo') });
  const other = new ApiClient(t.baseUrl);
  assert.equal((await other.login('natural', me.body.loginName, me.body.password)).status, 200);
  const browserA = { client: me.client, first: await signIn(first, me.client), second: await signIn(second, me.client), ticket: await casTicket(me.client, cas.service) };
  const browserB = { client: other, first: await signIn(first, other), second: await signIn(second, other), ticket: await casTicket(other, cas.service) };
  return { me, first, second, cas, browserA, browserB };
}

const sidOf = (tokens: oidc.TokenEndpointResponseHelpers) => tokens.claims()?.sid;

describe('one platform session, one sid', () => {
  it('two 办理入口 in one platform session carry the same sid; another browser has another', async () => {
    const { browserA, browserB } = await twoBrowsers();
    const a = sidOf(browserA.first);
    assert.equal(typeof a, 'string');
    assert.equal(sidOf(browserA.second), a, 'both systems of one session share its sid');
    assert.equal(sidOf(browserB.first), sidOf(browserB.second));
    assert.notEqual(sidOf(browserB.first), a, 'another platform session has its own sid');
  });
});

describe('logout ends only the session that logged out', () => {
  it('退出登录 in one browser: only its systems are told, with its sid; the other browser and its systems go on', async () => {
    const { first, second, cas, browserA, browserB } = await twoBrowsers();
    const sidA = sidOf(browserA.first);
    const sidB = sidOf(browserB.first);

    assert.equal((await browserA.client.post('/api/logout')).status, 200);

    // OIDC: both systems of browser A got a logout token with A's sid, none carries B's.
    const sids = logoutTokens.map((token) => token.sid);
    assert.equal(sids.filter((sid) => sid === sidA).length, 2, `expected two logout tokens for A's sid, got ${JSON.stringify(sids)}`);
    assert.ok(!sids.includes(sidB), "browser B's systems were not told");
    assert.equal(logoutTokens.length, 2);
    // CAS: exactly one SLO request, for A's ticket.
    assert.equal(casLogouts.length, 1, JSON.stringify(casLogouts));
    assert.ok(casLogouts[0]!.logoutRequest.includes(browserA.ticket), "the SLO request names A's ticket");
    assert.ok(!casLogouts[0]!.logoutRequest.includes(browserB.ticket));
    assert.ok(casLogouts[0]!.path.startsWith(new URL(cas.prefix).pathname));

    // A's tokens stop working, B's still work.
    await assert.rejects(oidc.refreshTokenGrant(first.config, browserA.first.refresh_token!));
    assert.equal((await oidc.tokenIntrospection(second.config, browserB.second.access_token)).active, true);
    const refreshed = await oidc.refreshTokenGrant(first.config, browserB.first.refresh_token!);
    assert.ok(refreshed.access_token);

    // Browser A is logged out of the platform; browser B is not, and a new 办理入口 needs no login.
    assert.equal((await browserA.client.get('/api/me')).status, 401);
    assert.equal((await browserB.client.get('/api/me')).status, 200);
    const again = await signIn(first, browserB.client);
    assert.equal(sidOf(again), sidB, 'the same session, the same sid');
    assert.ok((await casTicket(browserB.client, cas.service)).startsWith('ST-'));
    assert.equal(logoutTokens.length, 2, 'nothing more was sent');
    assert.equal(casLogouts.length, 1);
  });

  it('the second logout tells the second browser’s systems only', async () => {
    const { browserA, browserB } = await twoBrowsers();
    const sidB = sidOf(browserB.first);
    assert.equal((await browserA.client.post('/api/logout')).status, 200);
    logoutTokens.length = 0;
    casLogouts.length = 0;
    assert.equal((await browserB.client.post('/api/logout')).status, 200);
    assert.deepEqual(logoutTokens.map((token) => token.sid), [sidB, sidB]);
    assert.equal(casLogouts.length, 1);
    assert.ok(casLogouts[0]!.logoutRequest.includes(browserB.ticket));
  });
});

describe('ending every session of the account', () => {
  it('endEverySession (password reset, operator, disabled account) ends both browsers and tells every system, OIDC and CAS', async () => {
    const { me, first, browserA, browserB } = await twoBrowsers();
    await endEverySession(t.platform, me.accountId);
    const sids = logoutTokens.map((token) => token.sid).sort();
    assert.deepEqual(sids, [sidOf(browserA.first), sidOf(browserA.second), sidOf(browserB.first), sidOf(browserB.second)].sort());
    const told = casLogouts.map((logout) => logout.logoutRequest);
    assert.equal(told.length, 2, JSON.stringify(casLogouts));
    assert.ok(told.some((request) => request.includes(browserA.ticket)) && told.some((request) => request.includes(browserB.ticket)));
    await assert.rejects(oidc.refreshTokenGrant(first.config, browserB.first.refresh_token!));
    assert.equal((await browserA.client.get('/api/me')).status, 401);
    assert.equal((await browserB.client.get('/api/me')).status, 401);
  });
});
