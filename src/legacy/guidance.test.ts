import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LEGACY_CASES, NO_FACTS, decideLegacyCase, isConflict, type AccountFact, type LegacyCaseId, type LegacyDecision, type LegacyFacts } from './cases.ts';
import { FOREIGN_WORK_NOTICE, legacyGuidance, unregisteredGuidance } from './guidance.ts';
import { LEGACY_SOURCES } from './sources.ts';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seed = (name: string) => {
  try {
    return readFileSync(new URL(name, SEEDS), 'utf8').replace(/\\_/g, '_');
  } catch {
    return null;
  }
};
const torchSeed = seed('torch-migration-and-login-guide.md');
const foreignSeed = seed('foreigner-work-system-login-quickstart.md');
const faqSeed = seed('platform-faq.md');

const CODE = '91110108MA01ET88XL';
const MOBILE = '18711111111';
const ORG_LOGIN = 'secret_org_login';
const legal = (loginName: string, same = true): AccountFact => ({ loginName, kind: 'legal', organization: { sameCreditCode: same, sameName: same } });
const natural = (loginName: string, same = false): AccountFact => ({ loginName, kind: 'natural', person: { verified: same, sameDocument: same, sameMobile: same, sameName: same } });
const f = (facts: Partial<LegacyFacts>): LegacyFacts => ({ ...NO_FACTS, ...facts });

/** One decision per case, through decideLegacyCase. */
const DECISIONS: Record<LegacyCaseId, LegacyDecision> = {
  'torch-company-1': decideLegacyCase({ source: 'torch-company', loginName: CODE, mobile: '' }, NO_FACTS),
  'torch-company-2': decideLegacyCase({ source: 'torch-company', loginName: CODE, mobile: '' }, f({ nameHolder: legal(CODE) })),
  'torch-company-3': decideLegacyCase({ source: 'torch-company', loginName: CODE, mobile: '' }, f({ nameHolder: natural(CODE) })),
  'torch-company-4': decideLegacyCase({ source: 'torch-company', loginName: CODE, mobile: '' }, f({ organizationAccounts: [legal(ORG_LOGIN)] })),
  'torch-personal-1': decideLegacyCase({ source: 'torch-personal', loginName: MOBILE, mobile: MOBILE }, NO_FACTS),
  'torch-personal-2': decideLegacyCase({ source: 'torch-personal', loginName: MOBILE, mobile: MOBILE }, f({ nameHolder: natural(MOBILE, true) })),
  'torch-personal-3': decideLegacyCase({ source: 'torch-personal', loginName: MOBILE, mobile: MOBILE }, f({ nameHolder: natural(MOBILE) })),
  'torch-personal-4': decideLegacyCase({ source: 'torch-personal', loginName: MOBILE, mobile: MOBILE }, f({ verifiedPersonAccounts: [natural('secret_person_login', true)] })),
  'foreign-work-1': decideLegacyCase({ source: 'foreign-work', loginName: 'bjhx', mobile: '' }, NO_FACTS),
  'foreign-work-2': decideLegacyCase({ source: 'foreign-work', loginName: 'bjhx', mobile: '' }, f({ nameHolder: natural('bjhx') })),
  'foreign-work-3': decideLegacyCase({ source: 'foreign-work', loginName: 'bjhx', mobile: '' }, f({ organizationAccounts: [legal(ORG_LOGIN)] })),
  'foreign-work-4': decideLegacyCase({ source: 'foreign-work', loginName: 'bjhx', mobile: '' }, f({ nameHolder: legal('bjhx', false), organizationAccounts: [legal(ORG_LOGIN)] })),
  'foreign-work-5': decideLegacyCase({ source: 'foreign-work', loginName: 'bjhx', mobile: '' }, f({ nameHolder: legal('bjhx') })),
  'foreign-expert-1': decideLegacyCase({ source: 'foreign-expert', loginName: 'expert_01', mobile: '' }, NO_FACTS),
  'foreign-expert-2': decideLegacyCase({ source: 'foreign-expert', loginName: 'expert_01', mobile: MOBILE }, f({ nameHolder: natural('expert_01') })),
};

describe('lookup guidance for every case', () => {
  for (const id of LEGACY_CASES) {
    it(`${id}: case, window, login name, and no other account’s data`, () => {
      const decision = DECISIONS[id];
      assert.equal(decision.case, id);
      const g = legacyGuidance(decision);
      assert.equal(g.case, id);
      assert.ok(g.text.zh.length > 20 && g.text.en.length > 20);
      const all = JSON.stringify(g);
      assert.ok(!all.includes(ORG_LOGIN), 'the organisation’s own login name is not revealed');
      assert.ok(!all.includes('secret_person_login'), 'a verified account’s login name is not revealed');
      assert.ok(!isConflict(decision));
      assert.equal(g.window, decision.window);
      assert.equal(g.windowLabel?.zh, decision.window === 'legal' ? '法人登录' : '自然人登录');
      assert.equal(g.loginName, decision.loginName);
    });
  }

  it('tells the login names of the seeds’ examples', () => {
    assert.equal(legacyGuidance(DECISIONS['torch-company-3']).loginName, 'HJ_91110108MA01ET88XL');
    assert.match(legacyGuidance(DECISIONS['torch-company-3']).text.zh, /“HJ_”加原火炬中心用户名（统一社会信用代码，即：HJ_91110108MA01ET88XL）同时密码不变。请直接在科技部政务服务平台法人登陆窗口登陆/);
    assert.match(legacyGuidance(DECISIONS['torch-personal-3']).text.zh, /即：HJ_18711111111/);
    assert.equal(legacyGuidance(DECISIONS['foreign-work-3']).loginName, 'WP_bjhx');
    assert.equal(legacyGuidance(DECISIONS['foreign-expert-2']).loginName, 'WGZJXM_expert_01');
  });

  it('points to the next step: log in, reset, appeal', () => {
    const next = (id: LegacyCaseId) => legacyGuidance(DECISIONS[id]).next;
    assert.equal(next('torch-company-1'), 'login');
    assert.equal(next('torch-company-2'), 'reset');
    assert.equal(next('torch-personal-2'), 'reset');
    assert.equal(next('torch-personal-4'), 'appeal');
    assert.equal(next('foreign-work-5'), 'reset');
    assert.equal(legacyGuidance(DECISIONS['torch-personal-4']).loginName, null);
  });

  it('adds the FAQ 五 notes for foreign experts', () => {
    const g = legacyGuidance(DECISIONS['foreign-expert-1']);
    assert.equal(g.notes.length, 1);
    assert.match(g.notes[0]!.zh, /^若提示没有预留手机号，则按照提示的找回方式找回账号密码即可。/);
    assert.equal(legacyGuidance(DECISIONS['foreign-expert-2']).notes.length, 0);
  });

  it('a conflict sends the user to support', () => {
    const d = decideLegacyCase({ source: 'torch-company', loginName: CODE, mobile: '' }, f({ nameHolder: natural(CODE), prefixedNameHolder: natural(`HJ_${CODE}`) }));
    const g = legacyGuidance(d);
    assert.equal(g.case, 'conflict');
    assert.equal(g.next, 'support');
    assert.match(g.text.zh, /010-88659000/);
    assert.equal(g.loginName, null);
  });
});

describe('users the old system never had', () => {
  it('Torch company 1-1: register, or log in to the organisation account', () => {
    const register = unregisteredGuidance('torch-company', false);
    assert.equal(register.next, 'register');
    assert.equal(register.window, 'legal');
    assert.match(register.text.zh, /^未在科技部政务服务平台注册过法人账号，需要在政务平台注册法人单位账号/);
    const login = unregisteredGuidance('torch-company', true);
    assert.equal(login.next, 'login');
    assert.equal(login.loginName, null);
  });

  it('every source has an answer', () => {
    for (const source of LEGACY_SOURCES) assert.equal(unregisteredGuidance(source).source, source);
    assert.equal(unregisteredGuidance('torch-personal').next, 'register');
    assert.match(unregisteredGuidance('foreign-work').text.zh, /010-58884202/);
  });
});

describe('the wording is the seeds’', () => {
  // Seed sentences quoted by the guidance; full-width and half-width punctuation compare equal (the seeds mix them).
  const normalise = (text: string) => text.normalize('NFKC').replace(/[“”"]/g, '"').replace(/\s+/g, '');

  it('Torch guide (一)', { skip: torchSeed === null && 'seeds not beside the repository' }, () => {
    const seedText = normalise(torchSeed!);
    for (const id of ['torch-company-1', 'torch-company-2', 'torch-company-4', 'torch-personal-1', 'torch-personal-2', 'torch-personal-4'] as const) {
      const g = legacyGuidance(DECISIONS[id]);
      const body = normalise(g.text.zh.replace(/^查询结果显示，?/, ''));
      assert.ok(seedText.includes(body), `${id}: ${g.text.zh}`);
      if (g.reason) assert.ok(seedText.includes(normalise(g.reason.zh)), `${id} 原因`);
    }
    assert.ok(seedText.includes(normalise(unregisteredGuidance('torch-personal').text.zh)));
    assert.ok(seedText.includes(normalise(unregisteredGuidance('torch-company', true).text.zh)));
  });

  it('foreigner quickstart 2. 用户说明', { skip: foreignSeed === null && 'seeds not beside the repository' }, () => {
    const seedText = normalise(foreignSeed!).replace(/\\/g, '');
    for (const id of ['foreign-work-1', 'foreign-work-2', 'foreign-work-3', 'foreign-work-4', 'foreign-work-5'] as const) {
      assert.ok(seedText.includes(normalise(legacyGuidance(DECISIONS[id]).text.zh)), id);
    }
    assert.match(FOREIGN_WORK_NOTICE.zh, /WP_/);
  });

  it('FAQ 五', { skip: faqSeed === null && 'seeds not beside the repository' }, () => {
    const seedText = normalise(faqSeed!);
    assert.ok(seedText.includes(normalise('若提示没有预留手机号，则按照提示的找回方式找回账号密码即可。')));
    assert.ok(seedText.includes(normalise('若登录外专账号之后，实名认证提示身份证号已存在，则说明此证件号码已绑定其他自然人账号')));
  });
});
