/**
 * A business system's side of the system API, as small as a real one would write it: a token
 * from the client_credentials grant of its own OIDC client (scope `system`, kept until shortly
 * before it expires), sent as a Bearer token. Used by the demo seed, the example systems and tests.
 */
import { SYSTEM_API_SCOPE } from '../oidc/rules.ts';
import { SYSTEM_API_PREFIX } from './authenticate.ts';

export interface SystemApiAnswer<T = any> {
  status: number;
  body: T;
}

export interface SystemApiClient {
  /** A fresh or cached token; throws when the token endpoint refuses the client. */
  token(): Promise<string>;
  /** Calls SYSTEM_API_PREFIX + path with the token (a JSON body, if any). */
  call<T = any>(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<SystemApiAnswer<T>>;
}

/** Renewed this long before it expires. */
const EARLY_MS = 30_000;

export function systemApiClient(baseUrl: string, clientId: string, clientSecret: string): SystemApiClient {
  let cached: { value: string; until: number } | undefined;

  async function token(): Promise<string> {
    if (cached && cached.until > Date.now()) return cached.value;
    const response = await fetch(`${baseUrl}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: SYSTEM_API_SCOPE }),
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || !body.access_token) throw new Error(`client_credentials refused: ${response.status} ${body.error ?? ''}`);
    cached = { value: body.access_token, until: Date.now() + (body.expires_in ?? 60) * 1000 - EARLY_MS };
    return body.access_token;
  }

  return {
    token,
    async call(method, path, body) {
      const response = await fetch(`${baseUrl}${SYSTEM_API_PREFIX}${path}`, {
        method,
        headers: { authorization: `Bearer ${await token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
