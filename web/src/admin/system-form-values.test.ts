import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessSystemSchema } from '../../../src/backoffice/schemas.ts';
import type { SystemView } from './operator-api.ts';
import { NEW_SYSTEM, requestOf, valuesOf } from './system-form-values.ts';

const casView: SystemView = {
  id: 's1',
  key: 'tech-contract',
  name: '全国技术合同管理与服务系统',
  department: '科技部火炬高技术产业开发中心',
  audience: 'both',
  requiresVerification: true,
  requirements: [],
  requiresApproval: false,
  requiresGrant: false,
  roles: [{ code: 'item_handler', name: '事项办理员' }],
  oidc: null,
  casServicePrefix: 'http://localhost:4002/',
  casLegacyAttributeNames: true,
  entryUrl: 'http://localhost:4002/login',
  mobileAllowed: false,
  enabled: true,
};

describe('system form: the switch for the old CAS attribute names', () => {
  it('a new system has it off', () => {
    assert.equal(NEW_SYSTEM.casLegacyAttributeNames, false);
    assert.equal(requestOf({ ...NEW_SYSTEM, useCas: true, casServicePrefix: 'http://localhost:4002/' }).casLegacyAttributeNames, false);
  });
  it('round trip: shown as saved, sent as shown, and the request is valid', () => {
    const values = valuesOf(casView);
    assert.equal(values.casLegacyAttributeNames, true);
    const request = requestOf(values);
    assert.equal(request.casLegacyAttributeNames, true);
    assert.equal(businessSystemSchema.parse(request).casLegacyAttributeNames, true);
    assert.equal(requestOf({ ...values, casLegacyAttributeNames: false }).casLegacyAttributeNames, false);
  });
  it('CAS switched off: never sent on', () => {
    assert.equal(requestOf({ ...valuesOf(casView), useCas: false }).casLegacyAttributeNames, false);
  });
});
