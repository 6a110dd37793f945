/**
 * Real-name assurance levels at the doors of business systems (issue 20.4): the ID token's acr
 * (urn:most:realname:l1 … l4), a request's acr_values as a minimum, a system's own minimum
 * (最低实名认证级别) enforced at 办理入口, OIDC and CAS sign-in with the seed-style dialog, the
 * CAS realNameLevel attribute; and the "Done when": a system requiring L4 refuses a
 * registry-verified person with the explanation and admits them after manual review.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { registerAndLogIn, type Body } from '../../../test/support/accounts.ts';
import { assertFieldError } from '../../../test/support/assertions.ts';
import { followRedirects } from '../../../test/support/browse.ts';
import type { ApiClient } from '../../../test/support/client.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { JPEG_1X1, PNG_1X1 } from '../../../test/support/images.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { staffClient } from '../../../test/support/staff.ts';
import { systemsChanged } from '../oidc/provider.ts';
import { systemsStore, type NewBusinessSystem } from '../systems-store.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%' or key like 'login%' or key like 'register%'`);
});

// People the development registry knows (国家平台实名认证通过: L3). A document registers once per platform: one test each.
const known = (name: string, documentNumber: string, validFrom: string, validTo: string) => ({ name, documentNumber, validFrom, validTo, longTerm: false });
const WANG_WU = known('王五', '110108199206203018', '2018-06-01', '2038-06-01');
const ZHOU_RUN = known('周润', '32050220000229151X', '2021-05-06', '2031-05-06');
const LIU_XIAOWEN = known('刘晓雯', '510107199502034624', '2017-07-20', '2027-07-20');
const CHEN_JING = known('陈静', '310104198508124021', '2015-09-01', '2035-09-01');
const ZHANG_SAN = known('张三', '110105199003071239', '2016-03-01', '2036-03-01');
/** A foreign passport goes to manual review: format-checked, not verified (L2). */
const PASSPORT = { region: 'other', documentType: 'foreign_passport', documentNumber: 'E12345678', validFrom: '', validTo: '', longTerm: false };

const L = (n: 1 | 2 | 3 | 4) => `urn:most:realname:l${n}`;
const MATERIALS = '/api/me/verification/natural_person/materials';

const person = (overrides: Body) => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('lvl'), ...overrides });

let count = 0;
async function system(overrides: Partial<NewBusinessSystem> = {}) {
  const n = ++count;
  const rp = `http://localhost:${4500 + n}`;
  const created = await systemsStore(t.platform.db, t.platform.cipher).create({
    key: `level-${n}-${Date.now()}`,
    name: `级别测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: false,
    requirements: [],
    requiresApproval: false,
    roles: [],
    oidc: { clientId: `level-client-${n}-${Date.now()}`, clientSecret: `level-secret-${n}-0123456789abcdef0123456789`, redirectUris: [`${rp}/callback`], postLogoutRedirectUris: [], backchannelLogoutUri: null },
    casServicePrefix: `${rp}/cas/`,
    entryUrl: `${rp}/login`,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  });
  const client = created.oidc!;
  const config = await oidc.discovery(new URL(t.baseUrl), client.clientId, client.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  return { system: created, config, redirectUri: client.redirectUris[0]!, service: `${rp}/cas/app` };
}
type Rp = Awaited<ReturnType<typeof system>>;

/** An OIDC sign-in of a logged-in browser; `acr_values` and the like in `extra`. Lands at the callback, with a code or an error. */
async function signIn(rp: Rp, browser: ApiClient, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri, scope: 'openid profile', state: 'st', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
  });
  const landed = await followRedirects(browser, url.href, { stopAt: rp.redirectUri });
  assert.ok(landed.url.href.startsWith(rp.redirectUri), `expected the callback, got ${landed.status} ${landed.url} ${landed.text.slice(0, 200)}`);
  return { landed: landed.url, tokens: () => oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: verifier, expectedState: 'st' }) };
}

async function acrOfSignIn(rp: Rp, browser: ApiClient, extra: Record<string, string> = {}) {
  const { landed, tokens } = await signIn(rp, browser, extra);
  assert.equal(landed.searchParams.get('error'), null, landed.searchParams.get('error_description') ?? '');
  return (await tokens()).claims()?.acr;
}

function assertRefusedForLevel(landed: URL, rp: Rp) {
  assert.equal(landed.searchParams.get('code'), null);
  assert.equal(landed.searchParams.get('error'), 'access_denied');
  assert.match(landed.searchParams.get('error_description') ?? '', new RegExp(`REALNAME_LEVEL_TOO_LOW.*/services/entry/${rp.system.key}`));
}

/** A CAS ticket for the service, validated by the system's back end: the attributes (JSON form). */
async function casAttributes(rp: Rp, browser: ApiClient): Promise<Record<string, unknown>> {
  const login = await browser.get(`/cas/login?service=${encodeURIComponent(rp.service)}`);
  assert.equal(login.status, 302);
  const ticket = new URL(login.headers.get('location') ?? '').searchParams.get('ticket') ?? '';
  assert.match(ticket, /^ST-/, login.headers.get('location') ?? '');
  const res = await fetch(`${t.baseUrl}/cas/p3/serviceValidate?service=${encodeURIComponent(rp.service)}&ticket=${ticket}&format=JSON`);
  const body = (await res.json()) as { serviceResponse: { authenticationSuccess?: { attributes: Record<string, unknown> } } };
  assert.ok(body.serviceResponse.authenticationSuccess, JSON.stringify(body));
  return body.serviceResponse.authenticationSuccess.attributes;
}

const entry = (browser: ApiClient, rp: Rp, query = '') => browser.get(`/api/sso/entry/${rp.system.key}${query}`);

async function uploadAndSubmit(browser: ApiClient) {
  assert.equal((await browser.putBytes(`${MATERIALS}/document_front`, JPEG_1X1, 'image/jpeg')).status, 200);
  assert.equal((await browser.putBytes(`${MATERIALS}/document_back`, PNG_1X1, 'image/png')).status, 200);
  const submitted = await browser.post(`${MATERIALS}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return submitted.body.reviewId as string;
}

describe('acr in ID tokens', () => {
  it('discovery lists the four levels; a registry-verified person gets L3, a format-checked one L2', async () => {
    const rp = await system();
    assert.deepEqual(rp.config.serverMetadata().acr_values_supported, [L(1), L(2), L(3), L(4)]);
    const verified = await person(WANG_WU);
    assert.equal(await acrOfSignIn(rp, verified.client), L(3));
    const passport = await person(PASSPORT);
    assert.equal(await acrOfSignIn(rp, passport.client), L(2));
    // A document the registry does not know: checked and contradicted, L1.
    const unknown = await person({});
    assert.equal(await acrOfSignIn(rp, unknown.client), L(1));
  });
});

describe('acr_values: a minimum per request', () => {
  it('above the level: refused with access_denied, and the entry page (given the acr_values) explains what to do', async () => {
    const rp = await system();
    const me = await person(ZHOU_RUN);
    const { landed } = await signIn(rp, me.client, { acr_values: L(4) });
    assertRefusedForLevel(landed, rp);
    const page = new URL(/see (\S+)/.exec(landed.searchParams.get('error_description') ?? '')?.[1] ?? '');
    assert.equal(page.searchParams.get('acr_values'), L(4));

    const explained = await entry(me.client, rp, page.search);
    assert.equal(explained.status, 200);
    const [refusal] = explained.body.refusals;
    assert.equal(refusal.code, 'REALNAME_LEVEL_TOO_LOW');
    assert.equal(refusal.action, 'my-info');
    assert.match(refusal.message, /要求实名认证级别不低于“L4 科技部平台人工审核通过”，您当前的实名认证级别为“L3 国家平台实名认证通过”/);
    assert.match(refusal.detail.zh, /需要通过人工审核的实名认证.*我的信息上传/);
    // Without the acr_values the same system admits the person.
    assert.equal((await entry(me.client, rp)).body.ok, true);
  });

  it('at or below the level, or naming no level at all: admitted, with the acr of the account', async () => {
    const rp = await system();
    const me = await person(CHEN_JING);
    assert.equal(await acrOfSignIn(rp, me.client, { acr_values: L(3) }), L(3));
    assert.equal(await acrOfSignIn(rp, me.client, { acr_values: `${L(4)} ${L(2)}` }), L(3), 'the lowest level listed is the minimum');
    assert.equal(await acrOfSignIn(rp, me.client, { acr_values: 'urn:other:loa-high' }), L(3), 'values of no level ask nothing');
  });

  it('bad acr_values at the entry API are refused plainly or ignored, never a 500', async () => {
    const rp = await system();
    const me = await person(PASSPORT);
    assert.equal((await entry(me.client, rp, `?acr_values=${'x'.repeat(1001)}`)).status, 400);
    for (const query of ['?acr_values=', '?acr_values=%00', `?acr_values=${encodeURIComponent('urn:most:realname:l9')}`, '?acr_values=l4&acr_values=l4']) {
      const res = await entry(me.client, rp, query);
      assert.ok(res.status === 200 || res.status === 400, `${query}: ${res.status}`);
      if (res.status === 200) assert.equal(res.body.ok, true, query);
    }
  });
});

describe('a system’s own minimum (最低实名认证级别)', () => {
  it('CAS: below it, no ticket; at it, a ticket whose realNameLevel attribute names the level', async () => {
    const rp = await system({ minimumLevel: 'l3' });
    const passport = await person(PASSPORT);
    // No ticket below the minimum: the entry page, which says why.
    const refused = await passport.client.get(`/cas/login?service=${encodeURIComponent(rp.service)}`);
    assert.equal(refused.status, 302);
    assert.equal(refused.headers.get('location'), `/services/entry/${rp.system.key}`);
    assert.equal((await entry(passport.client, rp)).body.refusals[0].code, 'REALNAME_LEVEL_TOO_LOW');

    const verified = await person(ZHANG_SAN);
    const attributes = await casAttributes(rp, verified.client);
    assert.equal(attributes.realNameLevel, L(3));
    assert.equal(attributes.verificationStatus, 'registry_verified');
  });

  it('Done when: an L4 system refuses a registry-verified person with the explanation, and admits them after manual review', async () => {
    const rp = await system({ minimumLevel: 'l4', requiresVerification: true });
    const me = await person(LIU_XIAOWEN);
    assert.equal((await me.client.get('/api/me/profile')).body.verification.natural_person.status, 'registry_verified');

    // 办理入口: the dialog names the levels and tells the person to apply for manual review in 我的信息.
    const refused = await entry(me.client, rp);
    assert.equal(refused.body.ok, false);
    assert.equal(refused.body.refusals[0].code, 'REALNAME_LEVEL_TOO_LOW');
    assert.match(refused.body.refusals[0].message, /L4 科技部平台人工审核通过/);
    assert.match(refused.body.refusals[0].detail.zh, /请前往我的信息上传签字后的证件正反面扫描件，申请人工审核/);
    // OIDC sign-in: refused the same way (no code).
    assertRefusedForLevel((await signIn(rp, me.client)).landed, rp);

    // The person applies for manual review; their registry verification stands meanwhile (still L3, still refused).
    const reviewId = await uploadAndSubmit(me.client);
    assert.equal((await me.client.get('/api/me/profile')).body.verification.natural_person.status, 'registry_verified');
    assert.equal((await me.client.get(MATERIALS)).body.editable, false, 'one application at a time');
    assert.equal((await entry(me.client, rp)).body.refusals[0].code, 'REALNAME_LEVEL_TOO_LOW');

    // A reviewer approves through the ordinary review service.
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    assert.equal((await reviewer.get(`/api/admin/reviews/${reviewId}`)).status, 200);
    const approved = await reviewer.post(`/api/admin/reviews/${reviewId}/approve`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal((await me.client.get('/api/me/profile')).body.verification.natural_person.status, 'manually_approved');

    // Admitted: 办理入口 and OIDC (same browser session, no new login: the acr follows the account), and acr L4.
    const admitted = await entry(me.client, rp);
    assert.equal(admitted.body.ok, true, JSON.stringify(admitted.body));
    assert.equal(await acrOfSignIn(rp, me.client), L(4));
    assert.equal(await acrOfSignIn(rp, me.client, { acr_values: L(4) }), L(4));
    assert.equal((await casAttributes(rp, me.client)).realNameLevel, L(4));
  });

  it('a refused application for L4 keeps the registry verification and its claim on the document', async () => {
    const rp = await system({ minimumLevel: 'l4' });
    // 黄志强 holds a long-term card in the registry.
    const me = await person({ name: '黄志强', documentNumber: '440305197811263317', validFrom: '2024-03-15', validTo: '', longTerm: true });
    assert.equal((await me.client.get('/api/me/profile')).body.verification.natural_person.status, 'registry_verified');
    const hash = async () => (await t.db.query<{ h: string | null }>(`select verified_document_hash as h from verifications where account_id = $1`, [me.accountId]))[0]?.h;
    const claimed = await hash();
    assert.ok(claimed);
    const reviewId = await uploadAndSubmit(me.client);
    const reviewer = await staffClient(t.baseUrl, t.platform, ['reviewer']);
    await reviewer.get(`/api/admin/reviews/${reviewId}`);
    const rejected = await reviewer.post(`/api/admin/reviews/${reviewId}/reject`, { reason: '扫描件不清晰，请重新上传。' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    assert.equal(rejected.body.verification.status, 'registry_verified');
    assert.equal((await me.client.get('/api/me/profile')).body.verification.natural_person.status, 'registry_verified');
    assert.equal((await entry(me.client, rp)).body.refusals[0].code, 'REALNAME_LEVEL_TOO_LOW');
    assert.equal(await hash(), claimed, 'the document stays claimed by this verified account');
    // The person may apply again.
    assert.equal((await me.client.get(MATERIALS)).body.editable, true);
  });

  it('a minimum changed by an operator applies at once; bad values are refused and change nothing', async () => {
    const rp = await system();
    const me = await person(PASSPORT);
    assert.equal((await entry(me.client, rp)).body.ok, true);
    const operator = await staffClient(t.baseUrl, t.platform, ['operator']);
    const current = (await operator.get(`/api/admin/systems/${rp.system.id}`)).body;
    const { id: _id, enabled: _enabled, oidc: client, ...body } = current;
    const request = { ...body, roles: [{ code: 'item_handler', name: '事项办理员' }], oidc: { clientId: client.clientId, redirectUris: client.redirectUris, postLogoutRedirectUris: client.postLogoutRedirectUris, backchannelLogoutUri: client.backchannelLogoutUri } };
    for (const bad of ['L3', 'l5', 3, '', 'none']) {
      assertFieldError(await operator.put(`/api/admin/systems/${rp.system.id}`, { ...request, minimumLevel: bad }), 'minimumLevel', 'SYSTEM_MINIMUM_LEVEL_INVALID');
    }
    assert.equal((await operator.get(`/api/admin/systems/${rp.system.id}`)).body.minimumLevel, null);

    const saved = await operator.put(`/api/admin/systems/${rp.system.id}`, { ...request, minimumLevel: 'l3' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.system.minimumLevel, 'l3');
    const [audit] = await t.db.query<{ detail: { changed: string } }>(`select detail from audit_log where target_id = $1 and action = 'system.update'`, [rp.system.id]);
    assert.equal(audit?.detail.changed, 'roles, minimumLevel');
    systemsChanged(t.platform);
    const refused = await entry(me.client, rp);
    assert.equal(refused.body.refusals[0].code, 'REALNAME_LEVEL_TOO_LOW');
    assert.match(refused.body.refusals[0].detail.zh, /需要通过国家平台实名认证/);
    assertRefusedForLevel((await signIn(rp, me.client)).landed, rp);
  });
});
