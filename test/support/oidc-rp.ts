/**
 * A business system signing in through the platform's OpenID Connect provider, for
 * integration tests: openid-client is the relying party, the browser a logged-in ApiClient
 * following redirects (browse.ts).
 */
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { systemsStore, type BusinessSystem, type IdTokenSigning } from '../../src/sso/systems-store.ts';
import type { ApiClient } from './client.ts';
import { followRedirects } from './browse.ts';
import type { TestPlatform } from './platform.ts';

export const RP_SCOPE = 'openid profile verification phone organization';

let count = 0;

/**
 * A business system with an OIDC client (refresh tokens included), registered straight in the
 * store, and its discovered configuration; `backchannelLogoutUri` where the test listens for
 * back-channel logout tokens; `idTokenSigning` SM2SM3 registers (and configures openid-client
 * for) ID tokens signed with SM2.
 */
export async function oidcBusinessSystem(
  t: TestPlatform,
  overrides: Partial<BusinessSystem> = {},
  { backchannelLogoutUri = null, idTokenSigning = 'RS256' }: { backchannelLogoutUri?: string | null; idTokenSigning?: IdTokenSigning } = {},
) {
  const n = ++count;
  const rp = `http://localhost:${4600 + n}`;
  const created = await systemsStore(t.platform.db, t.platform.cipher).create({
    key: `rp-${n}-${Date.now()}`,
    name: `测试业务系统${n}`,
    department: '测试司',
    audience: 'both',
    requiresVerification: false,
    requirements: [],
    requiresApproval: false,
    roles: [],
    oidc: {
      clientId: `rp-client-${n}-${Date.now()}`,
      clientSecret: `secret-${n}-0123456789abcdef0123456789abcdef`,
      redirectUris: [`${rp}/callback`],
      postLogoutRedirectUris: [`${rp}/`],
      backchannelLogoutUri,
      idTokenSigning,
    },
    casServicePrefix: null,
    mobileAllowed: false,
    enabled: true,
    ...overrides,
  });
  const client = created.oidc!;
  const metadata = { client_secret: client.clientSecret, id_token_signed_response_alg: idTokenSigning };
  const config = await oidc.discovery(new URL(t.baseUrl), client.clientId, metadata, undefined, { execute: [oidc.allowInsecureRequests] });
  return { system: created, config, redirectUri: client.redirectUris[0]!, postLogout: client.postLogoutRedirectUris[0]! };
}

export type RelyingParty = Awaited<ReturnType<typeof oidcBusinessSystem>>;

/** The browser goes through the authorization request (PKCE S256) and lands on the system's callback with a code. */
export async function authorize(rp: RelyingParty, browser: ApiClient) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    scope: RP_SCOPE,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const landed = await followRedirects(browser, url.href, { stopAt: rp.redirectUri });
  assert.ok(landed.url.href.startsWith(rp.redirectUri), `expected a redirect to the system, got ${landed.status} ${landed.url} ${landed.text.slice(0, 300)}`);
  /** The system exchanges the code at the token endpoint (again, to replay it). */
  const exchange = () => oidc.authorizationCodeGrant(rp.config, landed.url, { pkceCodeVerifier: verifier, expectedState: state });
  return { callback: landed.url, verifier, exchange };
}
