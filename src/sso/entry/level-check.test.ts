import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SIGN_IN_CHECKS, realNameLevelMet, runChecks, type EntryContext } from './checks.ts';

/** A logged-in account entering a system that requires no verification, with the given levels. */
function context(overrides: Partial<EntryContext> & { minimumLevel?: EntryContext['system']['minimumLevel'] } = {}): EntryContext {
  const { minimumLevel = null, ...rest } = overrides;
  return {
    system: { key: 'l', name: '级别系统', audience: 'both', requiresVerification: false, requirements: [], enabled: true, entryUrl: 'http://localhost:4001/login', requiresGrant: false, minimumLevel },
    account: { id: 'a1', kind: 'natural' },
    verified: { natural_person: false, organization: false, primary_agent: false },
    missing: { organization_basic: [], organization_other: [] },
    acting: null,
    level: 'l2',
    requestedLevel: null,
    ...rest,
  };
}

describe('entry check: real-name level (issue 20.4)', () => {
  it('no minimum, or L1, or a level that meets it: passes', () => {
    assert.equal(realNameLevelMet(context()), null);
    assert.equal(realNameLevelMet(context({ minimumLevel: 'l1', level: 'l1' })), null);
    assert.equal(realNameLevelMet(context({ minimumLevel: 'l2' })), null);
    assert.equal(realNameLevelMet(context({ minimumLevel: 'l3', level: 'l4', requestedLevel: 'l4' })), null);
  });

  it('below the stricter of the system minimum and the request: the dialog names both levels and what to do', () => {
    const refusal = realNameLevelMet(context({ minimumLevel: 'l2', requestedLevel: 'l4', level: 'l3' }));
    assert.equal(refusal?.code, 'REALNAME_LEVEL_TOO_LOW');
    assert.equal(refusal?.action, 'my-info');
    assert.equal(refusal?.message, '该业务系统要求实名认证级别不低于“L4 科技部平台人工审核通过”，您当前的实名认证级别为“L3 国家平台实名认证通过”，暂不能进入。请点击确定前往个人信息页面。');
    assert.match(refusal?.messageEn ?? '', /L4 approved by MOST platform manual review.*L3 verified by the national registry/);
    assert.match(refusal?.detail?.zh ?? '', /^需要通过人工审核的实名认证：请前往我的信息上传签字后的证件正反面扫描件/);
    // An organisation is told about its own materials.
    const legal = realNameLevelMet(context({ minimumLevel: 'l4', level: 'l3', account: { id: 'o1', kind: 'legal' } }));
    assert.match(legal?.detail?.zh ?? '', /营业执照/);
    assert.match(realNameLevelMet(context({ requestedLevel: 'l3', level: 'l1' }))?.detail?.zh ?? '', /国家平台实名认证/);
  });

  it('an account whose level was not read counts as L1; nobody logged in is left to the login check', () => {
    assert.equal(realNameLevelMet(context({ minimumLevel: 'l2', level: undefined }))?.code, 'REALNAME_LEVEL_TOO_LOW');
    assert.equal(realNameLevelMet(context({ minimumLevel: 'l4', account: null, level: null })), null);
  });

  it('in the sign-in pipeline after verification: an unverified person gets the seed dialog first', () => {
    const unverified = context({ minimumLevel: 'l4', level: 'l2', system: { ...context().system, requiresVerification: true, minimumLevel: 'l4' } });
    assert.deepEqual(runChecks(unverified, SIGN_IN_CHECKS).map((r) => r.code), ['NOT_VERIFIED']);
    const verified = { ...unverified, verified: { ...unverified.verified, natural_person: true }, level: 'l3' as const };
    assert.deepEqual(runChecks(verified, SIGN_IN_CHECKS).map((r) => r.code), ['REALNAME_LEVEL_TOO_LOW']);
  });
});
