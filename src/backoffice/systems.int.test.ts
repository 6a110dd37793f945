/**
 * Operators register business systems (业务系统) through /api/admin/systems: a registered OIDC
 * client signs users in at once and a CAS prefix is accepted at once; disabling refuses them;
 * the platform's client secret is answered once, never listed or audited, and a new one
 * replaces the old; bad input is refused with its message and changes nothing; only
 * operators may do any of it, and each change leaves an audit row.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { registerAndLogIn } from '../../test/support/accounts.ts';
import { assertError, assertFieldError } from '../../test/support/assertions.ts';
import { followRedirects } from '../../test/support/browse.ts';
import type { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { staffClient } from '../../test/support/staff.ts';
import { MESSAGES } from '../platform/messages.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%' or key like 'login%'`);
});

let count = 0;
/** A fresh system body: OIDC client on its own local RP address, CAS off. */
function oidcSystem(overrides: Record<string, unknown> = {}) {
  const n = ++count;
  const rp = `http://localhost:${4300 + n}`;
  return {
    key: `ops-${n}-${Date.now().toString(36)}`,
    name: `运维登记系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: false,
    requirements: [],
    requiresApproval: false,
    roles: [
      { code: 'item_handler', name: '事项办理员' },
      { code: 'item_admin', name: '单位事项管理员' },
    ],
    oidc: { clientId: `ops-client-${n}-${Date.now().toString(36)}`, redirectUris: [`${rp}/callback`], postLogoutRedirectUris: [`${rp}/`], backchannelLogoutUri: null },
    casServicePrefix: null,
    entryUrl: `${rp}/login`,
    mobileAllowed: false,
    ...overrides,
  };
}

function casSystem(overrides: Record<string, unknown> = {}) {
  const n = ++count;
  const prefix = `http://localhost:${4300 + n}/app/`;
  return oidcSystem({ oidc: null, casServicePrefix: prefix, entryUrl: `${prefix}login`, ...overrides });
}

const operator = () => staffClient(t.baseUrl, t.platform, ['operator']);

async function create(client: ApiClient, body: Record<string, unknown>) {
  const res = await client.post('/api/admin/systems', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { system: { id: string; key: string; enabled: boolean; oidc: { clientId: string; hasSecret: boolean } | null }; clientSecret?: string };
}

const auditRows = (targetId: string) =>
  t.db.query<{ action: string; detail: Record<string, unknown>; staff_login_name: string }>(`select action, detail, staff_login_name from audit_log where target_id = $1 order by id`, [targetId]);

/** A relying party of the registered client, as openid-client discovers it. */
async function relyingParty(clientId: string, secret: string) {
  return oidc.discovery(new URL(t.baseUrl), clientId, secret, undefined, { execute: [oidc.allowInsecureRequests] });
}

/** A complete code + PKCE sign-in of a logged-in browser; the token response. */
async function signIn(config: oidc.Configuration, redirectUri: string, browser: ApiClient) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const landed = await followRedirects(browser, url.href, { stopAt: redirectUri });
  assert.ok(landed.url.href.startsWith(redirectUri), `expected the callback, got ${landed.status} ${landed.url} ${landed.text.slice(0, 200)}`);
  return oidc.authorizationCodeGrant(config, landed.url, { pkceCodeVerifier: verifier, expectedState: state });
}

/** The provider's authorization endpoint for this client: 400 invalid_client when it does not know it. */
async function authorize(browser: ApiClient, clientId: string, redirectUri: string) {
  const params = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
  return followRedirects(browser, `/oidc/auth?${params}`, { stopAt: redirectUri });
}

/** Client authentication at the introspection endpoint: 200 with the right secret, 401 invalid_client otherwise. */
async function clientAuthStatus(clientId: string, secret: string): Promise<number> {
  const response = await fetch(`${t.baseUrl}/oidc/token/introspection`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` },
    body: new URLSearchParams({ token: 'not-a-token' }).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('business systems registered by an operator', () => {
  it('an OIDC client registered signs a user in at once; its secret is answered once and never listed nor audited', async () => {
    const ops = await operator();
    const body = oidcSystem();
    const created = await create(ops, body);
    const secret = created.clientSecret ?? '';
    assert.ok(secret.length >= 43, 'a long random secret');
    assert.equal(created.system.oidc?.hasSecret, true);
    assert.equal(created.system.enabled, true);
    assert.ok(!JSON.stringify(created.system).includes(secret));

    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });
    const tokens = await signIn(await relyingParty(body.oidc.clientId, secret), body.oidc.redirectUris[0]!, person.client);
    assert.equal(tokens.claims()?.sub, person.accountId);

    const list = await ops.get('/api/admin/systems');
    assert.equal(list.status, 200);
    assert.ok(list.body.systems.some((s: { key: string }) => s.key === body.key));
    const detail = await ops.get(`/api/admin/systems/${created.system.id}`);
    assert.equal(detail.body.oidc.clientId, body.oidc.clientId);
    assert.equal(detail.body.oidc.hasSecret, true);
    for (const answer of [list, detail]) assert.ok(!JSON.stringify(answer.body).includes(secret), 'the secret is never shown again');

    const audit = await auditRows(created.system.id);
    assert.deepEqual(audit.map((row) => row.action), ['system.create']);
    assert.equal(audit[0]?.staff_login_name, ops.staff.loginName);
    assert.ok(!JSON.stringify(audit).includes(secret));
    // Stored encrypted, not as given.
    const stored = await t.db.query<{ oidc_client_secret_enc: string }>('select oidc_client_secret_enc from business_systems where id = $1', [created.system.id]);
    assert.ok(!stored[0]?.oidc_client_secret_enc.includes(secret));
  });

  it('a regenerated secret replaces the old one at once, and is answered once', async () => {
    const ops = await operator();
    const body = oidcSystem();
    const created = await create(ops, body);
    const old = created.clientSecret!;
    assert.equal(await clientAuthStatus(body.oidc.clientId, old), 200);

    const res = await ops.post(`/api/admin/systems/${created.system.id}/secret`);
    assert.equal(res.status, 200);
    const fresh = res.body.clientSecret as string;
    assert.ok(fresh.length >= 43 && fresh !== old);
    assert.equal(await clientAuthStatus(body.oidc.clientId, old), 401, 'the old secret no longer authenticates');
    assert.equal(await clientAuthStatus(body.oidc.clientId, fresh), 200);

    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });
    await assert.rejects(signIn(await relyingParty(body.oidc.clientId, old), body.oidc.redirectUris[0]!, person.client), (error: any) => error.error === 'invalid_client');
    await signIn(await relyingParty(body.oidc.clientId, fresh), body.oidc.redirectUris[0]!, person.client);

    const list = await ops.get('/api/admin/systems');
    assert.ok(!JSON.stringify(list.body).includes(fresh));
    const audit = await auditRows(created.system.id);
    assert.deepEqual(audit.map((row) => row.action), ['system.create', 'system.secret']);
    assert.equal(audit[1]?.detail.clientId, body.oidc.clientId);
    assert.ok(!JSON.stringify(audit).includes(fresh) && !JSON.stringify(audit).includes(old));
  });

  it('a disabled OIDC system is an unknown client; enabled again it works', async () => {
    const ops = await operator();
    const body = oidcSystem();
    const created = await create(ops, body);
    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });
    const redirectUri = body.oidc.redirectUris[0]!;

    const disabled = await ops.post(`/api/admin/systems/${created.system.id}/disable`);
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.system.enabled, false);
    const refused = await authorize(person.client, body.oidc.clientId, redirectUri);
    assert.equal(refused.status, 400);
    assert.match(refused.text, /invalid_client/);
    assert.equal(await clientAuthStatus(body.oidc.clientId, created.clientSecret!), 401);

    assert.equal((await ops.post(`/api/admin/systems/${created.system.id}/enable`)).body.system.enabled, true);
    const accepted = await authorize(person.client, body.oidc.clientId, redirectUri);
    assert.ok(accepted.url.href.startsWith(redirectUri), `${accepted.status} ${accepted.url}`);
    assert.deepEqual((await auditRows(created.system.id)).map((row) => row.action), ['system.create', 'system.disable', 'system.enable']);
  });

  it('a CAS prefix registered is accepted by /cas/login at once; disabled, it is refused', async () => {
    const ops = await operator();
    const body = casSystem();
    const created = await create(ops, body);
    assert.equal(created.clientSecret, undefined, 'no OIDC client, no secret');
    assert.equal(created.system.oidc, null);
    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });
    const service = `${body.casServicePrefix}cas?next=%2F`;
    const casLogin = () => person.client.get(`/cas/login?service=${encodeURIComponent(service)}`);

    const accepted = await casLogin();
    assert.equal(accepted.status, 302, String(accepted.body));
    assert.ok(accepted.headers.get('location')?.startsWith(`${service}&ticket=ST-`));

    await ops.post(`/api/admin/systems/${created.system.id}/disable`);
    const refused = await casLogin();
    assert.equal(refused.status, 400);
    assert.match(String(refused.body), /未注册的业务系统/);

    // A system without OIDC has no secret to regenerate.
    assertError(await ops.post(`/api/admin/systems/${created.system.id}/secret`), 409, 'SYSTEM_NO_OIDC_CLIENT');
  });

  it('the switch for the old CAS attribute names: saved, shown, changed and audited; it decides the names /cas sends', async () => {
    const ops = await operator();
    const body = casSystem({ casLegacyAttributeNames: true });
    const created = await create(ops, body);
    const id = created.system.id;
    assert.equal((created.system as unknown as { casLegacyAttributeNames: boolean }).casLegacyAttributeNames, true);
    assert.equal((await ops.get(`/api/admin/systems/${id}`)).body.casLegacyAttributeNames, true);

    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });
    const service = `${body.casServicePrefix}cas`;
    const attributeNames = async () => {
      const login = await person.client.get(`/cas/login?service=${encodeURIComponent(service)}`);
      const ticket = new URL(login.headers.get('location') ?? '').searchParams.get('ticket') ?? '';
      const res = await fetch(`${t.baseUrl}/cas/p3/serviceValidate?${new URLSearchParams({ service, ticket, format: 'JSON' })}`);
      const json = (await res.json()) as { serviceResponse: { authenticationSuccess: { attributes: Record<string, unknown> } } };
      return Object.keys(json.serviceResponse.authenticationSuccess.attributes);
    };
    const both = await attributeNames();
    assert.ok(both.includes('accountId') && both.includes('account_id'), both.join());

    const off = await ops.put(`/api/admin/systems/${id}`, { ...body, casLegacyAttributeNames: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.system.casLegacyAttributeNames, false);
    assert.equal((await ops.get(`/api/admin/systems/${id}`)).body.casLegacyAttributeNames, false);
    const camelOnly = await attributeNames();
    assert.ok(camelOnly.includes('accountId'));
    assert.deepEqual(camelOnly.filter((name) => name.includes('_')), []);

    // Left out, it is off.
    const omitted = await ops.put(`/api/admin/systems/${id}`, { ...body, casLegacyAttributeNames: undefined, name: '改名后的CAS系统' });
    assert.equal(omitted.body.system.casLegacyAttributeNames, false);

    const audit = await auditRows(id);
    assert.deepEqual(audit.map((row) => row.action), ['system.create', 'system.update', 'system.update']);
    assert.equal(audit[1]?.detail.changed, 'casLegacyAttributeNames');
    assert.equal(audit[2]?.detail.changed, 'name');

    // Not a boolean: refused on create and on change, nothing changes.
    for (const bad of ['yes', 'true', 1, null, {}]) {
      assertFieldError(await ops.post('/api/admin/systems', casSystem({ casLegacyAttributeNames: bad })), 'casLegacyAttributeNames', 'INVALID');
      assertFieldError(await ops.put(`/api/admin/systems/${id}`, { ...body, casLegacyAttributeNames: bad }), 'casLegacyAttributeNames', 'INVALID');
    }
    assert.equal((await ops.get(`/api/admin/systems/${id}`)).body.casLegacyAttributeNames, false);
    assert.equal((await auditRows(id)).length, 3);
  });

  it('ID令牌签名算法 SM2: saved, shown and audited; the system gets SM2-signed ID tokens at once; RS256 again when changed back; bad values refused', async () => {
    const ops = await operator();
    const body = oidcSystem();
    const sm2Body = { ...body, oidc: { ...body.oidc, idTokenSigning: 'SM2SM3' } };
    const created = await create(ops, sm2Body);
    const id = created.system.id;
    assert.equal((await ops.get(`/api/admin/systems/${id}`)).body.oidc.idTokenSigning, 'SM2SM3');
    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });
    const rp = await oidc.discovery(new URL(t.baseUrl), body.oidc.clientId, { client_secret: created.clientSecret!, id_token_signed_response_alg: 'SM2SM3' }, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const alg = (idToken: string | undefined) => (JSON.parse(Buffer.from(idToken!.split('.')[0]!, 'base64url').toString()) as { alg: string }).alg;
    assert.equal(alg((await signIn(rp, body.oidc.redirectUris[0]!, person.client)).id_token), 'SM2SM3');

    const back = await ops.put(`/api/admin/systems/${id}`, body);
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.system.oidc.idTokenSigning, 'RS256', 'left out: RS256');
    assert.equal(alg((await signIn(await relyingParty(body.oidc.clientId, created.clientSecret!), body.oidc.redirectUris[0]!, person.client)).id_token), 'RS256');
    const audit = await auditRows(id);
    assert.deepEqual(audit.map((row) => row.action), ['system.create', 'system.update']);
    assert.equal(audit[1]?.detail.changed, 'oidc.idTokenSigning');

    for (const bad of ['SM2', 'ES256', '', null, 1]) {
      const refused = await ops.put(`/api/admin/systems/${id}`, { ...body, oidc: { ...body.oidc, idTokenSigning: bad } });
      assertFieldError(refused, 'oidc.idTokenSigning', 'OIDC_ID_TOKEN_SIGNING_INVALID');
      assert.equal(refused.body.fields[0].message, MESSAGES.OIDC_ID_TOKEN_SIGNING_INVALID.zh);
    }
    assert.equal((await ops.get(`/api/admin/systems/${id}`)).body.oidc.idTokenSigning, 'RS256');
    assert.equal((await auditRows(id)).length, 2);
  });

  it('a change applies at once: a new redirect URI replaces the old; adding OIDC answers a new secret, removing it drops the client', async () => {
    const ops = await operator();
    const body = casSystem();
    const created = await create(ops, body);
    const id = created.system.id;
    const rp = new URL(String(body.casServicePrefix)).origin;
    const person = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });

    const withOidc = { ...body, name: '改名后的系统', oidc: { clientId: `added-${id.slice(0, 8)}`, redirectUris: [`${rp}/cb-1`], postLogoutRedirectUris: [], backchannelLogoutUri: null } };
    const added = await ops.put(`/api/admin/systems/${id}`, withOidc);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(added.body.system.name, '改名后的系统');
    const secret = added.body.clientSecret as string;
    assert.ok(secret.length >= 43);
    assert.equal(await clientAuthStatus(withOidc.oidc.clientId, secret), 200);

    const moved = await ops.put(`/api/admin/systems/${id}`, { ...withOidc, oidc: { ...withOidc.oidc, redirectUris: [`${rp}/cb-2`] } });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.clientSecret, undefined, 'the secret is kept and not shown again');
    assert.equal(await clientAuthStatus(withOidc.oidc.clientId, secret), 200);
    const old = await authorize(person.client, withOidc.oidc.clientId, `${rp}/cb-1`);
    assert.equal(old.status, 400);
    assert.match(old.text, /redirect_uri/);
    const now = await authorize(person.client, withOidc.oidc.clientId, `${rp}/cb-2`);
    assert.ok(now.url.href.startsWith(`${rp}/cb-2`));

    const removed = await ops.put(`/api/admin/systems/${id}`, { ...withOidc, oidc: null });
    assert.equal(removed.body.system.oidc, null);
    assert.equal(await clientAuthStatus(withOidc.oidc.clientId, secret), 401);

    const audit = await auditRows(id);
    assert.deepEqual(audit.map((row) => row.action), ['system.create', 'system.update', 'system.update', 'system.update']);
    assert.equal(audit[1]?.detail.changed, 'name, oidc');
    assert.equal(audit[2]?.detail.changed, 'oidc.redirectUris');
    assert.ok(!JSON.stringify(audit).includes(secret));
  });
});

describe('bad input is refused with its message and changes nothing', () => {
  it('each bad field of a new system', async () => {
    const ops = await operator();
    const taken = oidcSystem();
    await create(ops, taken);
    const takenCas = casSystem();
    await create(ops, takenCas);
    const before = await t.db.query<{ n: number }>('select count(*)::int as n from business_systems');
    const auditBefore = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action like 'system.%'`);

    const good = oidcSystem();
    const post = (body: Record<string, unknown>) => ops.post('/api/admin/systems', body);
    assertError(await post({ ...good, key: taken.key }), 409, 'SYSTEM_KEY_TAKEN');
    assertError(await post({ ...good, oidc: { ...good.oidc, clientId: taken.oidc.clientId } }), 409, 'OIDC_CLIENT_ID_TAKEN');
    assertError(await post(casSystem({ casServicePrefix: takenCas.casServicePrefix, entryUrl: null })), 409, 'CAS_PREFIX_TAKEN');
    assertFieldError(await post({ ...good, key: 'Bad Key!' }), 'key', 'SYSTEM_KEY_INVALID');
    assertFieldError(await post({ ...good, name: '  ' }), 'name', 'SYSTEM_NAME_INVALID');
    assertFieldError(await post({ ...good, department: undefined }), 'department', 'SYSTEM_DEPARTMENT_INVALID');
    assertFieldError(await post({ ...good, audience: 'aliens' }), 'audience', 'SYSTEM_AUDIENCE_INVALID');
    assertFieldError(await post({ ...good, requirements: ['shoe_size'] }), 'requirements.0', 'SYSTEM_REQUIREMENT_INVALID');
    assertFieldError(await post({ ...good, audience: 'natural', requirements: ['primary_agent_verified'] }), 'requirements', 'SYSTEM_REQUIREMENTS_NEED_LEGAL');
    assertFieldError(await post({ ...good, roles: [] }), 'roles', 'SYSTEM_ROLES_REQUIRED');
    assertFieldError(await post({ ...good, roles: undefined }), 'roles', 'SYSTEM_ROLES_REQUIRED');
    assertFieldError(await post({ ...good, roles: [{ code: 'a_b', name: '甲' }, { code: 'a_b', name: '乙' }] }), 'roles.1.code', 'SYSTEM_ROLE_CODE_DUPLICATE');
    assertFieldError(await post({ ...good, roles: [{ code: 'Handler', name: '甲' }] }), 'roles.0.code', 'SYSTEM_ROLE_CODE_INVALID');
    assertFieldError(await post({ ...good, roles: [{ code: 'handler', name: '' }] }), 'roles.0.name', 'SYSTEM_ROLE_NAME_INVALID');
    assertFieldError(await post({ ...good, oidc: { ...good.oidc, clientId: 'a b' } }), 'oidc.clientId', 'OIDC_CLIENT_ID_INVALID');
    assertFieldError(await post({ ...good, oidc: { ...good.oidc, redirectUris: [] } }), 'oidc.redirectUris', 'OIDC_REDIRECT_URIS_REQUIRED');
    for (const bad of ['javascript:alert(1)', 'http://localhost:4999/cb#frag', '/callback', 'ftp://localhost/cb', 'http://user:pw@localhost/cb', 'http://localhost/a b']) {
      assertFieldError(await post({ ...good, oidc: { ...good.oidc, redirectUris: [bad] } }), 'oidc.redirectUris.0', 'URL_INVALID');
    }
    const uri = good.oidc.redirectUris[0]!;
    assertFieldError(await post({ ...good, oidc: { ...good.oidc, redirectUris: [uri, uri] } }), 'oidc.redirectUris.1', 'URL_DUPLICATE');
    assertFieldError(await post({ ...good, oidc: { ...good.oidc, backchannelLogoutUri: 'not a url' } }), 'oidc.backchannelLogoutUri', 'URL_INVALID');
    assertFieldError(await post({ ...good, oidc: { ...good.oidc, postLogoutRedirectUris: ['https://a.cn/#x'] } }), 'oidc.postLogoutRedirectUris.0', 'URL_INVALID');
    assertFieldError(await post(casSystem({ casServicePrefix: 'http://localhost:4999/app', entryUrl: null })), 'casServicePrefix', 'CAS_PREFIX_INVALID');
    assertFieldError(await post(casSystem({ casServicePrefix: 'http://localhost:4999/?x=/', entryUrl: null })), 'casServicePrefix', 'CAS_PREFIX_INVALID');
    assertFieldError(await post({ ...good, oidc: null, entryUrl: 'http://localhost:4999/login' }), 'entryUrl', 'ENTRY_URL_WITHOUT_SIGN_ON');
    assertFieldError(await post({ ...good, entryUrl: 'https://elsewhere.example.cn/login' }), 'entryUrl', 'ENTRY_URL_FOREIGN');

    // The message is the catalogue's Chinese text, with its English beside it.
    const res = await post({ ...good, roles: [] });
    const field = res.body.fields.find((f: { field: string }) => f.field === 'roles');
    assert.equal(field.message, MESSAGES.SYSTEM_ROLES_REQUIRED.zh);
    assert.equal(field.messageEn, MESSAGES.SYSTEM_ROLES_REQUIRED.en);

    assert.deepEqual(await t.db.query('select count(*)::int as n from business_systems'), before);
    assert.deepEqual(await t.db.query(`select count(*)::int as n from audit_log where action like 'system.%'`), auditBefore);
    // The good body itself is accepted: every refusal above was its one bad field.
    await create(ops, good);
  });

  it('a refused change leaves the system as it was', async () => {
    const ops = await operator();
    const other = oidcSystem();
    await create(ops, other);
    const body = oidcSystem();
    const created = await create(ops, body);
    const id = created.system.id;
    const before = (await ops.get(`/api/admin/systems/${id}`)).body;

    assertError(await ops.put(`/api/admin/systems/${id}`, { ...body, name: '新名称', key: other.key }), 409, 'SYSTEM_KEY_TAKEN');
    assertError(await ops.put(`/api/admin/systems/${id}`, { ...body, name: '新名称', oidc: { ...body.oidc, clientId: other.oidc.clientId } }), 409, 'OIDC_CLIENT_ID_TAKEN');
    assertFieldError(await ops.put(`/api/admin/systems/${id}`, { ...body, name: '新名称', roles: [] }), 'roles', 'SYSTEM_ROLES_REQUIRED');
    assert.deepEqual((await ops.get(`/api/admin/systems/${id}`)).body, before);
    assert.deepEqual((await auditRows(id)).map((row) => row.action), ['system.create']);

    // Its own key and client id are not "taken".
    const same = await ops.put(`/api/admin/systems/${id}`, { ...body, name: '新名称', requiresGrant: true, requirements: ['primary_agent_verified'], mobileAllowed: true });
    assert.equal(same.status, 200, JSON.stringify(same.body));
    const after = (await ops.get(`/api/admin/systems/${id}`)).body;
    assert.equal(after.name, '新名称');
    assert.equal(after.requiresGrant, true);
    assert.deepEqual(after.requirements, ['primary_agent_verified']);
    assert.equal(after.mobileAllowed, true);
  });

  it('an unknown or malformed id is not found', async () => {
    const ops = await operator();
    assertError(await ops.get('/api/admin/systems/00000000-0000-4000-8000-000000000000'), 404, 'SYSTEM_NOT_FOUND');
    assertError(await ops.get('/api/admin/systems/1'), 404, 'SYSTEM_NOT_FOUND');
    assertError(await ops.put('/api/admin/systems/00000000-0000-4000-8000-000000000000', oidcSystem()), 404, 'SYSTEM_NOT_FOUND');
    assertError(await ops.post('/api/admin/systems/00000000-0000-4000-8000-000000000000/disable'), 404, 'SYSTEM_NOT_FOUND');
    assertError(await ops.post('/api/admin/systems/00000000-0000-4000-8000-000000000000/secret'), 404, 'SYSTEM_NOT_FOUND');
  });
});

describe('only operators', () => {
  it('a reviewer gets STAFF_ROLE_REQUIRED and a citizen STAFF_ONLY on every systems route; nothing changes', async () => {
    const ops = await operator();
    const created = await create(ops, oidcSystem());
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer', 'admin']);
    const citizen = await registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('ops') });
    const id = created.system.id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/systems'],
      ['GET', `/api/admin/systems/${id}`],
      ['POST', '/api/admin/systems', oidcSystem()],
      ['PUT', `/api/admin/systems/${id}`, oidcSystem()],
      ['POST', `/api/admin/systems/${id}/disable`],
      ['POST', `/api/admin/systems/${id}/enable`],
      ['POST', `/api/admin/systems/${id}/secret`],
    ];
    for (const [method, url, body] of routes) {
      assertError(await reviewer.request(method, url, body), 403, 'STAFF_ROLE_REQUIRED');
      assertError(await citizen.client.request(method, url, body), 403, 'STAFF_ONLY');
    }
    assert.equal((await t.db.query('select 1 from business_systems')).length, (await ops.get('/api/admin/systems')).body.systems.length);
    assert.deepEqual((await auditRows(id)).map((row) => row.action), ['system.create']);
    assert.equal(await clientAuthStatus(created.system.oidc!.clientId, created.clientSecret!), 200, 'the secret was not replaced');
  });
});
