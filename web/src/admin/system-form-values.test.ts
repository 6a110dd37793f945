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
  minimumLevel: 'l4',
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

describe('system form: 最低实名认证级别', () => {
  it('a new system requires none, and sends null', () => {
    assert.equal(NEW_SYSTEM.minimumLevel, 'none');
    assert.equal(requestOf({ ...NEW_SYSTEM }).minimumLevel, null);
    assert.equal(valuesOf({ ...casView, minimumLevel: null }).minimumLevel, 'none');
  });
  it('round trip: shown as saved, sent as shown, and the request is valid', () => {
    const values = valuesOf(casView);
    assert.equal(values.minimumLevel, 'l4');
    assert.equal(businessSystemSchema.parse(requestOf(values)).minimumLevel, 'l4');
    assert.equal(businessSystemSchema.parse(requestOf({ ...values, minimumLevel: 'l2' })).minimumLevel, 'l2');
  });
  it('the schema refuses anything but l1 … l4 or null', () => {
    for (const bad of ['L4', 'l5', 'none', 4, true]) {
      const result = businessSystemSchema.safeParse({ ...requestOf(valuesOf(casView)), minimumLevel: bad });
      assert.equal(result.success, false, String(bad));
      assert.equal(result.error?.issues[0]?.message, 'SYSTEM_MINIMUM_LEVEL_INVALID');
    }
  });
});

describe('system form: ID令牌签名算法', () => {
  const oidcView: SystemView = {
    ...casView,
    oidc: { clientId: 'hgr-demo', redirectUris: ['http://localhost:4001/callback'], postLogoutRedirectUris: [], backchannelLogoutUri: null, idTokenSigning: 'SM2SM3', hasSecret: true },
  };
  it('a new OIDC client signs with RS256', () => {
    const request = requestOf({ ...NEW_SYSTEM, useOidc: true, clientId: 'new-client', redirectUris: 'http://localhost:4001/callback' });
    assert.equal(request.oidc?.idTokenSigning, 'RS256');
    const saved = requestOf(valuesOf(oidcView));
    assert.equal(businessSystemSchema.parse({ ...saved, oidc: { ...saved.oidc, idTokenSigning: undefined } }).oidc?.idTokenSigning, 'RS256', 'left out: RS256');
  });
  it('round trip: shown as saved, sent as shown, and the request is valid', () => {
    const values = valuesOf(oidcView);
    assert.equal(values.idTokenSigning, 'SM2SM3');
    assert.equal(businessSystemSchema.parse(requestOf(values)).oidc?.idTokenSigning, 'SM2SM3');
  });
  it('the schema refuses any other algorithm, with its message', () => {
    for (const bad of ['SM2', 'ES256', 'none', '', 1]) {
      const request = requestOf(valuesOf(oidcView));
      const result = businessSystemSchema.safeParse({ ...request, oidc: { ...request.oidc, idTokenSigning: bad } });
      assert.equal(result.success, false, String(bad));
      assert.equal(result.error?.issues[0]?.message, 'OIDC_ID_TOKEN_SIGNING_INVALID');
    }
  });
});
