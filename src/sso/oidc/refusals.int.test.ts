/**
 * What belongs to someone else or has run out, at the OpenID Connect provider: a sign-in
 * (interaction) that does not exist, that another browser started or that expired finishes
 * nobody's sign-in; a business system cannot revoke another system's tokens.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { followRedirects } from '../../../test/support/browse.ts';
import { ApiClient } from '../../../test/support/client.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { oidcBusinessSystem, type RelyingParty } from '../../../test/support/oidc-rp.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { INTERACTION_PREFIX, OIDC_PREFIX } from './rules.ts';

const t = testPlatformForFile();

beforeEach(async () => {
  await t.db.query(`delete from kv where key like 'rl:%' or key like 'sms%'`);
});

const SCOPE = 'openid profile';
const person = () => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('refuse') });

/** A browser (not logged in) starts a business system's sign-in: it stops at the login page with its interaction's path. */
async function startSignIn(rp: RelyingParty, browser: ApiClient) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    scope: SCOPE,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const stopped = await followRedirects(browser, url.href, { stopAt: `${t.baseUrl}/login` });
  const interaction = stopped.url.searchParams.get('return') ?? '';
  assert.match(interaction, new RegExp(`^${INTERACTION_PREFIX}/[\\w-]+$`), `stopped at ${stopped.url}`);
  return { interaction, uid: interaction.split('/').pop()!, verifier, state };
}

/** Where the browser ends following `path`: a refusal page of ours, or the business system's callback. */
async function resume(browser: ApiClient, rp: RelyingParty, path: string) {
  return followRedirects(browser, path, { stopAt: rp.redirectUri });
}

/** The "sign-in has expired, start again at the business system" page: no redirect, no code. */
function assertGone(page: { status: number; url: URL; text: string }, rp: RelyingParty) {
  assert.equal(page.status, 400, `${page.status} ${page.url} ${page.text.slice(0, 200)}`);
  assert.match(page.text, /本次登录请求已失效/);
  assert.equal(page.url.href.startsWith(rp.redirectUri), false, 'never sent to the business system');
}

describe('an interaction that is not this browser’s', () => {
  it('one that does not exist is refused, for a logged-in browser too; the browser’s own sign-in is not affected', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    assertGone(await resume(me.client, rp, `${INTERACTION_PREFIX}/no-such-interaction`), rp);
    assertGone(await resume(me.client, rp, `${INTERACTION_PREFIX}/${'A'.repeat(21)}`), rp);
    // With an interaction of its own open, another id is still refused.
    const browser = new ApiClient(t.baseUrl);
    const mine = await startSignIn(rp, browser);
    assertGone(await resume(browser, rp, `${INTERACTION_PREFIX}/${mine.uid.slice(0, -1)}${mine.uid.endsWith('x') ? 'y' : 'x'}`), rp);
  });

  it('one another browser started finishes nobody’s sign-in there; its own browser then signs in as itself', async () => {
    const rp = await oidcBusinessSystem(t);
    const victim = await person();
    const attacker = await person();
    const victimBrowser = new ApiClient(t.baseUrl);
    const started = await startSignIn(rp, victimBrowser);

    // The attacker's logged-in browser opens the victim's interaction, then tries the provider's resume step.
    assertGone(await resume(attacker.client, rp, started.interaction), rp);
    const resumed = await resume(attacker.client, rp, `${OIDC_PREFIX}/auth/${started.uid}`);
    assert.equal(resumed.url.href.startsWith(rp.redirectUri), false, `no redirect to the system: ${resumed.status} ${resumed.url}`);
    assert.ok(resumed.status >= 400, `${resumed.status} ${resumed.text.slice(0, 200)}`);

    // The victim's browser logs in and completes its own sign-in: the code is for the victim.
    assert.equal((await victimBrowser.login('natural', victim.body.loginName, victim.body.password)).status, 200);
    const landed = await resume(victimBrowser, rp, started.interaction);
    assert.ok(landed.url.href.startsWith(rp.redirectUri), `${landed.status} ${landed.url} ${landed.text.slice(0, 200)}`);
    const tokens = await oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: started.verifier, expectedState: started.state });
    assert.equal(tokens.claims()!.sub, victim.accountId);
  });

  it('one that expired is refused though the browser is logged in, and gives no code', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    const browser = new ApiClient(t.baseUrl);
    const started = await startSignIn(rp, browser);
    assert.equal((await browser.login('natural', me.body.loginName, me.body.password)).status, 200);
    // Its lifetime over, as the store sees it (OIDC_TTL.Interaction).
    const expired = await t.db.query(
      `update oidc_payloads set expires_at = now() - interval '1 second' where model = 'Interaction' and id = $1 returning id`,
      [started.uid],
    );
    assert.equal(expired.length, 1);
    assertGone(await resume(browser, rp, started.interaction), rp);
    const resumed = await resume(browser, rp, `${OIDC_PREFIX}/auth/${started.uid}`);
    assert.equal(resumed.url.searchParams.get('code'), null, `${resumed.status} ${resumed.url}`);
  });
});

describe('token revocation by another business system', () => {
  it("leaves the tokens working: system B's credentials cannot revoke system A's access or refresh token", async () => {
    const a = await oidcBusinessSystem(t);
    const b = await oidcBusinessSystem(t);
    const me = await person();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(a.config, {
      redirect_uri: a.redirectUri,
      scope: `${SCOPE} offline_access`,
      prompt: 'consent',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const landed = await followRedirects(me.client, url.href, { stopAt: a.redirectUri });
    const tokens = await oidc.authorizationCodeGrant(a.config, landed.url, { pkceCodeVerifier: verifier, expectedState: state });
    assert.ok(tokens.access_token && tokens.refresh_token);

    // B authenticates fine and is answered 200 as RFC 7009 says (it learns nothing), but nothing is revoked.
    await oidc.tokenRevocation(b.config, tokens.access_token);
    await oidc.tokenRevocation(b.config, tokens.refresh_token!);
    await oidc.tokenRevocation(b.config, tokens.refresh_token!, { token_type_hint: 'refresh_token' });

    assert.equal((await oidc.tokenIntrospection(a.config, tokens.access_token)).active, true, 'the access token is alive');
    assert.equal((await oidc.fetchUserInfo(a.config, tokens.access_token, me.accountId)).sub, me.accountId);
    const refreshed = await oidc.refreshTokenGrant(a.config, tokens.refresh_token!);
    assert.ok(refreshed.access_token, 'the refresh token is alive');

    // The owner can revoke: the same call by A ends the token.
    await oidc.tokenRevocation(a.config, refreshed.access_token);
    assert.equal((await oidc.tokenIntrospection(a.config, refreshed.access_token)).active, false);
  });
});
