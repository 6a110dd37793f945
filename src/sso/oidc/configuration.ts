/**
 * oidc-provider's configuration for the platform: our store and keys, our login pages for
 * interactions, the claims of claimsFor, and the features SPEC §7 asks for (code + PKCE,
 * refresh, userinfo, introspection, revocation, RP-initiated and back-channel logout).
 */
import { interactionPolicy, type Account, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Platform } from '../../platform/platform.ts';
import { ACR_VALUES } from '../../realname/levels.ts';
import { cachedClaimsFor, claimsFor, type ClaimsSource } from '../claims.ts';
import { cachedGrantActing, grantActing } from '../entry/acting.ts';
import { entryPrompt } from '../entry/oidc.ts';
import { adapterFactory } from './adapter.ts';
import type { ProviderKeys } from './keys.ts';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.ts';
import { GRANTED_SCOPES, INTERACTION_PREFIX, OIDC_PREFIX, OIDC_TTL, SCOPE_CLAIMS, SYSTEM_API_SCOPE } from './rules.ts';
import type { OidcArtefactStore } from './store.ts';
import { platformSessionOf, platformSid, usePlatformSid } from './platform-session.ts';
import type { SystemsCache } from './systems-cache.ts';
import { readBeside } from './unit-of-work.ts';

const ROUTES = {
  authorization: '/auth',
  token: '/token',
  userinfo: '/me',
  jwks: '/jwks',
  introspection: '/token/introspection',
  revocation: '/token/revocation',
  end_session: '/session/end',
  // Not enabled, kept under the prefix all the same.
  backchannel_authentication: '/backchannel',
  code_verification: '/device',
  challenge: '/challenge',
  device_authorization: '/device/auth',
  pushed_authorization_request: '/request',
  registration: '/reg',
  credential: '/credential',
};

export function providerConfiguration(platform: Platform, store: OidcArtefactStore, systems: SystemsCache, keys: ProviderKeys): Configuration {
  return {
    adapter: adapterFactory(store, systems),
    clients: [],
    jwks: keys.jwks as Configuration['jwks'],
    cookies: { keys: keys.cookieKeys, long: { httpOnly: true, sameSite: 'lax' }, short: { httpOnly: true, sameSite: 'lax' } },
    routes: Object.fromEntries(Object.entries(ROUTES).map(([name, path]) => [name, OIDC_PREFIX + path])),
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    // 'system' only in a system's own client_credentials token (the code flow's grant never holds it).
    scopes: [...GRANTED_SCOPES, SYSTEM_API_SCOPE],
    // The ID token carries the claims of the granted scopes, so a system needs no userinfo call.
    conformIdTokenClaims: false,
    // Real-name assurance levels (src/realname/levels.ts): the session's acr, set at login (routes.ts) and kept current by the entry prompt.
    acrValues: [...ACR_VALUES],
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    pkce: { required: () => true },
    ttl: { ...OIDC_TTL },
    // Refresh tokens for every client allowed the grant (not only with offline_access), a new one at each use.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    findAccount: async (ctx, sub, token) => {
      const clientId = ctx.oidc.client?.clientId;
      const system = clientId ? await systems.byClientId(clientId) : undefined;
      if (!token && AUTHORIZATION_ROUTES.has(ctx.oidc.route)) return authorizingAccount(sub, () => claimsFor(platform, sub, system ?? NO_SYSTEM, undefined));
      // With a token (code, refresh token, access token): the organisation its grant acts for (授权, src/sso/entry/acting.ts),
      // looked up only where it counts (claimsFor reads it for systems that require a grant). Where a token is read,
      // not issued, both through this node's caches.
      const reading = token && READING_ROUTES.has(ctx.oidc.route);
      const actingFor = token ? (system?.requiresGrant ? ((await (reading ? cachedGrantActing : grantActing)(platform, token.grantId)) ?? null) : null) : undefined;
      // Undefined for a disabled or deleted account, or a lapsed authorisation: the token and userinfo endpoints then refuse.
      const claims = reading
        ? await cachedClaimsFor(platform, sub, system ?? NO_SYSTEM, actingFor ?? null)
        : await claimsFor(platform, sub, system ?? NO_SYSTEM, actingFor, token && (readBeside(token.kind, token.jti) as Promise<ClaimsSource | undefined> | undefined));
      return claims && { accountId: sub, claims: async () => ({ ...claims }) };
    },
    loadExistingGrant: grantEverything,
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}/${interaction.uid}`, policy: policy(platform, systems) },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      userinfo: { enabled: true },
      // Confidential clients, about their own tokens only (another system's token stays untouched).
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => ownToken(client, token) },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => ownToken(client, token) },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      backchannelLogout: { enabled: true },
      // A business system's own token for the system API (我的事项, 结果公示): src/sso/system-api/.
      clientCredentials: { enabled: true },
    },
    clientBasedCORS: () => false,
    renderError,
    // Business systems are registered by operators and often live on the government's internal
    // network, so back-channel logout must reach private addresses: no SSRF filter on our fetches.
    fetch: (url, options) => {
      const { dispatcher: _ignored, ...rest } = options as RequestInit & { dispatcher?: unknown };
      return fetch(url, rest);
    },
  };
}

const NO_SYSTEM = { id: '', mobileAllowed: false, requiresGrant: false };

/** Where a token already issued is read, not issued: claims may come from this node's cache (cachedClaimsFor). */
const READING_ROUTES = new Set(['userinfo', 'introspection']);

/** Where oidc-provider looks the session's account up before it asks the policy's prompts. */
const AUTHORIZATION_ROUTES = new Set(['authorization', 'resume']);

/**
 * The session's account at the authorization endpoint, its claims read only if asked for.
 * Codes carry no claims (the token endpoint reads them, and refuses a disabled account), and
 * every authorization request passes the policy's checks, which read the account anyway: the
 * platform session (its account enabled) and the entry checks last (refused: access_denied).
 */
function authorizingAccount(accountId: string, load: () => ReturnType<typeof claimsFor>): Account {
  return {
    accountId,
    async claims() {
      const claims = await load();
      if (!claims) throw new Error('the account was disabled or removed during the sign-in');
      return { ...claims };
    },
  };
}

const ownToken = (client: { clientAuthMethod?: string | undefined; clientId: string }, token: { clientId?: string | undefined }) =>
  client.clientAuthMethod !== undefined && client.clientAuthMethod !== 'none' && token.clientId === client.clientId;

/**
 * The government's own systems ask no consent: the grant of a session and client holds every
 * scope; the scopes of each request still limit what a token carries.
 */
async function grantEverything(ctx: KoaContextWithOIDC) {
  const { client, session, result, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant = existing?.accountId === session.accountId ? existing : new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  const held = new Set((grant.getOIDCScope() ?? '').split(' '));
  if (grant !== existing || GRANTED_SCOPES.some((scope) => !held.has(scope))) {
    grant.addOIDCScope(GRANTED_SCOPES.join(' '));
    await grant.save();
  }
  return grant;
}

/**
 * The provider's login follows the platform's: a provider session whose platform session
 * ended (logout, expiry), changed account or awaits a password change asks for login again.
 */
function policy(platform: Platform, systems: SystemsCache) {
  const { base, Check } = interactionPolicy;
  const prompts = base();
  prompts.get('login')?.checks.add(
    new Check('platform_session', 'the platform session ended or belongs to another account', 'login_required', async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return Check.NO_NEED_TO_PROMPT;
      // Straight back from the interaction page, which has just signed the provider session in
      // from this very platform session (routes.ts): not read again.
      const result = ctx.oidc.result as { login?: { accountId?: string }; platformSid?: unknown } | undefined;
      if (ctx.oidc.route === 'resume' && result?.login?.accountId === accountId && typeof result.platformSid === 'string') {
        usePlatformSid(ctx, result.platformSid);
        return Check.NO_NEED_TO_PROMPT;
      }
      const session = await platformSessionOf(platform, ctx);
      const same = session && !session.passwordChangeRequired && session.accountId === accountId;
      if (!same) return Check.REQUEST_PROMPT;
      // One platform session, one sid, for every system it enters (platform-session.ts).
      usePlatformSid(ctx, platformSid(session.idHash));
      return Check.NO_NEED_TO_PROMPT;
    }),
  );
  // Entry checks (src/sso/entry/oidc.ts), last: an account the client's system refuses gets no code.
  prompts.add(entryPrompt(platform, systems.store));
  return prompts;
}
