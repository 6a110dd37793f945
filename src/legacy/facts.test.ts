import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { organizationNameKey as storeOrganizationNameKey } from '../accounts/store.ts';
import { decideLegacyCase, isConflict } from './cases.ts';
import { compareOrganization, comparePerson, createdAccount, memoryPlatform, mergeFacts, organizationNameKey, type PlatformFixture } from './facts.ts';
import type { LegacyRow } from './rows.ts';
import { LEGACY_SOURCE_CONFIG, LEGACY_SOURCES, headerOf, maxLegacyLoginNameLength, prefixedLoginName } from './sources.ts';

const CODE = '91110108MA01ET88XL';
const OTHER_CODE = '91350100M000100Y43';

function row(partial: Partial<LegacyRow> & Pick<LegacyRow, 'source' | 'loginName'>): LegacyRow {
  return {
    line: 2,
    password: { scheme: 'md5', salt: '', hash: '5f4dcc3b5aa765d61d8327deb882cf99' },
    organizationName: '',
    creditCode: '',
    name: '',
    mobile: '',
    documentType: '',
    documentNumber: '',
    ...partial,
  };
}

const P = 'Pingtai@2024';

describe('sources', () => {
  it('use the seeds’ prefixes exactly', () => {
    assert.equal(LEGACY_SOURCE_CONFIG['torch-company'].prefix, 'HJ_');
    assert.equal(LEGACY_SOURCE_CONFIG['torch-personal'].prefix, 'HJ_');
    assert.equal(LEGACY_SOURCE_CONFIG['foreign-work'].prefix, 'WP_');
    assert.equal(LEGACY_SOURCE_CONFIG['foreign-expert'].prefix, 'WGZJXM_');
    assert.equal(prefixedLoginName('torch-company', CODE), 'HJ_91110108MA01ET88XL');
    assert.equal(maxLegacyLoginNameLength('foreign-expert'), 43);
  });

  it('document their headers', () => {
    assert.deepEqual(headerOf('torch-company'), ['credit_code', 'password_hash', 'hash_scheme', 'salt', 'organization_name', 'contact_name', 'contact_mobile']);
    assert.deepEqual(headerOf('torch-personal'), ['mobile', 'password_hash', 'hash_scheme', 'salt', 'name', 'document_type', 'document_number']);
    assert.deepEqual(headerOf('foreign-work'), ['login_name', 'password_hash', 'hash_scheme', 'salt', 'organization_name', 'credit_code', 'contact_name', 'contact_mobile']);
    assert.deepEqual(headerOf('foreign-expert'), ['login_name', 'password_hash', 'hash_scheme', 'salt', 'name', 'mobile', 'document_type', 'document_number']);
    for (const source of LEGACY_SOURCES) {
      const config = LEGACY_SOURCE_CONFIG[source];
      assert.ok(config.schemes.includes(config.defaultScheme), source);
      assert.ok(config.schemes.includes('bcrypt'), `${source} takes bcrypt`);
    }
  });
});

describe('comparisons', () => {
  it('organisation names compare like the accounts store does', () => {
    for (const name of ['北京华信科技有限公司', ' 北京华信（北京）科技 有限公司 ', 'Huaxin Technology (Beijing) Co., Ltd.']) {
      assert.equal(organizationNameKey(name), storeOrganizationNameKey(name));
    }
  });

  it('compareOrganization: code when both have one, names ignoring width and spacing', () => {
    assert.deepEqual(compareOrganization({ creditCode: CODE, organizationName: '北京华信(北京)科技' }, { name: '北京华信（北京）科技', creditCode: CODE.toLowerCase() }), { sameCreditCode: true, sameName: true });
    assert.deepEqual(compareOrganization({ creditCode: CODE, organizationName: 'A' }, { name: 'B', creditCode: OTHER_CODE }), { sameCreditCode: false, sameName: false });
    assert.deepEqual(compareOrganization({ creditCode: '', organizationName: 'A' }, { name: 'a', creditCode: CODE }), { sameCreditCode: null, sameName: true });
  });

  it('comparePerson: documents by type and number, mobile, name', () => {
    const person = { name: 'Anna  Schmidt', mobile: '13812345678', documentType: 'foreign_passport' as const, documentNumber: 'c1234567', verified: true };
    assert.deepEqual(comparePerson({ name: 'anna schmidt', mobile: '13812345678', documentType: 'foreign_passport', documentNumber: 'C1234567' }, person), {
      verified: true,
      sameDocument: true,
      sameMobile: true,
      sameName: true,
    });
    assert.equal(comparePerson({ name: '', mobile: '', documentType: 'resident_id', documentNumber: 'C1234567' }, person).sameDocument, false, 'another type');
    const nothing = comparePerson({ name: '', mobile: '', documentType: '', documentNumber: '' }, { ...person, name: '', mobile: '' });
    assert.deepEqual(nothing, { verified: true, sameDocument: null, sameMobile: false, sameName: false }, 'empty values never match');
  });
});

describe('memoryPlatform', () => {
  const accounts: PlatformFixture[] = [
    { kind: 'legal', loginName: 'corp_login', password: P, organization: { name: '北京示例科技有限公司', creditCode: CODE } },
    { kind: 'natural', loginName: CODE.toLowerCase(), password: P, person: { name: '王五', mobile: '13900000000', documentType: '', documentNumber: '', verified: false } },
    { kind: 'natural', loginName: 'verified_one', password: P, person: { name: '李四', mobile: '18711111111', documentType: 'resident_id', documentNumber: '110105199003071239', verified: true } },
  ];
  const platform = memoryPlatform(accounts);

  it('finds the holder of the name case-insensitively, the organisation and the prefixed name', () => {
    const facts = platform.facts(row({ source: 'torch-company', loginName: CODE, creditCode: CODE, organizationName: '北京示例科技有限公司' }));
    assert.deepEqual(facts.nameHolder, { loginName: CODE.toLowerCase(), kind: 'natural', person: { verified: false, sameDocument: null, sameMobile: false, sameName: false } });
    assert.equal(facts.prefixedNameHolder, null);
    assert.deepEqual(facts.organizationAccounts, [{ loginName: 'corp_login', kind: 'legal', organization: { sameCreditCode: true, sameName: true } }]);
    assert.deepEqual(facts.verifiedPersonAccounts, []);
    const d = decideLegacyCase(row({ source: 'torch-company', loginName: CODE }), facts);
    assert.equal(d.case, 'torch-company-4');
  });

  it('finds verified persons by document or by reserved mobile, for personal sources only', () => {
    const byDocument = platform.facts(row({ source: 'torch-personal', loginName: '18800000000', mobile: '18800000000', name: '李四', documentType: 'resident_id', documentNumber: '110105199003071239' }));
    assert.deepEqual(byDocument.verifiedPersonAccounts.map((a) => a.loginName), ['verified_one']);
    const byMobile = platform.facts(row({ source: 'torch-personal', loginName: '18711111111', mobile: '18711111111', name: '李四' }));
    assert.deepEqual(byMobile.verifiedPersonAccounts.map((a) => [a.loginName, a.person?.sameMobile]), [['verified_one', true]]);
    const organizationSource = platform.facts(row({ source: 'torch-company', loginName: OTHER_CODE, creditCode: OTHER_CODE, organizationName: 'x', mobile: '18711111111' }));
    assert.deepEqual(organizationSource.verifiedPersonAccounts, [], 'a contact’s mobile is not a person to match');
  });

  it('finds an organisation by name when codes differ (the name clash)', () => {
    const facts = platform.facts(row({ source: 'foreign-work', loginName: 'abc', creditCode: OTHER_CODE, organizationName: '北京示例科技有限公司' }));
    assert.deepEqual(facts.organizationAccounts[0]?.organization, { sameCreditCode: false, sameName: true });
    assert.deepEqual(decideLegacyCase(row({ source: 'foreign-work', loginName: 'abc' }), facts), {
      case: 'conflict',
      source: 'foreign-work',
      reason: 'ORGANIZATION_NAME_TAKEN',
    });
  });

  it('a batch overlay: the accounts earlier rows create, merged with the stored facts', () => {
    const first = row({ source: 'foreign-work', loginName: 'bjhx_a', creditCode: OTHER_CODE, organizationName: '福州示例有限公司', name: '赵六', mobile: '13811112222' });
    const second = row({ ...first, loginName: 'bjhx_b' });
    const stored = memoryPlatform();
    const overlay = memoryPlatform();
    const d1 = decideLegacyCase(first, mergeFacts(stored.facts(first), overlay.facts(first)));
    assert.equal(d1.case, 'foreign-work-1');
    const created = createdAccount(first, d1);
    assert.deepEqual(created, { kind: 'legal', loginName: 'bjhx_a', organization: { name: '福州示例有限公司', creditCode: OTHER_CODE } });
    overlay.add(created!);
    const d2 = decideLegacyCase(second, mergeFacts(stored.facts(second), overlay.facts(second)));
    assert.equal(d2.case, 'foreign-work-3');
    assert.ok(!isConflict(d2) && d2.grant?.organizationLoginName === 'bjhx_a');
    // Natural accounts are created unverified, with the row's person.
    const natural = createdAccount(second, d2);
    assert.deepEqual(natural, { kind: 'natural', loginName: 'WP_bjhx_b', person: { name: '赵六', mobile: '13811112222', documentType: '', documentNumber: '', verified: false } });
    assert.equal(createdAccount(first, { case: 'conflict', source: 'foreign-work', reason: 'PREFIXED_NAME_TAKEN' }), null);
  });

  it('mergeFacts keeps the stored holder and joins lists without repeats', () => {
    const a = { loginName: 'A', kind: 'legal' as const, organization: { sameCreditCode: true, sameName: true } };
    const b = { loginName: 'b', kind: 'legal' as const, organization: { sameCreditCode: true, sameName: true } };
    const merged = mergeFacts(
      { nameHolder: a, prefixedNameHolder: null, organizationAccounts: [a], verifiedPersonAccounts: [] },
      { nameHolder: b, prefixedNameHolder: b, organizationAccounts: [{ ...a, loginName: 'a' }, b], verifiedPersonAccounts: [] },
    );
    assert.equal(merged.nameHolder, a);
    assert.equal(merged.prefixedNameHolder, b);
    assert.deepEqual(merged.organizationAccounts.map((f) => f.loginName), ['A', 'b']);
  });

  it('refuses two accounts with one login name, whatever the case', () => {
    const p = memoryPlatform();
    p.add({ kind: 'natural', loginName: 'Abc', password: P });
    assert.throws(() => p.add({ kind: 'legal', loginName: 'aBC', password: P }), /login name taken/);
    assert.equal(p.size(), 1);
  });
});
