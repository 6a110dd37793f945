import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { delegationStatus, grantProblem, isLive, normalizeRequest, periodStatus, type HeldSystem } from './rules.ts';

// 2026-11-25 10:00 in China (02:00 UTC).
const NOW = new Date('2026-11-25T02:00:00Z');
const HGR: HeldSystem = {
  id: 's1',
  key: 'hgr',
  name: '人类遗传资源管理',
  roles: [
    { code: 'item_handler', name: '事项办理员' },
    { code: 'item_admin', name: '单位事项管理员' },
  ],
};
const KNOWN = new Map([
  ['hgr', '人类遗传资源管理'],
  ['torch', '火炬中心业务办理平台'],
]);
const request = (systems: { key: string; roles: string[] }[], extra: Partial<{ maintainInfo: boolean; validFrom: string | null; validTo: string | null }> = {}) => ({
  systems,
  maintainInfo: false,
  validFrom: null,
  validTo: null,
  ...extra,
});

describe('periodStatus (China time, bounds inclusive)', () => {
  it('no bounds: active', () => assert.equal(periodStatus({ validFrom: null, validTo: null }, NOW), 'active'));
  it('ends today: still active; ended yesterday: expired', () => {
    assert.equal(periodStatus({ validFrom: null, validTo: '2026-11-25' }, NOW), 'active');
    assert.equal(periodStatus({ validFrom: null, validTo: '2026-11-24' }, NOW), 'expired');
  });
  it('starts tomorrow: not yet valid; starts today: active', () => {
    assert.equal(periodStatus({ validFrom: '2026-11-26', validTo: null }, NOW), 'not_yet_valid');
    assert.equal(periodStatus({ validFrom: '2026-11-25', validTo: null }, NOW), 'active');
  });
  it('uses the date in China, not UTC', () => {
    // 2026-11-24 17:00 UTC is already 2026-11-25 01:00 in China.
    assert.equal(periodStatus({ validFrom: null, validTo: '2026-11-24' }, new Date('2026-11-24T17:00:00Z')), 'expired');
  });
});

describe('delegationStatus', () => {
  it('a disabled organisation suspends whatever the period says (停用)', () => {
    assert.equal(delegationStatus({ validFrom: null, validTo: null }, true, NOW), 'suspended');
    assert.equal(delegationStatus({ validFrom: null, validTo: '2020-01-01' }, true, NOW), 'suspended');
  });
  it('otherwise the period: normal, expired, not yet valid', () => {
    assert.equal(delegationStatus({ validFrom: null, validTo: null }, false, NOW), 'normal');
    assert.equal(delegationStatus({ validFrom: null, validTo: '2020-01-01' }, false, NOW), 'expired');
    assert.equal(isLive({ validFrom: null, validTo: null }, false, NOW), true);
    assert.equal(isLive({ validFrom: '2027-01-01', validTo: null }, false, NOW), false);
  });
});

describe('grantProblem', () => {
  it('accepts roles the held system defines', () => {
    assert.equal(grantProblem(request([{ key: 'hgr', roles: ['item_handler'] }]), [HGR], KNOWN, NOW), null);
  });
  it('needs at least one role', () => {
    assert.deepEqual(grantProblem(request([]), [HGR], KNOWN, NOW), { code: 'NO_ROLES' });
    assert.deepEqual(grantProblem(request([{ key: 'hgr', roles: [] }]), [HGR], KNOWN, NOW), { code: 'NO_ROLES' });
  });
  it('refuses a system the organisation does not hold, naming it (FAQ 10.4)', () => {
    assert.deepEqual(grantProblem(request([{ key: 'torch', roles: ['item_handler'] }]), [HGR], KNOWN, NOW), { code: 'SYSTEM_NOT_HELD', system: '火炬中心业务办理平台' });
    assert.deepEqual(grantProblem(request([{ key: 'nope', roles: ['x'] }]), [HGR], KNOWN, NOW), { code: 'SYSTEM_NOT_HELD', system: 'nope' });
  });
  it('refuses a role the system does not define', () => {
    assert.deepEqual(grantProblem(request([{ key: 'hgr', roles: ['root'] }]), [HGR], KNOWN, NOW), { code: 'UNKNOWN_ROLE', system: '人类遗传资源管理', role: 'root' });
  });
  it('a period must not end before it starts or before today', () => {
    assert.deepEqual(grantProblem(request([{ key: 'hgr', roles: ['item_handler'] }], { validFrom: '2027-02-01', validTo: '2027-01-01' }), [HGR], KNOWN, NOW), { code: 'VALIDITY_INVALID' });
    assert.deepEqual(grantProblem(request([{ key: 'hgr', roles: ['item_handler'] }], { validTo: '2026-11-24' }), [HGR], KNOWN, NOW), { code: 'VALIDITY_INVALID' });
    assert.equal(grantProblem(request([{ key: 'hgr', roles: ['item_handler'] }], { validTo: '2026-11-25' }), [HGR], KNOWN, NOW), null);
  });
  it('维护法人(单位)信息 needs 单位事项管理员', () => {
    assert.deepEqual(grantProblem(request([{ key: 'hgr', roles: ['item_handler'] }], { maintainInfo: true }), [HGR], KNOWN, NOW), { code: 'MAINTAIN_INFO_NEEDS_ADMIN_ROLE' });
    assert.equal(grantProblem(request([{ key: 'hgr', roles: ['item_admin'] }], { maintainInfo: true }), [HGR], KNOWN, NOW), null);
  });
});

describe('normalizeRequest', () => {
  it('merges a system named twice, drops duplicate roles and systems without roles', () => {
    assert.deepEqual(
      normalizeRequest([
        { key: 'hgr', roles: ['item_handler', 'item_handler'] },
        { key: 'torch', roles: [] },
        { key: 'hgr', roles: ['item_admin'] },
      ]),
      [{ key: 'hgr', roles: ['item_admin', 'item_handler'] }],
    );
  });
});
