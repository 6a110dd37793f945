/**
 * The OpenID Connect provider's rules, free of I/O: lifetimes, which claims each scope
 * releases, a business system's client metadata, and what the interaction page does.
 */
import { SESSION_IDLE_MS } from '../../platform/http/sessions.ts';
import { loginPathFor, passwordChangePathFor } from '../return-path.ts';
import type { BusinessSystem } from '../systems-store.ts';

const MINUTE = 60;

/** Lifetimes in seconds (SPEC §7; the provider session lives as long as a platform session). */
export const OIDC_TTL = {
  AccessToken: 10 * MINUTE,
  /** A business system's own token for the system API (client_credentials). */
  ClientCredentials: 10 * MINUTE,
  IdToken: 10 * MINUTE,
  RefreshToken: 8 * 60 * MINUTE,
  AuthorizationCode: 60,
  Session: SESSION_IDLE_MS / 1000,
  /** Long enough to log in (and receive an SMS code) in the middle of a sign-in. */
  Interaction: 30 * MINUTE,
  /** A grant lasts as long as the refresh tokens issued under it. */
  Grant: 8 * 60 * MINUTE,
} as const;

/** A retired signing key stays in JWKS until ID and logout tokens it signed have expired (with clock skew). */
export const RETIRED_KEY_PUBLISHED_SECONDS = OIDC_TTL.IdToken + 5 * MINUTE;

/** How often a node looks for signing keys rotated by another node. */
export const KEY_CHECK_INTERVAL_MS = 60_000;

/**
 * How long a node keeps the business systems it read (systems-cache.ts): the longest another
 * node may still act on a system as it was before the back office changed or disabled it
 * (the node where the change was made forgets at once, through systemsChanged).
 */
export const SYSTEMS_CACHE_TTL_MS = 5_000;

/** Where the provider's endpoints live; discovery stays at /.well-known/openid-configuration. */
export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PREFIX = '/sso/interaction';

/** The claims each scope releases (claimsFor computes them; mobile only where the system may have it). */
export const SCOPE_CLAIMS = {
  // acr: the real-name level (src/realname/levels.ts) in every ID token, asked for with acr_values or not.
  openid: ['sub', 'acr'],
  profile: ['name', 'login_name', 'account_type'],
  verification: ['verified', 'verification_status', 'verification_method', 'document_type', 'document_number_masked'],
  phone: ['mobile'],
  organization: ['organization', 'acts_for'],
} as const;

/**
 * The scope of a business system's own token (client_credentials grant): it calls the platform's
 * system API as itself, never on a person's behalf (src/sso/system-api/authenticate.ts).
 */
export const SYSTEM_API_SCOPE = 'system';

/** Every scope a government system is granted without a consent screen (they are the government's own). */
export const GRANTED_SCOPES = [...Object.keys(SCOPE_CLAIMS), 'offline_access'];

/** oidc-provider client metadata of a business system (enabled, with an OIDC client). */
export function clientMetadataFor(system: BusinessSystem) {
  const oidc = system.oidc;
  if (!oidc || !system.enabled) return undefined;
  return {
    client_id: oidc.clientId,
    client_secret: oidc.clientSecret,
    client_name: system.name,
    redirect_uris: oidc.redirectUris,
    post_logout_redirect_uris: oidc.postLogoutRedirectUris,
    ...(oidc.backchannelLogoutUri ? { backchannel_logout_uri: oidc.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    // client_credentials: the system's own token for the platform's system API (src/sso/system-api/).
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    // A system may send its secret either way, whatever is registered here: oidc-provider takes a
    // client secret in the Authorization header (client_secret_basic) or in the body
    // (client_secret_post) from a client registered with either (lib/shared/client_auth.js), not
    // both at once. So no per-system setting; discovery advertises both (oidc.int.test.ts).
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'web',
  };
}

export interface InteractionState {
  /** 'login' or 'consent': what oidc-provider asks of the interaction. */
  prompt: string;
  /** Why, e.g. no_session, login_prompt (prompt=login), max_age. */
  reasons: string[];
  /** max_age asked by the client, seconds. */
  maxAge: number | undefined;
  /** Where the interaction page is, e.g. /sso/interaction/abc. */
  path: string;
  /** When this interaction last sent the browser to the login page, ms since the epoch. */
  loginAskedAt: number | undefined;
}

export interface PlatformLogin {
  accountId: string;
  passwordChangeRequired: boolean;
  /** When the user logged in to the platform, ms since the epoch. */
  loggedInAt: number;
}

export type InteractionStep =
  | { kind: 'log_in'; location: string }
  | { kind: 'change_password'; location: string }
  | { kind: 'login'; accountId: string; loggedInAt: number }
  | { kind: 'consent' };

/** Whether interactionStep needs loginAskedAt: only a forced login (prompt=login, max_age) asks when the user last logged in for it. */
export function readsLoginAskedAt(prompt: string, reasons: string[]): boolean {
  return prompt === 'login' && (reasons.includes('login_prompt') || reasons.includes('max_age'));
}

/**
 * What the interaction page does:
 * - no platform session -> our login page, back here after;
 * - prompt=login, or a login older than max_age -> a new login, unless the user logged in since we asked;
 * - a session waiting for its password change -> the change page, back here after (issue 14.13:
 *   the user is logged in, the login form is not for them);
 * - otherwise finish with the platform's account, or grant the scopes (no consent screen).
 */
export function interactionStep(state: InteractionState, login: PlatformLogin | undefined, now: number): InteractionStep {
  if (!login) return { kind: 'log_in', location: loginPathFor(state.path) };
  if (state.prompt === 'login') {
    const loggedInSinceAsked = state.loginAskedAt !== undefined && login.loggedInAt > state.loginAskedAt;
    const forced = state.reasons.includes('login_prompt');
    const withinMaxAge = !forced && state.maxAge !== undefined && now - login.loggedInAt <= state.maxAge * 1000;
    if ((forced || state.reasons.includes('max_age')) && !loggedInSinceAsked && !withinMaxAge) {
      return { kind: 'log_in', location: loginPathFor(state.path, { force: true }) };
    }
  }
  if (login.passwordChangeRequired) return { kind: 'change_password', location: passwordChangePathFor(state.path) };
  if (state.prompt !== 'login') return { kind: 'consent' };
  return { kind: 'login', accountId: login.accountId, loggedInAt: login.loggedInAt };
}
