/**
 * The baseline of the SSO benchmark: a bare oidc-provider with the library's own in-memory
 * adapter, a minimal findAccount and, instead of devInteractions, an interaction that signs
 * the one benchmark user in and grants the requested scopes at once (no page). Refresh tokens
 * are issued and rotated as the platform does, so both answer the same requests.
 */
import http from 'node:http';
import Provider from 'oidc-provider';

export const BARE_ACCOUNT = 'bench-account';

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

export async function startBareProvider(): Promise<BareProvider> {
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
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, name: '王五' }) }),
    pkce: { required: () => true },
    issueRefreshToken: async (_ctx, c) => c.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    features: { devInteractions: { enabled: false } },
  });
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
