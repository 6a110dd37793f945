/**
 * 人类遗传资源管理（演示系统）: a business system signing in with OpenID Connect through the
 * platform, with openid-client as the relying party.
 *
 *   GET  /                    who is signed in (the claims received), or the 登录 link
 *   GET  /login               the system's entry URL: starts sign-in (code + PKCE + state + nonce)
 *   GET  /callback            the registered redirect URI: code exchanged, ID token checked
 *   POST /logout              退出: ends the local session, then RP-initiated logout at the platform
 *   POST /backchannel-logout  the platform's logout token: ends the matching local sessions
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import { listen, readForm, redirect, sendHtml, sendText, type DemoServer } from '../common/http.ts';
import { errorPage, signedInPage, signedOutPage, type ShownUser } from '../common/page.ts';
import { sessionStore } from '../common/sessions.ts';
import { InvalidLogoutToken, logoutTokenValidator, type LogoutTarget } from './logout-token.ts';

export const TITLE = '人类遗传资源管理（演示系统）';
const PROTOCOL = 'OpenID Connect';
/** Every scope the platform offers; phone yields the mobile only where the operator allowed it. */
const SCOPE = 'openid profile verification phone organization';
const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** Long enough to log in at the platform (with an SMS code) in the middle of a sign-in. */
const SIGN_IN_SECONDS = 30 * 60;

export interface OidcDemoOptions {
  /** The platform's base URL: the OIDC issuer (discovery at /.well-known/openid-configuration). */
  platformUrl: string;
  clientId: string;
  clientSecret: string;
  port: number;
  host?: string;
  /** Where browsers reach this system; redirect, post-logout and back-channel URIs are under it. */
  publicUrl?: string;
}

interface SignedIn {
  claims: oidc.IDToken;
  idToken: string;
}

interface SignInAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function startOidcDemo(options: OidcDemoOptions): Promise<DemoServer> {
  const secure = (options.publicUrl ?? '').startsWith('https:');
  const sessions = sessionStore<SignedIn>('hgr_demo_session', { idleSeconds: SESSION_IDLE_SECONDS, secure });
  const attempts = sessionStore<SignInAttempt>('hgr_demo_signin', { idleSeconds: SIGN_IN_SECONDS, secure });
  const platform = relyingParty(options);

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse, base: string) => Promise<void>> = {
    'GET /': async (request, response) => {
      const session = sessions.find(request);
      sendHtml(response, 200, session ? signedInPage(TITLE, PROTOCOL, shownUser(session.data.claims), session.data.claims) : signedOutPage(TITLE, PROTOCOL));
    },
    'GET /login': async (_request, response, base) => {
      const { config } = await platform.get();
      const attempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${base}/callback`,
        scope: SCOPE,
        state: attempt.state,
        nonce: attempt.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
        code_challenge_method: 'S256',
      });
      redirect(response, url.href, [attempts.create(attempt).cookie]);
    },
    'GET /callback': async (request, response, base) => {
      const { config } = await platform.get();
      const attempt = attempts.end(request);
      if (!attempt.data) return sendHtml(response, 400, errorPage(TITLE, PROTOCOL, 'no_sign_in', '登录已过期，请重新登录'), [attempt.cookie]);
      try {
        const tokens = await oidc.authorizationCodeGrant(config, new URL(request.url ?? '/', base), {
          pkceCodeVerifier: attempt.data.codeVerifier,
          expectedState: attempt.data.state,
          expectedNonce: attempt.data.nonce,
          idTokenExpected: true,
        });
        const session = sessions.create({ claims: tokens.claims()!, idToken: tokens.id_token! });
        redirect(response, '/', [attempt.cookie, session.cookie]);
      } catch (error) {
        const code = error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError ? error.error : 'sign_in_failed';
        sendHtml(response, 400, errorPage(TITLE, PROTOCOL, code, (error as Error).message), [attempt.cookie]);
      }
    },
    'POST /logout': async (request, response, base) => {
      const { config } = await platform.get();
      const ended = sessions.end(request);
      if (!ended.data) return redirect(response, '/', [ended.cookie]);
      // The platform asks whether to leave it too, then comes back to our home page.
      const url = oidc.buildEndSessionUrl(config, { id_token_hint: ended.data.idToken, post_logout_redirect_uri: `${base}/` });
      redirect(response, url.href, [ended.cookie]);
    },
    'POST /backchannel-logout': async (request, response) => {
      const { validateLogoutToken } = await platform.get();
      const token = (await readForm(request)).get('logout_token');
      if (!token) return sendText(response, 400, JSON.stringify({ error: 'invalid_request', error_description: 'logout_token missing' }), 'application/json');
      let target: LogoutTarget;
      try {
        target = await validateLogoutToken(token);
      } catch (error) {
        if (!(error instanceof InvalidLogoutToken)) throw error;
        return sendText(response, 400, JSON.stringify({ error: 'invalid_request', error_description: error.message }), 'application/json');
      }
      sessions.endWhere(({ claims }) => (target.sid ? claims.sid === target.sid : true) && (target.sub ? claims.sub === target.sub : true));
      sendText(response, 200, '');
    },
  };

  return listen(
    async (request, response, base) => {
      const route = routes[`${request.method} ${new URL(request.url ?? '/', base).pathname}`];
      if (route) await route(request, response, base);
      else sendText(response, 404, 'Not Found');
    },
    { port: options.port, host: options.host ?? 'localhost', ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) },
  );
}

/**
 * The platform as this system's OpenID provider: discovered on first use (the platform may
 * start after us), discovered again after a failure.
 */
function relyingParty(options: OidcDemoOptions) {
  let discovered: Promise<{ config: oidc.Configuration; validateLogoutToken: (token: string) => Promise<LogoutTarget> }> | undefined;
  const discover = async () => {
    const issuer = new URL(options.platformUrl);
    // Plain http only for a platform on this machine in development.
    const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
    const config = await oidc.discovery(issuer, options.clientId, undefined, oidc.ClientSecretBasic(options.clientSecret), { execute });
    const metadata = config.serverMetadata();
    const validateLogoutToken = logoutTokenValidator({ issuer: metadata.issuer, jwksUri: metadata.jwks_uri!, clientId: options.clientId });
    return { config, validateLogoutToken };
  };
  return {
    get() {
      discovered ??= discover().catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
      return discovered;
    },
  };
}

/** The platform's claims (see examples/README.md) as the page shows them. */
function shownUser(claims: oidc.IDToken): ShownUser {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const organization = claims.organization as { name: string; credit_code: string; type: string; region: string } | undefined;
  const actsFor = (claims.acts_for ?? null) as { organization_name: string; credit_code: string; roles: { code: string; name: string }[] } | null;
  return {
    accountId: claims.sub,
    loginName: text(claims.login_name) ?? '',
    name: text(claims.name) ?? '',
    accountType: text(claims.account_type) ?? '',
    verified: claims.verified === true,
    verificationStatus: text(claims.verification_status) ?? '',
    verificationMethod: text(claims.verification_method),
    documentType: text(claims.document_type),
    documentNumberMasked: text(claims.document_number_masked),
    mobile: text(claims.mobile),
    organization: organization ? { name: organization.name, creditCode: organization.credit_code, type: organization.type, region: organization.region } : null,
    actsFor: actsFor && { organizationName: actsFor.organization_name, creditCode: actsFor.credit_code, roles: actsFor.roles.map((role) => role.name) },
  };
}
