/**
 * The platform's oidc-provider instance. Built on first use, because the issuer is the
 * platform's base URL, known for sure only once the server listens (tests pick a free port);
 * rebuilt when the base URL or the published keys change (a rotation on any node).
 */
import Provider from 'oidc-provider';
import { SESSION_COOKIE } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';
import { casSingleLogout } from '../cas/service.ts';
import { claimsSourceOfToken } from '../claims.ts';
import { recordSignIn } from '../entry/oidc.ts';
import { providerConfiguration } from './configuration.ts';
import { clientFormActions } from './form-action.ts';
import { platformSid } from './platform-session.ts';
import { loadProviderKeys, publishedKeysFingerprint, rotateSigningKeys } from './keys.ts';
import { sm2IdTokens, sm2SigningKeys } from './sm2-id-tokens.ts';
import { KEY_CHECK_INTERVAL_MS, OIDC_PREFIX } from './rules.ts';
import { postgresOidcStore, type OidcArtefactStore } from './store.ts';
import { redisOidcStore } from './store-redis.ts';
import { DURABLE_MODELS, splitOidcStore } from './store-split.ts';
import { systemsCache } from './systems-cache.ts';
import { requestArtefacts, type ReadBeside } from './unit-of-work.ts';
import { countSignIn } from '../../ops/metrics/registry.ts';

interface BackchannelClient {
  backchannelLogout(sub: string, sid: string): Promise<void>;
}

interface Built {
  issuer: string;
  fingerprint: string;
  provider: Provider;
  handle: ReturnType<Provider['callback']>;
}

export interface OidcRuntime {
  store: OidcArtefactStore;
  /** Whether the provider trusts X-Forwarded-* headers (as the Fastify app does). */
  proxy: boolean;
  current(): Promise<Built>;
  /** Forget the instance: the next request builds one with the keys now published. */
  reset(): void;
}

const runtimes = new WeakMap<Platform, OidcRuntime>();

export function oidcRuntime(platform: Platform): OidcRuntime {
  let runtime = runtimes.get(platform);
  if (!runtime) {
    runtime = createRuntime(platform);
    runtimes.set(platform, runtime);
  }
  return runtime;
}

/**
 * Where the provider's artefacts are kept: PostgreSQL, or with Redis refresh tokens, grants and
 * sessions in PostgreSQL and the short-lived rest in Redis (store-split.ts). `redisPrefix` keeps
 * another provider's artefacts apart (bench/sso's reference).
 */
export function platformArtefactStore(platform: Platform, redisPrefix = 'oidc:'): OidcArtefactStore {
  return platform.redis
    ? splitOidcStore(postgresOidcStore(platform.db), redisOidcStore(platform.redis.client, `${platform.redis.prefix}${redisPrefix}`), {
        caches: { grants: platform.changes.cache('grant'), sessions: platform.changes.cache('session') },
      })
    : postgresOidcStore(platform.db);
}

/**
 * At the token endpoint, the account's claims are read at the same time as the code or refresh
 * token that names it, where that token is in PostgreSQL (codes are in Redis when there is one):
 * the endpoint then waits for one round trip before it builds the tokens, not two.
 */
function claimsBesideTokens(platform: Platform): ReadBeside {
  return (model, id) => (ISSUING_MODELS.has(model) && (!platform.redis || DURABLE_MODELS.has(model)) ? claimsSourceOfToken(platform.db, model, id) : undefined);
}
const ISSUING_MODELS = new Set(['AuthorizationCode', 'RefreshToken']);
const TOKEN_PATH = `${OIDC_PREFIX}/token`;

function createRuntime(platform: Platform): OidcRuntime {
  const store = platformArtefactStore(platform);
  const systems = systemsCache(platform);
  const claimsBeside = claimsBesideTokens(platform);
  let building: Promise<Built> | undefined;
  let checkedAt = 0;

  const build = async (): Promise<Built> => {
    const keys = await loadProviderKeys(platform);
    const issuer = platform.config.baseUrl;
    const provider = new Provider(issuer, providerConfiguration(platform, store, systems, keys));
    provider.proxy = runtime.proxy;
    // Outermost: each request's artefacts are written together before its response leaves.
    provider.use(requestArtefacts(store, (path) => (path === TOKEN_PATH ? claimsBeside : undefined)));
    provider.use(clientFormActions);
    provider.use(sm2IdTokens(sm2SigningKeys(keys.sm2), systems));
    watch(platform, provider);
    // Entry (src/sso/entry/oidc.ts): an organisation holds a system from its first sign-in.
    provider.on('authorization.success', (ctx) => {
      countSignIn('oidc', ctx.oidc.client?.clientId);
      return recordSignIn(platform, ctx);
    });
    checkedAt = Date.now();
    return { issuer, fingerprint: keys.fingerprint, provider, handle: provider.callback() };
  };

  const runtime: OidcRuntime = {
    store,
    proxy: false,
    async current() {
      const seen = building;
      const built = seen && (await seen.catch(() => undefined));
      if (built && built.issuer === platform.config.baseUrl && !(await keysChanged(built))) return built;
      // Requests that found the same stale instance share one rebuild.
      if (building === seen) building = build();
      return building!;
    },
    reset() {
      building = undefined;
    },
  };

  async function keysChanged(built: Built): Promise<boolean> {
    if (Date.now() - checkedAt < KEY_CHECK_INTERVAL_MS) return false;
    checkedAt = Date.now();
    return (await publishedKeysFingerprint(platform.db)) !== built.fingerprint;
  }

  return runtime;
}

/** Logs what the provider could not handle, and ends the platform session with an RP-initiated logout. */
function watch(platform: Platform, provider: Provider) {
  provider.on('server_error', (_ctx, error) => platform.log.error({ err: error }, 'oidc-provider server error'));
  provider.on('backchannel.error', (_ctx, error, client) => platform.log.warn({ err: error, clientId: client.clientId }, 'back-channel logout failed'));
  provider.on('end_session.success', (ctx) => {
    // Only the same account's platform session: a provider session ended because another
    // account logged in to the platform must leave that new login alone.
    const accountId = ctx.oidc.session?.accountId;
    const id = ctx.cookies.get(SESSION_COOKIE, { signed: false });
    if (!accountId || !id) return;
    platform.sessions
      .find(id)
      .then(async (session) => {
        if (session?.accountId !== accountId) return;
        // The platform session first (nothing may use it any more), then the CAS services it
        // signed in to (the OIDC ones are told by the provider itself).
        await platform.sessions.destroy(session.idHash);
        await casSingleLogout(platform, session.idHash);
      })
      .catch((error: unknown) => platform.log.error({ err: error }, 'ending the platform session failed'));
  });
}

/**
 * A new current signing key (RS256, ES256 and SM2SM3); the previous ones stay published until the
 * tokens they signed expire. Other nodes pick the new keys up within KEY_CHECK_INTERVAL_MS.
 */
export async function rotateSigningKey(platform: Platform): Promise<string[]> {
  const kids = await rotateSigningKeys(platform);
  oidcRuntime(platform).reset();
  return kids;
}

type Authorizations = Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;

/**
 * Ends every single sign-on session of an account (account disabled, operator's action,
 * password reset): each business system it entered gets a back-channel logout token, and
 * the tokens issued in those sessions are revoked. Returns the number of sessions ended.
 */
export async function endSsoSessionsFor(platform: Platform, accountId: string): Promise<number> {
  const runtime = oidcRuntime(platform);
  const { provider } = await runtime.current();
  const sessions = await runtime.store.sessionsOf(accountId);
  for (const { id, payload } of sessions) {
    await endAuthorizations(platform, provider, accountId, (payload.authorizations ?? {}) as Authorizations);
    await runtime.store.destroy('Session', id);
  }
  return sessions.length;
}

/**
 * Ends the single sign-on of one platform session (its logout): only the business systems
 * signed in from it, known by its sid (platformSid), get a back-channel logout token; the
 * account's sessions in other browsers and their systems are left alone. Returns the number
 * of systems told or ended.
 */
export async function endSsoSessionOf(platform: Platform, session: { idHash: string; accountId: string }): Promise<number> {
  const runtime = oidcRuntime(platform);
  const { provider } = await runtime.current();
  const sid = platformSid(session.idHash);
  let ended = 0;
  for (const { id, payload } of await runtime.store.sessionsOf(session.accountId)) {
    const authorizations = (payload.authorizations ?? {}) as Authorizations;
    if (!Object.values(authorizations).some((authorization) => authorization.sid === sid)) continue;
    // A provider session lives in one browser (its cookie): signed in from this platform
    // session, it ends with it, with every system it entered (one that kept the sid of an
    // earlier, expired platform session in the same browser is told with that sid).
    await endAuthorizations(platform, provider, session.accountId, authorizations);
    ended += Object.keys(authorizations).length;
    await runtime.store.destroy('Session', id);
  }
  return ended;
}

async function endAuthorizations(platform: Platform, provider: Provider, accountId: string, authorizations: Authorizations): Promise<void> {
  const runtime = oidcRuntime(platform);
  for (const [clientId, authorization] of Object.entries(authorizations)) {
    // backchannelLogout is public in oidc-provider but missing from its type definitions.
    const client = (await provider.Client.find(clientId)) as (BackchannelClient & { backchannelLogoutUri?: string }) | undefined;
    if (client?.backchannelLogoutUri && authorization.sid) {
      await client.backchannelLogout(accountId, authorization.sid).catch((error: Error) => {
        platform.log.warn({ err: error, clientId }, 'back-channel logout failed');
      });
    }
    if (authorization.grantId && !authorization.persistsLogout) await runtime.store.revokeGrant(authorization.grantId);
  }
}

/**
 * Called by the back office after it registers, changes or disables a business system: any
 * per-node knowledge of clients and services must be forgotten so the change applies at once
 * on this node. Other nodes keep what they read for at most SYSTEMS_CACHE_TTL_MS (5 s,
 * systems-cache.ts): a system disabled on one node may still sign in on another that long.
 */
export function systemsChanged(platform: Platform): void {
  systemsCache(platform).clear();
}
