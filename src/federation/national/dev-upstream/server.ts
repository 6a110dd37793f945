/**
 * The development upstream: a small oidc-provider instance standing in for the national
 * government service platform (国家政务服务平台), started beside the platform in development
 * (src/main.ts) and by every test platform. Its people are the development registry's
 * synthetic persons (people.ts); its pages are its own (pages.ts).
 *
 *   /.well-known/openid-configuration, /auth, /token, /me, /jwks   oidc-provider
 *   GET  /interaction/:uid            login (账号 / 密码) or consent (同意授权 / 拒绝授权)
 *   POST /interaction/:uid/login      checks 账号 / 密码
 *   POST /interaction/:uid/confirm    grants the scopes asked for
 *   POST /interaction/:uid/abort      error=access_denied back to the platform
 *   GET|POST /control                 tests only (allowControl): {loginName, documentNumber} makes
 *                                     a person's upstream document differ; {reset: true} undoes it
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import { z } from 'zod';
import { listenOn, readBodyText } from '../../../platform/http/plain-http.ts';
import { consentPage, expiredPage, loginPage } from './pages.ts';
import { loadPeople, type UpstreamPerson } from './people.ts';

/** The scopes and claims the national platform releases to the platform (README: 国家政务服务平台账号登录). */
export const UPSTREAM_SCOPES = ['openid', 'profile', 'identity'] as const;
export const UPSTREAM_CLAIMS = {
  openid: ['sub'],
  profile: ['name'],
  identity: ['document_type', 'document_number', 'verification_level'],
} as const;

export const DEV_UPSTREAM_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 16 * 1024;
const CLIENT_NAME = '科学技术部政务服务平台';

const controlSchema = z.union([
  z.object({ reset: z.literal(true) }),
  z.object({ loginName: z.string().min(1), documentNumber: z.string().min(1), documentType: z.string().min(1).optional() }),
]);

/** Seconds each artefact lives: short, this is a development stand-in. */
const DEV_TTL_SECONDS = { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 } as const;

type Stored = { payload: Record<string, unknown>; expiresAt: number };

/** oidc-provider's storage, in memory and per instance: the development upstream forgets everything on restart, as it may. */
function memoryAdapter() {
  const store = new Map<string, Stored>();
  return class MemoryAdapter {
    private readonly model: string;
    constructor(model: string) {
      this.model = model;
    }
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
      const expiresAt = Date.now() + expiresIn * 1000;
      for (const [key, entry] of store) if (entry.expiresAt < Date.now()) store.delete(key);
      store.set(this.key(id), { payload, expiresAt });
      if (typeof payload.uid === 'string') store.set(this.key(`uid:${payload.uid}`), { payload: { id }, expiresAt });
    }
    async find(id: string) {
      const entry = store.get(this.key(id));
      return entry && entry.expiresAt >= Date.now() ? entry.payload : undefined;
    }
    async findByUid(uid: string) {
      const ref = await this.find(`uid:${uid}`);
      return ref ? this.find(String(ref.id)) : undefined;
    }
    async findByUserCode() {
      return undefined;
    }
    async consume(id: string) {
      const entry = store.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    }
  };
}

export interface DevUpstreamOptions {
  dataFile: string;
  clientId: string;
  clientSecret: string;
  /** Serve the unsigned /control endpoint (tests). */
  allowControl?: boolean;
}

export interface DevUpstream {
  /** Starts listening; resolves to the issuer URL. Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  /** The platform's callback, known once the platform listens: the client is (re)registered with it. */
  registerClient(redirectUri: string): void;
  close(): Promise<void>;
  readonly url: string;
  readonly people: readonly UpstreamPerson[];
}

export function createDevUpstream(options: DevUpstreamOptions): DevUpstream {
  const people = loadPeople(options.dataFile);
  const overrides = new Map<string, Partial<Pick<UpstreamPerson, 'documentType' | 'documentNumber'>>>();
  const bySub = (sub: string) => {
    const person = people.find((p) => p.sub === sub);
    return person && { ...person, ...overrides.get(person.loginName) };
  };
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const cookieKeys = [randomBytes(32).toString('base64url')];
  let url: string | undefined;
  let provider: Provider | undefined;
  let handle: ReturnType<Provider['callback']> | undefined;

  const adapter = memoryAdapter();
  const configuration = (redirectUri: string): Configuration => ({
    adapter,
    ttl: DEV_TTL_SECONDS,
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        client_name: CLIENT_NAME,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...jwk, use: 'sig', alg: 'RS256', kid: 'dev-upstream' } as never] },
    // Distinct names: browsers share cookies across ports of one host, and the platform's own provider uses the defaults.
    cookies: {
      keys: cookieKeys,
      names: { session: '_national_session', interaction: '_national_interaction', resume: '_national_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    claims: Object.fromEntries(Object.entries(UPSTREAM_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    scopes: [...UPSTREAM_SCOPES],
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const person = bySub(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          name: person.name,
          document_type: person.documentType,
          document_number: person.documentNumber,
          verification_level: person.verificationLevel,
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `${out.error}: ${out.error_description ?? ''}`;
    },
  });

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    if (!provider) return send(res, 503, 'text/plain', 'not configured');
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return send(res, 400, 'text/html', expiredPage());
    }
    if (details.uid !== uid) return send(res, 400, 'text/plain', 'interaction mismatch');
    const base = `/interaction/${uid}`;
    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'login') return send(res, 200, 'text/html', loginPage({ action: `${base}/login`, people }));
      const person = bySub(String(details.session?.accountId ?? ''));
      return send(res, 200, 'text/html', consentPage({ confirmAction: `${base}/confirm`, abortAction: `${base}/abort`, clientName: CLIENT_NAME, personName: person?.name ?? '' }));
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'method not allowed');
    const form = new URLSearchParams((await readBodyText(req, MAX_BODY_BYTES)) ?? '');
    if (action === 'login') {
      const loginName = form.get('username') ?? '';
      const person = people.find((p) => p.loginName === loginName && p.password === form.get('password'));
      if (!person) return send(res, 200, 'text/html', loginPage({ action: `${base}/login`, people, loginName, error: '账号或密码错误' }));
      return provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
    }
    if (action === 'confirm') {
      const accountId = String(details.session?.accountId ?? '');
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (action === 'abort') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User denied the authorization' }, { mergeWithLastSubmission: false });
    }
    send(res, 404, 'text/plain', 'not found');
  }

  async function control(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET') return send(res, 200, 'application/json', JSON.stringify(Object.fromEntries(overrides)));
    let parsed;
    try {
      parsed = controlSchema.safeParse(JSON.parse((await readBodyText(req, MAX_BODY_BYTES)) ?? ''));
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ error: 'BAD_JSON' }));
    }
    if (!parsed.success) return send(res, 400, 'application/json', JSON.stringify({ error: 'INVALID_REQUEST' }));
    if ('reset' in parsed.data) overrides.clear();
    else {
      const { loginName, documentNumber, documentType } = parsed.data;
      if (!people.some((p) => p.loginName === loginName)) return send(res, 404, 'application/json', JSON.stringify({ error: 'NOT_FOUND' }));
      overrides.set(loginName, { documentNumber, ...(documentType ? { documentType } : {}) });
    }
    send(res, 200, 'application/json', JSON.stringify(Object.fromEntries(overrides)));
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://upstream').pathname;
    const match = path.match(/^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/);
    if (match) return interaction(req, res, match[1]!, match[2]);
    if (path === '/control' && options.allowControl) return control(req, res);
    if (!handle) return send(res, 503, 'text/plain', 'not configured');
    return handle(req, res);
  }

  const server = createServer((req, res) => {
    handleRequest(req, res).catch(() => send(res, 500, 'text/plain', 'internal error'));
  });

  return {
    people,
    async listen(port = 0, host = DEV_UPSTREAM_HOST) {
      url = await listenOn(server, port, host);
      return url;
    },
    registerClient(redirectUri: string) {
      if (!url) throw new Error('the development upstream is not listening');
      provider = new Provider(url, configuration(redirectUri));
      handle = provider.callback();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    get url() {
      if (url === undefined) throw new Error('the development upstream is not listening');
      return url;
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(body);
}
