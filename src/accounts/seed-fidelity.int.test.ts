/**
 * Issue 14: where the platform told a user holding the seeds something else. Each test names
 * the seed passage it follows (shared/seeds/...).
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndLogIn, registerLegal } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';

const t = testPlatformForFile();
beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%'`);
});

/** The required 法人单位基本信息 a fresh domestic registration leaves empty. */
const DOMESTIC_COMPLETION = { nature: '企业', independent: 'yes', address: '北京市海淀区', foundedOn: '2010-05-20', mailingAddress: '北京市海淀区' };
const messageAt = (body: { fields?: { field: string; message: string }[] }, field: string) => body.fields?.find((f) => f.field === field)?.message;
const hongKongOrganization = (legalPersonType?: string) => ({
  name: `香港星河贸易有限公司${Date.now()}`,
  region: 'hkmt',
  ...(legalPersonType === undefined ? {} : { legalPersonType }),
  code: `HK-${Date.now()}`,
});

describe('platform-faq.md 八.6 法人单位基本信息保存提示“法定代表人类型不能为空”', () => {
  it('an empty 类型 of the legal representative says exactly that, in 我的信息 and at registration', async () => {
    const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('reptype') });
    const basic = (await corp.client.get('/api/me/profile')).body.organizationBasic;
    const res = await corp.client.put('/api/me/profile/organization-basic', { ...basic, legalRepresentative: { ...basic.legalRepresentative, region: '' } });
    assertFieldError(res, 'legalRepresentative.region', 'LEGAL_REPRESENTATIVE_REGION_REQUIRED');
    assert.equal(messageAt(res.body, 'legalRepresentative.region'), '法定代表人类型不能为空');

    const client = new ApiClient(t.baseUrl);
    const probe = await registerLegal(client);
    const { res: registration } = await registerLegal(client, { legalRepresentative: { ...probe.body.legalRepresentative, region: '' } });
    assertFieldError(registration, 'legalRepresentative.region', 'LEGAL_REPRESENTATIVE_REGION_REQUIRED');
  });
});

describe('foreigner-work-system-login-quickstart.md 4.2.2: 法人类型 境内单位必选', () => {
  it('a Hong Kong organisation registers without a mainland legal person type', async () => {
    const { res } = await registerLegal(new ApiClient(t.baseUrl), { organization: hongKongOrganization() });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it('a domestic organisation must still choose one', async () => {
    const { res } = await registerLegal(new ApiClient(t.baseUrl), { organization: { name: `北京星河科技有限公司${Date.now()}`, region: 'domestic', code: '' } });
    assertFieldError(res, 'organization.legalPersonType', 'REQUIRED_FIELD');
  });

  it('我的信息 of a Hong Kong organisation saves without 法人类型', async () => {
    const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('hk'), organization: hongKongOrganization('') });
    const basic = (await corp.client.get('/api/me/profile')).body.organizationBasic;
    assert.equal(basic.legalPersonType, '');
    const res = await corp.client.put('/api/me/profile/organization-basic', {
      ...basic,
      area: '香港',
      independent: 'yes',
      foundedOn: '2010-05-20',
      mailingAddress: '香港中环皇后大道中1号',
      legalRepresentative: { ...basic.legalRepresentative, email: 'boss@example.hk' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual((await corp.client.get('/api/me/profile')).body.missing.organization_basic, []);
  });
});

describe('platform-faq.md 八.4 / 八.5 in 我的信息, 九.2 / 九.3 at registration', () => {
  it('registration says 已被注册, saving 我的信息 says 已存在', async () => {
    const holder = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('holder') });
    const name = holder.body.organization.name as string;
    const { res } = await registerLegal(new ApiClient(t.baseUrl), { organization: { ...holder.body.organization } });
    assertError(res, 409, 'ORGANIZATION_NAME_TAKEN');
    assert.match(res.body.message, /^单位名称已被注册，/);

    const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('renamer') });
    const view = (await corp.client.get('/api/me/profile')).body.organizationBasic;
    const basic = { ...view, ...DOMESTIC_COMPLETION, legalRepresentative: { ...view.legalRepresentative, email: 'boss@example.cn' } };
    const saved = await corp.client.put('/api/me/profile/organization-basic', { ...basic, name });
    assertError(saved, 409, 'ORGANIZATION_NAME_EXISTS');
    assert.match(saved.body.message, /^单位名称已存在，/);
    const coded = await corp.client.put('/api/me/profile/organization-basic', { ...basic, code: holder.body.organization.code });
    assertError(coded, 409, 'CREDIT_CODE_EXISTS');
    assert.match(coded.body.message, /^信用代码已存在，/);
  });
});
