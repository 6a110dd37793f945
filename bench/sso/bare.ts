/**
 * The baseline of the SSO benchmark: a bare oidc-provider with the library's own in-memory
 * adapter, a findAccount that answers fixed claims and, instead of devInteractions, an
 * interaction that signs the one benchmark user in and grants the requested scopes at once
 * (no page). Configured as the platform's provider is where it changes the protocol's work:
 * the same scopes and claims (the same ID token), lifetimes, PKCE, refresh tokens issued
 * and rotated, client_secret_basic; so both answer the same requests with the same tokens.
 */
import http from 'node:http';
import Provider from 'oidc-provider';
import type { UserClaims } from '../../src/sso/claims.ts';
import { GRANTED_SCOPES, OIDC_TTL, SCOPE_CLAIMS } from '../../src/sso/oidc/rules.ts';
import type { OidcArtefactStore } from '../../src/sso/oidc/store.ts';
import { artefactAdapter, requestArtefacts } from '../../src/sso/oidc/unit-of-work.ts';

export const BARE_ACCOUNT = 'bench-account';

/** What the platform releases for the benchmark's person (王五, verified by the registry, no organisation). */
const CLAIMS: UserClaims = {
  sub: BARE_ACCOUNT,
  account_type: 'natural',
  login_name: 'bench_wangwu',
  name: '王五',
  verified: true,
  verification_status: 'registry_verified',
  verification_method: 'registry',
  realname_level: 'l3',
  document_type: 'resident_id',
  document_number_masked: '1101**********3018',
  acts_for: null,
};

export interface BareClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface BareProvider {
  issuer: string;
  client: BareClient;
  close(): Promise<void>;
}

/**
 * The bare provider; with `store`, its artefacts go to the platform's store (through the same
 * adapter and unit of work as the platform's provider) instead of the library's memory: a
 * reference that separates what durable, shared storage costs from what the platform adds.
 */
export async function startBareProvider(store?: OidcArtefactStore): Promise<BareProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const client: BareClient = { clientId: 'bench-bare', clientSecret: 'bench-bare-secret-0123456789abcdef0123456789', redirectUri: 'http://127.0.0.1:1/callback' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: ['http://127.0.0.1:1/'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        application_type: 'web',
      },
    ],
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    scopes: GRANTED_SCOPES,
    conformIdTokenClaims: false,
    ttl: { ...OIDC_TTL },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ ...CLAIMS, sub }) }),
    pkce: { required: () => true },
    issueRefreshToken: async (_ctx, c) => c.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Userinfo and introspection as the platform has them (its introspection answers a client about its own tokens only).
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true }, introspection: { enabled: true, allowedPolicy: async (_ctx, c, token) => token.clientId === c.clientId } },
    ...(store ? { adapter: (model: string) => artefactAdapter(model, store) } : {}),
  });
  if (store) provider.use(requestArtefacts(store));
  const handle = provider.callback();

  server.on('request', (request, response) => {
    if (!request.url?.startsWith('/interaction/')) return void handle(request, response);
    autoInteraction(provider, request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });

  return {
    issuer,
    client,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Login and consent in one step, as the platform's interaction does for a signed-in person. */
async function autoInteraction(provider: Provider, request: http.IncomingMessage, response: http.ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  const clientId = String(details.params.client_id);
  const grant = (details.grantId && (await provider.Grant.find(details.grantId))) || new provider.Grant({ accountId: BARE_ACCOUNT, clientId });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  const login = details.prompt.name === 'login' ? { login: { accountId: BARE_ACCOUNT } } : {};
  await provider.interactionFinished(request, response, { ...login, consent: { grantId } }, { mergeWithLastSubmission: true });
}
