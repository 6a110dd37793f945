/**
 * 我的信息 through the HTTP API: masked display, masked values meaning "unchanged",
 * update records (信息更新记录), required fields, the three legal sections with the
 * incomplete notice, and organisation name / credit code uniqueness on save.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerAndLogIn, type Body } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { ApiClient } from '../../test/support/client.ts';
import { creditCode, mobile, residentId, uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { maskDocumentNumber, maskPhone } from './rules.ts';

const t = testPlatformForFile();
beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'login%' or key like 'rl:%'`);
});

const naturalPerson = (overrides: Body = {}) => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('me'), ...overrides });
const legalPerson = (overrides: Body = {}) => registerAndLogIn(t.baseUrl, 'legal', { loginName: uniqueLoginName('corp'), ...overrides });

async function identityRow(accountId: string, role: string): Promise<Record<string, any>> {
  const [row] = await t.db.query<Record<string, any>>('select * from identities where account_id = $1 and role = $2', [accountId, role]);
  assert.ok(row, `identity ${role}`);
  return {
    ...row,
    mobile: t.platform.cipher.decrypt(row.mobile_enc),
    documentNumber: t.platform.cipher.decrypt(row.document_number_enc),
  };
}

async function organizationRow(accountId: string) {
  const [row] = await t.db.query<Record<string, any>>('select name, code, basic, other from organizations where account_id = $1', [accountId]);
  return row;
}

async function recordCount(accountId: string) {
  const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from update_records where account_id = $1', [accountId]);
  return row!.n;
}

const changesOf = (record: { changes: { field: string; old: string; new: string }[] }) =>
  record.changes.map((c) => ({ field: c.field, old: c.old, new: c.new }));

describe('natural person: 自然人用户基本信息', () => {
  it('shows the mobile and the document number masked, and nothing missing', async () => {
    let documentNumber = residentId('19900101');
    while (!documentNumber.endsWith('X')) documentNumber = residentId('19900101');
    const me = await naturalPerson({ documentNumber: documentNumber.toLowerCase() });
    const view = await me.client.get('/api/me/profile');
    assert.equal(view.status, 200);
    assert.equal(view.body.kind, 'natural');
    const person = view.body.naturalPerson;
    assert.equal(person.loginName, me.body.loginName);
    assert.equal(person.name, me.body.name);
    assert.equal(person.mobile, `${me.body.mobile.slice(0, 2)}*****${me.body.mobile.slice(-3)}`);
    assert.equal(person.documentNumber, `${documentNumber.slice(0, 4)}********${documentNumber.slice(-4)}`);
    assert.ok(!JSON.stringify(view.body).includes(me.body.mobile));
    assert.ok(!JSON.stringify(view.body).includes(documentNumber));
    assert.equal(person.validFrom, '2020-01-01');
    assert.equal(person.validTo, '2040-01-01');
    assert.deepEqual(view.body.missing, { natural_person: [] });
  });

  it('saving with the masked values unchanged keeps the stored mobile and document number', async () => {
    const me = await naturalPerson();
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    // The mask of an ID ending in X may come back with a lower-case x.
    const res = await me.client.put('/api/me/profile/natural-person', { ...view, documentNumber: view.documentNumber.toLowerCase(), address: '北京市海淀区复兴路甲15号' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.changed, ['address']);
    const row = await identityRow(me.accountId, 'natural_person');
    assert.equal(row.mobile, me.body.mobile);
    assert.equal(row.documentNumber, me.body.documentNumber.toUpperCase());
    assert.equal(row.details.address, '北京市海淀区复兴路甲15号');
  });

  it('saving identical values changes nothing and keeps no record', async () => {
    const me = await naturalPerson();
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    // The login name shown in the form is not a field of the section: sending another one changes nothing.
    const res = await me.client.put('/api/me/profile/natural-person', { ...view, loginName: 'someone_else' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.changed, []);
    assert.equal(await recordCount(me.accountId), 0);
    const [account] = await t.db.query<{ login_name: string }>('select login_name from accounts where id = $1', [me.accountId]);
    assert.equal(account!.login_name, me.body.loginName);
  });

  it('editing name and e-mail keeps one update record with exactly those fields, old and new', async () => {
    const me = await naturalPerson();
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    const res = await me.client.put('/api/me/profile/natural-person', { ...view, name: '李四', email: 'lisi@example.cn' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([...res.body.changed].sort(), ['email', 'name']);

    const records = (await me.client.get('/api/me/update-records')).body.records;
    assert.equal(records.length, 1);
    assert.equal(records[0].section, 'natural_person');
    assert.equal(records[0].actorName, me.body.loginName);
    assert.ok(!Number.isNaN(Date.parse(records[0].createdAt)));
    const changes = changesOf(records[0]).sort((a, b) => a.field.localeCompare(b.field));
    assert.deepEqual(changes, [
      { field: 'email', old: '', new: 'lisi@example.cn' },
      { field: 'name', old: me.body.name, new: '李四' },
    ]);
    assert.equal(records[0].changes.find((c: { field: string }) => c.field === 'name').label, '姓名');

    const after = (await me.client.get('/api/me/profile')).body.naturalPerson;
    assert.equal(after.name, '李四');
    assert.equal(after.email, 'lisi@example.cn');
  });

  it('a new mobile is saved encrypted and recorded only masked', async () => {
    const me = await naturalPerson();
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    const next = mobile();
    const res = await me.client.put('/api/me/profile/natural-person', { ...view, mobile: next });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.changed, ['mobile']);
    assert.equal((await identityRow(me.accountId, 'natural_person')).mobile, next);

    const [record] = (await me.client.get('/api/me/update-records?section=natural_person')).body.records;
    assert.deepEqual(changesOf(record), [{ field: 'mobile', old: maskPhone(me.body.mobile), new: maskPhone(next) }]);
    const stored = await t.db.query<{ text: string }>('select changes::text as text from update_records where account_id = $1', [me.accountId]);
    assert.ok(!stored.some((r) => r.text.includes(next) || r.text.includes(me.body.mobile)), 'clear mobile in an update record');
    assert.equal((await me.client.get('/api/me/profile')).body.naturalPerson.mobile, maskPhone(next));
  });

  it('a new document number is recorded masked', async () => {
    const me = await naturalPerson();
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    const next = residentId('19800303');
    const res = await me.client.put('/api/me/profile/natural-person', { ...view, documentNumber: next });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await identityRow(me.accountId, 'natural_person')).documentNumber, next);
    const [record] = (await me.client.get('/api/me/update-records')).body.records;
    assert.deepEqual(changesOf(record), [{ field: 'documentNumber', old: maskDocumentNumber(me.body.documentNumber.toUpperCase()), new: maskDocumentNumber(next) }]);
  });

  it('a required field left empty is refused at its path and nothing changes', async () => {
    const me = await naturalPerson();
    const view = (await me.client.get('/api/me/profile')).body.naturalPerson;
    const before = await identityRow(me.accountId, 'natural_person');
    assertFieldError(await me.client.put('/api/me/profile/natural-person', { ...view, name: '' }), 'name', 'REQUIRED_FIELD');
    assertFieldError(await me.client.put('/api/me/profile/natural-person', { ...view, email: 'x@y.cn', validFrom: '' }), 'validFrom', 'VALIDITY_START_REQUIRED');
    assertFieldError(await me.client.put('/api/me/profile/natural-person', { ...view, documentNumber: '' }), 'documentNumber', 'REQUIRED_FIELD');
    assertFieldError(await me.client.put('/api/me/profile/natural-person', { ...view, email: 'not-an-email' }), 'email', 'EMAIL_INVALID');
    // A masked value that is not the stored one's mask is not a phone number.
    assertFieldError(await me.client.put('/api/me/profile/natural-person', { ...view, mobile: '13*****000' }), 'mobile', 'MOBILE_INVALID');
    const after = await identityRow(me.accountId, 'natural_person');
    assert.equal(after.name, before.name);
    assert.deepEqual(after.details, before.details);
    assert.equal(after.document_valid_from, before.document_valid_from);
    assert.equal(await recordCount(me.accountId), 0);
  });

  it('may not save the legal sections (403)', async () => {
    const me = await naturalPerson();
    for (const section of ['organization-basic', 'organization-other', 'primary-agent']) {
      assertError(await me.client.put(`/api/me/profile/${section}`, {}), 403, 'FORBIDDEN');
    }
  });

  it('needs a session', async () => {
    const anonymous = new ApiClient(t.baseUrl);
    assertError(await anonymous.get('/api/me/profile'), 401, 'NOT_LOGGED_IN');
    assertError(await anonymous.put('/api/me/profile/natural-person', {}), 401, 'NOT_LOGGED_IN');
    assertError(await anonymous.get('/api/me/update-records'), 401, 'NOT_LOGGED_IN');
  });
});

describe('legal person: the three tabs of 我的信息', () => {
  const basicCompletion = {
    nature: '企业',
    independent: 'yes',
    address: '北京市海淀区中关村大街1号',
    foundedOn: '2010-05-20',
    mailingAddress: '北京市海淀区中关村大街1号 100080',
  };

  it('after registration the organisation basic info is incomplete; filling it empties the missing list', async () => {
    const corp = await legalPerson();
    const view = await corp.client.get('/api/me/profile');
    assert.equal(view.status, 200);
    assert.equal(view.body.kind, 'legal');
    assert.deepEqual([...view.body.missing.organization_basic].sort(), [
      'address', 'foundedOn', 'independent', 'legalRepresentative.email', 'mailingAddress', 'nature',
    ]);
    assert.deepEqual(view.body.missing.primary_agent, []);
    const basic = view.body.organizationBasic;
    assert.equal(basic.name, corp.body.organization.name);
    assert.equal(basic.code, corp.body.organization.code);
    assert.equal(basic.legalRepresentative.mobile, maskPhone(corp.body.legalRepresentative.mobile));
    assert.equal(basic.legalRepresentative.documentNumber, maskDocumentNumber(corp.body.legalRepresentative.documentNumber));
    assert.equal(view.body.primaryAgent.mobile, maskPhone(corp.body.primaryAgent.mobile));
    assert.equal(view.body.primaryAgent.loginName, corp.body.loginName);

    const res = await corp.client.put('/api/me/profile/organization-basic', {
      ...basic,
      ...basicCompletion,
      legalRepresentative: { ...basic.legalRepresentative, email: 'boss@example.cn' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([...res.body.changed].sort(), [
      'address', 'foundedOn', 'independent', 'legalRepresentative.email', 'mailingAddress', 'nature',
    ]);
    const after = (await corp.client.get('/api/me/profile')).body;
    assert.deepEqual(after.missing.organization_basic, []);
    assert.equal(after.organizationBasic.nature, '企业');
    assert.equal(after.organizationBasic.legalRepresentative.email, 'boss@example.cn');

    // The masked representative data came back unchanged.
    const rep = await identityRow(corp.accountId, 'legal_representative');
    assert.equal(rep.mobile, corp.body.legalRepresentative.mobile);
    assert.equal(rep.documentNumber, corp.body.legalRepresentative.documentNumber.toUpperCase());
    const [record] = (await corp.client.get('/api/me/update-records?section=organization_basic')).body.records;
    assert.equal(record.section, 'organization_basic');
    assert.deepEqual(changesOf(record).find((c) => c.field === 'foundedOn'), { field: 'foundedOn', old: '', new: '2010-05-20' });
  });

  it('a required field of the basic info left empty is refused at its path', async () => {
    const corp = await legalPerson();
    const basic = (await corp.client.get('/api/me/profile')).body.organizationBasic;
    const complete = { ...basic, ...basicCompletion, legalRepresentative: { ...basic.legalRepresentative, email: 'boss@example.cn' } };
    const before = await organizationRow(corp.accountId);
    assertFieldError(await corp.client.put('/api/me/profile/organization-basic', { ...complete, mailingAddress: '' }), 'mailingAddress', 'REQUIRED_FIELD');
    assertFieldError(await corp.client.put('/api/me/profile/organization-basic', { ...complete, foundedOn: '' }), 'foundedOn', 'REQUIRED_FIELD');
    assertFieldError(
      await corp.client.put('/api/me/profile/organization-basic', { ...complete, legalRepresentative: { ...complete.legalRepresentative, email: '' } }),
      'legalRepresentative.email',
      'REQUIRED_FIELD',
    );
    assertFieldError(await corp.client.put('/api/me/profile/organization-basic', { ...complete, code: '' }), 'code', 'CREDIT_CODE_REQUIRED');
    assert.deepEqual(await organizationRow(corp.accountId), before);
    assert.equal(await recordCount(corp.accountId), 0);
  });

  it('an organisation name or credit code held by another legal account is refused and nothing changes', async () => {
    const other = await legalPerson({
      organization: { name: `已注册（北京）研究院${Date.now()}`, region: 'domestic', legalPersonType: 'public_institution', code: creditCode() },
    });
    const corp = await legalPerson();
    const basic = (await corp.client.get('/api/me/profile')).body.organizationBasic;
    const complete = { ...basic, ...basicCompletion, legalRepresentative: { ...basic.legalRepresentative, email: 'boss@example.cn' } };
    const before = await organizationRow(corp.accountId);
    const otherName = other.body.organization.name as string;

    assertError(await corp.client.put('/api/me/profile/organization-basic', { ...complete, name: otherName }), 409, 'ORGANIZATION_NAME_EXISTS');
    assertError(
      await corp.client.put('/api/me/profile/organization-basic', { ...complete, name: otherName.replace('（', ' (').replace('）', ') ') }),
      409,
      'ORGANIZATION_NAME_EXISTS',
    );
    assertError(await corp.client.put('/api/me/profile/organization-basic', { ...complete, code: other.body.organization.code }), 409, 'CREDIT_CODE_EXISTS');
    assertError(await corp.client.put('/api/me/profile/organization-basic', { ...complete, code: other.body.organization.code.toLowerCase() }), 409, 'CREDIT_CODE_EXISTS');
    assert.deepEqual(await organizationRow(corp.accountId), before);
    assert.equal(await recordCount(corp.accountId), 0);

    // Its own name and code, and a free new name, are fine.
    const renamed = `更名后的单位${Date.now()}`;
    const ok = await corp.client.put('/api/me/profile/organization-basic', { ...complete, name: renamed });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((await organizationRow(corp.accountId))!.name, renamed);
    // The old name is free again.
    const freed = await corp.client.get(`/api/availability?field=organizationName&value=${encodeURIComponent(corp.body.organization.name)}`);
    assert.equal(freed.body.available, true);
  });

  it('two organisations renaming to the same free name at once: one wins, the other gets ORGANIZATION_NAME_EXISTS (FAQ 八.4)', async () => {
    const corps = [await legalPerson(), await legalPerson()];
    const bodies = await Promise.all(
      corps.map(async (corp) => {
        const basic = (await corp.client.get('/api/me/profile')).body.organizationBasic;
        return { ...basic, ...basicCompletion, legalRepresentative: { ...basic.legalRepresentative, email: 'boss@example.cn' } };
      }),
    );
    const name = `同时更名的单位${Date.now()}`;
    const results = await Promise.all(corps.map((corp, i) => corp.client.put('/api/me/profile/organization-basic', { ...bodies[i], name })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409], JSON.stringify(results.map((r) => r.body)));
    assert.equal(results.find((r) => r.status === 409)!.body.code, 'ORGANIZATION_NAME_EXISTS');
  });

  it('organisation other info and primary agent saves keep records of their sections; records filter by section', async () => {
    const corp = await legalPerson();
    const view = (await corp.client.get('/api/me/profile')).body;
    assert.deepEqual(view.organizationOther, {});

    const other = await corp.client.put('/api/me/profile/organization-other', {
      industry1: '科学研究和技术服务业',
      enterpriseType: '有限责任公司',
      approvedOn: '2012-03-04',
    });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    assert.deepEqual([...other.body.changed].sort(), ['approvedOn', 'enterpriseType', 'industry1']);
    assertFieldError(await corp.client.put('/api/me/profile/organization-other', { approvedOn: '2012/03/04' }), 'approvedOn', 'DATE_INVALID');

    const agentMobile = mobile();
    const agent = await corp.client.put('/api/me/profile/primary-agent', { ...view.primaryAgent, email: 'agent@example.cn', mobile: agentMobile });
    assert.equal(agent.status, 200, JSON.stringify(agent.body));
    assert.deepEqual([...agent.body.changed].sort(), ['email', 'mobile']);
    assert.equal((await identityRow(corp.accountId, 'primary_agent')).mobile, agentMobile);
    assertFieldError(await corp.client.put('/api/me/profile/primary-agent', { ...view.primaryAgent, name: '' }), 'name', 'REQUIRED_FIELD');

    const all = (await corp.client.get('/api/me/update-records')).body.records;
    assert.deepEqual(all.map((r: { section: string }) => r.section), ['primary_agent', 'organization_other']);
    const otherRecords = (await corp.client.get('/api/me/update-records?section=organization_other')).body.records;
    assert.equal(otherRecords.length, 1);
    assert.deepEqual(changesOf(otherRecords[0]).find((c) => c.field === 'industry1'), { field: 'industry1', old: '', new: '科学研究和技术服务业' });
    const agentRecords = (await corp.client.get('/api/me/update-records?section=primary_agent')).body.records;
    assert.equal(agentRecords.length, 1);
    assert.deepEqual(changesOf(agentRecords[0]).find((c) => c.field === 'mobile'), {
      field: 'mobile',
      old: maskPhone(corp.body.primaryAgent.mobile),
      new: maskPhone(agentMobile),
    });
    assert.equal((await corp.client.get('/api/me/update-records?section=organization_basic')).body.records.length, 0);
    assertError(await corp.client.get('/api/me/update-records?section=anything'), 400, 'VALIDATION_FAILED');

    const after = (await corp.client.get('/api/me/profile')).body;
    assert.equal(after.organizationOther.industry1, '科学研究和技术服务业');
    assert.equal(after.primaryAgent.email, 'agent@example.cn');
  });

  it('may not save the natural person section (403), and sees only its own records', async () => {
    const corp = await legalPerson();
    assertError(await corp.client.put('/api/me/profile/natural-person', {}), 403, 'FORBIDDEN');
    const person = await naturalPerson();
    const view = (await person.client.get('/api/me/profile')).body.naturalPerson;
    assert.equal((await person.client.put('/api/me/profile/natural-person', { ...view, title: '研究员' })).status, 200);
    assert.equal((await corp.client.get('/api/me/update-records')).body.records.length, 0);
  });
});
