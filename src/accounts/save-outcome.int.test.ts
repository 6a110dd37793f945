/**
 * What a save of 我的信息 answers, over the HTTP API: foreigner-work-system-login-quickstart.md,
 * 4.1.2 修改自然人用户信息(触发实名认证): the seed's dialog 实名认证失败，验证失败，请检查输入信息。
 * 自然人用户修改个人信息成功。, after every save of a section with a verification subject (key
 * fields or not), with the next step the reason calls for (证件号码已存在 → 自然人申诉找回密码;
 * 该证件类型需人工审核… → the upload page) instead of "check your input"; and 4.2.2 for the
 * organisation, whose status waits for its 法人单位基本信息 (platform-faq.md 三.1 3(1)).
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndLogIn, type Body } from '../../test/support/accounts.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';

const t = testPlatformForFile();
beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%' or key like 'register%'`);
});

const CHECK_INPUT = '实名认证失败，验证失败，请检查输入信息。';
const MANUAL = '该证件类型需人工审核，请上传签字后的证件扫描件';
const SAVED = '自然人用户修改个人信息成功。';

// Synthetic people and an organisation of src/realname/registry/data/dev-registry.json.
const ZHOU_RUN = { name: '周润', documentNumber: '32050220000229151X', validFrom: '2021-05-06', validTo: '2031-05-06', longTerm: false };
const PUJIANG = {
  organization: { name: '上海浦江智能制造有限公司', region: 'domestic', legalPersonType: 'enterprise', code: '91310115MA1K4BQX31' },
  legalRepresentative: { name: '陈静', mobile: '13712345678', region: 'mainland', documentType: 'resident_id', documentNumber: '310104198508124021', validFrom: '2015-09-01', validTo: '2035-09-01', longTerm: false },
};

const natural = (overrides: Body = {}) => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('so'), ...overrides });
const messages = (body: Body) => (body.outcome.messages as { zh: string }[]).map((m) => m.zh);

async function saveNatural(client: Body, changes: Body) {
  const view = (await client.get('/api/me/profile')).body.naturalPerson;
  const res = await client.put('/api/me/profile/natural-person', { ...view, ...changes });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

describe('the dialog after saving 自然人用户信息 (quickstart 4.1.2)', () => {
  it("a key field the registry rejects: the seed's two sentences in its order", async () => {
    const me = await natural();
    const body = await saveNatural(me.client, { name: '测试用户二' });
    assert.deepEqual(messages(body), [CHECK_INPUT, SAVED]);
    assert.equal(body.outcome.verificationRan, true);
    assert.equal(body.outcome.label.zh, '实名认证失败');
    assert.equal(body.outcome.next, null);
  });

  it('only non-key fields on a failed account: the dialog still comes, with the status it keeps', async () => {
    const me = await natural();
    const body = await saveNatural(me.client, { email: 'so@example.cn' });
    assert.equal(body.verification, undefined, 'no verification ran');
    assert.equal(body.outcome.verificationRan, false);
    assert.deepEqual(messages(body), [CHECK_INPUT, SAVED]);
    assert.equal(body.outcome.status, 'failed');
  });

  it('a document another verified account holds: 证件号码已存在 and the way to 自然人申诉找回密码, not "check your input"', async () => {
    await natural(ZHOU_RUN);
    const me = await natural();
    const body = await saveNatural(me.client, { name: ZHOU_RUN.name, documentNumber: ZHOU_RUN.documentNumber, validFrom: ZHOU_RUN.validFrom, validTo: ZHOU_RUN.validTo });
    assert.equal(body.verification.natural_person.reason.code, 'DOCUMENT_TAKEN');
    assert.match(messages(body)[0]!, /^证件号码已存在/);
    assert.equal(messages(body)[1], SAVED);
    assert.ok(!messages(body).includes(CHECK_INPUT));
    assert.equal(body.outcome.next, 'appeal');
  });

  it('a document type that needs manual review: upload the signed scans', async () => {
    const me = await natural();
    const body = await saveNatural(me.client, { region: 'other', documentType: 'foreign_passport', documentNumber: 'E12345678', validFrom: '', validTo: '' });
    assert.equal(body.verification.natural_person.reason.code, 'MANUAL_REVIEW_REQUIRED');
    assert.deepEqual(messages(body), [MANUAL, SAVED]);
    assert.equal(body.outcome.next, 'upload');
  });

  it('verified: the success sentence and 国家平台实名认证通过', async () => {
    const me = await natural({ name: '吴佳怡', documentNumber: '330106198807170040', validFrom: '2014-10-11', validTo: '2034-10-11', longTerm: false });
    const body = await saveNatural(me.client, { address: '杭州市西湖区' });
    assert.deepEqual(messages(body), [SAVED]);
    assert.equal(body.outcome.label.zh, '国家平台实名认证通过');
    assert.equal(body.outcome.tone, 'success');
  });
});

describe('the dialog after saving 法人单位基本信息 and 主代办人信息 (quickstart 4.2.2, 4.3.2; FAQ 三.1 3(1))', () => {
  it('用户信息不全，请及时补充！ until the required fields are in; the save that completes them shows the registry’s result', async () => {
    const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('so'), ...PUJIANG });
    const before = (await corp.client.get('/api/me/profile')).body;
    assert.equal(before.verification.organization.label, '用户信息不全，请及时补充！', 'the registry matched, but the information is incomplete');
    const view = before.organizationBasic;

    const complete = { nature: '私营企业', independent: 'yes', address: '上海市浦东新区张江路88号', foundedOn: '2016-03-18', mailingAddress: '上海市浦东新区张江路88号' };
    const done = await corp.client.put('/api/me/profile/organization-basic', { ...view, ...complete, legalRepresentative: { ...view.legalRepresentative, email: 'chen.jing@example.cn' } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual(messages(done.body), ['法人用户修改法人信息成功。']);
    assert.equal(done.body.outcome.label.zh, '国家平台实名认证通过');

    const agent = (await corp.client.get('/api/me/profile')).body.primaryAgent;
    const saved = await corp.client.put('/api/me/profile/primary-agent', { ...agent, email: 'agent@example.cn' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(messages(saved.body), [CHECK_INPUT, '法人用户修改主代办人信息成功。']);
  });

  it('法人单位其他信息 has no verification subject: no dialog, 保存成功', async () => {
    const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('so') });
    const saved = await corp.client.put('/api/me/profile/organization-other', { industry1: '软件和信息技术服务业' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.outcome, undefined);
  });
});
