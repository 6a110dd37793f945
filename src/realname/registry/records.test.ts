import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DOCUMENT_TYPES,
  LEGAL_PERSON_TYPES,
  creditCodeCheckChar,
  organizationVerification,
  residentIdCheckChar,
} from '../../accounts/rules.ts';
import { REGISTRY_DOCUMENT_TYPES, REGISTRY_LEGAL_PERSON_TYPES, isRegistryDocumentType } from '../registry-protocol.ts';
import { verifyOrganization, verifyPerson } from './matching.ts';
import { DEFAULT_DATA_FILE, loadRegistryData, registryDataFrom } from './records.ts';

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);

const data = loadRegistryData(DEFAULT_DATA_FILE);

describe('the shipped development data', () => {
  const raw = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as { _comment: string };

  it('says it is synthetic', () => {
    assert.match(raw._comment, /SYNTHETIC/);
  });

  it('has at least 12 persons covering every verifiable document type, and 6 organisations of each type', () => {
    const persons = [...data.persons.values()];
    assert.ok(persons.length >= 12);
    assert.ok(persons.filter((p) => p.documentType === 'resident_id').length >= 12);
    for (const type of REGISTRY_DOCUMENT_TYPES) assert.ok(persons.some((p) => p.documentType === type), type);
    const organizations = [...data.organizations.values()];
    assert.ok(organizations.length >= 6);
    for (const type of REGISTRY_LEGAL_PERSON_TYPES) assert.ok(organizations.some((o) => o.legalPersonType === type), type);
  });

  it('knows the demo accounts the platform seeds', () => {
    const demo = [
      { name: '张三', documentType: 'resident_id', documentNumber: idNumber('11010519900307123'), validFrom: '2016-03-01', validTo: '2036-03-01' },
      { name: '李四', documentType: 'resident_id', documentNumber: idNumber('11010819800515201'), validFrom: '2010-05-01', longTerm: true },
      { name: '王五', documentType: 'resident_id', documentNumber: idNumber('11010819920620301'), validFrom: '2018-06-01', validTo: '2038-06-01' },
    ] as const;
    for (const person of demo) assert.deepEqual(verifyPerson(data, person), { result: 'match' }, person.name);
    assert.deepEqual(
      verifyOrganization(data, {
        name: '北京示例科技有限公司',
        creditCode: creditCode('91110108MA01D3M7Q'),
        legalPersonType: 'enterprise',
        legalRepresentative: { name: '李四', documentType: 'resident_id', documentNumber: idNumber('11010819800515201') },
      }),
      { result: 'match' },
    );
  });

  it('names each organisation\'s legal representative by a document of its persons', () => {
    for (const organization of data.organizations.values()) {
      assert.equal(data.persons.get(`${organization.legalRepresentative.documentType}:${organization.legalRepresentative.documentNumber.toUpperCase()}`), organization.representative, organization.name);
    }
  });

  it('the protocol lists exactly the automatically verifiable document and organisation types', () => {
    const automatic = DOCUMENT_TYPES.filter((d) => d.verification === 'automatic').map((d) => d.value);
    assert.deepEqual([...REGISTRY_DOCUMENT_TYPES].sort(), automatic.sort());
    for (const d of DOCUMENT_TYPES) assert.equal(isRegistryDocumentType(d.value), d.verification === 'automatic', d.value);
    const orgTypes = LEGAL_PERSON_TYPES.map((t) => t.value).filter((t) => organizationVerification('domestic', t) === 'automatic');
    assert.deepEqual([...REGISTRY_LEGAL_PERSON_TYPES].sort(), orgTypes.sort());
  });
});

describe('registryDataFrom refuses bad data', () => {
  const person = { name: '甲', documentType: 'resident_id', documentNumber: idNumber('11010519900307123'), validFrom: '2016-03-01', validTo: '2036-03-01' };
  const organization = {
    name: '乙公司',
    creditCode: creditCode('91110108MA01D3M7Q'),
    legalPersonType: 'enterprise',
    legalRepresentative: { documentType: 'resident_id', documentNumber: person.documentNumber },
  };

  it('accepts a minimal valid file', () => {
    const loaded = registryDataFrom({ persons: [person], organizations: [organization] });
    assert.equal(loaded.persons.size, 1);
    assert.equal(loaded.organizations.size, 1);
  });

  it('a wrong check digit, a duplicate document, a bad credit code, a missing end of validity', () => {
    const badId = { ...person, documentNumber: '110105199003071230' };
    const noEnd = { ...person, documentNumber: idNumber('11010119450101001'), validTo: undefined };
    const badCode = { ...organization, creditCode: '91110108MA01D3M7Q1' };
    assert.throws(() => registryDataFrom({ persons: [badId], organizations: [] }), /ID_NUMBER_CHECK_DIGIT/);
    assert.throws(() => registryDataFrom({ persons: [person, person], organizations: [] }), /duplicate document/);
    assert.throws(() => registryDataFrom({ persons: [], organizations: [badCode] }), /CREDIT_CODE_CHECK_DIGIT/);
    assert.throws(() => registryDataFrom({ persons: [noEnd], organizations: [] }), /validTo or longTerm/);
    assert.throws(() => registryDataFrom({ persons: [{ ...person, documentType: 'foreign_passport' }], organizations: [] }), /documentType/);
  });

  it('a legal representative who is not among the persons', () => {
    const stranger = { ...organization, legalRepresentative: { documentType: 'resident_id', documentNumber: idNumber('11010119450101001') } };
    assert.throws(() => registryDataFrom({ persons: [person], organizations: [stranger] }), /legal representative resident_id:110101194501010019 is not among the persons/);
  });
});

describe('matching', () => {
  const zhou = { name: '周润', documentType: 'resident_id', documentNumber: '32050220000229151X', validFrom: '2021-05-06', validTo: '2031-05-06' } as const;

  it('ignores letter case of document numbers and credit codes', () => {
    assert.equal(verifyPerson(data, { ...zhou, documentNumber: '32050220000229151x' }).result, 'match');
    assert.equal(verifyPerson(data, { name: '何家豪', documentType: 'hk_macau_pass', documentNumber: 'c60371842' }).result, 'match');
    assert.equal(
      verifyOrganization(data, {
        name: '北京市科技创新促进会',
        creditCode: '51110000mj0123456c',
        legalRepresentative: { name: '赵德明', documentType: 'resident_id', documentNumber: '110101194501010019' },
      }).result,
      'match',
    );
  });

  it('not_found when the number belongs to another document type', () => {
    assert.deepEqual(verifyPerson(data, { ...zhou, documentType: 'taiwan_resident_permit' }), { result: 'not_found' });
  });

  it('lists every differing field', () => {
    assert.deepEqual(verifyPerson(data, { ...zhou, name: '周闰', validFrom: '2021-05-07', validTo: '2031-05-07' }), {
      result: 'mismatch',
      mismatched: ['name', 'validFrom', 'validTo'],
    });
    assert.deepEqual(
      verifyOrganization(data, {
        name: '北京示例科技公司',
        creditCode: creditCode('91110108MA01D3M7Q'),
        legalPersonType: 'public_institution',
        legalRepresentative: { name: '王五', documentType: 'resident_id', documentNumber: idNumber('11010819800515201') },
      }),
      { result: 'mismatch', mismatched: ['name', 'legalPersonType', 'legalRepresentativeName'] },
    );
  });

  it("issue 14.12 (quickstart 4.2.2 法定代表人 证件类型, 证件号码): another person's document, or the number under another type, is a mismatch", () => {
    const lisi = { name: '李四', documentType: 'resident_id', documentNumber: idNumber('11010819800515201') } as const;
    const company = { name: '北京示例科技有限公司', creditCode: creditCode('91110108MA01D3M7Q'), legalPersonType: 'enterprise' } as const;
    assert.deepEqual(verifyOrganization(data, { ...company, legalRepresentative: lisi }), { result: 'match' });
    // 王五's number (a real person of the registry) with 李四's name.
    assert.deepEqual(verifyOrganization(data, { ...company, legalRepresentative: { ...lisi, documentNumber: idNumber('11010819920620301') } }), {
      result: 'mismatch',
      mismatched: ['legalRepresentativeDocumentNumber'],
    });
    // 王五 entirely: his own name and number, still not this organisation's representative.
    assert.deepEqual(verifyOrganization(data, { ...company, legalRepresentative: { ...lisi, name: '王五', documentNumber: idNumber('11010819920620301') } }), {
      result: 'mismatch',
      mismatched: ['legalRepresentativeName', 'legalRepresentativeDocumentNumber'],
    });
    assert.deepEqual(verifyOrganization(data, { ...company, legalRepresentative: { ...lisi, documentType: 'hk_macau_resident_permit' } }), {
      result: 'mismatch',
      mismatched: ['legalRepresentativeDocumentType'],
    });
    assert.equal(verifyOrganization(data, { ...company, legalRepresentative: { ...lisi, documentNumber: lisi.documentNumber.toLowerCase() } }).result, 'match');
  });

  it('compares validity only when given; long-term and an end date differ', () => {
    const lisi = { name: '李四', documentType: 'resident_id', documentNumber: idNumber('11010819800515201') } as const;
    assert.equal(verifyPerson(data, lisi).result, 'match');
    assert.equal(verifyPerson(data, { ...lisi, validTo: '', longTerm: true }).result, 'match');
    assert.deepEqual(verifyPerson(data, { ...lisi, validTo: '2030-05-01', longTerm: false }), { result: 'mismatch', mismatched: ['validTo'] });
    assert.deepEqual(verifyPerson(data, { ...zhou, longTerm: true, validTo: undefined }), { result: 'mismatch', mismatched: ['validTo'] });
  });

  it('ignores blanks around names', () => {
    assert.equal(verifyPerson(data, { ...zhou, name: ' 周润 ' }).result, 'match');
  });
});
