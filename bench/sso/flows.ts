/**
 * The client side of one operation of the SSO benchmark, the same requests against the
 * platform and the bare provider: a browser (cookies kept by the test suite's ApiClient)
 * following the authorization redirects, and a business system's back end exchanging the
 * code, refreshing, or validating a CAS ticket. Transport: node:http with keep-alive, as
 * bench/login (fetch costs the client more CPU per request, taken from the servers on 2 cores).
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { ApiClient } from '../../test/support/client.ts';
import type { Steps } from '../login/loop.ts';
import type { BareClient } from './bare.ts';

const agent = new http.Agent({ keepAlive: true });

interface Reply {
  status: number;
  location: string | undefined;
  text: string;
}

function send(url: URL, options: { method?: string; headers?: Record<string, string>; body?: string; jar?: ApiClient }): Promise<Reply> {
  const { jar } = options;
  const cookie = jar?.cookies.size ? [...jar.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', agent, headers: { ...options.headers, ...(cookie ? { cookie } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          for (const line of res.headers['set-cookie'] ?? []) jar?.storeCookie(line);
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, text });
        });
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export interface Target {
  baseUrl: string;
  client: BareClient;
  scope: string;
  /** Where the provider sends the browser for an authorization request (its first redirect). */
  authorizePath: string;
  tokenPath: string;
  userinfoPath: string;
  introspectionPath: string;
  /** Cookies of the signed-in browser that survive between flows (the platform session), none for the bare provider. */
  cookies: [string, string][];
}

/** The platform's OIDC endpoints (src/sso/oidc/configuration.ts). */
export const PLATFORM_PATHS = { authorizePath: '/oidc/auth', tokenPath: '/oidc/token', userinfoPath: '/oidc/me', introspectionPath: '/oidc/token/introspection' };

const basic = (client: BareClient) => `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`;

async function tokenRequest(target: Target, params: Record<string, string>): Promise<{ access_token: string; refresh_token?: string }> {
  const reply = await send(new URL(target.tokenPath, target.baseUrl), {
    method: 'POST',
    headers: { authorization: basic(target.client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  if (reply.status !== 200) throw new Error(`token endpoint: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
  const body = JSON.parse(reply.text) as { access_token?: string; refresh_token?: string };
  if (!body.access_token) throw new Error('token endpoint: no access token');
  return body as { access_token: string; refresh_token?: string };
}

/**
 * One sign-in of the signed-in person into the business system, in a fresh provider session
 * (the person's first sign-in into this system today): authorize → interaction → authorize
 * (resumed) → code at the redirect URI → token exchange with the PKCE verifier.
 */
export async function codeFlow(target: Target, steps: Steps): Promise<{ access_token: string; refresh_token?: string }> {
  const browser = new ApiClient(target.baseUrl);
  for (const [name, value] of target.cookies) browser.cookies.set(name, value);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const query = new URLSearchParams({
    client_id: target.client.clientId,
    response_type: 'code',
    redirect_uri: target.client.redirectUri,
    scope: target.scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  let t = performance.now();
  let url = new URL(`${target.authorizePath}?${query}`, target.baseUrl);
  let code: string | undefined;
  for (let hop = 0; hop < 6 && !code; hop++) {
    const reply = await send(url, { jar: browser });
    if (reply.status < 300 || reply.status >= 400 || !reply.location) throw new Error(`authorization: HTTP ${reply.status} at ${url.pathname} ${reply.text.slice(0, 300)}`);
    url = new URL(reply.location, url);
    if (url.href.startsWith(target.client.redirectUri)) {
      if (url.searchParams.get('state') !== state) throw new Error(`authorization: ${url.search}`);
      code = url.searchParams.get('code') ?? undefined;
      if (!code) throw new Error(`authorization: no code, ${url.search}`);
    }
  }
  if (!code) throw new Error('authorization: too many redirects');
  steps.authorize = performance.now() - t;
  t = performance.now();
  const tokens = await tokenRequest(target, { grant_type: 'authorization_code', code, redirect_uri: target.client.redirectUri, code_verifier: verifier });
  steps.token = performance.now() - t;
  return tokens;
}

/** One refresh-token grant; the provider rotates the token, so the new one is returned for the next call. */
export async function refreshGrant(target: Target, refreshToken: string): Promise<string> {
  const tokens = await tokenRequest(target, { grant_type: 'refresh_token', refresh_token: refreshToken });
  if (!tokens.refresh_token) throw new Error('refresh: no new refresh token');
  return tokens.refresh_token;
}

/** One CAS sign-in of the signed-in browser: /cas/login → ticket at the service → /cas/p3/serviceValidate by the service. */
export async function casValidation(baseUrl: string, cookies: [string, string][], service: string, steps: Steps): Promise<void> {
  const browser = new ApiClient(baseUrl);
  for (const [name, value] of cookies) browser.cookies.set(name, value);
  let t = performance.now();
  const login = await send(new URL(`/cas/login?service=${encodeURIComponent(service)}`, baseUrl), { jar: browser });
  const ticket = login.location && new URL(login.location).searchParams.get('ticket');
  if (login.status !== 302 || !ticket) throw new Error(`/cas/login: HTTP ${login.status} ${login.text.slice(0, 300)}`);
  steps.login = performance.now() - t;
  t = performance.now();
  const validated = await send(new URL(`/cas/p3/serviceValidate?${new URLSearchParams({ service, ticket })}`, baseUrl), {});
  if (validated.status !== 200 || !validated.text.includes('<cas:authenticationSuccess>')) throw new Error(`/cas/p3/serviceValidate: HTTP ${validated.status} ${validated.text.slice(0, 300)}`);
  steps.validate = performance.now() - t;
}

/** A business system's back end asking for the person's claims with its access token. */
export async function userinfo(target: Target, accessToken: string): Promise<void> {
  const reply = await send(new URL(target.userinfoPath, target.baseUrl), { headers: { authorization: `Bearer ${accessToken}` } });
  if (reply.status !== 200 || !reply.text.includes('"sub"')) throw new Error(`userinfo: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
}

/** A business system asking whether its access token is still active (RFC 7662). */
export async function introspection(target: Target, accessToken: string): Promise<void> {
  const reply = await send(new URL(target.introspectionPath, target.baseUrl), {
    method: 'POST',
    headers: { authorization: basic(target.client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: accessToken }).toString(),
  });
  if (reply.status !== 200 || !reply.text.includes('"active":true')) throw new Error(`introspection: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
}
