/**
 * The platform as an OpenID Connect relying party of the national government service platform,
 * through openid-client: discovery (cached once it succeeds), authorization code + PKCE (S256) +
 * state + nonce, the ID token validated by openid-client, claims completed from userinfo.
 */
import * as oidc from 'openid-client';
import { nationalIdpEnabled } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { NATIONAL_CALLBACK_PATH, NATIONAL_SCOPE, upstreamErrorCode, upstreamPersonFrom, type UpstreamPerson } from './rules.ts';

/** Seconds the upstream has to answer each request. */
const UPSTREAM_TIMEOUT_SECONDS = 5;

/** What the platform keeps (server-side) between leaving for the upstream and coming back. */
export interface FlowChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface NationalUpstream {
  /** The upstream's authorization URL for a new flow, and the checks to keep. */
  start(): Promise<{ url: URL; checks: FlowChecks }>;
  /** The callback URL's code exchanged and validated against the kept checks: the person. */
  finish(callbackUrl: URL, checks: FlowChecks): Promise<UpstreamPerson>;
}

const upstreams = new WeakMap<Platform, NationalUpstream>();

export function nationalUpstream(platform: Platform): NationalUpstream {
  let upstream = upstreams.get(platform);
  if (!upstream) {
    upstream = createUpstream(platform);
    upstreams.set(platform, upstream);
  }
  return upstream;
}

function createUpstream(platform: Platform): NationalUpstream {
  let discovered: Promise<oidc.Configuration> | undefined;
  const redirectUri = () => platform.config.baseUrl + NATIONAL_CALLBACK_PATH;

  const configuration = (): Promise<oidc.Configuration> => {
    const { issuer, clientId, clientSecret } = platform.config.nationalIdp;
    if (!nationalIdpEnabled(platform.config) || !issuer || !clientId || !clientSecret) return Promise.reject(new AppError('NATIONAL_DISABLED', 404));
    discovered ??= oidc
      .discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
        timeout: UPSTREAM_TIMEOUT_SECONDS,
        // Only the development upstream speaks plain HTTP.
        ...(platform.config.production ? {} : { execute: [oidc.allowInsecureRequests] }),
      })
      .then((config) => {
        config.timeout = UPSTREAM_TIMEOUT_SECONDS;
        return config;
      });
    // A failed discovery is tried again next time: the upstream may be back.
    return discovered.catch((error: unknown) => {
      discovered = undefined;
      platform.log.warn({ err: describe(error) }, 'national platform discovery failed');
      throw new AppError('NATIONAL_UNREACHABLE', 502);
    });
  };

  return {
    async start() {
      const config = await configuration();
      const checks: FlowChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(),
        scope: NATIONAL_SCOPE,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },

    async finish(callbackUrl, checks) {
      const config = await configuration();
      let tokens;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw asAppError(platform, error);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new AppError('NATIONAL_UPSTREAM_ERROR', 502);
      let userinfo: Record<string, unknown> = {};
      try {
        userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (error) {
        platform.log.warn({ err: describe(error) }, 'national platform userinfo failed; the ID token claims alone are used');
      }
      const person = upstreamPersonFrom(config.serverMetadata().issuer, { ...idClaims, ...userinfo, sub: idClaims.sub });
      if (!person) throw new AppError('NATIONAL_CLAIMS_INVALID', 502);
      return person;
    },
  };
}

/** The upstream's refusal, a check that failed, or no answer at all, as the login page's message. */
function asAppError(platform: Platform, error: unknown): AppError {
  if (error instanceof oidc.AuthorizationResponseError) return new AppError(upstreamErrorCode(error.error), 400);
  if (error instanceof oidc.ResponseBodyError) {
    platform.log.warn({ err: describe(error) }, 'national platform token endpoint refused');
    return new AppError('NATIONAL_UPSTREAM_ERROR', 502);
  }
  const code = (error as { code?: string }).code;
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' || code === 'OAUTH_INVALID_RESPONSE' || code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    platform.log.warn({ err: describe(error) }, 'national platform answer failed validation');
    return new AppError('NATIONAL_UPSTREAM_ERROR', 502);
  }
  platform.log.warn({ err: describe(error) }, 'national platform unreachable');
  return new AppError('NATIONAL_UNREACHABLE', 502);
}

/** Name, code and message only: never a token or a claim in the logs. */
function describe(error: unknown) {
  return error instanceof Error ? { name: error.name, code: (error as { code?: string }).code, message: error.message } : { message: String(error) };
}
