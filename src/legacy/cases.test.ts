import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  LEGACY_CASES,
  NO_FACTS,
  decideLegacyCase,
  isConflict,
  isSameOrganization,
  isSamePerson,
  type AccountFact,
  type LegacyDecision,
  type LegacyFacts,
  type LegacyRowKey,
  type OrganizationComparison,
  type PersonComparison,
} from './cases.ts';
import { TORCH_SYSTEMS, UNIT_ADMIN_ROLE } from './sources.ts';

const CODE = '91110108MA01ET88XL';
const MOBILE = '18711111111';

const SAME_ORG: OrganizationComparison = { sameCreditCode: true, sameName: true };
const OTHER_ORG: OrganizationComparison = { sameCreditCode: false, sameName: false };
const SAME_PERSON: PersonComparison = { verified: false, sameDocument: null, sameMobile: true, sameName: true };
const OTHER_PERSON: PersonComparison = { verified: false, sameDocument: null, sameMobile: false, sameName: false };
const VERIFIED_SAME_DOCUMENT: PersonComparison = { verified: true, sameDocument: true, sameMobile: false, sameName: true };

const legal = (loginName: string, organization: OrganizationComparison = SAME_ORG): AccountFact => ({ loginName, kind: 'legal', organization });
const natural = (loginName: string, person: PersonComparison = OTHER_PERSON): AccountFact => ({ loginName, kind: 'natural', person });
const facts = (f: Partial<LegacyFacts>): LegacyFacts => ({ ...NO_FACTS, ...f });

interface Expect {
  case: string;
  action?: string; // 'create natural X' | 'create legal X' | 'keep X' | 'none'
  window?: 'natural' | 'legal';
  password?: 'legacy' | 'platform';
  grantTo?: string | null;
  notes?: string[];
  reason?: string;
}

function describeAction(d: LegacyDecision): string {
  if (isConflict(d)) return 'conflict';
  const a = d.action;
  return a.type === 'create' ? `create ${a.kind} ${a.loginName}` : a.type === 'keep' ? `keep ${a.loginName}` : 'none';
}

function check(row: LegacyRowKey, f: LegacyFacts, expected: Expect) {
  const d = decideLegacyCase(row, f);
  assert.equal(d.case, expected.case);
  assert.equal(d.source, row.source);
  if (isConflict(d)) {
    assert.equal(d.reason, expected.reason);
    return;
  }
  if (expected.action) assert.equal(describeAction(d), expected.action);
  if (expected.window) assert.equal(d.window, expected.window);
  if (expected.password) assert.equal(d.password, expected.password);
  // The login name told to the user is the one acted on.
  if (d.action.type !== 'none') assert.equal(d.loginName, d.action.loginName);
  else assert.equal(d.loginName, null);
  assert.equal(d.grant?.organizationLoginName ?? null, expected.grantTo ?? null);
  assert.deepEqual([...d.notes], expected.notes ?? []);
}

type Table = [string, Partial<LegacyFacts>, Expect][];

function table(row: LegacyRowKey, rows: Table) {
  for (const [name, f, expected] of rows) it(`${expected.case}: ${name}`, () => check(row, facts(f), expected));
}

describe('comparisons', () => {
  it('an organisation is matched by credit code, else by exact name', () => {
    assert.equal(isSameOrganization({ sameCreditCode: true, sameName: false }), true, 'renamed organisation, same code');
    assert.equal(isSameOrganization({ sameCreditCode: false, sameName: true }), false, 'same name, different code: another organisation');
    assert.equal(isSameOrganization({ sameCreditCode: null, sameName: true }), true, 'no code on one side: by name');
    assert.equal(isSameOrganization({ sameCreditCode: null, sameName: false }), false);
  });

  it('the same person: the verified document decides, else reserved mobile and name (SPEC §11.9)', () => {
    assert.equal(isSamePerson({ verified: true, sameDocument: true, sameMobile: false, sameName: false }), true);
    assert.equal(isSamePerson({ verified: true, sameDocument: false, sameMobile: true, sameName: true }), false, 'verified with another document');
    assert.equal(isSamePerson({ verified: false, sameDocument: false, sameMobile: true, sameName: true }), true, 'unverified document does not count');
    assert.equal(isSamePerson({ verified: true, sameDocument: null, sameMobile: true, sameName: true }), true, 'no document to compare');
    assert.equal(isSamePerson({ verified: false, sameDocument: null, sameMobile: true, sameName: false }), false, 'mobile alone is not enough');
    assert.equal(isSamePerson({ verified: false, sameDocument: null, sameMobile: false, sameName: true }), false, 'name alone is not enough');
  });
});

describe('Torch company accounts (login name = credit code)', () => {
  const row: LegacyRowKey = { source: 'torch-company', loginName: CODE, mobile: '' };
  const HJ = `HJ_${CODE}`;
  const torchGrant = 'org_login';
  table(row, [
    ['nothing on the platform', {}, { case: 'torch-company-1', action: `create legal ${CODE}`, window: 'legal', password: 'legacy' }],
    ['another organisation with a different name and code exists', { organizationAccounts: [legal('x', OTHER_ORG)] }, { case: 'torch-company-1', action: `create legal ${CODE}` }],
    ['the organisation’s legal account uses the code', { nameHolder: legal(CODE), organizationAccounts: [legal(CODE)] }, { case: 'torch-company-2', action: `keep ${CODE}`, window: 'legal', password: 'platform' }],
    [
      'the organisation was renamed, same code',
      { nameHolder: legal(CODE, { sameCreditCode: true, sameName: false }) },
      { case: 'torch-company-2', action: `keep ${CODE}`, window: 'legal' },
    ],
    ['the login name differs only in case', { nameHolder: legal(CODE.toLowerCase()) }, { case: 'torch-company-2', action: `keep ${CODE.toLowerCase()}` }],
    ['a natural account has the code as login name', { nameHolder: natural(CODE) }, { case: 'torch-company-3', action: `create legal ${HJ}`, window: 'legal', password: 'legacy' }],
    ['another organisation’s legal account has the code as login name', { nameHolder: legal(CODE, OTHER_ORG), organizationAccounts: [] }, { case: 'torch-company-3', action: `create legal ${HJ}` }],
    [
      'the organisation has a legal account under another name',
      { organizationAccounts: [legal(torchGrant)] },
      { case: 'torch-company-4', action: `create natural ${CODE}`, window: 'natural', password: 'legacy', grantTo: torchGrant },
    ],
    [
      '… matched by name only (its platform record has no code)',
      { organizationAccounts: [legal(torchGrant, { sameCreditCode: null, sameName: true })] },
      { case: 'torch-company-4', action: `create natural ${CODE}`, grantTo: torchGrant },
    ],
    [
      '… and the code is taken by a natural account: prefixed',
      { nameHolder: natural(CODE), organizationAccounts: [legal(torchGrant)] },
      { case: 'torch-company-4', action: `create natural ${HJ}`, window: 'natural', grantTo: torchGrant },
    ],
    [
      '… and the code is taken by another organisation: prefixed',
      { nameHolder: legal(CODE, OTHER_ORG), organizationAccounts: [legal(CODE, OTHER_ORG), legal(torchGrant)] },
      { case: 'torch-company-4', action: `create natural ${HJ}`, grantTo: torchGrant },
    ],
    ['HJ_<code> is taken too', { nameHolder: natural(CODE), prefixedNameHolder: natural(HJ) }, { case: 'conflict', reason: 'PREFIXED_NAME_TAKEN' }],
    [
      'case 4 needs HJ_<code> and it is taken',
      { nameHolder: natural(CODE), prefixedNameHolder: natural(HJ), organizationAccounts: [legal(torchGrant)] },
      { case: 'conflict', reason: 'PREFIXED_NAME_TAKEN' },
    ],
    [
      'HJ_<code> taken but not needed (case 1)',
      { prefixedNameHolder: natural(HJ) },
      { case: 'torch-company-1', action: `create legal ${CODE}` },
    ],
    [
      'another organisation (other code) has the same name: no new legal account possible',
      { organizationAccounts: [legal('x', { sameCreditCode: false, sameName: true })] },
      { case: 'conflict', reason: 'ORGANIZATION_NAME_TAKEN' },
    ],
  ]);

  it('case 4 grants the Torch systems with the unit administrator role (FAQ 三.1 4)', () => {
    const d = decideLegacyCase(row, facts({ organizationAccounts: [legal('org_login')] }));
    assert.ok(!isConflict(d));
    assert.deepEqual(d.grant, { organizationLoginName: 'org_login', systems: TORCH_SYSTEMS, role: UNIT_ADMIN_ROLE });
    assert.deepEqual([...TORCH_SYSTEMS], ['high-tech-enterprise', 'tech-sme', 'torch']);
  });
});

describe('Torch personal accounts (login name = mobile)', () => {
  const row: LegacyRowKey = { source: 'torch-personal', loginName: MOBILE, mobile: MOBILE };
  const HJ = `HJ_${MOBILE}`;
  table(row, [
    ['nothing on the platform', {}, { case: 'torch-personal-1', action: `create natural ${MOBILE}`, window: 'natural', password: 'legacy' }],
    ['the same person (mobile and name) has the mobile as login name', { nameHolder: natural(MOBILE, SAME_PERSON) }, { case: 'torch-personal-2', action: `keep ${MOBILE}`, window: 'natural', password: 'platform' }],
    ['the same person, verified with the same document', { nameHolder: natural(MOBILE, VERIFIED_SAME_DOCUMENT), verifiedPersonAccounts: [natural(MOBILE, VERIFIED_SAME_DOCUMENT)] }, { case: 'torch-personal-2', action: `keep ${MOBILE}` }],
    ['someone else has the mobile as login name', { nameHolder: natural(MOBILE, OTHER_PERSON) }, { case: 'torch-personal-3', action: `create natural ${HJ}`, window: 'natural', password: 'legacy' }],
    [
      'same mobile and name, but verified with another document: someone else',
      { nameHolder: natural(MOBILE, { verified: true, sameDocument: false, sameMobile: true, sameName: true }) },
      { case: 'torch-personal-3', action: `create natural ${HJ}` },
    ],
    ['same mobile, another name: someone else', { nameHolder: natural(MOBILE, { ...SAME_PERSON, sameName: false }) }, { case: 'torch-personal-3', action: `create natural ${HJ}` }],
    ['a legal account has the mobile as login name', { nameHolder: legal(MOBILE, OTHER_ORG) }, { case: 'torch-personal-3', action: `create natural ${HJ}` }],
    [
      'the mobile is free but a verified account holds the person’s document',
      { verifiedPersonAccounts: [natural('other_name', VERIFIED_SAME_DOCUMENT)] },
      { case: 'torch-personal-4', action: 'none', window: 'natural', password: 'platform' },
    ],
    [
      '… or has the mobile as reserved mobile and the same name (row without document)',
      { verifiedPersonAccounts: [natural('other_name', { verified: true, sameDocument: null, sameMobile: true, sameName: true })] },
      { case: 'torch-personal-4', action: 'none' },
    ],
    [
      'someone else has the name and a verified account holds the identity: appeal, not HJ_',
      { nameHolder: natural(MOBILE, OTHER_PERSON), verifiedPersonAccounts: [natural('other_name', VERIFIED_SAME_DOCUMENT)] },
      { case: 'torch-personal-4', action: 'none' },
    ],
    [
      'a verified account with the mobile but another document is someone else',
      { verifiedPersonAccounts: [natural('other_name', { verified: true, sameDocument: false, sameMobile: true, sameName: true })] },
      { case: 'torch-personal-1', action: `create natural ${MOBILE}` },
    ],
    [
      'an unverified account with the same mobile and name elsewhere changes nothing',
      { verifiedPersonAccounts: [natural('other_name', SAME_PERSON)] },
      { case: 'torch-personal-1', action: `create natural ${MOBILE}` },
    ],
    ['HJ_<mobile> is taken too', { nameHolder: natural(MOBILE), prefixedNameHolder: natural(HJ) }, { case: 'conflict', reason: 'PREFIXED_NAME_TAKEN' }],
  ]);
});

describe('foreign work employer accounts (WP_)', () => {
  const NAME = 'bjhx2015';
  const WP = `WP_${NAME}`;
  const row: LegacyRowKey = { source: 'foreign-work', loginName: NAME, mobile: '' };
  table(row, [
    ['(1) no platform account, name free', {}, { case: 'foreign-work-1', action: `create legal ${NAME}`, window: 'legal', password: 'legacy' }],
    ['(2) no platform account, name taken by a natural account', { nameHolder: natural(NAME) }, { case: 'foreign-work-2', action: `create legal ${WP}`, window: 'legal', password: 'legacy' }],
    ['(2) … by another organisation', { nameHolder: legal(NAME, OTHER_ORG), organizationAccounts: [] }, { case: 'foreign-work-2', action: `create legal ${WP}` }],
    [
      '(3) the organisation has a legal account, name free',
      { organizationAccounts: [legal('corp')] },
      { case: 'foreign-work-3', action: `create natural ${WP}`, window: 'natural', password: 'legacy', grantTo: 'corp' },
    ],
    [
      '(3) … matched by exact name when the row has no credit code',
      { organizationAccounts: [legal('corp', { sameCreditCode: null, sameName: true })] },
      { case: 'foreign-work-3', action: `create natural ${WP}`, grantTo: 'corp' },
    ],
    [
      '(4) the name belongs to a different organisation’s account',
      { nameHolder: legal(NAME, OTHER_ORG), organizationAccounts: [legal('corp')] },
      { case: 'foreign-work-4', action: `create natural ${WP}`, window: 'natural', grantTo: 'corp' },
    ],
    [
      '(4) … to a natural account (no organisation: not the same one)',
      { nameHolder: natural(NAME), organizationAccounts: [legal('corp')] },
      { case: 'foreign-work-4', action: `create natural ${WP}`, grantTo: 'corp' },
    ],
    [
      '(4) … to an organisation with the same name but another credit code',
      { nameHolder: legal(NAME, { sameCreditCode: false, sameName: true }), organizationAccounts: [legal('corp')] },
      { case: 'foreign-work-4', action: `create natural ${WP}`, grantTo: 'corp' },
    ],
    ['(5) the organisation’s legal account has the very name', { nameHolder: legal(NAME), organizationAccounts: [legal(NAME)] }, { case: 'foreign-work-5', action: `keep ${NAME}`, window: 'legal', password: 'platform' }],
    ['(5) … matched by name', { nameHolder: legal(NAME, { sameCreditCode: null, sameName: true }) }, { case: 'foreign-work-5', action: `keep ${NAME}` }],
    ['WP_<name> taken when needed', { nameHolder: natural(NAME), prefixedNameHolder: natural(WP) }, { case: 'conflict', reason: 'PREFIXED_NAME_TAKEN' }],
    ['WP_<name> taken in case 3', { organizationAccounts: [legal('corp')], prefixedNameHolder: natural(WP) }, { case: 'conflict', reason: 'PREFIXED_NAME_TAKEN' }],
    [
      'another organisation with the same name and another code blocks a new legal account',
      { organizationAccounts: [legal('corp', { sameCreditCode: false, sameName: true })] },
      { case: 'conflict', reason: 'ORGANIZATION_NAME_TAKEN' },
    ],
  ]);

  it('cases 3 and 4 grant 外国人来华工作许可 with the unit administrator role', () => {
    const d = decideLegacyCase(row, facts({ organizationAccounts: [legal('corp')] }));
    assert.ok(!isConflict(d));
    assert.deepEqual(d.grant, { organizationLoginName: 'corp', systems: ['foreign-work-permit'], role: UNIT_ADMIN_ROLE });
  });
});

describe('foreign expert accounts (WGZJXM_)', () => {
  const NAME = 'expert_01';
  const WG = `WGZJXM_${NAME}`;
  const row: LegacyRowKey = { source: 'foreign-expert', loginName: NAME, mobile: MOBILE };
  table(row, [
    ['name free', {}, { case: 'foreign-expert-1', action: `create natural ${NAME}`, window: 'natural', password: 'legacy' }],
    ['name taken by someone else', { nameHolder: natural(NAME) }, { case: 'foreign-expert-2', action: `create natural ${WG}`, window: 'natural', password: 'legacy' }],
    ['name taken by an organisation', { nameHolder: legal(NAME, OTHER_ORG) }, { case: 'foreign-expert-2', action: `create natural ${WG}` }],
    [
      'name taken by the same person’s verified account: prefixed, and FAQ 五.1 applies',
      { nameHolder: natural(NAME, VERIFIED_SAME_DOCUMENT), verifiedPersonAccounts: [natural(NAME, VERIFIED_SAME_DOCUMENT)] },
      { case: 'foreign-expert-2', action: `create natural ${WG}`, notes: ['DOCUMENT_VERIFIED_ELSEWHERE'] },
    ],
    [
      'a verified account elsewhere holds the document',
      { verifiedPersonAccounts: [natural('someone', VERIFIED_SAME_DOCUMENT)] },
      { case: 'foreign-expert-1', action: `create natural ${NAME}`, notes: ['DOCUMENT_VERIFIED_ELSEWHERE'] },
    ],
    [
      'a verified account with the same mobile and name but no matching document: no note',
      { verifiedPersonAccounts: [natural('someone', { verified: true, sameDocument: null, sameMobile: true, sameName: true })] },
      { case: 'foreign-expert-1', notes: [] },
    ],
    ['WGZJXM_<name> taken too', { nameHolder: natural(NAME), prefixedNameHolder: natural(WG) }, { case: 'conflict', reason: 'PREFIXED_NAME_TAKEN' }],
  ]);

  it('a row without reserved mobile is told to appeal (FAQ 五.2 (3))', () => {
    check({ ...row, mobile: '' }, NO_FACTS, { case: 'foreign-expert-1', notes: ['NO_RESERVED_MOBILE'] });
    check({ ...row, mobile: '' }, facts({ nameHolder: natural(NAME), verifiedPersonAccounts: [natural('x', VERIFIED_SAME_DOCUMENT)] }), {
      case: 'foreign-expert-2',
      notes: ['NO_RESERVED_MOBILE', 'DOCUMENT_VERIFIED_ELSEWHERE'],
    });
  });
});

describe('the decision as a whole', () => {
  it('is pure: the same row and facts give the same answer, facts untouched', () => {
    const f = facts({ nameHolder: natural(CODE), organizationAccounts: [legal('org')] });
    const frozen = JSON.stringify(f);
    const row: LegacyRowKey = { source: 'torch-company', loginName: CODE, mobile: '' };
    assert.deepEqual(decideLegacyCase(row, f), decideLegacyCase(row, f));
    assert.equal(JSON.stringify(f), frozen);
  });

  it('after applying its outcome, a re-decision keeps the account instead of creating another', () => {
    // Torch 1 creates the legal account CODE; seen again, that account is the organisation’s: case 2, nothing created.
    const row: LegacyRowKey = { source: 'torch-company', loginName: CODE, mobile: '' };
    assert.equal(decideLegacyCase(row, NO_FACTS).case, 'torch-company-1');
    const again = decideLegacyCase(row, facts({ nameHolder: legal(CODE), organizationAccounts: [legal(CODE)] }));
    assert.equal(again.case, 'torch-company-2');
    assert.ok(!isConflict(again) && again.action.type === 'keep');
    // Foreign work 1 likewise becomes 5.
    const fw: LegacyRowKey = { source: 'foreign-work', loginName: 'bjhx', mobile: '' };
    assert.equal(decideLegacyCase(fw, facts({ nameHolder: legal('bjhx'), organizationAccounts: [legal('bjhx')] })).case, 'foreign-work-5');
  });

  it('lists fifteen cases: Torch company 1–4, personal 1–4, foreign work 1–5, foreign experts 1–2', () => {
    assert.equal(LEGACY_CASES.length, 15);
    assert.equal(LEGACY_CASES.filter((c) => c.startsWith('foreign-work-')).length, 5);
  });
});
