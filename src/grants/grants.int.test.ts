/**
 * 授权 over HTTP: an organisation finds a verified person, grants roles in the systems it
 * holds, changes and revokes them; the person sees the organisation, enters the system for it,
 * and the business system (OIDC tokens, CAS attributes) learns the organisation and roles.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { registerAndLogIn, type Body } from '../../test/support/accounts.ts';
import { followRedirects } from '../../test/support/browse.ts';
import type { ApiClient } from '../../test/support/client.ts';
import { mobile, uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';
import { recordStatements } from '../../test/support/statements.ts';
import { approveHolding } from '../sso/entry/service.ts';
import { authorizationStore } from './store.ts';
import { systemsStore, type NewBusinessSystem } from '../sso/systems-store.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

// People and organisations the development registry knows (so they verify); each once per file.
const person = (name: string, documentNumber: string, validFrom: string, validTo: string) => ({ name, documentNumber, validFrom, validTo, longTerm: false });
const WANG_WU = person('王五', '110108199206203018', '2018-06-01', '2038-06-01');
const ZHOU_RUN = person('周润', '32050220000229151X', '2021-05-06', '2031-05-06');
const LIU_XIAOWEN = person('刘晓雯', '510107199502034624', '2017-07-20', '2027-07-20');
const MA_XIAO = person('马骁', '610113200111114578', '2017-12-01', '2027-12-01');
const CHEN_JING = person('陈静', '310104198508124021', '2015-09-01', '2035-09-01');
const SUN_LIHUA = { name: '孙丽华', documentNumber: '420106197309302829', validFrom: '2020-11-02', validTo: '', longTerm: true };
const ZHANG_SAN = person('张三', '110105199003071239', '2016-03-01', '2036-03-01');
const agent = (name: string, documentNumber: string) => ({ name, documentNumber, validFrom: '2015-01-01', validTo: '', longTerm: true, mobile: mobile(), region: 'mainland', documentType: 'resident_id' });
const representative = (name: string, documentNumber: string, validFrom: string) => ({ name, mobile: mobile(), region: 'mainland', documentType: 'resident_id', documentNumber, validFrom, validTo: '', longTerm: true });
const ROLES = [
  { code: 'item_handler', name: '事项办理员' },
  { code: 'item_admin', name: '单位事项管理员' },
];

const natural = (overrides: Body) => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('grantee'), ...overrides });
const legal = (overrides: Body) => registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('grantor'), ...overrides });

let count = 0;
/** A business system requiring a grant, with an OIDC client (relying party on a made-up port) and a CAS prefix. */
async function system(overrides: Partial<NewBusinessSystem> = {}) {
  const n = ++count;
  const rp = `http://localhost:${4500 + n}`;
  const created = await systemsStore(t.platform.db, t.platform.cipher).create({
    key: `grant-${n}-${Date.now()}`,
    name: `授权测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    requiresGrant: true,
    roles: ROLES,
    oidc: { clientId: `grant-client-${n}-${Date.now()}`, clientSecret: `grant-secret-${n}-0123456789abcdef0123456789`, redirectUris: [`${rp}/callback`], postLogoutRedirectUris: [], backchannelLogoutUri: null },
    casServicePrefix: `${rp}/cas/`,
    entryUrl: `${rp}/login`,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  });
  return created;
}
type System = Awaited<ReturnType<typeof system>>;

async function relyingParty(s: System) {
  return oidc.discovery(new URL(t.baseUrl), s.oidc!.clientId, s.oidc!.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
}

/** The OIDC sign-in of a logged-in browser into the system: where it stopped, and the tokens when it got a code. */
async function signIn(s: System, browser: ApiClient) {
  const config = await relyingParty(s);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const redirectUri = s.oidc!.redirectUris[0]!;
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile organization offline_access',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const landed = await followRedirects(browser, url.href, { stopAt: redirectUri });
  const tokens = landed.url.href.startsWith(redirectUri) && landed.url.searchParams.has('code')
    ? await oidc.authorizationCodeGrant(config, landed.url, { pkceCodeVerifier: verifier, expectedState: state })
    : undefined;
  return { landed, tokens, config };
}

/** A verified organisation holding the systems (as after its first entry). */
async function organization(data: Body, ...held: System[]) {
  const org = await legal(data);
  for (const s of held) await approveHolding(t.platform, org.accountId, s.id);
  return org;
}

const grantBody = (personId: string, systems: { key: string; roles: string[] }[], extra: Body = {}) => ({ personId, systems, maintainInfo: false, ...extra });

async function findPerson(org: { client: ApiClient }, p: { name: string; documentNumber: string }) {
  const res = await org.client.post('/api/org/authorizations/search', { name: p.name, documentNumber: p.documentNumber });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.person.personId as string;
}

async function grant(org: { client: ApiClient }, personId: string, systems: { key: string; roles: string[] }[], extra: Body = {}) {
  const res = await org.client.post('/api/org/authorizations', grantBody(personId, systems, extra));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe('授权操作', () => {
  it('finds only a verified natural person, by real name and document number (FAQ 10.3)', async () => {
    const s = await system();
    const org = await organization({}, s);
    const sun = await natural(SUN_LIHUA);
    const unverified = await natural({ name: '钱多多' }); // the registry knows no such person

    const found = await org.client.post('/api/org/authorizations/search', { name: '孙丽华', documentNumber: ` ${SUN_LIHUA.documentNumber} ` });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.equal(found.body.person.personId, sun.accountId);
    assert.equal(found.body.person.documentNumberMasked, '4201********2829');
    assert.equal(found.body.authorization, null);

    for (const [name, documentNumber] of [
      [sun.body.loginName, SUN_LIHUA.documentNumber], // the login name is not the name
      ['孙丽', SUN_LIHUA.documentNumber],
      ['钱多多', unverified.body.documentNumber],
    ]) {
      const res = await org.client.post('/api/org/authorizations/search', { name, documentNumber });
      assert.equal(res.status, 404, name);
      assert.equal(res.body.code, 'PERSON_NOT_FOUND');
      assert.match(res.body.message, /实名认证/);
    }
    const asPerson = await sun.client.post('/api/org/authorizations/search', { name: '孙丽华', documentNumber: SUN_LIHUA.documentNumber });
    assert.equal(asPerson.status, 403, 'only organisation accounts authorise');
    const empty = await org.client.post('/api/org/authorizations/search', { name: '', documentNumber: '' });
    assert.equal(empty.status, 400);
  });

  it('grants only roles of systems the organisation holds; bad requests change nothing', async () => {
    const held = await system();
    const notHeld = await system();
    const org = await organization({}, held);
    await natural(CHEN_JING);
    const personId = await findPerson(org, CHEN_JING);

    const systems = (await org.client.get('/api/org/held-systems')).body.systems;
    assert.deepEqual(systems, [{ key: held.key, name: held.name, roles: ROLES }]);

    const refusals: [Body, string][] = [
      [grantBody(personId, [{ key: notHeld.key, roles: ['item_handler'] }]), 'SYSTEM_NOT_HELD'],
      [grantBody(personId, [{ key: held.key, roles: ['superuser'] }]), 'UNKNOWN_ROLE'],
      [grantBody(personId, [{ key: held.key, roles: [] }]), 'NO_ROLES'],
      [grantBody(personId, [{ key: held.key, roles: ['item_handler'] }], { maintainInfo: true }), 'MAINTAIN_INFO_NEEDS_ADMIN_ROLE'],
      [grantBody(personId, [{ key: held.key, roles: ['item_handler'] }], { validFrom: '2030-01-02', validTo: '2030-01-01' }), 'VALIDITY_INVALID'],
      [grantBody(personId, [{ key: held.key, roles: ['item_handler'] }], { validTo: '2020-01-01' }), 'VALIDITY_INVALID'],
      [grantBody(personId, [{ key: held.key, roles: ['item_handler'] }], { validTo: '2030-02-30' }), 'VALIDATION_FAILED'],
      [grantBody(org.accountId, [{ key: held.key, roles: ['item_handler'] }]), 'PERSON_NOT_FOUND'],
    ];
    for (const [body, code] of refusals) {
      const res = await org.client.post('/api/org/authorizations', body);
      assert.ok(res.status >= 400, code);
      assert.equal(res.body.code, code, JSON.stringify(res.body));
    }
    const notHeldRes = await org.client.post('/api/org/authorizations', refusals[0]![0]);
    assert.match(notHeldRes.body.message, new RegExp(`${notHeld.name}.*办理入口，进入一次才能获取权限`));
    assert.deepEqual((await org.client.get('/api/org/authorizations')).body.authorizations, []);
    assert.deepEqual((await org.client.get('/api/org/authorization-events')).body.events, []);

    const view = await grant(org, personId, [{ key: held.key, roles: ['item_handler', 'item_handler'] }], { validTo: '2099-12-31' });
    assert.equal(view.personName, '陈静');
    assert.deepEqual(view.systems, [{ key: held.key, name: held.name, roles: [ROLES[0]] }]);
    assert.equal(view.validTo, '2099-12-31');
    assert.equal(view.statusLabel, '正常');
  });
});

describe('a granted person', () => {
  it('sees the unit, enters the system for it, and the token carries the organisation and the roles of this system only', async () => {
    const hgr = await system();
    const other = await system();
    const org = await organization({}, hgr, other);
    const orgName = org.body.organization.name as string;
    const wang = await natural(WANG_WU);
    const personId = await findPerson(org, WANG_WU);
    await grant(org, personId, [
      { key: hgr.key, roles: ['item_handler'] },
      { key: other.key, roles: ['item_admin'] },
    ]);

    const delegations = (await wang.client.get('/api/me/delegations')).body.delegations;
    assert.equal(delegations.length, 1);
    assert.equal(delegations[0].organizationName, orgName);
    assert.equal(delegations[0].legalRepresentativeName, org.body.legalRepresentative.name);
    assert.equal(delegations[0].statusLabel, '正常');
    assert.equal(delegations[0].canMaintainInfo, false);

    assert.deepEqual((await wang.client.get(`/api/sso/entry/${hgr.key}`)).body, { ok: true, url: hgr.entryUrl });
    const { tokens } = await signIn(hgr, wang.client);
    assert.ok(tokens, 'signed in');
    assert.deepEqual(tokens.claims()!.acts_for, { organization_name: orgName, credit_code: org.body.organization.code, roles: [ROLES[0]] });

    // CAS carries the same.
    const service = `${hgr.casServicePrefix}app`;
    const login = await followRedirects(wang.client, `/cas/login?service=${encodeURIComponent(service)}`, { stopAt: service });
    const ticket = login.url.searchParams.get('ticket');
    assert.ok(ticket, `a ticket, got ${login.status} ${login.url}`);
    const validation = await fetch(`${t.baseUrl}/cas/p3/serviceValidate?format=JSON&service=${encodeURIComponent(service)}&ticket=${ticket}`);
    const attributes = ((await validation.json()) as Body).serviceResponse.authenticationSuccess.attributes;
    assert.equal(attributes.actsForOrganizationName, orgName);
    assert.deepEqual(attributes.actsForRoles, ['item_handler']);
  });

  it('a revoked grant stops new entries at once and its refresh tokens stop working; each step is recorded', async () => {
    const s = await system();
    const org = await organization({}, s);
    const ma = await natural(MA_XIAO);
    const personId = await findPerson(org, MA_XIAO);
    const view = await grant(org, personId, [{ key: s.key, roles: ['item_handler'] }]);
    const { tokens, config } = await signIn(s, ma.client);
    assert.ok(tokens?.refresh_token, 'a refresh token');

    const changed = await org.client.put(`/api/org/authorizations/${view.id}`, { systems: [{ key: s.key, roles: ['item_handler', 'item_admin'] }], maintainInfo: true });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
    assert.deepEqual((refreshed.claims()!.acts_for as Body).roles, ROLES, 'a change shows at the next refresh');

    assert.equal((await org.client.delete(`/api/org/authorizations/${view.id}`)).status, 200);
    await assert.rejects(oidc.refreshTokenGrant(config, refreshed.refresh_token!), (error: Error & { error?: string }) => error.error === 'invalid_grant');
    const entry = (await ma.client.get(`/api/sso/entry/${s.key}`)).body;
    assert.equal(entry.refusals[0].code, 'NO_AUTHORIZATION');
    assert.match(entry.refusals[0].message, /^没有权限办理该事项/);
    const again = await signIn(s, ma.client);
    assert.equal(again.landed.url.searchParams.get('error'), 'access_denied', 'no code after the revocation');

    const events = (await org.client.get('/api/org/authorization-events')).body.events;
    assert.deepEqual(events.map((e: Body) => e.actionLabel), ['撤销授权', '修改授权', '授权']);
    assert.equal(events[0].personName, '马骁');
    assert.equal(events[0].actorName, org.body.loginName);
    assert.deepEqual(events[1].systems, [{ name: s.name, roles: ['事项办理员', '单位事项管理员'] }]);
    const gone = await org.client.delete(`/api/org/authorizations/${view.id}`);
    assert.equal(gone.status, 404);
  });
});

describe('expiry and suspension', () => {
  it('an expired grant reads 授权已过期 and no longer counts', async () => {
    const s = await system();
    const org = await organization({}, s);
    const liu = await natural(LIU_XIAOWEN);
    const view = await grant(org, await findPerson(org, LIU_XIAOWEN), [{ key: s.key, roles: ['item_handler'] }]);
    // The API refuses a period already over: age it in the database, as time would.
    await t.db.query(`update authorizations set valid_from = '2020-01-01', valid_to = '2021-01-01' where id = $1`, [view.id]);

    assert.equal((await liu.client.get('/api/me/delegations')).body.delegations[0].statusLabel, '授权已过期');
    assert.equal((await org.client.get('/api/org/authorizations?status=expired')).body.authorizations.length, 1);
    assert.equal((await org.client.get('/api/org/authorizations?status=active')).body.authorizations.length, 0);
    const entry = (await liu.client.get(`/api/sso/entry/${s.key}`)).body;
    assert.equal(entry.refusals[0].code, 'AUTHORIZATION_EXPIRED');
    assert.equal(entry.refusals[0].message, `授权已过期，请联系${org.body.organization.name}的管理员（单位法人账号）重新授权。`);
  });

  it('disabling the organisation suspends its grants (停用); enabling restores them', async () => {
    const s = await system();
    const org = await organization({}, s);
    const zhou = await natural(ZHOU_RUN);
    await grant(org, await findPerson(org, ZHOU_RUN), [{ key: s.key, roles: ['item_admin'] }], { maintainInfo: true });
    const { tokens, config } = await signIn(s, zhou.client);
    assert.ok(tokens?.refresh_token);

    const operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    const found = (await operator.get(`/api/admin/organizations?q=${encodeURIComponent(org.body.organization.code)}`)).body.organizations;
    const target = found.find((o: Body) => o.id === org.accountId);
    assert.equal(target.disabled, false);
    assert.equal((await operator.post(`/api/admin/organizations/${org.accountId}/disable`)).status, 200);

    const suspended = (await zhou.client.get('/api/me/delegations')).body.delegations[0];
    assert.equal(suspended.statusLabel, '停用');
    assert.equal(suspended.canMaintainInfo, false);
    assert.equal((await zhou.client.get(`/api/sso/entry/${s.key}`)).body.refusals[0].code, 'AUTHORIZATION_SUSPENDED');
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token));
    assert.equal((await zhou.client.get(`/api/me/delegations/${org.accountId}/profile`)).status, 403);

    assert.equal((await operator.post(`/api/admin/organizations/${org.accountId}/enable`)).status, 200);
    assert.equal((await zhou.client.get('/api/me/delegations')).body.delegations[0].statusLabel, '正常');
    assert.equal((await zhou.client.get(`/api/sso/entry/${s.key}`)).body.ok, true);

    const audit = await t.db.query<{ action: string }>(`select action from audit_log where target_id = $1 order by id`, [org.accountId]);
    assert.deepEqual(audit.map((a) => a.action), ['organization.disable', 'organization.enable']);
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assert.equal((await reviewer.post(`/api/admin/organizations/${org.accountId}/disable`)).status, 403);
  });
});

describe('acting for several organisations', () => {
  it('the person chooses one at entry and gets only its roles; a sign-in without a choice goes to choose first', async () => {
    const s = await system();
    // Fresh organisations: the registry's others, with agents nobody else in this file uses.
    const shanghai = await organization(
      {
        organization: { name: '上海浦江智能制造有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91310115MA1K4BQX31' },
        legalRepresentative: representative('陈静', '310104198508124021', '2015-09-01'),
        primaryAgent: agent('吴佳怡', '330106198807170040'),
      },
      s,
    );
    const shenzhen = await organization(
      {
        organization: { name: '深圳南山数据服务有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91440300MA5F7RNU21' },
        legalRepresentative: representative('黄志强', '440305197811263317', '2024-03-15'),
        primaryAgent: agent('郑海波', '210202196606061298'),
      },
      s,
    );
    const person = await natural(ZHANG_SAN);
    await grant(shanghai, await findPerson(shanghai, ZHANG_SAN), [{ key: s.key, roles: ['item_handler'] }]);
    await grant(shenzhen, await findPerson(shenzhen, ZHANG_SAN), [{ key: s.key, roles: ['item_admin'] }]);

    const asked = (await person.client.get(`/api/sso/entry/${s.key}`)).body;
    assert.equal(asked.ok, false);
    assert.deepEqual(asked.choices.map((c: Body) => c.organizationName).sort(), ['上海浦江智能制造有限公司', '深圳南山数据服务有限公司']);
    const bad = await person.client.post(`/api/sso/entry/${s.key}`, { organizationId: person.accountId });
    assert.equal(bad.body.code, 'ACTING_CHOICE_INVALID');

    // Straight from the business system, no choice yet: off to the entry page to choose, and back.
    const first = await signIn(s, person.client);
    assert.equal(first.tokens, undefined);
    assert.match(first.landed.url.pathname + first.landed.url.search, new RegExp(`^/services/entry/${s.key}\\?return=%2Fsso%2Finteraction%2F`));
    const chosen = await person.client.post(`/api/sso/entry/${s.key}`, { organizationId: shenzhen.accountId });
    assert.deepEqual(chosen.body, { ok: true, url: s.entryUrl });
    const back = first.landed.url.searchParams.get('return')!;
    const resumed = await followRedirects(person.client, back, { stopAt: s.oidc!.redirectUris[0]! });
    assert.ok(resumed.url.searchParams.get('code'), `resumed with a code, got ${resumed.status} ${resumed.url}`);

    const { tokens } = await signIn(s, person.client);
    assert.deepEqual(tokens!.claims()!.acts_for, { organization_name: '深圳南山数据服务有限公司', credit_code: '91440300MA5F7RNU21', roles: [ROLES[1]] });

    await person.client.post(`/api/sso/entry/${s.key}`, { organizationId: shanghai.accountId });
    const switched = await signIn(s, person.client);
    assert.deepEqual((switched.tokens!.claims()!.acts_for as Body).organization_name, '上海浦江智能制造有限公司');
    assert.deepEqual((switched.tokens!.claims()!.acts_for as Body).roles, [ROLES[0]]);

    // A refresh reads the organisation its grant acts for with the refresh token, not on its own.
    const [refreshed, statements] = await recordStatements(t.db, () => oidc.refreshTokenGrant(switched.config, switched.tokens!.refresh_token!));
    assert.equal((refreshed.claims()!.acts_for as Body).organization_name, '上海浦江智能制造有限公司');
    assert.ok(!statements.some(({ params }) => params[0] === 'GrantActing'), 'GrantActing came with the refresh token');

    // What a token reads in one statement (delegationInSystem) is what the person's list of the system says.
    const store = authorizationStore(t.platform.db, t.platform.cipher);
    const listed = await store.forPersonInSystem(person.accountId, s.id);
    for (const org of [shanghai, shenzhen]) {
      const read = await store.delegationInSystem(person.accountId, s.id, org.accountId);
      assert.ok(read);
      assert.deepEqual(read, listed.find((r) => r.organizationId === org.accountId));
    }
    assert.equal(await store.delegationInSystem(person.accountId, (await system()).id, shanghai.accountId), undefined, 'no role in another system');
    assert.equal(await store.delegationInSystem(person.accountId, s.id, person.accountId), undefined, 'no authorisation from that account');
  });
});

describe('maintaining the organisation’s information', () => {
  it('单位事项管理员 with 维护法人(单位)信息 may edit it, recorded under their name; 事项办理员 may not', async () => {
    // A Torch-like system: a person acting for the organisation meets its requirements through it (FAQ 三.1.4).
    const s = await system({ requirements: ['organization_basic_complete', 'organization_other_complete', 'primary_agent_verified'] });
    const org = await organization(
      {
        organization: { name: '中国科学技术信息研究所', region: 'domestic', legalPersonType: 'public_institution', code: '12100000400012345P' },
        legalRepresentative: representative('孙丽华', '420106197309302829', '2020-11-02'),
        primaryAgent: agent('李四', '110108198005152010'),
      },
      s,
    );
    const huang = person('黄志强', '440305197811263317', '2024-03-15', '2044-03-15');
    const zhao = person('赵德明', '110101194501010019', '2005-01-01', '2045-01-01');
    const admin = await natural({ ...huang, validTo: '', longTerm: true });
    const handler = await natural({ ...zhao, validTo: '', longTerm: true });
    await grant(org, await findPerson(org, huang), [{ key: s.key, roles: ['item_admin'] }], { maintainInfo: true });
    await grant(org, await findPerson(org, zhao), [{ key: s.key, roles: ['item_handler'] }]);

    const base = `/api/me/delegations/${org.accountId}`;
    const other = { registrationAuthority: '国家市场监督管理总局', businessTerm: '长期' };
    const refused = await handler.client.put(`${base}/profile/organization-other`, other);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'DELEGATION_CANNOT_MAINTAIN');
    assert.equal((await handler.client.get(`${base}/profile`)).status, 403);
    assert.equal((await org.client.get(`${base}/profile`)).status, 403, 'an organisation account is not a delegate');

    const view = await admin.client.get(`${base}/profile`);
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.equal(view.body.organizationBasic.name, '中国科学技术信息研究所');
    assert.equal(view.body.primaryAgent, undefined, 'the primary agent stays private');
    const incomplete = (await admin.client.get(`/api/sso/entry/${s.key}`)).body;
    const codes = (body: Body) => body.refusals.map((r: Body) => r.code);
    assert.deepEqual(codes(incomplete), ['ORGANIZATION_BASIC_INCOMPLETE', 'ORGANIZATION_OTHER_INCOMPLETE', 'PRIMARY_AGENT_NOT_VERIFIED']);
    assert.match(incomplete.refusals[1].message, /^法人单位其他信息不完整（缺少：单位经营期限、所属行业1/);

    const saved = await admin.client.put(`${base}/profile/organization-other`, { ...view.body.organizationOther, ...other });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal((await org.client.get('/api/me/profile')).body.organizationOther.registrationAuthority, '国家市场监督管理总局');
    const records = (await org.client.get('/api/me/update-records?section=organization_other')).body.records;
    assert.equal(records[0].actorName, '黄志强');
    assert.ok(records[0].changes.some((c: Body) => c.new === '国家市场监督管理总局'));
    const seenByDelegate = (await admin.client.get(`${base}/update-records`)).body.records;
    assert.equal(seenByDelegate[0].actorName, '黄志强');

    const complete = {
      businessTerm: '长期', industry1: '科学研究和技术服务业', industry2: '科技推广和应用服务业', registrationAuthority: '国家市场监督管理总局',
      approvedOn: '2001-06-01', foreignCapitalSource: '无', incomeTaxMethod: '查账征收', enterpriseType: '事业单位',
    };
    assert.equal((await admin.client.put(`${base}/profile/organization-other`, complete)).status, 200);
    // The organisation's state, whoever asks: 其他信息 is complete now, for the 事项办理员 too.
    assert.deepEqual(codes((await handler.client.get(`/api/sso/entry/${s.key}`)).body), ['ORGANIZATION_BASIC_INCOMPLETE', 'PRIMARY_AGENT_NOT_VERIFIED']);
  });
});
