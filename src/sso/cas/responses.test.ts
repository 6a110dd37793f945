import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserClaims } from '../claims.ts';
import { casAttributes, escapeXml, LEGACY_ATTRIBUTE_NAMES, logoutRequestXml, serviceResponseJson, serviceResponseXml, validateText } from './responses.ts';

const person: UserClaims = {
  sub: '6f1c0a54-0000-4000-8000-000000000001',
  account_type: 'natural',
  login_name: 'wangwu',
  name: '王五 <&"\'>',
  verified: true,
  verification_status: 'registry_verified',
  verification_method: 'registry',
  realname_level: 'l3',
  document_type: 'resident_id',
  document_number_masked: '1101**********3018',
  acts_for: {
    organization_name: '测试科技有限公司',
    credit_code: '91110108MA00000000',
    roles: [
      { code: 'item_handler', name: '事项办理员' },
      { code: 'item_admin', name: '单位事项管理员' },
    ],
  },
};
const facts = { authenticatedAt: '2025-01-01T08:00:00.000Z', fromNewLogin: false };

describe('XML escaping', () => {
  it('escapes markup and quotes', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
  it('replaces characters XML 1.0 cannot carry, keeps tabs, newlines and astral characters', () => {
    assert.equal(escapeXml('a\u0000b\u001fc\ud800d'), 'a\ufffdb\ufffdc\ufffdd');
    assert.equal(escapeXml('\t\n\r𠀀'), '\t\n\r𠀀');
  });
});

describe('attributes', () => {
  it('flatten the claims in lower camelCase; the organisation acted for and its roles are actsFor* attributes', () => {
    const attributes = Object.fromEntries(casAttributes(person, facts));
    assert.equal(attributes.accountId, person.sub);
    assert.equal(attributes.realNameLevel, 'urn:most:realname:l3');
    assert.equal(Object.fromEntries(casAttributes({ ...person, realname_level: 'l1' }, facts)).realNameLevel, 'urn:most:realname:l1');
    assert.equal(attributes.accountType, 'natural');
    assert.equal(attributes.loginName, 'wangwu');
    assert.equal(attributes.name, person.name);
    assert.equal(attributes.verified, 'true');
    assert.equal(attributes.verificationStatus, 'registry_verified');
    assert.equal(attributes.verificationMethod, 'registry');
    assert.equal(attributes.documentType, 'resident_id');
    assert.equal(attributes.documentNumberMasked, '1101**********3018');
    assert.equal(attributes.isFromNewLogin, 'false');
    assert.equal(attributes.authenticationDate, facts.authenticatedAt);
    assert.equal(attributes.longTermAuthenticationRequestTokenUsed, 'false');
    assert.equal(attributes.mobile, undefined);
    assert.equal(attributes.organizationName, undefined);
    assert.equal(attributes.actsForOrganizationName, '测试科技有限公司');
    assert.equal(attributes.actsForCreditCode, '91110108MA00000000');
    assert.deepEqual(attributes.actsForRoles, ['item_handler', 'item_admin']);
    assert.deepEqual(attributes.actsForRoleNames, ['事项办理员', '单位事项管理员']);
  });
  it('no attribute name holds an underscore unless the legacy names are switched on (Apache drops such headers)', () => {
    const withMobile: UserClaims = { ...person, mobile: '13800138000', organization: { name: '测试科技有限公司', credit_code: '91110108MA00000000', type: 'enterprise', region: 'domestic' } };
    const names = casAttributes(withMobile, facts).map(([name]) => name);
    assert.equal(names.length, 22);
    for (const name of names) assert.match(name, /^[a-z][A-Za-z]*$/, name);
    assert.deepEqual(casAttributes(withMobile, facts, { legacyNames: false }), casAttributes(withMobile, facts));
  });
  it('switched on: every renamed attribute is sent under both names with the same value, camelCase first', () => {
    const attributes = casAttributes(person, facts, { legacyNames: true });
    const byName = Object.fromEntries(attributes);
    const names = attributes.map(([name]) => name);
    assert.equal(new Set(names).size, names.length, 'each name once');
    assert.equal(byName.account_id, person.sub);
    assert.equal(byName.accountId, person.sub);
    assert.equal(byName.login_name, 'wangwu');
    assert.equal(byName.account_type, 'natural');
    assert.equal(byName.verification_status, 'registry_verified');
    assert.equal(byName.document_number_masked, '1101**********3018');
    assert.equal(byName.acts_for_organization_name, '测试科技有限公司');
    assert.deepEqual(byName.acts_for_roles, ['item_handler', 'item_admin']);
    assert.deepEqual(byName.acts_for_role_names, ['事项办理员', '单位事项管理员']);
    for (const [camel, legacy] of Object.entries(LEGACY_ATTRIBUTE_NAMES)) {
      if (camel in byName) assert.deepEqual(byName[legacy], byName[camel], legacy);
      else assert.ok(!(legacy in byName), legacy);
    }
    // Unchanged names are not doubled; the aliases follow the camelCase attributes.
    assert.equal(names.filter((name) => name === 'name' || name === 'verified').length, 2);
    assert.ok(names.indexOf('account_id') > names.indexOf('actsForRoleNames'));
  });
  it('a legal person gets organization* and no empty values', () => {
    const legal: UserClaims = {
      ...person,
      account_type: 'legal',
      document_type: null,
      document_number_masked: null,
      verification_method: null,
      organization: { name: '测试科技有限公司', credit_code: '91110108MA00000000', type: 'enterprise', region: 'domestic' },
      acts_for: null,
    };
    const attributes = Object.fromEntries(casAttributes(legal, facts, { legacyNames: true }));
    assert.equal(attributes.organizationName, '测试科技有限公司');
    assert.equal(attributes.organizationCreditCode, '91110108MA00000000');
    assert.equal(attributes.organizationType, 'enterprise');
    assert.equal(attributes.organizationRegion, 'domestic');
    assert.equal(attributes.organization_credit_code, '91110108MA00000000');
    for (const absent of ['documentType', 'documentNumberMasked', 'verificationMethod', 'actsForOrganizationName', 'actsForRoles', 'document_type', 'acts_for_roles']) {
      assert.ok(!(absent in attributes), absent);
    }
  });
});

describe('cas:serviceResponse', () => {
  it('success: cas:user and escaped attributes, multi-valued ones repeated', () => {
    const xml = serviceResponseXml({ ok: true, user: 'wang<wu>', attributes: [['name', person.name], ['acts_for', ['{"a":1}', '{"b":2}']]] });
    assert.match(xml, /^<cas:serviceResponse xmlns:cas="http:\/\/www\.yale\.edu\/tp\/cas">/);
    assert.match(xml, /<cas:user>wang&lt;wu&gt;<\/cas:user>/);
    assert.match(xml, /<cas:name>王五 &lt;&amp;&quot;&apos;&gt;<\/cas:name>/);
    assert.equal(xml.match(/<cas:acts_for>/g)?.length, 2);
    assert.match(xml, /<cas:acts_for>\{&quot;a&quot;:1\}<\/cas:acts_for>/);
  });
  it('failure: the code as attribute, the description escaped', () => {
    const xml = serviceResponseXml({ ok: false, code: 'INVALID_TICKET', description: 'Ticket <ST-x> not recognized' });
    assert.match(xml, /<cas:authenticationFailure code="INVALID_TICKET">Ticket &lt;ST-x&gt; not recognized<\/cas:authenticationFailure>/);
    assert.doesNotMatch(xml, /authenticationSuccess/);
  });
  it('refuses an attribute name that is not a plain XML name', () => {
    assert.throws(() => serviceResponseXml({ ok: true, user: 'u', attributes: [['a><b', 'x']] }));
  });
  it('JSON form', () => {
    assert.deepEqual(serviceResponseJson({ ok: true, user: 'u', attributes: [['name', 'n'], ['acts_for', ['x']]] }), {
      serviceResponse: { authenticationSuccess: { user: 'u', attributes: { name: 'n', acts_for: ['x'] } } },
    });
    assert.deepEqual(serviceResponseJson({ ok: false, code: 'INVALID_REQUEST', description: 'd' }), {
      serviceResponse: { authenticationFailure: { code: 'INVALID_REQUEST', description: 'd' } },
    });
  });
  it('CAS 1.0 text', () => {
    assert.equal(validateText({ ok: true, user: 'wangwu', attributes: [] }), 'yes\nwangwu\n');
    assert.equal(validateText({ ok: false, code: 'INVALID_TICKET', description: 'd' }), 'no\n\n');
  });
});

describe('single logout request', () => {
  it('is a SAML LogoutRequest naming the ticket as SessionIndex', () => {
    const xml = logoutRequestXml('ST-abc', new Date('2025-02-10T17:18:24.123Z'));
    assert.match(xml, /^<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2\.0:protocol" ID="LR-[A-Za-z0-9]{24}" Version="2\.0" IssueInstant="2025-02-10T17:18:24Z">/);
    assert.match(xml, /<saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2\.0:assertion">@NOT_USED@<\/saml:NameID>/);
    assert.match(xml, /<samlp:SessionIndex>ST-abc<\/samlp:SessionIndex><\/samlp:LogoutRequest>$/);
  });
});
