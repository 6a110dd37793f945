/**
 * 办理入口 and the entry checks over HTTP: the entry button (/sso/enter), the entry page's API,
 * and the same checks inside an OIDC sign-in and /cas/login.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { registerAccount, registerAndLogIn, type Body } from '../../../test/support/accounts.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { mobile, uniqueLoginName } from '../../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { systemsStore, type NewBusinessSystem } from '../systems-store.ts';
import { approveHolding } from './service.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

const SEED_DIALOG = '您的个人信息没有实名认证，则需先实名认证个人信息才能进行下一步操作。请点击确定前往个人信息页面。';
const TORCH = ['organization_basic_complete', 'organization_other_complete', 'primary_agent_verified'] as const;

// People and organisations the development registry knows, so their accounts are verified.
// A document registers once per platform: each test takes its own.
const person = (name: string, documentNumber: string, validFrom: string, validTo: string) => ({ name, documentNumber, validFrom, validTo, longTerm: false });
const WANG_WU = person('王五', '110108199206203018', '2018-06-01', '2038-06-01');
const ZHOU_RUN = person('周润', '32050220000229151X', '2021-05-06', '2031-05-06');
const LIU_XIAOWEN = person('刘晓雯', '510107199502034624', '2017-07-20', '2027-07-20');
const MA_XIAO = person('马骁', '610113200111114578', '2017-12-01', '2027-12-01');
const agent = (p: ReturnType<typeof person>) => ({ ...p, mobile: mobile(), region: 'mainland', documentType: 'resident_id' });
const representative = (name: string, documentNumber: string, validFrom: string) => ({ name, mobile: mobile(), region: 'mainland', documentType: 'resident_id', documentNumber, validFrom, validTo: '', longTerm: true });
const ORGS = {
  beijing: { organization: { name: '北京示例科技有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91110108MA01D3M7Q0' }, legalRepresentative: representative('李四', '110108198005152010', '2010-05-01'), primaryAgent: agent(WANG_WU) },
  association: { organization: { name: '北京市科技创新促进会', region: 'domestic', legalPersonType: 'social_organization', code: '51110000MJ0123456C' }, legalRepresentative: representative('赵德明', '110101194501010019', '2005-01-01'), primaryAgent: agent(MA_XIAO) },
};

const natural = (overrides: Body = {}) => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('entry'), ...overrides });
const legal = (overrides: Body = {}) => registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('corp'), ...overrides });

let count = 0;
async function system(overrides: Partial<NewBusinessSystem> = {}) {
  const n = ++count;
  return systemsStore(t.platform.db, t.platform.cipher).create({
    key: `entry-${n}-${Date.now()}`,
    name: `入口测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    roles: [],
    oidc: null,
    casServicePrefix: null,
    entryUrl: `http://localhost:${4300 + n}/login`,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  });
}

const holds = (accountId: string, systemId: string) => systemsStore(t.platform.db, t.platform.cipher).holds(accountId, systemId);
const holding = async (accountId: string, systemId: string) =>
  (await t.db.query<{ how: string }>('select how from organization_systems where account_id = $1 and system_id = $2', [accountId, systemId]))[0]?.how;

describe('办理入口', () => {
  it('a verified person enters: the API gives the URL, /sso/enter redirects there', async () => {
    const hgr = await system({ mobileAllowed: true });
    const me = await natural(WANG_WU);
    assert.deepEqual((await me.client.get(`/api/sso/entry/${hgr.key}`)).body, { ok: true, url: hgr.entryUrl });
    const res = await me.client.get(`/sso/enter/${hgr.key}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), hgr.entryUrl);
    assert.equal(await holds(me.accountId, hgr.id), false, 'a person holds no system');
  });

  it("an unverified person is refused with the seed's dialog and sent to the entry page", async () => {
    const hgr = await system();
    const me = await natural();
    const body = (await me.client.get(`/api/sso/entry/${hgr.key}`)).body;
    assert.equal(body.ok, false);
    assert.deepEqual(body.refusals.map((r: Body) => r.code), ['NOT_VERIFIED']);
    assert.equal(body.refusals[0].message, SEED_DIALOG);
    assert.equal(body.refusals[0].action, 'my-info');
    const res = await me.client.get(`/sso/enter/${hgr.key}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `/services/entry/${hgr.key}`);
  });

  it('nobody logged in: /sso/enter goes to the login page and back; the API says NOT_LOGGED_IN', async () => {
    const hgr = await system();
    const anonymous = new ApiClient(t.baseUrl);
    const res = await anonymous.get(`/sso/enter/${hgr.key}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `/login?return=${encodeURIComponent(`/sso/enter/${hgr.key}`)}`);
    const body = (await anonymous.get(`/api/sso/entry/${hgr.key}`)).body;
    assert.deepEqual(body.refusals.map((r: Body) => [r.code, r.action]), [['NOT_LOGGED_IN', 'login']]);
  });

  it('a system without an entry URL, and an unknown one', async () => {
    const closed = await system({ entryUrl: null });
    const me = await natural(ZHOU_RUN);
    assert.deepEqual((await me.client.get(`/api/sso/entry/${closed.key}`)).body.refusals.map((r: Body) => r.code), ['ENTRY_UNAVAILABLE']);
    assert.equal((await me.client.get('/api/sso/entry/no-such-system')).status, 404);
    assert.equal((await me.client.get('/sso/enter/no-such-system')).headers.get('location'), '/services/entry/no-such-system');
  });

  it('a natural account is refused for a legal-only system, told to use a legal account', async () => {
    const torch = await system({ audience: 'legal' });
    const me = await natural(LIU_XIAOWEN);
    const [refusal] = (await me.client.get(`/api/sso/entry/${torch.key}`)).body.refusals;
    assert.equal(refusal.code, 'LEGAL_ACCOUNT_REQUIRED');
    assert.match(refusal.message, /法人账号/);
  });

  // platform-faq.md 三.1 3 and 3(1): the dialog 您的个人信息没有实名认证…; 法人单位基本信息 补全后页面会出现实名认证状态.
  it("a legal account whose 法人单位基本信息 are incomplete is not verified yet: the seed's dialog with what is missing, then 其他信息, then it enters", async () => {
    const torch = await system({ audience: 'legal', requirements: [...TORCH] });
    const corp = await legal(ORGS.beijing);
    // The registry knows the organisation, yet until what registration does not ask for is filled in it is not verified.
    const first = (await corp.client.get(`/api/sso/entry/${torch.key}`)).body;
    assert.equal(first.ok, false);
    assert.deepEqual(first.refusals.map((r: Body) => r.code), ['NOT_VERIFIED']);
    const [notVerified] = first.refusals;
    assert.equal(notVerified.message, SEED_DIALOG);
    assert.equal(notVerified.detail.zh, '法人单位基本信息不完整（缺少：单位性质、是否独立法人、单位地址、单位成立日期、通信地址、法定代表人电子邮箱）');
    assert.deepEqual(notVerified.missing.map((l: Body) => l.zh), ['单位性质', '是否独立法人', '单位地址', '单位成立日期', '通信地址', '法定代表人电子邮箱']);
    assert.equal(notVerified.action, 'my-info');
    assert.equal((await corp.client.get('/api/me/profile')).body.verification.organization.label, '用户信息不全，请及时补充！');

    const view = (await corp.client.get('/api/me/profile')).body.organizationBasic;
    const completion = { nature: '企业', independent: 'yes', address: '北京市海淀区中关村大街1号', foundedOn: '2010-05-20', mailingAddress: '北京市海淀区中关村大街1号 100080' };
    const saved = await corp.client.put('/api/me/profile/organization-basic', { ...view, ...completion, legalRepresentative: { ...view.legalRepresentative, email: 'boss@example.cn' } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    // 单位性质 is a key field: the organisation was verified again (the registry knows it), and now shows it.
    assert.equal(saved.body.verification.organization.label, '国家平台实名认证通过');
    const second = (await corp.client.get(`/api/sso/entry/${torch.key}`)).body;
    assert.deepEqual(second.refusals.map((r: Body) => r.code), ['ORGANIZATION_OTHER_INCOMPLETE']);
    assert.deepEqual(second.refusals[0].missing.map((l: Body) => l.zh), ['单位经营期限', '所属行业1', '所属行业2', '工商登记机关', '核准日期', '外资来源地', '所得税征收方式', '企业类型']);

    const otherInfo = { businessTerm: '长期', industry1: '软件和信息技术服务业', industry2: '无', registrationAuthority: '北京市海淀区市场监督管理局', approvedOn: '2015-03-02', foreignCapitalSource: '无', incomeTaxMethod: '查账征收', enterpriseType: '有限责任公司' };
    assert.equal((await corp.client.put('/api/me/profile/organization-other', otherInfo)).status, 200);
    assert.deepEqual((await corp.client.get(`/api/sso/entry/${torch.key}`)).body, { ok: true, url: torch.entryUrl });
    assert.equal(await holding(corp.accountId, torch.id), 'first_entry');
  });

  it('an unverified primary agent is named', async () => {
    const torch = await system({ audience: 'legal', requirements: ['primary_agent_verified'] });
    const corp = await legal({ ...ORGS.association, primaryAgent: { ...ORGS.association.primaryAgent, name: '马晓' } });
    await completeOrganizationBasic(corp.client);
    const body = (await corp.client.get(`/api/sso/entry/${torch.key}`)).body;
    assert.deepEqual(body.refusals.map((r: Body) => [r.code, r.message]), [['PRIMARY_AGENT_NOT_VERIFIED', '主代办人未通过实名认证']]);
  });
});

describe('holding a system', () => {
  it('an organisation holds a system from its first entry, but one requiring approval only once approved', async () => {
    const open = await system({ requiresVerification: false });
    const approval = await system({ requiresVerification: false, requiresApproval: true });
    const corp = await legal();
    assert.equal(await holds(corp.accountId, open.id), false);
    assert.equal((await corp.client.get(`/sso/enter/${open.key}`)).headers.get('location'), open.entryUrl);
    assert.equal(await holding(corp.accountId, open.id), 'first_entry');

    // The organisation enters (to register with the system) without holding it.
    assert.equal((await corp.client.get(`/sso/enter/${approval.key}`)).headers.get('location'), approval.entryUrl);
    assert.equal(await holds(corp.accountId, approval.id), false);
    await approveHolding(t.platform, corp.accountId, approval.id);
    assert.equal(await holding(corp.accountId, approval.id), 'approved');
  });
});

// --- OpenID Connect ------------------------------------------------------------------------

const cookieHeader = (browser: ApiClient) => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** Follows redirects as a browser would, keeping cookies, until one leads to `stopAt` (the business system) or a page answers. */
async function browse(browser: ApiClient, url: string, stopAt: string) {
  let current = new URL(url, t.baseUrl);
  for (let hop = 0; hop < 15; hop++) {
    const response = await fetch(current, { redirect: 'manual', headers: { cookie: cookieHeader(browser) } });
    for (const line of response.headers.getSetCookie()) browser.storeCookie(line);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, current);
      if (next.href.startsWith(stopAt)) return next;
      current = next;
      continue;
    }
    return new URL(`page:${response.status}:${current.pathname}`);
  }
  throw new Error('too many redirects');
}

async function oidcSystem(overrides: Partial<NewBusinessSystem> = {}) {
  const n = ++count;
  const rp = `http://localhost:${4400 + n}`;
  const created = await system({
    oidc: { clientId: `entry-client-${n}-${Date.now()}`, clientSecret: `entry-secret-${n}-0123456789abcdef0123456789`, redirectUris: [`${rp}/callback`], postLogoutRedirectUris: [], backchannelLogoutUri: null },
    ...overrides,
  });
  const client = created.oidc!;
  const config = await oidc.discovery(new URL(t.baseUrl), client.clientId, client.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  return { system: created, config, redirectUri: client.redirectUris[0]! };
}

async function authorize(rp: Awaited<ReturnType<typeof oidcSystem>>, browser: ApiClient, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri, scope: 'openid profile', state: 'st', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
  });
  const landed = await browse(browser, url.href, rp.redirectUri);
  assert.ok(landed.href.startsWith(rp.redirectUri), `expected a redirect to the system, got ${landed.href}`);
  return { landed, verifier };
}

/** Fills in the 法人单位基本信息 registration does not ask for (an organisation is verified only with them). */
async function completeOrganizationBasic(client: ApiClient) {
  const view = (await client.get('/api/me/profile')).body.organizationBasic;
  const completion = { nature: '私营企业', independent: 'yes', address: '北京市海淀区中关村大街1号', foundedOn: '2010-05-20', mailingAddress: '北京市海淀区中关村大街1号' };
  const saved = await client.put('/api/me/profile/organization-basic', { ...view, ...completion, legalRepresentative: { ...view.legalRepresentative, email: 'boss@example.cn' } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
}

describe('OIDC sign-in', () => {
  it('a refused account gets access_denied at the redirect URI, never a code (interactive and prompt=none)', async () => {
    const rp = await oidcSystem();
    const me = await natural();
    const { landed } = await authorize(rp, me.client);
    assert.equal(landed.searchParams.get('code'), null);
    assert.equal(landed.searchParams.get('error'), 'access_denied');
    assert.equal(landed.searchParams.get('state'), 'st');
    assert.match(landed.searchParams.get('error_description') ?? '', new RegExp(`NOT_VERIFIED.*/services/entry/${rp.system.key}`));
    // Silent single sign-on is refused too.
    const silent = await authorize(rp, me.client, { prompt: 'none' });
    assert.equal(silent.landed.searchParams.get('code'), null);
    assert.equal(silent.landed.searchParams.get('error'), 'access_denied');
  });

  it('refused right after the login the sign-in asked for', async () => {
    const rp = await oidcSystem();
    const me = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('entry') });
    const browser = new ApiClient(t.baseUrl);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(rp.config, { redirect_uri: rp.redirectUri, scope: 'openid', state: 'st', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const login = await browse(browser, url.href, `${t.baseUrl}/login`);
    assert.equal((await browser.login('natural', me.body.loginName, me.body.password)).status, 200);
    const landed = await browse(browser, login.searchParams.get('return') ?? '', rp.redirectUri);
    assert.equal(landed.searchParams.get('error'), 'access_denied');
    assert.equal(landed.searchParams.get('code'), null);
  });

  it('a verified organisation gets a code and holds the system after its first sign-in', async () => {
    const rp = await oidcSystem({ audience: 'legal' });
    const corp = await legal();
    await completeOrganizationBasic(corp.client);
    await t.db.query(`update verifications set status = 'registry_verified' where account_id = $1 and subject = 'organization'`, [corp.accountId]);
    const { landed, verifier } = await authorize(rp, corp.client);
    const tokens = await oidc.authorizationCodeGrant(rp.config, landed, { pkceCodeVerifier: verifier, expectedState: 'st' });
    assert.equal(tokens.claims()!.sub, corp.accountId);
    // Recorded on the provider's authorization.success event: give it a moment.
    for (let i = 0; i < 50 && !(await holds(corp.accountId, rp.system.id)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await holding(corp.accountId, rp.system.id), 'first_entry');
  });

  // platform-faq.md 三.1 3(1): until 法人单位基本信息 are complete the organisation's status is 用户信息不全.
  it('the claims of an organisation with incomplete 法人单位基本信息 say incomplete, whatever the registry said; the real status once complete', async () => {
    const rp = await oidcSystem({ audience: 'legal', requiresVerification: false });
    const corp = await legal();
    await t.db.query(`update verifications set status = 'registry_verified', method = 'registry', reason = null where account_id = $1 and subject = 'organization'`, [corp.accountId]);
    const claimsNow = async () => {
      const { landed, verifier } = await authorize(rp, corp.client, { scope: 'openid verification' });
      return (await oidc.authorizationCodeGrant(rp.config, landed, { pkceCodeVerifier: verifier, expectedState: 'st' })).claims()!;
    };
    const before = await claimsNow();
    assert.equal(before.verified, false);
    assert.equal(before.verification_status, 'incomplete');
    await completeOrganizationBasic(corp.client);
    await t.db.query(`update verifications set status = 'registry_verified', method = 'registry', reason = null where account_id = $1 and subject = 'organization'`, [corp.accountId]);
    const after = await claimsNow();
    assert.equal(after.verified, true);
    assert.equal(after.verification_status, 'registry_verified');
    assert.equal(after.verification_method, 'registry');
  });
});

// --- CAS -----------------------------------------------------------------------------------

describe('/cas/login', () => {
  const casSystem = async (overrides: Partial<NewBusinessSystem> = {}) => {
    const n = ++count;
    const prefix = `http://127.0.0.1:${4500 + n}/app/`;
    return { system: await system({ casServicePrefix: prefix, entryUrl: prefix, ...overrides }), service: `${prefix}cas` };
  };

  it('a refused account gets no ticket but the entry page; with gateway, back to the service without one', async () => {
    const { system: cas, service } = await casSystem({ audience: 'legal', requiresVerification: false });
    const me = await natural();
    const res = await me.client.get(`/cas/login?service=${encodeURIComponent(service)}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `/services/entry/${cas.key}`);
    const gateway = await me.client.get(`/cas/login?service=${encodeURIComponent(service)}&gateway=true`);
    assert.equal(gateway.headers.get('location'), service);
  });

  it('an admitted organisation gets a ticket and holds the system', async () => {
    const { system: cas, service } = await casSystem({ requiresVerification: false });
    const corp = await legal();
    const res = await corp.client.get(`/cas/login?service=${encodeURIComponent(service)}`);
    assert.match(res.headers.get('location') ?? '', /[?&]ticket=ST-/);
    assert.equal(await holding(corp.accountId, cas.id), 'first_entry');
  });
});
