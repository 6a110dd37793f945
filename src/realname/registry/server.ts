/**
 * The development identity registry: a small HTTP service standing in for the national
 * registry (国家平台实名认证) with synthetic identities. The platform reaches it only
 * through the production-shaped adapter in ../registry-client.ts.
 *
 *   POST /v1/persons/verify         signed; match | mismatch | not_found
 *   POST /v1/organizations/verify   signed; match | mismatch | not_found
 *   GET  /health                    unsigned
 *   GET|POST /control               unsigned fault injection, only with allowControl
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  REGISTRY_PATHS,
  organizationQuerySchema,
  personQuerySchema,
  type RegistryAnswer,
  type RegistryErrorCode,
} from '../registry-protocol.ts';
import { listenOn, readBodyText } from '../../platform/http/plain-http.ts';
import { requestAuthenticator } from './auth.ts';
import { verifyOrganization, verifyPerson, type Verdict } from './matching.ts';
import { loadRegistryData, type RegistryData } from './records.ts';

export { DEFAULT_DATA_FILE } from './records.ts';

/** What the standalone entry and the platform (in development) use when nothing is configured. */
export const DEV_REGISTRY_DEFAULTS = { port: 3100, host: '127.0.0.1', secret: 'dev-registry-secret' } as const;

const MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_SLOW_DELAY_MS = 5_000;

export type FaultMode = 'normal' | 'slow' | 'down';

const controlSchema = z.object({
  mode: z.enum(['normal', 'slow', 'down']),
  delayMs: z.number().int().min(0).max(600_000).optional(),
});

export interface RegistryServerOptions {
  dataFile: string;
  secret: string;
  /** When given, x-registry-key must equal it; otherwise any non-empty client id is accepted. */
  clientId?: string;
  /** Serve the unsigned /control endpoint (tests, testers). */
  allowControl?: boolean;
  now?: () => number;
  /** One line per verify request, e.g. for the standalone entry's console. */
  log?: (line: string) => void;
}

export interface RegistryServerStatus {
  mode: FaultMode;
  delayMs: number;
  /** Verify requests received (whatever the answer), since start. */
  verifyRequests: number;
}

export interface RegistryServer {
  /** Starts listening; resolves to the base URL. Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Base URL, e.g. http://127.0.0.1:3100; only after listen. */
  readonly url: string;
  status(): RegistryServerStatus;
}

const VERIFY_PATHS: ReadonlySet<string> = new Set(Object.values(REGISTRY_PATHS));

type Issue = { path: string; message: string };

/** The verdict for a verify path and its parsed JSON body, or the schema's complaints. */
function decide(data: RegistryData, path: string, json: unknown): { verdict: Verdict } | { issues: Issue[] } {
  const issuesOf = (error: z.ZodError) => ({ issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  if (path === REGISTRY_PATHS.verifyPerson) {
    const query = personQuerySchema.safeParse(json);
    return query.success ? { verdict: verifyPerson(data, query.data) } : issuesOf(query.error);
  }
  const query = organizationQuerySchema.safeParse(json);
  return query.success ? { verdict: verifyOrganization(data, query.data) } : issuesOf(query.error);
}

export function createRegistryServer(options: RegistryServerOptions): RegistryServer {
  const data = loadRegistryData(options.dataFile);
  const now = options.now ?? Date.now;
  const authenticate = requestAuthenticator({ secret: options.secret, clientId: options.clientId, now });
  const fault = { mode: 'normal' as FaultMode, delayMs: DEFAULT_SLOW_DELAY_MS };
  const pendingDelays = new Set<() => void>();
  let verifyRequests = 0;
  let url: string | undefined;

  const status = (): RegistryServerStatus => ({ mode: fault.mode, delayMs: fault.delayMs, verifyRequests });

  /** Resolves after ms, or at once when the server closes. */
  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });
  }

  async function handleVerify(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
    verifyRequests++;
    if (fault.mode === 'slow') await delay(fault.delayMs);
    if (fault.mode === 'down') return sendError(res, 503, 'REGISTRY_DOWN');
    const auth = authenticate({ method: req.method ?? '', path, headers: req.headers, body });
    if (!auth.ok) return sendError(res, 401, auth.code);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendError(res, 400, 'BAD_JSON');
    }
    const decision = decide(data, path, json);
    if ('issues' in decision) return sendError(res, 400, 'INVALID_REQUEST', { issues: decision.issues });
    const answer: RegistryAnswer = { requestId: randomUUID(), ...decision.verdict };
    options.log?.(`${path} ${auth.clientId} -> ${answer.result}${answer.mismatched ? ` (${answer.mismatched.join(', ')})` : ''}`);
    sendJson(res, 200, answer);
  }

  function handleControl(req: IncomingMessage, res: ServerResponse, body: string) {
    if (req.method === 'GET') return sendJson(res, 200, status());
    if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED');
    let parsed;
    try {
      parsed = controlSchema.safeParse(JSON.parse(body));
    } catch {
      return sendError(res, 400, 'BAD_JSON');
    }
    if (!parsed.success) return sendError(res, 400, 'INVALID_REQUEST');
    fault.mode = parsed.data.mode;
    if (parsed.data.delayMs !== undefined) fault.delayMs = parsed.data.delayMs;
    options.log?.(`control: mode ${fault.mode}${fault.mode === 'slow' ? `, delay ${fault.delayMs} ms` : ''}`);
    sendJson(res, 200, status());
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://registry').pathname;
    const body = await readBodyText(req, MAX_BODY_BYTES);
    if (body === undefined) return sendError(res, 413, 'BODY_TOO_LARGE');
    if (VERIFY_PATHS.has(path)) {
      return req.method === 'POST' ? handleVerify(req, res, path, body) : sendError(res, 405, 'METHOD_NOT_ALLOWED');
    }
    if (path === '/health' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (path === '/control' && options.allowControl) return handleControl(req, res, body);
    sendError(res, 404, 'NOT_FOUND');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendError(res, 500, 'INTERNAL'));
  });

  return {
    async listen(port = 0, host = '127.0.0.1') {
      url = await listenOn(server, port, host);
      return url;
    },
    async close() {
      for (const release of [...pendingDelays]) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    get url() {
      if (url === undefined) throw new Error('registry server is not listening');
      return url;
    },
    status,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: RegistryErrorCode, extra: Record<string, unknown> = {}) {
  sendJson(res, status, { error, ...extra });
}
