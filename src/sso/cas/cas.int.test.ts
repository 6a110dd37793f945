/**
 * The CAS 3.0 server seen by a business system: the browser is an ApiClient holding the
 * cookies of a platform login (redirects not followed), the system's back end is fetch, and
 * a local HTTP server receives the single-logout requests.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { registerAccount, registerAndLogIn } from '../../../test/support/accounts.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { safeReturnPath } from '../return-path.ts';
import { systemsChanged } from '../oidc/provider.ts';
import { systemsStore, type BusinessSystem } from '../systems-store.ts';
import { serviceTicketKey } from './store.ts';

const t = testPlatformForFile();

// Many registrations from one address: the per-IP registration limit is not what this file tests.
beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

// A person the development registry knows, so the account is verified (国家平台实名认证通过).
// A document registers once, so each test uses its own person.
const WANG_WU = { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };
const CHEN_JING = { name: '陈静', documentNumber: '310104198508124021', validFrom: '2015-09-01', validTo: '2035-09-01', longTerm: false };

/** Single-logout requests the business systems received. */
const logoutRequests: { path: string; logoutRequest: string }[] = [];
let systemsServer: Server;
let systemsBase: string;

before(async () => {
  systemsServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'POST') logoutRequests.push({ path: request.url ?? '', logoutRequest: new URLSearchParams(body).get('logoutRequest') ?? '' });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => systemsServer.listen(0, '127.0.0.1', resolve));
  const address = systemsServer.address();
  systemsBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(() => systemsServer.close());

let systemCount = 0;
/** A business system registered for CAS with its own prefix on the local server; `service` is its callback URL. */
async function casSystem(overrides: Partial<BusinessSystem> = {}) {
  const n = ++systemCount;
  const prefix = `${systemsBase}/sys${n}/`;
  const system = await systemsStore(t.platform.db, t.platform.cipher).create({
    key: `cas-${n}-${Date.now()}`,
    name: `CAS测试系统${n}`,
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
    ...overrides,
  });
  return { system, service: `${prefix}cas?next=%2Fhome` };
}

const casLogin = (browser: ApiClient, service: string, extra = '') => browser.get(`/cas/login?service=${encodeURIComponent(service)}${extra}`);

/** A ticket from /cas/login, checking the redirect back to the service. */
async function ticketFor(browser: ApiClient, service: string, extra = ''): Promise<string> {
  const res = await casLogin(browser, service, extra);
  assert.equal(res.status, 302, String(res.body));
  const location = res.headers.get('location') ?? '';
  assert.ok(location.startsWith(`${service}&ticket=`), location);
  return new URL(location).searchParams.get('ticket') ?? '';
}

/** A validation call from the business system's back end: the raw text. */
async function validate(endpoint: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${t.baseUrl}/cas/${endpoint}?${new URLSearchParams(params)}`);
  assert.equal(res.status, 200);
  return res.text();
}

const unescape = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);

/** The few parts of a cas:serviceResponse the tests look at. */
function parse(xml: string) {
  assert.match(xml, /^<cas:serviceResponse xmlns:cas="http:\/\/www\.yale\.edu\/tp\/cas">/);
  const user = xml.match(/<cas:user>([^<]*)<\/cas:user>/)?.[1];
  const code = xml.match(/<cas:authenticationFailure code="([A-Z_]+)">/)?.[1];
  const attributes: Record<string, string[]> = {};
  const block = xml.match(/<cas:attributes>([\s\S]*)<\/cas:attributes>/)?.[1] ?? '';
  for (const [, name, value] of block.matchAll(/<cas:([\w.-]+)>([^<]*)<\/cas:\1>/g)) (attributes[name!] ??= []).push(unescape(value!));
  return { user: user && unescape(user), code, attributes };
}

const one = (attributes: Record<string, string[]>, name: string) => attributes[name]?.[0];

describe('/cas/login', () => {
  it('signed in: a single-use ticket for a registered service, appended with & to its query', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem();
    const ticket = await ticketFor(client, service);
    assert.match(ticket, /^ST-[A-Za-z0-9]{29}$/);
    assert.notEqual(await ticketFor(client, service), ticket);
  });

  it('an unregistered service is refused with a page, never redirected to, even when signed in', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    for (const service of ['http://unregistered.example.cn/cas', 'javascript:alert(1)', `${systemsBase}.evil.example/`]) {
      const res = await casLogin(client, service);
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('location'), null);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(String(res.body), /未注册的业务系统，无法登录/);
    }
  });

  it('a disabled system is refused like an unregistered one', async () => {
    const { service } = await casSystem({ enabled: false });
    const res = await casLogin(new ApiClient(t.baseUrl), service);
    assert.equal(res.status, 400);
  });

  it('no service: the portal home', async () => {
    const res = await new ApiClient(t.baseUrl).get('/cas/login');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/');
  });

  it('gateway without a session: back to the service without a ticket; with one: a ticket', async () => {
    const { service } = await casSystem();
    const res = await casLogin(new ApiClient(t.baseUrl), service, '&gateway=true');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), service);
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    assert.ok(await ticketFor(client, service, '&gateway=true'));
  });

  it('a session pending a password change does not count', async () => {
    const { client, accountId } = await registerAndLogIn(t.baseUrl, 'natural');
    await t.db.query('update sessions set password_change_required = true where account_id = $1', [accountId]);
    const { service } = await casSystem();
    const res = await casLogin(client, service, '&gateway=true');
    assert.equal(res.headers.get('location'), service);
  });

  it('no session: our login page coming back to this /cas/login; after the login a ticket from a new login', async () => {
    const account = await registerAccount(t.baseUrl, 'natural', CHEN_JING);
    const { service } = await casSystem();
    const res = await casLogin(account.client, service);
    assert.equal(res.status, 302);
    const login = new URL(res.headers.get('location') ?? '', t.baseUrl);
    assert.equal(login.pathname, '/login');
    assert.equal(login.searchParams.get('force'), null);
    const back = safeReturnPath(login.searchParams.get('return'));
    assert.equal(back, `/cas/login?service=${encodeURIComponent(service)}`);

    assert.equal((await account.client.login('natural', account.body.loginName, account.body.password)).status, 200);
    const ticket = await ticketFor(account.client, service, '');
    const result = parse(await validate('p3/serviceValidate', { service, ticket, renew: 'true' }));
    assert.equal(result.user, account.body.loginName);
    assert.equal(one(result.attributes, 'isFromNewLogin'), 'true');
  });

  it('renew: a forced login every time, and only that ticket passes renew=true', async () => {
    const { client, body } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem();
    const ssoTicket = await ticketFor(client, service);
    assert.equal(parse(await validate('serviceValidate', { service, ticket: ssoTicket, renew: 'true' })).code, 'INVALID_TICKET_SPEC');

    const asked = await casLogin(client, service, '&renew=true');
    assert.equal(asked.status, 302);
    const login = new URL(asked.headers.get('location') ?? '', t.baseUrl);
    assert.equal(login.searchParams.get('force'), '1');
    const back = login.searchParams.get('return') ?? '';
    assert.equal(back, `/cas/login?service=${encodeURIComponent(service)}&renew=true`);

    // Coming back without logging in again: asked again.
    const again = await client.get(back);
    assert.equal(new URL(again.headers.get('location') ?? '', t.baseUrl).pathname, '/login');

    assert.equal((await client.login('natural', body.loginName, body.password)).status, 200);
    const res = await client.get(back);
    assert.equal(res.status, 302);
    const ticket = new URL(res.headers.get('location') ?? '').searchParams.get('ticket') ?? '';
    const result = parse(await validate('serviceValidate', { service, ticket, renew: 'true' }));
    assert.equal(result.user, body.loginName);
    assert.equal(one(result.attributes, 'isFromNewLogin'), 'true');
  });

  it('renew: the question is tied to the browser that asked', async () => {
    const { client, body } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem();
    const asked = await casLogin(new ApiClient(t.baseUrl), service, '&renew=true');
    const back = new URL(asked.headers.get('location') ?? '', t.baseUrl).searchParams.get('return') ?? '';
    assert.equal((await client.login('natural', body.loginName, body.password)).status, 200);
    const res = await client.get(back);
    assert.equal(new URL(res.headers.get('location') ?? '', t.baseUrl).pathname, '/login');
  });
});

describe('/cas/serviceValidate and /cas/p3/serviceValidate', () => {
  it('a verified person: cas:user is the login name, attributes from the claims, once', async () => {
    const { client, body, accountId } = await registerAndLogIn(t.baseUrl, 'natural', WANG_WU);
    const { service } = await casSystem();
    for (const endpoint of ['serviceValidate', 'p3/serviceValidate']) {
      const ticket = await ticketFor(client, service);
      const { user, code, attributes } = parse(await validate(endpoint, { service, ticket }));
      assert.equal(code, undefined);
      assert.equal(user, body.loginName);
      assert.equal(one(attributes, 'accountId'), accountId);
      assert.equal(one(attributes, 'accountType'), 'natural');
      assert.equal(one(attributes, 'loginName'), body.loginName);
      assert.equal(one(attributes, 'name'), '王五');
      assert.equal(one(attributes, 'verified'), 'true');
      assert.equal(one(attributes, 'verificationStatus'), 'registry_verified');
      assert.equal(one(attributes, 'verificationMethod'), 'registry');
      assert.equal(one(attributes, 'documentType'), 'resident_id');
      assert.ok(one(attributes, 'documentNumberMasked')?.includes('*'));
      assert.ok(!one(attributes, 'documentNumberMasked')?.includes('199206'));
      assert.equal(one(attributes, 'mobile'), undefined, 'mobile only where the system may have it');
      assert.equal(one(attributes, 'isFromNewLogin'), 'false');
      assert.ok(!Number.isNaN(Date.parse(one(attributes, 'authenticationDate') ?? '')));
      // mod_auth_cas passes attributes as CAS-<name> headers, which Apache drops when the name holds an underscore.
      assert.deepEqual(Object.keys(attributes).filter((name) => name.includes('_')), [], 'no snake_case names unless switched on');

      assert.equal(parse(await validate(endpoint, { service, ticket })).code, 'INVALID_TICKET', 'replayed');
    }
  });

  it('mobile where the system may have it; format=JSON', async () => {
    const { client, body } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem({ mobileAllowed: true });
    const ticket = await ticketFor(client, service);
    const res = await fetch(`${t.baseUrl}/cas/p3/serviceValidate?${new URLSearchParams({ service, ticket, format: 'JSON' })}`);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const json = (await res.json()) as { serviceResponse: { authenticationSuccess: { user: string; attributes: Record<string, unknown> } } };
    assert.equal(json.serviceResponse.authenticationSuccess.user, body.loginName);
    assert.equal(json.serviceResponse.authenticationSuccess.attributes.mobile, body.mobile);
    assert.equal(json.serviceResponse.authenticationSuccess.attributes.loginName, body.loginName);
    assert.equal(json.serviceResponse.authenticationSuccess.attributes.login_name, undefined);
  });

  it('a legal person: the organisation attributes', async () => {
    const { client, body } = await registerAndLogIn(t.baseUrl, 'legal');
    const { service } = await casSystem();
    const { user, attributes } = parse(await validate('p3/serviceValidate', { service, ticket: await ticketFor(client, service) }));
    assert.equal(user, body.loginName);
    assert.equal(one(attributes, 'accountType'), 'legal');
    assert.equal(one(attributes, 'organizationName'), body.organization.name);
    assert.equal(one(attributes, 'organizationCreditCode'), body.organization.code);
    assert.equal(one(attributes, 'organizationType'), 'enterprise');
    assert.equal(one(attributes, 'documentNumberMasked'), undefined);
    assert.equal(one(attributes, 'organization_name'), undefined);
  });

  it('a system switched to the legacy names gets both names, in XML and JSON; switched off again, only camelCase', async () => {
    const { client, body, accountId } = await registerAndLogIn(t.baseUrl, 'legal');
    const { system, service } = await casSystem({ casLegacyAttributeNames: true });
    assert.equal(system.casLegacyAttributeNames, true);
    for (const endpoint of ['serviceValidate', 'p3/serviceValidate']) {
      const { attributes } = parse(await validate(endpoint, { service, ticket: await ticketFor(client, service) }));
      for (const [camel, legacy, value] of [
        ['accountId', 'account_id', accountId],
        ['accountType', 'account_type', 'legal'],
        ['loginName', 'login_name', body.loginName],
        ['organizationName', 'organization_name', body.organization.name],
        ['organizationCreditCode', 'organization_credit_code', body.organization.code],
      ]) {
        assert.deepEqual(attributes[camel!], [value], `${endpoint} ${camel}`);
        assert.deepEqual(attributes[legacy!], [value], `${endpoint} ${legacy}`);
      }
      assert.deepEqual(attributes.name, [body.organization.name], 'an unchanged name is sent once');
    }
    const res = await fetch(`${t.baseUrl}/cas/p3/serviceValidate?${new URLSearchParams({ service, ticket: await ticketFor(client, service), format: 'JSON' })}`);
    const json = (await res.json()) as { serviceResponse: { authenticationSuccess: { attributes: Record<string, unknown> } } };
    assert.equal(json.serviceResponse.authenticationSuccess.attributes.accountId, accountId);
    assert.equal(json.serviceResponse.authenticationSuccess.attributes.account_id, accountId);

    await t.db.query('update business_systems set cas_legacy_attribute_names = false where id = $1', [system.id]);
    systemsChanged(t.platform);
    const { attributes } = parse(await validate('p3/serviceValidate', { service, ticket: await ticketFor(client, service) }));
    assert.equal(one(attributes, 'accountId'), accountId);
    assert.deepEqual(Object.keys(attributes).filter((name) => name.includes('_')), []);
  });

  it('an expired ticket: INVALID_TICKET', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem();
    const ticket = await ticketFor(client, service);
    await t.db.query(`update kv set expires_at = now() - interval '1 second' where key = $1`, [serviceTicketKey(ticket)]);
    assert.equal(parse(await validate('serviceValidate', { service, ticket })).code, 'INVALID_TICKET');
  });

  it('a ticket presented for another service: INVALID_SERVICE, and the ticket is dead', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const a = await casSystem();
    const b = await casSystem();
    for (const wrong of [b.service, `${a.service}&other=1`, 'http://unregistered.example.cn/']) {
      const ticket = await ticketFor(client, a.service);
      assert.equal(parse(await validate('serviceValidate', { service: wrong, ticket })).code, 'INVALID_SERVICE', wrong);
      assert.equal(parse(await validate('serviceValidate', { service: a.service, ticket })).code, 'INVALID_TICKET', wrong);
    }
  });

  it('a system disabled after the ticket was issued: INVALID_SERVICE', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const { system, service } = await casSystem();
    const ticket = await ticketFor(client, service);
    await t.db.query('update business_systems set enabled = false where id = $1', [system.id]);
    // As the back office does after any change: this node forgets the systems it had read.
    systemsChanged(t.platform);
    assert.equal(parse(await validate('serviceValidate', { service, ticket })).code, 'INVALID_SERVICE');
  });

  it('missing parameters or an unsupported format: INVALID_REQUEST; an unknown ticket: INVALID_TICKET, echoed escaped', async () => {
    const { service } = await casSystem();
    assert.equal(parse(await validate('serviceValidate', { service })).code, 'INVALID_REQUEST');
    assert.equal(parse(await validate('serviceValidate', { ticket: 'ST-x' })).code, 'INVALID_REQUEST');
    assert.equal(parse(await validate('serviceValidate', { service, ticket: 'ST-x', format: 'HTML' })).code, 'INVALID_REQUEST');
    const xml = await validate('p3/serviceValidate', { service, ticket: 'ST-<b>&"' });
    assert.equal(parse(xml).code, 'INVALID_TICKET');
    assert.match(xml, /ST-&lt;b&gt;&amp;&quot;/);
  });

  it('/cas/proxyValidate validates service tickets too (no proxy tickets are issued)', async () => {
    const { client, body } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem();
    const ticket = await ticketFor(client, service);
    const result = parse(await validate('proxyValidate', { service, ticket, pgtUrl: 'https://proxy.example.cn/pgt' }));
    assert.equal(result.user, body.loginName);
  });
});

describe('/cas/validate (CAS 1.0)', () => {
  it('yes and the login name once, then no', async () => {
    const { client, body } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem();
    const ticket = await ticketFor(client, service);
    assert.equal(await validate('validate', { service, ticket }), `yes\n${body.loginName}\n`);
    assert.equal(await validate('validate', { service, ticket }), 'no\n\n');
    assert.equal(await validate('validate', { service }), 'no\n\n');
  });
});

describe('/cas/logout', () => {
  it('ends the platform session and sends a LogoutRequest for every ticket of the session, then back to the service', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const other = await registerAndLogIn(t.baseUrl, 'natural');
    const a = await casSystem();
    const b = await casSystem();
    const ticketA = await ticketFor(client, a.service);
    await validate('serviceValidate', { service: a.service, ticket: ticketA });
    const ticketB = await ticketFor(client, b.service);
    const otherTicket = await ticketFor(other.client, a.service);
    const sid = client.cookies.get('sid');
    logoutRequests.length = 0;

    const res = await client.get(`/cas/logout?service=${encodeURIComponent(a.service)}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), a.service);
    assert.equal(client.cookies.get('sid'), undefined, 'the sid cookie is cleared');

    assert.deepEqual(logoutRequests.map((r) => r.path).sort(), [new URL(a.service).pathname + '?next=%2Fhome', new URL(b.service).pathname + '?next=%2Fhome'].sort());
    const indexes = logoutRequests.map((r) => r.logoutRequest.match(/<samlp:SessionIndex>([^<]+)<\/samlp:SessionIndex>/)?.[1]).sort();
    assert.deepEqual(indexes, [ticketA, ticketB].sort());
    assert.ok(!indexes.includes(otherTicket), "another session's services are left alone");
    for (const { logoutRequest } of logoutRequests) {
      assert.match(logoutRequest, /^<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2\.0:protocol" ID="LR-[A-Za-z0-9]+" Version="2\.0" IssueInstant="[0-9T:-]+Z">/);
      assert.match(logoutRequest, /<saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2\.0:assertion">@NOT_USED@<\/saml:NameID>/);
    }

    // The old session is gone: the API and /cas/login both see no session.
    const stale = new ApiClient(t.baseUrl);
    stale.cookies.set('sid', sid ?? '');
    assert.equal((await stale.get('/api/me')).status, 401);
    assert.equal(new URL((await casLogin(stale, a.service)).headers.get('location') ?? '', t.baseUrl).pathname, '/login');
    assert.equal((await other.client.get('/api/me')).status, 200);
  });

  it('the portal’s 退出登录 (POST /api/logout) sends the LogoutRequest too', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const a = await casSystem();
    const ticket = await ticketFor(client, a.service);
    logoutRequests.length = 0;
    assert.equal((await client.post('/api/logout')).status, 200);
    assert.deepEqual(logoutRequests.map((r) => r.logoutRequest.match(/<samlp:SessionIndex>([^<]+)</)?.[1]), [ticket]);
  });

  it('without a (registered) service: the logged-out page; a second logout sends nothing', async () => {
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const { service } = await casSystem();
    await ticketFor(client, service);
    logoutRequests.length = 0;
    const res = await client.get('/cas/logout?service=http%3A%2F%2Funregistered.example.cn%2F');
    assert.equal(res.status, 200);
    assert.match(String(res.body), /您已安全退出/);
    assert.equal(logoutRequests.length, 1);
    await client.get('/cas/logout');
    assert.equal(logoutRequests.length, 1);
  });
});
