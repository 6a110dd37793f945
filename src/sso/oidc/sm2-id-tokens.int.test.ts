/**
 * ID tokens signed with SM2 (sm2-id-tokens.ts) for a business system that chooses it: openid-client
 * (configured with id_token_signed_response_alg SM2SM3) completes the code flow and a refresh,
 * and the example verifier (examples/sm2-verifier/, sm-crypto: not the platform's SM2 code)
 * verifies the tokens against the published JWKS; a changed token does not verify; other systems
 * keep RS256; the SM2 key and algorithm are published only once a system uses them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { platformKeys, verifySm2IdToken } from '../../../examples/sm2-verifier/verify.ts';
import { registerAndLogIn } from '../../../test/support/accounts.ts';
import { uniqueLoginName } from '../../../test/support/fixtures.ts';
import { authorize, oidcBusinessSystem } from '../../../test/support/oidc-rp.ts';
import { testPlatformForFile } from '../../../test/support/platform-for-file.ts';
import { sm2PublicKeyFromJwk, sm2Verify } from '../../crypto/sm2.ts';
import { systemsChanged } from './provider.ts';

const t = testPlatformForFile();

const header = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { alg: string; kid: string; typ: string };
const discovery = async () => (await (await fetch(`${t.baseUrl}/.well-known/openid-configuration`)).json()) as { id_token_signing_alg_values_supported: string[] };
const person = () => registerAndLogIn(t.baseUrl, 'natural', { loginName: uniqueLoginName('sm2') });

describe('ID tokens signed with SM2 (SM2SM3)', () => {
  it('no SM2 key or algorithm is published while no system uses it', async () => {
    const keys = await platformKeys(t.baseUrl);
    assert.deepEqual(keys.map((k) => k.crv ?? k.kty).sort(), ['P-256', 'RSA']);
    assert.equal((await discovery()).id_token_signing_alg_values_supported.includes('SM2SM3'), false);
  });

  it('a system that chooses SM2 gets SM2-signed ID tokens, at the code exchange and at a refresh; the example verifier checks them', async () => {
    const rp = await oidcBusinessSystem(t, {}, { idTokenSigning: 'SM2SM3' });
    systemsChanged(t.platform);
    const me = await person();
    const tokens = await (await authorize(rp, me.client)).exchange();
    const idToken = tokens.id_token!;
    assert.equal(header(idToken).alg, 'SM2SM3');
    assert.equal(header(idToken).typ, 'JWT');
    // openid-client checked iss, aud, exp and nonce of the same claims.
    assert.equal(tokens.claims()!.sub, me.accountId);

    const keys = await platformKeys(t.baseUrl);
    const sm2 = keys.find((k) => k.crv === 'SM2')!;
    assert.equal(sm2.kid, header(idToken).kid);
    assert.equal('d' in sm2, false, 'no private part');
    assert.ok((await discovery()).id_token_signing_alg_values_supported.includes('SM2SM3'));

    const claims = verifySm2IdToken(idToken, keys);
    assert.equal(claims.sub, me.accountId);
    assert.equal(claims.aud, rp.system.oidc!.clientId);
    assert.equal(claims.iss, t.baseUrl);
    // The platform's own SM2 code agrees with sm-crypto's.
    const [h, p, s] = idToken.split('.') as [string, string, string];
    assert.ok(sm2Verify(`${h}.${p}`, Buffer.from(s, 'base64url'), sm2PublicKeyFromJwk(sm2)));

    // Changed claims, or a signature from another token: refused.
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    assert.throws(() => verifySm2IdToken(`${h}.${forged}.${s}`, keys), /does not verify/);
    assert.throws(() => verifySm2IdToken(`${h}.${p}.${Buffer.alloc(64, 1).toString('base64url')}`, keys), /does not verify/);
    assert.throws(() => verifySm2IdToken(idToken, keys.filter((k) => k.crv !== 'SM2')), /no SM2 key/);

    const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
    assert.equal(header(refreshed.id_token!).alg, 'SM2SM3');
    assert.equal(verifySm2IdToken(refreshed.id_token!, keys).sub, me.accountId);
  });

  it('another system keeps RS256 tokens from the same platform', async () => {
    const rp = await oidcBusinessSystem(t);
    const me = await person();
    const tokens = await (await authorize(rp, me.client)).exchange();
    assert.equal(header(tokens.id_token!).alg, 'RS256');
    const keys = await platformKeys(t.baseUrl);
    assert.throws(() => verifySm2IdToken(tokens.id_token!, keys), /unexpected alg RS256/);
  });
});
