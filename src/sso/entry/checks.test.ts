import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ENTRY_CHECKS,
  SIGN_IN_CHECKS,
  accountKindAllowed,
  actsForOrganizationWithGrant,
  loggedIn,
  missingOtherInformation,
  organizationBasicComplete,
  organizationOtherComplete,
  primaryAgentVerified,
  runChecks,
  systemOpen,
  verified,
  type EntryContext,
} from './checks.ts';

const TORCH = ['organization_basic_complete', 'organization_other_complete', 'primary_agent_verified'] as const;
const SEED_DIALOG = '您的个人信息没有实名认证，则需先实名认证个人信息才能进行下一步操作。请点击确定前往个人信息页面。';

type Overrides = {
  system?: Partial<EntryContext['system']>;
  account?: EntryContext['account'];
  verified?: Partial<EntryContext['verified']>;
  missing?: Partial<EntryContext['missing']>;
  acting?: EntryContext['acting'];
};

/** A verified natural person entering an open system with no extra requirements, unless overridden. */
function context(overrides: Overrides = {}): EntryContext {
  return {
    system: {
      key: 'hgr', name: '人类遗传资源管理', audience: 'both', requiresVerification: true, requirements: [], enabled: true,
      entryUrl: 'http://localhost:4001/login', requiresGrant: false, ...overrides.system,
    },
    account: overrides.account === undefined ? { id: 'a1', kind: 'natural' } : overrides.account,
    verified: { natural_person: true, organization: true, primary_agent: true, ...overrides.verified },
    missing: { organization_basic: [], organization_other: [], ...overrides.missing },
    acting: overrides.acting ?? null,
  };
}
const LEGAL = { id: 'o1', kind: 'legal' } as const;
const torch = (overrides: Overrides = {}) => context({ account: LEGAL, ...overrides, system: { requirements: [...TORCH], ...overrides.system } });

describe('entry checks', () => {
  it('systemOpen: an enabled system with an entry URL', () => {
    assert.equal(systemOpen(context()), null);
    assert.equal(systemOpen(context({ system: { entryUrl: null } }))?.code, 'ENTRY_UNAVAILABLE');
    assert.equal(systemOpen(context({ system: { enabled: false } }))?.code, 'ENTRY_UNAVAILABLE');
  });

  it('loggedIn: nobody logged in is sent to log in', () => {
    assert.equal(loggedIn(context()), null);
    assert.deepEqual(loggedIn(context({ account: null })), { code: 'NOT_LOGGED_IN', message: '请先登录。', messageEn: 'Please log in first.', action: 'login' });
  });

  it('accountKindAllowed: the audience decides, and the refusal names the right kind', () => {
    assert.equal(accountKindAllowed(context({ system: { audience: 'both' } })), null);
    assert.equal(accountKindAllowed(context({ system: { audience: 'natural' } })), null);
    assert.equal(accountKindAllowed(context({ account: LEGAL, system: { audience: 'legal' } })), null);
    const legalOnly = accountKindAllowed(context({ system: { audience: 'legal' } }));
    assert.equal(legalOnly?.code, 'LEGAL_ACCOUNT_REQUIRED');
    assert.match(legalOnly?.message ?? '', /法人账号/);
    const naturalOnly = accountKindAllowed(context({ account: LEGAL, system: { audience: 'natural' } }));
    assert.equal(naturalOnly?.code, 'NATURAL_ACCOUNT_REQUIRED');
    assert.match(naturalOnly?.message ?? '', /自然人账号/);
  });

  it("verified: the natural person for a personal account, the organisation for a legal one; the seed's dialog", () => {
    assert.equal(verified(context()), null);
    const refused = verified(context({ verified: { natural_person: false } }));
    assert.equal(refused?.code, 'NOT_VERIFIED');
    assert.equal(refused?.message, SEED_DIALOG);
    assert.equal(refused?.action, 'my-info');
    // A verified primary agent does not make the organisation verified.
    assert.equal(verified(context({ account: LEGAL, verified: { organization: false, primary_agent: true } }))?.message, SEED_DIALOG);
    assert.equal(verified(context({ account: LEGAL, verified: { natural_person: false } })), null);
    assert.equal(verified(context({ verified: { natural_person: false }, system: { requiresVerification: false } })), null);
  });

  // platform-faq.md 三.1 3 and 3(1): the dialog, then 法人单位基本信息 补全后页面会出现实名认证状态.
  it("verified: an organisation not verified while 法人单位基本信息 are missing gets the seed's dialog with the missing fields beneath", () => {
    const refused = verified(torch({ system: { requirements: [] }, verified: { organization: false }, missing: { organization_basic: ['nature', 'foundedOn'] } }));
    assert.equal(refused?.code, 'NOT_VERIFIED');
    assert.equal(refused?.message, SEED_DIALOG);
    assert.equal(refused?.action, 'my-info');
    assert.deepEqual(refused?.missing?.map((label) => label.zh), ['单位性质', '单位成立日期']);
    assert.deepEqual(refused?.detail, { zh: '法人单位基本信息不完整（缺少：单位性质、单位成立日期）', en: 'The organisation basic information is incomplete (missing: Nature, Founded on)' });
    // Without missing fields (the registry said no), the dialog alone; a person's missing fields are not the organisation's.
    assert.equal(verified(torch({ verified: { organization: false } }))?.detail, undefined);
    assert.equal(verified(context({ verified: { natural_person: false }, missing: { organization_basic: ['nature'] } }))?.detail, undefined);
  });

  it('organizationBasicComplete: lists the missing fields by their 我的信息 labels', () => {
    assert.equal(organizationBasicComplete(torch()), null);
    const refused = organizationBasicComplete(torch({ missing: { organization_basic: ['nature', 'address', 'legalRepresentative.email'] } }));
    assert.equal(refused?.code, 'ORGANIZATION_BASIC_INCOMPLETE');
    assert.equal(refused?.message, '法人单位基本信息不完整（缺少：单位性质、单位地址、法定代表人电子邮箱）');
    assert.equal(refused?.messageEn, 'The organisation basic information is incomplete (missing: Nature, Address, Representative e-mail)');
    assert.deepEqual(refused?.missing?.map((label) => label.zh), ['单位性质', '单位地址', '法定代表人电子邮箱']);
    assert.equal(refused?.action, 'my-info');
    // Only where the system requires it, and only of legal accounts.
    assert.equal(organizationBasicComplete(torch({ system: { requirements: [] }, missing: { organization_basic: ['nature'] } })), null);
    assert.equal(organizationBasicComplete(torch({ account: { id: 'a1', kind: 'natural' }, missing: { organization_basic: ['nature'] } })), null);
  });

  it('organizationOtherComplete: every field of 法人单位其他信息', () => {
    assert.equal(organizationOtherComplete(torch()), null);
    const refused = organizationOtherComplete(torch({ missing: { organization_other: ['industry1', 'incomeTaxMethod'] } }));
    assert.equal(refused?.code, 'ORGANIZATION_OTHER_INCOMPLETE');
    assert.equal(refused?.message, '法人单位其他信息不完整（缺少：所属行业1、所得税征收方式）');
    assert.equal(organizationOtherComplete(torch({ system: { requirements: ['organization_basic_complete'] }, missing: { organization_other: ['industry1'] } })), null);
  });

  it('missingOtherInformation: blank and absent fields count as missing', () => {
    const all = ['businessTerm', 'industry1', 'industry2', 'registrationAuthority', 'approvedOn', 'foreignCapitalSource', 'incomeTaxMethod', 'enterpriseType'];
    assert.deepEqual(missingOtherInformation({}), all);
    const filled = Object.fromEntries(all.map((field) => [field, '无']));
    assert.deepEqual(missingOtherInformation(filled), []);
    assert.deepEqual(missingOtherInformation({ ...filled, industry2: '  ' }), ['industry2']);
  });

  it('primaryAgentVerified: the 主代办人 of a legal account', () => {
    assert.equal(primaryAgentVerified(torch()), null);
    const refused = primaryAgentVerified(torch({ verified: { primary_agent: false } }));
    assert.equal(refused?.code, 'PRIMARY_AGENT_NOT_VERIFIED');
    assert.equal(refused?.message, '主代办人未通过实名认证');
    assert.equal(primaryAgentVerified(torch({ system: { requirements: [] }, verified: { primary_agent: false } })), null);
  });

  describe('actsForOrganizationWithGrant', () => {
    const option = { organizationId: 'o1', organizationName: '北京示例科技有限公司', creditCode: '91110108MA01D3M7Q1', roles: [{ code: 'item_handler', name: '事项办理员' }] };
    const grantSystem = { system: { requiresGrant: true } };
    const standing = (s: Partial<NonNullable<EntryContext['acting']>>) => ({ options: [], expired: [], suspended: [], ...s });

    it('a natural person with a live authorisation in the system may enter', () => {
      assert.equal(actsForOrganizationWithGrant(context({ ...grantSystem, acting: standing({ options: [option] }) })), null);
    });

    it('without one: 没有权限办理该事项, asking to contact the organisation admin', () => {
      const refused = actsForOrganizationWithGrant(context({ ...grantSystem, acting: standing({}) }));
      assert.equal(refused?.code, 'NO_AUTHORIZATION');
      assert.match(refused!.message, /^没有权限办理该事项/);
      assert.match(refused!.message, /管理员/);
    });

    it('an expired authorisation says 授权已过期 and names the organisation (FAQ 二.3)', () => {
      const refused = actsForOrganizationWithGrant(context({ ...grantSystem, acting: standing({ expired: ['甲单位'], suspended: ['乙单位'] }) }));
      assert.equal(refused?.code, 'AUTHORIZATION_EXPIRED');
      assert.match(refused!.message, /^授权已过期，请联系甲单位的管理员/);
    });

    it('a suspended organisation says 停用', () => {
      const refused = actsForOrganizationWithGrant(context({ ...grantSystem, acting: standing({ suspended: ['乙单位'] }) }));
      assert.equal(refused?.code, 'AUTHORIZATION_SUSPENDED');
      assert.match(refused!.message, /乙单位/);
    });

    it('does not concern legal accounts or systems without the requirement', () => {
      assert.equal(actsForOrganizationWithGrant(context({ ...grantSystem, account: LEGAL, acting: null })), null);
      assert.equal(actsForOrganizationWithGrant(context({ acting: standing({}) })), null);
    });

    it('comes after verification in the sign-in pipeline', () => {
      const unverified = context({ ...grantSystem, verified: { natural_person: false }, acting: standing({}) });
      assert.deepEqual(runChecks(unverified, SIGN_IN_CHECKS).map((r) => r.code), ['NOT_VERIFIED']);
      const verifiedNoGrant = context({ ...grantSystem, acting: standing({}) });
      assert.deepEqual(runChecks(verifiedNoGrant, SIGN_IN_CHECKS).map((r) => r.code), ['NO_AUTHORIZATION']);
    });
  });
});

describe('entry pipelines', () => {
  const codes = (c: EntryContext, pipeline = SIGN_IN_CHECKS) => runChecks(c, pipeline).map((r) => r.code);

  it('lets a verified person into an open system', () => {
    assert.deepEqual(runChecks(context(), ENTRY_CHECKS), []);
  });

  it('stops at the first stage that refuses, in order: login, kind, verification, requirements', () => {
    const everythingWrong: Overrides = {
      system: { audience: 'legal', requirements: [...TORCH] },
      verified: { natural_person: false, organization: false, primary_agent: false },
      missing: { organization_basic: ['nature'], organization_other: ['industry1'] },
    };
    assert.deepEqual(codes(context({ ...everythingWrong, account: null })), ['NOT_LOGGED_IN']);
    assert.deepEqual(codes(context(everythingWrong)), ['LEGAL_ACCOUNT_REQUIRED']);
    assert.deepEqual(codes(context({ ...everythingWrong, account: LEGAL })), ['NOT_VERIFIED']);
    assert.deepEqual(codes(context({ ...everythingWrong, account: LEGAL, verified: { organization: true, primary_agent: false } })), [
      'ORGANIZATION_BASIC_INCOMPLETE',
      'ORGANIZATION_OTHER_INCOMPLETE',
      'PRIMARY_AGENT_NOT_VERIFIED',
    ]);
  });

  it('办理入口 last needs somewhere to send the user; a sign-in through OIDC or CAS does not', () => {
    const noEntry = context({ system: { entryUrl: null } });
    assert.deepEqual(codes(noEntry, ENTRY_CHECKS), ['ENTRY_UNAVAILABLE']);
    assert.deepEqual(codes(noEntry, SIGN_IN_CHECKS), []);
    // What the system requires is told first, even before it has an online entry.
    assert.deepEqual(codes(context({ verified: { natural_person: false }, system: { entryUrl: null } }), ENTRY_CHECKS), ['NOT_VERIFIED']);
    assert.deepEqual(codes(context({ account: null, system: { entryUrl: null } }), ENTRY_CHECKS), ['NOT_LOGGED_IN']);
  });
});
