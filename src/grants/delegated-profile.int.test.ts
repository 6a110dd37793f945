/**
 * 法人单位基本信息 maintained by a person the organisation authorised
 * (PUT /api/me/delegations/:organizationId/profile/organization-basic): only with
 * 单位事项管理员 and 维护法人(单位)信息, only for the organisation that granted them, only while
 * the grant counts; bad input is refused field by field; a refusal changes nothing.
 */
import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { registerAndLogIn, type Body } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { mobile, uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { approveHolding } from '../sso/entry/service.ts';
import { systemsStore } from '../sso/systems-store.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

// People and organisations the development registry knows, so they are verified.
const longTerm = (name: string, documentNumber: string) => ({ name, documentNumber, validFrom: '2005-01-01', validTo: '', longTerm: true });
const HUANG = { name: '黄志强', documentNumber: '440305197811263317', validFrom: '2024-03-15', validTo: '', longTerm: true };
const ZHAO = longTerm('赵德明', '110101194501010019');
const ZHENG = { name: '郑海波', documentNumber: '210202196606061298', validFrom: '2012-04-18', validTo: '', longTerm: true };
const representative = (name: string, documentNumber: string, validFrom: string) => ({ name, mobile: mobile(), region: 'mainland', documentType: 'resident_id', documentNumber, validFrom, validTo: '', longTerm: true });
const agent = (name: string, documentNumber: string) => ({ name, documentNumber, validFrom: '2015-01-01', validTo: '', longTerm: true, mobile: mobile(), region: 'mainland', documentType: 'resident_id' });

const basicCompletion = { nature: '事业单位', independent: 'yes', address: '北京市海淀区复兴路15号', foundedOn: '1956-10-01', mailingAddress: '北京市海淀区复兴路15号 100038' };

interface Org {
  client: ApiClient;
  accountId: string;
}

let granting: Org;
let otherOrg: Org;
let maintainer: ApiClient;
let adminWithoutMaintain: ApiClient;
let handlerWithMaintain: ApiClient;
let systemKey: string;

async function grant(org: Org, person: { name: string; documentNumber: string }, roles: string[], maintainInfo: boolean) {
  const found = await org.client.post('/api/org/authorizations/search', { name: person.name, documentNumber: person.documentNumber });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const res = await org.client.post('/api/org/authorizations', { personId: found.body.person.personId, systems: [{ key: systemKey, roles }], maintainInfo });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as Body;
}

const organizationRow = async (accountId: string) =>
  (await t.db.query<Body>('select name, code, basic, other from organizations where account_id = $1', [accountId]))[0];
const identityRows = async (accountId: string) =>
  t.db.query<Body>('select * from identities where account_id = $1 order by role', [accountId]);
const recordCount = async (accountId: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from update_records where account_id = $1', [accountId]))[0]!.n;
/** What a refused save must leave untouched. */
const stateOf = async (accountId: string) => ({ organization: await organizationRow(accountId), identities: await identityRows(accountId), records: await recordCount(accountId) });

const path = (organizationId: string) => `/api/me/delegations/${organizationId}/profile/organization-basic`;

/** Two organisations holding a system that requires a grant, and the people they authorised. */
async function setUp() {
  const created = await systemsStore(t.platform.db, t.platform.cipher).create({
    key: `delegated-${Date.now()}`,
    name: '授权维护测试系统',
    department: '测试司',
    audience: 'both',
    requiresVerification: true,
    requirements: [],
    requiresApproval: false,
    requiresGrant: true,
    roles: [
      { code: 'item_handler', name: '事项办理员' },
      { code: 'item_admin', name: '单位事项管理员' },
    ],
    oidc: null,
    casServicePrefix: null,
    entryUrl: 'http://localhost:4999/login',
    mobileAllowed: false,
    enabled: true,
  });
  systemKey = created.key;
  const legal = async (data: Body) => {
    const org = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('deleg'), ...data });
    await approveHolding(t.platform, org.accountId, created.id);
    return org;
  };
  granting = await legal({
    organization: { name: '中国科学技术信息研究所', region: 'domestic', legalPersonType: 'public_institution', code: '12100000400012345P' },
    legalRepresentative: representative('孙丽华', '420106197309302829', '2020-11-02'),
    primaryAgent: agent('李四', '110108198005152010'),
  });
  otherOrg = await legal({
    organization: { name: '广东省科技发展研究中心', region: 'domestic', legalPersonType: 'public_institution', code: '124400004558580114' },
    legalRepresentative: representative('郑海波', '210202196606061298', '2012-04-18'),
    primaryAgent: agent('陈静', '310104198508124021'),
  });
  const natural = async (who: Body) => (await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('delegate'), ...who })).client;
  maintainer = await natural(HUANG);
  adminWithoutMaintain = await natural(ZHAO);
  handlerWithMaintain = await natural(ZHENG);
  await grant(granting, HUANG, ['item_admin'], true);
  await grant(granting, ZHAO, ['item_admin'], false);
  // The grant refuses 维护法人(单位)信息 without 单位事项管理员; a row that has it anyway (older data) must still not maintain.
  await grant(granting, ZHENG, ['item_handler'], false);
  const flagged = await t.db.query(
    `update authorizations set maintain_info = true where organization_id = $1
       and person_id = (select account_id from identities where role = 'natural_person' and name = $2) returning id`,
    [granting.accountId, ZHENG.name],
  );
  assert.equal(flagged.length, 1);
  // The other organisation granted the maintainer nothing (it granted someone else everything).
  await grant(otherOrg, ZHAO, ['item_admin'], true);
}

/** The organisation's basic information as the maintainer sees it, completed: a body that saves. */
async function completeBasic(): Promise<Body> {
  const view = await maintainer.get(`/api/me/delegations/${granting.accountId}/profile`);
  assert.equal(view.status, 200, JSON.stringify(view.body));
  const basic = view.body.organizationBasic as Body;
  return { ...basic, ...basicCompletion, legalRepresentative: { ...basic.legalRepresentative, email: 'director@example.cn' } };
}

describe('PUT /api/me/delegations/:organizationId/profile/organization-basic', () => {
  // In the suite, not at the top: the file's top-level before hooks run concurrently with the platform's.
  before(setUp);

  it('单位事项管理员 with 维护法人(单位)信息 saves it; the update record carries their name', async () => {
    const body = await completeBasic();
    const saved = await maintainer.put(path(granting.accountId), { ...body, address: '北京市海淀区复兴路15号 东楼' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.ok(saved.body.changed.includes('address'));
    assert.equal((await organizationRow(granting.accountId))!.basic.address, '北京市海淀区复兴路15号 东楼');
    const records = (await granting.client.get('/api/me/update-records?section=organization_basic')).body.records;
    assert.equal(records[0].actorName, '黄志强');
  });

  it('refused (403 DELEGATION_CANNOT_MAINTAIN) without 维护法人(单位)信息, without 单位事项管理员, or for an organisation that did not grant it; nothing changes', async () => {
    const body = { ...(await completeBasic()), address: '被篡改的地址' };
    const before = await stateOf(granting.accountId);
    const otherBefore = await stateOf(otherOrg.accountId);
    assertError(await adminWithoutMaintain.put(path(granting.accountId), body), 403, 'DELEGATION_CANNOT_MAINTAIN');
    assertError(await handlerWithMaintain.put(path(granting.accountId), body), 403, 'DELEGATION_CANNOT_MAINTAIN');
    assertError(await maintainer.put(path(otherOrg.accountId), body), 403, 'DELEGATION_CANNOT_MAINTAIN');
    // Someone the organisation never authorised, and an organisation id that is not one.
    const stranger = (await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('stranger') })).client;
    assertError(await stranger.put(path(granting.accountId), body), 403, 'DELEGATION_CANNOT_MAINTAIN');
    assertError(await maintainer.put(path('00000000-0000-4000-8000-000000000000'), body), 403, 'DELEGATION_CANNOT_MAINTAIN');
    assert.deepEqual(await stateOf(granting.accountId), before);
    assert.deepEqual(await stateOf(otherOrg.accountId), otherBefore);
  });

  it('an organisation account, even the organisation itself, is not a delegate (403 FORBIDDEN); nobody logged in is 401', async () => {
    const body = await completeBasic();
    const before = await stateOf(granting.accountId);
    assertError(await granting.client.put(path(granting.accountId), body), 403, 'FORBIDDEN');
    assertError(await otherOrg.client.put(path(granting.accountId), body), 403, 'FORBIDDEN');
    assertError(await new ApiClient(t.baseUrl).put(path(granting.accountId), body), 401, 'NOT_LOGGED_IN');
    assert.deepEqual(await stateOf(granting.accountId), before);
  });

  it('a grant that no longer counts (expired, or the organisation disabled) maintains nothing', async () => {
    const body = { ...(await completeBasic()), address: '过期后的地址' };
    const before = await stateOf(granting.accountId);
    const expired = await t.db.query(`update authorizations set valid_to = current_date - 1 where organization_id = $1 returning id`, [granting.accountId]);
    assert.equal(expired.length, 3);
    try {
      assertError(await maintainer.put(path(granting.accountId), body), 403, 'DELEGATION_CANNOT_MAINTAIN');
    } finally {
      await t.db.query(`update authorizations set valid_to = null where organization_id = $1`, [granting.accountId]);
    }
    await t.db.query('update accounts set disabled = true where id = $1', [granting.accountId]);
    try {
      assertError(await maintainer.put(path(granting.accountId), body), 403, 'DELEGATION_CANNOT_MAINTAIN');
    } finally {
      await t.db.query('update accounts set disabled = false where id = $1', [granting.accountId]);
    }
    assert.deepEqual(await stateOf(granting.accountId), before);
  });

  it('bad input is 400 VALIDATION_FAILED naming each field, and changes nothing', async () => {
    const body = await completeBasic();
    const before = await stateOf(granting.accountId);
    assertFieldError(await maintainer.put(path(granting.accountId), { ...body, mailingAddress: '' }), 'mailingAddress', 'REQUIRED_FIELD');
    assertFieldError(await maintainer.put(path(granting.accountId), { ...body, foundedOn: '' }), 'foundedOn', 'REQUIRED_FIELD');
    assertFieldError(await maintainer.put(path(granting.accountId), { ...body, code: '' }), 'code', 'CREDIT_CODE_REQUIRED');
    assertFieldError(await maintainer.put(path(granting.accountId), { ...body, capital: '一百万' }), 'capital', 'CAPITAL_INVALID');
    const empty = await maintainer.put(path(granting.accountId), {});
    assertError(empty, 400, 'VALIDATION_FAILED');
    assert.ok(empty.body.fields.length > 1, JSON.stringify(empty.body));
    assert.deepEqual(await stateOf(granting.accountId), before);
  });

  it('a malformed organisation id is 400 (field organizationId), not a server error', async () => {
    const body = await completeBasic();
    for (const id of ['not-a-uuid', '1', "x' or '1'='1"]) {
      const res = await maintainer.put(path(encodeURIComponent(id)), body);
      assertError(res, 400, 'VALIDATION_FAILED');
      assert.equal(res.body.fields[0].field, 'organizationId');
    }
  });
});
