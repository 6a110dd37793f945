/**
 * Issue 21's five findings, through the HTTP API: impossible dates and things that are not
 * names are refused with a field message saying what is wrong, never a 500, and nothing changes.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { registerAndLogIn, registerLegal, registerNatural } from '../../../test/support/accounts.ts';
import { assertFieldError } from '../../../test/support/assertions.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { mobile, uniqueLoginName } from '../../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';

const t = testPlatformForFile();
beforeEach(async () => {
  // Many registrations from one address: the per-IP SMS limit is not what is tested here.
  await t.db.query(`delete from kv where key like 'rl:%'`);
});

async function profileRows(accountId: string) {
  return t.db.query('select * from identities where account_id = $1 order by role', [accountId]);
}

async function countRows(table: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return row!.n;
}

/** The message of the field error at `field`. */
const messageAt = (body: { fields?: { field: string; message: string }[] }, field: string) => body.fields?.find((f) => f.field === field)?.message;

describe('impossible and out-of-range dates', () => {
  it('a validity start of 2015-02-30 in 我的信息 is a field error, and the profile stays as it was', async () => {
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('date') });
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    const before = await profileRows(me.accountId);
    const res = await me.client.put('/api/me/profile/natural-person', { ...view, validFrom: '2015-02-30', name: '王小明', email: 'wang@example.cn', address: '北京市海淀区' });
    assertFieldError(res, 'validFrom', 'DATE_INVALID');
    assert.deepEqual(await profileRows(me.accountId), before);
  });

  it('birth dates that do not exist or lie ahead are refused', async () => {
    const me = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('birth') });
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    assertFieldError(await me.client.put('/api/me/profile/natural-person', { ...view, birthDate: '2014-13-40' }), 'birthDate', 'DATE_INVALID');
    const future = await me.client.put('/api/me/profile/natural-person', { ...view, birthDate: '2099-01-01' });
    assertFieldError(future, 'birthDate', 'DATE_IN_FUTURE');
    assert.equal(messageAt(future.body, 'birthDate'), '日期不能晚于今天');
    assertFieldError(await me.client.put('/api/me/profile/natural-person', { ...view, validFrom: '2099-01-01' }), 'validFrom', 'DATE_IN_FUTURE');
    const saved = await me.client.put('/api/me/profile/natural-person', { ...view, birthDate: '1990-01-01' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  });

  it('单位成立日期 2014-13-40 and a business term ending before it starts are refused', async () => {
    const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('found') });
    const basic = (await corp.client.get('/api/me/profile')).body.organizationBasic;
    assertFieldError(await corp.client.put('/api/me/profile/organization-basic', { ...basic, foundedOn: '2014-13-40' }), 'foundedOn', 'DATE_INVALID');
    assertFieldError(await corp.client.put('/api/me/profile/organization-basic', { ...basic, foundedOn: '2099-01-01' }), 'foundedOn', 'DATE_IN_FUTURE');
    assertFieldError(
      await corp.client.put('/api/me/profile/organization-basic', { ...basic, businessTermFrom: '2020-01-01', businessTermTo: '2019-12-31' }),
      'businessTermTo',
      'DATE_END_BEFORE_START',
    );
  });

  it('a grant valid until 2026-13-01 is a field error, not a 500', async () => {
    const corp = await registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('grant') });
    const before = await countRows('authorizations');
    const res = await corp.client.post('/api/org/authorizations', { personId: randomUUID(), systems: [], validFrom: '', validTo: '2026-13-01' });
    assertFieldError(res, 'validTo', 'DATE_INVALID');
    assert.equal(await countRows('authorizations'), before);
  });
});

describe('names that are not names', () => {
  it('自然人注册 refuses emoji, SQL and markup in 姓名, and saves no account', async () => {
    const before = await countRows('accounts');
    for (const name of ['张伟😀', "Robert'); DROP TABLE accounts;--", '<script>alert(1)</script>']) {
      const { res } = await registerNatural(new ApiClient(t.baseUrl), { name });
      assertFieldError(res, 'name', 'PERSON_NAME_CHARS');
    }
    assert.equal(await countRows('accounts'), before);
  });

  it('单位注册 refuses emoji and markup in 单位名称 and in the representative and agent names', async () => {
    const before = await countRows('accounts');
    const client = new ApiClient(t.baseUrl);
    for (const name of ['北京星河😀科技有限公司', '<script>alert(1)</script>有限公司']) {
      const { res } = await registerLegal(client, { organization: { name, region: 'domestic', legalPersonType: 'enterprise', code: '' } });
      assertFieldError(res, 'organization.name', 'ORGANIZATION_NAME_CHARS');
    }
    for (const person of ['legalRepresentative', 'primaryAgent'] as const) {
      const probe = await registerLegal(client);
      const { res } = await registerLegal(client, { [person]: { ...probe.body[person], name: '王五😀', mobile: mobile() } });
      assertFieldError(res, `${person}.name`, 'PERSON_NAME_CHARS');
    }
    // The two probes were valid registrations: nothing else made an account.
    assert.equal(await countRows('accounts'), before + 2);
  });

  it('an overlong name gets a message stating the limit', async () => {
    const { res } = await registerNatural(new ApiClient(t.baseUrl), { name: '张'.repeat(31) });
    assertFieldError(res, 'name', 'PERSON_NAME_TOO_LONG');
    assert.equal(messageAt(res.body, 'name'), '姓名不能超过30个字符');
    const passport = await registerNatural(new ApiClient(t.baseUrl), { name: 'A'.repeat(101), region: 'other', documentType: 'foreign_passport', documentNumber: 'E12345678', validFrom: '', validTo: '' });
    assert.equal(messageAt(passport.res.body, 'name'), '姓名不能超过100个字符');
    const org = await registerLegal(new ApiClient(t.baseUrl), { organization: { name: '公'.repeat(101), region: 'domestic', legalPersonType: 'enterprise', code: '' } });
    assert.equal(messageAt(org.res.body, 'organization.name'), '单位名称不能超过100个字符');
  });
});
