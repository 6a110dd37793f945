/**
 * Issue 14.13: a session waiting for its password change (FAQ 1.4 密码过期, a one-time password
 * after an appeal, a weak migrated password) is logged in, so 办理入口, /cas/login and an OIDC
 * sign-in started at a business system send it to the change page (not the login form), with
 * the way back kept; once the password is changed, that way back leads where the user was going.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { registerAccount } from '../../test/support/accounts.ts';
import { followRedirects } from '../../test/support/browse.ts';
import { ApiClient } from '../../test/support/client.ts';
import { uniqueLoginName } from '../../test/support/fixtures.ts';
import { oidcBusinessSystem } from '../../test/support/oidc-rp.ts';
import { testPlatformForFile } from '../../test/support/platform-for-file.ts';
import { systemsStore } from './systems-store.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%' or key like 'login%'`);
});

const NEW_PASSWORD = 'Changed-2026!pass';
const PENDING = {
  one_time: 'update accounts set must_change_password = true where id = $1',
  expired: "update accounts set password_changed_at = now() - interval '400 days' where id = $1",
} as const;

/** A natural account logged in with a password change pending: the client holds that session. */
async function pendingSession(why: keyof typeof PENDING) {
  const account = await registerAccount(t.baseUrl, 'natural', { loginName: uniqueLoginName('pc') });
  await t.db.query(PENDING[why], [account.accountId]);
  const login = await account.client.login('natural', account.body.loginName, account.body.password);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal(login.body.passwordChangeReason, why);
  return { client: account.client, password: account.body.password as string };
}

async function changePassword(client: ApiClient, oldPassword: string) {
  const changed = await client.post('/api/me/password', { oldPassword, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
}

/** The way back a change-page address carries (/password/expired?return=…). */
function changePageReturn(location: string | null): string {
  const url = new URL(location ?? '', 'http://platform.invalid');
  assert.equal(url.pathname, '/password/expired', `expected the change page, got ${location}`);
  return url.searchParams.get('return') ?? '';
}

let count = 0;
const openSystem = (overrides: { casServicePrefix?: string; entryUrl: string }) => {
  const n = ++count;
  return systemsStore(t.platform.db, t.platform.cipher).create({
    key: `detour-${n}-${Date.now()}`,
    name: `改密测试系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: false,
    requirements: [],
    requiresApproval: false,
    roles: [],
    oidc: null,
    casServicePrefix: null,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  });
};

describe('a pending password change comes before the business system, then the user goes on there', () => {
  it('办理入口 (/sso/enter): to the change page with the way back, then into the system', async () => {
    const system = await openSystem({ entryUrl: 'http://127.0.0.1:4891/login' });
    const me = await pendingSession('expired');
    const refused = await me.client.get(`/sso/enter/${system.key}`);
    assert.equal(refused.status, 302);
    const back = changePageReturn(refused.headers.get('location'));
    assert.equal(back, `/sso/enter/${system.key}`);

    await changePassword(me.client, me.password);
    const entered = await me.client.get(back);
    assert.equal(entered.status, 302);
    assert.equal(entered.headers.get('location'), system.entryUrl);
  });

  it('/cas/login: to the change page with the way back (gateway still goes back without a page), then a ticket', async () => {
    const prefix = 'http://127.0.0.1:4892/app/';
    await openSystem({ casServicePrefix: prefix, entryUrl: prefix });
    const service = `${prefix}cas`;
    const me = await pendingSession('one_time');

    const gateway = await me.client.get(`/cas/login?service=${encodeURIComponent(service)}&gateway=true`);
    assert.equal(gateway.headers.get('location'), service);
    const refused = await me.client.get(`/cas/login?service=${encodeURIComponent(service)}`);
    assert.equal(refused.status, 302);
    const back = changePageReturn(refused.headers.get('location'));
    assert.equal(back, `/cas/login?service=${encodeURIComponent(service)}`);

    await changePassword(me.client, me.password);
    const signedIn = await me.client.get(back);
    assert.equal(signedIn.status, 302);
    const ticket = new URL(signedIn.headers.get('location') ?? '').searchParams.get('ticket');
    assert.match(ticket ?? '', /^ST-/);
    const validated = await fetch(`${t.baseUrl}/cas/p3/serviceValidate?${new URLSearchParams({ service, ticket: ticket!, format: 'JSON' })}`);
    assert.ok((await validated.json()).serviceResponse.authenticationSuccess, 'the ticket validates');
  });

  it('an OIDC sign-in started at the business system: to the change page from the interaction, then back with a code', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await pendingSession('one_time');
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(rp.config, {
      redirect_uri: rp.redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const start = await followRedirects(me.client, url.href, { stopAt: rp.redirectUri });
    const back = changePageReturn(start.url.pathname + start.url.search);
    assert.match(back, /^\/sso\/interaction\/[\w-]+$/);

    await changePassword(me.client, me.password);
    const landed = await followRedirects(me.client, back, { stopAt: rp.redirectUri });
    assert.ok(landed.url.searchParams.get('code'), `resumed with a code, got ${landed.status} ${landed.url}`);
    const tokens = await oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: verifier });
    assert.ok(tokens.claims()?.sub, 'the system signs the user in');
  });
});
