/**
 * 国家政务服务平台账号登录 end to end over HTTP, against the test platform's own development
 * upstream: every branch of the match (linked, confirm by password or SMS code, log in once to
 * link, prefilled registration verified through the national platform), the document rules
 * (verified elsewhere, changed upstream), the upstream's refusals and the entry rules.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '../../../test/support/client.ts';
import { legalRegistration, mobile, naturalRegistration, uniqueLoginName } from '../../../test/support/fixtures.ts';
import { authorize, oidcBusinessSystem } from '../../../test/support/oidc-rp.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.ts';
import type { UpstreamPerson } from './dev-upstream/people.ts';
import { NATIONAL_LINK_PAGE } from './rules.ts';
import { changeUpstreamDocument, devPerson, go, nationalLogin } from './testing.ts';

let t: TestPlatform;

before(async () => {
  t = await startTestPlatform();
});
after(async () => {
  await t?.close();
});

type Body = Record<string, any>;

const registryPerson = (p: UpstreamPerson) => ({ name: p.name, documentType: p.documentType, documentNumber: p.documentNumber });

/** A local natural account registered through 自然人注册 (verified by the development registry when its data matches). */
async function localAccount(overrides: Body): Promise<{ body: Body; accountId: string }> {
  const client = new ApiClient(t.baseUrl);
  const body = naturalRegistration(overrides) as Body;
  const smsCode = await client.smsCode(body.mobile);
  const res = await client.post('/api/register/natural', { ...body, smsCode });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { body, accountId: res.body.accountId };
}

/** A verified local account holding the document of a person of the development data (its validity from the registry file). */
async function verifiedLocalAccount(person: UpstreamPerson, validity: Body) {
  const account = await localAccount({ ...registryPerson(person), ...validity });
  const [row] = await t.platform.db.query<{ status: string }>(`select status from verifications where account_id = $1`, [account.accountId]);
  assert.equal(row?.status, 'registry_verified');
  return account;
}

const errorOf = (url: URL) => url.searchParams.get('national_error');
const linksOf = (accountId: string) => t.platform.db.query<{ subject: string }>('select subject from national_links where account_id = $1', [accountId]);

async function me(browser: ApiClient) {
  const res = await browser.get('/api/me');
  return res.status === 200 ? (res.body as { loginName: string }) : undefined;
}

describe('a new person: the prefilled registration', () => {
  it('keeps the upstream verification (recorded as national), links, logs in; the next login goes straight in', async () => {
    const person = devPerson('gjzw01');
    const browser = new ApiClient(t.baseUrl);
    const landed = await nationalLogin(t, browser, person, { returnPath: '/online/my-info?from=national' });
    assert.equal(landed.pathname, NATIONAL_LINK_PAGE);
    assert.equal(landed.searchParams.get('return'), '/online/my-info?from=national');
    const view = await browser.get('/api/federation/national/pending');
    assert.equal(view.status, 200);
    assert.equal(view.body.step, 'register');
    assert.equal(view.body.name, person.name);
    assert.equal(view.body.documentNumber, '1101********1239');

    const mobileNumber = mobile();
    const loginName = uniqueLoginName('gj');
    // Bad input: a clear message per field, nothing created.
    const bad = await browser.post('/api/federation/national/pending/register', { loginName: 'a b!', password: 'short', passwordConfirm: 'x', mobile: '123', smsCode: 'abc', agreed: true });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(new Set(bad.body.fields.map((f: { field: string }) => f.field)), new Set(['loginName', 'password', 'passwordConfirm', 'mobile', 'smsCode']));
    const smsCode = await browser.smsCode(mobileNumber);
    const wrongCode = await browser.post('/api/federation/national/pending/register', { loginName, password: 'Passw0rd!', passwordConfirm: 'Passw0rd!', mobile: mobileNumber, smsCode: smsCode === '000000' ? '111111' : '000000', agreed: true });
    assert.equal(wrongCode.body.code, 'SMS_CODE_WRONG');
    assert.equal((await t.platform.db.query('select 1 from accounts where login_name = $1', [loginName])).length, 0);

    const res = await browser.post('/api/federation/national/pending/register', { loginName, password: 'Passw0rd!', passwordConfirm: 'Passw0rd!', mobile: mobileNumber, smsCode, agreed: true });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.location, '/online/my-info?from=national');
    assert.equal(res.body.verification.status, 'registry_verified');
    assert.equal(res.body.verification.label, '国家平台实名认证通过');
    assert.equal(res.body.verification.method, 'national');
    assert.equal((await me(browser))?.loginName, loginName);

    const profile = await browser.get('/api/me/profile');
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    const [account] = await t.platform.db.query<{ id: string }>('select id from accounts where login_name = $1', [loginName]);
    const [verification] = await t.platform.db.query<{ status: string; method: string; verified_document_hash: string | null }>(
      `select status, method, verified_document_hash from verifications where account_id = $1`,
      [account!.id],
    );
    assert.equal(verification?.status, 'registry_verified');
    assert.equal(verification?.method, 'national');
    assert.ok(verification?.verified_document_hash);
    assert.deepEqual(await linksOf(account!.id), [{ subject: person.sub }]);
    // The pending registration is spent.
    assert.equal((await browser.get('/api/federation/national/pending')).body.code, 'NATIONAL_LINK_EXPIRED');

    // Linked: another browser goes straight in, landing where it was asked to.
    const other = new ApiClient(t.baseUrl);
    const again = await nationalLogin(t, other, person, { returnPath: '/online/my-info' });
    assert.equal(again.pathname, '/online/my-info');
    assert.equal((await me(other))?.loginName, loginName);
    const listed = await other.get('/api/me/national-links');
    assert.equal(listed.body.links.length, 1);
    assert.ok(listed.body.links[0].lastUsedAt);
  });
});

describe('a verified local account: the link is confirmed once', () => {
  it('with the account password: a wrong one is refused and links nothing, the right one links and logs in', async () => {
    const person = devPerson('gjzw02');
    const local = await verifiedLocalAccount(person, { validFrom: '2010-05-01', validTo: '', longTerm: true });
    const browser = new ApiClient(t.baseUrl);
    const landed = await nationalLogin(t, browser, person);
    assert.equal(landed.pathname, NATIONAL_LINK_PAGE);
    const view = await browser.get('/api/federation/national/pending');
    assert.equal(view.body.step, 'confirm');
    // The reserved phone, masked (SPEC §11.11).
    assert.equal(view.body.maskedMobile, `${local.body.mobile.slice(0, 2)}*****${local.body.mobile.slice(-3)}`);

    const wrong = await browser.post('/api/federation/national/pending/confirm', { method: 'password', password: 'Wrong0ne!' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'NATIONAL_PASSWORD_WRONG');
    assert.equal((await linksOf(local.accountId)).length, 0);
    assert.equal(await me(browser), undefined);
    const empty = await browser.post('/api/federation/national/pending/confirm', { method: 'password', password: '' });
    assert.equal(empty.status, 400);
    // The failure counts like a login's: the next attempt waits a little (progressive delay).
    await t.platform.db.query(`delete from kv where key like 'loginwait:%'`);

    const res = await browser.post('/api/federation/national/pending/confirm', { method: 'password', password: local.body.password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.location, '/online/my-info');
    assert.equal((await me(browser))?.loginName, local.body.loginName);
    assert.deepEqual(await linksOf(local.accountId), [{ subject: person.sub }]);
    // 修改记录 of the account records the link.
    const records = await browser.get('/api/me/update-records');
    assert.ok(records.body.records.some((r: Body) => r.changes.some((c: Body) => c.field === 'nationalLink' && c.new === '已关联')));
  });

  it('with an SMS code sent to the reserved phone: a wrong code is refused, the right one links', async () => {
    const person = devPerson('gjzw03');
    const local = await verifiedLocalAccount(person, { validFrom: '2018-06-01', validTo: '2038-06-01' });
    const browser = new ApiClient(t.baseUrl);
    await nationalLogin(t, browser, person);
    // The registration's code started the phone's resend cooldown a moment ago.
    await t.platform.db.query(`delete from kv where key like 'smscooldown:%'`);
    const sent = await browser.post('/api/federation/national/pending/sms-code');
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const code = await browser.latestSmsCode(local.body.mobile);
    const wrong = await browser.post('/api/federation/national/pending/confirm', { method: 'sms', smsCode: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.body.code, 'SMS_CODE_WRONG');
    assert.equal((await linksOf(local.accountId)).length, 0);
    const res = await browser.post('/api/federation/national/pending/confirm', { method: 'sms', smsCode: code });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await me(browser))?.loginName, local.body.loginName);
    assert.deepEqual(await linksOf(local.accountId), [{ subject: person.sub }]);
  });

  it('a registration is refused there: the document already backs a verified account (never verified twice)', async () => {
    const person = devPerson('gjzw08');
    await verifiedLocalAccount(person, { validFrom: '2014-10-11', validTo: '2034-10-11' });
    const browser = new ApiClient(t.baseUrl);
    await nationalLogin(t, browser, person);
    const m = mobile();
    const res = await browser.post('/api/federation/national/pending/register', { loginName: uniqueLoginName('gj'), password: 'Passw0rd!', passwordConfirm: 'Passw0rd!', mobile: m, smsCode: await browser.smsCode(m), agreed: true });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'DOCUMENT_TAKEN');
  });

  it('a disabled account is refused by the entry rules, before and after linking', async () => {
    const person = devPerson('gjzw09');
    const local = await verifiedLocalAccount(person, { validFrom: '2005-01-01', validTo: '', longTerm: true });
    await t.platform.db.query('update accounts set disabled = true where id = $1', [local.accountId]);
    const browser = new ApiClient(t.baseUrl);
    await nationalLogin(t, browser, person);
    const refused = await browser.post('/api/federation/national/pending/confirm', { method: 'password', password: local.body.password });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'ACCOUNT_DISABLED');
    assert.equal((await linksOf(local.accountId)).length, 0);

    // Linked while enabled, disabled afterwards: the linked login is refused too.
    await t.platform.db.query('update accounts set disabled = false where id = $1', [local.accountId]);
    assert.equal((await browser.post('/api/federation/national/pending/confirm', { method: 'password', password: local.body.password })).status, 200);
    await t.platform.db.query('update accounts set disabled = true where id = $1', [local.accountId]);
    const other = new ApiClient(t.baseUrl);
    const landed = await nationalLogin(t, other, person);
    assert.equal(landed.pathname, '/login');
    assert.equal(errorOf(landed), 'ACCOUNT_DISABLED');
    assert.equal(await me(other), undefined);
  });
});

describe('an unverified local account with the same document: log in once to link', () => {
  it('refuses a legal account, a wrong password and another person\'s account; links the right one', async () => {
    const person = devPerson('gjzw04');
    // Registered with another name: the registry refuses it, so the account holds the document unverified.
    const local = await localAccount({ ...registryPerson(person), name: '陈静静', validFrom: '2015-09-01', validTo: '2035-09-01' });
    const otherPerson = await localAccount({});
    const client = new ApiClient(t.baseUrl);
    const legal = legalRegistration() as Body;
    const legalCode = await client.smsCode(legal.primaryAgent.mobile);
    assert.equal((await client.post('/api/register/legal', { ...legal, primaryAgent: { ...legal.primaryAgent, smsCode: legalCode } })).status, 201);

    const browser = new ApiClient(t.baseUrl);
    await nationalLogin(t, browser, person);
    const view = await browser.get('/api/federation/national/pending');
    assert.equal(view.body.step, 'login_to_link');
    // Not the confirmation of a verified account, and no registration either.
    assert.equal((await browser.post('/api/federation/national/pending/confirm', { method: 'password', password: local.body.password })).body.code, 'NATIONAL_WRONG_STEP');

    const asLegal = await browser.post('/api/federation/national/pending/login', { loginName: legal.loginName, password: legal.password });
    assert.equal(asLegal.body.code, 'NATIONAL_LEGAL_NOT_LINKABLE');
    const wrong = await browser.post('/api/federation/national/pending/login', { loginName: local.body.loginName, password: 'Wrong0ne!' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'LOGIN_FAILED');
    await t.platform.db.query(`delete from kv where key like 'loginwait:%'`);
    const mismatch = await browser.post('/api/federation/national/pending/login', { loginName: otherPerson.body.loginName, password: otherPerson.body.password });
    assert.equal(mismatch.body.code, 'NATIONAL_DOCUMENT_MISMATCH');
    assert.equal(await me(browser), undefined);
    assert.equal((await linksOf(local.accountId)).length + (await linksOf(otherPerson.accountId)).length, 0);

    const res = await browser.post('/api/federation/national/pending/login', { loginName: local.body.loginName, password: local.body.password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await me(browser))?.loginName, local.body.loginName);
    assert.deepEqual(await linksOf(local.accountId), [{ subject: person.sub }]);
    const next = new ApiClient(t.baseUrl);
    assert.equal((await nationalLogin(t, next, person)).pathname, '/online/my-info');
    assert.equal((await me(next))?.loginName, local.body.loginName);
  });
});

describe('document rules', () => {
  it('a document verified by another account meanwhile: the pending registration is refused, nothing created', async () => {
    const person = devPerson('gjzw05');
    const browser = new ApiClient(t.baseUrl);
    await nationalLogin(t, browser, person);
    assert.equal((await browser.get('/api/federation/national/pending')).body.step, 'register');
    await verifiedLocalAccount(person, { validFrom: '2024-03-15', validTo: '', longTerm: true });
    const m = mobile();
    const loginName = uniqueLoginName('gj');
    const res = await browser.post('/api/federation/national/pending/register', { loginName, password: 'Passw0rd!', passwordConfirm: 'Passw0rd!', mobile: m, smsCode: await browser.smsCode(m), agreed: true });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'DOCUMENT_TAKEN');
    assert.equal((await t.platform.db.query('select 1 from accounts where login_name = $1', [loginName])).length, 0);
  });

  it('a changed upstream document: no login, the link is removed (and recorded)', async () => {
    const person = devPerson('gjzw06');
    const local = await verifiedLocalAccount(person, { validFrom: '2017-07-20', validTo: '2027-07-20' });
    const first = new ApiClient(t.baseUrl);
    await nationalLogin(t, first, person);
    assert.equal((await first.post('/api/federation/national/pending/confirm', { method: 'password', password: local.body.password })).status, 200);
    assert.equal((await linksOf(local.accountId)).length, 1);

    await changeUpstreamDocument(t, { loginName: person.loginName, documentNumber: '110105199003071239' });
    try {
      const browser = new ApiClient(t.baseUrl);
      const landed = await nationalLogin(t, browser, person);
      assert.equal(landed.pathname, '/login');
      assert.equal(errorOf(landed), 'NATIONAL_DOCUMENT_CHANGED');
      assert.equal(await me(browser), undefined);
      assert.equal((await linksOf(local.accountId)).length, 0);
      const records = await first.get('/api/me/update-records');
      assert.ok(records.body.records.some((r: Body) => r.changes.some((c: Body) => c.field === 'nationalLink' && c.new === '已解除')));
    } finally {
      await changeUpstreamDocument(t, { reset: true });
    }
  });
});

describe('the upstream\'s answers and the flow\'s checks', () => {
  it('a denied consent (拒绝授权) comes back to the login page with its message, keeping the way back', async () => {
    const browser = new ApiClient(t.baseUrl);
    const landed = await nationalLogin(t, browser, devPerson('gjzw07'), { consent: 'abort', returnPath: '/online/my-info' });
    assert.equal(landed.pathname, '/login');
    assert.equal(errorOf(landed), 'NATIONAL_DENIED');
    assert.equal(landed.searchParams.get('return'), '/online/my-info');
    assert.equal(await me(browser), undefined);
  });

  it('a replayed callback, a tampered state and a callback from another browser are refused', async () => {
    const person = devPerson('gjzw10');
    const browser = new ApiClient(t.baseUrl);
    const callback = await nationalLogin(t, browser, person, { stopAtCallback: true });
    // Another browser (no flow cookie) presenting this callback.
    const stranger = new ApiClient(t.baseUrl);
    assert.equal(errorOf((await go(t, stranger, callback)).url), 'NATIONAL_BAD_STATE');
    // A tampered state.
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const flowCookie = browser.cookies.get('national_flow');
    assert.equal(errorOf((await go(t, browser, tampered)).url), 'NATIONAL_BAD_STATE');
    // The flow was spent by the refused attempt: even the genuine callback is refused now (single use).
    browser.cookies.set('national_flow', flowCookie!);
    assert.equal(errorOf((await go(t, browser, callback)).url), 'NATIONAL_BAD_STATE');

    // A genuine flow: works once, replayed it is refused.
    const again = await nationalLogin(t, browser, person, { stopAtCallback: true });
    const cookie = browser.cookies.get('national_flow')!;
    assert.equal((await go(t, browser, again)).url.pathname, NATIONAL_LINK_PAGE);
    browser.cookies.set('national_flow', cookie);
    assert.equal(errorOf((await go(t, browser, again)).url), 'NATIONAL_BAD_STATE');
  });

  it('an unreachable upstream, and a platform without NATIONAL_IDP_* (button off)', async () => {
    const dead = await startTestPlatform({ nationalIdp: { issuer: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's', devPort: 0 } });
    try {
      const browser = new ApiClient(dead.baseUrl);
      assert.equal((await browser.get('/api/federation/national/config')).body.enabled, true);
      const landed = await go(dead, browser, '/api/federation/national/start?return=%2Fonline%2Fmy-info');
      assert.equal(landed.url.pathname, '/login');
      assert.equal(errorOf(landed.url), 'NATIONAL_UNREACHABLE');
      assert.equal(landed.url.searchParams.get('return'), '/online/my-info');

      dead.platform.config.nationalIdp = { ...dead.platform.config.nationalIdp, clientSecret: undefined };
      assert.equal((await browser.get('/api/federation/national/config')).body.enabled, false);
      assert.equal(errorOf((await go(dead, browser, '/api/federation/national/start')).url), 'NATIONAL_DISABLED');
      assert.equal((await browser.get('/api/federation/national/pending')).status, 404);
    } finally {
      await dead.close();
    }
  });

  it('the link page without a pending link: a clear message, not an error', async () => {
    const browser = new ApiClient(t.baseUrl);
    const res = await browser.get('/api/federation/national/pending');
    assert.equal(res.status, 410);
    assert.equal(res.body.code, 'NATIONAL_LINK_EXPIRED');
    const forged = await browser.request('GET', '/api/federation/national/pending', undefined, { cookie: 'national_pending=../../etc' });
    assert.equal(forged.status, 410);
  });
});

describe('我的信息: links listed and removable', () => {
  it('lists the link; removal is the owner\'s only, recorded; afterwards the link must be confirmed again', async () => {
    const person = devPerson('gjzw11');
    const local = await verifiedLocalAccount(person, { validFrom: '2017-12-01', validTo: '2027-12-01' });
    const browser = new ApiClient(t.baseUrl);
    await nationalLogin(t, browser, person);
    assert.equal((await browser.post('/api/federation/national/pending/confirm', { method: 'password', password: local.body.password })).status, 200);
    const listed = await browser.get('/api/me/national-links');
    assert.equal(listed.status, 200);
    assert.equal(listed.body.enabled, true);
    assert.equal(listed.body.links.length, 1);
    const id = listed.body.links[0].id as string;

    assert.equal((await new ApiClient(t.baseUrl).get('/api/me/national-links')).status, 401);
    const stranger = await localAccount({});
    const strangerBrowser = new ApiClient(t.baseUrl);
    assert.equal((await strangerBrowser.login('natural', stranger.body.loginName, stranger.body.password)).status, 200);
    assert.equal((await strangerBrowser.delete(`/api/me/national-links/${id}`)).status, 404);
    assert.equal((await browser.delete('/api/me/national-links/not-a-uuid')).status, 400);
    assert.equal((await linksOf(local.accountId)).length, 1);

    const removed = await browser.delete(`/api/me/national-links/${id}`);
    assert.equal(removed.status, 200);
    assert.equal((await browser.get('/api/me/national-links')).body.links.length, 0);
    assert.equal((await browser.delete(`/api/me/national-links/${id}`)).body.code, 'NATIONAL_LINK_NOT_FOUND');
    const records = await browser.get('/api/me/update-records');
    assert.ok(records.body.records.some((r: Body) => r.changes.some((c: Body) => c.field === 'nationalLink' && c.new === '已解除')));

    const next = new ApiClient(t.baseUrl);
    assert.equal((await nationalLogin(t, next, person)).pathname, NATIONAL_LINK_PAGE);
    assert.equal((await next.get('/api/federation/national/pending')).body.step, 'confirm');
  });
});

describe('entry rules and the session afterwards', () => {
  it('a locked login name stays locked; a pending password change comes first; the session signs in to an OIDC business system', async () => {
    const person = devPerson('gjzw14');
    const browser = new ApiClient(t.baseUrl);
    await nationalLogin(t, browser, person);
    const m = mobile();
    const loginName = uniqueLoginName('gj');
    const registered = await browser.post('/api/federation/national/pending/register', { loginName, password: 'Passw0rd!', passwordConfirm: 'Passw0rd!', mobile: m, smsCode: await browser.smsCode(m), agreed: true });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));

    // Locked (failed password logins elsewhere): the national login is refused too, with the lock's message.
    await t.platform.kv.set(`loginlock:name:${loginName.toLowerCase()}`, '1', 60_000);
    const locked = new ApiClient(t.baseUrl);
    const refused = await nationalLogin(t, locked, person);
    assert.equal(errorOf(refused), 'LOGIN_LOCKED');
    assert.equal(refused.searchParams.get('national_error_minutes'), '1');
    assert.equal(await me(locked), undefined);
    await t.platform.kv.delete(`loginlock:name:${loginName.toLowerCase()}`);

    // A one-time password must be changed first: logged in, sent to the change, the way back kept.
    await t.platform.db.query('update accounts set must_change_password = true where login_name = $1', [loginName]);
    const pending = new ApiClient(t.baseUrl);
    const landed = await nationalLogin(t, pending, person, { returnPath: '/online/matters' });
    assert.equal(landed.pathname, '/password/expired');
    assert.equal(landed.searchParams.get('return'), '/online/matters');
    assert.equal((await pending.get('/api/me/profile')).body.code, 'PASSWORD_CHANGE_REQUIRED');
    await t.platform.db.query('update accounts set must_change_password = false where login_name = $1', [loginName]);

    // An ordinary session: a business system's OIDC sign-in goes through without a password.
    const session = new ApiClient(t.baseUrl);
    await nationalLogin(t, session, person);
    const rp = await oidcBusinessSystem(t);
    const { exchange } = await authorize(rp, session);
    const tokens = await exchange();
    assert.equal(tokens.claims()?.sub, (await t.platform.db.query<{ id: string }>('select id from accounts where login_name = $1', [loginName]))[0]!.id);
  });
});
