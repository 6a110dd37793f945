/**
 * Real-name verification through the HTTP API against this platform's own development
 * registry: registration and key-field saves verify, manual document and organisation
 * types wait for uploads without asking the registry, outages leave the save standing
 * and are retried, and one document backs one verified natural-person account.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndLogIn, registerNatural, type Body } from '../../test/support/accounts.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { DEMO, seedDemoData } from '../demo/seed.ts';
import { retryPending } from './service.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%' or key like 'register%'`);
  await setRegistryMode('normal');
});

async function setRegistryMode(mode: 'normal' | 'down' | 'slow') {
  const res = await fetch(`${t.registryUrl}/control`, { method: 'POST', body: JSON.stringify({ mode }) });
  assert.equal(res.status, 200);
}

/** Verify requests the registry has received so far. */
async function registryRequests(): Promise<number> {
  const res = await fetch(`${t.registryUrl}/control`);
  return ((await res.json()) as { verifyRequests: number }).verifyRequests;
}

// Synthetic people of src/realname/registry/data/dev-registry.json; each test uses its own.
const WANG_WU = { name: '王五', documentNumber: '110108199206203018', validFrom: '2018-06-01', validTo: '2038-06-01', longTerm: false };
const CHEN_JING = { name: '陈静', documentNumber: '310104198508124021', validFrom: '2015-09-01', validTo: '2035-09-01', longTerm: false };
const HUANG_ZHIQIANG = { name: '黄志强', documentNumber: '440305197811263317', validFrom: '2024-03-15', validTo: '', longTerm: true };
const LIU_XIAOWEN = { name: '刘晓雯', documentNumber: '510107199502034624', validFrom: '2017-07-20', validTo: '2027-07-20', longTerm: false };
const ZHOU_RUN = { name: '周润', documentNumber: '32050220000229151X', validFrom: '2021-05-06', validTo: '2031-05-06', longTerm: false };
const WU_JIAYI = { name: '吴佳怡', documentNumber: '330106198807170040', validFrom: '2014-10-11', validTo: '2034-10-11', longTerm: false };
const SUN_LIHUA = { name: '孙丽华', documentNumber: '420106197309302829', validFrom: '2020-11-02', validTo: '', longTerm: true };
const ZHENG_HAIBO = { name: '郑海波', documentNumber: '210202196606061298', validFrom: '2012-04-18', validTo: '', longTerm: true };
const MA_XIAO = { name: '马骁', documentNumber: '610113200111114578', validFrom: '2017-12-01', validTo: '2027-12-01', longTerm: false };

const natural = (overrides: Body) => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('rn'), ...overrides });

async function statusOf(client: { get(path: string): Promise<{ body: any }> }, subject: string) {
  return (await client.get('/api/me/profile')).body.verification[subject];
}

describe('natural person: registration verifies against the national registry', () => {
  it('an identity the registry holds → 国家平台实名认证通过, shown in My information', async () => {
    const me = await natural(WANG_WU);
    const view = await statusOf(me.client, 'natural_person');
    assert.equal(view.status, 'registry_verified');
    assert.equal(view.label, '国家平台实名认证通过');
    assert.equal(view.labelEn, 'Verified by the national platform');
    assert.equal(view.method, 'registry');
  });

  it('the registration answer carries the status', async () => {
    const { res } = await registerNatural(new ApiClient(t.baseUrl), { loginName: uniqueLoginName('rn'), ...MA_XIAO });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.verification.natural_person.label, '国家平台实名认证通过');
    assert.equal(res.body.notice, undefined);
  });

  it('a wrong name → 实名认证失败 (mismatch); an unknown document → 实名认证失败 (not found)', async () => {
    const wrong = await natural({ ...CHEN_JING, name: '陈晶' });
    const view = await statusOf(wrong.client, 'natural_person');
    assert.equal(view.label, '实名认证失败');
    assert.equal(view.reason.code, 'REGISTRY_MISMATCH');
    assert.equal(view.reason.detail, 'name');
    const unknown = await natural({ name: '无此人' });
    assert.equal((await statusOf(unknown.client, 'natural_person')).reason.code, 'REGISTRY_NOT_FOUND');
  });

  for (const [label, identity] of [
    ['foreign passport (境外护照)', { region: 'other', documentType: 'foreign_passport', documentNumber: 'E12345678', validFrom: '', validTo: '', longTerm: false }],
    ['foreign permanent residence card (外国人永久居留证)', { region: 'mainland', documentType: 'foreign_permanent_residence', documentNumber: 'USA123456789012', validFrom: '', validTo: '', longTerm: false }],
  ] as const) {
    it(`${label} → manual review: 实名认证失败 awaiting upload, registry not asked`, async () => {
      const before = await registryRequests();
      const me = await natural({ name: 'John Smith', ...identity });
      const view = await statusOf(me.client, 'natural_person');
      assert.equal(view.label, '实名认证失败');
      assert.equal(view.method, 'manual');
      assert.equal(view.reason.code, 'MANUAL_REVIEW_REQUIRED');
      assert.equal(await registryRequests(), before);
    });
  }
});

describe('natural person: saving My information', () => {
  it('editing the e-mail does not verify again; editing the name does, and the answer says 实名认证失败', async () => {
    const me = await natural(HUANG_ZHIQIANG);
    assert.equal((await statusOf(me.client, 'natural_person')).status, 'registry_verified');
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;

    const before = await registryRequests();
    const email = await me.client.put('/api/me/profile/natural-person', { ...view, email: 'hzq@example.cn' });
    assert.equal(email.status, 200, JSON.stringify(email.body));
    assert.deepEqual(email.body.changed, ['email']);
    assert.equal(email.body.verification, undefined);
    assert.equal(await registryRequests(), before);
    assert.equal((await statusOf(me.client, 'natural_person')).status, 'registry_verified');

    const renamed = await me.client.put('/api/me/profile/natural-person', { ...view, email: 'hzq@example.cn', name: '黄志刚' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(await registryRequests(), before + 1);
    assert.equal(renamed.body.verification.natural_person.label, '实名认证失败');
    assert.equal(renamed.body.notice.message, '实名认证失败，验证失败，请检查输入信息。');
    assert.equal((await me.client.get('/api/me/profile')).body.naturalPerson.name, '黄志刚', 'the save stands');

    const back = await me.client.put('/api/me/profile/natural-person', { ...view, email: 'hzq@example.cn' });
    assert.equal(back.body.verification.natural_person.status, 'registry_verified');
    assert.equal(back.body.notice, undefined);
  });

  it('registry down: the save succeeds and the status is pending; back up, the retry verifies', async () => {
    const me = await natural({ ...ZHOU_RUN, validTo: '2031-05-07' });
    assert.equal((await statusOf(me.client, 'natural_person')).reason.code, 'REGISTRY_MISMATCH');
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;

    await setRegistryMode('down');
    const saved = await me.client.put('/api/me/profile/natural-person', { ...view, validTo: ZHOU_RUN.validTo });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const pending = saved.body.verification.natural_person;
    assert.equal(pending.status, 'pending');
    assert.equal(pending.label, '实名认证核验中，请稍后查看');
    const [row] = await t.db.query<{ attempts: number; next_attempt_at: Date }>(`select attempts, next_attempt_at from verifications where account_id = $1 and subject = 'natural_person'`, [me.accountId]);
    assert.equal(row!.attempts, 1);
    assert.ok(row!.next_attempt_at.getTime() > Date.now());

    // Not yet due: nothing is claimed.
    await setRegistryMode('normal');
    await retryPending(t.platform);
    assert.equal((await statusOf(me.client, 'natural_person')).status, 'pending');

    await retryPending(t.platform, { now: new Date(Date.now() + 60 * 60_000) });
    assert.equal((await statusOf(me.client, 'natural_person')).label, '国家平台实名认证通过');
  });

  it('registration while the registry is down succeeds and stays pending until retried', async () => {
    await setRegistryMode('down');
    const me = await natural(LIU_XIAOWEN);
    assert.equal((await statusOf(me.client, 'natural_person')).status, 'pending');
    await setRegistryMode('normal');
    const [due] = await t.db.query<{ n: number }>(`select count(*)::int as n from verifications where status = 'pending'`);
    const before = await registryRequests();
    // Two workers at once: each pending row is claimed by exactly one of them.
    const later = new Date(Date.now() + 60 * 60_000);
    const [a, b] = await Promise.all([retryPending(t.platform, { now: later }), retryPending(t.platform, { now: later })]);
    assert.equal(a + b, due!.n);
    assert.equal(await registryRequests(), before + due!.n);
    assert.equal((await statusOf(me.client, 'natural_person')).status, 'registry_verified');
  });

  it('a second account that enters a document another account verified → 实名认证失败 DOCUMENT_TAKEN', async () => {
    const first = await natural(WU_JIAYI);
    assert.equal((await statusOf(first.client, 'natural_person')).status, 'registry_verified');
    const second = await natural({ name: '无此人' });
    const before = await registryRequests();
    const profile = (await second.client.get('/api/me/profile')).body.naturalPerson;
    const saved = await second.client.put('/api/me/profile/natural-person', { ...profile, ...WU_JIAYI });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const view = await statusOf(second.client, 'natural_person');
    assert.equal(view.label, '实名认证失败');
    assert.equal(view.reason.code, 'DOCUMENT_TAKEN');
    assert.equal(await registryRequests(), before, 'decided without asking the registry');
    assert.equal((await statusOf(first.client, 'natural_person')).status, 'registry_verified');
  });

  it('registering with a document a verified account holds is refused with 证件号码已被注册; one held only unverified may register again', async () => {
    assert.equal((await statusOf((await natural(SUN_LIHUA)).client, 'natural_person')).status, 'registry_verified');
    const [before] = await t.db.query<{ n: number }>('select count(*)::int as n from accounts');
    const { res } = await registerNatural(new ApiClient(t.baseUrl), { loginName: uniqueLoginName('rn'), ...SUN_LIHUA });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'DOCUMENT_TAKEN');
    assert.match(res.body.message, /证件号码已被注册/);
    const [after] = await t.db.query<{ n: number }>('select count(*)::int as n from accounts');
    assert.equal(after!.n, before!.n, 'nothing saved');

    const unverified = { ...ZHENG_HAIBO, name: '郑海涛' };
    await natural(unverified);
    const again = await registerNatural(new ApiClient(t.baseUrl), { loginName: uniqueLoginName('rn'), ...unverified });
    assert.equal(again.res.status, 201, JSON.stringify(again.res.body));
  });
});

describe('legal person: organisation and primary agent', () => {
  const legal = (overrides: Body) => registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('rc'), ...overrides });
  const storedOrganizationState = async (accountId: string) =>
    (await t.db.query<{ status: string; reason: string | null }>(`select status, reason from verifications where account_id = $1 and subject = 'organization'`, [accountId]))[0]!;
  const agent = { ...MA_XIAO, mobile: '13912345678', region: 'mainland', documentType: 'resident_id' };

  it('a domestic enterprise the registry holds and a known primary agent → both 国家平台实名认证通过', async () => {
    const org = await legal({
      organization: { name: '上海浦江智能制造有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91310115MA1K4BQX31' },
      legalRepresentative: { name: '陈静', mobile: '13712345678', region: 'mainland', documentType: 'resident_id', documentNumber: CHEN_JING.documentNumber, validFrom: CHEN_JING.validFrom, validTo: CHEN_JING.validTo, longTerm: false },
      primaryAgent: agent,
    });
    const verification = (await org.client.get('/api/me/profile')).body.verification;
    // platform-faq.md 三.1 3(1): the organisation's status shows once 法人单位基本信息 are complete; the registry's answer is kept.
    assert.equal(verification.organization.label, '用户信息不全，请及时补充！');
    assert.equal((await storedOrganizationState(org.accountId)).status, 'registry_verified');
    assert.equal(verification.primary_agent.label, '国家平台实名认证通过');
    assert.equal(verification.natural_person, undefined);
  });

  for (const [label, organization] of [
    ['domestic 其他', { region: 'domestic', legalPersonType: 'other', code: '' }],
    ['HK/Macao/Taiwan', { region: 'hkmt', legalPersonType: 'enterprise', code: 'HK-20240001' }],
    ['foreign', { region: 'foreign', legalPersonType: 'enterprise', code: 'DE-HRB-12345' }],
  ] as const) {
    it(`a ${label} organisation → manual review (实名认证失败 awaiting upload), registry not asked for it`, async () => {
      const before = await registryRequests();
      const org = await legal({ organization: { name: `测试单位${uniqueLoginName('o').replace('_', '')}`, ...organization } });
      const verification = (await org.client.get('/api/me/profile')).body.verification;
      // Shown once 法人单位基本信息 are complete (platform-faq.md 三.1 3(1)); stored now.
      assert.equal(verification.organization.label, '用户信息不全，请及时补充！');
      assert.deepEqual(await storedOrganizationState(org.accountId), { status: 'failed', reason: 'MANUAL_REVIEW_REQUIRED' });
      // Only the (unknown, resident-ID) primary agent was asked.
      assert.equal(await registryRequests(), before + 1);
      assert.equal(verification.primary_agent.reason.code, 'REGISTRY_NOT_FOUND');
    });
  }
});

describe('legal representative: a person checked by the registry (issue 14.12, foreigner quickstart 4.2.2 法定代表人信息)', () => {
  const legal = (overrides: Body) => registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('rr'), ...overrides });
  const basicCompletion = { nature: '企业', independent: 'yes', address: '深圳市南山区科技园', foundedOn: '2015-06-01', mailingAddress: '深圳市南山区科技园 518057' };

  /** The organisation's verification as stored (what the registry answered), whatever My information shows before the data is complete. */
  async function storedOrganization(accountId: string) {
    const [row] = await t.db.query<{ status: string; reason: string | null; reason_detail: string | null }>(
      `select status, reason, reason_detail from verifications where account_id = $1 and subject = 'organization'`,
      [accountId],
    );
    return row!;
  }

  it("another person's document number (证件号码, 修改触发实名认证 = 是) → 实名认证失败 naming it; the right one verifies again", async () => {
    const org = await legal({
      organization: { name: '深圳南山数据服务有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91440300MA5F7RNU21' },
      legalRepresentative: { ...HUANG_ZHIQIANG, mobile: '13712340000', region: 'mainland', documentType: 'resident_id' },
      primaryAgent: { ...ZHENG_HAIBO, mobile: '13912340000', region: 'mainland', documentType: 'resident_id' },
    });
    assert.equal((await storedOrganization(org.accountId)).status, 'registry_verified');
    const basic = (await org.client.get('/api/me/profile')).body.organizationBasic;
    const save = (rep: Body = {}) => org.client.put('/api/me/profile/organization-basic', { ...basic, ...basicCompletion, legalRepresentative: { ...basic.legalRepresentative, email: 'hzq@example.cn', ...rep } });
    assert.equal((await save()).status, 200);
    assert.equal((await statusOf(org.client, 'organization')).label, '国家平台实名认证通过');

    // 王五 is a person of the registry, but not this organisation's representative; the name stays 黄志强.
    const before = await registryRequests();
    const wrong = await save({ documentNumber: WANG_WU.documentNumber });
    assert.equal(wrong.status, 200, JSON.stringify(wrong.body));
    assert.deepEqual(wrong.body.changed, ['legalRepresentative.documentNumber']);
    assert.equal(await registryRequests(), before + 1, 'the number is a key field: verified again');
    assert.deepEqual(await storedOrganization(org.accountId), { status: 'failed', reason: 'REGISTRY_MISMATCH', reason_detail: 'legalRepresentativeDocumentNumber' });
    const failed = await statusOf(org.client, 'organization');
    assert.equal(failed.label, '实名认证失败');
    assert.equal(failed.reason.detail, 'legalRepresentativeDocumentNumber');

    await save({ documentNumber: HUANG_ZHIQIANG.documentNumber });
    assert.equal((await statusOf(org.client, 'organization')).label, '国家平台实名认证通过');
    // The representative's name is checked against the person registry too.
    await save({ documentNumber: HUANG_ZHIQIANG.documentNumber, name: '黄志刚' });
    assert.deepEqual(await storedOrganization(org.accountId), { status: 'failed', reason: 'REGISTRY_MISMATCH', reason_detail: 'legalRepresentativeName' });
  });

  it('a representative with a document the registry cannot check (境外护照) → the organisation goes to manual review', async () => {
    const before = await registryRequests();
    const org = await legal({
      legalRepresentative: { name: 'John Smith', mobile: '13712340001', region: 'other', documentType: 'foreign_passport', documentNumber: 'E12345678', validFrom: '', validTo: '', longTerm: false },
    });
    assert.deepEqual(await storedOrganization(org.accountId), { status: 'failed', reason: 'MANUAL_REVIEW_REQUIRED', reason_detail: null });
    // Only the (unknown, resident-ID) primary agent was asked.
    assert.equal(await registryRequests(), before + 1);
  });
});

describe('demo data', () => {
  it('the demo natural person and company are verified by the development registry', async () => {
    await seedDemoData(t.platform);
    const person = await registerlessLogin('natural', DEMO.naturalPerson.loginName, DEMO.naturalPerson.password);
    assert.equal((await statusOf(person, 'natural_person')).label, '国家平台实名认证通过');
    const company = await registerlessLogin('legal', DEMO.legalPerson.loginName, DEMO.legalPerson.password);
    const verification = (await company.get('/api/me/profile')).body.verification;
    assert.equal(verification.organization.status, 'registry_verified');
    assert.equal(verification.primary_agent.status, 'registry_verified');
  });
});

async function registerlessLogin(kind: 'natural' | 'legal', loginName: string, password: string) {
  const client = new ApiClient(t.baseUrl);
  const res = await client.login(kind, loginName, password);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return client;
}
