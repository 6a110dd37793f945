/**
 * The system API's authentication (authenticate.ts), through a real route (PUT
 * /system-api/v1/results/:reference, whose input is checked only after it): no token, a token
 * that is not one, a token without the system scope, an expired one, a token of a system
 * disabled since, and a good one. Also: the token is for the system itself only.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, it } from 'node:test';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { authorize, oidcBusinessSystem } from '../../../test/support/oidc-rp.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { DEMO_OIDC_CLIENT, seedBusinessSystems } from '../../demo/business-systems.ts';
import { oidcRuntime, systemsChanged } from '../oidc/provider.ts';
import { systemsStore } from '../systems-store.ts';
import { SYSTEM_API_PREFIX } from './authenticate.ts';
import { systemApiClient } from './client.ts';

const t = testPlatformForFile();
const PATH = `${SYSTEM_API_PREFIX}/results/auth-check`;

let seeded: Promise<unknown> | undefined;
beforeEach(async () => {
  seeded ??= seedBusinessSystems(t.platform);
  await seeded;
});

async function put(headers: Record<string, string>) {
  const response = await fetch(t.baseUrl + PATH, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
  return { status: response.status, body: (await response.json()) as { code: string; message: string; messageEn: string } };
}

async function tokenResponse(clientId: string, secret: string, scope?: string) {
  const response = await fetch(`${t.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('system API authentication', () => {
  it('refuses a call without a Bearer token, with a message that says how to get one', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Basic abc' }, { authorization: 'Bearer' }, { authorization: 'Bearer a b' }]) {
      const res = await put(headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal(res.body.code, 'SYSTEM_TOKEN_MISSING');
      assert.match(res.body.message, /client_credentials/);
    }
  });

  it('refuses a token the platform did not issue', async () => {
    const res = await put({ authorization: 'Bearer not-a-token-at-all' });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'SYSTEM_TOKEN_INVALID');
  });

  it('refuses a client_credentials token without the system scope', async () => {
    const token = await tokenResponse(DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret);
    assert.equal(token.status, 200, JSON.stringify(token.body));
    const res = await put({ authorization: `Bearer ${token.body.access_token}` });
    assert.equal(res.body.code, 'SYSTEM_TOKEN_INVALID');
  });

  it('gives no token for a wrong secret', async () => {
    const token = await tokenResponse(DEMO_OIDC_CLIENT.clientId, 'wrong-secret', 'system');
    assert.equal(token.status, 401);
    assert.equal(token.body.error, 'invalid_client');
  });

  it('accepts a good token (the input is then checked: 400, not 401)', async () => {
    const client = systemApiClient(t.baseUrl, DEMO_OIDC_CLIENT.clientId, DEMO_OIDC_CLIENT.secret);
    const res = await put({ authorization: `Bearer ${await client.token()}` });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.code, 'VALIDATION_FAILED');
  });

  it('refuses a person’s access token of the same system (code flow): the system API is for the system itself', async () => {
    const rp = await oidcBusinessSystem(t);
    const { client } = await registerAndLogIn(t.baseUrl, 'natural');
    const tokens = await (await authorize(rp, client)).exchange();
    assert.ok(tokens.access_token);
    const res = await put({ authorization: `Bearer ${tokens.access_token}` });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'SYSTEM_TOKEN_INVALID');
    // Its own client_credentials token, by contrast, is accepted.
    const own = systemApiClient(t.baseUrl, rp.system.oidc!.clientId, rp.system.oidc!.clientSecret);
    assert.equal((await put({ authorization: `Bearer ${await own.token()}` })).status, 400);
  });

  it('refuses an expired token', async () => {
    const { provider } = await oidcRuntime(t.platform).current();
    const client = await provider.Client.find(DEMO_OIDC_CLIENT.clientId);
    const value = await new provider.ClientCredentials({ client: client!, scope: 'system', expiresIn: 1 }).save();
    assert.equal((await put({ authorization: `Bearer ${value}` })).status, 400, 'valid while it lives');
    await sleep(2100);
    const res = await put({ authorization: `Bearer ${value}` });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'SYSTEM_TOKEN_INVALID');
  });

  it('refuses the token of a system disabled after it got it', async () => {
    const systems = systemsStore(t.platform.db, t.platform.cipher);
    await systems.create({
      key: 'auth-disabled', name: '停用测试系统', department: '测试司', audience: 'both', requiresVerification: false, requirements: [], requiresApproval: false, roles: [],
      oidc: { clientId: 'auth-disabled', clientSecret: 'Disabled@2026-secret', redirectUris: ['https://disabled.example.cn/cb'], postLogoutRedirectUris: [], backchannelLogoutUri: null },
      casServicePrefix: null, mobileAllowed: false, enabled: true,
    });
    const client = systemApiClient(t.baseUrl, 'auth-disabled', 'Disabled@2026-secret');
    const token = await client.token();
    assert.equal((await put({ authorization: `Bearer ${token}` })).status, 400);
    await t.db.query(`update business_systems set enabled = false where key = 'auth-disabled'`);
    systemsChanged(t.platform);
    const res = await put({ authorization: `Bearer ${token}` });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 'SYSTEM_DISABLED');
    // Nor a new token: a disabled system is no client any more.
    assert.equal((await tokenResponse('auth-disabled', 'Disabled@2026-secret', 'system')).status, 401);
  });
});
